"""`kgapi neo4j start | stop | status | dump | restore`: the managed local Neo4j server."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from rich.console import Console

    from kgapi.graph.server import ManagedNeo4j, Neo4jServerError, Progress, ServerStatus

EXIT_NOT_RUNNING = 3
"""`status` exit code when the server is not running, like `systemctl status`."""


def _server() -> tuple[ManagedNeo4j, Console]:
    from rich.console import Console

    from kgapi.config import Settings
    from kgapi.graph.server import ManagedNeo4j

    console = Console(stderr=True, highlight=False)
    return ManagedNeo4j(Settings()), console


@contextmanager
def _spinner(console: Console, message: str) -> Iterator[Progress]:
    """A spinner on stderr for the length of a library call; the library's progress
    reports (a `Progress` callback) replace its message."""
    with console.status(message) as status:
        yield lambda text: status.update(text)


def _fail(error: Neo4jServerError) -> NoReturn:
    message = str(error)
    if error.hint:
        message += f"\nHint: {error.hint}"
    raise click.ClickException(message)


def status_dict(status: ServerStatus) -> dict[str, object]:
    """The status as plain JSON-able data."""
    return {
        "state": status.state,
        "running": status.running,
        "pid": status.pid,
        "bolt_uri": status.bolt_uri,
        "http_url": status.http_url,
        "browser_url": status.browser_url,
        "version": status.version,
        "java": status.java,
        "home": str(status.home),
        "log_path": str(status.log_path),
        "started_at": status.started_at,
    }


def _where(status: ServerStatus, server: ManagedNeo4j) -> str:
    return (
        f"  Bolt:     {status.bolt_uri}\n"
        f"  Browser:  {status.browser_url}\n"
        f"  User:     {server.settings.neo4j_user} (password: NEO4J_PASSWORD, else "
        f"{server.password_file})\n"
        f"  Java:     {status.java or 'unknown'}\n"
        f"  Home:     {status.home}\n"
        f"  Log:      {status.log_path}"
    )


def _warn_if_unreachable(server: ManagedNeo4j, console: Console) -> None:
    from kgapi.graph.server import points_at

    uri = server.settings.neo4j_uri
    if not points_at(uri, server.settings.bolt_port):
        console.print(
            f"[yellow]Note:[/] kgapi connects to NEO4J_URI={uri}, not to this server: "
            f"set NEO4J_URI={server.bolt_uri} to use it."
        )


F = TypeVar("F", bound=Callable[..., Any])


def _timeout(seconds: float, help: str) -> Callable[[F], F]:
    """The `--timeout` option of a command that waits for the server."""
    return click.option("--timeout", default=seconds, show_default=True, help=help)


@click.group("neo4j")
def neo4j_group() -> None:
    """Run a local Neo4j Community server for kgapi (jars from Maven Central, Java 21+)."""


@neo4j_group.command("start")
@_timeout(180.0, "Seconds to wait until Bolt answers.")
def start(timeout: float) -> None:
    """Start the managed Neo4j in the background and wait until it answers.

    The first start downloads Neo4j's jars with Maven into the shared cache
    (KGAPI_JAR_CACHE) and sets a generated password (saved under KGAPI_HOME) unless
    NEO4J_PASSWORD is set. Ports: KGAPI_BOLT_PORT, KGAPI_HTTP_PORT.
    """
    from kgapi.graph.server import Neo4jServerError

    server, console = _server()
    began = time.monotonic()
    try:
        before = server.status()
        if before.running:
            click.echo(f"Neo4j {before.version} is already running (pid {before.pid}).")
            click.echo(_where(before, server))
            _warn_if_unreachable(server, console)
            return
        with _spinner(console, f"Starting Neo4j {server.version}") as progress:
            status = server.start(timeout=timeout, progress=progress)
    except Neo4jServerError as error:
        _fail(error)
    took = time.monotonic() - began
    jars = server.last_jars
    detail = ""
    if jars is not None and jars.downloaded:
        detail = f"; first start: {jars.count} jars fetched in {jars.seconds:.1f} s"
    click.echo(f"Neo4j {status.version} started in {took:.1f} s (pid {status.pid}{detail}).")
    click.echo(_where(status, server))
    _warn_if_unreachable(server, console)
    console.print(f"Stop it with [bold]kgapi neo4j stop[/]; logs: {status.log_path}")


@neo4j_group.command("stop")
@_timeout(60.0, "Seconds to wait for a clean shutdown before killing it.")
def stop(timeout: float) -> None:
    """Shut the managed Neo4j down cleanly (SIGTERM; SIGKILL after --timeout)."""
    from kgapi.graph.server import Neo4jServerError

    server, console = _server()
    try:
        with _spinner(console, "Stopping Neo4j") as progress:
            result = server.stop(timeout=timeout, progress=progress)
    except Neo4jServerError as error:
        _fail(error)
    if result is None:
        click.echo(f"Neo4j is not running (home: {server.home}).")
        return
    how = "killed after the timeout" if result.forced else "shut down cleanly"
    click.echo(f"Neo4j (pid {result.pid}) {how} in {result.seconds:.1f} s.")


@neo4j_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def status(as_json: bool) -> None:
    """Say whether the managed Neo4j runs and where; exit 0 if running, 3 if not."""
    server, _ = _server()
    current = server.status()
    if as_json:
        click.echo(json.dumps(status_dict(current), indent=2))
    elif current.running:
        click.echo(f"Neo4j {current.version} is running (pid {current.pid}).")
        click.echo(_where(current, server))
    elif current.state == "starting":
        click.echo(
            f"Neo4j {current.version} is starting (pid {current.pid}); Bolt does not answer "
            f"yet on {current.bolt_uri}. Log: {current.log_path}"
        )
    else:
        click.echo(
            f"Neo4j is not running (home: {current.home}). Start it with `kgapi neo4j start`."
        )
    if not current.running:
        click.get_current_context().exit(EXIT_NOT_RUNNING)


_OFFLINE_NOTE = (
    "Neo4j Community cannot dump or load a database it has mounted, so a running server is "
    "stopped for it and started again after"
)


@neo4j_group.command("dump")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
def dump(file: Path, force: bool) -> None:
    """Back the graph up into FILE with neo4j-admin (from the managed server's own jars).

    Neo4j Community cannot dump a running database: a running server is stopped, dumped
    and started again (the graph is offline meanwhile). `kgapi neo4j restore FILE` puts
    it back.
    """
    from kgapi.graph.server import Neo4jServerError
    from kgapi.graph.server.backup import dump as dump_database

    server, console = _server()
    try:
        with _spinner(console, "Dumping the graph") as progress:
            result = dump_database(server, file, overwrite=force, progress=progress)
    except Neo4jServerError as error:
        _fail(error)
    click.echo(
        f"Dumped database {server.settings.neo4j_database!r} to {result.path}"
        f" ({result.bytes / 1e6:.1f} MB) in {result.seconds:.1f} s."
    )
    if result.was_running:
        click.echo(f"{_OFFLINE_NOTE}: it was offline for those {result.seconds:.1f} s.")


@neo4j_group.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the graph.")
def restore(file: Path, yes: bool) -> None:
    """Replace the graph with the dump in FILE (made by `kgapi neo4j dump`), with neo4j-admin.

    Neo4j Community cannot load into a running database: a running server is stopped, the
    dump loaded and the server started again. If loading fails, the graph from before
    stays. Users and the password are not part of a dump and stay as they are.
    """
    from kgapi.graph.server import Neo4jServerError
    from kgapi.graph.server.backup import restore as restore_database

    server, console = _server()
    name = server.settings.neo4j_database
    if not yes:
        click.confirm(f"Replace database {name!r} in {server.home} with {file}?", abort=True)
    try:
        with _spinner(console, "Restoring the graph") as progress:
            result = restore_database(server, file, progress=progress)
    except Neo4jServerError as error:
        _fail(error)
    click.echo(f"Restored database {name!r} from {result.path} in {result.seconds:.1f} s.")
    if result.was_running:
        click.echo(f"{_OFFLINE_NOTE}: it was offline for those {result.seconds:.1f} s.")
