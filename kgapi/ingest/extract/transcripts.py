"""Transcripts and Q&A: paragraphs that open with a speaker label are that speaker's words.

Briefings, broadcast transcripts and interviews mark turns as ``MR. MILLER: …``,
``QUESTION: …``, ``CHAIR POWELL. …``, ``STEVE INSKEEP, HOST: …``, ``Q: … / A: …`` or
``Diallo: …``. A labelled paragraph is one direct statement by its speaker, and unlabelled
paragraphs after it continue the same turn until the next label. Questions and
moderation (``QUESTION:``, ``Q:``, ``OPERATOR:``) are turns without statements.

The labels are found before parsing and blanked in the text the parser sees (so "MILLER"
never becomes an entity of its own); the speaker is resolved after entities are built:
the person of the article whose surname or full name the label gives ("MR. MILLER" →
"Matthew Miller", introduced elsewhere), the interviewee for ``A:``, else a person named
as the label spells it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kgapi.ingest.clean import Cleaned, mask
from kgapi.ingest.extract.cues import MIN_CONTENT_WORDS, says_something
from kgapi.ingest.extract.curated import alias_table, lexicon
from kgapi.ingest.extract.entities import Cluster, EntityIndex
from kgapi.ingest.extract.found import Found, whole_statement
from kgapi.ingest.extract.names import looks_like_a_name
from kgapi.ingest.extract.quotes import inner_span
from kgapi.ingest.extract.statement_layouts import (
    attributed_statement_turns,
    bylined_statement_turns,
    signed_statement_turns,
    speech_turns,
)
from kgapi.ingest.extract.turns import Turn
from kgapi.model import person_key
from kgapi.vocabulary import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from kgapi.ingest.extract.speakers import SpeakerBook

# Labels that open a question or moderate: their turns hold no statement.
QUESTION_LABELS = {
    "q", "question", "questions", "reporter", "reporters", "audience", "audience member",
    "moderator", "operator", "participant", "unidentified", "unidentified speaker", "staff",
    "press",
}  # fmt: skip
# An interviewer's turns are questions, but a turn of theirs without one is a statement
# ("Wikinews: The Gliders have never won the World Championship.").
INTERVIEWER_LABELS = {"interviewer", "wikinews", "wn", "voa", "host"}
ANSWER_LABELS = {"a", "answer"}
# Production cues in broadcast scripts: no one speaks ("MUSIC: Our World theme").
NON_SPEECH_LABELS = {
    "music", "sound", "soundbite", "sot", "nats", "applause", "laughter", "crosstalk",
    "begin video clip", "end video clip", "video clip", "begin audio clip", "end audio clip",
    "end", "note", "editor's note", "caption", "photo", "correction", "update", "transcript",
}  # fmt: skip
# Q&A printed without labels: at least this many short question paragraphs.
MIN_QUESTIONS = 3
MAX_QUESTION_WORDS = 80
# Words of a label that are a title, not part of the name ("MR. MILLER", "CHAIR POWELL").
LABEL_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sen", "senator", "rep",
    "representative", "gov", "governor", "secretary", "president", "vice", "chair",
    "chairman", "chairwoman", "ambassador", "general", "gen", "admiral", "adm", "rear",
    "colonel", "col", "lt", "lieutenant", "major", "maj", "captain", "capt", "sgt", "minister",
    "prime", "deputy", "assistant", "under", "undersecretary", "spokesperson", "spokesman",
    "spokeswoman", "mayor", "judge", "justice", "commissioner", "director", "the", "first",
    "lady", "coach", "dean", "sir", "dame", "lord", "rev", "father", "host", "anchor",
    "attorney", "u.s", "us", "foreign", "state", "defense", "treasury", "homeland", "security",
    "of", "press", "national", "adviser", "advisor", "white", "house",
}  # fmt: skip
# Roles written after a comma in broadcast labels: "STEVE INSKEEP, HOST:".
LABEL_ROLES = {"host", "byline", "anchor", "reporter", "correspondent", "guest", "announcer"}

# "MR. MILLER:", "PRESIDENT BIDEN:", "STEVE INSKEEP, HOST:", "Q:", "A:" — capitals up to the
# colon (a period after titles allowed); or "Ian Bremmer:" / "Diallo:" in title case.
_CAPS_LABEL = re.compile(r"^([A-Z][A-Z'\.\-]*(?:[ ,]+[A-Z][A-Z'\.\-]*){0,5}) ?:[ \t]+(?=\S)")
_NAME_LABEL = re.compile(
    r"^((?:[A-Z][a-zA-Z'\-]+|[A-Z]\.)(?: (?:[A-Z][a-zA-Z'\-]+|[A-Z]\.)){0,3}):[ \t]+(?=\S)"
)
# The Federal Reserve's style: "CHAIR POWELL. Good afternoon." (a title, a name, a period).
_PERIOD_LABEL = re.compile(
    r"^((?:CHAIR|CHAIRMAN|CHAIRWOMAN|MR|MS|MRS|DR)\.? [A-Z][A-Z'\-]+)\.[ \t]+(?=\S)"
)
# Its reporters and moderator: "HOWARD SCHNEIDER. Howard Schneider with Reuters. …" (two or
# three capitalised words and a period; trusted only once a titled label was seen).
_NAME_PERIOD_LABEL = re.compile(r"^([A-Z][A-Z'\-]+(?: [A-Z][A-Z'\-]+){1,2})\.[ \t]+(?=\S)")
# Wikinews interviews mark the interviewer's turns "((Wikinews))" or "((WN))".
_BRACKET_LABEL = re.compile(r"^\(\(([A-Za-z][\w' .\-]{0,40})\)\)[ \t]*(?=\S)")
MIN_TURNS = 2  # a single "Note:" paragraph is not a transcript
# The White House's style: "Q Robert, you all pretty much laid out …" (no colon), trusted
# only in a text with labelled turns.
_BARE_Q_LABEL = re.compile(r"^(Q)[ \t]+(?=[A-Z\"'“(])")
# A stage direction in a transcript: "(Call lost.)", "(Laughter.)"; or the editor's:
# "Ed.: See the catalog for a full index.", "[Editor's note: …]".
_STAGE_DIRECTION = re.compile(
    r"^\s*(?:\([^()]{1,60}\)\s*$|\[?(?:Ed\.|Editor['’]s note|Editors['’] note)\s*:)", re.IGNORECASE
)


def _label_at(line: str) -> re.Match[str] | None:
    for pattern in (_PERIOD_LABEL, _CAPS_LABEL, _NAME_LABEL, _BRACKET_LABEL):
        match = pattern.match(line)
        if match is not None and len(match.group(1)) <= 60:
            return match
    return None


def _is_question_label(label: str) -> bool:
    """Questions, moderation and production cues: turns that hold no statement."""
    words = _label_words(label)
    joined = " ".join(words)
    return (
        joined in QUESTION_LABELS
        or joined in NON_SPEECH_LABELS
        or (bool(words) and words[0] in QUESTION_LABELS)
    )


def _label_words(label: str) -> list[str]:
    name = label.split(",")[0]
    return [w.strip(".'-").lower() for w in name.split() if w.strip(".'-")]


def find_turns(cleaned: Cleaned) -> list[Turn]:
    """Speaker turns of a transcript or Q&A; [] when the text is not one."""
    text = cleaned.text
    turns: list[Turn] = []
    labelled = 0
    period_style = any(_PERIOD_LABEL.match(text[start:end]) for start, end in cleaned.paragraphs)
    caps_style = any(_CAPS_LABEL.match(text[start:end]) for start, end in cleaned.paragraphs)
    for p, (start, end) in enumerate(cleaned.paragraphs):
        line = text[start:end]
        match = _label_at(line)
        if match is None and period_style:
            match = _NAME_PERIOD_LABEL.match(line)
        if match is None and caps_style:
            match = _BARE_Q_LABEL.match(line)
        if match is None and _STAGE_DIRECTION.match(line):
            continue  # no one's words, and the turn before goes on after it
        if match is not None and (match.re is not _NAME_LABEL or _name_label_ok(match.group(1))):
            label = match.group(1).strip()
            labelled += 1
            words = " ".join(_label_words(label))
            said = line[match.end() :]
            # A turn that ends on a question is a reporter's, whatever the label says.
            question = (
                _is_question_label(label)
                or (words in INTERVIEWER_LABELS and "?" in said)
                or said.rstrip().rstrip('"').endswith("?")
            )
            turns.append(Turn(label, start + match.end(), end, p, question=question))
        elif turns and line.strip() and _continues(turns[-1], text):
            previous = turns[-1]
            turns.append(Turn(previous.label, start, end, p, previous.question, continued=True))
    # One label is a transcript only when it opens the text and the rest goes on from it
    # ("CHAIR YELLEN. Good afternoon. …" and the statement's following paragraphs).
    opens = bool(turns) and turns[0].paragraph == _first_paragraph(cleaned)
    if labelled >= MIN_TURNS or (labelled == 1 and opens and len(turns) > 1):
        return _questioners_ask(turns, text)
    if labelled == 1 and _sound_bite(turns[0], text):
        return turns[:1]
    return (
        _unlabelled_interview(cleaned)
        # A lead naming who speaks ("X issued the following statement:") before the
        # title's speaker: it also says where the statement starts.
        or attributed_statement_turns(cleaned)
        or speech_turns(cleaned)
        or bylined_statement_turns(cleaned)
        or signed_statement_turns(cleaned)
    )


def _questioners_ask(turns: list[Turn], text: str) -> list[Turn]:
    """Every turn of a questioner is a question: a reporter's follow-up ("Pandemic,
    yes—during the pandemic.") and a question whose '?' is not its last character are
    theirs as much as the turns ending on one.

    A questioner introduces themselves in a turn ("Craig Torres from Bloomberg News.",
    "Steve, Steve Liesman, CNBC."), or asked in at least half of their turns without being
    the one who speaks most (officials at a briefing ask rhetorical questions too)."""
    words: dict[str, int] = {}
    asked: dict[str, int] = {}
    count: dict[str, int] = {}
    introduced: set[str] = set()
    for turn in turns:
        said = text[turn.start : turn.end]
        words[turn.label] = words.get(turn.label, 0) + len(said.split())
        if turn.continued:
            continue
        count[turn.label] = count.get(turn.label, 0) + 1
        asked[turn.label] = asked.get(turn.label, 0) + (turn.question or "?" in said)
        if _introduces_self(turn.label, said):
            introduced.add(turn.label)
    principal = max(words, key=lambda label: words[label], default=None)
    questioners = introduced | {
        label
        for label, n in count.items()
        if label != principal and asked.get(label, 0) and 2 * asked[label] >= n
    }
    for turn in turns:
        if turn.label in questioners:
            turn.question = True
    return turns


def _introduces_self(label: str, said: str) -> bool:
    """A turn opening with its own speaker's name ("Craig Torres from Bloomberg News.",
    "Thank you. Colby Smith with the New York Times."): a reporter saying who they are."""
    return _introduction_end(label, said) is not None


# How far into a turn a reporter's self-introduction may come ("Hi. Thank you. Chris …").
INTRODUCTION_WORDS = 8


def _introduction_end(label: str, said: str) -> int | None:
    """The offset in `said` just past the sentence in which its speaker names themselves
    within its first words; None when they do not."""
    name = [w for w in _label_words(label) if w not in LABEL_TITLES]
    if not name:
        return None
    surname = name[-1]
    for match in re.finditer(r"\S+", said):
        if len(said[: match.start()].split()) >= INTRODUCTION_WORDS:
            return None
        if match.group().strip(".,'-").lower() == surname:
            stop = said.find(". ", match.end() - 1)
            return stop + 2 if stop >= 0 else len(said)
    return None


def after_introduction(turn: Turn, text: str) -> int:
    """Where a question starts once its asker has said who they are and for whom
    ("Craig Torres from Bloomberg News. You said …"): the outlet is not the subject."""
    end = _introduction_end(turn.label, text[turn.start : turn.end])
    return turn.start if end is None else turn.start + end


def _first_paragraph(cleaned: Cleaned) -> int:
    return next((p for p, (s, e) in enumerate(cleaned.paragraphs) if cleaned.text[s:e].strip()), -1)


def _sound_bite(turn: Turn, text: str) -> bool:
    """'LOUIS LATAIF: "It's Toyota's biggest such recall …"' in radio copy: one quoted
    turn under a full name in capitals, the only label of the text."""
    label = turn.label
    words = label.split()
    capitals = label.upper() == label and 2 <= len(words) <= 4
    return capitals and text[turn.start : turn.end].lstrip().startswith('"')


def _continues(previous: Turn, text: str) -> bool:
    """An unlabelled paragraph goes on with the previous turn, except after a quoted sound
    bite in a broadcast script ('WALKER: "…"', then the narrator again) or a production
    cue ("MUSIC: …")."""
    if " ".join(_label_words(previous.label)) in NON_SPEECH_LABELS:
        return False
    return not text[previous.start : previous.end].lstrip().startswith('"')


def _unlabelled_interview(cleaned: Cleaned) -> list[Turn]:
    """A Q&A printed as question paragraphs, each followed by the answer: at least three
    short paragraphs ending in '?' outside quotes. Answers are the interviewee's ("A")."""
    text = cleaned.text
    questions = {
        p
        for p, (start, end) in enumerate(cleaned.paragraphs)
        if _is_question_paragraph(text[start:end])
    }
    if len(questions) < MIN_QUESTIONS:
        return []
    turns: list[Turn] = []
    for p, (start, end) in enumerate(cleaned.paragraphs):
        if p in questions:
            turns.append(Turn("Q", start, end, p, question=True))
        elif turns and text[start:end].strip() and not _STAGE_DIRECTION.match(text[start:end]):
            turns.append(Turn("A", start, end, p, continued=turns[-1].label == "A"))
    return turns


