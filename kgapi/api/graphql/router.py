"""Strawberry GraphQL mounted on FastAPI at /graphql, with GraphiQL."""

from __future__ import annotations

from strawberry.fastapi import GraphQLRouter

from kgapi.api.graphql.schema import build_schema
from kgapi.config import Settings


def create_graphql_router(settings: Settings) -> GraphQLRouter[object, None]:
    """The /graphql endpoint."""
    return GraphQLRouter(build_schema(settings), graphql_ide="graphiql")
