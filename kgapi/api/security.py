"""API keys and scopes: who may read (when configured), write, and run /cypher.

Keys come from the key ring (`kgapi.access.keys.KeyRing`): the keys file written by
`kgapi keys create` (each with its scopes) and `KGAPI_API_KEYS` (every scope). Only
sha256 digests are stored and compared. A client presents its key as
`Authorization: Bearer <key>` or as `X-API-Key: <key>`.

- `RequireWrite` / `RequireCypher`: a key with the `write` / `cypher` scope. No key or an
  unknown one → 401 with `WWW-Authenticate`; a known key without the scope → 403 naming
  the missing scope.
- `ReadAccess`: open, unless `settings.require_key_for_reads` is set (then `read`).
- `authenticate(request)`: the request's `Principal` (or None), resolved once per request
  (the rate-limit middleware resolves it first and leaves it in the request state).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import HTTPConnection
from starlette.types import Scope as AsgiScope

from kgapi.access.keys import KeyFile, KeyRing, Principal, Scope
from kgapi.config import Settings

API_KEY_HEADER = "X-API-Key"
_STATE_KEY = "kgapi_principal"

# Declared as security schemes so the OpenAPI document says how to authenticate;
# auto_error=False because the 401 (with its WWW-Authenticate header) is ours to send.
_bearer_scheme = HTTPBearer(
    auto_error=False, description="An API key as a bearer token: `Authorization: Bearer <key>`."
)
_header_scheme = APIKeyHeader(
    name=API_KEY_HEADER, auto_error=False, description="An API key in the `X-API-Key` header."
)


def key_ring_for(settings: Settings) -> KeyRing:
    """The keys `settings` accept: `KGAPI_API_KEYS` and the keys file."""
    return KeyRing(settings.api_keys, KeyFile(settings.key_file_path))


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


def principal_of(ring: KeyRing, headers: Mapping[str, str]) -> Principal | None:
    """The first presented key the ring knows, as its principal."""
    for key in presented_keys(headers):
        principal = ring.lookup(key)
        if principal is not None:
            return principal
    return None


def key_is_valid(settings: Settings, headers: Mapping[str, str]) -> bool:
    """Whether the request headers (any mapping; names case-insensitive) carry a known key."""
    return principal_of(key_ring_for(settings), headers) is not None


def ring_of(app_state: Any, settings: Settings) -> KeyRing:
    """The app's key ring (made by the app factory), or one from settings."""
    ring = getattr(app_state, "key_ring", None)
    return ring if isinstance(ring, KeyRing) else key_ring_for(settings)


def principal_for_scope(scope: AsgiScope) -> Principal | None:
    """Resolve (once) and remember the principal of an ASGI request."""
    state = scope.setdefault("state", {})
    if _STATE_KEY not in state:
        app = scope["app"]
        ring = ring_of(app.state, app.state.settings)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        state[_STATE_KEY] = principal_of(ring, headers)
    principal: Principal | None = state[_STATE_KEY]
    return principal


def authenticate(request: HTTPConnection) -> Principal | None:
    """The request's principal, or None when it carries no known key."""
    return principal_for_scope(request.scope)


def unauthorized_message(ring: KeyRing, headers: Mapping[str, str]) -> str:
    """Why a request without a known key is refused, and how to send one."""
    if not ring.has_keys():
        return (
            "This endpoint needs an API key, and the server has none configured "
            "(`kgapi keys create` or KGAPI_API_KEYS)."
        )
    if presented_keys(headers):
        return "The API key is not valid."
    return "An API key is required: send `Authorization: Bearer <key>` or `X-API-Key: <key>`."


def missing_scope_message(principal: Principal, scope: Scope) -> str:
    """A 403's message: the scope this needs, and the scopes the key has."""
    has = ", ".join(sorted(s.value for s in principal.scopes)) or "none"
    return (
        f"The API key {principal.name!r} lacks the '{scope.value}' scope this needs "
        f"(its scopes: {has})."
    )


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _check(request: Request, scope: Scope) -> None:
    principal = authenticate(request)
    if principal is None:
        ring = ring_of(request.app.state, _settings(request))
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail=unauthorized_message(ring, request.headers),
            headers={"WWW-Authenticate": 'Bearer realm="kgapi"'},
        )
    if principal.missing(scope):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, detail=missing_scope_message(principal, scope)
        )


def require_scope(scope: Scope) -> Callable[..., Awaitable[None]]:
    """A dependency: a known key with `scope`, else 401 (no key) or 403 (not this scope)."""

    async def dependency(
        request: Request,
        _bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer_scheme)],
        _header: Annotated[str | None, Security(_header_scheme)],
    ) -> None:
        # The Security parameters only document the schemes in OpenAPI.
        _check(request, scope)

    return dependency


async def read_access(request: Request) -> None:
    """Dependency: reads are open unless `require_key_for_reads` is configured."""
    if _settings(request).require_key_for_reads:
        _check(request, Scope.READ)


#: `dependencies=[RequireWrite]` on ingest and delete.
RequireWrite = Depends(require_scope(Scope.WRITE))
#: `dependencies=[RequireCypher]` on /cypher.
RequireCypher = Depends(require_scope(Scope.CYPHER))
#: `dependencies=[ReadAccess]` on read routers.
ReadAccess = Depends(read_access)
