"""Mutations over HTTP: ingest and delete behind the API key, through the one loader.

Every test leaves the seeded graph as it found it (same node and relationship counts);
if one fails half-way, the seeded graph is marked stale and rebuilt by the next user.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import neo4j
import pytest

from kgapi.config import Settings
from tests.helpers import GraphState, graph_counts

STORY = (
    "Harbour Minister Mara Velden said on Monday that the port of Tessaly would reopen by "
    'spring. "We will not let Tessaly wait another winter," Velden told reporters.'
)

INGEST = """mutation($input: ArticleInput!) {
  ingestArticle(input: $input) { articleId status entities claims } }"""
DELETE = """mutation($id: ID!) {
  deleteArticle(id: $id) { articleId found claims mentions entitiesRemoved } }"""


def post(
    api: httpx.Client, query: str, headers: dict[str, str] | None = None, **variables: Any
) -> dict[str, Any]:
    response = api.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def unchanged_graph(
    api: httpx.Client, seeded_graph: neo4j.Driver, neo4j_settings: Settings, graph_state: GraphState
) -> Iterator[None]:
    """Assert the seeded graph is the same after the test (and mark it stale if not)."""
    before = graph_counts(seeded_graph, neo4j_settings.neo4j_database)
    yield
    after = graph_counts(seeded_graph, neo4j_settings.neo4j_database)
    if after != before:
        graph_state.seeded = False
    assert after == before


@pytest.mark.parametrize(
    ("headers", "says"),
    [
        (None, "API key is required"),
        ({"X-API-Key": "wrong-key"}, "not valid"),
        ({"Authorization": "Bearer wrong-key"}, "not valid"),
    ],
)
def test_ingest_without_a_valid_key_is_refused_and_writes_nothing(
    api: httpx.Client, unchanged_graph: None, headers: dict[str, str] | None, says: str
) -> None:
    body = post(api, INGEST, headers, input={"text": STORY, "title": "Tessaly port"})
    assert body["data"] is None
    assert says in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_delete_without_a_key_is_refused(api: httpx.Client, unchanged_graph: None) -> None:
    article = post(api, "{ articles(first: 1) { nodes { id } } }")["data"]["articles"]["nodes"][0]
    body = post(api, DELETE, id=article["id"])
    assert "API key is required" in body["errors"][0]["message"]
    assert post(api, "{ articles { totalCount } }")["data"]["articles"]["totalCount"] == 1


def test_ingest_then_delete_with_a_key(
    api: httpx.Client, unchanged_graph: None, api_key_headers: dict[str, str]
) -> None:
    article = {
        "text": STORY,
        "title": "Tessaly port to reopen",
        "url": "https://example.test/tessaly",
    }
    loaded = post(api, INGEST, api_key_headers, input=article)
    assert "errors" not in loaded, loaded
    result = loaded["data"]["ingestArticle"]
    assert result["status"] == "LOADED"
    assert result["articleId"].startswith("article:")
    assert result["claims"] >= 1 and result["entities"] >= 2

    found = post(api, '{ claims(speaker: "Velden") { totalCount nodes { article { title } } } }')
    assert found["data"]["claims"]["totalCount"] == result["claims"]
    assert found["data"]["claims"]["nodes"][0]["article"]["title"] == "Tessaly port to reopen"

    again = post(api, INGEST, api_key_headers, input=article)["data"]["ingestArticle"]
    assert again["status"] == "UNCHANGED"
    assert again["articleId"] == result["articleId"]

    deleted = post(
        api,
        DELETE,
        {"Authorization": f"Bearer {api_key_headers['X-API-Key']}"},
        id=result["articleId"],
    )
    assert deleted["data"]["deleteArticle"]["found"] is True
    assert deleted["data"]["deleteArticle"]["claims"] == result["claims"]
    gone = post(api, '{ claims(speaker: "Velden") { totalCount } }')
    assert gone["data"]["claims"]["totalCount"] == 0


def test_delete_of_an_unknown_article_reports_not_found(
    api: httpx.Client, unchanged_graph: None, api_key_headers: dict[str, str]
) -> None:
    body = post(api, DELETE, api_key_headers, id="article:0000000000000000")
    assert body["data"]["deleteArticle"]["found"] is False


@pytest.mark.parametrize(
    ("query", "variables", "says"),
    [
        (DELETE, {"id": "not-an-article"}, "malformed article id"),
        (INGEST, {"input": {"text": "   "}}, "input:"),
    ],
)
def test_bad_mutation_input_is_a_clear_error(
    api: httpx.Client,
    unchanged_graph: None,
    api_key_headers: dict[str, str],
    query: str,
    variables: dict[str, Any],
    says: str,
) -> None:
    body = post(api, query, api_key_headers, **variables)
    assert body["data"] is None
    assert says in body["errors"][0]["message"]
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.fixture(scope="module")
def keyed_reads_server(neo4j_settings: Settings, driver: neo4j.Driver) -> Iterator[str]:
    """A second live app, configured to require a key for reads too."""
    import threading
    import time

    import uvicorn

    from kgapi.api.app import create_app
    from tests.helpers import free_port

    settings = neo4j_settings.model_copy(update={"require_key_for_reads": True})
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the API did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_reads_need_a_key_when_configured(
    keyed_reads_server: str, api_key_headers: dict[str, str]
) -> None:
    query = {"query": "{ claims { totalCount } }"}
    with httpx.Client(base_url=keyed_reads_server, timeout=30) as client:
        refused = client.post("/graphql", json=query)
        allowed = client.post("/graphql", json=query, headers=api_key_headers)
    assert refused.status_code in (200, 400, 401)
    body = refused.json()
    assert body.get("data") is None
    assert "API key is required to read" in body["errors"][0]["message"]
    assert allowed.status_code == 200
    assert "errors" not in allowed.json()
