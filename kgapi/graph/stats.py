"""Whole-graph figures: how many articles, nodes per label, relationships per type."""

from __future__ import annotations

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
