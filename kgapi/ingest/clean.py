"""Cleaning plain-text articles without moving a single character.

Every function here keeps offsets: the cleaned text has exactly the length of the original,
so a character span found in the cleaned text is a span of the original article. Junk
(headers, breadcrumbs, repeated headlines, bylines, "Source link") is masked with spaces
(newlines are kept), and typographic quotes are mapped one-to-one onto ASCII ones so
the parser sees the quotes it was trained on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from dateutil import parser as date_parser  # type: ignore[import-untyped]

# One character in, one character out: offsets survive normalisation.
_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",  # left single quote
        "\u2019": "'",  # right single quote / apostrophe
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": " ",
        "\ufeff": " ",
        "\t": " ",
        "\r": " ",
    }
)

# `licence` lines carry a republished text's terms (public domain, CC BY); read, not stored.
HEADER_KEYS = {
    "title", "source", "url", "published", "published_at", "date", "author", "by",
    "licence", "license",
}  # fmt: skip
_HEADER_LINE = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")
_BYLINE = re.compile(r"^(?:by|By|BY)\s+[\w.'\- ]{1,60}$")
# Short lines that are never article prose.
_JUNK_LINE = re.compile(
    r"^(?:source link|read more|advertisement|share this( article| story)?|skip to (main )?content|"
    r"subscribe( now)?|sign up.*newsletter.*|related( articles| stories)?:?|click here.*|"
    r"continue reading|follow us.*|all rights reserved\.?|\u00a9.*|copyright \d{4}.*|"
    r"photo:.*|image:.*|listen to this article|print|email|share|tweet)$",
    re.IGNORECASE,
)
_BREADCRUMB_WORDS = {"home", "featured", "news", "world", "politics", "business", "top", "stories"}


def normalise_chars(text: str) -> str:
    """Map typographic quotes, apostrophes and odd spaces to ASCII, one char for one."""
    return text.translate(_CHAR_MAP)


def mask(text: str, start: int, end: int) -> str:
    """Blank text[start:end] with spaces, keeping newlines (and so every offset)."""
    chunk = "".join("\n" if c == "\n" else " " for c in text[start:end])
    return text[:start] + chunk + text[end:]


@dataclass
class Cleaned:
    """The outcome of cleaning: same-length text plus what was learnt on the way."""

    text: str
    title: str = ""
    header: dict[str, str] = field(default_factory=dict)
    body_start: int = 0
    paragraphs: list[tuple[int, int]] = field(default_factory=list)


# Zone abbreviations that feeds and bylines use ("Wed, 28 Jun 2023 09:00:00 EDT"): dateutil
# knows only UTC/GMT by itself and would drop the others, leaving a wrong naive time.
_ZONES = {
    name: int(hours * 3600)
    for name, hours in {
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0,
        "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
        "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5, "JST": 9,
        "AEST": 10, "AEDT": 11,
    }.items()
}  # fmt: skip


def parse_date(value: str | None) -> datetime | None:
    """Parse a date or timestamp leniently, keeping its time zone when it has one ("+02:00",
    "-0500", "EDT"); None when it is not one."""
    if not value or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        pass
    try:
        parsed: datetime = date_parser.parse(value.strip(), fuzzy=False, tzinfos=_ZONES)
        return parsed
    except (ValueError, OverflowError):
        return None


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the newline."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def split_header(text: str) -> tuple[dict[str, str], int]:
    """Read an optional leading `key: value` block ended by a blank line.

    Returns the header (lower-cased keys) and the offset where the body starts. Only a
    block whose every line is a known key counts, so prose such as "Note: ..." stays.
    """
    header: dict[str, str] = {}
    for start, end in _lines(text):
        line = text[start:end].strip()
        if not line:
            if header:
                return header, min(end + 1, len(text))
            continue
        match = _HEADER_LINE.match(line)
        if not match or match.group(1).lower() not in HEADER_KEYS:
            return {}, 0
        header[match.group(1).lower()] = match.group(2).strip()
    return (header, len(text)) if header else ({}, 0)


def _is_short_line(line: str) -> bool:
    words = line.split()
    ends_sentence = line.rstrip().endswith((".", '"', ".'", "?'", "!'"))
    return 0 < len(words) <= 25 and len(line) <= 200 and not ends_sentence


def clean_text(original: str, *, title: str = "") -> Cleaned:
    """Normalise quotes and mask boilerplate; find the title when none is given.

    The returned text has the original's length. Header lines, the headline (and its
    repeats), breadcrumbs ending in the headline, bylines and trailing "Source link"-style
    lines are blanked so that neither NER nor attribution rules see them.
    """
    text = normalise_chars(original)
    header, body_start = split_header(text)
    if header:
        text = mask(text, 0, body_start)
        title = title or header.get("title", "")
    lines = [(s, e) for s, e in _lines(text) if s >= body_start]
    nonblank = [(s, e) for s, e in lines if text[s:e].strip()]

    # --- the head: title, repeated headline, breadcrumb, byline ------------------------
    head: list[tuple[int, int]] = []
    for s, e in nonblank:
        if not _is_short_line(text[s:e]):
            break
        head.append((s, e))
    head_texts = [text[s:e].strip() for s, e in head]
    if not title and head_texts:
        repeated = [t for t in head_texts if head_texts.count(t) > 1]
        if repeated:
            title = repeated[0]
        elif len(head_texts) > 1 and head_texts[0].endswith(head_texts[1]):
            title = head_texts[1]
        elif not _BYLINE.match(head_texts[0]):
            title = _strip_breadcrumb(head_texts[0])
    norm_title = normalise_chars(title).strip()
    for (s, e), line in zip(head, head_texts, strict=True):
        is_title = bool(norm_title) and (line == norm_title or line.endswith(norm_title))
        if is_title or _BYLINE.match(line) or _JUNK_LINE.match(line):
            text = mask(text, s, e)

    # --- junk lines anywhere (mostly the tail) ------------------------------------------
    for s, e in nonblank:
        line = text[s:e].strip()
        if line and len(line) <= 80 and _JUNK_LINE.match(line):
            text = mask(text, s, e)

    text = single_quotes_as_double(text)
    return Cleaned(
        text=text,
        title=normalise_chars(title).strip() if title else "",
        header=header,
        body_start=body_start,
        paragraphs=paragraphs(text),
    )


_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-")
_CLOSE_AFTER = set(" \t\n.,;:!?)]}\u2014\u2013-")


def _single_quote_pairs(line: str) -> list[tuple[int, int]]:
    """(opener, closer) offsets of single-quote quotation pairs in one paragraph.

    An opener follows a space (or the line start) and precedes a word; a closer follows a
    non-space and precedes a space or punctuation. Apostrophes inside words ("don't",
    "Santos's") are neither; a plural possessive ("the workers' union") is skipped when a
    later closer exists.
    """
    pairs: list[tuple[int, int]] = []
    n = len(line)
    i = 0
    while i < n:
        opens = (
            line[i] == "'"
            and (i == 0 or line[i - 1] in _OPEN_BEFORE)
            and i + 1 < n
            and (line[i + 1].isalpha() or line[i + 1] in "\u2026.")
        )
        if not opens:
            i += 1
            continue
        closers = [
            j
            for j in range(i + 2, n)
            if line[j] == "'"
            and not line[j - 1].isspace()
            and (j + 1 == n or line[j + 1] in _CLOSE_AFTER)
        ]
        # Stop at the next opener: a closer belongs to the nearest opener before it.
        closers = [
            j
            for j in closers
            if not any(
                line[k] == "'" and line[k - 1] in _OPEN_BEFORE and line[k + 1 : k + 2].isalpha()
                for k in range(i + 1, j)
            )
        ]
        while len(closers) > 1 and _plural_possessive(line, closers[0]):
            closers.pop(0)
        if not closers:
            i += 1
            continue
        pairs.append((i, closers[0]))
        i = closers[0] + 1
    return pairs


def _plural_possessive(line: str, j: int) -> bool:
    return line[j - 1] == "s" and line[j + 1 : j + 2] == " " and line[j + 2 : j + 3].islower()


def single_quotes_as_double(text: str) -> str:
    """British style: when the text quotes with single marks ('Nobody wants this,' she
    said) and hardly ever with double ones, turn those marks into double quotes, one
    character for one, so that the parser and the attribution rules see ordinary quotes.
    A paragraph that opens a quote left unclosed, with the next paragraph opening again,
    keeps the news convention of a quote continued across paragraphs."""
    lines = _lines(text)
    found: list[tuple[int, list[tuple[int, int]]]] = []
    for s, e in lines:
        line = text[s:e]
        if "'" in line:
            found.append((s, _single_quote_pairs(line)))
    pairs = sum(len(p) for _, p in found)
    if pairs < 2 or text.count('"') >= pairs:
        return text
    chars = list(text)
    for s, line_pairs in found:
        for a, b in line_pairs:
            chars[s + a] = chars[s + b] = '"'
    for index, (s, e) in enumerate(lines):
        # An opener at a paragraph start whose quote runs on into the next paragraph.
        line = "".join(chars[s:e])
        if line.startswith("'") and line[1:2].isalpha() and '"' not in line:
            later = [t for t in lines[index + 1 :] if text[t[0] : t[1]].strip()]
            if later and text[later[0][0]] == "'":
                chars[s] = '"'
    return "".join(chars)


def _strip_breadcrumb(line: str) -> str:
    words = line.split()
    while len(words) > 3 and words[0].lower() in _BREADCRUMB_WORDS:
        words.pop(0)
    return " ".join(words)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: blocks between blank lines, or single lines in one-line-per-
    paragraph text. Spans are trimmed of surrounding whitespace."""
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    if not lines:
        return []
    has_blank = "\n\n" in text or re.search(r"\n[ ]*\n", text) is not None
    avg = sum(e - s for s, e in lines) / len(lines)
    spans: list[tuple[int, int]] = []
    if has_blank and avg < 90:
        # Hard-wrapped text: paragraphs are blocks separated by blank lines.
        for match in re.finditer(r"\S(?:.|\n(?![ ]*\n))*", text):
            spans.append((match.start(), match.end()))
    else:
        spans = lines
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e
