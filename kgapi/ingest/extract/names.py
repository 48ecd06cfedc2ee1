"""What is a name and what is not: titles, role words and junk the NER tags, the trimming
of an entity's span, and the test for a person's name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kgapi.ingest.extract.curated import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# Words that are titles or function words, never a name on their own (NER junk).
TITLE_WORDS = {
    "secretary",
    "president",
    "minister",
    "senator",
    "sen",
    "sen.",
    "rep",
    "rep.",
    "gov",
    "gov.",
    "governor",
    "mayor",
    "chairman",
    "chair",
    "director",
    "state",
    "house",
    "ambassador",
    "general",
    "gen.",
    "adm.",
    "admiral",
    "chief",
    "judge",
    "justice",
    "prime",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    # Honorifics of other languages in English copy ("Mme Spanton", "Herr Schmidt").
    "mme",
    "mme.",
    "mlle",
    "mlle.",
    "herr",
    "frau",
    "prof",
    "prof.",
    "lt.",
    "col.",
    "sgt.",
    "capt.",
    "king",
    "queen",
    "prince",
    "pope",
    "chancellor",
    "premier",
    "commissioner",
    "councillor",
    "councilman",
    "councilwoman",
    # Military ranks in full and abbreviated: "Staff Sgt. Rachel Ortiz", "Retired Sgt. 1st
    # Class Marcus Bell", "Petty Officer 2nd Class Dana Kim", "Spc. Tomas Grey".
    "retired",
    "staff",
    "master",
    "spc.",
    "spc",
    "pfc.",
    "pfc",
    "1st",
    "2nd",
    "3rd",
    "class",
    "petty",
    "airman",
    "seaman",
    "warrant",
    "sergeant",
    "corporal",
    "private",
    "specialist",
    "lieutenant",
    "colonel",
    "major",
    "captain",
    "brig.",
    "ens.",
    # Local government: "Councilmember Dave Porter", "Alderman Joe Ruiz".
    "councilmember",
    "councilor",
    "alderman",
    "alderwoman",
    "alderperson",
    "supervisor",
    "assemblyman",
    "assemblywoman",
    "assemblymember",
    "selectman",
    "trustee",
    # Abbreviated ranks and titles: "Det. Sgt. John Harris", "Rear Adm. Jane Cole".
    "det",
    "det.",
    "detective",
    "rear",
    "vice",
    "adm",
    "lt",
    "gen",
    "maj",
    "maj.",
    "cpl",
    "cpl.",
    "pvt",
    "pvt.",
    "cmdr",
    "cmdr.",
    "insp",
    "insp.",
    "supt",
    "supt.",
    "amb",
    "amb.",
    "rev",
    "rev.",
    "hon",
    "hon.",
    "sgt",
    "capt",
    "col",
    "officer",
    "deputy",
    "assistant",
    "attorney",
    "coach",
    "dean",
    "sheriff",
    "lord",
    "sir",
    "dame",
    "undersecretary",
    "under",
}

JUNK_TEXTS = {
    "n't", "'s", "s", "the", "a", "an", "it", "he", "she", "they", "we", "i", "you",
    # transcript stage directions: "(Laughter.)", "(Applause.)"
    "laughter", "applause", "crosstalk", "inaudible", "music", "sound", "end",
    # post-nominal letters after a name: "Tom Molomby SC said", "Jane Ode QC"
    "qc", "sc", "kc", "mp", "mep", "obe", "cbe", "mbe", "phd", "md", "esq",
    # time zones and clock times after a figure: "at 4:00 A.M. local time (0100 UTC)"
    "utc", "gmt", "edt", "est", "cdt", "cst", "pdt", "pst", "cet", "cest", "bst", "a.m.",
    "p.m.",
}  # fmt: skip

LEADING_JUNK = {"the", "inside", "why", "how", "what", "when", "exclusive", "breaking", "watch",
                "opinion", "analysis", "live", "update", "updated", "photos", "video", "former"}  # fmt: skip

# Trades written before a name without "the", which the NER takes into the name.
LEADING_TRADES = {
    "blogger", "columnist", "commentator", "activist", "rapper", "singer",
    # A player's position before the name, capitalised at a sentence's start: "Striker
    # Kwame Osei scored twice".
    "striker", "midfielder", "defender", "goalkeeper", "keeper", "winger", "forward",
    "quarterback", "pitcher", "skipper", "batsman", "bowler", "fullback", "playmaker",
}  # fmt: skip

CHAMPIONS = {"champion", "champions"}

# Abbreviated titles and ranks as a text writes them before a name ("Gen. Mark A.
# Milley"), and the word it uses for that person later ("the general said").
TITLE_ABBREVIATIONS = {
    "gen": "general", "adm": "admiral", "sgt": "sergeant", "col": "colonel",
    "lt": "lieutenant", "capt": "captain", "maj": "major", "cpl": "corporal",
    "pfc": "private", "pvt": "private", "gov": "governor", "sen": "senator",
    "rep": "representative", "dr": "doctor", "prof": "professor", "supt": "superintendent",
    "det": "detective", "insp": "inspector", "cmdr": "commander", "amb": "ambassador",
}  # fmt: skip


def role_words(role: str) -> list[str]:
    """A role's words, lower case, abbreviations written out: 'Chief of Staff Gen.' →
    ['chief', 'of', 'staff', 'general']."""
    words = role.lower().replace(".", "").split()
    return [TITLE_ABBREVIATIONS.get(w, w) for w in words]


# Multi-word titles kept whole as a role (their "of X" is not an affiliation).
COMPOSITE_ROLE = re.compile(
    r"^(secretary of (state|defense|the treasury|the interior|homeland security|\w+)|"
    r"attorney general|prime minister|foreign minister|defen[cs]e minister|"
    r"national security advis[eo]r|chief of staff|speaker of the house)$",
    re.IGNORECASE,
)

ROLE_HEADS = {
    "president", "secretary", "minister", "spokesman", "spokeswoman", "spokesperson",
    "director", "chairman", "chairwoman", "chair", "ceo", "founder", "head", "chief",
    "economist", "analyst", "senator", "governor", "mayor", "ambassador", "adviser", "advisor",
    "professor", "researcher", "fellow", "editor", "correspondent", "reporter", "commander",
    "general", "leader", "official", "officer", "lawyer", "attorney", "strategist", "manager",
    "executive", "partner", "scientist", "lawmaker", "representative", "member", "envoy",
    "diplomat", "aide", "deputy", "premier", "chancellor", "king", "queen", "dictator",
    "commissioner", "coordinator", "historian", "author", "owner", "principal",
    "superintendent", "inspector", "captain", "colonel", "sergeant", "lieutenant", "judge",
    "prosecutor", "councilwoman", "councilman", "councillor", "treasurer", "administrator",
    "vice", "speaker", "counsel", "pastor", "coach", "physician", "doctor", "nurse", "engineer",
    "agent", "mp", "mep", "msp", "congressman", "congresswoman", "legislator", "hydrologist",
}  # fmt: skip

# A match score after a club's name: "Harlow City 2-1".
SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")


DATELINE_DASHES = {"—", "–", "--", "-"}


def trim_entity(span: Span) -> tuple[int, int] | None:
    """Token range of the entity without determiners, possessives and headline words."""
    start, end = span.start, span.end
    doc = span.doc
    bracket = next((t.i for t in span if t.text == "(" and t.i > start), None)
    if bracket is not None:
        end = bracket  # "World Health Organisation (WHO": the name ends at the bracket
    dash = next((t.i for t in span if t.text in DATELINE_DASHES and t.i > start), None)
    if dash is not None and all(t.is_upper or t.is_punct for t in doc[start:dash]):
        start = dash + 1  # "DETROIT — Carver Motors Co.": the dateline is no part of the name
    if end - start > 3 and SCORE.match(doc[end - 3 : end].text.replace(" ", "")):
        end -= 3  # "Harlow City 2-1", the score tokenised as "2", "-", "1"
    while start < end and (
        doc[start].lower_ in LEADING_JUNK or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    if end - start > 1 and doc[start].text in {"a", "an"}:
        start += 1  # "a World Health Organisation report": an article, lower case
    if end - start > 1 and doc[start].lower_ in LEADING_TRADES:
        start += 1  # "Blogger Idiot/Savant": the trade is a description, not the name
    titled = [i for i in range(start, min(start + 3, end - 1)) if doc[i].lower_ in CHAMPIONS]
    if titled and span.label_ == "ORG":
        start = titled[-1] + 1  # "the World Champion Los Angeles Lakers": a team's title
    while end > start and (
        doc[end - 1].lower_ in {"'s", "'", "s"}
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or (doc[end - 1].like_num and span.label_ == "PERSON")
        or SCORE.match(doc[end - 1].text)
    ):
        if doc[end - 1].text == "." and end - start == 1:
            break
        end -= 1
    if span.label_ == "ORG":
        end = _without_rank(doc, start, end)
    return (start, end) if end > start else None


# Ranks a service's name runs into before a person's name: "Air Force Capt. Chris
# Cochrane", "Marine Corps Lance Cpl. Dakota Boyer", "Army Sgt. 1st Class …".
_RANKS = {
    "capt", "cpt", "sgt", "ssgt", "msgt", "spc", "cpl", "pvt", "pfc", "lt", "col", "maj",
    "gen", "adm", "brig", "cmdr", "ens", "airman", "seaman", "sergeant", "corporal",
    "private", "captain", "lieutenant", "colonel", "major", "general", "admiral", "lance",
    "staff", "master", "chief", "petty", "officer", "specialist", "first", "1st",
}  # fmt: skip


def plural_of_people(token: Token) -> bool:
    """'Professors', 'Guardsmen', 'Officials': a capitalised plural of a people noun, which
    the NER reads as a person's name."""
    low = token.lower_
    if token.tag_ not in {"NNS", "NNPS"} and not low.endswith(("smen", "swomen")):
        return False
    singular = low.removesuffix("s")
    return (
        low.endswith(("smen", "swomen"))
        or singular in TITLE_WORDS
        or singular in ROLE_HEADS
        or singular in _PEOPLE_NOUNS
    )


