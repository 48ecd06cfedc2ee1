"""What a statement is about, and how that was found (`basis`).

- ``text``: the entities named in its content, in an "asked about …" clause attached to its
  cue, or in the noun a relative-clause statement describes, and the company a definite
  description in it stands for ("the company would cut 300 jobs"). Demonyms and possessives
  count through the entity index ("Ukrainian", "Russia's" are mentions of their country).
  A seat of power standing for its government ("Moscow said", "talks with Beijing", "the
  Kremlin") is about the country as well (metonymy; the seats are data in aliases.json),
  and a government named as such ("the Government of Guinea-Bissau", "the Ethiopian
  Government") is about its country. A unit named after a known organization ("the White
  House Counsel") is about that organization as well (nested names). Not what the statement addresses rather than speaks
  of: a first name set off by commas ("Thanks, Kristen.") nor a people in the plural
  ("protecting Americans").
- ``context``: a statement that names no entity is about what its context is about
  (`context.ContextAbout`, which gives the order): the question it answers, the person a
  "he" or "she" stands for, the organization its paragraph names when it says "it" or
  "they". Not the article's main subject: measured, that was right about one time in ten.

The speaker is never about itself.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kgapi.ingest.extract.curated import alias_table
from kgapi.ingest.extract.entities import Cluster, EntityIndex
from kgapi.ingest.extract.institutions import (
    company_noun,
    main_organization,
    recent_organization,
)
from kgapi.vocabulary import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

NAMED = {"person", "organization", "location"}
# Prepositions after which a capital is a party ("talks with Beijing"), not a venue.
PARTY_PREPOSITIONS = {"with", "between", "against", "from", "to", "by", "on", "toward", "towards"}
ACTOR_DEPS = {"nsubj", "nsubjpass", "poss", "dobj", "agent", "conj", "appos"}


def asked_about_ranges(cue: Token) -> list[tuple[int, int]]:
    """Token ranges of "(when) asked ... about X" clauses hanging off the cue verb (or off
    the verb the cue hangs off: "Asked about X, she said ...")."""
    ranges: list[tuple[int, int]] = []
    candidates = [*cue.children, *(cue.head.children if cue.dep_ != "ROOT" else [])]
    for clause in candidates:
        if clause.lemma_.lower() != "ask" or clause.i == cue.i:
            continue
        for child in clause.children:
            if child.dep_ == "prep" and child.lower_ in {"about", "on", "regarding", "over"}:
                if child.lower_ == "on" and not any(
                    g.dep_ in {"pcomp", "pobj"} and g.pos_ != "PROPN" for g in child.children
                ):
                    continue  # "asked on MSNBC": a venue, not a topic
                ranges.append((child.left_edge.i, child.right_edge.i + 1))
            elif child.dep_ in {"ccomp", "dobj"} and child.i > clause.i:
                ranges.append((child.left_edge.i, child.right_edge.i + 1))
    return ranges


def about_entities(
    index: EntityIndex,
    ranges: list[tuple[int, int]],
    speaker: Cluster | None,
    doc: Doc | None = None,
) -> list[Cluster]:
    """Named entities (people, organizations, places) in `ranges`, first mention first,
    with the country behind a seat of power standing for its government (given `doc`)."""
    found: list[Cluster] = []
    for start, end in ranges:
        for i in range(start, end):
            cluster = index.by_token.get(i)
            if cluster is None or cluster is speaker or cluster in found:
                continue
            if doc is not None and not _spoken_of(doc, i, cluster, index):
                continue
            if cluster.type in NAMED:
                country = _governed_country(cluster, index)
                if country is not None and country is not speaker and country not in found:
                    found.append(country)
                elif country is None:
                    found.append(cluster)
                    parent = _parent_organization(cluster, index)
                    if parent is not None and parent is not speaker and parent not in found:
                        found.append(parent)
    if doc is not None:
        for country in _seat_countries(index, ranges, doc):
            if country is not speaker and country not in found:
                found.append(country)
        for organization in _described(index, ranges, doc, speaker):
            if organization is not speaker and organization not in found:
                found.append(organization)
    return found


def _spoken_of(doc: Doc, i: int, cluster: Cluster, index: EntityIndex) -> bool:
    """Whether the mention at token `i` speaks of `cluster`: not the reporter a briefer
    answers by first name ("Thanks, Kristen.", "All right, Matt.") nor a people named by
    its demonym in the plural ("all Americans", "protecting Americans"), for whom the
    speaker speaks more often than of them (measured on the tune half)."""
    token = doc[i]
    # Any type: the NER calls a lone first name a place as often as a person ("Marcus").
    if " " not in cluster.name and _vocative(doc, i, index):
        return False
    demonym = cluster.type == EntityKind.LOCATION and token.lower_ in alias_table().demonyms
    if not demonym:
        return True
    # "Americans", "the American people": the people, not their country ("Ukrainian
    # forces" stays Ukraine); "European banks", "African countries": no continent spoken of.
    plural = token.tag_ in {"NNPS", "NNS"}
    people = token.head.lemma_.lower() in PEOPLE_NOUNS and token.head.i > token.i
    return not (plural or people or cluster.name in CONTINENTS)


# A nation's people, named by its demonym: "the American people", "Russian families".
PEOPLE_NOUNS = {
    "people", "public", "family", "citizen", "voter", "taxpayer", "consumer", "worker",
    "household", "class", "dream",
}  # fmt: skip
CONTINENTS = {"Europe", "Africa", "Asia", "North America", "South America", "Latin America"}


def _vocative(doc: Doc, i: int, index: EntityIndex) -> bool:
    """A lone name set off by commas after a word that is not a name ("Thanks, Kristen.",
    "Ostensibly, Jim, …"): the person addressed (a list "Russia, Ukraine, and …" has a
    name before its comma)."""
    after = doc[i + 1].text if i + 1 < len(doc) else "."
    if doc[i].is_sent_start and after == ",":
        # "Josh, can you say …": a first name opening a question, the briefer's own.
        first = doc[i].text
        return any(
            c.type == EntityKind.PERSON and c.name.split()[0] == first and " " in c.name
            for c in index.clusters
        )
    if i < 2 or doc[i - 1].text != "," or index.at(i - 2) is not None:
        return False
    if i + 1 < len(doc) and (index.at(i + 1) is not None):
        return False
    return after in {",", ".", "?", "!", "--", "—"}


def _described(
    index: EntityIndex, ranges: list[tuple[int, int]], doc: Doc, speaker: Cluster | None
) -> list[Cluster]:
    """'the company would cut 300 jobs', 'the airline was too slow': the company a
    definite description in the statement stands for. A reference in the text, so its
    basis is `text`, like a name.

    Stricter than for a speaker ("the company said"), measured on the tune half: only a
    company's nouns (institutions' nouns, "the court", "the committee", were mostly one
    the text never named), resolved to the company whose name has the noun ("the
    airline": Northwind Airlines), else the one named last in this or the sentence before,
    else the one the article keeps naming; never a news outlet, nor the speaker's own
    organization (their affiliation)."""
    own = speaker.affiliation if speaker is not None else None
    found: list[Cluster] = []
    for start, end in ranges:
        for token in doc[start:end]:
            if not _definite_company(token) or index.at(token.i) is not None:
                continue
            cluster = _company_described(token, index)
            if cluster is None or is_news_outlet(cluster) or cluster.name == own:
                continue
            if cluster not in found:
                found.append(cluster)
    return found


def _definite_company(token: Token) -> bool:
    """'the company', 'this carmaker' (not 'the companies', nor a name's word)."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or not company_noun(token.lemma_.lower()):
        return False
    return any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in token.children)


def _company_described(token: Token, index: EntityIndex) -> Cluster | None:
    lemma = token.lemma_.lower()
    named = [
        c
        for c in index.clusters
        if c.type == "organization"
        and lemma in c.name.lower()
        and any(s < token.i for s, _ in c.mentions)
    ]
    if named:
        return max(named, key=lambda c: max(s for s, _ in c.mentions if s < token.i))
    return recent_organization(token, index) or main_organization(token, index)


_GOVERNMENT_OF = re.compile(r"^(?:the )?government of (?:the )?(?P<place>.+)$", re.IGNORECASE)
_X_GOVERNMENT = re.compile(r"^(?P<place>.+?) government$", re.IGNORECASE)


def _governed_country(cluster: Cluster, index: EntityIndex) -> Cluster | None:
    """'the Government of Guinea-Bissau', 'the Ethiopian Government': a country's
    government named as such stands for the country (what the statement is about), as a
    seat of power does."""
    if cluster.type != EntityKind.ORGANIZATION:
        return None
    match = _GOVERNMENT_OF.match(cluster.name) or _X_GOVERNMENT.match(cluster.name)
    if match is None:
        return None
    place = match.group("place").strip()
    table = alias_table()
    country = table.demonyms.get(place.lower())
    if country is None:
        curated = table.lookup(place)
        country = curated[1] if curated is not None and curated[0] == EntityKind.LOCATION else None
    if country is None:
        return None
    return index.find_or_add_curated(EntityKind.LOCATION, country)


def _parent_organization(cluster: Cluster, index: EntityIndex) -> Cluster | None:
    """'the White House Counsel', 'the NATO summit' named as one: a unit or an event whose
    name opens with a known organization's ("White House", "NATO") is about that
    organization as well (nested names)."""
    if cluster.type != EntityKind.ORGANIZATION:
        return None
    words = cluster.name.split()
    table = alias_table()
    for n in range(len(words) - 1, 0, -1):
        curated = table.lookup(" ".join(words[:n]))
        if curated is not None and curated[0] == EntityKind.ORGANIZATION:
            return index.find_or_add_curated(EntityKind.ORGANIZATION, curated[1])
    return None


def _seat_countries(index: EntityIndex, ranges: list[tuple[int, int]], doc: Doc) -> list[Cluster]:
    seats = alias_table().seats
    countries: list[Cluster] = []
    for start, end in ranges:
        for i in range(start, end):
            cluster = index.at(i)
            if cluster is None or cluster.name not in seats:
                continue
            if cluster.type == "location" and not stands_for_government(doc[i]):
                continue
            country = index.find_or_add_curated(EntityKind.LOCATION, seats[cluster.name])
            if country not in countries:
                countries.append(country)
    return countries


def stands_for_government(token: Token) -> bool:
    """'Moscow said', 'Beijing's response', 'talks with Washington': the place acts;
    'a blast in Kyiv' is only a place."""
    node = token
    while node.dep_ in {"compound", "flat"} and node.head.i != node.i:
        node = node.head
    if node.dep_ in ACTOR_DEPS:
        return True
    return node.dep_ == "pobj" and node.head.lower_ in PARTY_PREPOSITIONS


# Words in the names of news outlets and social platforms: the outlet reporting or
# interviewing, the platform posted on, is where the words appeared, not what they are about.
_OUTLET_WORDS = {
    "news", "times", "post", "herald", "tribune", "gazette", "telegraph", "journal",
    "radio", "television", "tv", "broadcasting", "press", "reuters", "agence", "xinhua",
    "yonhap", "kcna", "voa", "bbc", "cnn", "npr", "cbc", "abc", "nbc", "cbs", "bloomberg",
    "wikinews", "daily", "weekly", "facebook", "telegram", "twitter", "instagram", "youtube",
    "tiktok", "linkedin",
}  # fmt: skip


def is_news_outlet(cluster: Cluster) -> bool:
    """'Voice of America', 'VOA', 'CBC News', 'The Sydney Morning Herald', 'Telegram': a
    news outlet or a platform."""
    if cluster.type != "organization":
        return False
    words = {_bare_word(w) for name in {cluster.name, *cluster.aliases} for w in name.split()}
    return bool(words & _OUTLET_WORDS) or "voice of america" in cluster.name.lower()


def _bare_word(word: str) -> str:
    """'Herald's' → 'herald', 'News,' → 'news' (a possessive and punctuation off, never
    the word's own last letter: stripping the characters ".,'’s" made "News" "new")."""
    word = word.strip('.,;:"“”()').lower()
    for possessive in ("'s", "’s"):
        if word.endswith(possessive):
            word = word[: -len(possessive)]
    return word.strip("'’")
