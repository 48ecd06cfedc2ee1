"""The FastAPI app factory. No driver exists until the app starts; one per app."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import neo4j
from fastapi import FastAPI

from kgapi import __version__
from kgapi.api import health
from kgapi.api.change_feed import ChangeFeed
from kgapi.api.deps import reader_for
from kgapi.api.errors import install_error_handlers
from kgapi.api.explorer.routes import explorer_routes
from kgapi.api.graphql.endpoint import graphql_routes
from kgapi.api.metrics import install_metrics
from kgapi.api.middleware import install_middleware
from kgapi.api.rate_limiting import rate_limiter_for
from kgapi.api.request_logging import install_request_id_logging
from kgapi.api.rest import create_rest_router
from kgapi.api.security import key_ring_for
from kgapi.config import Settings
from kgapi.graph.availability import Availability
from kgapi.graph.driver import async_driver
from kgapi.graph.read_queries.warm_up import warm_up
from kgapi.graph.reader import Gate, GraphReader
from kgapi.graph.result_cache import ResultCache
from kgapi.graph.schema import apply_schema_async

logger = logging.getLogger(__name__)

DESCRIPTION = """
A knowledge graph of who said what, about whom, in the news.

* **Explorer** at [/explore](/explore): the graph drawn from the GraphQL API.
* **GraphQL** at [/graphql](/graphql) (GraphiQL in the browser; subscriptions over WebSocket).
* **REST** under `/api/v1`.
* Start with: `GET /api/v1/claims?speaker=Blinken&about=Ukraine`.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app. The Neo4j driver is created on start-up and closed on shutdown."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = async_driver(settings)
        app.state.driver = driver
        app.state.neo4j_gate = Gate(settings.neo4j_max_concurrency, settings.neo4j_queue_timeout)
        # Per process, as the gate: each worker keeps its own, checked against the graph.
        app.state.result_cache = (
            ResultCache(settings.result_cache_size) if settings.result_cache_size else None
        )
        availability = neo4j_availability(driver, settings)
        app.state.neo4j_availability = availability
        watch = asyncio.create_task(availability.run(), name="neo4j-availability")
        if settings.apply_schema_on_start:
            try:
                await apply_schema_async(driver, settings.neo4j_database)
            except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, OSError) as exc:
                # Serve anyway: /ready reports 503 and applies the schema once Neo4j is back.
                logger.warning("schema not applied at start-up: %s", exc)
        await availability.observe()  # when Neo4j started; DOWN if it does not answer
        # GraphQL subscriptions: one poll of the graph per process, for all subscribers.
        app.state.change_feed = ChangeFeed(
            lambda: reader_for(app.state),
            poll_interval=settings.subscription_poll_interval,
            lookback=settings.subscription_lookback,
            max_subscribers=settings.max_subscriptions,
            queue_size=settings.subscription_queue_size,
        )
        try:
            yield
        finally:
            await app.state.change_feed.close()
            watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watch
            await driver.close()

    app = FastAPI(
        title="kgapi",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.key_ring = key_ring_for(settings)  # API keys and their scopes
    app.state.rate_limiter = rate_limiter_for(settings)  # None: KGAPI_RATE_LIMITS=off
    metrics = install_metrics(app)
    install_request_id_logging()  # logging, not middleware: every record gets the id
    install_middleware(app, settings, metrics, app.state.rate_limiter)
    install_error_handlers(app)
    app.include_router(health.router)
    app.router.routes.extend(explorer_routes())  # the explorer page at / and /explore
    app.include_router(create_rest_router(settings), prefix="/api/v1")
    # First in the route table: matching /graphql is then one comparison, not a walk past
    # every REST route (its cost in docs/benchmarks.md).
    app.router.routes[0:0] = graphql_routes(settings)
    return app


def neo4j_availability(driver: neo4j.AsyncDriver, settings: Settings) -> Availability:
    """The process's verdict on Neo4j (`kgapi.graph.availability`): probed with a trivial
    read, warmed with the API's hot reads (`read_queries.warm_up`), both on readers of
    their own that the verdict does not refuse."""

    def reader() -> GraphReader:
        return GraphReader(
            driver=driver,
            database=settings.neo4j_database,
            timeout=settings.neo4j_query_timeout,
            grace=settings.neo4j_query_timeout + settings.neo4j_connect_timeout,
        )

    async def probe() -> object:
        # An answer from the database, and when the server (its JVM) started: a restart
        # calls for a warm-up. (`lastStartTime` of SHOW DATABASE does not change when
        # Community restarts.) A server that refuses the procedure (a managed service)
        # gives no start time: every outage then ends with a warm-up.
        try:
            rows = await reader().read(
                "CALL dbms.queryJmx('java.lang:type=Runtime') YIELD attributes "
                "RETURN attributes.StartTime.value AS started",
                name="probe",
            )
        except neo4j.exceptions.ClientError:
            await reader().read("RETURN 1 AS ok", name="probe")
            return None
        return rows[0]["started"] if rows else None

    return Availability(
        probe,
        lambda: warm_up(reader()),
        # A starting database may hold a transaction's start: one probe waits at most a
        # query's timeout plus the connect timeout, then the next one tries.
        probe_timeout=settings.neo4j_query_timeout + settings.neo4j_connect_timeout,
        warm_up_timeout=settings.neo4j_warm_up_timeout,
    )
