"""Whole-graph figures: how many articles, nodes per label, relationships per type, and a
checksum of everything (to prove two graphs equal: after a crash and a re-run, after a
dump and a restore)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

import neo4j

_COUNT_ARTICLES = "MATCH (a:Article) RETURN count(a) AS n"

_COUNTS_BY_LABEL_AND_TYPE = """
CALL () { MATCH (n) UNWIND labels(n) AS label RETURN label AS key, count(*) AS n
          UNION ALL
          MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS n }
RETURN key, sum(n) AS n ORDER BY key
"""


def count_articles(driver: neo4j.Driver, database: str) -> int:
    """Number of articles in the graph (0 for a fresh volume that needs its seeds)."""
    records, _, _ = driver.execute_query(
        _COUNT_ARTICLES, database_=database, routing_=neo4j.RoutingControl.READ
    )
    return int(records[0]["n"])


def graph_counts(driver: neo4j.Driver, database: str) -> dict[str, int]:
    """Node counts per label and relationship counts per type: equal counts, equal graph."""
    records, _, _ = driver.execute_query(
        _COUNTS_BY_LABEL_AND_TYPE, database_=database, routing_=neo4j.RoutingControl.READ
    )
    return {record["key"]: int(record["n"]) for record in records}


# The whole graph as ordered rows, for `graph_checksum`. Every node but the schema-version
# record, by id (unique across labels: the ids carry their kind, `article:`, `claim:`,
# `person:`…); every relationship by type and its end points' ids. Cypher has no hash
# function (sha256 is APOC's, not Community's), so the caller hashes the rows in this order.
_CHECKSUM_NODES = """
MATCH (n) WHERE NOT n:KgapiSchema
RETURN n.id AS key, labels(n) AS labels, properties(n) AS props
ORDER BY key
"""

_CHECKSUM_RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN [type(r), a.id, b.id] AS key, properties(r) AS props
ORDER BY key
"""


@dataclass(frozen=True)
class GraphChecksum:
    """A fingerprint of the graph: equal checksums, equal graphs (ids, labels, properties,
    relationships), whatever the internal element ids or the order things were written in."""

    nodes: int
    relationships: int
    sha256: str


def _canonical(value: object) -> str:
    # Sorted keys; temporal values by their ISO text (str of neo4j.time types).
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def graph_checksum(
    driver: neo4j.Driver, database: str, *, ignore: Iterable[str] = ()
) -> GraphChecksum:
    """Counts and a sha256 over every node's id, labels and properties and every
    relationship's type, end points and properties, in the order Cypher sorts them.

    Args:
        ignore: property names left out, e.g. `ingested_at` (the time of the write) to
            compare a graph with a fresh load of the same input.
    """
    skip = frozenset(ignore)
    digest = hashlib.sha256()
    counts = {"nodes": 0, "relationships": 0}

    def feed(kind: str, query: str, fields: tuple[str, ...]) -> None:
        # Rows that share a sort key (two relationships of one type between the same
        # nodes) come in no defined order: sort such runs by their text before hashing.
        run_key: object = object()
        run: list[str] = []

        def flush() -> None:
            for text in sorted(run):
                digest.update(text.encode())
                digest.update(b"\n")
            run.clear()

        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            for record in session.run(query):
                props = {k: v for k, v in record["props"].items() if k not in skip}
                row = [kind, *(sorted(record[f]) if f == "labels" else record[f] for f in fields)]
                if record["key"] != run_key:
                    flush()
                    run_key = record["key"]
                run.append(_canonical([*row, props]))
                counts[kind] += 1
        flush()

    feed("nodes", _CHECKSUM_NODES, ("key", "labels"))
    feed("relationships", _CHECKSUM_RELATIONSHIPS, ("key",))
    return GraphChecksum(counts["nodes"], counts["relationships"], digest.hexdigest())
