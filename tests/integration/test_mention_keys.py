"""The keys the writer sets on MENTIONS edges (`kgapi/graph/mention_keys.py`): every edge
carries its entity's id and its article's publication time (a fixed oldest time for an
undated article), whatever wrote it, replaced it or built it for an older graph."""

from __future__ import annotations

import neo4j

from kgapi.config import Settings
from kgapi.graph import mention_keys
from kgapi.graph.schema import apply_schema
from kgapi.graph.writer import GraphWriter
from kgapi.model import Extraction
from tests.integration.conftest import news
from tests.integration.graph import Graph
from tests.outlets import OUTLETS, outlet

_KEYS = f"""
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
RETURN count(*) AS edges,
       count(CASE WHEN m.entity = e.id
                   AND m.published = coalesce(a.published_at, {mention_keys.UNDATED})
             THEN 1 END) AS keyed,
       count(CASE WHEN a.published_at IS NULL THEN 1 END) AS undated
"""


def _keys(graph: Graph) -> tuple[int, int, int]:
    [row] = graph.query(_KEYS)
    return row["edges"], row["keyed"], row["undated"]


def _undated(url: str) -> Extraction:
    article = news(url)
    return article.model_copy(
        update={"article": article.article.model_copy(update={"published_at": None})}
    )


def test_the_writer_keys_every_mentions_edge_it_writes_and_rewrites(
    writer: GraphWriter, graph: Graph
) -> None:
    results = writer.write_batch([outlet(name) for name in OUTLETS])
    assert all(r.ok for r in results)
    assert writer.write(_undated("https://example.test/news/undated")).ok
    edges, keyed, undated = _keys(graph)
    assert edges > 10 and undated > 0
    assert keyed == edges
    # A replace writes the article's edges again, keyed again.
    changed = outlet(next(iter(OUTLETS)))
    changed.statements.pop(0)
    assert writer.write(changed).status == "replaced"
    edges, keyed, _ = _keys(graph)
    assert keyed == edges


def test_schema_apply_keys_the_mentions_of_a_graph_written_without_them(
    writer: GraphWriter, graph: Graph, empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    writer.write_batch([outlet(name) for name in OUTLETS])
    writer.write(_undated("https://example.test/news/undated"))
    # A graph from before the keys: none on its edges, and no version recorded.
    graph.query("MATCH ()-[m:MENTIONS]->() REMOVE m.entity, m.published")
    graph.query("MATCH (s:KgapiSchema) REMOVE s.mention_keys")
    edges, keyed, undated = _keys(graph)
    assert keyed == 0 and edges > 10 and undated > 0
    apply_schema(empty_graph, neo4j_settings.neo4j_database)
    assert _keys(graph) == (edges, edges, undated)
    # Recorded: the next apply does not walk the edges again.
    graph.query("MATCH ()-[m:MENTIONS]->() REMOVE m.entity")
    apply_schema(empty_graph, neo4j_settings.neo4j_database)
    assert _keys(graph)[1] == 0
