"""Named entities of one article: NER mentions → filtered, canonicalised clusters.

People, organizations and locations are read from spaCy's NER, cleaned of junk, mapped
through the curated alias table (`aliases.json`), and merged per article: a surname joins
the full name ("Blinken" → "Antony Blinken"), "U.S." joins "America", a demonym
("Ukrainian") or possessive ("Russia's") is a mention of its country. Roles and
affiliations come from titles before a name and from appositions after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kgapi.ingest.extract.cues import SPEECH_VERBS
from kgapi.ingest.extract.curated import AliasTable, Lexicon, alias_table, lexicon
from kgapi.ingest.extract.missed_names import (
    given_names_the_ner_missed,
    names_the_ner_missed,
    surnames_the_ner_missed,
    team_names_the_ner_missed,
    titles_the_ner_missed,
)
from kgapi.ingest.extract.names import (
    COMPOSITE_ROLE,
    TITLE_WORDS,
    is_junk,
    plural_of_people,
    trim_entity,
)
from kgapi.ingest.extract.roles import person_gender, read_role
from kgapi.ingest.extract.spans import (
    after_place_preposition,
    company_names,
    governed_place,
    joined_entities,
    looks_like_person,
    media_title,
    name_after_organization,
    name_as_work,
    name_tail,
    portfolio,
    sports_team,
    suffixed_organizations,
    titled_like_person,
)
from kgapi.model import person_key
from kgapi.vocabulary import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


LABEL_TYPES: dict[str, EntityKind] = {
    "PERSON": EntityKind.PERSON,
    "ORG": EntityKind.ORGANIZATION,
    "GPE": EntityKind.LOCATION,
    "LOC": EntityKind.LOCATION,
    "FAC": EntityKind.LOCATION,
}


@dataclass
class Cluster:
    """One entity of the article and where it is mentioned (token index ranges)."""

    type: EntityKind
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    curated: bool = False
    gender: str | None = None  # "f" / "m" from honorifics, gendered roles, first names

    def add(self, surface: str, start: int, end: int) -> None:
        self.aliases.add(surface)
        self.mentions.append((start, end))


@dataclass
class EntityIndex:
    """The article's clusters and a token → cluster map for the statement rules."""

    clusters: list[Cluster] = field(default_factory=list)
    by_token: dict[int, Cluster] = field(default_factory=dict)

    def at(self, token_i: int) -> Cluster | None:
        return self.by_token.get(token_i)

    def in_range(self, start: int, end: int) -> list[Cluster]:
        """Clusters mentioned in tokens [start, end), in order of first mention."""
        seen: list[Cluster] = []
        for i in range(start, end):
            cluster = self.by_token.get(i)
            if cluster is not None and cluster not in seen:
                seen.append(cluster)
        return seen

    def register(self, cluster: Cluster, start: int, end: int) -> None:
        if cluster not in self.clusters:
            self.clusters.append(cluster)
        for i in range(start, end):
            self.by_token[i] = cluster

    def find(self, etype: EntityKind, name: str) -> Cluster | None:
        for cluster in self.clusters:
            if cluster.type == etype and cluster.name == name:
                return cluster
        return None

    def find_or_add_curated(self, etype: EntityKind, name: str) -> Cluster:
        """The article's entity so named, else a new one from the alias table (a country
        a capital stands for, an outlet a label names), unmentioned so far."""
        found = self.find(etype, name)
        if found is None:
            found = Cluster(type=etype, name=name, curated=True)
            self.clusters.append(found)
        return found


# Last words of newspapers' names.
NAMEPLATES = {
    "herald", "times", "tribune", "gazette", "telegraph", "chronicle", "examiner", "inquirer",
    "courier", "bulletin", "dispatch", "sentinel", "clarion",
}  # fmt: skip
# Nouns before the name of a publication.
PUBLICATIONS = {"journal", "newspaper", "magazine", "tabloid", "daily", "weekly", "broadcaster"}

# Not "lane" or "street" alone in doubt: Nathan Lane is a person.
STREET_WORDS = {"road", "street", "avenue", "boulevard", "highway"}

