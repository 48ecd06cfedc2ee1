"""Strawberry GraphQL mounted on FastAPI at /graphql, spoken to the letter of the
GraphQL-over-HTTP spec, with GraphiQL served from the app itself.

Strawberry's router passes the spec's MUSTs; this subclass adds what its SHOULDs ask:
`application/graphql-response+json` when the client accepts it (400 and no `data` on
parse, validation and variable errors), 406 for an unacceptable Accept, 415 for a
non-JSON body, 405 + Allow for other methods and for mutations over GET, and error
bodies in GraphQL's own `{"errors": [...]}` shape. The rules live in `transport.py`.
"""

from __future__ import annotations

from json import dumps
from typing import Any, cast

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.websockets import WebSocket
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from kgapi.api.graphql import ide
from kgapi.api.graphql.context import get_context
from kgapi.api.graphql.schema import build_schema
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
from kgapi.config import Settings

# Per-request facts handed from the view's hooks to `run`, on the request's own state.
_MEDIA_TYPE = "graphql_media_type"
_REQUEST_ERROR = "graphql_request_error"
_OTHER_METHODS = ["PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


class SpecGraphQLRouter(GraphQLRouter[Any, None]):
    """GraphQLRouter that follows every MUST and SHOULD of GraphQL over HTTP."""

    def __init__(self, schema: BaseSchema, **kwargs: Any) -> None:
        super().__init__(schema, graphql_ide="graphiql", allow_queries_via_get=True, **kwargs)
        # Strawberry registers GET and POST only; any other method must say what is allowed.
        self.add_api_route("", _method_not_allowed, methods=_OTHER_METHODS, include_in_schema=False)
        self.add_api_route(
            "/static/{name}", ide.serve_asset, methods=["GET"], include_in_schema=False
        )

    async def run(  # type: ignore[override]
        self,
        request: Request | WebSocket,
        context: Any = UNSET,
        root_value: Any = UNSET,
    ) -> Response | WebSocket:
        """Negotiate the media type, run Strawberry's pipeline, then set status and type."""
        if isinstance(request, WebSocket):
            return await super().run(request, context, root_value)
        media_type = negotiate_response_type(request.headers.get("accept"))
        wants_page = wants_ide(
            request.method, "query" in request.query_params, request.headers.get("accept")
        )
        if media_type is None and not wants_page:
            return _error_response(
                GraphQLHTTPError(
                    406,
                    f"Not acceptable: this endpoint answers {ACCEPTABLE}.",
                    {"Accept": ACCEPTABLE},
                ),
                APPLICATION_JSON,
            )
        media_type = media_type or APPLICATION_JSON  # the IDE page, or an error about it
        setattr(request.state, _MEDIA_TYPE, media_type)
        try:
            response = await super().run(request, context, root_value)
        except GraphQLHTTPError as exc:
            return _error_response(exc, media_type)
        except HTTPException as exc:  # Strawberry's own refusals, in the same shape
            return _error_response(GraphQLHTTPError(exc.status_code, exc.reason), media_type)
        if isinstance(response, (HTMLResponse, StreamingResponse)):
            return response
        if (
            getattr(request.state, _REQUEST_ERROR, False)
            and media_type == GRAPHQL_RESPONSE_JSON
            and response.status_code == 200
        ):
            response.status_code = 400
        response.headers["content-type"] = f"{media_type}; charset=utf-8"
        return response

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """The IDE for a browser's GET without a query; `*/*` alone (curl) gets GraphQL."""
        has_query = request.query_params.get("query") is not None
        return wants_ide(request.method, has_query, request.headers.get("accept"))

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        """GraphiQL from local assets, pointed at this endpoint's own path."""
        return ide.render_page(request.url.path)

    async def parse_http_body(
        self, request: AsyncHTTPRequestAdapter
    ) -> GraphQLRequestData | list[GraphQLRequestData]:
        """GET query parameters or a UTF-8 `application/json` POST body, types checked."""
        if request.method == "GET":
            return request_data_from_params(self.parse_query_params(request.query_params))
        mime_type, params = parse_content_type(request.content_type or "")
        if self.multipart_uploads_enabled and mime_type == "multipart/form-data":
            return await super().parse_http_body(request)
        check_json_content_type(mime_type if request.content_type else "", params)
        data = decode_json_body(await request.get_body())
        if isinstance(data, list):  # batching: Strawberry decides whether it is enabled
            return await super().parse_http_body(request)
        return request_data_from_params(data)

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Any,
        root_value: Any,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Strawberry's execution, with a mutation over GET refused as 405 (spec: MUST)."""
        try:
            return await super().execute_single(
                request=request,
                request_adapter=request_adapter,
                sub_response=sub_response,
                context=context,
                root_value=root_value,
                request_data=request_data,
            )
        except HTTPException as exc:
            if request_adapter.method == "GET" and isinstance(
                exc.__cause__, InvalidOperationTypeError
            ):
                raise GraphQLHTTPError(
                    405, f"{exc.reason}; send it as a POST.", {"Allow": "POST"}
                ) from exc
            raise

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        """The response body; an operation that never ran has no `data` entry at all."""
        response = await super().process_result(request, result)
        if is_request_error(result):
            setattr(request.state, _REQUEST_ERROR, True)
            response.pop("data", None)
        return response


def _error_response(error: GraphQLHTTPError, media_type: ResponseMediaType) -> Response:
    return Response(
        dumps({"errors": [{"message": error.message}]}),
        status_code=error.status,
        headers=error.headers,
        media_type=f"{media_type}; charset=utf-8",
    )


async def _method_not_allowed() -> Response:
    return _error_response(
        GraphQLHTTPError(405, "GraphQL is served over GET and POST only.", {"Allow": "GET, POST"}),
        APPLICATION_JSON,
    )


def create_graphql_router(settings: Settings) -> GraphQLRouter[Any, None]:
    """The /graphql endpoint: GraphQL over HTTP, and GraphiQL for browsers."""
    return cast(
        "GraphQLRouter[Any, None]",
        SpecGraphQLRouter(build_schema(settings), context_getter=get_context),
    )
