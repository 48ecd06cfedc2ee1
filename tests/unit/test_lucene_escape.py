"""User text → Lucene: special characters escaped, words quoted, nothing left as syntax."""

from __future__ import annotations

import pytest

from kgapi.graph.read_queries import lucene
from kgapi.graph.read_queries.resolve import name_forms

HOSTILE = [
    "name:(*",
    "') MATCH (n) DETACH DELETE n //",
    '"}) RETURN 1 //',
    "a AND b OR NOT c",
    "\\",
    '"',
    "*:*",
    "foo~2 bar^10",
    "[a TO z]",
    "{!lucene}",
    "/regex/",
    "a && b || c",
    "(((",
]


def _unescaped_specials(query: str) -> list[str]:
    """Special characters not preceded by an escaping backslash, outside our own syntax."""
    found, i = [], 0
    while i < len(query):
        if query[i] == "\\":
            i += 2
            continue
        if query[i] in lucene.LUCENE_SPECIAL:
            found.append(query[i])
        i += 1
    return found


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("blinken", "blinken"),
        ("name:(*", "name\\:\\(\\*"),
        ("a+b-c", "a\\+b\\-c"),
        ("\\", "\\\\"),
        ('say "hi"', 'say \\"hi\\"'),
        ("a&&b||c", "a\\&\\&b\\|\\|c"),
        ("x/y?~^!{}[]", "x\\/y\\?\\~\\^\\!\\{\\}\\[\\]"),
        ("U.S.", "U.S."),
    ],
)
def test_escape_backslashes_every_special_character(text: str, escaped: str) -> None:
    assert lucene.escape(text) == escaped


@pytest.mark.parametrize("text", HOSTILE)
def test_phrase_of_hostile_text_has_no_syntax_but_its_quotes(text: str) -> None:
    query = lucene.phrase(text)
    if query is None:
        return
    assert query.startswith('"') and query.endswith('"')
    assert _unescaped_specials(query[1:-1]) == []


@pytest.mark.parametrize("text", HOSTILE)
def test_all_words_quotes_every_word(text: str) -> None:
    query = lucene.all_words(text)
    if query is None:
        return
    for part in query.split(" AND "):
        assert part.startswith('"') and part.endswith('"')
        assert _unescaped_specials(part[1:-1]) == []


def test_keywords_become_plain_lowercase_words() -> None:
    assert (
        lucene.all_words("a AND b OR NOT c") == '"a" AND "and" AND "b" AND "or" AND "not" AND "c"'
    )


def test_prefix_form_allows_a_word_to_be_a_prefix() -> None:
    assert lucene.all_words("Blink", prefix=True) == '("blink" OR blink*)'


@pytest.mark.parametrize("text", ["", "   ", "*", "\\", "--", "&& ||", '"'])
def test_text_without_letters_or_digits_gives_no_query(text: str) -> None:
    assert lucene.phrase(text) is None
    assert lucene.all_words(text) is None
    assert lucene.any_phrase([text]) is None


def test_words_are_capped() -> None:
    assert len(lucene.words(" ".join(f"w{i}" for i in range(100)))) == lucene.MAX_TERMS


def test_any_phrase_joins_distinct_phrases() -> None:
    assert lucene.any_phrase(["U.S.", "united states", "u.s."]) == '"u.s." OR "united states"'


@pytest.mark.parametrize(
    ("typed", "forms"),
    [
        ("Blinken", ["blinken", "antony blinken"]),
        ("  Antony   Blinken ", ["antony blinken"]),
        ("ukraine", ["ukraine"]),
        ("Ukrainian", ["ukrainian", "ukraine"]),
        ("U.S.", ["u.s.", "united states"]),
        ("America", ["america", "united states"]),
        ("Russia's", ["russia's", "russia"]),
        ("Russia’s", ["russia’s", "russia"]),
        ("", []),
    ],
)
def test_name_forms_cover_case_possessives_and_curated_aliases(
    typed: str, forms: list[str]
) -> None:
    assert name_forms(typed) == forms
