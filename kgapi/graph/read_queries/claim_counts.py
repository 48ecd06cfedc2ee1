"""Claim counts over any slice of the claims list, grouped by speaker, subject, date or
source: "Blinken about Ukraine, per week", "who talks most about Wagner this month".

One function for both APIs (GraphQL `claimCounts`, REST `/claims/counts`). The slice is
the claims list's own (`claims.ClaimSlice`: the same filters, the same index-backed start
points, one row per claim), so counts are statements, never reports. Without filters (or
with only a kind, for speakers and subjects, or only dates, for dates) the dashboard's
degree-count and `claim_day` index paths answer.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from kgapi.graph.read_queries import dashboard, fragments
from kgapi.graph.read_queries.claims import ClaimSlice
from kgapi.graph.read_queries.results import EntityRef, _Result
from kgapi.graph.reader import GraphReader
from kgapi.vocabulary import ClaimCountBy, ClaimKind, DateBucket

# `ClaimCountRow.date` shadows the type inside the class body; annotate through an alias.
_Date = date


class ClaimCountRow(_Result):
    """One bar of a claim-count chart."""

    key: str = Field(description="Entity id, source, or the ISO date starting the period.")
    label: str = Field(description="Entity name, source, or the ISO date.")
    count: int = Field(description="Distinct statements (claims), not reports.")
    entity: EntityRef | None = Field(default=None, description="Speaker/about counts.")
    date: _Date | None = Field(default=None, description="The period's first day (date counts).")


# Groupings of the slice's rows (`s, c, a, d`: one per claim). Date counts leave undated
# claims out, as the dashboard's do; a period is `date.truncate` of the day.
_GROUP = {
    ClaimCountBy.SPEAKER: f"""
WITH s, count(*) AS n ORDER BY n DESC, s.name, s.id LIMIT $limit
RETURN s.id AS key, s.name AS label, n AS count, {fragments.entity_ref("s")} AS entity,
       null AS date
""",
    ClaimCountBy.ABOUT: f"""
MATCH (c)-[:ABOUT]->(t:Entity)
WITH t, count(DISTINCT c) AS n ORDER BY n DESC, t.name, t.id LIMIT $limit
RETURN t.id AS key, t.name AS label, n AS count, {fragments.entity_ref("t")} AS entity,
       null AS date
""",
    ClaimCountBy.SOURCE: """
MATCH (c)-[:REPORTED_IN]->(x:Article) WHERE x.source IS NOT NULL
WITH DISTINCT c, x.source AS source
WITH source, count(*) AS n ORDER BY n DESC, source LIMIT $limit
RETURN source AS key, source AS label, n AS count, null AS entity, null AS date
""",
    ClaimCountBy.DATE: """
WITH c, d WHERE c.stated_on IS NOT NULL
WITH CASE WHEN $bucket = 'day' THEN d ELSE date.truncate($bucket, d) END AS period,
     count(*) AS n
ORDER BY period DESC LIMIT $limit
WITH period, n ORDER BY period
RETURN toString(period) AS key, toString(period) AS label, n AS count, null AS entity,
       period AS date
""",
}

# Sources without other filters: each outlet's articles' distinct claims.
_ALL_SOURCES = """
MATCH (x:Article) WHERE x.source IS NOT NULL
MATCH (c:Claim)-[:REPORTED_IN]->(x)
WITH DISTINCT c, x.source AS source
WITH source, count(*) AS n ORDER BY n DESC, source LIMIT $limit
RETURN source AS key, source AS label, n AS count, null AS entity, null AS date
"""


def _single_kind(kind: ClaimKind | str | list[ClaimKind] | list[str] | None) -> ClaimKind | None:
    if kind is None or isinstance(kind, str):
        return None if kind is None else ClaimKind(kind)
    return ClaimKind(kind[0]) if len(kind) == 1 else None


async def claim_counts(
    reader: GraphReader,
    *,
    by: ClaimCountBy,
    bucket: DateBucket = DateBucket.DAY,
    limit: int = 20,
    filters: ClaimSlice | None = None,
) -> list[ClaimCountRow]:
    """Claims of the slice `filters` (every filter of the claims list) counted per
    speaker, subject or source (most first, at most `limit`) or per period of their date
    (`bucket`; the newest `limit` periods, oldest first; undated claims left out).

    Raises `QueryInputError` on invalid filters.
    """
    slice_ = filters or ClaimSlice()
    by = ClaimCountBy(by)
    bucket = DateBucket(bucket)
    fast = await _fast(reader, by, bucket, limit, slice_)
    if fast is not None:
        return fast
    statement = slice_.statement()
    if statement is None:
        return []  # a text filter with nothing searchable
    query, params = statement
    rows = await reader.read(
        query + _GROUP[by],
        {**params, "bucket": bucket.value, "limit": limit},
        name=f"claim_counts.{by.value}",
    )
    return [ClaimCountRow.model_validate(row) for row in rows]


async def _fast(
    reader: GraphReader, by: ClaimCountBy, bucket: DateBucket, limit: int, slice_: ClaimSlice
) -> list[ClaimCountRow] | None:
    """The dashboard's index-only answers, where the slice allows them; else None."""
    if slice_.narrows() or slice_.about_basis is not None:
        return None
    kind = _single_kind(slice_.kind)  # type: ignore[arg-type]
    if slice_.kind is not None and kind is None:
        return None  # several kinds
    dated = slice_.date_from is not None or slice_.date_to is not None
    if by is ClaimCountBy.DATE and kind is None:
        days = await dashboard.claim_counts_by_date(
            reader, bucket=bucket, date_from=slice_.date_from, date_to=slice_.date_to, limit=limit
        )
        return [
            ClaimCountRow(
                key=d.date.isoformat(), label=d.date.isoformat(), count=d.count, date=d.date
            )
            for d in days
        ]
    if by in (ClaimCountBy.SPEAKER, ClaimCountBy.ABOUT) and not dated:
        count = (
            dashboard.claim_counts_by_speaker
            if by is ClaimCountBy.SPEAKER
            else dashboard.claim_counts_by_about
        )
        return [
            ClaimCountRow(key=r.entity.id, label=r.entity.name, count=r.count, entity=r.entity)
            for r in await count(reader, kind=kind, limit=limit)
        ]
    if by is ClaimCountBy.SOURCE and kind is None and not dated:
        rows = await reader.read(_ALL_SOURCES, {"limit": limit}, name="claim_counts.source")
        return [ClaimCountRow.model_validate(row) for row in rows]
    return None
