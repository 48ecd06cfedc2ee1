"""The one load path: read → extract → write. Used by `kgapi load` and the API's ingest.

Error policy: **skip and report, per article; never swallow.** An input that cannot be
read, an article whose extraction raises, an extraction the graph refuses — each becomes
one failed `ArticleOutcome` with its origin, stage and reason, listed in the
`LoadReport`; everything else still loads, and nothing of a failed article is left in
the graph (the writer is atomic per article). Errors that are no article's fault — Neo4j
unreachable, wrong credentials — are raised, not reported per article; except that a load
which has begun and then loses Neo4j (killed, restarted, out of disk) **stops and reports**
when asked to (`stop_on_graph_error`, what `kgapi load` does): the articles committed so far
stay, and every article not written — the transaction in flight, those still in the
extraction window, the rest of the input — is listed as failed with the reason, so the same
load run again writes exactly those (the others are `unchanged`).

Extraction may run in worker processes (`workers > 1`); writing stays in input order,
in one thread, batched by the `GraphWriter`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kgapi.config import Settings
from kgapi.graph.rows import RowsError, resolve_article_id
from kgapi.graph.writer import DeleteResult, GraphWriter, WriteResult, stops_the_load
from kgapi.model import Article, Extraction

logger = logging.getLogger(__name__)

Stage = Literal["read", "extract", "write"]
OutcomeStatus = Literal["loaded", "unchanged", "replaced", "failed"]


@dataclass(frozen=True)
class ArticleOutcome:
    """What happened to one input article."""

    origin: str
    article_id: str | None
    status: OutcomeStatus
    entities: int = 0
    claims: int = 0
    stage: Stage | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass(frozen=True)
class Failure:
    """A failed article: where it came from, at which stage, and why."""

    origin: str
    article_id: str | None
    stage: Stage
    reason: str


@dataclass
class LoadReport:
    """Totals of one load. `read` counts every input article, failed ones included."""

    read: int = 0
    loaded: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    entities: int = 0
    claims: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    stopped: str | None = None
    """Why the load stopped before the end of its input (Neo4j lost mid-way), if it did."""

    @property
    def articles_per_second(self) -> float:
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def add(self, outcome: ArticleOutcome) -> None:
        """Count one outcome. Entities and claims are those of the articles now in the
        graph (loaded, replaced or unchanged), so a re-run reports the same numbers."""
        self.read += 1
        if outcome.status == "failed":
            self.failed += 1
            self.failures.append(
                Failure(
                    outcome.origin,
                    outcome.article_id,
                    outcome.stage or "write",
                    outcome.reason or "unknown",
                )
            )
            return
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)
        self.entities += outcome.entities
        self.claims += outcome.claims

    @property
    def not_written(self) -> list[Failure]:
        """The articles a stopped load did not write (a subset of `failures`)."""
        return [f for f in self.failures if f.stage == "write" and f.reason.startswith(NOT_WRITTEN)]

    def summary(self) -> str:
        """The one-line summary `kgapi load` prints."""
        return (
            f"articles read {self.read} / loaded {self.loaded} / replaced {self.replaced}"
            f" / unchanged {self.unchanged} / failed {self.failed},"
            f" entities {self.entities}, claims {self.claims},"
            f" {self.seconds:.1f}s, {self.articles_per_second:.1f} articles/s"
        )


NOT_WRITTEN = "not written"
"""How the reason of every article a stopped load did not write begins."""


ProgressCallback = Callable[[ArticleOutcome], None]


# --------------------------------------------------------------------------- extraction
#: Articles per extraction chunk: spaCy's `nlp.pipe` is faster on batches than one by one.
EXTRACT_CHUNK = 8


def _with_text(extraction: Extraction, article: Article) -> Extraction:
    # The Article node stores the text its claims' spans index into, and its sha256.
    meta = extraction.article
    update: dict[str, object] = {}
    if meta.text is None:
        update["text"] = article.text
    if not meta.id:
        update["id"] = article.meta.id
    if update:
        return extraction.model_copy(update={"article": meta.model_copy(update=update)})
    return extraction


def extract_chunk(articles: list[Article]) -> list[Extraction | str]:
    """Extract a chunk of articles (one `nlp.pipe` batch); a failure comes back as the
    reason string in that article's place.

    The per-article map that every way of running extraction wraps (worker processes
    here, shards on a cluster in `kgapi.scale`). Runs in worker processes, so it returns
    reasons instead of raising: if the batch raises, each article is redone alone so only
    the bad one fails. Each extraction carries the article's text (spans index into it).
    """
    from kgapi.ingest.extract import extract, extract_many  # heavy (spaCy): import lazily

    try:
        done = list(extract_many(articles))
        return [_with_text(e, a) for e, a in zip(done, articles, strict=True)]
    except Exception as error:
        if len(articles) == 1:
            return [f"{type(error).__name__}: {error}"]
    results: list[Extraction | str] = []
    for article in articles:
        try:
            results.append(_with_text(extract(article), article))
        except Exception as error:
            logger.warning("extraction failed for %s: %s", article.origin, error)
            results.append(f"{type(error).__name__}: {error}")
    return results


@dataclass(frozen=True)
class _Pending:
    """One input on its way to the writer."""

    origin: str
    article_id: str | None
    extraction: Extraction | None = None
    stage: Stage | None = None
    reason: str | None = None


def _origin_of(item: Article | Extraction) -> str:
    if isinstance(item, Article):
        return item.origin or item.meta.id
    return f"{item.article.id or '?'} (pre-extracted)"


def _article_id_of(extraction: Extraction) -> str | None:
    try:
        return resolve_article_id(extraction)
    except RowsError:
        return None


def _settle(item: object) -> _Pending | Article:
    """Read results that need no extraction become `_Pending` at once."""
    from kgapi.ingest.read import ReadError

    if isinstance(item, ReadError):
        return _Pending(item.origin, None, stage="read", reason=item.reason)
    if isinstance(item, Extraction):
        return _Pending(_origin_of(item), _article_id_of(item), item)
    if isinstance(item, Article):
        return item
    return _Pending(repr(item)[:80], None, stage="read", reason="unknown input type")


def _pending(articles: list[Article], results: list[Extraction | str]) -> Iterator[_Pending]:
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, str):
            yield _Pending(_origin_of(article), article.meta.id, stage="extract", reason=result)
        else:
            yield _Pending(_origin_of(article), _article_id_of(result), result)


def _prepared(items: Iterable[object], workers: int) -> Generator[_Pending, None, None]:
    """Turn read results into extractions (or failures), in input order.

    Articles are extracted in chunks of `EXTRACT_CHUNK`, in `workers` processes when > 1;
    a bounded window of chunks is in flight and drained from its head, so the order of
    the input is kept and memory stays flat on big loads.
    """
    Slot = _Pending | tuple[list[Article], "Future[list[Extraction | str]] | None"]
    window: deque[Slot] = deque()
    chunk: list[Article] = []
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None

    def submit() -> None:
        nonlocal chunk
        if chunk:
            future = pool.submit(extract_chunk, chunk) if pool is not None else None
            window.append((chunk, future))
            chunk = []

    def drain(keep: int) -> Iterator[_Pending]:
        while len(window) > keep:
            slot = window.popleft()
            if isinstance(slot, _Pending):
                yield slot
                continue
            articles, future = slot
            results = future.result() if future is not None else extract_chunk(articles)
            yield from _pending(articles, results)

    try:
        for item in items:
            settled = _settle(item)
            if isinstance(settled, Article):
                chunk.append(settled)
                if len(chunk) >= EXTRACT_CHUNK:
                    submit()
            else:
                submit()  # keep order: articles read before this item go first
                window.append(settled)
            yield from drain(keep=workers * 2 if pool is not None else 0)
        submit()
        yield from drain(keep=0)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


# --------------------------------------------------------------------------- writing
def _outcome(pending: _Pending, result: WriteResult) -> ArticleOutcome:
    if result.status == "failed":
        return ArticleOutcome(
            pending.origin, result.article_id, "failed", stage="write", reason=result.error
        )
    return ArticleOutcome(
        pending.origin,
        result.article_id,
        result.status,
        entities=result.counts.entities,
        claims=result.counts.claims,
    )


class _Tracked:
    """The input, remembering what has been pulled but not yet handed on as a `_Pending`,
    so a load that stops can list every article it did not write."""

    def __init__(self, items: Iterable[object]) -> None:
        self._items = iter(items)
        self._pulled: deque[object] = deque()

    def __iter__(self) -> Iterator[object]:
        for item in self._items:
            self._pulled.append(item)
            yield item

    def handed_on(self) -> None:
        """`_prepared` yielded the pending of the oldest pulled item (it keeps input order)."""
        self._pulled.popleft()

    def rest(self) -> Iterator[object]:
        """Pulled and not handed on, then whatever the input still holds."""
        while self._pulled:
            yield self._pulled.popleft()
        yield from self._items


def _not_written(item: object, reason: str) -> ArticleOutcome:
    """The outcome of an input a stopped load never got to write."""
    settled = _settle(item)
    if isinstance(settled, Article):
        return ArticleOutcome(
            _origin_of(settled), settled.meta.id, "failed", stage="write", reason=reason
        )
    if settled.extraction is None:  # unreadable anyway: its own reason is the better one
        return ArticleOutcome(
            settled.origin, settled.article_id, "failed", stage=settled.stage, reason=settled.reason
        )
    return ArticleOutcome(
        settled.origin, settled.article_id, "failed", stage="write", reason=reason
    )


def _stop_reasons(error: BaseException) -> tuple[str, str]:
    """Why the transaction in flight and the articles after it were not written."""
    from neo4j.exceptions import IncompleteCommit

    first_line = (str(error).splitlines() or [""])[0]
    cause = f"{type(error).__name__}: {first_line[:200]}"
    if isinstance(error, IncompleteCommit):
        # The connection dropped after COMMIT was sent: that transaction's articles may or
        # may not be in the graph. Loading again settles it (they come back `unchanged`).
        in_flight = f"{NOT_WRITTEN} (the commit's outcome is unknown, the connection dropped during it: {cause})"
    else:
        in_flight = f"{NOT_WRITTEN} (Neo4j became unavailable during its transaction: {cause})"
    return in_flight, f"{NOT_WRITTEN} (the load stopped: Neo4j became unavailable: {cause})"


def load_stream(
    items: Iterable[object],
    writer: GraphWriter,
    *,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
    stop_on_graph_error: bool = False,
) -> LoadReport:
    """Extract and write a stream of read results (`Article`, `Extraction`, `ReadError`).

    Args:
        stop_on_graph_error: when Neo4j fails the writer mid-way (the errors the writer
            raises: unreachable, refused credentials, database down), stop and report
            every article not written (`LoadReport.stopped`, their reasons start with
            `NOT_WRITTEN`) instead of raising. Without it (the API's ingest), raise.
    """
    started = time.perf_counter()
    report = LoadReport()

    def emit(outcome: ArticleOutcome) -> None:
        report.add(outcome)
        if on_progress is not None:
            on_progress(outcome)

    batch: list[_Pending] = []

    def flush() -> None:
        extractions = [p.extraction for p in batch if p.extraction is not None]
        results = iter(writer.write_batch(extractions))
        for pending in batch:
            emit(_outcome(pending, next(results)))
        batch.clear()

    tracked = _Tracked(items)
    prepared = _prepared(tracked, workers)
    try:
        for pending in prepared:
            tracked.handed_on()
            if pending.extraction is None:
                emit(
                    ArticleOutcome(
                        pending.origin,
                        pending.article_id,
                        "failed",
                        stage=pending.stage,
                        reason=pending.reason,
                    )
                )
                continue
            batch.append(pending)
            if len(batch) >= writer.articles_per_transaction:
                flush()
        if batch:
            flush()
        writer.await_search_indexes()  # a search right after the load sees what it wrote
    except Exception as error:
        if not (stop_on_graph_error and stops_the_load(error)):
            raise
        prepared.close()  # stops the extraction workers
        in_flight, after = _stop_reasons(error)
        report.stopped = after
        logger.warning("load stopped: %s", after)
        for pending in batch:
            emit(
                ArticleOutcome(
                    pending.origin, pending.article_id, "failed", stage="write", reason=in_flight
                )
            )
        for item in tracked.rest():
            emit(_not_written(item, after))
    report.seconds = time.perf_counter() - started
    return report


def load_paths(
    paths: Iterable[str | Path],
    settings: Settings,
    *,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
    on_record: Callable[[], None] | None = None,
    apply_schema: bool = True,
) -> LoadReport:
    """Load files, directories, globs, URLs or "-" (stdin) into the graph of `settings`.

    Applies the schema first (idempotent) unless told not to, so a fresh database gets
    its constraints before the first MERGE. `on_record` is called per WARC record read.
    """
    from kgapi.graph.driver import sync_driver
    from kgapi.graph.schema import apply_schema as apply
    from kgapi.ingest.read import read_inputs

    with sync_driver(settings) as driver:
        if apply_schema:
            apply(driver, settings.neo4j_database)
        writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size)
        return load_stream(
            read_inputs(paths, on_record=on_record),
            writer,
            workers=workers,
            on_progress=on_progress,
            stop_on_graph_error=True,
        )


def watch_and_load(
    directories: list[Path],
    settings: Settings,
    *,
    on_batch: Callable[[LoadReport], None],
    on_ready: Callable[[], None] | None = None,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
    stop_event: threading.Event | None = None,
) -> LoadReport | None:
    """Load the files under `directories`, then those that appear or change there, batch
    by batch, as they do (`kgapi load --watch`), each batch's report to `on_batch`.

    The watch is in place before the first load reads the directories (`on_ready` is
    called then), so no file slips between the two; a file both loaded first and then seen
    changing is simply `unchanged` the second time. Runs until `stop_event` is set (or the
    caller's Ctrl-C). Returns None then, or the report of the batch during which Neo4j went
    away (the watch stops: the files not written are listed there, and loading the folder
    again writes exactly those).
    """
    from kgapi.graph.driver import sync_driver
    from kgapi.graph.schema import apply_schema
    from kgapi.ingest.read import loadable_files, read_inputs
    from kgapi.ingest.sources.watch import watch_files

    with sync_driver(settings) as driver:
        apply_schema(driver, settings.neo4j_database)
        writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size)
        for batch in watch_files(directories, stop_event=stop_event):
            if not batch:  # the watch is in place: now load what is already there
                if on_ready is not None:
                    on_ready()
                batch = [path for d in directories for path in loadable_files(d)]
                if not batch:
                    continue
            report = load_stream(
                read_inputs(batch),
                writer,
                workers=workers,
                on_progress=on_progress,
                stop_on_graph_error=True,
            )
            on_batch(report)
            if report.stopped:
                return report
    return None


def load_one(item: Article | Extraction, writer: GraphWriter) -> ArticleOutcome:
    """Extract (if needed) and write one article in its own transaction.

    The API's ingest endpoints call this. Never raises for the article's own faults:
    the outcome says `failed` with stage and reason; connection errors do raise.
    """
    outcome: ArticleOutcome | None = None

    def keep(o: ArticleOutcome) -> None:
        nonlocal outcome
        outcome = o

    load_stream([item], writer, on_progress=keep)
    assert outcome is not None  # one input always yields one outcome
    return outcome


def ingest_article(item: Article | Extraction, settings: Settings) -> ArticleOutcome:
    """Load one article for the API (REST `POST /articles`, GraphQL `ingestArticle`).

    Blocking: the API runs it in a worker thread. A short-lived driver that fails fast,
    checked before the (seconds-long) extraction, so an unreachable Neo4j is a quick 503
    rather than a hang.
    """
    from kgapi.graph.driver import sync_driver

    with sync_driver(settings, fail_fast=True) as driver:
        driver.verify_connectivity()
        writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size)
        return load_one(item, writer)


def delete_article(article_id: str, settings: Settings) -> DeleteResult:
    """Delete one article for the API (REST `DELETE /articles/{id}`, GraphQL `deleteArticle`)."""
    from kgapi.graph.driver import sync_driver

    with sync_driver(settings, fail_fast=True) as driver:
        writer = GraphWriter(driver, settings.neo4j_database, settings.batch_size)
        return writer.delete_article(article_id)
