"""Page sizes and cursors: the pure part of keyset pagination."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime

import pytest

from kgapi.graph.read_queries.pagination import (
    DEFAULT_PAGE_SIZE,
    InvalidCursor,
    InvalidPageSize,
    decode_cursor,
    encode_cursor,
    fingerprint,
    page_size,
)

TYPES = (date, str, int, str)
KEY = [date(2023, 6, 27), "article:abc", 2870, "claim:abc:2870-2908"]


def _raw(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("first", "maximum", "expected"),
    [(None, 100, DEFAULT_PAGE_SIZE), (None, 5, 5), (1, 100, 1), (100, 100, 100), (7, 10, 7)],
)
def test_page_size_accepts_1_to_maximum_and_defaults(
    first: int | None, maximum: int, expected: int
) -> None:
    assert page_size(first, maximum) == expected


@pytest.mark.parametrize("first", [0, -1, 101, 10**9, True])
def test_page_size_outside_range_is_an_error_naming_first(first: int) -> None:
    with pytest.raises(InvalidPageSize) as err:
        page_size(first, 100)
    assert err.value.param == "first"
    assert "between 1 and 100" in str(err.value) or "integer" in str(err.value)


def test_cursor_round_trips_typed_key() -> None:
    fp = fingerprint("claims", "Blinken", "Ukraine")
    cursor = encode_cursor(KEY, fp)
    assert decode_cursor(cursor, fp, TYPES) == KEY


def test_cursor_is_url_safe_without_padding() -> None:
    cursor = encode_cursor(["?&=/+" * 20, "ü" * 7], fingerprint("x"))
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_cursor_keeps_zoned_datetimes() -> None:
    when = datetime(2023, 6, 28, 10, 0, tzinfo=UTC)
    fp = fingerprint("articles")
    assert decode_cursor(encode_cursor([when, "a"], fp), fp, (datetime, str)) == [when, "a"]


def test_cursor_of_other_filters_is_refused() -> None:
    cursor = encode_cursor(KEY, fingerprint("claims", "Blinken", None))
    with pytest.raises(InvalidCursor, match="other filters"):
        decode_cursor(cursor, fingerprint("claims", "Putin", None), TYPES)


def test_fingerprint_depends_on_every_part_and_order() -> None:
    assert fingerprint("a", None) != fingerprint("a", "")
    assert fingerprint("a", "b") != fingerprint("b", "a")
    assert fingerprint("a", date(2023, 1, 1)) == fingerprint("a", date(2023, 1, 1))


FP = fingerprint("t")


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "!!!",
        "not base64 at all ✓",
        _raw([1, 2]),
        _raw({"k": "x", "f": FP}),
        _raw({"k": ["2023-06-27", "a", 1], "f": FP}),  # too short
        _raw({"k": ["2023-13-01", "a", 1, "c"], "f": FP}),  # no such month
        _raw({"k": ["2023-06-27", "a", "1", "c"], "f": FP}),  # int as string
        _raw({"k": ["2023-06-27", "a", True, "c"], "f": FP}),  # bool is no int
        _raw({"k": ["2023-06-27", 5, 1, "c"], "f": FP}),
        _raw({"k": [None, "a", 1, "c"], "f": FP}),
        _raw({"k": ["2023-06-27", "a", 1, "c"]}),  # no fingerprint
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
def test_malformed_or_tampered_cursor_is_invalid_cursor(cursor: str) -> None:
    with pytest.raises(InvalidCursor) as err:
        decode_cursor(cursor, FP, TYPES)
    assert err.value.param == "after"


def test_naive_datetime_in_cursor_is_refused() -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(_raw({"k": ["2023-06-28T10:00:00", "a"], "f": FP}), FP, (datetime, str))
