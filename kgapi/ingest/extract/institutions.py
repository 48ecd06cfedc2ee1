"""Organizations as speakers when the text does not name them at the cue.

"The company said", "it said in a statement", "according to the complaint", "the carmaker
said": the organization is the one named last nearby, or the one the article keeps
naming; a complaint or indictment speaks for who filed it. Also the organizations a
subject names that the NER missed: "Northwind reported" after "Northwind Air Holdings",
a newspaper's nameplate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgapi.ingest.extract.entities import Cluster, EntityIndex
from kgapi.vocabulary import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kgapi.ingest.extract.speakers import SpeakerBook


def nameplate(head: Token, index: EntityIndex) -> Cluster:
    """The newspaper a subject like "The Sydney Morning Herald" names (the NER read it as
    an event or nothing)."""
    doc = head.doc
    start = head.i
    while start > head.sent.start and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
        start -= 1
    name = doc[start : head.i + 1].text
    cluster = index.find(EntityKind.ORGANIZATION, name)
    if cluster is None:
        cluster = Cluster(type=EntityKind.ORGANIZATION, name=name)
    cluster.add(name, start, head.i + 1)
    index.register(cluster, start, head.i + 1)
    return cluster


def organization_named(head: Token, index: EntityIndex) -> Cluster | None:
    """The organization whose name begins with `head` and the compounds before it (or,
    for one word, the only organization whose name begins with it)."""
    words = [t.text for t in head.lefts if t.dep_ == "compound"] + [head.text]
    phrase = " ".join(words)
    if len(words) < 2:
        # "Northwind reported …" after "Northwind Air Holdings": the one organization
        # whose name starts with this word.
        starting = [
            c
            for c in index.clusters
            if c.type == "organization" and c.name.split()[0] == phrase and " " in c.name
        ]
        return starting[0] if len(starting) == 1 else None
    return next(
        (
            c
            for c in index.clusters
            if c.type == "organization" and (c.name == phrase or c.name.startswith(phrase + " "))
        ),
        None,
    )


# Nouns that stand for an institution the text named: "the ministry said", "the court ruled".
INSTITUTION_NOUNS = {
    "ministry", "government", "agency", "department", "company", "firm", "court", "council",
    "committee", "commission", "office", "administration", "military", "army", "navy", "board",
    "bank", "campaign", "party", "embassy", "regulator", "union", "prosecutors", "police",
    "spokesperson", "group", "organization", "organisation", "institute", "university",
    "hospital", "school", "district", "city", "county", "team", "club", "airline", "utility",
    "defence", "defense", "prosecution", "opposition", "coalition", "cabinet", "parliament",
    "league", "federation", "association",
    # "according to Syrian state media": the state's outlets, as one unnamed source.
    "media", "medium",
}  # fmt: skip

# Nouns a news text uses to refer back to the company or club it just named.
COMPANY_NOUNS = {
    "company", "firm", "club", "team", "bank", "airline", "startup", "carmaker", "retailer",
    "lender", "insurer", "group", "business", "manufacturer", "operator", "broadcaster",
    # Not "producer", "developer", "publisher" (often a person) nor "side" ("the other
    # side said" in a negotiation); not every "-maker" (a lawmaker is a person).
    "automaker", "miner", "giant", "conglomerate", "brewer", "supermarket", "chain",
    "supplier", "provider", "carrier", "exchange", "utility", "maker", "franchise",
    "chipmaker", "drugmaker", "planemaker", "steelmaker", "toymaker",
}  # fmt: skip


def company_noun(lemma: str) -> bool:
    """'the carmaker', 'the chipmaker', 'the retailer': a company by what it does."""
    return lemma in COMPANY_NOUNS


def recent_organization(head: Token, index: EntityIndex) -> Cluster | None:
    """The organization named last in this or the previous sentence."""
    doc = head.doc
    sent = head.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    return _last_organization(doc[start : head.i], index)


def paragraph_start(head: Token) -> int:
    """The first token of `head`'s paragraph (after the last line break before it)."""
    doc = head.doc
    i = head.i
    while i > 0 and "\n" not in doc[i - 1].text_with_ws:
        i -= 1
    return i


def paragraph_organization(head: Token, index: EntityIndex) -> Cluster | None:
    """The organization named last in `head`'s paragraph before it."""
    return _last_organization(head.doc[paragraph_start(head) : head.i], index)


