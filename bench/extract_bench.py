"""Extraction throughput vs the bare spaCy parse (`nlp.pipe`) on the same texts, one run.

    .venv/bin/python bench/extract_bench.py [--repeat N] [--workers N]

Texts: the seed and the gold articles, repeated. Prints chars/s for the bare parse and for
full extraction (cleaning + parse + rules), their ratio (target <= 1.3x), and with
--workers N > 1 the speedup of `extract_many(workers=N)`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kgapi.ingest.clean import clean_text
from kgapi.ingest.extract import extract_many
from kgapi.ingest.extract.nlp import load_nlp
from kgapi.ingest.read import read_inputs
from kgapi.model import Article

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    base = [
        a
        for a in read_inputs([ROOT / "seeds", ROOT / "tests/eval/articles"])
        if isinstance(a, Article)
    ]
    articles = base * args.repeat
    chars = sum(len(a.text) for a in articles)
    nlp = load_nlp()
    list(nlp.pipe(["warm up the pipeline."]))
    texts = [clean_text(a.text).text for a in articles]
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    n = sum(1 for _ in extract_many(articles))
    full = time.perf_counter() - t0
    print(f"{n} articles, {chars:,} chars")
    print(f"bare nlp.pipe: {bare:.2f}s ({chars / bare:,.0f} chars/s)")
    print(f"extraction:    {full:.2f}s ({chars / full:,.0f} chars/s)")
    print(f"ratio extraction/bare: {full / bare:.2f}x")
    if args.workers > 1:
        t0 = time.perf_counter()
        sum(1 for _ in extract_many(articles, workers=args.workers))
        parallel = time.perf_counter() - t0
        print(
            f"extraction --workers {args.workers}: {parallel:.2f}s, speedup {full / parallel:.2f}x"
        )


if __name__ == "__main__":
    main()
