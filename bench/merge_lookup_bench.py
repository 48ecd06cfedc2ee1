"""What the duplicate check reads back for one new statement after N statements of the same
speaker that share a common opening (run by hand, not a test).

    NEO4J_URI=... NEO4J_PASSWORD=... .venv/bin/python bench/merge_lookup_bench.py --n 100 --n 1000

WIPES THE TARGET DATABASE. For each N: writes N different statements of one made-up
speaker, all starting "We will continue to" (the speaker's hash of "we will continue" is
small, so winnowing selects that 3-gram in nearly every one of them: the key they share),
ten an article, through `GraphWriter.write_many`; then PROFILEs the lookup
(`write_queries.CLAIMS_BY_KEYS`) for one new statement with the same opening and no other
shared words, and prints the claims it reads back and the lookup's db hits. Runs with
an older writer too (`PYTHONPATH=<its worktree>`): without tags it looks up the keys alone.

Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

# For `tests.helpers` only: appended, so an older writer on PYTHONPATH still wins for kgapi.
sys.path.append(str(Path(__file__).resolve().parent.parent))

from kgapi.config import Settings
from kgapi.graph import claim_merge
from kgapi.graph import write_queries as q
from kgapi.graph.driver import sync_driver
from kgapi.graph.rows import article_rows
from kgapi.graph.schema import apply_schema
from kgapi.graph.writer import GraphWriter
from kgapi.model import Extraction, entity_id
from tests.helpers import quotes_article

SPEAKER = "Fenn Jessup"  # tests/integration/test_merge_candidates.py's speaker
SPEAKER_ID = entity_id("person", SPEAKER)


def word(i: int) -> str:
    """A made-up word of its own for every i < 70**4 (letters only: no numbers)."""
    out = ""
    for _ in range(4):
        out += "bdfgklmnprstvz"[i % 14] + "aeiou"[i // 14 % 5]
        i //= 70
    return out


def quote(i: int) -> str:
    """Statement i: the common opening and four words no other statement has."""
    return "We will continue to " + " ".join(word(4 * i + j) for j in range(4)) + "."


def article(url: str, quotes: list[str]) -> Extraction:
    """An article in which the speaker says each of `quotes`, one sentence each."""
    return quotes_article(url, SPEAKER, quotes, source="Bench Wire")


def db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(db_hits(child) for child in plan.get("children", []))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, action="append", help="statements (repeatable)")
    args = parser.parse_args()
    settings = Settings()
    database = settings.neo4j_database
    new = article("https://bench.example/jessup/new", [quote(10**6)])
    print("| statements sharing the opening | claims read back | lookup db hits |")
    print("|---:|---:|---:|")
    with sync_driver(settings) as driver:
        apply_schema(driver, database)
        for n in args.n or [100, 1000]:
            with driver.session(database=database) as session:
                session.run(
                    "MATCH (n) WHERE NOT n:KgapiSchema "
                    "CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"
                ).consume()
            writer = GraphWriter(driver, database)
            batch = [
                article(f"https://bench.example/jessup/{k}", [quote(i) for i in range(k, k + 10)])
                for k in range(0, n, 10)
            ]
            assert all(result.ok for result in writer.write_many(batch))
            reports = article_rows(new).reports()
            if hasattr(claim_merge, "probes_of"):
                keys, tags = claim_merge.probes_of(reports)
                params: dict[str, Any] = {"keys": keys, "tags": tags}
            else:  # a writer before tags: the keys alone
                params = {"keys": sorted({key for r in reports for key in r.probes})}
            with driver.session(database=database) as session:
                result = session.run("PROFILE " + q.CLAIMS_BY_KEYS, params)
                read = len(list(result))
                profile = result.consume().profile
            print(f"| {n:,} | {read:,} | {db_hits(profile or {}):,} |")


if __name__ == "__main__":
    main()
