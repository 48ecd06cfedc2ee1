"""Routing URIs (`neo4j://`): the session's server routes for itself, and the API's reads
are read transactions that Neo4j refuses to let write.

The whole suite runs through `neo4j://` with `KGAPI_TEST_URI_SCHEME=neo4j` (see
tests/conftest.py); these tests check the pieces that make that meaningful on any scheme.
"""

from __future__ import annotations

import neo4j
import pytest

from kgapi.config import Settings
from kgapi.graph.driver import async_driver, sync_driver
from kgapi.graph.reader import GraphReader
from kgapi.graph.writer import GraphWriter


def _routing(settings: Settings) -> Settings:
    rest = settings.neo4j_uri.partition("://")[2]
    return settings.model_copy(update={"neo4j_uri": f"neo4j://{rest}"})


def test_a_single_server_answers_routing_for_itself(
    neo4j_settings: Settings, driver: neo4j.Driver
) -> None:
    database = neo4j_settings.neo4j_database
    records, _, _ = driver.execute_query(
        "CALL dbms.routing.getRoutingTable({}, $db) YIELD servers RETURN servers",
        db=database,
        database_="system",
        routing_=neo4j.RoutingControl.READ,
    )
    roles = {server["role"]: server["addresses"] for server in records[0]["servers"]}
    assert set(roles) == {"WRITE", "READ", "ROUTE"}
    # One server: it is its own leader, follower and router.
    assert roles["WRITE"] == roles["READ"] == roles["ROUTE"]
    assert len(roles["WRITE"]) == 1

    with sync_driver(_routing(neo4j_settings)) as routed:
        routed.verify_connectivity()  # fetches the routing table through ROUTE
        written, _, _ = routed.execute_query(
            "CREATE (p:RoutingProbe) WITH p DELETE p RETURN 1 AS one",
            database_=database,
            routing_=neo4j.RoutingControl.WRITE,
        )
        read, _, _ = routed.execute_query(
            "RETURN 1 AS one", database_=database, routing_=neo4j.RoutingControl.READ
        )
    assert written[0]["one"] == read[0]["one"] == 1


async def test_the_api_reads_in_read_transactions(neo4j_settings: Settings) -> None:
    drv = async_driver(neo4j_settings)
    try:
        reader = GraphReader(drv, neo4j_settings.neo4j_database)
        assert await reader.read("RETURN 1 AS one") == [{"one": 1}]
        with pytest.raises(neo4j.exceptions.ClientError) as refused:
            await reader.read("CREATE (p:RoutingProbe) RETURN 1 AS one")
    finally:
        await drv.close()
    assert refused.value.code == "Neo.ClientError.Statement.AccessMode"


def test_the_writer_writes_through_a_routing_uri(
    neo4j_settings: Settings, empty_graph: neo4j.Driver
) -> None:
    from kgapi.model import ArticleMeta, Extraction

    extraction = Extraction(
        article=ArticleMeta(id="article:0000routing000", title="Routed", text="Routed text.")
    )
    with sync_driver(_routing(neo4j_settings)) as routed:
        writer = GraphWriter(routed, neo4j_settings.neo4j_database, batch_size=10)
        [result] = writer.write_batch([extraction])
        writer.await_search_indexes()
    assert result.status == "loaded"
    records, _, _ = empty_graph.execute_query(
        "MATCH (a:Article {id: $id}) RETURN a.title AS title",
        id="article:0000routing000",
        database_=neo4j_settings.neo4j_database,
        routing_=neo4j.RoutingControl.READ,
    )
    assert [r["title"] for r in records] == ["Routed"]
