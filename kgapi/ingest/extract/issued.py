"""A statement an institution issues under its own name: its unattributed paragraphs.

"Statement of the Ministry of Foreign Affairs of Ukraine on the shelling of Kharkiv": the
cues find what the ministry "condemns" and what others said inside it ("In a separate
statement, the Defense Ministry said …"); a paragraph they leave without a speaker ("This
attack is yet another war crime. We call on our partners to …") is the issuer's own words,
as every paragraph of a statement is. Without such a title, a paragraph that opens with
"We" right after one in which an institution or a country spoke goes on with its words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgapi.ingest.extract.cues import MIN_CONTENT_WORDS, says_something
from kgapi.ingest.extract.entities import Cluster, EntityIndex
from kgapi.ingest.extract.found import Found, whole_statement
from kgapi.ingest.extract.statement_layouts import introduces_unnamed, issuing_institution
from kgapi.vocabulary import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc


def issued_paragraphs(
    title: str,
    text: str,
    doc: Doc,
    paragraphs: list[tuple[int, int]],
    index: EntityIndex,
    found: list[Found],
) -> list[Found]:
    """The paragraphs of an institution's statement (by its title) that hold no statement
    in `found`, each a direct statement of the institution."""
    issuer = title_issuer(title, index)
    if issuer is None:
        return _we_paragraphs(text, doc, paragraphs, index, found)
    covered = {f.paragraph for f in found}
    # "The following is a statement on …:": the statement starts after its lead.
    lead = next(
        (p for p, (a, b) in enumerate(paragraphs) if introduces_unnamed(text[a:b].strip())), -1
    )
    issued: list[Found] = []
    for p, (start, end) in enumerate(paragraphs):
        span = doc.char_span(start, end, alignment_mode="expand")
        if p <= lead or p in covered or span is None or len(span) < MIN_CONTENT_WORDS:
            continue
        if not says_something(span) or span.text.strip() == title.strip():
            continue
        issued.append(whole_statement(issuer, p, (start, end), span, text, index, doc))
    return issued


def _we_paragraphs(
    text: str,
    doc: Doc,
    paragraphs: list[tuple[int, int]],
    index: EntityIndex,
    found: list[Found],
) -> list[Found]:
    """'The United States condemns the violence …' then, unattributed, 'We call on the
    Government of Nicaragua to …': a paragraph opening with "We" outside quotes, right
    after a paragraph in which an institution or a country spoke, goes on with its words
    (a reporter never writes "we")."""
    covered = {f.paragraph for f in found}
    last_speaker: dict[int, Cluster] = {}
    for f in sorted(found, key=lambda f: f.span):
        last_speaker[f.paragraph] = f.speaker
    issued: list[Found] = []
    for p, (start, end) in enumerate(paragraphs):
        if p in covered or not _opens_with_we(text[start:end]):
            continue
        speaker = next(
            (last_speaker[q] for q in (p - 1, p - 2) if q in last_speaker),
            None,
        )
        if speaker is None or speaker.type not in {EntityKind.ORGANIZATION, EntityKind.LOCATION}:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) < MIN_CONTENT_WORDS or not says_something(span):
            continue
        issued.append(whole_statement(speaker, p, (start, end), span, text, index, doc))
        last_speaker[p] = speaker
        covered.add(p)
    return issued


def _opens_with_we(paragraph: str) -> bool:
    words = paragraph.strip().split(maxsplit=1)
    return bool(words) and words[0] in {"We", "We're", "We’re", "We've", "We’ve"}


def title_issuer(title: str, index: EntityIndex) -> Cluster | None:
    """The institution whose statement the title says the text is, if it is one."""
    who = issuing_institution(title)
    return _issuer(who, index) if who is not None else None


def _issuer(who: str, index: EntityIndex) -> Cluster:
    """The organization of the article the title names ("the Ministry of Foreign Affairs"
    is the article's "Ministry of Foreign Affairs of Ukraine"), else a new one."""
    bare = who.removeprefix("the ").removeprefix("The ")
    for cluster in index.clusters:
        names = {cluster.name, *cluster.aliases}
        if cluster.type == EntityKind.ORGANIZATION and any(n.startswith(bare) for n in names):
            return cluster
    cluster = Cluster(type=EntityKind.ORGANIZATION, name=bare)
    index.clusters.append(cluster)
    return cluster
