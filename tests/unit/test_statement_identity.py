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


def meets(new: Report, stored: Report) -> bool:
    """Whether the lookup of `new` reads back a claim holding `stored`
    (`write_queries.CLAIMS_BY_KEYS`): a probed key it stores with one of the probes' tags,
    or without tags."""
    held = stored.index.stored
    tags = {tag for windows in new.index.probes.values() for tag in windows}
    return any(
        key in held and (not held[key] or not tags.isdisjoint(held[key]))
        for key in new.index.probes
    )


def test_a_shared_run_is_always_found_through_the_keys() -> None:
    """Any run of MIN_RUN words both contain: a key one stored that the other looks up."""
    rng = random.Random(3)
    vocabulary = [f"w{i}" for i in range(50)]
    for _ in range(300):
        run = rng.choices(vocabulary, k=MIN_RUN)
        a = rng.choices(vocabulary, k=rng.randint(0, 8)) + run + rng.choices(vocabulary, k=4)
        b = rng.choices(vocabulary, k=rng.randint(0, 8)) + run
        ra, rb = report(" ".join(a)), report(" ".join(b), rid="claim:b:0-1")
        # Whichever is stored first, the other's probes meet one of its keys, with a tag.
        assert ra.probes & rb.keys and rb.probes & ra.keys
        assert meets(ra, rb) and meets(rb, ra)
        assert ra.index.probe_marks & rb.index.marks and rb.index.probe_marks & ra.index.marks


def test_a_common_phrase_without_a_shared_run_is_not_read_back() -> None:
    """Reports sharing a phrase shorter than MIN_RUN words share its key when winnowing
    selects it, but not its tags: the lookup does not read them back (it did, every one of
    them: the cost grew with the speaker's statements)."""
    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(400)]
    phrase = ["we", "will", "continue", "to", "support"]  # MIN_RUN - 2 words
    shared_keys = 0
    for _ in range(300):
        a = rng.choices(vocabulary, k=rng.randint(0, 6)) + phrase + rng.choices(vocabulary, k=6)
        b = rng.choices(vocabulary, k=rng.randint(0, 6)) + phrase + rng.choices(vocabulary, k=6)
        ra, rb = report(" ".join(a)), report(" ".join(b), rid="claim:b:0-1")
        if same_statement(ra, rb):
            continue  # the random words made a longer shared run (rare)
        shared_keys += bool(ra.probes & rb.keys)
        assert not meets(ra, rb) and not meets(rb, ra)
        assert not ra.index.probe_marks & rb.index.marks
    assert shared_keys > 50  # the premise: the phrase's key is often shared


def test_the_same_words_are_found_whatever_the_ellipses() -> None:
    """Equal words split by ellipses into parts too short for a stored 3-gram (the report
    stores its fingerprint) and the same words whole (it stores 3-grams, no fingerprint):
    each finds the other."""
    whole = report("we will open the port of Tessaly by spring")
    split = report("We will open the port … of Tessaly by spring", rid="claim:b:0-1")
    assert same_statement(whole, split)
    assert len(whole.keys) == len(whole.probes) - 1  # its 3-grams, not its fingerprint
    assert len(split.keys) == 1  # its fingerprint: no part has 7 words
    assert whole.probes & split.keys and split.probes & whole.keys
    assert meets(whole, split) and meets(split, whole)
    assert cluster([whole], [[split]]) == cluster([split], [[whole]])
    assert len(cluster([whole], [[split]])) == 1


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


def test_an_article_scoped_sources_reports_group_as_a_named_speakers() -> None:
    """An anonymous source's reports (keys never stored: found through unhashed 3-grams)
    make the same groups as the same texts said by a named speaker (found through keys),
    in any order; a speaker's only report is a group of its own."""
    rng = random.Random(5)
    vocabulary = [f"w{i}" for i in range(12)]  # few words: many shared 3-grams, few merges
    texts = [FULL, "we will not ask the creditors for one more cent", "one more cent"]
    texts += [" ".join(rng.choices(vocabulary, k=rng.randint(3, 14))) for _ in range(40)]

    def grouped(speaker: str, order: list[int]) -> list[list[int]]:
        reports = [
            Report(
                id=f"claim:a:{i}-{i + 1}",
                article_id="article:a",
                speaker_id=speaker,
                text=texts[i],
                kind="direct",
            )
            for i in order
        ]
        assert all(r.scoped == speaker.startswith("anonymous:") for r in reports)
        return sorted(
            sorted(int(r.id.split(":")[2].split("-")[0]) for r in g) for g in cluster(reports)
        )

    named = grouped("person:p", list(range(len(texts))))
    assert any(len(group) > 1 for group in named)
    for _ in range(3):
        order = rng.sample(range(len(texts)), len(texts))
        assert grouped("anonymous:a:official", order) == named
    # A few reports of a speaker are paired directly rather than through an index of keys.
    for size in (2, 3, 8):
        for _ in range(20):
            few = [0, 1, *rng.sample(range(2, len(texts)), size - 2)]
            groups = grouped("anonymous:a:official", few)
            assert groups == grouped("person:p", few)
            assert any({0, 1} <= set(group) for group in groups)  # the full quote, its excerpt
    lone = Report(
        id="claim:a:0-1", article_id="article:a", speaker_id="person:q", text=FULL, kind="direct"
    )
    assert cluster([lone]) == [[lone]]


def test_the_representative_is_the_fullest_quote() -> None:
    short = report("we will not ask the creditors for one more cent", rid="claim:a:0-1")
    full = report(FULL, rid="claim:z:0-1")
    paraphrase = report(FULL, rid="claim:b:0-1", kind="indirect")
    assert representative([short, paraphrase, full]) is full


def test_a_merged_claim_takes_the_most_precise_date_then_the_earliest() -> None:
    """Issue 14: a date read in the text beats the publication day; a day beats a week,
    a week a month; among equals the earliest."""
    from datetime import date

    from kgapi.graph.claim_merge import best_dated, claim_row

    def dated(rid: str, day: date | None, precision: str | None, basis: str | None) -> Report:
        return Report(
            id=rid, article_id="article:" + rid, speaker_id="p", text=FULL, kind="direct",
            stated_on=day, date_precision=precision, date_basis=basis,
        )  # fmt: skip

    published = dated("claim:a:0-1", date(2024, 3, 1), "day", "published")
    week = dated("claim:b:0-1", date(2024, 2, 26), "week", "text")
    tuesday = dated("claim:c:0-1", date(2024, 2, 27), "day", "text")
    monday = dated("claim:d:0-1", date(2024, 2, 26), "day", "text")
    undated = dated("claim:e:0-1", None, None, None)
    assert best_dated([published, week]) is week
    assert best_dated([week, tuesday, published]) is tuesday
    assert best_dated([tuesday, monday]) is monday
    assert best_dated([undated]) is None
    row = claim_row([published, week, tuesday, undated])
    assert (row["stated_on"], row["date_precision"], row["date_basis"]) == (
        "2024-02-27",
        "day",
        "text",
    )