# People by what they do, beyond titles: "Professors", "Soldiers", "Officials".
_PEOPLE_NOUNS = {
    "professor", "soldier", "sailor", "marine", "official", "officer", "student", "teacher",
    "doctor", "nurse", "lawyer", "judge", "senator", "minister", "leader", "worker",
    "veteran", "athlete", "player", "coach", "elite", "expert", "scientist", "researcher",
}  # fmt: skip


def _without_rank(doc: Doc, start: int, end: int) -> int:
    """End of an organization's name without the rank that follows it ("Air Force Capt."
    → "Air Force"; "Marine Corps Lance" before "Cpl." → "Marine Corps"), when the next
    word is a rank or a name."""
    cut = end
    while cut - start > 1 and doc[cut - 1].lower_.rstrip(".") in _RANKS:
        cut -= 1
    if cut == end:
        return end
    nxt = doc[end] if end < len(doc) else None
    ranked = doc[end - 1].text.endswith(".") or (
        nxt is not None and (nxt.lower_.rstrip(".") in _RANKS or nxt.pos_ == "PROPN")
    )
    return cut if ranked else end


# Last words of names that are documents, not actors or places: "the Intermediate Range
# Nuclear Treaty", "the GNU Free Document License", "the Investment Advisers Act".
DOCUMENT_ENDINGS = {
    "treaty", "accord", "accords", "convention", "license", "licence", "charter", "act",
}  # fmt: skip

