"""POST /api/v1/cypher over real HTTP against the seeded graph: Neo4j refuses writes."""

from __future__ import annotations

import httpx
import neo4j
import pytest

from tests.helpers import LiveServer, graph_counts, serve_app

WRITES = [
    "CREATE (n:Hacked {x: 1}) RETURN n",
    "MERGE (n:Hacked {x: 1}) RETURN n",
    "MATCH (a:Article) SET a.title = 'pwned' RETURN count(a)",
    "MATCH (a:Article) REMOVE a.title RETURN count(a)",
    "MATCH (c:Claim) DETACH DELETE c",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Claim) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    "CREATE INDEX hacked_x IF NOT EXISTS FOR (n:Hacked) ON (n.x)",
    "MATCH (a:Actor), (c:Claim) WITH a, c LIMIT 1 CREATE (a)-[:STATED]->(c)",
    "LOAD CSV FROM 'file:///nothing.csv' AS row CREATE (:Hacked {row: row})",
]


def _fingerprint(driver: neo4j.Driver, database: str) -> tuple[dict[str, int], list[str]]:
    """Counts by label/type plus every article title: a SET would change the titles."""
    records, _, _ = driver.execute_query(
        "MATCH (a:Article) RETURN coalesce(a.title, '<none>') AS t ORDER BY t", database_=database
    )
    return graph_counts(driver, database), [r["t"] for r in records]


def _cypher(
    api: httpx.Client, headers: dict[str, str], query: str, **params: object
) -> httpx.Response:
    return api.post("/api/v1/cypher", json={"query": query, "parameters": params}, headers=headers)


@pytest.mark.parametrize("query", WRITES)
def test_write_is_refused_by_neo4j_and_graph_unchanged(
    api: httpx.Client,
    api_key_headers: dict[str, str],
    seeded_graph: neo4j.Driver,
    live_server: LiveServer,
    query: str,
) -> None:
    database = live_server.settings.neo4j_database
    before = _fingerprint(seeded_graph, database)
    response = _cypher(api, api_key_headers, query)
    assert response.status_code == 400, response.text
    error = response.json()["detail"]
    assert error["code"].startswith("Neo."), error  # Neo4j's own status code, not ours
    assert error["message"]
    assert _fingerprint(seeded_graph, database) == before


def test_create_is_refused_with_the_access_mode_code(
    api: httpx.Client, api_key_headers: dict[str, str]
) -> None:
    response = _cypher(api, api_key_headers, "CREATE (n:Hacked) RETURN n")
    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "Neo.ClientError.Statement.AccessMode"


def test_no_key_is_401(api: httpx.Client) -> None:
    response = api.post("/api/v1/cypher", json={"query": "RETURN 1"})
    assert response.status_code == 401
    assert "WWW-Authenticate" in response.headers


