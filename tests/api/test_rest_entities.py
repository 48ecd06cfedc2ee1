"""GET /api/v1/actors, /organizations, /locations and their details, over HTTP."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import neo4j
import pytest

from kgapi.config import Settings
from tests.helpers import graph_counts

BLINKEN = "person:antony-blinken"
LISTS = ["actors", "organizations", "locations"]
LABEL = {"actors": "Actor", "organizations": "Organization", "locations": "Location"}


def _walk(api: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        extra = {"cursor": cursor} if cursor else {}
        body = api.get(f"/api/v1/{path}", params={**params, **extra}).json()
        items += body["items"]
        if (cursor := body["next_cursor"]) is None:
            return items


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("order", ["name", "mentions", "claims"])
def test_lists_page_through_every_entity_of_their_label(
    api: httpx.Client, path: str, order: str
) -> None:
    everything = api.get(f"/api/v1/{path}", params={"limit": 100, "order": order}).json()
    assert set(everything) == {"items", "total", "next_cursor"}
    assert everything["total"] == len(everything["items"]) > 0
    assert {e["type"] for e in everything["items"]} == {LABEL[path]}
    walked = _walk(api, path, limit=2, order=order)
    assert [e["id"] for e in walked] == [e["id"] for e in everything["items"]]


def test_actor_search_and_kind_filter(api: httpx.Client) -> None:
    body = api.get("/api/v1/actors", params={"q": "BLINK"}).json()
    assert [e["id"] for e in body["items"]] == [BLINKEN]
    assert body["items"][0]["claim_count"] >= 3
    people = api.get("/api/v1/actors", params={"kind": "person", "limit": 100}).json()["items"]
    assert people and {e["kind"] for e in people} == {"person"}
    assert api.get("/api/v1/actors", params={"kind": "robot"}).status_code == 422


def test_actor_detail_has_claims_mentions_and_affiliations(api: httpx.Client) -> None:
    response = api.get(f"/api/v1/actors/{BLINKEN}")
    assert response.status_code == 200
    blinken = response.json()
    assert blinken["name"] == "Antony Blinken"
    assert len(blinken["claims"]) == blinken["claim_count"] >= 3
    assert {c["speaker"]["id"] for c in blinken["claims"]} == {BLINKEN}
    assert blinken["mentions"] and blinken["mentions"][0]["article"]["title"]
    assert isinstance(blinken["affiliations"], list)


def test_location_detail_lists_claims_about_it(api: httpx.Client) -> None:
    ukraine = api.get("/api/v1/locations/location:ukraine").json()
    about = api.get("/api/v1/claims", params={"about": "location:ukraine", "limit": 100}).json()
    assert {c["id"] for c in ukraine["claims_about"]} == {c["id"] for c in about["items"]}


@pytest.mark.parametrize(
    ("path", "ident"),
    [
        ("actors", "person:nobody"),
        ("actors", "location:ukraine"),  # exists, but is no actor
        ("organizations", BLINKEN),
        ("locations", "nope"),
    ],
)
def test_unknown_or_wrong_kind_of_id_is_404(api: httpx.Client, path: str, ident: str) -> None:
    response = api.get(f"/api/v1/{path}/{ident}")
    assert response.status_code == 404
    assert ident in response.json()["detail"]


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 101}, {"cursor": "zzz"}, {"order": "size"}]
)
def test_bad_list_parameters_are_422(api: httpx.Client, params: dict[str, Any]) -> None:
    assert api.get("/api/v1/locations", params=params).status_code == 422


@pytest.mark.parametrize(
    "hostile", ["') MATCH (n) DETACH DELETE n //", '"}) RETURN 1 //', "name:(*"]
)
def test_injection_in_entity_parameters_changes_nothing(
    api: httpx.Client, seeded_graph: neo4j.Driver, neo4j_settings: Settings, hostile: str
) -> None:
    before = graph_counts(seeded_graph, neo4j_settings.neo4j_database)
    for path in LISTS:
        response = api.get(f"/api/v1/{path}", params={"q": hostile})
        assert response.status_code == 200 and response.json()["total"] == 0
        assert api.get(f"/api/v1/{path}/{quote(hostile, safe='')}").status_code in (404, 422)
    assert graph_counts(seeded_graph, neo4j_settings.neo4j_database) == before
