"""Rate limits over real HTTP: on by default, per caller and route class, GraphQL per
operation, 429 with Retry-After, the client address from a trusted proxy's header only."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from kgapi.access.keys import KeyFile, Scope
from kgapi.config import Settings
from tests.helpers import LiveServer, serve_app

UNKNOWN = "article:0000000000000000"


def _settings(live_server: LiveServer, **update: Any) -> Settings:
    return live_server.settings.model_copy(update=update)


def _statuses(client: httpx.Client, path: str, n: int, **kwargs: Any) -> list[int]:
    return [client.get(path, **kwargs).status_code for _ in range(n)]


def test_default_limit_answers_429_with_retry_after(live_server: LiveServer) -> None:
    """The defaults (KGAPI_RATE_LIMITS unset): an anonymous client may burst 40 reads,
    then gets 429 with Retry-After, and is served again once that has passed."""
    settings = _settings(live_server, rate_limits="")
    with serve_app(settings) as server, server.client() as client:
        # 8 threads: the burst arrives far faster than 20/s, whatever the machine's speed.
        with ThreadPoolExecutor(8) as pool:
            responses = list(pool.map(lambda _: client.get("/api/v1/claims?limit=1"), range(80)))
        statuses = [r.status_code for r in responses]
        refused = [r for r in responses if r.status_code == 429]
        assert set(statuses) == {200, 429}, statuses
        assert statuses.count(200) >= 40  # the burst
        retry_after = int(refused[0].headers["Retry-After"])
        assert 1 <= retry_after <= 2
        assert "reads" in refused[0].json()["detail"]
        health = _statuses(client, "/health", 5)  # probes are never limited
        time.sleep(retry_after + 0.1)
        again = client.get("/api/v1/claims?limit=1")
    assert again.status_code == 200, again.text
    assert health == [200] * 5


def test_off_turns_limiting_off(live_server: LiveServer) -> None:
    settings = _settings(live_server, rate_limits="off")
    with serve_app(settings) as server, server.client() as client, ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda _: client.get("/docs").status_code, range(100)))
    assert statuses == [200] * 100


def test_route_classes_have_their_own_budgets(live_server: LiveServer) -> None:
    settings = _settings(
        live_server,
        rate_limits="anonymous.reads=3/minute; anonymous.graphql=2/minute; anonymous.writes=1/minute",
    )
    query = {"query": "{ claims(first: 1) { totalCount } }"}
    with serve_app(settings) as server, server.client() as client:
        reads = _statuses(client, "/docs", 4)
        graphql = [client.post("/graphql", json=query).status_code for _ in range(3)]
        writes = [client.delete(f"/api/v1/articles/{UNKNOWN}").status_code for _ in range(2)]
    assert reads == [200, 200, 200, 429]
    assert graphql == [200, 200, 429]  # not charged to reads
    assert writes == [401, 429]  # anonymous writes: refused, and key guessing is limited


def test_graphql_is_charged_per_operation_and_mutation_fields_as_writes(
    live_server: LiveServer,
) -> None:
    settings = _settings(live_server, rate_limits="key.writes=3/minute; key.graphql=2/minute")
    key = {"X-API-Key": settings.api_keys[0]}
    deletes = lambda n: (  # noqa: E731
        "mutation { "
        + " ".join(f'd{i}: deleteArticle(id: "{UNKNOWN}") {{ found }}' for i in range(n))
        + " }"
    )
    with serve_app(settings) as server, server.client() as client:
        two = client.post("/graphql", json={"query": deletes(2)}, headers=key)
        two_more = client.post("/graphql", json={"query": deletes(2)}, headers=key)
        one = client.post("/graphql", json={"query": deletes(1)}, headers=key)
        rest_write = client.delete(f"/api/v1/articles/{UNKNOWN}", headers=key)
        queries = [
            client.post(
                "/graphql", json={"query": "{ claims(first: 1) { totalCount } }"}, headers=key
            )
            for _ in range(2)
        ]
        bad_document = client.post("/graphql", json={"query": "{ claims("}, headers=key)
    assert two.status_code == 200, two.text
    assert two.json()["data"] == {"d0": {"found": False}, "d1": {"found": False}}
    # 2 + 2 > 3: refused whole, nothing executed, GraphQL's error shape.
    assert two_more.status_code == 429, two_more.text
    assert int(two_more.headers["Retry-After"]) >= 1
    assert "writes" in two_more.json()["errors"][0]["message"]
    assert "data" not in two_more.json()
    assert one.status_code == 200  # the third write of the minute
    assert rest_write.status_code == 429  # REST and GraphQL share the writes budget
    assert [q.status_code for q in queries] == [200, 200]  # queries: their own budget
    assert bad_document.status_code == 429  # one not executed is still charged


def test_each_key_has_its_own_budget_and_a_named_key_its_own_limit(
    live_server: LiveServer, tmp_path: Any
) -> None:
    keys = KeyFile(tmp_path / "keys.json")
    _, first = keys.create("dash-1", [Scope.READ])
    _, second = keys.create("dash-2", [Scope.READ])
    _, big = keys.create("big", [Scope.READ])
    settings = _settings(
        live_server,
        keys_file=keys.path,
        rate_limits="anonymous.reads=1/minute; key.reads=2/minute; key:big.reads=5/minute",
    )
    with serve_app(settings) as server, server.client() as client:
        a = _statuses(client, "/docs", 3, headers={"X-API-Key": first})
        b = _statuses(client, "/docs", 3, headers={"X-API-Key": second})
        c = _statuses(client, "/docs", 6, headers={"X-API-Key": big})
        anonymous = _statuses(client, "/docs", 2)
        wrong_key = client.get("/docs", headers={"X-API-Key": "not-a-key"})
    assert a == [200, 200, 429]
    assert b == [200, 200, 429]
    assert c == [200] * 5 + [429]
    assert anonymous == [200, 429]
    assert wrong_key.status_code == 429  # an unknown key is anonymous: its IP's budget


@pytest.mark.parametrize(
    ("header", "proxies", "separate"),
    [
        ("", ["127.0.0.1"], False),  # not configured: the peer is the client
        ("X-Forwarded-For", ["127.0.0.1"], True),  # configured, from a trusted proxy
        ("X-Forwarded-For", ["10.0.0.0/8"], False),  # configured, but not from a proxy
    ],
)
def test_client_address_comes_from_a_trusted_proxy_header_only(
    live_server: LiveServer, header: str, proxies: list[str], separate: bool
) -> None:
    settings = _settings(
        live_server,
        rate_limits="anonymous.reads=2/minute",
        trusted_proxy_header=header,
        trusted_proxies=proxies,
    )
    with serve_app(settings) as server, server.client() as client:
        one = _statuses(client, "/docs", 3, headers={"X-Forwarded-For": "203.0.113.1"})
        # A client-written entry left of the proxy's own does not change who it is.
        spoofed = client.get("/docs", headers={"X-Forwarded-For": "198.51.100.9, 203.0.113.1"})
        other = client.get("/docs", headers={"X-Forwarded-For": "203.0.113.2"})
    assert one == [200, 200, 429]
    assert spoofed.status_code == 429
    assert other.status_code == (200 if separate else 429)


def test_bad_rate_limit_syntax_is_refused_at_start_up() -> None:
    with pytest.raises(ValueError, match=r"anonymous\.reads=fast"):
        Settings(rate_limits="anonymous.reads=fast")
