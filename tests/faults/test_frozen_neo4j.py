"""A Neo4j that freezes while the API holds connections to it (SIGSTOP: the JVM keeps its
sockets open and answers nothing, as in a long GC pause or a hung host).

The API's pooled connection accepts the query and no answer ever comes: Neo4j's own
timeout cannot end it. The API bounds the wait itself (twice the query timeout plus the
connect timeout), answers 503, and from then on answers 503 at once without touching
Neo4j until its probe sees Neo4j answer again (`kgapi.graph.availability`); `/ready` says
so. The same server woke up (not restarted): served again without a warm-up.
"""

from __future__ import annotations

import os
import signal
import time

import httpx

from tests.faults.own_neo4j import OwnNeo4j
from tests.helpers import serve_app

QUERY_TIMEOUT = 2.0
CONNECT_TIMEOUT = 2.0
SLACK = 1.5  # a busy two-core machine


def _timed(client: httpx.Client, path: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_frozen_neo4j_gives_a_bounded_503_then_fast_ones_then_recovers(
    own_neo4j: OwnNeo4j,
) -> None:
    settings = own_neo4j.settings.model_copy(
        update={
            "neo4j_query_timeout": QUERY_TIMEOUT,
            "neo4j_connect_timeout": CONNECT_TIMEOUT,
        }
    )
    pid = own_neo4j.pid()
    with serve_app(settings) as server, server.client() as client:
        # A pooled connection, and the query planned (a fresh server may need more than
        # the short query timeout for its first plan).
        deadline = time.monotonic() + 60
        while (warm := client.get("/api/v1/claims?limit=1")).status_code != 200:
            assert time.monotonic() < deadline, warm.text
        os.kill(pid, signal.SIGSTOP)
        try:
            first, seconds = _timed(client, "/api/v1/claims?limit=1")
            assert first.status_code == 503, first.text
            assert "Neo4j is unavailable" in first.json()["detail"]
            assert first.headers["Retry-After"]
            # The API's bound: twice the query timeout plus the connect timeout.
            assert seconds < 2 * QUERY_TIMEOUT + CONNECT_TIMEOUT + SLACK, seconds

            # Known down now: refused at once, the frozen server never asked.
            for path in ("/api/v1/claims?limit=1", "/api/v1/search?q=Blinken", "/ready"):
                response, seconds = _timed(client, path)
                assert response.status_code == 503, (path, response.text)
                assert seconds < 0.5, (path, seconds)
            ready = client.get("/ready").json()
            assert ready["neo4j"] == "down", ready
        finally:
            os.kill(pid, signal.SIGCONT)

        deadline = time.monotonic() + 60
        while (ready_response := client.get("/ready")).status_code != 200:
            assert time.monotonic() < deadline, ready_response.text
            time.sleep(0.2)
        assert client.get("/api/v1/claims?limit=1").status_code == 200