def _is_question_paragraph(line: str) -> bool:
    stripped = line.strip()
    return (
        stripped.endswith("?")
        and not stripped.startswith('"')
        and len(stripped.split()) <= MAX_QUESTION_WORDS
    )


def _name_label_ok(label: str) -> bool:
    """Title-case labels are names ("Ian Bremmer:", "Diallo:"), not prose ("Editor's note:")."""
    words = label.split()
    return 1 <= len(words) <= 4 and not any(
        w.lower() in {"note", "update", "editor's"} for w in words
    )


def mask_labels(cleaned: Cleaned, turns: list[Turn]) -> Cleaned:
    """The cleaned text with every turn label blanked, so the parser never sees it."""
    text = cleaned.text
    for turn in turns:
        if not turn.continued:
            para_start = cleaned.paragraphs[turn.paragraph][0]
            text = mask(text, para_start, turn.start)
    return replace(cleaned, text=text)


def label_speaker(label: str, index: EntityIndex, title: str = "") -> Cluster | None:
    """The person a label names: someone of the article when the label gives their surname
    or full name, the interviewee for "A:", the person the article's title gives the
    label's role ("THE PRESIDENT:" under "Remarks by President Obama …"), else a new
    person spelled as the label."""
    words = _label_words(label)
    if not words or " ".join(words) in QUESTION_LABELS:
        return None
    if " ".join(words) in ANSWER_LABELS:
        return _interviewee(index, title)
    for k, word in enumerate(words):
        if k and word in {"for", "of", "to"} and all(w in LABEL_TITLES for w in words[:k]):
            # "Spokesperson for the Secretary-General": whose spokesperson is no name.
            words = words[:k]
            break
    name_words = [w for w in words if w not in LABEL_TITLES]
    if not name_words:
        # "THE PRESIDENT:", "Statement by the Press Secretary": the one person of the
        # article with that role, else an unnamed source called by the role.
        return (
            _by_role(words, index)
            or _titled_in_headline(words, title, index)
            or _unnamed_role(words, index)
        )
    people = [c for c in index.clusters if c.type == "person"]
    wanted = " ".join(name_words)
    for cluster in people:
        if cluster.name.lower() == wanted:
            return cluster
    surname = name_words[-1]
    owners = [c for c in people if c.name.split()[-1].lower() == surname]
    if not owners and len(name_words) == 1:
        # "Marta:" in an interview with Marta Kowalczyk: the first name of one person.
        owners = [
            c for c in people if len(c.name.split()) > 1 and c.name.split()[0].lower() == surname
        ]
    if len(name_words) > 1:
        owners = [c for c in owners if c.name.split()[0].lower() == name_words[0]] or owners
    if len(owners) == 1:
        return owners[0]
    if not owners and len(name_words) == 1:
        # "MR. GIBBS:" under "Press Briefing by Press Secretary Robert Gibbs".
        titled = _person_in_title(index, title, surname=surname)
        if titled is not None:
            return titled
    initialled = _by_initials(label, people)
    if initialled is not None:
        return initialled
    place_or_body = _organization_or_country(label, index)
    if place_or_body is not None:
        return place_or_body
    words = _name_part(label)
    curated = alias_table().lookup(" ".join(words))
    if curated is not None and curated[0] == "organization":
        # "Wikinews:", "VOA:": the outlet interviewing speaks as itself.
        return index.find_or_add_curated(EntityKind.ORGANIZATION, curated[1])
    if words and words[-1].lower() in lexicon().org_suffixes:
        # "on behalf of the Nordic Council": an organization speaks, as the text names it.
        name = " ".join(w if w.isupper() else _name_case(w) for w in label.split())
        name = name[4:] if name.lower().startswith("the ") else name
        found = index.find(EntityKind.ORGANIZATION, name)
        if found is None:
            found = Cluster(type=EntityKind.ORGANIZATION, name=name)
            index.clusters.append(found)
        return found
    # A long label holds a title before the name ("VOA Department Correspondent Scott
    # Stearns"): the name is its last words.
    if len(words) > 3:
        words = words[-2:]
    cluster = Cluster(type=EntityKind.PERSON, name=" ".join(_name_case(w) for w in words))
    cluster.aliases.add(cluster.name)
    index.clusters.append(cluster)
    return cluster


