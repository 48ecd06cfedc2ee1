"""The vocabularies of `kgapi.vocabulary`, exposed to GraphQL.

The same enum classes that REST and the query layer use, registered with Strawberry here
(GraphQL values are the member names: `DIRECT`, `NEWEST`, `ACTOR`) with their GraphQL
descriptions (the classes' docstrings are REST's, in OpenAPI). The GraphQL modules
import the classes from `kgapi.vocabulary`; `kgapi.api.graphql.types`, which every one
of them imports, imports this module first, so the registration has always run before
Strawberry reads an annotation.
"""

from __future__ import annotations

from enum import StrEnum

import strawberry

from kgapi import vocabulary

#: Each vocabulary's GraphQL description.
DESCRIPTIONS: dict[type[StrEnum], str] = {
    vocabulary.ClaimKind: "How a statement is reported.",
    vocabulary.ActorKind: "What kind of actor speaks.",
    vocabulary.AboutBasis: "How a claim's subject was found: TEXT, named in the statement; "
    "CONTEXT, the statement names none and the question it answers is about it, or its "
    "pronoun stands for it.",
    vocabulary.EntityLabel: "The three kinds of entity.",
    vocabulary.ClaimOrder: "Order of claims: by the claim's date, else its article's day.",
    vocabulary.EntityOrder: "Order of entities.",
    vocabulary.ArticleOrder: "Order of articles.",
    vocabulary.DateBucket: "Period of date buckets.",
    vocabulary.DatePrecision: "How precise a claim's date is: DAY; WEEK (the date is the "
    "week's Monday); MONTH (the date is the month's first day).",
    vocabulary.DateBasis: "Where a claim's date comes from: TEXT, a cue in its sentence ('on "
    "Tuesday', 'June 27', 'last week') resolved against the article's date; PUBLISHED, the "
    "article's publication day (the sentence has no cue).",
    vocabulary.ClaimCountBy: "What to group claim counts by.",
    vocabulary.IngestStatus: "What the load did with the article.",
}

#: GraphQL names that differ from the class's: the public schema calls the labels `EntityType`.
_NAMES: dict[type[StrEnum], str] = {vocabulary.EntityLabel: "EntityType"}

for _enum, _description in DESCRIPTIONS.items():
    strawberry.enum(_enum, name=_NAMES.get(_enum), description=_description)
