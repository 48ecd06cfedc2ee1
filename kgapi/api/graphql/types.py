"""GraphQL object types: entities, articles, claims, Relay connections.

Types wrap the query layer's results (`kgapi.graph.read_queries.results`). A type made from a
reference (a claim's speaker is an `EntityRef`: id, type, kind, name) answers those fields
at once and fetches anything more (aliases, counts, nested lists) through the request's
DataLoaders, so every level of a nested query costs one round trip at most.

Ids are the graph's own ids, which name their type ("person:antony-blinken",
"article:d1ce2ab050ee22c2", "claim:d1ce2ab050ee22c2:2890-2920"): they are global object
ids as Relay wants them, and the same ids the REST API and Cypher use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar, cast

import strawberry
from graphql import GraphQLAbstractType, GraphQLError, GraphQLResolveInfo
from strawberry.types import Info

from kgapi.api.graphql import enums  # noqa: F401  (registers the vocabularies with Strawberry)
from kgapi.api.graphql.context import GraphQLContext
from kgapi.graph.read_queries import pagination, results
from kgapi.graph.read_queries.batch import ClaimFilter, Slice
from kgapi.graph.read_queries.results import (
    ArticleRef,
    ArticleSummary,
    ClaimResult,
    EntityRef,
    EntitySummary,
    ReportResult,
)
from kgapi.vocabulary import AboutBasis, ActorKind, ClaimKind, DateBasis, DatePrecision

T = TypeVar("T")
S = TypeVar("S")

GQLInfo = Info[GraphQLContext, None]


def context(info: GQLInfo) -> GraphQLContext:
    return info.context


def _actor_kind(value: str | None) -> ActorKind | None:
    """The actor kind stored on an entity; None for none (or one this version does not know)."""
    try:
        return ActorKind(value) if value is not None else None
    except ValueError:
        return None


# --------------------------------------------------------------------------- relay
@strawberry.type(description="Relay page information.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


CursorOf = Callable[[int], "str | None"]
"""The cursor after the item at an index of a page."""


@strawberry.type(description="A node of a connection and the cursor to resume after it.")
class Edge(Generic[T]):
    node: T
    # Encoded only when a client selects it (most queries never do): the page's encoder
    # and this edge's index in the page.
    cursor_of: strawberry.Private[CursorOf]
    index: strawberry.Private[int]

    @strawberry.field(
        description="Resume after this edge with `after:`. Every edge of `claims` has one; "
        "the other keyset-paged root lists give the last edge's only (`pageInfo.endCursor`)."
    )
    def cursor(self) -> str | None:
        return self.cursor_of(self.index)


@strawberry.type(description="A page of a list: `totalCount` counts the whole filtered list.")
class Connection(Generic[T]):
    total_count: int
    page_info: PageInfo
    edges: list[Edge[T]]

    @strawberry.field(description="The page's nodes, without edges.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def keyset_connection(
    items: Sequence[S],
    total: int,
    next_cursor: str | None,
    after: str | None,
    wrap: Callable[[S], T],
    cursor: CursorOf | None = None,
) -> Connection[T]:
    """A connection from a query-layer `Page`: each edge's cursor comes from `cursor`
    when the page can give one per item (claims), else only the last edge has one.
    """
    last = len(items) - 1
    cursor_of: CursorOf = cursor or (lambda index: next_cursor if index == last else None)
    edges = [
        Edge(node=wrap(item), cursor_of=cursor_of, index=index) for index, item in enumerate(items)
    ]
    return Connection(
        total_count=total,
        page_info=PageInfo(
            has_next_page=next_cursor is not None,
            has_previous_page=after is not None,
            start_cursor=cursor_of(0) if edges else None,
            end_cursor=next_cursor,
        ),
        edges=edges,
    )


class NestedPage:
    """Offset paging of nested lists, behind opaque cursors tied to the list's arguments."""

    def __init__(self, info: GQLInfo, first: int | None, after: str | None, *parts: object):
        self.size = page_size(info, first)
        self.fp = pagination.fingerprint("nested", *parts)
        self.offset = 0
        if after is not None:
            self.offset = cast(int, decode_cursor(after, self.fp, (int,))[0])
        self.after = after

    def slice(self, items: Sequence[S]) -> Slice[S]:
        """This page of a list loaded whole (short lists: an actor's affiliations)."""
        return Slice(len(items), list(items[self.offset : self.offset + self.size]))

    def cursor(self, index: int) -> str:
        """The cursor after the item at `index` of this page."""
        return pagination.encode_cursor([self.offset + index + 1], self.fp)

    def connection(self, page: Slice[S], wrap: Callable[[S], T]) -> Connection[T]:
        edges = [
            Edge(node=wrap(item), cursor_of=self.cursor, index=index)
            for index, item in enumerate(page.items)
        ]
        return Connection(
            total_count=page.total,
            page_info=PageInfo(
                has_next_page=self.offset + len(page.items) < page.total,
                has_previous_page=self.offset > 0,
                start_cursor=self.cursor(0) if edges else None,
                end_cursor=self.cursor(len(edges) - 1) if edges else None,
            ),
            edges=edges,
        )


