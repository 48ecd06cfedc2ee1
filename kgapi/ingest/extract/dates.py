"""When a statement was made: a date cue in its sentence, resolved against the article's
publication day; else the publication day itself; else (an undated article without an
explicit date) nothing — never a guess.

Cues, looked for in the sentence *outside* the statement's own words (so "the vote will be
on Friday" in what was said never dates the saying), the one nearest the reporting verb
winning:

==============================  =========================================  ==========
cue                             resolved to                                precision
==============================  =========================================  ==========
"June 27", "27 June 2023",      that day; without a year, the most recent  day
"2023-06-27"                    such day on or before publication (within
                                `ROLLBACK_DAYS`: else a day still to come)
"in June", "in June 2023"       the first of that month (same year rule)   month
"on Tuesday", "Monday night"    the most recent such day on or before      day
                                publication ("last Tuesday": before it)
"today", "tonight", "this       the publication day                        day
morning", "yesterday", "last    the day before
night"
"this week", "earlier this      the Monday of the publication's week       week
week"; "last week"              the Monday of the week before
"this month", "earlier this     the first of the publication's month       month
month"; "last month"            the first of the month before
==============================  =========================================  ==========

A cue that would put the statement after its own publication ("next Monday", a date still
to come) is not when it was said, and is skipped. The publication day is the day in the
timestamp's own zone (as `Claim.day` and Cypher's `date(datetime)` take it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kgapi.vocabulary import DateBasis, DatePrecision

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE = {"today": 0, "tonight": 0, "yesterday": -1}

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}


@dataclass(frozen=True)
class StatedDate:
    """When a statement was made, how precisely, and from what."""

    on: date
    precision: DatePrecision = DatePrecision.DAY
    basis: DateBasis = DateBasis.TEXT


def resolve_weekday(word: str, published: date) -> date | None:
    """'Tuesday' in an article of Wednesday 2023-06-28 → 2023-06-27: news speaks of the
    most recent such day, the publication day included. Also 'today', 'tonight' and
    'yesterday'; None for any other word."""
    low = word.lower()
    if low in RELATIVE:
        return published + timedelta(days=RELATIVE[low])
    if low not in WEEKDAYS:
        return None
    back = (published.weekday() - WEEKDAYS.index(low)) % 7
    return published - timedelta(days=back)


# Month and weekday names are matched capitalised only: "may", "march" and "august" in
# lower case are a verb and an adjective, and news capitalises the names.
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_RE = rf"(?P<month>{_MONTH})\.?"
_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_ORD = r"(?:st|nd|rd|th)?"

_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}}){_ORD}(?:,?\s+{_YEAR})?\b")
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+{_YEAR})?\b")
_IN_MONTH = re.compile(rf"\b(?:[Ii]n|[Ee]arly|[Ll]ate)\s+{_MONTH_RE}(?:\s+{_YEAR})?\b(?!\s+\d)")
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<before>[Ll]ast|[Nn]ext|[Tt]his|[Tt]his past|[Pp]ast)\s+)?(?P<weekday>{_WEEKDAY})\b"
)
_RELATIVE_DAY = re.compile(
    r"\b(?P<word>today|tonight|yesterday|this (?:morning|afternoon|evening)|last night"
    r"|the day before yesterday)\b",
    re.IGNORECASE,
)
_WEEK = re.compile(r"\b(?P<which>(?:earlier )?this|last|the previous) week\b", re.IGNORECASE)
_MONTH_REL = re.compile(
    r"\b(?:(?P<which>(?:earlier )?this|last|the previous) month|earlier in the month)\b",
    re.IGNORECASE,
)


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # "February 30"
        return None


#: How far back a date without a year may reach into the year before publication: "December
#: 30" in a paper of 2 January is last year's; "June 27" in one of 20 June is not a day of
#: last June but a day still to come (a vote, a deadline) — not when anything was said.
ROLLBACK_DAYS = 183


def _without_year(month: int, day: int, published: date | None) -> date | None:
    """A day of the year with no year given: the most recent one on or before publication,
    at most `ROLLBACK_DAYS` back."""
    if published is None:
        return None  # no year to pin it to: never guessed
    for year in (published.year, published.year - 1):
        found = _day(year, month, day)
        if found is not None and found <= published:
            return found if (published - found).days <= ROLLBACK_DAYS else None
    return None


def _explicit(match: re.Match[str], published: date | None) -> StatedDate | None:
    month = MONTHS[match["month"]]
    day = int(match["day"])
    if match["year"]:
        found = _day(int(match["year"]), month, day)
    else:
        found = _without_year(month, day, published)
    return StatedDate(found) if found else None


def _in_month(match: re.Match[str], published: date | None) -> StatedDate | None:
    month = MONTHS[match["month"]]
    if match["year"]:
        return StatedDate(date(int(match["year"]), month, 1), DatePrecision.MONTH)
    if published is None:
        return None
    if month <= published.month:
        return StatedDate(date(published.year, month, 1), DatePrecision.MONTH)
    first = date(published.year - 1, month, 1)
    # "in March" in a January paper is the March to come, not last year's (as above).
    return (
        StatedDate(first, DatePrecision.MONTH)
        if (published - first).days <= ROLLBACK_DAYS
        else None
    )


def _weekday(match: re.Match[str], published: date | None) -> StatedDate | None:
    before = (match["before"] or "").lower()
    if published is None or before == "next":
        return None
    found = resolve_weekday(match["weekday"], published)
    if found is not None and found == published and before in {"last", "this past", "past"}:
        found -= timedelta(days=7)  # "last Tuesday" on a Tuesday: a week ago
    return StatedDate(found) if found else None


def _relative_day(match: re.Match[str], published: date | None) -> StatedDate | None:
    if published is None:
        return None
    word = match["word"].lower()
    if word in {"yesterday", "last night"}:
        return StatedDate(published - timedelta(days=1))
    if word == "the day before yesterday":
        return StatedDate(published - timedelta(days=2))
    return StatedDate(published)


def _week(match: re.Match[str], published: date | None) -> StatedDate | None:
    if published is None:
        return None
    monday = published - timedelta(days=published.weekday())
    if not match["which"].lower().endswith("this"):
        monday -= timedelta(days=7)
    return StatedDate(monday, DatePrecision.WEEK)


def _month(match: re.Match[str], published: date | None) -> StatedDate | None:
    if published is None:
        return None
    first = published.replace(day=1)
    which = (match["which"] or "this").lower()
    if not which.endswith("this"):
        first = (first - timedelta(days=1)).replace(day=1)
    return StatedDate(first, DatePrecision.MONTH)


def _iso(match: re.Match[str], published: date | None) -> StatedDate | None:
    found = _day(int(match["y"]), int(match["m"]), int(match["d"]))
    return StatedDate(found) if found else None


_RULES = [
    (_ISO, _iso),
    (_MONTH_DAY, _explicit),
    (_DAY_MONTH, _explicit),
    (_IN_MONTH, _in_month),
    (_WEEKDAY_RE, _weekday),
    (_RELATIVE_DAY, _relative_day),
    (_WEEK, _week),
    (_MONTH_REL, _month),
]


def find_date_cues(text: str, published: date | None) -> list[tuple[int, int, StatedDate]]:
    """Every date cue in `text` that resolves: (start, end, date), in text order.

    Cues that would date the statement after `published` are left out; where two cues
    overlap ("June 27, 2023" and "in June") the longer one is kept.
    """
    found: list[tuple[int, int, StatedDate]] = []
    for pattern, resolve in _RULES:
        for match in pattern.finditer(text):
            stated = resolve(match, published)
            if stated is None or (published is not None and stated.on > published):
                continue
            found.append((match.start(), match.end(), stated))
    found.sort(key=lambda cue: (cue[0], -(cue[1] - cue[0])))
    kept: list[tuple[int, int, StatedDate]] = []
    for cue in found:
        if kept and cue[0] < kept[-1][1]:
            continue  # inside the longer cue before it
        kept.append(cue)
    return kept


def statement_date(
    sentence: str,
    *,
    span: tuple[int, int] | None = None,
    cue_at: int | None = None,
    published: date | None,
) -> StatedDate | None:
    """When the statement in `sentence` was made.

    Args:
        sentence: the sentence reporting it.
        span: where the statement's own words are in `sentence` (ignored for cues: a date
            in what was said is not when it was said).
        cue_at: where the reporting verb is in `sentence`; the nearest cue after it wins,
            else the nearest before it.
        published: the article's publication day, if it has one.

    Returns the cue's date (`basis` "text"), else the publication day (`basis`
    "published", precision "day"), else None.
    """
    frame = sentence
    if span is not None:
        start, end = max(span[0], 0), min(span[1], len(sentence))
        if start < end:
            frame = sentence[:start] + " " * (end - start) + sentence[end:]
    cues = find_date_cues(frame, published)
    if cues:
        anchor = cue_at if cue_at is not None else 0
        # "said on Tuesday" is the usual order: a cue after the verb wins over one before it
        # ("Velden, elected on Friday, said on Tuesday"); "On Tuesday, Velden said" still
        # finds its cue when nothing follows the verb.
        nearest = min(
            cues, key=lambda cue: (cue[0] < anchor, min(abs(cue[0] - anchor), abs(cue[1] - anchor)))
        )
        return nearest[2]
    if published is not None:
        return StatedDate(published, DatePrecision.DAY, DateBasis.PUBLISHED)
    return None
