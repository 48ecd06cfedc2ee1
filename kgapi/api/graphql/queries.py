"""Root query fields. Each resolver is a thin call into `kgapi.graph.read_queries`."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Any, TypeVar

import strawberry
from graphql import GraphQLError
from strawberry.types.nodes import SelectedField, Selection

from kgapi import __version__
from kgapi.api.graphql.types import (
    Actor,
    Article,
    Claim,
    Connection,
    Entity,
    GQLInfo,
    Location,
    Node,
    Organization,
    context,
    entity_of,
    keyset_connection,
    user_error,
)
from kgapi.graph.read_queries import (
    articles,
    claim_counts,
    claims,
    dashboard,
    entities,
    network,
    search,
)
from kgapi.graph.read_queries.network import DEFAULT_SAMPLE as NETWORK_SAMPLE
from kgapi.graph.read_queries.network import MAX_SAMPLE as NETWORK_MAX_SAMPLE
from kgapi.graph.read_queries.pagination import PageArgs, QueryInputError
from kgapi.vocabulary import (
    LABEL_OF_KIND,
    AboutBasis,
    ActorKind,
    ArticleOrder,
    ClaimCountBy,
    ClaimKind,
    ClaimOrder,
    DateBucket,
    EntityKind,
    EntityLabel,
    EntityOrder,
)

R = TypeVar("R")

# `ClaimCount.date` shadows the type inside the class body; annotate through an alias.
_Date = date

# An id is `<type>:<rest>`; the type says which kind of node it is (an entity's: its kind).
_ID = re.compile(rf"^(article|claim|{'|'.join(EntityKind)}):\S+$")


async def _user_input(call: Awaitable[R]) -> R:
    """Await a query-layer call, turning its input errors into GraphQL errors."""
    try:
        return await call
    except QueryInputError as exc:
        raise user_error(exc) from None


# --------------------------------------------------------------------------- results
@strawberry.type(description="A bar of a claim-count chart.")
class ClaimCount:
    key: str = strawberry.field(
        description="Entity id, source, or the ISO date starting the period."
    )
    label: str = strawberry.field(description="Entity name, source, or the ISO date.")
    count: int = strawberry.field(description="Distinct statements (claims), not reports.")
    entity: Entity | None = strawberry.field(description="The entity (speaker/about counts).")
    date: _Date | None = strawberry.field(description="The period's first day (date counts).")


@strawberry.type(description="An entity ranked by the number of articles mentioning it.")
class TopEntity:
    entity: Entity
    mention_count: int = strawberry.field(description="Mentions summed over all articles.")
    article_count: int = strawberry.field(description="Articles that mention it.")


@strawberry.type(description="A node of the network, ready for a graph library.")
class NetworkNode:
    id: str
    label: str
    type: str
    kind: str | None
    weight: int


@strawberry.type(
    description="TALKS_ABOUT: speaker → subject, weight = claims; CO_MENTIONED: weight = "
    "articles mentioning both (undirected)."
)
class NetworkEdge:
    source: str
    target: str
    type: str
    weight: int
    articles_counted: int | None = strawberry.field(
        default=None,
        description="CO_MENTIONED: the articles the weight was counted over, the newest (at "
        "most the network's `coMentionSample`) of whichever of its two entities has fewer "
        "articles (all of them when it has at most that many); null for TALKS_ABOUT.",
    )


@strawberry.type(description="`{nodes, edges}` as vis-network, Cytoscape or d3-force take them.")
class Network:
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    co_mention_sample: int = strawberry.field(
        description="Co-mentions are counted over at most this many of an entity's newest "
        "articles: the neighbours over the centre's, each CO_MENTIONED weight over its "
        "entity with fewer articles' (a node's `weight` is all its articles)."
    )
    co_mentions_exact: bool = strawberry.field(
        description="True when no co-mention count here was capped: every article was read "
        "(the centre, and at depth 2 every node, has at most `coMentionSample` articles, "
        "and at most one node has more). Judged from all-time article counts, so with a "
        "period it may be false although the period's articles were all read."
    )


@strawberry.type(description="An entity hit of a search.")
class EntityHit:
    entity: Entity
    score: float


@strawberry.type(description="A claim hit of a search.")
class ClaimHit:
    claim: Claim
    score: float


@strawberry.type(description="Best matches per kind of thing.")
class SearchResults:
    entities: list[EntityHit]
    articles: list[Article]
    claims: list[ClaimHit]


def _selects(info: GQLInfo, name: str) -> bool:
    """Whether the current field's selection asks for `name` (through fragments too)."""
    pending: list[Selection] = [
        selection for field in info.selected_fields for selection in field.selections
    ]
    while pending:
        selection = pending.pop()
        if isinstance(selection, SelectedField):
            if selection.name == name:
                return True
        else:  # a fragment: its selections are the field's own
            pending.extend(selection.selections)
    return False


