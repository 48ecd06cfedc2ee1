"""Java discovery: which JDK 21+ runs the managed Neo4j."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kgapi.config import NEO4J_VERSION
from kgapi.graph.server.common import Neo4jServerError

MIN_JAVA = 21
"""Neo4j 2025.x and later need Java 21+."""

JVM_DIRS: tuple[Path, ...] = (Path("/usr/lib/jvm"), Path("/Library/Java/JavaVirtualMachines"))


@dataclass(frozen=True)
class JavaRuntime:
    """A JDK/JRE: `home` is what JAVA_HOME should be, `java` the executable."""

    home: Path
    java: Path
    version: int

    def __str__(self) -> str:
        return f"Java {self.version} ({self.home})"


_QUOTED_VERSION = re.compile(r'(?:version|JAVA_VERSION)\s*=?\s*"(?P<v>[^"]+)"')
_LEADING_NUMBER = re.compile(r"(?P<major>\d+)(?:\.(?P<minor>\d+))?")


def parse_java_version(text: str) -> int | None:
    """The major Java version in `java -version` output, a `release` file or a bare version.

    `openjdk version "17.0.15"` -> 17, `JAVA_VERSION="25.0.3"` -> 25, `java version
    "1.8.0_292"` -> 8, `21` -> 21; None when there is none.
    """
    match = _QUOTED_VERSION.search(text)
    raw = match.group("v") if match else text.strip()
    number = _LEADING_NUMBER.match(raw)
    if number is None:
        return None
    major = int(number.group("major"))
    if major == 1 and number.group("minor"):  # 1.8 -> 8
        major = int(number.group("minor"))
    return major


def java_version(home: Path) -> int | None:
    """The major version of the Java in `home` (a JAVA_HOME), None if it is not one."""
    java = home / "bin" / "java"
    if not java.is_file():
        return None
    release = home / "release"
    if release.is_file():
        for line in release.read_text(errors="replace").splitlines():
            if line.startswith("JAVA_VERSION="):
                version = parse_java_version(line)
                if version is not None:
                    return version
    try:
        out = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return parse_java_version(out.stderr + out.stdout)


def _jvm_homes(dirs: Sequence[Path]) -> Iterator[Path]:
    for base in dirs:
        if not base.is_dir():
            continue
        for child in sorted(base.iterdir()):
            for home in (child, child / "Contents" / "Home"):  # Linux, macOS
                if (home / "bin" / "java").is_file():
                    yield home


_JAVA_HINT = (
    f"Neo4j {NEO4J_VERSION} needs Java {MIN_JAVA}+. Install a JDK {MIN_JAVA}+ (for example "
    "Temurin 21 or 25) and point KGAPI_JAVA_HOME at it (the directory holding bin/java), "
    "e.g. KGAPI_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64."
)


def find_java(
    java_home: Path | None = None,
    env: Mapping[str, str] | None = None,
    jvm_dirs: Sequence[Path] = JVM_DIRS,
) -> JavaRuntime:
    """The Java to run Neo4j on.

    In order: `java_home` (KGAPI_JAVA_HOME; an error if it is unusable), `$JAVA_HOME` if it
    is Java 21+, the newest JDK 21+ under /usr/lib/jvm (or macOS's JavaVirtualMachines), then
    `java` on PATH if it is 21+.

    Raises:
        Neo4jServerError: no usable Java 21+ (with a hint on installing one).
    """
    env = os.environ if env is None else env
    if java_home is not None:
        home = java_home.expanduser()
        version = java_version(home)
        if version is None:
            raise Neo4jServerError(
                f"KGAPI_JAVA_HOME={home} is not a Java installation (no bin/java).", _JAVA_HINT
            )
        if version < MIN_JAVA:
            raise Neo4jServerError(
                f"KGAPI_JAVA_HOME={home} is Java {version}; Neo4j {NEO4J_VERSION} needs "
                f"Java {MIN_JAVA}+.",
                _JAVA_HINT,
            )
        return JavaRuntime(home, home / "bin" / "java", version)

    if env.get("JAVA_HOME"):
        home = Path(env["JAVA_HOME"]).expanduser()
        version = java_version(home)
        if version is not None and version >= MIN_JAVA:
            return JavaRuntime(home, home / "bin" / "java", version)

    found: dict[Path, JavaRuntime] = {}
    for home in _jvm_homes(jvm_dirs):
        version = java_version(home)
        if version is not None and version >= MIN_JAVA:
            found.setdefault(home.resolve(), JavaRuntime(home, home / "bin" / "java", version))
    if found:
        return max(found.values(), key=lambda runtime: runtime.version)

    on_path = shutil.which("java", path=env.get("PATH"))
    if on_path:
        home = Path(on_path).resolve().parent.parent
        version = java_version(home)
        if version is not None and version >= MIN_JAVA:
            return JavaRuntime(home, home / "bin" / "java", version)
        seen = f"`java` on PATH is Java {version}" if version else "no usable Java found"
    else:
        seen = "no `java` on PATH"
    raise Neo4jServerError(
        f"Neo4j {NEO4J_VERSION} needs Java {MIN_JAVA}+, and {seen} "
        f"(also looked at $JAVA_HOME and {', '.join(str(d) for d in jvm_dirs)}).",
        _JAVA_HINT,
    )
