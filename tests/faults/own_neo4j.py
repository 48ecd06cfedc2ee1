"""A managed Neo4j of the fault tests' own (`OwnNeo4j`), and the `kgapi` command they run
against it as a real subprocess. The fixtures that start it are in this package's
conftest.py."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import neo4j

from kgapi.config import Settings
from kgapi.graph.server import ManagedNeo4j
from tests.helpers import wipe_graph

KGAPI = str(Path(sys.executable).parent / "kgapi")


@dataclass
class OwnNeo4j:
    """A managed Neo4j of the fault tests' own, and how to run `kgapi` against it."""

    server: ManagedNeo4j
    settings: Settings
    env: dict[str, str]

    def driver(self) -> neo4j.Driver:
        return neo4j.GraphDatabase.driver(
            self.settings.neo4j_uri, auth=("neo4j", self.server.password())
        )

    def kgapi(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        """`kgapi ARGS` as a user runs it, against this server; output captured."""
        return subprocess.run(
            [KGAPI, *args], env=self.env, capture_output=True, text=True, timeout=timeout
        )

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [KGAPI, *args],
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def pid(self) -> int:
        status = self.server.status()
        assert status.running and status.pid is not None, status
        return status.pid

    def wipe(self) -> None:
        with self.driver() as drv:
            wipe_graph(drv, self.settings.neo4j_database)
