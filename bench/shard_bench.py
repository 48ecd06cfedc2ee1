"""Sharded extraction on Ray: 1 worker against 2, against one plain process, in one run.

    .venv/bin/python bench/shard_bench.py [--rounds N] [--shard-size N]

Corpus: the 46 real-news articles of tests/eval/real/articles (≈ 230 KB). The bench starts
a local Ray cluster of 2 CPUs on loopback, then times in alternating rounds
`extract_to_shards` with `LocalEngine(1)` (one process, no Ray), `RayEngine(workers=1)`
and `RayEngine(workers=2)`, each into a fresh directory, and checks that all three wrote
identical shards. A Ray run's time includes creating its actors (each loads spaCy once).
The machine is shared, so rounds alternate and the best round (the least disturbed) is
compared; the pure-CPU speedup of 2 processes measured in the same run says how much
parallelism the machine had to give at that moment.
"""

from __future__ import annotations

import argparse
import filecmp
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")  # loopback; read at import

from kgapi.ingest.read import read_inputs
from kgapi.scale.ray_engine import RayEngine
from kgapi.scale.shards import Engine, LocalEngine, extract_to_shards

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "eval" / "real" / "articles"


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _parallel_ceiling(n: int = 4_000_000) -> float:
    """Speedup of 2 processes on pure CPU work, now: the most any 2-worker run could show."""
    started = time.perf_counter()
    _burn(n), _burn(n)
    serial = time.perf_counter() - started
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_burn, [1, 1])  # started before timing
        started = time.perf_counter()
        pool.map(_burn, [n, n])
        parallel = time.perf_counter() - started
    return serial / parallel


def _run(engine: Engine, out: Path, shard_size: int) -> float:
    started = time.perf_counter()
    report = extract_to_shards(
        read_inputs([CORPUS]), out, inputs=[str(CORPUS)], engine=engine, shard_size=shard_size
    )
    assert report.written > 0 and not report.failures, report
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--shard-size", type=int, default=4)
    args = parser.parse_args()

    import ray

    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    articles = sum(1 for _ in read_inputs([CORPUS]))
    engines: dict[str, Callable[[], Engine]] = {
        "one process (no Ray)": lambda: LocalEngine(workers=1),
        "Ray, 1 worker": lambda: RayEngine(workers=1),
        "Ray, 2 workers": lambda: RayEngine(workers=2),
    }
    times: dict[str, list[float]] = {name: [] for name in engines}
    ceilings: list[float] = []
    try:
        with tempfile.TemporaryDirectory(prefix="kgapi-shard-bench-") as tmp:
            for round_ in range(args.rounds):
                ceilings.append(_parallel_ceiling())
                for i, (name, make) in enumerate(engines.items()):
                    out = Path(tmp) / f"r{round_}-{i}"
                    times[name].append(_run(make(), out, args.shard_size))
            outs = sorted(Path(tmp).iterdir())
            names = sorted(p.name for p in outs[0].iterdir())
            for other in outs[1:]:
                _, mismatch, errors = filecmp.cmpfiles(outs[0], other, names, shallow=False)
                assert not mismatch and not errors, (other, mismatch, errors)
    finally:
        ray.shutdown()

    print(f"{articles} articles, shards of {args.shard_size}, {args.rounds} rounds, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    print(f"pure-CPU speedup of 2 processes now: best {max(ceilings):.2f}x "
          f"(rounds: {', '.join(f'{c:.2f}' for c in ceilings)})")  # fmt: skip
    best = {name: min(values) for name, values in times.items()}
    for name, values in times.items():
        rounds = ", ".join(f"{v:.1f}" for v in values)
        print(f"{name:22} best {best[name]:6.1f} s  {articles / best[name]:5.2f} articles/s"
              f"  (rounds: {rounds})")  # fmt: skip
    print(f"Ray 2 workers vs 1: {best['Ray, 1 worker'] / best['Ray, 2 workers']:.2f}x; "
          f"Ray 1 worker vs one process: "
          f"{best['one process (no Ray)'] / best['Ray, 1 worker']:.2f}x")  # fmt: skip
    print("all runs wrote identical shards")


if __name__ == "__main__":
    main()
