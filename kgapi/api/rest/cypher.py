"""`POST /api/v1/cypher`: read-only Cypher for analysts, behind an API key.

The query text is the caller's — the one deliberate exception to "user text never becomes
query text"; Neo4j enforces read-only (see kgapi.graph.read_queries.analyst_cypher).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from kgapi.api.deps import DriverDep, SettingsDep
from kgapi.api.security import RequireKey
from kgapi.graph.read_queries.analyst_cypher import CypherError, run_read_only

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
    truncated: bool = Field(description="True when more rows existed than `row_cap`.")
    row_cap: int
    summary: dict[str, Any] = Field(description="Query type, timings, plan/profile, notifications.")


class CypherErrorBody(BaseModel):
    code: str
    message: str


class CypherErrorResponse(BaseModel):
    detail: CypherErrorBody


@router.post(
    "/cypher",
    response_model=CypherResponse,
    dependencies=[RequireKey],
    summary="Run a read-only Cypher query",
    responses={400: {"model": CypherErrorResponse, "description": "Neo4j refused the query"}},
)
async def cypher(body: CypherRequest, driver: DriverDep, settings: SettingsDep) -> CypherResponse:
    """Read-only (Neo4j refuses writes), server-side timeout, at most `cypher_row_cap` rows.
    `EXPLAIN`/`PROFILE` return the plan in `summary`."""
    try:
        result = await run_read_only(
            driver,
            settings.neo4j_database,
            body.query,
            body.parameters,
            timeout=settings.neo4j_query_timeout,
            row_cap=settings.cypher_row_cap,
        )
    except CypherError as exc:
        logger.info("cypher refused: %s", exc.code)
        raise HTTPException(400, detail={"code": exc.code, "message": exc.message}) from exc
    # An audit line (with the request id): the one route that runs caller-written Cypher.
    logger.info(
        "cypher ran: %d chars, %d rows%s",
        len(body.query),
        len(result.rows),
        " (truncated)" if result.truncated else "",
    )
    return CypherResponse(**vars(result))
