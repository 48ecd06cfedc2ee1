"""The last line of defence: an unexpected exception becomes a 500 JSON answer (which still
carries the request id), its trace goes to the log, never to the client."""

from __future__ import annotations

import logging

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from kgapi.api.middleware.base import ResponseRecorder
from kgapi.api.middleware.request_id import current_request_id

logger = logging.getLogger(__name__)


def internal_error() -> JSONResponse:
    """The one 500 body: no internals, the request id to quote."""
    return JSONResponse(
        status_code=500,
        content={"detail": "Internal server error.", "request_id": current_request_id()},
    )


class CatchAllMiddleware:
    """Unexpected exceptions → 500 JSON without a stack trace; the trace goes to the log."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response = ResponseRecorder(send)
        try:
            await self.app(scope, receive, response)
        except Exception:
            logger.exception(
                "unhandled error in %s %s (request id %s)",
                scope.get("method"),
                scope.get("path"),
                current_request_id(),
            )
            if response.started:  # too late for a clean 500: let the server drop the connection
                raise
            await internal_error()(scope, receive, send)