def previous_subject_organization(head: Token, index: EntityIndex) -> Cluster | None:
    """The organization the sentence before `head`'s (in its paragraph) has as subject."""
    doc = head.doc
    sent = head.sent
    if sent.start == 0 or sent.start <= paragraph_start(head):
        return None
    previous = doc[sent.start - 1].sent
    for token in previous:
        if token.dep_ in {"nsubj", "nsubjpass"} and token.head == previous.root:
            for part in token.subtree:
                cluster = index.at(part.i)
                if cluster is not None and cluster.type == "organization":
                    return cluster
    return None


def _last_organization(tokens: Span, index: EntityIndex) -> Cluster | None:
    for token in reversed(tokens):
        cluster = index.at(token.i)
        if cluster is None or cluster.type != "organization":
            continue
        if _names_a_thing(token):
            continue  # "10 million Toyota and Lexus vehicles": brands, not who acts
        return cluster
    return None


def _names_a_thing(token: Token) -> bool:
    """A name used as the modifier of a common noun ("Lexus vehicles", "Toyota and
    Lexus vehicles"), not as a party of the sentence."""
    node = token
    while node.dep_ in {"conj", "flat"} and node.head.i != node.i:
        node = node.head
    return node.dep_ in {"compound", "nmod", "amod"} and node.head.pos_ == "NOUN"


def main_organization(head: Token, index: EntityIndex) -> Cluster | None:
    """The organization the article keeps naming (at least twice before `head`), or the
    only one it has named so far (a ministry's statement names itself once)."""
    counts = [
        (n, c)
        for c in index.clusters
        if c.type == "organization" and (n := sum(1 for s, _ in c.mentions if s < head.i))
    ]
    best = max(counts, key=lambda pair: pair[0], default=None)
    if best is None:
        return None
    return best[1] if best[0] >= 2 or len(counts) == 1 else None


def described_organization(head: Token, index: EntityIndex) -> Cluster | None:
    """The organization a definite description stands for: "the ministry" is the
    organization with "ministry" in its name that the text mentioned last ("the foreign
    ministry": one with the modifiers too, if one has them); "the company", "the
    carmaker" is the company named in this paragraph, else the one named last nearby,
    else the one the article keeps naming. None when the text named no such organization.

    `head` is the description's noun; the caller has checked it is definite ("the", "this")
    and singular, and that its lemma is an institution's or a company's noun."""
    lemma = head.lemma_.lower()
    named = [
        (max((s for s, _ in c.mentions if s < head.i), default=-1), c)
        for c in index.clusters
        if c.type == "organization" and lemma in c.name.lower()
    ]
    modifiers = {c.lower_ for c in head.children if c.dep_ in {"amod", "compound"}}
    named = [pair for pair in named if modifiers <= set(pair[1].name.lower().split())] or named
    if company_noun(lemma):
        # "HSBC Holdings says … The bank says": the company named in this paragraph,
        # before one named earlier whose name has the noun (the Reserve Bank); the one
        # the sentence before is about first ("General Motors ended its agreement with
        # Facebook. The carmaker said …": General Motors, not the last one named).
        latest = max((at for at, _ in named), default=-1)
        here = previous_subject_organization(head, index) or paragraph_organization(head, index)
        if here is not None and latest < paragraph_start(head):
            return here
    if named:
        # "The Court of Session … The only court above it is the Supreme Court. The
        # court found …": the one the text keeps naming, then the one named last.
        return max(named, key=lambda pair: (len(pair[1].mentions), pair[0]))[1]
    if company_noun(lemma):
        # "Shares in Harlow City fell after the club warned ...": the organization
        # named last in this or the previous sentence, else the article's main one.
        return recent_organization(head, index) or main_organization(head, index)
    return None


def the_institution(head: Token, book: SpeakerBook) -> Cluster | None:
    """The organization behind "it said" or "a statement": the one named (or that spoke:
    "The committee said … But it said …") last in this or the previous sentence, else the
    one the article keeps naming."""
    doc = head.doc
    sent = head.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    spoke = next(
        (
            (i, cluster)
            for i, cluster in reversed(book.history)
            if start <= i < head.i and cluster.type == "organization"
        ),
        None,
    )
    named = recent_organization(head, book.index)
    named_at = max((s for s, _ in named.mentions if s < head.i), default=-1) if named else -1
    if spoke is not None and named_at < spoke[0]:
        return spoke[1]
    return named or main_organization(head, book.index)


def the_filer(head: Token, book: SpeakerBook) -> Cluster | None:
    """Who filed 'the complaint' or 'the indictment': the last organization that has spoken
    (the agency that 'announced charges against' the company), else as for a statement
    (the company sued is named more often than the agency suing it, and nearer)."""
    for i, cluster in reversed(book.history):
        if i < head.i and cluster.type == "organization":
            return cluster
    return the_institution(head, book)
