"""FastAPI dependencies as typed aliases: handlers declare what they need.

Each is an `async def`, though none awaits anything: FastAPI runs a plain `def`
dependency in its thread pool, a hand-off to a worker thread and back for every
dependency of every request (figures in docs/benchmarks.md, "The API's own CPU").
"""

from __future__ import annotations

import contextlib
from typing import Annotated, Any

import neo4j
from fastapi import Depends, Request

from kgapi.config import Settings
from kgapi.graph.reader import GraphReader


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_driver(request: Request) -> neo4j.AsyncDriver:
    driver: neo4j.AsyncDriver = request.app.state.driver
    return driver


async def get_reader(request: Request) -> GraphReader:
    """A reader per request, so its round-trip count and timings belong to this request."""
    return reader_for(request.app.state)


def reader_for(app_state: Any) -> GraphReader:
    """A new reader on the app's driver (a request's, a WebSocket's, the change feed's)."""
    settings: Settings = app_state.settings
    return GraphReader(
        driver=app_state.driver,
        database=settings.neo4j_database,
        timeout=settings.neo4j_query_timeout,
        # Metrics (kgapi.api.metrics) observe every query's Neo4j time.
        observers=list(getattr(app_state, "query_observers", [])),
        # The process's one gate (made at start-up): bounds its concurrent Neo4j work.
        gate=getattr(app_state, "neo4j_gate", None),
        # The process's verdict on Neo4j (made at start-up): a fast 503 while it is away.
        availability=getattr(app_state, "neo4j_availability", None),
        grace=_grace(settings),
        # The process's cache of expensive results (made at start-up), checked against
        # the graph's data version on every use.
        result_cache=getattr(app_state, "result_cache", None),
    )


def _grace(settings: Settings) -> float:
    """How long past its server-side timeout a read may go unanswered (see
    `GraphReader.grace`): the timeout again (Neo4j ends a transaction up to its monitor's
    2 s late, later on a saturated machine) plus the connect timeout."""
    return settings.neo4j_query_timeout + settings.neo4j_connect_timeout


def neo4j_watch(app_state: Any) -> contextlib.AbstractContextManager[None]:
    """Around Neo4j work that does not go through a reader (/cypher, ingest, delete): a
    fast 503 while Neo4j is away or warming up, and an outage it runs into noted."""
    availability = getattr(app_state, "neo4j_availability", None)
    if availability is None:
        return contextlib.nullcontext()
    watching: contextlib.AbstractContextManager[None] = availability.watching()
    return watching


SettingsDep = Annotated[Settings, Depends(get_settings)]
DriverDep = Annotated[neo4j.AsyncDriver, Depends(get_driver)]
ReaderDep = Annotated[GraphReader, Depends(get_reader)]
