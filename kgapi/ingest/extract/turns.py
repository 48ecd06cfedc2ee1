"""A speaker's turn: a paragraph (or run of paragraphs) that is one person's words.

Made by the transcript reader (``NAME: …`` labels) and by the readers of statements printed
whole (a speech under its title, a press statement under its byline); turned into
statements once the article's entities are known.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Turn:
    """One labelled paragraph (or its continuation): who speaks and where their words are."""

    label: str  # as written, without the colon
    start: int  # first character of the words (after the label)
    end: int
    paragraph: int
    question: bool = False
    continued: bool = False  # an unlabelled paragraph continuing the previous turn
