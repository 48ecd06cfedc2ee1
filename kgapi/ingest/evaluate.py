"""Scoring extractions against hand-written gold, as issue 4 defines it.

Gold is JSON Lines, one article per line::

    {"article": "file name in ARTICLES_DIR",
     "entities": [{"name": "Antony Blinken", "type": "person", "aliases": ["Blinken"],
                   "optional": false}],
     "statements": [{"speaker": "Antony Blinken", "text": "...", "kind": "direct",
                     "about": ["Ukraine"], "optional": false}]}

- A statement matches when the speaker matches (canonical name, alias or surname; unnamed
  sources by their words without determiners: "administration official" = "an
  administration official") and the contents share at least half the words of the
  shorter side, and at least 3. One extracted statement may cover several gold segments.
- Gold marked optional (beliefs, institutional rulings) and extracted beliefs that match
  nothing count neither way.
- About-entities (over matched statement pairs) and entities (people, organizations,
  places) match by canonical name or alias; all figures are micro-averaged.

Gold may be one file or a directory of ``*.jsonl`` files. A gold line may name its
``"beat"`` (diplomacy, courts, transcript, …): the report then also scores each beat. A
split file (JSON ``{"tune": [file, …], "test": [file, …]}``) restricts scoring to one half,
so rules can be tuned on one half and reported on the other.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgapi.model import Entity, Extraction, Statement

NAMED_TYPES = {"person", "organization", "location"}
_DROP = {
    "a", "an", "the", "some", "other", "others", "two", "three", "four", "several", "many",
    "one", "our", "their", "his", "her", "its", "senior", "all", "most", "few",
}  # fmt: skip


@dataclass
class Score:
    """Counts and the derived precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores for statements, about-entities and entities, with misses and false hits."""

    statements: Score = field(default_factory=Score)
    about: Score = field(default_factory=Score)
    entities: Score = field(default_factory=Score)
    misses: list[str] = field(default_factory=list)
    false_hits: list[str] = field(default_factory=list)
    articles: int = 0
    beats: dict[str, Report] = field(default_factory=dict)

    def add(self, other: Report) -> None:
        """Add `other`'s counts, misses and false hits to this report (beats untouched)."""
        for name in ("statements", "about", "entities"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.tp += theirs.tp
            mine.fp += theirs.fp
            mine.fn += theirs.fn
        self.misses.extend(other.misses)
        self.false_hits.extend(other.false_hits)
        self.articles += other.articles

    def as_dict(self) -> dict[str, Any]:
        return {
            name: {
                "precision": s.precision,
                "recall": s.recall,
                "f1": s.f1,
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            for name, s in (
                ("statements", self.statements),
                ("about", self.about),
                ("entities", self.entities),
            )
        }


class GoldError(ValueError):
    """The gold file or an article it names is unusable."""


def _norm(name: str) -> str:
    text = name.lower().replace("\u2019", "'").replace(".", "")
    text = re.sub(r"'s\b", "", text)
    return " ".join(re.findall(r"[a-z0-9]+", text)).removeprefix("the ")


def words(text: str) -> set[str]:
    """Lower-cased word set used for content matching."""
    return set(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'")))


def content_match(a: str, b: str) -> bool:
    """Shared words ≥ half the shorter side, and at least 3."""
    wa, wb = words(a), words(b)
    shorter = min(len(wa), len(wb))
    if shorter == 0:
        return False
    shared = len(wa & wb)
    return shared * 2 >= shorter and shared >= 3


def _unnamed_words(name: str) -> set[str]:
    return {w for w in _norm(name).split() if w not in _DROP}


def names_match(a: Iterable[str], b: Iterable[str], *, unnamed: bool = False) -> bool:
    """Any of the names `a` equals (or is the surname of) any of `b`; unnamed sources
    compare their words without determiners and quantifiers."""
    na = {_norm(x) for x in a if x}
    nb = {_norm(x) for x in b if x}
    if na & nb:
        return True
    for x in na:
        for y in nb:
            xs, ys = x.split(), y.split()
            if xs and ys and (xs[-1] == ys[-1]) and (len(xs) == 1 or len(ys) == 1):
                return True
            if unnamed:
                wx, wy = _unnamed_words(x), _unnamed_words(y)
                if wx and wy and (wx <= wy or wy <= wx):
                    return True
    return False


def _gold_names(name: str, gold_entities: list[dict[str, Any]]) -> list[str]:
    for entity in gold_entities:
        names = [entity["name"], *entity.get("aliases", [])]
        if _norm(name) in {_norm(n) for n in names}:
            return names
    return [name]


def _extracted_names(entity_id: str, extraction: Extraction) -> list[str]:
    for entity in extraction.entities:
        if entity.id == entity_id:
            return [entity.name, *entity.aliases]
    return []


def _speaker_match(
    s: Statement, g: dict[str, Any], extraction: Extraction, gold_entities: list[dict[str, Any]]
) -> bool:
    extracted = [s.speaker, *_extracted_names(s.speaker_id, extraction)]
    gold = _gold_names(g["speaker"], gold_entities)
    unnamed = s.speaker_kind in {"anonymous", "group"}
    return names_match(extracted, gold, unnamed=unnamed)


def score_article(extraction: Extraction, gold: dict[str, Any], report: Report) -> None:
    """Add one article's counts to `report`."""
    gold_statements: list[dict[str, Any]] = gold.get("statements", [])
    gold_entities: list[dict[str, Any]] = gold.get("entities", [])
    label = gold.get("article", extraction.article.title)
    matched_gold: set[int] = set()
    for s in extraction.statements:
        hits = [
            i
            for i, g in enumerate(gold_statements)
            if _speaker_match(s, g, extraction, gold_entities) and content_match(s.text, g["text"])
        ]
        if hits:
            matched_gold.update(hits)
            required = [i for i in hits if not gold_statements[i].get("optional")]
            if required:
                report.statements.tp += 1
                _score_about(
                    s, gold_statements[required[0]], extraction, gold_entities, report, label
                )
            continue
        if s.kind == "belief":
            continue  # unmatched beliefs count neither way
        report.statements.fp += 1
        report.false_hits.append(f"{label}: [{s.speaker}] {s.kind} {s.text[:100]!r}")
    for i, g in enumerate(gold_statements):
        if i not in matched_gold and not g.get("optional"):
            report.statements.fn += 1
            report.misses.append(f"{label}: [{g['speaker']}] {g['text'][:100]!r}")
    _score_entities(extraction.entities, gold_entities, report, label)
    report.articles += 1


def _score_about(
    s: Statement,
    g: dict[str, Any],
    extraction: Extraction,
    gold_entities: list[dict[str, Any]],
    report: Report,
    label: str,
) -> None:
    extracted = [
        [name, *_extracted_names(eid, extraction)]
        for name, eid in zip(s.about, s.about_ids, strict=False)
    ]
    gold = [_gold_names(name, gold_entities) for name in g.get("about", [])]
    used: set[int] = set()
    for names in gold:
        hit = next(
            (j for j, e in enumerate(extracted) if j not in used and names_match(e, names)), None
        )
        if hit is None:
            report.about.fn += 1
            report.misses.append(f"{label}: about {names[0]!r} of {g['text'][:50]!r}")
        else:
            used.add(hit)
            report.about.tp += 1
    for j, names in enumerate(extracted):
        if j not in used:
            report.about.fp += 1
            report.false_hits.append(f"{label}: about {names[0]!r} of {s.text[:50]!r}")


def _score_entities(
    entities: list[Entity], gold: list[dict[str, Any]], report: Report, label: str
) -> None:
    extracted = [e for e in entities if e.type in NAMED_TYPES]
    matched: set[int] = set()
    for g in gold:
        if g.get("type", "person") not in NAMED_TYPES:
            continue
        names = [g["name"], *g.get("aliases", [])]
        hits = [j for j, e in enumerate(extracted) if names_match([e.name, *e.aliases], names)]
        matched.update(hits)
        if hits:
            report.entities.tp += 1
        elif not g.get("optional"):
            report.entities.fn += 1
            report.misses.append(f"{label}: entity {g['name']!r}")
    for j, e in enumerate(extracted):
        if j not in matched:
            report.entities.fp += 1
            report.false_hits.append(f"{label}: entity {e.name!r} ({e.type})")


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Read gold JSON Lines (a file, or every ``*.jsonl`` in a directory, by name).

    Raises `GoldError` with the file and line at fault.
    """
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise GoldError(f"{path}: no *.jsonl gold files in this directory")
        return [item for file in files for item in load_gold(file)]
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"cannot read gold file {path}: {exc.strerror or exc}") from exc
    gold = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{number}: invalid JSON: {exc.msg}") from exc
        if not isinstance(item, dict) or "article" not in item:
            raise GoldError(f"{path}:{number}: each line needs an 'article' file name")
        gold.append(item)
    if not gold:
        raise GoldError(f"{path}: no gold articles")
    return gold


def load_split(path: Path) -> dict[str, list[str]]:
    """Read a split file: JSON ``{"tune": [file, …], "test": [file, …]}``."""
    try:
        split = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise GoldError(f"cannot read split file {path}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: invalid JSON: {exc.msg}") from exc
    if not isinstance(split, dict):
        raise GoldError(f'{path}: expected {{"tune": [file, ...], "test": [file, ...]}}')
    # Keys starting with "_" are notes (how the split was made), not parts.
    parts = {k: v for k, v in split.items() if not k.startswith("_")}
    if not parts or not all(
        isinstance(v, list) and all(isinstance(f, str) for f in v) for v in parts.values()
    ):
        raise GoldError(f'{path}: expected {{"tune": [file, ...], "test": [file, ...]}}')
    return parts


def select_part(
    gold: list[dict[str, Any]], split: dict[str, list[str]], part: str
) -> list[dict[str, Any]]:
    """The gold articles of one half of `split`; every gold article must be in one half."""
    if part not in split:
        raise GoldError(f"the split has no part {part!r} (it has: {', '.join(sorted(split))})")
    placed = {name for names in split.values() for name in names}
    unplaced = [g["article"] for g in gold if g["article"] not in placed]
    if unplaced:
        raise GoldError(f"gold articles missing from the split: {', '.join(unplaced)}")
    wanted = set(split[part])
    return [g for g in gold if g["article"] in wanted]


def evaluate(
    gold_path: Path,
    articles_dir: Path,
    *,
    workers: int = 1,
    split: Path | None = None,
    part: str | None = None,
) -> Report:
    """Extract every gold article from `articles_dir` and score it, in all and per beat.

    With `split` and `part`, only that half of the split is extracted and scored.
    """
    from kgapi.ingest.extract import extract_many
    from kgapi.ingest.read import ReadError, read_inputs

    gold = load_gold(gold_path)
    if split is not None:
        gold = select_part(gold, load_split(split), part or "test")
    if not articles_dir.is_dir():
        raise GoldError(f"{articles_dir} is not a directory")
    articles = []
    for item in gold:
        path = articles_dir / item["article"]
        results = list(read_inputs([path]))
        if not results or isinstance(results[0], ReadError):
            raise GoldError(
                f"gold article {item['article']}: {results[0] if results else 'not found'}"
            )
        article = results[0]
        if isinstance(article, Extraction):
            raise GoldError(f"gold article {item['article']} is already an extraction")
        articles.append(article)
    report = Report()
    for item, extraction in zip(gold, extract_many(articles, workers=workers), strict=True):
        one = Report()
        score_article(extraction, item, one)
        report.add(one)
        if beat := item.get("beat"):
            report.beats.setdefault(str(beat), Report()).add(one)
    return report
