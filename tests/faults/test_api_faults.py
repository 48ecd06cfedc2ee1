"""The API (`kgapi serve`, a real process) under concurrent mixed traffic while its Neo4j is
killed and restarted, and over a soak: requests during the outage get 503 within the connect
timeout (none hang, none 500), the process stays up, every request after recovery succeeds,
and its memory stays flat (RSS growth < 10%).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import statistics
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bench.soak import Result, Traffic, drive, ingest_cycle, rss_growth
from kgapi.graph.server import bolt_answers
from tests.faults.own_neo4j import KGAPI, OwnNeo4j
from tests.helpers import free_port

pytestmark = pytest.mark.slow

KEY = "faults-test-key"
CONCURRENCY = 4
# A 503 must come within the connect timeout; the slack is for a machine whose two cores
# also run Neo4j's recovery and the clients (measured figures: docs/benchmarks.md).
SLACK = 1.0


class Api:
    def __init__(self, process: subprocess.Popen[bytes], url: str, log: Path) -> None:
        self.process = process
        self.url = url
        self.log = log

    def availability_log(self) -> list[str]:
        """The API's own account of Neo4j going and coming back (kgapi.graph.availability)."""
        lines = self.log.read_text(errors="replace").splitlines()
        return [
            line
            for line in lines
            if "Neo4j down" in line or "Neo4j back" in line or "warm-up pass" in line
        ]


