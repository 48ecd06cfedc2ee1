"""What the lockdown costs (run by hand, not a test): rate limiting per request, and the
plan check per /cypher query, each against the same work without it, in one run.

    NEO4J_URI=... NEO4J_PASSWORD=... .venv/bin/python bench/lockdown_bench.py [--rounds 30]

Reads the graph it is given (load seeds/ first for realistic answers); writes nothing.

1. Two apps under uvicorn on the same Neo4j, in this process: **off**
   (`KGAPI_RATE_LIMITS=off`) and **on** (limits on, set high enough that nothing is
   refused, so every request pays the lookup and the count). In shuffled rounds each
   route is requested `--per-round` times from each app over keep-alive connections; the
   table gives medians of per-request time.
2. The limiter alone, in process: `RateLimiter.charge` per call (anonymous by address,
   and by key), under the defaults and under limits that never refuse.
3. The /cypher runner in-process, with the plan check (`run_read_only`: EXPLAIN, then
   run) and without it (`execute_read_only`), on the same driver, in shuffled rounds.

Prints Markdown for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kgapi.access.keys import ALL_SCOPES, Principal  # noqa: E402
from kgapi.access.rate_limits import RouteClass  # noqa: E402
from kgapi.api.rate_limiting import rate_limiter_for  # noqa: E402
from kgapi.config import Settings  # noqa: E402
from kgapi.graph.driver import async_driver  # noqa: E402
from kgapi.graph.read_queries.analyst_cypher import (  # noqa: E402
    CypherTarget,
    execute_read_only,
    run_read_only,
)
from tests.helpers import HIGH_RATE_LIMITS, serve_app  # noqa: E402

KEY = "bench-key-lockdown"
CYPHER = "MATCH (a:Actor)-[:STATED]->(c:Claim) RETURN a.name AS name, count(c) AS n ORDER BY n DESC LIMIT 5"
GRAPHQL = '{ claims(speaker: "Blinken", first: 5) { totalCount edges { node { text } } } }'
ROUTES: list[tuple[str, str, dict[str, object]]] = [
    ("GET /api/v1/claims?limit=5 (anonymous)", "/api/v1/claims?limit=5", {}),
    (
        "POST /graphql (key)",
        "/graphql",
        {"json": {"query": GRAPHQL}, "headers": {"X-API-Key": KEY}},
    ),
    (
        "POST /api/v1/cypher (key)",
        "/api/v1/cypher",
        {"json": {"query": CYPHER}, "headers": {"X-API-Key": KEY}},
    ),
]


def _request(client: httpx.Client, path: str, kwargs: dict[str, object]) -> float:
    method = "POST" if "json" in kwargs else "GET"
    started = time.perf_counter()
    response = client.request(method, path, **kwargs)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text
    return elapsed


def http_part(rounds: int, per_round: int) -> list[str]:
    base = Settings(api_keys=[KEY], apply_schema_on_start=False, cypher_concurrency_per_key=1)
    apps = {
        "off": base.model_copy(update={"rate_limits": "off"}),
        "on": base.model_copy(update={"rate_limits": HIGH_RATE_LIMITS}),
    }
    times: dict[tuple[str, str], list[float]] = {(r, a): [] for r, _, _ in ROUTES for a in apps}
    with serve_app(apps["off"]) as off, serve_app(apps["on"]) as on:
        clients = {"off": off.client(), "on": on.client()}
        for _, path, kwargs in ROUTES:  # warm up both
            for client in clients.values():
                for _ in range(5):
                    _request(client, path, kwargs)
        for _ in range(rounds):
            order = [(r, a) for r in ROUTES for a in apps]
            random.shuffle(order)
            for (name, path, kwargs), app in order:
                for _ in range(per_round):
                    times[(name, app)].append(_request(clients[app], path, kwargs))
        for client in clients.values():
            client.close()
    rows = [
        "| route | limits off ms | limits on ms | on - off ms | on/off |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, _, _ in ROUTES:
        a = statistics.median(times[(name, "off")]) * 1000
        b = statistics.median(times[(name, "on")]) * 1000
        rows.append(f"| {name} | {a:.2f} | {b:.2f} | {b - a:+.2f} | {b / a:.2f} |")
    return rows


async def limiter_part(calls: int) -> list[str]:
    rows = [
        "| limiter, in process | anonymous µs/charge | key µs/charge |",
        "| --- | ---: | ---: |",
    ]
    scope = {"client": ("127.0.0.1", 50000), "headers": []}
    key = Principal("bench", "bench", ALL_SCOPES)
    for label, spec in (("defaults (some refused)", ""), ("never refusing", HIGH_RATE_LIMITS)):
        limiter = rate_limiter_for(Settings(rate_limits=spec))
        assert limiter is not None
        cells = []
        for who in (None, key):
            started = time.perf_counter()
            for _ in range(calls):
                await limiter.charge(scope, who, RouteClass.READS)
            cells.append(f"{(time.perf_counter() - started) / calls * 1e6:.1f}")
        rows.append(f"| {label} | {cells[0]} | {cells[1]} |")
    return rows


async def plan_part(rounds: int, per_round: int) -> list[str]:
    settings = Settings()
    driver = async_driver(settings)
    kinds = {"without plan check": execute_read_only, "with plan check": run_read_only}
    target = CypherTarget(driver, settings.neo4j_database, timeout=5, row_cap=1000)
    times: dict[str, list[float]] = {k: [] for k in kinds}
    try:
        for _ in range(3):
            for run in kinds.values():
                await run(target, CYPHER)
        for _ in range(rounds):
            order = list(kinds)
            random.shuffle(order)
            for kind in order:
                for _ in range(per_round):
                    started = time.perf_counter()
                    await kinds[kind](target, CYPHER)
                    times[kind].append(time.perf_counter() - started)
    finally:
        await driver.close()
    a = statistics.median(times["without plan check"]) * 1000
    b = statistics.median(times["with plan check"]) * 1000
    return [
        "| /cypher runner, in process | without plan check ms | with plan check ms | with - without ms | ratio |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| `{CYPHER[:40]}…` | {a:.2f} | {b:.2f} | {b - a:+.2f} | {b / a:.2f} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--per-round", type=int, default=10)
    parser.add_argument("--skip-http", action="store_true", help="in-process parts only")
    args = parser.parse_args()
    if not args.skip_http:
        print("\n".join(http_part(args.rounds, args.per_round)))
        print()
    print("\n".join(asyncio.run(limiter_part(5000))))
    print()
    print("\n".join(asyncio.run(plan_part(args.rounds, args.per_round))))


if __name__ == "__main__":
    main()