def _organization_or_country(label: str, index: EntityIndex) -> Cluster | None:
    """'United States of America' (a joint statement's party), 'NASA': an organization or
    country of the article the whole label names, or one the alias table knows."""
    wanted = label.strip().lower()
    for cluster in index.clusters:
        if cluster.type in {EntityKind.ORGANIZATION, EntityKind.LOCATION} and wanted in {
            n.lower() for n in (cluster.name, *cluster.aliases)
        }:
            return cluster
    curated = alias_table().lookup(label.strip())
    if curated is None or curated[0] not in {"organization", "location"}:
        return None
    return index.find_or_add_curated(EntityKind(curated[0]), curated[1])


def _name_case(word: str) -> str:
    """'MILLER' → 'Miller', 'JEAN-PIERRE' → 'Jean-Pierre', "O'BRIEN" → "O'Brien"; a word
    already in mixed case ('Jean-Pierre', 'McDonald') stays as written."""
    if not word.isupper() and not word.islower():
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), word)


def names_asker(label: str, cluster: Cluster) -> bool:
    """Whether `cluster` is the person speaking under `label` (by surname): the one asking
    a question is not what its answer is about."""
    words = _label_words(label)
    return cluster.type == "person" and bool(words) and cluster.name.split()[-1].lower() in words


