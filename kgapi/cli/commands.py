"""The list of `kgapi` commands, one module each."""

from __future__ import annotations

import click

from kgapi.cli.extract import eval_command, extract_command
from kgapi.cli.keys import keys
from kgapi.cli.load import delete, load
from kgapi.cli.neo4j import neo4j_group
from kgapi.cli.schema import schema
from kgapi.cli.serve import serve

ALL: list[click.Command] = [
    neo4j_group,
    schema,
    serve,
    keys,
    load,
    delete,
    extract_command,
    eval_command,
]
