"""Claim counts on a slice, per week (run by hand, not a test): issue #14 §3's dashboard
query "what did Blinken say about Ukraine, week by week", through both APIs.

    NEO4J_URI=... NEO4J_PASSWORD=... .venv/bin/python bench/claim_counts_bench.py \
        --articles 10000 [--runs 50]

WIPES THE TARGET DATABASE. Generates `graphql_bench`'s graph of N articles (5 claims
each; Blinken speaks in ~3% of the claims, Ukraine is a subject of ~10%, one article every
two hours from 2023-01-01), starts `kgapi serve` in its own process, and times, in rounds
taking turns in a shuffled order:

- **GraphQL**: `claimCounts(by: DATE, bucket: WEEK, speaker: "Blinken", about: "Ukraine")`;
- **REST**: `GET /api/v1/claims/counts?by=date&bucket=week&speaker=Blinken&about=Ukraine`;
- **layer**: `claim_counts.claim_counts` called directly (the Cypher both run).

Checks that the two APIs give the same rows, and prints p50 / p95 per side and the 1-minute
load average (the machine is shared).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import time
from typing import Any

from graphql_bench import Server, generate, wipe

from kgapi.config import Settings
from kgapi.graph.driver import async_driver, sync_driver
from kgapi.graph.read_queries import claim_counts
from kgapi.graph.reader import GraphReader
from kgapi.graph.schema import apply_schema
from kgapi.vocabulary import ClaimCountBy, DateBucket

GRAPHQL = """{ claimCounts(by: DATE, bucket: WEEK, speaker: "Blinken", about: "Ukraine",
  limit: 20) { key count } }"""
REST = "/api/v1/claims/counts?by=date&bucket=week&speaker=Blinken&about=Ukraine&limit=20"


def rest(server: Server, path: str) -> Any:
    """GET `path` on the server's keep-alive connection; the decoded JSON."""
    server.connection.request("GET", path)
    response = server.connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"GET {path}: {response.status} {body[:200]!r}")
    return json.loads(body)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    settings = Settings(apply_schema_on_start=False)
    database = settings.neo4j_database
    with sync_driver(settings) as driver:
        apply_schema(driver, database)
        wipe(driver, database)
        started = time.perf_counter()
        claims = generate(driver, database, args.articles)
        print(
            f"graph: {args.articles:,} articles, {claims:,} claims "
            f"({time.perf_counter() - started:.0f} s)"
        )

    async def layer_call(reader: GraphReader) -> Any:
        rows = await claim_counts.claim_counts(
            reader,
            by=ClaimCountBy.DATE,
            bucket=DateBucket.WEEK,
            limit=20,
            filters=claim_counts.ClaimSlice(speaker="Blinken", about="Ukraine"),
        )
        return [(str(r.key), r.count) for r in rows]

    async def run_layer(times: list[float]) -> Any:
        async with async_driver(settings) as adriver:
            reader = GraphReader(adriver, database)
            answer = await layer_call(reader)  # warm-up
            for _ in range(args.runs):
                t = time.perf_counter()
                await layer_call(reader)
                times.append(time.perf_counter() - t)
            return answer

    server = Server()
    try:
        gql = server.graphql(GRAPHQL)["data"]["claimCounts"]
        rst = rest(server, REST)
        same = [(r["key"], r["count"]) for r in gql] == [(r["key"], r["count"]) for r in rst]
        print(f"{len(gql)} weeks, {sum(r['count'] for r in gql)} claims; GraphQL == REST: {same}")
        if not same:
            raise SystemExit(f"the APIs disagree:\n{gql}\n{rst}")
        samples: dict[str, list[float]] = {"GraphQL": [], "REST": []}
        load = os.getloadavg()[0]
        for _ in range(args.runs):
            sides = list(samples)
            random.shuffle(sides)
            for side in sides:
                t = time.perf_counter()
                if side == "GraphQL":
                    server.graphql(GRAPHQL)
                else:
                    rest(server, REST)
                samples[side].append(time.perf_counter() - t)
        samples["layer"] = []
        asyncio.run(run_layer(samples["layer"]))
        print(f"load average at start {load:.1f}, end {os.getloadavg()[0]:.1f}; {args.runs} runs")
        print("| side | p50 ms | p95 ms | mean ms |")
        print("|---|---:|---:|---:|")
        for side, times in samples.items():
            print(
                f"| {side} | {percentile(times, 0.5):.1f} | {percentile(times, 0.95):.1f} "
                f"| {statistics.mean(times) * 1000:.1f} |"
            )
    finally:
        server.stop()
        with sync_driver(settings) as driver:
            wipe(driver, database)


if __name__ == "__main__":
    main()
