"""The middleware stack every request goes through, one module per job.

Pure ASGI middleware (no `BaseHTTPMiddleware`), so streaming bodies stay streaming and the
request id's context variable is visible to everything that runs for the request — route
code, the Neo4j driver's logging, the access log line.

Order (outermost first): request id (`request_id`, asgi-correlation-id) → access log
(`access_log`) → CORS (Starlette's) → metrics (`kgapi.api.metrics`, the
prometheus-fastapi-instrumentator middleware) → catch-all 500 (`catch_all`) → rate limits
(`rate_limit`, unless `KGAPI_RATE_LIMITS=off`: before any body is read) → body limit
(`body_limit`) → app.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from kgapi.api.metrics import Metrics
from kgapi.api.middleware.access_log import AccessLogMiddleware
from kgapi.api.middleware.body_limit import BodyLimitMiddleware
from kgapi.api.middleware.catch_all import CatchAllMiddleware
from kgapi.api.middleware.rate_limit import RateLimitMiddleware
from kgapi.api.middleware.request_id import REQUEST_ID_HEADER, install_request_ids
from kgapi.api.rate_limiting import RateLimiter
from kgapi.config import Settings


def install_middleware(
    app: FastAPI,
    settings: Settings,
    metrics: Metrics | None = None,
    limiter: RateLimiter | None = None,
) -> None:
    """Add the middleware stack (the last added runs outermost)."""
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    if limiter is not None:
        app.add_middleware(RateLimitMiddleware, limiter=limiter)
    app.add_middleware(CatchAllMiddleware)
    if metrics is not None:
        metrics.install_middleware(app)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "X-API-Key", REQUEST_ID_HEADER],
        expose_headers=[REQUEST_ID_HEADER, "Retry-After"],
        max_age=600,
    )
    app.add_middleware(AccessLogMiddleware)
    install_request_ids(app)