async def _nested(
    info: GQLInfo,
    key: str,
    field: str,
    first: int | None,
    after: str | None,
    wrap: Callable[[Any], T],
) -> Connection[T]:
    """A page of the nested list `field` of the node `key` (each item through `wrap`)."""
    page = NestedPage(info, first, after, field, key)
    found = await context(info).loaders.slices(field, page.size, page.offset).load(key)
    return page.connection(found, wrap)


async def _claims(
    info: GQLInfo, key: str, field: str, first: int | None, after: str | None, **filters: Any
) -> Connection[Claim]:
    """A page of the nested claims list `field` of the node `key`, filtered."""
    claim_filter = ClaimFilter(**filters)
    page = NestedPage(info, first, after, field, key, claim_filter)
    loader = context(info).loaders.claims(field, claim_filter, page.size, page.offset)
    return page.connection(await loader.load(key), Claim.of)


# --------------------------------------------------------------------------- errors
ARGUMENT_NAMES = {
    "date_from": "from",
    "date_to": "to",
    "order_by": "orderBy",
    "min_reports": "minReports",
    "sample": "coMentionSample",
}


def user_error(error: pagination.QueryInputError) -> GraphQLError:
    """A query-layer input error as a GraphQL error naming the argument."""
    argument = ARGUMENT_NAMES.get(error.param, error.param)
    return GraphQLError(
        f"{argument}: {error.message}",
        extensions={"code": "BAD_USER_INPUT", "argument": argument},
    )


def page_size(info: GQLInfo, first: int | None) -> int:
    try:
        return pagination.page_size(first, context(info).max_page_size)
    except pagination.QueryInputError as exc:
        raise user_error(exc) from None


def decode_cursor(after: str, fp: str, types: Sequence[type]) -> list[pagination.CursorValue]:
    try:
        return pagination.decode_cursor(after, fp, types)
    except pagination.QueryInputError as exc:
        raise user_error(exc) from None


# --------------------------------------------------------------------------- node
@strawberry.interface(description="An object with a global id: fetch it with `node(id:)`.")
class Node:
    id: strawberry.ID

    @classmethod
    def resolve_type(
        cls, obj: Any, info: GraphQLResolveInfo[Any], type_: GraphQLAbstractType
    ) -> str:
        """The object's own GraphQL type name. Every Node/Entity value here is an instance of
        its concrete Strawberry type, so this replaces Strawberry's generic resolver (cast
        lookup, generic search, then `is_type_of` on each candidate): about a third of the
        execution time of a page of claims with their speaker and subjects.
        """
        name: str = obj.__strawberry_definition__.name
        return name


# --------------------------------------------------------------------------- entities
EntityData = EntityRef | EntitySummary


@strawberry.interface(description="Anything claims can be about: an actor, organization or place.")
class Entity(Node):
    id: strawberry.ID
    name: str
    data: strawberry.Private[EntityData]

    async def summary(self, info: GQLInfo) -> EntitySummary | None:
        if isinstance(self.data, EntitySummary):
            return self.data
        return await context(info).loaders.entity.load(self.data.id)

    @strawberry.field(description="Every name the articles use for it.")
    async def aliases(self, info: GQLInfo) -> list[str]:
        summary = await self.summary(info)
        return list(summary.aliases) if summary else []

    @strawberry.field(description="Mentions summed over all articles.")
    async def mention_count(self, info: GQLInfo) -> int:
        summary = await self.summary(info)
        return summary.mention_count if summary else 0

    @strawberry.field(description="Articles that mention it.")
    async def article_count(self, info: GQLInfo) -> int:
        summary = await self.summary(info)
        return summary.article_count if summary else 0

    @strawberry.field(description="Claims about this entity, newest first.")
    async def claims_about(
        self,
        info: GQLInfo,
        speaker: Annotated[
            str | None, strawberry.argument(description="Only claims by this speaker.")
        ] = None,
        kind: ClaimKind | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Claim]:
        return await _claims(info, self.id, "claimsAbout", first, after, kind=kind, speaker=speaker)

    @strawberry.field(description="Claims this entity stated, newest first.")
    async def claims(
        self,
        info: GQLInfo,
        about: Annotated[
            str | None,
            strawberry.argument(description="Only claims about this entity (name or id)."),
        ] = None,
        kind: ClaimKind | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Claim]:
        return await _claims(info, self.id, "claims", first, after, kind=kind, about=about)

    @strawberry.field(description="Articles that mention this entity, newest first.")
    async def mentioned_in(
        self, info: GQLInfo, first: int | None = None, after: str | None = None
    ) -> Connection[ArticleMention]:
        return await _nested(info, self.id, "mentionedIn", first, after, ArticleMention.of)


