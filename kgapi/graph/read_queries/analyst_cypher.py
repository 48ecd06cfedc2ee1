"""Read-only ad-hoc Cypher for analysts (`POST /api/v1/cypher`).

THE ONE PLACE WHERE USER TEXT IS QUERY TEXT — by design: the endpoint exists so analysts
can ask questions the REST/GraphQL API has no route for. What keeps it safe is not a
parser or a regex but Neo4j itself:

- the session's default access mode is READ and the query runs in a managed *read*
  transaction (`execute_read`), so the database refuses any write (`CREATE`, `MERGE`,
  `SET`, `DELETE`, write procedures) with `Neo.ClientError.Statement.AccessMode`;
  `CALL { } IN TRANSACTIONS` cannot run in a managed transaction at all;
- a server-side timeout (`unit_of_work(timeout=...)`) ends runaway queries in Neo4j;
- at most `row_cap + 1` records are fetched; the result says when it was truncated;
- the endpoint sits behind an API key.

What read-only does NOT cover (see docs/cypher.md): reading files or URLs with LOAD CSV
(turn `dbms.security.allow_csv_import_from_file_urls` off on exposed servers), and
read-only admin procedures. Keys should go to trusted analysts only.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from kgapi.graph.errors import Failure, classify


class CypherError(Exception):
    """Neo4j (or the driver) refused the query: its status code and message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass
class CypherResult:
    """Rows of a read-only query, aligned with `columns`, and the query summary."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    row_cap: int
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


async def run_read_only(
    driver: neo4j.AsyncDriver,
    database: str,
    query: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    timeout: float,
    row_cap: int,
) -> CypherResult:
    """Run an analyst's `query` read-only (enforced by Neo4j); raise `CypherError` if refused."""
    # Deliberately dynamic query text: the one exception to "user text never becomes query
    # text", made safe by the read transaction (see the module docstring). (The driver
    # types it LiteralString; mypy treats that as str, pyright would flag this line.)
    text = query

    @neo4j.unit_of_work(timeout=timeout)
    async def work(tx: neo4j.AsyncManagedTransaction) -> CypherResult:
        try:
            result = await tx.run(text, dict(parameters or {}))
        except (ValueError, TypeError, OverflowError) as exc:
            # The driver could not send a parameter (e.g. an integer beyond 64 bits).
            raise CypherError("Driver.InvalidParameter", str(exc)) from exc
        columns = list(result.keys())
        rows: list[list[Any]] = []
        truncated = False
        async for record in result:
            if len(rows) == row_cap:
                truncated = True  # record cap + 1 exists: stop fetching
                break
            rows.append([to_json(value) for value in record.values()])
        summary = await result.consume()  # discards whatever the cap left unread
        return CypherResult(columns, rows, truncated, row_cap, _summary(summary))

    try:
        async with driver.session(
            database=database,
            default_access_mode=neo4j.READ_ACCESS,
            fetch_size=row_cap + 1,
            # The API's driver turns notifications off; the user of /cypher gets them.
            notifications_min_severity=neo4j.NotificationMinimumSeverity.INFORMATION,
        ) as session:
            return await session.execute_read(work)
    except neo4j.exceptions.Neo4jError as exc:
        # "Neo4j is not there" propagates (the API answers 503); the rest, a timeout
        # included, is about this query: the analyst gets Neo4j's code and message.
        if classify(exc) is Failure.UNAVAILABLE:
            raise
        raise CypherError(exc.code or "Neo.ClientError", exc.message or str(exc)) from exc
