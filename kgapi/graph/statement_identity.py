"""When two reports are one statement: the pure rule the loader merges claims by.

A *report* is one article's rendering of a statement (its text, sentence and span). Two
reports of the **same speaker** are the same statement when (schema/README.md, "Claim
identity"):

1. their words are equal once case, punctuation, quote marks and ellipses are dropped
   (`words`); or
2. they share a run of at least `MIN_RUN` consecutive words, and
   - one is an **excerpt** of the other: every ellipsis-separated part of the shorter
     appears, word for word and in order, in the longer; both must be quotes (direct or
     partial) or both paraphrases (indirect or belief);
   - or they differ by **a few words**: a word-level edit distance of at most
     `allowed_edits(longer)` (1 for up to 11 words, 2 up to 17, then 3) and the same
     numbers (a changed figure is another statement); this is also the only way a
     paraphrase merges with a quote (they share most of their words).

A claim is a connected component of this relation over all the reports of a speaker, so
the graph depends only on which articles are loaded, never on their order.

The shared-run condition is what makes the check index-backed *and* order-independent:
each report has a few `keys`, stored for its claim: the *winnowed* word 3-grams of its
parts of `MIN_RUN` words or more (the smallest hash of every window of `WINDOW`
consecutive 3-grams), or, when it has no such part, its fingerprint (speaker + all its
words). A new report looks up its `probes`: its fingerprint, its keys, and the winnowed
3-grams of its words taken whole when ellipses split them. Any run of `MIN_RUN` =
`WINDOW` + 2 shared words contains a whole window, identical in both reports, whose
smallest 3-gram both selected (winnowing's guarantee); two reports of the same words meet
on the fingerprint or on such a run. So a matching pair is found whichever of the two is
loaded first. Every key includes the speaker's id: different speakers never meet.

A key alone is not selective: a speaker's common phrase ("we will continue to", "the
United States") has a 3-gram that winnowing selects in every statement holding it, and
looking that key up read back every one of those claims, however many. So each key carries
the **tags** of the windows that selected it (30 bits of the window's 7 words, `Keys`), and
only a claim holding a probed key *with one of the probe's tags* is read back: a shared run
of 7 words is the shared window itself, so the pair still meets, while reports sharing a
shorter phrase hold its key with other tags. A fingerprint has no tags (its claim is the
only one with those words) and a key stored without tags is met by any probe of it.

A report of an **article-scoped** speaker (an anonymous or group source: its id is scoped
to its article, `model.entity_id`) can only be the same statement as another report of the
same article: those are grouped among themselves when the article is written (`cluster`),
so its keys are neither stored nor looked up (`Report.scoped`). About half the statements
of the load bench are such sources; their keys were half of every load's index writes
(docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property, lru_cache
from typing import Any

from kgapi.model import ARTICLE_SCOPED

#: Words per shingle (word n-gram) and shingles per winnowing window.
SHINGLE = 3
WINDOW = 5
#: The shortest shared run of words for anything but an exact match (see module doc).
MIN_RUN = WINDOW + SHINGLE - 1

_QUOTES = {"direct", "partial"}
#: The entity kinds whose ids are scoped to their article.
_SCOPED_KINDS = tuple(sorted(str(kind) for kind in ARTICLE_SCOPED))
_ELLIPSIS = re.compile(r"\.\s*\.(?:\s*\.)+|…|\[\s*(?:\.\s*){2,}\]")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def segments(text: str) -> list[list[str]]:
    """The normalised words of `text`, split where an ellipsis leaves words out:
    'We will “defend… every inch”' → [['we', 'will', 'defend'], ['every', 'inch']]."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'").replace("‘", "'")
    parts = [_WORD.findall(part) for part in _ELLIPSIS.split(folded)]
    return [part for part in parts if part]


def words(text: str) -> list[str]:
    """The normalised words of `text`, ellipses dropped."""
    return [word for part in segments(text) for word in part]


def _hash(*parts: str) -> int:
    """A key: 60 bits of the parts' SHA-1 (its first 15 hex digits), an INTEGER in Neo4j
    (an integer's index entry and property cost less than a string's: docs/benchmarks.md).
    Graphs that stored `f`/`g` + 16 hex digits get these values by
    schema/008_quote_key_integers.cypher."""
    return int.from_bytes(hashlib.sha1("\0".join(parts).encode()).digest()[:8]) >> 4


