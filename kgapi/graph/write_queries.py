"""Every Cypher statement of the write path, in one place.

Rules these follow (and any new one must): values only as parameters (`$rows`, `$ids`),
one `UNWIND` per batch of rows, labels only from `rows.ENTITY_LABELS` and property names
only from `rows.ARTICLE_PROPERTIES` / `rows.CLAIM_PROPERTIES` (fixed allow-lists: Cypher
cannot take labels as parameters), nodes written before the relationships that join them,
no `Eager` in a plan (it materialises every row of the batch). The writer runs them inside
`session.execute_write` transaction functions.

The relationships owned by an article (REPORTED_IN, MENTIONS) and claims new to the graph
are written with CREATE, not MERGE: the writer removes an article's reports and mentions
before rewriting it and never puts one article twice in a transaction, so they cannot
already exist, and CREATE skips MERGE's per-row lookups. A claim is shared by the articles
that report it (one statement, many reports): `claim_merge` decides, from the
`quote_key` index, whether a report makes a new claim or joins one. AFFILIATED_WITH is
shared across articles and is MERGEd.
"""

from __future__ import annotations

from kgapi.graph import mention_keys
from kgapi.graph.aggregates import COUNT_CLAIM, UNCOUNT_CLAIM
from kgapi.graph.rows import (
    ARTICLE_PROPERTIES,
    CLAIM_DATE_PROPERTIES,
    CLAIM_PROPERTIES,
    ENTITY_LABELS,
    TEMPORAL_PROPERTIES,
)

EXISTING_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.sha256 AS sha256, a.extraction_hash AS extraction_hash
"""
"""Which of `$ids` are already in the graph, with the hashes that decide 'unchanged'."""

ARTICLE_REFERENCES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a) {
  MATCH (a)-[:MENTIONS]->(e:Entity)
  RETURN e
  UNION
  MATCH (a)<-[:REPORTED_IN]-(:Claim)-[:ABOUT|STATED]-(e:Entity)
  RETURN e
}
WITH DISTINCT e
OPTIONAL MATCH (e)-[:AFFILIATED_WITH]->(o:Entity)
WITH collect(DISTINCT e.id) + collect(DISTINCT o.id) AS found
UNWIND found AS entity_id
RETURN DISTINCT entity_id
"""
"""Entities the articles `$ids` reference (and their organizations): the only ones that can
become orphans when those articles are replaced or deleted."""

_CLAIM_REPORTS = """
OPTIONAL MATCH (s:Entity)-[:STATED]->(c)
CALL (c) {
  MATCH (c)-[r:REPORTED_IN]->(a:Article)
  RETURN collect({props: properties(r), article_id: a.id,
    published_at: split(toString(a.published_at), '[')[0]}) AS reports
}
RETURN c {.*} AS claim, s.id AS speaker_id, reports,
  [(c)-[x:ABOUT]->(e:Entity) | [e.id, coalesce(x.basis, 'text')]] AS about
"""

CLAIMS_BY_KEYS = (
    """
MATCH (c:Claim)-[k:KEYED]->() WHERE k.key IN $keys
  AND (k.runs IS NULL OR any(tag IN k.runs WHERE tag IN $tags))
WITH DISTINCT c
"""
    + _CLAIM_REPORTS
)
"""The claims holding one of `$keys` (`quote_key` relationship index seeks) with one of
`$tags` in its `runs` (a shared run of 7 words) or with none (a fingerprint, or a key
written before tags were), each with its speaker, every report (the REPORTED_IN properties,
the article and its date) and its subjects: the only claims new reports can be the same
statement as (`statement_identity`). A claim that shares only a common phrase's key is not
read back: its key's tags are other windows'. (One flat list of tags, not tags per key: a
tag stands for a window's 7 words, which select one key; one multi-value seek instead of a
seek per probe row.)"""


CLAIMS_OF_ARTICLES = (
    """
UNWIND $ids AS id
MATCH (:Article {id: id})<-[:REPORTED_IN]-(c:Claim)
WITH DISTINCT c
"""
    + _CLAIM_REPORTS
)
"""The claims reported in articles `$ids`, shaped as `CLAIMS_BY_KEYS`'s."""

DELETE_CLAIM_NODES = f"""
UNWIND $ids AS id
MATCH (c:Claim {{id: id}})
{UNCOUNT_CLAIM}
DETACH DELETE c
"""
"""Delete claims `$ids` with every edge, their index keys included (to rebuild, or gone),
and uncount them (`aggregates`)."""

DELETE_MENTIONS = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->()
DELETE m
RETURN count(*) AS deleted
"""
"""Delete the MENTIONS edges of articles `$ids`."""

DELETE_ARTICLE = """
MATCH (a:Article {id: $id})
DETACH DELETE a
RETURN count(*) AS deleted
"""
"""Delete one article node (its claims and mentions must be gone first)."""

DELETE_ORPHANS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (e)<-[:MENTIONS|ABOUT|AFFILIATED_WITH]-() }
  AND NOT EXISTS { (e)-[:STATED]->() }
DETACH DELETE e
RETURN count(*) AS deleted
"""
"""Delete those of `$ids` that nothing references any more: no article mentions them, no
claim is about them, they stated nothing and no one is affiliated with them. Run twice:
removing an orphan actor can orphan its organization."""

