"""Read-only ad-hoc Cypher for analysts (`POST /api/v1/cypher`).

THE ONE PLACE WHERE USER TEXT IS QUERY TEXT — by design: the endpoint exists so analysts
can ask questions the REST/GraphQL API has no route for. Two walls keep it to reading the
graph, and limits keep it cheap:

1. the plan: the query is first planned with `EXPLAIN` (nothing runs) and refused when
   Neo4j's plan shows anything but a read of the graph — administration (`SHOW USERS`,
   `SHOW SETTINGS`, `TERMINATE TRANSACTIONS`, `CREATE INDEX`), a procedure or function
   outside the allowlist (`dbms.*`), `LOAD CSV`, `CALL { } IN TRANSACTIONS`, any write
   (`kgapi.graph.read_queries.cypher_policy` decides; `CypherRefused` says which class);
2. the access mode: the query runs in a managed *read* transaction (`execute_read`), so
   Neo4j itself refuses a write that got past the plan with
   `Neo.ClientError.Statement.AccessMode`.

Limits: a server-side transaction timeout (`unit_of_work(timeout=...)`: Neo4j ends the
transaction, not only the client), at most `row_cap` rows and `byte_cap` bytes of JSON
rows (the result says which cap truncated it). The per-key concurrency cap is the API's
(`kgapi.api.rest.cypher`).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j
import orjson
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from kgapi.graph.errors import Failure, classify
from kgapi.graph.read_queries.cypher_policy import (
    Refusal,
    RefusedClass,
    explain_text,
    refusal,
)

T = TypeVar("T")

# Neo4j Community plans no Enterprise administration (roles, privileges, servers): it says
# so while planning. Still administration: refused as such, with the same 403.
_UNSUPPORTED_ADMINISTRATION = frozenset(
    {"Neo.ClientError.Statement.UnsupportedAdministrationCommand"}
)


class CypherError(Exception):
    """Neo4j (or the driver) refused the query: its status code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class CypherRefused(Exception):
    """The plan shows something /cypher does not allow; nothing was executed."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(f"{refusal.code}: {refusal.reason}")
        self.refusal = refusal


@dataclass
class CypherResult:
    """Rows of a read-only query, aligned with `columns`, and the query summary."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    row_cap: int
    byte_cap: int = 0
    truncated_by: str | None = None  # "rows" or "bytes" when truncated
    summary: dict[str, Any] = field(default_factory=dict)


