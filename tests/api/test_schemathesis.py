"""Property-based run of schemathesis over the live app's OpenAPI document: no 500s.

Every operation is included — the writes too, with a valid API key so they actually run
(ingest random articles, delete random ids, run random Cypher read-only). To keep the
seeded graph intact for later tests, every article the run created is deleted through
the API afterwards and the graph must equal the seeds again.
Bounded and deterministic: 25 examples per operation and generation mode (valid and
invalid inputs), derandomized.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import neo4j
import pytest
import schemathesis

# Imported at module level, at shallow depth: imported lazily deep inside a negative-mode
# case, pytest's assertion rewriting of this module hits a CPython 3.11 SystemError
# ("AST constructor recursion depth mismatch").
import schemathesis.wfc.escalation
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from kgapi.api.app import create_app
from kgapi.config import Settings
from tests.helpers import TEST_API_KEY, GraphState, LiveServer, graph_counts

KEY = {"X-API-Key": TEST_API_KEY}


def _article_ids(driver: neo4j.Driver, database: str) -> set[str]:
    records, _, _ = driver.execute_query("MATCH (a:Article) RETURN a.id AS id", database_=database)
    return {record["id"] for record in records}


@pytest.fixture(scope="module")
def seeds_snapshot() -> dict[str, Any]:
    """The seeded graph as it was before the run (filled by `seeded_before_run`)."""
    return {}


@pytest.fixture(autouse=True)
def seeded_before_run(
    seeded_graph: neo4j.Driver, neo4j_settings: Settings, seeds_snapshot: dict[str, Any]
) -> None:
    if not seeds_snapshot:
        database = neo4j_settings.neo4j_database
        seeds_snapshot.update(
            counts=graph_counts(seeded_graph, database), ids=_article_ids(seeded_graph, database)
        )


@pytest.fixture(scope="module")
def fuzzed_server(
    live_server: LiveServer,
    driver: neo4j.Driver,
    graph_state: GraphState,
    seeds_snapshot: dict[str, Any],
) -> Iterator[LiveServer]:
    """The live app; afterwards, the articles the run created are deleted again."""
    yield live_server
    if not seeds_snapshot:
        return
    database = live_server.settings.neo4j_database
    with live_server.client() as client:
        for article_id in _article_ids(driver, database) - seeds_snapshot["ids"]:
            client.delete(f"/api/v1/articles/{quote(article_id, safe='')}", headers=KEY)
    restored = (
        graph_counts(driver, database) == seeds_snapshot["counts"]
        and _article_ids(driver, database) == seeds_snapshot["ids"]
    )
    if not restored:
        graph_state.seeded = False  # let the next seeded_graph rebuild it
        pytest.fail("the schemathesis run changed the seeded graph beyond its own articles")


def _load_schema() -> Any:
    """The app's OpenAPI document, built from the app factory (no server needed to collect).

    Not `schemathesis.pytest.from_fixture`: its lazy loader reads `request.node._nodeid`,
    which pytest 9 no longer has. The cases still go over real HTTP to the live server.
    """
    document = create_app(Settings(api_keys=[TEST_API_KEY])).openapi()
    loaded = schemathesis.openapi.from_dict(document)
    # Valid and invalid inputs alike: invalid ones exercise the 4xx paths (422, 415, 404).
    loaded.config.generation.update(
        modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE],
        deterministic=True,
    )
    return loaded


schema = _load_schema()


@schema.parametrize()
@settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case: Any, fuzzed_server: LiveServer) -> None:
    case.call_and_validate(
        base_url=fuzzed_server.url, headers=KEY, checks=[not_a_server_error], timeout=60
    )


def test_openapi_document_covers_the_api(fuzzed_server: LiveServer) -> None:
    paths = httpx.get(f"{fuzzed_server.url}/openapi.json").json()["paths"]
    for path in (
        "/api/v1/claims",
        "/api/v1/cypher",
        "/api/v1/articles",
        "/api/v1/articles/{article_id}",
    ):
        assert path in paths
