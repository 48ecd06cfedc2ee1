"""The GraphQL schema."""

from __future__ import annotations

import strawberry

from kgapi import __version__
from kgapi.config import Settings


@strawberry.type
class Query:
    @strawberry.field(description="The kgapi version serving this schema.")
    def version(self) -> str:
        return __version__


def build_schema(settings: Settings) -> strawberry.Schema:
    """Build the schema with its limits taken from settings."""
    return strawberry.Schema(query=Query)
