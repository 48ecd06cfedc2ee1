"""GraphQL over HTTP, the spec's rules as pure functions: content negotiation,
request decoding and the request-error test behind the status code.

The endpoint (`kgapi.api.graphql.endpoint`) wires these to the request and the schema;
keeping them free of Starlette makes every rule unit-testable.
Spec: https://graphql.github.io/graphql-over-http/draft/ — checked by the
`graphql-http` audit suite (`tests/graphql_http/audit.mjs`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

GRAPHQL_RESPONSE_JSON: Final = "application/graphql-response+json"
APPLICATION_JSON: Final = "application/json"
ResponseMediaType = Literal["application/graphql-response+json", "application/json"]

# What a 406 tells the client it may ask for.
ACCEPTABLE = f"{GRAPHQL_RESPONSE_JSON}; charset=utf-8, {APPLICATION_JSON}; charset=utf-8"
_UTF8 = frozenset({"utf-8", "utf8"})


class GraphQLHTTPError(Exception):
    """A request refused before (or instead of) execution: a status, a message, headers."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers: dict[str, str] = dict(headers or {})


@dataclass(frozen=True)
class MediaRange:
    """One entry of an Accept header: `type/subtype;params;q=...`."""

    type: str
    subtype: str
    q: float = 1.0
    params: Mapping[str, str] = field(default_factory=dict)

    def specificity(self, media_type: str) -> int:
        """-1 if this range does not cover `media_type`, else 2 exact, 1 `type/*`, 0 `*/*`."""
        main, sub = media_type.split("/", 1)
        if self.type == "*":
            return 0
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


def parse_accept(header: str) -> list[MediaRange]:
    """Parse an Accept header. Malformed entries are skipped rather than failing the request."""
    ranges = []
    for item in header.split(","):
        kind, *raw_params = (part.strip() for part in item.split(";"))
        kind = kind.lower()
        if kind == "*":  # old clients send a bare `*` for `*/*`
            kind = "*/*"
        if kind.count("/") != 1:
            continue
        main, sub = kind.split("/")
        params: dict[str, str] = {}
        q = 1.0
        valid = True
        for raw in raw_params:
            name, _, value = raw.partition("=")
            name, value = name.strip().lower(), value.strip().strip('"')
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    valid = False
            elif name:
                params[name] = value.lower()
        if valid and main and sub:
            ranges.append(MediaRange(main, sub, q, params))
    return ranges


def _quality(ranges: list[MediaRange], media_type: str) -> tuple[float, int]:
    """The q and specificity of the most specific range covering `media_type` (RFC 9110 §12.5.1)."""
    best: tuple[int, float] = (-1, 0.0)
    for media_range in ranges:
        specificity = media_range.specificity(media_type)
        if specificity < 0:
            continue
        charset = media_range.params.get("charset")
        q = media_range.q if charset is None or charset in _UTF8 else 0.0
        best = max(best, (specificity, q), key=lambda pair: pair[0])
    return best[1], best[0]


def negotiate_response_type(accept: str | None) -> ResponseMediaType | None:
    """The response media type for an Accept header, or None when neither is acceptable (406).

    No Accept header, `*/*` and `application/*` get `application/json`, as the spec asks
    of servers during the legacy period (and the audit checks); an explicit
    `application/graphql-response+json` wins ties against `application/json`.
    """
    if accept is None or not accept.strip():
        return APPLICATION_JSON
    ranges = parse_accept(accept)
    candidates: list[tuple[float, int, int, ResponseMediaType]] = []
    for media_type in (GRAPHQL_RESPONSE_JSON, APPLICATION_JSON):
        q, specificity = _quality(ranges, media_type)
        if q <= 0:
            continue
        # Named explicitly, the new type is preferred; reached only through a wildcard, JSON is.
        preferred = (media_type == GRAPHQL_RESPONSE_JSON) == (specificity == 2)
        candidates.append((q, specificity, int(preferred), media_type))
    if not candidates:
        return None
    return max(candidates)[3]


def wants_ide(method: str, has_query: bool, accept: str | None) -> bool:
    """A browser's GET without a query gets GraphiQL; `*/*` alone (curl) gets GraphQL."""
    if method != "GET" or has_query or not accept:
        return False
    return any(r.type == "text" and r.subtype == "html" and r.q > 0 for r in parse_accept(accept))


def check_json_content_type(mime_type: str, params: Mapping[str, str]) -> None:
    """Refuse a POST body that is not `application/json` in UTF-8 (415, per the spec)."""
    if not mime_type:
        raise GraphQLHTTPError(
            415, "A POST needs a Content-Type header: send the body as application/json."
        )
    if mime_type.lower() != APPLICATION_JSON:
        raise GraphQLHTTPError(
            415, f"Unsupported Content-Type {mime_type!r}: send the body as application/json."
        )
    charset = params.get("charset")
    if charset is not None and charset.lower() not in _UTF8:
        raise GraphQLHTTPError(
            415, f"Unsupported charset {charset!r}: GraphQL requests must be UTF-8."
        )


def decode_json_body(body: bytes) -> object:
    """The JSON value of a POST body; 400 with the reason when it is not UTF-8 JSON."""
    if not body.strip():
        raise GraphQLHTTPError(400, "The request body is empty: send a JSON object with a query.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise GraphQLHTTPError(400, f"The request body is not valid UTF-8: {exc.reason}.") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise GraphQLHTTPError(400, f"The request body is not valid JSON: {exc}.") from exc


def request_data_from_params(data: object) -> GraphQLRequestData:
    """Check the GraphQL request parameters' types (400 naming the bad one) and wrap them."""
    if not isinstance(data, dict):
        raise GraphQLHTTPError(
            400, 'The request must be a JSON object with a query, e.g. {"query": "{ version }"}.'
        )
    query: Any = data.get("query")
    variables: Any = data.get("variables")
    operation_name: Any = data.get("operationName")
    extensions: Any = data.get("extensions")
    if query is None:
        raise GraphQLHTTPError(400, "The request has no query parameter.")
    if not isinstance(query, str):
        raise GraphQLHTTPError(400, "The query parameter must be a string.")
    if variables is not None and not isinstance(variables, dict):
        raise GraphQLHTTPError(400, "The variables parameter must be an object (a JSON map).")
    if operation_name is not None and not isinstance(operation_name, str):
        raise GraphQLHTTPError(400, "The operationName parameter must be a string.")
    if extensions is not None and not isinstance(extensions, dict):
        raise GraphQLHTTPError(400, "The extensions parameter must be an object (a JSON map).")
    return GraphQLRequestData(
        query=query, variables=variables, operation_name=operation_name, extensions=extensions
    )


def is_request_error(result: ExecutionResult) -> bool:
    """True when the operation never ran: parse, validation or variable-coercion errors.

    Strawberry marks parse and validation failures as `PreExecutionError`; graphql-core
    reports variable-coercion failures as a result without data whose errors have no
    path (field errors always carry the path of their field).
    """
    if isinstance(result, PreExecutionError):
        return True
    return (
        result.data is None
        and bool(result.errors)
        and all(error.path is None for error in result.errors or ())
    )
