"""Neo4j killed (`kill -9`) in the middle of `kgapi load` of 2,000 articles, restarted, the
load run again: the graph equals a clean load of the same input, every article is loaded
exactly once, and the first run's exit code and report say which articles were not written.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest

from kgapi.graph.stats import GraphChecksum, graph_checksum, graph_counts
from tests.faults.own_neo4j import OwnNeo4j

pytestmark = pytest.mark.slow

# The time of the write differs between two loads of the same input; nothing else may.
VOLATILE = ("ingested_at",)
SUMMARY = re.compile(
    r"articles read (\d+) / loaded (\d+) / replaced (\d+) / unchanged (\d+) / failed (\d+)"
)
NOT_WRITTEN = re.compile(r"^FAILED (.+?) \[(article:\w+)\] \(write\): not written \((.*)", re.M)


def _fingerprint(own: OwnNeo4j) -> tuple[dict[str, int], GraphChecksum]:
    with own.driver() as drv:
        db = own.settings.neo4j_database
        return graph_counts(drv, db), graph_checksum(drv, db, ignore=VOLATILE)


def _article_ids(own: OwnNeo4j) -> set[str]:
    with own.driver() as drv:
        records, _, _ = drv.execute_query("MATCH (a:Article) RETURN a.id AS id")
        return {r["id"] for r in records}


def _summary(output: str) -> dict[str, int]:
    match = SUMMARY.search(output)
    assert match, output[-2000:]
    keys = ("read", "loaded", "replaced", "unchanged", "failed")
    return dict(zip(keys, map(int, match.groups()), strict=True))


def _kill_mid_load(own: OwnNeo4j, directory: Path) -> tuple[int, str, str, int]:
    """Start `kgapi load`, SIGKILL Neo4j once some articles are committed; the loader's
    exit code, stdout, stderr, and how many articles were in the graph at the kill."""
    pid = own.pid()
    loader = own.popen("load", "--no-progress", str(directory))
    with own.driver() as drv:
        deadline = time.monotonic() + 300
        while True:
            records, _, _ = drv.execute_query("MATCH (a:Article) RETURN count(a) AS n")
            committed = int(records[0]["n"])
            if committed >= 300:
                break  # a transaction is committed; the next one is on its way

            assert loader.poll() is None, loader.communicate()
            assert time.monotonic() < deadline, "the load wrote nothing in 5 minutes"
            time.sleep(0.05)
    time.sleep(0.2)  # into the next transaction
    os.kill(pid, signal.SIGKILL)
    assert committed < 2000, "the load finished before the kill: nothing was tested"
    # The driver retries a lost connection for up to 30 s before the loader gives up.
    out, err = loader.communicate(timeout=180)
    return loader.returncode, out, err, committed


def test_kill_9_mid_load_then_rerun_equals_a_clean_load(
    own_neo4j: OwnNeo4j, generated_articles: list[Path]
) -> None:
    directory = generated_articles[0].parent
    ids = {f"article:bench{i:011d}" for i in range(2000)}

    own_neo4j.wipe()
    clean = own_neo4j.kgapi("load", "--no-progress", str(directory))
    assert clean.returncode == 0, clean.stderr[-2000:]
    assert _summary(clean.stdout)["loaded"] == 2000
    clean_counts, clean_sum = _fingerprint(own_neo4j)
    assert clean_counts["Article"] == 2000

    own_neo4j.wipe()
    code, out, err, committed = _kill_mid_load(own_neo4j, directory)

    # The first run: exit 2, and every article it did not write listed by id.
    assert code == 2, (code, out[-1000:], err[-3000:])
    first = _summary(out)
    assert first["read"] == 2000 and first["replaced"] == first["unchanged"] == 0
    listed = {aid for _, aid, _ in NOT_WRITTEN.findall(err)}
    assert len(listed) == first["failed"] == 2000 - first["loaded"], err[-3000:]
    assert first["loaded"] >= committed >= 300
    assert "the load stopped" in err and f"{len(listed)} articles were not written" in err
    unknown = {aid for _, aid, why in NOT_WRITTEN.findall(err) if "outcome is unknown" in why}

    # Restarted after the kill (Neo4j recovers from its transaction log): the graph holds
    # exactly the articles the report did not list (those of a commit whose outcome the
    # loader could not know may be either).
    own_neo4j.server.start(timeout=300)
    present = _article_ids(own_neo4j)
    assert present - unknown == ids - listed, "the report's 'not written' list is wrong"

    # The same load again: exactly the missing articles are written, the rest unchanged.
    again = own_neo4j.kgapi("load", "--no-progress", str(directory))
    assert again.returncode == 0, again.stderr[-2000:]
    second = _summary(again.stdout)
    assert second["failed"] == second["replaced"] == 0
    assert second["loaded"] == len(ids - present)
    assert second["unchanged"] == len(present)
    assert first["loaded"] + second["loaded"] + len(unknown & present) == 2000

    counts, checksum = _fingerprint(own_neo4j)
    print(
        f"\nkill -9 at {committed} articles committed: first run exit {code}, loaded"
        f" {first['loaded']}, not written {len(listed)} (commit outcome unknown: {len(unknown)},"
        f" of which in the graph: {len(unknown & present)}); re-run loaded {second['loaded']},"
        f" unchanged {second['unchanged']}; graph {checksum.nodes} nodes,"
        f" {checksum.relationships} relationships, sha256 {checksum.sha256[:16]}…"
        f" (clean load: {clean_sum.sha256[:16]}…)"
    )
    assert counts == clean_counts
    assert checksum == clean_sum
