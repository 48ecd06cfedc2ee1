"""The `kgapi` click group: it only wires commands; each command module calls library code."""

from __future__ import annotations

import logging

import click

from kgapi import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgapi")
@click.option("-v", "--verbose", count=True, help="More logging (-v info, -vv debug).")
def cli(verbose: int) -> None:
    """kgapi: load news articles into a Neo4j graph of who said what about whom, and serve it.

    Configuration comes from the environment or `.env` (NEO4J_URI, NEO4J_USER,
    NEO4J_PASSWORD, NEO4J_DATABASE and KGAPI_* settings); see the README.
    """
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _register() -> None:
    # Imported here, not at the top, so `kgapi --help` stays fast and a command's heavy
    # imports (spaCy, the driver) load only when that command runs.
    from kgapi.cli import commands

    for command in commands.ALL:
        cli.add_command(command)


_register()
