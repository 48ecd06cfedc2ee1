"""Extraction: an `Article` in, an `Extraction` (entities + attributed statements) out.

Data flow, one module per step:

    clean.clean_text      same-length text: quotes normalised, boilerplate masked
    nlp.load_nlp          one spaCy pass (`nlp.pipe`), cached per process
    entities.build_entities   NER → canonical people/organizations/places with roles
                              (missed_names adds the mentions the NER did not tag)
    statements.Attributor     cues + quotes → statements; speakers.resolve finds who;
                              about.about_entities finds whom; dates.statement_date when
    to_contract           → `kgapi.model.Extraction` with contract ids

`extract_many` runs the same over many articles, in worker processes when asked, keeping
input order.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from kgapi.ingest.clean import Cleaned, clean_text
from kgapi.ingest.extract.dates import StatedDate, statement_date
from kgapi.ingest.extract.entities import (
    Cluster,
    EntityIndex,
    build_entities,
    organizations_by_their_company,
    organizations_by_their_its,
    people_by_their_his,
    places_by_their_prepositions,
)
from kgapi.ingest.extract.found import Found
from kgapi.ingest.extract.nlp import load_nlp
from kgapi.ingest.extract.statements import Attributor
from kgapi.ingest.extract.transcripts import find_turns, mask_labels
from kgapi.ingest.extract.turns import Turn
from kgapi.model import Article, Entity, Extraction, Statement, article_id, claim_id, entity_id

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract", "extract_many", "is_probably_english"]

_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "and",
        "is",
        "are",
        "was",
        "were",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "it",
        "he",
        "she",
        "they",
        "said",
        "his",
        "her",
        "their",
        "from",
        "this",
        "be",
        "has",
        "have",
        "had",
        "not",
        "but",
        "or",
        "which",
        "who",
        "will",
        "would",
    ]
)


def is_probably_english(text: str) -> bool:
    """Cheap check before parsing: English prose is full of function words."""
    words = re.findall(r"[A-Za-z']+", text[:20_000].lower())
    if len(words) < 8:
        return bool(words)
    hits = sum(1 for w in words if w in _ENGLISH_FUNCTION_WORDS)
    return hits / len(words) >= 0.12


@dataclass
class _Prepared:
    """An article made ready for the parser: its cleaned text, turns and warnings."""

    cleaned: Cleaned | None
    turns: list[Turn] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _prepare(article: Article) -> _Prepared:
    warnings: list[str] = []
    cleaned = clean_text(article.text, title=article.meta.title)
    body = cleaned.text.strip()
    if not body:
        return _Prepared(None, warnings=["no article text after removing boilerplate"])
    if not is_probably_english(body):
        return _Prepared(None, warnings=["text does not look like English; nothing extracted"])
    turns = find_turns(cleaned)
    if turns:
        cleaned = mask_labels(cleaned, turns)
    elif '"' not in body:
        warnings.append("no quotation marks: only indirect statements can be found")
    return _Prepared(cleaned, turns, warnings)


def _extract_doc(article: Article, prepared: _Prepared, doc: Doc) -> Extraction:
    cleaned, warnings = prepared.cleaned, prepared.warnings
    assert cleaned is not None
    index = build_entities(doc)
    people_by_their_his(doc, index)
    places_by_their_prepositions(doc, index)
    organizations_by_their_company(doc, index)
    found = Attributor(
        doc,
        cleaned.text,
        article.text,
        cleaned.paragraphs,
        index,
        prepared.turns,
        title=cleaned.title or article.meta.title,
    ).run()
    if not found:
        warnings.append("no attributed statements found")
    organizations_by_their_its(doc, index)
    return to_contract(article, index, found, doc, warnings)


def to_contract(
    article: Article, index: EntityIndex, found: list[Found], doc: Doc, warnings: list[str]
) -> Extraction:
    """Clusters and found statements → the contract, with ids from `kgapi.model`."""
    meta = article.meta.model_copy()
    meta.id = meta.id or article_id(url=meta.url, text=article.text)
    meta.text = article.text
    text = doc.text  # spaCy joins its tokens on every call: once per article
    ids: dict[int, str] = {}
    entities: list[Entity] = []
    speakers = {id(f.speaker) for f in found}
    abouts = {id(c) for f in found for c in [*f.about, *f.context]}
    for cluster in index.clusters:
        if cluster.type in {"anonymous", "group"} and id(cluster) not in speakers | abouts:
            continue
        eid = _entity_id(cluster, meta.id)
        ids[id(cluster)] = eid
        if any(e.id == eid for e in entities):
            continue
        entities.append(
            Entity(
                id=eid,
                type=cluster.type,
                name=cluster.name,
                aliases=sorted(a for a in cluster.aliases if a != cluster.name),
                role=cluster.role,
                affiliation=cluster.affiliation,
                mentions=max(len(cluster.mentions), 1),
            )
        )
    published: date | None = meta.published_at.date() if meta.published_at else None
    statements: list[Statement] = []
    seen: set[str] = set()
    for item in found:
        sid = claim_id(meta.id, *item.span)
        if sid in seen:
            continue
        seen.add(sid)
        stated = _stated(doc, text, item, published)
        about = [c for c in item.about if id(c) in ids]
        context = [c for c in item.context if id(c) in ids and c not in about]
        statements.append(
            Statement(
                id=sid,
                speaker=item.speaker.name,
                speaker_id=ids[id(item.speaker)],
                speaker_kind=item.speaker.type,
                kind=item.kind,
                verb=item.verb,
                text=item.text,
                sentence=" ".join(
                    article.text[item.sentence_span[0] : item.sentence_span[1]].split()
                ),
                span=item.span,
                about=[c.name for c in [*about, *context]],
                about_ids=[ids[id(c)] for c in [*about, *context]],
                about_basis=["text"] * len(about) + ["context"] * len(context),
                date=stated.on if stated else None,
                date_precision=stated.precision if stated else None,
                date_basis=stated.basis if stated else None,
            )
        )
    return Extraction(article=meta, entities=entities, statements=statements, warnings=warnings)


def _stated(doc: Doc, text: str, item: Found, published: date | None) -> StatedDate | None:
    """The statement's date from its sentence (offsets of the cleaned text `text`, which
    are the article's), its own words and its cue left aside."""
    start, end = item.sentence_span
    cue_at = doc[item.cue_i].idx - start if item.cue_i is not None else None
    return statement_date(
        text[start:end],
        span=(item.span[0] - start, item.span[1] - start),
        cue_at=cue_at,
        published=published,
    )


