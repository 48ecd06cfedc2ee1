"""Who is speaking: a cue's subject → an entity of the article.

A speaker is a named person or organization, a pronoun resolved to its antecedent, or an
unnamed source kept as its own kind: "an administration official" (anonymous), "two
people familiar with the deliberations" or "analysts" (group). Places, events and titles
are never speakers. A later "the U.S. official" reuses the earlier anonymous official.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kgapi.ingest.extract.antecedents import antecedent, first_of_two
from kgapi.ingest.extract.cues import RESEARCH_NOUNS
from kgapi.ingest.extract.entities import NAMEPLATES, Cluster, EntityIndex
from kgapi.ingest.extract.institutions import (
    INSTITUTION_NOUNS,
    company_noun,
    described_organization,
    nameplate,
    organization_named,
)
from kgapi.ingest.extract.names import ROLE_HEADS, TITLE_WORDS, looks_like_a_name, role_words
from kgapi.model import person_key
from kgapi.vocabulary import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# Heads of noun phrases that denote people (or bodies of people) able to speak.
PERSON_NOUNS = {
    "official", "officials", "analyst", "person", "head", "people", "source", "expert", "spokesperson",
    "spokesman", "spokeswoman", "diplomat", "aide", "adviser", "advisor", "lawmaker", "senator",
    "economist", "researcher", "scientist", "resident", "witness", "investor", "trader",
    "executive", "officer", "minister", "observer", "critic", "supporter", "opponent", "voter",
    "leader", "member", "worker", "employee", "student", "teacher", "parent", "doctor", "nurse",
    "lawyer", "attorney", "prosecutor", "judge", "investigator", "activist", "organizer",
    "protester", "commander", "soldier", "general", "president", "director", "manager",
    "chairman", "chairwoman", "ceo", "founder", "owner", "farmer", "driver", "passenger",
    "victim", "survivor", "relative", "neighbor", "neighbour", "friend", "colleague", "insider",
    "strategist", "consultant", "engineer", "historian", "professor", "pollster",
    "negotiator", "envoy", "ambassador", "representative", "delegate", "staffer", "operative",
    "veteran", "specialist", "authority", "authorities", "police", "mayor", "governor",
    "administrator", "regulator", "banker", "host", "anchor", "reporter", "journalist",
    "correspondent", "author", "writer", "other", "others", "man", "woman", "men", "women",
    "someone", "somebody", "many", "some", "few", "several", "both", "all", "most", "one", "two",
    "critics", "insiders", "planner", "planners", "commentator", "campaigner", "fan", "customer",
    "shopper", "user", "patient", "homeowner", "tenant", "landlord", "entrepreneur", "coach",
    "player", "athlete", "chief", "deputy", "secretary", "premier", "inspector", "auditor",
    "accountant", "developer", "builder", "contractor", "shareholder", "citizen", "villager",
    "mother", "father", "daughter", "son", "husband", "wife", "sister", "brother", "firefighter",
    "paramedic", "medic", "pilot", "crew", "crews", "rescuer", "volunteer", "union", "unions",
    "staff", "councilmember", "councillor", "councilor", "alderman", "trustee", "supervisor",
}  # fmt: skip
# Titles a text uses on their own for someone it named ("the President", "the Secretary").
TITLED_SPEAKERS = {
    "president", "secretary", "minister", "chancellor", "premier", "senator", "governor",
    "mayor", "ambassador", "general", "admiral", "commissioner", "director", "chair",
    "chairman", "chairwoman", "prime", "pope", "king", "queen", "judge", "justice", "sheriff",
}  # fmt: skip
SPOKES_TITLES = {"spokesperson", "spokesman", "spokeswoman"}
ROLE_NOUNS = ROLE_HEADS | TITLE_WORDS | {"blogger", "columnist", "commentator", "activist"}
# Words that describe a person by trade, as titles do, without being titles: "academic
# and professor Marc Lamont Hill".
DESCRIPTOR_ROLES = {
    "academic", "scholar", "expert", "researcher", "scientist", "economist", "analyst",
    "historian", "lawyer", "attorney", "author", "writer", "journalist", "reporter", "critic",
}  # fmt: skip
PRONOUNS_SINGULAR = {"he", "she", "him", "her"}
PRONOUNS_PLURAL = {"they", "them"}
DETERMINERS = {"a", "an", "the", "some", "this", "that", "these", "those", "our", "their", "its"}


@dataclass
class SpeakerBook:
    """Unnamed sources created so far in the article, and the last resolved speakers."""

    index: EntityIndex
    history: list[tuple[int, Cluster]] = field(default_factory=list)  # (token i, speaker)
    # Token indices inside quotation marks, filled by the attribution rules.
    quoted: Container[int] = field(default_factory=set)

    def remember(self, token_i: int, cluster: Cluster) -> None:
        self.history.append((token_i, cluster))

    def last_before(
        self, token_i: int, *, plural: bool | None = None, floor: int = 0
    ) -> Cluster | None:
        for i, cluster in reversed(self.history):
            if i >= token_i:
                continue
            if i < floor:
                return None
            if plural is None:
                return cluster
            if plural == (cluster.type == "group"):
                return cluster
        return None


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of `head` without relative clauses, appositions and punctuation."""
    tokens: list[Token] = []
    for child in head.lefts:
        tokens.extend(child.subtree)
    tokens.append(head)
    for child in head.rights:
        if child.dep_ in {"relcl", "appos", "punct", "cc", "conj", "acl"} and child.lower_ not in {
            "familiar"
        }:
            if child.dep_ == "acl" and child.pos_ == "ADJ":
                tokens.extend(child.subtree)
                continue
            break
        tokens.extend(child.subtree)
    return [t for t in tokens if not t.is_punct or t.text in {".", "-"}]


