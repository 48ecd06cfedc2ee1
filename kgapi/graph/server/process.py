"""The managed server's lifecycle: start it in the background, wait until it answers, say
whether it runs, stop it.

The server lives in `settings.neo4j_home`:

    conf/neo4j.conf        written by kgapi on every start (loopback only, ports, memory)
    data/ logs/ plugins/   Neo4j's own directories: logs/neo4j.log is the server's log,
                           logs/console.log the JVM's own output (crashes, bad options)
    run/neo4j.pid          the pid of the background JVM
    run/neo4j.json         how it was started (ports, version, Java), read by `status`
    password               the generated password (0600), unless NEO4J_PASSWORD is set
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from neo4j import exceptions as neo4j_errors

from kgapi.config import NEO4J_VERSION, Settings
from kgapi.graph.server import auth
from kgapi.graph.server.class_cache import class_cache_args, finish_class_cache
from kgapi.graph.server.common import LOOPBACK, Neo4jServerError, Progress, no_progress
from kgapi.graph.server.conf import java_command, memory_sizes, render_conf
from kgapi.graph.server.jars import JarSet, ensure_jars
from kgapi.graph.server.java import JavaRuntime, find_java
from kgapi.graph.server.probes import bolt_answers, is_server_process, port_in_use, tail
from kgapi.graph.server.storage import check_storage

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
        """Whether its process is alive and Bolt answers."""
        return self.state == "running"

    @property
    def browser_url(self) -> str:
        """Neo4j Browser's address."""
        return f"{self.http_url}/browser/"


@dataclass(frozen=True)
class StopResult:
    """How a stop went: the pid stopped, how long it took, whether it had to be killed."""

    pid: int
    seconds: float
    forced: bool