def to_json(value: Any) -> Any:
    """A Neo4j value as JSON: graph objects with element ids, temporal/spatial as strings."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # JSON has no NaN/Infinity: say them as strings rather than fail the response.
        return value if math.isfinite(value) else str(value)
    if isinstance(value, Node):
        return {
            "element_id": value.element_id,
            "labels": sorted(value.labels),
            "properties": {k: to_json(v) for k, v in value.items()},
        }
    if isinstance(value, Relationship):
        return {
            "element_id": value.element_id,
            "type": value.type,
            "start": value.start_node.element_id if value.start_node else None,
            "end": value.end_node.element_id if value.end_node else None,
            "properties": {k: to_json(v) for k, v in value.items()},
        }
    if isinstance(value, Path):
        return {
            "nodes": [to_json(node) for node in value.nodes],
            "relationships": [to_json(rel) for rel in value.relationships],
        }
    if isinstance(value, DateTime | Date | Time):
        return value.iso_format()
    if isinstance(value, Duration):
        return value.iso_format()
    if isinstance(value, Point):
        coordinates = " ".join(repr(float(c)) for c in value)
        return f"SRID={value.srid};POINT({coordinates})"
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return str(value)  # anything newer than this module: readable rather than a 500


def _summary(summary: neo4j.ResultSummary) -> dict[str, Any]:
    notifications = [
        {
            "gql_status": status.gql_status,
            "description": status.status_description,
            "severity": status.raw_severity,
            "classification": status.raw_classification,
        }
        for status in summary.gql_status_objects
        if status.is_notification
    ]
    return {
        "query_type": summary.query_type,
        "database": summary.database,
        "result_available_after_ms": summary.result_available_after,
        "result_consumed_after_ms": summary.result_consumed_after,
        "plan": to_json(summary.plan) if summary.plan else None,
        "profile": to_json(summary.profile) if summary.profile else None,
        "notifications": notifications,
    }


@dataclass(frozen=True)
class CypherTarget:
    """Where a /cypher query runs and within which caps: the driver and database, Neo4j's
    transaction timeout (seconds), at most `row_cap` rows and `byte_cap` bytes of JSON."""

    driver: neo4j.AsyncDriver
    database: str
    timeout: float
    row_cap: int
    byte_cap: int = 10_000_000


async def run_read_only(
    target: CypherTarget, query: str, parameters: Mapping[str, Any] | None = None
) -> CypherResult:
    """Plan `query`, refuse it (`CypherRefused`) unless the plan only reads the graph, then
    run it read-only; `CypherError` when Neo4j refuses or ends it (its timeout included)."""
    params = dict(parameters or {})
    try:
        async with _session(target.driver, target.database, fetch_size=1) as session:
            planned = await _guarded(
                session.execute_read(_plan_work(query, params, target.timeout))
            )
    except CypherError as exc:
        if exc.code in _UNSUPPORTED_ADMINISTRATION:  # an Enterprise command (SHOW ROLES)
            raise CypherRefused(
                Refusal(
                    RefusedClass.ADMINISTRATION,
                    f"administration commands are not allowed ({exc.message})",
                )
            ) from exc
        raise
    found = refusal(planned.query_type, planned.plan)
    if found is not None:
        raise CypherRefused(found)
    return await execute_read_only(target, query, params)


async def execute_read_only(
    target: CypherTarget, query: str, parameters: Mapping[str, Any] | None = None
) -> CypherResult:
    """Run `query` in a read transaction with the caps, WITHOUT the plan check: the second
    wall alone (`run_read_only` is the door; this is public so a test can prove the wall)."""
    # Deliberately dynamic query text: the one exception to "user text never becomes query
    # text", made safe by the plan check and the read transaction (see the module
    # docstring). (The driver types it LiteralString; mypy treats that as str.)
    text = query
    params = dict(parameters or {})
    row_cap, byte_cap = target.row_cap, target.byte_cap

    @neo4j.unit_of_work(timeout=target.timeout)
    async def work(tx: neo4j.AsyncManagedTransaction) -> CypherResult:
        result = await _run(tx, text, params)
        columns = list(result.keys())
        rows: list[list[Any]] = []
        size = 0
        truncated_by: str | None = None
        async for record in result:
            if len(rows) == row_cap:
                truncated_by = "rows"  # record cap + 1 exists: stop fetching
                break
            row = [to_json(value) for value in record.values()]
            size += len(orjson.dumps(row))
            if size > byte_cap:
                truncated_by = "bytes"
                break
            rows.append(row)
        summary = await result.consume()  # discards whatever the caps left unread
        return CypherResult(
            columns,
            rows,
            truncated_by is not None,
            row_cap,
            byte_cap,
            truncated_by,
            _summary(summary),
        )

    async with _session(target.driver, target.database, fetch_size=row_cap + 1) as session:
        return await _guarded(session.execute_read(work))


@dataclass
class _Planned:
    query_type: str | None
    plan: dict[str, Any] | None


def _plan_work(query: str, params: dict[str, Any], timeout: float) -> Any:
    text, _ = explain_text(query)

    @neo4j.unit_of_work(timeout=timeout)
    async def work(tx: neo4j.AsyncManagedTransaction) -> _Planned:
        result = await _run(tx, text, params)
        summary = await result.consume()
        plan = summary.plan if isinstance(summary.plan, dict) else None
        return _Planned(summary.query_type, plan)

    return work


async def _run(
    tx: neo4j.AsyncManagedTransaction, text: str, params: dict[str, Any]
) -> neo4j.AsyncResult:
    try:
        return await tx.run(text, params)
    except (ValueError, TypeError, OverflowError) as exc:
        # The driver could not send a parameter (e.g. an integer beyond 64 bits).
        raise CypherError("Driver.InvalidParameter", str(exc)) from exc


def _session(driver: neo4j.AsyncDriver, database: str, *, fetch_size: int) -> neo4j.AsyncSession:
    return driver.session(
        database=database,
        default_access_mode=neo4j.READ_ACCESS,
        fetch_size=fetch_size,
        # The API's driver turns notifications off; the user of /cypher gets them.
        notifications_min_severity=neo4j.NotificationMinimumSeverity.INFORMATION,
    )


async def _guarded(work: Awaitable[T]) -> T:
    """Await `work`; Neo4j's refusals (a timeout included) become `CypherError`."""
    try:
        return await work
    except neo4j.exceptions.Neo4jError as exc:
        # "Neo4j is not there" propagates (the API answers 503); the rest, a timeout
        # included, is about this query: the analyst gets Neo4j's code and message.
        if classify(exc) is Failure.UNAVAILABLE:
            raise
        raise CypherError(exc.code or "Neo.ClientError", exc.message or str(exc)) from exc