def unnamed_name(head: Token) -> str:
    """'an administration official' → 'administration official'; 'two people familiar with
    the deliberations' keeps its words but its article."""
    tokens = _np_tokens(head)
    # "The airport and nearby hotel were both evacuated and local police warned …": the
    # parser hangs a whole clause before the subject; the name starts after its verb.
    verbs = [k for k, t in enumerate(tokens) if t.i < head.i and t.pos_ in {"VERB", "AUX"}]
    if verbs:
        tokens = tokens[verbs[-1] + 1 :]
        while tokens and tokens[0].dep_ == "cc":
            tokens = tokens[1:]
    # "his spokesman" → "spokesman"; "the prime minister's spokesman" keeps whose it is.
    while tokens and (
        tokens[0].lower_ in DETERMINERS or (tokens[0].dep_ == "poss" and tokens[0].pos_ == "PRON")
    ):
        tokens = tokens[1:]
    tokens = tokens[:9]
    # Spaced as written ("minister's", not "minister 's").
    name = (
        "".join(
            t.text + (t.whitespace_ if nxt.i == t.i + 1 else " ")
            for t, nxt in zip(tokens, [*tokens[1:], tokens[-1]], strict=True)
        ).strip()
        if tokens
        else ""
    )
    return name or head.text


def resolve(
    head: Token, book: SpeakerBook, doc: Doc, article_paragraph_start: int
) -> Cluster | None:
    """The entity speaking through subject `head`, or None when it is not a speaker."""
    index = book.index
    if _nationality_of_someone(head):
        # "the Spaniard shrugged", "the Frenchman added": the person just named.
        found = antecedent(head, book, doc, article_paragraph_start)
        if found is not None:
            return found
    named = _named_in_np(head, index)
    if named is None and head.lemma_.lower() in STATE_BODIES and _country_owner(head, index):
        # "Ukraine's air force said": the country's body, as the text names it.
        return _country_body(head, index)
    if named is not None:
        if named.type == EntityKind.LOCATION:
            return _speaking_country(named, index)
        return named if named.type in {"person", "organization"} else None
    low = head.lower_
    if low in PRONOUNS_SINGULAR:
        return antecedent(head, book, doc, article_paragraph_start)
    if low in PRONOUNS_PLURAL:
        return _plural_antecedent(head, book, doc, article_paragraph_start)
    if _describes_someone_named(head):
        # "the 22-year-old said", "the striker added": the person just named, as "he" would.
        found = antecedent(head, book, doc, article_paragraph_start)
        if found is not None:
            return found
    if low in SPOKES_TITLES and any(c.lower_ == "the" for c in head.children):
        # "the spokesperson said" after "chief Pentagon spokesperson Dana W. White": her
        # ("a spokesperson for X" is someone new); after "a State Department spokesperson
        # said", the State Department again.
        titled = _titled_person(head, index) or _spokesperson_before(head, index)
        if titled is not None:
            return titled
    if low in TITLED_SPEAKERS:
        # "the President said": the person of the article holding that title, if one does;
        # else an unnamed "minister", but never a person named "President".
        titled = _titled_person(head, index)
        if titled is not None or head.pos_ == "PROPN":
            return titled
    if head.pos_ == "PROPN" and head.tag_ == "NNPS" and not head.ent_type_:
        singular = head.lower_.removesuffix("s")
        if singular in PERSON_NOUNS or singular in TITLED_SPEAKERS or singular in ROLE_NOUNS:
            # "The Ministers affirmed that …", capitalised: a group, never a person named
            # "Ministers".
            return _group(head.lower_, head, index)
    if head.pos_ == "PROPN" and head.lower_ in INSTITUTION_NOUNS and not head.ent_type_:
        # "The Ministry calls on …", capitalised: the ministry the text named, not a person.
        return _unnamed(head, book, doc, article_paragraph_start)
    if head.pos_ == "PROPN" and (head.lower_ in ROLE_NOUNS or not looks_like_a_name(head.text)):
        return None  # "Analyst ... said" with no name found in its phrase
    if (
        head.pos_ == "PROPN"
        and head.text[:1].isupper()
        and head.ent_type_
        not in {
            "GPE",
            "LOC",
            "FAC",
            "NORP",
            "ORG",
            "PERSON",
            "DATE",
            "TIME",
        }
    ):
        # A name the NER missed ("Okafor said"): a person, unless the table knows better,
        # or it ends the short name of an organization ("Harbor Foods, which operates 420
        # stores, announced" for Harbor Foods Inc.).
        organization = organization_named(head, index)
        if organization is not None:
            return organization
        if head.lower_ in NAMEPLATES:
            return nameplate(head, index)  # "The Sydney Morning Herald said"
        start = _given_names_start(head, index)
        name = doc[start : head.i + 1].text
        existing = next(
            (
                c
                for c in index.clusters
                if c.type == "person" and person_key(c.name.split()[-1]) == person_key(head.text)
            ),
            None,
        )
        cluster = existing or Cluster(type=EntityKind.PERSON, name=name)
        cluster.add(name, start, head.i + 1)
        index.register(cluster, start, head.i + 1)
        return cluster
    if _is_pair(head):
        lead = _pair_lead(head, book, doc, article_paragraph_start)
        if lead is not None:
            return lead
    if head.pos_ in {"NOUN", "PRON", "NUM", "ADJ"}:
        return _unnamed(head, book, doc, article_paragraph_start)
    return None


