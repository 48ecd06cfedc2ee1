"""Rate limits per caller and route class, counted by the `limits` library.

Why `limits` itself rather than slowapi (which is built on it): slowapi limits HTTP
requests through per-route decorators, so it cannot charge a GraphQL request per
operation (the class and cost are known only once the document is parsed) nor keep the
key lookup in one place; `limits` gives the counting strategies and storages (memory,
Redis, Memcached for several workers) and leaves the "what does this request cost, and
to whom" to us: the middleware (`kgapi.api.middleware.rate_limit`) for REST, the GraphQL
endpoint per operation.

A caller is its key (each key its own budget, by key id) or, without a known key, its
client address: the TCP peer, or the configured trusted-proxy header when the peer is one
of the trusted proxies (`client_address`).
"""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass

from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from starlette.types import Scope

from kgapi.access.keys import Principal
from kgapi.access.rate_limits import RateLimitSpec, RouteClass, parse_rate_limits
from kgapi.config import Settings

#: Paths never limited: orchestrators' probes must not see 429 under load.
EXEMPT_PATHS = frozenset({"/health", "/ready"})
GRAPHQL_PATH = "/graphql"


@dataclass(frozen=True)
class Refused:
    """A request over its limit: what to tell the client."""

    retry_after: int
    route_class: RouteClass
    limit: str

    @property
    def message(self) -> str:
        return (
            f"Rate limit exceeded for {self.route_class.value} ({self.limit}): "
            f"retry after {self.retry_after} s."
        )


class ClientAddress:
    """The client address of a request: the peer, or the trusted proxy's header."""

    def __init__(self, header: str, proxies: list[str]) -> None:
        self.header = header.lower().encode("latin-1")
        self.proxies = [ipaddress.ip_network(p, strict=False) for p in proxies]

    def _trusted(self, peer: str) -> bool:
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return False
        return any(address in network for network in self.proxies)

    def __call__(self, scope: Scope) -> str:
        client = scope.get("client")
        peer = str(client[0]) if client else "unknown"
        if not self.header or not self._trusted(peer):
            return peer
        for name, value in scope.get("headers", []):
            if name.lower() == self.header:
                # The rightmost entry is the one our proxy appended: anything left of it
                # came from the client and could be anything.
                last = value.decode("latin-1").split(",")[-1].strip()
                if last:
                    return str(last)
        return peer


def route_class(method: str, path: str) -> RouteClass | None:
    """The REST route class of a request, or None when it is not limited here (probes;
    /graphql, which is charged per operation by its endpoint)."""
    if path in EXEMPT_PATHS or path == GRAPHQL_PATH:
        return None
    if path.startswith("/api/v1/cypher"):
        return RouteClass.CYPHER
    if method in ("POST", "PUT", "PATCH", "DELETE"):
        return RouteClass.WRITES
    return RouteClass.READS


class RateLimiter:
    """Charges callers per route class against `KGAPI_RATE_LIMITS`."""

    def __init__(self, spec: RateLimitSpec, address: ClientAddress) -> None:
        self.spec = spec
        self.address = address
        self.storage = storage_from_string(_async_uri(spec.storage))
        self.strategy = MovingWindowRateLimiter(self.storage)

    async def charge(
        self,
        scope: Scope,
        principal: Principal | None,
        route_class: RouteClass,
        cost: int = 1,
    ) -> Refused | None:
        """Count `cost` requests of `route_class` for this caller; a `Refused` (with its
        Retry-After) when that would pass the caller's limit, and then nothing is counted."""
        name = principal.name if principal else None
        item = self.spec.limit_for(route_class, name)
        if item is None or cost <= 0:
            return None
        who = f"key:{principal.key_id}" if principal else f"ip:{self.address(scope)}"
        if await self.strategy.hit(item, route_class.value, who, cost=cost):
            return None
        stats = await self.strategy.get_window_stats(item, route_class.value, who)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        if cost > item.amount:  # can never pass: say when the window is empty again
            retry_after = max(retry_after, item.get_expiry())
        return Refused(retry_after, route_class, str(item))


def _async_uri(uri: str) -> str:
    return uri if uri.startswith("async+") else f"async+{uri}"


def rate_limiter_for(settings: Settings) -> RateLimiter | None:
    """The app's limiter, or None when `KGAPI_RATE_LIMITS=off`."""
    spec = parse_rate_limits(settings.rate_limits)
    if spec is None:
        return None
    return RateLimiter(spec, ClientAddress(settings.trusted_proxy_header, settings.trusted_proxies))
