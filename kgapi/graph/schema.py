"""Schema as code: apply `schema/*.cypher` idempotently and record the applied version."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import neo4j

from kgapi.graph import aggregates, mention_keys

logger = logging.getLogger(__name__)

_RECORD_VERSION = """
MERGE (s:KgapiSchema {id: 'kgapi'})
SET s.version = $version, s.files = $files, s.applied_at = datetime(),
    s.data_version = coalesce(s.data_version, 0) + 1
"""
# `data_version` (kgapi.graph.data_version) is raised too: the counters or keys built
# here change what reads return, and a write by other means is followed by a schema apply.

_READ_VERSION = "MATCH (s:KgapiSchema {id: 'kgapi'}) RETURN s.version AS version"

# The full-text indexes are eventually consistent (schema/003_fulltext.cypher). Graphs
# whose indexes predate that option get them dropped first, so that the file's
# `CREATE ... IF NOT EXISTS` re-creates them with it. Names come from this constant.
_FULLTEXT_INDEXES = ("entity_names", "claim_text")
_STRONGLY_CONSISTENT_FULLTEXT = """
SHOW FULLTEXT INDEXES YIELD name, options
WHERE name IN $names
  AND coalesce(options.indexConfig['fulltext.eventually_consistent'], false) = false
RETURN name
"""


def _upgrades(found: list[str]) -> list[str]:
    """Statements that drop the full-text indexes `_STRONGLY_CONSISTENT_FULLTEXT` found."""
    return [f"DROP INDEX {name} IF EXISTS" for name in _FULLTEXT_INDEXES if name in found]


def schema_dir() -> Path:
    """The Cypher files: bundled in the wheel as kgapi/_schema, or the repo's schema/."""
    bundled = Path(__file__).resolve().parent.parent / "_schema"
    if bundled.is_dir():
        return bundled
    return Path(__file__).resolve().parents[2] / "schema"


@dataclass(frozen=True)
class SchemaFiles:
    """The schema's statements in order, and a version that changes when any file does."""

    statements: list[str]
    files: list[str]
    version: str

    @classmethod
    def load(cls, directory: Path | None = None) -> SchemaFiles:
        """Read the schema files (the bundled ones unless `directory` is given)."""
        if directory is None:
            return _bundled_schema()
        return cls._read(directory)

    @classmethod
    def _read(cls, directory: Path) -> SchemaFiles:
        paths = sorted(directory.glob("*.cypher"))
        if not paths:
            raise FileNotFoundError(f"no *.cypher files in {directory}")
        digest = hashlib.sha256()
        statements: list[str] = []
        for path in paths:
            text = path.read_text()
            digest.update(path.name.encode() + b"\0" + text.encode())
            statements.extend(split_statements(text))
        return cls(statements, [p.name for p in paths], digest.hexdigest()[:12])


@cache
def _bundled_schema() -> SchemaFiles:
    # The files ship with the code and do not change while it runs: read them once, not on
    # every /ready probe.
    return SchemaFiles._read(schema_dir())


def split_statements(text: str) -> list[str]:
    """Split a Cypher file on `;`, dropping `//` comment lines and blanks."""
    lines = [line for line in text.splitlines() if not line.strip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def apply_schema(driver: neo4j.Driver, database: str, files: SchemaFiles | None = None) -> str:
    """Apply every constraint and index (each file uses IF NOT EXISTS) and record the version.

    Returns the applied version. Safe to run any number of times.
    """
    files = files or SchemaFiles.load()
    # Schema commands are writes: with a routing URI they must reach the cluster's leader.
    with driver.session(database=database, default_access_mode=neo4j.WRITE_ACCESS) as session:
        found = [
            r["name"]
            for r in session.run(_STRONGLY_CONSISTENT_FULLTEXT, names=list(_FULLTEXT_INDEXES))
        ]
        for statement in [*_upgrades(found), *files.statements]:
            session.run(statement).consume()  # schema commands need their own transactions
        session.run("CALL db.awaitIndexes(60)").consume()
        # The counters of a graph written before them (once; the writer keeps them after).
        if aggregates.COUNTERS.build_if_needed(session):
            logger.info("aggregates (version %d) built", aggregates.VERSION)
        # The MENTIONS edges' keys of a graph written before them (once, likewise).
        if mention_keys.KEYS.build_if_needed(session):
            logger.info("mention keys (version %d) set", mention_keys.VERSION)
        session.run(_RECORD_VERSION, version=files.version, files=files.files).consume()
    logger.info("schema %s applied (%d statements)", files.version, len(files.statements))
    return files.version


async def applied_version(driver: neo4j.AsyncDriver, database: str) -> str | None:
    """The schema version recorded in the graph, or None when never applied."""
    records, _, _ = await driver.execute_query(
        _READ_VERSION, database_=database, routing_=neo4j.RoutingControl.READ
    )
    return records[0]["version"] if records else None


async def apply_schema_async(
    driver: neo4j.AsyncDriver, database: str, files: SchemaFiles | None = None
) -> str:
    """`apply_schema` for the API's async driver (used at start-up and by /ready)."""
    files = files or SchemaFiles.load()
    async with driver.session(database=database, default_access_mode=neo4j.WRITE_ACCESS) as session:
        result = await session.run(_STRONGLY_CONSISTENT_FULLTEXT, names=list(_FULLTEXT_INDEXES))
        found = [r["name"] async for r in result]
        for statement in [*_upgrades(found), *files.statements]:
            await (await session.run(statement)).consume()
        await aggregates.COUNTERS.build_if_needed_async(session)
        await mention_keys.KEYS.build_if_needed_async(session)
        await (
            await session.run(_RECORD_VERSION, version=files.version, files=files.files)
        ).consume()
    return files.version
