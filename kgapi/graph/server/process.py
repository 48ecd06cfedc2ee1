"""A managed local Neo4j Community server: `kgapi neo4j start | stop | status`.

Neo4j's jars come from Maven Central (`mvn dependency:copy-dependencies` on the small pom
next to this module) into `<jar_cache>/neo4j-<version>/lib`, shared by every checkout, so
only the first start downloads. The server itself lives in `settings.neo4j_home`:

    conf/neo4j.conf        written by kgapi on every start (loopback only, ports, memory)
    data/ logs/ plugins/   Neo4j's own directories: logs/neo4j.log is the server's log,
                           logs/console.log the JVM's own output (crashes, bad options)
    run/neo4j.pid          the pid of the background JVM
    run/neo4j.json         how it was started (ports, version, Java), read by `status`
    password               the generated password (0600), unless NEO4J_PASSWORD is set

Nothing here runs at import time; the library raises `Neo4jServerError` (with a hint on how to
fix it) and the CLI turns that into a message.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import neo4j
from neo4j import exceptions as neo4j_errors
from rich.console import Console

from kgapi.config import NEO4J_VERSION, Settings

MIN_JAVA = 21
"""Neo4j 2025.x and later need Java 21+."""

ENTRY_POINT = "org.neo4j.server.Neo4jCommunity"
POM_FILE = Path(__file__).parent / "neo4j-server.pom.xml"
JVM_DIRS: tuple[Path, ...] = (Path("/usr/lib/jvm"), Path("/Library/Java/JavaVirtualMachines"))
LOOPBACK = "127.0.0.1"
_INITIAL_USER = ("neo4j", "neo4j")


class Neo4jServerError(RuntimeError):
    """The managed server could not be set up, started or stopped."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


# --- Java -----------------------------------------------------------------------------


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


# --- Configuration ---------------------------------------------------------------------

