"""`GET /actors`, `/organizations`, `/locations` (lists) and `GET /<kind>/{id}` (details)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from kgapi.api.deps import ReaderDep, SettingsDep
from kgapi.api.rest.params import MAX_TEXT, PageDep, found, one_route, query_errors
from kgapi.graph.read_queries import entities
from kgapi.graph.read_queries.results import EntityDetail, EntitySummary, Page
from kgapi.vocabulary import ActorKind, EntityLabel, EntityOrder

router = APIRouter(tags=["entities"])

Q = Annotated[
    str | None, Query(max_length=MAX_TEXT, description="Part of the name or of an alias, any case.")
]
DetailLimit = Annotated[
    int | None,
    Query(ge=1, description="How many claims, claims about it and mentions to include."),
]


async def _list(
    reader: ReaderDep,
    page: PageDep,
    label: EntityLabel,
    q: str | None,
    order: EntityOrder,
    kind: ActorKind | None = None,
) -> Page[EntitySummary]:
    with query_errors():
        return await entities.list_entities(
            reader, label=label, q=q, kind=kind, order_by=order, **page
        )


@router.get(
    "/actors", response_model=Page[EntitySummary], summary="People, groups, anonymous sources"
)
async def list_actors(
    reader: ReaderDep,
    page: PageDep,
    q: Q = None,
    kind: ActorKind | None = None,
    order: EntityOrder = EntityOrder.NAME,
) -> Page[EntitySummary]:
    """Actors (who can be quoted), with mention and claim counts."""
    return await _list(reader, page, EntityLabel.ACTOR, q, order, kind)


@router.get("/organizations", response_model=Page[EntitySummary], summary="Organizations")
async def list_organizations(
    reader: ReaderDep, page: PageDep, q: Q = None, order: EntityOrder = EntityOrder.NAME
) -> Page[EntitySummary]:
    """Organizations, with mention counts and how often claims are about them."""
    return await _list(reader, page, EntityLabel.ORGANIZATION, q, order)


@router.get("/locations", response_model=Page[EntitySummary], summary="Places")
async def list_locations(
    reader: ReaderDep, page: PageDep, q: Q = None, order: EntityOrder = EntityOrder.NAME
) -> Page[EntitySummary]:
    """Locations, with mention counts and how often claims are about them."""
    return await _list(reader, page, EntityLabel.LOCATION, q, order)


def _detail_route(label: EntityLabel, description: str) -> None:
    """Add `GET /<label>s/{id}`: one entity of that label, with its claims (and claims
    about it), mentions, affiliations or members."""
    what = label.lower()

    async def get_entity(
        reader: ReaderDep, settings: SettingsDep, entity_id: str, limit: DetailLimit = None
    ) -> EntityDetail:
        with query_errors():
            entity = await entities.get_entity(
                reader, entity_id, label=label, first=limit, max_page_size=settings.max_page_size
            )
        return found(what, entity_id, entity)

    router.get(
        f"/{what}s/{{entity_id:path}}",
        name=f"get_{what}",
        description=description,
        **one_route(EntityDetail, what, missing="entity"),
    )(get_entity)


# After the list routes: `/actors` is not an actor id.
_detail_route(
    EntityLabel.ACTOR,
    "An actor with their latest claims, claims about them, mentions and affiliations.",
)
_detail_route(
    EntityLabel.ORGANIZATION, "An organization with its members, claims about it and mentions."
)
_detail_route(
    EntityLabel.LOCATION, "A location with the claims about it and the articles mentioning it."
)
