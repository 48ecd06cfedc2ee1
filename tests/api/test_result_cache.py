"""The API's cache of networks (`kgapi.graph.result_cache`) over real HTTP: a repeated
network is answered from it (one round trip, the data version), and a write committed by
`kgapi load` or `kgapi delete` in another process is in the very next answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import neo4j

from kgapi.config import Settings
from kgapi.graph.writer import GraphWriter
from tests.helpers import LiveServer, chain_article, kgapi_in_another_process

QUERY = """{ network(entity: "Tessaly") { nodes { label weight } edges { type weight } } }"""


def network(client: httpx.Client) -> tuple[dict[str, int], int]:
    """Tessaly's network as {label: weight}, and the Neo4j round trips it took."""
    body = client.post(
        "/graphql", json={"query": QUERY}, headers={"X-Kgapi-Round-Trips": "1"}
    ).json()
    assert "errors" not in body, body
    nodes: list[dict[str, Any]] = body["data"]["network"]["nodes"]
    return {n["label"]: n["weight"] for n in nodes}, body["extensions"]["neo4jRoundTrips"]


def test_a_network_is_cached_until_another_process_writes(
    live_server: LiveServer, empty_graph: neo4j.Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    writer = GraphWriter(empty_graph, neo4j_settings.neo4j_database)
    writer.write_batch([chain_article(1, "Tessaly", "Norrow")])
    with live_server.client() as client:
        first, trips = network(client)
        assert first == {"Tessaly": 1, "Norrow": 1} and trips > 1
        again, trips = network(client)
        assert again == first and trips == 1  # from the cache: only the version was read
        # REST asks the same query function, through the same cache.
        rest = client.get("/api/v1/network", params={"entity": "Tessaly"}).json()
        assert {n["label"] for n in rest["nodes"]} == {"Tessaly", "Norrow"}

        # A load by the CLI, in a process of its own: the next answer has it.
        added = chain_article(2, "Tessaly", "Ebbin")
        path = tmp_path / "ebbin.json"
        path.write_text(added.model_dump_json())
        kgapi_in_another_process(["load", str(path)], neo4j_settings)
        loaded, trips = network(client)
        assert loaded == {"Tessaly": 2, "Norrow": 1, "Ebbin": 1} and trips > 1
        rest = client.get("/api/v1/network", params={"entity": "Tessaly"}).json()
        assert {n["label"] for n in rest["nodes"]} == {"Tessaly", "Norrow", "Ebbin"}

        # A delete by the CLI likewise.
        kgapi_in_another_process(["delete", added.article.id], neo4j_settings)
        assert network(client)[0] == first
