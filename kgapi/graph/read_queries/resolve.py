"""Where a speaker/about name, as people type it, becomes entity ids.

"Blinken", "blinken", "Antony Blinken", "ukraine", "Ukrainian", "U.S.", "Russia's" or an
entity id all resolve, in one Cypher subquery that the claims query embeds (so a
filtered claims page is still one round trip). Tiers, first non-empty wins:

1. the entity id itself;
2. a canonical name, as spelled: the typed text (without a possessive) or a canonical
   name the curated alias table of the extraction maps it to ("Blinken" → "Antony
   Blinken", "Ukrainian" → "Ukraine", "U.S." → "United States") equals an entity's name;
3. exact, case-insensitive: the name or any alias equals one of the typed name's
   lower-cased forms;
4. surname: a person whose name or alias ends with the typed word ("Blinken");
5. full-text (`entity_names`), the best-scoring few.

Tier 2 is a seek on the `entity_name` range index; it answers the common case (a name
the curated table knows, or typed as the graph spells it) without Lucene, whose query
costs about half a millisecond per name. Candidates for tiers 3-5 come from the
full-text index queried with the forms as escaped, quoted phrases (the index's analyzer
treats both sides alike, so every exact match is a candidate), which keeps resolution an
index lookup rather than a scan of all entities. Unknown names resolve to no ids, which
means empty results, never an error.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

from kgapi.graph.read_queries import lucene
from kgapi.graph.reader import GraphReader
from kgapi.vocabulary import EntityLabel

ResolveVar = Literal["speaker", "about", "entity"]

#: A full-text fallback keeps candidates scoring at least this share of the best one...
FALLBACK_SCORE_RATIO = 0.75
#: ...and at most this many: a vague name must not widen a filter to half the graph.
FALLBACK_LIMIT = 5

_POSSESSIVES = ("'s", "’s", "'", "’")

# The template's $P_/P_ placeholders become the variable's name ("speaker_ids",
# "$speaker_forms"); LABEL comes from the allow-list below. Neither is ever user text.
_TEMPLATE = """
CALL () {
  OPTIONAL MATCH (byid:LABEL {id: $P_raw})
  WITH collect(byid.id) AS byid
  CALL (byid) {
    WITH byid WHERE size(byid) = 0
    MATCH (named:Entity) WHERE named.name IN $P_names AND named:LABEL
    RETURN collect(named.id) AS byname
  }
  CALL (byid, byname) {
    WITH byid, byname WHERE size(byid) = 0 AND size(byname) = 0 AND $P_lucene IS NOT NULL
    CALL db.index.fulltext.queryNodes('entity_names', $P_lucene) YIELD node, score
    WHERE node:LABEL
    WITH node, score, [f IN [node.name] + coalesce(node.aliases, []) | toLower(f)] AS forms
    RETURN collect({
      id: node.id, score: score,
      exact: any(f IN forms WHERE f IN $P_forms),
      surname: node.kind = 'person' AND any(f IN forms WHERE last(split(f, ' ')) IN $P_forms)
    }) AS cands
  }
  WITH byid, byname, cands,
       reduce(best = 0.0, c IN cands | CASE WHEN c.score > best THEN c.score ELSE best END) AS best
  RETURN CASE
    WHEN size(byid) > 0 THEN byid
    WHEN size(byname) > 0 THEN byname
    WHEN any(c IN cands WHERE c.exact) THEN [c IN cands WHERE c.exact | c.id]
    WHEN any(c IN cands WHERE c.surname) THEN [c IN cands WHERE c.surname | c.id]
    ELSE [c IN cands WHERE c.score >= $resolve_ratio * best | c.id][..$resolve_limit]
  END AS P_ids
}
"""

# Labels from the allow-list only (a label cannot be a parameter).
_LABELS: dict[EntityLabel | None, str] = {None: "Entity", **{label: label for label in EntityLabel}}


@cache
def resolve_block(var: ResolveVar, label: EntityLabel | None = None) -> str:
    """The Cypher subquery binding `<var>_ids` (a list of entity ids) for `resolve_params`."""
    if var not in ("speaker", "about", "entity"):
        raise ValueError(f"unknown resolve variable {var!r}")
    return _TEMPLATE.replace("LABEL", _LABELS[label]).replace("P_", f"{var}_")


@cache
def _curated() -> dict[str, tuple[str, ...]]:
    """Lower-cased surface form → canonical names, from the curated alias table.

    The same table canonicalises names at extraction, so "U.S." typed in a query meets
    the "United States" the loader wrote.
    """
    raw = resources.files("kgapi").joinpath("aliases.json").read_text("utf-8")
    data = json.loads(raw)
    table: dict[str, list[str]] = {}
    for section in ("locations", "people", "organizations"):
        for canonical, entry in (data.get(section) or {}).items():
            forms = (
                entry
                if isinstance(entry, list)
                else [
                    *entry.get("aliases", []),
                    *entry.get("demonyms", []),
                ]
            )
            for form in [canonical, *forms]:
                names = table.setdefault(form.lower(), [])
                if canonical not in names:
                    names.append(canonical)
    return {form: tuple(names) for form, names in table.items()}


def _with_possessive_dropped(base: str) -> list[str]:
    """`base`, and `base` without a trailing possessive ("Russia's" → "Russia")."""
    for suffix in _POSSESSIVES:
        if base.endswith(suffix) and len(base) > len(suffix):
            return [base, base[: -len(suffix)]]
    return [base]


def name_spellings(text: str) -> list[str]:
    """The canonical names a typed name may be, as spelled: itself (whitespace tidied),
    without a possessive, and the canonical names of the curated alias table
    ("U.S." → "United States"), for the index seek of tier 2."""
    base = " ".join(text.split())
    if not base:
        return []
    spellings = _with_possessive_dropped(base)
    curated = _curated()
    for spelling in list(spellings):
        spellings.extend(curated.get(spelling.lower(), ()))
    return list(dict.fromkeys(spellings))


def name_forms(text: str) -> list[str]:
    """The lower-cased forms a typed name is matched as: itself, without a possessive,
    and the canonical names of the curated alias table ("ukrainian" → "ukraine").
    """
    base = " ".join(text.split()).lower()
    if not base:
        return []
    forms = _with_possessive_dropped(base)
    curated = _curated()
    for form in list(forms):
        forms.extend(name.lower() for name in curated.get(form, ()))
    return list(dict.fromkeys(forms))


@lru_cache(maxsize=1024)
def _name_values(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...], str | None]:
    """(raw, spellings, forms, Lucene query) of a typed name: pure, and the same few names
    come back on every dashboard refresh, so computed once per name."""
    forms = name_forms(text)
    return text.strip(), tuple(name_spellings(text)), tuple(forms), lucene.any_phrase(forms)


def resolve_params(var: ResolveVar, text: str) -> dict[str, Any]:
    """Parameters of `resolve_block(var)` for the typed name `text`."""
    raw, names, forms, lucene_query = _name_values(text)
    return {
        f"{var}_raw": raw,
        f"{var}_names": list(names),
        f"{var}_forms": list(forms),
        f"{var}_lucene": lucene_query,
        "resolve_ratio": FALLBACK_SCORE_RATIO,
        "resolve_limit": FALLBACK_LIMIT,
    }


async def resolve(reader: GraphReader, name: str, *, label: EntityLabel | None = None) -> list[str]:
    """Entity ids that `name` (as typed, or an id) refers to; [] when nothing matches.

    `label` restricts to one kind of entity (speakers are `"Actor"`).
    """
    query = resolve_block("entity", label) + "RETURN entity_ids"
    rows = await reader.read(query, resolve_params("entity", name), name="resolve")
    ids: list[str] = rows[0]["entity_ids"] if rows else []
    return ids
