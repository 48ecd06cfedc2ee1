"""A load that loses Neo4j mid-way stops and lists every article it did not write: the
pipeline's bookkeeping, with a writer that commits some transactions and then raises what the
driver raises when Neo4j is killed. (The real thing, `kill -9` of a real Neo4j in the middle
of 2,000 articles, is tests/faults/test_kill_during_load.py, marked slow.)
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from neo4j.exceptions import IncompleteCommit, ServiceUnavailable

from kgapi.graph.writer import WriteResult
from kgapi.ingest.read import ReadError
from kgapi.model import ArticleMeta, Extraction
from kgapi.pipeline import NOT_WRITTEN, load_stream


class DyingWriter:
    """Commits `alive` transactions of `articles_per_transaction`, then raises `error`."""

    def __init__(self, alive: int, error: Exception, articles_per_transaction: int = 3) -> None:
        self.alive = alive
        self.error = error
        self.articles_per_transaction = articles_per_transaction
        self.committed: list[str] = []

    def write_batch(self, extractions: Sequence[Extraction]) -> list[WriteResult]:
        if self.alive == 0:
            raise self.error
        self.alive -= 1
        ids = [e.article.id for e in extractions]
        self.committed += ids
        return [WriteResult(aid, "loaded") for aid in ids]

    def await_search_indexes(self) -> None:
        if self.alive == 0:
            raise self.error


def _inputs(n: int, unreadable: set[int] = frozenset()) -> list[object]:  # type: ignore[assignment]
    return [
        ReadError(f"in/{i}.json", "invalid JSON")
        if i in unreadable
        else Extraction(article=ArticleMeta(id=f"article:{i:016x}", text=f"text {i}"))
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("error", "in_flight"),
    [
        (ServiceUnavailable("Couldn't connect"), "Neo4j became unavailable during its transaction"),
        (IncompleteCommit("Failed to read from defunct connection"), "outcome is unknown"),
    ],
)
def test_a_load_that_loses_neo4j_lists_exactly_what_it_did_not_write(
    error: Exception, in_flight: str
) -> None:
    writer = DyingWriter(alive=2, error=error)
    report = load_stream(_inputs(20, unreadable={4, 15}), writer, stop_on_graph_error=True)  # type: ignore[arg-type]

    assert report.stopped is not None and report.stopped.startswith(NOT_WRITTEN)
    assert report.read == 20 and report.loaded == len(writer.committed) == 6
    unwritten = {f.article_id for f in report.not_written}
    every = {f"article:{i:016x}" for i in range(20) if i not in (4, 15)}
    assert unwritten == every - set(writer.committed)  # nothing missing, nothing twice
    # The unreadable ones keep their own reason; the transaction in flight says what it knows.
    assert {f.origin for f in report.failures if f.stage == "read"} == {"in/4.json", "in/15.json"}
    reasons = {f.article_id: f.reason for f in report.not_written}
    assert in_flight in reasons[f"article:{6 + 1:016x}"]  # the third transaction's first
    assert "the load stopped" in reasons[f"article:{19:016x}"]


def test_without_stop_on_graph_error_the_error_is_raised() -> None:
    """The API's ingest: Neo4j gone is a 503, not a report."""
    with pytest.raises(ServiceUnavailable):
        load_stream(_inputs(5), DyingWriter(alive=0, error=ServiceUnavailable("gone")))  # type: ignore[arg-type]


def test_an_article_fault_is_not_a_stop() -> None:
    """Only errors that are no article's fault stop a load (the writer reports the rest)."""
    with pytest.raises(ValueError):
        load_stream(
            _inputs(5),
            DyingWriter(alive=0, error=ValueError("bug")),  # type: ignore[arg-type]
            stop_on_graph_error=True,
        )
