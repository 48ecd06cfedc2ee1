"""The scoring rules of issue 4."""

from __future__ import annotations

import pytest

from kgapi.ingest.evaluate import Report, Score, content_match, names_match, score_article
from kgapi.model import ArticleMeta, Entity, Extraction, Statement


@pytest.mark.parametrize(
    ("a", "b", "match"),
    [
        ("the bridge would reopen next spring", "the bridge will reopen in spring", True),
        ("no decision has been made", "they cautioned that no decision has been made yet", True),
        ("prices will rise", "wages will fall sharply", False),
        ("a b", "a b c d e f", False),
    ],
)
def test_content_matches_on_half_the_shorter_side_and_three_words(
    a: str, b: str, match: bool
) -> None:
    assert content_match(a, b) is match


@pytest.mark.parametrize(
    ("a", "b", "unnamed", "match"),
    [
        (["Antony Blinken"], ["Blinken"], False, True),
        (["Secretary Blinken"], ["Antony Blinken"], False, False),
        (["administration official"], ["an administration official"], True, True),
        (["analysts"], ["some analysts"], True, True),
        (["Joe Biden"], ["Vladimir Putin"], False, False),
    ],
)
def test_speaker_names_match_by_name_alias_surname_or_words(
    a: list[str], b: list[str], unnamed: bool, match: bool
) -> None:
    assert names_match(a, b, unnamed=unnamed) is match


def _extraction(statements: list[Statement]) -> Extraction:
    entities = [
        Entity(id="person:ana-ruiz", type="person", name="Ana Ruiz", aliases=["Ruiz"]),
        Entity(id="location:spain", type="location", name="Spain"),
    ]
    return Extraction(article=ArticleMeta(id="article:x"), entities=entities, statements=statements)


def _statement(text: str, kind: str = "direct", about: list[str] | None = None) -> Statement:
    about = about or []
    return Statement(
        id=f"claim:x:{len(text)}", speaker="Ana Ruiz", speaker_id="person:ana-ruiz", speaker_kind="person",
        kind=kind, text=text, span=(0, len(text)), about=about,
        about_ids=["location:spain" for _ in about],
    )  # fmt: skip


def test_optional_gold_and_unmatched_beliefs_count_neither_way() -> None:
    gold = {
        "article": "a",
        "entities": [{"name": "Ana Ruiz", "type": "person"}, {"name": "Spain", "type": "location"}],
        "statements": [
            {"speaker": "Ruiz", "text": "the bridge will reopen in spring", "about": ["Spain"]},
            {"speaker": "Ruiz", "text": "voters trust the council", "optional": True},
        ],
    }
    extraction = _extraction(
        [
            _statement("the bridge would reopen next spring", about=["Spain"]),
            _statement("markets will calm down soon", kind="belief"),
        ]
    )
    report = Report()
    score_article(extraction, gold, report)
    assert (report.statements.tp, report.statements.fp, report.statements.fn) == (1, 0, 0)
    assert report.about.f1 == 1.0 and report.entities.f1 == 1.0


def test_score_properties_are_safe_on_zero_counts() -> None:
    assert Score().precision == 1.0 and Score(fn=2).recall == 0.0 and Score(fn=2).f1 == 0.0
