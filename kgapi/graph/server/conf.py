"""How the managed server is configured: its `neo4j.conf` and its JVM command line."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from kgapi.graph.server.common import LOOPBACK, Neo4jServerError
from kgapi.graph.server.java import JavaRuntime

ENTRY_POINT = "org.neo4j.server.Neo4jCommunity"
ADMIN_ENTRY_POINT = "org.neo4j.cli.AdminTool"
"""neo4j-admin: the same class the distribution's `bin/neo4j-admin` script runs."""

_SIZE = re.compile(r"^\s*(\d+)\s*([kmgt]?)b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def parse_size(size: str) -> int:
    """Bytes in a JVM-style size: `512m`, `1g`, `1024k`, `2G`.

    Raises:
        Neo4jServerError: `size` is not one.
    """
    match = _SIZE.match(size)
    if match is None:
        raise Neo4jServerError(
            f"Not a memory size: {size!r}.", "Use a number with k, m or g, e.g. 512m or 1g."
        )
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


#: `neo4j_heap` / `neo4j_pagecache` value that sizes them from the machine's memory.
AUTO = "auto"
_MIB = 1 << 20


def machine_memory() -> int:
    """Physical memory of this machine, bytes (0 when the OS does not say)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 0


def _eighth(memory: int, low: str, high: str) -> str:
    share = min(max(memory // 8, parse_size(low)), parse_size(high))
    return f"{share // _MIB}m"


def memory_sizes(heap: str, pagecache: str, memory: int | None = None) -> tuple[str, str]:
    """The heap and page cache to run with: each as configured, or for `auto` an eighth
    of the machine's memory (heap 1g..8g, page cache 512m..16g). An eighth each leaves
    the rest to the OS, the API and the loader's extraction processes; the bounds keep a
    small machine working and a large heap out of long GC pauses. The figures per
    corpus size are in docs/benchmarks.md ("Neo4j memory")."""
    memory = machine_memory() if memory is None else memory
    if heap == AUTO:
        heap = _eighth(memory, "1g", "8g")
    if pagecache == AUTO:
        pagecache = _eighth(memory, "512m", "16g")
    return heap, pagecache


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


def _quiet(java: JavaRuntime) -> list[str]:
    quiet = ["--enable-native-access=ALL-UNNAMED"]
    if java.version >= 23:  # unknown option before Java 23
        quiet.append("--sun-misc-unsafe-memory-access=allow")
    return quiet


def admin_command(java: JavaRuntime, lib: Path, args: Sequence[str]) -> list[str]:
    """The command line of `neo4j-admin ARGS` from the server's own jars in `lib` (run it
    with NEO4J_HOME and NEO4J_CONF set to the server's home and conf directory)."""
    return [
        str(java.java),
        "-Xmx512m",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        *_quiet(java),
        "-cp",
        f"{lib}{os.sep}*",
        ADMIN_ENTRY_POINT,
        *args,
    ]


def java_command(
    java: JavaRuntime, lib: Path, home: Path, *, heap: str, extra: Sequence[str] = ()
) -> list[str]:
    """The command line that runs Neo4j Community from the jars in `lib`."""
    quiet = _quiet(java)
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
