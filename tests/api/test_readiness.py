"""/health and /ready follow Neo4j going away and coming back, without an API restart."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest

from kgapi.config import Settings
from kgapi.graph.server import ManagedNeo4j, free_port


def test_health_is_ok_and_ready_reports_the_schema(api: httpx.Client) -> None:
    assert api.get("/health").json() == {"status": "ok"}
    ready = api.get("/ready")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"
    assert ready.json()["schema_version"]


def test_ready_follows_a_managed_neo4j_stopping_and_starting_again(
    tmp_path: Path, start_app: Callable[[Settings], AbstractContextManager[Any]]
) -> None:
    bolt, http = free_port(), free_port()
    settings = Settings(
        home=tmp_path,
        neo4j_uri=f"bolt://127.0.0.1:{bolt}",
        bolt_port=bolt,
        http_port=http,
    )
    server = ManagedNeo4j(settings)
    server.start()
    try:
        with start_app(settings) as app, httpx.Client(base_url=app.url, timeout=10) as client:
            assert client.get("/ready").status_code == 200

            server.stop()
            started = time.monotonic()
            response = client.get("/ready")
            elapsed = time.monotonic() - started
            assert response.status_code == 503
            assert "unavailable" in response.json()["reason"]
            assert elapsed < 2.5, f"/ready took {elapsed:.2f}s to report Neo4j down"
            assert client.get("/health").status_code == 200

            server.start()
            assert _eventually_ready(client), "/ready did not recover after Neo4j came back"
    finally:
        server.stop()


def _eventually_ready(client: httpx.Client, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if client.get("/ready").status_code == 200:
            return True
        time.sleep(0.25)
    return False


@pytest.mark.parametrize("path", ["/docs", "/openapi.json"])
def test_openapi_is_served(api: httpx.Client, path: str) -> None:
    assert api.get(path).status_code == 200
