"""The request body limit: 413 past `max_body_bytes`, whether the size is declared or not."""

from __future__ import annotations

from fastapi import HTTPException
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kgapi.api.middleware.base import ResponseRecorder


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a body grows past the limit; FastAPI re-raises it as is."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            status_code=413, detail=f"Request body too large: the limit is {limit} bytes."
        )


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return None


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
