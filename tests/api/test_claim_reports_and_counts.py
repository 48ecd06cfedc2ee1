"""One statement, many reports, and claim counts on any slice, over real HTTP: GraphQL and
REST count statements (not reports), expose each claim's reports, and agree.

The graph: the made-up outlets corpus (tests/outlets.py: one statement carried by six
outlets, others by two or one) and a few dated statements of the same minister and of a
colleague over three weeks, so that counts per week have something to count.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import httpx
import neo4j
import pytest

from kgapi.config import Settings
from kgapi.graph.writer import GraphWriter
from kgapi.model import ArticleMeta, Entity, Extraction, Statement, article_id, entity_id
from tests.helpers import LiveServer
from tests.outlets import OUTLETS, TESSALY, VELDEN, outlet

OSKAR = entity_id("person", "Oskar Brann")
HARBOUR = entity_id("location", "Harbour District")
# (speaker, about, stated_on, words): Velden about Tessaly in the weeks of 9 and 16 March
# (three statements: 2 + 1), once about the Harbour District, and Brann about Tessaly.
DATED = [
    (VELDEN, TESSALY, date(2026, 3, 10), "The cranes arrive in Tessaly next month."),
    (VELDEN, TESSALY, date(2026, 3, 12), "Tessaly will hire two hundred dockers."),
    (VELDEN, TESSALY, date(2026, 3, 17), "The Tessaly berth is finished."),
    (VELDEN, HARBOUR, date(2026, 3, 11), "The Harbour District gets a new ferry."),
    (OSKAR, TESSALY, date(2026, 3, 10), "Tessaly cannot afford a second berth."),
]
NAMES = {VELDEN: "Mara Velden", OSKAR: "Oskar Brann"}


def dated(i: int, speaker: str, about: str, stated_on: date, words: str) -> Extraction:
    name = NAMES[speaker]
    text = f'{name} said on the record: "{words}"'
    url = f"https://harbour-bulletin.example/{i}"
    aid = article_id(url=url, text=text)
    start = text.index(words)
    place = "Tessaly" if about == TESSALY else "Harbour District"
    return Extraction(
        article=ArticleMeta(
            id=aid,
            title=f"Bulletin {i}",
            url=url,
            source="Harbour Bulletin",
            published_at=datetime.combine(stated_on, datetime.min.time()),
            text=text,
        ),
        entities=[
            Entity(id=speaker, type="person", name=name, aliases=[name.split()[-1]]),
            Entity(id=about, type="location", name=place),
        ],
        statements=[
            Statement(
                id="s",
                speaker=name,
                speaker_id=speaker,
                speaker_kind="person",
                kind="direct",
                verb="said",
                text=words,
                sentence=text,
                span=(start, start + len(words)),
                about=[place],
                about_ids=[about],
                date=stated_on,
            )
        ],
    )


@pytest.fixture
def corpus_api(
    live_server: LiveServer, empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> Iterator[httpx.Client]:
    """The live API over the outlets corpus and the dated statements (not the seeds: the
    graph is left for the next seeded test to rebuild)."""
    writer = GraphWriter(empty_graph, neo4j_settings.neo4j_database)
    batch = [outlet(name) for name in OUTLETS] + [dated(i, *row) for i, row in enumerate(DATED)]
    assert all(result.ok for result in writer.write_many(batch))
    with live_server.client() as client:
        yield client


def gql(api: httpx.Client, query: str, **variables: Any) -> dict[str, Any]:
    response = api.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def rest(api: httpx.Client, path: str, **params: Any) -> Any:
    response = api.get(f"/api/v1{path}", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_lists_count_statements_and_expose_their_reports(corpus_api: httpx.Client) -> None:
    # Velden: 5 statements from the outlets (one carried six times, two twice, two
    # paraphrases once) + 4 dated ones; the reports are 12 + 4.
    data = gql(
        corpus_api,
        """{ claims(speaker: "Velden", first: 50) { totalCount edges { node {
              id text reportCount firstReported
              reports(first: 3) { totalCount edges { node { id text start end primary
                verb article { source } } } } } } } }""",
    )["claims"]
    assert data["totalCount"] == 9
    nodes = [edge["node"] for edge in data["edges"]]
    assert len({node["id"] for node in nodes}) == 9
    carried = next(node for node in nodes if node["reportCount"] == 6)
    assert carried["reports"]["totalCount"] == 6
    reports = [edge["node"] for edge in carried["reports"]["edges"]]
    # First published first: the Coastal Courier (4 March), then the Gazette and the Times.
    assert [r["article"]["source"] for r in reports] == [
        "Coastal Courier",
        "Harbour Gazette",
        "Tessaly Times",
    ]
    assert reports[2]["text"] == "we will not ask the creditors for one more cent"
    # Every report keeps its verb: the primary one's is the claim's (its wording is kept
    # on the claim, not on its edge), the others' their edges'.
    assert [r["verb"] for r in reports] == ["said", "said", "said"]
    assert carried["firstReported"].startswith("2026-03-04T09:00")
    assert sum(node["reportCount"] for node in nodes) == 16

    page = rest(corpus_api, "/claims", speaker="Velden", limit=50)
    assert page["total"] == 9
    by_id = {item["id"]: item for item in page["items"]}
    assert by_id[carried["id"]]["report_count"] == 6
    assert len(by_id[carried["id"]]["reports"]) == 6
    assert {r["article"]["source"] for r in by_id[carried["id"]]["reports"]} >= {
        "Northern Ledger",
        "Port Weekly",
    }
    # An excerpt's article shows its own words and span when asked for its claims.
    times = outlet("Tessaly Times")
    detail = rest(corpus_api, f"/articles/{times.article.id}")
    text = detail["text"]
    for claim in detail["claims"]:
        assert text[claim["start"] : claim["end"]] == claim["text"]


def test_min_reports_picks_widely_carried_statements(corpus_api: httpx.Client) -> None:
    query = """query($n: Int) { claims(minReports: $n, first: 50) { totalCount
                 nodes { reportCount } } }"""
    assert [gql(corpus_api, query, n=n)["claims"]["totalCount"] for n in (1, 2, 3, 7)] == [
        11,
        3,
        1,
        0,
    ]
    assert rest(corpus_api, "/claims", min_reports=2)["total"] == 3
    assert rest(corpus_api, "/claims", min_reports=2, speaker="Velden")["total"] == 3
    assert corpus_api.get("/api/v1/claims", params={"min_reports": 0}).status_code == 422
    # Beyond a 64-bit integer Neo4j cannot take it: a 422, never a 500 (schemathesis found it).
    for path in ("/api/v1/claims", "/api/v1/claims/counts"):
        huge = corpus_api.get(path, params={"min_reports": 10**20})
        assert huge.status_code == 422, huge.text


def test_source_filter_and_counts(corpus_api: httpx.Client) -> None:
    # Statements any Tessaly Times article reported: the carried quote and the authority's.
    assert rest(corpus_api, "/claims", source="tessaly times")["total"] == 2
    data = gql(corpus_api, '{ claims(source: "Tessaly Times") { totalCount } }')
    assert data["claims"]["totalCount"] == 2
    counts = rest(corpus_api, "/claims/counts", by="source", limit=20)
    assert {row["key"]: row["count"] for row in counts}["Harbour Bulletin"] == 5
    assert {row["key"]: row["count"] for row in counts}["Harbour Gazette"] == 2


WEEKLY = """query($speaker: String, $about: String) {
  claimCounts(by: DATE, bucket: WEEK, speaker: $speaker, about: $about) { key label count date }
}"""


def test_claim_counts_per_week_agree_between_graphql_and_rest(corpus_api: httpx.Client) -> None:
    graphql = gql(corpus_api, WEEKLY, speaker="Velden", about="Tessaly")["claimCounts"]
    rows = rest(
        corpus_api, "/claims/counts", by="date", bucket="week", speaker="Velden", about="Tessaly"
    )
    # Weeks start on Monday: the carried quote (stated 2 March) and "Tessaly is ready" (3
    # March) in the week of 2 March; two statements in the week of 9 March, one in the next.
    # The carried quote counts once, not six times. Brann and the Harbour District do not
    # count; undated statements are left out.
    expected = [("2026-03-02", 2), ("2026-03-09", 2), ("2026-03-16", 1)]
    assert [(row["date"], row["count"]) for row in rows] == expected
    assert [(row["date"], row["count"]) for row in graphql] == expected
    assert [row["key"] for row in graphql] == [row["key"] for row in rows]
    # Without the subject filter, the Harbour District statement counts too.
    everything = gql(corpus_api, WEEKLY, speaker="Velden")["claimCounts"]
    assert [(row["date"], row["count"]) for row in everything] == [
        ("2026-03-02", 2),
        ("2026-03-09", 3),
        ("2026-03-16", 1),
    ]


@pytest.mark.parametrize(
    ("by", "filters", "expected"),
    [
        # From 9 March: the three dated statements and the Port Weekly's paraphrase (an
        # undated statement is filtered by its first report's day, as the claims list does).
        (
            "speaker",
            {"about": "Tessaly", "from": "2026-03-09"},
            {"Mara Velden": 4, "Oskar Brann": 1},
        ),
        (
            "about",
            {"speaker": "Velden", "from": "2026-03-09"},
            {"Tessaly": 4, "Harbour District": 1},
        ),
        ("speaker", {"text": "berth"}, {"Mara Velden": 1, "Oskar Brann": 1}),
        # The paraphrase that shares most words joined the carried quote (a direct claim).
        ("speaker", {"kind": "indirect"}, {"Mara Velden": 2}),
        ("source", {"speaker": "Brann"}, {"Harbour Bulletin": 1}),
        # Dated direct statements in March: the carried quote, "Tessaly is ready", five.
        ("date", {"kind": "direct", "bucket": "month"}, {"2026-03-01": 7}),
    ],
)
def test_claim_counts_take_every_filter_of_claims(
    corpus_api: httpx.Client, by: str, filters: dict[str, str], expected: dict[str, int]
) -> None:
    rows = rest(corpus_api, "/claims/counts", by=by, **filters)
    assert {row["label"]: row["count"] for row in rows} == expected
    arguments = ", ".join(
        f"{'from' if k == 'from' else k}: " + (v.upper() if k in ("kind", "bucket") else f'"{v}"')
        for k, v in filters.items()
    )
    data = gql(corpus_api, f"{{ claimCounts(by: {by.upper()}, {arguments}) {{ label count }} }}")
    assert {row["label"]: row["count"] for row in data["claimCounts"]} == expected


def test_the_network_of_a_period(corpus_api: httpx.Client) -> None:
    query = """query($from: Date, $to: Date) {
      network(entity: "Oskar Brann", from: $from, to: $to) { nodes { id } edges { type weight } }
    }"""
    whole = gql(corpus_api, query)["network"]
    assert {node["id"] for node in whole["nodes"]} == {OSKAR, TESSALY}
    assert {"type": "TALKS_ABOUT", "weight": 1} in whole["edges"]
    later = gql(corpus_api, query, **{"from": "2026-03-11"})["network"]
    assert later["edges"] == [] and [node["id"] for node in later["nodes"]] == [OSKAR]
    bad = corpus_api.post(
        "/graphql",
        json={"query": query, "variables": {"from": "2026-03-11", "to": "2026-03-01"}},
    ).json()
    assert bad["errors"][0]["extensions"]["argument"] == "from"


@pytest.mark.parametrize(
    "period",
    [{}, {"from": "2026-03-11"}, {"to": "2026-03-05"}, {"from": "2026-03-02", "to": "2026-03-09"}],
)
def test_the_rest_network_of_a_period_is_graphqls(
    corpus_api: httpx.Client, period: dict[str, str]
) -> None:
    query = """query($from: Date, $to: Date) {
      network(entity: "Oskar Brann", from: $from, to: $to) {
        nodes { id label type kind weight } edges { source target type weight }
        coMentionSample coMentionsExact } }"""
    graphql = gql(corpus_api, query, **period)["network"]
    response = corpus_api.get("/api/v1/network", params={"entity": "Oskar Brann", **period})
    assert response.status_code == 200, response.text
    rest = response.json()
    assert rest["nodes"] == graphql["nodes"]
    assert sorted(
        (e["source"], e["target"], e["type"], e["weight"]) for e in rest["edges"]
    ) == sorted((e["source"], e["target"], e["type"], e["weight"]) for e in graphql["edges"])
    assert (rest["co_mention_sample"], rest["co_mentions_exact"]) == (
        graphql["coMentionSample"],
        graphql["coMentionsExact"],
    )
