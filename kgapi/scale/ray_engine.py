"""Sharded extraction on a Ray cluster (`pip install 'kgapi[ray]'` on every node).

Why Ray (docs/scaling.md has the comparison): the stage's state is a spaCy pipeline that
takes seconds and a few hundred MB to load, and Ray's actors are exactly "a worker that
holds state": each actor loads the pipeline once in its constructor, takes one CPU, and
is fed shard after shard; a node that dies takes its actors with it, and Ray restarts them
and retries their shard elsewhere (`extract_shard` is pure, so a retry is harmless).

The calling process is Ray's driver: it reads the inputs, sends each shard's articles to
an idle actor and writes the shards the actors return, so the output directory only has to
exist where `kgapi extract` runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kgapi.scale.shards import ShardResult, ShardTask, extract_shard

#: Settings the workers need to extract exactly as this process would (a cluster's nodes
#: do not share this process's environment); sent with the job.
_WORKER_ENV = ("KGAPI_SPACY_MODEL",)


class EngineUnavailable(RuntimeError):
    """Ray is not installed, or its cluster cannot be reached."""


class ShardExtractor:
    """The Ray actor: one spaCy pipeline, loaded once, serving shard after shard."""

    def __init__(self) -> None:
        from kgapi.ingest.extract.nlp import load_nlp

        load_nlp()  # once per actor, before the first shard arrives

    def run(self, task: ShardTask) -> ShardResult:
        return extract_shard(task)


@dataclass
class RayEngine:
    """Runs shards on Ray: `workers` actors of one CPU each (default: every CPU).

    `address` None starts a local cluster of `workers` CPUs for this run; "auto" joins
    the cluster that `ray start` runs on this machine; "HOST:6379" joins a cluster's head
    node (see docs/scaling.md). If this process already called `ray.init` (a test), that
    cluster is used and left running.
    """

    address: str | None = None
    workers: int | None = None

    def run(self, tasks: Iterator[ShardTask]) -> Iterator[ShardResult]:
        if self.address is None:
            # A cluster for this run alone stays on loopback: Ray otherwise advertises the
            # machine's network address (its flag for laptops, read when Ray is imported).
            os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
        ray = _import_ray()
        started_here = not ray.is_initialized()
        if started_here:
            self._connect(ray)
        actors: list[Any] = []
        try:
            count = self.workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
            # Restarted on a lost node, with their shard retried: the map is pure.
            actor_class = ray.remote(num_cpus=1, max_restarts=3, max_task_retries=3)(ShardExtractor)
            actors = [actor_class.remote() for _ in range(count)]
            yield from _feed(ray, actors, tasks)
        finally:
            for actor in actors:
                ray.kill(actor)
            if started_here:
                ray.shutdown()

    def _connect(self, ray: Any) -> None:
        env = {name: os.environ[name] for name in _WORKER_ENV if os.environ.get(name)}
        options: dict[str, Any] = {
            "runtime_env": {"env_vars": env} if env else None,
            "include_dashboard": False,
            "log_to_driver": False,  # workers' logs stay in Ray's session directory
            "configure_logging": False,
        }
        try:
            if self.address is None:  # "local": a new cluster, never one found running
                ray.init(address="local", num_cpus=self.workers, **options)
            else:
                ray.init(address=self.address, **options)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise EngineUnavailable(
                f"cannot reach the Ray cluster at {self.address}: {exc}"
            ) from exc


def _feed(ray: Any, actors: list[Any], tasks: Iterator[ShardTask]) -> Iterator[ShardResult]:
    """One shard per actor in flight; a finished actor gets the next shard."""
    idle = list(actors)
    running: dict[Any, Any] = {}  # result reference -> actor

    def finished() -> ShardResult:
        [done], _ = ray.wait(list(running), num_returns=1)
        idle.append(running.pop(done))
        result: ShardResult = ray.get(done)
        return result

    for task in tasks:
        if not idle:
            yield finished()
        actor = idle.pop()
        running[actor.run.remote(task)] = actor
    while running:
        yield finished()


def _import_ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise EngineUnavailable(
            "the Ray engine needs the optional extra: pip install 'kgapi[ray]'"
        ) from exc
    return ray
