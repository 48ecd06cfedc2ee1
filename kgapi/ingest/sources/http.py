"""Fetching one page or feed over HTTP(S), bounded: a timeout, a size cap, a content-type
check, and an error that says which of them failed.

Used for `kgapi load https://…` and for the linked page of a feed entry that carries no
full text. Nothing here retries: a failed fetch is that input's `ReadError`, reported with
the others, and loading again tries again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

import httpx

#: Seconds the whole fetch may take (connecting, and every read, each within it too).
DEFAULT_TIMEOUT = 20.0
#: Bytes a response may have; a news page is far smaller, a feed of full texts too.
DEFAULT_MAX_BYTES = 10_000_000
MAX_REDIRECTS = 5
USER_AGENT = "kgapi (news knowledge graph loader)"

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+xml",
    }
)
TEXT_TYPES = frozenset({"text/plain", "text/markdown"})
JSON_TYPES = frozenset({"application/json", "application/x-ndjson", "application/jsonl"})
LOADABLE_TYPES = HTML_TYPES | FEED_TYPES | TEXT_TYPES | JSON_TYPES


class FetchError(Exception):
    """A URL that could not be fetched, with the reason in words."""


@dataclass(frozen=True)
class Fetched:
    """A fetched response: where it ended up (after redirects), what it is, its bytes."""

    url: str
    content_type: str
    charset: str | None
    body: bytes

    def text(self) -> str:
        """The body decoded by its declared charset (UTF-8 when none or unknown)."""
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def is_url(spec: str) -> bool:
    """True for an http(s) URL (what `kgapi load` fetches rather than opens)."""
    return spec.startswith(("http://", "https://"))


def media_type(header: str | None) -> tuple[str, str | None]:
    """'text/html; charset=ISO-8859-1' → ('text/html', 'ISO-8859-1')."""
    message = Message()
    message["content-type"] = header or "application/octet-stream"
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    accept: frozenset[str] = LOADABLE_TYPES,
) -> Fetched:
    """GET `url` and return its body, or raise `FetchError` saying what went wrong.

    Refuses what is not http(s), a status other than 2xx, a content type outside `accept`
    (checked on the headers, before the body is read), and a body over `max_bytes`
    (checked on Content-Length, then while streaming: a lying or absent header does not
    get past it). Redirects are followed, up to `MAX_REDIRECTS`.
    """
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise FetchError(f"not an http(s) URL: {url!r}")
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 300:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            media, charset = media_type(response.headers.get("content-type"))
            if media not in accept:
                raise FetchError(
                    f"content type {media!r} is not a page, feed or article"
                    f" (expected one of {', '.join(sorted(accept))})"
                )
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"too large: {int(declared):,} bytes > limit {max_bytes:,}")
            chunks: list[bytes] = []
            size = 0
            deadline = time.monotonic() + timeout
            for chunk in response.iter_bytes():
                if time.monotonic() > deadline:  # a server dripping bytes slower than that
                    raise FetchError(f"timed out after {timeout:g}s (the body was still coming)")
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"too large: more than the limit of {max_bytes:,} bytes")
                chunks.append(chunk)
            return Fetched(str(response.url), media, charset, b"".join(chunks))
    except httpx.TimeoutException as error:
        raise FetchError(f"timed out after {timeout:g}s ({type(error).__name__})") from error
    except httpx.TooManyRedirects as error:
        raise FetchError(f"more than {MAX_REDIRECTS} redirects") from error
    except httpx.HTTPError as error:
        raise FetchError(f"cannot fetch: {type(error).__name__}: {error}") from error
