"""Reading inputs: formats, stdin-style sniffing, pre-extracted contract, bad input."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from kgapi.ingest.read import ReadError, read_bytes, read_inputs
from kgapi.model import Article, Extraction


def _one(data: bytes, suffix: str | None = None, **kw: int) -> Article | Extraction | ReadError:
    results = list(read_bytes(data, origin="t", suffix=suffix, **kw))
    assert len(results) == 1
    return results[0]


def test_text_header_gives_title_url_author_and_date() -> None:
    text = "title: Storm hits coast\nurl: https://example.org/a\nauthor: Jo Lee\npublished: 2024-03-14\n\nBody said here.\n"
    article = _one(text.encode(), ".txt")
    assert isinstance(article, Article)
    assert article.meta.title == "Storm hits coast"
    assert article.meta.url == "https://example.org/a"
    assert article.meta.author == "Jo Lee"
    assert article.meta.published_at is not None and article.meta.published_at.day == 14
    assert article.text == text and article.meta.id.startswith("article:")


def test_jsonl_yields_one_article_per_line_and_errors_for_bad_lines() -> None:
    lines = [json.dumps({"title": "A", "text": "He said so."}), "{not json", json.dumps({"x": 1})]
    results = list(read_bytes("\n".join(lines).encode(), origin="f.jsonl", suffix=".jsonl"))
    assert isinstance(results[0], Article) and results[0].meta.title == "A"
    assert all(isinstance(r, ReadError) for r in results[1:])


def test_pre_extracted_json_is_read_as_extraction() -> None:
    doc = {"article": {"id": "article:1", "title": "T"}, "entities": [], "statements": []}
    assert isinstance(_one(json.dumps(doc).encode(), ".json"), Extraction)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"\xff\xfe\xfa", "UTF-8"),
    ],
)
def test_bad_input_is_a_read_error_not_a_crash(data: bytes, reason: str) -> None:
    result = _one(data, ".txt")
    assert isinstance(result, ReadError) and reason in result.reason


def test_text_longer_than_the_cap_is_refused() -> None:
    result = _one(b"word " * 100, ".txt", max_chars=50)
    assert isinstance(result, ReadError) and "too long" in result.reason


def test_html_main_text_is_extracted_offline() -> None:
    html = (
        "<html><head><title>Bridge to reopen</title></head><body><article><h1>Bridge to reopen</h1>"
        "<p>The minister said on Monday that the bridge would reopen next week after repairs.</p>"
        "<p>Officials said traffic would be light during the first days of the reopening.</p>"
        "</article></body></html>"
    )
    article = _one(html.encode(), ".html")
    assert isinstance(article, Article)
    assert "bridge would reopen" in article.text


def test_directories_are_read_recursively_and_missing_paths_reported(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("The mayor said the park would open.")
    (tmp_path / "b.json").write_text(json.dumps({"text": "The chief said no."}))
    results = list(read_inputs([tmp_path, tmp_path / "missing.txt"]))
    assert sum(isinstance(r, Article) for r in results) == 2
    assert isinstance(results[-1], ReadError) and "no such file" in results[-1].reason


def test_publication_dates_keep_their_time_zone_in_every_format() -> None:
    from datetime import timedelta, timezone

    new_york = timezone(timedelta(hours=-5))
    body = "The mayor said on Monday that the bridge would reopen next week after repairs."
    header = f"title: Bridge\npublished: Thu, 07 Mar 2024 18:00:00 EST\n\n{body}\n"
    as_json = json.dumps(
        {"title": "Bridge", "datePublished": "2024-03-07T18:00:00-05:00", "text": body}
    )
    html = (
        "<html><head><title>Bridge</title>"
        '<meta property="article:published_time" content="2024-03-07T18:00:00-05:00">'
        f"</head><body><article><h1>Bridge</h1><p>{body}</p>"
        "<p>Officials said traffic would be light during the first days of the reopening.</p>"
        "</article></body></html>"
    )
    for data, suffix in [(header, ".txt"), (as_json, ".json"), (html, ".html")]:
        article = _one(data.encode(), suffix)
        assert isinstance(article, Article), article
        assert article.meta.published_at == datetime(2024, 3, 7, 18, tzinfo=new_york), suffix
        assert article.meta.published_at.utcoffset() == timedelta(hours=-5), suffix


def test_an_article_without_a_date_stays_undated() -> None:
    article = _one(b"title: Bridge\n\nThe mayor said the bridge would reopen.\n", ".txt")
    assert isinstance(article, Article) and article.meta.published_at is None
