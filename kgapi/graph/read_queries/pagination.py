"""Page sizes, opaque keyset cursors and the one keyset helper of every list query.

A list query names its order as a `SortKey` (the sort key's Cypher expressions, the
direction of the first, the types its cursor holds) and starts with `start_page`, which
checks the page size, fingerprints the filters and decodes the cursor; the `Keyset` it
returns gives the Cypher (`after`, `order_by`), the parameters and the next cursor.

A cursor is base64url JSON `{"k": [sort key of the last item], "f": filter fingerprint}`.
The fingerprint ties a cursor to the query that produced it: a cursor replayed with other
filters or another order is refused instead of silently skipping or repeating items.
Decoded keys are type-checked before they become query parameters, so a hand-made cursor
can make a query fail only with `InvalidCursor` (a 4xx), never inside Neo4j.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypedDict, TypeVar, Unpack

from pydantic import BaseModel

from kgapi.graph.read_queries.results import Page, to_native
from kgapi.graph.reader import GraphReader

DEFAULT_PAGE_SIZE = 20
DEFAULT_MAX_PAGE_SIZE = 100

CursorValue = str | int | float | date | datetime
"""What a sort key is made of. Dates travel as ISO strings and come back typed."""


class PageArgs(TypedDict, total=False):
    """The paging arguments every list query function takes (`**page: Unpack[PageArgs]`):
    the page size (`first`, default `DEFAULT_PAGE_SIZE`), the cursor to resume after
    (`after`) and the server's largest page (`max_page_size`, default
    `DEFAULT_MAX_PAGE_SIZE`). REST's `PageDep` is one."""

    first: int | None
    after: str | None
    max_page_size: int