def _page(info: GQLInfo, first: int | None, after: str | None) -> PageArgs:
    """A root list's `first` and `after`, as the query functions take them."""
    return PageArgs(first=first, after=after, max_page_size=context(info).max_page_size)


async def _root_page(
    info: GQLInfo,
    fetch: Callable[..., Awaitable[R]],
    first: int | None,
    after: str | None,
    **filters: Any,
) -> R:
    """One page of a root list: `fetch` (a query-layer list function) with the filters and
    the page arguments, its input errors as GraphQL errors."""
    return await _user_input(fetch(context(info).reader, **filters, **_page(info, first, after)))


def _limit(info: GQLInfo, limit: int) -> int:
    maximum = context(info).max_page_size
    if limit < 1 or limit > maximum:
        raise GraphQLError(
            f"limit: must be between 1 and {maximum}, got {limit}",
            extensions={"code": "BAD_USER_INPUT", "argument": "limit"},
        )
    return limit


async def _entities(
    info: GQLInfo,
    label: EntityLabel,
    q: str | None,
    kind: ActorKind | None,
    order_by: EntityOrder,
    first: int | None,
    after: str | None,
) -> Connection[Entity]:
    page = await _root_page(
        info, entities.list_entities, first, after, label=label, q=q, kind=kind, order_by=order_by
    )
    return keyset_connection(page.items, page.total, page.next_cursor, after, entity_of)


QArg = Annotated[
    str | None,
    strawberry.argument(description="Case-insensitive part of the name or of any alias."),
]
#: The day bounds of `claims` and `claimCounts` (`network`'s describe ties instead).
FromDay = Annotated[
    date | None, strawberry.argument(name="from", description="From this day (inclusive).")
]
ToDay = Annotated[date | None, strawberry.argument(description="Up to this day (inclusive).")]


def _claim_slice(
    speaker: str | None,
    about: str | None,
    about_basis: AboutBasis | None,
    kind: list[ClaimKind] | None,
    text: str | None,
    days: tuple[date | None, date | None],
    article: str | None,
    source: str | None,
    min_reports: int | None,
) -> claim_counts.ClaimSlice:
    """The filters `claims` and `claimCounts` share, as the query layer takes them. Built
    without validation: the arguments are typed by the schema already."""
    return claim_counts.ClaimSlice.model_construct(
        speaker=speaker,
        about=about,
        about_basis=about_basis,
        kind=kind or None,
        text=text,
        date_from=days[0],
        date_to=days[1],
        article=article,
        source=source,
        min_reports=min_reports,
    )


def _entity_list(label: EntityLabel, connection: Any, description: str) -> Any:
    """A root list of the entities of one label that have no kind (organizations,
    places): one resolver for all of them, typed as `connection` (of their GraphQL type)."""

    async def resolve(
        info: GQLInfo,
        q: QArg = None,
        order_by: EntityOrder = EntityOrder.NAME,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Entity]:
        return await _entities(info, label, q, None, order_by, first, after)

    return strawberry.field(resolver=resolve, description=description, graphql_type=connection)


