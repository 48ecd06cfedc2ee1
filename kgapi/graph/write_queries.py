"""Every Cypher statement of the write path, in one place.

Rules these follow (and any new one must): values only as parameters (`$rows`, `$ids`),
one `UNWIND` per batch of rows, labels only from `rows.ENTITY_LABELS` and property names
only from `rows.ARTICLE_PROPERTIES` / `rows.CLAIM_PROPERTIES` (fixed allow-lists: Cypher
cannot take labels as parameters), nodes written before the relationships that join them,
no `Eager` in a plan (it materialises every row of the batch). The writer runs them inside `session.execute_write` transaction functions.

Claims and the relationships owned by an article (REPORTED_IN, STATED, ABOUT, MENTIONS)
are written with CREATE, not MERGE: the writer deletes an article's claims and mentions
before rewriting it and never puts one article twice in a transaction, so they cannot already exist, and
CREATE skips MERGE's per-row lookups. AFFILIATED_WITH is shared across articles
and is MERGEd.
"""

from __future__ import annotations

from kgapi.graph.rows import (
    ARTICLE_PROPERTIES,
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

DELETE_CLAIMS = """
UNWIND $ids AS id
MATCH (c:Claim)-[:REPORTED_IN]->(:Article {id: id})
DETACH DELETE c
RETURN count(*) AS deleted
"""
"""Delete the claims of articles `$ids` with their STATED, ABOUT and REPORTED_IN edges."""

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

MERGE_ARTICLES = f"""
UNWIND $rows AS row
MERGE (a:Article {{id: row.id}})
SET {_ARTICLE_SET}, a.ingested_at = datetime()
WITH a, row
UNWIND row.mentions AS m
MATCH (e:Entity {{id: m.entity_id}})
CREATE (a)-[:MENTIONS {{count: m.count, aliases: m.aliases}}]->(e)
"""
"""Create or update article nodes (a null value removes the property) with their
(:Article)-[:MENTIONS {count, aliases}]->(:Entity) edges (aliases: this article's forms).
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

CREATE_CLAIMS = f"""
UNWIND $rows AS row
MATCH (a:Article {{id: row.article_id}}), (s:Entity {{id: row.speaker_id}})
CREATE (s)-[:STATED]->(c:Claim {{{_CLAIM_MAP}}})-[:REPORTED_IN]->(a)
WITH c, row
UNWIND row.about AS about
MATCH (e:Entity {{id: about.id}})
CREATE (c)-[:ABOUT {{basis: about.basis}}]->(e)
"""
"""Create claim nodes with their (:Actor)-[:STATED]->(:Claim)-[:REPORTED_IN]->(:Article)
and (:Claim)-[:ABOUT {basis}]->(:Entity) edges in one pass (basis: "text" when the
statement names the entity, "context" when it is about it by context) (article and entity nodes are written
before). CREATE, not MERGE: a claim id is its article and span, unique per article, and a
replaced article's claims are deleted first; the `claim_id` constraint would refuse a
duplicate. An Organization can speak too ("the Kremlin said"). The property names come
from `rows.CLAIM_PROPERTIES`."""

MERGE_AFFILIATED_WITH = """
UNWIND $rows AS row
MATCH (p:Entity {id: row.actor_id}), (o:Organization {id: row.org_id})
MERGE (p)-[r:AFFILIATED_WITH]->(o)
SET r.role = coalesce(row.role, r.role)
"""
"""(:Actor)-[:AFFILIATED_WITH {role}]->(:Organization), shared across articles."""

AWAIT_SEARCH_INDEXES = "CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()"
"""Wait until the (eventually consistent) full-text indexes hold every committed write."""