def _name_part(label: str) -> list[str]:
    words = [w.strip(",") for w in label.split(",")[0].split()]
    kept = [w for w in words if w.strip(".'-").lower() not in LABEL_TITLES]
    if any(not w.isupper() for w in kept):
        # "NSC Spokesperson Adrienne Watson": an acronym before a name in title case is
        # its office, not part of the name.
        kept = [w for w in kept if not (w.isupper() and len(w) > 1)] or kept
    return kept or words


def _by_role(words: list[str], index: EntityIndex) -> Cluster | None:
    """'THE PRESIDENT:', 'SECRETARY:': the one person of the article with that role."""
    role_words = {_spokes(w) for w in words if w not in {"the", "mr", "ms", "mrs"}}
    matches = [
        c
        for c in index.clusters
        if c.type == "person"
        and c.role
        and role_words <= {_spokes(w) for w in c.role.lower().split()}
    ]
    return matches[0] if len(matches) == 1 else None


def _by_initials(label: str, people: list[Cluster]) -> Cluster | None:
    """'AP:' in an interview with Ana Petrova: the one person with those initials (before
    any outlet the letters might also abbreviate)."""
    letters = label.replace(".", "").strip()
    if not (2 <= len(letters) <= 3 and letters.isalpha() and letters.isupper()):
        return None
    owners = [c for c in people if "".join(w[0] for w in c.name.split()).upper() == letters]
    return owners[0] if len(owners) == 1 else None


