"""ASGI plumbing shared by the middleware (`middleware.py`, `metrics.py`)."""

from __future__ import annotations

from starlette.types import Message, Send


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