# Last words of events the NER calls organizations ("Warrior Games", "Army Trials").
EVENT_WORDS = {
    "games", "trials", "championship", "championships", "olympics", "paralympics",
    "tournament", "marathon", "summit", "festival", "awards", "expo",
}  # fmt: skip

# First words of places named like people ("Fort Bliss", "Camp Lejeune", "Lake Placid").
PLACE_FIRST_WORDS = {"fort", "camp", "mount", "mt.", "lake", "cape", "port"}

# Last words of a place-like name that make it an institution that speaks.
INSTITUTION_HEADS = {"hospital", "university", "college", "school", "clinic", "institute"}

_CAMEL_CASE = re.compile(r"^[a-z]{1,6}[A-Z][a-z]+(?:[A-Z][a-z]*)*$")
MIN_CAMEL_MENTIONS = 2


def build_entities(doc: Doc, aliases: AliasTable | None = None) -> EntityIndex:
    """Cluster the article's NER mentions into canonical entities with roles."""
    table = aliases or alias_table()
    lex = lexicon()
    index = EntityIndex()
    pending: list[tuple[str, int, int, str]] = []  # (label, start, end, text)
    governed: set[str] = set()  # names read as places from "the mayor of X"
    companies = company_names(doc)
    # First words of multi-word organization names: "Veltron shares rose" is Veltron.
    org_first_words = {e[0].text for e in doc.ents if e.label_ == "ORG" and len(e) > 1}
    for ent in joined_entities(doc):
        nxt = doc[ent.end] if ent.end < len(doc) else None
        curated = table.lookup(ent.text) if ent.label_ == "NORP" else None
        party = curated is not None and curated[0] == "organization"  # "Labour", "GOP"
        if (
            (ent.label_ == "NORP" or ent.text.lower() in table.demonyms)
            and not party
            and not (
                nxt is not None and nxt.pos_ == "PROPN" and nxt.ent_type_ and nxt.ent_iob_ == "B"
            )
        ):
            _add_demonym(doc, ent.start, ent.end, table, index)
            continue
        if ent.text.lower() in table.demonyms:
            continue  # "French" of "French Guiana": part of the next name
        person_titled_as_work = ent.label_ == "WORK_OF_ART" and name_as_work(doc, ent, lex)
        if ent.label_ not in LABEL_TYPES and not party and not person_titled_as_work:
            continue
        trimmed = trim_entity(ent)
        if trimmed is None:
            continue
        start, end = trimmed
        label = "ORG" if party else "PERSON" if person_titled_as_work else ent.label_
        if label in {"GPE", "LOC"} and _first_name_before(doc, start, end, lex):
            start, label = start - 1, "PERSON"  # "Ana Petrova" read as "Ana" + a place
        if label == "PERSON":
            end = name_tail(doc, end, lex)
        prev = doc[start - 1] if start > 0 else None
        if (
            prev is not None
            and prev.lower_ in table.demonyms
            and prev.pos_ == "PROPN"
            and label in {"PERSON", "GPE", "LOC"}
        ):
            start, label = start - 1, "GPE"  # "French Guiana", one place
        text = doc[start:end].text
        if is_junk(text, ent.label_) or _inside_title(doc, start, end, ent.label_):
            continue
        if label in {"PERSON", "GPE", "LOC", "FAC"} and media_title(doc, start, end, lex):
            continue  # "West Wing Playbook", MSNBC's "Morning Joe": a programme, not a name
        if label == "ORG" and portfolio(doc, start, end, lex):
            continue  # "the Transport Secretary": a title, not an organization
        if label in {"ORG", "EVENT"} and doc[end - 1].lower_ in EVENT_WORDS:
            # "the 2018 Department of Defense Warrior Games": an event, no organization;
            # the organization named inside it is one.
            pending.extend(_organization_inside(doc, start, end - 1, table))
            continue
        split = name_after_organization(doc, start, end, lex) if label == "ORG" else None
        if split is not None:
            # "... of the Council on American-Islamic Relations Alia Salem said": the NER
            # ran the organization into the name of the person who holds the title.
            pending.append(("ORG", start, split, doc[start:split].text))
            pending.append(("PERSON", split, end, doc[split:end].text))
            continue
        if sports_team(doc, start, end, label, lex):
            label = "ORG"  # "Kingsport United" tagged as a person or a place
        elif label in {"ORG", "GPE"} and looks_like_person(doc, start, end, lex):
            label = "PERSON"  # "Amara Diallo" tagged as an organization
        elif label == "PERSON" and _bank_name(doc[start:end].text):
            label = "ORG"  # "Banco Santander" tagged as a person
        elif label == "PERSON" and end - start > 1 and doc[end - 1].lower_ in lex.org_suffixes:
            label = "ORG"  # "Ridgeback Biotherapeutics" tagged as a person
        elif label == "PERSON" and end - start == 1 and _brand_case(doc[start].text):
            label = "ORG"  # "SpaceX", "PayPal" tagged as a person
        elif label == "PERSON" and doc[end - 1].lower_ in STREET_WORDS:
            label = "GPE"  # "Castlefrank Road" tagged as a person
        elif label == "PERSON" and end - start > 1 and doc[start].lower_ in PLACE_FIRST_WORDS:
            label = "GPE"  # "FORT BLISS, Texas --": a base in a dateline, not a person
        elif label in {"GPE", "LOC", "FAC"} and doc[end - 1].lower_ in INSTITUTION_HEADS:
            label = "ORG"  # "St. Anne's Hospital", "Eastvale College": an institution
        elif (
            label in {"GPE", "LOC", "FAC"}
            and end - start > 1
            and doc[end - 1].lower_ in lex.org_suffixes
            and table.lookup(doc[start:end].text) is None
        ):
            label = "ORG"  # "Harborview Wealth", "Lakeside Capital": a firm named like a place
        elif label in {"GPE", "LOC"} and doc[start:end].text in companies:
            label = "ORG"  # "Shares in Harlow City fell": a company named like a town
        elif label == "PERSON" and after_place_preposition(doc, start, end):
            label = "GPE"  # "tankers on standby in Valencia": a place, not a person
        elif label in {"PERSON", "GPE"} and start > 0 and doc[start - 1].lower_ in PUBLICATIONS:
            label = "ORG"  # "the journal Neurology", "the newspaper Le Monde"
        elif label in {"PERSON", "GPE"} and doc[end - 1].lower_ in NAMEPLATES:
            label = "ORG"  # "the Herald reported", "the Sydney Morning Herald"
        elif label in {"ORG", "PERSON"} and governed_place(doc, start, end):
            label = "GPE"  # "a former mayor of Carverton": the town, not a company
            governed.add(text)
        if label == "PERSON" and plural_of_people(doc[end - 1]):
            continue  # "Ivy League elites and Professors", "Marines and Coast Guardsmen"
        if (
            end - start == 1
            and doc[start].pos_ in {"NOUN", "ADJ", "VERB"}
            and doc[start].text[:1].isupper()
            and table.lookup(text) is None
            and label in {"PERSON", "GPE", "LOC"}
        ):
            continue  # "Athletes from …", "If Iodine deficiency …": a capitalised word
        if end - start == 1 and doc[start].is_sent_start and doc[start].tag_ == "NNS":
            nxt = doc[end] if end < len(doc) else None
            if nxt is not None and nxt.tag_ == "POS":
                continue  # "Farmers' groups were not reassured": a common noun
        if (
            end - start == 1
            and doc[start].is_sent_start
            and doc[start].dep_ == "compound"
            and doc[start].text not in org_first_words
        ):
            nxt = doc[start + 1] if start + 1 < len(doc) else None
            if nxt is not None and nxt.tag_ == "NNS":
                continue  # "Party officials said": a capitalised common noun, not a name
        pending.append((label, start, end, text))
    # One place throughout: "for Carverton" is the town "the mayor of Carverton" named.
    pending = [("GPE", s, e, t) if t in governed else (lb, s, e, t) for lb, s, e, t in pending]
    taken = {i for _, s, e, _ in pending for i in range(s, e)} | set(index.by_token)
    for start, end in suffixed_organizations(doc, taken, lex):
        pending.append(("ORG", start, end, doc[start:end].text))
        taken.update(range(start, end))
    # Curated names the NER missed ("the Labour MP"): capitalised proper nouns only.
    for token in doc:
        if token.i in taken or token.pos_ != "PROPN" or not token.text[:1].isupper():
            continue
        curated = table.lookup(token.text)
        if curated is None or token.text.lower() in table.demonyms or token.ent_type_:
            continue
        label = {"person": "PERSON", "organization": "ORG", "location": "GPE"}[curated[0]]
        pending.append((label, token.i, token.i + 1, token.text))
    # Brand names written in camel case the NER misses ("wikiHow", "eBay"): organizations
    # when the article uses one at least twice (a product like "iPhone" is in not_people).
    camel: dict[str, list[int]] = {}
    for token in doc:
        if token.i not in taken and _CAMEL_CASE.match(token.text):
            camel.setdefault(token.text, []).append(token.i)
    for name, positions in camel.items():
        if len(positions) >= MIN_CAMEL_MENTIONS and name.lower() not in lex.not_people:
            pending.extend(("ORG", i, i + 1, name) for i in positions)
    # Demonyms the NER missed ("Ukrainian counter-offensive" tagged as GPE or nothing).
    for token in doc:
        if token.i not in index.by_token and token.text.lower() in table.demonyms:
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if nxt is not None and nxt.pos_ == "PROPN":
                continue  # "French Guiana" is a place, not France
            if token.text[:1].isupper() and not token.ent_type_:
                _add_demonym(doc, token.i, token.i + 1, table, index)

    # "Veltron" after "Veltron Semiconductor": the short form of an organization, whatever
    # the NER called it (but "the mayor of Carverton" keeps Carverton a town beside the
    # Carverton Police).
    short_forms = {t.split()[0] for label, _, _, t in pending if label == "ORG" and " " in t}
    short_forms -= governed
    short_forms -= {t for label, s, _, t in pending if label == "GPE" and _in_place(doc, s)}
    # "Rovers" after "Dunmore Rovers", unless someone of the article has it as surname.
    surnames = {t.split()[-1] for label, _, _, t in pending if label == "PERSON" and " " in t}
    short_forms |= {
        t.split()[-1]
        for label, _, _, t in pending
        if label == "ORG" and _short_form(t.split()[-1], t) and t.split()[-1] not in surnames
    }
    pending = [
        ("ORG", s, e, t) if e - s == 1 and t in short_forms else (label, s, e, t)
        for label, s, e, t in pending
    ]
    # People first: full names before single tokens, so a surname finds its full name.
    people = sorted(
        (p for p in pending if _type_of(p, table) == "person"), key=lambda p: -(p[2] - p[1])
    )
    for _label, start, end, text in people:
        _add_person(index, table, doc, start, end, text)
    for item in pending:
        if _type_of(item, table) == "person":
            continue
        label, start, end, text = item
        if label == "ORG" and titled_like_person(doc, start, end):
            _add_person(index, table, doc, start, end, text)
            continue
        if _person_surname(index, text) is not None or _full_name_of(index, table, doc, start, end):
            # NER called a known person an ORG or a place ("Prigozhin" as ORG; "Nneka
            # Okafor" as a place after a dateline, when "Okafor" is a person).
            _add_person(index, table, doc, start, end, text)
            continue
        _add_named(index, table, _type_of(item, table), start, end, text)
    surnames_the_ner_missed(doc, index)
    given_names_the_ner_missed(doc, index)
    team_names_the_ner_missed(doc, index, lex)
    names_the_ner_missed(doc, index)
    for cluster in index.clusters:
        if cluster.type == "person":
            read_role(doc, cluster, index)
            cluster.gender = person_gender(doc, cluster, lex)
    titles_the_ner_missed(doc, index)  # needs the roles just read
    return index


