"""The network around one entity, shaped for front-end graph libraries.

Two kinds of weighted edges:

- `TALKS_ABOUT` (directed): speaker → entity, weight = claims the speaker made about it;
- `CO_MENTIONED` (undirected, source id < target id): weight = articles mentioning both.

`nodes` and `edges` are plain `{id, label, type, weight}` / `{source, target, type,
weight}` lists, the shape vis-network, Cytoscape, sigma.js or d3-force take directly.
One round trip whatever the depth. Without a period, the claims' ties and TALKS_ABOUT
weights are the writer's counters (`aggregates`: `TALKS_ABOUT {claims}`, one relationship
per speaker and subject), so the network around a hub does not read every claim about it.

Co-mentions are counted over at most `sample` (default 500) of an entity's newest
articles, taken by an ordered, LIMITed seek of the `mentions_newest` index
(`mention_keys`): the neighbours are ranked over the centre's newest articles, and each
CO_MENTIONED weight is counted over the newest articles of whichever of its two entities
has fewer (exact when that one has at most `sample`), with the number of articles read
on the edge; the response says whether any count was capped
(`Network.co_mentions_exact`). Over every article, the co-mentions around a hub (1.78
million pairs for one mentioned in 96% of 100,000 articles) grew with the corpus;
counters per pair of entities cost the loader too much (docs/benchmarks.md, "A big
corpus"). With a period, the claims' ties are counted from the period's claims, as the
edges are found (one row per pair of nodes kept), and co-mentions over the newest
articles published in it (UTC days).

`network_around` is what GraphQL's `network` and REST's `GET /api/v1/network` call: a
name or an id, the arguments checked, and, in the API, the process's result cache (a
network is computed again once any write has committed: `kgapi.graph.result_cache`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

from kgapi.graph.read_queries import fragments, resolve
from kgapi.graph.read_queries.pagination import QueryInputError
from kgapi.graph.read_queries.results import _Result
from kgapi.graph.reader import GraphReader

EdgeType = Literal["TALKS_ABOUT", "CO_MENTIONED"]

#: At most this many of an entity's newest articles are read to count its co-mentions.
DEFAULT_SAMPLE = 500
#: The largest `sample` a caller may ask for.
MAX_SAMPLE = 5000


class NetworkNode(_Result):
    """An entity in the network; `weight` is the number of articles mentioning it."""

    id: str
    label: str
    type: str
    kind: str | None = None
    weight: int = 0


class NetworkEdge(_Result):
    """A weighted link between two nodes of the network. A CO_MENTIONED weight is counted
    over `articles_counted` articles: the newest (at most the network's `sample`) of
    whichever of its two entities has fewer articles."""

    source: str
    target: str
    type: EdgeType
    weight: int
    articles_counted: int | None = None


class Network(_Result):
    """Nodes and the edges between them; empty when the entity is unknown.

    Co-mentions are counted over at most `sample` of an entity's newest articles (the
    neighbours by the centre's, each CO_MENTIONED weight by its entity with fewer
    articles'). `exact`: no count here was capped (the centre, and at depth 2 every node,
    has at most `sample` articles, and at most one node has more), judged from all-time
    article counts, so with a period it may say false of counts that read every article.
    """

    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    co_mention_sample: int = DEFAULT_SAMPLE
    co_mentions_exact: bool = True


# The newest `$sample` articles mentioning `n` within the period (`$lo` <= published < `$hi`),
# by an ordered seek of `mentions_newest` (`mention_keys`): reads at most `$sample` index
# entries whatever the number of articles mentioning `n`. Ordering by both keys of the
# index is what lets the planner take the index's order instead of sorting every entry.
_NEWEST = """
    MATCH (a:Article)-[m:MENTIONS]->(n) USING INDEX m:MENTIONS(entity, published)
    WHERE m.entity = n.id AND m.published >= $lo AND m.published < $hi
    WITH a ORDER BY m.entity DESC, m.published DESC LIMIT $sample
"""

# The neighbours' co-mentions over the centre's newest articles, closing either union.
_CO_MENTIONED_NEWEST = (
    """      UNION ALL
"""
    + _NEWEST
    + """
      MATCH (a)-[:MENTIONS]->(x:Entity) RETURN x, count(*) AS w
    }
