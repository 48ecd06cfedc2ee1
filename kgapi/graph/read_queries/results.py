"""Result models of the query layer: REST's `response_model`s and what GraphQL maps from.

Query functions return these, already converted from Neo4j values (neo4j.time types
become `datetime.date`/`datetime.datetime`), so neither API touches driver types.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

import neo4j.time
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from kgapi.vocabulary import AboutBasis, ClaimKind, DateBasis, DatePrecision, EntityLabel

T = TypeVar("T")


def to_native(value: Any) -> Any:
    """Neo4j temporal values → Python ones, recursively through lists and dicts."""
    if isinstance(value, dict):
        return {k: to_native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_native(v) for v in value]
    return _native(value)


M = TypeVar("M", bound=BaseModel)


def detail_of(rows: list[dict[str, Any]], node: str, cls: type[M]) -> M | None:
    """The one row of a detail query as `cls`, or None without a row: the map in column
    `node` (the summary of the node itself) merged with the row's other columns (its
    lists: claims, mentions...)."""
    if not rows:
        return None
    columns = dict(rows[0])
    return cls.model_validate({**columns.pop(node), **columns})


def construct_trusted(cls: type[M], values: dict[str, Any]) -> M:
    """`cls.model_construct(**values)` for a dict holding exactly the model's fields,
    already of the right types (our own Cypher projections).

    `model_construct` walks every field for aliases and defaults on each call; on a page
    of claims (a hundred models) that was the largest Python cost of the query layer.
    This sets what it would set and nothing else (a unit test holds it to
    `model_validate`'s result). `values` becomes the instance's `__dict__`.
    """
    model = cls.__new__(cls)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", set(values))
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


def _native(value: Any) -> Any:
    """A Neo4j temporal value as Python's; any other value as it is."""
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.to_native()
    return value


# The temporal fields of the result models: a `neo4j.time` value from a query becomes
# Python's before pydantic checks it. Per field, not per model: a model-wide validator
# that converted its whole input walked every nested map and list once per level of
# nesting (a search's results four times over), the largest Python cost of a search
# (docs/benchmarks.md, "The API's own CPU"). `tests/unit/test_result_models.py` holds
# every date and datetime field of a result model to these.
Neo4jDate = Annotated[date, BeforeValidator(_native)]
Neo4jDateTime = Annotated[datetime, BeforeValidator(_native)]


class _Result(BaseModel):
    """A result model: frozen; its date and datetime fields are `Neo4jDate` and
    `Neo4jDateTime`."""

    model_config = ConfigDict(frozen=True)


class EntityRef(_Result):
    """An entity as referred to from elsewhere (a claim's speaker, what it is about)."""

    id: str = Field(examples=["person:antony-blinken"])
    type: EntityLabel = Field(description="Actor, Organization or Location.")
    kind: str | None = Field(default=None, description="For actors: person, group, anonymous.")
    name: str = Field(examples=["Antony Blinken"])


class AboutRef(EntityRef):
    """What a claim is about, and how that was found."""

    basis: AboutBasis = Field(
        default=AboutBasis.TEXT,
        description=(
            "`text`: named in the statement; `context`: the statement names none, and the"
            " question it answers is about it, or its pronoun stands for it."
        ),
    )


class ArticleRef(_Result):
    """An article as referred to from a claim or a mention."""

    id: str = Field(examples=["article:d1ce2ab050ee22c2"])
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_at: Neo4jDateTime | None = None


class ReportResult(_Result):
    """One article's report of a claim: its own wording, sentence and span in that article."""

    id: str = Field(description="The report's id: its article and span.")
    article: ArticleRef
    text: str
    kind: ClaimKind
    verb: str | None = None
    sentence: str | None = None
    start: int | None = Field(default=None, description="Character offset in this article.")
    end: int | None = None
    stated_on: Neo4jDate | None = None
    primary: bool = Field(default=True, description="The report whose wording the claim shows.")


class ClaimResult(_Result):
    """One attributed statement with its provenance: who, about whom, where it was said.

    One statement carried by several articles is one claim: `article`, `start`, `end`,
    `sentence` and `text` are its representative report's, `reports` every article's own.
    """

    id: str = Field(examples=["claim:d1ce2ab050ee22c2:2890-2920"])
    text: str = Field(examples=["I think there's some opportunity there"])
    kind: ClaimKind
    verb: str | None = Field(default=None, examples=["said"])
    sentence: str | None = None
    start: int | None = Field(default=None, description="Character offset in the article text.")
    end: int | None = None
    stated_on: Neo4jDate | None = Field(
        default=None, description="When it was said (a week: its Monday; a month: its first day)."
    )
    date_precision: DatePrecision | None = Field(
        default=None, description="How precise `stated_on` is: day, week or month."
    )
    date_basis: DateBasis | None = Field(
        default=None,
        description=(
            "`text`: a cue in the sentence ('on Tuesday', 'June 27', 'last week');"
            " `published`: no cue, the article's publication day."
        ),
    )
    report_count: int = Field(default=1, description="Articles' reports of this statement.")
    first_reported: Neo4jDateTime | None = Field(
        default=None, description="The earliest publication time of its reports' articles."
    )
    speaker: EntityRef | None = None
    about: list[AboutRef] = Field(default_factory=list)
    article: ArticleRef | None = None
    reports: list[ReportResult] = Field(
        default_factory=list,
        description="Its reports, first published first (REST: the first 20; `report_count` "
        "counts them all).",
    )


class EntitySummary(_Result):
    """An entity with its counts, as listed."""

    id: str
    type: EntityLabel
    kind: str | None = None
    name: str
    aliases: list[str] = Field(default_factory=list)
    role: str | None = Field(default=None, description="Latest known role or title.")
    mention_count: int = Field(0, description="Mentions summed over all articles.")
    article_count: int = Field(0, description="Articles that mention it.")
    claim_count: int = Field(0, description="Claims it stated (actors only).")
    about_count: int = Field(0, description="Claims about it.")


class Affiliation(_Result):
    """An actor's tie to an organization, from either side."""

    entity: EntityRef
    role: str | None = None


class ArticleMention(_Result):
    """An article mentioning an entity, and how often."""

    article: ArticleRef
    count: int = 1


class EntityMention(_Result):
    """An entity mentioned by an article, and how often."""

    entity: EntityRef
    count: int = 1


class EntityDetail(EntitySummary):
    """An entity with its first claims (as speaker and as subject), mentions and ties.

    The lists are the first `first` items, newest first; the counts are totals. Page
    further with the claims query (`speaker=<id>` / `about=<id>`).
    """

    claims: list[ClaimResult] = Field(default_factory=list)
    claims_about: list[ClaimResult] = Field(default_factory=list)
    mentions: list[ArticleMention] = Field(default_factory=list)
    affiliations: list[Affiliation] = Field(default_factory=list, description="Actors only.")
    members: list[Affiliation] = Field(default_factory=list, description="Organizations only.")


class ArticleSummary(_Result):
    """An article's metadata and counts, as listed."""

    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published_at: Neo4jDateTime | None = None
    ingested_at: Neo4jDateTime | None = None
    claim_count: int = 0
    entity_count: int = 0


class ArticleDetail(ArticleSummary):
    """An article with its text, every claim (in text order) and every mentioned entity."""

    text: str | None = Field(default=None, description="Claim start/end index into this.")
    claims: list[ClaimResult] = Field(default_factory=list)
    mentions: list[EntityMention] = Field(default_factory=list)


class Page(BaseModel, Generic[T]):
    """One page of a list: `total` counts the whole filtered list, not this page."""

    items: list[T]
    total: int
    next_cursor: str | None = Field(
        default=None, description="Pass back to get the next page; null on the last page."
    )


class EntityHit(_Result):
    entity: EntityRef
    score: float


class ArticleHit(_Result):
    article: ArticleRef


class ClaimHit(_Result):
    claim: ClaimResult
    score: float


class SearchResults(_Result):
    """Best matches of a free-text search, per kind of thing."""

    entities: list[EntityHit] = Field(default_factory=list)
    articles: list[ArticleHit] = Field(default_factory=list)
    claims: list[ClaimHit] = Field(default_factory=list)
