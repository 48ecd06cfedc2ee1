"""A URL → its article(s): `kgapi load https://…`.

The response decides what it is, by its content type (checked before the body is read):
an HTML page (main text and metadata by trafilatura, as for `.html` files; the URL is the
article's when the page names no canonical one), a feed (each entry, as for feed files),
plain text or JSON (as for files). Fetching is bounded (`sources.http.fetch`: timeout, size
cap, content types); what fails is one `ReadError` with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from kgapi.ingest.read import ReadError, ReadResult, read_bytes, read_html
from kgapi.ingest.sources.feeds import looks_like_feed, read_feed
from kgapi.ingest.sources.http import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    FEED_TYPES,
    HTML_TYPES,
    JSON_TYPES,
    LOADABLE_TYPES,
    FetchError,
    fetch,
)
from kgapi.model import Article


def read_url(
    url: str,
    *,
    max_chars: int,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[ReadResult]:
    """Fetch `url` and yield what it holds (see the module docstring)."""
    try:
        fetched = fetch(url, timeout=timeout, max_bytes=max_bytes, accept=LOADABLE_TYPES)
    except FetchError as error:
        yield ReadError(url, str(error))
        return
    content = fetched.text()
    if fetched.content_type in FEED_TYPES:
        if not looks_like_feed(content):
            yield ReadError(url, f"{fetched.content_type} but not an RSS or Atom feed")
            return
        yield from read_feed(
            fetched.body,
            origin=url,
            max_chars=max_chars,
            fetch_page=lambda link: fetch_page(
                link, max_chars=max_chars, timeout=timeout, max_bytes=max_bytes
            ),
        )
    elif fetched.content_type in HTML_TYPES:
        yield read_html(content, origin=url, max_chars=max_chars, url=fetched.url)
    else:
        suffix = ".json" if fetched.content_type in JSON_TYPES else ".txt"
        yield from read_bytes(fetched.body, origin=url, suffix=suffix, max_chars=max_chars)


def fetch_page(
    url: str,
    *,
    max_chars: int,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article | ReadError:
    """The HTML page at `url` as an article (a feed entry's linked page), or why not."""
    try:
        fetched = fetch(url, timeout=timeout, max_bytes=max_bytes, accept=HTML_TYPES)
    except FetchError as error:
        return ReadError(url, str(error))
    return read_html(fetched.text(), origin=url, max_chars=max_chars, url=fetched.url)