def organizations_by_their_its(doc: Doc, index: EntityIndex) -> None:
    """'Coles, in its March 8 media release, reported …': a one-word "person" whose own
    clause says "its" is an organization (the NER reads supermarkets, shops and brands
    named like surnames as people). Run once every speaker is found: speakers the NER
    missed become clusters while statements are attributed."""
    for cluster in index.clusters:
        if cluster.type != EntityKind.PERSON or " " in cluster.name or cluster.role:
            continue
        for start, end in cluster.mentions:
            token = doc[start]
            if end - start != 1 or token.dep_ != "nsubj":
                continue
            verb = token.head
            between = doc[token.i + 1 : verb.i] if verb.i > token.i else doc[verb.i : token.i]
            # The verb's own "its" ("in its release"), not one inside a clause about the
            # subject ("Jenkins, whose firm lost its contract, said").
            own = [
                t
                for t in between
                if t.lower_ == "its"
                and t.dep_ == "poss"
                and token not in t.ancestors
                and verb in t.ancestors
            ]
            if own:
                cluster.type = EntityKind.ORGANIZATION
                cluster.gender = None
                break


def people_by_their_his(doc: Doc, index: EntityIndex) -> None:
    """'Meb Keflezighi … He wore the names of the victims on his race bib', 'Keflezighi was
    born in Eritrea': a two- or three-word "organization" with no organization word in its
    name whose own clause says "his" or "her", or who was born, is a person (the NER reads
    unfamiliar names as companies). Run before statements are attributed, so that "he"
    can stand for them."""
    lex = lexicon()
    for cluster in index.clusters:
        words = cluster.name.split()
        if cluster.type != EntityKind.ORGANIZATION or not 2 <= len(words) <= 3:
            continue
        if any(w.lower() in lex.org_suffixes or w.isupper() or not w[:1].isupper() for w in words):
            continue
        if any(_person_clause(doc, end - 1) for _, end in cluster.mentions):
            cluster.type = EntityKind.PERSON


