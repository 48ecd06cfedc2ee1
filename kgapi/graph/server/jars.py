"""Neo4j's jars from Maven Central, in a cache shared by every checkout.

`mvn dependency:copy-dependencies` on the small pom next to this module fills
`<jar_cache>/neo4j-<version>/lib` once; a `.complete` marker says the set is whole, and a file
lock keeps two processes from downloading into the same cache at once.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kgapi.graph.server.common import Neo4jServerError, Progress, no_progress
from kgapi.graph.server.java import JavaRuntime

POM_FILE = Path(__file__).parent / "neo4j-server.pom.xml"


@dataclass(frozen=True)
class JarSet:
    """The server's jars; `downloaded` is True when this call ran Maven."""

    lib: Path
    downloaded: bool
    seconds: float
    count: int


_MVN_HINT = (
    "Install it (Debian/Ubuntu: `sudo apt-get install maven`, macOS: "
    "`brew install maven`), or set NEO4J_URI to a Neo4j you already run."
)


def ensure_jars(
    dist_dir: Path,
    version: str,
    java: JavaRuntime,
    *,
    maven_args: Sequence[str] = (),
    progress: Progress = no_progress,
) -> JarSet:
    """The jars of Neo4j `version` in `dist_dir/lib`, downloaded with Maven the first time.

    Raises:
        Neo4jServerError: Maven is missing or could not fetch them (with its output's tail).
    """
    lib = dist_dir / "lib"
    marker = lib / ".complete"
    if marker.exists():
        return JarSet(lib, False, 0.0, len(list(lib.glob("*.jar"))))
    mvn = shutil.which("mvn")
    if mvn is None:
        raise Neo4jServerError(
            "Maven (`mvn`) is not installed; it fetches Neo4j's jars from Maven Central "
            "the first time.",
            _MVN_HINT,
        )
    dist_dir.mkdir(parents=True, exist_ok=True)
    with _lock(dist_dir / ".lock", progress):
        if marker.exists():  # another process downloaded them while we waited
            return JarSet(lib, False, 0.0, len(list(lib.glob("*.jar"))))
        started = time.monotonic()
        count = _download(mvn, dist_dir, version, java, maven_args, progress)
        return JarSet(lib, True, time.monotonic() - started, count)


@contextlib.contextmanager
def _lock(path: Path, progress: Progress) -> Iterator[None]:
    if sys.platform == "win32":  # pragma: no cover - the managed server is POSIX only
        yield
        return
    import fcntl

    with path.open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(f"Waiting for another download into {path.parent}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_DOWNLOADED = re.compile(r"Downloaded from \S+: (?P<url>\S+) \((?P<size>[\d.,]+ [kMG]?B)")
_COPYING = re.compile(r"Copying \S+\.jar to ")


def _mvn_size(text: str) -> float:
    number, unit = text.split()
    factor = {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}.get(unit, 1)
    return float(number.replace(",", "")) * factor


def _download(
    mvn: str,
    dist_dir: Path,
    version: str,
    java: JavaRuntime,
    maven_args: Sequence[str],
    progress: Progress,
) -> int:
    lib = dist_dir / "lib"
    # Maven writes into a directory of its own, renamed into place only when complete.
    partial = dist_dir / f"lib.partial-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    pom = dist_dir / "pom.xml"
    shutil.copyfile(POM_FILE, pom)
    command = [
        mvn,
        "-B",
        "-f",
        str(pom),
        f"-Dneo4j.version={version}",
        *maven_args,
        "dependency:copy-dependencies",
        f"-DoutputDirectory={partial}",
        "-DincludeScope=runtime",
    ]
    env = {**os.environ, "JAVA_HOME": str(java.home)}
    output: list[str] = []
    downloaded = copied = 0
    size = 0.0
    title = f"Fetching Neo4j {version} from Maven Central"
    progress(f"{title} (mvn)…")
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=dist_dir,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        line = line.rstrip()
        output.append(line)
        if match := _DOWNLOADED.search(line):
            downloaded += 1
            size += _mvn_size(match.group("size"))
            name = match.group("url").rsplit("/", 1)[-1]
            progress(f"{title}: {downloaded} files, {size / 1e6:.1f} MB — {name}")
        elif match := _COPYING.search(line):
            copied += 1
            progress(f"Copying Neo4j jars into {lib}: {copied}")
    returncode = process.wait()
    jar = partial / f"neo4j-{version}.jar"
    if returncode != 0 or not jar.exists():
        shutil.rmtree(partial, ignore_errors=True)
        log = "\n".join(output[-25:])
        raise Neo4jServerError(
            f"Maven could not fetch Neo4j {version} (exit {returncode}):\n{log}",
            "Check the network access to Maven Central (repo.maven.apache.org) and any "
            "proxy in ~/.m2/settings.xml, then run `kgapi neo4j start` again.",
        )
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    count = len(list(lib.glob("*.jar")))
    (lib / ".complete").write_text(f"{version}\n{count} jars\n")
    return count
