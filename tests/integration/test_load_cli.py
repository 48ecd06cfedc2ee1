"""`kgapi load` and `kgapi delete` end to end, against a real Neo4j."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from kgapi.cli.main import cli
from kgapi.config import Settings
from kgapi.model import ArticleMeta, Entity, Extraction, entity_id

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
READMES = [REPO / "README.md", REPO / "schema" / "README.md"]

News = Callable[..., Extraction]


@pytest.fixture
def run(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Invoke the CLI with the test Neo4j in its environment, as a user would."""
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.resolved_password())
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)

    def invoke(*args: str, stdin: str | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)

    return invoke


def _write(path: Path, extraction: Extraction) -> Path:
    path.write_text(extraction.model_dump_json())
    return path


def test_load_seeds_twice_is_idempotent(run: Callable[..., Result], graph: Any) -> None:
    first = run("load", str(SEEDS))
    assert first.exit_code == 0, first.output
    after_first = graph.counts()
    assert "articles read 1 / loaded 1 / replaced 0 / unchanged 0 / failed 0" in first.output
    assert after_first["Article"] == 1 and after_first["Claim"] > 0

    second = run("load", str(SEEDS))
    assert second.exit_code == 0, second.output
    assert "articles read 1 / loaded 0 / replaced 0 / unchanged 1 / failed 0" in second.output
    assert graph.counts() == after_first
    # Entities and claims of the loaded articles: the same figures on both runs.
    tail = first.output.strip().splitlines()[-1].split(", ")[1:3]
    assert second.output.strip().splitlines()[-1].split(", ")[1:3] == tail


@pytest.mark.parametrize("readme_path", READMES, ids=lambda p: str(p.relative_to(REPO)))
def test_readme_answers_blinken_about_ukraine(
    run: Callable[..., Result], graph: Any, readme_path: Path
) -> None:
    """The README's Cypher, run verbatim, returns exactly Blinken's two Ukraine statements."""
    assert run("load", str(SEEDS)).exit_code == 0
    readme = readme_path.read_text()
    marker = "<!-- blinken-ukraine -->"
    block = readme.split(marker, 1)[1].split("```cypher", 1)[1].split("```", 1)[0]
    rows = graph.query(block, speaker="Blinken", about="Ukraine")
    assert len(rows) == 2, rows
    texts = " | ".join(r["statement"] for r in rows)
    assert "some opportunity there" in texts
    assert "robust package for Ukraine" in texts
    assert {r["speaker"] for r in rows} == {"Antony Blinken"}


def test_good_ones_load_bad_ones_leave_nothing(
    run: Callable[..., Result], graph: Any, news_factory: News, tmp_path: Path
) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    good_one = news_factory("https://example.test/good-1")
    good_two = news_factory("https://example.test/good-2")
    _write(batch / "1-good.json", good_one)
    # Malformed: not valid against the extraction contract.
    (batch / "2-malformed.json").write_text(
        json.dumps({"article": {"title": ["not", "a", "string"]}, "statements": [{}]})
    )
    # Valid JSON and contract, but Neo4j refuses it mid-transaction: it says the port of
    # Tessaly is an organization, while the good articles made that id a Location.
    conflicting = Extraction(
        article=ArticleMeta(id="article:conflict", title="Conflict", text="Tessaly Port Ltd grew."),
        entities=[
            Entity(
                id="organization:only-in-conflict", type="organization", name="Only In Conflict"
            ),
            Entity(id=entity_id("location", "Tessaly"), type="organization", name="Tessaly"),
        ],
    )
    _write(batch / "3-conflict.json", conflicting)
    _write(batch / "4-good.json", good_two)
    (batch / "5-empty.txt").write_text("")

    result = run("load", str(batch))
    assert result.exit_code == 1, result.output
    output = result.output
    assert "articles read 5 / loaded 2 / replaced 0 / unchanged 0 / failed 3" in output
    assert "2-malformed.json (read): invalid extraction" in output
    assert "article:conflict (pre-extracted) [article:conflict] (write)" in output
    assert "ConstraintValidationFailed" in output
    assert "5-empty.txt (read): empty input" in output

    articles = {r["id"] for r in graph.query("MATCH (a:Article) RETURN a.id AS id")}
    assert articles == {good_one.article.id, good_two.article.id}
    assert graph.query("MATCH (e {id: 'organization:only-in-conflict'}) RETURN e") == []
    # Two good articles carrying the same minister's two statements (one claim each, two
    # reports) and an official each: four claims, six reports.
    assert graph.counts()["Claim"] == 4 and graph.counts()["REPORTED_IN"] == 6


def test_load_from_stdin_and_delete(
    run: Callable[..., Result], graph: Any, news_factory: News
) -> None:
    extraction = news_factory()
    loaded = run("load", "-", stdin=extraction.model_dump_json())
    assert loaded.exit_code == 0, loaded.output
    assert "loaded 1" in loaded.output

    deleted = run("delete", extraction.article.id)
    assert deleted.exit_code == 0, deleted.output
    assert f"deleted {extraction.article.id}: 3 claims, 4 mentions" in deleted.output
    assert graph.counts() == {}

    unknown = run("delete", extraction.article.id)
    assert unknown.exit_code == 1
    assert "no article with id" in unknown.output


def test_changed_article_is_replaced(
    run: Callable[..., Result], graph: Any, news_factory: News, tmp_path: Path
) -> None:
    path = _write(tmp_path / "story.json", news_factory())
    assert run("load", str(path)).exit_code == 0
    _write(path, news_factory(with_official=False))
    result = run("load", str(path), "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert "loaded 0 / replaced 1 / unchanged 0" in result.output
    assert graph.counts()["Claim"] == 2
    assert graph.query("MATCH (e:Actor {kind: 'anonymous'}) RETURN e") == []


STORIES = [
    (
        "title: Tessaly port opens\nurl: https://example.test/raw/1\n\n"
        'Harbour Minister Mara Velden said on Monday that the port "will open by spring." '
        "Critics said the cost had doubled.\n"
    ),
    (
        "title: Rail strike ends\nurl: https://example.test/raw/2\n\n"
        '"We have a deal," union leader Tomas Ekwall told reporters in Vossberg on Friday. '
        "Transport Minister Ilse Marrow said trains would run on Saturday.\n"
    ),
    (
        "title: Dam inquiry\nurl: https://example.test/raw/3\n\n"
        'Engineer Petra Lind said the Orvik dam was "sound in every respect," '
        "according to the inquiry's report.\n"
    ),
]


def test_parallel_extraction_keeps_order_and_reloads_unchanged(
    run: Callable[..., Result], graph: Any, tmp_path: Path
) -> None:
    for i, story in enumerate(STORIES):
        (tmp_path / f"{i}-story.txt").write_text(story)
    (tmp_path / "1a-empty.txt").write_text("  \n")
    first = run("load", str(tmp_path), "--workers", "2")
    assert first.exit_code == 1, first.output  # the empty file fails, the rest load
    assert "articles read 4 / loaded 3 / replaced 0 / unchanged 0 / failed 1" in first.output
    assert "1a-empty.txt (read): empty input" in first.output
    counts = graph.counts()
    second = run("load", str(tmp_path / "*-story.txt"))
    assert second.exit_code == 0, second.output
    assert "articles read 3 / loaded 0 / replaced 0 / unchanged 3 / failed 0" in second.output
    assert graph.counts() == counts
    urls = {r["url"] for r in graph.query("MATCH (a:Article) RETURN a.url AS url")}
    assert urls == {f"https://example.test/raw/{i}" for i in (1, 2, 3)}
