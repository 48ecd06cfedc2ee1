"""Concurrent load benchmark (run by hand, not a test): many clients on the API, beside the
same Cypher driven straight through the async driver (the floor), in one run.

    KGAPI_RATE_LIMITS=off NEO4J_URI=... NEO4J_PASSWORD=... .venv/bin/python \
        bench/concurrent_bench.py --articles 10000 --articles 100000 \
        [--clients 32] [--duration 60] [--workers 2] [--skew heavy|realistic] [--keep]
        [--without network] [--raw-transactions auto|managed]

GROWS THE TARGET DATABASE (and wipes it first unless `--keep`): for each `--articles N`
the generated corpus (`bench/corpus.py`, Zipf speakers and topics) is grown to N
articles, then two phases of `--duration` seconds each run `--clients` concurrent clients:

- **api**: `kgapi serve --workers W` in its own processes, driven by an asyncio client
  (httpx, one connection per client) over HTTP;
- **raw**: the Cypher the API's query layer sends for the same requests (recorded once
  through a recording reader), replayed through the async driver, one task per client:
  as auto-commit reads, as the API's reader sends them (`--raw-transactions managed`:
  through `execute_query`, a managed transaction and its COMMIT round trip).

Each client picks its next request from the same weighted mix: the headline GraphQL
query (Blinken × Ukraine, the heaviest slice, 20 per page with `totalCount`), a
dashboard count (claims per speaker; claims per month), the network around Ukraine (half
through GraphQL, half through REST's `GET /api/v1/network`: one query function), REST
claims pages (a light speaker's claims; the latest claims) and full-text search. Prints
per-request p50/p95/p99 and errors per phase, throughput, the api/raw ratio, the CPU
time per answered request of the API processes (user + system, from /proc: whatever else
the machine runs) and of the clients (this process), how long the API processes waited
for a core (runnable, in the run queue), and the 1-minute load average, as Markdown for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, LiteralString

import httpx
import neo4j

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import grow, speaker_share

from kgapi.config import Settings
from kgapi.graph.driver import sync_driver
from kgapi.graph.read_queries import claims, dashboard, network, search
from kgapi.graph.reader import GraphReader
from kgapi.graph.schema import apply_schema
from kgapi.graph.server import free_port
from kgapi.vocabulary import DateBucket

HEADLINE = """{ claims(speaker: "Blinken", about: "Ukraine", first: 20) { totalCount
  edges { node { text kind speaker { name } about { name } article { title } } } } }"""
BY_SPEAKER = "{ claimCounts(by: SPEAKER, limit: 20) { key label count } }"
BY_MONTH = "{ claimCounts(by: DATE, bucket: MONTH, limit: 24) { key count } }"
NETWORK = """{ network(entity: "Ukraine") { nodes { id label type weight }
  edges { source target type weight } } }"""
LIGHT_SPEAKERS = [f"Speaker {rank}" for rank in range(200, 220)]
SEARCH_WORDS = ["ceasefire sanctions", "border", "trade summit", "vaccine", "court ruling"]


@dataclass
class Op:
    """One kind of request: how the API is asked, and how the query layer answers it."""

    name: str
    weight: int
    http: Callable[[random.Random], tuple[str, str, dict[str, Any] | None]]
    layer: Callable[[GraphReader, random.Random], Awaitable[object]]
    variants: int = 1


def _gql(query: str) -> Callable[[random.Random], tuple[str, str, dict[str, Any] | None]]:
    return lambda rng: ("POST", "/graphql", {"query": query})


async def _network(reader: GraphReader) -> object:
    return await network.network_around(reader, "Ukraine", max_limit=100)


OPS = [
    Op(
        "headline (GraphQL)",
        8,
        _gql(HEADLINE),
        lambda r, rng: claims.find_claims(r, speaker="Blinken", about="Ukraine", first=20),
    ),
    Op(
        "claimCounts by speaker (GraphQL)",
        4,
        _gql(BY_SPEAKER),
        lambda r, rng: dashboard.claim_counts_by_speaker(r, limit=20),
    ),
    Op(
        "claimCounts by month (GraphQL)",
        2,
        _gql(BY_MONTH),
        lambda r, rng: dashboard.claim_counts_by_date(r, bucket=DateBucket.MONTH, limit=24),
    ),
    Op("network Ukraine (GraphQL)", 1, _gql(NETWORK), lambda r, rng: _network(r)),
    Op(
        "network Ukraine (REST)",
        1,
        lambda rng: ("GET", "/api/v1/network?entity=Ukraine", None),
        lambda r, rng: _network(r),
    ),
    Op(
        "REST claims, light speaker",
        6,
        lambda rng: ("GET", f"/api/v1/claims?speaker={rng.choice(LIGHT_SPEAKERS)}&limit=20", None),
        lambda r, rng: claims.find_claims(r, speaker=rng.choice(LIGHT_SPEAKERS), first=20),
        variants=len(LIGHT_SPEAKERS),
    ),
    Op(
        "REST latest claims",
        4,
        lambda rng: ("GET", "/api/v1/claims?limit=20", None),
        lambda r, rng: claims.find_claims(r, first=20),
    ),
    Op(
        "REST search",
        4,
        lambda rng: ("GET", f"/api/v1/search?q={rng.choice(SEARCH_WORDS)}", None),
        lambda r, rng: search.search(r, rng.choice(SEARCH_WORDS), first=20),
        variants=len(SEARCH_WORDS),
    ),
]


@dataclass
class Tally:
    """Latencies and errors of one phase, per op."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    messages: Counter[str] = field(default_factory=Counter)

    def ok(self, op: str, seconds: float) -> None:
        self.latencies.setdefault(op, []).append(seconds)

    def fail(self, op: str, message: str) -> None:
        self.errors[op] += 1
        self.messages[message[:160]] += 1


