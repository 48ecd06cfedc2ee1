"""The per-request GraphQL context: settings, a fresh `GraphReader`, fresh DataLoaders.

The endpoint (`endpoint.py`) makes one per request: the reader's round-trip counter and
the loaders' caches belong to one request only. A WebSocket connection (subscriptions,
`subscriptions.py`) has a `SubscriptionContext`: fresh loaders for every update it sends.
"""

from __future__ import annotations

from graphql import GraphQLError
from starlette.requests import HTTPConnection

from kgapi.access.keys import Principal, Scope
from kgapi.api.graphql.loaders import Loaders
from kgapi.api.rate_limiting import RateLimiter, Refused
from kgapi.api.security import (
    authenticate,
    missing_scope_message,
    principal_of,
    ring_of,
    unauthorized_message,
)
from kgapi.config import Settings
from kgapi.graph.reader import GraphReader

#: Request header asking for the request's Neo4j round-trip count in the response's
#: `extensions` (the N+1 tests and the benchmark read it). Costs nothing when absent.
ROUND_TRIPS_HEADER = "X-Kgapi-Round-Trips"


class GraphQLContext:
    """What every resolver reaches through `info.context`."""

    def __init__(self, settings: Settings, reader: GraphReader, request: HTTPConnection) -> None:
        self.settings = settings
        self.reader = reader
        self.loaders = Loaders(reader)
        self.http_request = request
        self.report_round_trips = request.headers.get(ROUND_TRIPS_HEADER, "") == "1"
        # Rate limits (kgapi.api.graphql.rate_limit): the app's limiter (None: off),
        # whether this request was charged, and the refusal when it was over its limit.
        self.rate_limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
        self.charged = False
        self.rate_limited: Refused | None = None

    @property
    def max_page_size(self) -> int:
        return self.settings.max_page_size

    @property
    def principal(self) -> Principal | None:
        """The request's key (its id, name and scopes), or None."""
        return authenticate(self.http_request)

    def has_scope(self, scope: Scope) -> bool:
        """Whether the request carries a known key with `scope`."""
        principal = self.principal
        return principal is not None and not principal.missing(scope)

    def require_scope(self, scope: Scope) -> None:
        """Raise a GraphQL error unless the request carries a known key with `scope`:
        UNAUTHENTICATED without one, FORBIDDEN (naming the scope) with the wrong one."""
        principal = self.principal
        if principal is None:
            ring = ring_of(self.http_request.app.state, self.settings)
            message = unauthorized_message(ring, self.http_request.headers)
            raise GraphQLError(message, extensions={"code": "UNAUTHENTICATED"})
        if principal.missing(scope):
            raise GraphQLError(
                missing_scope_message(principal, scope),
                extensions={"code": "FORBIDDEN", "missingScope": scope.value},
            )


class SubscriptionContext(GraphQLContext):
    """The context of one WebSocket connection, shared by its subscriptions.

    Browsers cannot set headers on a WebSocket, so a key may also come in the
    `connection_init` message's payload (`{"Authorization": "Bearer <key>"}` or
    `{"X-API-Key": "<key>"}`), as graphql-ws clients send `connectionParams`.
    Operations here are not charged to the rate limits: a connection's subscriptions are
    capped instead (`max_subscriptions_per_connection`, `max_subscriptions`).
    """

    def __init__(self, settings: Settings, reader: GraphReader, websocket: HTTPConnection) -> None:
        super().__init__(settings, reader, websocket)
        self.rate_limiter = None
        self.connection_params: dict[str, object] = {}
        self._payload_principal: Principal | None = None

    def accept_params(self, params: dict[str, object]) -> None:
        """Take the `connection_init` payload (a key, perhaps)."""
        self.connection_params = params
        headers = {str(k): v for k, v in params.items() if isinstance(v, str)}
        ring = ring_of(self.http_request.app.state, self.settings)
        self._payload_principal = principal_of(ring, headers)

    @property
    def principal(self) -> Principal | None:
        """The key of the upgrade request's headers, else of the connection_init payload."""
        return authenticate(self.http_request) or self._payload_principal

    def fresh_loaders(self) -> None:
        """New DataLoaders (empty caches) for the next update: a connection lives long."""
        self.loaders = Loaders(self.reader)
