"""The one graph writer: idempotent, atomic per article, batched.

- **Idempotent.** An article whose text sha256 and extraction hash match what the graph
  holds is `unchanged` and nothing is written. Same id with a new text or extraction is
  `replaced`: its reports and mentions are deleted and rewritten in the same transaction,
  entities nothing references any more are removed, everything else is left alone.
- **One statement, many reports.** A statement other articles carry too joins their claim
  (`claim_merge`, by the rule of `statement_identity`): the graph is the same whatever
  order or batches the articles come in.
- **Batched.** Several articles share one transaction; their rows go as `UNWIND $rows`
  chunks of `batch_size`. Every statement is in `write_queries`.
- **Atomic per article.** When a multi-article transaction fails, nothing of it is
  committed and its articles are retried one per transaction: the good ones land, the bad
  one fails alone and leaves no trace. Transient errors (deadlocks, leader switches) are
  retried by the driver's transaction functions (`session.execute_write`).
- **Searchable when done.** The full-text indexes are eventually consistent; `write_many`
  and `delete_article` wait for their refresh before returning (`await_search_indexes`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

import neo4j
from neo4j.exceptions import (
    AuthError,
    DatabaseUnavailable,
    DriverError,
    Forbidden,
    Neo4jError,
)

from kgapi.graph import claim_merge, data_version
from kgapi.graph import write_queries as q
from kgapi.graph.rows import (
    ENTITY_LABELS,
    ArticleRows,
    StatementRows,
    article_rows,
    statement_rows,
)
from kgapi.model import Extraction

logger = logging.getLogger(__name__)

WriteStatus = Literal["loaded", "unchanged", "replaced", "failed"]


@dataclass(frozen=True)
class WriteCounts:
    """What one article consists of in the graph (the same whether written or unchanged)."""

    entities: int = 0
    claims: int = 0
    relationships: int = 0


@dataclass(frozen=True)
class WriteResult:
    """The outcome of writing one extraction."""

    article_id: str
    status: WriteStatus
    counts: WriteCounts = field(default_factory=WriteCounts)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "failed"


@dataclass(frozen=True)
class DeleteResult:
    """The outcome of deleting one article."""

    article_id: str
    found: bool
    claims: int = 0  # claims that went with their last report (others only lost one)
    mentions: int = 0
    entities_removed: int = 0


class WriteError(Exception):
    """One article could not be written; nothing of it is in the graph."""

    def __init__(self, article_id: str, reason: str) -> None:
        super().__init__(f"{article_id}: {reason}")
        self.article_id = article_id
        self.reason = reason


def _describe(error: BaseException) -> str:
    """A one-line reason for a report: Neo4j's status code and message, or the exception."""
    if isinstance(error, Neo4jError) and error.code:
        message = (error.message or "").splitlines()[0] if error.message else str(error)
        return f"{error.code}: {message}"
    return f"{type(error).__name__}: {error}"


def stops_the_load(error: BaseException) -> bool:
    """Whether `error` is no one article's fault: the connection, the credentials, or the
    database itself is down (killed, restarting, panicked after a disk error). Every
    article would fail the same way, so the writer raises these instead of reporting them
    thousands of times, and a load stops there (`pipeline.load_stream`)."""
    return isinstance(error, (DriverError, AuthError, Forbidden, DatabaseUnavailable))


_Prepared = tuple[
    list[WriteResult | None],
    list[tuple[int, ArticleRows]],
    StatementRows | None,
    claim_merge.Plan | None,
]
"""Results so far (the failed mappings), the mapped articles with their input index, and
the statement rows and claim plan of all of them (used when they make one transaction and
none is unchanged: the common case, mapped ahead in the helper thread)."""


