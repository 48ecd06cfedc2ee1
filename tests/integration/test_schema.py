"""The schema as applied to a real Neo4j: what exists, how older graphs are upgraded, and
that searches see a load's writes although the full-text indexes are eventually consistent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import neo4j

from kgapi.config import Settings
from kgapi.graph.schema import apply_schema
from kgapi.graph.writer import GraphWriter
from kgapi.model import Extraction
from tests.integration.graph import Graph

News = Callable[..., Extraction]

FULLTEXT = "SHOW FULLTEXT INDEXES YIELD name, options RETURN name, options ORDER BY name"


def _fulltext(graph: Graph) -> dict[str, dict[str, Any]]:
    return {row["name"]: row["options"]["indexConfig"] for row in graph.query(FULLTEXT)}


def _index_names(graph: Graph) -> set[str]:
    return {row["name"] for row in graph.query("SHOW INDEXES YIELD name RETURN name")}


def test_fulltext_indexes_are_eventually_consistent(graph: Graph) -> None:
    config = _fulltext(graph)
    assert set(config) == {"article_titles", "claim_text", "entity_names"}
    assert all(c["fulltext.eventually_consistent"] is True for c in config.values())


def test_unused_indexes_are_gone_and_the_used_ones_are_there(graph: Graph) -> None:
    names = _index_names(graph)
    unused = {"claim_kind", "claim_stated_on", "article_sha256", "article_source"}
    assert unused.isdisjoint(names)
    # The subscriptions' watermark poll seeks it (schema/004_ingested_at.cypher).
    assert {
        "entity_name",
        "claim_day",
        "article_url",
        "article_published_at",
        "article_ingested_at",
    } <= names


def test_applying_the_schema_upgrades_strongly_consistent_fulltext_indexes(
    graph: Graph, empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    database = neo4j_settings.neo4j_database
    # A graph from before the option: the same index names, without it.
    empty_graph.execute_query("DROP INDEX claim_text IF EXISTS", database_=database)
    empty_graph.execute_query(
        "CREATE FULLTEXT INDEX claim_text FOR (c:Claim) ON EACH [c.text, c.sentence]",
        database_=database,
    )
    empty_graph.execute_query(
        "CREATE INDEX claim_kind FOR (c:Claim) ON (c.kind)", database_=database
    )
    assert _fulltext(graph)["claim_text"]["fulltext.eventually_consistent"] is False

    apply_schema(empty_graph, database)

    assert _fulltext(graph)["claim_text"]["fulltext.eventually_consistent"] is True
    assert "claim_kind" not in _index_names(graph)
    apply_schema(empty_graph, database)  # and again: nothing left to upgrade
    assert _fulltext(graph)["claim_text"]["fulltext.eventually_consistent"] is True


def test_a_search_right_after_a_write_finds_it(
    writer: GraphWriter, graph: Graph, news_factory: News
) -> None:
    """Eventually consistent indexes, but the writer waits for them before it returns."""
    for n in range(5):
        [result] = writer.write_many([news_factory(f"https://example.test/news/{n}")])
        assert result.status == "loaded"
        hits = graph.query(
            "CALL db.index.fulltext.queryNodes('claim_text', 'creditors') YIELD node "
            "MATCH (node)-[:REPORTED_IN]->(a:Article) RETURN DISTINCT a.url AS url"
        )
        assert {h["url"] for h in hits} == {f"https://example.test/news/{i}" for i in range(n + 1)}
        names = graph.query(
            "CALL db.index.fulltext.queryNodes('entity_names', 'Velden') YIELD node "
            "RETURN node.id AS id"
        )
        assert len(names) == 1
