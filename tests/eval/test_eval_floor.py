"""The extraction eval on our hand-written gold, with floors so quality cannot silently fall.

Floors sit a little below the figures measured when they were set (see docs/benchmarks.md
and the report of `kgapi eval tests/eval/gold.jsonl tests/eval/articles`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kgapi.ingest.evaluate import Report, evaluate

HERE = Path(__file__).resolve().parent
# Measured 2026-11-29 over 11 articles: statements 1.000, about 0.950, entities 0.991.
FLOORS = {"statements": 0.97, "about": 0.93, "entities": 0.97}


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate(HERE / "gold.jsonl", HERE / "articles")


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_f1_stays_above_floor(report: Report, measure: str) -> None:
    score = getattr(report, measure)
    assert score.f1 >= FLOORS[measure], f"{measure} F1 {score.f1:.3f} < floor {FLOORS[measure]}"


def test_gold_covers_the_seed_and_at_least_ten_more_articles(report: Report) -> None:
    assert report.articles >= 11