# Endings of abstract nouns and conditions: "Islamophobia", "Zionism", "Unemployment".
_ABSTRACT_ENDINGS = ("ism", "phobia", "itis", "employment", "pathy")

# Last words of events, which the graph has no type for and the NER calls organizations
# or places: "the Summer Paralympics", "the World Cup", "Google Science Fair".
EVENT_ENDINGS = {
    "olympics", "paralympics", "paralympic", "cup", "championship", "championships",
    "tournament", "fair", "festival", "marathon", "expo", "bowl", "prix",
}  # fmt: skip
# "Games" ends an event only after these ("Epic Games" is a company).
EVENT_GAMES = {"olympic", "paralympic", "commonwealth", "asian", "invictus", "youth"}


# Weather systems the NER takes for people: "Tropical Storm Barry", "Hurricane Ike".
STORM_WORDS = {"storm", "hurricane", "typhoon", "cyclone", "tropical"}
# Ships and spacecraft the NER takes for people or organizations.
VEHICLE_PREFIXES = {"uss", "hms", "hmas", "hmcs", "rms", "mv", "ins"}


def _not_a_name(text: str, label: str) -> bool:
    """Names the NER gives any type that name no entity: handles and hashtags, figures,
    documents, events, products and diseases, abstract nouns."""
    low = text.lower()
    words = low.split()
    if any(c in text for c in "@#") or (
        any(c.isdigit() for c in text) and ("%" in text or "percent" in low)
    ):
        return True  # "@POTUS", "August—4.9 percent"
    if words[-1] in DOCUMENT_ENDINGS or low in lexicon().not_people:
        return True
    if words[-1] in EVENT_ENDINGS or (
        words[-1] == "games" and len(words) > 1 and words[-2] in EVENT_GAMES
    ):
        return True
    if label == "ORG" and len(words) == 2 and words[-1] in ROLE_HEADS:
        return True  # "Regional Administrator", "Deputy Director": a title
    if words[0] == "aboard":
        return True  # "Aboard Air Force One En Route Philadelphia": a dateline
    if words[0] in STORM_WORDS and len(words) > 1:
        return True  # "Storm Barry", "Hurricane Ike": weather, no one
    if words[0] in VEHICLE_PREFIXES or low.startswith(("space shuttle", "shuttle ")):
        return True  # "Space Shuttle Atlantis", "USS Cole": a vessel, no one
    return len(words) == 1 and (low.endswith(_ABSTRACT_ENDINGS))


