"""What a cue verb says: the token ranges of its content.

The clausal complement ("said that …"), the object of verbs like "confirm" and "announce"
(with to whom), the whole predicate of "accused … of …", "called on X to do Y", the clause a
cue interrupts or closes ("…, she added."), and the clause before a closing cue whose
speaker the parser took for its object ("…, announced U.S. Attorney X today."). Leading
complementizers, dates and punctuation are trimmed, and the content stops before a
trailing clause about the speaker or one with a cue of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgapi.ingest.extract.cues import (
    AS_ONLY,
    ATTITUDE_VERBS,
    BELIEF_VERBS,
    CALL_VERBS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    EXHORT_VERBS,
    MIN_CONTENT_WORDS,
    OBJECT_CONTENT,
    PREDICATE_CONTENT,
    SPEECH_VERBS,
    attitude_clause,
    call_ranges,
    inverted_speaker,
    longest_run_outside,
    noun_that_clause,
    reported_before,
    speaker_head,
    stance_object,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kgapi.ingest.extract.entities import EntityIndex
    from kgapi.ingest.extract.quotes import Quote


# Verbs that state a stance as their object ("expressed concern about …").
STANCE_VERBS = {"express", "voice", "reaffirm", "reiterate"}

# What words are said in: "said in a statement / on a call / in an interview that …".
# Marks of clauses of time, cause and condition ("after", "because"); not "as".
SUBORDINATORS = {
    "after", "before", "when", "while", "since", "because", "until", "once", "if", "although",
    "though", "unless", "whereas",
}  # fmt: skip

_MEDIUM_NOUNS = DOCUMENT_NOUNS | {
    "call", "interview", "briefing", "conference", "post", "email", "note", "tweet",
    "message", "speech", "video", "broadcast", "podcast",
}  # fmt: skip


class ContentFinder:
    """Finds the content of cue verbs in one article's `Doc`."""

    def __init__(self, doc: Doc, in_quote: dict[int, Quote], index: EntityIndex) -> None:
        self.doc = doc
        self.in_quote = in_quote
        self.index = index

    def ranges(self, verb: Token, lemma: str) -> list[tuple[int, int]]:
        if lemma in CALL_VERBS:
            return call_ranges(verb) or self._called_quoted(verb)
        reported = reported_before(verb)
        if reported is not None and inverted_speaker(verb, self.index) is not None:
            # "X happened, announced Y.": the clause before the comma.
            if reported.i < verb.i and reported.head.i == verb.i:
                runs = [(reported.left_edge.i, reported.right_edge.i + 1)]
            else:
                runs = self._clause_minus(reported, verb)
            return [(start, end - 1 if self.doc[end - 1].is_punct else end) for start, end in runs]
        doc = self.doc
        ranges: list[tuple[int, int]] = []
        for child in verb.children:
            if child.dep_ == "ccomp" and _semicolon_between(child, verb):
                # "CDC began work on Zika …; by January, CDC had advised …": a clause of
                # its own the parser hung off the next verb, not what was advised.
                continue
            infinitive = child.dep_ == "xcomp" and (
                lemma in BELIEF_VERBS or (lemma in INFINITIVE_CLAIMS and _to_infinitive(child))
            )
            if child.dep_ == "ccomp" or infinitive:
                ranges.append((child.left_edge.i, child.right_edge.i + 1))
            elif child.dep_ == "conj" and child.i in self.in_quote and ranges:
                # '"A," she said, "and B."': the second half parses as a conjunct.
                ranges.append((child.left_edge.i, child.right_edge.i + 1))
        if lemma in PREDICATE_CONTENT:
            return self._predicate_range(verb)
        if not ranges and lemma in SPEECH_VERBS:
            clause = noun_that_clause(verb) or attitude_clause(verb)
            if clause is not None:
                ranges.append((clause.left_edge.i, clause.right_edge.i + 1))
            else:
                ranges.extend(self._that_after_noun(verb))
        if not ranges and lemma in STANCE_VERBS:
            stance = stance_object(verb)
            if stance is not None:
                ranges.append(stance)
        if not ranges and lemma in OBJECT_CONTENT:
            for child in verb.children:
                if child.dep_ == "dobj" and lemma == "cite" and self._a_source(child):
                    continue  # "citing local paramilitary groups, reported …": a source
                if child.dep_ == "dobj":
                    # "announced an award of $37 million to a whistleblower whose …": the
                    # recipient hangs off the verb, and is part of what was announced.
                    end = child.right_edge.i + 1
                    for after in verb.children:
                        # "characterized the attack as a serious violation": what as.
                        recipient = after.dep_ in {"prep", "dative"} and after.lower_ in {
                            "to",
                            "for",
                            "as",
                        }
                        if recipient and after.i == end:
                            end = after.right_edge.i + 1
                    ranges.append((child.left_edge.i, end))
        if not ranges and lemma in EXHORT_VERBS:
            # "urged those taking part in protests to wear a mask": whom, and to do what.
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            todo = next(
                (c for c in verb.children if c.dep_ in {"xcomp", "ccomp"} and c.i > verb.i), None
            )
            if todo is None and obj is not None:
                # The parser often hangs "to protect themselves" off the object's own
                # clause ("those taking part ... to protect"): the first to-infinitive
                # inside the object is still what they were urged to do.
                todo = next(
                    (
                        t
                        for t in obj.subtree
                        if t.pos_ == "VERB" and any(a.lower_ == "to" for a in t.children)
                    ),
                    None,
                )
            if obj is not None and todo is not None and todo.i > obj.i:
                ranges.append((obj.left_edge.i, todo.right_edge.i + 1))
        if not ranges and lemma in {"warn", "caution", "complain", "speculate", "hint", "boast"}:
            for child in verb.children:
                if child.dep_ == "prep" and child.lower_ in {"of", "about", "that"}:
                    ranges.append((child.left_edge.i, child.right_edge.i + 1))
        reported_itself = verb.dep_ == "ccomp" and verb.head.lemma_.lower() in SPEECH_VERBS
        # "packed a hall on Monday to question officials": an infinitive is a purpose,
        # never a cue closing the clause before it.
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        # "Shares rose after the airline posted a profit": a clause of time or cause, not
        # a cue closing the clause before it ("…, as the minister warned" still is).
        subordinate = any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in verb.children)
        if (
            not ranges
            and verb.dep_ in {"parataxis", "ccomp", "advcl"}
            and verb.i > verb.head.i
            # "X said the company expected margins of 9%": what X said, not a cue closing
            # X's sentence.
            and not reported_itself
            and not infinitive
            and not subordinate
        ):
            # "The cost will rise, analysts believe." / "But, he added, officials were ...":
            # the content is the clause the cue interrupts or closes.
            ranges = self._clause_minus(verb.head, verb)
        elif not ranges and verb.dep_ == "parataxis":
            ranges = self._clause_minus(verb.head, verb)
        closes = verb.i > 0 and doc[verb.left_edge.i - 1].text == ","
        if not ranges and closes and any(c.dep_ == "nsubj" for c in verb.children):
            # "..., our colleagues reported this week.": the cue closes the sentence.
            ranges = self._clause_minus(verb.sent.root, verb)
        if not ranges and lemma == "say":
            ranges = self._misparsed_object(verb)
        # Drop the complementizer "that" (and leading punctuation) from the content.
        trimmed = []
        for start, end in ranges:
            end = self._tail_cut(start, end, verb)
            start = self._after_leading_date(start, end)
            while start < end and doc[start].lower_ == "that" and _complementizer(doc[start]):
                start += 1
            while start < end and (doc[start].is_punct and doc[start].text != '"'):
                start += 1
            while end > start and doc[end - 1].is_punct and doc[end - 1].text not in {'"'}:
                end -= 1
            if end > start:
                trimmed.append((start, end))
        return trimmed

    def _called_quoted(self, verb: Token) -> list[tuple[int, int]]:
        """'called the verdict "shameful"', 'called the U.S. rhetoric unacceptable': the
        thing and the word for it (quoted or not: a characterisation reported is a
        statement). "called the meeting" alone, or "called him Joe", says nothing."""
        said = next(
            (c for c in verb.children if c.dep_ in {"oprd", "xcomp", "ccomp"} and c.i > verb.i),
            None,
        )
        if said is None:
            return []
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        start = obj.left_edge.i if obj is not None else verb.i + 1
        if said.i < start:
            return []
        quoted = any(t.i in self.in_quote for t in said.subtree)
        if not quoted and (said.pos_ not in {"ADJ", "NOUN"} or said.right_edge.i - start < 2):
            return []  # "called him Joe", "called it off"
        end = said.right_edge.i + 1
        while end < len(self.doc) and self.doc[end].text == '"':
            end += 1
        return [(start, end)]

    def _after_leading_date(self, start: int, end: int) -> int:
        """Past a date the parser put at the head of the content ("said on Tuesday it
        would cut …" → "it would cut …"): when the date words are followed by the clause's
        subject, they told when it was said, not what."""
        doc = self.doc
        j = start
        while j < end and (doc[j].ent_type_ in {"DATE", "TIME"} or doc[j].lower_ == "on"):
            j += 1
        if j == start or j >= end or j in self.in_quote:
            return start
        return j if doc[j].dep_ in {"nsubj", "nsubjpass"} or doc[j].lower_ == "that" else start

    def _tail_cut(self, start: int, end: int, verb: Token) -> int:
        """Where the content really ends, outside quotes:

        - before a trailing participle clause about the speaker ('"it's hard to tell"
          whether ..., expressing the cautious view of his team');
        - before a clause with a cue of its own ('..., while others worry that ...'),
          which is another statement.
        """
        doc = self.doc
        for i in range(start + MIN_CONTENT_WORDS, end):
            token = doc[i]
            if i in self.in_quote or doc[i - 1].text != ",":
                continue
            participle = token.tag_ == "VBG" and token.dep_ in {"advcl", "xcomp", "conj", "acl"}
            lemma = token.lemma_.lower()
            # "…, citing better weather": the reason given, not more of what was said.
            if participle and (lemma not in CUE_VERBS or lemma in ATTITUDE_VERBS | {"cite"}):
                return i - 1
            # The clause opens here: the token is its verb or a word ("while") hanging off it.
            for cue in (token, token.head) if token.head.i >= i else (token,):
                if (
                    cue.i != verb.i
                    and cue.lemma_.lower() in CUE_VERBS
                    and cue.pos_ == "VERB"
                    and cue.dep_ in {"advcl", "conj"}
                    and cue.i not in self.in_quote
                    and any(c.dep_ == "nsubj" for c in cue.children)
                ):
                    return i - 1
        return end

    def _misparsed_object(self, verb: Token) -> list[tuple[int, int]]:
        """'Prosecutors said the scheme cost taxpayers £3 million': "said" takes no noun
        object in news ("said nothing" states nothing); when the parser gives it one and
        a subject stands inside it, the clause was misread, and it is what was said."""
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if obj is None:
            return []
        inside = range(verb.i + 1, obj.right_edge.i + 1)
        if not any(self.doc[i].dep_ in {"nsubj", "nsubjpass"} for i in inside):
            return []
        return [(verb.i + 1, obj.right_edge.i + 1)]

    def _that_after_noun(self, verb: Token) -> list[tuple[int, int]]:
        """'said in a statement that midfielder X had suffered …' when the parser reads
        "that midfielder" as a relative clause of the statement: the rest of the sentence
        after "that" is what was said."""
        doc = self.doc
        for prep in verb.children:
            if prep.dep_ != "prep" or prep.i < verb.i:
                continue
            noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if noun is None or noun.lemma_.lower() not in _MEDIUM_NOUNS:
                continue  # "announced an award to a charity that runs …": a relative clause
            if noun.i + 2 >= len(doc) or doc[noun.i + 1].lower_ != "that":
                continue
            end = noun.sent.end
            while end > noun.i + 2 and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            return [(noun.i + 2, end)]
        return []

    def _a_source(self, noun: Token) -> bool:
        """Whom a report cites as its source: people, groups, outlets, documents
        ("citing local paramilitary groups", "citing officials", "citing Reuters")."""
        named = self.index.at(noun.i)
        if named is not None and named.type in {"person", "organization", "group"}:
            return True
        return noun.lemma_.lower() in SOURCE_NOUNS or noun.lemma_.lower() in DOCUMENT_NOUNS

    def _predicate_range(self, verb: Token) -> list[tuple[int, int]]:
        """'accused the government of "managing decline"', 'Ahmed al-Assadi blamed Israel
        for the attack': the predicate, when it quotes the speaker or its subject is named
        (an unquoted accusation by "her critics" is the reporter's summary), and is not
        itself what someone else reported ("One of them said Hart accused ...")."""
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in CUE_VERBS:
            return []
        start, end = verb.i, verb.right_edge.i + 1
        while end > start + 1 and (
            self.doc[end - 1].is_space
            or (self.doc[end - 1].is_punct and self.doc[end - 1].text != '"')
        ):
            end -= 1  # the sentence's full stop, hung on the verb
        # "accused X of Y", "blamed X for Y", "denounced the claims as a 'national
        # embarrassment'": what they are accused of, blamed for, called.
        reasons = {"as"} if verb.lemma_.lower() in AS_ONLY else {"of", "for", "as"}
        reason = any(t.dep_ == "prep" and t.lower_ in reasons for t in verb.subtree)
        quoted = any(i in self.in_quote for i in range(start, end))
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None and verb.tag_ == "VBG":
            # "Pompeo tweeted Saturday, blaming Iran for the attacks": the participle's
            # subject is the clause's it hangs off.
            subject = speaker_head(verb, self.index)
        named = subject is not None and self.index.at(subject.i) is not None
        return [(start, end)] if reason and (quoted or named) else []

    def _clause_minus(self, head: Token, cue: Token) -> list[tuple[int, int]]:
        """The longest run of `head`'s subtree outside `cue`'s subtree."""
        longest = longest_run_outside(list(head.subtree), {t.i for t in cue.subtree})
        return [longest] if longest is not None else []


