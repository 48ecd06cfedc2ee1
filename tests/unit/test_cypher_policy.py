"""The /cypher policy on plans as the driver returns them: pure, no database. (The same
classes through real HTTP and Neo4j's real plans: tests/api/test_cypher_endpoint.py.)"""

from __future__ import annotations

from typing import Any

import pytest

from kgapi.graph.read_queries.cypher_policy import RefusedClass, explain_text, refusal


def plan(*operators: tuple[str, str]) -> dict[str, Any]:
    """A chain of operators, root first, as `summary.plan` holds them."""
    node: dict[str, Any] | None = None
    for operator, details in reversed(operators):
        node = {
            "operatorType": f"{operator}@neo4j",
            "args": {"Details": details},
            "children": [node] if node else [],
        }
    assert node is not None
    return node


@pytest.mark.parametrize(
    ("query_type", "operators", "expected"),
    [
        ("r", [("ProduceResults", "n"), ("AllNodesScan", "n")], None),
        ("r", [("ProcedureCall", "db.labels() :: (label :: STRING)")], None),
        ("r", [("Projection", "datetime.truncate($autostring_0, datetime()) AS d")], None),
        (
            "r",
            [("Projection", "vector.similarity.cosine($a, $b) AS s, toUpper(n.name) AS u")],
            None,
        ),
        ("r", [("Projection", "n.name AS name, `point`.distance($a, $b) AS d")], None),
        ("r", [("Projection", "apoc.text.join($a, $b) AS j")], RefusedClass.FUNCTION),
        ("r", [("Filter", "gds.similarity.cosine(n.v, $v) > $x")], RefusedClass.FUNCTION),
        ("r", [("Projection", "`apoc`.`text`.join($a, $b) AS j")], RefusedClass.FUNCTION),
        ("r", [("ProcedureCall", "dbms.listConfig() :: (name :: STRING)")], RefusedClass.PROCEDURE),
        ("r", [("ProcedureCall", "db.stats.collect($autostring_0) :: ()")], RefusedClass.PROCEDURE),
        ("r", [("ShowSettings", "allSettings")], RefusedClass.ADMINISTRATION),
        ("r", [("TerminateTransactions", "transactions($a)")], RefusedClass.ADMINISTRATION),
        ("s", [("AdministrationCommand", "")], RefusedClass.ADMINISTRATION),
        (
            "s",
            [("CreateIndex", "RANGE INDEX"), ("DoNothingIfExists(INDEX)", "")],
            RefusedClass.ADMINISTRATION,
        ),
        ("r", [("ProduceResults", "r"), ("LoadCSV", "r")], RefusedClass.LOAD_CSV),
        (
            "r",
            [("TransactionApply", "IN TRANSACTIONS OF 10 ROWS")],
            RefusedClass.CALL_IN_TRANSACTIONS,
        ),
        ("r", [("TransactionForeach", "IN TRANSACTIONS")], RefusedClass.CALL_IN_TRANSACTIONS),
        ("w", [("EmptyResult", ""), ("Create", "(n:X)")], RefusedClass.WRITE),
        ("r", [("SetProperty", "n.x = $a")], RefusedClass.WRITE),  # operators decide too
        ("rw", [("ProduceResults", "n")], RefusedClass.WRITE),  # and the query type alone
        ("s", [("ProduceResults", "n")], RefusedClass.ADMINISTRATION),
        (None, [("ProduceResults", "n")], RefusedClass.ADMINISTRATION),
    ],
)
def test_refusal_by_plan(
    query_type: str | None, operators: list[tuple[str, str]], expected: RefusedClass | None
) -> None:
    found = refusal(query_type, plan(*operators))
    assert (found.refused if found else None) is expected


def test_refusal_names_the_procedure_and_has_a_code() -> None:
    found = refusal("r", plan(("ProcedureCall", "dbms.listConfig() :: (name :: STRING)")))
    assert found is not None
    assert "dbms.listConfig" in found.reason
    assert found.code == "Kgapi.Cypher.Refused.Procedure"


@pytest.mark.parametrize(
    ("query", "checked", "is_explain"),
    [
        ("MATCH (n) RETURN n", "EXPLAIN MATCH (n) RETURN n", False),
        ("EXPLAIN MATCH (n) RETURN n", "EXPLAIN MATCH (n) RETURN n", True),
        ("profile MATCH (n) RETURN n", "EXPLAIN MATCH (n) RETURN n", False),
        ("// c\nPROFILE RETURN 1", "// c\nEXPLAIN RETURN 1", False),
        ("/* c */ PROFILE RETURN 1", "/* c */ EXPLAIN RETURN 1", False),
        ("CYPHER 5 PROFILE RETURN 1", "CYPHER 5 EXPLAIN RETURN 1", False),
        ("RETURN 'PROFILE' AS p", "EXPLAIN RETURN 'PROFILE' AS p", False),
        ("PROFILED", "EXPLAIN PROFILED", False),
    ],
)
def test_explain_text(query: str, checked: str, is_explain: bool) -> None:
    assert explain_text(query) == (checked, is_explain)
