"""Every root query, navigation both ways, `node(id:)` and pagination, over HTTP against
the seeded graph (the seed article: Blinken, Bremmer, Biden, Putin on Russia and Ukraine).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import neo4j
import pytest

from kgapi.config import Settings
from kgapi.graph.writer import GraphWriter
from kgapi.model import Extraction, entity_id
from tests.helpers import LiveServer, chain_article

BLINKEN = "person:antony-blinken"
UKRAINE = "location:ukraine"


def gql(api: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    response = api.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


def seed_article_id(api: httpx.Client) -> str:
    data = gql(api, "{ articles(first: 1) { edges { node { id } } } }")
    article_id: str = data["articles"]["edges"][0]["node"]["id"]
    return article_id


# --------------------------------------------------------------------------- root lists
def test_actors_search_finds_blinken_by_part_of_his_name(api: httpx.Client) -> None:
    data = gql(
        api,
        '{ actors(q: "blink") { totalCount edges { node { id name aliases kind role '
        "mentionCount } } } }",
    )
    assert data["actors"]["totalCount"] == 1
    node = data["actors"]["edges"][0]["node"]
    assert node["id"] == BLINKEN
    assert node["name"] == "Antony Blinken"
    assert "Blinken" in node["aliases"]
    assert node["kind"] == "PERSON"
    assert node["mentionCount"] >= 1


def test_actors_filter_by_kind(api: httpx.Client) -> None:
    data = gql(api, "{ actors(kind: ANONYMOUS, first: 100) { edges { node { kind } } } }")
    kinds = {edge["node"]["kind"] for edge in data["actors"]["edges"]}
    assert kinds == {"ANONYMOUS"}


@pytest.mark.parametrize(
    ("field", "name"),
    [("organizations", "NATO"), ("locations", "Ukraine")],
)
def test_organizations_and_locations_are_listed(api: httpx.Client, field: str, name: str) -> None:
    data = gql(api, f"{{ {field}(first: 100) {{ totalCount nodes {{ name __typename }} }} }}")
    names = [node["name"] for node in data[field]["nodes"]]
    assert name in names
    assert data[field]["totalCount"] == len(names)


def test_actors_sorted_by_claims_put_the_most_quoted_first(api: httpx.Client) -> None:
    data = gql(
        api, "{ actors(orderBy: CLAIMS, first: 2) { nodes { name claims { totalCount } } } }"
    )
    counts = [node["claims"]["totalCount"] for node in data["actors"]["nodes"]]
    assert counts == sorted(counts, reverse=True)
    assert data["actors"]["nodes"][0]["name"] == "Ian Bremmer"


def test_articles_search_by_title(api: httpx.Client) -> None:
    data = gql(
        api, '{ articles(q: "backchannel") { totalCount nodes { title claims { totalCount } } } }'
    )
    assert data["articles"]["totalCount"] == 1
    assert data["articles"]["nodes"][0]["claims"]["totalCount"] >= 10
    assert (
        gql(api, '{ articles(q: "no such title") { totalCount } }')["articles"]["totalCount"] == 0
    )


def test_search_spans_entities_and_claims(api: httpx.Client) -> None:
    data = gql(
        api,
        '{ search(q: "blinken") { entities { entity { id } score } articles { title } '
        "claims { claim { speaker { name } } } } }",
    )
    assert data["search"]["entities"][0]["entity"]["id"] == BLINKEN
    assert data["search"]["claims"]


# --------------------------------------------------------------------------- claims filters
@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ('speaker: "Blinken"', 3),
        ('speaker: "person:antony-blinken", about: "location:ukraine"', 2),
        ('speaker: "Blinken", kind: [DIRECT]', 1),
        ('speaker: "Blinken", kind: [DIRECT, PARTIAL]', 2),
        ('speaker: "Bremmer", text: "red lines"', 1),
        ('about: "Ukraine", text: "opportunity"', 1),
        ('speaker: "Blinken", from: "2999-01-01"', 0),
    ],
)
def test_claims_filters_combine(api: httpx.Client, arguments: str, expected: int) -> None:
    data = gql(api, f"{{ claims({arguments}) {{ totalCount edges {{ node {{ id }} }} }} }}")
    assert data["claims"]["totalCount"] == expected
    assert len(data["claims"]["edges"]) == expected


def test_claims_by_article_id(api: httpx.Client) -> None:
    article = seed_article_id(api)
    data = gql(api, "query($a: String) { claims(article: $a) { totalCount } }", a=article)
    total = gql(api, "{ claims { totalCount } }")["claims"]["totalCount"]
    assert data["claims"]["totalCount"] == total > 0


# --------------------------------------------------------------------------- pagination
def test_claims_pages_follow_each_other_without_gaps_or_repeats(api: httpx.Client) -> None:
    query = """query($after: String) { claims(first: 5, after: $after) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = gql(api, query, after=after)["claims"]
        seen += [edge["node"]["id"] for edge in page["edges"]]
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"]


def test_nested_pages_follow_each_other(api: httpx.Client) -> None:
    article = seed_article_id(api)
    query = """query($id: ID!, $after: String) { node(id: $id) { ... on Article {
        claims(first: 4, after: $after) { totalCount
          pageInfo { hasNextPage endCursor } edges { cursor node { id } } } } } }"""
    seen: list[str] = []
    after = None
    while True:
        page = gql(api, query, id=article, after=after)["node"]["claims"]
        assert all(edge["cursor"] for edge in page["edges"])
        seen += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == page["totalCount"]


# --------------------------------------------------------------------------- node + navigation
@pytest.mark.parametrize(
    ("node_id", "typename"),
    [(BLINKEN, "Actor"), ("organization:nato", "Organization"), (UKRAINE, "Location")],
)
def test_node_fetches_entities_by_global_id(api: httpx.Client, node_id: str, typename: str) -> None:
    data = gql(api, "query($id: ID!) { node(id: $id) { id __typename } }", id=node_id)
    assert data["node"] == {"id": node_id, "__typename": typename}


def test_node_fetches_claims_and_articles(api: httpx.Client) -> None:
    claims = gql(api, '{ claims(speaker: "Blinken", first: 1) { nodes { id article { id } } } }')
    claim = claims["claims"]["nodes"][0]
    data = gql(
        api,
        "query($c: ID!, $a: ID!) { c: node(id: $c) { __typename ... on Claim { text } } "
        "a: node(id: $a) { __typename ... on Article { title } } }",
        c=claim["id"],
        a=claim["article"]["id"],
    )
    assert data["c"]["__typename"] == "Claim" and data["c"]["text"]
    assert data["a"]["__typename"] == "Article" and data["a"]["title"]


@pytest.mark.parametrize(
    "node_id", ["person:nobody-at-all", "article:0000000000000000", "location:antony-blinken"]
)
def test_unknown_ids_give_null(api: httpx.Client, node_id: str) -> None:
    assert gql(api, "query($id: ID!) { node(id: $id) { id } }", id=node_id) == {"node": None}


def test_claim_to_speaker_to_claims_and_back(api: httpx.Client) -> None:
    data = gql(
        api,
        """{ claims(speaker: "Blinken", about: "Ukraine", first: 1) { nodes {
            id speaker { id claims(about: "Ukraine") { totalCount nodes { id } } } } } }""",
    )
    claim = data["claims"]["nodes"][0]
    assert claim["speaker"]["id"] == BLINKEN
    assert claim["speaker"]["claims"]["totalCount"] == 2
    assert claim["id"] in [c["id"] for c in claim["speaker"]["claims"]["nodes"]]


def test_entity_claims_about_navigates_to_speakers(api: httpx.Client) -> None:
    data = gql(
        api,
        """{ node(id: "location:ukraine") { ... on Entity {
            claimsAbout(first: 50) { totalCount nodes { speaker { name } about { id } } }
            blinken: claimsAbout(speaker: "Blinken") { totalCount } } } }""",
    )
    about = data["node"]["claimsAbout"]
    assert about["totalCount"] >= 3
    assert all(UKRAINE in [a["id"] for a in claim["about"]] for claim in about["nodes"])
    assert "Antony Blinken" in {claim["speaker"]["name"] for claim in about["nodes"]}
    assert data["node"]["blinken"]["totalCount"] == 2


def test_article_to_claims_mentions_and_back(api: httpx.Client) -> None:
    article = seed_article_id(api)
    data = gql(
        api,
        """query($id: ID!) { node(id: $id) { ... on Article { id title
            claims(speaker: "Blinken") { totalCount nodes { article { id } } }
            mentions(first: 100) { totalCount edges { node { count entity {
              name mentionedIn { nodes { count article { id } } } } } } } } } }""",
        id=article,
    )
    node = data["node"]
    assert node["claims"]["totalCount"] == 3
    assert {c["article"]["id"] for c in node["claims"]["nodes"]} == {article}
    mentions = node["mentions"]["edges"]
    assert node["mentions"]["totalCount"] == len(mentions)
    names = [m["node"]["entity"]["name"] for m in mentions]
    assert "Antony Blinken" in names and "Ukraine" in names
    back = mentions[0]["node"]["entity"]["mentionedIn"]["nodes"]
    assert back[0]["article"]["id"] == article


def test_affiliations_and_members_meet(api: httpx.Client) -> None:
    data = gql(
        api,
        """{ node(id: "person:ian-bremmer") { ... on Actor { affiliations { totalCount
            nodes { role organization { name members { totalCount edges { cursor
              node { role actor { id } } } } } } } } } }""",
    )
    ties = data["node"]["affiliations"]
    assert ties["totalCount"] == len(ties["nodes"]) >= 1
    tie = ties["nodes"][0]
    assert tie["organization"]["name"] == "Eurasia Group"
    assert tie["role"] == "president"
    members = tie["organization"]["members"]
    assert {"role": "president", "actor": {"id": "person:ian-bremmer"}} in [
        edge["node"] for edge in members["edges"]
    ]
    assert all(edge["cursor"] for edge in members["edges"])


# --------------------------------------------------------------------------- dashboard
# The seed's statements talk most about Russia (seven), then Putin (six).
@pytest.mark.parametrize(("by", "top"), [("SPEAKER", "Ian Bremmer"), ("ABOUT", "Russia")])
def test_claim_counts_by_entity(api: httpx.Client, by: str, top: str) -> None:
    data = gql(
        api, f"{{ claimCounts(by: {by}, limit: 5) {{ key label count entity {{ name }} }} }}"
    )
    rows = data["claimCounts"]
    assert rows[0]["label"] == top == rows[0]["entity"]["name"]
    counts = [row["count"] for row in rows]
    assert counts == sorted(counts, reverse=True) and len(rows) <= 5


def test_claim_counts_by_date_are_chronological(api: httpx.Client) -> None:
    rows = gql(api, "{ claimCounts(by: DATE, bucket: MONTH) { key count date } }")["claimCounts"]
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)
    assert all(row["count"] > 0 for row in rows)


