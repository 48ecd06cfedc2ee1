"""Hostile queries: every limit answers with a GraphQL error naming the limit (or the bad
argument), never a 500 or a stack trace."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from kgapi.api.graphql.schema import MAX_ALIASES, MAX_DEPTH, MAX_TOKENS


def errors_of(api: httpx.Client, query: str, **variables: Any) -> list[dict[str, Any]]:
    response = api.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code in (200, 400), response.text
    body: dict[str, Any] = response.json()
    assert body.get("errors"), body
    text = response.text
    assert "Traceback" not in text and "neo4j" not in text.lower(), text
    errors: list[dict[str, Any]] = body["errors"]
    return errors


def deep_query(levels: int) -> str:
    """speaker { claims { edges { node { speaker { ... } } } } } nested `levels` times."""
    inner = "name"
    for _ in range(levels):
        inner = f"speaker {{ claims {{ edges {{ node {{ {inner} }} }} }} }}"
    return f"{{ claims {{ edges {{ node {{ {inner} }} }} }} }}"


def test_deep_nesting_is_refused_naming_the_depth_limit(api: httpx.Client) -> None:
    errors = errors_of(api, deep_query(10))
    assert f"maximum operation depth of {MAX_DEPTH}" in errors[0]["message"]


def test_a_thousand_aliases_are_refused_naming_the_alias_limit(api: httpx.Client) -> None:
    query = "{ " + " ".join(f"a{i}: version" for i in range(1000)) + " }"
    errors = errors_of(api, query)
    assert f"Allowed: {MAX_ALIASES}" in errors[0]["message"]
    assert "aliases" in errors[0]["message"]


def test_a_huge_document_is_refused_naming_the_token_limit(api: httpx.Client) -> None:
    query = "{ " + " ".join("version" for _ in range(MAX_TOKENS + 10)) + " }"
    errors = errors_of(api, query)
    assert f"more than {MAX_TOKENS} tokens" in errors[0]["message"]


@pytest.mark.parametrize(
    ("query", "argument", "says"),
    [
        ("{ claims(first: 100000) { totalCount } }", "first", "between 1 and 100"),
        ("{ claims(first: 0) { totalCount } }", "first", "between 1 and 100"),
        ("{ actors(first: 5000) { totalCount } }", "first", "between 1 and 100"),
        ("{ articles(first: 101) { totalCount } }", "first", "between 1 and 100"),
        (
            '{ node(id: "organization:nato") { ... on Entity { claimsAbout(first: 999) '
            "{ totalCount } } } }",
            "first",
            "between 1 and 100",
        ),
        ('{ claims(after: "garbage") { totalCount } }', "after", "malformed cursor"),
        (
            '{ node(id: "person:antony-blinken") { ... on Actor { claims(after: "eyJrIjpbMV19") '
            "{ totalCount } } } }",
            "after",
            "cursor",
        ),
        ('{ node(id: "not an id") { id } }', "id", "malformed id"),
        ('{ node(id: "person:") { id } }', "id", "malformed id"),
        ("{ claimCounts(by: SPEAKER, limit: 5000) { count } }", "limit", "between 1 and 100"),
        ('{ network(entity: "Blinken", depth: 3) { nodes { id } } }', "depth", "1 or 2"),
    ],
)
def test_bad_arguments_give_errors_naming_the_argument(
    api: httpx.Client, query: str, argument: str, says: str
) -> None:
    errors = errors_of(api, query)
    assert errors[0]["extensions"]["argument"] == argument
    assert errors[0]["message"].startswith(f"{argument}: ")
    assert says in errors[0]["message"]


@pytest.mark.parametrize("bad_date", ["2023-13-45", "yesterday", "2024-02-30"])
def test_bad_dates_are_refused_saying_they_are_not_dates(api: httpx.Client, bad_date: str) -> None:
    errors = errors_of(api, "query($d: Date) { claims(from: $d) { totalCount } }", d=bad_date)
    assert "Date" in errors[0]["message"]


def test_reversed_date_range_is_refused_naming_the_argument(api: httpx.Client) -> None:
    errors = errors_of(api, '{ claims(from: "2024-02-01", to: "2024-01-01") { totalCount } }')
    assert errors[0]["extensions"]["argument"] == "from"


def test_a_cursor_from_other_filters_is_refused(api: httpx.Client) -> None:
    first = api.post(
        "/graphql",
        json={"query": '{ claims(speaker: "Bremmer", first: 1) { pageInfo { endCursor } } }'},
    ).json()
    cursor = first["data"]["claims"]["pageInfo"]["endCursor"]
    assert cursor
    errors = errors_of(
        api, 'query($c: String) { claims(speaker: "Blinken", after: $c) { totalCount } }', c=cursor
    )
    assert "other filters" in errors[0]["message"]


@pytest.mark.parametrize(
    "text",
    ['"((**', "AND OR NOT", "name:(*", "\\", "' OR 1=1 //", "}) MATCH (n) DETACH DELETE n //"],
)
def test_hostile_names_give_empty_results_not_errors(api: httpx.Client, text: str) -> None:
    response = api.post(
        "/graphql",
        json={
            "query": "query($t: String) { claims(speaker: $t, about: $t, text: $t) { totalCount } }",
            "variables": {"t": text},
        },
    )
    assert response.status_code == 200
    assert response.json() == {"data": {"claims": {"totalCount": 0}}}