def _entity_id(cluster: Cluster, article: str) -> str:
    scoped = cluster.type in {"anonymous", "group"}
    return entity_id(cluster.type, cluster.name, article=article if scoped else None)


def _empty(article: Article, warnings: list[str]) -> Extraction:
    meta = article.meta.model_copy()
    meta.id = meta.id or article_id(url=meta.url, text=article.text)
    meta.text = article.text
    return Extraction(article=meta, warnings=warnings)


def extract(article: Article, *, model: str | None = None) -> Extraction:
    """Extract entities and attributed statements from one article."""
    return next(iter(_extract_batch([article], model=model)))


def _extract_batch(
    articles: Iterable[Article], *, model: str | None = None
) -> Iterator[Extraction]:
    nlp = load_nlp(model)
    # One streaming `nlp.pipe` over everything: full batches keep the parser efficient.
    # An article with nothing to parse goes through as "" (free) so that order is kept.
    prepared = ((a, _prepare(a)) for a in articles)
    stream = ((p.cleaned.text if p.cleaned else "", (a, p)) for a, p in prepared)
    for doc, (article, ready) in nlp.pipe(stream, as_tuples=True, batch_size=16):
        if ready.cleaned is None:
            yield _empty(article, ready.warnings)
        else:
            yield _extract_doc(article, ready, doc)


def _worker_batch(args: tuple[list[Article], str | None]) -> list[Extraction]:
    articles, model = args
    return list(_extract_batch(articles, model=model))


def extract_many(
    articles: Iterable[Article], *, workers: int = 1, model: str | None = None, chunk: int = 16
) -> Iterator[Extraction]:
    """Extract many articles, in `workers` processes when > 1; results keep input order."""
    if workers <= 1:
        yield from _extract_batch(articles, model=model)
        return
    batches = _chunks(articles, chunk)
    context = multiprocessing.get_context("fork" if _can_fork() else "spawn")
    # Each worker loads the pipeline once, up front (inherited for free after a fork when
    # the parent already has it); chunks then stream through `imap` in input order.
    with context.Pool(workers, initializer=_load_in_worker, initargs=(model,)) as pool:
        for result in pool.imap(_worker_batch, ((b, model) for b in batches)):
            yield from result


def _load_in_worker(model: str | None) -> None:
    load_nlp(model)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    buffer: list[Article] = []
    for article in articles:
        buffer.append(article)
        if len(buffer) >= size:
            yield buffer
            buffer = []
    if buffer:
        yield buffer


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()
