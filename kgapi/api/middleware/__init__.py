"""Request plumbing shared by every route: request ids, body limits, content types, errors.

Pure ASGI middleware (no `BaseHTTPMiddleware`), so streaming bodies stay streaming and the
request-id context variable is visible to everything that runs for the request — route
code, the Neo4j driver's logging, the access log line.

Order (outermost first): request id → access log → CORS → metrics → catch-all 500 →
body limit → app.
"""

from __future__ import annotations

import contextvars
import email.message
import logging
import re
import uuid
from typing import Any

import neo4j
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kgapi.api.middleware.base import ResponseObserver, ResponseRecorder
from kgapi.api.metrics import Metrics, MetricsMiddleware, RouteTemplates
from kgapi.config import Settings

logger = logging.getLogger(__name__)
access_logger = logging.getLogger("kgapi.access")

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is kept only when it is short and harmless in a log line or header.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def current_request_id() -> str:
    """The id of the request being handled, '-' outside a request."""
    return request_id_var.get()


# --- logging ---------------------------------------------------------------------------

LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
"""A log format with the request id; `%(request_id)s` works in any handler's format."""


class RequestIdLogFilter(logging.Filter):
    """Adds `request_id` to a record (for handlers configured outside this module)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


_factory_installed = False


def install_request_id_logging() -> None:
    """Give every log record a `request_id` attribute, whichever logger or handler.

    A record factory rather than a filter: filters on a logger do not apply to its
    children's records, and handlers come and go (uvicorn installs its own). Idempotent.
    """
    global _factory_installed
    if _factory_installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = current_request_id()
        return record

    logging.setLogRecordFactory(factory)
    _factory_installed = True


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's logging config with the request id in every line (`log_config=` of uvicorn.run)."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = {**LOGGING_CONFIG, "formatters": dict(LOGGING_CONFIG["formatters"])}
    for name in ("default", "access"):
        formatter = dict(config["formatters"][name])
        formatter["fmt"] = formatter["fmt"].replace(
            "%(levelprefix)s", "%(levelprefix)s [%(request_id)s]"
        )
        config["formatters"][name] = formatter
    config["loggers"] = {
        **LOGGING_CONFIG["loggers"],
        # Not propagated: the CLI's root handler would print every line a second time.
        "kgapi": {"handlers": ["default"], "level": "INFO", "propagate": False},
    }
    return config


# --- middleware --------------------------------------------------------------------------


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


class RequestIdMiddleware:
    """Accept a sane incoming `X-Request-ID` or make a uuid4; echo it in every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = (_header(scope, b"x-request-id") or "").strip()
        request_id = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() != b"x-request-id"
                ]
                headers.append((b"x-request-id", request_id.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id_var.reset(token)


class AccessLogMiddleware(ResponseObserver):
    """One log line per request (`kgapi.access`, INFO), written once the response is sent:
    client, request line, status and duration; the request id comes with every record.

    It replaces uvicorn's access log (`kgapi serve` turns that one off), which writes its
    line between a response's headers and its body, so every client waited for it: about
    0.35 ms a request on this machine, a few percent of a typical query.
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
            error = JSONResponse(
                status_code=500,
                content={
                    "detail": "Internal server error.",
                    "request_id": current_request_id(),
                },
            )
            await error(scope, receive, send)


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a body grows past the limit; FastAPI re-raises it as is."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            status_code=413, detail=f"Request body too large: the limit is {limit} bytes."
        )


class BodyLimitMiddleware:
    """413 for bodies over `max_bytes`: by Content-Length up front, and by counting the
    bytes actually received (a chunked body has no Content-Length)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await _error(scope, receive, send, 400, "Content-Length must be a number.")
                return
            if int(declared) > self.max_bytes:
                await _error(scope, receive, send, 413, BodyTooLarge(self.max_bytes).detail)
                return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        response = ResponseRecorder(send)
        try:
            await self.app(scope, counting_receive, response)
        except BodyTooLarge as exc:
            # Raised where nothing turned it into a response (e.g. a streaming read).
            if response.started:
                raise
            await _error(scope, receive, send, 413, str(exc.detail))


async def _error(scope: Scope, receive: Receive, send: Send, status: int, detail: str) -> None:
    await JSONResponse(status_code=status, content={"detail": detail})(scope, receive, send)


# --- content types -----------------------------------------------------------------------


def _declared_content_types(request: Request) -> set[str]:
    """The request media types a route declares in OpenAPI; JSON when it declares none."""
    route = request.scope.get("route")
    extra: dict[str, Any] = getattr(route, "openapi_extra", None) or {}
    content = extra.get("requestBody", {}).get("content", {})
    return {media.lower() for media in content} or {"application/json"}


def _media_type(header: str) -> str:
    message = email.message.Message()
    message["content-type"] = header
    return message.get_content_type().lower()


def _is_json(media: str) -> bool:
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


async def check_content_type(request: Request) -> None:
    """Dependency: a POST/PUT/PATCH body must have a content type the route accepts → else 415.

    A route that accepts more than JSON declares its types in
    `openapi_extra={"requestBody": {"content": {...}}}`, so the OpenAPI document and this
    check cannot disagree.
    """
    if request.method not in _BODY_METHODS:
        return
    has_body = request.headers.get("content-length", "0") != "0" or (
        "transfer-encoding" in request.headers
    )
    header = request.headers.get("content-type")
    if not header and not has_body:
        return  # no body at all: validation reports what is missing (422)
    allowed = _declared_content_types(request)
    media = _media_type(header or "")
    if media in allowed or (_is_json(media) and "application/json" in allowed):
        return
    raise HTTPException(
        status_code=415,
        detail=f"Unsupported content type {header or '(none)'!r}: send one of {sorted(allowed)}.",
    )


# --- error handlers ----------------------------------------------------------------------


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 with field-level messages only: where and what, never the input or internals."""
    assert isinstance(exc, RequestValidationError)
    errors = [
        {
            "loc": [str(part) for part in error.get("loc", ())],
            "msg": str(error.get("msg", "invalid value")),
            "type": str(error.get("type", "value_error")),
        }
        for error in exc.errors()
    ]
    return JSONResponse(status_code=422, content={"detail": errors})


async def neo4j_unavailable(request: Request, exc: Exception) -> JSONResponse:
    """Neo4j cannot be reached (or a transient failure outlived the retries) → 503."""
    logger.warning("Neo4j unavailable: %s: %s", type(exc).__name__, exc)
    return JSONResponse(
        status_code=503,
        content={"detail": f"Neo4j is unavailable ({type(exc).__name__}). Retry shortly."},
        headers={"Retry-After": "2"},
    )


async def neo4j_error(request: Request, exc: Exception) -> JSONResponse:
    """Any other Neo4j error of an API query: a timeout is 503, the rest is our bug (500)."""
    code = getattr(exc, "code", None) or ""
    if "TransactionTimedOut" in code or "TransactionTerminated" in code:
        logger.warning("Neo4j query timed out: %s", code)
        return JSONResponse(
            status_code=503,
            content={"detail": "The query exceeded the server-side timeout. Retry shortly."},
            headers={"Retry-After": "2"},
        )
    logger.error("Neo4j refused an API query: %s", exc, exc_info=exc)
    return JSONResponse(
        status_code=500,
        content={"detail": "Internal server error.", "request_id": current_request_id()},
    )


_UNAVAILABLE: tuple[type[Exception], ...] = (
    neo4j.exceptions.ServiceUnavailable,
    neo4j.exceptions.SessionExpired,
    neo4j.exceptions.ConnectionAcquisitionTimeoutError,
    neo4j.exceptions.TransientError,
)


def install_error_handlers(app: FastAPI) -> None:
    """422 without internals; Neo4j outages as 503. Everything else: `CatchAllMiddleware`."""
    app.add_exception_handler(RequestValidationError, validation_error)
    for exc_type in _UNAVAILABLE:
        app.add_exception_handler(exc_type, neo4j_unavailable)
    app.add_exception_handler(neo4j.exceptions.Neo4jError, neo4j_error)


def install_middleware(app: FastAPI, settings: Settings, metrics: Metrics | None = None) -> None:
    """Add the middleware stack (the last added runs outermost)."""
    install_request_id_logging()
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(CatchAllMiddleware)
    if metrics is not None:
        app.add_middleware(MetricsMiddleware, metrics=metrics, templates=RouteTemplates(app))
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(settings.cors_origins),
        allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "X-API-Key", REQUEST_ID_HEADER],
        expose_headers=[REQUEST_ID_HEADER],
        max_age=600,
    )
    app.add_middleware(AccessLogMiddleware)
    app.add_middleware(RequestIdMiddleware)
