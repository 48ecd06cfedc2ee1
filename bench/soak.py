"""Mixed traffic against a running API, and the API process's memory (run by hand or by the
slow fault tests: tests/faults/test_api_faults.py).

    .venv/bin/python bench/soak.py --url http://127.0.0.1:8000 --pid $(pgrep -f 'kgapi serve') \\
        --key my-secret --seconds 600 --concurrency 8 --articles DIR

Start that `kgapi serve` with `KGAPI_RATE_LIMITS=off`: the mix comes from one client, far
above the default limits, and would measure 429s.

Every client loops over the mix below (REST lists and search, GraphQL, /cypher, and an
ingest + delete of a pre-extracted article when `--articles` is given), records each
request (start, seconds, status), and the process's resident memory (VmRSS) is sampled
every `--sample` seconds. Prints the memory series and the status counts.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

GRAPHQL = """{ claims(first: 5, speaker: "Blinken") { totalCount
  edges { node { text kind speaker { name } about { name } article { title } } } } }"""

Request = tuple[str, str, dict[str, Any]]

READS: list[Request] = [
    ("GET", "/api/v1/claims?limit=10", {}),
    ("GET", "/api/v1/claims?speaker=Blinken&limit=5", {}),
    ("GET", "/api/v1/search?q=Ukraine", {}),
    ("GET", "/api/v1/actors?limit=5", {}),
    ("GET", "/api/v1/articles?limit=5", {}),
    ("POST", "/graphql", {"json": {"query": GRAPHQL}}),
    ("POST", "/api/v1/cypher", {"json": {"query": "MATCH (c:Claim) RETURN count(c) AS n"}}),
]


@dataclass(frozen=True)
class Result:
    """One request: when it started (monotonic), how long it took, its status (0: no answer)."""

    started: float
    seconds: float
    status: int
    path: str
    detail: str = ""
    """The start of the body of a failed request (a GraphQL 200 with `errors` included)."""


@dataclass
class Traffic:
    """Everything the clients did, and the memory samples (monotonic time, bytes)."""

    results: list[Result] = field(default_factory=list)
    rss: list[tuple[float, int]] = field(default_factory=list)


def rss_bytes(pid: int) -> int:
    """Resident memory of process `pid` (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def ingest_cycle(articles: list[Path]) -> Callable[[], list[Request]]:
    """Requests that ingest one pre-extracted article and delete it again, round robin."""
    files = itertools.cycle(articles)

    def next_pair() -> list[Request]:
        path = next(files)
        doc = json.loads(path.read_text())
        article_id = doc["article"]["id"]
        return [
            ("POST", "/api/v1/articles", {"json": doc}),
            ("DELETE", f"/api/v1/articles/{article_id}", {}),
        ]

    return next_pair


async def drive(
    url: str,
    *,
    seconds: float,
    concurrency: int,
    key: str,
    pid: int | None = None,
    sample_every: float = 5.0,
    writes: Callable[[], list[Request]] | None = None,
    timeout: float = 30.0,
    stop: asyncio.Event | None = None,
    traffic: Traffic | None = None,
) -> Traffic:
    """Run `concurrency` clients over the mix for `seconds` (or until `stop` is set),
    recording into `traffic` (a new one if not given: pass one to watch it live)."""
    traffic = traffic if traffic is not None else Traffic()
    deadline = time.monotonic() + seconds
    stop = stop or asyncio.Event()
    headers = {"X-API-Key": key}

    def done() -> bool:
        return stop.is_set() or time.monotonic() >= deadline

    async def client(number: int) -> None:
        async with httpx.AsyncClient(base_url=url, timeout=timeout, headers=headers) as http:
            for round_ in itertools.count():
                # Chains of requests: a chain stops at its first failure (no delete of
                # an article whose ingest got a 503).
                mix: list[list[Request]] = [[read] for read in READS]
                # One client in four also writes, every other round.
                if writes is not None and number % 4 == 0 and round_ % 2 == 0:
                    mix.append(writes())
                for chain in mix:
                    for method, path, kwargs in chain:
                        if done():
                            return
                        began = time.monotonic()
                        detail = ""
                        try:
                            response = await http.request(method, path, **kwargs)
                            status = response.status_code
                            # GraphQL over JSON answers its errors with a 200.
                            if status >= 400 or b'"errors"' in response.content[:4096]:
                                detail = response.text[:300]
                        except httpx.HTTPError as error:
                            status, detail = 0, repr(error)[:120]
                        seconds = time.monotonic() - began
                        traffic.results.append(
                            Result(began, seconds, status, path.split("?")[0], detail)
                        )
                        if not 200 <= status < 300:
                            break

    async def sampler() -> None:
        while pid is not None and not done():
            traffic.rss.append((time.monotonic(), rss_bytes(pid)))
            await asyncio.sleep(sample_every)
        if pid is not None:
            traffic.rss.append((time.monotonic(), rss_bytes(pid)))

    await asyncio.gather(sampler(), *(client(n) for n in range(concurrency)))
    return traffic


def rss_growth(traffic: Traffic, warm_up: float) -> tuple[int, int, float]:
    """Memory after the warm-up (median of the samples of the 30 s that end it) and at the
    end (median of the last three samples), and the growth between them as a fraction."""
    first = traffic.rss[0][0]
    settled = [b for t, b in traffic.rss if warm_up - 30 <= t - first <= warm_up]
    baseline = int(statistics.median(settled or [traffic.rss[0][1]]))
    final = int(statistics.median(b for _, b in traffic.rss[-3:]))
    return baseline, final, final / baseline - 1


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--pid", type=int, required=True, help="the API process")
    parser.add_argument("--key", required=True, help="an API key (for /cypher and writes)")
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warm-up", type=float, default=60)
    parser.add_argument("--articles", type=Path, help="pre-extracted articles to ingest/delete")
    args = parser.parse_args()
    writes = ingest_cycle(sorted(args.articles.glob("*.json"))) if args.articles else None
    traffic = asyncio.run(
        drive(args.url, seconds=args.seconds, concurrency=args.concurrency, key=args.key,
              pid=args.pid, writes=writes)
    )  # fmt: skip
    first = traffic.rss[0][0]
    for moment, size in traffic.rss:
        print(f"{moment - first:7.0f} s  {size / 2**20:8.1f} MiB")
    baseline, final, growth = rss_growth(traffic, args.warm_up)
    print(f"requests {len(traffic.results)}: {dict(Counter(r.status for r in traffic.results))}")
    print(
        f"RSS after {args.warm_up:.0f} s warm-up {baseline / 2**20:.1f} MiB, at the end"
        f" {final / 2**20:.1f} MiB: {growth:+.1%}"
    )


if __name__ == "__main__":
    main()
