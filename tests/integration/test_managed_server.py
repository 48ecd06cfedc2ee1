"""The managed local Neo4j, for real: start, status, Bolt with the generated password, stop.

Its own home and free ports, so it never meets a developer's server or the session's test
server; the jars come from the shared cache (downloaded here if the cache is cold).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner

from kgapi.cli.main import cli
from kgapi.config import NEO4J_VERSION, Settings
from kgapi.graph.server import ManagedNeo4j, free_port


@pytest.fixture
def server_env(tmp_path: Path) -> dict[str, str]:
    bolt, http = free_port(), free_port()
    return {
        "KGAPI_HOME": str(tmp_path / "home"),
        "KGAPI_BOLT_PORT": str(bolt),
        "KGAPI_HTTP_PORT": str(http),
        "KGAPI_NEO4J_HEAP": "512m",
        "KGAPI_NEO4J_PAGECACHE": "64m",
        "NEO4J_URI": f"bolt://127.0.0.1:{bolt}",
    }


@pytest.fixture
def server(server_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[ManagedNeo4j]:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    for key, value in server_env.items():
        monkeypatch.setenv(key, value)
    managed = ManagedNeo4j(Settings(neo4j_password=None))  # type: ignore[arg-type]
    try:
        yield managed
    finally:
        managed.stop(timeout=30)


def _run(env: dict[str, str], *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["neo4j", *args], env=env)
    return result.exit_code, result.output


def test_start_status_bolt_stop_then_warm_restart(
    server: ManagedNeo4j, server_env: dict[str, str]
) -> None:
    assert _run(server_env, "status")[0] == 3

    status = server.start(timeout=300)
    assert status.running and status.pid is not None
    assert status.bolt_uri == server_env["NEO4J_URI"]
    assert status.version == NEO4J_VERSION
    assert status.java is not None and "Java" in status.java

    code, output = _run(server_env, "status")
    assert code == 0, output
    assert "is running" in output and server_env["NEO4J_URI"] in output

    # Already running: start is a no-op that says so.
    code, output = _run(server_env, "start")
    assert code == 0 and "already running" in output
    assert server.status().pid == status.pid

    # The generated password, read the way every other kgapi command reads it.
    password = Settings(neo4j_password=None).resolved_password()  # type: ignore[arg-type]
    assert password == server.password()
    with neo4j.GraphDatabase.driver(status.bolt_uri, auth=("neo4j", password)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
        assert records[0]["one"] == 1
        driver.execute_query("CREATE (:Probe {name: 'kept across restarts'})")

    code, output = _run(server_env, "stop")
    assert code == 0 and "shut down cleanly" in output, output
    assert _run(server_env, "status")[0] == 3
    assert not server.pid_file.exists()
    assert _run(server_env, "stop")[1].startswith("Neo4j is not running")

    # Second start: jars from the cache (no Maven), same data, same password.
    again = server.start(timeout=300)
    assert server.last_jars is not None and not server.last_jars.downloaded
    assert again.running and again.pid != status.pid
    with neo4j.GraphDatabase.driver(again.bolt_uri, auth=("neo4j", password)) as driver:
        records, _, _ = driver.execute_query("MATCH (p:Probe) RETURN p.name AS name")
        assert [r["name"] for r in records] == ["kept across restarts"]

    stopped = server.stop(timeout=60)
    assert stopped is not None and not stopped.forced
    assert not server.status().running
