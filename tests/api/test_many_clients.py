"""Many clients at once, over real HTTP: none fails because others are running, and when the
API's queue for Neo4j is full the answer is a 503 with Retry-After (REST) or a GraphQL error
coded SERVICE_UNAVAILABLE — never "Unexpected error."."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import httpx
import neo4j

from kgapi.config import Settings
from tests.helpers import LiveServer

HEADLINE = """{ claims(speaker: "Blinken", about: "Ukraine", first: 20) { totalCount
  edges { node { text speaker { name } about { name } article { title } } } } }"""
CLIENTS = 32


async def _burst(url: str) -> list[httpx.Response]:
    """CLIENTS requests at once: GraphQL headline, REST claims, a network, counts."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        requests: list[Any] = []
        for i in range(CLIENTS):
            if i % 4 == 0:
                requests.append(client.post("/graphql", json={"query": HEADLINE}))
            elif i % 4 == 1:
                requests.append(client.get("/api/v1/claims?speaker=Blinken&about=Ukraine"))
            elif i % 4 == 2:
                query = '{ network(entity: "Ukraine") { nodes { id } edges { source } } }'
                requests.append(client.post("/graphql", json={"query": query}))
            else:
                query = "{ claimCounts(by: SPEAKER) { key count } }"
                requests.append(client.post("/graphql", json={"query": query}))
        return list(await asyncio.gather(*requests))


async def test_no_request_fails_because_others_are_running(
    live_server: LiveServer, seeded_graph: neo4j.Driver
) -> None:
    responses = await _burst(live_server.url)
    assert [r.status_code for r in responses] == [200] * CLIENTS
    assert not [r.json() for r in responses if "errors" in r.json()]


async def test_a_full_queue_is_503_with_retry_after_and_service_unavailable_in_graphql(
    neo4j_settings: Settings,
    seeded_graph: neo4j.Driver,
    start_app: Callable[[Settings], AbstractContextManager[LiveServer]],
) -> None:
    # One query at a time, and no patience: most of a burst finds the queue full.
    settings = neo4j_settings.model_copy(
        update={"neo4j_max_concurrency": 1, "neo4j_queue_timeout": 0.001}
    )
    with start_app(settings) as server:
        responses = await _burst(server.url)
    busy_rest = [r for r in responses if r.request.method == "GET" and r.status_code != 200]
    assert busy_rest, "the burst should have found the queue full"
    for response in busy_rest:
        assert response.status_code == 503
        assert response.headers["Retry-After"].isdigit()
    graphql_errors = [
        error
        for r in responses
        if r.request.method == "POST"
        for error in r.json().get("errors", [])
    ]
    assert graphql_errors, "the burst should have found the queue full"
    for error in graphql_errors:
        assert error["extensions"]["code"] == "SERVICE_UNAVAILABLE", error
        assert error["message"] != "Unexpected error."