@strawberry.type
class Query:
    @strawberry.field(description="The kgapi version serving this schema.")
    def version(self) -> str:
        return __version__

    @strawberry.field(description="Any object by its global id (Relay).")
    async def node(self, info: GQLInfo, id: strawberry.ID) -> Node | None:
        match = _ID.match(id)
        if match is None:
            raise GraphQLError(
                f"id: malformed id {id!r}; ids look like 'person:antony-blinken', "
                "'article:<hex>' or 'claim:<hex>:<start>-<end>'",
                extensions={"code": "BAD_USER_INPUT", "argument": "id"},
            )
        loaders = context(info).loaders
        prefix = match.group(1)
        if prefix == "article":
            article = await loaders.article.load(id)
            return Article.of(article) if article else None
        if prefix == "claim":
            claim = await loaders.claim.load(id)
            return Claim.of(claim) if claim else None
        entity = await loaders.entity.load(id)
        label = LABEL_OF_KIND[EntityKind(prefix)]
        return entity_of(entity) if entity and entity.type == label else None

    @strawberry.field(
        description="Claims matching every given filter. `speaker` and `about` take a name as "
        "people type it ('Blinken', 'ukraine', 'U.S.') or an id; an unknown name gives an "
        "empty list. `text` is a full-text search in the claim."
    )
    async def claims(
        self,
        info: GQLInfo,
        speaker: str | None = None,
        about: str | None = None,
        about_basis: Annotated[
            AboutBasis | None,
            strawberry.argument(
                description="With `about`: only claims linked to it this way (TEXT: named "
                "in the statement, the explicit mentions)."
            ),
        ] = None,
        kind: list[ClaimKind] | None = None,
        text: str | None = None,
        from_: FromDay = None,
        to: ToDay = None,
        article: Annotated[
            str | None, strawberry.argument(description="An article id or URL.")
        ] = None,
        source: Annotated[
            str | None,
            strawberry.argument(
                description="An outlet (case-insensitive): statements any of its articles reported."
            ),
        ] = None,
        min_reports: Annotated[
            int | None,
            strawberry.argument(
                description="Only statements carried by at least this many reports."
            ),
        ] = None,
        order_by: ClaimOrder = ClaimOrder.NEWEST,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Claim]:
        filters = _claim_slice(
            speaker, about, about_basis, kind, text, (from_, to), article, source, min_reports
        )
        page = await _root_page(
            info, claims.find_claims, first, after, **dict(filters), order_by=order_by
        )
        return keyset_connection(
            page.items, page.total, page.next_cursor, after, Claim.of, page.cursor
        )

    @strawberry.field(description="People, groups and anonymous sources.")
    async def actors(
        self,
        info: GQLInfo,
        q: QArg = None,
        kind: ActorKind | None = None,
        order_by: EntityOrder = EntityOrder.NAME,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Actor]:
        connection = await _entities(info, EntityLabel.ACTOR, q, kind, order_by, first, after)
        return connection  # type: ignore[return-value]

    organizations = _entity_list(
        EntityLabel.ORGANIZATION, Connection[Organization], "Organizations."
    )
    locations = _entity_list(EntityLabel.LOCATION, Connection[Location], "Places.")

    @strawberry.field(description="Articles; `q` matches part of the title.")
    async def articles(
        self,
        info: GQLInfo,
        q: str | None = None,
        source: str | None = None,
        from_: Annotated[date | None, strawberry.argument(name="from")] = None,
        to: date | None = None,
        order_by: ArticleOrder = ArticleOrder.NEWEST,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Article]:
        page = await _root_page(
            info,
            articles.list_articles,
            first,
            after,
            q=q,
            source=source,
            date_from=from_,
            date_to=to,
            order_by=order_by,
        )
        return keyset_connection(page.items, page.total, page.next_cursor, after, Article.of)

    @strawberry.field(description="Free-text search across entities, article titles and claims.")
    async def search(self, info: GQLInfo, q: str, first: int | None = None) -> SearchResults:
        found = await _user_input(
            search.search(
                context(info).reader, q, first=first, max_page_size=context(info).max_page_size
            )
        )
        return SearchResults(
            entities=[EntityHit(entity=entity_of(h.entity), score=h.score) for h in found.entities],
            articles=[Article.of(h.article) for h in found.articles],
            claims=[ClaimHit(claim=Claim.of(h.claim), score=h.score) for h in found.claims],
        )

    @strawberry.field(
        description="Claim counts (statements, not reports) over the slice the filters pick "
        "(every filter of `claims`), grouped by speaker, by entity talked about, by outlet or "
        "by period of the statement's date (`bucket`; undated claims are left out)."
    )
    async def claim_counts(
        self,
        info: GQLInfo,
        by: ClaimCountBy,
        bucket: Annotated[
            DateBucket, strawberry.argument(description="Period of date counts.")
        ] = DateBucket.DAY,
        speaker: str | None = None,
        about: str | None = None,
        about_basis: AboutBasis | None = None,
        kind: Annotated[
            list[ClaimKind] | None,
            strawberry.argument(description="Any of these kinds (one kind, or a list)."),
        ] = None,
        text: str | None = None,
        from_: FromDay = None,
        to: ToDay = None,
        article: str | None = None,
        source: str | None = None,
        min_reports: int | None = None,
        limit: int = 20,
    ) -> list[ClaimCount]:
        rows = await _user_input(
            claim_counts.claim_counts(
                context(info).reader,
                by=by,
                bucket=bucket,
                limit=_limit(info, limit),
                filters=_claim_slice(
                    speaker,
                    about,
                    about_basis,
                    kind,
                    text,
                    (from_, to),
                    article,
                    source,
                    min_reports,
                ),
            )
        )
        return [
            ClaimCount(
                key=row.key,
                label=row.label,
                count=row.count,
                entity=entity_of(row.entity) if row.entity else None,
                date=row.date,
            )
            for row in rows
        ]

    @strawberry.field(
        description="The entities the most articles mention, most first. Asking for "
        "`mentionCount` costs more on large graphs (it sums every mention)."
    )
    async def top_entities(
        self, info: GQLInfo, type: EntityLabel | None = None, limit: int = 20
    ) -> list[TopEntity]:
        rows = await dashboard.top_entities(
            context(info).reader,
            label=type,
            limit=_limit(info, limit),
            with_mentions=_selects(info, "mentionCount"),
        )
        return [
            TopEntity(
                entity=entity_of(row.entity),
                mention_count=row.mention_count or 0,
                article_count=row.article_count,
            )
            for row in rows
        ]

    @strawberry.field(
        description="Who talks about whom, and who is mentioned with whom, around an entity "
        "(a name or an id). Empty when the name matches nothing."
    )
    async def network(
        self,
        info: GQLInfo,
        entity: str,
        depth: int = 1,
        limit: int = 50,
        from_: Annotated[
            date | None,
            strawberry.argument(
                name="from",
                description="Only ties from this day on (claims stated, articles published).",
            ),
        ] = None,
        to: Annotated[
            date | None, strawberry.argument(description="Only ties up to this day (inclusive).")
        ] = None,
        co_mention_sample: Annotated[
            int,
            strawberry.argument(
                description="Count co-mentions over at most this many of an entity's newest "
                f"articles (1 to {NETWORK_MAX_SAMPLE})."
            ),
        ] = NETWORK_SAMPLE,
    ) -> Network:
        found = await _user_input(
            network.network_around(
                context(info).reader,
                entity,
                depth=depth,
                limit=limit,
                max_limit=context(info).max_page_size,
                date_from=from_,
                date_to=to,
                sample=co_mention_sample,
            )
        )
        return Network(
            nodes=[NetworkNode(**node.model_dump()) for node in found.nodes],
            edges=[NetworkEdge(**edge.model_dump()) for edge in found.edges],
            co_mention_sample=found.co_mention_sample,
            co_mentions_exact=found.co_mentions_exact,
        )
