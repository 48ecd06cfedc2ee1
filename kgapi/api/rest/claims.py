"""`GET /claims` (the headline query: who said what about whom) and `GET /claims/{id}`."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from kgapi.api.deps import ReaderDep
from kgapi.api.rest.params import MAX_TEXT, PageDep, not_found, query_errors
from kgapi.graph.read_queries import claims
from kgapi.graph.read_queries.results import ClaimResult, Page
from kgapi.vocabulary import AboutBasis, ClaimKind, ClaimOrder

router = APIRouter(tags=["claims"])

_NAME_HELP = "A name as typed (“Blinken”, “ukraine”, “U.S.”) or an entity id."


@router.get("/claims", response_model=Page[ClaimResult], summary="Claims, filtered and paged")
async def list_claims(
    reader: ReaderDep,
    page: PageDep,
    speaker: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT,
            description=_NAME_HELP,
            openapi_examples={"Blinken": {"value": "Blinken"}},
        ),
    ] = None,
    about: Annotated[
        str | None,
        Query(
            max_length=MAX_TEXT,
            description=_NAME_HELP,
            openapi_examples={"Ukraine": {"value": "Ukraine"}},
        ),
    ] = None,
    about_basis: Annotated[
        AboutBasis | None,
        Query(
            description="With `about`: only claims linked to it this way: `text` (named in the "
            "statement: the explicit mentions) or `context` (by the question, paragraph or "
            "article)."
        ),
    ] = None,
    kind: Annotated[list[ClaimKind] | None, Query(description="Any of these kinds.")] = None,
    text: Annotated[
        str | None,
        Query(max_length=MAX_TEXT, description="Words the claim or its sentence contains."),
    ] = None,
    date_from: Annotated[
        date | None, Query(alias="from", description="On or after (YYYY-MM-DD).")
    ] = None,
    date_to: Annotated[
        date | None, Query(alias="to", description="On or before (YYYY-MM-DD).")
    ] = None,
    article: Annotated[
        str | None, Query(max_length=MAX_TEXT, description="Article id or URL.")
    ] = None,
    order: ClaimOrder = ClaimOrder.NEWEST,
) -> Page[ClaimResult]:
    """Statements matching every given filter, newest first, with their speaker, what they
    are about and the article (and sentence) they come from. Unknown names give an empty list.
    """
    with query_errors():
        return await claims.find_claims(
            reader,
            speaker=speaker,
            about=about,
            about_basis=about_basis,
            kind=kind,
            text=text,
            date_from=date_from,
            date_to=date_to,
            article=article,
            order_by=order,
            **page,
        )


@router.get(
    "/claims/{claim_id:path}",
    response_model=ClaimResult,
    responses={404: {"description": "No such claim."}},
    summary="One claim",
)
async def get_claim(reader: ReaderDep, claim_id: str) -> ClaimResult:
    """One claim with its speaker, subjects and article."""
    claim = await claims.get_claim(reader, claim_id)
    if claim is None:
        raise not_found("claim", claim_id)
    return claim
