"""REST API under /api/v1: thin routes over the query layer in kgapi.graph.queries."""

from __future__ import annotations

from fastapi import APIRouter

from kgapi.api.rest import articles, claims, entities, search
from kgapi.config import Settings


def create_rest_router(settings: Settings) -> APIRouter:
    """All /api/v1 routes."""
    router = APIRouter()
    router.include_router(claims.router)
    router.include_router(entities.router)
    router.include_router(articles.router)
    router.include_router(search.router)
    return router
