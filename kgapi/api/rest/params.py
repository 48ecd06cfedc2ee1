"""What the read routes share: page parameters (`PageDep`) and query-layer errors as 422s.

Query-layer errors (`QueryInputError`) name the query layer's argument (`after`,
`first`, `date_from`); REST clients know them as `cursor`, `limit`, `from`. The 422 has
the same shape as FastAPI's own validation errors, so clients parse one format.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Query

from kgapi.api.deps import SettingsDep
from kgapi.graph.read_queries.pagination import PageArgs, QueryInputError

T = TypeVar("T")

#: Query-layer argument → REST query parameter.
_REST_NAMES = {
    "after": "cursor",
    "first": "limit",
    "date_from": "from",
    "date_to": "to",
    "order_by": "order",
    "sample": "co_mention_sample",
}

#: Longest accepted free text (names, searches): far beyond any real one, bounds the work.
MAX_TEXT = 500

Limit = Annotated[
    int | None,
    Query(
        ge=1, description="Page size (default 20, at most the server's maximum, 100 by default)."
    ),
]
Cursor = Annotated[
    str | None,
    Query(
        max_length=2000, description="`next_cursor` of the previous page, with the same filters."
    ),
]


def day(bound: str, description: str) -> Any:
    """A `from` or `to` day parameter (the query layer's `date_from`, `date_to`)."""
    return Query(alias=bound, description=description)


async def page_args(settings: SettingsDep, limit: Limit = None, cursor: Cursor = None) -> PageArgs:
    """A list route's `limit` and `cursor`, as the query functions take them (`**page`).
    (`async`, as every dependency: see `kgapi.api.deps`.)"""
    return PageArgs(first=limit, after=cursor, max_page_size=settings.max_page_size)


#: The page parameters of every list route.
PageDep = Annotated[PageArgs, Depends(page_args)]


def unprocessable(param: str, message: str) -> HTTPException:
    """A 422 naming the query parameter at fault."""
    return HTTPException(
        status_code=422,
        detail=[{"loc": ["query", param], "msg": message, "type": "value_error"}],
    )


@contextmanager
def query_errors() -> Iterator[None]:
    """Turn a `QueryInputError` from the query layer into a 422 naming the REST parameter."""
    try:
        yield
    except QueryInputError as exc:
        raise unprocessable(_REST_NAMES.get(exc.param, exc.param), exc.message) from None


def not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"No {what} with id {ident!r}.")


def found(what: str, ident: str, value: T | None) -> T:
    """`value`, or a 404 saying there is no `what` with that id."""
    if value is None:
        raise not_found(what, ident)
    return value


def one_route(model: type[Any], what: str, *, missing: str | None = None) -> dict[str, Any]:
    """The route arguments of a `GET /<things>/{id}`: its model, summary and 404."""
    return {
        "response_model": model,
        "responses": {404: {"description": f"No such {missing or what}."}},
        "summary": f"One {what}",
    }
