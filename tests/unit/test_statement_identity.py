"""The rule that makes two reports one statement (kgapi/graph/statement_identity.py)."""

from __future__ import annotations

import random

import pytest

from kgapi.graph.statement_identity import (
    MIN_RUN,
    Report,
    allowed_edits,
    cluster,
    representative,
    same_statement,
    segments,
    words,
)

FULL = "We will open the port of Tessaly by spring, and we will not ask the creditors for one more cent."


def report(
    text: str, *, rid: str = "claim:a:0-1", kind: str = "direct", speaker: str = "p"
) -> Report:
    return Report(id=rid, article_id="article:" + rid, speaker_id=speaker, text=text, kind=kind)


def test_words_drop_case_punctuation_quotes_and_ellipses() -> None:
    assert words("“We WILL — open… the ‘port’!”") == ["we", "will", "open", "the", "port"]
    assert segments("We will open ... one more cent") == [
        ["we", "will", "open"],
        ["one", "more", "cent"],
    ]
    assert segments("a b […] c") == [["a", "b"], ["c"]]
    assert words("Tessaly’s port") == ["tessaly's", "port"]


@pytest.mark.parametrize(
    ("other", "kind", "same"),
    [
        pytest.param(
            "“we will open the port of Tessaly by spring — and we will not ask the "
            "creditors for one more cent!”",
            "direct",
            True,
            id="punctuation-case-quotes",
        ),
        pytest.param(
            "we will not ask the creditors for one more cent", "partial", True, id="excerpt"
        ),
        pytest.param(
            "We will open the port of Tessaly by spring ... one more cent",
            "direct",
            True,
            id="excerpt-with-ellipsis",
        ),
        pytest.param(
            "We will open the port of Tessaly by the spring, and we will not ask creditors "
            "for one more cent.",
            "direct",
            True,
            id="two-words-changed",
        ),
        pytest.param(
            "she will open the port of Tessaly by spring, and will not ask the creditors "
            "for one more cent",
            "indirect",
            True,
            id="paraphrase-sharing-most-words",
        ),
        pytest.param(
            "we will not ask the creditors for one more cent",
            "indirect",
            False,
            id="paraphrase-excerpt-of-a-quote",
        ),
        pytest.param("one more cent", "partial", False, id="excerpt-too-short"),
        pytest.param(
            "We will open the port of Tessaly by spring, and we will ask the creditors "
            "for money now and then again next year.",
            "direct",
            False,
            id="different-ending",
        ),
        pytest.param(
            "Tessaly by spring we will open the port of", "direct", False, id="out-of-order"
        ),
        pytest.param(
            "We will open the port of Tessaly by spring, and we will not ask the creditors "
            "for 2 more cents.",
            "direct",
            False,
            id="a-changed-number",
        ),
    ],
)
def test_same_statement(other: str, kind: str, same: bool) -> None:
    a, b = report(FULL), report(other, rid="claim:b:0-1", kind=kind)
    assert same_statement(a, b) is same
    assert same_statement(b, a) is same


def test_different_speakers_never_merge() -> None:
    assert not same_statement(report(FULL), report(FULL, rid="claim:b:0-1", speaker="q"))
    assert report(FULL).keys.isdisjoint(report(FULL, speaker="q").keys)


def test_a_shared_run_is_always_found_through_the_keys() -> None:
    """Any run of MIN_RUN words both contain: a key one stored that the other looks up."""
    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(50)]
    for _ in range(300):
        run = rng.choices(vocabulary, k=MIN_RUN)
        a = rng.choices(vocabulary, k=rng.randint(0, 8)) + run + rng.choices(vocabulary, k=4)
        b = rng.choices(vocabulary, k=rng.randint(0, 8)) + run
        ra, rb = report(" ".join(a)), report(" ".join(b), rid="claim:b:0-1")
        assert ra.keys & rb.keys


def test_few_words_grow_with_length() -> None:
    assert [allowed_edits(n) for n in (5, 11, 12, 17, 18, 40)] == [1, 1, 2, 2, 3, 3]


def test_clusters_are_connected_components_whatever_the_order() -> None:
    bridge = report(FULL, rid="claim:a:0-1")
    left = report(
        "we will not ask the creditors for one more cent", rid="claim:b:0-1", kind="partial"
    )
    right = report(
        "We will open the port of Tessaly by spring ... one more cent", rid="claim:c:0-1"
    )
    alone = report("The harbour authority has no debts to speak of.", rid="claim:d:0-1")
    assert not same_statement(left, right)
    expected = [["claim:a:0-1", "claim:b:0-1", "claim:c:0-1"], ["claim:d:0-1"]]
    for order in (
        [bridge, left, right, alone],
        [alone, right, left, bridge],
        [left, alone, bridge, right],
    ):
        assert [[r.id for r in group] for group in cluster(order)] == expected
    assert [[r.id for r in g] for g in cluster([left, right])] == [["claim:b:0-1"], ["claim:c:0-1"]]


def test_the_representative_is_the_fullest_quote() -> None:
    short = report("we will not ask the creditors for one more cent", rid="claim:a:0-1")
    full = report(FULL, rid="claim:z:0-1")
    paraphrase = report(FULL, rid="claim:b:0-1", kind="indirect")
    assert representative([short, paraphrase, full]) is full
