"""What a NER span really is: its type when the NER's label is wrong, and its true extent.

Each test reads the tokens around one span: "the mayor of Carverton" is a place, "Rovers
manager Sophie Laurent" tagged ORG is a person, "Kingsport United" tagged as a place is a
team, "José Mário" + "Vaz" is one name, a name run into the organization before it
("… Relations Alia Salem said") is two entities, "the Transport Secretary" is a title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgapi.ingest.extract.cues import CUE_VERBS
from kgapi.ingest.extract.names import ROLE_HEADS, SCORE, TITLE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from kgapi.ingest.extract.curated import Lexicon


def name_as_work(doc: Doc, ent: Span, lex: Lexicon) -> bool:
    """'congratulating Ibrahim Boubacar Keita on his election': a person's name the NER
    took for a title. Two to four capitalised proper nouns, unquoted, and a known first
    name or a "his"/"her" within the next few words."""
    tokens = list(ent)
    if not 2 <= len(tokens) <= 4 or any(
        t.pos_ != "PROPN" or not t.is_alpha or not t.text[:1].isupper() for t in tokens
    ):
        return False
    if (ent.start > 0 and doc[ent.start - 1].is_quote) or (
        ent.end < len(doc) and doc[ent.end].is_quote
    ):
        return False
    first = tokens[0].lower_
    after = doc[ent.end : ent.end + 4]
    return (
        first in lex.female_names
        or first in lex.male_names
        or any(t.lower_ in {"his", "her"} for t in after)
    )


# Words that never end a person's name though capitalised after it ("Biden Administration").
NOT_NAME_TAIL = {"administration", "government", "jr", "sr", "campaign", "foundation"}


def name_tail(doc: Doc, end: int, lex: Lexicon) -> int:
    """'José Mário' + 'Vaz': the NER stopped one word short of the surname. An untagged,
    capitalised, alphabetic proper noun right after a person's name (and not before
    another name) is the rest of it."""
    if end >= len(doc):
        return end
    nxt = doc[end]
    low = nxt.lower_
    if (
        nxt.pos_ != "PROPN"
        or nxt.ent_type_
        or not nxt.is_alpha
        or not nxt.text[:1].isupper()
        or nxt.text.isupper()
        or low in NOT_NAME_TAIL
        or low in ROLE_HEADS
        or low in TITLE_WORDS
        or low in lex.org_suffixes
    ):
        return end
    following = doc[end + 1] if end + 1 < len(doc) else None
    if following is not None and following.pos_ == "PROPN":
        return end
    return end + 1


TITLE_FOLLOWERS = {"secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "czar"}


def media_title(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """A name that is (part of) a programme or newsletter title: its last word or the
    capitalised word after it is a media word, or it fills a short quoted title."""
    if doc[end - 1].lower_ in lex.media_words and end - start > 1:
        return True
    if end < len(doc) and doc[end].lower_ in lex.media_words and doc[end].text[:1].isupper():
        return True
    quoted = start > 0 and end < len(doc) and doc[start - 1].text == '"' == doc[end].text
    return quoted and end - start <= 4 and start > 1 and doc[start - 2].lower_ in {"'s", "on"}


PLACE_PREPOSITIONS = {"in", "near", "outside", "across", "throughout"}


def suffixed_organizations(doc: Doc, taken: set[int], lex: Lexicon) -> list[tuple[int, int]]:
    """Runs of 2-4 capitalised proper nouns, untagged or tagged as a product, ending in an
    organization word: "Harbor Securities", "SafeHome Watch"."""
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(doc):
        j = i
        while (
            j < len(doc)
            and doc[j].pos_ == "PROPN"
            and doc[j].text[:1].isupper()
            and j not in taken
            and doc[j].ent_type_ in {"", "PRODUCT", "WORK_OF_ART"}
        ):
            j += 1
        if 2 <= j - i <= 4 and doc[j - 1].lower_ in lex.org_suffixes:
            found.append((i, j))
        i = max(j, i + 1)
    return found


# Last words of an organization's name beyond the lexicon's company suffixes.
ORGANIZATION_HEADS = {
    "relations", "committee", "office", "bureau", "center", "centre", "party", "school",
    "court", "police", "service", "services", "board", "chapter", "rights",
}  # fmt: skip


def name_after_organization(doc: Doc, start: int, end: int, lex: Lexicon) -> int | None:
    """Where a person's name starts inside an organization-tagged span that ends with two
    capitalised words after an organization word and comes right before a speech verb
    ("Council on American-Islamic Relations Alia Salem said"), else None."""
    if end - start < 4 or end >= len(doc):
        return None
    first, last = doc[end - 2], doc[end - 1]
    head = doc[end - 3].lower_
    if not (head in lex.org_suffixes or head in ORGANIZATION_HEADS):
        return None
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha for t in (first, last)):
        return None
    after = doc[end]
    return end - 2 if after.pos_ == "VERB" and after.lemma_.lower() in CUE_VERBS else None


# Nouns whose "of X" is a place: "the mayor of Carverton", "the people of Moravia".
PLACE_HOLDERS = {
    "mayor", "governor", "city", "town", "village", "county", "province", "state",
    "residents", "people", "citizens", "outskirts", "capital", "streets", "region",
}  # fmt: skip


def governed_place(doc: Doc, start: int, end: int) -> bool:
    """A one-word name after "mayor of", "the people of", "the town of"."""
    if end - start != 1 or start < 2 or doc[start - 1].lower_ != "of":
        return False
    return doc[start - 2].lemma_.lower() in PLACE_HOLDERS


def after_place_preposition(doc: Doc, start: int, end: int) -> bool:
    single = end - start == 1 and start > 0
    return single and doc[start - 1].lower_ in PLACE_PREPOSITIONS and doc[start].dep_ == "pobj"


COMPANY_AFTER = {"spokesperson", "spokesman", "spokeswoman", "shares", "stock", "shareholders"}


def company_names(doc: Doc) -> set[str]:
    """Place-tagged names the text treats as a company somewhere: "shares in X",
    "an X spokesperson", "X shares". One such context relabels every mention."""
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC"} or len(ent) < 2:
            continue
        before = doc[ent.start - 2 : ent.start].text.lower() if ent.start >= 2 else ""
        after = doc[ent.end].lower_ if ent.end < len(doc) else ""
        if before in {"shares in", "shares of", "stake in"} or after in COMPANY_AFTER:
            names.add(ent.text)
    return names


def looks_like_person(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """Two or three proper nouns starting with a common first name: a person's name."""
    if not 2 <= end - start <= 3 or not all(t.pos_ == "PROPN" for t in doc[start:end]):
        return False
    if any(t.lower_ in lex.team_words or t.lower_ in lex.media_words for t in doc[start:end]):
        return False
    first = doc[start].lower_
    return first in lex.female_names or first in lex.male_names


