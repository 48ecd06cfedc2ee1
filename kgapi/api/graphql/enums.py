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
    DateBucket,
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
    "DateBucket",
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

strawberry.enum(ClaimCountBy, description="What to group claim counts by.")