_SIZE = re.compile(r"^\s*(\d+)\s*([kmgt]?)b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def parse_size(size: str) -> int:
    """Bytes in a JVM-style size: `512m`, `1g`, `1024k`, `2G`."""
    match = _SIZE.match(size)
    if match is None:
        raise Neo4jServerError(
            f"Not a memory size: {size!r}.", "Use a number with k, m or g, e.g. 512m or 1g."
        )
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


def initial_heap(heap: str) -> str:
    """The initial heap: the max heap, but at most 512m, so a small machine is not squeezed."""
    return heap if parse_size(heap) <= parse_size("512m") else "512m"


def render_conf(home: Path, *, bolt_port: int, http_port: int, heap: str, pagecache: str) -> str:
    """The `neo4j.conf` of a managed server in `home`: loopback only, auth on, small memory."""
    parse_size(heap)
    parse_size(pagecache)
    return "\n".join(
        [
            "# Written by `kgapi neo4j start` on every start; edit KGAPI_* settings instead.",
            f"server.default_listen_address={LOOPBACK}",
            f"server.default_advertised_address={LOOPBACK}",
            "server.bolt.enabled=true",
            f"server.bolt.listen_address={LOOPBACK}:{bolt_port}",
            f"server.bolt.advertised_address={LOOPBACK}:{bolt_port}",
            "server.http.enabled=true",
            f"server.http.listen_address={LOOPBACK}:{http_port}",
            f"server.http.advertised_address={LOOPBACK}:{http_port}",
            "server.https.enabled=false",
            f"server.memory.heap.initial_size={initial_heap(heap)}",
            f"server.memory.heap.max_size={heap}",
            f"server.memory.pagecache.size={pagecache}",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            "# Shut down in about a second instead of ~10 s of idle Bolt/Netty grace periods.",
            "internal.dbms.bolt.netty_server_shutdown_quiet_period_duration=100ms",
            "internal.dbms.bolt.netty_server_shutdown_timeout=2",
            "internal.server.bolt.thread_pool_shutdown_wait_time=1s",
            "internal.server.bolt.connection_shutdown_wait_time=1s",
            f"server.directories.data={home / 'data'}",
            f"server.directories.logs={home / 'logs'}",
            f"server.directories.plugins={home / 'plugins'}",
            f"server.directories.import={home / 'import'}",
            f"server.directories.run={home / 'run'}",
            "",
        ]
    )


def java_command(
    java: JavaRuntime, lib: Path, home: Path, *, heap: str, extra: Sequence[str] = ()
) -> list[str]:
    """The command line that runs Neo4j Community from the jars in `lib`."""
    quiet = ["--enable-native-access=ALL-UNNAMED"]
    if java.version >= 23:  # unknown option before Java 23
        quiet.append("--sun-misc-unsafe-memory-access=allow")
    return [
        str(java.java),
        f"-Xms{initial_heap(heap)}",
        f"-Xmx{heap}",
        "-XX:+UseG1GC",
        "-XX:-OmitStackTraceInFastThrow",
        "-XX:+DisableExplicitGC",
        "-Djdk.nio.maxCachedBufferSize=1024",
        "-Dio.netty.tryReflectionSetAccessible=true",
        "-Dlog4j2.disable.jmx=true",
        "-Dfile.encoding=UTF-8",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        *quiet,
        *extra,
        "-cp",
        f"{lib}{os.sep}*",
        ENTRY_POINT,
        f"--home-dir={home}",
        f"--config-dir={home / 'conf'}",
    ]


# --- Small helpers ---------------------------------------------------------------------


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port nobody listens on right now (for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int, host: str = LOOPBACK) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


_BOLT_HANDSHAKE = (
    b"\x60\x60\xb0\x17"  # magic
    + b"\x00\x08\x08\x05"  # 5.0 - 5.8
    + b"\x00\x00\x04\x04"  # 4.4
    + b"\x00\x00\x00\x00"
    + b"\x00\x00\x00\x00"
)


def bolt_answers(port: int, host: str = LOOPBACK, timeout: float = 1.0) -> bool:
    """Whether a Bolt server answers the handshake on host:port (no login, so no auth failures)."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(_BOLT_HANDSHAKE)
            reply = b""
            while len(reply) < 4:
                chunk = sock.recv(4 - len(reply))
                if not chunk:
                    return False
                reply += chunk
            return True
    except OSError:
        return False


def points_at(uri: str, port: int) -> bool:
    """Whether a NEO4J_URI reaches a managed server listening on loopback:`port`."""
    parsed = urlsplit(uri)
    return (
        parsed.scheme in ("bolt", "neo4j")
        and parsed.hostname in ("127.0.0.1", "localhost", "::1")
        and (parsed.port or 7687) == port
    )


def tail(path: Path, lines: int = 30, since: int = 0) -> str:
    """The last lines of a text file after byte offset `since`, '' if there are none."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            handle.seek(max(since, handle.tell() - 64_000))
            text = handle.read().decode(errors="replace")
    except OSError:
        return ""
    return "\n".join(line for line in text.splitlines()[-lines:] if line.strip())


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    path.chmod(0o600)


# --- The server ------------------------------------------------------------------------

State = Literal["running", "starting", "stopped"]


@dataclass(frozen=True)
class ServerStatus:
    """Where the managed server runs (or would run)."""

    state: State
    pid: int | None
    bolt_uri: str
    http_url: str
    version: str
    java: str | None
    home: Path
    log_path: Path
    started_at: str | None = None

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def browser_url(self) -> str:
        return f"{self.http_url}/browser/"


@dataclass(frozen=True)
class JarSet:
    """The server's jars; `downloaded` is True when this call ran Maven."""

    lib: Path
    downloaded: bool
    seconds: float
    count: int


@dataclass(frozen=True)
class StopResult:
    pid: int
    seconds: float
    forced: bool


class ManagedNeo4j:
    """One managed Neo4j server: its home is `settings.neo4j_home`, its ports the settings'.

    For a throwaway server (tests) pass settings with another `home` and free ports:

        server = ManagedNeo4j(Settings(home=tmp, bolt_port=free_port(), http_port=free_port()))
        status = server.start()           # status.bolt_uri, server.password()
        ...
        server.stop()
    """

    def __init__(
        self,
        settings: Settings,
        console: Console | None = None,
        maven_args: Sequence[str] = (),
        jvm_args: Sequence[str] = (),
        class_cache: bool = True,
    ) -> None:
        self.settings = settings
        self.console = console if console is not None else Console(stderr=True)
        self.maven_args = tuple(maven_args)
        self.jvm_args = tuple(jvm_args)
        self.class_cache = class_cache
        self.version = NEO4J_VERSION
        self.home = settings.neo4j_home.expanduser().resolve()
        self.last_jars: JarSet | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._log_offset = 0

    # Paths ------------------------------------------------------------------------------

    @property
    def dist_dir(self) -> Path:
        return self.settings.jar_cache.expanduser().resolve() / f"neo4j-{self.version}"

    @property
    def lib_dir(self) -> Path:
        return self.dist_dir / "lib"

    @property
    def conf_file(self) -> Path:
        return self.home / "conf" / "neo4j.conf"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def state_file(self) -> Path:
        return self.home / "run" / "neo4j.json"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "console.log"

    @property
    def neo4j_log(self) -> Path:
        return self.home / "logs" / "neo4j.log"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://{LOOPBACK}:{self.settings.bolt_port}"

    @property
    def http_url(self) -> str:
        return f"http://{LOOPBACK}:{self.settings.http_port}"

    # Jars -------------------------------------------------------------------------------

    def ensure_jars(self, java: JavaRuntime | None = None) -> JarSet:
        """The server's jars in the shared cache, downloaded with Maven the first time."""
        marker = self.lib_dir / ".complete"
        if marker.exists():
            jars = JarSet(self.lib_dir, False, 0.0, len(list(self.lib_dir.glob("*.jar"))))
            self.last_jars = jars
            return jars
        mvn = shutil.which("mvn")
        if mvn is None:
            raise Neo4jServerError(
                "Maven (`mvn`) is not installed; it fetches Neo4j's jars from Maven Central "
                "the first time.",
                "Install it (Debian/Ubuntu: `sudo apt-get install maven`, macOS: "
                "`brew install maven`), or set NEO4J_URI to a Neo4j you already run.",
            )
        java = java or find_java(self.settings.java_home)
        self.dist_dir.mkdir(parents=True, exist_ok=True)
        with self._lock(self.dist_dir / ".lock"):
            if marker.exists():  # another process downloaded them while we waited
                return self.ensure_jars(java)
            started = time.monotonic()
            count = self._download(mvn, java)
            jars = JarSet(self.lib_dir, True, time.monotonic() - started, count)
        self.last_jars = jars
        return jars

    @contextlib.contextmanager
    def _lock(self, path: Path) -> Iterator[None]:
        if sys.platform == "win32":  # pragma: no cover - the managed server is POSIX only
            yield
            return
        import fcntl

        with path.open("w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                with self.console.status(f"Waiting for another download into {self.dist_dir}"):
                    fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _download(self, mvn: str, java: JavaRuntime) -> int:
        partial = self.dist_dir / f"lib.partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        pom = self.dist_dir / "pom.xml"
        shutil.copyfile(POM_FILE, pom)
        command = [
            mvn,
            "-B",
            "-f",
            str(pom),
            f"-Dneo4j.version={self.version}",
            *self.maven_args,
            "dependency:copy-dependencies",
            f"-DoutputDirectory={partial}",
            "-DincludeScope=runtime",
        ]
        env = {**os.environ, "JAVA_HOME": str(java.home)}
        output: list[str] = []
        downloaded = copied = 0
        size = 0.0
        title = f"Fetching Neo4j {self.version} from Maven Central"
        with self.console.status(f"{title} (mvn)…") as spinner:
            process = subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                cwd=self.dist_dir,
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
                    spinner.update(f"{title}: {downloaded} files, {size / 1e6:.1f} MB — {name}")
                elif match := _COPYING.search(line):
                    copied += 1
                    spinner.update(f"Copying Neo4j jars into {self.lib_dir}: {copied}")
            returncode = process.wait()
        jar = partial / f"neo4j-{self.version}.jar"
        if returncode != 0 or not jar.exists():
            shutil.rmtree(partial, ignore_errors=True)
            log = "\n".join(output[-25:])
            raise Neo4jServerError(
                f"Maven could not fetch Neo4j {self.version} (exit {returncode}):\n{log}",
                "Check the network access to Maven Central (repo.maven.apache.org) and any "
                "proxy in ~/.m2/settings.xml, then run `kgapi neo4j start` again.",
            )
        shutil.rmtree(self.lib_dir, ignore_errors=True)
        partial.rename(self.lib_dir)
        count = len(list(self.lib_dir.glob("*.jar")))
        (self.lib_dir / ".complete").write_text(f"{self.version}\n{count} jars\n")
        return count

    # Status -----------------------------------------------------------------------------

    def _read_pid(self) -> int | None:
        try:
            return int(self.pid_file.read_text().strip())
        except (OSError, ValueError):
            return None

    def _read_state(self) -> dict[str, object]:
        try:
            data = json.loads(self.state_file.read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _alive(self, pid: int) -> bool:
        """Whether `pid` is this home's Neo4j (not a dead one, a zombie or a reused pid)."""
        if self._process is not None and self._process.pid == pid:
            return self._process.poll() is None
        proc = Path(f"/proc/{pid}")
        if proc.is_dir():
            try:
                stat = (proc / "stat").read_text()
                if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                    return False
                cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                return False
            return ENTRY_POINT in cmdline and f"--home-dir={self.home}" in cmdline
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True

    def _clear_run_files(self) -> None:
        for path in (self.pid_file, self.state_file):
            path.unlink(missing_ok=True)

    def status(self) -> ServerStatus:
        """Running (its pid is alive and Bolt answers), starting (alive, no Bolt yet) or stopped."""
        pid = self._read_pid()
        state: State = "stopped"
        recorded = self._read_state()
        if pid is not None and self._alive(pid):
            same = recorded.get("pid") == pid
            bolt_port = int(str(recorded["bolt_port"])) if same else self.settings.bolt_port
            state = "running" if bolt_answers(bolt_port) else "starting"
        else:
            pid = None
            recorded = {}
        bolt_port = int(str(recorded.get("bolt_port", self.settings.bolt_port)))
        http_port = int(str(recorded.get("http_port", self.settings.http_port)))
        java = recorded.get("java")
        started = recorded.get("started_at")
        return ServerStatus(
            state=state,
            pid=pid,
            bolt_uri=f"bolt://{LOOPBACK}:{bolt_port}",
            http_url=f"http://{LOOPBACK}:{http_port}",
            version=str(recorded.get("version", self.version)),
            java=str(java) if java else None,
            home=self.home,
            log_path=self.neo4j_log,
            started_at=str(started) if started else None,
        )

    # Password ---------------------------------------------------------------------------

    def password(self) -> str:
        """The password kgapi uses: NEO4J_PASSWORD, else the generated one (made if missing)."""
        if self.settings.neo4j_password is not None:
            return self.settings.neo4j_password.get_secret_value()
        if self.password_file.exists():
            return self.password_file.read_text().strip()
        generated = secrets.token_urlsafe(24)
        _write_private(self.password_file, generated + "\n")
        return generated

    # Start / stop -----------------------------------------------------------------------

    def start(self, wait: bool = True, timeout: float = 180.0) -> ServerStatus:
        """Start the server in the background and wait until Bolt answers with our password.

        Does nothing if it already runs. Raises Neo4jServerError, with the log's tail, if the
        server exits or does not answer within `timeout` seconds (and then stops it).
        """
        current = self.status()
        if current.state != "stopped":
            if wait and current.state == "starting":
                self._wait_ready(self.password(), time.monotonic() + timeout, fresh=False)
                return self.status()
            return current
        self._clear_run_files()  # stale, if any
        for name, port in (
            ("KGAPI_BOLT_PORT", self.settings.bolt_port),
            ("KGAPI_HTTP_PORT", self.settings.http_port),
        ):
            if port_in_use(port):
                raise Neo4jServerError(
                    f"Port {port} on {LOOPBACK} is already in use, so Neo4j cannot listen there.",
                    f"Stop what listens there (another Neo4j? `kgapi neo4j status`), or set "
                    f"{name} to a free port (and NEO4J_URI to match).",
                )

        java = find_java(self.settings.java_home)
        jars = self.ensure_jars(java)
        password = self.password()
        fresh = not (self.home / "data" / "databases" / "system").exists()
        for sub in ("conf", "data", "logs", "plugins", "import", "run"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self.conf_file.write_text(
            render_conf(
                self.home,
                bolt_port=self.settings.bolt_port,
                http_port=self.settings.http_port,
                heap=self.settings.neo4j_heap,
                pagecache=self.settings.neo4j_pagecache,
            )
        )
        cds_args, cds_pending = self._class_cache_args(java)
        command = java_command(
            java,
            jars.lib,
            self.home,
            heap=self.settings.neo4j_heap,
            extra=[*cds_args, *self.jvm_args],
        )
        if self.log_file.exists():
            self.log_file.replace(self.log_file.with_name("console.log.1"))
        self._log_offset = self.neo4j_log.stat().st_size if self.neo4j_log.exists() else 0
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self.home,
                env={**os.environ, "JAVA_HOME": str(java.home)},
                start_new_session=True,  # survives the CLI and its terminal's Ctrl-C
            )
        pid = self._process.pid
        self.pid_file.write_text(f"{pid}\n")
        self.state_file.write_text(
            json.dumps(
                {
                    "pid": pid,
                    "bolt_port": self.settings.bolt_port,
                    "http_port": self.settings.http_port,
                    "version": self.version,
                    "java": str(java),
                    "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
                    "class_cache_pending": str(cds_pending) if cds_pending else None,
                },
                indent=2,
            )
            + "\n"
        )
        if wait:
            try:
                self._wait_ready(password, time.monotonic() + timeout, fresh=fresh)
            except BaseException:
                self.stop(timeout=30, quiet=True)
                raise
        return self.status()

    def _class_cache_args(self, java: JavaRuntime) -> tuple[list[str], Path | None]:
        """JVM options for a class-data-sharing archive of Neo4j's classes (about 2x faster starts).

        The archive is per JDK build, next to the jars. Without one, this run records it: the
        JVM writes it to a temporary file when it exits, and a clean `stop` moves it into place
        (so a reader never sees a half-written archive). Returns the options and that
        temporary file, if any.
        """
        release = java.home / "release"
        if not self.class_cache or not release.is_file():
            return [], None
        build = hashlib.sha256(f"{java.home.resolve()}\n{release.read_text()}".encode())
        archive = self.dist_dir / f"classes-java{java.version}-{build.hexdigest()[:12]}.jsa"
        # The JDK's base archive was built without our --add-opens: CDS logs "errors" about
        # that on every start although it works; an unusable archive is simply not used.
        quiet = "-Xlog:cds=off"
        if archive.is_file():
            return [f"-XX:SharedArchiveFile={archive}", quiet], None
        cutoff = time.time() - 3600
        for stale in self.dist_dir.glob("classes-*.jsa.tmp-*"):  # from killed servers
            with contextlib.suppress(OSError):
                if stale.stat().st_mtime < cutoff:
                    stale.unlink()
        pending = archive.with_name(f"{archive.name}.tmp-{secrets.token_hex(4)}")
        return [f"-XX:ArchiveClassesAtExit={pending}", quiet], pending

    def _finish_class_cache(self, pending: object, clean: bool) -> None:
        if not isinstance(pending, str):
            return
        recorded = Path(pending)
        final = recorded.with_name(recorded.name.split(".tmp-")[0])
        with contextlib.suppress(OSError):
            if clean and recorded.is_file() and recorded.stat().st_size > 0 and not final.exists():
                os.replace(recorded, final)
            else:
                recorded.unlink(missing_ok=True)

    def _start_log(self) -> str:
        """What this start wrote to the logs, for error messages."""
        parts = []
        for path, since in ((self.log_file, 0), (self.neo4j_log, self._log_offset)):
            text = tail(path, since=since)
            if text:
                parts.append(f"--- {path} ---\n{text}")
        return "\n".join(parts) or f"(nothing in {self.home / 'logs'})"

    def _wait_ready(self, password: str, deadline: float, *, fresh: bool) -> None:
        pid = self._read_pid()
        message = f"Starting Neo4j {self.version} on {self.bolt_uri} (log: {self.neo4j_log})"
        with self.console.status(message):
            while True:
                if pid is None or not self._alive(pid):
                    code = self._process.poll() if self._process is not None else None
                    raise Neo4jServerError(
                        f"Neo4j exited during start-up (exit code {code}):\n{self._start_log()}",
                        f"Read {self.neo4j_log} and {self.home / 'logs' / 'debug.log'}.",
                    )
                if time.monotonic() > deadline:
                    raise Neo4jServerError(
                        f"Neo4j did not answer on {self.bolt_uri} in time:\n{self._start_log()}",
                        "A slow or busy machine may need longer: `kgapi neo4j start --timeout "
                        "600`.",
                    )
                if bolt_answers(self.settings.bolt_port):
                    try:
                        self._login(password, fresh=fresh)
                        return
                    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired):
                        pass
                    except neo4j_errors.Neo4jError as error:
                        if not (error.code or "").startswith("Neo.TransientError"):
                            raise
                time.sleep(0.5)

    def _driver(self, auth: tuple[str, str]) -> neo4j.Driver:
        return neo4j.GraphDatabase.driver(
            self.bolt_uri, auth=auth, connection_timeout=5, connection_acquisition_timeout=10
        )

    def _login(self, password: str, *, fresh: bool) -> None:
        """Set the initial password if needed, then check `RETURN 1` with it."""
        user = self.settings.neo4j_user
        if fresh and self._change_initial_password(password):
            fresh = False
        try:
            self._return_one((user, password))
            return
        except neo4j_errors.AuthError:
            if not self._change_initial_password(password):
                raise Neo4jServerError(
                    f"Neo4j in {self.home / 'data'} refuses kgapi's password for user {user!r}.",
                    f"Set NEO4J_PASSWORD to the password of that database, or stop the server "
                    f"and delete {self.home / 'data'} (and {self.password_file}) to start "
                    f"empty.",
                ) from None
        self._return_one((user, password))

    def _return_one(self, auth: tuple[str, str]) -> None:
        with self._driver(auth) as driver, driver.session() as session:
            session.run("RETURN 1").consume()

    def _change_initial_password(self, password: str) -> bool:
        """Neo4j's first start has neo4j/neo4j with a forced change; False if already changed."""
        try:
            with (
                self._driver(_INITIAL_USER) as driver,
                driver.session(database="system") as session,
            ):
                session.run(
                    "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                    old=_INITIAL_USER[1],
                    new=password,
                ).consume()
        except neo4j_errors.AuthError:
            return False
        return True

    def stop(self, timeout: float = 60.0, quiet: bool = False) -> StopResult | None:
        """Shut the server down cleanly (SIGTERM), SIGKILL after `timeout` s; None if not running."""
        pid = self._read_pid()
        if pid is None or not self._alive(pid):
            self._clear_run_files()
            return None
        started = time.monotonic()
        forced = False
        pending = self._read_state().get("class_cache_pending")
        message = f"Stopping Neo4j (pid {pid})"
        if pending:
            # The first run of a JDK writes the class cache at exit: give it time.
            timeout = max(timeout, 180.0)
            message += "; saving its class cache for faster starts (once)"
        self._signal(pid, signal.SIGTERM)
        status = contextlib.nullcontext() if quiet else self.console.status(message)
        with status:
            if not self._wait_exit(pid, timeout):
                forced = True
                self._signal(pid, signal.SIGKILL)
                if not self._wait_exit(pid, 15):
                    raise Neo4jServerError(
                        f"Neo4j (pid {pid}) did not exit even after SIGKILL.",
                        f"Check `ps -p {pid}`; remove {self.pid_file} once it is gone.",
                    )
        self._finish_class_cache(pending, clean=not forced)
        self._clear_run_files()
        if self._process is not None and self._process.pid == pid:
            self._process = None
        return StopResult(pid=pid, seconds=time.monotonic() - started, forced=forced)

    def _signal(self, pid: int, signum: signal.Signals) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    def _wait_exit(self, pid: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process is not None and self._process.pid == pid:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self._process.wait(timeout=0.2)
            if not self._alive(pid):
                return True
            time.sleep(0.2)
        return not self._alive(pid)


_DOWNLOADED = re.compile(r"Downloaded from \S+: (?P<url>\S+) \((?P<size>[\d.,]+ [kMG]?B)")
_COPYING = re.compile(r"Copying \S+\.jar to ")


def _mvn_size(text: str) -> float:
    number, unit = text.split()
    factor = {"B": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}.get(unit, 1)
    return float(number.replace(",", "")) * factor
