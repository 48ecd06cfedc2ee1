"""Reading inputs: files, directories, globs or stdin → `Article`s (or ready `Extraction`s).

The one entry point is `read_inputs(paths)`. It never raises for bad input: each problem
is yielded as a `ReadError` in the stream, so one broken file does not stop a batch.

Formats, chosen by extension (or sniffed for stdin and unknown extensions):

- ``.txt``/``.md`` (and anything else that is text): plain text with an optional header
  block of ``key: value`` lines (title, source or url, published, author), ended by a blank
  line. Spans index into the whole file text, header included.
- ``.json``: an article object (``title, url, source, author, published_at, text``), a list
  of them, or an object already in the extraction contract (``article`` plus ``entities``
  and/or ``statements``), which is yielded as an `Extraction`.
- ``.jsonl``/``.ndjson``: one such object per line.
- ``.html``/``.htm``: main text, title, date and author via trafilatura (offline).
- ``.rss``/``.atom``/``.xml`` (or sniffed): a feed, one article per entry
  (`kgapi.ingest.sources.feeds`).
- ``.warc``/``.warc.gz``: a web archive, one article per HTML page, streamed
  (`kgapi.ingest.sources.warc`).
- ``http://``/``https://`` URLs: fetched, then read by their content type
  (`kgapi.ingest.sources.web`).

The sources modules import this one; it imports them inside functions only.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

if TYPE_CHECKING:
    from kgapi.ingest.sources.feeds import PageFetcher

from kgapi.ingest.clean import clean_text, parse_date
from kgapi.model import Article, ArticleMeta, Extraction, article_id

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES

DEFAULT_MAX_CHARS = 500_000

#: JSON fields that carry an article's publication time, the first present winning:
#: ours, then the names news APIs and schema.org use.
DATE_FIELDS = (
    "published_at", "published", "date", "datePublished", "date_published", "publish_date",
    "pubDate", "publishedAt", "dateCreated",
)  # fmt: skip


@dataclass(frozen=True)
class ReadError(Exception):
    """Input that cannot become an article: where it came from and why."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


ReadResult = Article | Extraction | ReadError


def _max_chars() -> int:
    try:
        from kgapi.config import Settings

        return Settings().max_article_chars
    except Exception:  # settings unreadable (bad .env): fall back to the documented default
        return DEFAULT_MAX_CHARS


def read_inputs(
    paths: Iterable[str | Path],
    *,
    max_chars: int | None = None,
    fetch: bool = True,
    on_record: Callable[[], None] | None = None,
) -> Iterator[ReadResult]:
    """Yield an `Article`, `Extraction` or `ReadError` for everything found under `paths`.

    Each path may be a file, a directory (read recursively, hidden files skipped, files in
    sorted order), a glob pattern, an http(s) URL, or "-" for stdin. Texts longer than
    `max_chars` (default: `Settings.max_article_chars`) are refused with a `ReadError`.

    Args:
        fetch: fetch URLs, and the linked page of a feed entry without full text (off:
            such entries are `ReadError`s, and URL paths too).
        on_record: called once per record of a WARC file (progress).
    """
    from kgapi.ingest.sources.http import is_url
    from kgapi.ingest.sources.warc import is_warc, read_warc

    limit = max_chars if max_chars is not None else _max_chars()
    fetch_page = _page_fetcher(limit) if fetch else None
    for raw in paths:
        spec = str(raw)
        if spec == "-":
            data = sys.stdin.buffer.read()
            yield from read_bytes(
                data, origin="stdin", suffix=None, max_chars=limit, fetch_page=fetch_page
            )
            continue
        if is_url(spec):
            if not fetch:
                yield ReadError(spec, "URLs are not fetched here")
                continue
            from kgapi.ingest.sources.web import read_url

            yield from read_url(spec, max_chars=limit)
            continue
        for path in _expand(spec):
            if isinstance(path, ReadError):
                yield path
            elif is_warc(path):
                yield from read_warc(path, max_chars=limit, on_record=on_record)
            else:
                yield from _read_file(path, limit, fetch_page)


def _read_file(path: Path, limit: int, fetch_page: PageFetcher | None) -> Iterator[ReadResult]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from read_bytes(
        data, origin=str(path), suffix=path.suffix.lower(), max_chars=limit, fetch_page=fetch_page
    )


def _page_fetcher(max_chars: int) -> PageFetcher:
    def fetch_page(url: str) -> Article | ReadError:
        from kgapi.ingest.sources.web import fetch_page as fetch_html

        return fetch_html(url, max_chars=max_chars)

    return fetch_page


