"""`GET /network`: who talks about whom and who is mentioned with whom around an entity,
the REST twin of GraphQL's `network` (the same query function, `network_around`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from kgapi.api.deps import ReaderDep, SettingsDep
from kgapi.api.rest.params import MAX_TEXT, day, query_errors
from kgapi.graph.read_queries import network
from kgapi.graph.read_queries.network import DEFAULT_SAMPLE, MAX_SAMPLE, Network

router = APIRouter(tags=["network"])


@router.get(
    "/network",
    response_model=Network,
    summary="The network around an entity",
    description="Nodes and weighted edges (`TALKS_ABOUT`: speaker → subject, weight = claims; "
    "`CO_MENTIONED`: undirected, weight = articles mentioning both) around an entity, in the "
    "`{nodes, edges}` shape vis-network, Cytoscape, sigma.js or d3-force take. Co-mentions "
    "are counted over at most `co_mention_sample` of an entity's newest articles; "
    "`co_mentions_exact` says whether any count was capped, each CO_MENTIONED edge's "
    "`articles_counted` over how many articles it was counted. Empty when `entity` names "
    "nothing. The same answer as GraphQL's `network`.",
)
async def get_network(
    reader: ReaderDep,
    settings: SettingsDep,
    entity: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_TEXT,
            description="A name as typed (“Ukraine”, “Blinken”) or an entity id.",
            openapi_examples={"Ukraine": {"value": "Ukraine"}},
        ),
    ],
    depth: Annotated[
        int, Query(ge=1, le=2, description="1: the entity's ties; 2: their ties as well.")
    ] = 1,
    limit: Annotated[
        int,
        Query(ge=1, description="At most this many nodes (at most the server's page maximum)."),
    ] = 50,
    date_from: Annotated[
        date | None, day("from", "Only ties from this day on (claims stated, articles published).")
    ] = None,
    date_to: Annotated[date | None, day("to", "Only ties up to this day (inclusive).")] = None,
    co_mention_sample: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_SAMPLE,
            description="Count co-mentions over at most this many of an entity's newest articles.",
        ),
    ] = DEFAULT_SAMPLE,
) -> Network:
    """The network around `entity`."""
    with query_errors():
        return await network.network_around(
            reader,
            entity,
            depth=depth,
            limit=limit,
            max_limit=settings.max_page_size,
            date_from=date_from,
            date_to=date_to,
            sample=co_mention_sample,
        )
