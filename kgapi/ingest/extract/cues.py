"""The words that report speech and the token-level tests on them: which verbs are cues
(said, warned, believes, accused, called on …), what counts as a document speaking ("the
statement said"), and small shape tests on the dependency parse."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kgapi.ingest.extract.entities import EntityIndex


SPEECH_VERBS = {
    "say", "tell", "add", "warn", "argue", "tease", "confirm", "deny", "note", "explain",
    "insist", "claim", "state", "announce", "acknowledge", "admit", "write", "report",
    "emphasize", "emphasise", "stress", "caution", "predict", "suggest", "contend", "assert",
    "declare", "reply", "respond", "counter", "testify", "promise", "vow", "pledge", "recall",
    "complain", "concede", "tweet", "post", "speculate", "allege", "maintain", "agree",
    "disclose", "reveal", "indicate", "signal", "remark", "observe", "conclude", "point",
    "mention", "reiterate", "repeat", "joke", "quip", "boast", "lament", "urge", "estimate", "forecast", "project", "recount", "describe", "characterize",
    "assure", "reassure", "inform", "brief", "propose", "demand", "threaten", "hint",
    "shout", "whisper", "scream", "yell", "blog", "concur", "dispute", "rebut",
    "retort", "answer", "advise", "affirm", "charge", "protest", "posit", "opine", "muse",
    "comment", "implore", "encourage", "recommend",
    # Statements and communiques: "reaffirmed that …", "underscored that …", "expressed
    # concern that …" (a clause is needed: "expressed sympathy to the families" says none).
    "reaffirm", "underscore", "underline", "express", "voice", "clarify",
    # "cited the government's repression as his motivation" (a reason given; "citing
    # officials", a source, is none: content.py).
    "cite",
}  # fmt: skip

BELIEF_VERBS = {
    "believe", "think", "suspect", "fear", "worry", "expect", "hope", "doubt", "wonder",
    "assume", "feel", "reckon", "guess", "imagine", "presume", "suppose", "anticipate",
    "consider", "question",
}  # fmt: skip

# Verbs whose direct object can be the thing said: "confirmed the talks", "teased a package".
OBJECT_CONTENT = {
    "confirm", "deny", "tease", "announce", "acknowledge", "admit", "predict", "reveal",
    "disclose", "promise", "pledge", "vow", "allege", "dispute", "reiterate", "repeat",
    "forecast", "estimate", "signal", "report", "claim", "describe", "characterize", "propose",
    "demand", "rebut", "recommend",
    # "noted the need to drive governments to action", "cited the government's repression
    # as his motivation".
    "note", "cite",
}  # fmt: skip

# Verbs whose whole predicate is the statement: "accused the government of 'managing
# decline'", "blamed the regulator for the delays".
PREDICATE_CONTENT = {
    "accuse", "blame", "criticise", "criticize", "praise", "condemn", "denounce",
    # Only with "as": "dismissed the claim as groundless" (not "dismissed him for …").
    "dismiss", "reject",
}  # fmt: skip
# The predicate verbs that say something only through "as".
AS_ONLY = {"dismiss", "reject"}

# Verbs that tell someone to do something: the content is whom and what.
EXHORT_VERBS = {"urge", "advise", "encourage", "implore", "warn", "caution"}

# "called on all parties to exercise restraint", "appealed for calm": a cue only in these
# two shapes ("called him", "called the meeting" say nothing).
CALL_VERBS = {"call", "appeal"}

CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS | PREDICATE_CONTENT | CALL_VERBS

# Verbs that frame a quote next to them ('"You were not in the room, were you?" Okoro
# asked.'); "ask" is no cue elsewhere ("asked about X" is the question, not the answer).
FRAME_VERBS = SPEECH_VERBS | {"ask", "plead", "chant", "sing", "continue"}

MIN_CONTENT_WORDS = 3

# Documents an institution speaks through: "according to a statement from ...".
STATEMENT_NOUNS = {
    "statement", "release", "announcement", "filing", "communique", "report",
    # "according to board figures": numbers an institution publishes speak for it.
    "figure", "data", "statistic", "estimate",
}  # fmt: skip

# Filings: they speak for whoever filed them, not for whom they are against.
FILING_NOUNS = {"complaint", "indictment", "lawsuit", "suit", "affidavit", "motion"}
# Documents that "allege", "say" or "state" on behalf of whoever filed them.
DOCUMENT_NOUNS = STATEMENT_NOUNS | FILING_NOUNS | {"order", "ruling", "readout", "letter"}

# Works that report findings: "the study found that …", "according to a new survey".
RESEARCH_NOUNS = {
    "study", "survey", "poll", "analysis", "research", "paper", "review", "audit", "census",
}  # fmt: skip
# Who finds things out: "researchers found that …".
FINDER_NOUNS = RESEARCH_NOUNS | {
    "researcher", "scientist", "investigator", "author", "auditor", "inspector", "report",
    # Rulings find too: "the SEC's order finds that …", "the court found that …".
    "order", "ruling", "judgment", "judge", "court", "jury", "panel", "inquiry", "tribunal",
    "investigation",
}  # fmt: skip


def is_finding(verb: Token) -> bool:
    """'The study found that the risk was highest …': "find" reports what a study or its
    researchers found, given a clause ("police found a body" is no statement)."""
    if verb.lemma_.lower() != "find" or verb.pos_ != "VERB":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    clause = any(c.dep_ == "ccomp" for c in verb.children)
    return clause and subject is not None and subject.lemma_.lower() in FINDER_NOUNS


# What governments and institutions do in the present tense of their own statements.
DECLARATION_VERBS = {
    "condemn", "congratulate", "welcome", "reaffirm", "commend", "deplore", "applaud",
    "denounce", "reject", "regret", "call", "stand", "urge", "salute",
}  # fmt: skip


def is_declaration(verb: Token) -> bool:
    """'The United States condemns …', 'Ostland calls on all parties to …', 'stands
    ready to …': a main verb in the present tense with a subject ("condemned" is the
    reporter's past; a headline's present has no sentence of its own)."""
    lemma = verb.lemma_.lower()
    if lemma not in DECLARATION_VERBS or verb.tag_ not in {"VBZ", "VBP"} or verb.dep_ != "ROOT":
        return False
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return False
    if lemma == "call":
        return any(c.dep_ == "prep" and c.lower_ in {"on", "upon", "for"} for c in verb.children)
    if lemma == "stand":
        return any(c.lower_ in {"ready", "with", "by"} for c in verb.children)
    return True


# Verbs of courtesy: a turn saying only these thanks or greets, and states nothing.
COURTESY_VERBS = {"thank", "welcome", "appreciate", "greet"}


def says_something(span: Span) -> bool:
    """A turn states something when it has a verb other than thanks and what thanks are
    for ("Oh, really.", "Admiral Mullen.", "Thank you for having me." do not), or, with no
    verb at all, enough words to be an answer ("Everyone over six months old. Older people
    and pregnant women in particular.")."""
    if len(span) <= MODERATION_MAX_TOKENS and _MODERATION.search(span.text):
        return False  # "We'll take another question.", "Stand by for one second."
    verbs = [t for t in span if t.pos_ in {"VERB", "AUX"}]
    if not verbs:
        return sum(1 for t in span if t.is_alpha) >= VERBLESS_ANSWER_WORDS
    return any(not _courtesy(t) and not any(_courtesy(a) for a in t.ancestors) for t in verbs)


# A briefer running the briefing: short turns that move it along and state nothing.
_MODERATION = re.compile(
    r"\b(?:(?:take|have) (?:another|one more|the next|a few more|a couple more|your)"
    r" questions?|next question|last question|stand by|just email me|go ahead)\b",
    re.IGNORECASE,
)
MODERATION_MAX_TOKENS = 16

# A verbless answer this long says something; "Admiral Mullen." or "Oh, really." do not.
VERBLESS_ANSWER_WORDS = 8


def _courtesy(verb: Token) -> bool:
    """'Thank you', 'We welcome our guests' are courtesies; 'President X will welcome the
    Chancellor on March 3' reports an event."""
    if verb.lemma_.lower() not in COURTESY_VERBS:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is None or subject.lower_ in {"i", "we", "you"}


def call_ranges(verb: Token) -> list[tuple[int, int]]:
    """'called on X to do Y' → "X to do Y"; 'called for X' → "X"; else nothing."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        if prep.lower_ == "for":
            if prep.right_edge.i <= prep.i:
                return []
            # "called for G7 action to correct the crisis": the parser hangs the purpose
            # off the verb; it is part of what was called for.
            purpose = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in {"xcomp", "advcl"}
                    and c.left_edge.i == prep.right_edge.i + 1
                    and c.left_edge.lower_ == "to"
                ),
                None,
            )
            end = purpose.right_edge.i + 1 if purpose is not None else prep.right_edge.i + 1
            return [(prep.i + 1, end)]
        if prep.lower_ in {"on", "upon"}:
            todo = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > prep.i), None)
            if todo is not None:
                return [(prep.i + 1, todo.right_edge.i + 1)]
    for clause in verb.children:
        # "called for the review to be made public": the parser reads a for-to clause.
        mark = next((c for c in clause.children if c.dep_ == "mark"), None)
        right_after = mark is not None and all(t.is_punct for t in verb.doc[verb.i + 1 : mark.i])
        if clause.dep_ == "advcl" and mark is not None and mark.lower_ == "for" and right_after:
            return [(mark.i + 1, clause.right_edge.i + 1)]
    return _called_something(verb)


def _called_something(verb: Token) -> list[tuple[int, int]]:
    """'called the decision a mistake', 'has called NATO's moves a threat to stability',
    'called the verdict shameful': what was called what (a name given, "called him
    John", is no statement; a common noun or adjective is)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return []
    complement = next(
        (c for c in verb.children if c.dep_ in {"oprd", "acomp", "xcomp"} and c.i > obj.i),
        None,
    ) or next((c for c in obj.children if c.dep_ == "dobj" and c.i > obj.i), None)
    if complement is None or complement.pos_ not in {"NOUN", "ADJ"}:
        return []
    return [(obj.left_edge.i, complement.right_edge.i + 1)]


def is_retort(verb: Token) -> bool:
    """'X shot back that ...': a verb with the particle "back" and a that-clause."""
    back = any(c.dep_ in {"prt", "advmod"} and c.lower_ == "back" for c in verb.children)
    return back and any(
        c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        for c in verb.children
    )


def noun_that_clause(verb: Token) -> Token | None:
    """'told investors on a call that ...', 'said in a statement that ...': the parser
    hangs the that-clause off the noun of a prepositional phrase; it is still the verb's
    content."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < verb.i:
            continue
        for node in prep.subtree:
            clause = node.dep_ in {"acl", "relcl", "ccomp", "advcl"} and node.pos_ in {
                "VERB",
                "AUX",
            }
            if clause and any(g.dep_ == "mark" and g.lower_ == "that" for g in node.children):
                return node
    return None


# Verbs that say something only through an attitude noun: "expressed concern that …"
# ("…, expressing the cautious view of his team" is the reporter's gloss, not a cue).
ATTITUDE_VERBS = {"express", "voice"}
# What a speaker expresses: "expressed concern that …", "voiced hope that …".
ATTITUDE_NOUNS = {
    "concern", "hope", "confidence", "belief", "view", "fear", "worry", "optimism", "doubt",
    "regret", "satisfaction", "conviction", "frustration", "disappointment", "expectation",
}  # fmt: skip


# Stances a statement expresses about something: "expressed deep concern about the jamming",
# "voiced support for the ceasefire" (not courtesies: "expressed sympathy to the families").
STANCE_NOUNS = ATTITUDE_NOUNS | {
    "alarm", "opposition", "outrage", "dismay", "support", "solidarity", "anger", "skepticism",
    "scepticism", "reservation", "reservations", "objection", "objections", "displeasure",
}  # fmt: skip
_STANCE_PREPOSITIONS = {"about", "over", "at", "for", "regarding", "with", "on", "to"}


def stance_object(verb: Token) -> tuple[int, int] | None:
    """'is expressing deep concern about the jamming of VOA broadcasts', 'voiced support for
    the plan': the stance and what it is about (token range), when the verb says one about
    something ("expressed concern" alone names nothing)."""
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in STANCE_NOUNS:
            continue
        end = obj.right_edge.i + 1
        about = any(c.dep_ == "prep" and c.lower_ in _STANCE_PREPOSITIONS for c in obj.children)
        for after in verb.children:
            if after.dep_ == "prep" and after.lower_ in _STANCE_PREPOSITIONS and after.i >= end:
                about, end = True, after.right_edge.i + 1
        return (obj.left_edge.i, end) if about else None
    return None


def attitude_clause(verb: Token) -> Token | None:
    """'expressed concern that the fighting could spread', 'voiced hope that the talks
    would resume': the parser hangs the that-clause off the noun the verb takes; the
    clause is what was said."""
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in ATTITUDE_NOUNS:
            continue
        for node in obj.children:
            that = any(g.dep_ == "mark" and g.lower_ == "that" for g in node.children)
            if node.dep_ in {"acl", "ccomp", "relcl"} and node.pos_ in {"VERB", "AUX"} and that:
                return node
    return None


def inverted_speaker(verb: Token, index: EntityIndex) -> Token | None:
    """'…, announced U.S. Attorney Rosa Rodriguez today.': a cue closing the sentence after
    a comma, with no subject, whose object is a named person or organization: the parser
    took the speaker for the object."""
    doc = verb.doc
    if verb.i == 0 or doc[verb.i - 1].text != "," or reported_before(verb) is None:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.i > verb.i:
            named = index.at(child.i)
            if named is not None and named.type in {"person", "organization"}:
                return child
            # "announced U.S. Attorney for the District of X Rosa Rodriguez today": the
            # object is the title, and the person it names sits inside its phrase.
            for node in child.subtree:
                inner = index.at(node.i)
                if inner is not None and inner.type == "person":
                    return node
    return None


def reported_before(verb: Token) -> Token | None:
    """The clause a closing cue reports: its head (when the cue hangs off it) or the
    cue's own clause child before it (when the parser made the cue the root)."""
    if verb.head.i < verb.i:
        return verb.head
    return next(
        (
            c
            for c in verb.children
            if c.i < verb.i and c.dep_ in {"ccomp", "advcl", "parataxis"} and c.pos_ == "VERB"
        ),
        None,
    )


def speaker_head(verb: Token, index: EntityIndex) -> Token | None:
    """The subject through which a cue verb's speaker is named (up to three clause levels
    up), or a named person or organization closed off by a comma right before it."""
    inverted = inverted_speaker(verb, index)
    if inverted is not None:
        return inverted
    quoted = quoted_as_saying(verb) or issued_saying(verb)
    if quoted is not None:
        return quoted
    node = verb
    for _ in range(3):
        # "Speaking in the parents' defence, Tom Molomby, SC, said": a participle parsed
        # as the subject is none; the comma rule below finds the name.
        subjects = [c for c in node.children if c.dep_ == "nsubj" and c.pos_ != "VERB"]
        if subjects:
            # "our colleagues Alex Ward, ... reported": prefer the named subject, and a
            # person or organization over a place ("Washington, July 26 — The SEC today
            # announced": the parser makes the dateline a second subject).
            named = [c for c in subjects if index.at(c.i) is not None]
            speaking = [c for c in named if _type_at(index, c) in {"person", "organization"}]
            return (speaking or named or subjects)[0]
        if (
            node is verb
            and node.dep_ == "acl"
            and node.tag_ == "VBG"
            and node.head.pos_ in {"NOUN", "PROPN"}
            and node.head.dep_ == "pobj"
            and node.head.head.lower_ == "with"
        ):
            # "…, with officials saying this is for security reasons": who says it is
            # the noun the participle hangs on.
            return node.head
        if node.dep_ in {"advcl", "conj", "xcomp"} and node.head.i != node.i:
            if node.tag_ == "VBG":
                # "…, White said, pointing out a sergeant …": the participle is the
                # speaker's of the cue interrupting the clause, not its subject's.
                interrupting = _interrupting_speaker(node.head, node)
                if interrupting is not None:
                    return interrupting
            node = node.head
            continue
        break
    # A misparsed subject ("Appearing on X, the spokeswoman, Priya Nair, accused ..."):
    # a named person or organization closed off by a comma right before the verb.
    if verb.i >= 2 and verb.doc[verb.i - 1].text == ",":
        token = verb.doc[verb.i - 2]
        if token.dep_ == "appos" and _type_at(index, token.head) == "person":
            token = token.head  # "Tom Molomby, SC, said": the name before the post-nominal
        before = index.at(token.i)
        if before is not None and before.type in {"person", "organization"}:
            return token
    return None


# Verbs of reporting someone's words: "was quoted as saying", "was cited as saying".
QUOTING_VERBS = {"quote", "cite"}


# Verbs that put a statement out: "issued a statement saying …".
ISSUING_VERBS = {"issue", "release", "publish", "put", "send", "post", "make", "circulate"}


def issued_saying(verb: Token) -> Token | None:
    """'The city issued a follow-up statement announcing that …', 'the ministry released a
    statement saying …': the participle's speaker is who issued the statement."""
    document = verb.head
    issuing = document.head
    if (
        verb.dep_ != "acl"
        or verb.tag_ != "VBG"
        or document.lemma_.lower() not in DOCUMENT_NOUNS
        or document.dep_ != "dobj"
        or issuing.lemma_.lower() not in ISSUING_VERBS
    ):
        return None
    return next((c for c in issuing.children if c.dep_ == "nsubj"), None)


def quoted_as_saying(verb: Token) -> Token | None:
    """'Lowe was quoted by the Gazette as saying he had …', 'the paper quoted Lowe as
    saying …', 'cited as saying': the one quoted speaks, not the paper."""
    prep = verb.head
    quoting = prep.head
    if verb.dep_ != "pcomp" or prep.lower_ != "as" or quoting.lemma_.lower() not in QUOTING_VERBS:
        return None
    for dep in ("nsubjpass", "dobj"):
        quoted = next((c for c in quoting.children if c.dep_ == dep), None)
        if quoted is not None:
            return quoted
    return None


def _type_at(index: EntityIndex, token: Token) -> str | None:
    cluster = index.at(token.i)
    return cluster.type if cluster is not None else None


def _interrupting_speaker(clause: Token, participle: Token) -> Token | None:
    """The subject of a speech cue inserted in `clause` before `participle` ("…, White
    said, pointing out …")."""
    for child in clause.children:
        if (
            child.dep_ == "parataxis"
            and child.i < participle.i
            and child.lemma_.lower() in SPEECH_VERBS
        ):
            subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return subject
    return None


def longest_run_outside(tokens: list[Token], cut: set[int]) -> tuple[int, int] | None:
    """The longest run of consecutive `tokens` (of at least MIN_CONTENT_WORDS) none of
    which is in `cut` or a space: the content left when the cue's words are taken out."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for t in tokens:
        if t.i in cut or t.is_space:
            if start is not None:
                runs.append((start, t.i))
                start = None
        elif start is None:
            start = t.i
    if start is not None:
        runs.append((start, tokens[-1].i + 1))
    runs = [r for r in runs if r[1] - r[0] >= MIN_CONTENT_WORDS]
    return max(runs, key=lambda r: r[1] - r[0]) if runs else None
