"""Liveness and readiness: /health says the process is up, /ready that Neo4j answers and
the API serves from it (not while the process knows Neo4j is down or warming up after a
restart: `kgapi.graph.availability`)."""

from __future__ import annotations

import asyncio
import logging

import neo4j
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from kgapi.api.deps import DriverDep, SettingsDep
from kgapi.graph.availability import Availability
from kgapi.graph.schema import SchemaFiles, applied_version, apply_schema_async

logger = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    neo4j: str = Field(description="up; down; or warming (back, running the API's hot reads).")
    schema_version: str | None = None
    reason: str | None = None


@router.get("/health", response_model=Health, summary="The process is alive")
async def health() -> Health:
    return Health(status="ok")


@router.get(
    "/ready",
    response_model=Readiness,
    summary="Neo4j answers and the schema is applied",
    responses={503: {"model": Readiness, "description": "Not ready, with the reason"}},
)
async def ready(
    request: Request, driver: DriverDep, settings: SettingsDep
) -> Readiness | JSONResponse:
    availability: Availability | None = getattr(request.app.state, "neo4j_availability", None)
    if availability is not None and not availability.ready:
        # Known already: answered at once, without touching the recovering server.
        reason = (
            f"Neo4j at {settings.neo4j_uri} is {availability.state.value}: {availability.reason}"
        )
        return _not_ready(
            Readiness(status="unavailable", neo4j=availability.state.value, reason=reason)
        )
    expected = SchemaFiles.load().version
    try:
        async with asyncio.timeout(settings.neo4j_connect_timeout):
            version = await applied_version(driver, settings.neo4j_database)
            if version != expected and settings.apply_schema_on_start:
                # Neo4j may have been down when the app started: apply the schema now.
                version = await apply_schema_async(driver, settings.neo4j_database)
    except (
        neo4j.exceptions.Neo4jError,
        neo4j.exceptions.DriverError,
        OSError,
        TimeoutError,
    ) as exc:
        if availability is not None:
            availability.failed(exc)
        reason = f"Neo4j at {settings.neo4j_uri} is unavailable: {type(exc).__name__}"
        return _not_ready(Readiness(status="unavailable", neo4j="down", reason=reason))
    if version != expected:
        reason = f"schema {version or 'not applied'}, expected {expected}: run `kgapi schema apply`"
        return _not_ready(
            Readiness(status="unavailable", neo4j="up", schema_version=version, reason=reason)
        )
    return Readiness(status="ready", neo4j="up", schema_version=version)


def _not_ready(body: Readiness) -> JSONResponse:
    return JSONResponse(status_code=503, content=body.model_dump())
