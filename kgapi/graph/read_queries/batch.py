"""By-ids loaders: one Cypher round trip for a whole batch of ids (`UNWIND $ids`).

GraphQL's DataLoaders call these so that a nested selection costs one query per level,
whatever the number of parents (no N+1). Each function returns results keyed by the
input id; ids that match nothing are absent from the result (or map to an empty list).

Nested lists are paged by offset (`offset`, `first`): each parent gets its own total and
its own slice, all in the same round trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from kgapi.graph.read_queries import fragments
from kgapi.graph.read_queries.resolve import resolve_block, resolve_params
from kgapi.graph.read_queries.results import (
    Affiliation,
    ArticleMention,
    ArticleSummary,
    ClaimResult,
    EntityMention,
    EntitySummary,
    ReportResult,
)
from kgapi.graph.reader import GraphReader
from kgapi.vocabulary import ClaimKind

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

# A claim `c` whose speaker and article are fetched per row (row order is kept): the
# article of report `r` when the list is an article's (its own wording and span), else of
# the claim's primary report.
_CLAIM_ROW = """
  CALL (c, r) {
    OPTIONAL MATCH (s:Actor)-[:STATED]->(c)
    OPTIONAL MATCH (c)-[lead:REPORTED_IN]->(a:Article)
    WHERE CASE WHEN r IS NULL THEN coalesce(lead.primary, true) ELSE lead = r END
    RETURN s, a, lead LIMIT 1
  }
"""

# Newest first, then by id: a stable order for offset paging.
_CLAIM_ORDER = "c.stated_on DESC, c.id"


@dataclass(frozen=True)
class Slice(Generic[T]):
    """One parent's page of a nested list: `total` counts all of them, `items` the page."""

    total: int = 0
    items: list[T] = field(default_factory=list)


@dataclass(frozen=True)
class ClaimFilter:
    """Filters of a nested claim list (hashable: it keys a DataLoader). `about` and
    `speaker` are names as typed or ids, resolved like the claims query's."""

    kind: ClaimKind | None = None
    about: str | None = None
    speaker: str | None = None


_ENTITIES_BY_IDS = (
    "UNWIND $ids AS id MATCH (e:Entity {id: id}) "
    f"RETURN e.id AS key, {fragments.entity_summary('e')} AS value"
)
_ARTICLES_BY_IDS = (
    "UNWIND $ids AS id MATCH (a:Article {id: id}) "
    f"RETURN a.id AS key, {fragments.article_summary('a')} AS value"
)


async def entities_by_ids(reader: GraphReader, ids: Sequence[str]) -> dict[str, EntitySummary]:
    """Entities with their counts, by id."""
    rows = await reader.read(_ENTITIES_BY_IDS, {"ids": list(ids)}, name="batch.entities")
    return {row["key"]: EntitySummary.model_validate(row["value"]) for row in rows}


async def articles_by_ids(reader: GraphReader, ids: Sequence[str]) -> dict[str, ArticleSummary]:
    """Articles (metadata and counts, no text), by id."""
    rows = await reader.read(_ARTICLES_BY_IDS, {"ids": list(ids)}, name="batch.articles")
    return {row["key"]: ArticleSummary.model_validate(row["value"]) for row in rows}


async def article_texts(reader: GraphReader, ids: Sequence[str]) -> dict[str, str]:
    """Articles' full texts, by id (fetched only when asked for: they are large);
    articles without text are absent."""
    rows = await reader.read(
        "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS key, a.text AS text",
        {"ids": list(ids)},
        name="batch.article_texts",
    )
    return {row["key"]: row["text"] for row in rows if row["text"] is not None}


# Parent → claims patterns, each binding `c` for the parent `id`, and their orders.
# (Each binds `r` too: the report to show, null for the claim's own.)
_CLAIMS_OF_SPEAKER = "MATCH (:Entity {id: id})-[:STATED]->(c:Claim) WITH *, null AS r"
_CLAIMS_ABOUT = "MATCH (c:Claim)-[:ABOUT]->(:Entity {id: id}) WITH *, null AS r"
_CLAIMS_OF_ARTICLE = "MATCH (c:Claim)-[r:REPORTED_IN]->(:Article {id: id})"
_TEXT_ORDER = "coalesce(r.start, c.start), c.id"


