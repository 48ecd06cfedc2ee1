"""/graphql speaks GraphQL over HTTP to the letter: the whole `graphql-http` audit suite
(MUSTs, SHOULDs and MAYs) against the live app, plus the rules the audit does not cover."""

from __future__ import annotations

import json
import shutil
import subprocess
from typing import Any

import pytest

from tests.helpers import REPO, LiveServer

AUDIT = REPO / "tests" / "graphql_http" / "audit.mjs"
GQL = "application/graphql-response+json"


def run_audit(url: str) -> dict[str, Any]:
    """Run every graphql-http server audit against `url`; the script's JSON report."""
    node = shutil.which("node")
    assert node, "Node.js is needed for the GraphQL-over-HTTP audit (apt-get install nodejs)"
    proc = subprocess.run(
        [node, str(AUDIT), url], capture_output=True, text=True, timeout=180, check=False
    )
    assert proc.returncode in (0, 1), f"audit could not run ({proc.returncode}): {proc.stderr}"
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def test_every_graphql_http_audit_passes(live_server: LiveServer) -> None:
    report = run_audit(f"{live_server.url}/graphql")
    failures = "\n".join(
        f"{f['id']} {f['name']}: {f['reason']} -> {f['response']}" for f in report["failures"]
    )
    assert not report["failures"], f"GraphQL-over-HTTP audits failing:\n{failures}"
    # Guard against a vacuous pass (an audit list that came back short).
    assert report["summary"]["MUST"]["ok"] >= 13
    assert report["summary"]["SHOULD"]["ok"] >= 23


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_other_methods_give_405_with_allow(live_server: LiveServer, method: str) -> None:
    with live_server.client() as client:
        response = client.request(method, "/graphql", json={"query": "{ __typename }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert "GET and POST" in response.json()["errors"][0]["message"]


def test_mutation_over_get_gives_405_allow_post(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.get(
            "/graphql", params={"query": "mutation { __typename }"}, headers={"accept": GQL}
        )
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert "POST" in response.json()["errors"][0]["message"]


def test_unacceptable_accept_gives_406_listing_what_is(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"accept": "text/plain"}
        )
    assert response.status_code == 406
    assert GQL in response.headers["accept"]
    assert "Not acceptable" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/graphql", "application/json; charset=latin1"]
)
def test_non_json_post_gives_415(live_server: LiveServer, content_type: str) -> None:
    with live_server.client() as client:
        response = client.post(
            "/graphql",
            content=b'{"query": "{ __typename }"}',
            headers={"content-type": content_type},
        )
    assert response.status_code == 415
    assert "Unsupported" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("accept", "status", "media_type"),
    [(GQL, 400, GQL), ("application/json", 200, "application/json")],
)
@pytest.mark.parametrize(
    "body",
    [
        {"query": "{"},  # parse error
        {"query": "{ noSuchField }"},  # validation error
        {"query": "query ($n: String!) { __type(name: $n) { name } }", "variables": {"n": 1}},
    ],
    ids=["parse", "validation", "variable-coercion"],
)
def test_request_errors_have_no_data_and_400_only_for_graphql_response_json(
    live_server: LiveServer, body: dict[str, Any], accept: str, status: int, media_type: str
) -> None:
    with live_server.client() as client:
        response = client.post("/graphql", json=body, headers={"accept": accept})
    assert response.status_code == status
    assert response.headers["content-type"] == f"{media_type}; charset=utf-8"
    payload = response.json()
    assert "data" not in payload
    assert payload["errors"][0]["message"]


def test_successful_query_answers_in_the_accepted_media_type(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"accept": GQL}
        )
    assert response.status_code == 200
    assert response.headers["content-type"] == f"{GQL}; charset=utf-8"
    assert response.json() == {"data": {"__typename": "Query"}}


def test_browser_get_serves_graphiql_from_the_app_itself(live_server: LiveServer) -> None:
    with live_server.client() as client:
        page = client.get("/graphql", headers={"accept": "text/html,*/*;q=0.8"})
        assert page.status_code == 200
        assert page.headers["content-type"].startswith("text/html")
        assert "https://" not in page.text and "http://" not in page.text
        for asset in ("graphiql.min.js", "graphiql.min.css", "react.production.min.js"):
            response = client.get(f"/graphql/static/{asset}")
            assert response.status_code == 200, asset
            assert len(response.content) > 1000, asset


@pytest.mark.parametrize("name", ["nope.js", "..%2F..%2Fpyproject.toml", "package.json"])
def test_only_listed_ide_assets_are_served(live_server: LiveServer, name: str) -> None:
    with live_server.client() as client:
        assert client.get(f"/graphql/static/{name}").status_code == 404


def test_get_with_json_variables_runs_the_query(live_server: LiveServer) -> None:
    params = {
        "query": "query ($n: String!) { __type(name: $n) { name } }",
        "variables": '{"n": "Claim"}',
    }
    with live_server.client() as client:
        response = client.get("/graphql", params=params)
    assert response.status_code == 200
    assert response.json() == {"data": {"__type": {"name": "Claim"}}}


@pytest.mark.parametrize(
    ("request_kwargs", "message"),
    [
        (
            {"method": "GET", "params": {"query": "{ __typename }", "variables": "{nope"}},
            "The variables parameter is not valid JSON",
        ),
        (
            {"method": "POST", "json": [{"query": "{ __typename }"}]},
            "Batched requests are not supported",
        ),
        (
            {"method": "POST", "json": {"query": "query A { __typename }", "operationName": "B"}},
            "B",
        ),
        (
            {"method": "POST", "content": b"", "headers": {"content-type": "application/json"}},
            "empty",
        ),
    ],
    ids=["get-bad-variables", "batch", "unknown-operation", "empty-body"],
)
def test_malformed_requests_are_400_with_a_reason(
    live_server: LiveServer, request_kwargs: dict[str, Any], message: str
) -> None:
    with live_server.client() as client:
        response = client.request(url="/graphql", **request_kwargs)
    assert response.status_code == 400
    assert "data" not in response.json()
    assert message in response.json()["errors"][0]["message"]