def _batched(items: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    batch: list[Extraction] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _chunks(
    rows: list[dict[str, Any]], size: int, nested: str | None = None
) -> Iterator[list[dict[str, Any]]]:
    """Chunks of about `size` rows; a row's `nested` list (its mentions, its ABOUT ids)
    counts as rows too, since the statement UNWINDs it."""
    chunk: list[dict[str, Any]] = []
    weight = 0
    for row in rows:
        chunk.append(row)
        weight += 1 + (len(row[nested]) if nested else 0)
        if weight >= size:
            yield chunk
            chunk, weight = [], 0
    if chunk:
        yield chunk


class _Rows(list[dict[str, Any]]):
    """A chunk of parameter rows whose `repr` is short.

    The driver formats `repr()` of every RUN's parameters for its debug log before
    checking whether debug logging is on: for a chunk of 5,000 rows with article texts
    that is a measurable share of the write stage (docs/benchmarks.md).
    """

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


class GraphWriter:
    """Writes extractions into Neo4j. One instance per driver; not thread-safe by design
    (give each thread its own writer — they may share the driver)."""

    def __init__(
        self,
        driver: neo4j.Driver,
        database: str,
        batch_size: int = 500,
        *,
        articles_per_transaction: int = 100,
    ) -> None:
        if batch_size < 1 or articles_per_transaction < 1:
            raise ValueError("batch_size and articles_per_transaction must be >= 1")
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.articles_per_transaction = articles_per_transaction
        #: What the duplicate check read back over this writer's transactions (a
        #: transaction the driver retries counts again): its cost grows with these.
        self.merge_reads = claim_merge.Reads()

    # ------------------------------------------------------------------ public API
    def write(self, extraction: Extraction) -> WriteResult:
        """Write one article in one transaction. Raises `WriteError` if it fails."""
        result = self.write_batch([extraction])[0]
        if result.status == "failed":
            raise WriteError(result.article_id, result.error or "unknown error")
        return result

    def write_many(self, extractions: Iterable[Extraction]) -> Iterator[WriteResult]:
        """Write a stream of extractions, `articles_per_transaction` per transaction.

        Yields one result per input, in input order; failures are results with status
        `failed` and the reason, never raised (except fatal connection/auth errors).
        Before it returns, the full-text indexes hold everything written.
        The rows of the next transaction are mapped in a helper thread while the current
        one runs (the mapping is pure Python; waiting on Neo4j releases the GIL).
        """
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kgapi-rows") as pool:
            pending: Future[_Prepared] | None = None
            for batch in _batched(extractions, self.articles_per_transaction):
                ahead = pool.submit(self._prepare, batch)
                if pending is not None:
                    yield from self._write_prepared(*pending.result())
                pending = ahead
            if pending is not None:
                yield from self._write_prepared(*pending.result())
        self.await_search_indexes()

    def write_batch(self, extractions: Sequence[Extraction]) -> list[WriteResult]:
        """Write these extractions in as few transactions as possible, isolating failures.

        Returns one result per input, in order. An extraction that cannot be mapped fails
        before any transaction; a transaction that fails is retried one article at a time.
        """
        return self._write_prepared(*self._prepare(extractions))

    @staticmethod
    def _prepare(extractions: Sequence[Extraction]) -> _Prepared:
        """Map extractions to rows; one that cannot be mapped is already a failed result."""
        results: list[WriteResult | None] = [None] * len(extractions)
        prepared: list[tuple[int, ArticleRows]] = []
        for index, extraction in enumerate(extractions):
            try:
                rows = article_rows(extraction)
                rows.reports()  # with their index keys: made here, ahead of the transaction
                prepared.append((index, rows))
            except ValueError as error:  # RowsError, or a model inconsistency
                aid = extraction.article.id or "?"
                results[index] = WriteResult(aid, "failed", error=f"invalid extraction: {error}")
        ahead = statement_rows([rows for _, rows in prepared]) if prepared else None
        reports = [report for _, rows in prepared for report in rows.reports()]
        planned = claim_merge.plan(reports) if reports else None
        return results, prepared, ahead, planned

    def _write_prepared(
        self,
        results: list[WriteResult | None],
        prepared: list[tuple[int, ArticleRows]],
        ahead: StatementRows | None = None,
        planned: claim_merge.Plan | None = None,
    ) -> list[WriteResult]:
        """Write mapped articles by transaction groups, filling `results` in input order."""
        for group in self._groups(prepared):
            try:
                statuses = self._run(group, ahead, planned)
            except Exception as error:
                if stops_the_load(error):
                    raise
                if len(group) == 1:
                    index, rows = group[0]
                    logger.warning("article %s failed: %s", rows.article_id, _describe(error))
                    results[index] = WriteResult(rows.article_id, "failed", error=_describe(error))
                    continue
                # Nothing of the group was committed; find the bad article(s) by writing
                # each alone, so the good ones still land.
                logger.info(
                    "batch of %d failed (%s); retrying one article per transaction",
                    len(group),
                    _describe(error),
                )
                for index, rows in group:
                    try:
                        statuses = self._run([(index, rows)])
                    except Exception as single_error:
                        if stops_the_load(single_error):
                            raise
                        reason = _describe(single_error)
                        logger.warning("article %s failed: %s", rows.article_id, reason)
                        results[index] = WriteResult(rows.article_id, "failed", error=reason)
                    else:
                        results[index] = self._result(rows, statuses[rows.article_id])
                continue
            for index, rows in group:
                results[index] = self._result(rows, statuses[rows.article_id])
        return [r for r in results if r is not None]

    def delete_article(self, article_id: str) -> DeleteResult:
        """Remove an article, its reports (a claim goes with its last report) and mentions,
        and the entities only it referenced."""
        with self._session() as session:
            result = session.execute_write(self._delete_tx, article_id)
        self.await_search_indexes()
        return result

    def await_search_indexes(self) -> None:
        """Wait until the full-text indexes reflect every committed write.

        They are eventually consistent (schema/003_fulltext.cypher): commits do not wait
        for Lucene, so the loader calls this once at the end of a load, and the API's
        ingest and delete before answering. A search made after either sees its writes.
        """
        with self._session() as session:
            session.run(q.AWAIT_SEARCH_INDEXES).consume()

    # ------------------------------------------------------------------ internals
    @staticmethod
    def _result(rows: ArticleRows, status: WriteStatus) -> WriteResult:
        counts = WriteCounts(rows.entity_count, rows.claim_count, rows.relationship_count)
        return WriteResult(rows.article_id, status, counts)

    def _groups(
        self, prepared: list[tuple[int, ArticleRows]]
    ) -> Iterator[list[tuple[int, ArticleRows]]]:
        """Transaction groups in input order; an article id never appears twice in one
        (the later version must see the earlier one committed to be compared with it)."""
        group: list[tuple[int, ArticleRows]] = []
        ids: set[str] = set()
        for item in prepared:
            aid = item[1].article_id
            if aid in ids or len(group) >= self.articles_per_transaction:
                yield group
                group, ids = [], set()
            group.append(item)
            ids.add(aid)
        if group:
            yield group

    def _session(self) -> neo4j.Session:
        # Write access, stated: with a routing URI (neo4j://) the session goes to the
        # cluster's leader, and so do `await_search_indexes`'s auto-commit calls, so they
        # wait on the member that committed the writes.
        # Notifications off: the "property key does not exist" warnings of a fresh graph
        # are noise on every first load.
        return self.driver.session(
            database=self.database,
            default_access_mode=neo4j.WRITE_ACCESS,
            notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
        )

    def _run(
        self,
        group: list[tuple[int, ArticleRows]],
        ahead: StatementRows | None = None,
        planned: claim_merge.Plan | None = None,
    ) -> dict[str, WriteStatus]:
        articles = [rows for _, rows in group]
        with self._session() as session:
            return session.execute_write(self._write_tx, articles, ahead, planned)

    def _exec(
        self,
        tx: neo4j.ManagedTransaction,
        query: str,
        rows: list[dict[str, Any]],
        nested: str | None = None,
    ) -> None:
        for chunk in _chunks(rows, self.batch_size, nested):
            tx.run(query, rows=_Rows(chunk)).consume()

    def _write_tx(
        self,
        tx: neo4j.ManagedTransaction,
        articles: list[ArticleRows],
        ahead: StatementRows | None = None,
        planned: claim_merge.Plan | None = None,
    ) -> dict[str, WriteStatus]:
        """The transaction function: may run more than once (driver retries), so it decides
        every status from what it reads inside the transaction."""
        ids = [a.article_id for a in articles]
        existing = {
            record["id"]: (record["sha256"], record["extraction_hash"])
            for record in tx.run(q.EXISTING_ARTICLES, ids=ids)
        }
        statuses: dict[str, WriteStatus] = {}
        todo: list[ArticleRows] = []
        replaced: list[str] = []
        for article in articles:
            before = existing.get(article.article_id)
            if before is None:
                statuses[article.article_id] = "loaded"
            elif before == (article.sha256, article.extraction_hash):
                statuses[article.article_id] = "unchanged"
                continue
            else:
                statuses[article.article_id] = "replaced"
                replaced.append(article.article_id)
            todo.append(article)
        if not todo:
            return statuses

        candidates: list[str] = []
        if replaced:
            candidates = [r["entity_id"] for r in tx.run(q.ARTICLE_REFERENCES, ids=replaced)]
            claim_merge.detach(tx, self._exec, replaced)
            tx.run(q.DELETE_MENTIONS, ids=replaced).consume()

        # The rows mapped ahead fit when they are for exactly the articles to write.
        todo_ids = tuple(a.article_id for a in todo)
        rows = ahead if ahead is not None and ahead.ids == todo_ids else statement_rows(todo)
        # Entities first: articles (with their MENTIONS) and claims (with STATED,
        # REPORTED_IN and ABOUT) then only look them up.
        for label, entity_rows in rows.entities.items():
            self._exec(tx, q.MERGE_ENTITIES[label], entity_rows)
        self._exec(tx, q.MERGE_ARTICLES, rows.articles, "mentions")
        # A statement other articles carry too joins their claim (one statement, many reports).
        # (`planned` groups them ahead; `attach` checks it is for these reports.)
        new = [report for a in todo for report in a.reports()]
        self.merge_reads.add(claim_merge.attach(tx, self._exec, new, planned))
        self._exec(tx, q.MERGE_AFFILIATED_WITH, rows.affiliations)

        if candidates:
            self._remove_orphans(tx, candidates)
        data_version.bump(tx)  # last: cached results are now older than the graph
        return statuses

    def _remove_orphans(self, tx: neo4j.ManagedTransaction, candidates: list[str]) -> int:
        removed = 0
        for _ in range(2):  # an orphaned actor's removal can orphan its organization
            record = tx.run(q.DELETE_ORPHANS, ids=candidates).single()
            removed += record["deleted"] if record else 0
        tx.run(q.RECOMPUTE_ALIASES, ids=candidates).consume()
        return removed

    def _delete_tx(self, tx: neo4j.ManagedTransaction, article_id: str) -> DeleteResult:
        ids = [article_id]
        if not list(tx.run(q.EXISTING_ARTICLES, ids=ids)):
            return DeleteResult(article_id, found=False)
        candidates = [r["entity_id"] for r in tx.run(q.ARTICLE_REFERENCES, ids=ids)]
        claims = claim_merge.detach(tx, self._exec, ids)
        mentions = tx.run(q.DELETE_MENTIONS, ids=ids).single()
        tx.run(q.DELETE_ARTICLE, id=article_id).consume()
        removed = self._remove_orphans(tx, candidates) if candidates else 0
        data_version.bump(tx)  # last: cached results are now older than the graph
        return DeleteResult(
            article_id,
            found=True,
            claims=claims,
            mentions=mentions["deleted"] if mentions else 0,
            entities_removed=removed,
        )


__all__ = [
    "ENTITY_LABELS",
    "DeleteResult",
    "GraphWriter",
    "WriteCounts",
    "WriteError",
    "WriteResult",
    "WriteStatus",
    "stops_the_load",
]
