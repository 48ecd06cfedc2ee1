"""The one door through which the API reads the graph.

Every read query (REST and GraphQL alike) goes through `GraphReader.read`, which runs it
in a read transaction with a server-side timeout, counts round trips (the GraphQL
N+1 test reads the count) and records Neo4j time for the metrics.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, LiteralString

import neo4j

QueryObserver = Callable[[str, float], None]
"""Called after each query with a short query name and its duration in seconds."""


@dataclass
class GraphReader:
    """Runs parameterised read queries against one database."""

    driver: neo4j.AsyncDriver
    database: str
    timeout: float = 10.0
    observers: list[QueryObserver] = field(default_factory=list)
    round_trips: int = 0

    async def read(
        self, query: LiteralString, parameters: Mapping[str, Any] | None = None, *, name: str = ""
    ) -> list[dict[str, Any]]:
        """Run `query` with `parameters` in a read transaction; rows as plain dicts.

        Queries return maps, lists and scalars (projections, not nodes or paths).
        """
        self.round_trips += 1
        started = time.perf_counter()
        try:
            records, _, _ = await self.driver.execute_query(
                neo4j.Query(query, timeout=self.timeout),
                parameters_=dict(parameters or {}),
                database_=self.database,
                routing_=neo4j.RoutingControl.READ,
            )
        finally:
            elapsed = time.perf_counter() - started
            for observe in self.observers:
                observe(name or "query", elapsed)
        if not records:
            return []
        # Plain dicts of the values as the driver gives them: the queries return maps,
        # lists and scalars, never nodes, so `Record.data()`'s recursive conversion
        # (a tenth of an API request's CPU on a page of claims) has nothing to do.
        keys = records[0].keys()
        return [dict(zip(keys, record, strict=True)) for record in records]