def loadable_files(directory: Path) -> list[Path]:
    """The files `kgapi load` reads in `directory`: recursively, in sorted order, hidden
    files and folders left out."""
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and is_loadable(p)
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def is_loadable(path: Path) -> bool:
    """A file `kgapi load` reads in a directory: by its name an article, feed or WARC file;
    a `.xml` file only when it starts like a feed (folders of articles hold sitemaps and
    metadata in XML too, which are no input, not failed ones)."""
    from kgapi.ingest.sources.warc import is_warc

    suffix = path.suffix.lower()
    if suffix == ".xml":
        from kgapi.ingest.sources.feeds import looks_like_feed

        try:
            with path.open("rb") as stream:
                head = stream.read(2000).decode("utf-8", errors="replace")
        except OSError:
            return True  # unreadable: reading it says so
        return looks_like_feed(head)
    return suffix in KNOWN_SUFFIXES or is_warc(path)


def _expand(spec: str) -> Iterator[Path | ReadError]:
    path = Path(spec)
    if path.is_dir():
        found = loadable_files(path)
        if not found:
            yield ReadError(
                spec, "directory holds no .txt, .json, .jsonl, .html, feed or WARC files"
            )
        yield from found
    elif path.is_file():
        yield path
    elif any(c in spec for c in "*?["):
        matches = sorted(Path(m) for m in glob.glob(spec, recursive=True))
        if not matches:
            yield ReadError(spec, "pattern matches no files")
        for match in matches:
            yield from _expand(str(match))
    else:
        yield ReadError(spec, "no such file or directory")


def read_bytes(
    data: bytes,
    *,
    origin: str,
    suffix: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    fetch_page: PageFetcher | None = None,
) -> Iterator[ReadResult]:
    """Read one input's bytes; `suffix` picks the format (None: sniff the content).

    `fetch_page` loads the linked page of a feed entry that carries no full text; without
    it (the API) such entries are `ReadError`s: nothing is fetched.
    """
    if b"\x00" in data[:8192]:
        yield ReadError(origin, "binary data, not text")
        return
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        yield ReadError(origin, "not UTF-8 text (binary or another encoding)")
        return
    if not content.strip():
        yield ReadError(origin, "empty input")
        return
    kind = _kind(suffix, content)
    if kind == "json":
        yield from _read_json(content, origin, max_chars)
    elif kind == "jsonl":
        yield from _read_jsonl(content, origin, max_chars)
    elif kind == "html":
        yield read_html(content, origin=origin, max_chars=max_chars)
    elif kind == "feed":
        from kgapi.ingest.sources.feeds import read_feed

        yield from read_feed(data, origin=origin, max_chars=max_chars, fetch_page=fetch_page)
    elif kind == "xml":
        yield ReadError(origin, "XML, but not an RSS or Atom feed")
    else:
        yield read_text(content, origin=origin, max_chars=max_chars)


def _kind(suffix: str | None, content: str) -> str:
    from kgapi.ingest.sources.feeds import looks_like_feed

    if suffix in FEED_SUFFIXES:
        return "feed" if looks_like_feed(content) else "xml"
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES - {""}:
        return "text"
    if looks_like_feed(content):
        return "feed"
    head = content.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<") and "<body" in content
    ):
        return "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first = content.lstrip().split("\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"  # a complete object on the first line: JSON Lines (or one object)
        except json.JSONDecodeError:
            return "json"
    return "text"


def check_text(text: str, origin: str, max_chars: int) -> ReadError | None:
    if not text.strip():
        return ReadError(origin, "empty text")
    if len(text) > max_chars:
        return ReadError(
            origin, f"text too long: {len(text):,} chars > max_article_chars {max_chars:,}"
        )
    controls = sum(1 for c in text[:10_000] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 10_000):
        return ReadError(origin, "binary data, not text")
    return None


def read_text(
    content: str, *, origin: str, max_chars: int = DEFAULT_MAX_CHARS
) -> Article | ReadError:
    """A plain-text article; title, url, source, author and date come from its header."""
    error = check_text(content, origin, max_chars)
    if error:
        return error
    cleaned = clean_text(content)
    header = cleaned.header
    url = header.get("url") or (
        header.get("source") if _looks_like_url(header.get("source")) else None
    )
    source = header.get("source") if not _looks_like_url(header.get("source")) else None
    meta = ArticleMeta(
        id=article_id(url=url, text=content),
        title=cleaned.title,
        url=url,
        source=source,
        author=header.get("author") or header.get("by") or None,
        published_at=parse_date(
            header.get("published") or header.get("published_at") or header.get("date")
        ),
        text=content,
    )
    return Article(meta=meta, text=content, origin=origin)


