"""Cypher projections shared by the query modules: one definition of each result shape.

Each function returns a constant Cypher expression for a node variable name chosen by the
calling module (never user text); the maps match the models in `results`, and
`claim_results` builds the models from their maps.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from kgapi.graph.read_queries.results import (
    AboutRef,
    ArticleRef,
    ClaimResult,
    EntityRef,
    construct_trusted,
)
from kgapi.vocabulary import AboutBasis, ClaimKind, DateBasis, DatePrecision, EntityLabel

#: The date a claim sorts and filters by (in scope: claim `c`): its stored `day` (its own
#: date, else its article's day, else `UNKNOWN_DAY`, see `rows.claim_day`); never null, so
#: keyset comparisons always hold, and stored so the `claim_day` index can serve the order.
CLAIM_DATE = "c.day"

#: `rows.UNKNOWN_DAY` in Cypher: the lowest `day`, so `c.day >= UNKNOWN_DAY` is true of every
#: claim and makes the planner walk the `claim_day` index.
UNKNOWN_DAY = "date('0001-01-01')"

_TYPE = "[l IN labels({v}) WHERE l IN ['Actor', 'Organization', 'Location']][0]"


def entity_type(v: str) -> str:
    """The type of entity node `v`: its one label among the allow-listed entity labels."""
    return _TYPE.format(v=v)


def entity_ref(v: str) -> str:
    """`EntityRef` map of node `v` (null when `v` is null)."""
    return (
        f"CASE WHEN {v} IS NULL THEN null ELSE "
        f"{{id: {v}.id, type: {entity_type(v)}, kind: {v}.kind, name: {v}.name}} END"
    )


def about_ref(v: str, r: str) -> str:
    """`AboutRef` map of entity `v` reached by the `ABOUT` relationship `r` (graphs loaded
    before `basis` was recorded hold text links only)."""
    return (
        f"{{id: {v}.id, type: {entity_type(v)}, kind: {v}.kind, name: {v}.name, "
        f"basis: coalesce({r}.basis, 'text')}}"
    )


def iso_datetime(expr: str) -> str:
    """A DateTime as an ISO-8601 string with its offset (a zone name, if any, dropped).

    Returned instead of the value itself because the driver's pure-Python DateTime
    hydration (time-zone arithmetic per value) cost more than a millisecond on a page of
    20 claims, while parsing the string is one C call (`datetime.fromisoformat`, or
    pydantic's own parser in `model_validate`).
    """
    return f"split(toString({expr}), '[')[0]"


def iso_date(expr: str) -> str:
    """A Date as an ISO-8601 string (`date.fromisoformat`), for the reason above."""
    return f"toString({expr})"


def article_ref(v: str) -> str:
    """`ArticleRef` map of node `v` (null when `v` is null)."""
    return (
        f"CASE WHEN {v} IS NULL THEN null ELSE {v} {{.id, .title, .url, .source, "
        f"published_at: {iso_datetime(v + '.published_at')}}} END"
    )


#: The claim's own report (in scope: claim `c`; binds `lead` and article `a`): the report
#: whose wording it shows. Edges written before reports were kept have no `primary`: a
#: claim had one then.
PRIMARY_REPORT = "MATCH (c)-[lead:REPORTED_IN]->(a) WHERE coalesce(lead.primary, true)"


def claim(c: str, s: str, a: str, r: str | None = None) -> str:
    """`ClaimResult` map of claim `c` whose speaker `s` and article `a` are already bound;
    its subjects come from a COLLECT subquery (ordered by name, so output is stable).

    With `r`, a `REPORTED_IN` edge to `a`: the text, sentence and span are that article's
    report (an article's own claims: the span indexes into its text), not the claim's.
    """
    if r is None:
        wording = f"{c} {{.id, .text, .kind, .verb, .sentence, .start, .end, "
    else:
        wording = f"{c} {{.id, .kind, " + "".join(
            f"{name}: coalesce({r}.{name}, {c}.{name}), "
            for name in ("text", "verb", "sentence", "start", "end")
        )
    return (
        wording + f"stated_on: {iso_date(c + '.stated_on')}, "
        f"date_precision: {c}.date_precision, date_basis: {c}.date_basis, "
        f"report_count: coalesce({c}.report_count, 1), "
        f"first_reported: {iso_datetime(c + '.first_reported')}, "
        f"speaker: {entity_ref(s)}, "
        # Names of its own: the caller's `r`/`x` would bind the subquery's pattern.
        f"about: COLLECT {{ MATCH ({c})-[about_link:ABOUT]->(subject:Entity) "
        f"RETURN {about_ref('subject', 'about_link')} ORDER BY subject.name, subject.id }}, "
        f"article: {article_ref(a)}}}"
    )


def entity_summary(v: str) -> str:
    """`EntitySummary` map of entity `v`, counts included (a few index-backed COUNTs)."""
    return (
        f"{v} {{.id, .kind, .name, .aliases, .role, "
        f"type: {entity_type(v)}, "
        f"mention_count: reduce(t = 0, n IN COLLECT {{ MATCH (:Article)-[m:MENTIONS]->({v}) "
        f"RETURN coalesce(m.count, 1) }} | t + n), "
        f"article_count: COUNT {{ (:Article)-[:MENTIONS]->({v}) }}, "
        f"claim_count: COUNT {{ ({v})-[:STATED]->(:Claim) }}, "
        f"about_count: COUNT {{ (:Claim)-[:ABOUT]->({v}) }}}}"
    )


def article_summary(v: str) -> str:
    """`ArticleSummary` map of article `v`, with its claim and entity counts."""
    return (
        f"{v} {{.id, .title, .url, .source, .author, "
        f"published_at: {iso_datetime(v + '.published_at')}, "
        f"ingested_at: {iso_datetime(v + '.ingested_at')}, "
        f"claim_count: COUNT {{ (:Claim)-[:REPORTED_IN]->({v}) }}, "
        f"entity_count: COUNT {{ ({v})-[:MENTIONS]->(:Entity) }}}}"
    )


def parse_datetime(value: str | None) -> datetime | None:
    """The value of an `iso_datetime` projection."""
    return None if value is None else datetime.fromisoformat(value)


def parse_date(value: str | None) -> date | None:
    """The value of an `iso_date` projection."""
    return None if value is None else date.fromisoformat(value)


_E = TypeVar("_E", DatePrecision, DateBasis)


def _enum(cls: type[_E], value: str | None) -> _E | None:
    """An optional enum value as stored (null for claims written before it existed)."""
    return None if value is None else cls(value)


def claim_results(maps: Iterable[dict[str, Any]]) -> list[ClaimResult]:
    """The `ClaimResult`s of `claim()` maps, built without re-validating them.

    The maps' shape is fixed by `claim()` above, so pydantic's validation (and its
    recursive temporal conversion at every nesting level) would only re-check our own
    projection; on a page of claims it cost about as much as the rest of the Python side.
    Only the dates, projected as ISO strings, are parsed, and the kind and label become
    their enum members (what validation would make of them). The models are immutable, so
    an entity or article that several claims share (a page of one speaker's claims names
    the speaker twenty times) is built once.
    """
    entities: dict[str, EntityRef] = {}
    subjects: dict[tuple[str, str], AboutRef] = {}
    articles: dict[str, ArticleRef] = {}

    def entity_fields(m: dict[str, Any]) -> dict[str, Any]:
        return {"id": m["id"], "type": EntityLabel(m["type"]), "kind": m["kind"], "name": m["name"]}

    def entity_ref(m: dict[str, Any] | None) -> EntityRef | None:
        if m is None:
            return None
        ref = entities.get(m["id"])
        if ref is None:
            ref = entities[m["id"]] = construct_trusted(EntityRef, entity_fields(m))
        return ref

    def about_ref(m: dict[str, Any]) -> AboutRef:
        key = (m["id"], m["basis"])
        ref = subjects.get(key)
        if ref is None:
            ref = subjects[key] = construct_trusted(
                AboutRef, {**entity_fields(m), "basis": AboutBasis(m["basis"])}
            )
        return ref

    def article_ref(a: dict[str, Any] | None) -> ArticleRef | None:
        if a is None:
            return None
        ref = articles.get(a["id"])
        if ref is None:
            ref = articles[a["id"]] = construct_trusted(
                ArticleRef,
                {
                    "id": a["id"],
                    "title": a["title"],
                    "url": a["url"],
                    "source": a["source"],
                    "published_at": parse_datetime(a["published_at"]),
                },
            )
        return ref

    return [
        construct_trusted(
            ClaimResult,
            {
                "id": m["id"],
                "text": m["text"],
                "kind": ClaimKind(m["kind"]),
                "verb": m["verb"],
                "sentence": m["sentence"],
                "start": m["start"],
                "end": m["end"],
                "stated_on": parse_date(m["stated_on"]),
                "date_precision": _enum(DatePrecision, m["date_precision"]),
                "date_basis": _enum(DateBasis, m["date_basis"]),
                "report_count": m["report_count"],
                "first_reported": parse_datetime(m["first_reported"]),
                "speaker": entity_ref(m["speaker"]),
                "about": [about_ref(x) for x in m["about"]],
                "article": article_ref(m["article"]),
                "reports": [],
            },
        )
        for m in maps
    ]