class RecordingReader(GraphReader):
    """A reader that keeps every (query, parameters) it runs: the raw side replays them."""

    recorded: list[tuple[LiteralString, dict[str, Any]]]

    async def read(
        self, query: LiteralString, parameters: Mapping[str, Any] | None = None, *, name: str = ""
    ) -> list[dict[str, Any]]:
        self.recorded.append((query, dict(parameters or {})))
        return await super().read(query, parameters, name=name)


async def record(settings: Settings) -> dict[str, list[list[tuple[LiteralString, dict[str, Any]]]]]:
    """Per op, the Cypher of each of its variants, as the query layer sends it."""
    driver = neo4j.AsyncGraphDatabase.driver(
        settings.neo4j_uri, auth=(settings.neo4j_user, settings.resolved_password())
    )
    out: dict[str, list[list[tuple[LiteralString, dict[str, Any]]]]] = {}
    try:
        for op in OPS:
            rng = random.Random(1)
            out[op.name] = []
            for _ in range(op.variants):
                reader = RecordingReader(driver, settings.neo4j_database, timeout=300)
                reader.recorded = []
                await op.layer(reader, rng)
                out[op.name].append(reader.recorded)
    finally:
        await driver.close()
    return out


def _pick(rng: random.Random) -> Op:
    return rng.choices(OPS, weights=[op.weight for op in OPS])[0]


async def api_phase(base: str, clients: int, duration: float) -> tuple[Tally, float]:
    tally = Tally()
    deadline = time.perf_counter() + duration

    async def client(i: int) -> None:
        rng = random.Random(100 + i)
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            while time.perf_counter() < deadline:
                op = _pick(rng)
                method, path, body = op.http(rng)
                started = time.perf_counter()
                try:
                    response = await http.request(method, path, json=body)
                    elapsed = time.perf_counter() - started
                    payload = response.json()
                except (httpx.HTTPError, ValueError) as exc:
                    tally.fail(op.name, f"{type(exc).__name__}: {exc}")
                    continue
                if response.status_code != 200:
                    tally.fail(op.name, f"HTTP {response.status_code}: {payload}")
                elif isinstance(payload, dict) and payload.get("errors"):
                    tally.fail(op.name, f"GraphQL: {payload['errors'][0]}")
                else:
                    tally.ok(op.name, elapsed)

    started = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return tally, time.perf_counter() - started