def test_nodes_relationships_and_paths_are_serialised(
    api: httpx.Client, api_key_headers: dict[str, str]
) -> None:
    response = _cypher(
        api,
        api_key_headers,
        "MATCH p = (a:Actor)-[r:STATED]->(c:Claim) RETURN a, r, c, p LIMIT 1",
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["columns"] == ["a", "r", "c", "p"]
    actor, rel, claim, path = body["rows"][0]
    assert "Actor" in actor["labels"] and actor["element_id"] and actor["properties"]["name"]
    assert "Claim" in claim["labels"] and claim["properties"]["text"]
    assert rel["type"] == "STATED"
    assert (rel["start"], rel["end"]) == (actor["element_id"], claim["element_id"])
    assert [n["element_id"] for n in path["nodes"]] == [actor["element_id"], claim["element_id"]]
    assert [r["element_id"] for r in path["relationships"]] == [rel["element_id"]]


def test_temporal_spatial_and_non_finite_values_become_strings(
    api: httpx.Client, api_key_headers: dict[str, str]
) -> None:
    response = _cypher(
        api,
        api_key_headers,
        "RETURN datetime('2024-01-02T03:04:05Z') AS dt, date('2024-01-02') AS d,"
        " duration('P1DT2H') AS dur, point({x: 1.5, y: 2}) AS pt, 0.0 / 0.0 AS nan,"
        " $text AS echoed, [1, 'two', {three: 3}] AS mixed",
        text="' OR 1=1 //",
    )
    assert response.status_code == 200, response.text
    row = dict(zip(response.json()["columns"], response.json()["rows"][0], strict=True))
    assert row["dt"].startswith("2024-01-02T03:04:05")
    assert row["d"] == "2024-01-02"
    assert row["dur"] == "P1DT2H"
    assert row["pt"] == "SRID=7203;POINT(1.5 2.0)"
    assert row["nan"] == "nan"
    assert row["echoed"] == "' OR 1=1 //"  # a parameter stays a value
    assert row["mixed"] == [1, "two", {"three": 3}]


@pytest.mark.parametrize(("extra", "truncated"), [(-1, False), (0, False), (1, True), (50, True)])
def test_row_cap_truncation_is_reported(
    api: httpx.Client,
    api_key_headers: dict[str, str],
    live_server: LiveServer,
    extra: int,
    truncated: bool,
) -> None:
    cap = live_server.settings.cypher_row_cap
    count = cap + extra  # rows the query would return without the cap
    response = _cypher(api, api_key_headers, "UNWIND range(1, $n) AS i RETURN i", n=count)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["row_cap"] == cap
    assert body["truncated"] is truncated
    assert len(body["rows"]) == min(count, cap)
    assert body["rows"][0] == [1]


def test_notifications_are_reported_in_the_summary(
    api: httpx.Client, api_key_headers: dict[str, str]
) -> None:
    # A cartesian product draws a performance notification from Neo4j.
    response = _cypher(
        api, api_key_headers, "EXPLAIN MATCH (a:Article), (c:Claim) RETURN count(*) AS n"
    )
    assert response.status_code == 200, response.text
    notes = response.json()["summary"]["notifications"]
    assert any(note["gql_status"] for note in notes), notes


@pytest.mark.parametrize(("prefix", "key"), [("EXPLAIN", "plan"), ("PROFILE", "profile")])
def test_explain_and_profile_return_the_plan(
    api: httpx.Client, api_key_headers: dict[str, str], prefix: str, key: str
) -> None:
    response = _cypher(api, api_key_headers, f"{prefix} MATCH (c:Claim) RETURN count(c) AS n")
    assert response.status_code == 200, response.text
    plan = response.json()["summary"][key]
    assert plan and plan["operatorType"].startswith("ProduceResults")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("MATC (n) RETURN n", "Neo.ClientError.Statement.SyntaxError"),
        ("RETURN $missing", "Neo.ClientError.Statement.ParameterMissing"),
        ("RETURN 1 / 0", "Neo.ClientError.Statement.ArithmeticError"),
    ],
)
def test_neo4j_errors_come_back_as_400_with_code(
    api: httpx.Client, api_key_headers: dict[str, str], query: str, code: str
) -> None:
    response = _cypher(api, api_key_headers, query)
    assert response.status_code == 400, response.text
    assert response.json()["detail"]["code"] == code


def test_integer_parameter_beyond_64_bits_is_400(
    api: httpx.Client, api_key_headers: dict[str, str]
) -> None:
    response = _cypher(api, api_key_headers, "RETURN $n", n=2**70)
    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "Driver.InvalidParameter"


def test_slow_query_is_ended_by_the_server_side_timeout(live_server: LiveServer) -> None:
    settings = live_server.settings.model_copy(update={"neo4j_query_timeout": 0.5})
    with serve_app(settings) as server, server.client() as client:
        response = _cypher(
            client,
            {"X-API-Key": settings.api_keys[0]},
            "UNWIND range(1, 1000000000) AS i WITH i WHERE i < 0 RETURN count(i)",
        )
    assert response.status_code == 400, response.text
    assert "TransactionTimedOut" in response.json()["detail"]["code"]
