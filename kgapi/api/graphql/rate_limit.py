"""GraphQL's rate limits, charged per operation once the operation is known.

A query operation costs one `graphql` request; a mutation costs one `writes` request per
root field (`mutation { a: ingestArticle(...) b: ingestArticle(...) }` is two writes), so
a key cannot pass the write limit through GraphQL. An operation over the limit is not
executed; the endpoint answers 429 with `Retry-After`. Requests that never reach
execution (the IDE page, transport, parse and validation errors) are charged one
`graphql` request by the endpoint (`charge_unexecuted`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from graphql import ExecutionResult, GraphQLError, OperationDefinitionNode
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from kgapi.access.rate_limits import RouteClass
from kgapi.api.graphql.context import GraphQLContext


def _root_fields(document: object, operation_name: str | None) -> int:
    for definition in getattr(document, "definitions", ()):
        if isinstance(definition, OperationDefinitionNode) and (
            operation_name is None or (definition.name and definition.name.value == operation_name)
        ):
            return max(1, len(definition.selection_set.selections))
    return 1


class RateLimitOperations(SchemaExtension):
    """Charge the operation about to execute to the caller's budget; stop it when over."""

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        context = ctx.context
        if isinstance(context, GraphQLContext) and context.rate_limiter is not None:
            if ctx.operation_type is OperationType.MUTATION:
                route, cost = (
                    RouteClass.WRITES,
                    _root_fields(ctx.graphql_document, ctx.operation_name),
                )
            else:
                route, cost = RouteClass.GRAPHQL, 1
            context.charged = True
            refused = await context.rate_limiter.charge(
                context.http_request.scope, context.principal, route, cost
            )
            if refused is not None:
                context.rate_limited = refused
                ctx.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            refused.message,
                            extensions={
                                "code": "RATE_LIMITED",
                                "retryAfter": refused.retry_after,
                            },
                        )
                    ],
                )
        yield