def _nested_claims_query(
    match: str, order: str, filters: ClaimFilter
) -> tuple[str, dict[str, Any]]:
    """One statement: per parent id, the filtered claims' total and the requested slice.

    Names in the filters are resolved by `resolve` subqueries of the same statement.
    """
    blocks: list[str] = []
    imports = ["id"]
    where: list[str] = []
    params: dict[str, Any] = {}
    if filters.kind is not None:
        where.append("c.kind = $kind")
        params["kind"] = filters.kind
    if filters.about is not None:
        blocks.append(resolve_block("about"))
        params |= resolve_params("about", filters.about)
        imports.append("about_ids")
        where.append("EXISTS { (c)-[:ABOUT]->(x:Entity) WHERE x.id IN about_ids }")
    if filters.speaker is not None:
        blocks.append(resolve_block("speaker", "Actor"))
        params |= resolve_params("speaker", filters.speaker)
        imports.append("speaker_ids")
        where.append("EXISTS { (x:Actor)-[:STATED]->(c) WHERE x.id IN speaker_ids }")
    condition = ("WHERE " + " AND ".join(where)) if where else ""
    query = "\n".join(
        [
            *blocks,
            "UNWIND $ids AS id",
            f"CALL ({', '.join(imports)}) {{",
            match,
            condition,
            f"WITH c, r ORDER BY {order}",
            "WITH collect([c, r]) AS cs",
            "RETURN size(cs) AS total, cs[$offset..$offset + $first] AS page",
            "}",
            "CALL (page) {",
            "UNWIND page AS pair",
            "WITH pair[0] AS c, pair[1] AS r",
            _CLAIM_ROW,
            f"RETURN collect({fragments.claim('c', 's', 'a', 'lead')}) AS claims",
            "}",
            "RETURN id AS key, total, claims",
        ]
    )
    return query, params


async def _nested_claims(
    reader: GraphReader,
    match: str,
    order: str,
    name: str,
    ids: Sequence[str],
    filters: ClaimFilter,
    first: int,
    offset: int,
) -> dict[str, Slice[ClaimResult]]:
    query, params = _nested_claims_query(match, order, filters)
    rows = await reader.read(
        query, {"ids": list(ids), "first": first, "offset": offset, **params}, name=name
    )
    return {
        row["key"]: Slice(row["total"], [ClaimResult.model_validate(c) for c in row["claims"]])
        for row in rows
    }


@dataclass(frozen=True)
class ClaimList:
    """A nested claims list: `match` finds each key's claims (binding c, and r when the
    list is of reports in an article, from the key `id`), sorted by `order`; `name` labels
    its query (logs, metrics)."""

    match: str
    order: str
    name: str


#: The claims each speaker stated, newest first.
STATED = ClaimList(_CLAIMS_OF_SPEAKER, _CLAIM_ORDER, "batch.claims_of_speakers")
#: The claims about each entity, newest first.
ABOUT = ClaimList(_CLAIMS_ABOUT, _CLAIM_ORDER, "batch.claims_about")
#: The claims each article reports, in text order.
IN_ARTICLE = ClaimList(_CLAIMS_OF_ARTICLE, _TEXT_ORDER, "batch.claims_of_articles")


async def nested_claims(
    reader: GraphReader,
    claims: ClaimList,
    ids: Sequence[str],
    filters: ClaimFilter,
    first: int,
    offset: int = 0,
) -> dict[str, Slice[ClaimResult]]:
    """Per key in `ids`: its `claims` list, filtered, one slice each (`first` from
    `offset`)."""
    return await _nested_claims(
        reader, claims.match, claims.order, claims.name, ids, filters, first, offset
    )


async def _slices(
    reader: GraphReader,
    query: str,
    model: type[M],
    name: str,
    ids: Sequence[str],
    first: int,
    offset: int,
) -> dict[str, Slice[M]]:
    """Per key: a slice of its list, `first` from `offset`. `query` returns one row per
    key: `key`, `total` and `items` (the slice, each validated as `model`)."""
    rows = await reader.read(query, {"ids": list(ids), "first": first, "offset": offset}, name=name)
    return {
        row["key"]: Slice(row["total"], [model.model_validate(i) for i in row["items"]])
        for row in rows
    }