def _shingles(speaker_id: str, part: Sequence[str]) -> list[int]:
    """`_hash(speaker_id, shingle)` of every shingle of `part`, written out: hashing every
    3-gram is most of the merge's client time (docs/benchmarks.md)."""
    prefix = speaker_id + "\0"
    sha1 = hashlib.sha1
    top = int.from_bytes
    return [
        top(sha1((prefix + " ".join(gram)).encode()).digest()[:8]) >> 4
        for gram in zip(*(part[i:] for i in range(SHINGLE)), strict=False)
    ]


@lru_cache(maxsize=1 << 14)
def _segments(text: str) -> list[list[str]]:
    """`segments`, cached for `Report.parts` (read-back reports are mostly copies of
    recent ones). Shared lists: never modified."""
    return segments(text)


#: A window's tag: 30 bits of its 3-grams' hashes (see `_winnowed`).
_TAG = (1 << 30) - 1
if (WINDOW, SHINGLE) != (5, 3):  # `_winnowed`'s tag takes 3-grams 1, 3 and 5 of a window
    raise RuntimeError("a window's tag must cover its words: revise `_winnowed`")


def _winnowed(speaker_id: str, words: Sequence[str]) -> dict[int, set[int]]:
    """The smallest shingle hash of every window of `WINDOW` consecutive shingles, each with
    the tags of the windows that selected it: a window's tag is 30 bits of the hashes of
    its 1st, 3rd and 5th 3-grams, which cover its 7 words (`MIN_RUN`), so two reports
    sharing a run of 7 words share a key *with the same tag*, and a common phrase's key
    shared by reports with no such run (almost) never carries the same tag."""
    hashes = _shingles(speaker_id, words)
    out: dict[int, set[int]] = {}
    for i in range(len(hashes) - WINDOW + 1):
        tag = (hashes[i] ^ (hashes[i + 2] >> 15) ^ (hashes[i + 4] >> 30)) & _TAG
        key = min(hashes[i : i + WINDOW])
        tags = out.get(key)
        if tags is None:
            out[key] = {tag}
        else:
            tags.add(tag)
    return out


@dataclass(frozen=True)
class Keys:
    """A report's index entries (`_keys`): what its claim stores, what it looks up.

    `stored`/`probes` map each key to the tags of the windows behind it (sorted; empty for
    a fingerprint: its claim stores it without tags, and a key stored without tags is met
    by any probe of it). `marks`/`probe_marks` are the tags and the fingerprint in one set:
    two reports `same_statement` calls one share a mark (grouping in memory, `cluster`).
    """

    stored: dict[int, tuple[int, ...]]
    probes: dict[int, tuple[int, ...]]
    marks: frozenset[int]
    probe_marks: frozenset[int]


_NO_KEYS = Keys({}, {}, frozenset(), frozenset())


@lru_cache(maxsize=1 << 14)
def _keys(speaker_id: str, text: str) -> Keys:
    """`Report.index` (a pure function of the speaker and the text), cached: the reports a
    writer reads back are mostly verbatim copies of recent ones, and hashing every shingle
    again was a sizeable share of a load's client time (docs/benchmarks.md)."""
    parts = _segments(text)
    wording = [word for part in parts for word in part]
    if not wording:
        return _NO_KEYS
    fingerprint = _hash(speaker_id, " ".join(wording))
    runs: dict[int, set[int]] = {}
    for part in parts:
        if len(part) >= MIN_RUN:
            for key, tags in _winnowed(speaker_id, part).items():
                runs.setdefault(key, set()).update(tags)
    looked = {key: set(tags) for key, tags in runs.items()}
    if len(parts) > 1 and len(wording) >= MIN_RUN:
        # The same words without (or with other) ellipses: their stored part is a run of
        # this report's words, so the words winnowed whole meet it.
        for key, tags in _winnowed(speaker_id, wording).items():
            looked.setdefault(key, set()).update(tags)
    looked.setdefault(fingerprint, set())
    stored = {key: tuple(sorted(tags)) for key, tags in runs.items()} or {fingerprint: ()}
    marks = {tag for tags in runs.values() for tag in tags} or {fingerprint}
    return Keys(
        stored,
        {key: tuple(sorted(tags)) for key, tags in looked.items()},
        frozenset(marks),
        frozenset({fingerprint, *(tag for tags in looked.values() for tag in tags)}),
    )


