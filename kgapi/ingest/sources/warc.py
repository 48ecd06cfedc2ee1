"""Web archives (WARC, gzipped or not) → one `Article` (or `ReadError`) per HTML page.

Common Crawl's CC-NEWS and any crawler's output come as WARC files of many thousands of
records: requests, responses, metadata. This reads them streaming with warcio — one record
at a time, each page's body read up to a cap and handed on — so memory stays flat however
big the file (`bench/warc_bench.py`). Every HTML response with status 200 becomes an article
through the same HTML reader as `.html` files (trafilatura: main text, title, author, the
page's own publication time). Other records (requests, images, redirects, robots.txt) are
counted and skipped. The WARC-Date of a record is when it was *crawled*, not published,
and is never taken for the publication date.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from kgapi.ingest.read import ReadError, ReadResult, read_html
from kgapi.ingest.sources.http import HTML_TYPES, media_type

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")

#: Bytes of one response body that are read; a news page is far smaller.
MAX_RECORD_BYTES = 5_000_000

RecordCallback = Callable[[], None]
"""Called once per WARC record read (the CLI's progress bar counts them)."""


def is_warc(path: Path) -> bool:
    """True for a WARC (or ARC) file name, gzipped or not."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(
    path: Path,
    *,
    max_chars: int,
    on_record: RecordCallback | None = None,
    max_record_bytes: int = MAX_RECORD_BYTES,
) -> Iterator[ReadResult]:
    """Stream the HTML pages of the WARC file at `path` (see the module docstring).

    A file that is not a WARC, or that breaks off mid-way (a truncated download), yields
    one `ReadError` saying so, after the pages read before the break.
    """
    from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
    from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

    origin = str(path)
    try:
        stream = path.open("rb")
    except OSError as error:
        yield ReadError(origin, f"cannot read: {error.strerror or error}")
        return
    with stream:
        records = 0
        try:
            for record in ArchiveIterator(stream, arc2warc=True):
                records += 1
                if on_record is not None:
                    on_record()
                result = _page(record, origin, records, max_chars, max_record_bytes)
                if result is not None:
                    yield result
        except ArchiveLoadFailed as error:
            reason = str(error).splitlines()[0] if str(error) else "unreadable"
            yield ReadError(origin, f"not a readable WARC file after {records} records: {reason}")
        except (OSError, EOFError, ValueError) as error:  # a truncated gzip member, for one
            yield ReadError(
                origin, f"the WARC file breaks off after {records} records: {error or 'EOF'}"
            )
        if records == 0:
            yield ReadError(origin, "the WARC file holds no records")


def _page(
    record: object, origin: str, number: int, max_chars: int, max_bytes: int
) -> ReadResult | None:
    """The article of one record, a `ReadError`, or None for a record that is no page."""
    if getattr(record, "rec_type", None) != "response":
        return None
    http = getattr(record, "http_headers", None)
    if http is None or http.get_statuscode() != "200":
        return None
    media, charset = media_type(http.get_header("Content-Type"))
    if media not in HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    where = f"{origin}#{number} ({url})" if url else f"{origin}#{number}"
    body = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > max_bytes:
        return ReadError(where, f"page too large: more than {max_bytes:,} bytes")
    # warcio hands a cut-off record out as a short one: bytes it declared and never gave.
    if getattr(getattr(record, "raw_stream", None), "limit", 0) > 0:
        return ReadError(where, "the record breaks off: the WARC file is truncated")
    try:
        content = body.decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset Python does not know
        content = body.decode("utf-8", errors="replace")
    return read_html(content, origin=where, max_chars=max_chars, url=url)
