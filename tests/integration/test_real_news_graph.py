"""The whole real-news set loaded with `kgapi load`: the actors are people, once each.

Issue 11 found outlets, platforms, products, abbreviated titles and group nouns among the
`:Actor` nodes of a graph loaded from real articles, and a person split over two nodes.
These checks find those classes mechanically in the loaded graph.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from kgapi.cli.main import cli
from kgapi.config import Settings
from kgapi.ingest.extract.names import ROLE_HEADS, TITLE_WORDS
from kgapi.model import person_key

REAL = Path(__file__).resolve().parents[1] / "eval" / "real" / "articles"
ALIASES = Path(__file__).resolve().parents[2] / "kgapi" / "aliases.json"


@pytest.fixture
def loaded(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch, graph: Any) -> Any:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_settings.neo4j_user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.resolved_password())
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)
    result: Result = CliRunner().invoke(cli, ["load", str(REAL)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return graph


def _not_a_person(name: str, organizations: set[str]) -> bool:
    words = name.lower().replace(".", " ").split()
    return (
        name.lower() in organizations
        or all(w in TITLE_WORDS or w.rstrip(".") in ROLE_HEADS for w in words)
        or (name.isupper() and len(name) > 3)  # a transcript label taken for a name
    )


def test_fewer_than_two_percent_of_actors_are_not_people(loaded: Any) -> None:
    aliases = json.loads(ALIASES.read_text("utf-8"))
    organizations = {
        n.lower()
        for name, value in aliases["organizations"].items()
        for n in [name, *(value["aliases"] if isinstance(value, dict) else value)]
    }
    actors = loaded.query("MATCH (a:Actor {kind: 'person'}) RETURN a.name AS name")
    junk = [a["name"] for a in actors if _not_a_person(a["name"], organizations)]
    assert len(actors) > 50
    assert len(junk) / len(actors) < 0.02, junk


def test_no_person_is_two_nodes_within_an_article(loaded: Any) -> None:
    rows = loaded.query(
        "MATCH (a:Article)-[:MENTIONS]->(p:Actor {kind: 'person'}) "
        "RETURN a.id AS article, collect(p.name) AS people"
    )
    doubled = []
    for row in rows:
        people: list[str] = row["people"]
        full = {person_key(n.split()[-1]): n for n in people if len(n.split()) > 1}
        doubled += [
            (n, full[person_key(n)]) for n in people if " " not in n and person_key(n) in full
        ]
        keys = [person_key(n) for n in people]
        doubled += [(n, n) for n in people if keys.count(person_key(n)) > 1]
    assert not doubled
