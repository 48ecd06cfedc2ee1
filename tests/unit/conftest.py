"""Fixtures for the extraction unit tests: one spaCy pipeline per session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kgapi.ingest.read import read_text
from kgapi.model import Article, Extraction


@pytest.fixture(scope="session")
def run_extract() -> Callable[[str], Extraction]:
    """Extract a text given as a string (with an optional header block)."""
    from kgapi.ingest.extract import extract

    def _run(text: str) -> Extraction:
        article = read_text(text, origin="test")
        assert isinstance(article, Article)
        return extract(article)

    return _run
