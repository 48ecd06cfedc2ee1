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
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Processes."
)
def extract_command(paths: tuple[str, ...], as_json: bool, workers: int) -> None:
    """Extract entities and attributed statements from PATH... (files, dirs, globs, '-')."""
    from kgapi.ingest.extract import extract_many
    from kgapi.ingest.extract.nlp import ModelNotFound
    from kgapi.ingest.read import ReadError, read_inputs

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
