"""/graphql: GraphQL over HTTP to the letter of the spec, and GraphiQL for browsers.

A small endpoint of our own runs the Strawberry schema. It follows every MUST and SHOULD
of the GraphQL-over-HTTP spec (checked by the `graphql-http` audit in the test suite):
`application/graphql-response+json` when the client accepts it, with 400 and no `data`
on parse, validation and variable errors; 406 for an unacceptable Accept; 415 for a
non-JSON body; 405 with `Allow` for other methods and for mutations over GET; errors in
GraphQL's own `{"errors": [...]}` shape. The rules are pure functions in `transport.py`;
this module only wires them to the request and the schema.

Why not Strawberry's `GraphQLRouter`: it passes the MUSTs but 15 of the 23 SHOULDs, so it
needed overriding at every step anyway, and as a FastAPI route (dependency injection, the
generic multi-framework view) it cost more per request than the plain route (figures in
docs/benchmarks.md). Mounted as a plain Starlette route, it still runs
inside the app's middleware (request id, access log, CORS, metrics, body limit).
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Route, WebSocketRoute
from starlette.types import Receive, Scope, Send
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from kgapi.access.rate_limits import RouteClass
from kgapi.api.deps import reader_for
from kgapi.api.graphql import ide
from kgapi.api.graphql.context import GraphQLContext
from kgapi.api.graphql.schema import build_schema
from kgapi.api.graphql.subscriptions import SubscriptionView
from kgapi.api.graphql.transport import (
    ACCEPTABLE,
    APPLICATION_JSON,
    GRAPHQL_RESPONSE_JSON,
    GraphQLHTTPError,
    ResponseMediaType,
    check_json_content_type,
    decode_json_body,
    is_request_error,
    negotiate_response_type,
    request_data_from_params,
    wants_ide,
)
from kgapi.api.rate_limiting import RateLimiter, Refused
from kgapi.api.security import authenticate
from kgapi.config import Settings

PATH = "/graphql"
_QUERIES_ONLY = frozenset({OperationType.QUERY})
_QUERIES_AND_MUTATIONS = frozenset({OperationType.QUERY, OperationType.MUTATION})


class GraphQLEndpoint:
    """Serves one Strawberry schema over HTTP (GET and POST) and GraphiQL on a browser's GET."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.schema = build_schema(settings)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # An ASGI app rather than a function endpoint, so that the route takes every
        # method and `handle` answers the ones GraphQL does not use with 405 + Allow.
        request = Request(scope, receive)
        response = await self.handle(request)
        refused = await _rate_limit(request)
        if refused is not None:
            response = _error(
                GraphQLHTTPError(429, refused.message, {"Retry-After": str(refused.retry_after)}),
                APPLICATION_JSON,
            )
        await response(scope, receive, send)

    async def handle(self, request: Request) -> Response:
        """Answer one request: the IDE page, a GraphQL response, or a transport error."""
        method = request.method
        if method not in ("GET", "POST"):
            return _error(
                GraphQLHTTPError(
                    405, "GraphQL is served over GET and POST only.", {"Allow": "GET, POST"}
                ),
                APPLICATION_JSON,
            )
        accept = request.headers.get("accept")
        if wants_ide(method, "query" in request.query_params, accept):
            return ide.render_page(request.url.path)
        media_type = negotiate_response_type(accept)
        if media_type is None:
            return _error(
                GraphQLHTTPError(
                    406,
                    f"Not acceptable: this endpoint answers {ACCEPTABLE}.",
                    {"Accept": ACCEPTABLE},
                ),
                APPLICATION_JSON,
            )
        try:
            data = await _request_data(request)
            context = GraphQLContext(self.settings, reader_for(request.app.state), request)
            request.state.graphql_context = context
            result = await self._execute(request, data, context)
        except GraphQLHTTPError as exc:
            return _error(exc, media_type)
        body: dict[str, Any] = {"data": result.data}
        if result.errors:
            body["errors"] = [error.formatted for error in result.errors]
        extensions = dict(result.extensions or {})
        if context.report_round_trips:  # asked for by header (the N+1 tests, the benchmark)
            extensions["neo4jRoundTrips"] = context.reader.round_trips
        if extensions:
            body["extensions"] = extensions
        status = 200
        if is_request_error(result):  # the operation never ran: no `data` entry at all
            del body["data"]
            if media_type == GRAPHQL_RESPONSE_JSON:
                status = 400
        return Response(
            orjson.dumps(body),
            status,
            media_type=f"{media_type}; charset=utf-8",
        )

    async def _execute(
        self, request: Request, data: GraphQLRequestData, context: GraphQLContext
    ) -> Any:
        get = request.method == "GET"
        try:
            return await self.schema.execute(
                data.query,
                variable_values=data.variables,
                context_value=context,
                operation_name=data.operation_name,
                allowed_operation_types=_QUERIES_ONLY if get else _QUERIES_AND_MUTATIONS,
                operation_extensions=data.extensions,
            )
        except InvalidOperationTypeError as exc:
            reason = exc.as_http_error_reason(request.method)
            if get:  # a mutation over GET: the spec says 405, and where to send it
                raise GraphQLHTTPError(
                    405, f"{reason}; send it as a POST.", {"Allow": "POST"}
                ) from exc
            raise GraphQLHTTPError(400, reason) from exc
        except CannotGetOperationTypeError as exc:
            raise GraphQLHTTPError(400, exc.as_http_error_reason()) from exc
        except MissingQueryError as exc:
            raise GraphQLHTTPError(400, "The request has no query parameter.") from exc


