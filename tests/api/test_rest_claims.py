"""GET /api/v1/claims and /claims/{id}, end to end over HTTP on the seeded graph."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import neo4j
import pytest

from kgapi.config import Settings
from tests.helpers import graph_counts

BLINKEN = "person:antony-blinken"
UKRAINE = "location:ukraine"

INJECTIONS = [
    "') MATCH (n) DETACH DELETE n //",
    '"}) RETURN 1 //',
    "name:(*",
    "\\",
    "' OR 1=1 --",
]


def _walk(api: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = api.get(
            "/api/v1/claims", params={**params, **({"cursor": cursor} if cursor else {})}
        )
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["items"]
        if (cursor := body["next_cursor"]) is None:
            return items


def test_claims_by_blinken_about_ukraine_are_exactly_the_seed_statements(api: httpx.Client) -> None:
    response = api.get("/api/v1/claims", params={"speaker": "Blinken", "about": "Ukraine"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items", "total", "next_cursor"}
    assert body["total"] == 2 and body["next_cursor"] is None
    texts = sorted(item["text"] for item in body["items"])
    assert "I think there's some opportunity there" in texts[0]
    assert "robust package for Ukraine" in texts[1]
    for item in body["items"]:
        assert item["speaker"] == {
            "id": BLINKEN,
            "type": "Actor",
            "kind": "person",
            "name": "Antony Blinken",
        }
        assert "Ukraine" in [entity["name"] for entity in item["about"]]
        assert item["article"]["id"].startswith("article:")
        assert item["article"]["title"]
        assert item["sentence"] and isinstance(item["start"], int) and isinstance(item["end"], int)


@pytest.mark.parametrize("speaker", ["blinken", "Antony Blinken", BLINKEN])
@pytest.mark.parametrize("about", ["ukraine", "Ukrainian", UKRAINE])
def test_names_as_people_type_them_give_the_same_answer(
    api: httpx.Client, speaker: str, about: str
) -> None:
    expected = api.get("/api/v1/claims", params={"speaker": "Blinken", "about": "Ukraine"}).json()
    assert api.get("/api/v1/claims", params={"speaker": speaker, "about": about}).json() == expected


def test_unknown_speaker_gives_empty_list(api: httpx.Client) -> None:
    response = api.get("/api/v1/claims", params={"speaker": "Nobody Atall"})
    assert response.status_code == 200
    assert response.json() == {"items": [], "total": 0, "next_cursor": None}


@pytest.mark.parametrize("limit", [1, 2, 3, 7])
def test_pages_cover_every_claim_without_duplicates_or_gaps(api: httpx.Client, limit: int) -> None:
    everything = api.get("/api/v1/claims", params={"limit": 100}).json()
    walked = _walk(api, limit=limit)
    assert [c["id"] for c in walked] == [c["id"] for c in everything["items"]]
    assert len({c["id"] for c in walked}) == everything["total"] > 7


def test_repeated_kind_means_any_of_them(api: httpx.Client) -> None:
    kinds = {c["kind"] for c in _walk(api, kind=["direct", "partial"], limit=100)}
    assert kinds and kinds <= {"direct", "partial"}


def test_text_and_article_filters(api: httpx.Client) -> None:
    found = _walk(api, text="opportunity")
    assert [c["speaker"]["id"] for c in found] == [BLINKEN]
    article = found[0]["article"]["id"]
    assert len(_walk(api, article=article, limit=100)) == api.get("/api/v1/claims").json()["total"]


@pytest.mark.parametrize(
    ("params", "param"),
    [
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"from": "2023-02-30"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2024-01-02", "to": "2024-01-01"}, "from"),
        ({"kind": "rumour"}, "kind"),
        ({"order": "sideways"}, "order"),
        ({"speaker": "x" * 501}, "speaker"),
    ],
)
def test_bad_parameters_are_422_naming_the_parameter(
    api: httpx.Client, params: dict[str, Any], param: str
) -> None:
    response = api.get("/api/v1/claims", params=params)
    assert response.status_code == 422, response.text
    assert any(param in error["loc"] for error in response.json()["detail"])


def test_cursor_from_other_filters_is_422(api: httpx.Client) -> None:
    cursor = api.get("/api/v1/claims", params={"limit": 1}).json()["next_cursor"]
    response = api.get("/api/v1/claims", params={"limit": 1, "cursor": cursor, "kind": "direct"})
    assert response.status_code == 422
    assert "other filters" in response.json()["detail"][0]["msg"]


def test_claim_by_id_and_unknown_id(api: httpx.Client) -> None:
    first = api.get("/api/v1/claims", params={"speaker": "Blinken", "limit": 1}).json()["items"][0]
    assert api.get(f"/api/v1/claims/{first['id']}").json() == first
    response = api.get("/api/v1/claims/claim:none:0-1")
    assert response.status_code == 404
    assert "claim:none:0-1" in response.json()["detail"]


@pytest.mark.parametrize("hostile", INJECTIONS)
def test_injection_in_every_string_parameter_changes_nothing(
    api: httpx.Client, seeded_graph: neo4j.Driver, neo4j_settings: Settings, hostile: str
) -> None:
    before = graph_counts(seeded_graph, neo4j_settings.neo4j_database)
    for name in ("speaker", "about", "text", "article"):
        response = api.get("/api/v1/claims", params={name: hostile})
        assert response.status_code == 200, response.text
        assert response.json()["total"] == 0
    assert api.get("/api/v1/claims", params={"cursor": hostile}).status_code == 422
    assert api.get(f"/api/v1/claims/{quote(hostile, safe='')}").status_code in (404, 422)
    assert graph_counts(seeded_graph, neo4j_settings.neo4j_database) == before


def test_about_basis_separates_explicit_mentions_from_context(
    api: httpx.Client, harbour_board_article: str
) -> None:
    """Each subject says how it was found; `about_basis` asks for one way only. The chair's
    "it would start again" is about the board by context; the councillor names it."""
    board = "Eastport Harbour Board"
    every = _walk(api, about=board)
    named = _walk(api, about=board, about_basis="text")
    by_context = _walk(api, about=board, about_basis="context")
    assert [c["text"] for c in by_context] == ["it would start again in the spring"]
    assert [c["speaker"]["name"] for c in named] == ["Tom Abney"]
    assert sorted(c["id"] for c in named + by_context) == sorted(c["id"] for c in every)

    def board_basis(claim: dict[str, Any]) -> str:
        (link,) = [a for a in claim["about"] if a["name"] == board]
        return str(link["basis"])

    assert {board_basis(c) for c in named} == {"text"}
    assert {board_basis(c) for c in by_context} == {"context"}


def test_about_basis_needs_an_about_filter_and_a_known_basis(api: httpx.Client) -> None:
    alone = api.get("/api/v1/claims", params={"about_basis": "text"})
    assert alone.status_code == 422
    assert "about_basis needs an about filter" in alone.text
    unknown = api.get("/api/v1/claims", params={"about": "Putin", "about_basis": "sideways"})
    assert unknown.status_code == 422 and "about_basis" in unknown.text
