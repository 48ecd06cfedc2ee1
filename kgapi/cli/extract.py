"""`kgapi extract` and `kgapi eval`: run the extraction stage from the command line."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kgapi.model import Article, Extraction


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--json", "as_json", is_flag=True, help="One JSON document per article (the contract)."
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes (default 1); with --engine ray, actors (default: the cluster's CPUs).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write JSON Lines shards here (resumable: shards already written are skipped); "
    "`kgapi load DIR` loads them.",
)
@click.option(
    "--shard-size",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Articles per shard (with --output).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Who extracts the shards (with --output): this machine's processes, or a Ray "
    "cluster (pip install 'kgapi[ray]').",
)
@click.option(
    "--ray-address",
    envvar="RAY_ADDRESS",
    help="Ray cluster to join: 'auto' (the `ray start` of this machine) or HEAD:6379; "
    "unset: a local cluster for this run.",
)
def extract_command(
    paths: tuple[str, ...],
    as_json: bool,
    workers: int | None,
    output: Path | None,
    shard_size: int,
    engine: str,
    ray_address: str | None,
) -> None:
    """Extract entities and attributed statements from PATH... (files, dirs, globs, '-').

    Prints a table per article, or with --json one contract document per line. With
    --output DIR, writes shards for `kgapi load DIR` instead, on this machine or a Ray
    cluster (--engine ray); run it again to finish an interrupted run.
    """
    from kgapi.ingest.extract import extract_many
    from kgapi.ingest.extract.nlp import ModelNotFound
    from kgapi.ingest.read import ReadError, read_inputs

    if output is not None:
        if as_json:
            raise click.UsageError("--json prints to stdout; --output writes shards: pick one")
        _extract_to_shards(paths, output, shard_size, engine, workers, ray_address)
        return
    if engine != "local":
        raise click.UsageError("--engine needs --output DIR (a cluster writes shards)")
    workers = workers or 1
    err = Console(stderr=True)
    articles: list[Article] = []
    ready: list[Extraction] = []
    errors: list[ReadError] = []
    for item in read_inputs(paths):
        if isinstance(item, ReadError):
            errors.append(item)
            err.print(f"[yellow]skipped[/] {item}")
        elif isinstance(item, Extraction):
            ready.append(item)
        else:
            articles.append(item)
    if not articles and not ready:
        raise click.UsageError("no readable articles in the given paths")
    started = time.perf_counter()
    results: list[Extraction] = list(ready)
    try:
        with Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=len(articles) < 5 or not err.is_terminal,
        ) as progress:
            task = progress.add_task("extract", total=len(articles))
            for extraction in extract_many(articles, workers=workers):
                results.append(extraction)
                progress.advance(task)
                if as_json:
                    sys.stdout.write(
                        extraction.model_dump_json(exclude={"article": {"text"}}) + "\n"
                    )
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        for extraction in ready:
            sys.stdout.write(extraction.model_dump_json(exclude={"article": {"text"}}) + "\n")
    else:
        out = Console()
        for extraction in results:
            _print_table(out, extraction)
    elapsed = time.perf_counter() - started
    statements = sum(len(r.statements) for r in results)
    entities = sum(len(r.entities) for r in results)
    err.print(
        f"{len(results)} articles, {entities} entities, {statements} statements, "
        f"{len(errors)} skipped in {elapsed:.1f}s"
    )


def _extract_to_shards(
    paths: tuple[str, ...],
    output: Path,
    shard_size: int,
    engine_name: str,
    workers: int | None,
    ray_address: str | None,
) -> None:
    from kgapi.ingest.extract.nlp import ModelNotFound
    from kgapi.ingest.read import read_inputs
    from kgapi.scale.ray_engine import EngineUnavailable, RayEngine
    from kgapi.scale.shards import Engine, LocalEngine, ShardResult, ShardsError, extract_to_shards

    engine: Engine
    if engine_name == "ray":
        engine = RayEngine(address=ray_address, workers=workers)
    else:
        engine = LocalEngine(workers=workers or 1)
    err = Console(stderr=True)
    # The inputs as the manifest records them: absolute, so a resume from elsewhere matches.
    inputs = [p if p == "-" else str(Path(p).resolve()) for p in paths]
    started = time.perf_counter()

    def on_shard(result: ShardResult) -> None:
        err.print(
            f"shard {result.index}: {result.articles} articles, {result.statements} statements"
            + (f", {len(result.failures)} failed" if result.failures else ""),
            highlight=False,
        )

    try:
        report = extract_to_shards(
            read_inputs(paths),
            output,
            inputs=inputs,
            engine=engine,
            shard_size=shard_size,
            on_shard=on_shard,
        )
    except ShardsError as exc:
        raise click.UsageError(str(exc)) from exc
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from exc
    except EngineUnavailable as exc:  # Ray missing, or its cluster unreachable
        raise click.ClickException(str(exc)) from exc
    for error in report.read_errors:
        err.print(f"skipped {error}", markup=False, highlight=False)
    for failure in report.failures:
        err.print(f"FAILED {failure.origin}: {failure.reason}", markup=False, highlight=False)
    elapsed = time.perf_counter() - started
    click.echo(
        f"shards written {report.written} / skipped {report.skipped} (already done), "
        f"articles {report.articles}, entities {report.entities}, statements "
        f"{report.statements}, failed {len(report.failures)}, skipped inputs "
        f"{len(report.read_errors)}, {elapsed:.1f}s -> {output}"
    )
    if report.failures:
        sys.exit(1)
    if report.written == 0 and report.skipped == 0:
        raise click.UsageError("no readable articles in the given paths")


def _print_table(console: Console, extraction: Extraction) -> None:
    title = extraction.article.title or extraction.article.id
    table = Table(title=title, show_lines=False, expand=True)
    table.add_column("speaker", style="bold", max_width=28)
    table.add_column("kind", max_width=9)
    table.add_column("verb", max_width=10)
    table.add_column("statement", ratio=3)
    table.add_column("about", max_width=30)
    for s in extraction.statements:
        table.add_row(
            f"{s.speaker} ({s.speaker_kind})", s.kind, s.verb or "", s.text, ", ".join(s.about)
        )
    console.print(table)
    people = [e for e in extraction.entities if e.type != "location"]
    places = [e.name for e in extraction.entities if e.type == "location"]
    if people:
        console.print(
            "  entities: "
            + "; ".join(
                e.name
                + (f" ({e.role}{', ' + e.affiliation if e.affiliation else ''})" if e.role else "")
                for e in people
            )
        )
    if places:
        console.print("  places: " + ", ".join(places))
    for warning in extraction.warnings:
        console.print(f"  [yellow]warning:[/] {warning}")


@click.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("articles_dir", type=click.Path(path_type=Path))
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True)
@click.option(
    "--split",
    type=click.Path(path_type=Path, dir_okay=False),
    help='JSON {"tune": [...], "test": [...]}: score one half only (see --part).',
)
@click.option(
    "--part",
    default="test",
    show_default=True,
    help="Which half of --split to score (tune rules on one half, report the other).",
)
@click.option("--show", is_flag=True, help="List every miss and false hit.")
def eval_command(
    gold: Path, articles_dir: Path, workers: int, split: Path | None, part: str, show: bool
) -> None:
    """Score extraction on GOLD (a .jsonl file or a directory of them) against ARTICLES_DIR.

    Prints precision, recall and F1 of statements, about-entities and entities, overall and
    per beat when the gold names beats.
    """
    from kgapi.ingest.evaluate import GoldError, evaluate

    try:
        report = evaluate(gold, articles_dir, workers=workers, split=split, part=part)
    except GoldError as exc:
        raise click.UsageError(str(exc)) from exc
    console = Console()
    which = f", {part} half of {split.name}" if split else ""
    table = Table(title=f"Extraction vs gold ({report.articles} articles{which})")
    for column in ("", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="right" if column else "left")
    for name, score in (
        ("statements", report.statements),
        ("about", report.about),
        ("entities", report.entities),
    ):
        table.add_row(
            name, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
            str(score.tp), str(score.fp), str(score.fn),
        )  # fmt: skip
    console.print(table)
    if report.beats:
        beats = Table(title="F1 per beat")
        for column in ("beat", "articles", "statements", "about", "entities"):
            beats.add_column(column, justify="left" if column == "beat" else "right")
        for beat, r in sorted(report.beats.items()):
            beats.add_row(
                beat, str(r.articles), f"{r.statements.f1:.3f}", f"{r.about.f1:.3f}",
                f"{r.entities.f1:.3f}",
            )  # fmt: skip
        console.print(beats)
    if show:
        console.print(f"[bold]misses ({len(report.misses)})[/]")
        for line in report.misses:
            console.print(f"  - {line}", markup=False)
        console.print(f"[bold]false hits ({len(report.false_hits)})[/]")
        for line in report.false_hits:
            console.print(f"  + {line}", markup=False)
    console.print(
        f"statements F1 {report.statements.f1:.3f}, about F1 {report.about.f1:.3f}, "
        f"entities F1 {report.entities.f1:.3f} over {report.articles} articles"
    )
