"""GraphQL benchmark (run by hand, not a test): the API vs raw Cypher, in one run.

    NEO4J_URI=... NEO4J_PASSWORD=... .venv/bin/python bench/graphql_bench.py \
        --graph seeds --graph 1000 --graph 10000 [--runs 30] [--repeat 2] [--case latest] \
        [--compare KGAPI_SETTING=VALUE ...]

WIPES THE TARGET DATABASE. For each graph (`seeds`: the seed article through the loader;
a number N: N generated articles written directly with UNWIND, 5 claims each, speakers
and subjects drawn with a skew so that Blinken/Ukraine are frequent), it times, in rounds
where the three take turns in a shuffled order:

- **api**: the GraphQL query POSTed over HTTP to the real server, `kgapi serve` in its own
  process as in production, from a keep-alive `http.client` connection (a lean client, so
  the figure is the server's and not a client library's);
- **layer**: the same query-layer function called directly (no HTTP, no GraphQL): the
  Cypher the API runs, so api - layer is the HTTP + GraphQL cost;
- **raw**: hand-written Cypher for the same answer through the driver's `execute_query`.

With `--compare NAME=VALUE` (repeatable), a second `kgapi serve` runs with those
environment variables set (**api B**), and takes its turn in the same shuffled rounds:
an A/B of a setting on the same data, the same Neo4j and the same machine load.

`--repeat N` times every graph N times over (same graph, fresh rounds) and prints the
1-minute load average beside each block: the machine is shared, so compare the repeats.

Queries: the headline (`claims(speaker: "Blinken", about: "Ukraine", first: 20)` with
`totalCount`, speaker, subjects and article), the unfiltered latest claims
(`claims(first: 20)`, same fields) and four dashboard queries (claim counts by
speaker, by subject, by day; most mentioned entities). Prints a Markdown table of medians
and the api/raw ratio. `--case TEXT` (repeatable) times only the queries whose name
contains TEXT.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import neo4j

from kgapi.config import Settings
from kgapi.graph.driver import async_driver, sync_driver
from kgapi.graph.read_queries import claims, dashboard
from kgapi.graph.reader import GraphReader
from kgapi.graph.schema import apply_schema
from kgapi.graph.server import free_port
from kgapi.pipeline import load_paths

ROOT = Path(__file__).resolve().parents[1]

HEADLINE = """{ claims(speaker: "Blinken", about: "Ukraine", first: 20) { totalCount
  edges { node { text kind speaker { name } about { name } article { title } } } } }"""
LATEST = """{ claims(first: 20) { totalCount
  edges { node { text kind speaker { name } about { name } article { title } } } } }"""

# --------------------------------------------------------------------------- raw Cypher
RAW_HEADLINE = """
MATCH (s:Actor {id: 'person:antony-blinken'})-[:STATED]->(c:Claim)
WHERE EXISTS { (c)-[:ABOUT]->(:Entity {id: 'location:ukraine'}) }
MATCH (c)-[:REPORTED_IN]->(a:Article)
WITH s, c, a, coalesce(c.stated_on, date(a.published_at)) AS d
ORDER BY d DESC, a.id, c.start, c.id
WITH collect({s: s, c: c, a: a}) AS rows
UNWIND rows[..20] AS r
WITH size(rows) AS total, r.c AS c, r.s AS s, r.a AS a
RETURN total, c.text, c.kind, s.name, a.title,
       COLLECT { MATCH (c)-[:ABOUT]->(x:Entity) RETURN x.name } AS about
"""
# Newest first straight off the `claim_day` index, the total from the count store.
RAW_LATEST = """
MATCH (s:Actor)-[:STATED]->(c:Claim)-[:REPORTED_IN]->(a:Article)
WHERE c.day >= date('0001-01-01')
WITH s, c, a ORDER BY c.day DESC, a.id, c.start, c.id LIMIT 20
RETURN c.text, c.kind, s.name, a.title,
       COLLECT { MATCH (c)-[:ABOUT]->(x:Entity) RETURN x.name } AS about,
       COUNT { MATCH (:Actor)-[:STATED]->() } AS total
