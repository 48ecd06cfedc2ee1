"""`kgapi load` from where news comes — a feed file, a WARC file, a URL, a watched folder —
end to end into a real Neo4j, over files the tests write and a real local HTTP server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from kgapi.cli.main import cli
from kgapi.config import Settings
from kgapi.model import Extraction
from tests.news_server import STORIES, NewsServer, Route, news_server, page, rss, write_warc

News = Callable[..., Extraction]


@pytest.fixture
def env(neo4j_settings: Settings) -> dict[str, str]:
    return {
        "NEO4J_URI": neo4j_settings.neo4j_uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.resolved_password(),
        "NEO4J_DATABASE": neo4j_settings.neo4j_database,
    }


@pytest.fixture
def run(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    for key, value in env.items():
        monkeypatch.setenv(key, value)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def server() -> Iterator[NewsServer]:
    with news_server() as running:
        yield running


def _articles(graph: Any) -> dict[str, dict[str, Any]]:
    rows = graph.query(
        "MATCH (a:Article) RETURN a.url AS url, a.title AS title, a.author AS author,"
        " toString(a.published_at) AS published, COUNT { (a)<-[:REPORTED_IN]-() } AS claims"
    )
    return {r["url"]: r for r in rows}


def test_a_feed_file_loads_every_entry_and_reports_the_one_it_cannot(
    run: Callable[..., Result], graph: Any, server: NewsServer, tmp_path: Path
) -> None:
    title, body = STORIES[1]
    server.routes["/rail"] = Route(page(title, body).encode())
    items = [
        {"title": STORIES[0][0], "link": "https://herald.example/port",
         "date": "Wed, 28 Jun 2023 09:00:00 -0400", "author": "Jo Lee",
         "content": f"<p>{STORIES[0][1]}</p>"},
        {"title": title, "link": server.url("/rail"), "description": "Short.",
         "date": "Sat, 01 Jul 2023 08:00:00 GMT"},
        {"title": "Gone", "link": server.url("/gone"), "description": "Short."},
    ]  # fmt: skip
    feed = tmp_path / "herald.rss"
    feed.write_text(rss(items))

    result = run("load", str(feed))
    assert result.exit_code == 1, result.output
    assert "articles read 3 / loaded 2 / replaced 0 / unchanged 0 / failed 1" in result.output
    assert f"FAILED {feed}#3 ({server.url('/gone')}) (read):" in result.output
    assert "its page cannot be loaded: HTTP 404" in result.output
    articles = _articles(graph)
    assert set(articles) == {"https://herald.example/port", server.url("/rail")}
    port = articles["https://herald.example/port"]
    assert (port["title"], port["author"]) == (STORIES[0][0], "Jo Lee")
    assert port["published"] == "2023-06-28T09:00:00-04:00"
    assert port["claims"] >= 1
    # "said on Monday" in an article of Wednesday 28 June 2023: Monday 26 June
    dated = graph.query(
        "MATCH (:Actor {name: 'Mara Velden'})-[:STATED]->(c:Claim)"
        " RETURN toString(c.stated_on) AS on, c.date_precision AS precision, c.date_basis AS basis"
    )
    assert dated == [{"on": "2023-06-26", "precision": "day", "basis": "text"}]

    again = run("load", str(feed))
    assert "loaded 0 / replaced 0 / unchanged 2 / failed 1" in again.output


def test_a_warc_file_loads_every_html_page(
    run: Callable[..., Result], graph: Any, tmp_path: Path
) -> None:
    pages = [
        (f"https://herald.example/{n}", page(t, b, published="2024-03-07T18:00:00-05:00"))
        for n, (t, b) in enumerate(STORIES)
    ]
    warc = tmp_path / "news.warc.gz"
    write_warc(warc, pages)
    result = run("load", str(warc))
    assert result.exit_code == 0, result.output
    assert "articles read 3 / loaded 3 / replaced 0 / unchanged 0 / failed 0" in result.output
    articles = _articles(graph)
    assert set(articles) == {url for url, _ in pages}
    assert {a["published"] for a in articles.values()} == {"2024-03-07T18:00:00-05:00"}
    assert sum(a["claims"] for a in articles.values()) >= 3
    assert "unchanged 3" in run("load", str(warc)).output


def test_a_url_loads_its_page_and_a_bad_one_says_why(
    run: Callable[..., Result], graph: Any, server: NewsServer
) -> None:
    title, body = STORIES[2]
    server.routes["/dam"] = Route(page(title, body).encode())
    server.routes["/logo.png"] = Route(b"\x89PNG", "image/png")
    result = run("load", server.url("/dam"), server.url("/logo.png"), server.url("/none"))
    assert result.exit_code == 1, result.output
    assert "articles read 3 / loaded 1 / replaced 0 / unchanged 0 / failed 2" in result.output
    assert f"FAILED {server.url('/logo.png')} (read): content type 'image/png'" in result.output
    assert f"FAILED {server.url('/none')} (read): HTTP 404" in result.output
    assert set(_articles(graph)) == {server.url("/dam")}


def _lines(stream: Any, into: list[str]) -> None:
    for line in iter(stream.readline, ""):
        into.append(line)


def _wait(check: Callable[[], bool], what: str, output: list[str], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}; output:\n{''.join(output)}")


def test_watch_loads_new_and_changed_files_idempotently(
    env: dict[str, str], graph: Any, news_factory: News, tmp_path: Path
) -> None:
    folder = tmp_path / "incoming"
    folder.mkdir()
    first = news_factory("https://example.test/watch/1")
    (folder / "1.json").write_text(first.model_dump_json())  # there before the watch
    kgapi = str(Path(sys.executable).parent / "kgapi")
    process = subprocess.Popen(
        [kgapi, "load", "--watch", str(folder), "--no-progress"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    reader = threading.Thread(target=_lines, args=(process.stdout, output), daemon=True)
    reader.start()
    try:
        urls = lambda: {r["url"] for r in graph.query("MATCH (a:Article) RETURN a.url AS url")}  # noqa: E731
        _wait(lambda: any("watching" in line for line in output), "the watch", output)
        _wait(lambda: urls() == {"https://example.test/watch/1"}, "the first file", output)

        second = news_factory("https://example.test/watch/2")
        (folder / "2.json").write_text(second.model_dump_json())
        (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
        _wait(lambda: len(urls()) == 2, "a new file", output)

        changed = news_factory("https://example.test/watch/2", with_official=False)
        (folder / "2.json").write_text(changed.model_dump_json())
        _wait(lambda: any("replaced 1" in line for line in output), "a changed file", output)
        (folder / "2.json").write_text(changed.model_dump_json())  # saved again, unchanged
        _wait(lambda: any("unchanged 1" in line for line in output), "a resave", output)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
            reader.join(5)
            raise AssertionError(
                "kgapi load --watch did not stop within 60 s of Ctrl-C; output:\n" + "".join(output)
            ) from None
        reader.join(5)
    text = "".join(output)
    assert code == 0, text
    assert "stopped watching" in text
    assert "failed 1" not in text and "FAILED" not in text  # the pdf is not even looked at
    assert graph.counts()["Article"] == 2
    assert graph.query("MATCH (e:Actor {kind: 'anonymous'})-[:STATED]->(c) RETURN c") != []
    # 1.json (still with its official), 2.json replaced without: exactly one article's official
    claims = graph.query(
        "MATCH (:Actor {kind: 'anonymous'})-[:STATED]->(:Claim)-[:REPORTED_IN]->(a:Article)"
        " RETURN DISTINCT a.url AS url"
    )
    assert claims == [{"url": "https://example.test/watch/1"}]


def test_watch_takes_only_directories(run: Callable[..., Result], tmp_path: Path) -> None:
    file = tmp_path / "a.txt"
    file.write_text("x")
    result = run("load", "--watch", str(file))
    assert result.exit_code == 2
    assert "--watch takes directories" in result.output