# Prepositions of place: "at Guayanilla", "his home in Wilmington", "off Izmir".
PLACE_PREPOSITIONS = {"in", "at", "near", "off", "outside", "inside", "around"}


def places_by_their_prepositions(doc: Doc, index: EntityIndex) -> None:
    """'The power plant at Guayanilla', 'his home in Wilmington': a one-word "person" (no
    given name, no role) named only after a preposition of place is a place (the NER reads
    unfamiliar towns as people). Run before statements are attributed."""
    for cluster in index.clusters:
        if cluster.type != EntityKind.PERSON or " " in cluster.name or cluster.role:
            continue
        if cluster.mentions and all(
            end - start == 1 and _place_mention(doc[start]) for start, end in cluster.mentions
        ):
            cluster.type = EntityKind.LOCATION
            cluster.gender = None


def organizations_by_their_company(doc: Doc, index: EntityIndex) -> None:
    """'ALDI', 'OFHEO': a one-word "person" in capitals is an acronym or a brand, a body;
    'companies like Apple Computer, Facebook, Lockheed Martin, CocaCola': a "person" listed
    only among organizations is one too. Run before statements are attributed, so that
    "the company said" can stand for it."""
    lex = lexicon()
    given_names = lex.female_names | lex.male_names
    for cluster in index.clusters:
        if cluster.type != EntityKind.PERSON or cluster.role:
            continue
        if cluster.name.split()[0].lower() in given_names:
            continue  # "Mark Kelly", listed among NASA and SpaceX, is still a person
        acronym = " " not in cluster.name and cluster.name.isupper() and len(cluster.name) > 2
        if acronym or (
            cluster.mentions
            and all(_among_organizations(doc, index, end - 1) for _, end in cluster.mentions)
        ):
            cluster.type = EntityKind.ORGANIZATION
            cluster.gender = None


