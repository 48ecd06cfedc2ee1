"""Articles: the filtered, paged list and one article with its claims and mentions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, get_args

from kgapi.graph.read_queries import fragments
from kgapi.graph.read_queries.pagination import (
    DEFAULT_MAX_PAGE_SIZE,
    QueryInputError,
    decode_cursor,
    encode_cursor,
    fingerprint,
    page_size,
)
from kgapi.graph.read_queries.results import ArticleDetail, ArticleSummary, Page
from kgapi.graph.reader import GraphReader

ArticleOrder = Literal["newest", "oldest", "title"]
"""By publication time (undated articles last when newest first), or by title A→Z."""

ARTICLE_ORDERS: tuple[str, ...] = get_args(ArticleOrder)

# Sort key expression, direction and cursor types per order. Never null (keyset-safe).
_KEY: dict[str, tuple[str, str, tuple[type, ...]]] = {
    "newest": (
        "coalesce(a.published_at, datetime('0001-01-01T00:00:00Z'))",
        "DESC",
        (datetime, str),
    ),
    "oldest": (
        "coalesce(a.published_at, datetime('0001-01-01T00:00:00Z'))",
        "ASC",
        (datetime, str),
    ),
    "title": ("toLower(coalesce(a.title, ''))", "ASC", (str, str)),
}

_FILTER = """
WHERE ($q IS NULL OR toLower(a.title) CONTAINS $q)
  AND ($source IS NULL OR toLower(a.source) = $source)
  AND ($since IS NULL OR a.published_at >= $since)
  AND ($until IS NULL OR a.published_at < $until)
"""


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


async def list_articles(
    reader: GraphReader,
    *,
    q: str | None = None,
    source: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    order_by: ArticleOrder = "newest",
    first: int | None = None,
    after: str | None = None,
    max_page_size: int = DEFAULT_MAX_PAGE_SIZE,
) -> Page[ArticleSummary]:
    """Articles, one page, with the total of the filtered set.

    `q`: case-insensitive substring of the title; `source`: the source, case-insensitive;
    `date_from`/`date_to`: inclusive days (UTC) of publication. Raises `QueryInputError`.
    """
    if order_by not in ARTICLE_ORDERS:
        raise QueryInputError("order_by", f"order must be one of {', '.join(ARTICLE_ORDERS)}")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise QueryInputError("date_from", "the start date is after the end date")
    size = page_size(first, max_page_size)
    needle = q.strip().lower() if q is not None and q.strip() else None
    src = source.strip().lower() if source is not None and source.strip() else None
    fp = fingerprint("articles", needle, src, date_from, date_to, order_by)
    key_expr, direction, types = _KEY[order_by]
    key = decode_cursor(after, fp, types) if after else None
    params: dict[str, Any] = {
        "q": needle,
        "source": src,
        "since": _day_start(date_from) if date_from else None,
        "until": _day_start(date_to + timedelta(days=1)) if date_to else None,
        "limit": size + 1,
    }
    keyset = ""
    if key is not None:
        op = ">" if direction == "ASC" else "<"
        keyset = f"WHERE k {op} $k0 OR (k = $k0 AND a.id > $k1)"
        params |= {"k0": key[0], "k1": key[1]}
    query = f"""
CALL () {{ MATCH (a:Article) {_FILTER} RETURN count(a) AS total }}
CALL () {{
  MATCH (a:Article) {_FILTER}
  WITH a, {key_expr} AS k
  {keyset}
  WITH a, k ORDER BY k {direction}, a.id LIMIT $limit
  RETURN collect({{article: {fragments.article_summary("a")}, key: [k, a.id]}}) AS rows
}}
RETURN total, rows
"""
    result = await reader.read(query, params, name="list_articles")
    rows: list[dict[str, Any]] = result[0]["rows"]
    items = [ArticleSummary.model_validate(row["article"]) for row in rows[:size]]
    next_cursor = None
    if len(rows) > size:
        k0, k1 = rows[size - 1]["key"]
        next_cursor = encode_cursor([k0 if isinstance(k0, str) else k0.to_native(), k1], fp)
    return Page[ArticleSummary](items=items, total=result[0]["total"], next_cursor=next_cursor)


_DETAIL = f"""
MATCH (a:Article {{id: $id}})
CALL (a) {{
  MATCH (c:Claim)-[:REPORTED_IN]->(a)
  MATCH (s:Actor)-[:STATED]->(c)
  WITH s, c ORDER BY c.start, c.id LIMIT $cap
  RETURN collect({fragments.claim("c", "s", "a")}) AS claims
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
    if not rows:
        return None
    row = rows[0]
    return ArticleDetail.model_validate(
        {
            **row["article"],
            "text": row["text"],
            "claims": row["claims"],
            "mentions": row["mentions"],
        }
    )