def _spokes(word: str) -> str:
    """Spokesman, spokeswoman and spokesperson are one role."""
    return "spokesperson" if word.startswith("spokes") else word


def _titled_in_headline(words: list[str], title: str, index: EntityIndex) -> Cluster | None:
    """'THE PRESIDENT:' under "Remarks by President Obama Honoring …": the name after the
    role in the title (a headline is in title case, so the name is the first word, or
    the first two when the first is a first name)."""
    role = [w for w in words if w not in {"the", "mr", "ms", "mrs"}]
    if not role or not title:
        return None
    match = re.search(
        r"\b" + r"\s+".join(map(re.escape, role)) + r"\s+([A-Z][\w.'-]+)(?:\s+([A-Z][\w.'-]+))?",
        title,
        re.IGNORECASE,
    )
    if match is None or not match.group(1)[:1].isupper():
        return None
    first, second = match.group(1), match.group(2)
    lex = lexicon()
    known_first = first.lower() in lex.female_names or first.lower() in lex.male_names
    name = f"{first} {second}" if second and known_first else first
    people = [c for c in index.clusters if c.type == "person"]
    surname = name.split()[-1].lower()
    owners = [c for c in people if c.name.split()[-1].lower() == surname]
    if len(owners) == 1:
        return owners[0]
    curated = alias_table().lookup(name)
    canonical = curated[1] if curated is not None and curated[0] == "person" else name
    cluster = Cluster(type=EntityKind.PERSON, name=canonical, curated=curated is not None)
    cluster.aliases.add(name)
    index.clusters.append(cluster)
    return cluster


