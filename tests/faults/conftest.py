"""Fault tests' own Neo4j: they kill it, stop it, fill its disk and restore it, so never the
session's shared server (tests/conftest.py) that every other test reuses.

One managed server for the package (its own home, free ports, small memory), started on
first use; a test that kills or stops it leaves it to `own_neo4j` to start it again for the
next. The `kgapi` command runs as a real subprocess with that server in its environment.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kgapi.config import Settings
from kgapi.graph.server import ManagedNeo4j
from tests.faults.own_neo4j import OwnNeo4j
from tests.helpers import free_port


@pytest.fixture(scope="package")
def _own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OwnNeo4j]:
    home = tmp_path_factory.mktemp("faults-home")
    bolt, http = free_port(), free_port()
    env = {
        **os.environ,
        "KGAPI_HOME": str(home),
        "KGAPI_BOLT_PORT": str(bolt),
        "KGAPI_HTTP_PORT": str(http),
        "KGAPI_NEO4J_HEAP": "768m",
        "KGAPI_NEO4J_PAGECACHE": "128m",
        "NEO4J_URI": f"bolt://127.0.0.1:{bolt}",
    }
    env.pop("NEO4J_PASSWORD", None)
    settings = Settings(
        home=home,
        bolt_port=bolt,
        http_port=http,
        neo4j_uri=f"bolt://127.0.0.1:{bolt}",
        neo4j_heap="768m",
        neo4j_pagecache="128m",
        neo4j_password=None,
    )
    server = ManagedNeo4j(settings)
    own = OwnNeo4j(server, settings, env)
    try:
        yield own
    finally:
        server.stop(timeout=30)


@pytest.fixture
def own_neo4j(_own_server: OwnNeo4j) -> OwnNeo4j:
    """The fault tests' Neo4j, running (started again if a previous test left it down)."""
    _own_server.server.start(timeout=300)
    _own_server.env["NEO4J_PASSWORD"] = _own_server.server.password()
    return _own_server


@pytest.fixture(scope="package")
def generated_articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """2,000 distinct pre-extracted articles from the benchmark's generator, one file each."""
    from bench.load_bench import write_variants

    return write_variants(tmp_path_factory.mktemp("generated"), 2000)
