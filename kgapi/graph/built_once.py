"""Derived structures a graph builds once per version, recorded on its `:KgapiSchema` node.

The writer keeps the claim counters (`aggregates.py`) and the MENTIONS keys
(`mention_keys.py`) up to date on every load; a graph written before they existed, or with
an older version of them, gets them built once by `kgapi schema apply` (and by the API at
start-up). Each records its version as a property of the schema node, so the check is one
read and a graph already built is never rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass

import neo4j


@dataclass(frozen=True)
class BuiltOnce:
    """`statements` build the structure from scratch; `key` names the schema node's
    property that records the `version` built."""

    key: str
    version: int
    statements: tuple[str, ...]

    @property
    def _built(self) -> str:
        # properties(): no 'property does not exist' warning on a graph that never had it.
        return (
            f"MATCH (m:KgapiSchema {{id: 'kgapi'}}) RETURN properties(m)['{self.key}'] AS version"
        )

    @property
    def _record(self) -> str:
        return f"MERGE (m:KgapiSchema {{id: 'kgapi'}}) SET m.{self.key} = $version"

    def build(self, session: neo4j.Session) -> None:
        """Run every statement (each its own transaction), then record the version."""
        for statement in self.statements:
            session.run(statement).consume()
        session.run(self._record, version=self.version).consume()

    def build_if_needed(self, session: neo4j.Session) -> bool:
        """`build` unless this graph records this version already. Returns whether it built."""
        record = session.run(self._built).single()
        if record is not None and record["version"] == self.version:
            return False
        self.build(session)
        return True

    async def build_if_needed_async(self, session: neo4j.AsyncSession) -> bool:
        """`build_if_needed` through an async session (the API's start-up)."""
        record = await (await session.run(self._built)).single()
        if record is not None and record["version"] == self.version:
            return False
        for statement in self.statements:
            await (await session.run(statement)).consume()
        await (await session.run(self._record, version=self.version)).consume()
        return True
