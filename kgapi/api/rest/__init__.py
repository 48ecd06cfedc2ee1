"""REST API under /api/v1: thin routes over the query layer in kgapi.graph.read_queries."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from kgapi.api.rest import articles, claims, cypher, entities, ingest, network, search
from kgapi.api.rest.content_types import check_content_type
from kgapi.api.security import ReadAccess
from kgapi.config import Settings


def create_rest_router(settings: Settings) -> APIRouter:
    """All /api/v1 routes."""
    # Every /api/v1 route: reads open unless configured otherwise; bodies of a declared type.
    router = APIRouter(dependencies=[ReadAccess, Depends(check_content_type)])
    router.include_router(claims.router)
    router.include_router(entities.router)
    router.include_router(articles.router)
    router.include_router(search.router)
    router.include_router(network.router)
    router.include_router(cypher.router)
    router.include_router(ingest.router)
    return router
