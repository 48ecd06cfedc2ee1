"""Page sizes and opaque keyset cursors shared by every list query.

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
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

DEFAULT_PAGE_SIZE = 20
DEFAULT_MAX_PAGE_SIZE = 100

CursorValue = str | int | float | date | datetime
"""What a sort key is made of. Dates travel as ISO strings and come back typed."""


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
