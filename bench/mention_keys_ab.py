"""A/B of the loader with and without the MENTIONS edges' keys (run by hand, not a test).

    NEO4J_URI=... NEO4J_PASSWORD=... .venv/bin/python bench/mention_keys_ab.py --n 500 --rounds 6

WIPES THE TARGET DATABASE. The loader's timing on this shared 2-core machine drifts by
±30% between runs a minute apart, more than the difference to measure, so the two writers
run interleaved in one process on the same data (`load_bench.variants`, 30% duplicated
statements), alternating which goes first: "with" is the writer as it is
(`write_queries.MERGE_ARTICLES` sets `entity` and `published` on each MENTIONS edge, kept
in the `mentions_newest` index, `kgapi/graph/mention_keys.py`), "without" the same
statement without them (what main wrote). Prints each run and the ratio of the medians.

`--statement`: only the article statement (`MERGE_ARTICLES`, the one the keys change),
each side writing the same articles and their MENTIONS edges in transactions of 100
articles after the previous side's articles are deleted: the keys' own cost, which the
whole loader's timing cannot resolve on this machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import neo4j

from bench.load_bench import bench_write, seed_extraction, variants, wipe
from kgapi.config import Settings
from kgapi.graph import mention_keys
from kgapi.graph import write_queries as q
from kgapi.graph.driver import sync_driver
from kgapi.graph.rows import article_rows, statement_rows
from kgapi.graph.schema import apply_schema
from kgapi.model import Extraction

WITH = q.MERGE_ARTICLES
WITHOUT = WITH.replace(", " + mention_keys.ON_CREATE, "")


def statement_only(
    driver: neo4j.Driver, database: str, batch: list[Extraction], rounds: int
) -> dict[str, list[float]]:
    """Seconds of `MERGE_ARTICLES` with and without the keys, alternating, per round."""
    rows = statement_rows([article_rows(e) for e in batch])
    wipe(driver, database)
    with driver.session(database=database) as session:
        for label, entity_rows in rows.entities.items():
            session.run(q.MERGE_ENTITIES[label], rows=entity_rows).consume()
    seconds: dict[str, list[float]] = {"with": [], "without": []}
    for round_ in range(rounds):
        sides = ["with", "without"] if round_ % 2 == 0 else ["without", "with"]
        for side in sides:
            statement = WITH if side == "with" else WITHOUT
            with driver.session(database=database) as session:
                session.run(_DELETE_ARTICLES).consume()
                started = time.perf_counter()
                for i in range(0, len(rows.articles), 100):
                    chunk = rows.articles[i : i + 100]
                    session.execute_write(_write, statement, chunk)
                seconds[side].append(time.perf_counter() - started)
            _report(round_, side, seconds[side][-1], len(batch))
    return seconds


def _write(tx: neo4j.ManagedTransaction, statement: str, rows: list[dict[str, object]]) -> None:
    tx.run(statement, rows=rows).consume()


_DELETE_ARTICLES = """
MATCH (a:Article) CALL (a) { DETACH DELETE a } IN TRANSACTIONS OF 200 ROWS
"""


def _report(round_: int, side: str, seconds: float, n: int) -> None:
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"round {round_ + 1} {side:7} {seconds:6.1f} s {n / seconds:5.1f} articles/s (load {load})",
        file=sys.stderr,
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=500, help="articles per run")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--dup-rate", type=float, default=0.3)
    parser.add_argument(
        "--statement", action="store_true", help="time only the article statement (above)"
    )
    args = parser.parse_args()
    assert WITHOUT != WITH, "the keys were not found in MERGE_ARTICLES"
    settings = Settings()
    database = settings.neo4j_database
    batch = variants(seed_extraction(), args.n, args.dup_rate)
    seconds: dict[str, list[float]] = {"with": [], "without": []}
    driver = sync_driver(settings)
    try:
        apply_schema(driver, database)
        if args.statement:
            seconds = statement_only(driver, database, batch, args.rounds)
        for round_ in range(0 if args.statement else args.rounds):
            sides = ["with", "without"] if round_ % 2 == 0 else ["without", "with"]
            for side in sides:
                q.MERGE_ARTICLES = WITH if side == "with" else WITHOUT
                figure = bench_write(driver, database, batch, settings.batch_size, 100)
                seconds[side].append(figure.seconds)
                _report(round_, side, figure.seconds, args.n)
    finally:
        q.MERGE_ARTICLES = WITH
        driver.close()
    med = {side: statistics.median(s) for side, s in seconds.items()}
    what = "the article statement" if args.statement else "the writer"
    print(
        f"{what}, median seconds for {args.n} articles: with keys {med['with']:.1f}, "
        f"without {med['without']:.1f}; with/without {med['with'] / med['without']:.3f}; "
        f"runs with: {[round(s, 1) for s in seconds['with']]}, "
        f"without: {[round(s, 1) for s in seconds['without']]}"
    )


if __name__ == "__main__":
    main()
