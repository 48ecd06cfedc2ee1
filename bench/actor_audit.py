"""A sample of the person-typed entities of the real-news tune half, for reading by hand.

    .venv/bin/python bench/actor_audit.py [--n 300] [--seed 20261208] [--out FILE]

Issue 11 asks that fewer than 2% of `:Actor` nodes be anything but people. The integration
test (`tests/integration/test_real_news_graph.py`) finds the classes it can name mechanically;
this prints a seeded random sample of every person entity the extractor gives on the tune
half (never the test half), each with the sentence of its first mention, as TSV, so a reader
can count the rest. The last line is the summary: how many person entities, how many
sampled.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

from kgapi.ingest.extract import extract_many
from kgapi.ingest.read import read_inputs

REAL = Path(__file__).resolve().parents[1] / "tests" / "eval" / "real"


def first_sentence(text: str, name: str) -> str:
    """The sentence of the first mention of `name`'s last word, on one line."""
    at = text.find(name.split()[-1])
    if at < 0:
        return ""
    start = text.rfind(". ", 0, at) + 2 if text.rfind(". ", 0, at) >= 0 else 0
    end = text.find(". ", at)
    return " ".join(text[start : end + 1 if end >= 0 else len(text)].split())[:300]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=20261208)
    parser.add_argument("--out", type=Path, default=None, help="TSV file (default: stdout)")
    args = parser.parse_args()

    tune = json.loads((REAL / "split.json").read_text("utf-8"))["tune"]
    articles = [next(iter(read_inputs([REAL / "articles" / name]))) for name in tune]
    rows = [
        (name, entity.name, first_sentence(article.text, entity.name))
        for name, article, extraction in zip(tune, articles, extract_many(articles), strict=True)
        for entity in extraction.entities
        if entity.type == "person"
    ]
    sample = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    with open(args.out, "w", newline="", encoding="utf-8") if args.out else sys.stdout as out:
        writer = csv.writer(out, delimiter="\t")
        writer.writerow(["article", "name", "sentence"])
        writer.writerows(sample)
    print(f"{len(rows)} person entities on the tune half, {len(sample)} sampled", file=sys.stderr)


if __name__ == "__main__":
    main()