def _given_names_start(head: Token, index: EntityIndex) -> int:
    """Where a name the NER missed begins: "Pellan Chief Executive Raj Mehta said" is Raj
    Mehta (up to two given names between a title and the surname)."""
    doc = head.doc
    start = head.i
    while (
        start > head.i - 2
        and start > head.sent.start
        and (word := doc[start - 1]).dep_ == "compound"
        and word.head.i == head.i
        and word.pos_ == "PROPN"
        and word.is_title
        and word.lower_ not in ROLE_NOUNS
        and index.at(word.i) is None
        and looks_like_a_name(word.text)
    ):
        start -= 1
    # Only after a title ("Chief Executive Raj Mehta"): "the Consumer Product Safety Board
    # said" is no person's name.
    titled = start > 0 and doc[start - 1].lower_ in ROLE_NOUNS
    return start if titled and looks_like_a_name(doc[start : head.i + 1].text) else head.i


# "The two leaders agreed", "both sides said": nouns for the two people just named.
PAIR_NOUNS = {
    "leader", "man", "woman", "president", "minister", "side", "counterpart", "diplomat",
    "official", "head", "premier", "chancellor",
}  # fmt: skip


def _is_pair(head: Token) -> bool:
    """'the two', 'both', 'the two leaders', 'both sides': the pair the text just named."""
    if head.lower_ in {"two", "both"}:
        return True
    return head.lemma_.lower() in PAIR_NOUNS and any(
        c.lower_ in {"two", "both"} and c.dep_ in {"nummod", "det", "predet"} for c in head.children
    )