def _unnamed_role(words: list[str], index: EntityIndex) -> Cluster | None:
    """An unnamed source called by its role words ("press secretary"), one per article."""
    role = " ".join(w for w in words if w not in {"the", "mr", "ms", "mrs"})
    if not role:
        return None
    for cluster in index.clusters:
        if cluster.type == "anonymous" and cluster.name == role:
            return cluster
    cluster = Cluster(type=EntityKind.ANONYMOUS, name=role)
    index.clusters.append(cluster)
    return cluster


def _interviewee(index: EntityIndex, title: str) -> Cluster | None:
    """The person an interview is with: the one its title names ("Wikinews interviews
    Christopher Hill, …", "Interview with LibriVox founder Hugh McGuire", "Shimon Peres
    discusses …"; the answers name others), else the one the article mentions most."""
    titled = _person_in_title(index, title)
    if titled is not None:
        return titled
    people = [c for c in index.clusters if c.type == "person"]
    return max(people, key=lambda c: len(c.mentions), default=None)


def _person_in_title(index: EntityIndex, title: str, surname: str | None = None) -> Cluster | None:
    """The person the title names (with `surname`, if given), as the article's cluster
    when it has one, else a new one spelled as the title has it."""
    names = list(_people_named_in(title)) or _interviewed_in(title)
    if surname is not None:
        names = [n for n in names if person_key(n.split()[-1]) == person_key(surname)]
    if not names:
        return None
    key = person_key(names[0].split()[-1])
    for cluster in index.clusters:
        if cluster.type == "person" and person_key(cluster.name.split()[-1]) == key:
            return cluster
    cluster = Cluster(type=EntityKind.PERSON, name=names[0])
    index.clusters.append(cluster)
    return cluster