@strawberry.type(description="A person, a group or an anonymous source.")
class Actor(Entity):
    @strawberry.field(description="person, group or anonymous.")
    def kind(self) -> ActorKind | None:
        return _actor_kind(self.data.kind)

    @strawberry.field(description="Their role or title, as the articles give it.")
    async def role(self, info: GQLInfo) -> str | None:
        summary = await self.summary(info)
        return summary.role if summary else None

    @strawberry.field(description="Organizations they belong to, with their role there.")
    async def affiliations(
        self, info: GQLInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Affiliation]:
        page = NestedPage(info, first, after, "affiliations", self.id)
        ties = await context(info).loaders.affiliations.load(self.id)
        return page.connection(
            page.slice(ties),
            lambda tie: Affiliation(
                role=tie.role, organization=cast(Organization, entity_of(tie.entity))
            ),
        )


@strawberry.type(description="A government body, company, party, alliance...")
class Organization(Entity):
    @strawberry.field(description="Actors affiliated with it, with their role.")
    async def members(
        self, info: GQLInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Membership]:
        page = NestedPage(info, first, after, "members", self.id)
        ties = await context(info).loaders.members.load(self.id)
        return page.connection(
            page.slice(ties), lambda tie: Membership(role=tie.role, actor=entity_of(tie.entity))
        )


@strawberry.type(description="A country, city or region.")
class Location(Entity):
    pass


@strawberry.type(description="An actor's tie to an organization.")
class Affiliation:
    organization: Organization
    role: str | None


@strawberry.type(description="An organization's member and their role.")
class Membership:
    actor: Entity
    role: str | None


_ENTITY_TYPES: dict[str, type[Actor] | type[Organization] | type[Location]] = {
    "Actor": Actor,
    "Organization": Organization,
    "Location": Location,
}


def entity_of(data: EntityData) -> Actor | Organization | Location:
    """The GraphQL object for an entity reference or summary."""
    return _ENTITY_TYPES[data.type](id=strawberry.ID(data.id), name=data.name, data=data)


def _actor_of(data: EntityData) -> Actor:
    """A claim's speaker: always an actor (the claims queries match `(s:Actor)`)."""
    return Actor(id=strawberry.ID(data.id), name=data.name, data=data)


# --------------------------------------------------------------------------- articles
@strawberry.type(description="A news article: where every claim comes from.")
class Article(Node):
    id: strawberry.ID
    title: str | None
    url: str | None
    source: str | None
    published_at: datetime | None
    data: strawberry.Private[ArticleRef | ArticleSummary]

    @classmethod
    def of(cls, data: ArticleRef | ArticleSummary) -> Article:
        return cls(
            id=strawberry.ID(data.id),
            title=data.title,
            url=data.url,
            source=data.source,
            published_at=data.published_at,
            data=data,
        )

    async def summary(self, info: GQLInfo) -> ArticleSummary | None:
        if isinstance(self.data, ArticleSummary):
            return self.data
        return await context(info).loaders.article.load(self.data.id)

    @strawberry.field
    async def author(self, info: GQLInfo) -> str | None:
        summary = await self.summary(info)
        return summary.author if summary else None

    @strawberry.field(description="When it was loaded into the graph.")
    async def ingested_at(self, info: GQLInfo) -> datetime | None:
        summary = await self.summary(info)
        return summary.ingested_at if summary else None

    @strawberry.field(description="The full text; claims' start/end index into it.")
    async def text(self, info: GQLInfo) -> str | None:
        return await context(info).loaders.article_text.load(self.data.id)

    @strawberry.field(description="Claims reported in this article, in text order.")
    async def claims(
        self,
        info: GQLInfo,
        speaker: str | None = None,
        about: str | None = None,
        kind: ClaimKind | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Claim]:
        filters = {"kind": kind, "speaker": speaker, "about": about}
        return await _claims(info, self.id, "articleClaims", first, after, **filters)

    @strawberry.field(description="Entities the article mentions, most mentioned first.")
    async def mentions(
        self, info: GQLInfo, first: int | None = None, after: str | None = None
    ) -> Connection[EntityMention]:
        return await _nested(info, self.id, "mentions", first, after, EntityMention.of)


