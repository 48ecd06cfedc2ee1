"""What a briefer reports others said, inside their own turn.

A readout or briefing turn is the briefer's statement as a whole ("MR. RHODES: … the
President welcomed Prime Minister Gilani's statement …, and he made clear his view that
…"). What it reports a named person or organization said is also that one's statement:
"the President welcomed …", "the two leaders agreed that …". Only reports with a named
subject (a person or organization of the article, not the briefer, not "I"/"we") count,
so the briefer's own words stay theirs alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgapi.ingest.extract.about import about_entities
from kgapi.ingest.extract.content import ContentFinder
from kgapi.ingest.extract.cues import MIN_CONTENT_WORDS, SPEECH_VERBS
from kgapi.ingest.extract.found import Found
from kgapi.ingest.extract.quotes import inner_span
from kgapi.vocabulary import ClaimKind, EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kgapi.ingest.extract.entities import EntityIndex
    from kgapi.ingest.extract.turns import Turn

# Auxiliaries of words not (yet) said: "will say more", "did not say", "may announce".
UNSAID = {
    "will", "'ll", "shall", "may", "might", "can", "could", "should", "must", "to", "not",
    "n't", "never",
}  # fmt: skip

# Verbs a readout reports its principals' words with, beyond the speech verbs.
READOUT_VERBS = {
    "welcome", "reaffirm", "express", "stress", "underscore", "agree", "recognize", "highlight",
    "reiterate", "emphasize", "reemphasize", "commend", "affirm",
}  # fmt: skip


def reported_in_turns(
    turns: list[Turn], text: str, doc: Doc, index: EntityIndex, turn_found: list[Found]
) -> list[Found]:
    """Statements reported inside answer turns by a named subject other than the turn's
    speaker, each with its own span (inside the turn's)."""
    content = ContentFinder(doc, {}, index)
    speaker_of = {f.paragraph: f.speaker for f in turn_found}
    found: list[Found] = []
    for turn in turns:
        if turn.question:
            continue
        briefer = speaker_of.get(turn.paragraph)
        span = doc.char_span(turn.start, turn.end, alignment_mode="expand")
        if briefer is None or span is None:
            continue
        for verb in span:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB" or lemma not in SPEECH_VERBS | READOUT_VERBS:
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            speaker = index.at(subject.i) if subject is not None else None
            if speaker is None or speaker is briefer:
                continue
            if speaker.type not in {EntityKind.PERSON, EntityKind.ORGANIZATION}:
                continue
            if any(c.dep_ in {"aux", "neg"} and c.lower_ in UNSAID for c in verb.children):
                continue  # "Gates will say more about …", "did not say": nothing said yet
            ranges = content.ranges(verb, lemma)
            if lemma in READOUT_VERBS and not ranges:
                ranges = [
                    (c.left_edge.i, c.right_edge.i + 1) for c in verb.children if c.dep_ == "dobj"
                ]
            ranges = [
                (a, b)
                for a, b in ranges
                if span.start <= a and b <= span.end and doc[a].dep_ != "cc"
            ]
            if not ranges or sum(b - a for a, b in ranges) < MIN_CONTENT_WORDS:
                continue
            start_char = doc[ranges[0][0]].idx
            last = doc[ranges[-1][1] - 1]
            a, b = inner_span(text, start_char, last.idx + len(last.text))
            sentence = verb.sent
            found.append(
                Found(
                    speaker=speaker,
                    kind=ClaimKind.INDIRECT,
                    verb=verb.text,
                    text=" ".join(text[a:b].replace('"', "").split()),
                    span=(a, b),
                    sentence_span=(sentence.start_char, sentence.end_char),
                    cue_i=verb.i,
                    about=about_entities(index, ranges, speaker, doc),
                    paragraph=turn.paragraph,
                )
            )
    return found
