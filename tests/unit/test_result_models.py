"""The query layer builds its result models from its own Cypher maps without pydantic's
validation (`construct_trusted`, `claim_results`); these tests hold that shortcut to what
validation would have produced."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from kgapi.graph.read_queries import fragments
from kgapi.graph.read_queries.results import ArticleRef, ClaimResult, EntityRef, construct_trusted
from kgapi.vocabulary import DateBasis, DatePrecision, EntityLabel

CLAIM_MAP: dict[str, Any] = {
    "id": "claim:abc:10-40",
    "text": "We will keep supporting Ukraine",
    "kind": "direct",
    "verb": "said",
    "sentence": '"We will keep supporting Ukraine," Blinken said.',
    "start": 10,
    "end": 40,
    "stated_on": "2024-03-01",
    "date_precision": "week",
    "date_basis": "text",
    "report_count": 3,
    "first_reported": "2024-02-29T18:00:00+01:00",
    "speaker": {
        "id": "person:antony-blinken",
        "type": "Actor",
        "kind": "person",
        "name": "Antony Blinken",
    },
    "about": [
        {
            "id": "location:ukraine",
            "type": "Location",
            "kind": None,
            "name": "Ukraine",
            "basis": "text",
        },
        {
            "id": "person:vladimir-putin",
            "type": "Actor",
            "kind": "person",
            "name": "Vladimir Putin",
            "basis": "context",
        },
    ],
    "article": {
        "id": "article:abc",
        "title": "Talks resume",
        "url": "https://example.test/a",
        "source": "Example Wire",
        "published_at": "2024-03-01T09:30:00+01:00",
    },
}


@pytest.mark.parametrize(
    ("model", "values"),
    [
        # A label of the right type: the member validation makes of "Actor".
        (
            EntityRef,
            {"id": "person:x", "type": EntityLabel.ACTOR, "kind": "person", "name": "X"},
        ),
        (
            ArticleRef,
            {
                "id": "article:a",
                "title": None,
                "url": None,
                "source": "Wire",
                "published_at": datetime(2024, 1, 2, tzinfo=UTC),
            },
        ),
    ],
)
def test_construct_trusted_equals_validation(model: Any, values: dict[str, Any]) -> None:
    built = construct_trusted(model, dict(values))
    validated = model.model_validate(values)
    assert built == validated
    assert built.model_dump() == validated.model_dump()
    assert built.model_fields_set == validated.model_fields_set
    assert built.model_dump_json() == validated.model_dump_json()


def test_claim_result_matches_a_validated_model() -> None:
    [built] = fragments.claim_results([CLAIM_MAP])
    validated = ClaimResult.model_validate(CLAIM_MAP)
    assert built == validated
    assert built.model_dump_json() == validated.model_dump_json()
    assert built.stated_on == date(2024, 3, 1)
    assert (built.date_precision, built.date_basis) == (DatePrecision.WEEK, DateBasis.TEXT)
    assert built.report_count == 3 and built.reports == []
    assert built.first_reported == datetime(2024, 2, 29, 18, tzinfo=timezone(timedelta(hours=1)))
    assert built.article is not None
    assert built.article.published_at == datetime(
        2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=1))
    )


def test_claims_that_share_an_entity_share_its_model() -> None:
    other = {**CLAIM_MAP, "id": "claim:other:0-10"}
    first, second = fragments.claim_results([CLAIM_MAP, other])
    assert first.speaker is second.speaker
    assert first.article is second.article
    assert second == ClaimResult.model_validate(other)


def test_trusted_models_stay_frozen() -> None:
    ref = construct_trusted(
        EntityRef, {"id": "person:x", "type": "Actor", "kind": None, "name": "X"}
    )
    with pytest.raises(ValueError):
        ref.name = "Y"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Neo4j's toString() of DateTimes, as `iso_datetime` returns them.
        ("2023-01-01T02:00:00Z", datetime(2023, 1, 1, 2, tzinfo=UTC)),
        (
            "2023-01-01T02:00:01.123456789+01:00",
            datetime(2023, 1, 1, 2, 0, 1, 123456, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("0001-01-01T00:00:00Z", datetime(1, 1, 1, tzinfo=UTC)),
        (None, None),
    ],
)
def test_parse_datetime_reads_neo4j_iso_strings(
    text: str | None, expected: datetime | None
) -> None:
    assert fragments.parse_datetime(text) == expected
