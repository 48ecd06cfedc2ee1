"""Loading benchmark (run by hand, not a test).

    NEO4J_URI=... NEO4J_PASSWORD=... .venv/bin/python bench/load_bench.py --n 1000 --n 10000

WIPES THE TARGET DATABASE. For each N: extracts the seed article once, generates N
distinct variants of it (own URL and id, own people: the seed's persons get a variant
suffix, so ids differ, while places and organizations stay shared as in real news), and
measures on the same data:

- **write**: `GraphWriter.write_many` into an empty graph (articles/s, claims/s);
- **naive**: one MERGE per row, one auto-commit transaction each, on the first
  `--naive-n` variants (all N would take hours), reported per article;
- **extract+write**: `load_stream` over `--extract-n` raw `Article`s (distinct URLs),
  with `--workers` extraction processes.

`--dup-rate R` (repeatable, e.g. `--dup-rate 0 --dup-rate 0.3`) makes the variants' statements
a corpus where about R of all statements are reports of a statement an earlier article
already carried (one statement, many reports): each statement's words get a tag, its
article's own (a statement no one else carries) or, with the probability that gives R, its
cast's (the same words as the same people's statement in every 500th article: one claim).
The share measured after the load (1 - claims / reports) is printed with the figures.
Without it the variants keep the seed's words, which the same cast repeats every 500
articles (95% duplicates at N = 10,000).

Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j

from kgapi.config import Settings
from kgapi.graph.driver import sync_driver
from kgapi.graph.rows import ENTITY_LABELS, ArticleRows, article_rows
from kgapi.graph.schema import apply_schema
from kgapi.graph.write_queries import AWAIT_SEARCH_INDEXES
from kgapi.graph.writer import GraphWriter
from kgapi.ingest.extract import extract
from kgapi.ingest.read import read_inputs
from kgapi.model import Article, Extraction, entity_id
from kgapi.pipeline import load_stream

logger = logging.getLogger("bench.load")
SEED = Path(__file__).resolve().parent.parent / "seeds"


@dataclass
class Figure:
    """One measured stage."""

    name: str
    articles: int
    claims: int
    seconds: float

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds

    @property
    def claims_per_s(self) -> float:
        return self.claims / self.seconds


def seed_article() -> Article:
    for item in read_inputs([SEED]):
        if isinstance(item, Article):
            return item
    raise SystemExit("no seed article found in seeds/")


CASTS = 500
_WORD = re.compile(r"[^\W_]+")


def _tagged(text: str, tag: str) -> str:
    """Every word of `text` with `tag` appended: texts with different tags share no word."""
    return _WORD.sub(lambda m: m.group(0) + tag, text)


def share_probability(dup_rate: float, n: int, shareable: float) -> float:
    """The chance a statement takes its cast's words so that about `dup_rate` of all
    statements are duplicates: of the `n / CASTS` articles of a cast that share a
    statement, all but the first are duplicates (bisection on that expectation)."""
    rounds = max(n / CASTS, 1.0)
    if dup_rate <= 0:
        return 0.0

    def expected(q: float) -> float:
        return shareable * (q - (1 - (1 - q) ** rounds) / rounds)

    low, high = 0.0, 1.0
    for _ in range(60):
        mid = (low + high) / 2
        low, high = (mid, high) if expected(mid) < dup_rate else (low, mid)
    return high


def variants(base: Extraction, n: int, dup_rate: float | None = None) -> list[Extraction]:
    """N distinct articles from one extraction: new URL/id/text suffix, renamed persons;
    with `dup_rate`, statements tagged as distinct or as their cast's shared ones."""
    data = base.model_dump(mode="json")
    out: list[Extraction] = []
    shareable = sum(
        1 for s in data["statements"] if s["speaker_kind"] not in ("anonymous", "group")
    )
    q = (
        share_probability(dup_rate, n, shareable / max(len(data["statements"]), 1))
        if dup_rate is not None
        else 0.0
    )
    for i in range(n):
        doc: dict[str, Any] = {
            "article": dict(data["article"]),
            "entities": [dict(e) for e in data["entities"]],
            "statements": [dict(s) for s in data["statements"]],
        }
        url = f"https://bench.example/news/{i}"
        doc["article"].update(id=f"article:bench{i:011d}", url=url)
        doc["article"]["text"] = (doc["article"]["text"] or "") + f"\n\nBench variant {i}."
        renamed: dict[str, str] = {}
        for entity in doc["entities"]:
            if entity["type"] == "person":
                entity["name"] = f"{entity['name']} {i % CASTS}"  # distinct casts of people
                new_id = entity_id("person", entity["name"])
                renamed[entity["id"]] = new_id
                entity["id"] = new_id
        rng = random.Random(i)
        for statement in doc["statements"]:
            statement["speaker_id"] = renamed.get(statement["speaker_id"], statement["speaker_id"])
            statement["about_ids"] = [renamed.get(a, a) for a in statement["about_ids"]]
            if dup_rate is not None:
                # Article-scoped speakers (anonymous, groups) are never one statement.
                shared = statement["speaker_kind"] not in ("anonymous", "group") and (
                    rng.random() < q
                )
                tag = f"c{i % CASTS}" if shared else f"a{i}"
                statement["text"] = _tagged(statement["text"], tag)
        out.append(Extraction.model_validate(doc))
    return out


