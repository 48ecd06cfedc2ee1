"""`POST /api/v1/cypher`: read-only Cypher for analysts, behind a key with the `cypher` scope.

The query text is the caller's — the one deliberate exception to "user text never becomes
query text". The plan is checked before anything runs (403 naming the refused class), the
read transaction is the second wall, and the costs are capped: Neo4j's transaction
timeout, rows, bytes (kgapi.graph.read_queries.analyst_cypher) and, here, how many
queries one key may have running at once (429 past `cypher_concurrency_per_key`).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, ConfigDict, Field

from kgapi.api.deps import DriverDep, SettingsDep, neo4j_watch
from kgapi.api.security import RequireCypher, authenticate
from kgapi.graph.errors import Unresponsive
from kgapi.graph.read_queries.analyst_cypher import (
    CypherError,
    CypherRefused,
    CypherTarget,
    run_read_only,
)

logger = logging.getLogger(__name__)
router = APIRouter(tags=["cypher"])


class CypherRequest(BaseModel):
    """A read-only Cypher query and its parameters."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "query": "MATCH (a:Actor)-[:STATED]->(c:Claim)-[:ABOUT]->(e:Entity) "
                    "WHERE a.name CONTAINS $speaker RETURN a.name, c.text, e.name LIMIT 10",
                    "parameters": {"speaker": "Blinken"},
                }
            ]
        },
    )

    query: str = Field(min_length=1, max_length=100_000, description="Cypher; writes are refused.")
    parameters: dict[str, Any] = Field(default_factory=dict, description="Query parameters.")


class CypherResponse(BaseModel):
    """Rows aligned with `columns`; nodes, relationships and paths with element ids."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = Field(description="True when a cap cut the result short.")
    row_cap: int
    byte_cap: int = Field(description="Most JSON bytes of rows returned.")
    truncated_by: str | None = Field(description='"rows" or "bytes": the cap that cut it.')
    summary: dict[str, Any] = Field(description="Query type, timings, plan/profile, notifications.")


class CypherErrorBody(BaseModel):
    code: str
    message: str
    refused: str | None = Field(
        default=None,
        description="On 403, the refused class: administration, write, procedure, "
        "function, load-csv, call-in-transactions.",
    )


class CypherErrorResponse(BaseModel):
    detail: CypherErrorBody


class RunningQueries:
    """Per-key count of running /cypher queries in this process (one app, one counter)."""

    def __init__(self) -> None:
        self._running: Counter[str] = Counter()

    @contextmanager
    def slot(self, key_id: str, cap: int) -> Iterator[bool]:
        """Yield whether `key_id` may start a query now; release the slot afterwards."""
        if self._running[key_id] >= cap:
            yield False
            return
        self._running[key_id] += 1
        try:
            yield True
        finally:
            self._running[key_id] -= 1
            if not self._running[key_id]:
                del self._running[key_id]


def _running(request: Request) -> RunningQueries:
    state = request.app.state
    if not isinstance(getattr(state, "cypher_running", None), RunningQueries):
        state.cypher_running = RunningQueries()
    running: RunningQueries = state.cypher_running
    return running


@router.post(
    "/cypher",
    response_model=CypherResponse,
    dependencies=[RequireCypher],
    summary="Run a read-only Cypher query",
    responses={
        400: {"model": CypherErrorResponse, "description": "Neo4j refused or ended the query"},
        403: {
            "model": CypherErrorResponse,
            "description": "The plan shows more than a read of the graph; nothing ran. "
            "(A key without the `cypher` scope also gets 403, with a plain message.)",
        },
        429: {"description": "This key already has its maximum of queries running"},
    },
)
async def cypher(
    body: CypherRequest, request: Request, driver: DriverDep, settings: SettingsDep
) -> CypherResponse:
    """Plans the query first and refuses (403) administration, writes, procedures and
    functions outside the allowlist, `LOAD CSV` and `CALL { } IN TRANSACTIONS`; then runs
    it read-only with Neo4j's transaction timeout, at most `cypher_row_cap` rows and
    `cypher_max_bytes` bytes. `EXPLAIN`/`PROFILE` return the plan in `summary`."""
    principal = authenticate(request)
    key_id = principal.key_id if principal else "-"
    cap = settings.cypher_concurrency_per_key
    # Neo4j away: the fast 503 first, before the query takes one of the key's slots.
    with neo4j_watch(request.app.state), _running(request).slot(key_id, cap) as admitted:
        if not admitted:
            raise HTTPException(
                429,
                detail=f"This key already has {cap} /cypher quer{'y' if cap == 1 else 'ies'} "
                "running (KGAPI_CYPHER_CONCURRENCY_PER_KEY): wait for it to finish.",
                headers={"Retry-After": "1"},
            )
        try:
            target = CypherTarget(
                driver,
                settings.neo4j_database,
                timeout=settings.cypher_timeout,
                row_cap=settings.cypher_row_cap,
                byte_cap=settings.cypher_max_bytes,
            )
            # Bounded on our side too (the plan, then the run, each with Neo4j's timeout):
            # a hung server or a database still starting never ends them itself.
            limit = 2 * (settings.cypher_timeout + settings.neo4j_connect_timeout)
            try:
                async with asyncio.timeout(limit):
                    result = await run_read_only(target, body.query, body.parameters)
            except TimeoutError:
                raise Unresponsive(f"Neo4j did not answer within {limit:g} s") from None
        except CypherRefused as exc:
            logger.warning("cypher refused by plan: %s (key %s)", exc.refusal.code, key_id)
            detail = {
                "code": exc.refusal.code,
                "message": f"Refused ({exc.refusal.refused.value}): {exc.refusal.reason}. "
                "/cypher reads the graph only; nothing was executed.",
                "refused": exc.refusal.refused.value,
            }
            raise HTTPException(403, detail=detail) from exc
        except CypherError as exc:
            logger.info("cypher refused: %s", exc.code)
            raise HTTPException(400, detail={"code": exc.code, "message": exc.message}) from exc
    # An audit line (with the request id): the one route that runs caller-written Cypher.
    logger.info(
        "cypher ran: key %s, %d chars, %d rows%s",
        key_id,
        len(body.query),
        len(result.rows),
        f" (truncated by {result.truncated_by})" if result.truncated else "",
    )
    return CypherResponse(**vars(result))
