"""The read queries on a mid-size generated graph (Zipf speakers and topics, `bench/corpus.py`):
heavy slices are paged down the `claim_day` index and give the same pages as the plain
walk, and no benchmarked query's plan scans every claim or article."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import Any, LiteralString

import neo4j
import pytest

from bench.corpus import CLAIMS_PER_ARTICLE, grow
from kgapi.config import Settings
from kgapi.graph.driver import async_driver
from kgapi.graph.read_queries import claims, dashboard, network, resolve, search
from kgapi.graph.reader import GraphReader
from kgapi.vocabulary import ClaimOrder, DateBucket

ARTICLES = 600  # 4,800 claims; Blinken makes ~15% of them, ~a quarter about Ukraine


class RecordingReader(GraphReader):
    """Runs queries as a `GraphReader` does and keeps each (query, parameters)."""

    def __init__(self, driver: neo4j.AsyncDriver, database: str) -> None:
        super().__init__(driver, database, timeout=60)
        self.recorded: list[tuple[LiteralString, dict[str, Any]]] = []

    async def read(
        self, query: LiteralString, parameters: Mapping[str, Any] | None = None, *, name: str = ""
    ) -> list[dict[str, Any]]:
        self.recorded.append((query, dict(parameters or {})))
        return await super().read(query, parameters, name=name)


@pytest.fixture
async def reader(
    empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> AsyncIterator[RecordingReader]:
    driver = async_driver(neo4j_settings)
    try:
        # Plans first made on a tiny graph (as in a suite, or a server that started
        # empty) are cached: the heavy slices must still be read down the index with them.
        grow(empty_graph, neo4j_settings.neo4j_database, 8, skew="heavy")
        warm = GraphReader(driver, neo4j_settings.neo4j_database)
        for filters in ({"about": "Ukraine"}, {}, {"kind": "direct"}):
            await claims.find_claims(warm, speaker="Blinken", first=20, **filters)
        grow(empty_graph, neo4j_settings.neo4j_database, ARTICLES, skew="heavy")
        yield RecordingReader(driver, neo4j_settings.neo4j_database)
    finally:
        await driver.close()


def _operators(plan: Any) -> list[tuple[str, str, int]]:
    """(operator, details, rows) of every operator of a profiled plan."""
    details = str(plan.get("args", {}).get("Details", ""))
    out = [(plan["operatorType"].split("@")[0], details, int(plan.get("rows", 0)))]
    for child in plan.get("children", []):
        out += _operators(child)
    return out


def _profile(
    driver: neo4j.Driver, database: str, query: str, params: dict[str, Any]
) -> list[tuple[str, str, int]]:
    with driver.session(database=database) as session:
        result = session.run("PROFILE " + query, params)  # type: ignore[arg-type]
        summary = result.consume()
    assert summary.profile is not None
    return _operators(summary.profile)


def _expected(
    driver: neo4j.Driver, database: str, about: bool, kind: str | None
) -> list[tuple[str, str, int, str]]:
    """Blinken's claims (about Ukraine), as plain Cypher finds them: sort keys, newest
    first (the API's order: day descending, then article id, start and claim id)."""
    records, _, _ = driver.execute_query(
        """
        MATCH (s:Actor {id: 'person:antony-blinken'})-[:STATED]->(c:Claim)-[:REPORTED_IN]->(a)
        WHERE (NOT $about OR EXISTS { (c)-[:ABOUT]->(:Entity {id: 'location:ukraine'}) })
          AND ($kind IS NULL OR c.kind = $kind)
        RETURN toString(c.day) AS d, a.id AS a, coalesce(c.start, 0) AS st, c.id AS id
        """,
        about=about,
        kind=kind,
        database_=database,
    )
    rows = [(r["d"], r["a"], r["st"], r["id"]) for r in records]
    rows.sort(key=lambda r: (r[1], r[2], r[3]))
    rows.sort(key=lambda r: r[0], reverse=True)  # stable: ties keep the ascending rest
    return rows


@pytest.mark.parametrize(
    ("about", "kind"), [(True, None), (False, None), (False, "direct")], ids=str
)
async def test_heavy_slices_page_down_the_day_index_and_match_the_plain_walk(
    reader: RecordingReader,
    empty_graph: neo4j.Driver,
    neo4j_settings: Settings,
    about: bool,
    kind: str | None,
) -> None:
    database = neo4j_settings.neo4j_database
    expected = _expected(empty_graph, database, about, kind)
    assert len(expected) > 100  # a heavy slice
    filters: dict[str, Any] = {"speaker": "Blinken", "kind": kind}
    if about:
        filters["about"] = "Ukraine"
    seen: list[str] = []
    after = None
    while True:
        page = await claims.find_claims(reader, first=20, after=after, **filters)
        assert page.total == len(expected)
        seen += [claim.id for claim in page.items]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert seen == [row[3] for row in expected]
    # The first page and a later one were read down the index, a part of it only.
    for query, params in (reader.recorded[0], reader.recorded[-1]):
        operators = _profile(empty_graph, database, query, params)
        walked = [rows for op, details, rows in operators if "Claim(day)" in details]
        assert walked and 0 < max(walked) < ARTICLES * CLAIMS_PER_ARTICLE / 3


async def test_light_slices_expand_from_the_speaker(
    reader: RecordingReader, empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    page = await claims.find_claims(reader, speaker="Speaker 300", first=20)
    assert 0 < page.total < 20
    query, params = reader.recorded[-1]
    operators = _profile(empty_graph, neo4j_settings.neo4j_database, query, params)
    assert not [rows for op, details, rows in operators if "Claim(day)" in details and rows]


async def _network(reader: GraphReader) -> object:
    ids = await resolve.resolve(reader, "Ukraine")
    return await network.network(reader, ids[0])


BENCHMARKED = {
    "headline": lambda r: claims.find_claims(r, speaker="Blinken", about="Ukraine", first=20),
    "headline, oldest first": lambda r: claims.find_claims(
        r, speaker="Blinken", about="Ukraine", first=20, order_by=ClaimOrder.OLDEST
    ),
    "light speaker": lambda r: claims.find_claims(r, speaker="Speaker 300", first=20),
    "latest claims": lambda r: claims.find_claims(r, first=20),
    "counts by speaker": lambda r: dashboard.claim_counts_by_speaker(r, limit=20),
    "counts by subject": lambda r: dashboard.claim_counts_by_about(r, limit=20),
    "counts by month": lambda r: dashboard.claim_counts_by_date(
        r, bucket=DateBucket.MONTH, limit=24
    ),
    "network": _network,
    "search": lambda r: search.search(r, "ceasefire sanctions", first=20),
}

# Operators that read every node of a label (or every node): the cost grows with the
# graph. Over claims or articles they are what a corpus of 100,000 articles cannot afford.
SCANS = ("AllNodesScan", "NodeByLabelScan", "UndirectedRelationshipTypeScan")
SCANNED_LABELS = (":Claim", ":Article")


@pytest.mark.parametrize("name", list(BENCHMARKED))
async def test_benchmarked_queries_scan_no_claims_or_articles(
    reader: RecordingReader, empty_graph: neo4j.Driver, neo4j_settings: Settings, name: str
) -> None:
    await BENCHMARKED[name](reader)
    assert reader.recorded
    for query, params in reader.recorded:
        operators = _profile(empty_graph, neo4j_settings.neo4j_database, query, params)
        scans = [
            (op, details)
            for op, details, _ in operators
            if op == "AllNodesScan"
            or (op in SCANS and any(label in details for label in SCANNED_LABELS))
            or op.endswith("RelationshipTypeScan")
        ]
        assert scans == [], scans


# Where each aggregate is read from (kgapi/graph/aggregates.py and search's full-text
# index on titles): what must appear in the plan, and what must not.
COUNTED = {
    # The total is the speaker's TALKS_ABOUT counter (the page still walks a few hundred
    # `claim_day` entries, checked above).
    "headline": ("TALKS_ABOUT", None),
    "counts by month": (":Day", ":Claim"),
    "search": ("fulltext.queryNodes", "NodeByLabelScan"),
    # Claims' ties and weights from TALKS_ABOUT: no claim is read.
    "network": ("TALKS_ABOUT", ":STATED"),
}


@pytest.mark.parametrize("name", list(COUNTED))
async def test_aggregates_are_read_from_the_writers_counters(
    reader: RecordingReader, empty_graph: neo4j.Driver, neo4j_settings: Settings, name: str
) -> None:
    await BENCHMARKED[name](reader)
    present, absent = COUNTED[name]
    details = " ".join(
        f"{op} {detail}"
        for query, params in reader.recorded
        for op, detail, _ in _profile(empty_graph, neo4j_settings.neo4j_database, query, params)
    )
    assert present in details
    if absent is not None:
        assert absent not in details


async def test_the_headline_total_reads_no_claims_of_the_pair(
    reader: RecordingReader, empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    """Blinken's claims about Ukraine are counted by one counter: no operator expands
    his STATED edges to every claim he made (the walk of the count did); the page reads
    the few it shows."""
    database = neo4j_settings.neo4j_database
    page = await claims.find_claims(reader, speaker="Blinken", about="Ukraine", first=20)
    spoken = empty_graph.execute_query(
        "MATCH (:Actor {id: 'person:antony-blinken'})-[:STATED]->(c) RETURN count(c) AS n",
        database_=database,
    ).records[0]["n"]
    assert page.total > 100 and spoken > page.total
    query, params = reader.recorded[-1]
    operators = _profile(empty_graph, database, query, params)
    stated = [rows for op, detail, rows in operators if ":STATED" in detail]
    assert stated and max(stated) < page.total


@pytest.mark.parametrize("depth", [1, 2])
async def test_the_network_from_the_counters_is_the_network_from_the_claims(
    reader: RecordingReader, depth: int
) -> None:
    """The counted network (no period) and the walked one (what a period runs, here with
    no bounds) rank the same neighbours with the same weights."""
    [ukraine] = await resolve.resolve(reader, "Ukraine")
    counted = await network.network(reader, ukraine, depth=depth, limit=30)
    lo, hi = network.period_bounds(None, None)
    [walked] = await reader.read(
        network.NETWORK,
        {
            "id": ukraine,
            "depth": depth,
            "limit": 30,
            "from": None,
            "to": None,
            "lo": lo,
            "hi": hi,
            "sample": network.DEFAULT_SAMPLE,
        },
    )

    def edges(found: list[Any]) -> list[tuple[str, str, str, int]]:
        return sorted((e["source"], e["target"], e["type"], e["weight"]) for e in found)

    assert [n.model_dump() for n in counted.nodes] == walked["nodes"]
    assert edges([e.model_dump() for e in counted.edges]) == edges(walked["edges"])
    assert len(counted.nodes) == 30 and len(counted.edges) > 30


_ARTICLES_OF = """
UNWIND $ids AS id
MATCH (a:Article)-[:MENTIONS]->(:Entity {id: id})
RETURN id, collect([a.published_at, a.id]) AS articles
"""
_MENTIONED_IN = """
UNWIND $ids AS id
MATCH (a:Article {id: id})-[:MENTIONS]->(x:Entity)
RETURN id, collect(x.id) AS entities
"""


@pytest.mark.parametrize("sample", [40, network.MAX_SAMPLE])
async def test_the_networks_co_mentions_are_counted_over_the_newest_articles(
    reader: RecordingReader, empty_graph: neo4j.Driver, neo4j_settings: Settings, sample: int
) -> None:
    """Each CO_MENTIONED weight is the number of articles mentioning both among the
    newest `sample` of its entity with fewer articles, the neighbours are ranked over the
    hub's newest `sample` (with the claims' ties), and the answer says whether a count
    was capped: with a sample larger than every entity's articles, it is every article."""
    database = neo4j_settings.neo4j_database
    [ukraine] = await resolve.resolve(reader, "Ukraine")
    found = await network.network(reader, ukraine, limit=12, sample=sample)
    ids = [n.id for n in found.nodes]
    records, _, _ = empty_graph.execute_query(_ARTICLES_OF, ids=ids, database_=database)
    articles = {r["id"]: sorted(r["articles"], reverse=True) for r in records}
    newest = {i: [a for _, a in articles[i][:sample]] for i in ids}
    wanted = sorted({a for i in ids for a in newest[i]})
    records, _, _ = empty_graph.execute_query(_MENTIONED_IN, ids=wanted, database_=database)
    mentions = {r["id"]: set(r["entities"]) for r in records}
    expected = {}
    for i, s in enumerate(ids):
        for x in ids[i + 1 :]:
            by = min((s, x), key=lambda e: (len(articles[e]), e))
            weight = sum(1 for a in newest[by] if {s, x} <= mentions[a])
            if weight:
                expected[tuple(sorted((s, x)))] = (weight, len(newest[by]))
    shared = {
        (e.source, e.target): (e.weight, e.articles_counted)
        for e in found.edges
        if e.type == "CO_MENTIONED"
    }
    assert shared == expected
    # The neighbours: claims' ties (counters) and co-mentions in the hub's newest articles.
    ties: dict[str, int] = {}
    for a in newest[ukraine]:
        for x in mentions[a] - {ukraine}:
            ties[x] = ties.get(x, 0) + 1
    records, _, _ = empty_graph.execute_query(
        "MATCH (e:Entity {id: $id})-[t:TALKS_ABOUT]-(x) RETURN x.id AS x, sum(t.claims) AS n",
        id=ukraine,
        database_=database,
    )
    for r in records:
        ties[r["x"]] = ties.get(r["x"], 0) + r["n"]
    ranked = sorted(ties, key=lambda x: (-ties[x], x))[:11]
    assert ids == [ukraine, *ranked]
    hub = len(articles[ukraine])
    assert found.co_mention_sample == sample
    assert found.co_mentions_exact is (sample >= hub)
    if sample >= hub:
        # Every article counted: the weights are the plain counts of shared articles.
        assert all(
            counted == len(articles[min(k, key=lambda e: (len(articles[e]), e))])
            for k, (_, counted) in expected.items()
        )
    else:
        assert max(counted or 0 for _, counted in shared.values()) == sample


async def test_the_network_around_a_hub_reads_no_more_of_its_articles_than_the_sample(
    reader: RecordingReader, empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    """The hub's articles (and each node's) are taken by an ordered, LIMITed seek of
    `mentions_newest`: no operator of the plan reads more rows over MENTIONS than the
    nodes' samples hold (nodes x sample x the most entities an article mentions), while
    the hub's co-mentions over all its articles are many more."""
    database = neo4j_settings.neo4j_database
    [ukraine] = await resolve.resolve(reader, "Ukraine")
    limit, sample = 6, 20
    await network.network(reader, ukraine, limit=limit, sample=sample)
    query, params = reader.recorded[-1]
    operators = _profile(empty_graph, database, query, params)
    most = empty_graph.execute_query(
        "MATCH (a:Article) RETURN max(COUNT { (a)-[:MENTIONS]->() }) AS n", database_=database
    ).records[0]["n"]
    pairs = empty_graph.execute_query(
        "MATCH (:Entity {id: $id})<-[:MENTIONS]-(a)-[:MENTIONS]->(x) RETURN count(*) AS n",
        id=ukraine,
        database_=database,
    ).records[0]["n"]
    bound = (1 + limit) * sample * most
    assert pairs > 2 * bound  # the walk over every article would read far more
    seeks = [rows for op, detail, rows in operators if "MENTIONS(entity, published)" in detail]
    assert seeks and max(seeks) <= (1 + limit) * sample
    over_mentions = [(op, rows) for op, detail, rows in operators if ":MENTIONS" in detail]
    assert over_mentions and max(rows for _, rows in over_mentions) <= bound, over_mentions
