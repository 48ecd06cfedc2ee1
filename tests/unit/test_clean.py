"""Cleaning keeps every offset while removing scraped junk."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgapi.ingest.clean import clean_text, normalise_chars, single_quotes_as_double

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_d1ce2ab050ee22c2.txt"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cHi,\u201d she said", '"Hi," she said'),
        ("Russia\u2019s", "Russia's"),
        ("a\u00a0b", "a b"),
    ],
)
def test_curly_quotes_are_normalised_one_char_for_one(raw: str, expected: str) -> None:
    assert normalise_chars(raw) == expected
    assert len(normalise_chars(raw)) == len(raw)


def test_seed_boilerplate_is_masked_and_title_found() -> None:
    original = SEED.read_text()
    cleaned = clean_text(original)
    assert len(cleaned.text) == len(original)
    assert cleaned.title.startswith("Inside Biden's dramatic backchannel")
    assert "Home Featured" not in cleaned.text
    assert "by host" not in cleaned.text
    assert "Source link" not in cleaned.text
    assert cleaned.text.lstrip().startswith('"Everything was done')


def test_offsets_in_cleaned_text_index_the_original() -> None:
    original = "title: T\n\n\u201cWe won,\u201d said Ana.\n"
    cleaned = clean_text(original)
    start = cleaned.text.index("We won")
    assert original[start : start + 6] == "We won"


def test_header_block_is_parsed_and_masked() -> None:
    cleaned = clean_text("title: Storm\nsource: Wire\n\nThe storm hit.\n")
    assert cleaned.header == {"title": "Storm", "source": "Wire"}
    assert cleaned.title == "Storm"
    assert "Wire" not in cleaned.text


def test_prose_starting_with_a_colon_is_not_a_header() -> None:
    cleaned = clean_text("Note: the mayor said the park would open on Friday.\n")
    assert cleaned.header == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # British style: single marks become double ones, apostrophes stay
            "'Nobody wants this,' she told MPs. 'But I can't justify it.'",
            '"Nobody wants this," she told MPs. "But I can\'t justify it."',
        ),
        (  # a plural possessive inside the quote is not its end
            "'We back the workers' union,' he said. 'Always.' Santos's team agreed.",
            '"We back the workers\' union," he said. "Always." Santos\'s team agreed.',
        ),
        (  # a single pair is not a style: nothing changes
            "She called it 'a fair deal' and left.",
            "She called it 'a fair deal' and left.",
        ),
        (  # double quotes are the style: nested single quotes stay
            "\"He said 'no' and 'never',\" she said. \"Then 'maybe'.\"",
            "\"He said 'no' and 'never',\" she said. \"Then 'maybe'.\"",
        ),
    ],
)
def test_single_quote_style_becomes_double_quotes_with_same_length(
    text: str, expected: str
) -> None:
    converted = single_quotes_as_double(text)
    assert converted == expected
    assert len(converted) == len(text)
