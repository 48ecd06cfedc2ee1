"""Live updates for the GraphQL subscriptions: one watermark poll per process, fanned out.

Neo4j Community has no change data capture. Every article the loader writes carries
`ingested_at` (Neo4j's clock, indexed: schema/004_ingested_at.cypher), whichever process
wrote it: the API's ingest mutation, `kgapi load`, another API process. While at least
one subscriber is connected, this process polls, every `poll_interval` seconds and once
for all its subscribers, the articles stamped within the last `lookback` seconds
(`read_queries.changes`); the ones it has not delivered yet are read once (their
metadata and claims) and offered to every subscriber whose filter they match. With no
subscriber, nothing polls.

Why a window and not just "after the newest stamp seen": the stamp is taken when the
write transaction runs, and it becomes visible only at commit, so an article can appear
with a stamp older than one already seen. Re-reading the window (ids and stamps only)
finds it; the set of delivered `(id, stamp)` pairs makes every write delivered once.
A replaced article is a new write (new stamp): its claims are delivered again.

Each subscriber has a bounded queue. A subscriber whose queue is full (a client reading
slower than claims arrive) is dropped at once, with a reason its connection is closed
with: the server's memory never grows with a slow client.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kgapi.graph.read_queries import batch, changes, resolve
from kgapi.graph.read_queries.batch import ClaimFilter
from kgapi.graph.read_queries.results import ArticleSummary, ClaimResult
from kgapi.graph.reader import GraphReader
from kgapi.vocabulary import EntityLabel

logger = logging.getLogger(__name__)

#: Articles read per round trip when many arrive at once (a bulk load).
CHUNK = 100
#: Seconds a subscription's speaker/about name stays resolved to the same ids.
NAME_TTL = 30.0
#: Claims read per article: every claim of any real article.
MAX_CLAIMS_PER_ARTICLE = 10_000


@dataclass(frozen=True)
class ClaimWatch:
    """`claimAdded`'s filters: names as typed (resolved as the claims query does)."""

    speaker: str | None = None
    about: str | None = None
    kinds: frozenset[str] | None = None


@dataclass(frozen=True)
class ArticleWatch:
    """`articleAdded`'s filter: the source, case-insensitive."""

    source: str | None = None


Watch = ClaimWatch | ArticleWatch


@dataclass(frozen=True)
class NewClaim:
    """What a claim subscriber receives: the claim and its article's summary."""

    claim: ClaimResult
    article: ArticleSummary


class SubscriptionRefused(Exception):
    """The process already serves its maximum number of subscriptions."""


class SubscriberDropped(Exception):
    """The subscriber fell too far behind and was dropped; `str()` says why."""


_DROPPED = object()


class Subscriber:
    """One subscription's bounded queue of matching items (claims or articles)."""

    def __init__(
        self, watch: Watch, queue_size: int, on_drop: Callable[[str], None] | None
    ) -> None:
        self.watch = watch
        self.queue_size = queue_size
        self._queue: asyncio.Queue[Any] = asyncio.Queue(maxsize=queue_size + 1)
        self._on_drop = on_drop
        self.dropped: str | None = None

    def offer(self, item: NewClaim | ArticleSummary) -> bool:
        """Queue `item`; when the queue is full, drop this subscriber (False)."""
        if self.dropped is not None:
            return False
        if self._queue.qsize() >= self.queue_size:
            self.dropped = (
                f"too slow: {self.queue_size} updates unread; reconnect, then catch up with "
                "the claims query"
            )
            self._queue.put_nowait(_DROPPED)  # the one slot kept for this
            if self._on_drop is not None:
                self._on_drop(self.dropped)
            return False
        self._queue.put_nowait(item)
        return True

    async def get(self) -> Any:
        """The next item; `SubscriberDropped` once dropped."""
        item = await self._queue.get()
        if item is _DROPPED:
            raise SubscriberDropped(self.dropped)
        return item

    def pending(self) -> int:
        """Items waiting to be read."""
        return self._queue.qsize()


