"""The extraction eval, with floors so quality cannot silently fall.

Two sets: our own hand-written texts (`articles/`, `gold.jsonl`) and real news
(`real/`: public-domain and CC BY articles over ten beats, split once into a tune half
that rules are changed against and a test half that is only measured). Floors sit a
little below the figures measured when they were set (see docs/benchmarks.md and
`kgapi eval`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kgapi.ingest.evaluate import Report, evaluate, load_split

HERE = Path(__file__).resolve().parent
REAL = HERE / "real"
# Measured 2026-12-08 (ninth round) over 11 articles: statements 1.000, about 0.423,
# entities 0.991 (0.439 before the round; the article's main subject no longer gives context).
# About fell from 0.950 when "about" came to include entities by context: the gold was
# re-annotated to that definition, and context is where annotators and rules differ most.
OWN_FLOORS = {"statements": 0.98, "about": 0.42, "entities": 0.97}
# Measured 2026-12-08 (ninth round) on the test half (25 articles): 0.879, 0.688, 0.916
# (about was 0.700 after the eighth round; the ninth round's rules, measured on 208 fresh
# tune articles, raised it there).
REAL_FLOORS = {"statements": 0.86, "about": 0.68, "entities": 0.90}


@pytest.fixture(scope="module")
def own() -> Report:
    return evaluate(HERE / "gold.jsonl", HERE / "articles")


@pytest.fixture(scope="module")
def real_test_half() -> Report:
    return evaluate(REAL / "gold", REAL / "articles", split=REAL / "split.json", part="test")


@pytest.mark.parametrize("measure", sorted(OWN_FLOORS))
def test_own_texts_stay_above_floor(own: Report, measure: str) -> None:
    score = getattr(own, measure)
    assert score.f1 >= OWN_FLOORS[measure], f"{measure} F1 {score.f1:.3f} < {OWN_FLOORS[measure]}"


@pytest.mark.parametrize("measure", sorted(REAL_FLOORS))
def test_real_news_test_half_stays_above_floor(real_test_half: Report, measure: str) -> None:
    score = getattr(real_test_half, measure)
    floor = REAL_FLOORS[measure]
    assert score.f1 >= floor, f"{measure} F1 {score.f1:.3f} < {floor} on real news (test half)"


def test_gold_covers_the_seed_and_at_least_ten_more_articles(own: Report) -> None:
    assert own.articles >= 11


def test_real_set_has_forty_articles_over_eight_beats_split_in_halves() -> None:
    split = load_split(REAL / "split.json")
    articles = sorted(p.name for p in (REAL / "articles").glob("*.txt"))
    assert len(articles) >= 40
    assert sorted(split["tune"] + split["test"]) == articles
    assert not set(split["tune"]) & set(split["test"])
    beats = {name.split("-0")[0] for name in articles}
    assert len(beats) >= 8


def test_every_real_article_carries_its_source_and_licence() -> None:
    for path in (REAL / "articles").glob("*.txt"):
        header = path.read_text("utf-8").split("\n\n", 1)[0]
        assert "\nurl: http" in header, f"{path.name}: no source URL"
        assert "\nlicence: " in header, f"{path.name}: no licence line"
        licence = header.split("\nlicence: ", 1)[1].split("\n", 1)[0]
        assert licence.startswith(("Public domain", "CC BY")), f"{path.name}: {licence}"
