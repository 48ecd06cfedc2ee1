"""The API's verdict on Neo4j (`kgapi.graph.availability`): which failures turn it down,
and how the probe and the warm-up bring it back. Its probe and warm-up are functions it is
given; here they raise the errors the driver raises (built as in
test_neo4j_error_policy.py). The real server: tests/faults (frozen, killed under load)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from neo4j import exceptions as neo4j_errors

from kgapi.graph.availability import PROBE_INTERVAL, Availability, State, is_outage
from kgapi.graph.driver import LIVENESS_CHECK
from kgapi.graph.errors import GraphBusy, Neo4jNotReady, Unresponsive


def _server_error(neo4j_code: str, gql_status: str) -> Exception:
    return neo4j_errors.Neo4jError._hydrate_gql(
        neo4j_code=neo4j_code,
        gql_status=gql_status,
        message="whatever the server said",
        description="error: whatever",
    )


TIMED_OUT = _server_error(
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "25N14"
)
NO_INDEX = _server_error("Neo.ClientError.Procedure.ProcedureCallFailed", "52N37")


@pytest.mark.parametrize(
    ("error", "outage"),
    [
        (neo4j_errors.ServiceUnavailable("down"), True),
        (neo4j_errors.SessionExpired("gone"), True),
        (neo4j_errors.ConnectionAcquisitionTimeoutError("no connection"), True),
        (_server_error("Neo.TransientError.General.DatabaseUnavailable", "51N33"), True),
        (Unresponsive("no answer"), True),
        (Neo4jNotReady("database starting"), True),
        (TIMED_OUT, False),  # one query too slow: not the server gone
        (NO_INDEX, False),
        (GraphBusy("queue full"), False),
        (ValueError("x"), False),
    ],
)
def test_what_counts_as_an_outage(error: BaseException, outage: bool) -> None:
    assert is_outage(error) is outage


def _steps(*outcomes: BaseException | None) -> Callable[[], Awaitable[None]]:
    """A probe or warm-up that fails or succeeds as listed, then succeeds."""
    queue = list(outcomes)
    calls: list[int] = []

    async def step() -> None:
        calls.append(1)
        outcome = queue.pop(0) if queue else None
        if outcome is not None:
            raise outcome

    step.calls = calls  # type: ignore[attr-defined]
    return step


class _Recorded(Availability):
    """Every state it passes through, in order."""

    seen: list[str]

    def _set(self, state: State, reason: str) -> None:
        self.seen = [*getattr(self, "seen", []), state.value]
        super()._set(state, reason)


async def _recovered(availability: _Recorded, timeout: float = 5.0) -> list[str]:
    """Run the background task until READY again; the states it passed through."""
    availability.seen = [availability.state.value]
    task = asyncio.create_task(availability.run())
    try:
        async with asyncio.timeout(timeout):
            while not availability.ready:
                await asyncio.sleep(0.001)
        return availability.seen
    finally:
        task.cancel()


def _availability(probe: Any, warm_up: Any, warm_up_timeout: float = 5.0) -> _Recorded:
    return _Recorded(
        probe, warm_up, probe_timeout=1.0, warm_up_timeout=warm_up_timeout, interval=0.01
    )


def test_an_outage_refuses_at_once_until_probed_and_warmed() -> None:
    async def scenario() -> None:
        probe = _steps(neo4j_errors.ServiceUnavailable("down"), Unresponsive("starting"))
        warm_up = _steps()
        availability = _availability(probe, warm_up)
        availability.check()  # ready to begin with
        availability.failed(TIMED_OUT)  # a slow query is not an outage
        assert availability.ready
        availability.failed(neo4j_errors.ServiceUnavailable("down"))
        with pytest.raises(Neo4jNotReady, match="down"):
            availability.check()
        seen = await _recovered(availability)
        assert seen == ["down", "warming", "ready"]
        assert len(probe.calls) == 3 and len(warm_up.calls) == 1  # type: ignore[attr-defined]
        assert availability.outages == 1

    asyncio.run(scenario())


def test_a_warm_up_query_timing_out_is_run_again() -> None:
    async def scenario() -> None:
        warm_up = _steps(TIMED_OUT, TIMED_OUT)
        availability = _availability(_steps(), warm_up)
        availability.mark_down("test")
        assert await _recovered(availability) == ["down", "warming", "ready"]
        assert len(warm_up.calls) == 3  # type: ignore[attr-defined]

    asyncio.run(scenario())


def test_an_outage_during_the_warm_up_goes_back_to_probing() -> None:
    async def scenario() -> None:
        probe, warm_up = _steps(), _steps(neo4j_errors.ServiceUnavailable("again"))
        availability = _availability(probe, warm_up)
        availability.mark_down("test")
        assert await _recovered(availability) == ["down", "warming", "down", "warming", "ready"]
        assert len(probe.calls) == 2  # type: ignore[attr-defined]

    asyncio.run(scenario())


def test_a_warm_up_that_cannot_succeed_does_not_keep_the_api_down() -> None:
    """Refused (no schema yet: /ready reports that itself), or out of time: serve."""

    async def scenario() -> None:
        availability = _availability(_steps(), _steps(NO_INDEX))
        availability.mark_down("test")
        assert (await _recovered(availability))[-1] == "ready"

        async def endless() -> None:
            await asyncio.sleep(3600)

        availability = _availability(_steps(), endless, warm_up_timeout=0.05)
        availability.mark_down("test")
        assert (await _recovered(availability))[-1] == "ready"

    asyncio.run(scenario())


def test_a_server_that_did_not_restart_is_served_again_without_a_warm_up() -> None:
    """The probe says when the database started: the same start as when it was last warm
    (a lost connection, a frozen server that woke up) is warm still."""

    async def scenario() -> None:
        starts = iter(["t0", "t0", "t1"])

        async def probe() -> object:
            return next(starts)

        warm_up = _steps()
        availability = _availability(probe, warm_up)
        await availability.observe()  # start-up: t0
        availability.mark_down("lost connection")
        assert await _recovered(availability) == ["down", "ready"]
        assert len(warm_up.calls) == 0  # type: ignore[attr-defined]
        availability.mark_down("restarted")
        assert await _recovered(availability) == ["down", "warming", "ready"]
        assert len(warm_up.calls) == 1  # type: ignore[attr-defined]

    asyncio.run(scenario())


def test_state_values_are_what_ready_reports() -> None:
    assert [s.value for s in State] == ["ready", "down", "warming"]


def test_connections_from_before_an_outage_are_checked_before_use() -> None:
    """The API waits one probe interval before serving again; a pooled connection idle
    that long is tested by the driver first (dead ones dropped, not used by a request)."""
    assert LIVENESS_CHECK < PROBE_INTERVAL