def _pair_lead(head: Token, book: SpeakerBook, doc: Doc, floor: int) -> Cluster | None:
    """The first of the two people named together last ("President Obama spoke with Prime
    Minister Cameron. The two agreed …"): a readout's principal, who speaks for both
    (one speaker per statement; the other stays in the graph through the sentence)."""
    position = head.sent.start
    end = head.i
    while position >= max(floor, 0):
        lead = first_of_two(doc[position:end], book.index)
        if lead is not None:
            return lead
        if position == 0:
            break
        previous = doc[position - 1].sent
        position, end = previous.start, previous.end
    return None


# Nouns news uses for a person it has just named: "the striker", "the veteran".
DESCRIPTOR_NOUNS = {
    "striker", "defender", "midfielder", "goalkeeper", "keeper", "forward", "winger",
    "veteran", "youngster", "teenager", "rookie", "newcomer", "incumbent", "challenger",
    # "said the San Diego resident", "the champion added": who was just named.
    "resident", "native", "champion", "winner", "sprinter", "swimmer", "jumper", "marathoner",
}  # fmt: skip


def _nationality_of_someone(head: Token) -> bool:
    """'the Spaniard', 'the Dutchman', 'the Brazilian': one person by nationality ('the
    French', 'the Chinese' name a people or its government, and stay unresolved here)."""
    from kgapi.ingest.extract.curated import alias_table

    low = head.lower_
    return (
        head.tag_ in {"NN", "NNP"}
        and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        and low in alias_table().demonyms
        and not low.endswith(("ese", "ch", "sh", "ss"))
    )


def _describes_someone_named(head: Token) -> bool:
    """'the 22-year-old', 'the striker': a definite description of a person, not a name."""
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    if not definite or head.tag_ in {"NNS", "NNPS"}:
        return False
    aged = head.lower_ == "old" and any(
        c.lower_ in {"year", "years"} and any(g.like_num for g in c.children) for c in head.children
    )
    return aged or head.lemma_.lower() in DESCRIPTOR_NOUNS


RELATIVE_PRONOUNS = {"who", "which", "that"}

# Bodies of a state that speak under the country's name: "Ukraine's air force said".
STATE_BODIES = {
    "force", "military", "army", "navy", "ministry", "government", "service", "guard",
    "police", "embassy", "parliament", "cabinet", "presidency", "office", "command",
}  # fmt: skip


def _speaking_country(place: Cluster, index: EntityIndex) -> Cluster | None:
    """'Russia said', 'Moscow has called …', 'Beijing warned': a country speaks through its
    government, and a capital or seat of power speaks for its country (the alias table's
    seats); a place the alias table does not know as a country speaks for no one."""
    from kgapi.ingest.extract.curated import alias_table

    table = alias_table()
    country = table.seats.get(place.name)
    if country is not None:
        return index.find_or_add_curated(EntityKind.LOCATION, country)
    # A country of the table (one with a demonym), not a town or a region the NER found.
    return place if place.name in table.countries else None


def _country_owner(head: Token, index: EntityIndex) -> bool:
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    named = index.at(owner.i) if owner is not None else None
    return named is not None and named.type == "location"


def _country_body(head: Token, index: EntityIndex) -> Cluster:
    """The organization "Ukraine's air force" (as the text names it), one per article."""
    tokens = [t for t in _np_tokens(head) if t.lower_ not in DETERMINERS]
    start, end = tokens[0].i, tokens[-1].i + 1
    name = head.doc[start:end].text
    cluster = index.find(EntityKind.ORGANIZATION, name)
    if cluster is None:
        cluster = Cluster(type=EntityKind.ORGANIZATION, name=name)
        index.clusters.append(cluster)
    cluster.add(name, head.i, head.i + 1)
    return cluster


def _spokesperson_before(head: Token, index: EntityIndex) -> Cluster | None:
    """Whom the last spokesperson mentioned in the two sentences before `head` speaks
    for, when the text names it there ("a State Department spokesperson said")."""
    doc = head.doc
    start = head.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for token in reversed(doc[start : head.i]):
        if token.lower_ in SPOKES_TITLES and token.i != head.i:
            named = _named_in_np(token, index)
            if named is not None and named.type in {"person", "organization"}:
                return named
    return None


