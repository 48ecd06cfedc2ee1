"""Neo4j drivers built from settings. Nothing here runs at import time."""

from __future__ import annotations

from typing import TypedDict

import neo4j

from kgapi.config import Settings


def _auth(settings: Settings) -> tuple[str, str]:
    return (settings.neo4j_user, settings.resolved_password())


def sync_driver(settings: Settings, *, fail_fast: bool = False) -> neo4j.Driver:
    """A blocking driver, for the CLI and the loader.

    `fail_fast` (the API's ingest): the async driver's budget (see `async_driver`), so an
    unreachable Neo4j is reported within `neo4j_connect_timeout`, not after 30 s of retries.
    """
    if fail_fast:
        return neo4j.GraphDatabase.driver(
            settings.neo4j_uri, auth=_auth(settings), **_fail_fast(settings)
        )
    return neo4j.GraphDatabase.driver(
        settings.neo4j_uri,
        auth=_auth(settings),
        connection_timeout=settings.neo4j_connect_timeout,
        connection_acquisition_timeout=settings.neo4j_connect_timeout + 1,
    )


class _FailFast(TypedDict):
    connection_timeout: float
    connection_acquisition_timeout: float
    max_transaction_retry_time: float


def _fail_fast(settings: Settings) -> _FailFast:
    """Driver options that report an unreachable Neo4j within `neo4j_connect_timeout`:
    connecting and acquiring within 3/4 of it, no transaction retries."""
    return _FailFast(
        connection_timeout=settings.neo4j_connect_timeout * 0.75,
        connection_acquisition_timeout=settings.neo4j_connect_timeout * 0.75,
        max_transaction_retry_time=0.0,
    )


#: A pooled connection idle this long (seconds) is tested with a round trip before use,
#: within the acquisition timeout; a dead one is dropped and another taken. After an
#: outage the pool still holds connections to the server that went away: without the
#: check, the first requests after recovery fail on them. Under load connections are
#: reused sooner and never pay for the check. Below the availability probe's interval
#: (`kgapi.graph.availability.PROBE_INTERVAL`), which the API waits before serving again.
LIVENESS_CHECK = 0.25


def async_driver(settings: Settings) -> neo4j.AsyncDriver:
    """An async driver, one per API app.

    An unreachable Neo4j must surface as a 503 within `neo4j_connect_timeout` (2 s),
    never a hang; the pool reconnects on its own when Neo4j returns. Hence: connecting
    and acquiring (which bounds the Bolt handshake of a hung server) within 3/4 of that
    budget, and no transaction retries: the driver's first retry alone waits about a
    second, the next two more (figures in docs/benchmarks.md, "Figures once quoted in
    the code"). Reads
    are idempotent; the client retries on the 503, which carries Retry-After.
    """
    return neo4j.AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=_auth(settings),
        **_fail_fast(settings),
        # The API's own queries read properties that sparse data lacks (an article
        # without a source): Neo4j's "property key does not exist" warnings would log the
        # whole query on every request. /cypher asks for them in its own sessions, to
        # hand them to its user.
        notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
        liveness_check_timeout=LIVENESS_CHECK,
    )


def wait_until_available(driver: neo4j.Driver, *, timeout: float) -> bool:
    """Poll until Neo4j answers (containers start it alongside the API); False on timeout."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            driver.verify_connectivity()
            return True
        except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, OSError):
            if time.monotonic() >= deadline:
                return False
            time.sleep(1.0)
