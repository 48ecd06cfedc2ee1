"""Neo4j unreachable → 503 with a short reason within 2 s, /health stays 200, and the app
recovers by itself when Neo4j is back.

Outages are real sockets, not mocks: a closed port; a silent server that accepts TCP but
never answers Bolt (a hung JVM); and a TCP proxy in front of the session's real Neo4j that
the test takes down and brings back.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlparse

import httpx
import pytest

from kgapi.config import Settings
from tests.helpers import TEST_API_KEY, LiveServer, free_port, serve_app

BUDGET = 2.0  # seconds: the promise of the issue
KEY = {"X-API-Key": TEST_API_KEY}
NEO4J_ROUTES = [
    ("POST", "/api/v1/cypher", {"json": {"query": "RETURN 1"}}),
    ("GET", "/api/v1/claims?speaker=Blinken", {}),
    ("GET", "/api/v1/search?q=Blinken", {}),
    ("DELETE", "/api/v1/articles/article:0000000000000000", {}),
    ("POST", "/api/v1/articles", {"json": {"title": "T", "text": "Bob said it rained."}}),
]


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target; `down()` closes everything, `up()` reopens."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()

    def up(self) -> None:
        listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        with self._lock:
            if self._listener is not None:
                # shutdown() wakes the thread blocked in accept(); close() alone does not.
                with contextlib.suppress(OSError):
                    self._listener.shutdown(socket.SHUT_RDWR)
                self._listener.close()
                self._listener = None
            for conn in self._conns:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            self._conns.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed by down()
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns += [client, upstream]
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := src.recv(65536):
                dst.sendall(data)
        with contextlib.suppress(OSError):
            dst.shutdown(socket.SHUT_WR)


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts TCP connections and never says a word (a hung Neo4j)."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                accepted.append(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        listener.close()
        for conn in accepted:
            conn.close()


def _timed(
    client: httpx.Client, method: str, path: str, **kwargs: object
) -> tuple[httpx.Response, float]:
    started = time.perf_counter()
    response = client.request(method, path, headers=KEY, **kwargs)  # type: ignore[arg-type]
    return response, time.perf_counter() - started


def _assert_unavailable_fast(client: httpx.Client) -> None:
    for method, path, kwargs in NEO4J_ROUTES:
        response, seconds = _timed(client, method, path, **kwargs)
        assert response.status_code == 503, (path, response.status_code, response.text)
        assert seconds < BUDGET, (path, seconds)
        assert "Neo4j is unavailable" in response.json()["detail"]
        assert response.headers["Retry-After"]
    health, seconds = _timed(client, "GET", "/health")
    assert health.status_code == 200 and seconds < BUDGET
    ready, seconds = _timed(client, "GET", "/ready")
    assert ready.status_code == 503 and seconds < BUDGET + 0.5


def _outage_settings(base: Settings, uri: str) -> Settings:
    return base.model_copy(update={"neo4j_uri": uri, "apply_schema_on_start": False})


def test_closed_port_gives_503_within_two_seconds(live_server: LiveServer) -> None:
    settings = _outage_settings(live_server.settings, f"bolt://127.0.0.1:{free_port()}")
    with serve_app(settings) as server, server.client() as client:
        _assert_unavailable_fast(client)


def test_silent_neo4j_gives_503_within_two_seconds(live_server: LiveServer) -> None:
    with silent_server() as port:
        settings = _outage_settings(live_server.settings, f"bolt://127.0.0.1:{port}")
        with serve_app(settings) as server, server.client() as client:
            _assert_unavailable_fast(client)


@pytest.mark.usefixtures("seeded_graph")
def test_app_recovers_by_itself_when_neo4j_returns(live_server: LiveServer) -> None:
    target = urlparse(live_server.settings.neo4j_uri)
    proxy = TcpProxy((target.hostname or "127.0.0.1", target.port or 7687))
    proxy.up()
    settings = _outage_settings(live_server.settings, f"bolt://127.0.0.1:{proxy.port}")
    query = {"json": {"query": "MATCH (a:Article) RETURN count(a) AS n"}}
    try:
        with serve_app(settings) as server, server.client() as client:
            before, _ = _timed(client, "POST", "/api/v1/cypher", **query)
            assert before.status_code == 200, before.text  # pooled connections exist now

            proxy.down()
            down, seconds = _timed(client, "POST", "/api/v1/cypher", **query)
            assert down.status_code == 503 and seconds < BUDGET, (down.text, seconds)
            assert client.get("/health").status_code == 200

            proxy.up()
            deadline = time.monotonic() + 10
            while (back := _timed(client, "POST", "/api/v1/cypher", **query)[0]).status_code != 200:
                assert time.monotonic() < deadline, back.text
                time.sleep(0.2)
            assert back.json()["rows"] == before.json()["rows"]
            assert client.get("/api/v1/claims?speaker=Blinken").status_code == 200
    finally:
        proxy.down()
