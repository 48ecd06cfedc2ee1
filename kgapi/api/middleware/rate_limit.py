"""Rate limits of REST and everything else but /graphql: 429 with `Retry-After` before the
request reaches a route (nothing is read or run). /graphql charges per operation in its
endpoint; the probes `/health` and `/ready` are never limited."""

from __future__ import annotations

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from kgapi.api.rate_limiting import RateLimiter, Refused, route_class
from kgapi.api.security import principal_for_scope


def too_many_requests(refused: Refused) -> JSONResponse:
    """The 429 of a refused request."""
    return JSONResponse(
        status_code=429,
        content={"detail": refused.message},
        headers={"Retry-After": str(refused.retry_after)},
    )


class RateLimitMiddleware:
    """Charge each HTTP request to its caller (key, else client address) and class."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = route_class(scope["method"], scope["path"])
        if route is not None:
            principal = principal_for_scope(scope)
            refused = await self.limiter.charge(scope, principal, route)
            if refused is not None:
                await too_many_requests(refused)(scope, receive, send)
                return
        await self.app(scope, receive, send)
