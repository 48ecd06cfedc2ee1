"""A dated article's statements, end to end over HTTP: `stated_on` resolved from the sentence
and the article's date, with `date_precision`/`date_basis` stored on the claim and read
back by REST and GraphQL alike; the undated seed's statements stay undated."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import neo4j
import pytest

from tests.helpers import TEST_API_KEY, LiveServer, graph_counts

KEY = {"X-API-Key": TEST_API_KEY}

# Thursday 7 March 2024, in New York: "on Tuesday" is the 5th, "last week" the week of
# Monday 26 February, and a sentence without a cue takes the 7th.
TEXT = (
    "Title: Riverside bridge to reopen in May\n"
    "Source: Test Wire\n"
    "Published: 2024-03-07T18:00:00-05:00\n"
    "\n"
    "Mayor Maria Lopez said on Tuesday that the Riverside bridge would reopen in May.\n\n"
    "City engineer Tomas Reyes said last week that the repairs had gone well.\n\n"
    'Council member Ana Ruiz said the work "cost less than planned."\n'
)
EXPECTED = {
    "Maria Lopez": ("2024-03-05", "day", "text"),
    "Tomas Reyes": ("2024-02-26", "week", "text"),
    "Ana Ruiz": ("2024-03-07", "day", "published"),
}


@pytest.fixture
def article_id(
    api: httpx.Client, seeded_graph: neo4j.Driver, live_server: LiveServer
) -> Iterator[str]:
    database = live_server.settings.neo4j_database
    before = graph_counts(seeded_graph, database)
    response = api.post(
        "/api/v1/articles",
        headers={**KEY, "Content-Type": "text/plain; charset=utf-8"},
        content=TEXT.encode(),
        timeout=120,
    )
    assert response.status_code == 201, response.text
    aid = response.json()["article_id"]
    yield aid
    api.delete(f"/api/v1/articles/{aid}", headers=KEY)
    assert graph_counts(seeded_graph, database) == before


def test_rest_and_graphql_give_each_claim_its_date_precision_and_basis(
    api: httpx.Client, article_id: str
) -> None:
    rest = api.get("/api/v1/claims", params={"article": article_id})
    assert rest.status_code == 200, rest.text
    by_rest = {
        item["speaker"]["name"]: (item["stated_on"], item["date_precision"], item["date_basis"])
        for item in rest.json()["items"]
    }
    assert by_rest == EXPECTED

    query = """query($a: String) { claims(article: $a) { edges { node {
        speaker { name } statedOn datePrecision dateBasis } } } }"""
    response = api.post("/graphql", json={"query": query, "variables": {"a": article_id}})
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    by_graphql = {
        edge["node"]["speaker"]["name"]: (
            edge["node"]["statedOn"],
            edge["node"]["datePrecision"].lower(),
            edge["node"]["dateBasis"].lower(),
        )
        for edge in body["data"]["claims"]["edges"]
    }
    assert by_graphql == EXPECTED

    # The article keeps its own time zone: never replaced by the load time.
    article = api.get(f"/api/v1/articles/{article_id}").json()
    assert article["published_at"] == "2024-03-07T18:00:00-05:00"


def test_the_undated_seed_leaves_its_statements_undated(api: httpx.Client) -> None:
    body = api.get("/api/v1/claims", params={"speaker": "Blinken", "about": "Ukraine"}).json()
    assert body["total"] == 2
    for item in body["items"]:
        assert (item["stated_on"], item["date_precision"], item["date_basis"]) == (
            None,
            None,
            None,
        )
