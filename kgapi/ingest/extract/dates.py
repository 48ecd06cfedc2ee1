"""When a statement was made: a weekday or relative day near the cue, resolved against
the article's date; else the article's date itself."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE = {"today": 0, "tonight": 0, "yesterday": -1}


def resolve_weekday(word: str, published: date) -> date | None:
    """'Tuesday' in an article of Wednesday 2023-06-28 → 2023-06-27: news speaks of the
    most recent such day, the publication day included."""
    low = word.lower()
    if low in RELATIVE:
        return published + timedelta(days=RELATIVE[low])
    if low not in WEEKDAYS:
        return None
    back = (published.weekday() - WEEKDAYS.index(low)) % 7
    return published - timedelta(days=back)


def statement_date(cue: Token | None, published: date | None) -> date | None:
    """The statement's date: a day word attached to the cue, resolved
    against `published`; without one, `published`; None when the article has no date."""
    if published is None:
        return None
    candidates: list[Token] = []
    if cue is not None:
        # Only words hanging off the cue ("said Tuesday", "said on Monday", "when asked
        # Tuesday"), never days inside the content ("the vote will be on Friday").
        for child in cue.children:
            if child.dep_ in {"npadvmod", "tmod"}:
                candidates.append(child)
            elif child.dep_ in {"prep", "advcl"}:
                candidates.extend(
                    g for g in child.children if g.dep_ in {"pobj", "npadvmod", "tmod"}
                )
    for token in candidates:
        resolved = resolve_weekday(token.text, published)
        if resolved is not None:
            return resolved
    return published
