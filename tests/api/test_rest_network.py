"""`GET /api/v1/network`, the REST twin of GraphQL's `network`, over HTTP on the seeded
graph (the seed article: Blinken, Bremmer, Biden, Putin on Russia and Ukraine): the same
answer as GraphQL for the same arguments, and bad input as a 422 naming the parameter."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

BLINKEN = "person:antony-blinken"
UKRAINE = "location:ukraine"

GRAPHQL = """query ($entity: String!, $depth: Int!, $limit: Int!, $sample: Int!) {
  network(entity: $entity, depth: $depth, limit: $limit, coMentionSample: $sample) {
    nodes { id label type kind weight }
    edges { source target type weight articlesCounted }
    coMentionSample coMentionsExact } }"""


def graphql_network(api: httpx.Client, entity: str, depth: int, limit: int, sample: int) -> Any:
    """GraphQL's network, with REST's field names."""
    variables = {"entity": entity, "depth": depth, "limit": limit, "sample": sample}
    response = api.post("/graphql", json={"query": GRAPHQL, "variables": variables})
    assert response.status_code == 200, response.text
    net = response.json()["data"]["network"]
    return {
        "nodes": net["nodes"],
        "edges": [
            {
                **{k: v for k, v in e.items() if k != "articlesCounted"},
                "articles_counted": e["articlesCounted"],
            }
            for e in net["edges"]
        ],
        "co_mention_sample": net["coMentionSample"],
        "co_mentions_exact": net["coMentionsExact"],
    }


def rest_network(api: httpx.Client, **params: Any) -> Any:
    response = api.get("/api/v1/network", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def same_network(net: Any) -> Any:
    """`net` with its edges in one order (the nodes are ranked already)."""
    return {
        **net,
        "edges": sorted(net["edges"], key=lambda e: (e["source"], e["target"], e["type"])),
    }


@pytest.mark.parametrize(
    ("entity", "depth", "limit", "sample"),
    [
        ("Blinken", 1, 10, 500),
        ("Ukraine", 2, 50, 500),
        (UKRAINE, 1, 4, 1),  # by id; capped at one article, so not exact
    ],
)
def test_rest_network_is_graphqls(
    api: httpx.Client, entity: str, depth: int, limit: int, sample: int
) -> None:
    rest = rest_network(api, entity=entity, depth=depth, limit=limit, co_mention_sample=sample)
    assert same_network(rest) == same_network(graphql_network(api, entity, depth, limit, sample))
    ids = [node["id"] for node in rest["nodes"]]
    assert 1 < len(ids) <= limit and rest["co_mention_sample"] == sample
    assert all(edge["source"] in ids and edge["target"] in ids for edge in rest["edges"])
    assert any(edge["type"] == "CO_MENTIONED" for edge in rest["edges"])


def test_rest_network_around_blinken_has_his_claims_about_ukraine(api: httpx.Client) -> None:
    net = rest_network(api, entity="Blinken", limit=10)
    assert net["nodes"][0]["id"] == BLINKEN and net["co_mentions_exact"] is True
    assert {
        "source": BLINKEN,
        "target": UKRAINE,
        "type": "TALKS_ABOUT",
        "weight": 2,
        "articles_counted": None,
    } in net["edges"]


def test_rest_network_of_an_unknown_entity_is_empty(api: httpx.Client) -> None:
    assert rest_network(api, entity="Nobody Nowhere") == graphql_network(
        api, "Nobody Nowhere", 1, 50, 500
    )
    assert rest_network(api, entity="Nobody Nowhere")["nodes"] == []


@pytest.mark.parametrize(
    ("params", "parameter", "words"),
    [
        ({"depth": 3}, "depth", "less than or equal to 2"),
        ({"limit": 0}, "limit", "greater than or equal to 1"),
        ({"limit": 101}, "limit", "must be between 1 and 100, got 101"),
        ({"co_mention_sample": 0}, "co_mention_sample", "greater than or equal to 1"),
        ({"co_mention_sample": 5001}, "co_mention_sample", "less than or equal to 5000"),
        ({"from": "2026-03-11", "to": "2026-03-01"}, "from", "start date is after the end"),
        ({"from": "yesterday"}, "from", "valid date"),
    ],
)
def test_bad_network_arguments_are_422s_naming_the_parameter(
    api: httpx.Client, params: dict[str, Any], parameter: str, words: str
) -> None:
    # An unknown entity too: the arguments are checked before the name is looked up.
    for entity in ("Blinken", "Nobody Nowhere"):
        response = api.get("/api/v1/network", params={"entity": entity, **params})
        assert response.status_code == 422, response.text
        [error] = response.json()["detail"]
        assert error["loc"] == ["query", parameter]
        assert words in error["msg"]


def test_network_without_an_entity_is_a_422(api: httpx.Client) -> None:
    response = api.get("/api/v1/network")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "entity"]


def test_graphql_network_limit_above_the_maximum_is_a_user_error(api: httpx.Client) -> None:
    variables = {"entity": "Nobody Nowhere", "depth": 1, "limit": 101, "sample": 500}
    body = api.post("/graphql", json={"query": GRAPHQL, "variables": variables}).json()
    assert body["errors"][0]["message"] == "limit: must be between 1 and 100, got 101"
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "limit"}


def test_network_is_in_the_openapi_document(api: httpx.Client) -> None:
    operation = api.get("/openapi.json").json()["paths"]["/api/v1/network"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"entity", "depth", "limit", "from", "to", "co_mention_sample"} <= names
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert schema["$ref"].endswith("/Network")