RECOMPUTE_ALIASES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  OPTIONAL MATCH (:Article)-[m:MENTIONS]->(e)
  UNWIND coalesce(m.aliases, []) AS alias
  RETURN collect(DISTINCT alias) AS seen
}
SET e.aliases = CASE WHEN e.name IN seen THEN seen ELSE [e.name] + seen END
"""
"""After a replace or delete: an entity's aliases become the union of the surface forms the
articles still mentioning it carry (MENTIONS.aliases), so removed articles' forms go."""


def _value(name: str) -> str:
    """`row.<name>`, through `date()`/`datetime()` for the properties that travel as ISO
    strings (`rows.TEMPORAL_PROPERTIES`)."""
    function = TEMPORAL_PROPERTIES.get(name)
    return f"{function}(row.{name})" if function else f"row.{name}"


_ARTICLE_SET = ", ".join(f"a.{name} = {_value(name)}" for name in ARTICLE_PROPERTIES)
_CLAIM_MAP = ", ".join(f"{name}: {_value(name)}" for name in CLAIM_PROPERTIES)
_CLAIM_SET = ", ".join(f"c.{name} = {_value(name)}" for name in CLAIM_PROPERTIES)

MERGE_ARTICLES = f"""
UNWIND $rows AS row
MERGE (a:Article {{id: row.id}})
SET {_ARTICLE_SET}, a.ingested_at = datetime()
WITH a, row
UNWIND row.mentions AS m
MATCH (e:Entity {{id: m.entity_id}})
CREATE (a)-[:MENTIONS {{count: m.count, aliases: m.aliases, {mention_keys.ON_CREATE}}}]->(e)
"""
"""Create or update article nodes (a null value removes the property) with their
(:Article)-[:MENTIONS {count, aliases, entity, published}]->(:Entity) edges (aliases: this
article's forms; `entity` and `published`: the keys of an entity's newest articles,
`mention_keys`).
Entities are written before. The property names come from `rows.ARTICLE_PROPERTIES`."""

_MERGE_ENTITIES = """
UNWIND $rows AS row
MERGE (e:{label} {{id: row.id}})
  ON CREATE SET e:Entity, e.name = row.name, e.aliases = row.aliases,
    e.kind = row.kind, e.role = row.role
  // Write only what changes: setting a property to the value it already has still costs
  // a property record and a full-text index update at commit. A SET on a null target
  // (the CASE without ELSE) is a no-op; unlike FOREACH tricks it adds no Eager.
  ON MATCH SET
    (CASE WHEN any(alias IN row.aliases WHERE NOT alias IN coalesce(e.aliases, [])) THEN e END)
      .aliases = coalesce(e.aliases, [])
        + [alias IN row.aliases WHERE NOT alias IN coalesce(e.aliases, [])],
    (CASE WHEN row.role IS NOT NULL AND row.role <> coalesce(e.role, '') THEN e END)
      .role = row.role,
    (CASE WHEN row.kind IS NOT NULL AND e.kind IS NULL THEN e END).kind = row.kind
"""

MERGE_ENTITIES: dict[str, str] = {
    label: _MERGE_ENTITIES.format(label=label) for label in ENTITY_LABELS
}
"""Per label of the allow-list: create or merge entities. The name is kept from the first
article (canonical), aliases accumulate as a set union, kind and role are kept when known.
An id that already exists under another label violates the `entity_id` constraint: the
transaction fails rather than one id naming two kinds of thing."""

_REPORT_MAP = (
    "id: rep.id, text: rep.text, kind: rep.kind, verb: rep.verb, sentence: rep.sentence, "
    "start: rep.start, end: rep.end, stated_on: date(rep.stated_on), "
    "date_precision: rep.date_precision, date_basis: rep.date_basis, about: rep.about, "
    "basis: rep.basis, primary: rep.primary"
)

_WORDING = ("text", "kind", "verb", "sentence", "start", "end")
_WORDING_TO_EDGE = ", ".join(f"old.{name} = c.{name}" for name in _WORDING)
_WORDING_OFF_EDGE = ", ".join(f"new.{name} = null" for name in _WORDING)

_LEAD_SET = ",\n  ".join(
    f"(CASE WHEN row.lead_changed THEN c END).{name} = {_value(name)}" for name in ("id", *_WORDING)
)
_DATES_SET = ",\n  ".join(
    f"(CASE WHEN row.dates_changed THEN c END).{name} = {_value(name)}"
    for name in CLAIM_DATE_PROPERTIES
)

_CLAIM_EDGES = f"""
CALL (c, row) {{
  UNWIND row.reports AS rep
  MATCH (a:Article {{id: rep.article_id}})
  CREATE (c)-[:REPORTED_IN {{{_REPORT_MAP}}}]->(a)
}}
CALL (c, row) {{
  UNWIND row.keys AS key
  CREATE (c)-[:KEYED {{key: key.key, runs: key.runs}}]->(c)
}}
"""

