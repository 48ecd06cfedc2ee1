"""The content-type check of request bodies: a FastAPI dependency of every REST route."""

from __future__ import annotations

import email.message
from typing import Any

from fastapi import HTTPException, Request

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


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
