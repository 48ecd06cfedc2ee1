"""The one door through which the API reads the graph.

Every read query (REST and GraphQL alike) goes through `GraphReader.read`, which runs it
in an auto-commit read transaction with a server-side timeout, counts round trips (the GraphQL
N+1 test reads the count) and records Neo4j time for the metrics.

Under load it also
- waits for a slot of the process's `Gate` (at most `limit` queries in Neo4j at once;
  a query that waits longer than the queue timeout fails with `GraphBusy`, a 503), so a
  burst of clients queues in the API instead of piling onto Neo4j and its pool;
- retries a transient error Neo4j reports (a memory pool exhausted by concurrent
  queries, a deadlock) a few times after a short pause. The driver's own retries are
  off (`kgapi.graph.driver.async_driver`): they also retry an unreachable server, which
  must be reported within `neo4j_connect_timeout`, and their first pause is a second;
- refuses at once while the process's `Availability` says Neo4j is down or warming up
  (`kgapi.graph.availability`), and bounds every query on its side too (`Unresponsive`
  after the server-side timeout plus `grace`): no read waits on Neo4j unbounded.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, LiteralString

import neo4j

from kgapi.graph.errors import GraphBusy, Unresponsive, is_retryable

if TYPE_CHECKING:
    from kgapi.graph.availability import Availability
    from kgapi.graph.result_cache import ResultCache

QueryObserver = Callable[[str, float], None]
"""Called after each query with a short query name and its duration in seconds."""


#: Pauses before the retries of a transient error, seconds (jittered by up to half).
RETRY_PAUSES = (0.05, 0.2)


class Gate:
    """At most `limit` concurrent Neo4j queries in this process; the rest wait in line
    for up to `timeout` seconds. One per app (per worker process), made in its event loop.
    """

    def __init__(self, limit: int, timeout: float) -> None:
        self.limit = limit
        self.timeout = timeout
        self._slots = asyncio.Semaphore(limit)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the duration of the block; `GraphBusy` after `timeout`."""
        try:
            async with asyncio.timeout(self.timeout):
                await self._slots.acquire()
        except TimeoutError:
            raise GraphBusy(
                f"{self.limit} Neo4j queries already running for {self.timeout:g} s"
            ) from None
        try:
            yield
        finally:
            self._slots.release()


@dataclass
class GraphReader:
    """Runs parameterised read queries against one database."""

    driver: neo4j.AsyncDriver
    database: str
    timeout: float = 10.0
    observers: list[QueryObserver] = field(default_factory=list)
    round_trips: int = 0
    gate: Gate | None = None
    retry_pauses: tuple[float, ...] = RETRY_PAUSES
    availability: Availability | None = None
    """The process's verdict on Neo4j: while it is not ready, reads fail at once
    (`Neo4jNotReady`); an outage a read runs into turns it to down."""
    grace: float = 2.0
    """Seconds past `timeout` a query may take before it is `Unresponsive`: Neo4j's
    server-side timeout has ended it long before, so no answer means no server."""
    result_cache: ResultCache | None = None
    """The process's cache of expensive results (`result_cache`), for the query functions
    that use one; None: every read goes to Neo4j."""

    async def read(
        self, query: LiteralString, parameters: Mapping[str, Any] | None = None, *, name: str = ""
    ) -> list[dict[str, Any]]:
        """Run `query` with `parameters` in a read transaction; rows as plain dicts.

        Queries return maps, lists and scalars (projections, not nodes or paths).
        """
        if self.availability is not None:
            # Refused before it counts: no round trip, no Neo4j time in the metrics.
            self.availability.check()
        self.round_trips += 1
        started = time.perf_counter()
        try:
            records = await self._records(query, dict(parameters or {}))
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

    async def _records(self, query: LiteralString, parameters: dict[str, Any]) -> list[Any]:
        """The query's records, unless Neo4j is known to be away."""
        if self.availability is None:
            return await self._attempts(query, parameters)
        with self.availability.watching():
            return await self._attempts(query, parameters)

    async def _attempts(self, query: LiteralString, parameters: dict[str, Any]) -> list[Any]:
        """The query's records, through the gate, retried while Neo4j says transient."""
        for attempt in range(len(self.retry_pauses) + 1):
            try:
                if self.gate is None:
                    return await self._run(query, parameters)
                async with self.gate.slot():
                    return await self._run(query, parameters)
            except neo4j.exceptions.Neo4jError as error:
                if attempt == len(self.retry_pauses) or not is_retryable(error):
                    raise
            pause = self.retry_pauses[attempt]
            await asyncio.sleep(pause * (1 + random.random() / 2))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _run(self, query: LiteralString, parameters: dict[str, Any]) -> list[Any]:
        # Bounded on our side too: the server-side timeout starts only once a transaction
        # has begun, and a database still starting, or a hung server, never begins it.
        limit = self.timeout + self.grace
        try:
            async with (
                asyncio.timeout(limit),
                # An auto-commit transaction (one round trip: RUN and PULL), not
                # `execute_query`'s managed one (BEGIN, RUN, PULL, then a COMMIT round
                # trip): a read has nothing to commit, and the COMMIT was a third of the
                # driver's CPU per query (docs/benchmarks.md, "The API's own CPU").
                # Retries are ours (`_attempts`) either way; the bookmark manager is
                # `execute_query`'s, so reads stay causally after this driver's writes.
                self.driver.session(
                    database=self.database,
                    default_access_mode=neo4j.READ_ACCESS,
                    bookmark_manager=self.driver.execute_query_bookmark_manager,
                ) as session,
            ):
                result = await session.run(neo4j.Query(query, timeout=self.timeout), parameters)
                return [record async for record in result]
        except TimeoutError:
            raise Unresponsive(f"Neo4j did not answer a query within {limit:g} s") from None
