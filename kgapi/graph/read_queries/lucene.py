"""Turning user text into Lucene queries that can only ever mean "these words".

Neo4j's full-text indexes parse their query with Lucene's classic query parser, where
`name:(*`, `AND`, `"` or a lone `\\` are syntax, and malformed syntax is a server error.
User text therefore never reaches the parser raw: every special character is escaped and
every word is quoted, so keywords (`AND`, `OR`, `NOT`) and wildcards lose their meaning.
"""

from __future__ import annotations

import re

# Lucene classic query parser's special characters (`&&` and `||` are covered by & and |).
LUCENE_SPECIAL = frozenset('\\+-!():^[]"{}~*?|&/')

# Words: maximal runs of non-space characters. A word without a letter or digit carries
# nothing the analyzer would index and is dropped (an empty phrase is a parse error).
_WORD = re.compile(r"\S+")
_HAS_ALNUM = re.compile(r"[^\W_]")

#: Upper bound on words per query: enough for any real search, and keeps queries small.
MAX_TERMS = 16


def escape(text: str) -> str:
    """Backslash-escape every Lucene special character of `text`."""
    return "".join("\\" + char if char in LUCENE_SPECIAL else char for char in text)


def words(text: str) -> list[str]:
    """The searchable words of `text`, lower-cased, at most `MAX_TERMS`."""
    found = [w for w in _WORD.findall(text.lower()) if _HAS_ALNUM.search(w)]
    return found[:MAX_TERMS]


def phrase(text: str) -> str | None:
    """`text` as one quoted, escaped phrase; None when it has nothing searchable."""
    terms = words(text)
    if not terms:
        return None
    return '"' + escape(" ".join(terms)) + '"'


def any_phrase(texts: list[str]) -> str | None:
    """A query matching any of the phrases (e.g. a name and its curated variants)."""
    phrases = [p for p in dict.fromkeys(phrase(t) for t in texts) if p is not None]
    return " OR ".join(phrases) if phrases else None


def all_words(text: str, *, prefix: bool = False) -> str | None:
    """A query requiring every word of `text` (quoted); with `prefix`, a word may also be
    the start of an indexed word ("blink" finds "Blinken"). None when nothing is searchable.
    """
    terms = words(text)
    if not terms:
        return None
    if prefix:
        parts = [f'("{escape(t)}" OR {escape(t)}*)' for t in terms]
    else:
        parts = [f'"{escape(t)}"' for t in terms]
    return " AND ".join(parts)