def _among_organizations(doc: Doc, index: EntityIndex, last: int) -> bool:
    """The mention ending at `last` is one of a list ('A, B, C and D') whose other named
    members are all organizations, at least two."""
    token = doc[last]
    if token.dep_ != "conj":
        return False  # the list's head: "By Robin Hillyer-Miles, Fleet and Family …" (a byline)
    root = token
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    members = [root, *(t for t in root.subtree if t.dep_ == "conj" and t.i != root.i)]
    others = [index.at(t.i) for t in members if t.i != token.i]
    named = [c for c in others if c is not None]
    return len(named) >= 2 and all(c.type == EntityKind.ORGANIZATION for c in named)


# Nouns a place's name modifies or follows: "the city of Izmir", "the Lachin corridor".
PLACE_NOUNS = {
    "city", "town", "village", "region", "province", "state", "county", "island", "district",
    "port", "capital", "suburb", "corridor", "residence", "airport", "base", "area",
}  # fmt: skip


def _place_mention(token: Token) -> bool:
    """'at Guayanilla', 'the west coast city of Izmir', 'the Lachin corridor'."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in PLACE_PREPOSITIONS:
        return True
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
        return True
    return token.dep_ == "compound" and head.lemma_.lower() in PLACE_NOUNS


def _person_clause(doc: Doc, last: int) -> bool:
    """The mention ending at token `last` is itself the subject (not a word before one:
    "Harlow City manager Tomas Vidal defended his decision") of "was born", or of a clause
    with its own "his"/"her" (not one inside a clause about the subject)."""
    token = doc[last]
    verb = token.head
    if token.dep_ == "nsubjpass" and verb.lemma_ == "bear":
        return True
    if token.dep_ != "nsubj" or verb.pos_ != "VERB":
        return False
    for t in verb.subtree:
        if t.i <= token.i or t.lower_ not in {"his", "her"} or t.dep_ != "poss":
            continue
        # "Rovers beat the champions, with two goals from striker Leo Marchetti in his
        # third start": a name between them is whom "his" stands for.
        between = doc[token.i + 1 : t.i]
        if token not in t.ancestors and not any(w.pos_ == "PROPN" or w.ent_type_ for w in between):
            return True
    return False


def _bank_name(text: str) -> bool:
    """'Banco Santander', 'Metro Bank' (not a surname ending in -bank: 'Chris Eubank')."""
    words = text.lower().split()
    return len(words) > 1 and (words[0] in {"banco", "banca", "banque"} or words[-1] == "bank")


# Name prefixes followed by a capital: "McDonald", "MacArthur", "DeShawn", "LeRoy", "O'Keefe".
_NAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Du", "La", "Le", "Van", "Von", "O'", "D'", "Fitz")


def _brand_case(word: str) -> bool:
    """'SpaceX', 'PayPal', 'YouTube': a capital inside one word that no name prefix
    explains, which company names have and people's names do not."""
    if len(word) < 4 or not word[0].isupper() or not word.isalpha() or word.isupper():
        return False
    inner = [i for i, c in enumerate(word) if i > 0 and c.isupper()]
    return bool(inner) and not any(
        word.startswith(prefix) and inner[0] == len(prefix) for prefix in _NAME_PREFIXES
    )


