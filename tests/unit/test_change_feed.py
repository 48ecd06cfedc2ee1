"""The change feed's bounds: a slow subscriber is dropped (with a reason), never queued
without limit; the process's subscription cap refuses the next one."""

from __future__ import annotations

import asyncio

import pytest

from kgapi.api.change_feed import (
    ArticleWatch,
    ChangeFeed,
    Subscriber,
    SubscriberDropped,
    SubscriptionRefused,
)
from kgapi.graph.read_queries.results import ArticleSummary


def _article(n: int) -> ArticleSummary:
    return ArticleSummary(id=f"article:{n:016x}", title=f"Article {n}")


def test_a_subscriber_that_falls_behind_is_dropped_with_a_reason() -> None:
    async def scenario() -> tuple[list[str], list[bool], list[str], str]:
        reasons: list[str] = []
        subscriber = Subscriber(ArticleWatch(), queue_size=3, on_drop=reasons.append)
        accepted = [subscriber.offer(_article(n)) for n in range(10)]
        read = [(await subscriber.get()).id for _ in range(3)]
        with pytest.raises(SubscriberDropped) as dropped:
            await subscriber.get()
        assert subscriber.pending() == 0  # nothing more was kept
        return reasons, accepted, read, str(dropped.value)

    reasons, accepted, read, message = asyncio.run(scenario())
    assert accepted == [True, True, True] + [False] * 7
    assert read == [_article(n).id for n in range(3)]
    assert len(reasons) == 1 and reasons[0] == message
    assert "too slow" in message and "3 updates" in message


def test_the_process_cap_refuses_one_subscription_more() -> None:
    async def scenario() -> str:
        async def never() -> None:
            raise AssertionError("no poll in this test")

        feed = ChangeFeed(
            lambda: never,  # type: ignore[arg-type,return-value]
            poll_interval=60,
            lookback=30,
            max_subscribers=2,
            queue_size=10,
        )
        feed.subscribe(ArticleWatch())
        feed.subscribe(ArticleWatch())
        try:
            with pytest.raises(SubscriptionRefused) as refused:
                feed.subscribe(ArticleWatch())
            assert feed.subscriber_count == 2
            return str(refused.value)
        finally:
            await feed.close()

    assert "2 subscriptions" in asyncio.run(scenario())