async def raw_phase(
    settings: Settings,
    recorded: dict[str, list[list[tuple[LiteralString, dict[str, Any]]]]],
    clients: int,
    duration: float,
    transactions: str = "auto",
) -> tuple[Tally, float]:
    tally = Tally()
    driver = neo4j.AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=(settings.neo4j_user, settings.resolved_password()),
        max_connection_pool_size=max(100, clients),
        notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
    )
    deadline = time.perf_counter() + duration

    async def run(query: neo4j.Query, params: dict[str, Any]) -> None:
        if transactions == "managed":  # `execute_query`: BEGIN + RUN + PULL, then COMMIT
            await driver.execute_query(
                query,
                parameters_=params,
                database_=settings.neo4j_database,
                routing_=neo4j.RoutingControl.READ,
            )
            return
        # An auto-commit read, one round trip: what the API's reader sends.
        async with driver.session(
            database=settings.neo4j_database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            result = await session.run(query, params)
            await result.to_eager_result()

    async def client(i: int) -> None:
        rng = random.Random(100 + i)
        while time.perf_counter() < deadline:
            op = _pick(rng)
            variant = rng.choice(recorded[op.name])
            started = time.perf_counter()
            try:
                for query, params in variant:
                    await run(neo4j.Query(query, timeout=settings.neo4j_query_timeout), params)
            except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError) as exc:
                tally.fail(op.name, f"{type(exc).__name__}: {getattr(exc, 'code', exc)}")
                continue
            tally.ok(op.name, time.perf_counter() - started)

    started = time.perf_counter()
    try:
        await asyncio.gather(*(client(i) for i in range(clients)))
    finally:
        await driver.close()
    return tally, time.perf_counter() - started


