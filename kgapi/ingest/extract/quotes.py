"""Quotation marks: the quoted spans of an article (straight, curly and single quotes,
quotes running over paragraphs) and offsets inside them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Quote:
    """A quoted segment: inner character span, its paragraph, and its token range."""

    start: int
    end: int
    paragraph: int
    tok_start: int = 0
    tok_end: int = 0
    used: bool = False


def find_quotes(text: str, original: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Quoted segments per paragraph. Curly marks in the original give the direction;
    straight ones alternate. An unclosed quote runs to its paragraph's end (news style for
    quotes continued in the next paragraph)."""
    quotes: list[Quote] = []
    for p, (pstart, pend) in enumerate(paragraphs):
        open_at: int | None = None
        for i in range(pstart, pend):
            if text[i] != '"':
                continue
            mark = original[i]
            opener = mark in "\u201c\u201e\u00ab" or (
                mark not in "\u201d\u00bb" and open_at is None
            )
            if opener:
                if open_at is not None and i - open_at > 1:
                    quotes.append(Quote(open_at + 1, i, p))
                open_at = i
            elif open_at is not None:
                if i - open_at > 1:
                    quotes.append(Quote(open_at + 1, i, p))
                open_at = None
        if open_at is not None and pend - open_at > 1:
            quotes.append(Quote(open_at + 1, pend, p))
    return [q for q in quotes if text[q.start : q.end].strip()]


def inner_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and trailing commas (the comma before ', she said')."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0]) or 1
    return max(inter, 0) / shorter
