"""What idle GraphQL subscribers cost, and how fast a new claim reaches them (run by hand,
not a test).

    NEO4J_URI=... NEO4J_PASSWORD=... .venv/bin/python bench/subscriptions_bench.py \\
        [--subscribers 200] [--rest 30]

Needs the seeded graph (`kgapi load seeds/`: "Blinken" must resolve). Starts one
`kgapi serve` process (one worker) on a free port and measures its CPU time from
/proc/<pid>/stat:

1. at rest with no subscriber (`--rest` seconds);
2. at rest with `--subscribers` WebSocket connections, each holding
   `claimAdded(speaker: "Blinken")` (same length of time);
3. then `kgapi load` (another process) writes a new article with one new Blinken statement;
   the time to each subscriber's `next` message from the article's `ingested_at` (Neo4j's
   clock, on this machine: the start of the write transaction, so an upper bound of the
   time since its commit) and from the load process's exit (which comes after the commit
   and after the full-text indexes caught up: a message may arrive before it).

The article is deleted again at the end (`kgapi delete`). Prints Markdown for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from websockets.asyncio.client import ClientConnection, connect

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.helpers import free_port  # noqa: E402

KGAPI = Path(sys.executable).parent / "kgapi"
SUBSCRIPTION = 'subscription { claimAdded(speaker: "Blinken") { id text speaker { name } article { id ingestedAt } } }'
TICKS = os.sysconf("SC_CLK_TCK")


def _article() -> str:
    # Written for this benchmark (not published news); the stamp makes each run a new article.
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    return (
        f"Blinken sets out Arctic shipping rules ({stamp})\n\n"
        "WASHINGTON — Secretary of State Antony Blinken said on Tuesday that the United "
        "States would open talks with Norway on shipping lanes through the Arctic.\n\n"
        f'"We want clear rules for the Arctic before the ice is gone," Blinken told '
        f"reporters at the State Department at {stamp}.\n"
    )


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


async def cpu_share(pid: int, seconds: float) -> float:
    """Per cent of one core the process used over the next `seconds` of wall time."""
    cpu0, wall0 = cpu_seconds(pid), time.monotonic()
    await asyncio.sleep(seconds)
    return 100 * (cpu_seconds(pid) - cpu0) / (time.monotonic() - wall0)


async def subscriber(url: str) -> ClientConnection:
    ws = await connect(url, subprotocols=["graphql-transport-ws"])  # type: ignore[list-item]
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    ack = json.loads(await ws.recv())
    assert ack["type"] == "connection_ack", ack
    await ws.send(json.dumps({"id": "1", "type": "subscribe", "payload": {"query": SUBSCRIPTION}}))
    return ws


async def first_claim(ws: ClientConnection) -> tuple[float, dict[str, Any]]:
    while True:
        message = json.loads(await ws.recv())
        if message["type"] == "ping":
            await ws.send(json.dumps({"type": "pong"}))
            continue
        assert message["type"] == "next", message
        return time.time(), message["payload"]["data"]["claimAdded"]


def run(*args: str, env: dict[str, str]) -> None:
    done = subprocess.run([str(KGAPI), *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


async def bench(subscribers: int, rest: float) -> list[str]:
    port = free_port()
    env = {**os.environ, "KGAPI_RATE_LIMITS": "off"}
    server = subprocess.Popen(
        [str(KGAPI), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/ready", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, "the API did not start"
            await asyncio.sleep(0.5)
        # `kgapi serve --workers 1` runs the app in this process (no supervisor).
        pid = server.pid
        await asyncio.sleep(2)
        idle = await cpu_share(pid, rest)

        url = f"ws://127.0.0.1:{port}/graphql"
        clients = [await subscriber(url) for _ in range(subscribers)]
        await asyncio.sleep(3)  # the feed's first poll (and its query plans)
        held = await cpu_share(pid, rest)

        waiting = [asyncio.create_task(first_claim(ws)) for ws in clients]
        with tempfile.TemporaryDirectory() as scratch:
            article = Path(scratch) / "arctic.txt"
            article.write_text(_article(), encoding="utf-8")
            await asyncio.to_thread(run, "load", str(article), env=env)
        exited = time.time()
        done, pending = await asyncio.wait(waiting, timeout=30)
        received = [task.result() for task in done]
        article_id = str(received[0][1]["article"]["id"]) if received else None
        stamp = (
            datetime.fromisoformat(received[0][1]["article"]["ingestedAt"]).timestamp()
            if received
            else 0.0
        )
        latencies = sorted(at - stamp for at, _ in received)
        after_exit = sorted(at - exited for at, _ in received)
        for task in pending:
            task.cancel()
        for ws in clients:
            await ws.close()
        if article_id:
            await asyncio.to_thread(run, "delete", article_id, env=env)
    finally:
        server.terminate()
        server.wait(timeout=30)

    within = sum(1 for latency in latencies if latency < 2)
    return [
        f"`{subscribers}` subscribers, `--rest {rest:g}`, load average "
        f"{os.getloadavg()[0]:.1f} (one-minute, at the end)",
        "",
        "| | API process CPU (% of one core) |",
        "|---|---:|",
        f"| at rest, no subscriber | {idle:.2f} |",
        f"| at rest, {subscribers} idle subscribers | {held:.2f} |",
        f"| **added by the subscribers** | **{held - idle:+.2f}** |",
        "",
        "| new claim (kgapi load, another process) → subscribers | |",
        "|---|---:|",
        f"| received | {len(latencies)} / {subscribers} |",
        f"| within 2 s of the write transaction's start (`ingested_at`) | {within} / {subscribers} |",
        *(
            [
                "| first / median / last, since `ingested_at` (s) | "
                f"{latencies[0]:.2f} / {statistics.median(latencies):.2f} / "
                f"{latencies[-1]:.2f} |",
                "| first / median / last, since `kgapi load` exited (s) | "
                f"{after_exit[0]:+.2f} / {statistics.median(after_exit):+.2f} / "
                f"{after_exit[-1]:+.2f} |",
            ]
            if latencies
            else ["| first / median / last (s) | none received |"]
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscribers", type=int, default=200)
    parser.add_argument("--rest", type=float, default=30.0, help="seconds of each rest phase")
    args = parser.parse_args()
    print("\n".join(asyncio.run(bench(args.subscribers, args.rest))))


if __name__ == "__main__":
    main()
