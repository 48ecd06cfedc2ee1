"""Shared fixtures: one real Neo4j per test session, the seeded graph, the live API.

Where Neo4j comes from, in order:
1. `NEO4J_URI` (+ `NEO4J_PASSWORD`) when set: an existing server;
2. testcontainers' Neo4j container when a Docker engine answers;
3. else the managed local server (`kgapi neo4j start`), on its own ports and data
   directory under the pytest temp dir, started once per session.

Integration tests always run against a real server. If none of the three works the session errors:
CI fails rather than skipping.

`KGAPI_TEST_URI_SCHEME=neo4j` runs the whole suite through a routing URI (`neo4j://`) to
the container or managed server, as against a cluster or Aura: reads then go out as routed
read transactions, writes as write transactions (a single server routes for itself).
Default `bolt`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import httpx
import neo4j
import pytest

from kgapi.config import NEO4J_VERSION, Settings
from tests.helpers import (
    HIGH_RATE_LIMITS,
    SEEDS,
    TEST_API_KEY,
    GraphState,
    LiveServer,
    free_port,
    graph_counts,
    serve_app,
    wipe_graph,
)


def _uri_scheme() -> str:
    scheme = os.environ.get("KGAPI_TEST_URI_SCHEME", "bolt")
    if scheme not in ("bolt", "neo4j"):
        raise pytest.UsageError(f"KGAPI_TEST_URI_SCHEME={scheme!r}: use bolt or neo4j")
    return scheme


def _with_scheme(uri: str, scheme: str) -> str:
    return f"{scheme}://{uri.partition('://')[2]}"


def _docker_answers() -> bool:
    try:
        import docker  # testcontainers' dependency

        docker.from_env(timeout=2).ping()
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings pointing at a real Neo4j for this test session."""
    home = tmp_path_factory.mktemp("kgapi-home")
    common = {
        "home": home,
        "api_keys": [TEST_API_KEY],
        "batch_size": 200,
        # Limits on (the middleware runs for every test) but out of the way of tests that
        # send many requests; the defaults' 429s are proven in tests/api/test_rate_limits.py.
        "rate_limits": HIGH_RATE_LIMITS,
    }
    scheme = _uri_scheme()
    if os.environ.get("NEO4J_URI"):
        yield Settings(**common)  # type: ignore[arg-type]
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        password = "kgapi-test-password"
        with Neo4jContainer(f"neo4j:{NEO4J_VERSION}-community", password=password) as container:
            yield Settings(
                neo4j_uri=_with_scheme(container.get_connection_url(), scheme),
                neo4j_password=password,  # type: ignore[arg-type]
                **common,  # type: ignore[arg-type]
            )
        return
    from kgapi.graph.server import ManagedNeo4j

    bolt, http = free_port(), free_port()
    settings = Settings(
        neo4j_uri=f"{scheme}://127.0.0.1:{bolt}",
        bolt_port=bolt,
        http_port=http,
        neo4j_heap="768m",
        neo4j_pagecache="128m",
        **common,  # type: ignore[arg-type]
    )
    server = ManagedNeo4j(settings)
    server.start()
    try:
        yield settings
    finally:
        server.stop()


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[neo4j.Driver]:
    """A sync driver on the test Neo4j, with the schema applied."""
    from kgapi.graph.driver import sync_driver
    from kgapi.graph.schema import apply_schema

    with sync_driver(neo4j_settings) as drv:
        drv.verify_connectivity()
        apply_schema(drv, neo4j_settings.neo4j_database)
        yield drv


@pytest.fixture(scope="session")
def graph_state() -> GraphState:
    return GraphState()


@pytest.fixture
def empty_graph(
    driver: neo4j.Driver, neo4j_settings: Settings, graph_state: GraphState
) -> neo4j.Driver:
    """An empty graph (schema applied). The seeded graph is rebuilt by whoever needs it next."""
    wipe_graph(driver, neo4j_settings.neo4j_database)
    graph_state.seeded = False
    return driver


@pytest.fixture
def seeded_graph(
    driver: neo4j.Driver, neo4j_settings: Settings, graph_state: GraphState
) -> neo4j.Driver:
    """The graph loaded from seeds/, shared by every test that only reads it."""
    if not graph_state.seeded:
        from kgapi.pipeline import load_paths

        wipe_graph(driver, neo4j_settings.neo4j_database)
        report = load_paths([SEEDS], neo4j_settings)
        assert report.failed == 0, report
        graph_state.seeded = True
    return driver


@pytest.fixture(scope="session")
def live_server(neo4j_settings: Settings, driver: neo4j.Driver) -> Iterator[LiveServer]:
    """The API for the whole session, on the session's Neo4j."""
    with serve_app(neo4j_settings) as server:
        yield server


@pytest.fixture
def api(live_server: LiveServer, seeded_graph: neo4j.Driver) -> Iterator[httpx.Client]:
    """An HTTP client on the live API, over the seeded graph."""
    with live_server.client() as client:
        yield client


@pytest.fixture
def api_key_headers() -> dict[str, str]:
    return {"X-API-Key": TEST_API_KEY}


@pytest.fixture(scope="session")
def start_app() -> Callable[[Settings], AbstractContextManager[LiveServer]]:
    """`with start_app(settings) as server:` runs an app of the test's own over real HTTP."""
    return serve_app


# An article whose "it" statement is about the board by context and whose other names it.
HARBOUR_BOARD = (
    "title: Harbour Board Delays Dredging\n\n"
    "The Eastport Harbour Board delayed the dredging of the main channel on Monday, citing "
    "the cost. Board chair Lena Holt said it would start again in the spring.\n\n"
    "Councillor Tom Abney said the Eastport Harbour Board had waited too long already.\n"
)


@pytest.fixture
def harbour_board_article(
    api: httpx.Client, seeded_graph: neo4j.Driver, live_server: LiveServer
) -> Iterator[str]:
    """HARBOUR_BOARD loaded through the API on top of the seed, and deleted afterwards
    (the seed's own statements have no subject by context to filter on)."""
    database = live_server.settings.neo4j_database
    before = graph_counts(seeded_graph, database)
    headers = {"X-API-Key": TEST_API_KEY, "Content-Type": "text/plain; charset=utf-8"}
    response = api.post(
        "/api/v1/articles", headers=headers, content=HARBOUR_BOARD.encode(), timeout=120
    )
    assert response.status_code == 201, response.text
    article_id = str(response.json()["article_id"])
    yield article_id
    api.delete(f"/api/v1/articles/{article_id}", headers=headers)
    assert graph_counts(seeded_graph, database) == before
