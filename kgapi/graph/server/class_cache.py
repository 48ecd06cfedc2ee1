"""A JVM class-data-sharing archive of Neo4j's classes, per JDK build, for faster starts.

The archive lives next to the jars. Without one, a start records it: the JVM writes it to a
temporary file when it exits, and a clean stop moves it into place (so a reader never sees
a half-written archive).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import time
from pathlib import Path

from kgapi.graph.server.java import JavaRuntime

# The JDK's base archive was built without our --add-opens: CDS logs "errors" about that on
# every start although it works; an unusable archive is simply not used.
_QUIET = "-Xlog:cds=off"


def class_cache_args(java: JavaRuntime, dist_dir: Path) -> tuple[list[str], Path | None]:
    """JVM options that use (or record) the archive for `java`, and the temporary file the
    JVM records into on exit, if this start records one (hand it to `finish_class_cache`)."""
    release = java.home / "release"
    if not release.is_file():
        return [], None
    build = hashlib.sha256(f"{java.home.resolve()}\n{release.read_text()}".encode())
    archive = dist_dir / f"classes-java{java.version}-{build.hexdigest()[:12]}.jsa"
    if archive.is_file():
        return [f"-XX:SharedArchiveFile={archive}", _QUIET], None
    cutoff = time.time() - 3600
    for stale in dist_dir.glob("classes-*.jsa.tmp-*"):  # from killed servers
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
    pending = archive.with_name(f"{archive.name}.tmp-{secrets.token_hex(4)}")
    return [f"-XX:ArchiveClassesAtExit={pending}", _QUIET], pending


def finish_class_cache(pending: object, clean: bool) -> None:
    """After the server exited: move a recorded archive into place if the exit was `clean`
    (a killed JVM may have left it half-written), else delete it. `pending` is the path as
    recorded in the run state (a str), anything else is ignored."""
    if not isinstance(pending, str):
        return
    recorded = Path(pending)
    final = recorded.with_name(recorded.name.split(".tmp-")[0])
    with contextlib.suppress(OSError):
        if clean and recorded.is_file() and recorded.stat().st_size > 0 and not final.exists():
            os.replace(recorded, final)
        else:
            recorded.unlink(missing_ok=True)
