"""Mentions the NER did not tag, of entities the article names elsewhere.

spaCy's small model tags a name in one sentence and misses it (or tags it as something
else) in the next: "Tesla Inc." then "take Tesla private" (a nationality), "Kingsport
Rovers" then "Rovers manager", "Maria Hollis" then "Hollis, who …". One name keeps one
entity through an article, so these passes add the untagged mentions to the entity the
name belongs to, only when exactly one entity has it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgapi.ingest.extract.curated import Lexicon, alias_table
from kgapi.ingest.extract.names import ROLE_HEADS
from kgapi.model import person_key
from kgapi.vocabulary import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kgapi.ingest.extract.entities import Cluster, EntityIndex


def surnames_the_ner_missed(doc: Doc, index: EntityIndex) -> None:
    """'Hollis, who took over in March, ...' untagged: a capitalised proper noun equal to
    the surname of exactly one person of the article is a mention of that person."""
    surnames: dict[str, list[Cluster]] = {}
    for cluster in index.clusters:
        parts = cluster.name.split()
        if cluster.type == "person" and len(parts) > 1:
            surnames.setdefault(person_key(parts[-1]), []).append(cluster)
    for token in doc:
        owners = surnames.get(person_key(token.text)) if token.text[:1].isupper() else None
        if owners is None or len(owners) != 1 or token.i in index.by_token:
            continue
        # "Radmall conceded that …" opening a paragraph: tagged a common noun, but it heads
        # its own phrase ("Rice prices rose" compounds "Rice" into a thing).
        named = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.dep_ != "compound")
        if named and token.ent_type_ in _NOT_KEPT_TYPES:
            owners[0].add(token.text, token.i, token.i + 1)
            index.register(owners[0], token.i, token.i + 1)


# Untagged, or tagged with a type the graph keeps no entity for: "Cochrane and his wife,
# Ashley, were surprised" reads "Cochrane" as a product; "Isner, whose first professional
# match …" reads "Isner" as a nationality (a real demonym is its country's mention already).
_NOT_KEPT_TYPES = {"", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP"}


def given_names_the_ner_missed(doc: Doc, index: EntityIndex) -> None:
    """'Chidi was outstanding' after 'Chidi Okafor scored 31 points': a capitalised proper
    noun, untagged, equal to the given name of exactly one person of the article (and to
    no other word of anyone's name) is a mention of that person, after they were named."""
    given: dict[str, list[Cluster]] = {}
    others: set[str] = set()
    for cluster in index.clusters:
        parts = cluster.name.split()
        if cluster.type == "person" and len(parts) > 1 and cluster.mentions:
            given.setdefault(parts[0], []).append(cluster)
        others.update(parts[1:])
    for token in doc:
        owners = given.get(token.text)
        if owners is None or len(owners) != 1 or token.text in others:
            continue
        if token.i in index.by_token or token.ent_type_ or token.pos_ != "PROPN":
            continue
        if min(s for s, _ in owners[0].mentions) < token.i:
            owners[0].add(token.text, token.i, token.i + 1)
            index.register(owners[0], token.i, token.i + 1)


# NER labels under which a name the article gave an organization or a place can be missed:
# "take Tesla private" tags "Tesla" as a nationality. A PERSON tag is left alone.
_MISSABLE_LABELS = {"", "NORP", "ORG", "GPE", "LOC", "FAC"}
_MAX_NAME_TOKENS = 6


def names_the_ner_missed(doc: Doc, index: EntityIndex) -> None:
    """One name, one entity through the article: a later "Tesla" the NER did not tag
    (or tagged as a nationality) is the "Tesla" of "Tesla Inc." found elsewhere. Only
    capitalised names of organizations and of places the alias table knows, belonging to
    exactly one entity, matched whole, on tokens no entity holds yet."""
    table = alias_table()
    owners: dict[tuple[str, ...], list[Cluster]] = {}
    for cluster in index.clusters:
        known_place = cluster.type == EntityKind.LOCATION and table.lookup(cluster.name) is not None
        if cluster.type != EntityKind.ORGANIZATION and not known_place:
            continue  # a place the NER found may be a misread name ("Prak Sakhonn")
        surfaces = {cluster.name, *cluster.aliases}
        if cluster.type == EntityKind.ORGANIZATION:
            surfaces |= {short for name in list(surfaces) if (short := _without_suffix(name))}
        for surface in surfaces:
            words = tuple(surface.split())
            if (
                words
                and len(surface) >= 3
                and surface[:1].isupper()
                and len(words) <= _MAX_NAME_TOKENS
            ):
                found = owners.setdefault(words, [])
                if cluster not in found:
                    found.append(cluster)
    if not owners:
        return
    texts = [t.text for t in doc]
    # Name lengths by first word, longest first: most tokens start no name at all.
    lengths: dict[str, list[int]] = {}
    for words in owners:
        lengths.setdefault(words[0], []).append(len(words))
    i = 0
    while i < len(doc):
        matched = 0
        for length in sorted(set(lengths.get(texts[i], ())), reverse=True):
            if i + length > len(doc):
                continue
            found = owners.get(tuple(texts[i : i + length]), [])
            if len(found) != 1:
                continue
            span = doc[i : i + length]
            if any(t.i in index.by_token or t.ent_type_ not in _MISSABLE_LABELS for t in span):
                continue
            if length == 1 and span[0].pos_ != "PROPN":
                continue
            after = doc[i + length] if i + length < len(doc) else None
            if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
                continue  # "Tesla Motors": a longer name, not this one
            head = span[-1].head
            if span[-1].dep_ == "compound" and head.tag_ == "NNS" and head.lemma_ in ROLE_HEADS:
                continue  # "Scientology officials": a group that speaks for itself
            found[0].mentions.append((i, i + length))
            index.register(found[0], i, i + length)
            matched = length
            break
        i += max(matched, 1)


# Legal-form words a company drops in running text: "Tesla Inc." is "Tesla".
_LEGAL_FORMS = {
    "inc", "inc.", "corp", "corp.", "corporation", "co.", "company", "holdings", "group",
    "ltd", "ltd.", "plc", "llc", "ag", "sa", "nv",
}  # fmt: skip


def _without_suffix(name: str) -> str | None:
    """'Tesla Inc.' → 'Tesla', 'Wise Media, LLC' → 'Wise Media'; None without a legal form."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() not in _LEGAL_FORMS:
        return None
    return " ".join(words[:-1]).rstrip(",") or None


def team_names_the_ner_missed(doc: Doc, index: EntityIndex, lex: Lexicon) -> None:
    """'Rovers manager Sophie Laurent' untagged after 'Kingsport Rovers': a capitalised
    proper noun modifying a noun, equal to the last word of exactly one two-word
    organization (not a generic suffix like 'Securities'), is a mention of it."""
    owners: dict[str, list[Cluster]] = {}
    for cluster in index.clusters:
        words = cluster.name.split()
        short = len(words) == 2 and words[1].lower() not in lex.org_suffixes
        if cluster.type == "organization" and short:
            owners.setdefault(words[1], []).append(cluster)
    for token in doc:
        found = owners.get(token.text)
        if found is None or len(found) != 1 or token.i in index.by_token or token.ent_type_:
            continue
        if token.pos_ == "PROPN" and token.dep_ == "compound" and token.head.pos_ == "NOUN":
            found[0].add(token.text, token.i, token.i + 1)
            index.register(found[0], token.i, token.i + 1)


# Roles that are no title to refer back by ("Mr.", "Dr."): every man or doctor has them.
_HONORIFIC_ROLES = {"mr.", "mrs.", "ms.", "dr.", "mr", "mrs", "ms", "dr", "sir", "dame"}


def titles_the_ner_missed(doc: Doc, index: EntityIndex) -> None:
    """'The President welcomed …' in a readout of President Obama's call, 'the mayor'
    after 'Mayor Michael Bloomberg': "the" and a role exactly one person of the article
    holds is a mention of that person (not "the President of France", not before a name
    or a possessive)."""
    holders: dict[str, list[Cluster]] = {}
    for cluster in index.clusters:
        role = (cluster.role or "").lower().removeprefix("former ").strip()
        if cluster.type == EntityKind.PERSON and role and role not in _HONORIFIC_ROLES:
            holders.setdefault(role, []).append(cluster)
    if not holders:
        return
    for token in doc:
        if token.lower_ != "the":
            continue
        for length in (3, 2, 1):
            span = doc[token.i + 1 : token.i + 1 + length]
            if len(span) < length:
                continue
            owners = holders.get(span.text.lower(), [])
            after = doc[span.end] if span.end < len(doc) else None
            if len(owners) != 1 or any(t.i in index.by_token for t in span):
                continue
            if after is not None and (
                after.lower_ == "of" or after.pos_ == "PROPN" or after.tag_ == "POS"
            ):
                # "the President of France", "the President Joe Biden"; "the prime
                # minister's spokesman" speaks for the prime minister, not as him.
                continue
            owners[0].mentions.append((span.start, span.end))
            index.register(owners[0], span.start, span.end)
            break
