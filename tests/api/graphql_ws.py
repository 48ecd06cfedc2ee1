"""A minimal graphql-transport-ws client for the tests (the protocol, not a mock of it).

Runs on `websockets`' threaded client against the live app; each message is JSON.
"""

from __future__ import annotations

import json
import time
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

PROTOCOL = "graphql-transport-ws"


def ws_url(http_url: str) -> str:
    return http_url.replace("http://", "ws://", 1) + "/graphql"


class GraphQLWS:
    """One WebSocket connection: `init()`, `subscribe()`, then `next_message()`."""

    def __init__(self, http_url: str, headers: dict[str, str] | None = None) -> None:
        self._connect = connect(
            ws_url(http_url), subprotocols=[PROTOCOL], additional_headers=headers or {}
        )
        self.conn: ClientConnection = self._connect.__enter__()

    def send(self, message: dict[str, Any]) -> None:
        self.conn.send(json.dumps(message))

    def receive(self, timeout: float) -> dict[str, Any] | None:
        """The next message other than ping/pong, or None after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            try:
                raw = self.conn.recv(timeout=left)
            except TimeoutError:
                return None
            message: dict[str, Any] = json.loads(raw)
            if message["type"] == "ping":
                self.send({"type": "pong"})
                continue
            if message["type"] != "pong":
                return message

    def init(self, payload: dict[str, Any] | None = None) -> dict[str, Any] | None:
        self.send({"type": "connection_init", "payload": payload or {}})
        return self.receive(10)

    def subscribe(self, id: str, query: str, variables: dict[str, Any] | None = None) -> None:
        self.send(
            {"id": id, "type": "subscribe", "payload": {"query": query, "variables": variables}}
        )

    def closed(self, timeout: float) -> ConnectionClosed | None:
        """The close (code, reason) the server sends within `timeout`, else None."""
        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                try:
                    self.conn.recv(timeout=deadline - time.monotonic())
                except TimeoutError:
                    return None
        except ConnectionClosed as closed:
            return closed
        return None

    def close(self) -> None:
        self._connect.__exit__(None, None, None)

    def __enter__(self) -> GraphQLWS:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
