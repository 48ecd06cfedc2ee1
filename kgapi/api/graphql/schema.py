"""The GraphQL schema: Query + Mutation + Subscription, with limits, caches and error masking.

Limits (each breach is a GraphQL error naming the limit, never a 500):

- depth: `MAX_DEPTH` levels of selection (a connection costs two: `edges { node }`);
- tokens: `MAX_TOKENS` per document (refused while parsing, before any work);
- aliases: `MAX_ALIASES` per document (no 1,000 copies of an expensive field);
- page size: `settings.max_page_size` for every `first:` and `limit:`;
- time: `settings.neo4j_query_timeout` per Neo4j query, enforced by the server.

Errors the client caused keep their message; anything unexpected is masked to a generic
message (and logged), so no internals leak.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import DocumentNode, GraphQLError, GraphQLSchema
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.name_converter import NameConverter
from strawberry.schema.schema import validate_document
from strawberry.types.graphql import OperationType

from kgapi.access.keys import Scope
from kgapi.api.graphql.context import SubscriptionContext
from kgapi.api.graphql.mutations import Mutation
from kgapi.api.graphql.queries import Query
from kgapi.api.graphql.rate_limit import RateLimitOperations
from kgapi.api.graphql.subscriptions import Subscription
from kgapi.api.graphql.types import Actor, Location, Organization
from kgapi.api.security import missing_scope_message
from kgapi.config import Settings
from kgapi.graph.errors import Failure, classify

logger = logging.getLogger(__name__)

MAX_DEPTH = 12
MAX_TOKENS = 5_000
MAX_ALIASES = 30
CACHE_SIZE = 256


def _is_unexpected(error: GraphQLError) -> bool:
    """Mask errors raised by something other than our own GraphQL errors."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class ErrorPolicy(MaskErrors):
    """Mask unexpected errors; say when Neo4j was unavailable or a query timed out (as
    `kgapi.graph.errors.classify` decides)."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(should_mask_error=_is_unexpected, error_message="Unexpected error.")
        self.settings = settings

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        original = error.original_error
        message, code = self.error_message, "INTERNAL_SERVER_ERROR"
        failure = classify(original) if original is not None else None
        if failure is Failure.TIMEOUT:
            message = (
                f"query timeout: the query took longer than {self.settings.neo4j_query_timeout:g} s"
            )
            code = "QUERY_TIMEOUT"
        elif failure is Failure.UNAVAILABLE:
            message, code = "Neo4j is unavailable; retry shortly.", "SERVICE_UNAVAILABLE"
        else:
            logger.error("GraphQL resolver failed", exc_info=original)
        return GraphQLError(
            message=message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": code},
        )


class ValidationResults:
    """Validation errors by parsed document, for `DocumentValidationCache` (bounded LRU)."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._entries: OrderedDict[tuple[int, tuple[type, ...]], tuple[DocumentNode, Any]] = (
            OrderedDict()
        )

    def validate(
        self, schema: GraphQLSchema, document: DocumentNode, rules: tuple[type, ...]
    ) -> Any:
        """`validate_document`'s errors for `document`, validated once per document."""
        key = (id(document), rules)
        entry = self._entries.get(key)
        if entry is not None and entry[0] is document:
            self._entries.move_to_end(key)
            return entry[1]
        errors = validate_document(schema, document, rules)
        # The document stays in the entry, so its id cannot be reused while cached.
        self._entries[key] = (document, errors)
        if len(self._entries) > self.maxsize:
            self._entries.popitem(last=False)
        return errors


class DocumentValidationCache(SchemaExtension):
    """Strawberry's `AddValidationRules` and `ValidationCache` in one, the cache keyed by
    the parsed document's identity.

    `ParserCache` hands out one `DocumentNode` per query text. Strawberry's validation
    cache is an `lru_cache` keyed by that document, and hashing a document walks its
    whole syntax tree on every request (graphql-core's nodes cache no hash): about a
    third of the GraphQL preparation of the headline query. Here a hit is one lookup.
    `rules` (the depth and alias limits) join Strawberry's own before validating.
    """

    def __init__(self, results: ValidationResults, rules: tuple[type, ...]) -> None:
        super().__init__()
        self.results = results
        self.rules = rules

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        assert ctx.graphql_document is not None
        rules = (*ctx.validation_rules, *self.rules)
        ctx.validation_rules = rules
        ctx.pre_execution_errors = self.results.validate(
            ctx.schema._schema, ctx.graphql_document, rules
        )
        yield


class SchemaNames(NameConverter):
    """Strawberry's name converter, remembering each Python name's GraphQL name.

    Strawberry converts every argument's name to camelCase again on every request while
    it reads the arguments (the root `claims` field has ten): the names are the schema's
    own, so each is converted once.
    """

    def __init__(self) -> None:
        super().__init__(auto_camel_case=True)
        self._names: dict[str, str] = {}

    def apply_naming_config(self, name: str) -> str:
        converted = self._names.get(name)
        if converted is None:
            converted = self._names[name] = super().apply_naming_config(name)
        return converted


class SubscriptionsOverWebSocket(SchemaExtension):
    """Over WebSocket, subscriptions only: queries and mutations go over HTTP, where the
    rate limits and the request size limit apply. (HTTP refuses subscriptions itself.)"""

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        if (
            isinstance(ctx.context, SubscriptionContext)
            and not ctx.pre_execution_errors
            and ctx.operation_type is not OperationType.SUBSCRIPTION
        ):
            ctx.pre_execution_errors = [
                GraphQLError(
                    "over WebSocket, /graphql runs subscriptions only: send queries and "
                    "mutations over HTTP (GET or POST /graphql)",
                    extensions={"code": "BAD_REQUEST"},
                )
            ]
        yield


class ReadAccess(SchemaExtension):
    """With `require_key_for_reads`, refuse queries without a valid API key before any
    work (mutations always check the key themselves)."""

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        context = ctx.context
        if (
            getattr(context, "settings", None) is not None
            and context.settings.require_key_for_reads
            and not context.has_scope(Scope.READ)
        ):
            # A new list: the validation cache's list is shared between requests.
            errors = list(ctx.pre_execution_errors or [])
            principal = context.principal
            if principal is None:
                errors.append(
                    GraphQLError(
                        "an API key is required to read: send 'Authorization: Bearer <key>' "
                        "or 'X-API-Key: <key>'",
                        extensions={"code": "UNAUTHENTICATED"},
                    )
                )
            else:
                errors.append(
                    GraphQLError(
                        missing_scope_message(principal, Scope.READ),
                        extensions={"code": "FORBIDDEN", "missingScope": Scope.READ.value},
                    )
                )
            ctx.pre_execution_errors = errors
        yield


def build_schema(settings: Settings) -> strawberry.Schema:
    """Build the schema with its limits taken from settings."""
    # The depth and alias limiters make their validation rule classes when constructed.
    # Build them once: the validation cache is keyed by the rule classes, so new classes
    # per request would make every request miss it (~10 ms of re-validation each).
    limit_rules = (
        *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
    )
    validation_results = ValidationResults(CACHE_SIZE)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[Actor, Organization, Location],
        config=StrawberryConfig(name_converter=SchemaNames()),
        # Factories, not instances: every operation gets its own extension objects.
        extensions=[
            # Token limit first: it sets the parser option that the parser cache uses.
            lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
            lambda: ParserCache(maxsize=CACHE_SIZE),
            lambda: DocumentValidationCache(validation_results, limit_rules),
            ReadAccess,
            SubscriptionsOverWebSocket,
            RateLimitOperations,
            lambda: ErrorPolicy(settings),
        ],
    )
