"""Statements: attribution patterns, speakers and about-entities."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kgapi.model import Extraction, Statement

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_d1ce2ab050ee22c2.txt"


def _find(ex: Extraction, fragment: str) -> Statement:
    return next(s for s in ex.statements if fragment in s.text)


@pytest.fixture(scope="module")
def seed(run_extract: Callable[[str], Extraction]) -> Extraction:
    return run_extract(SEED.read_text())


def test_seed_blinken_statements_about_ukraine_are_exactly_two(seed: Extraction) -> None:
    blinken = [s for s in seed.statements if s.speaker == "Antony Blinken"]
    about_ukraine = [s for s in blinken if "Ukraine" in s.about]
    assert [s.text for s in about_ukraine] == [
        "I think there's some opportunity there",
        "a robust package for Ukraine to be unveiled by NATO leaders in Vilnius",
    ]


def test_pronoun_speaker_resolves_to_previous_named_person(seed: Extraction) -> None:
    added = _find(seed, "still waiting to see")
    assert (added.speaker, added.verb, added.kind) == ("Antony Blinken", "added", "indirect")
    assert "Ukraine" not in added.about


def test_spans_index_the_original_text(seed: Extraction) -> None:
    original = SEED.read_text()
    for statement in seed.statements:
        start, end = statement.span
        assert (
            original[start:end]
            .replace("\u2019", "'")
            .replace("\u201c", '"')
            .replace("\u201d", '"')
            .split()[:2]
            == statement.text.split()[:2]
            or statement.kind != "direct"
        )


@pytest.mark.parametrize(
    ("fragment", "speaker", "speaker_kind", "kind"),
    [
        ("Everything was done", "Ian Bremmer", "person", "direct"),
        ("From a U.S. perspective", "Ian Bremmer", "person", "direct"),  # continuation
        ("backchanneling with Moscow", "administration official", "anonymous", "indirect"),
        ("purely precautionary", "administration official", "anonymous", "indirect"),  # relcl
        ("hard to tell", "Joe Biden", "person", "partial"),
        ("one motivation for Putin", "U.S. officials", "group", "belief"),
        (
            "red line might be softer",
            "two people familiar with the deliberations",
            "group",
            "indirect",
        ),
        (
            "no decision has been made",
            "two people familiar with the deliberations",
            "group",
            "indirect",
        ),
        ("cost on the Russian people", "analysts", "group", "belief"),
        ("But this will help", "Ian Bremmer", "person", "direct"),
    ],
)
def test_seed_statement_speakers_and_kinds(
    seed: Extraction, fragment: str, speaker: str, speaker_kind: str, kind: str
) -> None:
    statement = _find(seed, fragment)
    assert (statement.speaker, statement.speaker_kind, statement.kind) == (
        speaker,
        speaker_kind,
        kind,
    )


def test_asked_about_clause_gives_about_entities(seed: Extraction) -> None:
    assert {"Russia", "Ukraine"} <= set(_find(seed, "some opportunity there").about)


def test_tv_show_title_and_country_never_speak(seed: Extraction) -> None:
    speakers = {s.speaker for s in seed.statements}
    assert not {"Morning Joe", "Russia", "United States", "NATO summit"} & speakers


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "kind"),
    [
        (
            '"We will rebuild," said Mayor Ana Ruiz. "It will take time."',
            "It will take time",
            "Ana Ruiz",
            "direct",
        ),
        (
            '"The plan is sound," Ruiz said, "but the money is not there."',
            "money is not there",
            "Ruiz",
            "direct",
        ),
        (
            "Ana Ruiz said that the bridge would reopen next spring.",
            "bridge would reopen",
            "Ana Ruiz",
            "indirect",
        ),
        (
            "The bridge will reopen next spring, according to city engineers.",
            "bridge will reopen",
            "city engineers",
            "indirect",
        ),
        (
            "Economists believe the recession will be short.",
            "recession will be short",
            "Economists",
            "belief",
        ),
    ],
)
def test_attribution_patterns(
    run_extract: Callable[[str], Extraction], text: str, fragment: str, speaker: str, kind: str
) -> None:
    statement = _find(run_extract(text), fragment)
    assert speaker.split()[-1] in statement.speaker
    assert statement.kind == kind


def test_weekday_resolves_against_publication_date(
    run_extract: Callable[[str], Extraction],
) -> None:
    ex = run_extract(
        "published: 2023-06-28\n\nThe minister said Tuesday that talks would resume soon.\n"
    )
    assert str(_find(ex, "talks would resume").date) == "2023-06-27"


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        (
            "Der Minister sagte am Dienstag, dass die Gespräche bald wieder aufgenommen würden.",
            "English",
        ),
        ("The river rose overnight and the bridge closed.", "no attributed"),
    ],
)
def test_non_english_or_statement_less_text_warns_instead_of_failing(
    run_extract: Callable[[str], Extraction], text: str, warning: str
) -> None:
    ex = run_extract(text)
    assert ex.statements == []
    assert any(warning in w for w in ex.warnings)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (  # the nearest subject is a man; "she" skips him
            "Rui Santos wants two new defenders, and Nadia Ferreira did not rule it out. "
            '"If the right player is there, we will find a way," she said.',
            "find a way",
            "Ferreira",
        ),
        (  # a man named inside her own quote is never her antecedent
            'Mrs Marsh said she was listening. "I have told Graham Pike that my door is '
            'open," she said.',
            "my door is open",
            "Marsh",
        ),
        (  # "he" skips the woman who spoke last
            "Chief executive Nadia Ferreira said costs were rising. Finance director "
            'Tomasz Wojcik agreed with her. "We will cut where we can," he said.',
            "cut where we can",
            "Wojcik",
        ),
    ],
)
def test_he_she_agree_in_gender_with_their_antecedent(
    run_extract: Callable[[str], Extraction], text: str, fragment: str, speaker: str
) -> None:
    assert _find(run_extract(text), fragment).speaker.endswith(speaker)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        (
            "Analysts were divided. Some believe the club can absorb the loss. "
            "Others warn that wages are rising faster than income.",
            "wages are rising",
            "other analysts",
        ),
        (
            "Some economists argue that buses are a cheaper way to serve rural areas. "
            "Others say that a closed railway is almost never reopened.",
            "almost never reopened",
            "other economists",
        ),
        (
            "Some analysts have speculated that the regime is stable, while others worry "
            "that a weakened leader could turn reckless.",
            "could turn reckless",
            "other analysts",
        ),
    ],
)
def test_bare_others_names_the_group_it_contrasts_with(
    run_extract: Callable[[str], Extraction], text: str, fragment: str, speaker: str
) -> None:
    ex = run_extract(text)
    assert _find(ex, fragment).speaker == speaker
    # ... and the first group's statement stops where the second one starts
    assert all(fragment not in s.text for s in ex.statements if s.speaker != speaker)


@pytest.mark.parametrize(
    ("text", "fragment", "must_not_contain"),
    [
        (
            'Biden said Tuesday that "it\'s hard to tell" whether the plot weakened him, '
            "expressing the cautious view of his team.",
            "hard to tell",
            "expressing",
        ),
        (
            "The mayor said the bridge would reopen in May, citing better weather.",
            "bridge would reopen",
            "citing",
        ),
    ],
)
def test_content_ends_before_a_trailing_participle_clause(
    run_extract: Callable[[str], Extraction], text: str, fragment: str, must_not_contain: str
) -> None:
    assert must_not_contain not in _find(run_extract(text), fragment).text


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "kind"),
    [
        (  # British single-quote style, quote split around the cue
            "'Nobody wants to close a railway,' Eleanor Marsh told MPs. "
            "'But I cannot justify trains that run empty.'",
            "trains that run empty",
            "Eleanor Marsh",
            "direct",
        ),
        (  # a quoted accusation
            "Appearing on the BBC's Sunday Politics Hour, the shadow spokeswoman, Priya Nair, "
            "accused the government of 'managing the slow death of rural Britain'. "
            "'It is a betrayal,' she said.",
            "slow death of rural Britain",
            "Priya Nair",
            "partial",
        ),
        (  # "the club" refers back to the company just named
            "Shares in Harlow City fell 8 percent after the football club warned that its "
            "broadcast income would drop next season.",
            "broadcast income would drop",
            "Harlow City",
            "indirect",
        ),
        (  # the defence, as an institution, argues
            "The defence argues the transfers were repayments of loans he had made.",
            "transfers were repayments",
            "defence",
            "indirect",
        ),
        (  # a multi-reporter credit line speaks through its first reporter
            "Officials sought a quiet agreement, our colleagues Tom Harding, Aisha Rahman "
            "and Ben Cole reported this week.",
            "sought a quiet agreement",
            "Tom Harding",
            "indirect",
        ),
    ],
)
def test_more_attribution_patterns(
    run_extract: Callable[[str], Extraction], text: str, fragment: str, speaker: str, kind: str
) -> None:
    statement = _find(run_extract(text), fragment)
    assert statement.speaker.split()[-1] == speaker.split()[-1]
    assert statement.kind == kind


def test_unquoted_accusation_is_the_reporters_summary_not_a_statement(
    run_extract: Callable[[str], Extraction],
) -> None:
    ex = run_extract("Her critics have accused her of underestimating the cost of the plan.")
    assert not [s for s in ex.statements if "underestimating" in s.text]


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "kind"),
    [
        (  # that-clause parsed under the noun of "on a call"
            "Brightwell's chief executive, Grace Mbeki, told investors on a call that the "
            "company had already switched suppliers.",
            "already switched suppliers",
            "Grace Mbeki",
            "indirect",
        ),
        (  # a retort with the particle "back"
            "Karen Holloway shot back that the ministry's hydrologists had signed off on "
            "the figures.",
            "signed off on the figures",
            "Karen Holloway",
            "indirect",
        ),
        (  # a question framed by "asked"
            'Lindholm said she had raised it. "You were not in the room, were you?" '
            "Daniel Okoro asked.",
            "were you?",
            "Okoro",
            "direct",
        ),
        (  # a clause ending in a colon introduces the quote
            "For now, the deal survives. But one adviser involved in the talks put it "
            'bluntly: "It is on life support, and everybody knows it."',
            "life support",
            "one adviser",
            "direct",
        ),
    ],
)
def test_cues_the_parser_hides(
    run_extract: Callable[[str], Extraction], text: str, fragment: str, speaker: str, kind: str
) -> None:
    statement = _find(run_extract(text), fragment)
    assert speaker in statement.speaker
    assert statement.kind == kind


def test_definite_official_merges_only_with_a_recent_unnamed_official(
    run_extract: Callable[[str], Extraction],
) -> None:
    near = run_extract(
        "An administration official confirmed the talks. The embassy closed its doors, a "
        "move the U.S. official said was purely precautionary."
    )
    assert len({s.speaker_id for s in near.statements}) == 1
    far = run_extract(
        "An administration official confirmed the talks with the rebels.\n\n"
        + "The weather in the capital was mild and the markets were calm.\n\n" * 3
        + "The U.S. official said the sanctions would remain in place for now."
    )
    assert len({s.speaker_id for s in far.statements}) == 2


@pytest.mark.parametrize(
    ("text", "fragment", "speaker", "kind"),
    [
        (  # "they" takes the plural people-noun subject of the sentence before
            "Investors had worried about the costs, according to one analyst. Union leaders "
            "were less forgiving. They said hundreds of workers had turned down other jobs.",
            "turned down other jobs",
            "Union leaders",
            "indirect",
        ),
        (  # "the company" two sentences on: the organization the article keeps naming
            "Veltron Semiconductor said Wednesday it would delay its new plant in Ohio. "
            "Veltron shares rose 3 percent. Investors cheered. Analysts had expected worse. "
            "The company said it would announce a new timetable early next year.",
            "new timetable",
            "Veltron Semiconductor",
            "indirect",
        ),
        (  # reporter's words first, the quote after: partial, with the whole content
            'In a post on X, Governor Sarah Kessler wrote that the project "remains a '
            "cornerstone of Ohio's future.\"",
            "the project remains a cornerstone",
            "Sarah Kessler",
            "partial",
        ),
        (  # a surname the NER missed still leads "he" to its person
            "Chief executive Mark Hollis spoke to analysts on Tuesday.\n\n"
            "Hollis, who took over in March, has promised to cut costs. He told employees "
            "in a memo that the company would not lay off engineers.",
            "would not lay off engineers",
            "Mark Hollis",
            "indirect",
        ),
    ],
)
def test_plural_pronouns_back_references_and_partial_openings(
    run_extract: Callable[[str], Extraction], text: str, fragment: str, speaker: str, kind: str
) -> None:
    statement = _find(run_extract(text), fragment)
    assert (statement.speaker, statement.kind) == (speaker, kind)