def _titled_person(head: Token, index: EntityIndex) -> Cluster | None:
    """The person whose role names this title, mentioned last before `head`; with a
    nationality before the title ("the Syrian foreign minister"), one whose role or
    introduction has it ("her Syrian counterpart, Walid Moallem"), never a "former Lebanese
    Prime Minister" named in passing."""
    title = head.lower_
    # The capitalised words: a nationality or a country ("Syrian", "U.S."), which the
    # text says of the person somewhere ("foreign" it may leave out: "counterpart").
    wanted = {c.lower_ for c in head.children if c.dep_ in {"amod", "compound"} and c.is_title}
    people = [
        c for c in index.clusters if c.type == "person" and any(s < head.i for s, _ in c.mentions)
    ]
    holders = [c for c in people if c.role and title in role_words(c.role)]
    if wanted:
        holders = [c for c in holders if wanted <= _described_as(c, head.doc)]
        if not holders:
            described = [c for c in people if wanted <= _described_as(c, head.doc)]
            return described[0] if len(described) == 1 else None
    if not holders:
        return None
    return max(holders, key=lambda c: max((s for s, _ in c.mentions if s < head.i), default=-1))


def _described_as(person: Cluster, doc: Doc) -> set[str]:
    """The words of a person's role and of the few words introducing each mention."""
    words = set(role_words(person.role or ""))
    for start, _ in person.mentions:
        words |= {t.lower_ for t in doc[max(start - INTRODUCTION_WINDOW, 0) : start]}
    return words


# Who speaks for an organization without a name: "a White House official", "Pentagon sources".
UNNAMED_SOURCE_NOUNS = {
    "official",
    "officials",
    "source",
    "sources",
    "diplomat",
    "diplomats",
    "aide",
    "aides",
}


def _unnamed_source(head: Token) -> bool:
    """'a U.S. State Department official', 'Pentagon officials' (not 'the State
    Department's spokesperson', who speaks for it)."""
    if head.lower_ not in UNNAMED_SOURCE_NOUNS:
        return False
    return head.tag_ == "NNS" or any(
        c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children
    )


def _named_in_np(head: Token, index: EntityIndex) -> Cluster | None:
    cluster = index.at(head.i)
    if cluster is not None:
        return cluster
    # "our colleagues Alex Ward, ..." or "the group's founder, Jane Doe": a name in the NP.
    apposed = [index.at(c.i) for c in head.children if c.dep_ == "appos"]
    person = next((c for c in apposed if c is not None and c.type == EntityKind.PERSON), None)
    if person is not None:
        return person  # "a BBC executive, Caroline Thomson": she speaks, not the BBC
    for child in head.children:
        if child.dep_ in {"appos", "compound"}:
            named = index.at(child.i)
            if named is None or named.type not in {"person", "organization"}:
                continue
            if named.type == "organization" and _unnamed_source(head):
                continue  # "a State Department official said": someone there, unnamed
            return named
        if child.dep_ == "nsubj" and head.dep_ == "nsubj":
            named = index.at(child.i)
            if named is not None and named.type == "person":
                return named
    if head.lower_ in ROLE_NOUNS or head.lower_ in DESCRIPTOR_ROLES:
        # "American academic and professor Marc Lamont Hill commented": the parser makes
        # the first title the subject and the name its conjunct.
        for child in head.children:
            named = index.at(child.i) if child.dep_ == "conj" else None
            if named is not None and named.type == "person":
                return named
    if head.lower_ in ROLE_NOUNS:
        # "Executive director of the Dallas chapter of the Council ... Alia Salem said":
        # the parser makes the title the subject; the person is inside its phrase.
        for token in head.subtree:
            named = index.at(token.i)
            if named is not None and named.type == "person" and token.dep_ != "poss":
                return named
    return None


