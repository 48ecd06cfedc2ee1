"""The curated tables the extraction rules read: the alias table (`aliases.json`:
canonical names, aliases, demonyms, seats of power) and the lexicon (`lexicon.json`:
first names, gendered words, team, media and portfolio words, organization suffixes,
names that are never people). Loaded once per process."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

from kgapi.vocabulary import EntityKind


@dataclass
class AliasTable:
    """The curated table: lower-cased alias → (type, canonical name); demonym → country."""

    names: dict[str, tuple[EntityKind, str]]
    demonyms: dict[str, str]
    seats: dict[str, str] = field(default_factory=dict)  # "Kremlin" → "Russia"

    def lookup(self, text: str) -> tuple[EntityKind, str] | None:
        return self.names.get(_key(text))

    @cached_property
    def countries(self) -> frozenset[str]:
        """The table's countries: the places it has a demonym for."""
        return frozenset(self.demonyms.values())


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip()).lower().removeprefix("the ")


@lru_cache(maxsize=1)
def alias_table() -> AliasTable:
    """Load `aliases.json` once: canonical names, their aliases and demonyms."""
    raw: dict[str, Any] = json.loads(
        resources.files("kgapi").joinpath("aliases.json").read_text("utf-8")
    )
    names: dict[str, tuple[EntityKind, str]] = {}
    demonyms: dict[str, str] = {}
    sections: list[tuple[str, EntityKind]] = [
        ("locations", EntityKind.LOCATION),
        ("organizations", EntityKind.ORGANIZATION),
        ("people", EntityKind.PERSON),
    ]
    for section, etype in sections:
        for canonical, value in raw.get(section, {}).items():
            aliases = value["aliases"] if isinstance(value, dict) else value
            names[_key(canonical)] = (etype, canonical)
            for alias in aliases:
                names.setdefault(_key(alias), (etype, canonical))
            if isinstance(value, dict):
                for demonym in value.get("demonyms", []):
                    demonyms[demonym.lower()] = canonical
    return AliasTable(names=names, demonyms=demonyms, seats=dict(raw.get("seats", {})))


@dataclass(frozen=True)
class Lexicon:
    """Word lists the rules read as data (`lexicon.json`)."""

    female_names: frozenset[str]
    male_names: frozenset[str]
    female_words: frozenset[str]
    male_words: frozenset[str]
    media_words: frozenset[str]
    team_words: frozenset[str]
    strong_team_words: frozenset[str]
    portfolio_words: frozenset[str]
    org_suffixes: frozenset[str]
    not_people: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load `lexicon.json` once."""
    raw: dict[str, Any] = json.loads(
        resources.files("kgapi.ingest.extract").joinpath("lexicon.json").read_text("utf-8")
    )

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in raw.get(key, []))

    return Lexicon(
        female_names=words("female_first_names"),
        male_names=words("male_first_names"),
        female_words=words("female_words"),
        male_words=words("male_words"),
        media_words=words("media_title_words"),
        team_words=words("team_words"),
        strong_team_words=words("team_words_strong"),
        portfolio_words=words("portfolio_words"),
        org_suffixes=words("org_suffix_words"),
        not_people=words("not_people"),
    )
