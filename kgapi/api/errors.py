"""REST's exception handlers: 422 without internals, and Neo4j failures as `classify()`
decides them (503 for unavailable or timed out, 500 for the rest)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j import exceptions as neo4j_errors

from kgapi.api.middleware.catch_all import internal_error
from kgapi.graph.errors import Failure, GraphBusy, Neo4jNotReady, classify

logger = logging.getLogger(__name__)


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 with field-level messages only: where and what, never the input or internals."""
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "loc": [str(part) for part in error.get("loc", ())],
            "msg": str(error.get("msg", "invalid value")),
            "type": str(error.get("type", "value_error")),
        }
        for error in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": errors})


async def neo4j_failure(request: Request, exc: Exception) -> JSONResponse:
    """A Neo4j or driver error of an API query, answered as `classify()` decides: Neo4j
    unavailable (a transient error that outlived the retries, the API's queue full) →
    503, the server-side timeout → 503, anything else is our bug → 500."""
    failure = classify(exc)
    if failure is Failure.UNAVAILABLE:
        # A refusal while Neo4j is known to be away: logged once, when it went
        # (kgapi.graph.availability), not once per request.
        log = logger.debug if isinstance(exc, Neo4jNotReady) else logger.warning
        log("Neo4j unavailable: %s: %s", type(exc).__name__, exc)
        return JSONResponse(
            status_code=503,
            content={"detail": f"Neo4j is unavailable ({type(exc).__name__}). Retry shortly."},
            headers={"Retry-After": "2"},
        )
    if failure is Failure.TIMEOUT:
        logger.warning("Neo4j query timed out: %s", getattr(exc, "code", type(exc).__name__))
        return JSONResponse(
            status_code=503,
            content={"detail": "The query exceeded the server-side timeout. Retry shortly."},
            headers={"Retry-After": "2"},
        )
    logger.error("Neo4j refused an API query: %s", exc, exc_info=exc)
    return internal_error()


def install_error_handlers(app: FastAPI) -> None:
    """422 without internals; Neo4j failures by `classify()`. Everything else:
    `CatchAllMiddleware`."""
    app.add_exception_handler(RequestValidationError, validation_error)
    # GqlError is the base of both Neo4jError (the server said no) and DriverError.
    app.add_exception_handler(neo4j_errors.GqlError, neo4j_failure)
    # The API's own queue for Neo4j was full for too long: the same 503 as a full pool.
    app.add_exception_handler(GraphBusy, neo4j_failure)
