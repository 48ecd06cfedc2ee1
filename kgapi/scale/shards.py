"""Sharded extraction: inputs in, JSON Lines shards of contract documents out, resumable.

Extraction is a pure map (article → contract document), so it splits into shards that any
worker may do in any order: shard *i* holds the *i*-th run of `shard_size` inputs (read
errors left out), in input order. A shard is written whole or not at all (a hidden
temporary file renamed into place), so a run that stops leaves finished shards and
nothing half-written, and the next run over the same inputs skips them. `kgapi load DIR`
then writes the shards: it reads `*.jsonl` and skips hidden files, which is where the
manifest, temporary files and failure lists live.

    DIR/shard-00000.jsonl           one contract document per line, the article text in it
    DIR/.kgapi-shards.json          the manifest (shard size, inputs), checked on resume
    DIR/.failures/shard-00000.jsonl articles whose extraction failed: origin and reason

Error policy (as the pipeline's): an article whose extraction raises is left out of its
shard and listed in the failure file and the report; a read error is reported, not
sharded. Planning and writing happen in the calling process; an `Engine` only runs
`extract_shard`, so the shard files are the same whoever ran them.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from kgapi.ingest.read import ReadError
from kgapi.model import Article, Extraction

MANIFEST = ".kgapi-shards.json"
FAILURES = ".failures"
MANIFEST_FORMAT = 1
DEFAULT_SHARD_SIZE = 1000


class ShardsError(ValueError):
    """The output directory cannot take these shards (another run's, or not a directory)."""


@dataclass(frozen=True)
class ShardTask:
    """One shard's inputs, in input order: articles to extract, or ready extractions."""

    index: int
    items: list[Article | Extraction]


@dataclass(frozen=True)
class ShardFailure:
    """An article left out of its shard: where it came from and why."""

    origin: str
    reason: str


@dataclass(frozen=True)
class ShardResult:
    """A shard done: its JSON Lines text and what it holds."""

    index: int
    jsonl: str
    articles: int
    entities: int
    statements: int
    failures: list[ShardFailure] = field(default_factory=list)


class Engine(Protocol):
    """Runs `extract_shard` over tasks, yielding results as they finish (any order)."""

    def run(self, tasks: Iterator[ShardTask]) -> Iterator[ShardResult]: ...


@dataclass
class ShardReport:
    """Totals of one sharded run; `skipped` shards were already written by an earlier run."""

    written: int = 0
    skipped: int = 0
    articles: int = 0
    entities: int = 0
    statements: int = 0
    failures: list[ShardFailure] = field(default_factory=list)
    read_errors: list[ReadError] = field(default_factory=list)


def shard_name(index: int) -> str:
    """File name of shard `index`: sorted names are shard order."""
    return f"shard-{index:05d}.jsonl"


# --------------------------------------------------------------------------- the map
def _document(extraction: Extraction) -> str:
    return extraction.model_dump_json()


def extract_shard(task: ShardTask) -> ShardResult:
    """Extract one shard (in a worker): the pipeline's per-article map, in input order.

    Pure: the same task gives the same result on any worker. Never raises for an
    article's fault: a failed article is left out and listed in `failures`.
    """
    from kgapi.pipeline import EXTRACT_CHUNK, extract_chunk

    lines: list[str] = []
    failures: list[ShardFailure] = []
    entities = statements = 0

    def emit(extraction: Extraction) -> None:
        nonlocal entities, statements
        lines.append(_document(extraction))
        entities += len(extraction.entities)
        statements += len(extraction.statements)

    chunk: list[Article] = []

    def flush() -> None:
        if not chunk:
            return
        for article, result in zip(chunk, extract_chunk(chunk), strict=True):
            if isinstance(result, str):
                failures.append(ShardFailure(article.origin or article.meta.id, result))
            else:
                emit(result)
        chunk.clear()

    for item in task.items:
        if isinstance(item, Article):
            chunk.append(item)
            if len(chunk) >= EXTRACT_CHUNK:
                flush()
        else:
            flush()  # keep input order around a ready extraction
            emit(item)
    flush()
    jsonl = "".join(line + "\n" for line in lines)
    return ShardResult(task.index, jsonl, len(lines), entities, statements, failures)


# --------------------------------------------------------------------------- engines
@dataclass
class LocalEngine:
    """Shards in this process (`workers` 1) or in a pool of `workers` processes.

    A process loads the spaCy pipeline once, on its first shard (it is cached per
    process), and keeps it for the next ones.
    """

    workers: int = 1

    def run(self, tasks: Iterator[ShardTask]) -> Iterator[ShardResult]:
        if self.workers <= 1:
            yield from map(extract_shard, tasks)
            return
        with ProcessPoolExecutor(max_workers=self.workers) as pool:
            # At most two shards per worker in flight: memory stays flat on big inputs.
            pending: set[Future[ShardResult]] = set()
            for task in tasks:
                if len(pending) >= 2 * self.workers:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    yield from (future.result() for future in done)
                pending.add(pool.submit(extract_shard, task))
            for future in pending:
                yield future.result()


# --------------------------------------------------------------------------- the driver
def _manifest(shard_size: int, inputs: list[str]) -> dict[str, object]:
    return {"format": MANIFEST_FORMAT, "shard_size": shard_size, "inputs": inputs}


def prepare_output(out_dir: Path, *, shard_size: int, inputs: list[str]) -> None:
    """Create `out_dir`, or check that its shards are from the same inputs and shard size.

    Raises:
        ShardsError: `out_dir` is a file, or holds shards of other inputs or another size
            (resuming would mix two runs).
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise ShardsError(f"{out_dir} is a file, not a directory")
    wanted = _manifest(shard_size, inputs)
    manifest = out_dir / MANIFEST
    if manifest.exists():
        found = json.loads(manifest.read_text())
        if found != wanted:
            raise ShardsError(
                f"{out_dir} holds shards of another run (shard size {found.get('shard_size')}, "
                f"inputs {found.get('inputs')}): resume with the same inputs and "
                "--shard-size, or choose a new directory"
            )
        return
    if out_dir.is_dir() and any(out_dir.glob("shard-*.jsonl")):
        raise ShardsError(f"{out_dir} holds shards without a manifest: choose a new directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_atomically(manifest, json.dumps(wanted, indent=2) + "\n")


def _write_atomically(path: Path, text: str) -> None:
    # A hidden temporary name (skipped by `kgapi load` and by resume), then one rename:
    # a reader or a resumed run sees the whole file or none of it.
    temporary = path.with_name(f".{path.name}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def plan_shards(
    items: Iterable[Article | Extraction | ReadError],
    out_dir: Path,
    shard_size: int,
    report: ShardReport,
) -> Iterator[ShardTask]:
    """Group the read stream into shards; shards already in `out_dir` are counted as
    skipped and not yielded, read errors go to the report."""
    index = 0
    batch: list[Article | Extraction] = []

    def task() -> ShardTask | None:
        nonlocal index, batch
        current, index, batch = ShardTask(index, batch), index + 1, []
        if (out_dir / shard_name(current.index)).exists():
            report.skipped += 1
            return None
        return current

    for item in items:
        if isinstance(item, ReadError):
            report.read_errors.append(item)
            continue
        batch.append(item)
        if len(batch) >= shard_size and (ready := task()) is not None:
            yield ready
    if batch and (ready := task()) is not None:
        yield ready


def write_shard(out_dir: Path, result: ShardResult) -> Path:
    """Write one finished shard (and its failures, if any) into `out_dir`."""
    if result.failures:
        failures = out_dir / FAILURES
        failures.mkdir(exist_ok=True)
        lines = [json.dumps({"origin": f.origin, "reason": f.reason}) for f in result.failures]
        _write_atomically(failures / shard_name(result.index), "\n".join(lines) + "\n")
    path = out_dir / shard_name(result.index)
    _write_atomically(path, result.jsonl)
    return path


def extract_to_shards(
    items: Iterable[Article | Extraction | ReadError],
    out_dir: Path,
    *,
    inputs: list[str],
    engine: Engine,
    shard_size: int = DEFAULT_SHARD_SIZE,
    on_shard: Callable[[ShardResult], None] | None = None,
) -> ShardReport:
    """Extract `items` into JSON Lines shards under `out_dir`, skipping shards already there.

    `inputs` (the paths as given) go into the manifest, so a resumed run is checked to be
    the same run. Shards are written as the engine finishes them, in any order.

    Raises:
        ShardsError: see `prepare_output`.
    """
    if shard_size < 1:
        raise ShardsError("the shard size must be at least 1")
    prepare_output(out_dir, shard_size=shard_size, inputs=inputs)
    report = ShardReport()
    for result in engine.run(plan_shards(items, out_dir, shard_size, report)):
        write_shard(out_dir, result)
        report.written += 1
        report.articles += result.articles
        report.entities += result.entities
        report.statements += result.statements
        report.failures.extend(result.failures)
        if on_shard is not None:
            on_shard(result)
    return report
