"""No N+1: a nested GraphQL query costs a bounded number of Neo4j round trips, whatever
the number of claims. The count comes back in `extensions.neo4jRoundTrips` when the
request sends `X-Kgapi-Round-Trips: 1`.

The graph: 10 generated articles, 5 claims each (50 claims), by 5 speakers about 4
places, loaded through the loader (`GraphWriter`) into an empty graph; `empty_graph`
marks the seeded graph as gone, so the next test that needs it reloads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import neo4j
import pytest

from kgapi.config import Settings
from kgapi.graph.writer import GraphWriter
from kgapi.model import ArticleMeta, Entity, Extraction, Statement, article_id, claim_id, entity_id
from tests.helpers import LiveServer

SPEAKERS = ["Mara Velden", "Ivo Tannick", "Lena Osk", "Pavel Dumro", "Rhea Castell"]
PLACES = ["Tessaly", "Norrow", "Quillmark", "Ebbin"]
ARTICLES = 10
CLAIMS_PER_ARTICLE = 5

NESTED = """
query($first: Int!) {
  claims(first: $first) {
    totalCount
    edges { node {
      text kind
      about { name mentionCount }
      article { title author mentions(first: 3) { edges { node { count entity { name } } } } }
      speaker { name aliases mentionCount
        claims(first: 3) { totalCount edges { node {
          text
          about { name aliases }
          article { title author }
        } } }
      }
    } }
  }
}
"""


def generated_article(n: int) -> Extraction:
    """A made-up article: five claims by the five speakers about rotating places."""
    sentences: list[tuple[str, str, str]] = []
    for i, speaker in enumerate(SPEAKERS):
        place = PLACES[(n + i) % len(PLACES)]
        quote = f"the harbour of {place} needs repair number {n}-{i}"
        sentences.append((speaker, place, f'{speaker} said that "{quote}." '))
    text = f"Report {n} on the coast. " + "".join(s for _, _, s in sentences)
    url = f"https://example.test/coast/{n}"
    aid = article_id(url=url, text=text)
    entities = [Entity(id=entity_id("person", s), type="person", name=s) for s in SPEAKERS]
    entities += [Entity(id=entity_id("location", p), type="location", name=p) for p in PLACES]
    statements = []
    for speaker, place, sentence in sentences:
        quote = sentence.split('"')[1].rstrip(".")
        start = text.index(quote)
        statements.append(
            Statement(
                id=claim_id(aid, start, start + len(quote)),
                speaker=speaker,
                speaker_id=entity_id("person", speaker),
                speaker_kind="person",
                kind="direct",
                verb="said",
                text=quote,
                sentence=sentence.strip(),
                span=(start, start + len(quote)),
                about=[place],
                about_ids=[entity_id("location", place)],
                date=date(2024, 1, 1 + n),
            )
        )
    return Extraction(
        article=ArticleMeta(id=aid, title=f"Coast report {n}", url=url, text=text),
        entities=entities,
        statements=statements,
    )


@pytest.fixture
def fifty_claims(empty_graph: neo4j.Driver, neo4j_settings: Settings) -> Iterator[None]:
    writer = GraphWriter(empty_graph, neo4j_settings.neo4j_database)
    results = writer.write_batch([generated_article(n) for n in range(ARTICLES)])
    assert all(result.ok for result in results), results
    yield


def round_trips(
    live_server: LiveServer, query: str, **variables: Any
) -> tuple[dict[str, Any], int]:
    with live_server.client() as client:
        response = client.post(
            "/graphql",
            json={"query": query, "variables": variables},
            headers={"X-Kgapi-Round-Trips": "1"},
        )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body["errors"]
    return body, body["extensions"]["neo4jRoundTrips"]


# The query's shape bounds its round trips: the claims page (1), then per level one batch
# per loader it touches: level 1 entities, articles, article mentions, speakers' claims
# (4); level 2 entities and articles (2). Cached keys can only make it fewer.
SHAPE_BOUND = 7


def test_three_level_query_over_fifty_claims_costs_a_bounded_number_of_round_trips(
    live_server: LiveServer, fifty_claims: None
) -> None:
    body, trips = round_trips(live_server, NESTED, first=50)
    claims = body["data"]["claims"]
    assert claims["totalCount"] == ARTICLES * CLAIMS_PER_ARTICLE
    assert len(claims["edges"]) == 50
    # Every level really was resolved: nested claims, their subjects and articles.
    nested = claims["edges"][0]["node"]["speaker"]["claims"]
    assert nested["totalCount"] == ARTICLES
    assert nested["edges"][0]["node"]["about"][0]["aliases"]
    assert claims["edges"][0]["node"]["article"]["mentions"]["edges"]
    assert trips <= SHAPE_BOUND, trips


@pytest.mark.parametrize("first", [1, 5, 20, 50])
def test_round_trips_do_not_grow_with_the_number_of_claims(
    live_server: LiveServer, fifty_claims: None, first: int
) -> None:
    _, trips = round_trips(live_server, NESTED, first=first)
    assert trips <= SHAPE_BOUND, (first, trips)


def test_headline_query_is_one_round_trip(live_server: LiveServer, fifty_claims: None) -> None:
    query = """{ claims(speaker: "Velden", about: "Tessaly") { totalCount
        edges { node { text kind speaker { name } about { name } article { title } } } } }"""
    body, trips = round_trips(live_server, query)
    assert body["data"]["claims"]["totalCount"] > 0
    assert trips == 1