CREATE_CLAIMS = f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.speaker_id}})
CREATE (s)-[:STATED]->(c:Claim {{{_CLAIM_MAP}}})
WITH c, row
{_CLAIM_EDGES}
CALL (c, row) {{
  UNWIND row.about AS about
  MATCH (e:Entity {{id: about.id}})
  CREATE (c)-[:ABOUT {{basis: about.basis}}]->(e)
}}
"""
"""Create claims (rows from `claim_merge.claim_row`) with their
(:Actor)-[:STATED]->(:Claim), one (:Claim)-[:REPORTED_IN {the report}]->(:Article) per
report (the article's own text, sentence, span, kind, date and subjects; `primary` on the
report whose wording the claim shows: its wording is the claim's own, not repeated on the
edge; a claim's sole report holds only `primary`, its id and the rest being the claim's),
(:Claim)-[:ABOUT {basis}]->(:Entity) for the union of the reports' subjects, and its
index keys as (:Claim)-[:KEYED {key, runs}]->(same claim) loops (a relationship index
serves them: a key costs one relationship, not a node and a relationship; `runs`: the tags
of the windows behind it, none for a fingerprint). Counted
after it, in sums (`aggregates.created`). The speaker, articles and entities are written before. The property
names come from `rows.CLAIM_PROPERTIES`."""

UPDATE_CLAIMS = f"""
UNWIND $rows AS row
MATCH (c:Claim {{id: row.old_id}})
// Its counters follow its subjects and day (`aggregates`): uncounted before they change,
// counted again after.
CALL (c, row) {{
  WITH c WHERE row.about_changed OR row.dates_changed
  {UNCOUNT_CLAIM}
}}
CALL (c, row) {{
  // The representative changes: the old one's wording moves from the claim to its edge.
  WITH * WHERE row.lead_changed
  MATCH (c)-[old:REPORTED_IN {{primary: true}}]->()
  SET old.primary = false, {_WORDING_TO_EDGE}
}}
CALL (c, row) {{
  WITH * WHERE row.lead_changed
  MATCH (c)-[new:REPORTED_IN {{id: row.id}}]->()
  SET new.primary = true, {_WORDING_OFF_EDGE}
}}
CALL (c, row) {{
  // The claim's sole report is one of several now: its dates and subjects go on its edge.
  // (Its id is the claim's: its edge holds none yet. The claim's id changes below.)
  UNWIND row.fill AS rep
  MATCH (c)-[r:REPORTED_IN]->(:Article {{id: rep.article_id}})
  WHERE coalesce(r.id, c.id) = rep.id
  SET r.id = rep.id, r.stated_on = date(rep.stated_on), r.date_precision = rep.date_precision,
    r.date_basis = rep.date_basis, r.about = rep.about, r.basis = rep.basis
}}
// Only what changed: rewriting the wording costs property records and full-text index
// work for nothing (one more outlet rarely brings a fuller wording). Writing to the null
// of a CASE without ELSE is a no-op.
SET c.report_count = row.report_count,
  {_LEAD_SET},
  {_DATES_SET}
WITH c, row
{_CLAIM_EDGES}
CALL (c, row) {{
  // A held key that new reports select in other windows too: its tags are the union.
  UNWIND row.grown AS key
  MATCH (c)-[k:KEYED]->(c) WHERE k.key = key.key AND k.runs IS NOT NULL
  SET k.runs = key.runs
}}
CALL (c, row) {{
  WITH * WHERE row.about_changed
  MATCH (c)-[x:ABOUT]->()
  DELETE x
}}
CALL (c, row) {{
  WITH * WHERE row.about_changed
  UNWIND row.about AS about
  MATCH (e:Entity {{id: about.id}})
  CREATE (c)-[:ABOUT {{basis: about.basis}}]->(e)
}}
CALL (row) {{
  WITH row WHERE row.about_changed OR row.dates_changed
  {COUNT_CLAIM}
}}
"""
"""One more report of an existing claim (`row.old_id`): a sole report's edge takes its id,
dates and subjects (`row.fill`: they were the claim's), `primary` (and the wording the
claim holds for it) moves to the new representative when it changes, the claim takes the
properties of its grown group (its id is its representative report's, so it may change), the
new reports and keys are added (a held key's tags grow to the union: `row.grown`), and the
subjects are rewritten when the union changed (its counters with them, `aggregates`)."""

MERGE_AFFILIATED_WITH = """
UNWIND $rows AS row
MATCH (p:Entity {id: row.actor_id}), (o:Organization {id: row.org_id})
MERGE (p)-[r:AFFILIATED_WITH]->(o)
SET r.role = coalesce(row.role, r.role)
"""
"""(:Actor)-[:AFFILIATED_WITH {role}]->(:Organization), shared across articles."""

AWAIT_SEARCH_INDEXES = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"
"""Wait until the (eventually consistent) full-text indexes hold every committed write."""
