"""Loader test helpers: made-up news extractions and graph inspection.

The Neo4j itself (`neo4j_settings`, `driver`, `empty_graph`) comes from tests/conftest.py.
The stories here are invented for the tests; no published article is copied.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import neo4j
import pytest

from kgapi.config import Settings
from kgapi.graph.writer import GraphWriter
from kgapi.model import ArticleMeta, Entity, Extraction, Statement, article_id, entity_id
from tests.integration.graph import Graph

STORY = (
    'Harbour Minister Mara Velden said on Monday that the port of Tessaly "will open by '
    'spring." An official familiar with the plan said costs had doubled. Velden, of the '
    "Coastal Party, added that Tessaly owed its creditors nothing."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def news(
    url: str = "https://example.test/news/tessaly-port",
    *,
    text: str = STORY,
    minister: str = "Mara Velden",
    with_official: bool = True,
    with_addition: bool = True,
    extra_alias: str | None = None,
) -> Extraction:
    """A pre-extracted article about the port of Tessaly; vary it through the arguments."""
    aid = article_id(url=url, text=text)
    velden = entity_id("person", minister)
    tessaly = entity_id("location", "Tessaly")
    official = entity_id("anonymous", "official familiar with the plan", article=aid)
    aliases = ["Velden"] + ([extra_alias] if extra_alias else [])
    entities = [
        Entity(
            id=velden,
            type="person",
            name=minister,
            aliases=aliases,
            role="Harbour Minister",
            affiliation="Coastal Party",
            mentions=2,
        ),
        Entity(
            id=entity_id("organization", "Coastal Party"), type="organization", name="Coastal Party"
        ),
        Entity(id=tessaly, type="location", name="Tessaly", mentions=2),
    ]
    statements = [
        Statement(
            id="s1",
            speaker=minister,
            speaker_id=velden,
            speaker_kind="person",
            kind="direct",
            verb="said",
            text="will open by spring.",
            sentence=STORY.split('." ')[0] + '."',
            span=_span(text, "will open by spring."),
            about=["Tessaly"],
            about_ids=[tessaly],
            date=date(2026, 3, 2),
        )
    ]
    if with_official:
        entities.append(
            Entity(id=official, type="anonymous", name="official familiar with the plan")
        )
        statements.append(
            Statement(
                id="s2",
                speaker="an official familiar with the plan",
                speaker_id=official,
                speaker_kind="anonymous",
                kind="indirect",
                verb="said",
                text="costs had doubled",
                sentence="An official familiar with the plan said costs had doubled.",
                span=_span(text, "costs had doubled"),
                date=date(2026, 3, 2),
            )
        )
    if with_addition and "owed its creditors nothing" in text:
        statements.append(
            Statement(
                id="s3",
                speaker=minister,
                speaker_id=velden,
                speaker_kind="person",
                kind="indirect",
                verb="added",
                text="Tessaly owed its creditors nothing",
                sentence="Velden added that Tessaly owed its creditors nothing.",
                span=_span(text, "Tessaly owed its creditors nothing"),
                about_ids=[tessaly],
            )
        )
    meta = ArticleMeta(
        id=aid,
        title="Port of Tessaly to open by spring",
        url=url,
        source="Example Wire",
        author="A. Reporter",
        published_at=datetime(2026, 3, 2, 8, 0),
        text=text,
    )
    return Extraction(article=meta, entities=entities, statements=statements)


@pytest.fixture
def writer(empty_graph: neo4j.Driver, neo4j_settings: Settings) -> GraphWriter:
    """A writer on an empty graph, small batches so that chunking is exercised."""
    return GraphWriter(empty_graph, neo4j_settings.neo4j_database, batch_size=3)


@pytest.fixture
def news_factory() -> Callable[..., Extraction]:
    return news


@pytest.fixture
def graph(empty_graph: neo4j.Driver, neo4j_settings: Settings) -> Graph:
    """Inspection helpers over an empty graph."""
    return Graph(empty_graph, neo4j_settings.neo4j_database)
