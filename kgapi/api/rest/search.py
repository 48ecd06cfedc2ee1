"""`GET /search?q=`: one box, entities, articles and claims."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from kgapi.api.deps import ReaderDep, SettingsDep
from kgapi.api.rest.params import MAX_TEXT, Limit, query_errors
from kgapi.graph.read_queries import search as search_queries
from kgapi.graph.read_queries.results import SearchResults

router = APIRouter(tags=["search"])


@router.get("/search", response_model=SearchResults, summary="Search everything")
async def search(
    reader: ReaderDep,
    settings: SettingsDep,
    q: Annotated[
        str,
        Query(
            min_length=1, max_length=MAX_TEXT, openapi_examples={"Blinken": {"value": "blinken"}}
        ),
    ],
    limit: Limit = None,
) -> SearchResults:
    """Best matches per kind: entities by name or alias (words may be prefixes), articles
    by title, claims by their words. Punctuation-only text finds nothing.
    """
    with query_errors():
        return await search_queries.search(
            reader, q, first=limit, max_page_size=settings.max_page_size
        )
