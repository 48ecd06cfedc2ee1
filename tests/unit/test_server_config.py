"""The pure parts of the managed Neo4j server: Java discovery, sizes, neo4j.conf, command line."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from kgapi.config import NEO4J_VERSION, Settings
from kgapi.graph.server import (
    ENTRY_POINT,
    JavaRuntime,
    ManagedNeo4j,
    Neo4jServerError,
    bolt_answers,
    find_java,
    free_port,
    initial_heap,
    java_command,
    parse_java_version,
    parse_size,
    points_at,
    render_conf,
)
from kgapi.graph.server.class_cache import class_cache_args, finish_class_cache
from kgapi.graph.server.conf import memory_sizes


@pytest.mark.parametrize(
    ("text", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment', 17),
        ('openjdk version "25.0.3" 2026-01-20 LTS', 25),
        ('java version "1.8.0_292"', 8),
        ('openjdk version "21-ea" 2023-09-19', 21),
        ('JAVA_VERSION="25.0.3"', 25),
        ("21.0.2", 21),
        ("garbage", None),
        ("", None),
    ],
)
def test_parse_java_version(text: str, major: int | None) -> None:
    assert parse_java_version(text) == major


def _fake_jdk(base: Path, name: str, version: str) -> Path:
    home = base / name
    (home / "bin").mkdir(parents=True)
    java = home / "bin" / "java"
    java.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\"' >&2\n")
    java.chmod(java.stat().st_mode | stat.S_IXUSR)
    (home / "release").write_text(f'IMPLEMENTOR="Test"\nJAVA_VERSION="{version}"\n')
    return home


def test_find_java_prefers_newest_jdk_21_plus(tmp_path: Path) -> None:
    jvm = tmp_path / "jvm"
    _fake_jdk(jvm, "java-17-openjdk", "17.0.15")
    _fake_jdk(jvm, "temurin-21", "21.0.5")
    newest = _fake_jdk(jvm, "temurin-25", "25.0.3")
    found = find_java(env={"PATH": ""}, jvm_dirs=[jvm])
    assert found == JavaRuntime(newest, newest / "bin" / "java", 25)


def test_find_java_takes_java_home_env_when_new_enough(tmp_path: Path) -> None:
    jvm = tmp_path / "jvm"
    _fake_jdk(jvm, "temurin-25", "25.0.3")
    chosen = _fake_jdk(tmp_path, "jdk21", "21.0.5")
    assert find_java(env={"JAVA_HOME": str(chosen)}, jvm_dirs=[jvm]).home == chosen
    old = _fake_jdk(tmp_path, "jdk17", "17.0.15")
    assert find_java(env={"JAVA_HOME": str(old)}, jvm_dirs=[jvm]).version == 25


def test_configured_java_home_wins_and_must_be_21(tmp_path: Path) -> None:
    jvm = tmp_path / "jvm"
    _fake_jdk(jvm, "temurin-25", "25.0.3")
    chosen = _fake_jdk(tmp_path, "jdk21", "21.0.5")
    assert find_java(chosen, env={}, jvm_dirs=[jvm]).home == chosen
    old = _fake_jdk(tmp_path, "jdk17", "17.0.15")
    with pytest.raises(Neo4jServerError, match="Java 17") as error:
        find_java(old, env={}, jvm_dirs=[jvm])
    assert error.value.hint is not None and "KGAPI_JAVA_HOME" in error.value.hint
    with pytest.raises(Neo4jServerError, match="not a Java installation"):
        find_java(tmp_path / "nowhere", env={}, jvm_dirs=[jvm])


def test_find_java_uses_path_last(tmp_path: Path) -> None:
    home = _fake_jdk(tmp_path, "jdk", "21.0.5")
    found = find_java(env={"PATH": str(home / "bin")}, jvm_dirs=[tmp_path / "none"])
    assert found.version == 21
    assert found.home == home.resolve()


def test_no_java_21_is_a_clear_error(tmp_path: Path) -> None:
    jvm = tmp_path / "jvm"
    old = _fake_jdk(jvm, "java-17", "17.0.15")
    with pytest.raises(Neo4jServerError) as error:
        find_java(env={"PATH": str(old / "bin")}, jvm_dirs=[jvm])
    assert f"Neo4j {NEO4J_VERSION} needs Java 21+" in str(error.value)
    assert "Java 17" in str(error.value)
    assert error.value.hint is not None and "KGAPI_JAVA_HOME" in error.value.hint


@pytest.mark.parametrize(
    ("size", "nbytes"),
    [("512m", 512 << 20), ("1g", 1 << 30), ("1G", 1 << 30), ("2048k", 2 << 20), ("100", 100)],
)
def test_parse_size(size: str, nbytes: int) -> None:
    assert parse_size(size) == nbytes


def test_parse_size_rejects_garbage() -> None:
    with pytest.raises(Neo4jServerError):
        parse_size("lots")


def test_initial_heap_is_capped_at_512m() -> None:
    assert initial_heap("1g") == "512m"
    assert initial_heap("256m") == "256m"


def _conf(text: str) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return {key: value for key, value in pairs}


def test_render_conf_is_loopback_only_with_our_ports_and_memory(tmp_path: Path) -> None:
    conf = _conf(
        render_conf(tmp_path, bolt_port=27687, http_port=27474, heap="1g", pagecache="256m")
    )
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["server.bolt.listen_address"] == "127.0.0.1:27687"
    assert conf["server.bolt.advertised_address"] == "127.0.0.1:27687"
    assert conf["server.http.listen_address"] == "127.0.0.1:27474"
    assert conf["server.https.enabled"] == "false"
    assert conf["server.memory.heap.initial_size"] == "512m"
    assert conf["server.memory.heap.max_size"] == "1g"
    assert conf["server.memory.pagecache.size"] == "256m"
    assert conf["dbms.security.auth_enabled"] == "true"
    assert conf["server.directories.data"] == str(tmp_path / "data")
    assert conf["server.directories.logs"] == str(tmp_path / "logs")


def test_java_command(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    java25 = JavaRuntime(tmp_path, tmp_path / "bin" / "java", 25)
    command = java_command(java25, lib, tmp_path / "home", heap="1g")
    assert command[0] == str(tmp_path / "bin" / "java")
    assert "-Xmx1g" in command and "-Xms512m" in command
    assert command[command.index("-cp") + 1] == f"{lib}{os.sep}*"
    assert command[-3:] == [
        ENTRY_POINT,
        f"--home-dir={tmp_path / 'home'}",
        f"--config-dir={tmp_path / 'home' / 'conf'}",
    ]
    assert "--sun-misc-unsafe-memory-access=allow" in command
    java21 = JavaRuntime(tmp_path, tmp_path / "bin" / "java", 21)
    # Java 21 does not know the option and would refuse to start.
    assert "--sun-misc-unsafe-memory-access=allow" not in java_command(
        java21, lib, tmp_path, heap="1g"
    )


def test_bolt_answers_is_false_on_a_free_port() -> None:
    assert not bolt_answers(free_port())


def test_stale_pid_file_means_stopped(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, bolt_port=free_port(), http_port=free_port())
    server = ManagedNeo4j(settings)
    assert server.status().state == "stopped"
    server.pid_file.parent.mkdir(parents=True)
    server.pid_file.write_text(f"{os.getpid()}\n")  # alive, but not a Neo4j of this home
    status = server.status()
    assert status.state == "stopped" and status.pid is None
    assert server.stop() is None
    assert not server.pid_file.exists()


def test_generated_password_is_private_and_stable(tmp_path: Path) -> None:
    server = ManagedNeo4j(Settings(home=tmp_path, neo4j_password=None))
    password = server.password()
    assert len(password) >= 24
    assert server.password_file.stat().st_mode & 0o777 == 0o600
    assert server.password() == password
    assert Settings(home=tmp_path, neo4j_password=None).resolved_password() == password


@pytest.mark.parametrize(
    ("uri", "port", "reaches"),
    [
        ("bolt://127.0.0.1:7687", 7687, True),
        ("neo4j://localhost:27687", 27687, True),
        ("bolt://localhost", 7687, True),
        ("bolt://127.0.0.1:7687", 27687, False),
        ("neo4j+s://db.example.com:7687", 7687, False),
    ],
)
def test_points_at(uri: str, port: int, reaches: bool) -> None:
    assert points_at(uri, port) is reaches


def test_class_cache_is_recorded_once_then_used(tmp_path: Path) -> None:
    jdk = _fake_jdk(tmp_path, "jdk", "25.0.3")
    java = JavaRuntime(jdk, jdk / "bin" / "java", 25)
    server = ManagedNeo4j(Settings(home=tmp_path / "home", jar_cache=tmp_path / "cache"))
    server.dist_dir.mkdir(parents=True)
    args, pending = class_cache_args(java, server.dist_dir)
    assert pending is not None and args[0] == f"-XX:ArchiveClassesAtExit={pending}"
    pending.write_bytes(b"archive")  # what the JVM writes when it exits
    finish_class_cache(str(pending), clean=True)
    assert not pending.exists()
    args, again = class_cache_args(java, server.dist_dir)
    assert again is None
    archive = Path(args[0].removeprefix("-XX:SharedArchiveFile="))
    assert archive.read_bytes() == b"archive" and archive.parent == server.dist_dir
    # A killed server's half-written archive is dropped, never used.
    other = ManagedNeo4j(Settings(home=tmp_path / "h2", jar_cache=tmp_path / "c2"))
    other.dist_dir.mkdir(parents=True)
    _, partial = class_cache_args(java, other.dist_dir)
    assert partial is not None
    partial.write_bytes(b"half")
    finish_class_cache(str(partial), clean=False)
    assert not list(other.dist_dir.glob("*.jsa*"))


@pytest.mark.parametrize(
    ("memory", "expected"),
    [
        (4 << 30, ("1024m", "512m")),  # a small machine: the floors
        (24 << 30, ("3072m", "3072m")),  # an eighth each
        (256 << 30, ("8192m", "16384m")),  # a large one: the ceilings
    ],
)
def test_auto_memory_is_an_eighth_of_the_machine_within_bounds(
    memory: int, expected: tuple[str, str]
) -> None:
    assert memory_sizes("auto", "auto", memory) == expected


def test_configured_memory_wins_over_auto() -> None:
    assert memory_sizes("2g", "auto", 24 << 30) == ("2g", "3072m")
    assert memory_sizes("auto", "1g", 24 << 30) == ("3072m", "1g")
