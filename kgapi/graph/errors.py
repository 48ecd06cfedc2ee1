"""One policy for Neo4j failures: `classify()` decides what a driver exception means; REST,
GraphQL and `/cypher` translate the verdict into their own answer, they never re-decide it.

The decision reads the exception's type and its status codes (the GQL status of the error and
of its causes, and Neo4j's legacy `Neo.*` code), never its message text.
"""

from __future__ import annotations

import enum

from neo4j import exceptions as neo4j_errors


class Failure(enum.Enum):
    """What a Neo4j failure means for the caller."""

    UNAVAILABLE = "unavailable"
    """Neo4j is not there or cannot take the work now (down, unreachable, pool exhausted,
    a transient failure that outlived the driver's retries): retry shortly (503)."""

    TIMEOUT = "timeout"
    """The transaction ran past its server-side timeout and Neo4j ended it."""

    REFUSED = "refused"
    """Neo4j refused the query as written (syntax, semantics, a write in a read
    transaction, a constraint): the query's fault, not the server's."""

    INTERNAL = "internal"
    """Anything else from Neo4j or the driver: a bug on our side or in the database."""


# Legacy status codes of a transaction ended by its timeout (Neo4j 4.x-2025.x).
_TIMEOUT_CODES = frozenset(
    {
        "Neo.ClientError.Transaction.TransactionTimedOut",
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
        "Neo.TransientError.Transaction.TransactionTimedOut",
        "Neo.TransientError.Transaction.TransactionTimedOutClientConfiguration",
    }
)
# The GQL status of the same on GQL-aware servers (5.26+/2025+), on the error or a cause:
# 25N14 "transaction terminated: client timeout" (seen from Neo4j 2026.08 for a
# `unit_of_work(timeout=...)` with code ...TransactionTimedOutClientConfiguration).
_TIMEOUT_GQL_STATUSES = ("25N14",)

_UNAVAILABLE_TYPES: tuple[type[Exception], ...] = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.ConnectionAcquisitionTimeoutError,
)


class GraphBusy(Exception):
    """The API's Neo4j work was at its configured concurrency for longer than the queue
    timeout (`kgapi.graph.reader.Gate`): answered like an exhausted pool, retry shortly."""


class Neo4jNotReady(GraphBusy):
    """The API knows Neo4j is down or still warming up after a restart
    (`kgapi.graph.availability`): refused at once, without touching Neo4j (503)."""


class Unresponsive(GraphBusy):
    """Neo4j did not answer a query within twice its timeout plus the connect timeout: the
    server-side timeout would have ended the query long before (Neo4j checks it every 2 s),
    so the server is not answering (a frozen JVM, a database still starting). Answered like
    an unreachable Neo4j (503)."""


def _is_timeout(error: neo4j_errors.GqlError) -> bool:
    cause: BaseException | None = error
    while isinstance(cause, neo4j_errors.GqlError):
        if isinstance(cause, neo4j_errors.Neo4jError) and cause.code in _TIMEOUT_CODES:
            return True
        if any(cause.find_by_gql_status(status) for status in _TIMEOUT_GQL_STATUSES):
            return True
        cause = cause.__cause__
    return False


def is_retryable(error: BaseException) -> bool:
    """Whether running the same read again may succeed: a transient error Neo4j reported
    (not a timeout, not a lost connection: an unreachable server is reported at once)."""
    return (
        isinstance(error, neo4j_errors.TransientError)
        and not _is_timeout(error)
        and error.is_retryable()
    )


def classify(error: BaseException) -> Failure | None:
    """What `error` means, or None when it is not a Neo4j/driver failure at all.

    Order matters: a timeout is a timeout even when Neo4j files it as transient; otherwise
    every transient error is "unavailable" (the reader already retried it: a memory pool
    exhausted by concurrent queries, a deadlock, a leader switch), every client error
    "refused", and the rest "internal". `GraphBusy` (the API's own queue) and its kin
    `Neo4jNotReady` and `Unresponsive` are "unavailable".
    """
    if isinstance(error, GraphBusy):
        return Failure.UNAVAILABLE
    if not isinstance(error, neo4j_errors.GqlError):
        return None
    if isinstance(error, _UNAVAILABLE_TYPES):
        return Failure.UNAVAILABLE
    if _is_timeout(error):
        return Failure.TIMEOUT
    if isinstance(error, neo4j_errors.TransientError):
        return Failure.UNAVAILABLE
    if isinstance(error, neo4j_errors.ClientError):
        return Failure.REFUSED
    return Failure.INTERNAL
