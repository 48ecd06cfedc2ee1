"""Base classes of the middleware that watch responses (the access log, the catch-all,
the body limit)."""

from __future__ import annotations

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class ResponseRecorder:
    """A `send` that passes every message on and remembers whether the response has
    started and with which status (500 until then: if the app raises before answering,
    the catch-all answers 500)."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.started = False
        self.status = 500

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            self.status = int(message["status"])
        await self._send(message)


class ResponseObserver:
    """Middleware that lets each HTTP request through and, once its response is sent (or
    the app raised), calls `finished` with the status and the duration: the access log
    and the metrics. `watches` may leave requests out."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    def watches(self, scope: Scope) -> bool:
        return bool(scope["type"] == "http")

    def finished(self, scope: Scope, status: int, seconds: float) -> None:
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.watches(scope):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        response = ResponseRecorder(send)
        try:
            await self.app(scope, receive, response)
        finally:
            self.finished(scope, response.status, time.perf_counter() - started)
