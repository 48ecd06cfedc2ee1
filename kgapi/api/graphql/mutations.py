"""Mutations, behind an API key: ingest an article through the one loader, delete one.

Both run the blocking loader (spaCy extraction, the sync `GraphWriter`) in a worker
thread so the event loop keeps serving other requests. No Cypher here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry
from fastapi.concurrency import run_in_threadpool
from graphql import GraphQLError

from kgapi import pipeline
from kgapi.access.keys import Scope
from kgapi.api.deps import neo4j_watch
from kgapi.api.graphql.types import GQLInfo, context
from kgapi.ingest.read import ReadError, from_record
from kgapi.vocabulary import IngestStatus


@strawberry.input(description="An article to extract and load.")
class ArticleInput:
    text: str = strawberry.field(description="The article's full text.")
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published_at: datetime | None = None


@strawberry.type(description="The outcome of an ingest: the article and what it consists of.")
class IngestResult:
    article_id: strawberry.ID
    status: IngestStatus
    entities: int = strawberry.field(description="Entities of the article.")
    claims: int = strawberry.field(description="Claims of the article.")


@strawberry.type(description="What a delete removed.")
class DeleteArticleResult:
    article_id: strawberry.ID
    found: bool
    claims: int
    mentions: int
    entities_removed: int = strawberry.field(
        description="Entities no other article referenced, removed with it."
    )


def _bad_input(message: str) -> GraphQLError:
    return GraphQLError(f"input: {message}", extensions={"code": "BAD_USER_INPUT"})


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Extract and load one article (API key required). Loading the same "
        "article again reports UNCHANGED; a changed text REPLACES its claims."
    )
    async def ingest_article(self, info: GQLInfo, input: ArticleInput) -> IngestResult:
        ctx = context(info)
        ctx.require_scope(Scope.WRITE)
        record: dict[str, Any] = {
            key: value for key, value in vars(input).items() if value is not None
        }
        if "published_at" in record:
            record["published_at"] = record["published_at"].isoformat()
        item = from_record(record, origin="graphql", max_chars=ctx.settings.max_article_chars)
        if isinstance(item, ReadError):
            raise _bad_input(item.reason)
        with neo4j_watch(ctx.http_request.app.state):
            outcome = await run_in_threadpool(pipeline.ingest_article, item, ctx.settings)
        if outcome.status == "failed" or outcome.article_id is None:
            raise _bad_input(f"the article could not be loaded ({outcome.stage}): {outcome.reason}")
        return IngestResult(
            article_id=strawberry.ID(outcome.article_id),
            status=IngestStatus(outcome.status),
            entities=outcome.entities,
            claims=outcome.claims,
        )

    @strawberry.mutation(
        description="Delete an article, its claims and mentions, and the entities only it "
        "referenced (API key required). `found` is false for an unknown id."
    )
    async def delete_article(self, info: GQLInfo, id: strawberry.ID) -> DeleteArticleResult:
        ctx = context(info)
        ctx.require_scope(Scope.WRITE)
        if not id.startswith("article:"):
            raise GraphQLError(
                f"id: malformed article id {id!r}; article ids look like 'article:<hex>'",
                extensions={"code": "BAD_USER_INPUT", "argument": "id"},
            )
        with neo4j_watch(ctx.http_request.app.state):
            result = await run_in_threadpool(pipeline.delete_article, id, ctx.settings)
        return DeleteArticleResult(
            article_id=strawberry.ID(result.article_id),
            found=result.found,
            claims=result.claims,
            mentions=result.mentions,
            entities_removed=result.entities_removed,
        )
