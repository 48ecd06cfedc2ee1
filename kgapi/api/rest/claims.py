"""`GET /claims` (the headline query: who said what about whom), `GET /claims/counts` (the
same slice, counted for charts) and `GET /claims/{id}`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from kgapi.api.deps import ReaderDep, SettingsDep
from kgapi.api.rest.params import (
    MAX_TEXT,
    PageDep,
    day,
    found,
    one_route,
    query_errors,
    unprocessable,
)
from kgapi.graph.read_queries import claim_counts, claims
from kgapi.graph.read_queries.claim_counts import ClaimCountRow, ClaimSlice
from kgapi.graph.read_queries.results import ClaimResult, Page
from kgapi.vocabulary import AboutBasis, ClaimCountBy, ClaimKind, ClaimOrder, DateBucket

router = APIRouter(tags=["claims"])


def _name(example: str) -> Any:
    """A query parameter naming an entity (`speaker`, `about`), with its example."""
    return Query(
        max_length=MAX_TEXT,
        description="A name as typed (“Blinken”, “ukraine”, “U.S.”) or an entity id.",
        openapi_examples={example: {"value": example}},
    )


async def claim_slice(
    speaker: Annotated[str | None, _name("Blinken")] = None,
    about: Annotated[str | None, _name("Ukraine")] = None,
    about_basis: Annotated[
        AboutBasis | None,
        Query(
            description="With `about`: only claims linked to it this way: `text` (named in the "
            "statement: the explicit mentions) or `context` (by the question it answers or "
            "what its pronoun stands for)."
        ),
    ] = None,
    kind: Annotated[list[ClaimKind] | None, Query(description="Any of these kinds.")] = None,
    text: Annotated[
        str | None,
        Query(max_length=MAX_TEXT, description="Words the claim or its sentence contains."),
    ] = None,
    date_from: Annotated[date | None, day("from", "On or after (YYYY-MM-DD).")] = None,
    date_to: Annotated[date | None, day("to", "On or before (YYYY-MM-DD).")] = None,
    article: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Article id or URL.")
    ] = None,
    source: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT,
            description="An outlet (case-insensitive): statements any of its articles reported.",
        ),
    ] = None,
    min_reports: Annotated[
        int | None,
        # Bounded like GraphQL's Int: a larger number cannot be sent to Neo4j (and means none).
        Query(
            ge=1,
            le=2**31 - 1,
            description="Only statements carried by at least this many reports.",
        ),
    ] = None,
) -> ClaimSlice:
    """The filters of `GET /claims`, declared once: `GET /claims/counts` counts the very
    same slice. (`async`, as every dependency: see `kgapi.api.deps`.)"""
    return ClaimSlice(
        speaker=speaker,
        about=about,
        about_basis=about_basis,
        kind=kind,
        text=text,
        date_from=date_from,
        date_to=date_to,
        article=article,
        source=source,
        min_reports=min_reports,
    )


ClaimSliceDep = Annotated[ClaimSlice, Depends(claim_slice)]


@router.get("/claims", response_model=Page[ClaimResult], summary="Claims, filtered and paged")
async def list_claims(
    reader: ReaderDep,
    page: PageDep,
    filters: ClaimSliceDep,
    order: ClaimOrder = ClaimOrder.NEWEST,
) -> Page[ClaimResult]:
    """Statements matching every given filter, newest first, with their speaker, what they
    are about and the article (and sentence) they come from. Unknown names give an empty list.
    A statement carried by several articles is one claim (`total` counts statements):
    `reports` lists each article's own report of it (the first 20; `report_count` counts all).
    """
    with query_errors():
        found = await claims.find_claims(reader, **dict(filters), order_by=order, **page)
        return found.model_copy(update={"items": await claims.with_reports(reader, found.items)})


@router.get(
    "/claims/counts",
    response_model=list[ClaimCountRow],
    summary="Claim counts by speaker, subject, source or period",
)
async def count_claims(
    reader: ReaderDep,
    settings: SettingsDep,
    by: Annotated[ClaimCountBy, Query(description="What to group the claims by.")],
    filters: ClaimSliceDep,
    bucket: Annotated[
        DateBucket, Query(description="With `by=date`: the period (a week starts on Monday).")
    ] = DateBucket.DAY,
    limit: Annotated[int, Query(ge=1, description="Most bars (at most the page maximum).")] = 20,
) -> list[ClaimCountRow]:
    """Statements (not reports) of the slice the filters pick, the same filters as
    `GET /claims`, counted per speaker, subject or outlet (most first) or per day, week,
    month or year of their date (the newest `limit` periods, oldest first; undated
    statements left out). "Blinken about Ukraine, per week":
    `?by=date&bucket=week&speaker=Blinken&about=Ukraine`.
    """
    if limit > settings.max_page_size:
        raise unprocessable("limit", f"must be at most {settings.max_page_size}")
    with query_errors():
        return await claim_counts.claim_counts(
            reader, by=by, bucket=bucket, limit=limit, filters=filters
        )


@router.get("/claims/{claim_id:path}", **one_route(ClaimResult, "claim"))
async def get_claim(reader: ReaderDep, claim_id: str) -> ClaimResult:
    """One claim with its speaker, subjects and article."""
    claim = found("claim", claim_id, await claims.get_claim(reader, claim_id))
    return (await claims.with_reports(reader, [claim]))[0]