def test_top_entities(api: httpx.Client) -> None:
    data = gql(
        api,
        "{ all: topEntities(limit: 3) { entity { name } mentionCount articleCount } "
        "places: topEntities(type: LOCATION, limit: 3) { entity { __typename } } }",
    )
    assert data["all"][0]["entity"]["name"] == "Vladimir Putin"
    first, second = data["all"][0], data["all"][1]
    assert (first["articleCount"], first["mentionCount"]) >= (
        second["articleCount"],
        second["mentionCount"],
    )
    assert {row["entity"]["__typename"] for row in data["places"]} == {"Location"}


def test_network_around_blinken(api: httpx.Client) -> None:
    data = gql(
        api,
        """{ network(entity: "Blinken", depth: 1, limit: 10) {
            nodes { id label type weight } edges { source target type weight } } }""",
    )
    net = data["network"]
    ids = {node["id"] for node in net["nodes"]}
    assert BLINKEN in ids and UKRAINE in ids and len(ids) <= 10
    assert {"source": BLINKEN, "target": UKRAINE, "type": "TALKS_ABOUT", "weight": 2} in net[
        "edges"
    ]
    assert all(edge["source"] in ids and edge["target"] in ids for edge in net["edges"])
    assert any(edge["type"] == "CO_MENTIONED" for edge in net["edges"])


