"""`kgapi load PATH...` and `kgapi delete ARTICLE_ID`: thin wrappers over the pipeline."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from kgapi.config import Settings

if TYPE_CHECKING:
    from rich.progress import TaskID

    from kgapi.pipeline import LoadReport

logger = logging.getLogger(__name__)


def _check_managed_storage(settings: Settings) -> None:
    """Loading into the managed server: refuse at once, saying why, when it could not write
    (read-only data directory, full disk), instead of failing article after article."""
    from kgapi.graph.server import ManagedNeo4j, Neo4jServerError, points_at

    if not points_at(settings.neo4j_uri, settings.bolt_port) or not settings.neo4j_home.exists():
        return  # a Neo4j of the user's own: its disk is its own business
    try:
        ManagedNeo4j(settings).check_storage()
    except Neo4jServerError as error:
        click.echo(f"error: cannot load into the managed Neo4j: {error}", err=True)
        if error.hint:
            click.echo(f"Hint: {error.hint}", err=True)
        sys.exit(2)


@click.command("load")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extraction processes (writing stays ordered, in one thread).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=None,
    help="Rows per UNWIND batch (default: KGAPI_BATCH_SIZE, 500).",
)
@click.option(
    "--no-progress", is_flag=True, help="No progress bar (it is off anyway without a TTY)."
)
@click.option(
    "--if-empty",
    is_flag=True,
    help="Load only into a graph that holds no article yet (a fresh volume's seeds).",
)
@click.option(
    "--watch",
    is_flag=True,
    help="PATHS are directories: load them, then keep loading the files that appear or"
    " change in them, until Ctrl-C.",
)
def load(
    paths: tuple[str, ...],
    workers: int,
    batch_size: int | None,
    no_progress: bool,
    if_empty: bool,
    watch: bool,
) -> None:
    """Load articles into the graph: files, directories, globs, URLs, or - for stdin.

    Reads plain text, JSON, JSON Lines and HTML articles, RSS/Atom feeds (one article per
    entry), WARC web archives (.warc, .warc.gz: one per HTML page), http(s) URLs (a page or
    a feed), and pre-extracted JSON in the `kgapi extract --json` contract. With --watch,
    keeps loading new and changed files in the given directories. Loading the same input
    again changes nothing; a
    changed article replaces its own claims and mentions. Exit code 1 if any article
    failed (each is listed with its reason); 2 if Neo4j could not be used: at the start
    (nothing written), or lost mid-way (killed, restarted): the load stops, what was
    committed stays, and every article not written is listed — run the same load again
    once Neo4j is back and it writes exactly those.
    """
    from neo4j.exceptions import AuthError, DriverError, Neo4jError
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from kgapi.pipeline import ArticleOutcome, load_paths

    if watch:
        not_dirs = [p for p in paths if not Path(p).is_dir()]
        if not_dirs:
            raise click.UsageError(f"--watch takes directories; not a directory: {not_dirs[0]}")
    settings = Settings()
    if batch_size is not None:
        settings = settings.model_copy(update={"batch_size": batch_size})
    _check_managed_storage(settings)
    console = Console(stderr=True)
    show_progress = not no_progress and console.is_terminal

    progress = Progress(
        SpinnerColumn(),
        TextColumn("loading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[last]}"),
        TimeElapsedColumn(),
        console=console,
        disable=not show_progress,
        transient=True,
    )
    task = progress.add_task("load", total=None, last="")
    records: list[TaskID] = []  # the WARC records' task, once a WARC file is read

    def on_progress(outcome: ArticleOutcome) -> None:
        label = outcome.status if outcome.ok else "FAILED"
        progress.update(task, advance=1, last=f"{label} {outcome.origin}"[-60:])

    def on_record() -> None:
        if not records:
            records.append(progress.add_task("records", total=None, last="WARC records"))
        progress.update(records[0], advance=1)

    try:
        if if_empty and _holds_articles(settings):
            click.echo("the graph already holds articles: nothing loaded (--if-empty)")
            return
        if not watch:
            with progress:
                report = load_paths(
                    paths,
                    settings,
                    workers=workers,
                    on_progress=on_progress,
                    on_record=on_record,
                )
            _report(report, settings, exit_on_failure=True)
        else:
            _watch([Path(p) for p in paths], settings, workers)
    except (DriverError, AuthError, Neo4jError, RuntimeError) as error:
        # No article's fault: the database is unreachable, refuses us, or is not set up.
        click.echo(f"error: cannot load into Neo4j at {settings.neo4j_uri}: {error}", err=True)
        sys.exit(2)


def _watch(directories: list[Path], settings: Settings, workers: int) -> None:
    """Load what appears or changes in `directories` until Ctrl-C (exit 0), or until
    Neo4j goes away (exit 2).

    Ctrl-C asks the watch to stop (a batch being loaded finishes first: nothing is left
    half-written); a second Ctrl-C stops at once. Stopping through the watch's own stop
    event rather than a `KeyboardInterrupt` raised wherever the main thread happens to be
    (inside the file watcher's native code, the driver) is what makes the exit prompt."""
    import signal
    import threading

    from kgapi.pipeline import watch_and_load

    where = ", ".join(str(d) for d in directories)
    stop = threading.Event()

    def ready() -> None:
        click.echo(f"watching {where} for new and changed files (Ctrl-C to stop)", err=True)

    def interrupted(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        stopped = watch_and_load(
            directories,
            settings,
            workers=workers,
            on_ready=ready,
            on_batch=lambda report: _report(report, settings, exit_on_failure=False),
            stop_event=stop,
        )
    except KeyboardInterrupt:
        stopped = None
    finally:
        signal.signal(signal.SIGINT, previous)
    if stopped is not None:
        sys.exit(2)  # `_report` has said why
    click.echo("stopped watching", err=True)


def _report(report: LoadReport, settings: Settings, *, exit_on_failure: bool) -> None:
    """Print a load's failures and summary; exit 2 if it stopped (Neo4j went away), and,
    when `exit_on_failure`, 1 if any article failed."""
    from kgapi.pipeline import NOT_WRITTEN

    for failure in report.failures:
        ident = f" [{failure.article_id}]" if failure.article_id else ""
        click.echo(f"FAILED {failure.origin}{ident} ({failure.stage}): {failure.reason}", err=True)
    click.echo(report.summary())
    if report.stopped:
        click.echo(
            f"error: the load stopped: Neo4j at {settings.neo4j_uri} went away mid-way."
            f" {len(report.not_written)} articles were not written (listed above as"
            f" '{NOT_WRITTEN}'); the {report.loaded + report.replaced + report.unchanged}"
            " others are in the graph. Run the same load again once Neo4j is back"
            " (`kgapi neo4j status`): it writes exactly the missing ones.",
            err=True,
        )
        sys.exit(2)
    if report.failed and exit_on_failure:
        sys.exit(1)


def _holds_articles(settings: Settings) -> bool:
    from kgapi.graph.driver import sync_driver
    from kgapi.graph.stats import count_articles

    with sync_driver(settings) as driver:
        return count_articles(driver, settings.neo4j_database) > 0


@click.command("delete")
@click.argument("article_id")
def delete(article_id: str) -> None:
    """Delete an article with its claims and mentions, and entities nothing else references."""
    from neo4j.exceptions import AuthError, DriverError, Neo4jError

    from kgapi.graph.driver import sync_driver
    from kgapi.graph.writer import GraphWriter

    settings = Settings()
    try:
        with sync_driver(settings) as driver:
            result = GraphWriter(
                driver, settings.neo4j_database, settings.batch_size
            ).delete_article(article_id)
    except (DriverError, AuthError, Neo4jError, RuntimeError) as error:
        click.echo(f"error: Neo4j at {settings.neo4j_uri} refused the deletion: {error}", err=True)
        sys.exit(2)
    if not result.found:
        click.echo(f"error: no article with id {article_id!r}", err=True)
        sys.exit(1)
    click.echo(
        f"deleted {article_id}: {result.claims} claims, {result.mentions} mentions,"
        f" {result.entities_removed} entities no longer referenced"
    )
