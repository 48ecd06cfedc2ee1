"""API keys: who may write, run /cypher, and (when configured) read.

Keys come from `settings.api_keys`, plain or as `sha256:<hex>`; only their sha256 digests
(`settings.api_key_hashes`) are ever compared, in constant time. A client presents its key
as `Authorization: Bearer <key>` or as `X-API-Key: <key>`.

- `RequireKey`: writes and `/cypher`. Missing or wrong key → 401 with `WWW-Authenticate`.
- `ReadAccess`: open, unless `settings.require_key_for_reads` is set.
- `key_is_valid(settings, headers)`: the same check as a plain function (GraphQL mutations).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from kgapi.config import Settings

API_KEY_HEADER = "X-API-Key"

# Declared as security schemes so the OpenAPI document says how to authenticate;
# auto_error=False because the 401 (with its WWW-Authenticate header) is ours to send.
_bearer_scheme = HTTPBearer(
    auto_error=False, description="An API key as a bearer token: `Authorization: Bearer <key>`."
)
_header_scheme = APIKeyHeader(
    name=API_KEY_HEADER, auto_error=False, description="An API key in the `X-API-Key` header."
)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _matches(settings: Settings, key: str | None) -> bool:
    """Whether `key` is configured; compares digests in constant time, over every key."""
    if not key:
        return False
    presented = _digest(key)
    found = False
    for configured in settings.api_key_hashes:
        # No early exit: the time taken does not say which key (if any) matched.
        found |= hmac.compare_digest(presented, configured)
    return found


def presented_keys(headers: Mapping[str, str]) -> list[str]:
    """The keys a request presents: its bearer token and its `X-API-Key` header."""
    lowered = {name.lower(): value for name, value in headers.items()}
    keys: list[str] = []
    scheme, _, token = lowered.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        keys.append(token.strip())
    header_key = lowered.get(API_KEY_HEADER.lower(), "").strip()
    if header_key:
        keys.append(header_key)
    return keys


def key_is_valid(settings: Settings, headers: Mapping[str, str]) -> bool:
    """Whether the request headers (any mapping; names case-insensitive) carry a configured key."""
    return any(_matches(settings, key) for key in presented_keys(headers))


def _unauthorized(settings: Settings, headers: Mapping[str, str]) -> HTTPException:
    if not settings.api_key_hashes:
        detail = (
            "This endpoint needs an API key, and the server has none configured (KGAPI_API_KEYS)."
        )
    elif presented_keys(headers):
        detail = "The API key is not valid."
    else:
        detail = "An API key is required: send `Authorization: Bearer <key>` or `X-API-Key: <key>`."
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": 'Bearer realm="kgapi"'},
    )


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def require_key(
    request: Request,
    _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer_scheme)],
    _header: Annotated[str | None, Security(_header_scheme)],
) -> None:
    """Dependency: a configured API key, or 401. (The Security parameters only document
    the schemes in OpenAPI; the check reads the headers itself, like `key_is_valid`.)"""
    settings = _settings(request)
    if not key_is_valid(settings, request.headers):
        raise _unauthorized(settings, request.headers)


async def read_access(request: Request) -> None:
    """Dependency: reads are open unless `require_key_for_reads` is configured."""
    settings = _settings(request)
    if settings.require_key_for_reads and not key_is_valid(settings, request.headers):
        raise _unauthorized(settings, request.headers)


#: Use as `dependencies=[RequireKey]` on writes and /cypher.
RequireKey = Depends(require_key)
#: Use as `dependencies=[ReadAccess]` on read routers.
ReadAccess = Depends(read_access)
