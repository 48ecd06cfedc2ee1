"""Aggregates for dashboards: claim counts by speaker, by subject and by date; most
mentioned entities. One round trip each; every list is capped by `limit`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from kgapi.graph.queries.results import ClaimKind, EntityLabel, EntityRef, _Result
from kgapi.graph.reader import GraphReader

DateBucket = Literal["day", "month", "year"]

# `DateCount.date` shadows the type inside the class body; annotate through an alias.
_Date = date


class EntityCount(_Result):
    """An entity and how many claims (or mentions) it has."""

    entity: EntityRef
    count: int


class DateCount(_Result):
    """Claims stated in the period starting on `date`."""

    date: _Date
    count: int


class TopEntity(_Result):
    """An entity ranked by how often the articles mention it."""

    entity: EntityRef
    mention_count: int = Field(description="Mentions summed over all articles.")
    article_count: int = Field(description="Articles that mention it.")


async def claim_counts_by_speaker(
    reader: GraphReader, *, kind: ClaimKind | None = None, limit: int = 20
) -> list[EntityCount]:
    """Speakers with the most claims, most first."""
    rows = await reader.read(
        """
        MATCH (s:Entity)-[:STATED]->(c:Claim)
        WHERE $kind IS NULL OR c.kind = $kind
        WITH s, count(c) AS n ORDER BY n DESC, s.name, s.id LIMIT $limit
        RETURN {id: s.id, name: s.name, kind: s.kind,
          type: [l IN labels(s) WHERE l IN ['Actor', 'Organization', 'Location']][0]} AS entity,
          n AS count
        """,
        {"kind": kind, "limit": limit},
        name="dashboard.by_speaker",
    )
    return [EntityCount.model_validate(row) for row in rows]


async def claim_counts_by_about(
    reader: GraphReader, *, kind: ClaimKind | None = None, limit: int = 20
) -> list[EntityCount]:
    """Entities most talked about (claims about them), most first."""
    rows = await reader.read(
        """
        MATCH (c:Claim)-[:ABOUT]->(e:Entity)
        WHERE $kind IS NULL OR c.kind = $kind
        WITH e, count(c) AS n ORDER BY n DESC, e.name, e.id LIMIT $limit
        RETURN {id: e.id, name: e.name, kind: e.kind,
          type: [l IN labels(e) WHERE l IN ['Actor', 'Organization', 'Location']][0]} AS entity,
          n AS count
        """,
        {"kind": kind, "limit": limit},
        name="dashboard.by_about",
    )
    return [EntityCount.model_validate(row) for row in rows]


async def claim_counts_by_date(
    reader: GraphReader,
    *,
    bucket: DateBucket = "day",
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 366,
) -> list[DateCount]:
    """Claims per day, month or year of statement, oldest first; undated claims are left
    out. `limit` keeps the newest periods."""
    rows = await reader.read(
        """
        MATCH (c:Claim)
        WHERE c.stated_on IS NOT NULL
          AND ($from IS NULL OR c.stated_on >= $from)
          AND ($to IS NULL OR c.stated_on <= $to)
        WITH date.truncate($bucket, c.stated_on) AS day, count(*) AS n
        ORDER BY day DESC LIMIT $limit
        RETURN day AS date, n AS count ORDER BY date
        """,
        {"bucket": bucket, "from": date_from, "to": date_to, "limit": limit},
        name="dashboard.by_date",
    )
    return [DateCount.model_validate(row) for row in rows]


async def top_entities(
    reader: GraphReader, *, label: EntityLabel | None = None, limit: int = 20
) -> list[TopEntity]:
    """The entities the articles mention most (summed MENTIONS counts), most first."""
    rows = await reader.read(
        """
        MATCH (:Article)-[m:MENTIONS]->(e:Entity)
        WHERE $label IS NULL OR $label IN labels(e)
        WITH e, sum(m.count) AS mentions, count(m) AS articles
        ORDER BY mentions DESC, articles DESC, e.name, e.id LIMIT $limit
        RETURN {id: e.id, name: e.name, kind: e.kind,
          type: [l IN labels(e) WHERE l IN ['Actor', 'Organization', 'Location']][0]} AS entity,
          mentions AS mention_count, articles AS article_count
        """,
        {"label": label, "limit": limit},
        name="dashboard.top_entities",
    )
    return [TopEntity.model_validate(row) for row in rows]