def _plural_antecedent(head: Token, book: SpeakerBook, doc: Doc, floor: int) -> Cluster | None:
    """They: sentence by sentence back, a group that spoke there, a plural people-noun
    subject ("Union leaders were less forgiving. They said ...") or, in this sentence or
    the one before, an organization as subject; failing that, the last group that spoke
    within the look-back window."""
    groups = {i: c for i, c in book.history if c.type == "group"}
    sent = head.sent
    tokens = list(doc[sent.start : head.i])
    position = sent.start
    steps = 0
    while True:
        for token in reversed(tokens):
            if token.i in groups:
                return groups[token.i]
            named = book.index.at(token.i)
            if (
                steps <= 1
                and named is not None
                and named.type == EntityKind.ORGANIZATION
                and token.dep_ in {"nsubj", "nsubjpass"}
                and token.i not in book.quoted
            ):
                # "The NBA did not release the player's name. They did say …": news often
                # calls an organization "they" (this sentence or the one before only).
                return named
            if (
                token.dep_ in {"nsubj", "nsubjpass"}
                and token.tag_ in {"NNS", "NNPS"}
                and token.i not in book.quoted
                and (token.lemma_.lower() in PERSON_NOUNS or token.lower_ in PERSON_NOUNS)
                and token.lower_ not in QUANTIFIERS
            ):
                if _is_pair(token):  # "The two leaders spoke. They agreed …"
                    return _pair_lead(token, book, doc, floor)
                return _unnamed(token, book, doc, floor)
        lead = first_of_two(tokens, book.index)
        if lead is not None:
            # "The President and Prime Minister discussed Gaza. They agreed …": the pair.
            return lead
        if position <= max(floor, 0):
            break
        previous = doc[position - 1].sent
        tokens, position = list(previous), previous.start
        steps += 1
    return book.last_before(head.i, plural=True, floor=floor)


QUANTIFIERS = {"others", "some", "many", "several", "few", "both", "most", "all"}
WORLD_OWNERS = {"world", "country", "nation", "industry", "region", "continent"}


def _group(name: str, head: Token, index: EntityIndex) -> Cluster:
    """The article's group so named (one for "the Ministers" throughout)."""
    for cluster in index.clusters:
        if cluster.type == EntityKind.GROUP and cluster.name.lower() == name:
            cluster.mentions.append((head.i, head.i + 1))
            return cluster
    cluster = Cluster(type=EntityKind.GROUP, name=name)
    cluster.add(name, head.i, head.i + 1)
    index.clusters.append(cluster)
    return cluster


def reports_source(head: Token, index: EntityIndex) -> Cluster | None:
    """'News reports said', 'Early investigators reports say', 'Hospital reports indicate':
    reports whose issuer the text does not name are the source themselves, a group (not
    the organization named last, which "the report said" stands for)."""
    if head.lemma_.lower() != "report" or head.tag_ not in {"NNS", "NNPS"}:
        return None
    if any(c.dep_ == "poss" for c in head.children):
        return None  # "its reports", "the agency's reports": the issuer speaks
    if any(index.at(t.i) is not None for t in head.subtree):
        return None  # "reports from the ministry"
    return _group(unnamed_name(head), head, index)


def group_noun(head: Token, book: SpeakerBook) -> str | None:
    """The people-noun a bare "some"/"others" stands for: the nearest plural person noun
    in this or the previous sentence ("Analysts were divided. Some believe ..."), else the
    last group that spoke ("Some economists argue ... Others say ...")."""
    doc = head.doc
    sent = head.sent
    start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for token in reversed(doc[start : head.i]):
        low = token.lower_
        if low in QUANTIFIERS or token.tag_ not in {"NNS", "NNPS"}:
            continue
        if low in PERSON_NOUNS or token.lemma_.lower() in PERSON_NOUNS:
            return low
    previous = book.last_before(head.i, plural=True)
    if previous is not None:
        word = previous.name.split()[-1].lower()
        if word not in QUANTIFIERS and word != "other":
            return word
    return None