def seed_extraction() -> Extraction:
    """The seed article, extracted once, with its text (the spans index into it)."""
    seed = seed_article()
    base = extract(seed)
    if base.article.text is None:
        base = base.model_copy(
            update={"article": base.article.model_copy(update={"text": seed.text})}
        )
    return base


def write_variants(directory: Path, n: int, base: Extraction | None = None) -> list[Path]:
    """N distinct articles (`variants`) as pre-extracted JSON files in `directory`, one file
    each, named in input order: an input for `kgapi load` that needs no extraction."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, variant in enumerate(variants(base or seed_extraction(), n)):
        path = directory / f"article-{i:05d}.json"
        path.write_text(variant.model_dump_json())
        paths.append(path)
    return paths


def wipe(driver: neo4j.Driver, database: str) -> None:
    """Empty the graph in small transactions (relationships first: a shared entity with
    thousands of edges would not fit one transaction's memory budget)."""
    with driver.session(database=database) as session:
        session.run(
            "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
        session.run(
            "MATCH (n) WHERE NOT n:KgapiSchema CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()
        # The full-text indexes are eventually consistent: let them finish removing the
        # deleted nodes now, or the next timed write would wait for it at its end.
        session.run(AWAIT_SEARCH_INDEXES).consume()


def bench_write(
    driver: neo4j.Driver,
    database: str,
    batch: list[Extraction],
    batch_size: int,
    per_tx: int,
    name: str = "write",
) -> Figure:
    wipe(driver, database)
    writer = GraphWriter(driver, database, batch_size, articles_per_transaction=per_tx)
    started = time.perf_counter()
    results = list(writer.write_many(batch))
    seconds = time.perf_counter() - started
    assert all(r.status == "loaded" for r in results), [r for r in results if r.status != "loaded"][
        :3
    ]
    return Figure(name, len(results), sum(r.counts.claims for r in results), seconds)


def claims_and_reports(driver: neo4j.Driver, database: str) -> tuple[int, int]:
    """Claims (statements) and REPORTED_IN edges (reports) in the graph."""
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (c:Claim) RETURN count(c) AS claims } "
        "CALL () { MATCH ()-[r:REPORTED_IN]->() RETURN count(r) AS reports } "
        "RETURN claims, reports",
        database_=database,
    )
    return int(records[0]["claims"]), int(records[0]["reports"])


# The naive write: the same graph, one MERGE per row, one auto-commit transaction each.
NAIVE_ARTICLE = "MERGE (a:Article {id: $row.id}) SET a += $row, a.ingested_at = datetime()"
NAIVE_ENTITY = {
    label: f"MERGE (e:{label} {{id: $row.id}}) SET e:Entity, e.name = $row.name, "
    "e.aliases = $row.aliases, e.kind = $row.kind, e.role = $row.role"
    for label in ENTITY_LABELS
}
NAIVE_CLAIM = "MERGE (c:Claim {id: $row.id}) SET c += $row"
NAIVE_RELS = {
    "stated": "MATCH (s:Entity {id: $row.speaker_id}), (c:Claim {id: $row.claim_id}) MERGE (s)-[:STATED]->(c)",
    "reported_in": "MATCH (c:Claim {id: $row.claim_id}), (a:Article {id: $row.article_id}) "
    "MERGE (c)-[:REPORTED_IN]->(a)",
    "about": "MATCH (c:Claim {id: $row.claim_id}), (e:Entity {id: $row.entity_id}) MERGE (c)-[:ABOUT]->(e)",
    "mentions": "MATCH (a:Article {id: $row.article_id}), (e:Entity {id: $row.entity_id}) "
    "MERGE (a)-[m:MENTIONS]->(e) SET m.count = $row.count, m.aliases = $row.aliases",
    "affiliated_with": "MATCH (p:Entity {id: $row.actor_id}), (o:Entity {id: $row.org_id}) "
    "MERGE (p)-[r:AFFILIATED_WITH]->(o) SET r.role = $row.role",
}


def _naive_one(driver: neo4j.Driver, database: str, rows: ArticleRows) -> None:
    def run(query: str, row: dict[str, Any]) -> None:
        driver.execute_query(query, row=row, database_=database)

    run(NAIVE_ARTICLE, rows.article)
    for label, entity_rows in rows.entities.items():
        for row in entity_rows:
            run(NAIVE_ENTITY[label], row)
    for row in rows.claims:
        run(NAIVE_CLAIM, row)
    for attribute, query in NAIVE_RELS.items():
        for row in getattr(rows, attribute):
            run(query, row)


def bench_naive(driver: neo4j.Driver, database: str, batch: list[Extraction]) -> Figure:
    wipe(driver, database)
    prepared = [article_rows(e) for e in batch]
    started = time.perf_counter()
    for rows in prepared:
        _naive_one(driver, database, rows)
    seconds = time.perf_counter() - started
    return Figure("naive", len(prepared), sum(r.claim_count for r in prepared), seconds)


def bench_extract_write(
    driver: neo4j.Driver, database: str, seed: Article, n: int, workers: int, batch_size: int
) -> Figure:
    wipe(driver, database)
    articles = []
    for i in range(n):
        url = f"https://bench.example/raw/{i}"
        text = seed.text + f"\n\nBench variant {i}."
        meta = seed.meta.model_copy(update={"id": f"article:raw{i:013d}", "url": url, "text": None})
        articles.append(Article(meta=meta, text=text, origin=url))
    writer = GraphWriter(driver, database, batch_size)
    started = time.perf_counter()
    report = load_stream(articles, writer, workers=workers)
    seconds = time.perf_counter() - started
    assert report.failed == 0, report.failures[:3]
    return Figure(f"extract+write ({workers} workers)", report.read, report.claims, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--n", type=int, action="append", help="articles (repeatable); default 1000 and 10000"
    )
    parser.add_argument("--naive-n", type=int, default=100, help="articles for the naive write")
    parser.add_argument("--extract-n", type=int, default=200, help="articles for extract+write")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument(
        "--articles-per-tx", type=int, default=100, help="writer's articles per transaction"
    )
    parser.add_argument(
        "--dup-rate",
        type=float,
        action="append",
        help="share of statements another article already carried (repeatable; see above)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    settings = Settings()
    batch_size = args.batch_size or settings.batch_size
    database = settings.neo4j_database
    seed = seed_article()
    t0 = time.perf_counter()
    base = seed_extraction()
    print(
        f"seed: {len(base.entities)} entities, {len(base.statements)} statements "
        f"(extracted in {time.perf_counter() - t0:.1f}s incl. model load)",
        file=sys.stderr,
    )
    lines = ["| stage | N | articles/s | claims/s | seconds |", "|---|---:|---:|---:|---:|"]

    def show(fig: Figure) -> None:
        line = (
            f"| {fig.name} | {fig.articles:,} | {fig.articles_per_s:,.1f} | {fig.claims_per_s:,.0f}"
            f" | {fig.seconds:.1f} |"
        )
        lines.append(line)
        print(line, file=sys.stderr)

    with sync_driver(settings) as driver:
        apply_schema(driver, database)
        naive = (
            bench_naive(driver, database, variants(base, args.naive_n)) if args.naive_n else None
        )
        if naive is not None:
            show(naive)
        for n in args.n or [1000, 10000]:
            for dup_rate in args.dup_rate or [None]:
                name = "write" if dup_rate is None else f"write, dup-rate {dup_rate:.0%}"
                fig = bench_write(
                    driver,
                    database,
                    variants(base, n, dup_rate),
                    batch_size,
                    args.articles_per_tx,
                    name,
                )
                show(fig)
                claims, reports = claims_and_reports(driver, database)
                measured = 1 - claims / reports if reports else 0.0
                lines.append(
                    f"| ↳ graph: {claims:,} claims, {reports:,} reports "
                    f"(duplicates {measured:.1%}) | | | | |"
                )
                print(lines[-1], file=sys.stderr)
            if naive is not None and args.dup_rate is None:
                ratio = fig.articles_per_s / naive.articles_per_s
                lines.append(f"| ratio write/naive (N={n:,}) | | {ratio:,.0f}x | | |")
        if args.extract_n:
            show(
                bench_extract_write(
                    driver, database, seed, args.extract_n, args.workers, batch_size
                )
            )
        wipe(driver, database)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
