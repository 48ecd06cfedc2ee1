"""POST /api/v1/cypher over real HTTP against the seeded graph: the plan decides what may
run (403 naming the refused class, nothing executed), the read transaction is the second
wall, and Neo4j's timeout, the row/byte caps and the per-key concurrency cap bound the cost."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from pathlib import Path

import httpx
import neo4j
import pytest

from kgapi.access.keys import KeyFile, Scope
from kgapi.graph.driver import async_driver
from kgapi.graph.read_queries.analyst_cypher import CypherError, CypherTarget, execute_read_only
from tests.helpers import REPO, LiveServer, graph_counts, serve_app

# (query, refused class): every class /cypher refuses, each by Neo4j's plan of the query.
REFUSED = [
    ("SHOW USERS", "administration"),
    ("SHOW ROLES", "administration"),
    ("SHOW PRIVILEGES", "administration"),
    ("SHOW DATABASES", "administration"),
    ("SHOW SERVERS", "administration"),
    ("SHOW SETTINGS", "administration"),
    ("SHOW TRANSACTIONS", "administration"),
    ("TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "administration"),
    ("CREATE USER mallory SET PASSWORD 'secret-secret'", "administration"),
    ("ALTER USER neo4j SET PASSWORD 'pwned-pwned'", "administration"),
    ("DROP USER mallory IF EXISTS", "administration"),
    ("CREATE ROLE analyst IF NOT EXISTS", "administration"),
    ("CREATE INDEX hacked_x IF NOT EXISTS FOR (n:Hacked) ON (n.x)", "administration"),
    ("DROP INDEX claim_text IF EXISTS", "administration"),
    (
        "CREATE CONSTRAINT hacked IF NOT EXISTS FOR (n:Hacked) REQUIRE n.x IS UNIQUE",
        "administration",
    ),
    ("CALL dbms.listConfig()", "procedure"),
    ("CALL dbms.components()", "procedure"),
    ("CALL dbms.showCurrentUser()", "procedure"),
    ("CALL db.stats.collect('QUERIES')", "procedure"),
    ("CALL db.createLabel('Hacked')", "procedure"),
    ("RETURN 1 AS x UNION CALL dbms.listConfig() YIELD name RETURN name AS x", "procedure"),
    ("MATCH (n) WITH n LIMIT 1 CALL dbms.listConfig() YIELD name RETURN name", "procedure"),
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "load-csv"),
    ("LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS row RETURN count(row)", "load-csv"),
    (
        "MATCH (c:Claim) CALL (c) { RETURN c.text AS t } IN TRANSACTIONS OF 10 ROWS RETURN t",
        "call-in-transactions",
    ),
    (
        "MATCH (n:Claim) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
        "call-in-transactions",
    ),
    ("CREATE (n:Hacked {x: 1}) RETURN n", "write"),
    ("MERGE (n:Hacked {x: 1}) RETURN n", "write"),
    ("MATCH (a:Article) SET a.title = 'pwned' RETURN count(a)", "write"),
    ("MATCH (a:Article) REMOVE a.title RETURN count(a)", "write"),
    ("MATCH (c:Claim) DETACH DELETE c", "write"),
    ("MATCH (n) DETACH DELETE n", "write"),
    ("MATCH (a:Actor), (c:Claim) WITH a, c LIMIT 1 CREATE (a)-[:STATED]->(c)", "write"),
    ("MATCH (a:Article) FOREACH (x IN [1] | SET a.title = 'pwned')", "write"),
    ("EXPLAIN CREATE (n:Hacked)", "write"),
    ("PROFILE MATCH (a:Article) SET a.title = 'pwned'", "write"),
    ("// a comment first\nCREATE (n:Hacked)", "write"),
]

# Allowlisted procedures and functions answer.
ALLOWED = [
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.relationshipTypes()",
    "CALL db.propertyKeys()",
    "CALL db.schema.visualization()",
    "CALL db.schema.nodeTypeProperties()",
    "CALL db.schema.relTypeProperties()",
    "CALL db.index.fulltext.queryNodes('entity_names', 'Blinken') YIELD node, score "
    "RETURN node.name AS name, score LIMIT 3",
    "RETURN datetime.truncate('day', datetime('2024-05-06T07:08:09Z')) AS d, "
    "point.distance(point({x: 0, y: 0}), point({x: 3, y: 4})) AS p, toUpper('a') AS u",
    "PROFILE MATCH (c:Claim) RETURN count(c) AS n",
    "CYPHER 5 MATCH (c:Claim) RETURN count(c) AS n",
]

COOKBOOK = re.findall(
    r"^```cypher\n(.*?)^```", (REPO / "docs" / "cypher.md").read_text(), flags=re.S | re.M
)


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


@pytest.mark.parametrize(("query", "refused"), REFUSED, ids=[q for q, _ in REFUSED])
def test_refused_by_plan_with_403_naming_the_class_and_nothing_executed(
    api: httpx.Client,
    api_key_headers: dict[str, str],
    seeded_graph: neo4j.Driver,
    live_server: LiveServer,
    query: str,
    refused: str,
) -> None:
    database = live_server.settings.neo4j_database
    before = _fingerprint(seeded_graph, database)
    response = _cypher(api, api_key_headers, query)
    assert response.status_code == 403, response.text
    error = response.json()["detail"]
    assert error["refused"] == refused
    assert error["code"].startswith("Kgapi.Cypher.Refused.")
    assert f"Refused ({refused})" in error["message"]
    assert "nothing was executed" in error["message"]
    assert _fingerprint(seeded_graph, database) == before
    users, _, _ = seeded_graph.execute_query("SHOW USERS YIELD user", database_="system")
    assert "mallory" not in {r["user"] for r in users}


@pytest.mark.parametrize("query", ALLOWED)
def test_allowlisted_procedures_and_functions_answer(
    api: httpx.Client, api_key_headers: dict[str, str], query: str
) -> None:
    response = _cypher(api, api_key_headers, query)
    assert response.status_code == 200, response.text
    assert response.json()["rows"], response.text


def test_fulltext_procedure_finds_the_seeded_speaker(
    api: httpx.Client, api_key_headers: dict[str, str]
) -> None:
    response = _cypher(
        api,
        api_key_headers,
        "CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node RETURN node.name AS n",
        q="Blinken",
    )
    assert response.status_code == 200, response.text
    assert ["Antony Blinken"] in response.json()["rows"]


@pytest.mark.parametrize("query", COOKBOOK, ids=[f"block{i:02d}" for i in range(len(COOKBOOK))])
def test_every_cookbook_query_passes_the_plan_check(
    api: httpx.Client, api_key_headers: dict[str, str], query: str
) -> None:
    response = _cypher(api, api_key_headers, query)
    assert response.status_code == 200, response.text


def test_the_read_transaction_is_the_second_wall(
    seeded_graph: neo4j.Driver, live_server: LiveServer
) -> None:
    """Past the plan check (called without it here), Neo4j itself refuses the write."""
    settings = live_server.settings
    before = _fingerprint(seeded_graph, settings.neo4j_database)

    async def attempt() -> CypherError:
        driver = async_driver(settings)
        try:
            with pytest.raises(CypherError) as caught:
                target = CypherTarget(driver, settings.neo4j_database, timeout=5, row_cap=10)
                await execute_read_only(target, "CREATE (n:Hacked) RETURN n")
            return caught.value
        finally:
            await driver.close()

    error = asyncio.run(attempt())
    assert error.code == "Neo.ClientError.Statement.AccessMode"
    assert _fingerprint(seeded_graph, settings.neo4j_database) == before


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


MARKER = "lockdown_timeout_marker"
SLOW = f"UNWIND range(1, 10000000000) AS i WITH i WHERE i < 0 RETURN count(i) AS {MARKER}"


def _running_with_marker(driver: neo4j.Driver) -> list[str]:
    records, _, _ = driver.execute_query(
        "SHOW TRANSACTIONS YIELD transactionId, currentQuery, status "
        "WHERE currentQuery CONTAINS $marker AND NOT currentQuery STARTS WITH 'SHOW' "
        "RETURN transactionId + ' ' + status AS t",
        marker=MARKER,
    )
    return [r["t"] for r in records]


def test_long_query_is_killed_on_the_server_at_the_timeout(
    live_server: LiveServer, seeded_graph: neo4j.Driver
) -> None:
    """A query that would run for minutes (far past 10 s) is ended by Neo4j at the
    configured timeout: the API answers with Neo4j's timeout code, and SHOW TRANSACTIONS
    no longer lists it (a client-side timeout alone would leave it running)."""
    settings = live_server.settings.model_copy(update={"cypher_timeout": 1.0})
    with serve_app(settings) as server, server.client() as client:
        response = _cypher(client, {"X-API-Key": settings.api_keys[0]}, SLOW)
    assert response.status_code == 400, response.text
    assert "TransactionTimedOut" in response.json()["detail"]["code"]
    running = _running_with_marker(seeded_graph)
    for _ in range(50):  # a terminated transaction may take a moment to leave the list
        if not running:
            break
        time.sleep(0.1)
        running = _running_with_marker(seeded_graph)
    assert running == []


def test_byte_cap_truncates_and_says_so(live_server: LiveServer) -> None:
    settings = live_server.settings.model_copy(update={"cypher_max_bytes": 1000})
    with serve_app(settings) as server, server.client() as client:
        response = _cypher(
            client,
            {"X-API-Key": settings.api_keys[0]},
            "UNWIND range(1, 500) AS i RETURN i, 'some padding text' AS pad",
        )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["truncated"] is True and body["truncated_by"] == "bytes"
    assert body["byte_cap"] == 1000
    assert 0 < len(body["rows"]) < 500
    assert sum(len(httpx.Response(200, json=row).content) for row in body["rows"]) <= 1000


def test_one_running_query_per_key(
    live_server: LiveServer, seeded_graph: neo4j.Driver, tmp_path: Path
) -> None:
    """The second query of a key whose first still runs gets 429; another key may run."""
    keys = KeyFile(tmp_path / "keys.json")
    _, first = keys.create("analyst-1", [Scope.CYPHER])
    _, second = keys.create("analyst-2", [Scope.CYPHER])
    settings = live_server.settings.model_copy(
        update={"cypher_timeout": 3.0, "keys_file": keys.path}
    )
    with serve_app(settings) as server:
        slow: list[httpx.Response] = []

        def run_slow() -> None:
            with server.client() as client:
                slow.append(_cypher(client, {"X-API-Key": first}, SLOW))

        thread = threading.Thread(target=run_slow)
        thread.start()
        try:
            for _ in range(100):
                if _running_with_marker(seeded_graph):
                    break
                time.sleep(0.05)
            with server.client() as client:
                same_key = _cypher(client, {"X-API-Key": first}, "RETURN 1 AS one")
                other_key = _cypher(client, {"X-API-Key": second}, "RETURN 1 AS one")
        finally:
            thread.join(timeout=30)
        with server.client() as client:
            after = _cypher(client, {"X-API-Key": first}, "RETURN 1 AS one")
    assert same_key.status_code == 429, same_key.text
    assert same_key.headers["Retry-After"] == "1"
    assert "already has 1 /cypher query running" in same_key.json()["detail"]
    assert other_key.status_code == 200, other_key.text
    assert slow[0].status_code == 400  # ended by the timeout
    assert after.status_code == 200, after.text  # the slot was given back