def pct(samples: list[float], q: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(label: str, side: str, tally: Tally, seconds: float) -> tuple[list[str], float]:
    rows = []
    everything: list[float] = []
    for op in OPS:
        samples = tally.latencies.get(op.name, [])
        everything += samples
        rows.append(
            f"| {label} | {side} | {op.name} | {len(samples)} | "
            f"{pct(samples, 0.5):.1f} | {pct(samples, 0.95):.1f} | {pct(samples, 0.99):.1f} | "
            f"{tally.errors[op.name]} |"
        )
    rate = len(everything) / seconds
    rows.append(
        f"| {label} | {side} | **all: {rate:.1f} req/s** | {len(everything)} | "
        f"{pct(everything, 0.5):.1f} | {pct(everything, 0.95):.1f} | "
        f"{pct(everything, 0.99):.1f} | {sum(tally.errors.values())} |"
    )
    for message, count in tally.messages.most_common(3):
        print(f"  {side} error x{count}: {message}", file=sys.stderr)
    return rows, rate


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants (Linux /proc): the server and its worker processes."""
    pids = [pid]
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            children = Path(f"/proc/{pid}/task/{tid}/children").read_text().split()
        except OSError:
            continue
        for child in children:
            pids += _tree(int(child))
    return pids


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` and its descendants so far (Linux /proc):
    the API's own CPU, whatever else runs on the machine."""
    total = 0
    for each in _tree(pid):
        try:
            stat = Path(f"/proc/{each}/stat").read_text()
        except OSError:  # exited meanwhile
            continue
        fields = stat.rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def run_queue_seconds(pid: int) -> float:
    """Seconds the threads of process `pid` and its descendants have spent runnable but
    waiting for a core so far (Linux /proc/<pid>/task/<tid>/schedstat, second field):
    how long the machine's other work kept the API from running."""
    total = 0
    for each in _tree(pid):
        try:
            tasks = os.listdir(f"/proc/{each}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                total += int(Path(f"/proc/{each}/task/{tid}/schedstat").read_text().split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return total / 1e9


def start_server(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    kgapi = Path(sys.executable).parent / "kgapi"
    process = subprocess.Popen(
        [str(kgapi), "serve", "--port", str(port), "--workers", str(workers)],
        env={
            **os.environ,
            "KGAPI_APPLY_SCHEMA_ON_START": "false",
            "KGAPI_RATE_LIMITS": "off",
            # The access log stays on: it is part of what a served request costs.
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return process, base
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise SystemExit("kgapi serve did not start")
        time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, action="append", help="corpus sizes, ascending")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skew", choices=["heavy", "realistic"], default="heavy")
    parser.add_argument("--keep", action="store_true", help="grow the graph as it is")
    parser.add_argument("--sides", default="api,raw", help="api, raw or both")
    parser.add_argument(
        "--raw-transactions",
        choices=["auto", "managed"],
        default="auto",
        help="the raw side's reads: auto-commit, as the API's reader sends them (one round "
        "trip), or managed through execute_query (BEGIN + RUN, then COMMIT: the API's "
        "reads before branch perf12)",
    )
    parser.add_argument(
        "--without",
        action="append",
        default=[],
        help="leave out the requests whose name starts with this (repeatable), e.g. network",
    )
    args = parser.parse_args()
    OPS[:] = [op for op in OPS if not any(op.name.startswith(w) for w in args.without)]
    settings = Settings(apply_schema_on_start=False)
    database = settings.neo4j_database
    sides = args.sides.split(",")
    table = [
        "| corpus | side | request | n | p50 ms | p95 ms | p99 ms | errors |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    ratios = []
    with sync_driver(settings) as driver:
        apply_schema(driver, database)
        if not args.keep:
            driver.execute_query(
                "MATCH (n) WHERE NOT n:KgapiSchema CALL (n) { DETACH DELETE n } "
                "IN TRANSACTIONS OF 5000 ROWS",
                database_=database,
            )
        for n in args.articles or [10_000]:
            t0 = time.perf_counter()
            written, claim_count = grow(driver, database, n, skew=args.skew)
            built = time.perf_counter() - t0
            records, _, _ = driver.execute_query(
                "MATCH (c:Claim) RETURN count(c) AS n", database_=database
            )
            label = f"{n:,} articles ({records[0]['n']:,} claims, {args.skew})"
            print(
                f"{label}: +{written:,} articles / {claim_count:,} claims in {built:.0f}s; "
                f"top speaker share {speaker_share(args.skew):.0%}",
                file=sys.stderr,
                flush=True,
            )
            rates = {}
            for side in sides:
                load = os.getloadavg()[0]
                if side == "api":
                    process, base = start_server(args.workers)
                    try:
                        for _ in range(3):  # warm plans and caches
                            asyncio.run(api_phase(base, args.clients, 3))
                        cpu, client_cpu = cpu_seconds(process.pid), time.process_time()
                        waited = run_queue_seconds(process.pid)
                        tally, seconds = asyncio.run(api_phase(base, args.clients, args.duration))
                        cpu = cpu_seconds(process.pid) - cpu
                        client_cpu = time.process_time() - client_cpu
                        waited = run_queue_seconds(process.pid) - waited
                    finally:
                        process.terminate()
                        process.wait(timeout=30)
                    name = f"api ({args.workers} workers, load {load:.1f})"
                    answered = sum(len(v) for v in tally.latencies.values())
                    ratios.append(
                        f"{label}: API processes' CPU {cpu:.1f} s, "
                        f"{1000 * cpu / max(answered, 1):.2f} ms per answered request, "
                        f"{waited:.1f} s runnable but waiting for a core; "
                        f"the HTTP clients' (this process) {client_cpu:.1f} s, "
                        f"{1000 * client_cpu / max(answered, 1):.2f} ms per request"
                    )
                else:
                    recorded = asyncio.run(record(settings))
                    asyncio.run(
                        raw_phase(settings, recorded, args.clients, 5, args.raw_transactions)
                    )
                    client_cpu = time.process_time()
                    tally, seconds = asyncio.run(
                        raw_phase(
                            settings, recorded, args.clients, args.duration, args.raw_transactions
                        )
                    )
                    client_cpu = time.process_time() - client_cpu
                    name = f"raw driver, {args.raw_transactions} (load {load:.1f})"
                    answered = sum(len(v) for v in tally.latencies.values())
                    ratios.append(
                        f"{label}: the raw driver's clients (this process) CPU {client_cpu:.1f} s, "
                        f"{1000 * client_cpu / max(answered, 1):.2f} ms per request"
                    )
                rows, rates[side] = report(label, name, tally, seconds)
                table += rows
                print("\n".join(rows), file=sys.stderr, flush=True)
            if "api" in rates and "raw" in rates:
                ratios.append(f"{label}: api/raw throughput {rates['api'] / rates['raw']:.2f}")
    print("\n".join(table))
    print("\n".join(ratios))


if __name__ == "__main__":
    main()
