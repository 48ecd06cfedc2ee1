"""`kgapi extract --output DIR`: resumable shards, the same on a Ray cluster of two workers as
in one process, and `kgapi load DIR` builds the same graph as loading the articles."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner, Result

from kgapi.cli.main import cli
from kgapi.config import Settings
from kgapi.ingest.read import read_inputs
from kgapi.scale.shards import (
    LocalEngine,
    ShardsError,
    extract_to_shards,
    shard_name,
)
from tests.helpers import REPO, SEEDS, graph_counts, wipe_graph

ARTICLES = REPO / "tests" / "eval" / "articles"  # 11 of every shape, the seed among them
INPUTS = [str(ARTICLES), str(SEEDS)]
SHARD_SIZE = 5  # 12 articles: shards of 5, 5 and 2
KGAPI = str(Path(sys.executable).with_name("kgapi"))


def _extract(out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The documented command, as a user runs it."""
    command = [KGAPI, "extract", *INPUTS, "--output", str(out), "--shard-size", str(SHARD_SIZE)]
    return subprocess.run([*command, *extra], capture_output=True, text=True, timeout=600)


def _shards(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("shard-*.jsonl"))


@pytest.fixture(scope="module")
def single_process(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference: the shards of one process."""
    out = tmp_path_factory.mktemp("single") / "shards"
    done = _extract(out)
    assert done.returncode == 0, done.stderr
    assert "shards written 3 / skipped 0" in done.stdout
    return out


def test_shards_hold_every_article_in_input_order(single_process: Path) -> None:
    assert _shards(single_process) == [shard_name(i) for i in range(3)]
    ids = [
        json.loads(line)["article"]["id"]
        for name in _shards(single_process)
        for line in (single_process / name).read_text().splitlines()
    ]
    read = [item.meta.id for item in read_inputs(INPUTS)]  # type: ignore[union-attr]
    assert ids == read and len(ids) == 12
    first = json.loads((single_process / shard_name(0)).read_text().splitlines()[0])
    assert first["article"]["text"]  # spans index into it: `kgapi load` needs it
    assert first["statements"] and first["entities"]


def test_a_rerun_skips_written_shards_and_redoes_a_missing_one(
    single_process: Path, tmp_path: Path
) -> None:
    out = tmp_path / "shards"
    for path in [*single_process.glob("shard-*.jsonl"), single_process / ".kgapi-shards.json"]:
        out.mkdir(exist_ok=True)
        (out / path.name).write_bytes(path.read_bytes())
    (out / shard_name(1)).unlink()  # as if the run had stopped before shard 1 was written
    (out / f".{shard_name(1)}.tmp").write_text('{"half": ')  # and left a half-written file

    done = _extract(out)

    assert done.returncode == 0, done.stderr
    assert "shards written 1 / skipped 2" in done.stdout
    assert filecmp.cmp(out / shard_name(1), single_process / shard_name(1), shallow=False)


def test_two_local_processes_write_the_same_shards(single_process: Path, tmp_path: Path) -> None:
    out = tmp_path / "shards"
    done = _extract(out, "--workers", "2")
    assert done.returncode == 0, done.stderr
    names = [*_shards(single_process), ".kgapi-shards.json"]
    assert filecmp.cmpfiles(out, single_process, names, shallow=False)[1:] == ([], [])


def test_a_directory_of_another_run_is_refused(single_process: Path) -> None:
    other = _extract(single_process, "--shard-size", "4")  # the later option wins
    assert other.returncode == 2
    assert "holds shards of another run" in other.stderr
    with pytest.raises(ShardsError):
        extract_to_shards(
            read_inputs([str(SEEDS)]),
            single_process,
            inputs=[str(SEEDS)],
            engine=LocalEngine(),
            shard_size=SHARD_SIZE,
        )


def test_an_article_that_fails_is_listed_beside_its_shard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kgapi.pipeline

    real = kgapi.pipeline.extract_chunk

    def failing_on_the_interview(articles: list) -> list:  # type: ignore[type-arg]
        results = real(articles)
        return [
            "ValueError: boom" if a.origin.endswith("03_interview_qa.txt") else r
            for a, r in zip(articles, results, strict=True)
        ]

    monkeypatch.setattr(kgapi.pipeline, "extract_chunk", failing_on_the_interview)
    out = tmp_path / "shards"
    report = extract_to_shards(
        read_inputs([str(ARTICLES)]), out, inputs=["x"], engine=LocalEngine(), shard_size=5
    )
    assert report.written == 3 and report.articles == 10
    assert [(Path(f.origin).name, f.reason) for f in report.failures] == [
        ("03_interview_qa.txt", "ValueError: boom")
    ]
    [listed] = (out / ".failures" / shard_name(0)).read_text().splitlines()
    assert json.loads(listed)["reason"] == "ValueError: boom"
    assert len((out / shard_name(0)).read_text().splitlines()) == 4


# --------------------------------------------------------------------------- Ray
@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[str]:
    """A local Ray cluster of two worker CPUs, on loopback, for this module; its address."""
    os.environ["RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"] = "0"  # loopback (read at import)
    import ray

    context = ray.init(
        address="local",
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
        object_store_memory=150 * 1024 * 1024,
    )
    try:
        yield str(context.address_info["gcs_address"])
    finally:
        ray.shutdown()


def test_a_ray_cluster_of_two_workers_writes_the_same_shards(
    ray_cluster: str, single_process: Path, tmp_path: Path
) -> None:
    assert ray_cluster.startswith("127.0.0.1:")
    out = tmp_path / "shards"

    done = _extract(out, "--engine", "ray", "--workers", "2", "--ray-address", ray_cluster)

    assert done.returncode == 0, done.stderr
    assert "shards written 3 / skipped 0" in done.stdout
    _same, mismatch, errors = filecmp.cmpfiles(
        out, single_process, [*_shards(single_process), ".kgapi-shards.json"], shallow=False
    )
    assert (mismatch, errors) == ([], [])
    assert _shards(out) == _shards(single_process)


def test_the_ray_engine_without_ray_says_how_to_get_it(tmp_path: Path) -> None:
    shadowed = os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])
    blocked = {**os.environ, "PYTHONPATH": shadowed}
    (tmp_path / "ray.py").write_text("raise ImportError('no ray here')\n")
    done = subprocess.run(
        [KGAPI, "extract", str(SEEDS), "--output", str(tmp_path / "out"), "--engine", "ray"],
        capture_output=True,
        text=True,
        env=blocked,
        timeout=120,
    )
    assert done.returncode == 1
    assert "pip install 'kgapi[ray]'" in done.stderr


# --------------------------------------------------------------------------- loading
@pytest.fixture
def run(neo4j_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    monkeypatch.setenv("NEO4J_URI", neo4j_settings.neo4j_uri)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_settings.resolved_password())
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_settings.neo4j_database)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def _claims(drv: neo4j.Driver, database: str) -> list[tuple[str, ...]]:
    records, _, _ = drv.execute_query(
        "MATCH (s)-[:STATED]->(c:Claim)-[:REPORTED_IN]->(a:Article) "
        "RETURN c.id AS id, c.text AS text, s.id AS speaker, a.sha256 AS sha ORDER BY id",
        database_=database,
        routing_=neo4j.RoutingControl.READ,
    )
    return [tuple(str(v) for v in r.values()) for r in records]


def test_loading_the_shards_builds_the_graph_loading_the_articles_builds(
    single_process: Path,
    run: Callable[..., Result],
    empty_graph: neo4j.Driver,
    neo4j_settings: Settings,
) -> None:
    database = neo4j_settings.neo4j_database
    from_shards = run("load", "--no-progress", str(single_process))
    assert from_shards.exit_code == 0, from_shards.output
    # 12 inputs, 11 articles: the seed is in both directories.
    assert (
        "articles read 12 / loaded 11 / replaced 0 / unchanged 1 / failed 0" in from_shards.output
    )
    sharded = (graph_counts(empty_graph, database), _claims(empty_graph, database))

    wipe_graph(empty_graph, database)
    direct = run("load", "--no-progress", *INPUTS)
    assert direct.exit_code == 0, direct.output

    assert (graph_counts(empty_graph, database), _claims(empty_graph, database)) == sharded
    assert sharded[0]["Claim"] > 100


def test_load_if_empty_loads_a_fresh_graph_once(
    run: Callable[..., Result], empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    first = run("load", "--if-empty", "--no-progress", str(SEEDS))
    assert "loaded 1" in first.output
    counts = graph_counts(empty_graph, neo4j_settings.neo4j_database)
    second = run("load", "--if-empty", "--no-progress", str(SEEDS))
    assert second.exit_code == 0
    assert "already holds articles: nothing loaded" in second.output
    assert graph_counts(empty_graph, neo4j_settings.neo4j_database) == counts