async def mentions_of_articles(
    reader: GraphReader, ids: Sequence[str], first: int, offset: int = 0
) -> dict[str, Slice[EntityMention]]:
    """Per article id: the entities it mentions, most mentioned first."""
    return await _slices(
        reader,
        """
        UNWIND $ids AS id
        CALL (id) {
          MATCH (:Article {id: id})-[m:MENTIONS]->(e:Entity)
          WITH m, e ORDER BY m.count DESC, e.name, e.id
          WITH collect({count: m.count, entity: e {.id, .kind, .name,
            type: ENTITY_TYPE}}) AS ms
          RETURN size(ms) AS total, ms[$offset..$offset + $first] AS items
        }
        RETURN id AS key, total, items
        """.replace("ENTITY_TYPE", fragments.entity_type("e")),
        EntityMention,
        "batch.mentions_of_articles",
        ids,
        first,
        offset,
    )


_ARTICLES_MENTIONING = f"""
UNWIND $ids AS id
CALL (id) {{
  MATCH (a:Article)-[m:MENTIONS]->(:Entity {{id: id}})
  WITH m, a ORDER BY a.published_at DESC, a.id
  WITH collect({{count: m.count, article: {fragments.article_ref("a")}}}) AS ms
  RETURN size(ms) AS total, ms[$offset..$offset + $first] AS items
}}
RETURN id AS key, total, items
"""


async def articles_mentioning(
    reader: GraphReader, ids: Sequence[str], first: int, offset: int = 0
) -> dict[str, Slice[ArticleMention]]:
    """Per entity id: the articles that mention it, newest first."""
    return await _slices(
        reader,
        _ARTICLES_MENTIONING,
        ArticleMention,
        "batch.articles_mentioning",
        ids,
        first,
        offset,
    )


async def affiliations_of_actors(
    reader: GraphReader, ids: Sequence[str]
) -> dict[str, list[Affiliation]]:
    """Per actor id: the organizations it is affiliated with, and its role there."""
    rows = await reader.read(
        """
        UNWIND $ids AS id
        MATCH (:Entity {id: id})-[r:AFFILIATED_WITH]->(o:Organization)
        WITH id, r, o ORDER BY o.name
        RETURN id AS key, collect({role: r.role, entity: o {.id, .kind, .name,
          type: 'Organization'}}) AS items
        """,
        {"ids": list(ids)},
        name="batch.affiliations",
    )
    return {row["key"]: [Affiliation.model_validate(i) for i in row["items"]] for row in rows}


async def members_of_organizations(
    reader: GraphReader, ids: Sequence[str]
) -> dict[str, list[Affiliation]]:
    """Per organization id: the actors affiliated with it, and their roles."""
    rows = await reader.read(
        """
        UNWIND $ids AS id
        MATCH (p:Entity)-[r:AFFILIATED_WITH]->(:Organization {id: id})
        WITH id, r, p ORDER BY p.name
        RETURN id AS key, collect({role: r.role, entity: p {.id, .kind, .name,
          type: ENTITY_TYPE}})
          AS items
        """.replace("ENTITY_TYPE", fragments.entity_type("p")),
        {"ids": list(ids)},
        name="batch.members",
    )
    return {row["key"]: [Affiliation.model_validate(i) for i in row["items"]] for row in rows}


_REPORTS_OF_CLAIMS = f"""
UNWIND $ids AS id
CALL (id) {{
  MATCH (c:Claim {{id: id}})-[r:REPORTED_IN]->(a:Article)
  WITH c, r, a ORDER BY a.published_at, a.id, coalesce(r.start, c.start)
  WITH collect({{
    id: coalesce(r.id, c.id), article: {fragments.article_ref("a")},
    text: coalesce(r.text, c.text), kind: coalesce(r.kind, c.kind),
    verb: CASE WHEN coalesce(r.primary, true) THEN c.verb ELSE r.verb END,
    sentence: coalesce(r.sentence, c.sentence), start: coalesce(r.start, c.start),
    end: coalesce(r.end, c.end),
    stated_on: {fragments.iso_date("coalesce(r.stated_on, c.stated_on)")},
    primary: coalesce(r.primary, true)
  }}) AS rs
  RETURN size(rs) AS total, rs[$offset..$offset + $first] AS items
}}
RETURN id AS key, total, items
"""


async def reports_of_claims(
    reader: GraphReader, ids: Sequence[str], first: int, offset: int = 0
) -> dict[str, Slice[ReportResult]]:
    """Per claim id: the articles' reports of it (each article's own wording, sentence and
    span), first published first; undated articles last."""
    return await _slices(
        reader, _REPORTS_OF_CLAIMS, ReportResult, "batch.reports_of_claims", ids, first, offset
    )
