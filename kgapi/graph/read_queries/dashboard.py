"""Aggregates for dashboards: claim counts by speaker, by subject and by date; most
mentioned entities. One round trip each; every list is capped by `limit`.
"""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import Field

from kgapi.graph.read_queries import fragments
from kgapi.graph.read_queries.results import EntityRef, Neo4jDate, _Result
from kgapi.graph.reader import GraphReader
from kgapi.graph.rows import UNKNOWN_DAY
from kgapi.vocabulary import ClaimKind, DateBucket, EntityLabel

#: The day after `UNKNOWN_DAY`: the lowest date a claim can have been stated on.
FIRST_DAY = UNKNOWN_DAY + timedelta(days=1)


class EntityCount(_Result):
    """An entity and how many claims (or mentions) it has."""

    entity: EntityRef
    count: int


class DateCount(_Result):
    """Claims stated in the period starting on `date`."""

    date: Neo4jDate
    count: int


class TopEntity(_Result):
    """An entity ranked by how often the articles mention it."""

    entity: EntityRef
    mention_count: int | None = Field(
        default=None, description="Mentions summed over all articles (when asked for)."
    )
    article_count: int = Field(description="Articles that mention it.")


# Without a kind filter, counts come from the relationship degree of each entity
# (`COUNT { (s)-[:STATED]->() }` reads the degree store, never the claims): a few ms on
# 50,000 claims where expanding every claim takes ~80 ms. A kind filter must look at the
# claims themselves.
_BY_SPEAKER_ALL = """
MATCH (s:Entity)
WITH s, COUNT { (s)-[:STATED]->() } AS n WHERE n > 0
ORDER BY n DESC, s.name, s.id LIMIT $limit
"""
_BY_SPEAKER_KIND = """
MATCH (s:Entity)-[:STATED]->(c:Claim) WHERE c.kind = $kind
WITH s, count(c) AS n ORDER BY n DESC, s.name, s.id LIMIT $limit
"""
_BY_ABOUT_ALL = """
MATCH (s:Entity)
WITH s, COUNT { ()-[:ABOUT]->(s) } AS n WHERE n > 0
ORDER BY n DESC, s.name, s.id LIMIT $limit
"""
_BY_ABOUT_KIND = """
MATCH (c:Claim)-[:ABOUT]->(s:Entity) WHERE c.kind = $kind
WITH s, count(c) AS n ORDER BY n DESC, s.name, s.id LIMIT $limit
"""
_COUNTED = f"RETURN {fragments.entity_ref('s')} AS entity, n AS count"


async def claim_counts_by_speaker(
    reader: GraphReader, *, kind: ClaimKind | None = None, limit: int = 20
) -> list[EntityCount]:
    """Speakers with the most claims, most first."""
    query = (_BY_SPEAKER_ALL if kind is None else _BY_SPEAKER_KIND) + _COUNTED
    rows = await reader.read(query, {"kind": kind, "limit": limit}, name="dashboard.by_speaker")
    return [EntityCount.model_validate(row) for row in rows]


async def claim_counts_by_about(
    reader: GraphReader, *, kind: ClaimKind | None = None, limit: int = 20
) -> list[EntityCount]:
    """Entities most talked about (claims about them), most first."""
    query = (_BY_ABOUT_ALL if kind is None else _BY_ABOUT_KIND) + _COUNTED
    rows = await reader.read(query, {"kind": kind, "limit": limit}, name="dashboard.by_about")
    return [EntityCount.model_validate(row) for row in rows]


async def claim_counts_by_date(
    reader: GraphReader,
    *,
    bucket: DateBucket = DateBucket.DAY,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 366,
) -> list[DateCount]:
    """Claims per day, month or year of statement, oldest first; undated claims are left
    out. `limit` keeps the newest periods."""
    # One `(:Day {date, claims})` node per day with dated claims, kept by the writer
    # (`aggregates`: claims whose `stated_on` is set, by their `day`, which is that date):
    # a day is one node read, however many claims were stated on it. Days: the newest
    # `limit` straight from the `day_date` index in order. Months/years: the days in
    # range, truncated and summed (a few hundred a year, not every claim).
    per_period = (
        "WITH day AS period, n"
        if bucket is DateBucket.DAY
        else "WITH date.truncate($bucket, day) AS period, sum(n) AS n"
    )
    rows = await reader.read(
        """
        MATCH (d:Day)
        WHERE d.date >= $from AND ($to IS NULL OR d.date <= $to)
        WITH d.date AS day, d.claims AS n
        """
        + per_period
        + """
        ORDER BY period DESC LIMIT $limit
        RETURN period AS date, n AS count ORDER BY date
        """,
        {"bucket": bucket, "from": date_from or FIRST_DAY, "to": date_to, "limit": limit},
        name="dashboard.by_date",
    )
    return [DateCount.model_validate(row) for row in rows]


_TOP_CANDIDATES = """
MATCH (e:Entity)
WHERE $label IS NULL OR $label IN labels(e)
WITH e, COUNT { ()-[:MENTIONS]->(e) } AS articles WHERE articles > 0
"""
_TOP_BY_ARTICLES = """
WITH e, articles, null AS mentions
ORDER BY articles DESC, e.name, e.id LIMIT $limit
"""
# Ties on the article count are broken by summed mentions: sum them for every entity
# that ties with the last place, not only for the first `limit`.
_TOP_WITH_MENTIONS = """
WITH e, articles ORDER BY articles DESC
WITH collect({e: e, articles: articles}) AS ranked
WITH ranked, ranked[$limit - 1].articles AS cutoff
UNWIND ranked AS r
WITH r WHERE cutoff IS NULL OR r.articles >= cutoff
WITH r.e AS e, r.articles AS articles
CALL (e) {
  MATCH ()-[m:MENTIONS]->(e)
  RETURN sum(coalesce(m.count, 1)) AS mentions
}
WITH e, articles, mentions
ORDER BY articles DESC, mentions DESC, e.name, e.id LIMIT $limit
"""


async def top_entities(
    reader: GraphReader,
    *,
    label: EntityLabel | None = None,
    limit: int = 20,
    with_mentions: bool = True,
) -> list[TopEntity]:
    """The entities the most articles mention, most first.

    Ranked by articles (the MENTIONS degree, read without touching the relationships).
    `with_mentions` also sums their mention counts and breaks ties with them, which reads
    every MENTIONS relationship of the leaders (tens of ms for entities in thousands of
    articles); without it ties go by name and `mention_count` is None.
    """
    ranking = _TOP_WITH_MENTIONS if with_mentions else _TOP_BY_ARTICLES
    rows = await reader.read(
        _TOP_CANDIDATES
        + ranking
        + f"""
        RETURN {fragments.entity_ref("e")} AS entity,
          mentions AS mention_count, articles AS article_count
        """,
        {"label": label, "limit": limit},
        name="dashboard.top_entities",
    )
    return [TopEntity.model_validate(row) for row in rows]