@pytest.fixture
def api(own_neo4j: OwnNeo4j, generated_articles: list[Path], tmp_path: Path) -> Iterator[Api]:
    """`kgapi serve` on the fault tests' Neo4j, over 50 generated articles."""
    own_neo4j.wipe()
    loaded = own_neo4j.kgapi("load", "--no-progress", *map(str, generated_articles[:50]))
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    port = free_port()
    # Traffic from one client far above the default rate limits: limits off, so every
    # answer measured is the API's handling of Neo4j, never a 429.
    # The clients share one key: its /cypher cap (one running query by default, tested in
    # tests/api) raised to one per client, for the same reason.
    env = {
        **own_neo4j.env,
        "KGAPI_API_KEYS": json.dumps([KEY]),
        "KGAPI_RATE_LIMITS": "off",
        "KGAPI_CYPHER_CONCURRENCY_PER_KEY": str(CONCURRENCY),
    }
    log = tmp_path / "serve.log"
    process = subprocess.Popen(
        [KGAPI, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert process.poll() is None, "kgapi serve exited"
            assert time.monotonic() < deadline, "kgapi serve did not get ready"
            time.sleep(0.5)
        yield Api(process, url, log)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _statuses(results: list[Result]) -> dict[int, int]:
    return dict(Counter(r.status for r in results))


def _ok(result: Result) -> bool:
    # 201: an ingest; a GraphQL 200 with errors has them in `detail`.
    return 200 <= result.status < 300 and not result.detail


def _unavailable(result: Result) -> bool:
    """Neo4j unavailable, said the REST way (503) or the GraphQL way (200 with the error)."""
    if result.path == "/graphql":
        return result.status == 200 and "Neo4j is unavailable" in result.detail
    return result.status == 503 and "unavailable" in result.detail


def test_outage_under_load_gets_fast_503s_and_full_recovery(
    own_neo4j: OwnNeo4j, api: Api, generated_articles: list[Path]
) -> None:
    """Neo4j killed under 4 clients' mixed traffic, then restarted, the API left running.

    "After recovery" is defined by the API itself: from the moment its `/ready` (polled
    every 0.1 s by a fifth client) first answers 200 after the restart, i.e. the API has
    seen Neo4j answer again and has run its warm-up reads. Every request started after
    that answer was received must succeed (2xx, no GraphQL error), none excepted.
    """
    timeout = own_neo4j.settings.neo4j_connect_timeout
    marks: dict[str, float] = {}
    readiness: list[tuple[float, float, int, str]] = []  # started, seconds, status, neo4j

    live = Traffic()

    async def watch_ready(http: httpx.AsyncClient) -> None:
        """Poll /ready from the kill on; mark the first 200 after the restart."""
        while "ready" not in marks:
            began = time.monotonic()
            try:
                response = await http.get("/ready")
                status, neo4j = response.status_code, response.json().get("neo4j", "")
            except httpx.HTTPError:
                status, neo4j = 0, ""
            readiness.append((began, time.monotonic() - began, status, neo4j))
            if status == 200 and "restart" in marks:
                marks["ready"] = time.monotonic()  # the answer is in: ready from here on
            await asyncio.sleep(0.1)

    async def scenario() -> Traffic:
        stop = asyncio.Event()
        traffic = asyncio.create_task(
            drive(
                api.url,
                seconds=600,
                concurrency=CONCURRENCY,
                key=KEY,
                pid=api.process.pid,
                writes=ingest_cycle(generated_articles[1000:1100]),
                stop=stop,
                traffic=live,
            )
        )
        # Traffic flowing: every client has had answers before Neo4j goes.
        deadline = time.monotonic() + 120
        while sum(map(_ok, live.results)) < 4 * CONCURRENCY:
            assert time.monotonic() < deadline, _statuses(live.results)
            await asyncio.sleep(0.2)
        async with httpx.AsyncClient(base_url=api.url, timeout=30) as http:
            marks["kill"] = time.monotonic()
            os.kill(own_neo4j.pid(), signal.SIGKILL)
            watcher = asyncio.create_task(watch_ready(http))
            await asyncio.sleep(8)  # Neo4j dead: nothing listens on its port
            marks["restart"] = time.monotonic()
            restart = asyncio.create_task(asyncio.to_thread(own_neo4j.server.start, timeout=300))
            port = own_neo4j.settings.bolt_port
            while not await asyncio.to_thread(bolt_answers, port, timeout=0.2):
                await asyncio.sleep(0.1)
            marks["bolt"] = time.monotonic()  # the JVM listens; the database may still recover
            await restart
            marks["back"] = time.monotonic()
            try:
                async with asyncio.timeout(180):
                    await watcher
            except TimeoutError:
                pass  # the assertions below say what happened
        # After recovery: at least 10 s and four answers per client (a busy machine
        # answers slowly), at most 120 s.
        ready, deadline = marks.get("ready", float("inf")), time.monotonic() + 120
        await asyncio.sleep(10)
        while sum(r.started >= ready for r in live.results) < 4 * CONCURRENCY:
            if time.monotonic() > deadline:
                break  # the assertions below say what happened
            await asyncio.sleep(0.5)
        stop.set()
        return await traffic

    traffic = asyncio.run(scenario())
    results = traffic.results
    ready = marks.get("ready", float("inf"))
    before = [r for r in results if r.started + r.seconds < marks["kill"]]
    dead = [r for r in results if marks["kill"] <= r.started < marks["restart"]]
    outage = [r for r in results if marks["kill"] <= r.started < ready]
    starting = [r for r in results if marks["bolt"] <= r.started < ready]
    after = [r for r in results if r.started >= ready]
    refused = [r for r in outage if not _ok(r)]
    warming = [t for t, _, _, neo4j in readiness if neo4j == "warming"]
    print(
        f"\noutage under load ({CONCURRENCY} clients): before the kill {_statuses(before)}"
        f" ({_timeouts(before)} query timeouts); dead {marks['restart'] - marks['kill']:.1f} s:"
        f" {_statuses(dead)}, slowest {max((r.seconds for r in dead), default=0):.3f} s;"
        f" kill -> Bolt answers {marks['bolt'] - marks['kill']:.1f} s, -> `start` returned"
        f" {marks['back'] - marks['kill']:.1f} s, -> /ready 200 {ready - marks['kill']:.1f} s"
        f" (warming seen from {min(warming, default=ready) - marks['kill']:.1f} s);"
        f" kill -> ready: {_statuses(outage)}, unavailable {len(refused)}: median"
        f" {statistics.median([r.seconds for r in refused] or [0]):.3f} s, slowest"
        f" {max((r.seconds for r in refused), default=0):.3f} s (Bolt up -> ready:"
        f" {_statuses(starting)}, slowest unavailable"
        f" {max((r.seconds for r in starting if not _ok(r)), default=0):.3f} s);"
        f" /ready slowest {max((s for _, s, _, _ in readiness), default=0):.3f} s;"
        f" after ready ({max(r.started for r in results) - ready:.0f} s):"
        f" {_statuses(after)}, median {statistics.median([r.seconds for r in after] or [0]):.3f} s,"
        f" slowest {max((r.seconds for r in after), default=0):.2f} s"
    )
    print("\n".join(api.availability_log()))
    for r in results:
        if r.seconds > timeout or (r.started >= ready and not _ok(r)):
            print(
                f"  {r.started - marks['kill']:+7.2f} s {r.path} -> {r.status}"
                f" in {r.seconds:.2f} s {r.detail[:90]}"
            )

    assert "ready" in marks, f"/ready never said 200 after the restart: {readiness[-3:]}"
    assert before and dead and after
    # From the kill until the API says ready again (Neo4j dead, starting, recovering, the
    # API's warm-up): every request not served is told "unavailable" within the connect
    # timeout (REST: 503 with Retry-After; GraphQL: its error, "Neo4j is unavailable");
    # none hangs, none fails otherwise. (Served: the requests let through once the API
    # had turned ready, in the moments before its /ready answer reached the watcher.)
    refused = [r for r in outage if not _ok(r)]
    assert all(map(_unavailable, refused)), [r for r in refused if not _unavailable(r)][:3]
    assert all(map(_unavailable, dead)), [r for r in dead if not _unavailable(r)][:3]
    assert max(r.seconds for r in refused) < timeout + SLACK, max(r.seconds for r in refused)
    assert all(s < timeout + SLACK for _, s, _, _ in readiness), max(readiness, key=lambda x: x[1])
    # The process stayed up, and every request started after /ready said 200 succeeded.
    assert api.process.poll() is None
    assert len(after) >= 4 * CONCURRENCY
    assert all(map(_ok, after)), [r for r in after if not _ok(r)][:5]
    # Never a 500, before, during or after: a success, "unavailable", or (before the kill
    # only, on this busy machine) a query that outlived its server-side timeout.
    answered = [r for r in results if r.status != 0]
    assert all(_ok(r) or _unavailable(r) or _timed_out(r) for r in answered), _statuses(results)


def _timed_out(result: Result) -> bool:
    """A query that outlived its server-side timeout: 503 from the REST query routes, a
    GraphQL error, 400 with Neo4j's timeout code from /cypher (the analyst's to read)."""
    if result.status == 503:
        return "timeout" in result.detail
    if result.path == "/graphql":
        return result.status == 200 and "query timeout" in result.detail
    return result.status == 400 and result.path.endswith("/cypher") and "TimedOut" in result.detail


def _timeouts(results: list[Result]) -> int:
    return sum(map(_timed_out, results))


def test_soak_memory_stays_flat(api: Api, generated_articles: list[Path]) -> None:
    seconds = float(os.environ.get("KGAPI_SOAK_SECONDS", "600"))
    warm_up = min(60.0, seconds / 5)
    traffic = asyncio.run(
        drive(
            api.url,
            seconds=seconds,
            concurrency=CONCURRENCY,
            key=KEY,
            pid=api.process.pid,
            sample_every=5.0,
            writes=ingest_cycle(generated_articles[1000:1100]),
        )
    )
    statuses = _statuses(traffic.results)
    # A busy machine may make a query outlive its server-side timeout (503); nothing else.
    assert all(_ok(r) or _timed_out(r) for r in traffic.results), statuses
    baseline, final, growth = rss_growth(traffic, warm_up)
    series = ", ".join(f"{b / 2**20:.0f}" for _, b in traffic.rss)
    print(
        f"\nsoak {seconds:.0f} s, {len(traffic.results)} requests {statuses}: RSS {baseline / 2**20:.1f} MiB"
        f" after {warm_up:.0f} s warm-up -> {final / 2**20:.1f} MiB ({growth:+.1%}); MiB: {series}"
    )
    assert growth < 0.10
