"""A person's role, affiliation and likely gender, read from the words around their
mentions: a title before a name ("Secretary of State Antony Blinken"), an apposition after
it ("Ian Bremmer, president of the Eurasia Group"), an honorific ("Mrs Marsh")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgapi.ingest.extract.curated import Lexicon, lexicon
from kgapi.ingest.extract.names import COMPOSITE_ROLE, ROLE_HEADS, TITLE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kgapi.ingest.extract.entities import Cluster, EntityIndex


def person_gender(doc: Doc, cluster: Cluster, lex: Lexicon | None = None) -> str | None:
    """'f', 'm' or None: an honorific or gendered word right before a mention ("Mrs
    Marsh", "spokeswoman Jane Doe"), a gendered role, else the first name's usual gender.
    A hint for pronoun agreement, never a fact to store."""
    lex = lex or lexicon()
    for start, _ in cluster.mentions:
        for i in range(max(start - 2, 0), start):
            word = doc[i].lower_.rstrip(".")
            if word in lex.female_words:
                return "f"
            if word in lex.male_words:
                return "m"
    for word in (cluster.role or "").lower().split():
        if word in lex.female_words:
            return "f"
        if word in lex.male_words:
            return "m"
    first = cluster.name.split()[0].lower() if cluster.name else ""
    if first in lex.female_names:
        return "f"
    if first in lex.male_names:
        return "m"
    return None


def read_role(doc: Doc, cluster: Cluster, index: EntityIndex) -> None:
    """Role and affiliation from a title before a mention or an apposition after it."""
    for start, end in cluster.mentions:
        head = _span_root(doc, start, end)
        # Title words before the name: "Secretary of State Antony Blinken",
        # "Kremlin spokesman Dmitry Peskov".
        left = [
            t
            for t in head.lefts
            if t.i < start and t.dep_ in {"compound", "nmod", "amod"} and t.ent_type_ != "PERSON"
        ]
        if left:
            first = min(t.left_edge.i for t in left)
            tokens = [t for t in doc[first:start] if not t.is_punct and t.dep_ != "det"]
            if tokens and any(t.lower_ in ROLE_HEADS or t.lower_ in TITLE_WORDS for t in tokens):
                _set_role(cluster, tokens, index)
                if cluster.role:
                    return
        for child in head.children:
            if child.dep_ == "appos" and child.i >= end and child.pos_ == "NOUN":
                _set_role_from_noun(cluster, child, index)
                if cluster.role:
                    return
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.i < start:
            _set_role_from_noun(cluster, head.head, index)
            if cluster.role:
                return


def _span_root(doc: Doc, start: int, end: int) -> Token:
    for i in range(start, end):
        if not (start <= doc[i].head.i < end) or doc[i].head.i == i:
            return doc[i]
    return doc[end - 1]


def _set_role(cluster: Cluster, tokens: list[Token], index: EntityIndex) -> None:
    text = " ".join(t.text for t in tokens)
    if COMPOSITE_ROLE.match(text):
        cluster.role = text
        return
    org_tokens = [
        t for t in tokens if (c := index.at(t.i)) is not None and c.type == "organization"
    ]
    if org_tokens:
        org = index.at(org_tokens[0].i)
        cluster.affiliation = org.name if org else None
    role_words = [
        t.text for t in tokens if index.at(t.i) is None and t.ent_type_ not in {"GPE", "NORP"}
    ]
    if role_words:
        cluster.role = " ".join(role_words).lower() if len(role_words) > 1 else role_words[0]


def _set_role_from_noun(cluster: Cluster, noun: Token, index: EntityIndex) -> None:
    """'the president of the Eurasia Group' → role 'president', affiliation 'Eurasia Group'."""
    if noun.lower_ not in ROLE_HEADS:
        return
    mods = [t for t in noun.lefts if t.dep_ in {"amod", "compound"} and index.at(t.i) is None]
    cluster.role = " ".join([*(t.lower_ for t in mods), noun.lower_])
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "at", "for", "with"}:
            for sub in child.subtree:
                org = index.at(sub.i)
                if org is not None and org.type == "organization":
                    cluster.affiliation = org.name
                    return
    for t in noun.lefts:
        org = index.at(t.i)
        if org is not None and org.type == "organization":
            cluster.affiliation = org.name
            return
