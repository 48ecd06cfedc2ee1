"""Neo4j drivers built from settings. Nothing here runs at import time."""

from __future__ import annotations

import neo4j

from kgapi.config import Settings


def _auth(settings: Settings) -> tuple[str, str]:
    return (settings.neo4j_user, settings.resolved_password())


def sync_driver(settings: Settings) -> neo4j.Driver:
    """A blocking driver, for the CLI and the loader."""
    return neo4j.GraphDatabase.driver(
        settings.neo4j_uri,
        auth=_auth(settings),
        connection_timeout=settings.neo4j_connect_timeout,
        connection_acquisition_timeout=settings.neo4j_connect_timeout + 1,
    )


def async_driver(settings: Settings) -> neo4j.AsyncDriver:
    """An async driver, one per API app.

    Short connection timeouts make an unreachable Neo4j surface as a 503 within about
    two seconds instead of a hang; the pool reconnects on its own when Neo4j returns.
    """
    return neo4j.AsyncGraphDatabase.driver(
        settings.neo4j_uri,
        auth=_auth(settings),
        connection_timeout=settings.neo4j_connect_timeout,
        connection_acquisition_timeout=settings.neo4j_connect_timeout,
        max_transaction_retry_time=settings.neo4j_connect_timeout,
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
