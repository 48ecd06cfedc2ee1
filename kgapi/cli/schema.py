"""`kgapi schema apply|status`: the graph's constraints and indexes, as code."""

from __future__ import annotations

import click
import neo4j


@click.group()
def schema() -> None:
    """Constraints and indexes of the graph model (files in schema/)."""


@schema.command()
def apply() -> None:
    """Apply every constraint and index idempotently and record the version in the graph."""
    from kgapi.config import Settings
    from kgapi.graph.driver import sync_driver
    from kgapi.graph.schema import SchemaFiles, apply_schema

    settings = Settings()
    files = SchemaFiles.load()
    try:
        with sync_driver(settings) as driver:
            version = apply_schema(driver, settings.neo4j_database, files)
    except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, RuntimeError) as exc:
        raise click.ClickException(
            f"could not apply the schema at {settings.neo4j_uri}: {exc}\n"
            "Is Neo4j running? Try `kgapi neo4j status`."
        ) from exc
    click.echo(
        f"schema {version} applied: {len(files.statements)} statements from {len(files.files)} files"
    )