def _in_place(doc: Doc, start: int) -> bool:
    """'followed 12,000 people in Norland': a place the NER named after "in" stays a place
    beside the Norland Health Service ("shares in Harlow City" is a company)."""
    if start < 1 or doc[start - 1].lower_ not in {"in", "across", "throughout"}:
        return False
    return start < 2 or doc[start - 2].lemma_.lower() not in {"share", "stake", "investment"}


def _first_name_before(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """One capitalised word right after an untagged first name ("Ana" + "Petrova"): the
    NER cut a person's name and took the surname for a place."""
    if end - start != 1 or start == 0:
        return False
    before = doc[start - 1]
    return (
        before.pos_ == "PROPN"
        and not before.ent_type_
        and before.text[:1].isupper()
        and before.lower_ in lex.female_names | lex.male_names
    )


def _type_of(item: tuple[str, int, int, str], table: AliasTable) -> EntityKind:
    label, _, _, text = item
    curated = table.lookup(text)
    if curated and curated[0] == "person" and label in {"GPE", "LOC"} and " " not in text:
        # A curated surname the NER read as a place ("the Austin chapter") stays a place;
        # the article's own full-name mention still claims it (`_person_surname`).
        return EntityKind.LOCATION
    return curated[0] if curated else LABEL_TYPES[label]


def _inside_title(doc: Doc, start: int, end: int, label: str) -> bool:
    # "Secretary of State": the ORG "State" is part of a title, not an organization.
    if label != "ORG" or start < 2:
        return False
    phrase = doc[start - 2 : end].text
    return bool(COMPOSITE_ROLE.match(phrase))


def _add_demonym(doc: Doc, start: int, end: int, table: AliasTable, index: EntityIndex) -> None:
    text = doc[start:end].text
    country = table.demonyms.get(text.lower())
    if country is None:
        return
    cluster = index.find(EntityKind.LOCATION, country)
    if cluster is None:
        cluster = Cluster(type=EntityKind.LOCATION, name=country, curated=True)
    cluster.mentions.append((start, end))
    index.register(cluster, start, end)


def _person_surname(index: EntityIndex, text: str) -> Cluster | None:
    for cluster in index.clusters:
        if cluster.type != "person":
            continue
        surname = cluster.name.split()[-1]
        if text in cluster.aliases or person_key(text) == person_key(surname):
            return cluster
    return None


def _organization_inside(
    doc: Doc, start: int, end: int, table: AliasTable
) -> list[tuple[str, int, int, str]]:
    """The longest run of tokens in [start, end) the alias table knows as an organization
    ("Department of Defense" in "2018 Department of Defense Warrior Games")."""
    for length in range(end - start, 0, -1):
        for i in range(start, end - length + 1):
            text = doc[i : i + length].text
            curated = table.lookup(text)
            if curated is not None and curated[0] == EntityKind.ORGANIZATION:
                return [("ORG", i, i + length, text)]
    return []


def _full_name_of(index: EntityIndex, table: AliasTable, doc: Doc, start: int, end: int) -> bool:
    """'Nneka Okafor' tagged as a place (after a dateline): a person's full name when
    'Okafor' is a person of the article, or when it opens with a known first name and says
    something ("Nneka Okafor said"); never a place the alias table knows."""
    text = doc[start:end].text
    words = text.split()
    if not 2 <= len(words) <= 3 or table.lookup(text) is not None:
        return False
    if not all(w[:1].isupper() for w in words):
        return False
    if any(
        c.type == "person" and " " not in c.name and person_key(c.name) == person_key(words[-1])
        for c in index.clusters
    ):
        return True
    lex = lexicon()
    first = words[0].lower()
    last = doc[end - 1]
    speaks = last.dep_ == "nsubj" and last.head.lemma_.lower() in SPEECH_VERBS
    return speaks and (first in lex.female_names or first in lex.male_names)


def _add_person(
    index: EntityIndex, table: AliasTable, doc: Doc, start: int, end: int, text: str
) -> None:
    # Drop honorifics and titles inside the span: "President Biden" → "Biden".
    while end - start > 1 and doc[start].lower_.rstrip(".") in {w.rstrip(".") for w in TITLE_WORDS}:
        start += 1
    text = doc[start:end].text
    curated = table.lookup(text)
    name = curated[1] if curated and curated[0] == "person" else text
    cluster = index.find(EntityKind.PERSON, name) or _same_person(index, name)
    if cluster is None:
        words = text.split()
        for existing in index.clusters:
            if existing.type != "person":
                continue
            parts = existing.name.split()
            # A single token joins the full name whose surname (or first name) it is,
            # whatever its transliteration ("Zelenskiy" after "Volodymyr Zelenskyy").
            if len(words) == 1 and (
                person_key(words[0]) == person_key(parts[-1]) or words[0] in existing.aliases
            ):
                cluster = existing
                break
            if len(words) == 1 and len(parts) > 1 and words[0] == parts[0]:
                # "Peter" after "Peter Lindqvist" (interviews use first names), unless
                # two people of the article share that first name.
                sharing = [
                    c
                    for c in index.clusters
                    if c.type == "person" and c.name.split()[0] == words[0]
                ]
                if len(sharing) == 1:
                    cluster = existing
                    break
            if len(words) > 1 and words[-1] == parts[-1] and len(parts) == 1:
                existing.name = text  # the full name arrives after the surname
                cluster = existing
                break
    if cluster is None:
        cluster = Cluster(type=EntityKind.PERSON, name=name, curated=curated is not None)
    cluster.add(text, start, end)
    index.register(cluster, start, end)


def _same_person(index: EntityIndex, name: str) -> Cluster | None:
    """A person of the article whose full name is this one spelled differently."""
    key = person_key(name)
    if "-" not in key:
        return None  # a single word is a surname: the caller matches those
    return next(
        (c for c in index.clusters if c.type == "person" and person_key(c.name) == key), None
    )


def _add_named(
    index: EntityIndex, table: AliasTable, etype: EntityKind, start: int, end: int, text: str
) -> None:
    curated = table.lookup(text)
    if curated is not None and curated[0] != etype:
        curated = None  # "Austin" the city keeps its own name, not Lloyd Austin's
    name = curated[1] if curated else _strip_the(text)
    cluster = index.find(etype, name)
    if cluster is None and etype == "organization":
        for existing in index.clusters:
            if existing.type != "organization":
                continue
            if _acronym_match(existing.name, name) or _short_form(name, existing.name):
                cluster = existing
                break
            if _short_form(existing.name, name):
                existing.aliases.add(existing.name)
                existing.name = name  # the full name arrives after the short form
                cluster = existing
                break
    if cluster is None and etype == "organization":
        cluster = _the_generic_head(index, name)
    if cluster is None:
        cluster = Cluster(type=etype, name=name, curated=curated is not None)
    cluster.add(_strip_the(text), start, end)
    index.register(cluster, start, end)


# Last words of the name of a unit inside an organization (or a body of its own): "Boeing
# Airplane Integration Team", "Ford Foundation", "Google Research Center".
UNIT_WORDS = {
    "team", "division", "department", "office", "unit", "program", "programme", "committee",
    "council", "board", "bureau", "branch", "section", "lab", "laboratory", "center", "centre",
    "institute", "school", "foundation",
}  # fmt: skip


def _short_form(short: str, full: str) -> bool:
    """'Veltron' is the short form of 'Veltron Semiconductor', 'Lakers' of 'Los Angeles
    Lakers' (a last word that is no generic organization word like 'Bank')."""
    if " " in short or " " not in full:
        return False
    words = full.split()
    if words[-1].lower() in UNIT_WORDS:
        return False  # "Boeing Airplane Integration Team" is a unit of Boeing, not Boeing
    return words[0] == short or (
        words[-1] == short and short.lower() not in lexicon().org_suffixes and len(short) > 3
    )


def _the_generic_head(index: EntityIndex, name: str) -> Cluster | None:
    """'the Commission' after 'the Federal Trade Commission': a generic organization word
    alone is the one organization of the article it heads, when there is exactly one (after
    'the Supreme Court' and 'a district court' it stays ambiguous, so it stays itself)."""
    if " " in name or name.lower() not in lexicon().org_suffixes:
        return None
    ending = [
        c
        for c in index.clusters
        if c.type == "organization" and " " in c.name and _head_word(c.name) == name
    ]
    return ending[0] if len(ending) == 1 else None


def _head_word(name: str) -> str:
    """The word an organization's name is headed by: its last ('Federal Trade Commission'),
    or the last before 'of' ('California Department of Corrections and Rehabilitation')."""
    before_of = name.split(" of ", 1)[0]
    return before_of.split()[-1]


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _acronym_match(a: str, b: str) -> bool:
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if not short.replace(".", "").isupper() or " " in short:
        return False
    initials = "".join(w[0] for w in long.split() if w[0].isupper())
    return short.replace(".", "") == initials