"""
)

# Neighbours of `n` with the strength of each tie (claims either way + shared articles
# among n's newest `$sample`).
_NEIGHBOURS = (
    """
    CALL (n) {
      MATCH (n)-[:STATED]->(c:Claim)-[:ABOUT]->(x:Entity) WHERE CLAIM_IN RETURN x, count(*) AS w
      UNION ALL
      MATCH (x:Entity)-[:STATED]->(c:Claim)-[:ABOUT]->(n) WHERE CLAIM_IN RETURN x, count(*) AS w
"""
    + _CO_MENTIONED_NEWEST
)

# The same without a period: claims' ties from the TALKS_ABOUT counters.
_NEIGHBOURS_COUNTED = (
    """
    CALL (n) {
      MATCH (n)-[t:TALKS_ABOUT]->(x:Entity) RETURN x, t.claims AS w
      UNION ALL
      MATCH (x:Entity)-[t:TALKS_ABOUT]->(n) RETURN x, t.claims AS w
"""
    + _CO_MENTIONED_NEWEST
)

# Co-mentions among the nodes kept: each pair counted over the newest `$sample` articles
# of its entity with fewer articles (exact when that one has at most `$sample`), the
# smaller id first, with the number of articles read for it. The nodes' newest articles
# overlap (a hub's newest are most entities' newest): each distinct article's mentions are
# expanded once, with the list of nodes whose newest it is, not once per node.
_SHARED = (
    """
CALL (nodes) {
  UNWIND nodes AS s
  CALL (s) {
    WITH s AS n
"""
    + _NEWEST
    + """
    RETURN collect(a) AS newest
  }
  WITH s, newest, COUNT { ()-[:MENTIONS]->(s) } AS ds
  UNWIND newest AS a
  WITH a, collect({s: s, ds: ds, counted: size(newest)}) AS walkers
  MATCH (a)-[:MENTIONS]->(x:Entity) WHERE x IN nodes
  UNWIND walkers AS w
  WITH w, x WHERE x <> w.s
  WITH w.s AS s, w.ds AS ds, w.counted AS counted, x, count(*) AS weight
  WITH s, ds, counted, x, weight, COUNT { ()-[:MENTIONS]->(x) } AS dx
  WHERE ds < dx OR (ds = dx AND s.id < x.id)
  RETURN collect({source: CASE WHEN s.id < x.id THEN s.id ELSE x.id END,
                  target: CASE WHEN s.id < x.id THEN x.id ELSE s.id END,
                  type: 'CO_MENTIONED', weight: weight, articles_counted: counted}) AS shared
}
"""
)

_EDGES_COUNTED = (
    """
CALL (nodes) {
  UNWIND nodes AS s
  MATCH (s)-[t:TALKS_ABOUT]->(x:Entity) WHERE x IN nodes AND x <> s
  RETURN collect({source: s.id, target: x.id, type: 'TALKS_ABOUT', weight: t.claims}) AS said
}
"""
    + _SHARED
)

_EDGES_WALKED = (
    """
CALL (nodes) {
  UNWIND nodes AS s
  MATCH (s)-[:STATED]->(c:Claim)-[:ABOUT]->(x:Entity)
  WHERE x IN nodes AND x <> s AND CLAIM_IN
  WITH s, x, count(*) AS weight
  RETURN collect({source: s.id, target: x.id, type: 'TALKS_ABOUT', weight: weight}) AS said
}
"""
    + _SHARED
)

# A period (`$from`/`$to`, inclusive, either may be null): claims by their day (undated
# ones are outside any period); co-mentions by their article's publication time, `$lo`
# and `$hi` (`period_bounds`).
_CLAIM_IN = "($from IS NULL OR c.day >= $from) AND ($to IS NULL OR c.day <= $to)"


def _network(neighbours: str, edges: str) -> str:
    """The network statement, ranking ties by `neighbours` and weighing edges by `edges`."""
    return (
        (
            """
MATCH (e:Entity {id: $id})
CALL (e) {
  WITH e AS n
"""
            + neighbours
            + """
  WITH x, w WHERE x <> e
  WITH x, sum(w) AS w ORDER BY w DESC, x.id LIMIT $limit - 1
  RETURN collect(x) AS ring1
}
CALL (e, ring1) {
  UNWIND CASE WHEN $depth = 2 THEN ring1 ELSE [] END AS n
"""
            + neighbours
            + """
  WITH x, w WHERE x <> e AND NOT x IN ring1
  WITH x, sum(w) AS w ORDER BY w DESC, x.id
  RETURN collect(x) AS ring2
}
WITH [e] + ring1 + ring2[..$limit - 1 - size(ring1)] AS nodes
"""
            + edges
            + """
RETURN [n IN nodes | {id: n.id, label: n.name, kind: n.kind,
          type: ENTITY_TYPE,
          weight: COUNT { ()-[:MENTIONS]->(n) }}] AS nodes,
       said + shared AS edges
"""
        )
        .replace("ENTITY_TYPE", fragments.entity_type("n"))
        .replace("CLAIM_IN", _CLAIM_IN)
    )


#: Over a period: claims' ties counted from that period's claims.
NETWORK = _network(_NEIGHBOURS, _EDGES_WALKED)
#: Over all time: claims' ties from the writer's counters.
NETWORK_COUNTED = _network(_NEIGHBOURS_COUNTED, _EDGES_COUNTED)

_UNDATED = datetime(1, 1, 1, tzinfo=UTC)
_NEVER = datetime(9999, 12, 31, tzinfo=UTC)


def period_bounds(date_from: date | None, date_to: date | None) -> tuple[datetime, datetime]:
    """`$lo` and `$hi` of the co-mentions' articles: every article (undated ones, keyed
    `mention_keys.UNDATED`, included) without a period; within one, those published from
    `date_from` to `date_to` inclusive (UTC days), undated ones left out."""
    if date_from is None and date_to is None:
        return _UNDATED, _NEVER
    lo = (
        datetime.combine(date_from, time(), UTC)
        if date_from is not None
        else _UNDATED + timedelta(days=1)
    )
    hi = (
        datetime.combine(date_to + timedelta(days=1), time(), UTC)
        if date_to is not None
        else _NEVER
    )
    return lo, hi


async def network_around(
    reader: GraphReader,
    entity: str,
    *,
    depth: int = 1,
    limit: int = 50,
    max_limit: int,
    date_from: date | None = None,
    date_to: date | None = None,
    sample: int = DEFAULT_SAMPLE,
) -> Network:
    """`network` around `entity` as a user names it (a name as typed, or an id), the
    first entity it resolves to; an empty network when it names none. What GraphQL's
    `network` and REST's `GET /network` both answer. The arguments are checked before
    the name is looked up (`QueryInputError`): `limit` between 1 and `max_limit`, the
    rest as `network` checks them. With the reader's `result_cache`, the answer computed
    at the graph's current data version is reused (never one older than the last
    committed write)."""
    if not 1 <= limit <= max_limit:
        raise QueryInputError("limit", f"must be between 1 and {max_limit}, got {limit}")
    _check(depth, limit, date_from, date_to, sample)

    async def compute() -> Network:
        ids = await resolve.resolve(reader, entity)
        if not ids:
            return Network(nodes=[], edges=[], co_mention_sample=sample)
        return await network(
            reader,
            ids[0],
            depth=depth,
            limit=limit,
            date_from=date_from,
            date_to=date_to,
            sample=sample,
        )

    if reader.result_cache is None:
        return await compute()
    # Around a hub this is the API's heaviest read (the co-mentions of up to `limit`
    # entities' newest articles), and dashboards ask for the same few networks again and
    # again: kept until the next committed write (`result_cache`).
    key = ("network", entity, depth, limit, date_from, date_to, sample)
    return await reader.result_cache.get(reader, key, compute)


def _check(
    depth: int, limit: int, date_from: date | None, date_to: date | None, sample: int
) -> None:
    """The arguments of `network`, or a `QueryInputError` naming the first one at fault."""
    if depth not in (1, 2):
        raise QueryInputError("depth", f"must be 1 or 2, got {depth}")
    if limit < 1:
        raise QueryInputError("limit", f"must be at least 1, got {limit}")
    if not 1 <= sample <= MAX_SAMPLE:
        raise QueryInputError("sample", f"must be between 1 and {MAX_SAMPLE}, got {sample}")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise QueryInputError("date_from", "the start date is after the end date")


async def network(
    reader: GraphReader,
    entity_id: str,
    *,
    depth: int = 1,
    limit: int = 50,
    date_from: date | None = None,
    date_to: date | None = None,
    sample: int = DEFAULT_SAMPLE,
) -> Network:
    """Who talks about whom and who is mentioned with whom, around `entity_id`.

    `depth` 1: the entity and its strongest direct ties; 2: their ties as well. At most
    `limit` nodes (the strongest ties win), and every edge among the chosen nodes.
    `date_from`/`date_to` (inclusive) keep the ties of a period: claims stated then,
    articles published then. Co-mentions are counted over at most `sample` of an
    entity's newest articles (`Network`): around a hub, over every article, the count
    grew with the corpus.
    """
    _check(depth, limit, date_from, date_to, sample)
    counted = date_from is None and date_to is None
    lo, hi = period_bounds(date_from, date_to)
    rows = await reader.read(
        NETWORK_COUNTED if counted else NETWORK,
        {
            "id": entity_id,
            "depth": depth,
            "limit": limit,
            "from": date_from,
            "to": date_to,
            "lo": lo,
            "hi": hi,
            "sample": sample,
        },
        name="network",
    )
    if not rows:
        return Network(nodes=[], edges=[], co_mention_sample=sample)
    nodes = [NetworkNode.model_validate(n) for n in rows[0]["nodes"]]
    return Network.model_validate(
        {
            **rows[0],
            "nodes": nodes,
            "co_mention_sample": sample,
            "co_mentions_exact": _exact(nodes, depth, sample),
        }
    )


def _exact(nodes: list[NetworkNode], depth: int, sample: int) -> bool:
    """Whether no co-mention count of the network was capped: the ranking read every
    article of the centre (at depth 2, of every node: conservative, ring 1 is not told
    apart), and of every pair at least one entity has at most `sample` articles."""
    if not nodes:
        return True
    over = [n for n in nodes if n.weight > sample]
    if depth == 2:
        return not over
    return nodes[0].weight <= sample and len(over) <= 1
