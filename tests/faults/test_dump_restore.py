"""`kgapi neo4j dump FILE` / `kgapi neo4j restore FILE`: neo4j-admin from the managed server's
own jars, round trip to identical counts and checksum; a file that is no dump leaves the
graph as it was.
"""

from __future__ import annotations

from pathlib import Path

from kgapi.graph.stats import GraphChecksum, graph_checksum, graph_counts
from tests.faults.own_neo4j import OwnNeo4j


def _fingerprint(own: OwnNeo4j) -> tuple[dict[str, int], GraphChecksum]:
    with own.driver() as drv:
        db = own.settings.neo4j_database
        return graph_counts(drv, db), graph_checksum(drv, db)


def test_dump_then_restore_gives_back_the_same_graph_and_a_bad_file_changes_nothing(
    own_neo4j: OwnNeo4j, generated_articles: list[Path], tmp_path: Path
) -> None:
    own_neo4j.wipe()
    loaded = own_neo4j.kgapi("load", "--no-progress", *map(str, generated_articles[:200]))
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    before = _fingerprint(own_neo4j)
    assert before[0]["Article"] == 200

    dump_file = tmp_path / "graph.dump"
    dumped = own_neo4j.kgapi("neo4j", "dump", str(dump_file))
    assert dumped.returncode == 0, dumped.stderr[-3000:]
    assert "Community cannot dump or load a database it has mounted" in dumped.stdout
    assert dump_file.stat().st_size > 0
    assert own_neo4j.server.status().running  # started again
    assert _fingerprint(own_neo4j) == before

    # Refused: the file exists.
    again = own_neo4j.kgapi("neo4j", "dump", str(dump_file))
    assert again.returncode == 1 and "exists" in again.stderr and "--force" in again.stderr

    # The graph changes (more articles, one deleted), then the dump comes back.
    more = own_neo4j.kgapi("load", "--no-progress", *map(str, generated_articles[200:260]))
    assert more.returncode == 0, more.stderr[-2000:]
    assert own_neo4j.kgapi("delete", "article:bench00000000007").returncode == 0

    changed = _fingerprint(own_neo4j)
    assert changed != before

    # A file that is no dump: refused, and the graph stays as it was.
    junk = tmp_path / "not-a.dump"
    junk.write_bytes(b"this is not a Neo4j dump\n" * 100)
    refused = own_neo4j.kgapi("neo4j", "restore", "--yes", str(junk))
    assert refused.returncode == 1, refused.stdout
    assert "neo4j-admin database load failed" in refused.stderr
    assert own_neo4j.server.status().running
    assert _fingerprint(own_neo4j) == changed

    restored = own_neo4j.kgapi("neo4j", "restore", "--yes", str(dump_file))
    assert restored.returncode == 0, restored.stderr[-3000:]
    assert "Restored database 'neo4j'" in restored.stdout
    assert own_neo4j.server.status().running
    assert _fingerprint(own_neo4j) == before
