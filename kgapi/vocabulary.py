"""The closed vocabularies of the graph and its two APIs: one enum each.

Every enum here is a `StrEnum` whose values are the strings the graph stores and REST
sends ("direct", "newest", "Actor"), so a member is its own string wherever one is
expected (Cypher parameters, cursor fingerprints, JSON). The extraction contract
(`kgapi.model`) types its fields with them; REST declares its parameters and response
fields with them (OpenAPI names them as components); GraphQL exposes the very same
classes with `strawberry.enum` (`kgapi/api/graphql/enums.py`), by member name (`DIRECT`,
`NEWEST`, `ACTOR`). Nothing else spells these values out (but for the Literal spellings
`kgapi.model` keeps for the extraction rules, pinned to these by a test). Where one
vocabulary extends another (every actor kind is an entity kind, every date precision a
count period), the larger one takes the smaller one's members rather than spelling them
again.
"""

from __future__ import annotations

from enum import StrEnum

# --------------------------------------------------------------------------- list orders


class EntityOrder(StrEnum):
    """`name` A→Z; `mentions` (summed over articles) and `claims` (stated) most first."""

    NAME = "name"
    MENTIONS = "mentions"
    CLAIMS = "claims"


class ClaimOrder(StrEnum):
    """By the claim's date (its `stated_on`, else its article's publication day), then
    article, then position in the article."""

    NEWEST = "newest"
    OLDEST = "oldest"


class ArticleOrder(StrEnum):
    """By publication time (undated articles last when newest first), or by title A→Z."""

    NEWEST = ClaimOrder.NEWEST.value
    OLDEST = ClaimOrder.OLDEST.value
    TITLE = "title"


# --------------------------------------------------------------------------- claims


class ClaimKind(StrEnum):
    """How a statement is reported."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    PARTIAL = "partial"
    BELIEF = "belief"


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


class AboutBasis(StrEnum):
    """How a claim's subject was found: named in the statement (`text`), or the
    statement names none and the question it answers is about it, or its pronoun stands
    for it (`context`)."""

    TEXT = "text"
    CONTEXT = "context"


# --------------------------------------------------------------------------- entities


class EntityLabel(StrEnum):
    """The three kinds of entity: their Neo4j labels (GraphQL calls it `EntityType`)."""

    ACTOR = "Actor"
    ORGANIZATION = "Organization"
    LOCATION = "Location"


class EntityKind(StrEnum):
    """What an entity of the extraction contract is: an actor (of an `ActorKind`), an
    organization or a location."""

    PERSON = "person"
    GROUP = "group"
    ANONYMOUS = "anonymous"
    ORGANIZATION = "organization"
    LOCATION = "location"


class ActorKind(StrEnum):
    """What kind of actor speaks."""

    PERSON = EntityKind.PERSON.value
    GROUP = EntityKind.GROUP.value
    ANONYMOUS = EntityKind.ANONYMOUS.value


#: The label of each kind of entity: every actor kind is an `Actor`.
LABEL_OF_KIND: dict[EntityKind, EntityLabel] = {
    **{EntityKind(kind): EntityLabel.ACTOR for kind in ActorKind},
    EntityKind.ORGANIZATION: EntityLabel.ORGANIZATION,
    EntityKind.LOCATION: EntityLabel.LOCATION,
}


# --------------------------------------------------------------------------- claim counts


class DateBucket(StrEnum):
    """Period of date counts (a week starts on Monday)."""

    DAY = DatePrecision.DAY.value
    WEEK = DatePrecision.WEEK.value
    MONTH = DatePrecision.MONTH.value
    YEAR = "year"


class ClaimCountBy(StrEnum):
    """What claim counts are grouped by: who said it, whom it is about, when (by
    `DateBucket`), or which outlet reported it."""

    SPEAKER = "speaker"
    ABOUT = "about"
    DATE = "date"
    SOURCE = "source"


# --------------------------------------------------------------------------- loads


class IngestStatus(StrEnum):
    """What a load did with an article: wrote it (`loaded`), wrote it over an earlier
    version (`replaced`), or found the very same extraction stored (`unchanged`)."""

    LOADED = "loaded"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"
