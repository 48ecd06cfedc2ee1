// Range indexes for the lookups and filters the API makes.
// Names are part of the contract with the API: keep them stable (see schema/README.md).

// Entities by (canonical) name, exact or prefix: "who is Antony Blinken?".
CREATE INDEX entity_name IF NOT EXISTS
FOR (e:Entity) ON (e.name);

// Actors by kind: person | group | anonymous.
CREATE INDEX actor_kind IF NOT EXISTS
FOR (e:Actor) ON (e.kind);

// Claims newest first (the unfiltered list and the claim counts by day walk this index):
// `day` is the claim's date, else its article's day, else 0001-01-01 (unknown), written
// by the loader.
CREATE INDEX claim_day IF NOT EXISTS
FOR (c:Claim) ON (c.day);

// Claims written before `day` existed get it here (idempotent: only claims without it,
// so after the first run this is a scan that writes nothing).
MATCH (c:Claim) WHERE c.day IS NULL
CALL (c) {
  OPTIONAL MATCH (c)-[:REPORTED_IN]->(a:Article)
  SET c.day = coalesce(c.stated_on, date(a.published_at), date('0001-01-01'))
} IN TRANSACTIONS OF 10000 ROWS;

// Articles by publication date and by URL.
CREATE INDEX article_published_at IF NOT EXISTS
FOR (a:Article) ON (a.published_at);

CREATE INDEX article_url IF NOT EXISTS
FOR (a:Article) ON (a.url);

// Indexes no query uses, dropped: each cost every write an index update (together with
// eventually consistent full-text indexes, the loader writes ~25% more articles a second;
// docs/benchmarks.md). Claim kind has four values (an index seek is no better than the
// scan); the API filters sources case-insensitively (toLower, which no index serves);
// nothing looks articles up by hash; counts by date walk `claim_day` (a dated claim's
// `day` is its `stated_on`). `Article.ingested_at` is indexed again by 004_ingested_at.cypher
// (the subscriptions' watermark).
DROP INDEX claim_kind IF EXISTS;
DROP INDEX claim_stated_on IF EXISTS;
DROP INDEX article_sha256 IF EXISTS;
DROP INDEX article_source IF EXISTS;
// One statement, many reports: the loader finds the claims a new report may be the same
// statement as by their keys (speaker + normalised words, speaker + word 3-grams; see
// kgapi/graph/statement_identity.py), never by scanning a speaker's claims.
// The keys are (:Claim)-[:KEYED {key, runs}]->(the same claim) loops: one relationship a
// key; `runs` (not indexed) holds the tags of the 7-word windows behind the key, read after
// the seek: a claim sharing only a common phrase's key is not read back.
CREATE INDEX quote_key IF NOT EXISTS
FOR ()-[k:KEYED]-() ON (k.key);
