"""Read-only data directory and full disk for the managed server: `kgapi neo4j start` and
`kgapi load` refuse with a message that says so, before Neo4j or any write is tried.

Read-only is real: the directory's mode bits, met by `kgapi` as an unprivileged process (run
as root, the test drops the capabilities that let root ignore them, with `setpriv`). A full
disk cannot be made without root or a tmpfs, so it is the free-space threshold
(`KGAPI_NEO4J_MIN_FREE_DISK`) set above what the disk has.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgapi.config import Settings
from kgapi.graph.server import ManagedNeo4j
from tests.faults.own_neo4j import KGAPI
from tests.helpers import SEEDS, free_port

# As root, mode bits do not bind; without these two capabilities they do, as for any user.
UNPRIVILEGED = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
)


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """The managed server's directory (`KGAPI_HOME/neo4j`), as a first start leaves it."""
    home = tmp_path / "kgapi" / "neo4j"
    (home / "data" / "databases").mkdir(parents=True)
    (home / "logs").mkdir()
    try:
        yield home
    finally:
        for path in (home, *home.rglob("*")):
            if path.is_dir():
                path.chmod(0o755)
        # Should a refusal ever regress into a start, stop what it started.
        ManagedNeo4j(Settings(home=home.parent)).stop(timeout=30)


def _kgapi(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    bolt = free_port()
    environment = {
        **os.environ,
        "KGAPI_HOME": str(home.parent),
        "KGAPI_BOLT_PORT": str(bolt),
        "KGAPI_HTTP_PORT": str(free_port()),
        "NEO4J_URI": f"bolt://127.0.0.1:{bolt}",
        "NEO4J_PASSWORD": "unused-the-check-comes-first",
        **env,
    }
    return subprocess.run(
        [*UNPRIVILEGED, KGAPI, *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_check_sees_what_an_unprivileged_process_sees(home: Path) -> None:
    """Guards the tests below: a read-only directory really is one for `kgapi`."""
    data = home / "data"
    data.chmod(0o555)
    probe = subprocess.run(
        [*UNPRIVILEGED, "touch", str(data / "probe")], capture_output=True, text=True
    )
    assert probe.returncode != 0 and "Permission denied" in probe.stderr


@pytest.mark.parametrize("command", [("neo4j", "start"), ("load", "--no-progress", str(SEEDS))])
def test_read_only_data_directory_is_named_in_the_refusal(
    home: Path, command: tuple[str, ...]
) -> None:
    databases = home / "data" / "databases"
    databases.chmod(0o555)
    done = _kgapi(home, *command)
    assert done.returncode == (1 if command[0] == "neo4j" else 2), done.stderr
    assert "cannot write its data: read-only" in done.stderr
    assert str(databases) in done.stderr
    assert "chmod -R u+w" in done.stderr
    assert not (home / "run" / "neo4j.pid").exists()  # Neo4j was never launched


@pytest.mark.parametrize("command", [("neo4j", "start"), ("load", "--no-progress", str(SEEDS))])
def test_too_little_free_disk_is_refused_as_a_full_disk(
    home: Path, command: tuple[str, ...]
) -> None:
    done = _kgapi(home, *command, KGAPI_NEO4J_MIN_FREE_DISK="1000t")
    assert done.returncode == (1 if command[0] == "neo4j" else 2), done.stderr
    assert "disk is full" in done.stderr and "KGAPI_NEO4J_MIN_FREE_DISK=1000t" in done.stderr
    assert not (home / "run" / "neo4j.pid").exists()


def test_a_writable_home_with_room_passes_the_check(home: Path) -> None:
    from kgapi.graph.server.storage import check_storage

    check_storage(home, "1m")  # no exception: the refusals above are not a blanket "no"