def test_network_depth_two_reaches_the_ties_of_ties(
    live_server: LiveServer, empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    writer = GraphWriter(empty_graph, neo4j_settings.neo4j_database)
    writer.write_batch([chain_article(1, "Tessaly", "Norrow"), chain_article(2, "Norrow", "Ebbin")])
    query = '{ network(entity: "Tessaly", depth: %d) { nodes { label } edges { type weight } } }'
    with live_server.client() as client:
        one, two = (
            client.post("/graphql", json={"query": query % depth}).json()["data"]["network"]
            for depth in (1, 2)
        )
    assert {n["label"] for n in one["nodes"]} == {"Tessaly", "Norrow"}
    assert {n["label"] for n in two["nodes"]} == {"Tessaly", "Norrow", "Ebbin"}
    assert two["edges"] == [{"type": "CO_MENTIONED", "weight": 1}] * 2


def test_network_of_unknown_entity_is_empty(api: httpx.Client) -> None:
    data = gql(api, '{ network(entity: "Nobody Nowhere") { nodes { id } edges { source } } }')
    assert data["network"] == {"nodes": [], "edges": []}


def dated_chain_article(n: int, first: str, second: str) -> Extraction:
    """`chain_article` published on day `n` of March 2026 (the newest have the highest n)."""
    article = chain_article(n, first, second)
    published = datetime(2026, 3, n, 9, 0, tzinfo=UTC)
    return article.model_copy(
        update={"article": article.article.model_copy(update={"published_at": published})}
    )


def test_network_co_mentions_are_counted_over_the_newest_articles_and_say_so(
    live_server: LiveServer, empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    writer = GraphWriter(empty_graph, neo4j_settings.neo4j_database)
    writer.write_batch(
        [
            dated_chain_article(1, "Tessaly", "Norrow"),
            dated_chain_article(2, "Tessaly", "Norrow"),
            dated_chain_article(3, "Tessaly", "Ebbin"),
            dated_chain_article(4, "Tessaly", "Norrow"),
        ]
    )
    query = """query ($sample: Int!) { network(entity: "Tessaly", coMentionSample: $sample) {
        nodes { label weight } edges { source target type weight articlesCounted }
        coMentionSample coMentionsExact } }"""
    with live_server.client() as client:
        capped, full = (
            client.post("/graphql", json={"query": query, "variables": {"sample": n}}).json()
            for n in (2, 500)
        )
        bad = client.post("/graphql", json={"query": query, "variables": {"sample": 0}}).json()
    tessaly, norrow, ebbin = (entity_id("location", n) for n in ("Tessaly", "Norrow", "Ebbin"))

    def shared(net: dict[str, Any]) -> dict[frozenset[str], tuple[int, int]]:
        return {
            frozenset((e["source"], e["target"])): (e["weight"], e["articlesCounted"])
            for e in net["edges"]
        }

    # Capped at 2: Tessaly's newest two (days 4 and 3) rank Norrow and Ebbin; Norrow's
    # pair is counted over Norrow's newest two (it has fewer articles), Ebbin's over its one.
    net = capped["data"]["network"]
    assert {n["label"]: n["weight"] for n in net["nodes"]} == {
        "Tessaly": 4,
        "Norrow": 3,
        "Ebbin": 1,
    }
    assert shared(net) == {
        frozenset((tessaly, norrow)): (2, 2),
        frozenset((tessaly, ebbin)): (1, 1),
    }
    assert (net["coMentionSample"], net["coMentionsExact"]) == (2, False)
    # Uncapped: every article.
    net = full["data"]["network"]
    assert shared(net) == {
        frozenset((tessaly, norrow)): (3, 3),
        frozenset((tessaly, ebbin)): (1, 1),
    }
    assert (net["coMentionSample"], net["coMentionsExact"]) == (500, True)
    assert bad["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "coMentionSample",
    }
