"""Claim counts over any slice of the claims list, grouped by speaker, subject, date or
source: "Blinken about Ukraine, per week", "who talks most about Wagner this month".

One function for both APIs (GraphQL `claimCounts`, REST `/claims/counts`). The slice is
the claims list's own (`claims.ClaimSlice`: the same filters, the same index-backed start
points, one row per claim), so counts are statements, never reports. Without filters (or
with only a kind, for speakers and subjects, or only dates, for dates) the dashboard's
degree-count and `claim_day` index paths answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from kgapi.graph.read_queries import claims, dashboard, fragments
from kgapi.graph.read_queries.lucene import all_words
from kgapi.graph.read_queries.pagination import QueryInputError, member
from kgapi.graph.read_queries.resolve import resolve_block, resolve_params
from kgapi.graph.read_queries.results import EntityRef, Neo4jDate, _Result
from kgapi.graph.reader import GraphReader
from kgapi.vocabulary import AboutBasis, ClaimCountBy, ClaimKind, DateBucket


class ClaimSlice(BaseModel):
    """The filters of the claims list, for queries that aggregate over the same slice
    (`claim_counts`): one claim per row, whatever the number of its reports."""

    speaker: str | None = None
    about: str | None = None
    about_basis: AboutBasis | str | None = None
    kind: str | Sequence[str] | None = None
    text: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    article: str | None = None
    source: str | None = None
    min_reports: int | None = None

    def narrows(self) -> bool:
        """Whether anything but the kind and the dates filters (the index-only paths)."""
        return any(
            value is not None
            for value in (self.speaker, self.about, self.text, self.article, self.source)
        ) or (self.min_reports is not None)

    def statement(self) -> tuple[str, dict[str, Any]] | None:
        """Cypher binding `s, c, a, d` (speaker, claim, its article, its day) once per claim
        of the slice, and its parameters; None when nothing can match (a text filter with
        nothing searchable). Raises `QueryInputError` as `find_claims` does."""
        kinds = claims.claim_kinds(self.kind)
        basis = (
            None
            if self.about_basis is None
            else member(AboutBasis, self.about_basis, "about_basis", "basis")
        )
        if basis is not None and self.about is None:
            raise QueryInputError("about_basis", "about_basis needs an about filter (whose links?)")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryInputError("date_from", "the start date is after the end date")
        if self.min_reports is not None and self.min_reports < 1:
            raise QueryInputError("min_reports", "must be at least 1")
        src = claims.source_key(self.source)
        params: dict[str, Any] = {
            "kinds": kinds,
            "about_basis": basis,
            "article": self.article,
            "source": src,
            "min_reports": self.min_reports,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }
        blocks: list[str] = []
        if self.speaker is not None:
            params |= resolve_params("speaker", self.speaker)
            blocks.append(resolve_block("speaker", "Actor"))
        if self.about is not None:
            params |= resolve_params("about", self.about)
            blocks.append(resolve_block("about"))
            if self.speaker is not None:
                blocks.append(claims.ABOUT_NODES)
        if self.text is not None:
            params["text_lucene"] = all_words(self.text)
            if params["text_lucene"] is None:
                return None
            blocks.append(claims.TEXT_BLOCK)
        filtered = claims.filtered_match(
            speaker=self.speaker is not None,
            about=self.about is not None,
            basis=basis is not None,
            text=self.text is not None,
            kinds=kinds is not None,
            article=self.article is not None,
            dates=self.date_from is not None or self.date_to is not None,
            source=src is not None,
            min_reports=self.min_reports is not None,
        )
        return "\n".join([*blocks, filtered]), params


class ClaimCountRow(_Result):
    """One bar of a claim-count chart."""

    key: str = Field(description="Entity id, source, or the ISO date starting the period.")
    label: str = Field(description="Entity name, source, or the ISO date.")
    count: int = Field(description="Distinct statements (claims), not reports.")
    entity: EntityRef | None = Field(default=None, description="Speaker/about counts.")
    date: Neo4jDate | None = Field(
        default=None, description="The period's first day (date counts)."
    )


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
