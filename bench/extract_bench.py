"""Extraction throughput vs the bare spaCy parse (`nlp.pipe`) on the same texts, one run.

    .venv/bin/python bench/extract_bench.py [--repeat N] [--rounds N] [--workers N]

Texts: the seed, our gold articles and the real-news set, repeated `--repeat` times.
The machine is shared, so bare parse and extraction are timed in alternating rounds of the
same run and compared on their best round (the least disturbed one) and on process CPU
time (less sensitive to other jobs than wall time). Also printed: the rules alone (cleaning
+ entity/statement rules over already-parsed Docs), which is the whole extraction overhead,
and with --workers N > 1 the wall-clock speedup of `extract_many(workers=N)` over
`workers=1`, again from alternating rounds.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from kgapi.ingest.extract import _extract_doc, _prepare, extract_many
from kgapi.ingest.extract.nlp import load_nlp
from kgapi.ingest.read import read_inputs
from kgapi.model import Article

ROOT = Path(__file__).resolve().parents[1]


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its finished children)."""
    c0, w0 = os.times(), time.perf_counter()
    fn()
    c1, w1 = os.times(), time.perf_counter()
    cpu = sum(c1[:4]) - sum(c0[:4])
    return w1 - w0, cpu


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def _parallel_ceiling(workers: int, n: int = 4_000_000) -> float:
    """Speedup of `workers` processes on pure CPU work, measured now: on a shared machine
    (or with one core free) this is the most any parallel extraction could show."""
    serial = _timed(lambda: [_burn(n) for _ in range(workers)])[0]
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        parallel = _timed(lambda: pool.map(_burn, [n] * workers))[0]
    return serial / parallel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    base = [
        a
        for a in read_inputs(
            [ROOT / "seeds", ROOT / "tests/eval/articles", ROOT / "tests/eval/real/articles"]
        )
        if isinstance(a, Article)
    ]
    articles = base * args.repeat
    chars = sum(len(a.text) for a in articles)
    nlp = load_nlp()
    list(nlp.pipe(["Warm up the pipeline, she said."]))
    prepared = [_prepare(a) for a in articles]
    texts = [p.cleaned.text for p in prepared if p.cleaned is not None]

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    def full() -> None:
        for _ in extract_many(articles):
            pass

    docs = list(nlp.pipe(texts, batch_size=16))

    def rules() -> None:
        parsed = iter(docs)
        for article in articles:
            ready = _prepare(article)
            if ready.cleaned is not None:
                _extract_doc(article, ready, next(parsed))

    print(f"{len(articles)} articles, {chars:,} chars, load average {os.getloadavg()[0]:.1f}")
    bare_runs, full_runs, rule_runs = [], [], []
    for _ in range(args.rounds):
        bare_runs.append(_timed(bare))
        full_runs.append(_timed(full))
        rule_runs.append(_timed(rules))
    b_wall, f_wall = min(w for w, _ in bare_runs), min(w for w, _ in full_runs)
    b_cpu, f_cpu = min(c for _, c in bare_runs), min(c for _, c in full_runs)
    r_cpu = min(c for _, c in rule_runs)
    print(f"bare nlp.pipe   best wall {b_wall:6.2f}s  cpu {b_cpu:6.2f}s")
    print(f"extraction      best wall {f_wall:6.2f}s  cpu {f_cpu:6.2f}s")
    print(f"rules only      cpu {r_cpu:6.2f}s ({r_cpu / b_cpu:.1%} of the bare parse)")
    ratios = [f[0] / b[0] for b, f in zip(bare_runs, full_runs, strict=True)]
    print(
        f"ratio extraction/bare: cpu {f_cpu / b_cpu:.2f}x, wall best/best {f_wall / b_wall:.2f}x, "
        f"wall median of rounds {statistics.median(ratios):.2f}x "
        f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)})"
    )
    if args.workers > 1:
        n = args.workers
        one, many, ceilings = [], [], []
        for _ in range(args.rounds):
            ceilings.append(_parallel_ceiling(n))
            one.append(_timed(full))
            many.append(_timed(lambda: list(extract_many(articles, workers=n))))
        w1, wn = min(w for w, _ in one), min(w for w, _ in many)
        cpu_n = statistics.median(c for _, c in many)
        print(
            f"workers=1 best wall {w1:.2f}s, workers={n} best wall {wn:.2f}s: "
            f"speedup {w1 / wn:.2f}x (median {statistics.median(w for w, _ in one) / statistics.median(w for w, _ in many):.2f}x); "
            f"workers={n} CPU {cpu_n:.2f}s over wall {statistics.median(w for w, _ in many):.2f}s "
            f"= {cpu_n / statistics.median(w for w, _ in many):.2f} cores busy"
        )
        print(
            f"machine ceiling now: {n} processes of pure CPU work run "
            f"{statistics.median(ceilings):.2f}x faster than one (rounds: "
            f"{', '.join(f'{c:.2f}' for c in ceilings)})"
        )


if __name__ == "__main__":
    main()
