"""The writer's counters (`kgapi/graph/aggregates.py`) equal a recount from scratch after
any sequence of loads, merged duplicates, replaces and deletes, and the read queries
answer from them.

The corpus is the made-up outlets of tests/outlets.py: the same statements carried by
several outlets (one claim, many reports), excerpts that only a full quote joins (claims
that merge and split again), and articles replaced with a statement fewer.
"""

from __future__ import annotations

import random
from typing import Any

import neo4j
import pytest

from kgapi.config import Settings
from kgapi.graph import aggregates
from kgapi.graph.driver import async_driver
from kgapi.graph.read_queries import claims, dashboard
from kgapi.graph.reader import GraphReader
from kgapi.graph.schema import apply_schema
from kgapi.graph.writer import GraphWriter
from kgapi.vocabulary import DateBucket
from tests.integration.conftest import news
from tests.integration.graph import Graph
from tests.outlets import OUTLETS, outlet

_STORED_TALKS = """
MATCH (s)-[t:TALKS_ABOUT]->(x) RETURN s.id AS s, x.id AS x, t.claims AS n ORDER BY s, x
"""
_RECOUNT_TALKS = """
MATCH (s)-[:STATED]->(c:Claim)-[:ABOUT]->(x)
RETURN s.id AS s, x.id AS x, count(DISTINCT c) AS n ORDER BY s, x
"""
_STORED_DAYS = "MATCH (d:Day) RETURN d.date AS day, d.claims AS n ORDER BY day"
_RECOUNT_DAYS = """
MATCH (c:Claim) WHERE c.stated_on IS NOT NULL
RETURN c.day AS day, count(*) AS n ORDER BY day
"""


def assert_counters_match(graph: Graph) -> None:
    """Every counter equals a recount of the claims, and no counter is left at zero."""
    assert graph.query(_STORED_TALKS) == graph.query(_RECOUNT_TALKS)
    assert graph.query(_STORED_DAYS) == graph.query(_RECOUNT_DAYS)


def _load(writer: GraphWriter, names: list[str], together: bool) -> None:
    extractions = [outlet(name) for name in names]
    results = (
        writer.write_batch(extractions) if together else [writer.write(e) for e in extractions]
    )
    assert all(r.ok for r in results), results


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("together", [False, True], ids=["one-by-one", "together"])
def test_counters_equal_a_recount_after_loads_replaces_and_deletes_in_any_order(
    writer: GraphWriter, graph: Graph, seed: int, together: bool
) -> None:
    rng = random.Random(seed)
    names = rng.sample(list(OUTLETS), len(OUTLETS))
    _load(writer, names[:4], together)
    assert_counters_match(graph)
    assert graph.query(_STORED_TALKS)  # something is counted
    _load(writer, names[4:], together)
    assert_counters_match(graph)
    # A replace: the same article without its first statement (the claim it carried
    # loses a report, or goes), then the original again.
    changed = outlet(names[0])
    changed.statements.pop(0)
    assert writer.write(changed).status == "replaced"
    assert_counters_match(graph)
    assert writer.write(outlet(names[0])).status == "replaced"
    assert_counters_match(graph)
    # Deletes in another order: claims split, lose reports, go with their last one.
    for name in rng.sample(list(OUTLETS), len(OUTLETS)):
        writer.delete_article(outlet(name).article.id)
        assert_counters_match(graph)
    assert graph.query(_STORED_TALKS) == [] and graph.query(_STORED_DAYS) == []


def test_subjects_and_dates_that_change_with_a_replace_move_their_counts(
    writer: GraphWriter, graph: Graph
) -> None:
    writer.write(news())
    assert_counters_match(graph)
    before = graph.query(_STORED_TALKS)
    # The same URL, another minister and text: other speakers, subjects and days.
    text = news().article.text.replace("on Monday", "on Tuesday")
    assert writer.write(news(text=text, minister="Ilse Marrow")).status == "replaced"
    assert_counters_match(graph)
    assert graph.query(_STORED_TALKS) != before
    writer.write(news("https://example.test/news/other", with_official=False))
    assert_counters_match(graph)


def test_schema_apply_builds_the_counters_of_a_graph_written_without_them(
    writer: GraphWriter, graph: Graph, empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    _load(writer, list(OUTLETS), together=True)
    kept = (graph.query(_STORED_TALKS), graph.query(_STORED_DAYS))
    # A graph from before the counters: none, and no version recorded.
    graph.query("MATCH ()-[t:TALKS_ABOUT]->() DELETE t")
    graph.query("MATCH (d:Day) DELETE d")
    graph.query("MATCH (m:KgapiSchema) REMOVE m.aggregates")
    apply_schema(empty_graph, neo4j_settings.neo4j_database)
    assert (graph.query(_STORED_TALKS), graph.query(_STORED_DAYS)) == kept
    # Recorded: the next apply leaves them alone (a wrong count stays: nothing rebuilt).
    graph.query("MATCH ()-[t:TALKS_ABOUT]->() SET t.claims = t.claims + 100")
    apply_schema(empty_graph, neo4j_settings.neo4j_database)
    assert graph.query(_STORED_TALKS) != kept[0]
    with empty_graph.session(database=neo4j_settings.neo4j_database) as session:
        aggregates.rebuild(session)
    assert graph.query(_STORED_TALKS) == kept[0]


async def _answers(settings: Settings) -> tuple[int, int, list[tuple[Any, int]]]:
    driver = async_driver(settings)
    try:
        reader = GraphReader(driver, settings.neo4j_database)
        headline = await claims.find_claims(reader, speaker="Mara Velden", about="Tessaly")
        # With a kind filter the claims are walked, never counted.
        walked = await claims.find_claims(
            reader, speaker="Mara Velden", about="Tessaly", kind=["direct", "indirect"]
        )
        days = await dashboard.claim_counts_by_date(reader, bucket=DateBucket.MONTH)
        return headline.total, walked.total, [(d.date, d.count) for d in days]
    finally:
        await driver.close()


async def test_the_headline_total_and_counts_by_date_come_from_the_counters(
    writer: GraphWriter, graph: Graph, neo4j_settings: Settings
) -> None:
    _load(writer, list(OUTLETS), together=True)
    recount = graph.query(
        "MATCH (:Actor {name: 'Mara Velden'})-[:STATED]->(c:Claim)-[:ABOUT]->"
        "(:Entity {name: 'Tessaly'}) RETURN count(DISTINCT c) AS n"
    )[0]["n"]
    dated = graph.query(_RECOUNT_DAYS)
    total, walked, months = await _answers(neo4j_settings)
    assert recount > 1 and total == walked == recount
    assert sum(n for _, n in months) == sum(row["n"] for row in dated)
    # Read from the counters, not the claims: a (deliberately) wrong counter shows.
    graph.query("MATCH ()-[t:TALKS_ABOUT]->(:Entity {name: 'Tessaly'}) SET t.claims = 1000")
    graph.query("MATCH (d:Day) SET d.claims = 7")
    total, walked, months = await _answers(neo4j_settings)
    assert total == 1000 and walked == recount
    assert {n for _, n in months} <= {7 * k for k in range(1, 32)} and months