def _looks_like_url(value: str | None) -> bool:
    return bool(value) and str(value).startswith(("http://", "https://", "www."))


def _read_json(content: str, origin: str, max_chars: int) -> Iterator[ReadResult]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        yield ReadError(origin, f"invalid JSON: {exc.msg} at line {exc.lineno}")
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        where = origin if len(items) == 1 else f"{origin}[{index}]"
        yield from_record(item, origin=where, max_chars=max_chars)


def _read_jsonl(content: str, origin: str, max_chars: int) -> Iterator[ReadResult]:
    lines = content.splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            if number == 1:
                # Not JSON Lines after all: maybe one pretty-printed JSON document.
                yield from _read_json(content, origin, max_chars)
                return
            yield ReadError(where, f"invalid JSON: {exc.msg}")
            continue
        yield from_record(item, origin=where, max_chars=max_chars)


def from_record(item: Any, *, origin: str, max_chars: int = DEFAULT_MAX_CHARS) -> ReadResult:
    """One JSON object → an `Article`, or an `Extraction` if it is already in the contract."""
    if not isinstance(item, dict):
        return ReadError(origin, f"expected a JSON object, got {type(item).__name__}")
    if "article" in item and ("statements" in item or "entities" in item):
        try:
            extraction = Extraction.model_validate(item)
        except ValidationError as exc:
            return ReadError(origin, f"invalid extraction: {_first_error(exc)}")
        if not extraction.article.id:
            basis = extraction.article.text or extraction.article.title or json.dumps(item)[:10_000]
            extraction.article.id = article_id(url=extraction.article.url, text=basis)
        return extraction
    text = item.get("text") or item.get("content") or item.get("body")
    if not isinstance(text, str):
        return ReadError(origin, "no 'text' field with the article's text")
    error = check_text(text, origin, max_chars)
    if error:
        return error
    url = _str(item.get("url"))
    published = next((item[k] for k in DATE_FIELDS if item.get(k)), None)
    cleaned_title = _str(item.get("title")) or clean_text(text).title
    meta = ArticleMeta(
        id=_str(item.get("id")) or article_id(url=url, text=text),
        title=cleaned_title or "",
        url=url,
        source=_str(item.get("source")),
        author=_author(item.get("author") or item.get("authors")),
        published_at=parse_date(str(published)) if published else None,
        text=text,
    )
    return Article(meta=meta, text=text, origin=origin)


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    return _str(value)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    return f"{where}: {err.get('msg')}" if where else str(err.get("msg"))


def html_fragment_text(html: str) -> str | None:
    """The text of an HTML fragment (a feed entry's content), paragraphs apart."""
    import trafilatura

    # A bare fragment is "not valid HTML" to trafilatura: give it a document around it.
    document = f"<html><body><article>{html}</article></body></html>"
    text = trafilatura.extract(document, include_comments=False, include_tables=False)
    if not text or not text.strip():
        return None
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip()) or None


def read_html(
    content: str, *, origin: str, max_chars: int, url: str | None = None
) -> Article | ReadError:
    """An HTML page's article: main text, title, author, site and publication time by
    trafilatura. `url` (where it was fetched from) is its URL when the page names none."""
    if len(content) > 20 * max_chars:
        return ReadError(origin, f"HTML too large: {len(content):,} chars")
    try:
        import trafilatura
    except ImportError as exc:  # lxml_html_clean missing, for one
        return ReadError(origin, f"HTML support unavailable: {exc}")
    doc = trafilatura.bare_extraction(
        content,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        as_dict=False,
        # The page's own publication time with its zone (htmldate gives only the day by
        # default): "2024-03-07T18:00:00-0500"; a page giving only a day stays a day.
        date_extraction_params={"original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return ReadError(origin, "no article text found in the HTML")
    # trafilatura joins paragraphs with single newlines; blank lines make them explicit.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    error = check_text(text, origin, max_chars)
    if error:
        return error
    url = _str(getattr(doc, "url", None)) or url
    meta = ArticleMeta(
        id=article_id(url=url, text=text),
        title=_str(getattr(doc, "title", None)) or "",
        url=url,
        source=_str(getattr(doc, "sitename", None)),
        author=_str(getattr(doc, "author", None)),
        published_at=parse_date(getattr(doc, "date", None)),
        text=text,
    )
    return Article(meta=meta, text=text, origin=origin)