def portfolio(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    nxt = doc[end] if end < len(doc) else None
    return (
        end - start == 1
        and doc[start].lower_ in lex.portfolio_words
        and nxt is not None
        and nxt.lower_ in TITLE_FOLLOWERS
    )


def sports_team(doc: Doc, start: int, end: int, label: str, lex: Lexicon) -> bool:
    """'Kingsport United', 'Ravenswood Rovers': a club name the NER took for a person
    (any team word) or a place (only unambiguous ones: 'Mexico City' stays a city)."""
    if end - start < 2:
        return False
    words = {t.lower_ for t in doc[start:end]}
    if label == "PERSON":
        return bool(words & lex.team_words)
    if label in {"GPE", "LOC", "FAC"}:
        # "Harlow City 2-1", "Harlow City manager X": a weaker team word is a club when a
        # score or one of its squad follows.
        scored = SCORE.match(doc[end : end + 3].text.replace(" ", "")) is not None
        squad = end < len(doc) and doc[end].lower_ in SQUAD_WORDS
        return bool(words & (lex.team_words if scored or squad else lex.strong_team_words))
    return False


# Who a club's name comes before: "Harlow City manager", "Albion striker", "City fans".
SQUAD_WORDS = {
    "manager", "coach", "captain", "striker", "midfielder", "defender", "goalkeeper",
    "forward", "winger", "boss", "chairman", "owner", "fans", "supporters", "player",
    "players", "squad", "academy",
}  # fmt: skip


def titled_like_person(doc: Doc, start: int, end: int) -> bool:
    # "Rovers manager Sophie Laurent" tagged ORG: a role word right before a two-word name.
    if start == 0 or not 2 <= end - start <= 3:
        return False
    before = doc[start - 1]
    # A rank ends in a title word too: "Retired Sgt. 1st Class Marcus Bell".
    titled = before.lower_ in ROLE_HEADS or before.lower_ in MILITARY_TITLE_ENDS
    return titled and all(t.pos_ == "PROPN" for t in doc[start:end])


MILITARY_TITLE_ENDS = {
    "sgt.", "sgt", "spc.", "cpl.", "pvt.", "pfc.", "capt.", "lt.", "col.", "maj.", "gen.",
    "adm.", "cmdr.", "class", "sergeant", "corporal", "airman", "seaman",
}  # fmt: skip


def joined_entities(doc: Doc) -> list[Span]:
    """The NER's spans, with an organization it cut at a preposition joined again:
    "the U.S. Agency for" + "International Development" is one organization, and so are
    "the Ministry of Foreign Affairs of" + "Ukraine" and "the Ministry of Defence" + "of" +
    "Ukraine" (a government body of a country)."""
    from spacy.tokens import Span

    joined: list[Span] = []
    for ent in doc.ents:
        last = joined[-1] if joined else None
        if last is None or last.label_ != "ORG":
            joined.append(ent)
            continue
        cut_word = doc[last.end - 1].lower_
        cut_inside = last.end == ent.start and (
            (ent.label_ == "ORG" and cut_word in {"for", "of", "on"})
            or (ent.label_ == "GPE" and cut_word == "of")
        )
        country_after = (
            ent.label_ == "GPE"
            and ent.start == last.end + 1
            and doc[last.end].lower_ == "of"
            and any(t.lower_ in GOVERNMENT_BODIES for t in last)
        )
        if cut_inside or country_after:
            joined[-1] = Span(doc, last.start, ent.end, label="ORG")
        else:
            joined.append(ent)
    return joined


# Heads of a country's government bodies: "the Ministry of Defence of Ukraine" is one name.
GOVERNMENT_BODIES = {"ministry", "ministries", "embassy", "parliament", "government"}
