"""Whom "he" or "she" stands for: walking back sentence by sentence to the person (of an
agreeing gender) who spoke there or was its subject, outside quotes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kgapi.ingest.extract.entities import Cluster, EntityIndex
    from kgapi.ingest.extract.speakers import SpeakerBook

PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}


def agrees(cluster: Cluster, pronoun: str) -> bool:
    """A person agrees with he/she unless their known gender says otherwise."""
    wanted = PRONOUN_GENDER.get(pronoun.lower())
    return wanted is None or cluster.gender is None or cluster.gender == wanted


def antecedent(head: Token, book: SpeakerBook, doc: Doc, floor: int) -> Cluster | None:
    """He/she: walking back sentence by sentence, the person (of an agreeing gender) who
    spoke there or was its subject (outside quotes); nearest sentence first."""
    sent = head.sent
    pronoun = head.lower_

    def subject_person(token: Token) -> Cluster | None:
        """The agreeing person `token` names as a subject outside quotes, if it does."""
        cluster = book.index.at(token.i)
        if (
            cluster is not None
            and cluster.type == "person"
            and is_subject(token)
            and token.i not in book.quoted
            and agrees(cluster, pronoun)
            and not _byline(token)
        ):
            return cluster
        return None

    for token in reversed(doc[sent.start : head.i]):
        if (found := subject_person(token)) is not None:
            return found
    spoke = {i: c for i, c in book.history if c.type == "person" and agrees(c, pronoun)}
    position = sent.start
    while position > max(floor, 0):
        previous = doc[position - 1].sent
        for token in previous:
            if token.i in spoke:
                return spoke[token.i]
        for token in previous:
            if (found := subject_person(token)) is not None:
                return found
        position = previous.start
    return None


# "VOA's Jim Stevenson has more", "… has the story": the reporter's own line.
_BYLINE_OBJECTS = {"more", "story", "report", "details"}


def _byline(token: Token) -> bool:
    """'Jim Stevenson reports from Beijing', "VOA's Jim Stevenson has more on …": the
    reporter introducing the story, whom no later "he" stands for."""
    verb = token.head
    while verb.dep_ in {"compound", "appos", "flat"} and verb.head.i != verb.i:
        verb = verb.head
    verb = verb.head if verb.dep_ in {"nsubj", "nsubjpass"} else verb
    if verb.lemma_ == "report" and verb.tag_ == "VBZ":
        return True
    return verb.lemma_ == "have" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _BYLINE_OBJECTS for c in verb.children
    )


def first_of_two(tokens: Iterable[Token], index: EntityIndex) -> Cluster | None:
    """The first person of tokens that name at least two people."""
    people: list[Cluster] = []
    for token in tokens:
        cluster = index.at(token.i)
        if cluster is not None and cluster.type == "person" and cluster not in people:
            people.append(cluster)
    return people[0] if len(people) >= 2 else None


def is_subject(token: Token) -> bool:
    """`token` names its clause's subject (itself, or apposed, compounded or joined to it)."""
    # The name itself, or the name apposed to the subject ("the chief executive, Grace
    # Mbeki, told ..."), compounded into it, or joined to it ("Quorra co-founder and CEO
    # Elin Strand will join ...": the parser makes the name a conjunct of "founder").
    node = token
    for _ in range(4):
        if node.dep_ in {"nsubj", "nsubjpass"}:
            return True
        if node.dep_ == "compound" and node.ent_type_ != "PERSON":
            return False  # "Kingsport manager Carlos Mendes": Kingsport is not the subject
        if node.dep_ in {"compound", "appos", "flat", "conj"} and node.head.i != node.i:
            node = node.head
            continue
        return False
    return False
