"""Whether the API's Neo4j is there and warm: the API's readiness, and the fast 503 while
it is not.

Without it, every request finds out for itself that Neo4j is gone, and while a restarted
Neo4j starts (Bolt already listening, the database still recovering) each request waits on
it: measured 12 s and more per request, beyond the query timeout, which only starts once a
transaction has begun; and the first requests on the fresh server (cold page cache, no
query plans, a JVM still compiling) ran into the 10 s query timeout or took 20 s for an
ingest (docs/benchmarks.md, "Faults").

So the API keeps one verdict per process, `Availability`:

- READY: requests go to Neo4j. A request that finds Neo4j gone (`is_outage`: the driver
  cannot reach or keep a connection, the database is unavailable, or Neo4j did not answer
  within the reader's bound, twice the query timeout plus the connect timeout) turns the verdict to DOWN.
- DOWN: every request is answered at once (`Neo4jNotReady`, a 503 with Retry-After, or
  GraphQL's "Neo4j is unavailable"), without touching Neo4j. One background probe asks
  Neo4j every `PROBE_INTERVAL` seconds, each probe bounded, so nothing piles onto a
  recovering server.
- WARMING: the probe got an answer from a server that (re)started since the API last
  saw it warm (or cannot tell); the API runs its own hot reads once (the warm-up the app supplies: plans
  cached, pages read) before it lets requests through, for at most `warm_up_timeout`
  seconds. Requests still get the fast 503 meanwhile. A server that did not restart
  (a lost connection, a frozen server that woke up) is served again at once.

`/ready` reports the verdict; a load balancer or a client may wait for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import logging
import time
from collections.abc import Awaitable, Callable, Iterator

from neo4j import exceptions as neo4j_errors

from kgapi.graph.errors import Failure, Neo4jNotReady, Unresponsive, classify

logger = logging.getLogger(__name__)

#: Seconds between two probes of a Neo4j that is down (and before the first).
PROBE_INTERVAL = 0.5

# Neo4j's own "the database is not available" (starting, stopping, recovering): legacy
# code and GQL status.
_DATABASE_UNAVAILABLE_CODES = frozenset({"Neo.TransientError.General.DatabaseUnavailable"})

Probe = Callable[[], Awaitable[object]]
"""Asks Neo4j for an answer; returns when the server last started (None: not known),
raises when it has no answer."""
WarmUp = Callable[[], Awaitable[None]]


class State(enum.Enum):
    READY = "ready"
    DOWN = "down"
    WARMING = "warming"


def is_outage(error: BaseException) -> bool:
    """Whether `error` says Neo4j itself is gone or not answering (not that one query was
    slow, refused, or queued too long)."""
    if isinstance(error, (Unresponsive, Neo4jNotReady)):
        return True
    if isinstance(
        error,
        (
            neo4j_errors.ServiceUnavailable,
            neo4j_errors.SessionExpired,
            neo4j_errors.ConnectionAcquisitionTimeoutError,
        ),
    ):
        return True
    return isinstance(error, neo4j_errors.Neo4jError) and error.code in (
        _DATABASE_UNAVAILABLE_CODES
    )


class Availability:
    """One process's verdict on its Neo4j (see the module docstring), and the probe that
    brings it back. Made in the app's event loop; `run()` is its background task."""

    def __init__(
        self,
        probe: Probe,
        warm_up: WarmUp,
        *,
        probe_timeout: float,
        warm_up_timeout: float,
        interval: float = PROBE_INTERVAL,
    ) -> None:
        self._probe = probe
        self._warm_up = warm_up
        self.probe_timeout = probe_timeout
        self.warm_up_timeout = warm_up_timeout
        self.interval = interval
        self.state = State.READY
        self.reason = ""
        self.since = time.monotonic()
        self.outages = 0
        self.warm_ups = 0
        self._down = asyncio.Event()
        # When the server last started, as the probe saw it while it was warm: a probe
        # that sees the same start (a lost connection, not a restart) needs no warm-up.
        self._started: object = None

    @property
    def ready(self) -> bool:
        return self.state is State.READY

    def check(self) -> None:
        """Raise `Neo4jNotReady` unless requests may go to Neo4j now."""
        if self.state is not State.READY:
            raise Neo4jNotReady(
                f"Neo4j is {self.state.value} ({self.reason}) for "
                f"{time.monotonic() - self.since:.1f} s"
            )

    def failed(self, error: BaseException) -> None:
        """A request's error: an outage turns the verdict to DOWN and wakes the probe."""
        if is_outage(error):
            self.mark_down(f"{type(error).__name__}")

    def mark_down(self, reason: str) -> None:
        if self.state is State.READY:
            self.outages += 1
            logger.warning("Neo4j down (%s): answering 503 until it is back and warm", reason)
        if self.state is not State.DOWN:
            self._set(State.DOWN, reason)
        self._down.set()

    @contextlib.contextmanager
    def watching(self) -> Iterator[None]:
        """Around one piece of Neo4j work: refused at once while not ready; an outage it
        runs into turns the verdict to DOWN."""
        self.check()
        try:
            yield
        except BaseException as error:
            self.failed(error)
            raise

    async def observe(self) -> None:
        """At start-up: note when the server started (the server the API meets first is
        taken as warm); DOWN if Neo4j does not answer."""
        answered, started = await self._answers()
        if answered:
            self._started = started
        else:
            self.mark_down(self.reason)

    async def run(self) -> None:
        """The background task: whenever the verdict is DOWN, probe until Neo4j answers,
        warm up if it restarted, then READY."""
        while True:
            await self._down.wait()
            self._down.clear()
            if self.state is not State.READY:
                await self._recover()

    async def _recover(self) -> None:
        while True:
            # First a pause: by the time requests are let through again, every connection
            # pooled before the outage has been idle longer than the driver's liveness
            # check threshold (`kgapi.graph.driver.LIVENESS_CHECK`), so the driver tests it
            # before use and drops a dead one, instead of a request failing on it.
            await asyncio.sleep(self.interval)
            answered, started = await self._answers()
            if answered and started is not None and started == self._started:
                logger.warning("Neo4j back, not restarted (warm): serving")
                self._set(State.READY, "")
                return
            if answered:
                self._set(State.WARMING, "warming up")
                if await self._warm():
                    self._started = started
                    self._set(State.READY, "")
                    return
                self._set(State.DOWN, self.reason)

    async def _answers(self) -> tuple[bool, object]:
        """One probe, bounded: whether Neo4j answered, and when the server started."""
        try:
            async with asyncio.timeout(self.probe_timeout):
                return True, await self._probe()
        except TimeoutError:
            self.reason = f"no answer within {self.probe_timeout:g} s"
        except Exception as error:
            self.reason = type(error).__name__
            if not is_outage(error):
                logger.warning("Neo4j probe failed: %s", error)
        return False, None

    async def _warm(self) -> bool:
        """Warm-up passes until one completes without a query timing out, for at most
        `warm_up_timeout` seconds. True: serve (warm, or out of time on a server that
        answers slowly: better slow answers than refusing indefinitely); False: Neo4j went
        away again."""
        self.warm_ups += 1
        started = time.monotonic()
        deadline = asyncio.get_running_loop().time() + self.warm_up_timeout
        passes = 0
        while True:
            passes += 1
            try:
                async with asyncio.timeout_at(deadline):
                    await self._warm_up()
            except TimeoutError:
                logger.warning(
                    "Neo4j back; warm-up cut short after %.1f s (%d passes): serving",
                    time.monotonic() - started,
                    passes,
                )
                return True
            except Exception as error:
                if is_outage(error):
                    self.reason = type(error).__name__
                    return False
                if classify(error) is Failure.TIMEOUT:
                    # A query of a cold server outliving its timeout: not warm yet, again.
                    logger.warning(
                        "Neo4j warm-up pass %d: a query outlived its timeout (%.1f s in)",
                        passes,
                        time.monotonic() - started,
                    )
                    await asyncio.sleep(self.interval)
                    continue
                # Refused (no schema yet: /ready says so) or a bug: warming cannot help.
                logger.warning("Neo4j warm-up pass %d failed, serving: %s", passes, error)
                return True
            logger.warning(
                "Neo4j back and warm after %.1f s of warm-up (%d passes): serving",
                time.monotonic() - started,
                passes,
            )
            return True

    def _set(self, state: State, reason: str) -> None:
        self.state, self.reason, self.since = state, reason, time.monotonic()
