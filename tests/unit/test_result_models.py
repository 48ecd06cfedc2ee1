"""The query layer builds its result models from its own Cypher maps without pydantic's
validation (`construct_trusted`, `claim_results`); these tests hold that shortcut to what
validation would have produced. And where it validates, Neo4j's temporal values become
Python's, field by field (`Neo4jDate`, `Neo4jDateTime`)."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Annotated, Any, get_args, get_origin

import neo4j.time
import pytest
from pydantic import BeforeValidator

from kgapi.graph import read_queries
from kgapi.graph.read_queries import fragments
from kgapi.graph.read_queries.claim_counts import ClaimCountRow
from kgapi.graph.read_queries.dashboard import DateCount
from kgapi.graph.read_queries.results import (
    ArticleRef,
    ArticleSummary,
    ClaimResult,
    EntityRef,
    SearchResults,
    _native,
    _Result,
    construct_trusted,
)
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


def _result_models() -> list[type[_Result]]:
    """Every result model of the query layer (its modules imported, so all are defined)."""
    for module in pkgutil.iter_modules(read_queries.__path__):
        importlib.import_module(f"{read_queries.__name__}.{module.name}")
    found: list[type[_Result]] = []
    todo = list(_Result.__subclasses__())
    while todo:
        model = todo.pop()
        found.append(model)
        todo += model.__subclasses__()
    return found


def _unconverted(annotation: Any, metadata: tuple[Any, ...] | list[Any] = ()) -> bool:
    """Whether `annotation` holds a date or datetime without the Neo4j conversion."""
    if annotation in (date, datetime):
        return not any(isinstance(m, BeforeValidator) and m.func is _native for m in metadata)
    if get_origin(annotation) is Annotated:
        inner, *extra = get_args(annotation)
        return _unconverted(inner, [*metadata, *extra])
    return any(_unconverted(arg) for arg in get_args(annotation))


def test_every_temporal_field_of_a_result_model_converts_neo4j_values() -> None:
    models = _result_models()
    assert {ClaimResult, DateCount, ClaimCountRow, SearchResults} <= set(models)
    plain = [
        f"{model.__name__}.{name}"
        for model in models
        for name, field in model.model_fields.items()
        if _unconverted(field.annotation, field.metadata)
    ]
    assert plain == [], f"declare these Neo4jDate / Neo4jDateTime: {plain}"


def test_neo4j_temporal_values_become_python_ones_at_every_depth() -> None:
    published = neo4j.time.DateTime(2024, 3, 1, 9, 30, tzinfo=UTC)
    claim = {
        **CLAIM_MAP,
        "stated_on": neo4j.time.Date(2024, 3, 1),
        "first_reported": published,
        "article": {**CLAIM_MAP["article"], "published_at": published},
    }
    results = SearchResults.model_validate(
        {"entities": [], "articles": [], "claims": [{"claim": claim, "score": 1.0}]}
    )
    hit = results.claims[0].claim
    assert type(hit.stated_on) is date and hit.stated_on == date(2024, 3, 1)
    assert type(hit.first_reported) is datetime
    assert hit.first_reported == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    assert hit.article is not None and hit.article.published_at == hit.first_reported
    assert hit == ClaimResult.model_validate({**claim, "stated_on": "2024-03-01"})
    day = DateCount.model_validate({"date": neo4j.time.Date(2024, 1, 1), "count": 2})
    assert type(day.date) is date
    article = ArticleSummary.model_validate({"id": "article:a", "ingested_at": published})
    assert article.ingested_at == datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
