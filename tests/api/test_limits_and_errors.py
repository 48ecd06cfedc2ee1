"""Request plumbing over real HTTP: 413, 415, 422, 404, 500, request ids, CORS."""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from kgapi.api.app import create_app
from tests.helpers import TEST_API_KEY, LiveServer, free_port, serve_app

KEY = {"X-API-Key": TEST_API_KEY}
LIMIT = 4096
DASHBOARD = "https://dashboard.example.org"


@pytest.fixture(scope="module")
def small_app(live_server: LiveServer) -> Iterator[httpx.Client]:
    """An app with a small body limit and a CORS allowlist (same Neo4j, same keys)."""
    settings = live_server.settings.model_copy(
        update={"max_body_bytes": LIMIT, "cors_origins": [DASHBOARD]}
    )
    with serve_app(settings) as server, server.client() as client:
        yield client


@pytest.fixture(scope="module")
def failing_app(live_server: LiveServer) -> Iterator[httpx.Client]:
    """The real app and middleware with one extra route that raises, as a bug would."""
    app = create_app(live_server.settings)

    async def boom() -> None:
        raise RuntimeError("secret internal detail: /etc/kgapi password=hunter2")

    app.add_api_route("/boom", boom)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        yield client
    server.should_exit = True
    thread.join(timeout=10)


# --- 413 ---------------------------------------------------------------------------------


def test_body_over_the_limit_by_content_length_is_413(small_app: httpx.Client) -> None:
    body = {"query": "RETURN 1", "parameters": {"pad": "x" * LIMIT}}
    response = small_app.post("/api/v1/cypher", json=body, headers=KEY)
    assert response.status_code == 413
    assert str(LIMIT) in response.json()["detail"]


