"""Where news comes from: feeds, WARC files, URLs and a watched folder, read through
`read_inputs` over real files the tests write and a real local HTTP server."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kgapi.ingest.read import ReadError, read_bytes, read_inputs
from kgapi.ingest.sources.http import FetchError, fetch
from kgapi.ingest.sources.watch import watch_files
from kgapi.model import Article
from tests.news_server import STORIES, NewsServer, Route, atom, news_server, page, rss, write_warc

EST = timezone(timedelta(hours=-5))


@pytest.fixture
def server() -> Iterator[NewsServer]:
    with news_server() as running:
        yield running


def _articles(results: list[object]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def _errors(results: list[object]) -> list[ReadError]:
    return [r for r in results if isinstance(r, ReadError)]


# --------------------------------------------------------------------------- feeds
def test_rss_entries_with_full_content_load_with_their_metadata(tmp_path: Path) -> None:
    items = [
        {
            "title": title,
            "link": f"https://herald.example/{n}",
            "date": "Thu, 07 Mar 2024 18:00:00 -0500",
            "author": "Jo Lee",
            "description": "A short teaser...",
            "content": f"<p>{body}</p><p>More on this story later.</p>",
        }
        for n, (title, body) in enumerate(STORIES)
    ]
    feed = tmp_path / "herald.rss"
    feed.write_text(rss(items))
    results = list(read_inputs([feed], fetch=False))
    articles = _articles(results)
    assert len(articles) == 3 and not _errors(results)
    first = articles[0]
    assert first.meta.title == STORIES[0][0]
    assert first.meta.url == "https://herald.example/0"
    assert first.meta.author == "Jo Lee"
    assert first.meta.source == "Coastal Herald"
    assert first.meta.published_at == datetime(2024, 3, 7, 18, tzinfo=EST)
    assert first.meta.published_at.utcoffset() == timedelta(hours=-5)
    assert "Mara Velden said on Monday" in first.text
    assert "teaser" not in first.text  # the full content, not the description
    assert first.origin == f"{feed}#1 (https://herald.example/0)"
    # the link is the id: the same story found again is the same article
    assert len({a.meta.id for a in articles}) == 3


def test_atom_entries_load_and_xml_files_are_sniffed(tmp_path: Path) -> None:
    entries = [
        {
            "title": title,
            "link": f"https://courier.example/{n}",
            "date": "2024-03-07T09:30:00+01:00",
            "author": "Ana Ruiz",
            "content": f"<p>{body}</p>",
        }
        for n, (title, body) in enumerate(STORIES[:2])
    ]
    for name in ("courier.atom", "courier.xml", "courier-feed"):
        path = tmp_path / name
        path.write_text(atom(entries))
        articles = _articles(list(read_inputs([path], fetch=False)))
        assert [a.meta.url for a in articles] == [
            "https://courier.example/0",
            "https://courier.example/1",
        ], name
        assert articles[0].meta.published_at == datetime(
            2024, 3, 7, 9, 30, tzinfo=timezone(timedelta(hours=1))
        )
        assert articles[1].meta.author == "Ana Ruiz"


def test_an_entry_without_full_text_loads_its_linked_page(
    tmp_path: Path, server: NewsServer
) -> None:
    title, body = STORIES[1]
    server.routes["/rail"] = Route(
        page(title, body, published="2024-03-08T07:00:00+01:00").encode()
    )
    items = [
        {"title": "Rail strike ends", "link": server.url("/rail"), "description": "Short.",
         "date": "Fri, 08 Mar 2024 06:00:00 GMT", "author": "Tom Bell"},
        {"title": "Gone", "link": server.url("/missing"), "description": "Short."},
        {"title": "No link", "description": "Short."},
    ]  # fmt: skip
    feed = tmp_path / "herald.rss"
    feed.write_text(rss(items))
    results = list(read_inputs([feed]))
    assert len(results) == 3
    loaded = results[0]
    assert isinstance(loaded, Article), loaded
    assert "union leader Tomas Ekwall" in loaded.text
    assert loaded.meta.url == server.url("/rail")
    assert loaded.meta.author == "Tom Bell"  # the page names none: the entry's
    assert loaded.meta.published_at == datetime(2024, 3, 8, 7, tzinfo=timezone(timedelta(hours=1)))
    gone, no_link = results[1], results[2]
    assert isinstance(gone, ReadError)
    assert "no full text and its page cannot be loaded: HTTP 404" in gone.reason
    assert server.url("/missing") in gone.origin
    assert isinstance(no_link, ReadError) and "no link" in no_link.reason
    # without fetching (the API), the linked page is never requested
    server.hits.clear()
    offline = list(read_bytes(feed.read_bytes(), origin="api", suffix=None))
    assert all(isinstance(r, ReadError) for r in offline) and server.hits == []
    assert "not fetched here" in offline[0].reason  # type: ignore[union-attr]


def test_a_long_description_is_the_full_text_but_a_teaser_is_not(tmp_path: Path) -> None:
    long_text = " ".join([STORIES[0][1]] * 8)
    items = [
        {"title": "Full", "link": "https://herald.example/full", "description": long_text},
        {"title": "Teaser", "link": "https://herald.example/teaser",
         "description": long_text + " Read more"},
    ]  # fmt: skip
    feed = tmp_path / "f.rss"
    feed.write_text(rss(items))
    full, teaser = list(read_inputs([feed], fetch=False))
    assert isinstance(full, Article) and full.text.startswith("Harbour Minister")
    assert isinstance(teaser, ReadError)


def test_a_folder_loads_its_feeds_but_not_its_other_xml(tmp_path: Path) -> None:
    (tmp_path / "feed.xml").write_text(
        rss([{"title": "Port", "link": "https://herald.example/p", "content": STORIES[0][1]}])
    )
    (tmp_path / "sitemap.xml").write_text("<?xml version='1.0'?><urlset></urlset>")
    results = list(read_inputs([tmp_path], fetch=False))
    assert [type(r) for r in results] == [Article]
    # named on its own, a non-feed .xml file is refused, saying why
    [error] = list(read_inputs([tmp_path / "sitemap.xml"]))
    assert isinstance(error, ReadError) and "not an RSS or Atom feed" in error.reason


def test_broken_feeds_are_read_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rss"
    bad.write_text("<?xml version='1.0'?><rss><channel><item><title>x</titl")
    empty = tmp_path / "empty.rss"
    empty.write_text(rss([]))
    other = tmp_path / "sitemap.xml"
    other.write_text("<?xml version='1.0'?><urlset><url><loc>https://x</loc></url></urlset>")
    results = list(read_inputs([bad, empty, other], fetch=False))
    assert all(isinstance(r, ReadError) for r in results)
    reasons = [r.reason for r in results]  # type: ignore[union-attr]
    assert "malformed feed, read as far as possible" in reasons[-3]
    assert reasons[-2] == "the feed has no entries"
    assert reasons[-1] == "XML, but not an RSS or Atom feed"


# --------------------------------------------------------------------------- WARC
@pytest.mark.parametrize("compressed", [True, False])
def test_warc_html_responses_become_articles_and_every_record_is_counted(
    tmp_path: Path, compressed: bool
) -> None:
    pages = [
        (f"https://herald.example/{n}", page(title, body, published="2024-03-07T18:00:00-05:00"))
        for n, (title, body) in enumerate(STORIES)
    ]
    path = tmp_path / ("news.warc.gz" if compressed else "news.warc")
    write_warc(path, pages, gzip=compressed)
    counted: list[int] = []
    results = list(read_inputs([path], on_record=lambda: counted.append(1)))
    articles = _articles(results)
    assert not _errors(results)
    assert [a.meta.url for a in articles] == [url for url, _ in pages]
    assert articles[0].meta.title == STORIES[0][0]
    assert "Mara Velden said on Monday" in articles[0].text
    assert articles[0].meta.published_at == datetime(2024, 3, 7, 18, tzinfo=EST)
    # warcinfo + (request + response) per page + an image + a redirect
    assert len(counted) == 1 + 2 * len(pages) + 2


def test_warc_files_in_a_directory_are_found(tmp_path: Path) -> None:
    write_warc(tmp_path / "a.warc.gz", [("https://x.example/1", page(*STORIES[0]))])
    (tmp_path / "b.txt").write_text(STORIES[1][1])
    results = list(read_inputs([tmp_path]))
    assert [r.meta.url for r in _articles(results)] == ["https://x.example/1", None]


def test_a_truncated_or_false_warc_is_a_read_error_after_what_it_held(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, [(f"https://x.example/{n}", page(*s)) for n, s in enumerate(STORIES)])
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) // 2])  # inside the second page's record
    first, broken = list(read_inputs([cut]))
    assert isinstance(first, Article) and first.meta.url == "https://x.example/0"
    assert isinstance(broken, ReadError) and "https://x.example/1" in broken.origin
    assert "the WARC file is truncated" in broken.reason
    fake = tmp_path / "fake.warc.gz"
    fake.write_bytes(gzip.compress(b"this is not an archive at all\n" * 20))
    [error] = list(read_inputs([fake]))
    assert isinstance(error, ReadError) and "not a readable WARC" in error.reason


# --------------------------------------------------------------------------- URLs
def test_a_url_loads_its_page(server: NewsServer) -> None:
    title, body = STORIES[2]
    server.routes["/dam"] = Route(page(title, body, published="2024-03-01").encode())
    server.routes["/old-dam"] = Route(b"/dam", status=301)
    for path in ("/dam", "/old-dam"):
        [article] = list(read_inputs([server.url(path)]))
        assert isinstance(article, Article), article
        assert article.meta.url == server.url("/dam")  # where the redirect ended
        assert article.meta.title == title
        assert "Engineer Petra Lind said" in article.text
        assert article.meta.published_at is not None and article.meta.published_at.day == 1


def test_a_feed_url_loads_its_entries(server: NewsServer) -> None:
    entries = [
        {"title": t, "link": f"https://courier.example/{n}", "date": "2024-03-07T09:30:00Z",
         "author": "Ana Ruiz", "content": f"<p>{b}</p>"}
        for n, (t, b) in enumerate(STORIES)
    ]  # fmt: skip
    server.routes["/feed"] = Route(atom(entries).encode(), "application/atom+xml")
    results = list(read_inputs([server.url("/feed")]))
    assert [a.meta.url for a in _articles(results)] == [e["link"] for e in entries]
    assert _articles(results)[0].meta.published_at == datetime(2024, 3, 7, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("route", "kwargs", "reason"),
    [
        (None, {}, "HTTP 404"),
        (Route(b"\x89PNG", "image/png"), {}, "content type 'image/png' is not a page"),
        (Route(b"x" * 5000), {"max_bytes": 1000}, "too large: 5,000 bytes > limit 1,000"),
        (Route(b"x" * 5000, hide_length=True), {"max_bytes": 1000}, "too large: more than"),
        (Route(b"late", delay=1.5), {"timeout": 0.3}, "timed out after 0.3s"),
        (Route(b"oops", status=500), {}, "HTTP 500"),
    ],
    ids=["404", "content-type", "size-declared", "size-streamed", "timeout", "500"],
)
def test_fetch_refuses_with_a_clear_reason(
    server: NewsServer, route: Route | None, kwargs: dict[str, float], reason: str
) -> None:
    if route is not None:
        server.routes["/x"] = route
    with pytest.raises(FetchError, match=reason.replace("(", r"\(")):
        fetch(server.url("/x"), **kwargs)  # type: ignore[arg-type]


def test_unreachable_and_bad_urls_are_read_errors(server: NewsServer) -> None:
    server.routes["/img"] = Route(b"\x89PNG", "image/png")
    results = list(read_inputs([server.url("/img"), "http://127.0.0.1:1/nothing-listens"]))
    assert [type(r) for r in results] == [ReadError, ReadError]
    assert "content type 'image/png'" in results[0].reason  # type: ignore[union-attr]
    assert "cannot fetch: ConnectError" in results[1].reason  # type: ignore[union-attr]
    with pytest.raises(FetchError, match="not an http"):
        fetch("ftp://example.org/x")


# --------------------------------------------------------------------------- watch
def test_watch_yields_ready_then_new_and_changed_loadable_files(tmp_path: Path) -> None:
    stop = threading.Event()
    batches: list[list[Path]] = []
    ready = threading.Event()
    got = threading.Event()

    def run() -> None:
        for batch in watch_files([tmp_path], stop_event=stop, debounce_ms=200):
            batches.append(batch)
            (got if batch else ready).set()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10), "the watcher never reported in"
    (tmp_path / "story.txt").write_text(STORIES[0][1])
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not loadable: left out
    (tmp_path / ".draft.txt").write_text("hidden")  # hidden: left out
    assert got.wait(10), "no batch for a new file"
    stop.set()
    thread.join(10)
    assert batches[0] == []
    assert [p.name for p in batches[1]] == ["story.txt"]