# "Wikinews interviews Israeli mathematician and writer Aner Shalev", "Interview with US
# political activist and philosopher Noam Chomsky", "Biologist Nick Bos tells Wikinews …":
# the name next to the interview words, two or three capitalised words, whatever the NER
# calls it (it reads unfamiliar names as organizations, or misses them).
_NAME = r"(?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’.-]+){1,2})"
_INTERVIEWED = (
    re.compile(
        r"(?:interviews|[Ii]nterview with|talks (?:with|to)|speaks (?:with|to))"
        r"(?: [\w-]+)*? " + _NAME + r"(?=$|[,:;]| (?:about|on|as|of|for)\b)"
    ),
    re.compile(r"^(?:[A-Z][a-z]+ )?" + _NAME + r" (?:tells|talks to|speaks to|discusses)\b"),
)


def _interviewed_in(title: str) -> list[str]:
    """The person an interview's title names by its shape, when the NER found no person."""
    for pattern in _INTERVIEWED:
        match = pattern.search(title)
        if match is None or not looks_like_a_name(match.group("name")):
            continue
        before = title[: match.start("name")].split()
        if before and before[-1].lower() in {"the", "of", "a", "an"}:
            continue  # "President of the International Brotherhood of Magicians": a body
        return [match.group("name")]
    return []


@functools.lru_cache(maxsize=256)
def _people_named_in(title: str) -> tuple[str, ...]:
    """The people the NER finds in a title (parsed once per title: every label of a
    transcript may ask)."""
    if not title:
        return ()
    from kgapi.ingest.extract.nlp import load_nlp  # the cached pipeline of this process

    return tuple(e.text for e in load_nlp()(title).ents if e.label_ == "PERSON")


def turn_statements(
    turns: list[Turn],
    text: str,
    doc: Doc,
    index: EntityIndex,
    book: SpeakerBook,
    title: str = "",
) -> list[Found]:
    """Each answer turn of a transcript, whole, as a direct statement of the person its
    label names (questions, thanks and interjections are none)."""
    found: list[Found] = []
    speakers: dict[str, Cluster | None] = {}
    for turn in turns:
        if turn.question:
            continue
        if turn.label not in speakers:
            speakers[turn.label] = label_speaker(turn.label, index, title)
        speaker = speakers[turn.label]
        a, b = inner_span(text, turn.start, turn.end)
        marks = text.count('"', a, b)
        if text[a : a + 1] == '"' and text[b - 1 : b] == '"' and marks == 2:
            a, b = a + 1, b - 1  # 'WALKER: "…"': a quoted sound bite
        elif marks == 1 and text[a : a + 1] == '"':
            a += 1  # a quote running on into the next paragraph opens here, unclosed
        elif marks == 1 and text[b - 1 : b] == '"':
            b -= 1  # … and closes at the end of its last paragraph
        span = doc.char_span(a, b, alignment_mode="expand")
        if speaker is None or span is None or len(span) < MIN_CONTENT_WORDS:
            continue
        if not says_something(span):
            continue  # "Oh, really.", "Admiral Mullen.", "Thanks very much, Matt."
        book.remember(span.start, speaker)
        found.append(whole_statement(speaker, turn.paragraph, (a, b), span, text, index, doc))
    return found
