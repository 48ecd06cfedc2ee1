"""The access log: one line per request, written once its response is sent."""

from __future__ import annotations

import logging

from starlette.types import Scope

from kgapi.api.middleware.base import ResponseObserver

access_logger = logging.getLogger("kgapi.access")


class AccessLogMiddleware(ResponseObserver):
    """One log line per request (`kgapi.access`, INFO), written once the response is sent:
    client, request line, status and duration; the request id comes with every record.

    It replaces uvicorn's access log (`kgapi serve` turns that one off), which writes its
    line between a response's headers and its body, so every client waited for it (figures
    in docs/benchmarks.md).
    """

    def watches(self, scope: Scope) -> bool:
        return scope["type"] == "http" and access_logger.isEnabledFor(logging.INFO)

    def finished(self, scope: Scope, status: int, seconds: float) -> None:
        client = scope.get("client")
        query = scope.get("query_string", b"")
        access_logger.info(
            '%s - "%s %s%s HTTP/%s" %d %.1fms',
            f"{client[0]}:{client[1]}" if client else "-",
            scope.get("method", ""),
            scope.get("path", ""),
            "?" + query.decode("latin-1") if query else "",
            scope.get("http_version", "1.1"),
            status,
            seconds * 1000,
        )
