"""The vocabularies of `kgapi.vocabulary`, exposed to GraphQL.

The same enum classes that REST and the query layer use, registered with Strawberry here
(GraphQL values are the member names: `DIRECT`, `NEWEST`, `ACTOR`); GraphQL modules
import them from this module so that the registration has always run.
"""

from __future__ import annotations

import strawberry

from kgapi.vocabulary import (
    AboutBasis,
    ActorKind,
    ArticleOrder,
    ClaimCountBy,
    ClaimKind,
    ClaimOrder,
    DateBasis,
    DateBucket,
    DatePrecision,
    EntityLabel,
    EntityOrder,
)

__all__ = [
    "AboutBasis",
    "ActorKind",
    "ArticleOrder",
    "ClaimCountBy",
    "ClaimKind",
    "ClaimOrder",
    "DateBasis",
    "DateBucket",
    "DatePrecision",
    "EntityLabel",
    "EntityOrder",
]

strawberry.enum(ClaimKind, description="How a statement is reported.")
strawberry.enum(ActorKind, description="What kind of actor speaks.")
strawberry.enum(
    AboutBasis,
    description="How a claim's subject was found: TEXT, named in the statement; CONTEXT, the "
    "statement names none and the question it answers, its paragraph or the article is about it.",
)
strawberry.enum(EntityLabel, name="EntityType", description="The three kinds of entity.")
strawberry.enum(
    ClaimOrder, description="Order of claims: by the claim's date, else its article's day."
)
strawberry.enum(EntityOrder, description="Order of entities.")
strawberry.enum(ArticleOrder, description="Order of articles.")
strawberry.enum(DateBucket, description="Period of date buckets.")
strawberry.enum(
    DatePrecision,
    description="How precise a claim's date is: DAY; WEEK (the date is the week's Monday); "
    "MONTH (the date is the month's first day).",
)
strawberry.enum(
    DateBasis,
    description="Where a claim's date comes from: TEXT, a cue in its sentence ('on Tuesday', "
    "'June 27', 'last week') resolved against the article's date; PUBLISHED, the article's "
    "publication day (the sentence has no cue).",
)

strawberry.enum(ClaimCountBy, description="What to group claim counts by.")
