"""The graph's data version: a counter that every kgapi write raises in the transaction
that writes, so that any process can tell whether anything was committed since it last
looked (`result_cache`).

It is a property of the schema record (`(:KgapiSchema {id: 'kgapi'})`, made by `kgapi
schema apply`): `kgapi load`, the ingest and delete routes and mutations (`GraphWriter`),
and `kgapi schema apply` (which may build counters) raise it. A transaction raises it as
its last statement, so the lock on the record is held only from then to the commit, and
a transaction holding it waits for no other lock (no deadlock between writers). Writes
made by other means (cypher-shell, neo4j-admin import) do not raise it: run `kgapi schema
apply` after them. Without the record (schema never applied) there is no version, and
nothing is cached.
"""

from __future__ import annotations

from typing import LiteralString

import neo4j

from kgapi.graph.reader import GraphReader

#: Raise the version (in the writing transaction, last).
BUMP: LiteralString = (
    "MATCH (s:KgapiSchema {id: 'kgapi'}) SET s.data_version = coalesce(s.data_version, 0) + 1"
)
_READ: LiteralString = (
    "OPTIONAL MATCH (s:KgapiSchema {id: 'kgapi'}) RETURN s.data_version AS version"
)


def bump(tx: neo4j.ManagedTransaction | neo4j.Session) -> None:
    """Raise the data version, in `tx`: the write's last statement."""
    tx.run(BUMP).consume()


async def current(reader: GraphReader) -> int | None:
    """The committed data version; None without one (no schema record, or a record that
    no kgapi write or schema apply has raised yet)."""
    rows = await reader.read(_READ, name="data_version")
    version = rows[0]["version"] if rows else None
    return None if version is None else int(version)
