"""The duplicate check reads back only the claims a new report can be: not every claim of
its speaker that shares a common phrase with it.

A made-up speaker starts many different statements with the same words ("We will continue
to ..."): their index keys share the 3-gram of that phrase (the speaker's hash of "we will
continue" is small, so winnowing selects it in almost every statement: asserted below).
A new statement starting the same way, but sharing no run of 7 words with any of them,
must not read them back; one that differs from one of them by a single word must still
join it, whichever comes first.
"""

from __future__ import annotations

from typing import Any

import pytest

from kgapi.graph.statement_identity import Report, _hash
from kgapi.graph.writer import GraphWriter
from kgapi.model import Extraction, entity_id
from tests.helpers import quotes_article

SPEAKER = "Fenn Jessup"
SPEAKER_ID = entity_id("person", SPEAKER)
COMMON = "we will continue"
COMMON_KEY = _hash(SPEAKER_ID, COMMON)

_CONSONANTS = "bdfgklmnpr"
_VOWELS = "aeiou"


def _word(i: int) -> str:
    """A made-up word of its own for every i < 2,500 (letters only: no numbers)."""
    c, v = _CONSONANTS, _VOWELS
    return f"{c[i % 10]}{v[i // 10 % 5]}{c[i // 50 % 10]}{v[i // 500 % 5]}"


def quote(i: int) -> str:
    """Statement i: the common opening and four words no other statement has."""
    return "We will continue to " + " ".join(_word(4 * i + j) for j in range(4)) + "."


def article(url: str, quotes: list[str]) -> Extraction:
    """An article in which the speaker says each of `quotes`."""
    return quotes_article(url, SPEAKER, quotes, source="Example Wire")


def corpus(n: int) -> list[Extraction]:
    """n different statements, ten an article."""
    return [
        article(f"https://example.test/jessup/{k}", [quote(i) for i in range(k, min(k + 10, n))])
        for k in range(0, n, 10)
    ]


NEW = "We will continue to " + " ".join(_word(2400 + j) for j in range(4)) + "."
# Statement 7 with its last word changed: one changed word, the same statement.
CHANGED = quote(7).rsplit(" ", 1)[0] + " " + _word(2450) + "."


def _keys(text: str) -> frozenset[int]:
    return Report(
        id="r", article_id="article:x", speaker_id=SPEAKER_ID, text=text, kind="direct"
    ).keys


def claims(graph: Any) -> list[tuple[str, int, list[str], list[Any]]]:
    """Each claim with its reports' articles and its index keys (with their tags)."""
    rows = graph.query(
        "MATCH (c:Claim) RETURN c.text AS text, c.report_count AS reports, "
        "[(c)-[r:REPORTED_IN]->(a) | a.url] AS urls, "
        "[(c)-[k:KEYED]->(c) | [k.key, k.runs]] AS keys ORDER BY text"
    )
    return [(r["text"], r["reports"], sorted(r["urls"]), sorted(r["keys"])) for r in rows]


@pytest.mark.parametrize("n", [20, 80])
def test_a_new_statement_reads_back_only_the_claims_it_can_join(
    writer: GraphWriter, graph: Any, n: int
) -> None:
    # The premise: every statement's keys hold the common phrase's.
    assert all(COMMON_KEY in _keys(quote(i)) for i in range(n))
    assert COMMON_KEY in _keys(NEW) and COMMON_KEY in _keys(CHANGED)
    assert all(r.ok for r in writer.write_batch(corpus(n)))
    assert len(claims(graph)) == n

    before = writer.merge_reads.claims
    new = article("https://example.test/jessup/new", [NEW, CHANGED])
    assert writer.write(new).ok
    # Only statement 7's claim can be one of these two: the others share the phrase's key
    # but no run of 7 words. Reading them back made the check grow with the corpus.
    assert writer.merge_reads.claims - before == 1
    after = claims(graph)
    assert len(after) == n + 1
    [joined] = [c for c in after if c[1] == 2]
    assert joined[2] == ["https://example.test/jessup/0", "https://example.test/jessup/new"]

    # The same graph when the new article comes first.
    graph.query("MATCH (n) WHERE NOT n:KgapiSchema DETACH DELETE n")
    assert writer.write(new).ok
    assert all(r.ok for r in writer.write_batch(corpus(n)))
    assert claims(graph) == after