def allowed_edits(length: int) -> int:
    """'A few changed words' for a statement of `length` words."""
    return min(3, max(1, length // 6))


def _edit_distance(a: Sequence[str], b: Sequence[str], limit: int) -> int:
    """Word-level Levenshtein distance, stopping early once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, word in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _find(haystack: Sequence[str], needle: Sequence[str], start: int) -> int:
    """Index of `needle` as a contiguous run of `haystack` at or after `start`, else -1."""
    n = len(needle)
    for i in range(start, len(haystack) - n + 1):
        if haystack[i : i + n] == needle:
            return i
    return -1


def _longest_shared_run(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]]) -> int:
    best = 0
    for x in a:
        for y in b:
            # Classic longest common substring over words (short lists: quadratic is fine).
            previous = [0] * (len(y) + 1)
            for word in x:
                current = [0]
                for j, other in enumerate(y, 1):
                    current.append(previous[j - 1] + 1 if word == other else 0)
                best = max(best, *current)
                previous = current
    return best


@dataclass(frozen=True)
class Report:
    """One article's report of a statement: what `REPORTED_IN` holds."""

    id: str  # claim:<article hex>:<start>-<end>: the article and span
    article_id: str
    speaker_id: str
    text: str
    kind: str
    verb: str | None = None
    sentence: str = ""
    start: int = 0
    end: int = 0
    stated_on: date | None = None
    date_precision: str | None = None  # day | week | month (with stated_on)
    date_basis: str | None = None  # text | published
    published_at: datetime | None = None
    about: tuple[tuple[str, str], ...] = field(default=())  # (entity id, basis)

    @cached_property
    def parts(self) -> list[list[str]]:
        return _segments(self.text)

    @cached_property
    def words(self) -> list[str]:
        return [word for part in self.parts for word in part]

    @cached_property
    def index(self) -> Keys:
        """Its index entries: `keys` and `probes` with their windows' tags (`Keys`)."""
        return _keys(self.speaker_id, self.text)

    @property
    def keys(self) -> frozenset[int]:
        """The report's stored index keys: the winnowed shingles of each part long enough
        to share a `MIN_RUN`; its fingerprint only when it has no such part (a report of
        the same words has that part as a run of its words: `probes` meet it)."""
        return frozenset(self.index.stored)

    @property
    def probes(self) -> frozenset[int]:
        """The keys it looks up: its fingerprint, its `keys`, and, when ellipses split
        it, the winnowed shingles of its words taken whole. Whichever of two reports of
        one statement comes first, the other's probes meet one of its keys, with one of
        its tags."""
        return frozenset(self.index.probes)

    @cached_property
    def grams(self) -> frozenset[str]:
        """Unhashed keys, for grouping an article-scoped source's reports in memory (their
        `keys` are never stored): its speaker with all its words, and with each 3-gram of
        each part. Two reports `same_statement` calls one share one of these (the same
        words, or a run of `MIN_RUN` words within a part, which holds a shared 3-gram).
        Strings, not tuples: the garbage collector does not track them (its collections
        were a third of the mapping's time, docs/benchmarks.md)."""
        prefix = self.speaker_id + "\0"
        grams = {prefix + " ".join(self.words)}
        for part in self.parts:
            grams.update(
                prefix + " ".join(gram)
                for gram in zip(*(part[i:] for i in range(SHINGLE)), strict=False)
            )
        return frozenset(grams)

    @cached_property
    def scoped(self) -> bool:
        """Whether its speaker is scoped to its article (an anonymous or group source):
        only reports of the same article can be its statement, so its keys are neither
        stored nor looked up (the module doc)."""
        article = self.article_id.removeprefix("article:")
        return self.speaker_id.startswith(tuple(f"{kind}:{article}:" for kind in _SCOPED_KINDS))

    @property
    def is_quote(self) -> bool:
        return self.kind in _QUOTES

    def to_row(self, primary: bool, sole: bool = False) -> dict[str, Any]:
        """The `REPORTED_IN` properties (dates as ISO strings) and its article. The primary
        report's wording is its claim's own: not repeated on its edge (null: not stored).
        A claim's `sole` report's id, dates and subjects are the claim's own too: its edge
        holds only `primary` until a second report joins (most claims have one report, and
        these properties, the id a long string, were a measurable share of a load's
        writes)."""
        if sole:  # what a sole report's edge holds: the rest is null (not stored)
            return {"article_id": self.article_id, "primary": primary}
        wording = not primary
        row = {
            "id": self.id,
            "article_id": self.article_id,
            "text": self.text if wording else None,
            "kind": self.kind if wording else None,
            "verb": self.verb if wording else None,
            "sentence": self.sentence if wording else None,
            "start": self.start if wording else None,
            "end": self.end if wording else None,
            "stated_on": None if self.stated_on is None else self.stated_on.isoformat(),
            "date_precision": self.date_precision,
            "date_basis": self.date_basis,
            "about": [entity for entity, _ in self.about],
            "basis": [basis for _, basis in self.about],
            "primary": primary,
        }
        return row


def _is_excerpt(short: Report, long: Report) -> bool:
    at = 0
    for part in short.parts:
        found = _find(long.words, part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def same_statement(a: Report, b: Report) -> bool:
    """Whether `a` and `b` report the same statement (the rule in the module doc)."""
    if a.speaker_id != b.speaker_id or not a.words or not b.words:
        return False
    if a.words == b.words:
        return True
    if _longest_shared_run(a.parts, b.parts) < MIN_RUN:
        return False
    short, long = sorted((a, b), key=lambda r: (len(r.words), r.id))
    if a.is_quote == b.is_quote and _is_excerpt(short, long):
        return True
    if _numbers(a) != _numbers(b):
        return False  # "rose 3%" and "rose 7%" are two statements, however alike
    limit = allowed_edits(len(long.words))
    return _edit_distance(short.words, long.words, limit) <= limit


def _numbers(report: Report) -> list[str]:
    return sorted(word for word in report.words if any(ch.isdigit() for ch in word))


def representative(reports: Sequence[Report]) -> Report:
    """The report a merged claim shows: the fullest (most words), a quote before a
    paraphrase, the wording most reports share, the first published, then the lowest id."""
    if len(reports) == 1:
        return reports[0]
    wordings: dict[tuple[str, ...], int] = {}
    for report in reports:
        wordings[tuple(report.words)] = wordings.get(tuple(report.words), 0) + 1
    never = datetime.max.replace(tzinfo=UTC)
    return min(
        reports,
        key=lambda r: (
            -len(r.words),
            not r.is_quote,
            -wordings[tuple(r.words)],
            r.published_at or never,
            r.id,
        ),
    )


#: Up to this many reports of one speaker are paired directly in `cluster`.
_PAIRWISE = 8


class Components:
    """Union-find over report ids: which reports end up as one claim."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller id wins: the structure, not only the partition, is deterministic.
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        out: dict[str, list[str]] = {}
        for item in self.parent:
            out.setdefault(self.find(item), []).append(item)
        return [sorted(group) for _, group in sorted(out.items())]


def cluster(
    reports: Sequence[Report], known: Sequence[Sequence[Report]] = ()
) -> list[list[Report]]:
    """The reports grouped into statements (connected components of `same_statement`),
    candidates found through the marks of the keys as the index finds them (`Keys`; an
    article-scoped source's through its unhashed `grams`: its keys are never stored, and
    hashing is the costly part).

    `known`: groups of further reports already known to be statements, each one component
    and no two of them one (the stored claims: the graph holds the components of what it
    holds). Their reports are joined without comparing them, and only pairs with a report
    of `reports` are compared: the same components as clustering everything, without the
    comparisons whose outcome is known. The result covers `reports` and `known`.
    """
    fresh = list(reports)
    everything = [*fresh, *(r for group in known for r in group)]
    by_id = {r.id: r for r in everything}
    found = Components()
    speakers: dict[str, list[Report]] = {}
    for report in everything:
        found.add(report.id)
        speakers.setdefault(report.speaker_id, []).append(report)
    for group in known:
        for report in group[1:]:
            found.union(group[0].id, report.id)
    new_ids = {r.id for r in fresh}

    def compare(report: Report, other: Report) -> None:
        # Already one component (a claim's other reports, once the report joined it):
        # comparing cannot change the components.
        if found.find(report.id) != found.find(other.id) and same_statement(report, other):
            found.union(report.id, other.id)

    for said in speakers.values():
        # A speaker's only report is no other report's statement: its keys are not needed
        # (nor made: hashing is the costly part, and most anonymous and group sources
        # speak once in their article).
        if len(said) < 2:
            continue
        if len(said) <= _PAIRWISE:
            # A few reports (the common case): each pair checked for a shared key directly,
            # without an index of lists (allocations the garbage collector then walks).
            for report in said:
                if report.id not in new_ids:
                    continue
                for other in said:
                    if other is not report and not (
                        report.grams.isdisjoint(other.grams)
                        if report.scoped
                        else report.index.probe_marks.isdisjoint(other.index.marks)
                    ):
                        compare(report, other)
            continue
        stored: dict[int | str, list[Report]] = {}
        for report in said:
            for key in report.grams if report.scoped else report.index.marks:
                stored.setdefault(key, []).append(report)
        for report in said:
            if report.id not in new_ids:
                continue
            seen: set[str] = {report.id}
            for key in report.grams if report.scoped else report.index.probe_marks:
                for other in stored.get(key, ()):
                    if other.id not in seen:
                        seen.add(other.id)
                        compare(report, other)
    return [[by_id[i] for i in group] for group in found.groups()]