async def _rate_limit(request: Request) -> Refused | None:
    """The refusal of a request over its limit: its operation was refused while executing
    (`RateLimitOperations`), or — never executed (IDE page, transport, parse or
    validation error) — its one `graphql` request is over the limit now."""
    context = getattr(request.state, "graphql_context", None)
    if isinstance(context, GraphQLContext):
        if context.rate_limited is not None:
            return context.rate_limited
        if context.charged:
            return None
    limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
    if limiter is None:
        return None
    return await limiter.charge(request.scope, authenticate(request), RouteClass.GRAPHQL)


async def _request_data(request: Request) -> GraphQLRequestData:
    """GET query parameters or a UTF-8 `application/json` POST body, types checked."""
    if request.method == "GET":
        params: dict[str, object] = dict(request.query_params)
        for name in ("variables", "extensions"):  # JSON-encoded in a URL
            raw = params.get(name)
            if isinstance(raw, str) and raw:
                try:
                    params[name] = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise GraphQLHTTPError(
                        400, f"The {name} parameter is not valid JSON: {exc}."
                    ) from exc
        return request_data_from_params(params)
    content_type = request.headers.get("content-type")
    mime_type, params_ = parse_content_type(content_type or "")
    check_json_content_type(mime_type if content_type else "", params_)
    data = decode_json_body(await request.body())
    if isinstance(data, list):
        raise GraphQLHTTPError(
            400, "Batched requests are not supported: send one operation per request."
        )
    return request_data_from_params(data)


def _error(error: GraphQLHTTPError, media_type: ResponseMediaType) -> Response:
    return Response(
        orjson.dumps({"errors": [{"message": error.message}]}),
        status_code=error.status,
        headers=error.headers,
        media_type=f"{media_type}; charset=utf-8",
    )


class _NamedRoute(Route):
    """A Starlette route that names itself in the request scope, as FastAPI's routes do:
    the metrics label each request with its route's path (`/graphql`, not `<unmatched>`)."""

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        match, child_scope = super().matches(scope)
        if match is not Match.NONE:
            child_scope = {**child_scope, "route": self}
        return match, child_scope


def graphql_routes(settings: Settings) -> list[BaseRoute]:
    """The /graphql endpoint (HTTP, and WebSocket for subscriptions) and the IDE's local
    assets, as routes for the app."""

    async def asset(request: Request) -> Response:
        return await ide.serve_asset(request.path_params["name"])

    endpoint = GraphQLEndpoint(settings)
    return [
        _NamedRoute(PATH, endpoint, include_in_schema=False),
        WebSocketRoute(PATH, SubscriptionView(endpoint.schema, settings)),
        _NamedRoute(f"{PATH}/static/{{name}}", asset, methods=["GET"], include_in_schema=False),
    ]