@strawberry.type(description="An entity an article mentions, and how often.")
class EntityMention:
    count: int
    entity: Entity

    @classmethod
    def of(cls, data: results.EntityMention) -> EntityMention:
        return cls(count=data.count, entity=entity_of(data.entity))


@strawberry.type(description="An article mentioning an entity, and how often.")
class ArticleMention:
    count: int
    article: Article

    @classmethod
    def of(cls, data: results.ArticleMention) -> ArticleMention:
        return cls(count=data.count, article=Article.of(data.article))


# --------------------------------------------------------------------------- claims
@strawberry.type(description="What a claim is about, and how that was found.")
class AboutLink:
    entity: Entity
    basis: AboutBasis


def _wording(data: ClaimResult | ReportResult) -> dict[str, Any]:
    """What a claim and each of its reports both carry: one report's wording and span."""
    return {
        "text": data.text,
        "kind": ClaimKind(data.kind),
        "verb": data.verb,
        "sentence": data.sentence,
        "start": data.start,
        "end": data.end,
        "stated_on": data.stated_on,
    }


@strawberry.type(description="One attributed statement, with its exact place in its article.")
class Claim(Node):
    # Plain attributes, filled once in `of`: Strawberry's default resolver reads them
    # without the per-call argument handling of method resolvers (a page of claims has
    # hundreds of fields; this is a measurable share of a request).
    id: strawberry.ID
    text: str = strawberry.field(description="What was said (the quote, or its reported content).")
    kind: ClaimKind
    verb: str | None = strawberry.field(description="The reporting verb: said, told, warned...")
    sentence: str | None = strawberry.field(description="The whole sentence it was found in.")
    start: int | None = strawberry.field(
        description="Character offset of the claim in the article text."
    )
    end: int | None
    stated_on: date | None = strawberry.field(
        description="When it was said: a date cue in its sentence resolved against the article's"
        " date, else the article's publication day; null when neither is known. For a week or"
        " a month (see `datePrecision`), its first day."
    )
    date_precision: DatePrecision | None = strawberry.field(
        description="How precise `statedOn` is: DAY, WEEK or MONTH."
    )
    date_basis: DateBasis | None = strawberry.field(
        description="Where `statedOn` comes from: TEXT (a cue in the sentence) or PUBLISHED"
        " (the article's publication day)."
    )
    # An Actor, not the Entity interface: only actors state claims (the graph model's
    # `(:Actor)-[:STATED]->(:Claim)`), so clients need no fragment for actor fields.
    speaker: Actor | None = strawberry.field(description="Who said it.")
    about: list[Entity] = strawberry.field(description="What or whom it is about.")
    about_links: list[AboutLink] = strawberry.field(
        description="What or whom it is about, each with how that was found (`basis`)."
    )
    article: Article | None = strawberry.field(
        description="The article of its representative report (whose wording `text`, "
        "`sentence` and the span are)."
    )
    report_count: int = strawberry.field(
        description="How many reports (articles' renderings) carry this statement."
    )
    first_reported: datetime | None = strawberry.field(
        description="The earliest publication time of its reports' articles."
    )

    @strawberry.field(
        description="Every article's report of this statement, first published first: each "
        "with that article's own wording, sentence and span."
    )
    async def reports(
        self, info: GQLInfo, first: int | None = None, after: str | None = None
    ) -> Connection[Report]:
        return await _nested(info, self.id, "reports", first, after, Report.of)

    @classmethod
    def of(cls, data: ClaimResult) -> Claim:
        return cls(
            id=strawberry.ID(data.id),
            **_wording(data),
            date_precision=data.date_precision,
            date_basis=data.date_basis,
            speaker=_actor_of(data.speaker) if data.speaker else None,
            about=[entity_of(ref) for ref in data.about],
            about_links=[AboutLink(entity=entity_of(ref), basis=ref.basis) for ref in data.about],
            article=Article.of(data.article) if data.article else None,
            report_count=data.report_count,
            first_reported=data.first_reported,
        )


@strawberry.type(description="One article's report of a claim: its own wording and span.")
class Report:
    id: strawberry.ID = strawberry.field(description="The article and span: `claim:<hex>:<s>-<e>`.")
    article: Article
    text: str = strawberry.field(description="The statement as this article gives it.")
    kind: ClaimKind
    verb: str | None
    sentence: str | None
    start: int | None = strawberry.field(description="Character offset in this article's text.")
    end: int | None
    stated_on: date | None
    primary: bool = strawberry.field(description="The report whose wording the claim shows.")

    @classmethod
    def of(cls, data: ReportResult) -> Report:
        return cls(
            id=strawberry.ID(data.id),
            article=Article.of(data.article),
            **_wording(data),
            primary=data.primary,
        )
