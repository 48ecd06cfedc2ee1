"""The headline GraphQL query, as written in the issue and the README, over real HTTP."""

from __future__ import annotations

from typing import Any

import httpx

HEADLINE = """
{ claims(speaker: "Blinken", about: "Ukraine") {
    totalCount
    edges { node { text kind speaker { name } about { name } article { title } } } } }
"""

SEED_TITLE = "Inside Biden's dramatic backchannel to Russia as a near-coup unfolded"


def gql(api: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    response = api.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_headline_query_returns_exactly_blinkens_statements_about_ukraine(
    api: httpx.Client,
) -> None:
    body = gql(api, HEADLINE)
    assert "errors" not in body
    claims = body["data"]["claims"]
    assert claims["totalCount"] == 2
    nodes = [edge["node"] for edge in claims["edges"]]
    assert sorted(node["text"] for node in nodes) == [
        "I think there's some opportunity there",
        "a robust package for Ukraine to be unveiled by NATO leaders in Vilnius",
    ]
    for node in nodes:
        assert node["speaker"] == {"name": "Antony Blinken"}
        assert {"name": "Ukraine"} in node["about"]
        assert node["article"] == {"title": SEED_TITLE}
        assert node["kind"] in {"DIRECT", "PARTIAL"}


def test_headline_query_works_with_names_as_people_type_them(api: httpx.Client) -> None:
    query = """query($s: String, $a: String) { claims(speaker: $s, about: $a) { totalCount } }"""
    for speaker, about in [("blinken", "ukraine"), ("Antony Blinken", "Ukrainian")]:
        body = gql(api, query, s=speaker, a=about)
        assert body["data"]["claims"]["totalCount"] == 2, (speaker, about)


def test_unknown_speaker_gives_empty_list(api: httpx.Client) -> None:
    body = gql(api, '{ claims(speaker: "Nobody Nowhere") { totalCount edges { cursor } } }')
    assert "errors" not in body
    assert body["data"]["claims"] == {"totalCount": 0, "edges": []}


def test_about_links_carry_their_basis_and_filter_by_it(
    api: httpx.Client, harbour_board_article: str
) -> None:
    query = """query($basis: AboutBasis) {
      claims(about: "Eastport Harbour Board", aboutBasis: $basis, first: 50) {
        totalCount
        edges { node { text aboutLinks { basis entity { name } } } }
      }
    }"""
    counts = {}
    for basis in ("TEXT", "CONTEXT"):
        body = gql(api, query, basis=basis)
        assert "errors" not in body, body
        claims = body["data"]["claims"]
        counts[basis] = claims["totalCount"]
        for edge in claims["edges"]:
            links = edge["node"]["aboutLinks"]
            assert {"basis": basis, "entity": {"name": "Eastport Harbour Board"}} in links
    every = gql(api, '{ claims(about: "Eastport Harbour Board") { totalCount } }')
    total = every["data"]["claims"]["totalCount"]
    assert counts == {"TEXT": 1, "CONTEXT": 1} and total == 2


def test_about_basis_without_about_is_a_user_error(api: httpx.Client) -> None:
    body = gql(api, "{ claims(aboutBasis: TEXT) { totalCount } }")
    assert body["data"] is None
    assert "about_basis needs an about filter" in body["errors"][0]["message"]
