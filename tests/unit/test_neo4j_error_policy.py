"""One policy for Neo4j failures: `classify()` by exception type and status code.

The server's errors are built the way the driver builds them from a FAILURE message
(`Neo4jError._hydrate_gql`), with the codes a real Neo4j sends (2026.08: a client timeout is
`...TransactionTimedOutClientConfiguration`, GQL status 25N14).
"""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import exceptions as neo4j_errors

from kgapi.graph.errors import Failure, GraphBusy, classify, is_retryable


def _server_error(neo4j_code: str, gql_status: str = "50N42", **extra: Any) -> Exception:
    return neo4j_errors.Neo4jError._hydrate_gql(
        neo4j_code=neo4j_code,
        gql_status=gql_status,
        message="whatever the server said",
        description="error: whatever",
        **extra,
    )


def _with_cause(error: Exception, cause: Exception) -> Exception:
    error.__cause__ = cause
    return error


CASES: list[tuple[str, BaseException, Failure | None]] = [
    ("not a neo4j error", ValueError("x"), None),
    ("server down", neo4j_errors.ServiceUnavailable("down"), Failure.UNAVAILABLE),
    ("connection lost mid-session", neo4j_errors.SessionExpired("gone"), Failure.UNAVAILABLE),
    (
        "connection pool exhausted",
        neo4j_errors.ConnectionAcquisitionTimeoutError("pool"),
        Failure.UNAVAILABLE,
    ),
    (
        "transient error after retries",
        _server_error("Neo.TransientError.General.DatabaseUnavailable", "51N33"),
        Failure.UNAVAILABLE,
    ),
    (
        "client timeout (unit_of_work)",
        _server_error(
            "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "25N14"
        ),
        Failure.TIMEOUT,
    ),
    (
        "server-setting timeout (legacy code only)",
        _server_error("Neo.ClientError.Transaction.TransactionTimedOut"),
        Failure.TIMEOUT,
    ),
    (
        "transient timeout is a timeout, not an outage",
        _server_error("Neo.TransientError.Transaction.TransactionTimedOut"),
        Failure.TIMEOUT,
    ),
    (
        "timeout as the GQL status of a cause",
        _with_cause(
            _server_error("Neo.DatabaseError.General.UnknownError"),
            _server_error("Neo.ClientError.Transaction.Terminated", "25N14"),
        ),
        Failure.TIMEOUT,
    ),
    (
        "syntax error",
        _server_error("Neo.ClientError.Statement.SyntaxError", "42001"),
        Failure.REFUSED,
    ),
    (
        "write in a read transaction",
        _server_error("Neo.ClientError.Statement.AccessMode", "08N03"),
        Failure.REFUSED,
    ),
    (
        "a message that mentions a timeout is not one",
        neo4j_errors.Neo4jError._hydrate_gql(
            neo4j_code="Neo.ClientError.Statement.SyntaxError",
            gql_status="42001",
            message="TransactionTimedOut Timeout",
            description="error: syntax",
        ),
        Failure.REFUSED,
    ),
    (
        "database error",
        _server_error("Neo.DatabaseError.General.UnknownError"),
        Failure.INTERNAL,
    ),
    ("driver misuse", neo4j_errors.ResultConsumedError(None, "consumed"), Failure.INTERNAL),
    (
        "memory pool exhausted by concurrent queries",
        _server_error("Neo.TransientError.General.MemoryPoolOutOfMemoryError", "51N53"),
        Failure.UNAVAILABLE,
    ),
    ("the API's own queue for Neo4j full", GraphBusy("16 queries for 5 s"), Failure.UNAVAILABLE),
]


@pytest.mark.parametrize(
    ("error", "retry"),
    [
        (_server_error("Neo.TransientError.General.MemoryPoolOutOfMemoryError", "51N53"), True),
        (_server_error("Neo.TransientError.Transaction.DeadlockDetected", "50N05"), True),
        (_server_error("Neo.TransientError.Transaction.TransactionTimedOut"), False),
        (neo4j_errors.ServiceUnavailable("down"), False),  # reported at once, never retried
        (_server_error("Neo.ClientError.Statement.SyntaxError", "42001"), False),
    ],
    ids=["memory pool", "deadlock", "timeout", "server down", "syntax"],
)
def test_only_transient_server_errors_are_retried(error: BaseException, retry: bool) -> None:
    assert is_retryable(error) is retry


@pytest.mark.parametrize(("error", "verdict"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_classify_decides_by_type_and_status_code(
    error: BaseException, verdict: Failure | None
) -> None:
    assert classify(error) is verdict
