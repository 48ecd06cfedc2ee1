"""When a statement was made: every date rule of `kgapi.ingest.extract.dates`, including
across week, month and year boundaries, and the article-level cases through `extract`."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kgapi.ingest.extract.dates import StatedDate, find_date_cues, resolve_weekday, statement_date
from kgapi.model import Article, ArticleMeta, Statement

WED = date(2023, 6, 28)  # a Wednesday
MON_JAN_1 = date(2024, 1, 1)  # a Monday, the first of a month and of a year
THU_MAR_2 = date(2023, 3, 2)  # a Thursday, early in a month


def _on(sentence: str, published: date | None) -> StatedDate | None:
    return statement_date(sentence, published=published)


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # weekdays: the most recent such day on or before publication
        ("The minister said on Tuesday that talks would go on.", WED, date(2023, 6, 27)),
        ("The minister said Wednesday that talks would go on.", WED, WED),
        ("The minister said Thursday that talks would go on.", WED, date(2023, 6, 22)),
        ("The general said Monday night that troops had left.", WED, date(2023, 6, 26)),
        ("The mayor told reporters on Sunday morning.", WED, date(2023, 6, 25)),
        ("The mayor said last Wednesday that it was over.", WED, date(2023, 6, 21)),
        # across a month boundary: Thursday 2 March, 'on Tuesday' is 28 February
        ("She said on Tuesday it was over.", THU_MAR_2, date(2023, 2, 28)),
        # across a year boundary: Monday 1 January 2024, 'Friday' is 29 December 2023
        ("He said Friday that the deal held.", MON_JAN_1, date(2023, 12, 29)),
        ("He said on Sunday that the deal held.", MON_JAN_1, date(2023, 12, 31)),
        # relative days
        ("The chief said today the road was shut.", WED, WED),
        ("The chief said yesterday the road was shut.", WED, date(2023, 6, 27)),
        ("The chief said last night the road was shut.", WED, date(2023, 6, 27)),
        ("The chief said yesterday the road was shut.", MON_JAN_1, date(2023, 12, 31)),
        (
            "The chief said yesterday the road was shut.",
            THU_MAR_2 - timedelta(1),
            date(2023, 2, 28),
        ),
        # explicit dates, with and without year
        ("The mayor said on June 27 that the bridge would reopen.", WED, date(2023, 6, 27)),
        ("The mayor said on 27 June 2023 that it would reopen.", WED, date(2023, 6, 27)),
        ("The mayor said on June 27th, 2022 that it would reopen.", WED, date(2022, 6, 27)),
        ("The mayor said on 2023-06-20 that it would reopen.", WED, date(2023, 6, 20)),
        # no year, and that day is still to come this year: the year before
        ("The mayor said on December 30 that it would reopen.", MON_JAN_1, date(2023, 12, 30)),
        ("The mayor said on Dec. 30 that it would reopen.", MON_JAN_1, date(2023, 12, 30)),
    ],
)
def test_day_cues_resolve_to_the_day(sentence: str, published: date, expected: date) -> None:
    assert _on(sentence, published) == StatedDate(expected, "day", "text")


@pytest.mark.parametrize(
    ("sentence", "published", "expected", "precision"),
    [
        # weeks: the Monday of the week
        ("Officials said last week that the plan was dead.", WED, date(2023, 6, 19), "week"),
        ("Officials said earlier this week the plan was dead.", WED, date(2023, 6, 26), "week"),
        ("Officials said this week the plan was dead.", MON_JAN_1, MON_JAN_1, "week"),
        # 'last week' from 1 January 2024 is the week of Monday 25 December 2023
        ("Officials said last week the plan was dead.", MON_JAN_1, date(2023, 12, 25), "week"),
        # 'last week' from Thursday 2 March is the week of Monday 20 February
        ("Officials said last week the plan was dead.", THU_MAR_2, date(2023, 2, 20), "week"),
        # months: the first of the month
        ("Officials said earlier this month the plan was dead.", WED, date(2023, 6, 1), "month"),
        ("Officials said last month the plan was dead.", WED, date(2023, 5, 1), "month"),
        ("Officials said last month the plan was dead.", MON_JAN_1, date(2023, 12, 1), "month"),
        ("Officials said in March that the plan was dead.", WED, date(2023, 3, 1), "month"),
        (
            "Officials said in September that the plan was dead.",
            MON_JAN_1,
            date(2023, 9, 1),
            "month",
        ),
        ("Officials said in May 2021 the plan was dead.", WED, date(2021, 5, 1), "month"),
    ],
)
def test_week_and_month_cues_carry_their_precision(
    sentence: str, published: date, expected: date, precision: str
) -> None:
    assert _on(sentence, published) == StatedDate(expected, precision, "text")  # type: ignore[arg-type]


def test_without_a_cue_the_statement_takes_the_publication_day() -> None:
    assert _on("The minister said talks would go on.", WED) == StatedDate(WED, "day", "published")


def test_an_undated_article_without_a_cue_leaves_the_date_empty() -> None:
    assert _on("The minister said talks would go on.", None) is None
    # cues that need the article's date cannot be resolved without one: never guessed
    assert _on("The minister said on Tuesday that talks would go on.", None) is None
    assert _on("The minister said on June 27 that talks would go on.", None) is None
    assert _on("The minister said last week that talks would go on.", None) is None


def test_an_explicit_date_with_its_year_dates_even_an_undated_article() -> None:
    assert _on("He said on 27 June 2023 it was over.", None) == StatedDate(date(2023, 6, 27))


def test_a_date_in_what_was_said_is_not_when_it_was_said() -> None:
    sentence = "The senator said the vote would be held on Friday."
    content = sentence.index("the vote")
    stated = statement_date(sentence, span=(content, len(sentence) - 1), published=WED)
    assert stated == StatedDate(WED, "day", "published")
    # without the span, Friday would have been taken
    assert statement_date(sentence, published=WED) == StatedDate(date(2023, 6, 23))


def test_cues_after_publication_are_not_when_it_was_said() -> None:
    assert _on("He said next Monday would decide it.", WED) == StatedDate(WED, "day", "published")
    assert _on("He said on 30 June 2023 it was over.", WED) == StatedDate(WED, "day", "published")


def test_a_day_without_year_long_after_publication_is_not_last_years() -> None:
    # 'June 27' in a paper of 20 June is a day to come (the vote), not 27 June a year ago
    sentence = "Velden said ahead of the June 27 vote that the port would open."
    assert _on(sentence, date(2023, 6, 20)) == StatedDate(date(2023, 6, 20), "day", "published")
    assert _on("He said in March it was over.", MON_JAN_1) == StatedDate(
        MON_JAN_1, "day", "published"
    )


def test_the_cue_nearest_the_verb_wins() -> None:
    sentence = "Velden, elected on Friday, said on Tuesday that the port would open."
    stated = statement_date(sentence, cue_at=sentence.index("said"), published=WED)
    assert stated == StatedDate(date(2023, 6, 27))


def test_lower_case_month_words_are_not_months() -> None:
    # 'may' is a verb and 'march' a noun here: not May, not March
    assert find_date_cues("officials said they may march 5 miles", WED) == []


def test_overlapping_cues_keep_the_longer() -> None:
    cues = find_date_cues("said in June 27 remarks", WED)
    assert [c[2] for c in cues] == [StatedDate(date(2023, 6, 27))]


def test_resolve_weekday_keeps_its_contract() -> None:
    assert resolve_weekday("Tuesday", WED) == date(2023, 6, 27)
    assert resolve_weekday("yesterday", WED) == date(2023, 6, 27)
    assert resolve_weekday("spring", WED) is None


def test_statement_contract_refuses_a_precision_without_a_date() -> None:
    with pytest.raises(ValueError, match="give the date too"):
        Statement(
            id="c",
            speaker="X",
            speaker_id="person:x",
            speaker_kind="person",
            kind="direct",
            text="t",
            span=(0, 1),
            date_precision="day",
        )


# --------------------------------------------------------------------------- extraction
@pytest.mark.parametrize(
    ("published", "expected"),
    [
        # Monday 26 June: the Monday of that week
        (datetime(2023, 6, 28, 9, 0, tzinfo=UTC), date(2023, 6, 26)),
        # across a month and a year boundary: Wednesday 3 January 2024 → Monday 1 January
        (datetime(2024, 1, 3, 9, 0), date(2024, 1, 1)),
        # Sunday 1 January 2023: the Monday before is 26 December 2022
        (datetime(2023, 1, 1, 9, 0), date(2022, 12, 26)),
        # the publication day in its own zone: 23:30 on Sunday 1 January in New York
        (datetime.fromisoformat("2023-01-01T23:30:00-05:00"), date(2022, 12, 26)),
    ],
)
def test_a_dated_article_saying_on_monday_dates_the_statement_that_monday(
    published: datetime, expected: date
) -> None:
    from kgapi.ingest.extract import extract

    text = (
        'Harbour Minister Mara Velden said on Monday that the port "will open by spring." '
        "Critics said the cost had doubled.\n"
    )
    article = Article(
        meta=ArticleMeta(id="article:t", title="Port", published_at=published), text=text
    )
    statements = {s.speaker: s for s in extract(article).statements}
    velden = statements["Mara Velden"]
    assert (velden.date, velden.date_precision, velden.date_basis) == (expected, "day", "text")
    critics = statements["Critics"]
    assert (critics.date, critics.date_basis) == (published.date(), "published")


def test_an_undated_article_leaves_its_statements_undated() -> None:
    from kgapi.ingest.extract import extract

    text = 'Harbour Minister Mara Velden said on Monday that the port "will open by spring."\n'
    article = Article(meta=ArticleMeta(id="article:t", title="Port"), text=text)
    statements = extract(article).statements
    assert statements
    assert all(s.date is None and s.date_precision is None for s in statements)


def test_a_cue_before_the_verb_counts_when_none_follows_it() -> None:
    sentence = "On Tuesday, Velden said that the port would open."
    stated = statement_date(sentence, cue_at=sentence.index("said"), published=WED)
    assert stated == StatedDate(date(2023, 6, 27))
