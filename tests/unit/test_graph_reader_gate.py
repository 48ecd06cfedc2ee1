"""The reader's gate and retries, without a database: a stand-in driver that answers as
told (a real Neo4j cannot be made to exhaust its memory pool on cue)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from neo4j import exceptions as neo4j_errors

from kgapi.graph.errors import GraphBusy
from kgapi.graph.reader import Gate, GraphReader


class Record(tuple[Any, ...]):
    def keys(self) -> list[str]:
        return ["n"]


class ScriptedDriver:
    """A session's `run` raises the scripted errors in turn, then answers one row; it can
    hold every call until `release` is set."""

    execute_query_bookmark_manager = None

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0
        self.running = 0
        self.most_running = 0
        self.release = asyncio.Event()
        self.release.set()

    def session(self, **config: Any) -> ScriptedSession:
        assert config["default_access_mode"] == "READ"
        return ScriptedSession(self)

    async def run(self) -> list[Record]:
        self.calls += 1
        self.running += 1
        self.most_running = max(self.most_running, self.running)
        try:
            await self.release.wait()
            if self.errors:
                raise self.errors.pop(0)
            return [Record((1,))]
        finally:
            self.running -= 1


class ScriptedSession:
    """An auto-commit session of `ScriptedDriver`."""

    def __init__(self, driver: ScriptedDriver) -> None:
        self.driver = driver

    async def __aenter__(self) -> ScriptedSession:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None

    async def run(self, *args: Any, **kwargs: Any) -> AsyncIterator[Record]:
        records = await self.driver.run()

        async def stream() -> AsyncIterator[Record]:
            for record in records:
                yield record

        return stream()


def _memory_pool() -> Exception:
    return neo4j_errors.Neo4jError._hydrate_gql(
        neo4j_code="Neo.TransientError.General.MemoryPoolOutOfMemoryError",
        gql_status="51N53",
        message="memory pool",
        description="error: memory pool",
    )


def _reader(driver: ScriptedDriver, gate: Gate | None = None) -> GraphReader:
    return GraphReader(driver, "neo4j", gate=gate, retry_pauses=(0.001, 0.001))  # type: ignore[arg-type]


async def test_a_transient_error_is_retried_and_the_read_succeeds() -> None:
    driver = ScriptedDriver(_memory_pool(), _memory_pool())
    assert await _reader(driver).read("RETURN 1 AS n") == [{"n": 1}]
    assert driver.calls == 3


async def test_a_transient_error_that_persists_is_raised_after_the_retries() -> None:
    driver = ScriptedDriver(_memory_pool(), _memory_pool(), _memory_pool())
    with pytest.raises(neo4j_errors.TransientError):
        await _reader(driver).read("RETURN 1 AS n")
    assert driver.calls == 3


async def test_an_unreachable_server_is_not_retried() -> None:
    driver = ScriptedDriver(neo4j_errors.ServiceUnavailable("down"))
    with pytest.raises(neo4j_errors.ServiceUnavailable):
        await _reader(driver).read("RETURN 1 AS n")
    assert driver.calls == 1


async def test_the_gate_bounds_concurrent_queries_and_the_rest_wait_their_turn() -> None:
    driver = ScriptedDriver()
    driver.release.clear()
    reader = _reader(driver, Gate(limit=3, timeout=5))
    reads = [asyncio.create_task(reader.read("RETURN 1 AS n")) for _ in range(10)]
    await asyncio.sleep(0.05)
    assert driver.running == 3
    driver.release.set()
    assert all(rows == [{"n": 1}] for rows in await asyncio.gather(*reads))
    assert driver.most_running == 3 and driver.calls == 10


async def test_a_query_that_waits_past_the_queue_timeout_is_busy() -> None:
    driver = ScriptedDriver()
    driver.release.clear()
    reader = _reader(driver, Gate(limit=1, timeout=0.05))
    first = asyncio.create_task(reader.read("RETURN 1 AS n"))
    await asyncio.sleep(0.01)
    with pytest.raises(GraphBusy):
        await reader.read("RETURN 1 AS n")
    driver.release.set()
    assert await first == [{"n": 1}]
