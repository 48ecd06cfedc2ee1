"""The network around one entity, shaped for front-end graph libraries.

Two kinds of weighted edges:

- `TALKS_ABOUT` (directed): speaker → entity, weight = claims the speaker made about it;
- `CO_MENTIONED` (undirected, source id < target id): weight = articles mentioning both.

`nodes` and `edges` are plain `{id, label, type, weight}` / `{source, target, type,
weight}` lists, the shape vis-network, Cytoscape, sigma.js or d3-force take directly.
One round trip whatever the depth. Without a period, the claims' ties and TALKS_ABOUT
weights are the writer's counters (`aggregates`: `TALKS_ABOUT {claims}`, one relationship
per speaker and subject), so the network around a hub does not read every claim about it.
Co-mentions are counted from the articles (no counter: per pair of entities it cost the
loader too much), and with a period the claims' ties too, as the edges are found (one row
per pair of nodes kept), never by collecting one row per shared article or claim.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from kgapi.graph.read_queries import fragments
from kgapi.graph.read_queries.pagination import QueryInputError
from kgapi.graph.read_queries.results import _Result
from kgapi.graph.reader import GraphReader

EdgeType = Literal["TALKS_ABOUT", "CO_MENTIONED"]


class NetworkNode(_Result):
    """An entity in the network; `weight` is the number of articles mentioning it."""

    id: str
    label: str
    type: str
    kind: str | None = None
    weight: int = 0


class NetworkEdge(_Result):
    """A weighted link between two nodes of the network."""

    source: str
    target: str
    type: EdgeType
    weight: int


class Network(_Result):
    """Nodes and the edges between them; empty when the entity is unknown."""

    nodes: list[NetworkNode]
    edges: list[NetworkEdge]


# Neighbours of `n` with the strength of each tie (claims either way + shared articles).
_NEIGHBOURS = """
    CALL (n) {
      MATCH (n)-[:STATED]->(c:Claim)-[:ABOUT]->(x:Entity) WHERE CLAIM_IN RETURN x, count(*) AS w
      UNION ALL
      MATCH (x:Entity)-[:STATED]->(c:Claim)-[:ABOUT]->(n) WHERE CLAIM_IN RETURN x, count(*) AS w
      UNION ALL
      MATCH (n)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(x:Entity) WHERE ARTICLE_IN
      RETURN x, count(*) AS w
    }
"""

# The same without a period: claims' ties from the TALKS_ABOUT counters.
_NEIGHBOURS_COUNTED = """
    CALL (n) {
      MATCH (n)-[t:TALKS_ABOUT]->(x:Entity) RETURN x, t.claims AS w
      UNION ALL
      MATCH (x:Entity)-[t:TALKS_ABOUT]->(n) RETURN x, t.claims AS w
      UNION ALL
      MATCH (n)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(x:Entity) RETURN x, count(*) AS w
    }
"""

_EDGES_COUNTED = """
CALL (nodes) {
  UNWIND nodes AS s
  MATCH (s)-[t:TALKS_ABOUT]->(x:Entity) WHERE x IN nodes AND x <> s
  RETURN collect({source: s.id, target: x.id, type: 'TALKS_ABOUT', weight: t.claims}) AS said
}
CALL (nodes) {
  UNWIND nodes AS s
  MATCH (s)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(x:Entity)
  WHERE x IN nodes AND s.id < x.id
  WITH s, x, count(*) AS weight
  RETURN collect({source: s.id, target: x.id, type: 'CO_MENTIONED', weight: weight}) AS shared
}
"""

_EDGES_WALKED = """
CALL (nodes) {
  UNWIND nodes AS s
  MATCH (s)-[:STATED]->(c:Claim)-[:ABOUT]->(x:Entity)
  WHERE x IN nodes AND x <> s AND CLAIM_IN
  WITH s, x, count(*) AS weight
  RETURN collect({source: s.id, target: x.id, type: 'TALKS_ABOUT', weight: weight}) AS said
}
CALL (nodes) {
  UNWIND nodes AS s
  MATCH (s)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(x:Entity)
  WHERE x IN nodes AND s.id < x.id AND ARTICLE_IN
  WITH s, x, count(*) AS weight
  RETURN collect({source: s.id, target: x.id, type: 'CO_MENTIONED', weight: weight}) AS shared
}
"""

# A period (`$from`/`$to`, inclusive, either may be null): claims by their day (undated
# ones are outside any period), co-mentions by their article's publication day.
_CLAIM_IN = "($from IS NULL OR c.day >= $from) AND ($to IS NULL OR c.day <= $to)"
_ARTICLE_IN = (
    "($from IS NULL OR date(a.published_at) >= $from) "
    "AND ($to IS NULL OR date(a.published_at) <= $to)"
)


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
        .replace("ARTICLE_IN", _ARTICLE_IN)
    )


#: Over a period: counted from that period's claims and articles.
NETWORK = _network(_NEIGHBOURS, _EDGES_WALKED)
#: Over all time: claims' ties from the writer's counters.
NETWORK_COUNTED = _network(_NEIGHBOURS_COUNTED, _EDGES_COUNTED)


async def network(
    reader: GraphReader,
    entity_id: str,
    *,
    depth: int = 1,
    limit: int = 50,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Network:
    """Who talks about whom and who is mentioned with whom, around `entity_id`.

    `depth` 1: the entity and its strongest direct ties; 2: their ties as well. At most
    `limit` nodes (the strongest ties win), and every edge among the chosen nodes.
    `date_from`/`date_to` (inclusive) keep the ties of a period: claims stated then,
    articles published then.
    """
    if depth not in (1, 2):
        raise ValueError("depth must be 1 or 2")
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise QueryInputError("date_from", "the start date is after the end date")
    counted = date_from is None and date_to is None
    rows = await reader.read(
        NETWORK_COUNTED if counted else NETWORK,
        {"id": entity_id, "depth": depth, "limit": limit, "from": date_from, "to": date_to},
        name="network",
    )
    if not rows:
        return Network(nodes=[], edges=[])
    return Network.model_validate(rows[0])
