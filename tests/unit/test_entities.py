"""Entities: canonical names, aliases, demonyms, roles, junk filtering."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kgapi.model import Entity, Extraction

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_d1ce2ab050ee22c2.txt"


def _by_name(extraction: Extraction, name: str) -> Entity:
    return next(e for e in extraction.entities if e.name == name)


def test_title_and_surname_are_one_person_with_role(
    run_extract: Callable[[str], Extraction],
) -> None:
    ex = run_extract(SEED.read_text())
    blinken = _by_name(ex, "Antony Blinken")
    assert "Blinken" in blinken.aliases
    assert blinken.role == "Secretary of State"
    assert sum(e.type == "person" and "Blinken" in e.name for e in ex.entities) == 1


def test_apposition_gives_role_and_affiliation(run_extract: Callable[[str], Extraction]) -> None:
    bremmer = _by_name(run_extract(SEED.read_text()), "Ian Bremmer")
    assert (bremmer.role, bremmer.affiliation) == ("president", "Eurasia Group")


def test_country_aliases_and_demonyms_meet(run_extract: Callable[[str], Extraction]) -> None:
    ex = run_extract(SEED.read_text())
    us = _by_name(ex, "United States")
    assert {"U.S.", "America"} <= set(us.aliases)
    names = {e.name for e in ex.entities}
    assert "Ukrainian" not in names and "American" not in names


def test_ner_junk_is_filtered(run_extract: Callable[[str], Extraction]) -> None:
    names = {e.name for e in run_extract(SEED.read_text()).entities}
    assert not {"State", "Inside Biden's", "n't"} & names


def test_curated_table_canonicalises_single_surnames(
    run_extract: Callable[[str], Extraction],
) -> None:
    ex = run_extract("Putin met officials in Moscow on Monday, and Biden said the talks went well.")
    names = {e.name for e in ex.entities}
    assert {"Vladimir Putin", "Joe Biden", "Moscow"} <= names
