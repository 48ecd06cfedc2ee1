"""GraphQL subscriptions over WebSocket (graphql-transport-ws) on /graphql, end to end:
the live app, real Neo4j, and `kgapi load` run as another process."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pytest
from websockets.exceptions import InvalidStatus

from tests.api.graphql_ws import GraphQLWS
from tests.helpers import (
    NEW_BLINKEN_ARTICLE,
    TEST_API_KEY,
    GraphState,
    LiveServer,
    load_in_another_process,
    serve_app,
)

CLAIM_ADDED = """
subscription ($speaker: String) {
  claimAdded(speaker: $speaker) {
    id text kind sentence
    speaker { name }
    about { name }
    article { id title source ingestedAt }
  }
}
"""
ARTICLE_ADDED = "subscription { articleAdded { id title source claims { totalCount } } }"


@pytest.fixture
def reseed_after(graph_state: GraphState) -> Iterator[None]:
    """The test adds an article: the seeded graph is rebuilt by whoever needs it next."""
    yield
    graph_state.seeded = False


def _next_data(ws: GraphQLWS, timeout: float) -> dict[str, Any] | None:
    message = ws.receive(timeout)
    if message is None:
        return None
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    data: dict[str, Any] = message["payload"]["data"]
    return data


def test_claim_added_delivers_a_kgapi_load_from_another_process_within_2_s(
    live_server: LiveServer,
    seeded_graph: neo4j.Driver,
    reseed_after: None,
    tmp_path: Path,
) -> None:
    article = tmp_path / "arctic.txt"
    article.write_text(NEW_BLINKEN_ARTICLE, encoding="utf-8")
    with (
        GraphQLWS(live_server.url) as blinken,
        GraphQLWS(live_server.url) as other,
        GraphQLWS(live_server.url) as articles,
    ):
        for ws in (blinken, other, articles):
            assert ws.init() == {"type": "connection_ack"}
        blinken.subscribe("1", CLAIM_ADDED, {"speaker": "Blinken"})
        other.subscribe("1", CLAIM_ADDED, {"speaker": "Ian Bremmer"})
        articles.subscribe("1", ARTICLE_ADDED)
        time.sleep(1)  # the feed's first poll learns what is already there

        load_in_another_process(article, live_server.settings)
        committed = time.monotonic()

        # The article holds two statements of Blinken's: what he said and what he was
        # quoted saying.
        claims = []
        for _ in range(2):
            data = _next_data(blinken, timeout=2)
            assert data is not None, "no claimAdded within 2 s of the load's commit"
            assert time.monotonic() - committed < 2
            claims.append(data["claimAdded"])
        assert {c["speaker"]["name"] for c in claims} == {"Antony Blinken"}
        texts = " | ".join(c["text"] for c in claims)
        assert "clear rules for the Arctic" in texts
        assert "would open talks with Norway" in texts
        for claim in claims:
            assert claim["article"]["title"] == "Blinken proposes Arctic shipping talks"
            assert claim["article"]["ingestedAt"]

        added = _next_data(articles, timeout=2)
        assert added is not None
        assert added["articleAdded"]["title"] == "Blinken proposes Arctic shipping talks"
        assert added["articleAdded"]["claims"]["totalCount"] >= 1

        assert other.receive(timeout=2) is None  # Bremmer said nothing new
        assert blinken.receive(timeout=0.5) is None  # delivered once


def test_websocket_runs_subscriptions_only(live_server: LiveServer) -> None:
    with GraphQLWS(live_server.url) as ws:
        assert ws.init() == {"type": "connection_ack"}
        ws.subscribe("q", "{ version }")
        message = ws.receive(5)
    assert message is not None and message["type"] == "error", message
    assert "subscriptions only" in message["payload"][0]["message"]


def test_a_connection_holds_at_most_its_cap_of_subscriptions(live_server: LiveServer) -> None:
    settings = live_server.settings.model_copy(update={"max_subscriptions_per_connection": 1})
    with serve_app(settings) as server, GraphQLWS(server.url) as ws:
        assert ws.init() == {"type": "connection_ack"}
        ws.subscribe("1", ARTICLE_ADDED)
        ws.subscribe("2", ARTICLE_ADDED)
        message = ws.receive(5)
    assert message is not None and message["type"] == "error" and message["id"] == "2"
    assert "limit" in message["payload"][0]["message"].lower()


def test_a_process_serves_at_most_its_cap_of_subscriptions(live_server: LiveServer) -> None:
    settings = live_server.settings.model_copy(update={"max_subscriptions": 1})
    with serve_app(settings) as server, GraphQLWS(server.url) as first:
        assert first.init() == {"type": "connection_ack"}
        first.subscribe("1", ARTICLE_ADDED)
        time.sleep(0.5)
        with GraphQLWS(server.url) as second:
            assert second.init() == {"type": "connection_ack"}
            second.subscribe("1", ARTICLE_ADDED)
            message = second.receive(5)
    assert message is not None and message["type"] == "next", message
    error = message["payload"]["errors"][0]
    assert error["extensions"]["code"] == "SUBSCRIPTION_LIMIT"
    assert "KGAPI_MAX_SUBSCRIPTIONS" in error["message"]


def test_an_idle_connection_is_closed_with_a_reason(live_server: LiveServer) -> None:
    settings = live_server.settings.model_copy(update={"subscription_idle_timeout": 1.0})
    with serve_app(settings) as server, GraphQLWS(server.url) as ws:
        assert ws.init() == {"type": "connection_ack"}
        closed = ws.closed(timeout=5)
    assert closed is not None and closed.rcvd is not None
    assert closed.rcvd.code == 1000
    assert "idle" in closed.rcvd.reason


def test_a_read_key_is_required_when_reads_require_one(live_server: LiveServer) -> None:
    settings = live_server.settings.model_copy(update={"require_key_for_reads": True})
    with serve_app(settings) as server:
        with GraphQLWS(server.url) as anonymous:
            anonymous.send({"type": "connection_init", "payload": {}})
            closed = anonymous.closed(timeout=5)
        with GraphQLWS(server.url) as keyed:
            ack = keyed.init({"Authorization": f"Bearer {TEST_API_KEY}"})
        with GraphQLWS(server.url, headers={"X-API-Key": TEST_API_KEY}) as by_header:
            ack_by_header = by_header.init()
    assert closed is not None and closed.rcvd is not None
    assert closed.rcvd.code == 4403
    assert "key" in closed.rcvd.reason
    assert ack == {"type": "connection_ack"}
    assert ack_by_header == {"type": "connection_ack"}


def test_a_page_on_another_origin_subscribes_only_when_cors_allows_it(
    live_server: LiveServer,
) -> None:
    allowed = "https://dashboard.example"
    settings = live_server.settings.model_copy(update={"cors_origins": [allowed]})
    with serve_app(settings) as server:
        with GraphQLWS(server.url, headers={"Origin": allowed}) as dashboard:
            ack = dashboard.init()
        with pytest.raises(InvalidStatus) as refused:
            GraphQLWS(server.url, headers={"Origin": "https://elsewhere.example"})
    assert ack == {"type": "connection_ack"}
    assert refused.value.response.status_code == 403