# Speech verbs whose to-infinitive is what was said: "claimed to have no memory of the
# night", "vowed to keep fighting", "promised to rebuild every school".
INFINITIVE_CLAIMS = {"claim", "vow", "pledge", "promise", "threaten"}


def _to_infinitive(verb: Token) -> bool:
    """'to have no memory …': a verb with its own 'to' (not 'tried hard' nor a gerund)."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


# Who or what a report cites as its source rather than as its reason.
SOURCE_NOUNS = {
    "source", "official", "group", "people", "person", "witness", "resident", "media",
    "outlet", "agency", "newspaper", "report",
}  # fmt: skip


def _complementizer(that: Token) -> bool:
    """'that' opening a reported clause ("said that they would"), not a determiner
    ("that plan is dead"): the parser marks it so, or a subject pronoun follows it."""
    if that.dep_ == "mark":
        return True
    nxt = that.nbor(1) if that.i + 1 < len(that.doc) else None
    return (
        that.dep_ != "det"
        and nxt is not None
        and nxt.pos_ == "PRON"
        and nxt.dep_ in {"nsubj", "nsubjpass"}
    )


def _semicolon_between(clause: Token, verb: Token) -> bool:
    """A clause before `verb` that a semicolon separates from it."""
    doc = verb.doc
    return clause.i < verb.i and any(t.text == ";" for t in doc[clause.right_edge.i + 1 : verb.i])