class ChangeFeed:
    """The process's one poller and its subscribers."""

    def __init__(
        self,
        reader: Callable[[], GraphReader],
        *,
        poll_interval: float,
        lookback: float,
        max_subscribers: int,
        queue_size: int,
    ) -> None:
        self._reader = reader
        self.poll_interval = poll_interval
        self.lookback = lookback
        self.max_subscribers = max_subscribers
        self.queue_size = queue_size
        self._subscribers: set[Subscriber] = set()
        self._delivered: set[tuple[str, datetime]] = set()
        self._primed = False
        self._task: asyncio.Task[None] | None = None
        self._matcher = _ClaimMatcher()
        self.polls = 0  # how many polls ran (the benchmark reports it)

    @property
    def subscriber_count(self) -> int:
        return len(self._subscribers)

    def subscribe(self, watch: Watch, on_drop: Callable[[str], None] | None = None) -> Subscriber:
        """Register a subscriber (starting the poller if it is the first).

        Raises `SubscriptionRefused` at `max_subscribers`.
        """
        if len(self._subscribers) >= self.max_subscribers:
            raise SubscriptionRefused(
                f"this server already serves {self.max_subscribers} subscriptions "
                "(KGAPI_MAX_SUBSCRIPTIONS); retry later or poll the claims query"
            )
        subscriber = Subscriber(watch, self.queue_size, on_drop)
        self._subscribers.add(subscriber)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="kgapi-change-feed")
        return subscriber

    def unsubscribe(self, subscriber: Subscriber) -> None:
        """Forget a subscriber; the poller stops after the last one."""
        self._subscribers.discard(subscriber)

    async def close(self) -> None:
        """Stop polling (app shutdown)."""
        self._subscribers.clear()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        # The first poll only learns what is already there: a subscriber receives what is
        # written after it subscribed.
        self._primed = False
        self._delivered.clear()
        while self._subscribers:
            try:
                await self.poll()
            except Exception as exc:  # Neo4j away: say so, keep the subscribers, retry
                logger.warning("subscriptions: polling for new articles failed: %s", exc)
            await asyncio.sleep(self.poll_interval)

    async def poll(self) -> int:
        """One poll: deliver the articles written since the last one. Returns how many
        items were offered to subscribers."""
        self.polls += 1
        reader = self._reader()
        await self._matcher.refresh(
            reader, (s.watch for s in self._subscribers if isinstance(s.watch, ClaimWatch))
        )
        recent = await changes.recently_ingested(reader, lookback=self.lookback)
        window = {(a.id, a.ingested_at) for a in recent.articles}
        fresh = [a for a in recent.articles if (a.id, a.ingested_at) not in self._delivered]
        offered = 0
        if not self._primed:
            await self._warm_up(reader)
        elif fresh:
            offered = await self._deliver(reader, list(dict.fromkeys(a.id for a in fresh)))
        # Only the window's pairs can come back: older ones are forgotten (bounded memory).
        # Updated after delivery, so a failed read is retried by the next poll.
        self._delivered = window
        self._primed = True
        return offered

    @staticmethod
    async def _warm_up(reader: GraphReader) -> None:
        """Run the delivery's queries once on nothing: Neo4j plans each new query text
        (up to a second on a busy server), and the first claim should not wait for it.
        (The name resolution runs on every poll that meets a new name.)"""
        await batch.articles_by_ids(reader, [])
        await batch.nested_claims(
            reader, batch.IN_ARTICLE, [], ClaimFilter(), MAX_CLAIMS_PER_ARTICLE
        )

    async def _deliver(self, reader: GraphReader, ids: list[str]) -> int:
        subscribers = list(self._subscribers)
        # Claims only when someone watches claims. The articles always: a claim goes out
        # with its article's summary, so a subscription selecting `article { ingestedAt }`
        # costs no query per subscriber.
        wants_claims = any(isinstance(s.watch, ClaimWatch) for s in subscribers)
        offered = 0
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            articles = await batch.articles_by_ids(reader, chunk)
            claims: dict[str, list[ClaimResult]] = {}
            if wants_claims:
                slices = await batch.nested_claims(
                    reader, batch.IN_ARTICLE, chunk, ClaimFilter(), MAX_CLAIMS_PER_ARTICLE
                )
                claims = {key: s.items for key, s in slices.items()}
            for article_id in chunk:  # in stamp order; one absent was deleted since
                article = articles.get(article_id)
                for subscriber in subscribers:
                    watch = subscriber.watch
                    if isinstance(watch, ArticleWatch):
                        if article is not None and _source_matches(watch, article):
                            offered += subscriber.offer(article)
                        continue
                    for claim in claims.get(article_id, []):
                        if article is not None and self._matcher(watch, claim):
                            offered += subscriber.offer(NewClaim(claim, article))
        for subscriber in subscribers:
            if subscriber.dropped is not None:
                self.unsubscribe(subscriber)
        return offered


def _source_matches(watch: ArticleWatch, article: ArticleSummary) -> bool:
    wanted = (watch.source or "").strip().lower()
    return not wanted or (article.source or "").strip().lower() == wanted


class _ClaimMatcher:
    """Claim filters with their names resolved to ids (as the claims query resolves them).

    Resolved on the idle polls, not when a claim arrives: a new subscription's names on
    the next poll, every name again after `NAME_TTL` seconds (a name may come to exist,
    or to mean more entities, while a subscription is open).
    """

    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], tuple[set[str], float]] = {}

    async def refresh(self, reader: GraphReader, watches: Iterable[ClaimWatch]) -> None:
        """Resolve the names of `watches` not resolved within `NAME_TTL` seconds."""
        now = time.monotonic()
        wanted: set[tuple[str, str]] = set()
        for watch in watches:
            if watch.speaker is not None:
                wanted.add(("speaker", watch.speaker))
            if watch.about is not None:
                wanted.add(("about", watch.about))
        for key in list(self._ids):
            if key not in wanted:
                del self._ids[key]
        for key in wanted:
            entry = self._ids.get(key)
            if entry is not None and now - entry[1] < NAME_TTL:
                continue
            role, name = key
            label = EntityLabel.ACTOR if role == "speaker" else None
            self._ids[key] = (set(await resolve.resolve(reader, name, label=label)), now)

    def __call__(self, watch: ClaimWatch, claim: ClaimResult) -> bool:
        if watch.kinds is not None and claim.kind not in watch.kinds:
            return False
        if watch.speaker is not None and (
            claim.speaker is None
            or claim.speaker.id not in self._resolved("speaker", watch.speaker)
        ):
            return False
        if watch.about is not None:
            wanted = self._resolved("about", watch.about)
            if not any(ref.id in wanted for ref in claim.about):
                return False
        return True

    def _resolved(self, role: str, name: str) -> set[str]:
        entry = self._ids.get((role, name))
        return entry[0] if entry is not None else set()
