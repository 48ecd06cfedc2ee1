"""Can the managed server write where it keeps its graph? Checked before it starts and before
a load into it, so a read-only or full disk is reported as such, not as a crash in Neo4j's log.

- **Read-only**: every directory and file under `data/`, and the `logs/` and `run/`
  directories, must be writable by this process (the one that runs Neo4j): a read-only
  mount, a directory restored as another user, `chmod -w`.
- **Disk full**: the filesystem holding `data/` must have `KGAPI_NEO4J_MIN_FREE_DISK` free.
  Neo4j needs room for its transaction logs and store growth; below that, starting or
  loading is refused (a full disk during a write makes Neo4j fail the transaction, or stop
  the database, which a load reports as articles not written).
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from kgapi.graph.server.common import Neo4jServerError
from kgapi.graph.server.conf import parse_size


def _writable(path: Path) -> bool:
    # os.access honours read-only mounts (EROFS) and the mode bits for this process's
    # credentials and capabilities: what Neo4j, started by this process, would meet.
    return os.access(path, os.W_OK)


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _human(size: int) -> str:
    for unit, factor in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} B"


def read_only_paths(home: Path, limit: int = 5) -> list[Path]:
    """Up to `limit` paths of the server's home that Neo4j could not write (none: all fine)."""
    found: list[Path] = []
    if not home.exists():
        parent = _nearest_existing(home)
        return [] if _writable(parent) else [parent]
    candidates = [home, home / "logs", home / "run"]
    data = home / "data"
    if data.exists():
        candidates.append(data)
        for root, dirs, files in os.walk(data):
            candidates.extend(Path(root) / name for name in (*dirs, *files))
    for path in candidates:
        if path.exists() and not _writable(path):
            found.append(path)
            if len(found) >= limit:
                break
    return found


def check_storage(home: Path, min_free: str) -> None:
    """Raise if the managed server in `home` could not write its graph.

    Raises:
        Neo4jServerError: a read-only directory or file, or less than `min_free` (a size
            such as `256m`) free on the filesystem of its data directory.
    """
    blocked = read_only_paths(home)
    if blocked:
        listed = "\n  ".join(map(str, blocked))
        raise Neo4jServerError(
            f"The managed Neo4j cannot write its data: read-only (permission denied or a "
            f"read-only filesystem):\n  {listed}",
            f"Make {home} writable by this user (e.g. `chmod -R u+w {home}`, or remount it "
            "read-write), or point KGAPI_HOME at a writable directory.",
        )
    needed = parse_size(min_free)
    where = _nearest_existing(home / "data")
    try:
        free = shutil.disk_usage(where).free
    except OSError as error:  # pragma: no cover - a vanished mount
        raise Neo4jServerError(f"Cannot read the free space of {where}: {error}") from error
    if free < needed:
        raise Neo4jServerError(
            f"The managed Neo4j's disk is full: {_human(free)} free on the filesystem of "
            f"{where}, less than KGAPI_NEO4J_MIN_FREE_DISK={min_free} "
            f"({os.strerror(errno.ENOSPC)} is what Neo4j would meet next).",
            "Free some space there (old dumps, logs), move KGAPI_HOME to a larger disk, or "
            "lower KGAPI_NEO4J_MIN_FREE_DISK if you know the graph fits.",
        )
