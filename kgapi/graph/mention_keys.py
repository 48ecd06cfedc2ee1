"""The keys on MENTIONS edges that let a read take an entity's newest articles.

Every `(:Article)-[m:MENTIONS]->(e:Entity)` carries `m.entity` (`e.id`) and `m.published`
(the article's `published_at`, or `UNDATED` for an article without one: undated articles
sort as the oldest, and every edge is in the index, since a composite index leaves out an
edge missing one of its properties). The composite relationship index `mentions_newest`
(schema/007_mentions_newest.cypher) on `(entity, published)` then gives an entity's
articles newest first by an ordered seek: `ORDER BY m.entity DESC, m.published DESC LIMIT
$n` reads n index entries, however many articles mention the entity. The network counts
co-mentions that way (`read_queries/network.py`): around a hub, counting over every
article grew with the corpus.

The writer sets both keys when it creates the edge (`write_queries.MERGE_ARTICLES`, from
the row: no read of the graph). An article's MENTIONS edges are deleted and created again
whenever the article is written, so `published` follows a changed publication date.
Graphs written before the keys get them once from `KEYS` (`built_once.py`), which `kgapi
schema apply` (and the API at start-up) runs: recorded as `KgapiSchema.mention_keys`.
"""

from __future__ import annotations

from kgapi.graph.built_once import BuiltOnce

#: Bumped when the keys change shape: a graph recorded with an older version is backfilled.
VERSION = 1

#: `published` of an undated article's MENTIONS edges (a Cypher datetime literal).
UNDATED = "datetime('0001-01-01T00:00:00Z')"

#: The properties of a MENTIONS edge written from an article `row` (its ISO
#: `published_at`) and a mention `m` (its `entity_id`), besides `count` and `aliases`.
ON_CREATE = f"entity: m.entity_id, published: coalesce(datetime(row.published_at), {UNDATED})"

#: Set the keys on every MENTIONS edge, in transactions of their own (auto-commit session).
BACKFILL = f"""
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
CALL (a, m, e) {{
  SET m.entity = e.id, m.published = coalesce(a.published_at, {UNDATED})
}} IN TRANSACTIONS OF 20000 ROWS
"""

#: Set once on a graph written before the keys: recorded as `KgapiSchema.mention_keys`.
KEYS = BuiltOnce("mention_keys", VERSION, (BACKFILL,))
