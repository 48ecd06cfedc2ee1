"""Looking at a server from outside: ports, the Bolt handshake, its process, its log."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlsplit

from kgapi.graph.server.common import LOOPBACK
from kgapi.graph.server.conf import ENTRY_POINT


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port nobody listens on right now (for tests)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_in_use(port: int, host: str = LOOPBACK) -> bool:
    """Whether something already holds `port` on `host` (so a server could not listen there)."""
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


def is_server_process(pid: int, home: Path) -> bool:
    """Whether `pid` is a live Neo4j of `home` (not a dead one, a zombie or a reused pid).

    Without /proc (macOS) it can only say whether the pid is alive.
    """
    proc = Path(f"/proc/{pid}")
    if proc.is_dir():
        try:
            stat = (proc / "stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] in ("Z", "X"):
                return False
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return False
        return ENTRY_POINT in cmdline and f"--home-dir={home}" in cmdline
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
