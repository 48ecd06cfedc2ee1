"""The closed vocabularies of the graph and its two APIs: one enum each.

Every enum here is a `StrEnum` whose values are the strings the graph stores and REST
sends ("direct", "newest", "Actor"), so a member is its own string wherever one is
expected (Cypher parameters, cursor fingerprints, JSON). REST declares its parameters
and response fields with these enums (OpenAPI names them as components); GraphQL exposes
the very same classes with `strawberry.enum` (`kgapi/api/graphql/enums.py`), by member
name (`DIRECT`, `NEWEST`, `ACTOR`). Nothing else spells these values out.
"""

from __future__ import annotations

from enum import StrEnum


class ClaimKind(StrEnum):
    """How a statement is reported."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    PARTIAL = "partial"
    BELIEF = "belief"


class ActorKind(StrEnum):
    """What kind of actor speaks."""

    PERSON = "person"
    GROUP = "group"
    ANONYMOUS = "anonymous"


class EntityLabel(StrEnum):
    """The three kinds of entity: their Neo4j labels (GraphQL calls it `EntityType`)."""

    ACTOR = "Actor"
    ORGANIZATION = "Organization"
    LOCATION = "Location"


class AboutBasis(StrEnum):
    """How a claim's subject was found: named in the statement (`text`), or the
    statement names none and the question it answers, its paragraph or the article is
    about it (`context`)."""

    TEXT = "text"
    CONTEXT = "context"


class DatePrecision(StrEnum):
    """How precise a claim's date is: the day, the week (its date is the Monday) or the
    month (its date is the first)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


class DateBasis(StrEnum):
    """Where a claim's date comes from: a cue in its sentence ('on Tuesday', 'June 27',
    'last week') resolved against the article's date (`text`), or, without one, the
    article's publication day (`published`)."""

    TEXT = "text"
    PUBLISHED = "published"


class ClaimOrder(StrEnum):
    """By the claim's date (its `stated_on`, else its article's publication day), then
    article, then position in the article."""

    NEWEST = "newest"
    OLDEST = "oldest"


class EntityOrder(StrEnum):
    """`name` A→Z; `mentions` (summed over articles) and `claims` (stated) most first."""

    NAME = "name"
    MENTIONS = "mentions"
    CLAIMS = "claims"


class ArticleOrder(StrEnum):
    """By publication time (undated articles last when newest first), or by title A→Z."""

    NEWEST = "newest"
    OLDEST = "oldest"
    TITLE = "title"


class DateBucket(StrEnum):
    """Period of date counts (a week starts on Monday)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class ClaimCountBy(StrEnum):
    """What claim counts are grouped by: who said it, whom it is about, when (by
    `DateBucket`), or which outlet reported it."""

    SPEAKER = "speaker"
    ABOUT = "about"
    DATE = "date"
    SOURCE = "source"
