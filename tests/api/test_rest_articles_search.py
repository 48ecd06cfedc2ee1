"""GET /api/v1/articles, /articles/{id} and /search, over HTTP."""

from __future__ import annotations

from urllib.parse import quote

import httpx
import neo4j
import pytest

from kgapi.config import Settings
from tests.helpers import graph_counts


def test_article_list_and_detail(api: httpx.Client) -> None:
    body = api.get("/api/v1/articles").json()
    assert set(body) == {"items", "total", "next_cursor"}
    assert body["total"] == 1 and body["next_cursor"] is None
    summary = body["items"][0]
    assert summary["claim_count"] == api.get("/api/v1/claims").json()["total"]
    detail = api.get(f"/api/v1/articles/{summary['id']}").json()
    assert detail["text"] and len(detail["claims"]) == summary["claim_count"]
    assert [c["start"] for c in detail["claims"]] == sorted(c["start"] for c in detail["claims"])
    assert "Antony Blinken" in {m["entity"]["name"] for m in detail["mentions"]}


def test_article_title_filter_and_date_range(api: httpx.Client) -> None:
    assert api.get("/api/v1/articles", params={"q": "backchannel"}).json()["total"] == 1
    assert api.get("/api/v1/articles", params={"q": "no such"}).json()["total"] == 0
    # The seed has no publication date: a date range cannot include it.
    assert api.get("/api/v1/articles", params={"from": "2000-01-01"}).json()["total"] == 0


def test_unknown_article_is_404(api: httpx.Client) -> None:
    response = api.get("/api/v1/articles/article:none")
    assert response.status_code == 404
    assert "article:none" in response.json()["detail"]


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"from": "2023-13-01"}, "from"),
        ({"cursor": "x"}, "cursor"),
        ({"limit": 1000}, "limit"),
        ({"order": "best"}, "order"),
    ],
)
def test_bad_article_parameters_are_422(
    api: httpx.Client, params: dict[str, str], param: str
) -> None:
    response = api.get("/api/v1/articles", params=params)
    assert response.status_code == 422
    assert any(param in error["loc"] for error in response.json()["detail"])


def test_search_finds_entities_articles_and_claims(api: httpx.Client) -> None:
    body = api.get("/api/v1/search", params={"q": "blinken"}).json()
    assert "person:antony-blinken" in [hit["entity"]["id"] for hit in body["entities"]]
    assert any("Blinken" in (hit["claim"]["sentence"] or "") for hit in body["claims"])
    assert api.get("/api/v1/search", params={"q": "backchannel"}).json()["articles"]
    assert api.get("/api/v1/search", params={"q": "opportunity"}).json()["claims"]


def test_search_without_q_is_422(api: httpx.Client) -> None:
    assert api.get("/api/v1/search").status_code == 422
    assert api.get("/api/v1/search", params={"q": ""}).status_code == 422


@pytest.mark.parametrize(
    "hostile",
    ["') MATCH (n) DETACH DELETE n //", '"}) RETURN 1 //', "name:(*", "*", "\\", "AND OR"],
)
def test_hostile_search_text_is_a_normal_answer_and_changes_nothing(
    api: httpx.Client, seeded_graph: neo4j.Driver, neo4j_settings: Settings, hostile: str
) -> None:
    before = graph_counts(seeded_graph, neo4j_settings.neo4j_database)
    response = api.get("/api/v1/search", params={"q": hostile})
    assert response.status_code == 200
    assert set(response.json()) == {"entities", "articles", "claims"}
    articles = api.get("/api/v1/articles", params={"q": hostile, "source": hostile})
    assert articles.status_code == 200 and articles.json()["total"] == 0
    assert api.get(f"/api/v1/articles/{quote(hostile, safe='')}").status_code in (404, 422)
    assert graph_counts(seeded_graph, neo4j_settings.neo4j_database) == before
