"""The one keyset helper: sort keys as Cypher, a page's parameters and cursors, and the
vocabularies' input errors."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from kgapi import model
from kgapi.graph.read_queries.pagination import (
    InvalidCursor,
    QueryInputError,
    SortKey,
    member,
    order,
    start_page,
)
from kgapi.vocabulary import (
    AboutBasis,
    ActorKind,
    ClaimKind,
    ClaimOrder,
    DateBasis,
    DatePrecision,
    EntityKind,
)

CLAIMS = ("d", "a.id", "st", "c.id")


@pytest.mark.parametrize(
    ("sort", "after", "order_by"),
    [
        (
            SortKey(CLAIMS, (date, str, int, str), descending=True),
            "(d < $k0 OR (d = $k0 AND (a.id > $k1 OR (a.id = $k1 AND "
            "(st > $k2 OR (st = $k2 AND c.id > $k3))))))",
            "ORDER BY d DESC, a.id, st, c.id",
        ),
        (
            SortKey(CLAIMS, (date, str, int, str)),
            "(d > $k0 OR (d = $k0 AND (a.id > $k1 OR (a.id = $k1 AND "
            "(st > $k2 OR (st = $k2 AND c.id > $k3))))))",
            "ORDER BY d ASC, a.id, st, c.id",
        ),
        (
            SortKey(("k", "e.id"), (int, str), descending=True),
            "(k < $k0 OR (k = $k0 AND e.id > $k1))",
            "ORDER BY k DESC, e.id",
        ),
    ],
)
def test_sort_key_reads_rows_strictly_after_the_cursor_in_its_order(
    sort: SortKey, after: str, order_by: str
) -> None:
    assert sort.after == after
    assert sort.order_by == order_by


def test_first_page_has_no_keyset_and_asks_one_row_more() -> None:
    page = start_page(SortKey(("k", "e.id"), (str, str)), ("entities",), first=5)
    assert page.key is None
    assert page.where_after == ""
    assert page.params() == {"limit": 6}


def test_next_cursor_resumes_after_the_last_row_of_the_page() -> None:
    sort = SortKey(("k", "e.id"), (str, str))
    first = start_page(sort, ("entities", "x"), first=2)
    rows = [{"key": ["a", "e:1"]}, {"key": ["b", "e:2"]}, {"key": ["c", "e:3"]}]
    cursor = first.next_cursor(rows)
    assert cursor is not None
    assert first.next_cursor(rows[:2]) is None

    second = start_page(sort, ("entities", "x"), first=2, after=cursor)
    assert second.key == ["b", "e:2"]
    assert second.params() == {"limit": 3, "k0": "b", "k1": "e:2"}
    assert second.where_after == "WHERE (k > $k0 OR (k = $k0 AND e.id > $k1))"
    with pytest.raises(InvalidCursor):
        start_page(sort, ("entities", "other filters"), first=2, after=cursor)


def test_unknown_vocabulary_values_are_input_errors_naming_the_choices() -> None:
    with pytest.raises(QueryInputError) as kind:
        member(ClaimKind, "rumour", "kind", "claim kind")
    assert (kind.value.param, kind.value.message) == (
        "kind",
        "unknown claim kind 'rumour'; one of direct, indirect, partial, belief",
    )
    with pytest.raises(QueryInputError) as order_error:
        order(ClaimOrder, "random")
    assert (order_error.value.param, order_error.value.message) == (
        "order_by",
        "order must be one of newest, oldest",
    )
    assert member(ClaimKind, "belief", "kind", "claim kind") is ClaimKind.BELIEF


def test_extraction_contract_speaks_the_same_vocabularies() -> None:
    # The contract's fields are the enums themselves, and the contract spells no other copy.
    fields = {**model.Entity.model_fields, **model.Statement.model_fields}
    assert fields["type"].annotation is fields["speaker_kind"].annotation is EntityKind
    assert fields["kind"].annotation is ClaimKind
    assert fields["about_basis"].annotation == list[AboutBasis]
    assert fields["date_precision"].annotation == DatePrecision | None
    assert fields["date_basis"].annotation == DateBasis | None
    assert not any(
        hasattr(model, name)
        for name in ("EntityType", "StatementKind", "DatePrecision", "DateBasis")
    )
    assert set(ActorKind) == model.ACTOR_TYPES
    assert set(ActorKind) < set(EntityKind)


def _statement(**overrides: object) -> model.Statement:
    fields: dict[str, object] = {
        "id": "claim:1:0-3",
        "speaker": "Ana Costa",
        "speaker_id": "person:ana-costa",
        "speaker_kind": "person",
        "kind": "direct",
        "text": "The bridge reopens on Monday.",
        "span": (0, 3),
        "about_ids": ["location:harbour"],
        "about_basis": ["context"],
        "date": date(2026, 3, 2),
        "date_precision": "week",
        "date_basis": "text",
    }
    return model.Statement.model_validate({**fields, **overrides})


def test_contract_fields_take_and_give_the_vocabulary_strings() -> None:
    statement = _statement()
    dumped = statement.model_dump()
    vocab = {key: dumped[key] for key in ("speaker_kind", "kind", "date_precision", "date_basis")}
    # Plain strings, as the JSON contract spells them (and the extraction hash reads them).
    assert vocab == {
        "speaker_kind": "person",
        "kind": "direct",
        "date_precision": "week",
        "date_basis": "text",
    }
    assert {type(value) for value in [*vocab.values(), *dumped["about_basis"]]} == {str}
    assert statement.kind == ClaimKind.DIRECT and statement.basis_of(0) == AboutBasis.CONTEXT
    assert _statement(about_basis=[]).basis_of(0) == AboutBasis.TEXT


@pytest.mark.parametrize(
    ("field", "value", "allowed"),
    [
        ("kind", "rumour", "'direct', 'indirect', 'partial' or 'belief'"),
        ("speaker_kind", "robot", "'person', 'group', 'anonymous', 'organization' or 'location'"),
        ("date_basis", "guess", "'text' or 'published'"),
    ],
)
def test_contract_refuses_a_word_outside_its_vocabulary(
    field: str, value: str, allowed: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        _statement(**{field: value})
    assert f"Input should be {allowed}" in str(refused.value)