def _unnamed(head: Token, book: SpeakerBook, doc: Doc, floor: int = 0) -> Cluster | None:
    lemma = head.lemma_.lower()
    low = head.lower_
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and lemma in INSTITUTION_NOUNS and company_noun(owner.lemma_.lower()):
        # "the bank's monetary policy committee said": the bank named before speaks ("the
        # city's transport department" is a department, not the city council).
        found = _unnamed(owner, book, doc, floor)
        if found is not None and found.type == "organization":
            return found
    known = (
        low in PERSON_NOUNS
        or lemma in PERSON_NOUNS
        or lemma in INSTITUTION_NOUNS
        or company_noun(lemma)
        or lemma in RESEARCH_NOUNS  # "according to a study", "the survey found"
    )
    agent_like = lemma.endswith(("ist", "ian", "ant", "eer")) and head.pos_ == "NOUN"
    if not known and not agent_like:
        return None
    plural = head.tag_ in {"NNS", "NNPS"} or any(
        c.dep_ == "nummod" and c.lower_ not in {"one", "1"} for c in head.children
    )
    if low in QUANTIFIERS and not any(c.dep_ != "punct" for c in head.children):
        # "Analysts were divided. Some believe ... Others warn ...": "some analysts" and
        # "other analysts", two groups; the noun is the nearest plural people-noun before.
        noun = group_noun(head, book)
        prefix = "other" if low in {"others", "other"} else low
        name = f"{prefix} {noun}" if noun else low
        plural = True
    else:
        name = unnamed_name(head)
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children)
    # "The Chicago based airplane manufacturer says": the parser hangs "The" on "Chicago".
    definite = definite or (owner is None and head.left_edge.lower_ in {"the", "this"})
    # "The world's second largest carmaker says": one of a kind, as definite as "the".
    definite = definite or (owner is not None and owner.lower_ in WORLD_OWNERS)
    if definite and not plural:
        # "the U.S. official" after "an administration official": the same source, when
        # that one was mentioned within the pronoun look-back window (two paragraphs).
        for cluster in reversed(book.index.clusters):
            near = any(floor <= s < head.i for s, _ in cluster.mentions)
            if cluster.type == "anonymous" and cluster.name.split()[-1].lower() == low and near:
                cluster.add(unnamed_name(head), head.i, head.i + 1)
                return cluster
    if definite and not plural and lemma not in INSTITUTION_NOUNS:
        introduced = _introduced_as(head, lemma, book) or _the_one_at_the_top(head, lemma, book)
        if introduced is not None:
            return introduced
    if definite and (lemma in INSTITUTION_NOUNS or company_noun(lemma)):
        described = described_organization(head, book.index)
        if described is not None:
            return described
    etype = EntityKind.GROUP if plural else EntityKind.ANONYMOUS
    for cluster in book.index.clusters:
        if cluster.type == etype and cluster.name.lower() == name.lower():
            cluster.mentions.append((head.i, head.i + 1))
            return cluster
    cluster = Cluster(type=etype, name=name)
    cluster.add(name, head.i, head.i + 1)
    book.index.clusters.append(cluster)
    return cluster


# How far before a name its introduction's noun may stand: "Afghan journalist Perwez
# Kambakhsh", "The head of a three-judge appeals panel, Abdul Salam Qazizada".
INTRODUCTION_WINDOW = 6


# Words for whoever leads a body, which a text varies: "Federal Reserve Chairman Ben
# Bernanke" … "the U.S. central bank chief said".
TOP_ROLES = {"chief", "head", "chair", "chairman", "chairwoman", "chairperson", "leader"}


def _the_one_at_the_top(head: Token, lemma: str, book: SpeakerBook) -> Cluster | None:
    """'The U.S. central bank chief said' after 'Federal Reserve Chairman Ben Bernanke':
    the one person named before whose role leads a body, when exactly one is."""
    if lemma not in TOP_ROLES:
        return None
    leaders = [
        c
        for c in book.index.clusters
        if c.type == EntityKind.PERSON
        and c.role
        and set(role_words(c.role)) & TOP_ROLES
        and any(s < head.i for s, _ in c.mentions)
    ]
    return leaders[0] if len(leaders) == 1 else None


def _introduced_as(head: Token, lemma: str, book: SpeakerBook) -> Cluster | None:
    """'The judge said …' after 'The head of a three-judge appeals panel, Abdul Salam
    Qazizada, read the sentence': the person introduced with that noun (in their role or
    right before their name), when exactly one person was."""
    doc = head.doc
    found: list[Cluster] = []
    for cluster in book.index.clusters:
        if cluster.type != EntityKind.PERSON:
            continue
        role = (cluster.role or "").lower().split()
        starts = [s for s, _ in cluster.mentions if s < head.i]
        if not starts:
            continue
        near = any(
            t.lemma_.lower() == lemma
            for s in starts
            for t in doc[max(s - INTRODUCTION_WINDOW, 0) : s]
        )
        if lemma in role or near:
            found.append(cluster)
    return found[0] if len(found) == 1 else None
