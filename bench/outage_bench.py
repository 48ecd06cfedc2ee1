"""Neo4j outage benchmark (run by hand, not a test): time to 503 and time to recovery.

    KGAPI_HOME=/tmp/kg-x KGAPI_BOLT_PORT=... KGAPI_HTTP_PORT=... NEO4J_URI=bolt://127.0.0.1:... \\
        .venv/bin/python bench/outage_bench.py --requests 5

STOPS AND RESTARTS THE MANAGED NEO4J of `KGAPI_HOME` (`kgapi neo4j start` must have
started it). Serves the real app under uvicorn on that Neo4j, then:

1. one request per route while Neo4j is up (warm pool);
2. `kgapi neo4j stop`; `--requests` requests per route, each timed to its 503;
3. `kgapi neo4j start` in the background; polls `/api/v1/cypher` every 0.3 s until 200,
   timing every 503 on the way and the first 200 (Neo4j's own warm-up).

Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kgapi.config import Settings  # noqa: E402
from tests.helpers import serve_app  # noqa: E402

KEY = "bench-key-outage"
ROUTES = [
    ("POST", "/api/v1/cypher", {"json": {"query": "MATCH (n) RETURN count(n) AS n"}}),
    ("GET", "/api/v1/claims?speaker=Blinken&about=Ukraine", {}),
    ("GET", "/api/v1/search?q=Blinken", {}),
    ("DELETE", "/api/v1/articles/article:0000000000000000", {}),
]
KGAPI = str(REPO / ".venv" / "bin" / "kgapi")


def timed(client: httpx.Client, method: str, path: str, **kwargs: object) -> tuple[int, float]:
    started = time.perf_counter()
    response = client.request(method, path, headers={"X-API-Key": KEY}, **kwargs)  # type: ignore[arg-type]
    return response.status_code, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=5, help="requests per route while down")
    args = parser.parse_args()
    settings = Settings(api_keys=[KEY], rate_limits="off")  # time outages, not 429s
    rows: list[str] = []
    with serve_app(settings) as server, server.client() as client:
        for method, path, kwargs in ROUTES:
            status, seconds = timed(client, method, path, **kwargs)
            print(f"up   {method} {path}: {status} in {seconds:.3f}s")
        subprocess.run([KGAPI, "neo4j", "stop"], check=True)
        for method, path, kwargs in ROUTES:
            results = [timed(client, method, path, **kwargs) for _ in range(args.requests)]
            statuses = sorted({status for status, _ in results})
            times = [seconds for _, seconds in results]
            rows.append(
                f"| {method} {path.split('?')[0]} | {statuses} | {statistics.median(times):.3f} |"
                f" {max(times):.3f} |"
            )
        health = client.get("/health").status_code
        restart = subprocess.Popen([KGAPI, "neo4j", "start"], stdout=subprocess.DEVNULL)
        began = time.monotonic()
        worst_503 = 0.0
        while True:
            status, seconds = timed(client, *ROUTES[0][:2], **ROUTES[0][2])
            if status == 200:
                break
            worst_503 = max(worst_503, seconds)
            time.sleep(0.3)
        recovered_after = time.monotonic() - began
        restart.wait()
    print("\n| route (Neo4j stopped) | statuses | median s | max s |\n|---|---|---|---|")
    print("\n".join(rows))
    print(f"\n/health while down: {health}")
    print(
        f"restart: first 200 after {recovered_after:.1f} s of `kgapi neo4j start`;"
        f" slowest 503 during the restart {worst_503:.3f} s; that first 200 took {seconds:.3f} s"
    )


if __name__ == "__main__":
    main()
