"""A watched directory: batches of its loadable files (articles, feeds, WARC files) that
appeared or changed, as they do, through watchfiles (inotify/FSEvents, polling elsewhere).

Changes are debounced (an editor's save, a copy of many files: one batch) and deleted files
are left aside: a file removed from the folder does not delete its article from the graph
(`kgapi delete` does). Loading is idempotent, so a file saved twice unchanged is
`unchanged`, and a changed one `replaced`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from kgapi.ingest.read import is_loadable

#: Milliseconds of quiet before a batch of changes is handed on.
DEBOUNCE_MS = 800
#: Milliseconds of quiet after which the watcher reports in (the first time: it is ready).
READY_MS = 500


def _wanted(path: Path, roots: Sequence[Path]) -> bool:
    """A loadable file, not hidden (".#draft.txt", ".git/…") below its watched root."""
    for root in roots:
        try:
            parts = path.relative_to(root).parts
        except ValueError:
            continue
        return is_loadable(path) and not any(p.startswith(".") for p in parts)
    return False


def watch_files(
    directories: Sequence[Path],
    *,
    stop_event: threading.Event | None = None,
    debounce_ms: int = DEBOUNCE_MS,
) -> Iterator[list[Path]]:
    """Yield, batch by batch, the loadable files under `directories` that were added or
    modified (sorted; deleted ones left out), until `stop_event` is set (or forever: the
    CLI stops on Ctrl-C, which raises `KeyboardInterrupt` out of here).

    The first batch is always empty, yielded as soon as the watch is in place: what a
    caller reads after it (the directories' present files) cannot slip between a first
    load and the start of the watch.
    """
    from watchfiles import Change, watch

    roots = [d.resolve() for d in directories]

    def keep(change: Change, raw: str) -> bool:
        return change != Change.deleted and _wanted(Path(raw), roots)

    ready = False
    for changes in watch(
        *roots,
        watch_filter=keep,
        stop_event=stop_event,
        debounce=debounce_ms,
        rust_timeout=READY_MS,
        yield_on_timeout=True,  # an empty set when quiet: the first one says it is watching
    ):
        if not ready:
            ready = True
            yield []
        paths = sorted({Path(raw) for _, raw in changes if Path(raw).is_file()})
        if paths:
            yield paths
