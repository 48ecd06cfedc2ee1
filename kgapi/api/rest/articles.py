"""`GET /articles` and `GET /articles/{id}` (the writes live in `ingest.py`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from kgapi.api.deps import ReaderDep
from kgapi.api.rest.params import MAX_TEXT, PageDep, day, found, one_route, query_errors
from kgapi.graph.read_queries import articles
from kgapi.graph.read_queries.results import ArticleDetail, ArticleSummary, Page
from kgapi.vocabulary import ArticleOrder

router = APIRouter(tags=["articles"])


@router.get(
    "/articles", response_model=Page[ArticleSummary], summary="Articles, filtered and paged"
)
async def list_articles(
    reader: ReaderDep,
    page: PageDep,
    q: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Part of the title, any case.")
    ] = None,
    source: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Source, any case.")
    ] = None,
    date_from: Annotated[date | None, day("from", "Published on or after.")] = None,
    date_to: Annotated[date | None, day("to", "Published on or before.")] = None,
    order: ArticleOrder = ArticleOrder.NEWEST,
) -> Page[ArticleSummary]:
    """Articles with their claim and entity counts, newest first."""
    with query_errors():
        return await articles.list_articles(
            reader, q=q, source=source, date_from=date_from, date_to=date_to, order_by=order, **page
        )


@router.get("/articles/{article_id:path}", **one_route(ArticleDetail, "article"))
async def get_article(reader: ReaderDep, article_id: str) -> ArticleDetail:
    """An article with its text, its claims in text order and the entities it mentions."""
    return found("article", article_id, await articles.get_article(reader, article_id))
