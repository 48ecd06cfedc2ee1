"""Every transaction kgapi opens says whether it reads or writes.

With a routing URI (`neo4j://`, `neo4j+s://`: a cluster or Aura) the driver sends a
session or `execute_query` to a follower or read replica when it reads and to the leader
when it writes; a session that names no access mode silently goes to the leader (the
driver's default is WRITE), and a read sent as a write loads the one member that takes
writes. So each `driver.session(...)` in the package names `default_access_mode`, and
each `execute_query(...)` names `routing_`. The integration side
(`tests/integration/test_routing.py`) proves that Neo4j holds the read ones to reading.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "kgapi"


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == name
            ):
                found.append((f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", node))
    return found


def _keywords(call: ast.Call) -> set[str]:
    return {k.arg for k in call.keywords if k.arg is not None}


SESSIONS = _calls("session")
QUERIES = _calls("execute_query")


def test_the_audit_sees_the_package_s_sessions_and_queries() -> None:
    # The writer, the schema (sync and async), /cypher, the managed server's login:
    # if these counts fall to zero the scan below checks nothing.
    assert len(SESSIONS) >= 5, SESSIONS
    assert len(QUERIES) >= 3, QUERIES


@pytest.mark.parametrize(("where", "call"), SESSIONS, ids=[w for w, _ in SESSIONS])
def test_every_session_names_its_access_mode(where: str, call: ast.Call) -> None:
    assert "default_access_mode" in _keywords(call), (
        f"{where}: driver.session(...) without default_access_mode= (READ_ACCESS or "
        "WRITE_ACCESS); with neo4j:// it would go to the leader whatever it does"
    )


@pytest.mark.parametrize(("where", "call"), QUERIES, ids=[w for w, _ in QUERIES])
def test_every_execute_query_names_its_routing(where: str, call: ast.Call) -> None:
    assert "routing_" in _keywords(call), (
        f"{where}: execute_query(...) without routing_= (RoutingControl.READ or WRITE)"
    )
