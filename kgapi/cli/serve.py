"""`kgapi serve`: run the API under uvicorn."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import neo4j
    from fastapi import FastAPI

    from kgapi.config import Settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, envvar="KGAPI_HOST")
@click.option("--port", default=8000, show_default=True, envvar="KGAPI_PORT", type=int)
@click.option(
    "--wait",
    "wait_seconds",
    default=0.0,
    type=float,
    help="Wait up to this many seconds for Neo4j to answer before serving (containers).",
)
@click.option(
    "--seed-if-empty",
    type=click.Path(exists=True, path_type=Path),
    help="Load these articles first when the graph holds no article yet.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    envvar="KGAPI_WORKERS",
    type=click.IntRange(min=0),
    help="API processes (uvicorn workers); 0: one per CPU core.",
)
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(
    host: str,
    port: int,
    wait_seconds: float,
    seed_if_empty: Path | None,
    workers: int,
    reload: bool,
) -> None:
    """Serve the REST and GraphQL API (GraphiQL at /graphql, OpenAPI at /docs).

    The schema is applied at start-up. With --wait and --seed-if-empty this is the whole
    start-up of a container: wait for Neo4j, load the seeds into an empty graph, serve.
    With --workers N, N processes share the port; each has its own driver, DataLoaders and
    concurrency gate (nothing is shared between them but Neo4j).
    """
    import uvicorn

    from kgapi.config import Settings
    from kgapi.graph.driver import sync_driver, wait_until_available

    settings = Settings()
    if wait_seconds > 0 or seed_if_empty:
        with sync_driver(settings) as driver:
            if not wait_until_available(driver, timeout=max(wait_seconds, 1.0)):
                raise click.ClickException(
                    f"Neo4j at {settings.neo4j_uri} did not answer within {wait_seconds:.0f}s"
                )
            if seed_if_empty:
                _seed_if_empty(settings, driver, seed_if_empty)
    from kgapi.api.request_logging import uvicorn_log_config

    log_config = uvicorn_log_config()  # the request id in every log line
    if reload:  # the reloader re-imports the app from its import string
        uvicorn.run(
            "kgapi.api.app:create_app",
            factory=True,
            host=host,
            port=port,
            reload=True,
            log_config=log_config,
            access_log=False,  # the app writes its own (AccessLogMiddleware)
            proxy_headers=False,  # the client address: KGAPI_TRUSTED_PROXY_HEADER only
        )
        return
    processes = workers or os.cpu_count() or 1
    if processes > 1:  # each worker imports the app through `worker_app` on its own
        uvicorn.run(
            "kgapi.cli.serve:worker_app",
            factory=True,
            host=host,
            port=port,
            workers=processes,
            log_config=log_config,
            access_log=False,
        )
        return
    from kgapi.api.app import create_app

    app = create_app(settings)
    tune_garbage_collector()
    # The app writes its own access log (AccessLogMiddleware), off the response's path.
    # proxy_headers=False: uvicorn would otherwise believe X-Forwarded-For from 127.0.0.1
    # by default; the client address (rate limits) comes from KGAPI_TRUSTED_PROXY_HEADER
    # and KGAPI_TRUSTED_PROXIES only.
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_config=log_config,
        access_log=False,
        proxy_headers=False,
    )


def worker_app() -> FastAPI:
    """The app of one `--workers` process: its own settings (from the environment, as the
    parent read them), driver and caches, and the collector tuned as for one process."""
    from kgapi.api.app import create_app

    app = create_app()
    tune_garbage_collector()
    return app


def tune_garbage_collector() -> None:
    """Collector settings for a long-running API process.

    Everything made while importing and building the app lives as long as the process:
    frozen, full collections no longer walk it. A request allocates thousands of
    short-lived objects (rows, models, GraphQL results), so the youngest generation gets
    a larger threshold than Python's 700 and is collected a few times per request
    instead of dozens. What it saves on the headline query is in docs/benchmarks.md.
    """
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 100)


def _seed_if_empty(settings: Settings, driver: neo4j.Driver, seeds: Path) -> None:
    """Load `seeds` when the graph holds no article (a fresh container volume)."""
    from kgapi.graph.schema import apply_schema
    from kgapi.graph.stats import count_articles
    from kgapi.pipeline import load_paths

    apply_schema(driver, settings.neo4j_database)
    if count_articles(driver, settings.neo4j_database) == 0:
        report = load_paths([seeds], settings)
        click.echo(report.summary())
