"""Cypher-injection strings through every parameter of every endpoint (from the OpenAPI
document) change nothing in the graph and never cause a 500."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import neo4j
import pytest

from tests.helpers import TEST_API_KEY, LiveServer, graph_counts

KEY = {"X-API-Key": TEST_API_KEY}
PAYLOADS = [
    "' OR 1=1 //",
    '" OR 1=1 //',
    "x'}) MATCH (n) DETACH DELETE n //",
    'x"}) MATCH (n) DETACH DELETE n //',
    "Blinken' RETURN 1 UNION MATCH (n) DETACH DELETE n RETURN 1 //",
    "`) DETACH DELETE n //",
    "x` DETACH DELETE n WITH 1 AS `",
    "'; CREATE (:Injected) //",
    "$speaker",
    "{speaker}",
    "\\' OR '1'='1",
    "*:*",
    "name:* OR text:*",
    "AND (",
    "Ukraine~10000",
    "/* */ MATCH (n) SET n.pwned = true",
    "\u0000",
    "𝔘𝔨𝔯𝔞𝔦𝔫𝔢 ☢ \u202e",
    "x" * 3000,
]


def _operations(openapi: dict[str, Any]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(method, path template, parameters) of every operation that takes parameters."""
    return [
        (method.upper(), path, operation["parameters"])
        for path, item in openapi["paths"].items()
        for method, operation in item.items()
        if operation.get("parameters")
    ]


@pytest.fixture(scope="module")
def openapi(live_server: LiveServer) -> dict[str, Any]:
    with live_server.client() as client:
        document: dict[str, Any] = client.get("/openapi.json").json()
    return document


def _request(
    method: str, path: str, parameters: list[dict[str, Any]], target: str, payload: str
) -> tuple[str, str, dict[str, str]]:
    """The operation with `payload` in parameter `target`, harmless values elsewhere."""
    query: dict[str, str] = {}
    url = path
    for parameter in parameters:
        value = payload if parameter["name"] == target else "Blinken"
        if parameter["in"] == "path":
            url = url.replace("{" + parameter["name"] + "}", quote(value, safe=""))
        elif parameter["in"] == "query" and (
            parameter["name"] == target or parameter.get("required")
        ):
            query[parameter["name"]] = value
    return method, url, query


def test_openapi_lists_the_parameters_under_test(openapi: dict[str, Any]) -> None:
    names = {(path, p["name"]) for _, path, params in _operations(openapi) for p in params}
    assert ("/api/v1/claims", "speaker") in names
    assert ("/api/v1/search", "q") in names
    assert ("/api/v1/articles/{article_id}", "article_id") in names


def test_injection_through_every_parameter_changes_nothing_and_never_500s(
    api: httpx.Client,
    openapi: dict[str, Any],
    seeded_graph: neo4j.Driver,
    live_server: LiveServer,
) -> None:
    database = live_server.settings.neo4j_database
    before = graph_counts(seeded_graph, database)
    failures: list[str] = []
    tried = 0
    for method, path, parameters in _operations(openapi):
        for parameter in parameters:
            for payload in PAYLOADS:
                verb, url, query = _request(method, path, parameters, parameter["name"], payload)
                response = api.request(verb, url, params=query, headers=KEY)
                tried += 1
                if response.status_code >= 500:
                    failures.append(
                        f"{verb} {path} {parameter['name']}={payload[:40]!r}: {response.status_code} {response.text[:200]}"
                    )
        assert graph_counts(seeded_graph, database) == before, f"{method} {path} changed the graph"
    assert tried > 100
    assert not failures, "\n".join(failures)
    records, _, _ = seeded_graph.execute_query(
        "MATCH (n) WHERE n.pwned IS NOT NULL OR n:Injected RETURN count(n) AS n", database_=database
    )
    assert records[0]["n"] == 0


@pytest.mark.parametrize("payload", PAYLOADS[:10])
def test_cypher_parameters_stay_values(api: httpx.Client, payload: str) -> None:
    response = api.post(
        "/api/v1/cypher",
        headers=KEY,
        json={
            "query": "RETURN $name AS echoed, COUNT { MATCH (a:Actor) WHERE a.name = $name } AS n",
            "parameters": {"name": payload},
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [[payload, 0]]


def test_injection_in_an_ingested_article_is_stored_verbatim_and_deleted_cleanly(
    api: httpx.Client, seeded_graph: neo4j.Driver, live_server: LiveServer
) -> None:
    database = live_server.settings.neo4j_database
    before = graph_counts(seeded_graph, database)
    evil = "x'}) MATCH (n) DETACH DELETE n //"
    response = api.post(
        "/api/v1/articles",
        headers=KEY,
        timeout=120,
        json={
            "title": evil,
            "url": f"https://example.org/{quote(evil)}",
            "source": evil,
            "author": "`) DETACH DELETE n //",
            "text": f"Mayor Jo Park said the plan was sound. {evil}",
        },
    )
    assert response.status_code == 201, response.text
    article_id = response.json()["article_id"]
    try:
        stored = api.post(
            "/api/v1/cypher",
            headers=KEY,
            json={
                "query": "MATCH (a:Article {id: $id}) RETURN a.title, a.source",
                "parameters": {"id": article_id},
            },
        ).json()["rows"]
        assert stored == [[evil, evil]]
    finally:
        assert (
            api.delete(f"/api/v1/articles/{quote(article_id, safe='')}", headers=KEY).status_code
            == 200
        )
    assert graph_counts(seeded_graph, database) == before
