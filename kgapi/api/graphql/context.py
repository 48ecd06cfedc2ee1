"""The per-request GraphQL context: settings, a fresh `GraphReader`, fresh DataLoaders.

The endpoint (`endpoint.py`) makes one per request: the reader's round-trip counter and
the loaders' caches belong to one request only.
"""

from __future__ import annotations

from graphql import GraphQLError
from starlette.requests import Request

from kgapi.api.graphql.loaders import Loaders
from kgapi.api.security import key_is_valid, presented_keys
from kgapi.config import Settings
from kgapi.graph.reader import GraphReader

#: Request header asking for the request's Neo4j round-trip count in the response's
#: `extensions` (the N+1 tests and the benchmark read it). Costs nothing when absent.
ROUND_TRIPS_HEADER = "X-Kgapi-Round-Trips"


class GraphQLContext:
    """What every resolver reaches through `info.context`."""

    def __init__(self, settings: Settings, reader: GraphReader, request: Request) -> None:
        self.settings = settings
        self.reader = reader
        self.loaders = Loaders(reader)
        self.http_request = request
        self.report_round_trips = request.headers.get(ROUND_TRIPS_HEADER, "") == "1"

    @property
    def max_page_size(self) -> int:
        return self.settings.max_page_size

    def has_key(self) -> bool:
        """Whether the request carries a configured API key."""
        return key_is_valid(self.settings, self.http_request.headers)

    def require_key(self) -> None:
        """Raise a GraphQL error unless the request carries a configured API key."""
        if self.has_key():
            return
        if not self.settings.api_key_hashes:
            message = "this operation needs an API key, and the server has none configured"
        elif presented_keys(self.http_request.headers):
            message = "the API key is not valid"
        else:
            message = (
                "an API key is required: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"
            )
        raise GraphQLError(message, extensions={"code": "UNAUTHENTICATED"})