class ManagedNeo4j:
    """One managed Neo4j server: its home is `settings.neo4j_home`, its ports the settings'.

    It returns and raises (`Neo4jServerError`, with a hint); it never prints. The long calls
    take a `progress` callback that is told what is happening (the CLI shows it).

    For a throwaway server (tests) pass settings with another `home` and free ports:

        server = ManagedNeo4j(Settings(home=tmp, bolt_port=free_port(), http_port=free_port()))
        status = server.start()           # status.bolt_uri, server.password()
        ...
        server.stop()
    """

    def __init__(
        self,
        settings: Settings,
        maven_args: Sequence[str] = (),
        jvm_args: Sequence[str] = (),
        class_cache: bool = True,
    ) -> None:
        self.settings = settings
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
        """This Neo4j version's directory in the shared jar cache."""
        return self.settings.jar_cache.expanduser().resolve() / f"neo4j-{self.version}"

    @property
    def lib_dir(self) -> Path:
        """The server's jars."""
        return self.dist_dir / "lib"

    @property
    def conf_file(self) -> Path:
        """The `neo4j.conf` written on every start."""
        return self.home / "conf" / "neo4j.conf"

    @property
    def pid_file(self) -> Path:
        """The pid of the background JVM."""
        return self.home / "run" / "neo4j.pid"

    @property
    def state_file(self) -> Path:
        """How the running server was started (read by `status`)."""
        return self.home / "run" / "neo4j.json"

    @property
    def log_file(self) -> Path:
        """The JVM's own output (crashes, bad options)."""
        return self.home / "logs" / "console.log"

    @property
    def neo4j_log(self) -> Path:
        """The server's log."""
        return self.home / "logs" / "neo4j.log"

    @property
    def password_file(self) -> Path:
        """The generated password (when NEO4J_PASSWORD is not set)."""
        return self.home / "password"

    @property
    def bolt_uri(self) -> str:
        """Where the server listens for Bolt."""
        return f"bolt://{LOOPBACK}:{self.settings.bolt_port}"

    @property
    def http_url(self) -> str:
        """Where the server listens for HTTP (Neo4j Browser)."""
        return f"http://{LOOPBACK}:{self.settings.http_port}"

    # Jars -------------------------------------------------------------------------------

    def ensure_jars(
        self, java: JavaRuntime | None = None, progress: Progress = no_progress
    ) -> JarSet:
        """The server's jars in the shared cache, downloaded with Maven the first time."""
        java = java or find_java(self.settings.java_home)
        jars = ensure_jars(
            self.dist_dir, self.version, java, maven_args=self.maven_args, progress=progress
        )
        self.last_jars = jars
        return jars

    def write_conf(self) -> str:
        """Make the server's directories and write its `neo4j.conf` (done on every start;
        neo4j-admin reads the same file); returns the heap size it chose."""
        for sub in ("conf", "data", "logs", "plugins", "import", "run"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        heap, pagecache = memory_sizes(self.settings.neo4j_heap, self.settings.neo4j_pagecache)
        self.conf_file.write_text(
            render_conf(
                self.home,
                bolt_port=self.settings.bolt_port,
                http_port=self.settings.http_port,
                heap=heap,
                pagecache=pagecache,
            )
        )
        return heap

    def check_storage(self) -> None:
        """Raise Neo4jServerError if the server could not write its graph: a read-only
        directory or file in its home, or a disk with less than KGAPI_NEO4J_MIN_FREE_DISK."""
        check_storage(self.home, self.settings.neo4j_min_free_disk)

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
        return is_server_process(pid, self.home)

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
        return auth.stored_password(self.password_file)

    # Start / stop -----------------------------------------------------------------------

    def start(
        self, wait: bool = True, timeout: float = 180.0, progress: Progress = no_progress
    ) -> ServerStatus:
        """Start the server in the background and wait until Bolt answers with our password.

        Does nothing if it already runs. Raises Neo4jServerError, with the log's tail, if the
        server exits or does not answer within `timeout` seconds (and then stops it).
        """
        current = self.status()
        if current.state != "stopped":
            if wait and current.state == "starting":
                self._wait_ready(
                    self.password(), time.monotonic() + timeout, fresh=False, progress=progress
                )
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

        self.check_storage()
        java = find_java(self.settings.java_home)
        jars = self.ensure_jars(java, progress)
        password = self.password()
        fresh = not (self.home / "data" / "databases" / "system").exists()
        heap = self.write_conf()
        cds_args, cds_pending = (
            class_cache_args(java, self.dist_dir) if self.class_cache else ([], None)
        )
        command = java_command(
            java,
            jars.lib,
            self.home,
            heap=heap,
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
                self._wait_ready(
                    password, time.monotonic() + timeout, fresh=fresh, progress=progress
                )
            except BaseException:
                self.stop(timeout=30)
                raise
        return self.status()

    def _start_log(self) -> str:
        """What this start wrote to the logs, for error messages."""
        parts = []
        for path, since in ((self.log_file, 0), (self.neo4j_log, self._log_offset)):
            text = tail(path, since=since)
            if text:
                parts.append(f"--- {path} ---\n{text}")
        return "\n".join(parts) or f"(nothing in {self.home / 'logs'})"

    def _wait_ready(
        self, password: str, deadline: float, *, fresh: bool, progress: Progress
    ) -> None:
        pid = self._read_pid()
        progress(f"Starting Neo4j {self.version} on {self.bolt_uri} (log: {self.neo4j_log})")
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
                    "A slow or busy machine may need longer: `kgapi neo4j start --timeout 600`.",
                )
            if bolt_answers(self.settings.bolt_port):
                try:
                    auth.login(
                        self.bolt_uri,
                        self.settings.neo4j_user,
                        password,
                        fresh=fresh,
                        home=self.home,
                    )
                    return
                except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired):
                    pass
                except neo4j_errors.Neo4jError as error:
                    if not (error.code or "").startswith("Neo.TransientError"):
                        raise
            time.sleep(0.5)

    def stop(self, timeout: float = 60.0, progress: Progress = no_progress) -> StopResult | None:
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
        progress(message)
        if not self._wait_exit(pid, timeout):
            forced = True
            self._signal(pid, signal.SIGKILL)
            if not self._wait_exit(pid, 15):
                raise Neo4jServerError(
                    f"Neo4j (pid {pid}) did not exit even after SIGKILL.",
                    f"Check `ps -p {pid}`; remove {self.pid_file} once it is gone.",
                )
        finish_class_cache(pending, clean=not forced)
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
