"""Entities: canonical names, aliases, demonyms, roles, junk filtering."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kgapi.ingest.clean import clean_text
from kgapi.ingest.extract.entities import build_entities
from kgapi.ingest.extract.nlp import load_nlp
from kgapi.ingest.extract.roles import person_gender
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


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Kingsport United lost 2-1, and manager Carlos Mendes said it was unlucky.", "Kingsport United", "organization"),
        ("Shares in Harlow City fell 8 percent after the club cut its forecast.", "Harlow City", "organization"),
        ("Amara Diallo has studied glaciers for twenty years, she said on Monday.", "Amara Diallo", "person"),
        ("The satellite will launch from a spaceport in French Guiana next month.", "French Guiana", "location"),
        ("A regional spokesman said tankers had been put on standby in Valencia.", "Valencia", "location"),
    ],
)  # fmt: skip
def test_mislabelled_names_get_their_type(
    run_extract: Callable[[str], Extraction], text: str, name: str, etype: str
) -> None:
    entities = {e.name: e.type for e in run_extract(text).entities}
    assert entities.get(name) == etype
    assert "France" not in entities


@pytest.mark.parametrize(
    ("text", "not_entity"),
    [
        ("An official confirmed the talks to West Wing Playbook on Monday.", "West Wing"),
        ("Asked on MSNBC's \"Morning Joe\" about the talks, Blinken said they went well.", "Morning Joe"),
        ("The Transport Secretary, Eleanor Marsh, defended the closures in a speech.", "Transport"),
        ("Farmers' groups were not reassured by the minister, Juan Medina said.", "Farmers"),
    ],
)  # fmt: skip
def test_programme_and_portfolio_titles_are_not_entities(
    run_extract: Callable[[str], Extraction], text: str, not_entity: str
) -> None:
    assert not_entity not in {e.name for e in run_extract(text).entities}


@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        ("Mrs Marsh said the plan was fair.", "Marsh", "f"),
        ("The spokeswoman, Jo Kettering, said the plan was fair.", "Jo Kettering", "f"),
        ("Finance director Tomasz Wojcik said the plan was fair.", "Tomasz Wojcik", "m"),
        ("Chief executive Nadia Ferreira said the plan was fair.", "Nadia Ferreira", "f"),
        ("Analyst Sam Okonkwo said the plan was fair.", "Sam Okonkwo", None),
    ],
)
def test_gender_hint_from_honorific_role_or_first_name(
    text: str, name: str, gender: str | None
) -> None:
    doc = load_nlp()(clean_text(text).text)
    index = build_entities(doc)
    cluster = next(c for c in index.clusters if c.type == "person" and c.name == name)
    assert person_gender(doc, cluster) == gender


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Graham Pike, the Labour MP for Eastwold, said the plan was unfair.", "Labour Party", "organization"),
        ("Several Andean mayors have started building reservoirs, she said.", "Andes", "location"),
        ("Market analyst David Osei of Harbor Securities said the hit would be modest.", "Harbor Securities", "organization"),
        ("Luis Fernandes, who runs the nonprofit SafeHome Watch, said complaints began early.", "SafeHome Watch", "organization"),
    ],
)  # fmt: skip
def test_curated_names_the_ner_misses_or_mislabels_are_found(
    run_extract: Callable[[str], Extraction], text: str, name: str, etype: str
) -> None:
    assert {e.name: e.type for e in run_extract(text).entities}.get(name) == etype


def test_short_form_of_an_organization_joins_it(run_extract: Callable[[str], Extraction]) -> None:
    ex = run_extract(
        "Veltron Semiconductor said it would delay its plant. Analysts said Veltron was "
        "spending too heavily while its margins shrank."
    )
    veltron = [e for e in ex.entities if "Veltron" in e.name]
    assert [(e.name, e.type) for e in veltron] == [("Veltron Semiconductor", "organization")]