class QueryInputError(ValueError):
    """Invalid input to a query function; `param` names the query-layer argument."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message


class InvalidCursor(QueryInputError):
    """A cursor that this query did not produce (malformed, tampered or for other filters)."""

    def __init__(self, message: str) -> None:
        super().__init__("after", message)


class InvalidPageSize(QueryInputError):
    """A page size below 1 or above the configured maximum."""

    def __init__(self, message: str) -> None:
        super().__init__("first", message)


def page_size(first: int | None, maximum: int = DEFAULT_MAX_PAGE_SIZE) -> int:
    """The page size to use: `first`, or the default; outside 1..maximum is an error."""
    if first is None:
        return min(DEFAULT_PAGE_SIZE, maximum)
    if isinstance(first, bool) or not isinstance(first, int):
        raise InvalidPageSize(f"page size must be an integer, got {first!r}")
    if first < 1 or first > maximum:
        raise InvalidPageSize(f"page size must be between 1 and {maximum}, got {first}")
    return first


def fingerprint(*parts: Any) -> str:
    """Short stable digest of a query's filters and order (what a cursor is valid for)."""
    blob = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def _plain(value: CursorValue) -> str | int | float:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def encode_cursor(key: Sequence[CursorValue], fp: str) -> str:
    """Opaque cursor for the item whose sort key is `key`."""
    payload = json.dumps({"k": [_plain(v) for v in key], "f": fp}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def _typed(value: Any, kind: type, position: int) -> CursorValue:
    # bool is an int in Python; a cursor never holds one.
    if kind is datetime:
        if isinstance(value, str):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                if parsed.tzinfo is not None:
                    return parsed
    elif kind is date:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif kind is str and isinstance(value, str):
        return value
    raise InvalidCursor(f"malformed cursor: sort key {position} is not a {kind.__name__}")


def decode_cursor(cursor: str, fp: str, types: Sequence[type]) -> list[CursorValue]:
    """The sort key in `cursor`, typed as `types`; `InvalidCursor` if it is not one of ours
    or belongs to a query with other filters or order.
    """
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        raise InvalidCursor("malformed cursor: use the next_cursor of a previous page") from None
    if not isinstance(payload, dict) or not isinstance(payload.get("k"), list):
        raise InvalidCursor("malformed cursor: use the next_cursor of a previous page")
    if payload.get("f") != fp:
        raise InvalidCursor(
            "cursor belongs to a query with other filters or order: start again without it"
        )
    key = payload["k"]
    if len(key) != len(types):
        raise InvalidCursor("malformed cursor: wrong number of sort keys")
    return [_typed(value, kind, i) for i, (value, kind) in enumerate(zip(key, types, strict=True))]


E = TypeVar("E", bound=StrEnum)


def member(vocabulary: type[E], value: str, param: str, what: str) -> E:
    """`value` as a member of `vocabulary`; `QueryInputError` naming `param` if it is none."""
    try:
        return vocabulary(value)
    except ValueError:
        choices = ", ".join(vocabulary)
        raise QueryInputError(param, f"unknown {what} {value!r}; one of {choices}") from None


def order(vocabulary: type[E], value: str) -> E:
    """`value` as an order of `vocabulary`; `QueryInputError` on `order_by` if it is none."""
    try:
        return vocabulary(value)
    except ValueError:
        choices = ", ".join(vocabulary)
        raise QueryInputError("order_by", f"order must be one of {choices}") from None


@dataclass(frozen=True)
class SortKey:
    """A keyset order: the sort key's Cypher expressions (unique together: the last is an
    id), whether the first sorts descending (ties always go ascending), and the types the
    cursor holds for them."""

    expressions: tuple[str, ...]
    types: tuple[type, ...]
    descending: bool = False

    @property
    def order_by(self) -> str:
        """`ORDER BY` for this key."""
        first, *rest = self.expressions
        return "ORDER BY " + ", ".join([f"{first} {'DESC' if self.descending else 'ASC'}", *rest])

    @property
    def after(self) -> str:
        """A predicate: the row sorts strictly after the cursor's key `$k0, $k1, ...`."""
        clause = ""
        for i in reversed(range(len(self.expressions))):
            expression = self.expressions[i]
            op = "<" if i == 0 and self.descending else ">"
            strictly = f"{expression} {op} $k{i}"
            clause = (
                strictly if not clause else f"({strictly} OR ({expression} = $k{i} AND {clause}))"
            )
        return clause


@dataclass(frozen=True)
class Keyset:
    """One page of a keyset-paged list, as requested: its size, the fingerprint its cursors
    carry, and the key to resume after (None on the first page)."""

    sort: SortKey
    size: int
    fingerprint: str
    key: list[CursorValue] | None

    @property
    def where_after(self) -> str:
        """`WHERE <after the cursor>`, or nothing on the first page."""
        return f"WHERE {self.sort.after}" if self.key is not None else ""

    def params(self) -> dict[str, Any]:
        """`$limit` (one row more than the page: is there a next page?) and the key."""
        params: dict[str, Any] = {"limit": self.size + 1}
        if self.key is not None:
            params |= {f"k{i}": value for i, value in enumerate(self.key)}
        return params

    def cursor(self, key: Sequence[Any]) -> str:
        """The cursor that resumes after the row whose sort key is `key`."""
        return encode_cursor([to_native(value) for value in key], self.fingerprint)

    def next_cursor(self, rows: Sequence[Mapping[str, Any]]) -> str | None:
        """The cursor after this page's last row (each row's sort key under `"key"`), or
        None when `rows` (up to `$limit`) hold no more than the page."""
        return self.cursor(rows[self.size - 1]["key"]) if len(rows) > self.size else None


def start_page(sort: SortKey, filters: Sequence[Any], **page: Unpack[PageArgs]) -> Keyset:
    """The page a list query was asked for: the page size checked, the cursor decoded and
    tied to `filters` (the list's name, its filters and its order). Raises
    `QueryInputError` (`InvalidPageSize`, `InvalidCursor`)."""
    size = page_size(page.get("first"), page.get("max_page_size", DEFAULT_MAX_PAGE_SIZE))
    fp = fingerprint(*filters)
    after = page.get("after")
    key = decode_cursor(after, fp, sort.types) if after else None
    return Keyset(sort, size, fp, key)


M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class NodeList:
    """A keyset-paged list of nodes: `match` finds them, bound to `node`; each is projected
    as `item`; `keys` gives, per order, the sort key's Cypher (`k`, then the node's id)
    and its keyset; `name` labels the query (logs, metrics)."""

    name: str
    match: str
    node: str
    item: str
    keys: Mapping[Any, tuple[str, SortKey]]


async def read_page(
    reader: GraphReader,
    nodes: NodeList,
    model: type[M],
    order_by: Any,
    filters: Sequence[Any],
    params: dict[str, Any],
    page_args: PageArgs,
) -> Page[M]:
    """One page of `nodes` in the order `order_by`, each validated as `model`, and the
    total that their `match` finds. One round trip; `params` are the filters' parameters;
    the cursor is tied to `filters` (the list's name, its filters and its order). Raises
    `QueryInputError` (page size, cursor)."""
    key, sort = nodes.keys[order_by]
    page = start_page(sort, filters, **page_args)
    match, node, item = nodes.match, nodes.node, nodes.item
    query = f"""
CALL () {{ {match} RETURN count({node}) AS total }}
CALL () {{
  {match}
  WITH {node}, {key} AS k
  {page.where_after}
  WITH {node}, k {page.sort.order_by} LIMIT $limit
  RETURN collect({{item: {item}, key: [k, {node}.id]}}) AS rows
}}
RETURN total, rows
"""
    result = await reader.read(query, params | page.params(), name=nodes.name)
    rows: list[dict[str, Any]] = result[0]["rows"]
    items = [model.model_validate(row["item"]) for row in rows[: page.size]]
    return Page[model](  # type: ignore[valid-type]
        items=items, total=result[0]["total"], next_cursor=page.next_cursor(rows)
    )
