"""The GraphQL schema validates each query document once, and still refuses bad ones."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from graphql import parse

import kgapi.api.graphql.schema as schema_module
from kgapi.api.graphql.schema import ValidationResults, build_schema
from kgapi.config import Settings


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The documents `validate_document` is called with."""
    calls: list[Any] = []
    validate = schema_module.validate_document

    def counting(schema: Any, document: Any, rules: Any) -> Any:
        calls.append(document)
        return validate(schema, document, rules)

    monkeypatch.setattr(schema_module, "validate_document", counting)
    return calls


def _errors(schema: Any, query: str) -> list[str]:
    result = asyncio.run(schema.execute(query))
    return [error.message for error in result.errors or ()]


def test_a_query_text_is_validated_once(validations: list[Any]) -> None:
    schema = build_schema(Settings(_env_file=None))  # type: ignore[call-arg]
    for _ in range(3):
        assert _errors(schema, "{ __typename }") == []
    assert len(validations) == 1
    _errors(schema, "{ __typename __typename }")
    assert len(validations) == 2


def test_an_invalid_query_is_refused_every_time(validations: list[Any]) -> None:
    schema = build_schema(Settings(_env_file=None))  # type: ignore[call-arg]
    for _ in range(2):
        assert _errors(schema, "{ noSuchField }") == [
            "Cannot query field 'noSuchField' on type 'Query'."
        ]
    assert len(validations) == 1


def test_the_cache_is_bounded() -> None:
    results = ValidationResults(maxsize=2)
    schema = build_schema(Settings(_env_file=None))._schema  # type: ignore[call-arg]
    documents = [parse("{ __typename }") for _ in range(3)]
    for document in documents:
        results.validate(schema, document, ())
    assert len(results._entries) == 2
