"""Articles: the filtered, paged list and one article with its claims and mentions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Unpack

from kgapi.graph.read_queries import fragments
from kgapi.graph.read_queries.pagination import (
    NodeList,
    PageArgs,
    QueryInputError,
    SortKey,
    order,
    read_page,
)
from kgapi.graph.read_queries.results import ArticleDetail, ArticleSummary, Page, detail_of
from kgapi.graph.reader import GraphReader
from kgapi.vocabulary import ArticleOrder

# The sort key `k` per order (then the article id): its Cypher, never null (keyset-safe),
# and its keyset.
_PUBLISHED = "coalesce(a.published_at, datetime('0001-01-01T00:00:00Z'))"
_KEY: dict[ArticleOrder, tuple[str, SortKey]] = {
    ArticleOrder.NEWEST: (_PUBLISHED, SortKey(("k", "a.id"), (datetime, str), descending=True)),
    ArticleOrder.OLDEST: (_PUBLISHED, SortKey(("k", "a.id"), (datetime, str))),
    ArticleOrder.TITLE: ("toLower(coalesce(a.title, ''))", SortKey(("k", "a.id"), (str, str))),
}

_FILTER = """
WHERE ($q IS NULL OR toLower(a.title) CONTAINS $q)
  AND ($source IS NULL OR toLower(a.source) = $source)
  AND ($since IS NULL OR a.published_at >= $since)
  AND ($until IS NULL OR a.published_at < $until)
"""

#: The article list: one statement, every filter a parameter.
_LIST = NodeList(
    "list_articles", f"MATCH (a:Article) {_FILTER}", "a", fragments.article_summary("a"), _KEY
)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


async def list_articles(
    reader: GraphReader,
    *,
    q: str | None = None,
    source: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    order_by: ArticleOrder = ArticleOrder.NEWEST,
    **page_args: Unpack[PageArgs],
) -> Page[ArticleSummary]:
    """Articles, one page, with the total of the filtered set.

    `q`: case-insensitive substring of the title; `source`: the source, case-insensitive;
    `date_from`/`date_to`: inclusive days (UTC) of publication. Raises `QueryInputError`.
    """
    order_by = order(ArticleOrder, order_by)
    if date_from is not None and date_to is not None and date_from > date_to:
        raise QueryInputError("date_from", "the start date is after the end date")
    needle = q.strip().lower() if q is not None and q.strip() else None
    src = source.strip().lower() if source is not None and source.strip() else None
    filters = ("articles", needle, src, date_from, date_to, order_by)
    params = {
        "q": needle,
        "source": src,
        "since": _day_start(date_from) if date_from else None,
        "until": _day_start(date_to + timedelta(days=1)) if date_to else None,
    }
    return await read_page(reader, _LIST, ArticleSummary, order_by, filters, params, page_args)


_DETAIL = f"""
MATCH (a:Article {{id: $id}})
CALL (a) {{
  MATCH (c:Claim)-[r:REPORTED_IN]->(a)
  MATCH (s:Actor)-[:STATED]->(c)
  WITH s, c, r ORDER BY coalesce(r.start, c.start), c.id LIMIT $cap
  RETURN collect({fragments.claim("c", "s", "a", "r")}) AS claims
}}
CALL (a) {{
  MATCH (a)-[m:MENTIONS]->(e:Entity)
  WITH e, m ORDER BY coalesce(m.count, 1) DESC, e.name, e.id LIMIT $cap
  RETURN collect({{entity: {fragments.entity_ref("e")}, count: coalesce(m.count, 1)}}) AS mentions
}}
RETURN {fragments.article_summary("a")} AS article, a.text AS text, claims, mentions
"""

#: Upper bound on the claims and mentions listed with one article (real articles have
#: dozens); the counts in the summary stay exact.
DETAIL_CAP = 1000


async def get_article(reader: GraphReader, article_id: str) -> ArticleDetail | None:
    """One article with its text, its claims in text order and its mentioned entities
    (most mentioned first); None if there is no such article.
    """
    rows = await reader.read(_DETAIL, {"id": article_id, "cap": DETAIL_CAP}, name="get_article")
    return detail_of(rows, "article", ArticleDetail)
