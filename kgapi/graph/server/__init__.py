"""A managed local Neo4j Community server: `kgapi neo4j start | stop | status`.

One module per job: `java` (which JDK 21+), `conf` (neo4j.conf and the JVM command line),
`jars` (Neo4j's jars from Maven Central into a shared cache), `class_cache` (the JVM's
class-data-sharing archive), `probes` (ports, Bolt handshake, process, log tail), `auth` (the
password and the first login), `process` (start, status, stop). Nothing runs at import time;
the library returns and raises `Neo4jServerError` (with a hint on how to fix it), reports
progress through a callback, and the CLI turns both into output.
"""

from kgapi.graph.server.common import LOOPBACK, Neo4jServerError, Progress, no_progress
from kgapi.graph.server.conf import (
    ENTRY_POINT,
    initial_heap,
    java_command,
    parse_size,
    render_conf,
)
from kgapi.graph.server.jars import POM_FILE, JarSet
from kgapi.graph.server.java import MIN_JAVA, JavaRuntime, find_java, parse_java_version
from kgapi.graph.server.probes import bolt_answers, free_port, points_at, port_in_use
from kgapi.graph.server.process import ManagedNeo4j, ServerStatus, State, StopResult

__all__ = [
    "ENTRY_POINT",
    "LOOPBACK",
    "MIN_JAVA",
    "POM_FILE",
    "JarSet",
    "JavaRuntime",
    "ManagedNeo4j",
    "Neo4jServerError",
    "Progress",
    "ServerStatus",
    "State",
    "StopResult",
    "bolt_answers",
    "find_java",
    "free_port",
    "initial_heap",
    "java_command",
    "no_progress",
    "parse_java_version",
    "parse_size",
    "points_at",
    "port_in_use",
    "render_conf",
]
