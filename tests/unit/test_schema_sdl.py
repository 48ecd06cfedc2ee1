"""The committed SDL (schema/schema.graphql) is what the code builds."""

from __future__ import annotations

from pathlib import Path

from kgapi.api.graphql.sdl import REGENERATE, sdl

COMMITTED = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


def test_exported_sdl_is_up_to_date() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == sdl(), (
        f"schema/schema.graphql is stale: regenerate it with `{REGENERATE}` and commit it"
    )


def test_sdl_has_the_headline_query_fields() -> None:
    text = sdl()
    for needle in (
        "claims(",
        "speaker: String",
        "about: String",
        "totalCount: Int!",
        "interface Node",
    ):
        assert needle in text
