"""Dump and restore the managed server's database with neo4j-admin, from the server's own jars.

Neo4j Community cannot dump or load a database that a running server has mounted (online
backup and `STOP DATABASE` are Enterprise features), so both stop the server first and start
it again afterwards when it was running: the graph is offline for the length of the dump or
the restore plus a restart. The password and users (the `system` database) are not touched.

A restore never leaves the server without its graph: the current database's directories are
moved aside first, and moved back if neo4j-admin fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kgapi.graph.server.common import Neo4jServerError, Progress, no_progress
from kgapi.graph.server.conf import admin_command
from kgapi.graph.server.java import find_java
from kgapi.graph.server.process import ManagedNeo4j


@dataclass(frozen=True)
class BackupResult:
    """What a dump or a restore did: the file, its size, how long the graph was offline."""

    path: Path
    bytes: int
    seconds: float
    was_running: bool
    """The server ran before, so it was stopped and started again."""


def _admin(server: ManagedNeo4j, args: list[str], stdin: Path | None = None) -> str:
    """Run neo4j-admin on the server's home; its output, or Neo4jServerError with it."""
    java = find_java(server.settings.java_home)
    jars = server.ensure_jars(java)
    if not server.conf_file.exists():
        server.write_conf()
    env = {
        **os.environ,
        "JAVA_HOME": str(java.home),
        "NEO4J_HOME": str(server.home),
        "NEO4J_CONF": str(server.conf_file.parent),
    }
    with stdin.open("rb") if stdin else open(os.devnull, "rb") as source:
        done = subprocess.run(
            admin_command(java, jars.lib, args),
            stdin=source,
            capture_output=True,
            env=env,
            cwd=server.home,
            check=False,
        )
    output = (done.stdout + done.stderr).decode(errors="replace").strip()
    if done.returncode != 0:
        raise Neo4jServerError(
            f"neo4j-admin {' '.join(args[:2])} failed (exit {done.returncode}):\n{output[-3000:]}",
            f"Read the message above; the server's log is {server.neo4j_log}.",
        )
    return output


@contextmanager
def _offline(server: ManagedNeo4j, progress: Progress) -> Iterator[bool]:
    """The server stopped for the block (Community cannot detach one database), started
    again after it if it was running, whether the block failed or not."""
    was_running = server.status().state != "stopped"
    if was_running:
        progress("Stopping Neo4j: Community cannot dump or load a database it has mounted")
        server.stop(progress=progress)
    try:
        yield was_running
    finally:
        if was_running:
            progress("Starting Neo4j again")
            server.start(progress=progress)


def _database_dirs(server: ManagedNeo4j) -> list[Path]:
    name = server.settings.neo4j_database
    data = server.home / "data"
    return [data / "databases" / name, data / "transactions" / name]


def dump(
    server: ManagedNeo4j, target: Path, *, overwrite: bool = False, progress: Progress = no_progress
) -> BackupResult:
    """Dump the graph database into the file `target` (written whole or not at all).

    Raises:
        Neo4jServerError: nothing to dump, `target` exists (without `overwrite`), or
            neo4j-admin failed (the server is started again either way).
    """
    target = target.expanduser().resolve()
    name = server.settings.neo4j_database
    if not _database_dirs(server)[0].is_dir():
        raise Neo4jServerError(
            f"Nothing to dump: the managed server in {server.home} has no database {name!r}.",
            "Start it once (`kgapi neo4j start`) and load something, or check KGAPI_HOME.",
        )
    if target.exists() and not overwrite:
        raise Neo4jServerError(f"{target} exists.", "Pass --force to replace it.")
    if not target.parent.is_dir():
        raise Neo4jServerError(f"No directory {target.parent} for the dump.", None)
    started = time.monotonic()
    # neo4j-admin writes <name>.dump into a directory: a private one beside the target,
    # renamed into place when complete, so a failed dump never leaves half a file.
    with (
        tempfile.TemporaryDirectory(prefix=".kgapi-dump-", dir=target.parent) as tmp,
        _offline(server, progress) as was_running,
    ):
        progress(f"Dumping database {name!r} with neo4j-admin")
        _admin(server, ["database", "dump", name, f"--to-path={tmp}"])
        os.replace(Path(tmp) / f"{name}.dump", target)
    return BackupResult(target, target.stat().st_size, time.monotonic() - started, was_running)


def restore(
    server: ManagedNeo4j, source: Path, *, progress: Progress = no_progress
) -> BackupResult:
    """Replace the graph database with the dump in `source`.

    Raises:
        Neo4jServerError: `source` is not a dump, or neo4j-admin failed; the database is
            then the one from before (its directories are moved back).
    """
    source = source.expanduser().resolve()
    name = server.settings.neo4j_database
    if not source.is_file():
        raise Neo4jServerError(f"No dump file {source}.", "Make one with `kgapi neo4j dump FILE`.")
    started = time.monotonic()
    with _offline(server, progress) as was_running:
        progress(f"Checking {source.name} with neo4j-admin")
        _admin(server, ["database", "load", name, "--info", "--from-stdin"], stdin=source)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = [
            (d, d.with_name(f".{d.name}.before-restore-{stamp}")) for d in _database_dirs(server)
        ]
        for current, moved in aside:
            if current.exists():
                current.rename(moved)
        try:
            progress(f"Loading {source.name} into database {name!r} with neo4j-admin")
            _admin(server, ["database", "load", name, "--from-stdin"], stdin=source)
        except BaseException:
            for current, moved in aside:
                if moved.exists():
                    shutil.rmtree(current, ignore_errors=True)
                    moved.rename(current)
            raise
        for _, moved in aside:
            shutil.rmtree(moved, ignore_errors=True)
    return BackupResult(source, source.stat().st_size, time.monotonic() - started, was_running)
