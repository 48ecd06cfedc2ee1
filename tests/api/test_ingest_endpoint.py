"""POST/DELETE /api/v1/articles over real HTTP: every body form goes through the one loader,
a repeat is "unchanged", and deleting restores the seeded graph exactly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import neo4j
import pytest

from tests.helpers import TEST_API_KEY, LiveServer, graph_counts

KEY = {"X-API-Key": TEST_API_KEY}

TEXT = (
    "Title: Riverside bridge to reopen in May\n"
    "Source: Test Wire\n"
    "Published: 2024-03-05\n"
    "\n"
    "Mayor Maria Lopez said on Tuesday that the Riverside bridge would reopen in May. "
    '"The repairs are ahead of schedule," Lopez told reporters in Springfield.\n'
)
HTML = (
    "<!doctype html><html><head><title>Harbour dredging approved</title></head><body>"
    "<article><h1>Harbour dredging approved</h1>"
    "<p>Port director Samuel Okafor said on Monday that dredging of the harbour would "
    'start in June.</p><p>"Larger ships will be able to dock," Okafor said in Portsmouth.'
    "</p></article></body></html>"
)
CONTRACT_TEXT = 'Council leader Ana Ruiz said: "The library will stay open."'
_QUOTE = "The library will stay open."
CONTRACT: dict[str, Any] = {
    "article": {
        "id": "article:apitest00000001",
        "title": "Library stays open",
        "url": "https://example.org/news/library-stays-open",
        "source": "Test Wire",
        "published_at": "2024-03-06T09:00:00Z",
        "text": CONTRACT_TEXT,
    },
    "entities": [
        {"id": "person:ana-ruiz", "type": "person", "name": "Ana Ruiz", "role": "council leader"},
        {"id": "organization:city-library", "type": "organization", "name": "City Library"},
    ],
    "statements": [
        {
            "id": "s1",
            "speaker": "Ana Ruiz",
            "speaker_id": "person:ana-ruiz",
            "speaker_kind": "person",
            "kind": "direct",
            "verb": "said",
            "text": _QUOTE,
            "sentence": CONTRACT_TEXT,
            "span": [CONTRACT_TEXT.index(_QUOTE), CONTRACT_TEXT.index(_QUOTE) + len(_QUOTE)],
            "about_ids": ["organization:city-library"],
        }
    ],
}


@pytest.fixture
def restored(
    api: httpx.Client, seeded_graph: neo4j.Driver, live_server: LiveServer
) -> Iterator[list[str]]:
    """Ids posted by the test; deleted afterwards, and the graph must equal the seeds again."""
    database = live_server.settings.neo4j_database
    before = graph_counts(seeded_graph, database)
    posted: list[str] = []
    yield posted
    for article_id in posted:
        api.delete(f"/api/v1/articles/{article_id}", headers=KEY)
    assert graph_counts(seeded_graph, database) == before


def _post(api: httpx.Client, **kwargs: Any) -> httpx.Response:
    return api.post(
        "/api/v1/articles", headers={**KEY, **kwargs.pop("headers", {})}, timeout=120, **kwargs
    )


@pytest.mark.parametrize(
    "form",
    ["text/plain", "text/html", "json-article", "json-contract", "multipart-txt", "multipart-html"],
)
def test_each_body_form_loads_then_reports_unchanged(
    api: httpx.Client, restored: list[str], form: str
) -> None:
    requests: dict[str, dict[str, Any]] = {
        "text/plain": {
            "content": TEXT.encode(),
            "headers": {"Content-Type": "text/plain; charset=utf-8"},
        },
        "text/html": {"content": HTML.encode(), "headers": {"Content-Type": "text/html"}},
        "json-article": {
            "json": {
                "title": "Riverside bridge",
                "url": "https://example.org/bridge",
                "source": "Test Wire",
                "published_at": "2024-03-05T10:00:00Z",
                "text": TEXT.split("\n\n", 1)[1],
            }
        },
        "json-contract": {"json": CONTRACT},
        "multipart-txt": {"files": {"file": ("bridge.txt", TEXT.encode(), "text/plain")}},
        "multipart-html": {"files": {"file": ("harbour.html", HTML.encode(), "text/html")}},
    }
    first = _post(api, **requests[form])
    assert first.status_code == 201, first.text
    body = first.json()
    restored.append(body["article_id"])
    assert body["status"] == "loaded"
    assert body["article_id"].startswith("article:")
    assert body["entities"] >= 1

    again = _post(api, **requests[form])
    assert again.status_code == 200, again.text
    assert again.json() == {**body, "status": "unchanged"}


def test_contract_json_lands_exactly_as_given(api: httpx.Client, restored: list[str]) -> None:
    response = _post(api, json=CONTRACT)
    assert response.status_code == 201, response.text
    restored.append(response.json()["article_id"])
    assert response.json() == {
        "article_id": "article:apitest00000001",
        "status": "loaded",
        "entities": 2,
        "claims": 1,
    }
    rows = api.post(
        "/api/v1/cypher",
        headers=KEY,
        json={
            "query": "MATCH (s:Actor)-[:STATED]->(c:Claim)-[:REPORTED_IN]->(a:Article {id: $id}),"
            " (c)-[:ABOUT]->(e) RETURN s.name, c.text, e.name",
            "parameters": {"id": "article:apitest00000001"},
        },
    ).json()["rows"]
    assert rows == [["Ana Ruiz", _QUOTE, "City Library"]]


def test_changed_article_is_replaced(api: httpx.Client, restored: list[str]) -> None:
    first = _post(api, json=CONTRACT)
    restored.append(first.json()["article_id"])
    changed = {
        **CONTRACT,
        "article": {**CONTRACT["article"], "title": "Library stays open, council says"},
    }
    second = _post(api, json=changed)
    assert second.status_code == 201, second.text
    assert second.json()["status"] == "replaced"


def test_delete_removes_article_claims_and_orphans_then_404(
    api: httpx.Client, restored: list[str]
) -> None:
    article_id = _post(api, json=CONTRACT).json()["article_id"]
    deleted = api.delete(f"/api/v1/articles/{article_id}", headers=KEY)
    assert deleted.status_code == 200, deleted.text
    assert deleted.json() == {
        "article_id": article_id,
        "claims": 1,
        "mentions": 2,
        "entities_removed": 2,
    }
    assert api.delete(f"/api/v1/articles/{article_id}", headers=KEY).status_code == 404


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"json": {"title": "No text"}}, ["body", "text"]),
        ({"json": {"text": "x", "surprise": True}}, ["body", "surprise"]),
        (
            {
                "json": {
                    **CONTRACT,
                    "statements": [{**CONTRACT["statements"][0], "speaker_id": "person:nobody"}],
                }
            },
            None,
        ),
        ({"json": ["not", "an", "object"]}, None),
        ({"content": b"   ", "headers": {"Content-Type": "text/plain"}}, None),
        ({"files": {"file": ("x.bin", b"\x00\x01\x02binary", "application/octet-stream")}}, None),
        ({"files": {"other": ("x.txt", b"text", "text/plain")}}, None),
    ],
    ids=[
        "missing-text",
        "extra-field",
        "unknown-speaker",
        "json-list",
        "blank-text",
        "binary-upload",
        "no-file-field",
    ],
)
def test_bad_article_is_422_and_changes_nothing(
    api: httpx.Client, restored: list[str], kwargs: dict[str, Any], expected: list[str] | None
) -> None:
    response = _post(api, **kwargs)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    if expected is not None:
        assert expected in [error["loc"] for error in detail]
    else:
        assert detail


def test_ingest_without_key_is_401_and_changes_nothing(
    api: httpx.Client, restored: list[str]
) -> None:
    response = api.post("/api/v1/articles", json=CONTRACT)
    assert response.status_code == 401