"""
# The raw side is the best hand-written Cypher for the same answer (degree counts where
# the API uses them too), so api/raw measures what the API adds, not a slower query.
RAW_BY_SPEAKER = """
MATCH (s:Entity)
WITH s, COUNT { (s)-[:STATED]->() } AS n WHERE n > 0
ORDER BY n DESC, s.name, s.id LIMIT 20
RETURN s.id, s.name, n
"""
RAW_BY_ABOUT = """
MATCH (e:Entity)
WITH e, COUNT { ()-[:ABOUT]->(e) } AS n WHERE n > 0
ORDER BY n DESC, e.name, e.id LIMIT 20
RETURN e.id, e.name, n
"""
RAW_BY_DATE = """
MATCH (c:Claim) WHERE c.day >= date('0001-01-02') AND c.stated_on IS NOT NULL
WITH c.day AS day, count(*) AS n ORDER BY day DESC LIMIT 20
RETURN day, n ORDER BY day
"""
RAW_TOP = """
MATCH (e:Entity)
WITH e, COUNT { ()-[:MENTIONS]->(e) } AS articles WHERE articles > 0
ORDER BY articles DESC, e.name, e.id LIMIT 20
RETURN e.id, e.name, articles
"""


@dataclass
class Case:
    name: str
    graphql: str
    layer: Callable[[GraphReader], Awaitable[object]]
    raw: str


CASES = [
    Case(
        "headline: Blinken about Ukraine, 20/page + totalCount",
        HEADLINE,
        lambda r: claims.find_claims(r, speaker="Blinken", about="Ukraine", first=20),
        RAW_HEADLINE,
    ),
    Case(
        "latest claims (no filter), 20/page + totalCount",
        LATEST,
        lambda r: claims.find_claims(r, first=20),
        RAW_LATEST,
    ),
    Case(
        "claimCounts(by: SPEAKER, limit: 20)",
        "{ claimCounts(by: SPEAKER, limit: 20) { key label count } }",
        lambda r: dashboard.claim_counts_by_speaker(r, limit=20),
        RAW_BY_SPEAKER,
    ),
    Case(
        "claimCounts(by: ABOUT, limit: 20)",
        "{ claimCounts(by: ABOUT, limit: 20) { key label count } }",
        lambda r: dashboard.claim_counts_by_about(r, limit=20),
        RAW_BY_ABOUT,
    ),
    Case(
        "claimCounts(by: DATE, limit: 20)",
        "{ claimCounts(by: DATE, limit: 20) { key count } }",
        lambda r: dashboard.claim_counts_by_date(r, limit=20),
        RAW_BY_DATE,
    ),
    Case(
        "topEntities(limit: 20)",
        "{ topEntities(limit: 20) { entity { id name } articleCount } }",
        lambda r: dashboard.top_entities(r, limit=20, with_mentions=False),
        RAW_TOP,
    ),
]


# --------------------------------------------------------------------------- graphs
def wipe(driver: neo4j.Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run(
            "MATCH (n) WHERE NOT n:KgapiSchema CALL (n) { DETACH DELETE n } IN TRANSACTIONS"
        ).consume()


def generate(driver: neo4j.Driver, database: str, n_articles: int, seed: int = 7) -> int:
    """N articles, 5 claims each, written with UNWIND; returns the number of claims."""
    rng = random.Random(seed)
    persons = [("person:antony-blinken", "Antony Blinken", ["Antony Blinken", "Blinken"])]
    persons += [(f"person:speaker-{i}", f"Speaker {i}", [f"Speaker {i}"]) for i in range(299)]
    places = [("location:ukraine", "Ukraine", ["Ukraine", "Ukrainian"])]
    places += [(f"location:place-{i}", f"Place {i}", [f"Place {i}"]) for i in range(99)]
    orgs = [(f"organization:org-{i}", f"Org {i}", [f"Org {i}"]) for i in range(50)]
    with driver.session(database=database) as session:
        for label, rows in (("Actor", persons), ("Location", places), ("Organization", orgs)):
            session.run(
                f"UNWIND $rows AS r CREATE (e:Entity:{label} {{id: r[0], name: r[1], aliases: r[2]}})"
                " SET e.kind = CASE WHEN $label = 'Actor' THEN 'person' END",
                rows=[list(r) for r in rows],
                label=label,
            ).consume()
    # Skewed choices: Blinken speaks in ~3% of claims, Ukraine is the subject of ~10%.
    person_weights = [3.0] + [97 / 299] * 299
    place_weights = [10.0] + [90 / 99] * 99
    start = datetime(2023, 1, 1, tzinfo=UTC)
    kinds = ["direct", "indirect", "partial", "belief"]
    total = 0
    batch = 1000
    for offset in range(0, n_articles, batch):
        articles: list[dict[str, Any]] = []
        claim_rows: list[dict[str, Any]] = []
        for n in range(offset, min(offset + batch, n_articles)):
            aid = f"article:gen{n:08d}"
            published = start + timedelta(hours=n * 2)
            speakers = rng.choices(persons, person_weights, k=5)
            mentioned: dict[str, int] = {}
            for i, speaker in enumerate(speakers):
                subjects = {p[0] for p in rng.choices(places, place_weights, k=2)}
                text = f"{speaker[1]} said something about {', '.join(sorted(subjects))} ({n}-{i})."
                claim_rows.append(
                    {
                        "id": f"claim:gen{n:08d}:{i * 100}-{i * 100 + 50}",
                        "article": aid,
                        "speaker": speaker[0],
                        "text": text,
                        "kind": kinds[(n + i) % 4],
                        "start": i * 100,
                        "end": i * 100 + 50,
                        "stated_on": (published - timedelta(days=rng.randint(0, 1))).date(),
                        "about": sorted(subjects),
                    }
                )
                for entity_id in (speaker[0], *subjects):
                    mentioned[entity_id] = mentioned.get(entity_id, 0) + 1
            for org in rng.sample(orgs, 2):
                mentioned[org[0]] = 1
            articles.append(
                {
                    "id": aid,
                    "title": f"Generated report {n}",
                    "url": f"https://example.test/gen/{n}",
                    "source": "Example Wire",
                    "published_at": published,
                    "text": "Generated text. " * 20,
                    "mentions": [{"id": k, "count": v} for k, v in mentioned.items()],
                }
            )
        with driver.session(database=database) as session:
            session.run(
                """
                UNWIND $rows AS r
                CREATE (a:Article {id: r.id, title: r.title, url: r.url, source: r.source,
                  published_at: r.published_at, text: r.text, ingested_at: datetime()})
                WITH a, r UNWIND r.mentions AS m
                MATCH (e:Entity {id: m.id})
                CREATE (a)-[:MENTIONS {count: m.count, aliases: [e.name]}]->(e)
                """,
                rows=articles,
            ).consume()
            session.run(
                """
                UNWIND $rows AS r
                MATCH (a:Article {id: r.article}), (s:Entity {id: r.speaker})
                CREATE (c:Claim {id: r.id, text: r.text, kind: r.kind, verb: 'said',
                  sentence: r.text, start: r.start, end: r.end, stated_on: r.stated_on,
                  day: r.stated_on})
                CREATE (s)-[:STATED]->(c), (c)-[:REPORTED_IN]->(a)
                WITH c, r UNWIND r.about AS x
                MATCH (e:Entity {id: x})
                CREATE (c)-[:ABOUT]->(e)
                """,
                rows=claim_rows,
            ).consume()
        total += len(claim_rows)
    return total


# --------------------------------------------------------------------------- timing
class Server:
    """`kgapi serve` in a subprocess (the production server, its own process and event
    loop) and one keep-alive HTTP connection to it."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        kgapi = Path(sys.executable).parent / "kgapi"
        self.process = subprocess.Popen(
            [str(kgapi), "serve", "--port", str(self.port)],
            # Rate limits off: the benchmark times queries, not the limiter's 429s.
            env={
                **os.environ,
                "KGAPI_APPLY_SCHEMA_ON_START": "false",
                "KGAPI_RATE_LIMITS": "off",
                **(env or {}),
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,  # the access log: one line per request
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                self.reconnect()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit("kgapi serve did not start") from None
                time.sleep(0.2)

    def reconnect(self) -> None:
        """A fresh connection (uvicorn closes idle keep-alive connections after 5 s)."""
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.connection.request("GET", "/health")
        self.connection.getresponse().read()

    def graphql(self, query: str, *, round_trips: bool = False) -> dict[str, Any]:
        """POST one query; its JSON response (with the Neo4j round-trip count in
        `extensions` when `round_trips`)."""
        body = json.dumps({"query": query}).encode()
        headers = {"Content-Type": "application/json"}
        if round_trips:
            headers["X-Kgapi-Round-Trips"] = "1"
        self.connection.request("POST", "/graphql", body, headers)
        response: dict[str, Any] = json.loads(self.connection.getresponse().read())
        return response

    def stop(self) -> None:
        self.connection.close()
        self.process.terminate()
        self.process.wait(timeout=30)


def ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_graph(
    label: str,
    settings: Settings,
    server: Server,
    driver: neo4j.Driver,
    runs: int,
    cases: list[Case] = CASES,
    server_b: Server | None = None,
) -> list[str]:
    """Time every case; api (and api B), layer and raw take turns, in a shuffled order,
    each round."""
    rows = []
    server.reconnect()
    sides = ["api", "layer", "raw"]
    if server_b is not None:
        server_b.reconnect()
        sides.append("api_b")
    adriver = async_driver(settings)
    loop = asyncio.new_event_loop()
    try:
        for case in cases:
            samples: dict[str, list[float]] = {side: [] for side in sides}
            order = random.Random(13)  # a fixed seed: the same orders every run
            for i in range(runs + 3):  # the first 3 rounds warm caches and plans up
                # The three take turns in a shuffled order: whichever runs right after
                # another on the same data finds Neo4j's and the CPU's caches warm, so a
                # fixed order would favour one side.
                timings: dict[str, float] = {}
                for side in order.sample(sides, len(sides)):
                    started = time.perf_counter()
                    if side in ("api", "api_b"):
                        target = server if side == "api" else server_b
                        assert target is not None
                        body = target.graphql(case.graphql)
                        timings[side] = time.perf_counter() - started
                        assert "errors" not in body, body
                    elif side == "layer":
                        reader = GraphReader(adriver, settings.neo4j_database)
                        loop.run_until_complete(case.layer(reader))
                        timings["layer"] = time.perf_counter() - started
                    else:
                        driver.execute_query(
                            case.raw,
                            database_=settings.neo4j_database,
                            routing_=neo4j.RoutingControl.READ,
                        )
                        timings["raw"] = time.perf_counter() - started
                if i >= 3:
                    for side in sides:
                        samples[side].append(timings[side])
            # Counted once, outside the timed requests (dashboards do not ask for it).
            trips = server.graphql(case.graphql, round_trips=True)["extensions"]["neo4jRoundTrips"]
            api, layer, raw = ms(samples["api"]), ms(samples["layer"]), ms(samples["raw"])
            compared = ""
            if server_b is not None:
                api_b = ms(samples["api_b"])
                compared = f" {api_b:.1f} | {api_b - api:+.2f} | **{api_b / raw:.2f}** |"
            rows.append(
                f"| {label} | {case.name} | {api:.1f} | {layer:.1f} | {raw:.1f} "
                f"| **{api / raw:.2f}** |{compared} {trips} | {os.getloadavg()[0]:.1f} |"
            )
            print(rows[-1], flush=True)
    finally:
        loop.run_until_complete(adriver.close())
        loop.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--graph", action="append", default=[], help="'seeds' or a number")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=1, help="time each graph this many times")
    parser.add_argument(
        "--case", action="append", default=[], help="only the queries whose name contains this"
    )
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="run a second server (api B) with this environment variable set",
    )
    args = parser.parse_args()
    cases = [c for c in CASES if not args.case or any(k in c.name for k in args.case)]
    settings = Settings(apply_schema_on_start=False)
    graphs = args.graph or ["seeds", "1000"]
    env_b = dict(assignment.split("=", 1) for assignment in args.compare)
    compared = " api B ms | B - A ms | api B/raw |" if env_b else ""
    table = [
        f"| graph | query | api ms | layer ms | raw ms | api/raw |{compared} round trips | load |",
        "| --- | --- |" + " ---: |" * (6 + (3 if env_b else 0)),
    ]
    if env_b:
        print(f"api B: {env_b}", flush=True)
    server = Server()
    server_b = Server(env_b) if env_b else None
    try:
        with sync_driver(settings) as driver:
            apply_schema(driver, settings.neo4j_database)
            for graph in graphs:
                wipe(driver, settings.neo4j_database)
                t0 = time.perf_counter()
                if graph == "seeds":
                    load_paths([ROOT / "seeds"], settings)
                    label = "seeds"
                else:
                    count = generate(driver, settings.neo4j_database, int(graph))
                    label = f"{int(graph):,} articles ({count:,} claims)"
                print(f"{label}: built in {time.perf_counter() - t0:.1f}s", flush=True)
                for repeat in range(args.repeat):
                    name = f"{label} #{repeat + 1}" if args.repeat > 1 else label
                    table += bench_graph(name, settings, server, driver, args.runs, cases, server_b)
            wipe(driver, settings.neo4j_database)
    finally:
        server.stop()
        if server_b is not None:
            server_b.stop()
    print("\n".join(table))


if __name__ == "__main__":
    main()
