"""RSS and Atom feeds → one `Article` (or `ReadError`) per entry, parsed by feedparser.

Each entry gives its title, link (the article's URL, hence its id), publication time (with
its zone), author, and its text: the full content when the feed carries it (Atom
`<content>`, RSS `<content:encoded>`, or a `<description>` that is a whole article rather
than a teaser), else the linked page, fetched when a fetcher is given (`kgapi load` gives
one; the API does not, so a posted feed never makes the server fetch URLs). An entry with
neither is a `ReadError` of its own saying why; the other entries still load.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

from kgapi.ingest.clean import parse_date
from kgapi.ingest.read import ReadError, ReadResult, check_text, html_fragment_text
from kgapi.model import Article, ArticleMeta, article_id

FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}

#: A `<description>` counts as the full article from this many words on, unless it ends
#: like a teaser; shorter ones are summaries, and the linked page is loaded instead.
FULL_TEXT_WORDS = 150
_TEASER_END = re.compile(
    r"(?:\.\.\.|\u2026|\[\u2026\]|\[\.\.\.\]|(?:read|see|view) more\W*|continue reading\W*)\s*$",
    re.IGNORECASE,
)

PageFetcher = Callable[[str], Article | ReadError]
"""Loads the page at a URL as an article (or says why it cannot)."""


def looks_like_feed(content: str) -> bool:
    """True when `content` starts like an RSS, RDF or Atom document."""
    head = content.lstrip()[:2000].lower()
    if head.startswith("<?xml"):
        return any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))
    return head.startswith(("<rss", "<feed", "<rdf:rdf"))


def read_feed(
    data: bytes,
    *,
    origin: str,
    max_chars: int,
    fetch_page: PageFetcher | None = None,
) -> Iterator[ReadResult]:
    """Every entry of the feed in `data`, in feed order (see the module docstring)."""
    import feedparser  # type: ignore[import-untyped]

    # Bytes, never a string: given a string, feedparser would take it for a URL to fetch.
    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            yield ReadError(origin, f"not a valid RSS or Atom feed: {parsed.get('bozo_exception')}")
        else:
            yield ReadError(origin, "the feed has no entries")
        return
    source = _str(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry(entry, f"{origin}#{number}", source, max_chars, fetch_page)
    problem = parsed.get("bozo_exception")
    if problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride):
        # feedparser recovers what it can of broken XML; say so, besides those entries.
        yield ReadError(origin, f"malformed feed, read as far as possible: {problem}")


def _entry(
    entry: Any, where: str, source: str | None, max_chars: int, fetch_page: PageFetcher | None
) -> ReadResult:
    link = _str(entry.get("link"))
    if link:
        where = f"{where} ({link})"
    title = _str(entry.get("title")) or ""
    published = _published(entry)
    author = _str(entry.get("author"))
    text = _full_text(entry)
    if text is not None:
        error = check_text(text, where, max_chars)
        if error:
            return error
        meta = ArticleMeta(
            id=article_id(url=link, text=text),
            title=title,
            url=link,
            source=source,
            author=author,
            published_at=published,
            text=text,
        )
        return Article(meta=meta, text=text, origin=where)
    if not link:
        return ReadError(where, "the entry carries no full text and no link to its page")
    if fetch_page is None:
        return ReadError(where, "the entry carries no full text, and its page is not fetched here")
    page = fetch_page(link)
    if isinstance(page, ReadError):
        return ReadError(
            where, f"the entry carries no full text and its page cannot be loaded: {page.reason}"
        )
    # The page's own metadata first (its canonical URL, its dated header); the entry's
    # fills what the page lacks.
    meta = page.meta
    update = {
        "url": meta.url or link,
        "title": meta.title or title,
        "source": meta.source or source,
        "author": meta.author or author,
        "published_at": meta.published_at or published,
    }
    update["id"] = article_id(url=str(update["url"]), text=page.text)
    return Article(meta=meta.model_copy(update=update), text=page.text, origin=where)


def _published(entry: Any) -> datetime | None:
    # The raw string keeps the zone ("-0400"); feedparser's parsed tuple is UTC without it.
    for key in ("published", "updated", "created"):
        parsed = parse_date(_str(entry.get(key)))
        if parsed is not None:
            return parsed
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return datetime(*tuple(value)[:6]).replace(tzinfo=UTC)
    return None


def _full_text(entry: Any) -> str | None:
    contents = [c for c in entry.get("content") or [] if _str(c.get("value"))]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return _as_text(best["value"], best.get("type"))
    summary = _str(entry.get("summary"))
    if summary:
        text = _as_text(summary, (entry.get("summary_detail") or {}).get("type"))
        if text and len(text.split()) >= FULL_TEXT_WORDS and not _TEASER_END.search(text):
            return text
    return None


def _as_text(value: str, media_type: str | None) -> str | None:
    if media_type and "html" in media_type:
        return html_fragment_text(value)
    return value.strip() or None


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
