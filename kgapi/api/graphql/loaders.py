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
R = TypeVar("R")

#: A batch query of the nested lists: a page of each key's items.
NestedSlices = Callable[[GraphReader, Sequence[str], int, int], Awaitable[dict[str, Slice[R]]]]
NestedClaims = Callable[
    [GraphReader, Sequence[str], ClaimFilter, int, int],
    Awaitable[dict[str, Slice[results.ClaimResult]]],
]


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

    def _claims(
        self, name: str, fetch: NestedClaims, filters: ClaimFilter, first: int, offset: int
    ) -> DataLoader[str, Slice[results.ClaimResult]]:
        reader = self.reader
        return self._nested_loader(
            (name, filters, first, offset),
            lambda: _by_key_or(lambda ids: fetch(reader, ids, filters, first, offset), Slice),
        )

    def claims_of_speaker(
        self, filters: ClaimFilter, first: int, offset: int
    ) -> DataLoader[str, Slice[results.ClaimResult]]:
        """Claims stated by each key (an entity id)."""
        return self._claims("stated", batch.claims_of_speakers, filters, first, offset)

    def claims_about(
        self, filters: ClaimFilter, first: int, offset: int
    ) -> DataLoader[str, Slice[results.ClaimResult]]:
        """Claims about each key (an entity id)."""
        return self._claims("about", batch.claims_about_entities, filters, first, offset)

    def claims_of_article(
        self, filters: ClaimFilter, first: int, offset: int
    ) -> DataLoader[str, Slice[results.ClaimResult]]:
        """Claims reported in each key (an article id)."""
        return self._claims("article", batch.claims_of_articles, filters, first, offset)

    def _slices(
        self, name: str, fetch: NestedSlices[R], first: int, offset: int
    ) -> DataLoader[str, Slice[R]]:
        reader = self.reader
        return self._nested_loader(
            (name, first, offset),
            lambda: _by_key_or(lambda ids: fetch(reader, ids, first, offset), Slice),
        )

    def reports_of_claim(
        self, first: int, offset: int
    ) -> DataLoader[str, Slice[results.ReportResult]]:
        """The reports of each key (a claim id)."""
        return self._slices("reports", batch.reports_of_claims, first, offset)

    def mentions_of_article(
        self, first: int, offset: int
    ) -> DataLoader[str, Slice[results.EntityMention]]:
        """Entities each key (an article id) mentions."""
        return self._slices("mentions", batch.mentions_of_articles, first, offset)

    def articles_mentioning(
        self, first: int, offset: int
    ) -> DataLoader[str, Slice[results.ArticleMention]]:
        """Articles mentioning each key (an entity id)."""
        return self._slices("mentioned_in", batch.articles_mentioning, first, offset)