def is_junk(text: str, label: str) -> bool:
    low = text.lower()
    if low in JUNK_TEXTS or not any(c.isalpha() for c in text):
        return True
    if _not_a_name(text, label):
        return True
    if text == low:  # NER tagged a lower-case word: "n't", "counter-offensive"
        return True
    words = low.replace(".", " ").split()
    if label == "PERSON" and len(words) == 1 and words[0] in ROLE_HEADS:
        return True  # "Analyst and Executive Editor ... Carne Ross": a role, not a name
    if label == "PERSON" and not looks_like_a_name(text):
        return True
    if label == "PERSON" and all(w in TITLE_WORDS or w in _OFFICE_WORDS for w in words):
        return True  # "Department Spokesperson": a title and its office, no one's name
    return label != "GPE" and all(w in TITLE_WORDS for w in words)


_OFFICE_WORDS = {"department", "office", "press", "deputy", "principal", "chief", "acting"}


NOT_NAME_ENDINGS = {
    "news", "airport", "forecast", "university", "hospital", "county", "street",
    # "Respiratory Diseases" (a centre's name cut short), "Lowell High" (a school).
    "diseases", "high", "school",
}  # fmt: skip

_PARTICLES = {"de", "da", "del", "der", "van", "von", "bin", "al", "el", "la", "le", "du", "di"}


def looks_like_a_name(text: str) -> bool:
    """A person's name: capitalised words (particles aside), no brackets, not a product,
    a disease or a programme the NER took for a person."""
    if any(c in text for c in "()[]{}/|") or text.lower() in lexicon().not_people:
        return False
    words = text.replace("-", " ").split()
    if words[-1].lower() in NOT_NAME_ENDINGS:
        return False  # "News", "Bien Hoa Airport", "Anderson Forecast"
    return all(w[:1].isupper() or w.lower() in _PARTICLES for w in words) and any(
        len(w.strip(".")) > 2 or w[:1].isupper() for w in words
    )
