"""Every ```cypher block of docs/cypher.md runs against the seeded graph: the cookbook
cannot rot. Queries run in a read transaction, as an analyst's would through /cypher."""

from __future__ import annotations

import re
from pathlib import Path

import neo4j
import pytest

from kgapi.config import Settings

COOKBOOK = Path(__file__).resolve().parents[2] / "docs" / "cypher.md"
BLOCKS = re.findall(r"^```cypher\n(.*?)^```", COOKBOOK.read_text(), flags=re.S | re.M)
# Queries that may rightly find nothing in the one-article seed graph.
MAY_BE_EMPTY = {"duplicates": "e1.id < e2.id AND any(alias IN e1.aliases"}


def _read(driver: neo4j.Driver, settings: Settings, query: str) -> list[dict[str, object]]:
    records, _, _ = driver.execute_query(
        query, database_=settings.neo4j_database, routing_=neo4j.RoutingControl.READ
    )
    return [record.data() for record in records]


def test_cookbook_has_the_promised_recipes() -> None:
    assert len(BLOCKS) >= 12
    text = "\n".join(BLOCKS)
    for needle in ("'Blinken'", "claim_text", "entity_names", "AFFILIATED_WITH", "'anonymous'"):
        assert needle in text


@pytest.mark.parametrize("query", BLOCKS, ids=[f"block{i:02d}" for i in range(len(BLOCKS))])
def test_cookbook_query_runs_on_the_seeded_graph(
    seeded_graph: neo4j.Driver, neo4j_settings: Settings, query: str
) -> None:
    rows = _read(seeded_graph, neo4j_settings, query)
    if not any(marker in query for marker in MAY_BE_EMPTY.values()):
        assert rows, f"no rows from:\n{query}"


def test_headline_recipe_returns_exactly_blinkens_two_statements_about_ukraine(
    seeded_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    headline = BLOCKS[0]
    assert "'Blinken'" in headline and "'Ukraine'" in headline
    rows = _read(seeded_graph, neo4j_settings, headline)
    expected, _, _ = seeded_graph.execute_query(
        "MATCH (:Actor {id: 'person:antony-blinken'})-[:STATED]->(c:Claim)"
        "-[:ABOUT]->(:Location {id: 'location:ukraine'}) RETURN c.text AS text ORDER BY c.start",
        database_=neo4j_settings.neo4j_database,
    )
    assert [row["statement"] for row in rows] == [r["text"] for r in expected]
    assert len(rows) == 2
    assert {row["speaker"] for row in rows} == {"Antony Blinken"}
    for row in rows:  # provenance: the span in the article is the claim's own text
        assert row["url"] is None or str(row["url"]).startswith("http")
        assert row["sentence"] and row["article"]
