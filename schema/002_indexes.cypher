// Range indexes for the lookups and filters the API makes.
// Names are part of the contract with the API: keep them stable (see schema/README.md).

// Entities by (canonical) name, exact or prefix: "who is Antony Blinken?".
CREATE INDEX entity_name IF NOT EXISTS
FOR (e:Entity) ON (e.name);

// Actors by kind: person | group | anonymous.
CREATE INDEX actor_kind IF NOT EXISTS
FOR (e:Actor) ON (e.kind);

// Claims filtered by kind (direct | indirect | partial | belief) and by date.
CREATE INDEX claim_kind IF NOT EXISTS
FOR (c:Claim) ON (c.kind);

CREATE INDEX claim_stated_on IF NOT EXISTS
FOR (c:Claim) ON (c.stated_on);

// Claims newest first (the unfiltered list pages in this index's order): `day` is the
// claim's date, else its article's day, else 0001-01-01 (unknown), written by the loader.
CREATE INDEX claim_day IF NOT EXISTS
FOR (c:Claim) ON (c.day);

// Claims written before `day` existed get it here (idempotent: only claims without it,
// so after the first run this is a scan that writes nothing).
MATCH (c:Claim) WHERE c.day IS NULL
CALL (c) {
  OPTIONAL MATCH (c)-[:REPORTED_IN]->(a:Article)
  SET c.day = coalesce(c.stated_on, date(a.published_at), date('0001-01-01'))
} IN TRANSACTIONS OF 10000 ROWS;

// Articles by publication date, URL, content hash, source.
CREATE INDEX article_published_at IF NOT EXISTS
FOR (a:Article) ON (a.published_at);

CREATE INDEX article_url IF NOT EXISTS
FOR (a:Article) ON (a.url);

CREATE INDEX article_sha256 IF NOT EXISTS
FOR (a:Article) ON (a.sha256);

CREATE INDEX article_source IF NOT EXISTS
FOR (a:Article) ON (a.source);

CREATE INDEX article_ingested_at IF NOT EXISTS
FOR (a:Article) ON (a.ingested_at);
