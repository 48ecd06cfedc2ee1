"""What the integration tests look at in the graph: counts by label and type, and plain
reads (`Graph`, given by the `graph` fixture of this package's conftest.py)."""

from __future__ import annotations

from typing import Any

import neo4j


def counts(drv: neo4j.Driver, database: str) -> dict[str, int]:
    """Node counts by label and relationship counts by type."""
    records, _, _ = drv.execute_query(
        """
        CALL () { MATCH (n) WHERE NOT n:KgapiSchema UNWIND labels(n) AS label
                  RETURN label AS key, count(*) AS n
                  UNION ALL
                  MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS n }
        RETURN key, sum(n) AS n ORDER BY key
        """,
        database_=database,
    )
    return {record["key"]: record["n"] for record in records}


def query(drv: neo4j.Driver, database: str, cypher: str, **params: Any) -> list[dict[str, Any]]:
    """Run a read and return plain dicts."""
    records, _, _ = drv.execute_query(cypher, params, database_=database)
    return [record.data() for record in records]


class Graph:
    """What the tests look at: counts and plain reads on the test database."""

    def __init__(self, drv: neo4j.Driver, database: str) -> None:
        self.driver = drv
        self.database = database

    def counts(self) -> dict[str, int]:
        return counts(self.driver, self.database)

    def query(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        return query(self.driver, self.database, cypher, **params)
