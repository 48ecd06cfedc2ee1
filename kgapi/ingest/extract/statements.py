"""Attribution rules over the dependency parse: who said (or believes) what.

Two passes over one parsed `Doc`:

1. Cues. Every speech or belief verb outside quotation marks with a subject and a content
   (a clausal complement, an object for verbs like "confirm"/"tease", the clause it
   interrupts for "But, he added, ..."), plus every "according to X". The content decides
   the kind: mostly inside quotes → direct; partly quoted → partial; else indirect (or
   belief for "suspect", "believe", ...). Relative clauses ("a move the official said was
   precautionary") take the noun they describe as part of the content.
2. Orphan quotes. A sentence-like quote no cue claimed looks for a cue verb just after or
   before it; failing that it continues the previous speaker (a split quote, or a quote
   opening a paragraph right after someone spoke).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgapi.ingest.extract.about import about_entities, asked_about_ranges
from kgapi.ingest.extract.content import ContentFinder
from kgapi.ingest.extract.context import ContextAbout
from kgapi.ingest.extract.cues import (
    BELIEF_VERBS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    FILING_NOUNS,
    FRAME_VERBS,
    ISSUING_VERBS,
    MIN_CONTENT_WORDS,
    RESEARCH_NOUNS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    is_declaration,
    is_finding,
    is_retort,
    longest_run_outside,
    speaker_head,
)
from kgapi.ingest.extract.embedded import reported_in_turns
from kgapi.ingest.extract.entities import Cluster, EntityIndex
from kgapi.ingest.extract.found import Found, dedupe
from kgapi.ingest.extract.institutions import (
    previous_subject_organization,
    the_filer,
    the_institution,
)
from kgapi.ingest.extract.issued import issued_paragraphs, title_issuer
from kgapi.ingest.extract.quotes import Quote, find_quotes, inner_span
from kgapi.ingest.extract.speakers import (
    RELATIVE_PRONOUNS,
    SpeakerBook,
    reports_source,
    resolve,
)
from kgapi.ingest.extract.statement_layouts import introduces_unnamed
from kgapi.ingest.extract.transcripts import turn_statements
from kgapi.ingest.extract.turns import Turn
from kgapi.vocabulary import ClaimKind, EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# "answered questions from reporters", "spoke to the media", "held a news conference".
FIELDING_VERBS = {"answer", "field", "take", "speak", "talk", "meet", "address", "hold", "brief"}
FIELDING_NOUNS = {"question", "reporter", "journalist", "media", "press", "conference", "briefing"}


class Attributor:
    """Runs both passes over one article's `Doc`."""

    def __init__(
        self,
        doc: Doc,
        text: str,
        original: str,
        paragraphs: list[tuple[int, int]],
        index: EntityIndex,
        turns: list[Turn] | None = None,
        title: str = "",
    ) -> None:
        self.doc = doc
        self.title = title
        self.text = text
        self.index = index
        self.paragraphs = paragraphs
        self.book = SpeakerBook(index)
        self.quotes = find_quotes(text, original, paragraphs)
        self.in_quote: dict[int, Quote] = {}
        for quote in self.quotes:
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is None:
                continue
            quote.tok_start, quote.tok_end = span.start, span.end
            for i in range(span.start, span.end):
                self.in_quote[i] = quote
        # A transcript turn is its speaker's words as a whole: cues and quotes inside it
        # are not statements of their own. A question is not its asker's statement, but
        # what it reports others said is ("Councilman Dunn says your plan costs too much").
        self.turns = turns or []
        for turn in self.turns:
            if turn.question:
                continue
            span = doc.char_span(turn.start, turn.end, alignment_mode="expand")
            if span is None:
                continue
            pseudo = Quote(turn.start, turn.end, turn.paragraph, span.start, span.end, used=True)
            for i in range(span.start, span.end):
                inner = self.in_quote.get(i)
                if inner is not None:
                    inner.used = True
                self.in_quote[i] = pseudo
        self.book.quoted = self.in_quote
        self.context = ContextAbout(doc, text, paragraphs, index, self.turns)
        self._para_of_char = [p for p, (s, e) in enumerate(paragraphs) for _ in range(s, e)]
        self._para_starts = [s for s, _ in paragraphs]
        self.found: list[Found] = []
        self.content = ContentFinder(doc, self.in_quote, index)

    # --- helpers ---------------------------------------------------------------------
    def paragraph_of(self, char: int) -> int:
        lo, hi = 0, len(self._para_starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._para_starts[mid] <= char:
                lo = mid + 1
            else:
                hi = mid
        return max(lo - 1, 0)

    def _quoted(self, token: Token) -> bool:
        return token.i in self.in_quote

    def _sentence_span(self, start_tok: int, end_tok: int) -> tuple[int, int]:
        doc = self.doc
        first = doc[start_tok].sent
        last = doc[max(end_tok - 1, start_tok)].sent
        s, e = first.start_char, last.end_char
        # Sentences split inside quotes; widen to the quotes touching the span.
        for quote in self.quotes:
            if quote.start - 1 <= e and quote.end + 1 >= s:
                s, e = min(s, quote.start - 1), max(e, quote.end + 1)
        p = self.paragraph_of(s)
        pstart, pend = self.paragraphs[p] if self.paragraphs else (0, len(self.text))
        s, e = max(s, pstart), min(e, pend)
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return s, e

    def _para_floor(self, token: Token) -> int:
        # Pronouns look back at most two paragraphs.
        p = self.paragraph_of(token.idx)
        start_char = self.paragraphs[max(p - 2, 0)][0] if self.paragraphs else 0
        span = self.doc.char_span(start_char, start_char + 1, alignment_mode="expand")
        return span.start if span is not None else 0

    def _resolve(self, head: Token) -> Cluster | None:
        speaker = resolve(head, self.book, self.doc, self._para_floor(head))
        if speaker is not None:
            self.book.remember(head.i, speaker)
        return speaker

    # --- pass 1: cues -----------------------------------------------------------------
    def run(self) -> list[Found]:
        """Transcript turns, then both passes; statements in text order."""
        turn_found = turn_statements(
            self.turns, self.text, self.doc, self.index, self.book, self.title
        )
        self.found.extend(turn_found)
        self.found.extend(
            reported_in_turns(self.turns, self.text, self.doc, self.index, turn_found)
        )
        for token in self.doc:
            if self._quoted(token):
                continue
            lemma = token.lemma_.lower()
            if is_declaration(token) and self._declaration(token):
                continue
            if lemma in CUE_VERBS and token.pos_ in {"VERB", "AUX"}:
                self._cue(token, lemma)
            elif is_finding(token):
                self._cue(token, "find")  # "the study found that …"
            elif token.pos_ == "VERB" and is_retort(token):
                self._cue(token, "reply")  # "shot back that ...", "hit back that ..."
            elif token.lower_ == "according" and self._according(token):
                pass
        self._orphan_quotes()
        self.found.sort(key=lambda f: f.span)
        kept = dedupe(self.found)
        issued = issued_paragraphs(
            self.title, self.text, self.doc, self.paragraphs, self.index, kept
        )
        kept = sorted([*kept, *issued], key=lambda f: f.span)
        for item in kept:
            if self.context.reports_on_itself(item):
                item.context = [item.speaker]
            elif not item.about:
                item.context = self.context.about(item)
        return kept

    def _cue(self, verb: Token, lemma: str) -> None:
        if any(c.dep_ == "neg" for c in verb.children) and lemma in SPEECH_VERBS:
            return  # "did not say"
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in {"decline", "refuse"}:
            return  # "declined to comment on reports that …": nothing said
        if lemma in BELIEF_VERBS and any(
            c.dep_ == "nsubj" and c.lower_ in {"i", "we", "you"} for c in verb.children
        ):
            return
        ranges = self.content.ranges(verb, lemma)
        if not ranges:
            return
        words = sum(1 for a, b in ranges for t in self.doc[a:b] if not t.is_punct)
        if words < MIN_CONTENT_WORDS:
            return
        head = speaker_head(verb, self.index)
        if head is not None and head.lower_ == "it" and lemma in SPEECH_VERBS:
            # "it said in a statement": the organization the text is about speaks.
            speaker = the_institution(head, self.book)
            if speaker is not None:
                self._emit(speaker, verb, lemma, ranges)
            return
        if head is not None and head.lemma_.lower() in RESEARCH_NOUNS and _definite(head):
            # "The American Chamber of Commerce in China released the results of a survey
            # … The survey said …": the organization that put it out, when the sentence
            # before has it as subject; else the survey as an unnamed source (below).
            publisher = previous_subject_organization(head, self.index)
            if publisher is not None:
                self._emit(publisher, verb, lemma, ranges)
                return
        if head is not None and head.lemma_.lower() in DOCUMENT_NOUNS:
            # "the SEC's complaint alleges that ...": whoever filed or issued it speaks.
            speaker = reports_source(head, self.index) or self._issuer(head)
            if speaker is not None:
                self._emit(speaker, verb, lemma, ranges)
            return
        if (
            head is not None
            and head.lower_ in RELATIVE_PRONOUNS
            and verb.dep_ == "relcl"
            and head.i > 0
            and self.doc[head.i - 1].text == ","
        ):
            # "The mayor, John Tory, who said …", "Toronto Police, which indicated …": the
            # named person or organization the clause set off by a comma describes ("those
            # who said" names no one; "the president of the Eurasia Group who wrote" is
            # the president, whom the parser does not attach it to).
            described = self._resolve(verb.head)
            if described is not None and described.type in {"person", "organization"}:
                self._emit(described, verb, lemma, ranges)
            return
        if head is None or head.lower_ in {"i", "we", "you", "it", "this", "that", "which", "who"}:
            return
        if head.lower_ in {"who"} or head.tag_ in {"WP", "WDT"}:
            return
        speaker = self._resolve(head)
        if speaker is None:
            return
        if lemma == "report" and verb.tag_ == "VBZ" and speaker.type == EntityKind.PERSON:
            return  # "Victoria Cavaliere reports from VOA's New York bureau that …": a byline
        if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            # "a move the U.S. official said was purely precautionary"
            noun = verb.head
            ranges = [(noun.left_edge.i, noun.i + 1), *ranges]
        self._emit(speaker, verb, lemma, ranges)

    def _emit(
        self, speaker: Cluster, verb: Token | None, lemma: str, ranges: list[tuple[int, int]]
    ) -> None:
        doc = self.doc
        # In text order, empty runs dropped: "polynyas, which, they observed, occurred …"
        # gives the clause before the noun it describes.
        ranges = sorted((a, b) for a, b in ranges if b > a)
        if not ranges:
            return
        tokens = [t for a, b in ranges for t in doc[a:b] if not t.is_punct and not t.is_space]
        quoted = [t for t in tokens if self._quoted(t)]
        quotes = sorted(
            {id(self.in_quote[t.i]): self.in_quote[t.i] for t in quoted}.values(),
            key=lambda q: q.start,
        )
        kind: ClaimKind
        if lemma in BELIEF_VERBS:
            kind = ClaimKind.BELIEF
        elif tokens and len(quoted) >= 0.7 * len(tokens) and self._quoted(tokens[0]):
            # Mostly quoted and opening inside the quote; 'wrote that the project "remains
            # a cornerstone ..."' opens with the reporter's words: partial.
            kind = ClaimKind.DIRECT
        elif quoted:
            kind = ClaimKind.PARTIAL
        else:
            kind = ClaimKind.INDIRECT
        if kind == "direct":
            for quote in quotes:
                quote.used = True
            spans = [inner_span(self.text, q.start, q.end) for q in quotes]
            text = " ".join(self.text[a:b] for a, b in spans)
            span = (spans[0][0], spans[-1][1])
        else:
            for quote in quotes:
                quote.used = True
            start_char = doc[ranges[0][0]].idx
            last = doc[ranges[-1][1] - 1]
            end_char = last.idx + len(last.text)
            if len(ranges) > 1 and verb is not None and verb.dep_ == "relcl":
                text = " ".join(doc[a:b].text for a, b in ranges)
            else:
                text = " ".join(doc[a:b].text for a, b in ranges)
            span = inner_span(self.text, start_char, end_char)
            text = text.replace('"', "").strip()
            text = " ".join(text.split())
        if not text:
            return
        tok_start = min(a for a, _ in ranges)
        tok_end = max(b for _, b in ranges)
        cue_tokens = [verb.i] if verb is not None else []
        sent = self._sentence_span(
            min([tok_start, *cue_tokens]), max([tok_end, *(i + 1 for i in cue_tokens)])
        )
        about_ranges = list(ranges)
        if verb is not None:
            about_ranges += asked_about_ranges(verb)
        self.found.append(
            Found(
                speaker=speaker,
                kind=kind,
                verb=verb.text if verb is not None else None,
                text=text,
                span=span,
                sentence_span=sent,
                cue_i=verb.i if verb is not None else None,
                about=about_entities(self.index, about_ranges, speaker, self.doc),
                paragraph=self.paragraph_of(span[0]),
            )
        )

    def _declaration(self, verb: Token) -> bool:
        """'The United States condemns the sentencing of …', 'Ostland calls on all parties
        to …': a government or institution declaring in the present tense, as statements
        and communiqués do, says the whole sentence."""
        subject = next(c for c in verb.children if c.dep_ == "nsubj")
        named = self.index.at(subject.i)
        if named is None or named.type not in {"organization", "location"}:
            return False
        if named.type == "location" and not named.curated:
            return False  # a country the alias table knows, not a place the NER guessed
        sent = verb.sent
        a, b = sent.start, sent.end
        while b > a and (self.doc[b - 1].is_punct or self.doc[b - 1].is_space):
            b -= 1
        if b - a < MIN_CONTENT_WORDS or any(self._quoted(self.doc[i]) for i in range(a, b)):
            return False
        self.book.remember(subject.i, named)
        self._emit(named, verb, "declare", [(a, b)])
        return True

    def _according(self, token: Token) -> bool:
        """'..., according to two people familiar with the deliberations.'"""
        to = next((c for c in token.children if c.lower_ == "to"), None)
        if to is None:
            nxt = token.nbor(1) if token.i + 1 < len(self.doc) else None
            to = nxt if nxt is not None and nxt.lower_ == "to" else None
        if to is None:
            return False
        objects = [c for c in to.children if c.dep_ == "pobj"]
        # "according to (UK) National Rail Enquires": the name, not the gloss in brackets.
        pobj = next((c for c in objects if not _bracketed(c)), objects[0] if objects else None)
        if pobj is None:
            return False
        if pobj.lemma_.lower() in DOCUMENT_NOUNS:
            # "according to a statement from the ministry" / "… following the meeting" /
            # "according to the SEC's complaint"; "according to news reports": the reports.
            speaker = reports_source(pobj, self.index) or self._issuer(pobj)
        else:
            speaker = self._resolve(pobj)
        if speaker is None:
            return False
        cut = {token.i, to.i, *(t.i for t in token.subtree), *(t.i for t in to.subtree)}
        best = longest_run_outside(list(token.sent), cut)
        if best is None:
            return False
        a, b = best
        while a < b and self.doc[a].is_punct:
            a += 1
        while b > a and self.doc[b - 1].is_punct:
            b -= 1
        if b - a < MIN_CONTENT_WORDS:
            return False
        self._emit(speaker, token, "according", [(a, b)])
        return True

    # --- transcripts: labelled turns ------------------------------------------------

    def _issuer(self, noun: Token) -> Cluster | None:
        """Who issued 'a statement (from/by/of X)': who released it ("X released a
        statement …"), else the named X (not a name in what the statement addresses),
        else for "its press release" the organization the sentence is about, else the
        organization the text is about."""
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ISSUING_VERBS:
            # "The federation released a statement addressing his arrest": who released it.
            subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
            issuer = self._resolve(subject) if subject is not None else None
            if issuer is not None:
                return issuer
        # "a statement from the ministry", not "a statement addressing X's arrest".
        described = {t.i for c in noun.children if c.dep_ in {"acl", "relcl"} for t in c.subtree}
        for node in noun.subtree:
            named = self.index.at(node.i) if node.i not in described else None
            if named is not None and named.type in {"organization", "person"}:
                return named
        if any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in noun.children):
            # "According to its press release, the NBA was …": the organization the
            # sentence is about issued it.
            subject = next(
                (t for t in noun.sent if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None
            )
            named = self.index.at(subject.i) if subject is not None else None
            if named is not None and named.type == "organization":
                return named
        if noun.lemma_.lower() in FILING_NOUNS:
            return the_filer(noun, self.book)
        return the_institution(noun, self.book)

    # --- pass 2: quotes no cue claimed --------------------------------------------------
    def _orphan_quotes(self) -> None:
        for n, quote in enumerate(self.quotes):
            if quote.used or not self._sentence_like(quote):
                continue
            if self._covered(quote):
                continue
            cue = self._frame_cue(quote)
            speaker: Cluster | None = None
            verb: Token | None = None
            if cue is not None:
                head = speaker_head(cue, self.index)
                if _document_reads(cue):
                    # 'X released a statement. It read, "…"', '"…," read the statement':
                    # the statement's issuer.
                    document = self._document_before(cue)
                    speaker = self._issuer(document) if document is not None else None
                elif head is not None and head.lemma_.lower() in DOCUMENT_NOUNS:
                    speaker = self._issuer(head)  # '"We urge …," the statement said.'
                else:
                    speaker = self._resolve(head) if head is not None else None
                verb = cue if speaker is not None else None
            if speaker is None:
                speaker = self._continuing_speaker(quote, n)
            if speaker is None:
                continue
            quote.used = True
            a, b = inner_span(self.text, quote.start, quote.end)
            tok = self.doc.char_span(a, b, alignment_mode="expand")
            if tok is None:
                continue
            ranges = [(tok.start, tok.end)]
            self._emit_direct(speaker, verb, quote, ranges)

    def _emit_direct(
        self, speaker: Cluster, verb: Token | None, quote: Quote, ranges: list[tuple[int, int]]
    ) -> None:
        a, b = inner_span(self.text, quote.start, quote.end)
        cue_tokens = [verb.i] if verb is not None else []
        start_tok, end_tok = ranges[0]
        sent = self._sentence_span(
            min([start_tok, *cue_tokens]), max([end_tok, *(i + 1 for i in cue_tokens)])
        )
        about_ranges = list(ranges) + (asked_about_ranges(verb) if verb is not None else [])
        self.found.append(
            Found(
                speaker=speaker,
                kind=ClaimKind.DIRECT,
                verb=verb.text if verb is not None else None,
                text=self.text[a:b],
                span=(a, b),
                sentence_span=sent,
                cue_i=verb.i if verb is not None else None,
                about=about_entities(self.index, about_ranges, speaker, self.doc),
                paragraph=quote.paragraph,
            )
        )

    def _sentence_like(self, quote: Quote) -> bool:
        tokens = [t for t in self.doc[quote.tok_start : quote.tok_end] if not t.is_punct]
        inner = self.text[quote.start : quote.end].rstrip()
        if len(tokens) < 4:
            # "Unplug it today." is a sentence; "Morning Joe" is a title.
            return (
                len(tokens) >= 2
                and inner.endswith((".", "?", "!"))
                and any(t.pos_ in {"VERB", "AUX"} for t in tokens)
            )
        has_verb = any(t.pos_ in {"VERB", "AUX"} for t in tokens)
        inner = self.text[quote.start : quote.end].rstrip()
        return has_verb or inner.endswith((".", "?", "!", ","))

    def _covered(self, quote: Quote) -> bool:
        return any(f.span[0] <= quote.start and quote.end <= f.span[1] + 1 for f in self.found)

    def _document_before(self, verb: Token) -> Token | None:
        """The statement "it" or "the statement" stands for: the last one issued ("released
        a statement") in this or the three sentences before, else the last one named in
        this or the sentence before."""
        sent = verb.sent
        start = sent.start
        for _ in range(3):
            start = self.doc[start - 1].sent.start if start > 0 else start
        nouns = [
            t
            for t in self.doc[start : verb.i]
            if t.lemma_.lower() in STATEMENT_NOUNS and t.i not in self.in_quote
        ]
        issued = [t for t in nouns if t.dep_ == "dobj" and t.head.lemma_.lower() in ISSUING_VERBS]
        if issued:
            return issued[-1]
        near = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        nouns = [t for t in nouns if t.i >= near]
        return nouns[-1] if nouns else None

    def _frame_cue(self, quote: Quote) -> Token | None:
        """A cue verb between this quote and the next quote or sentence end, or just before
        the quote ('X said:')."""
        doc = self.doc
        end = len(doc)
        opened = doc[quote.tok_start - 2] if quote.tok_start >= 2 else None
        closed = self.text[quote.start : quote.end].rstrip()
        after = next((t for t in doc[quote.tok_end + 1 :] if not t.is_space), None)
        sentence_ends = closed.endswith((".", "!", "?")) and (
            after is None or after.text[:1].isupper()
        )
        if opened is not None and opened.text in {",", ":"} and sentence_ends:
            # 'Doug Collins said on Twitter, "… a formal inquiry." Jerrold Nadler said …':
            # a quote that closes its sentence belongs to the cue that opened it, not to
            # the next sentence's.
            before = self._cue_before(quote)
            if before is not None:
                return before
        for i in range(quote.tok_end, min(quote.tok_end + 40, end)):
            t = doc[i]
            if self._quoted(t) or (t.is_space and "\n" in t.text):
                break
            if (t.lemma_.lower() in FRAME_VERBS and t.pos_ == "VERB") or _document_reads(t):
                return t
            if t.text in {".", "!", "?"} and i > quote.tok_end + 1:
                break
        return self._cue_before(quote) or self._colon_cue(quote)

    def _cue_before(self, quote: Quote) -> Token | None:
        """A cue verb in the quote's sentence before it ('X said on Twitter, "…"')."""
        doc = self.doc
        for i in range(quote.tok_start - 1, max(quote.tok_start - 30, -1), -1):
            t = doc[i]
            if self._quoted(t) or (t.is_space and "\n" in t.text):
                break
            if t.text in {".", "!", "?"} and i < quote.tok_start - 2:
                break
            if (t.lemma_.lower() in FRAME_VERBS and t.pos_ == "VERB") or _document_reads(t):
                return t
        return None

    def _colon_cue(self, quote: Quote) -> Token | None:
        """'One adviser put it bluntly: "..."': a clause ending in a colon right before the
        quote introduces it; its verb (with a subject) is the cue."""
        doc = self.doc
        colon = quote.tok_start - 2  # the token before the opening quote mark
        if colon < 1 or doc[colon].text != ":" or doc[colon + 1].text != '"':
            return None
        # The clause before the colon: climb from its last word while heads stay before it
        # (the parser may hang the colon, and even that clause, off the quote).
        verb = doc[colon - 1]
        while verb.head.i < colon and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ != "VERB" or verb.i in self.in_quote:
            return None
        return verb if any(c.dep_ == "nsubj" for c in verb.children) else None

    def _continuing_speaker(self, quote: Quote, n: int) -> Cluster | None:
        introduced = self._introduced_by_heading(quote)
        if introduced is not None:
            return introduced
        earlier = [f for f in self.found if f.span[1] <= quote.start]
        if not earlier:
            return (
                self._next_in_paragraph(quote)
                or self._subject_just_before(quote)
                or self._fielding_questions(quote)
            )
        last = max(earlier, key=lambda f: f.span[1])
        if last.paragraph == quote.paragraph:
            return last.speaker
        para_start = self.paragraphs[quote.paragraph][0]
        opens_paragraph = not self.text[para_start : quote.start - 1].strip()
        if opens_paragraph and quote.paragraph - last.paragraph <= 1 and last.kind != "belief":
            return last.speaker
        return (
            self._next_in_paragraph(quote)
            or self._subject_just_before(quote)
            or self._fielding_questions(quote)
        )

    def _fielding_questions(self, quote: Quote) -> Cluster | None:
        """'Head coach Maria Diaz answered questions from reporters.' then 'On the
        defense:' / '"We gave up too many easy baskets …"': quotes no cue claims, in a
        write-up of a press conference, are the words of the person who took the
        questions (the last one before the quote to do so)."""
        for token in reversed(self.doc[: quote.tok_start]):
            if token.pos_ != "VERB" or token.lemma_.lower() not in FIELDING_VERBS:
                continue
            words = {t.lemma_.lower() for t in token.subtree}
            if not words & FIELDING_NOUNS:
                continue
            head = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if head is None:
                continue
            speaker = self._resolve(head)
            if speaker is not None and speaker.type == "person":
                return speaker
        return None

    def _introduced_by_heading(self, quote: Quote) -> Cluster | None:
        """A quote opening the paragraph after one that ends with a colon and names its
        speaker ("Statement from Secretary Paul Drummond:", "The minister said:")."""
        para_start = self.paragraphs[quote.paragraph][0]
        if quote.paragraph == 0 or self.text[para_start : quote.start].strip(" \t\n\"“'‘"):
            return None
        start, end = self.paragraphs[quote.paragraph - 1]
        if not self.text[start:end].rstrip().endswith(":"):
            return None
        if introduces_unnamed(self.text[start:end].strip()):
            # "The following is a statement on Skylark's announcement:" names what the
            # statement is about; its speaker is the issuer the title names, if any.
            return title_issuer(self.title, self.index)
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        named = [
            c
            for i in range(span.start, span.end)
            if (c := self.index.at(i)) is not None and c.type in {"person", "organization"}
        ]
        people = [c for c in named if c.type == "person"]
        candidates = people or named
        return candidates[0] if candidates else None

    def _subject_just_before(self, quote: Quote) -> Cluster | None:
        """'Asked about his job, the Spaniard shrugged. "That is a question for the
        owners."': a quote with no cue after a sentence of the same paragraph whose subject
        is a person speaks for that person."""
        if quote.tok_start < 2:
            return None
        before = self.doc[quote.tok_start - 1]
        while before.i > 0 and (before.is_punct or before.is_space):
            before = self.doc[before.i - 1]
        sent = before.sent
        if self.paragraph_of(sent.start_char) != quote.paragraph or sent.end > quote.tok_start:
            return None
        # "Mortgage broker Jim Dellano was laid off last week. "It does not shock us …"":
        # the subject of a passive too.
        subject = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            return None
        speaker = self._resolve(subject)
        return speaker if speaker is not None and speaker.type == "person" else None

    def _next_in_paragraph(self, quote: Quote) -> Cluster | None:
        later = [
            f
            for f in self.found
            if f.paragraph == quote.paragraph and f.span[0] >= quote.end and f.kind == "direct"
        ]
        return min(later, key=lambda f: f.span[0]).speaker if later else None


def _bracketed(token: Token) -> bool:
    """'(UK)': a word standing alone between brackets."""
    doc = token.doc
    return (
        0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"
    )


def _definite(noun: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in noun.children)


def _document_reads(verb: Token) -> bool:
    """'It read, "…"', 'the statement read', '"…," read the statement': a document's
    words, quoted."""
    if verb.lemma_.lower() != "read" or verb.pos_ != "VERB":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        # '"…," read the statement': the parser takes the inverted subject for an object.
        subject = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        return subject is not None and subject.lemma_.lower() in DOCUMENT_NOUNS
    return subject.lower_ == "it" or subject.lemma_.lower() in DOCUMENT_NOUNS
