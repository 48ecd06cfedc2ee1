"""`Found`: a statement as the rules find it, before it becomes a contract `Statement`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kgapi.ingest.extract.about import about_entities
from kgapi.ingest.extract.quotes import overlap
from kgapi.vocabulary import ClaimKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from kgapi.ingest.extract.entities import Cluster, EntityIndex


@dataclass
class Found:
    """A statement before it becomes a contract `Statement`."""

    speaker: Cluster
    kind: ClaimKind
    verb: str | None
    text: str
    span: tuple[int, int]
    sentence_span: tuple[int, int]
    cue_i: int | None
    about: list[Cluster] = field(default_factory=list)
    paragraph: int = 0
    # What it is about by context when its words name nothing (see `about`).
    context: list[Cluster] = field(default_factory=list)


def whole_statement(
    speaker: Cluster,
    paragraph: int,
    bounds: tuple[int, int],
    span: Span,
    text: str,
    index: EntityIndex,
    doc: Doc,
) -> Found:
    """Characters `bounds` (tokens `span`) of `paragraph` taken whole, a direct statement of
    `speaker` with no cue: a transcript turn, a paragraph of an issued statement."""
    start, end = bounds
    return Found(
        speaker=speaker,
        kind=ClaimKind.DIRECT,
        verb=None,
        text=" ".join(text[start:end].split()),
        span=(start, end),
        sentence_span=(start, end),
        cue_i=None,
        about=about_entities(index, [(span.start, span.end)], speaker, doc),
        paragraph=paragraph,
    )


def dedupe(found: list[Found]) -> list[Found]:
    """One statement per stretch of text (`found` in text order): of two overlapping by
    more than half, the first stays, unless the later one quotes what the first reports,
    or is what a transcript turn reports someone else said (both stay)."""
    kept: list[Found] = []
    for item in found:
        clash = next(
            (k for k in kept if overlap(k.span, item.span) > 0.5 and not _reported_in(item, k)),
            None,
        )
        if clash is None:
            kept.append(item)
        elif clash.kind in {"indirect", "belief"} and item.kind in {"direct", "partial"}:
            kept[kept.index(clash)] = item
    return kept


def _reported_in(item: Found, turn: Found) -> bool:
    """`item` is what the whole turn `turn` (no cue of its own) reports another said."""
    inside = turn.span[0] <= item.span[0] and item.span[1] <= turn.span[1]
    return (
        turn.cue_i is None
        and item.cue_i is not None
        and inside
        and item.speaker is not turn.speaker
    )
