"""GraphQL subscriptions on /graphql over WebSocket (`graphql-transport-ws`).

`claimAdded(speaker:, about:, kind:)` and `articleAdded(source:)` deliver what is written
after the subscription starts, once its transaction has committed, whichever process
wrote it. The updates come from the process's one `ChangeFeed` (kgapi.api.change_feed:
a watermark poll on the articles' indexed ingest stamp, shared by every subscriber).

Strawberry's graphql-transport-ws handler runs the protocol; this module adds the limits:
- subscriptions per connection (`max_subscriptions_per_connection`) and per process
  (`max_subscriptions`), each refusal a GraphQL error saying which limit;
- a connection with no subscription for `subscription_idle_timeout` seconds is closed;
- with `require_key_for_reads`, `connection_init` without a read key is refused (4403,
  with a reason saying how to send one);
- a subscriber that reads slower than updates arrive is disconnected (1013, with a
  reason) once `subscription_queue_size` updates wait: memory never grows with it;
- only subscriptions run over WebSocket: queries and mutations go over HTTP (where the
  rate limits apply).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator
from datetime import timedelta
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import ConnectionInitMessage

from kgapi.access.keys import Scope
from kgapi.api.change_feed import (
    ArticleWatch,
    ChangeFeed,
    ClaimWatch,
    SubscriberDropped,
    SubscriptionRefused,
    Watch,
)
from kgapi.api.deps import reader_for
from kgapi.api.graphql.context import SubscriptionContext
from kgapi.api.graphql.types import Article, Claim, GQLInfo
from kgapi.config import Settings
from kgapi.vocabulary import ClaimKind

logger = logging.getLogger(__name__)

#: Close codes: 1013 "try again later" (a client that reconnects is welcome back),
#: 4403 the protocol's own "Forbidden", 1000 a normal close for an idle connection.
SLOW_CLIENT = 1013
FORBIDDEN = 4403
IDLE = 1000

_closing: set[asyncio.Task[None]] = set()


def _feed(info: GQLInfo) -> ChangeFeed:
    feed: ChangeFeed = info.context.http_request.app.state.change_feed
    return feed


async def _updates(info: GQLInfo, watch: Watch) -> AsyncGenerator[Any, None]:
    """The feed's items for `watch` until the client stops (or is dropped)."""
    context = info.context
    if not isinstance(context, SubscriptionContext):  # HTTP never runs subscriptions
        raise GraphQLError("subscriptions run over WebSocket (graphql-transport-ws) only")
    connection = context.http_request

    def close_slow(reason: str) -> None:
        if isinstance(connection, WebSocket):
            task = asyncio.get_running_loop().create_task(
                connection.close(code=SLOW_CLIENT, reason=reason)
            )
            _closing.add(task)  # held until done: the loop keeps only weak references
            task.add_done_callback(_closing.discard)

    try:
        subscriber = _feed(info).subscribe(watch, on_drop=close_slow)
    except SubscriptionRefused as exc:
        raise GraphQLError(str(exc), extensions={"code": "SUBSCRIPTION_LIMIT"}) from None
    try:
        while True:
            item = await subscriber.get()
            context.fresh_loaders()
            yield item
    except SubscriberDropped as exc:
        raise GraphQLError(str(exc), extensions={"code": "TOO_SLOW"}) from None
    finally:
        _feed(info).unsubscribe(subscriber)


@strawberry.type
class Subscription:
    @strawberry.subscription(
        description="Each claim written from now on that matches every given filter, once "
        "its article's transaction has committed (through the API, `kgapi load` or any "
        "other process). Filters as in `claims`: names as people type them, or ids."
    )
    async def claim_added(
        self,
        info: GQLInfo,
        speaker: str | None = None,
        about: str | None = None,
        kind: Annotated[
            list[ClaimKind] | None, strawberry.argument(description="Any of these kinds.")
        ] = None,
    ) -> AsyncGenerator[Claim, None]:
        kinds = frozenset(k.value for k in kind) if kind else None
        async for new in _updates(info, ClaimWatch(speaker=speaker, about=about, kinds=kinds)):
            claim = Claim.of(new.claim)
            claim.article = Article.of(new.article)  # the summary: ingestedAt without a query
            yield claim

    @strawberry.subscription(
        description="Each article written from now on (new, or replaced by a new version), "
        "once committed; `source` compared case-insensitively."
    )
    async def article_added(
        self, info: GQLInfo, source: str | None = None
    ) -> AsyncGenerator[Article, None]:
        async for article in _updates(info, ArticleWatch(source=source)):
            yield Article.of(article)


class _TransportWSHandler(BaseGraphQLTransportWSHandler[SubscriptionContext, None]):
    """Strawberry's graphql-transport-ws handler, with the key check and the idle close."""

    async def handle(self) -> None:
        watchdog = asyncio.create_task(self._close_when_idle())
        try:
            await super().handle()
        finally:
            watchdog.cancel()

    async def _close_when_idle(self) -> None:
        loop = asyncio.get_running_loop()
        idle_since = loop.time()
        timeout = self.context.settings.subscription_idle_timeout
        step = min(timeout / 4, 5.0)
        while True:
            await asyncio.sleep(step)
            if self.operations:
                idle_since = loop.time()
            elif loop.time() - idle_since >= timeout:
                await self.websocket.close(
                    code=IDLE, reason=f"idle: no subscription for {timeout:g} s"
                )
                return

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        payload = message.get("payload") or {}
        if isinstance(payload, dict):
            self.context.accept_params(payload)
            settings = self.context.settings
            if settings.require_key_for_reads and not self.context.has_scope(Scope.READ):
                await self.websocket.close(
                    code=FORBIDDEN,
                    reason="a read key is required: send connection_init with "
                    'payload {"Authorization": "Bearer <key>"}',
                )
                return
        await super().handle_connection_init(message)


class SubscriptionView(GraphQL[SubscriptionContext, None]):
    """The WebSocket side of /graphql (the HTTP side is `endpoint.GraphQLEndpoint`)."""

    graphql_transport_ws_handler_class = _TransportWSHandler

    def __init__(self, schema: strawberry.Schema, settings: Settings) -> None:
        super().__init__(
            schema,
            graphql_ide=None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=10),
            max_subscriptions_per_connection=settings.max_subscriptions_per_connection,
            # Browsers on other origins may subscribe when CORS lets them read
            # (KGAPI_CORS_ORIGINS); Strawberry refuses other cross-origin handshakes.
            allowed_origins=settings.cors_origins,
        )
        self.settings = settings

    async def get_context(self, request: Any, response: Any) -> SubscriptionContext:
        return SubscriptionContext(self.settings, reader_for(request.app.state), request)