def test_chunked_body_over_the_limit_is_413(small_app: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"query": "RETURN 1", "parameters": {"pad": "'
        for _ in range(8):
            yield b"x" * 1024
        yield b'"}}'

    response = small_app.post(
        "/api/v1/cypher",
        content=chunks(),
        headers={**KEY, "Content-Type": "application/json"},
    )
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert response.status_code == 413


def test_chunked_body_under_the_limit_passes(small_app: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"query": "RETURN $pad AS pad", '
        yield b'"parameters": {"pad": "small"}}'

    response = small_app.post(
        "/api/v1/cypher", content=chunks(), headers={**KEY, "Content-Type": "application/json"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [["small"]]


def test_multipart_upload_over_the_limit_is_413(small_app: httpx.Client) -> None:
    files = {"file": ("big.txt", b"Word. " * LIMIT, "text/plain")}
    response = small_app.post("/api/v1/articles", files=files, headers=KEY)
    assert response.status_code == 413


# --- 415 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/api/v1/cypher", "text/plain"),
        ("/api/v1/cypher", "application/x-www-form-urlencoded"),
        ("/api/v1/cypher", "text/html"),
        ("/api/v1/articles", "application/xml"),
        ("/api/v1/articles", "image/png"),
    ],
)
def test_wrong_content_type_is_415(api: httpx.Client, path: str, content_type: str) -> None:
    response = api.post(
        path, content=b'{"query": "RETURN 1"}', headers={**KEY, "Content-Type": content_type}
    )
    assert response.status_code == 415, response.text
    assert content_type in response.json()["detail"]


def test_json_with_charset_and_plus_json_are_accepted(api: httpx.Client) -> None:
    for content_type in ("application/json; charset=utf-8", "application/vnd.kgapi+json"):
        response = api.post(
            "/api/v1/cypher",
            content=b'{"query": "RETURN 1 AS one"}',
            headers={**KEY, "Content-Type": content_type},
        )
        assert response.status_code == 200, (content_type, response.text)


# --- 422 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"query": ""}, ["body", "query"]),
        ({}, ["body", "query"]),
        ({"query": "RETURN 1", "parameters": []}, ["body", "parameters"]),
        ({"query": "RETURN 1", "surprise": 1}, ["body", "surprise"]),
    ],
)
def test_invalid_body_is_422_with_field_messages_and_no_internals(
    api: httpx.Client, body: dict[str, object], loc: list[str]
) -> None:
    response = api.post("/api/v1/cypher", json=body, headers=KEY)
    assert response.status_code == 422, response.text
    errors = response.json()["detail"]
    assert any(error["loc"] == loc and error["msg"] for error in errors), errors
    for error in errors:
        assert set(error) == {"loc", "msg", "type"}  # no input echo, ctx or docs URL


def test_malformed_json_is_422(api: httpx.Client) -> None:
    response = api.post(
        "/api/v1/cypher",
        content=b'{"query": ',
        headers={**KEY, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "body"


def test_invalid_query_parameter_is_422_naming_it(api: httpx.Client) -> None:
    response = api.get("/api/v1/claims", params={"limit": "lots"})
    assert response.status_code == 422
    assert ["query", "limit"] in [error["loc"] for error in response.json()["detail"]]


# --- 404 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/no-such-route"),
        ("GET", "/nowhere"),
        ("DELETE", "/api/v1/articles/article:does-not-exist"),
    ],
)
def test_unknown_route_or_id_is_404_json(api: httpx.Client, method: str, path: str) -> None:
    response = api.request(method, path, headers=KEY)
    assert response.status_code == 404
    assert response.json()["detail"]


# --- 500 ---------------------------------------------------------------------------------


def test_unexpected_error_is_500_json_without_internals(
    failing_app: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="kgapi"):
        response = failing_app.get("/boom", headers={"X-Request-ID": "boom-1"})
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal server error.", "request_id": "boom-1"}
    assert "hunter2" not in response.text and "Traceback" not in response.text
    logged = [r for r in caplog.records if r.exc_info and "hunter2" in str(r.exc_info[1])]
    assert logged and logged[0].request_id == "boom-1"  # the trace is logged, with the id


# --- request ids -------------------------------------------------------------------------


def test_request_id_is_generated_when_absent(api: httpx.Client) -> None:
    first = api.get("/health").headers["X-Request-ID"]
    second = api.get("/health").headers["X-Request-ID"]
    assert uuid.UUID(first).version == 4 and first != second


@pytest.mark.parametrize("incoming", ["abc-123", "trace.id:42_x", "a" * 128])
def test_sane_request_id_is_echoed(api: httpx.Client, incoming: str) -> None:
    assert (
        api.get("/health", headers={"X-Request-ID": incoming}).headers["X-Request-ID"] == incoming
    )


@pytest.mark.parametrize("incoming", ["has space", "a" * 129, "<script>", "-leading-dash", ""])
def test_insane_request_id_is_replaced(api: httpx.Client, incoming: str) -> None:
    echoed = api.get("/health", headers={"X-Request-ID": incoming}).headers["X-Request-ID"]
    assert echoed != incoming and uuid.UUID(echoed)


def test_request_id_is_on_errors_too(api: httpx.Client) -> None:
    for response in (
        api.get("/nowhere", headers={"X-Request-ID": "err-1"}),
        api.post("/api/v1/cypher", json={}, headers={"X-Request-ID": "err-1"}),
    ):
        assert response.headers["X-Request-ID"] == "err-1"


def test_request_id_is_in_log_records(api: httpx.Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="kgapi"):
        response = api.post(
            "/api/v1/cypher",
            json={"query": "RETURN 1"},
            headers={**KEY, "X-Request-ID": "log-me-7"},
        )
    assert response.status_code == 200
    audit = [r for r in caplog.records if r.getMessage().startswith("cypher ran")]
    assert audit and audit[-1].request_id == "log-me-7"


def test_every_request_gets_one_access_log_line_after_its_response(
    api: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="kgapi.access"):
        api.get("/api/v1/claims?speaker=Blinken&first=1", headers={"X-Request-ID": "acc-1"})
        api.post("/graphql", content=b"{not json", headers={"Content-Type": "application/json"})
    lines = [r for r in caplog.records if r.name == "kgapi.access"]
    claims = [r for r in lines if r.request_id == "acc-1"]
    assert len(claims) == 1
    message = claims[0].getMessage()
    assert '"GET /api/v1/claims?speaker=Blinken&first=1 HTTP/1.1" 200' in message
    assert message.endswith("ms")
    assert any('"POST /graphql HTTP/1.1" 400' in r.getMessage() for r in lines)


# --- CORS --------------------------------------------------------------------------------


def test_cors_preflight_from_allowed_origin(small_app: httpx.Client) -> None:
    response = small_app.options(
        "/api/v1/cypher",
        headers={
            "Origin": DASHBOARD,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "X-API-Key, Content-Type",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == DASHBOARD
    assert "x-api-key" in response.headers["access-control-allow-headers"].lower()


def test_cors_preflight_from_other_origin_is_refused(small_app: httpx.Client) -> None:
    response = small_app.options(
        "/api/v1/cypher",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


def test_cors_simple_request_exposes_request_id(small_app: httpx.Client) -> None:
    response = small_app.get("/health", headers={"Origin": DASHBOARD})
    assert response.headers["access-control-allow-origin"] == DASHBOARD
    assert "x-request-id" in response.headers["access-control-expose-headers"].lower()


def test_no_cors_headers_without_configured_origins(api: httpx.Client) -> None:
    response = api.get("/health", headers={"Origin": DASHBOARD})
    assert "access-control-allow-origin" not in response.headers
