"""Per-request DataLoaders over `kgapi.graph.read_queries.batch`: one round trip per level.

Every field that fetches something per parent (an entity's details, an actor's claims,
an article's mentions) asks a loader; Strawberry's DataLoader gathers the keys asked for
in one tick of the event loop and the batch function fetches them all with one
`UNWIND $ids` query. Nested lists carry arguments (filters, page size, offset): each
distinct set of arguments gets its own loader, created on first use.

Loaders live in the request's context, never at module level: their caches must not
leak data between requests (or outlive a deleted article).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from kgapi.graph.read_queries import batch, claims, results
from kgapi.graph.read_queries.batch import ClaimFilter, Slice
from kgapi.graph.reader import GraphReader

K = TypeVar("K")
V = TypeVar("V")
#: A batch query of a nested list: a page of each key's items.
NestedList = Callable[[GraphReader, Sequence[str], int, int], Awaitable[Mapping[str, Slice[Any]]]]
#: The nested claims lists, by GraphQL field: the claims each entity stated, the claims
#: about each entity, the claims each article reports.
NESTED_CLAIMS: dict[str, batch.ClaimList] = {
    "claims": batch.STATED,
    "claimsAbout": batch.ABOUT,
    "articleClaims": batch.IN_ARTICLE,
}
#: The other nested lists, by GraphQL field: each claim's reports, the entities each
#: article mentions, the articles mentioning each entity.
NESTED_LISTS: dict[str, NestedList] = {
    "reports": batch.reports_of_claims,
    "mentions": batch.mentions_of_articles,
    "mentionedIn": batch.articles_mentioning,
}


def _by_key(
    fetch: Callable[[list[str]], Awaitable[Mapping[str, V]]],
) -> DataLoader[str, V | None]:
    """A loader whose batch function maps a dict result back onto the keys' order."""

    async def load(keys: list[str]) -> list[V | None]:
        found = await fetch(list(dict.fromkeys(keys)))
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=load)


def _by_key_or(
    fetch: Callable[[list[str]], Awaitable[Mapping[str, V]]], default: Callable[[], V]
) -> DataLoader[str, V]:
    """Like `_by_key`, with `default()` for keys the batch did not return."""

    async def load(keys: list[str]) -> list[V]:
        found = await fetch(list(dict.fromkeys(keys)))
        return [found.get(key) or default() for key in keys]

    return DataLoader(load_fn=load)


class Loaders:
    """The DataLoaders of one request."""

    def __init__(self, reader: GraphReader) -> None:
        self.reader = reader
        self.entity: DataLoader[str, results.EntitySummary | None] = _by_key(
            lambda ids: batch.entities_by_ids(reader, ids)
        )
        self.article: DataLoader[str, results.ArticleSummary | None] = _by_key(
            lambda ids: batch.articles_by_ids(reader, ids)
        )
        self.article_text: DataLoader[str, str | None] = _by_key(
            lambda ids: batch.article_texts(reader, ids)
        )
        self.claim: DataLoader[str, results.ClaimResult | None] = _by_key(
            lambda ids: claims.get_claims(reader, ids)
        )
        self.affiliations: DataLoader[str, list[results.Affiliation]] = _by_key_or(
            lambda ids: batch.affiliations_of_actors(reader, ids), list
        )
        self.members: DataLoader[str, list[results.Affiliation]] = _by_key_or(
            lambda ids: batch.members_of_organizations(reader, ids), list
        )
        self._nested: dict[tuple[Any, ...], DataLoader[str, Any]] = {}

    def _nested_loader(
        self, key: tuple[Any, ...], make: Callable[[], DataLoader[str, Any]]
    ) -> DataLoader[str, Any]:
        loader = self._nested.get(key)
        if loader is None:
            loader = self._nested[key] = make()
        return loader

    def claims(
        self, field: str, filters: ClaimFilter, first: int, offset: int
    ) -> DataLoader[str, Slice[results.ClaimResult]]:
        """The nested claims list `field` (a key of `NESTED_CLAIMS`) of each key."""
        reader, listed = self.reader, NESTED_CLAIMS[field]
        return self._nested_loader(
            (field, filters, first, offset),
            lambda: _by_key_or(
                lambda ids: batch.nested_claims(reader, listed, ids, filters, first, offset), Slice
            ),
        )

    def slices(self, field: str, first: int, offset: int) -> DataLoader[str, Slice[Any]]:
        """The nested list `field` (a key of `NESTED_LISTS`) of each key."""
        reader, fetch = self.reader, NESTED_LISTS[field]
        return self._nested_loader(
            (field, first, offset),
            lambda: _by_key_or(lambda ids: fetch(reader, ids, first, offset), Slice),
        )
