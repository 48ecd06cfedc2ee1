"""GraphiQL as a person uses it: open /graphql, run the preloaded Blinken query, read the
result off the page. Shared by the checkout's browser test and the installed-wheel test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser

# Two of Blinken's statements about Ukraine in the seed article.
BLINKEN_STATEMENTS = ["I think there's some opportunity there", "robust package for Ukraine"]
RESULT_EDITOR_JS = "document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()"
QUERY_EDITOR_JS = (
    "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()"
)


def _plain(text: str) -> str:
    # The seed uses typographic apostrophes; compare on plain ones.
    return text.replace("\u2019", "'")


def assert_graphiql_runs_the_blinken_query(browser: Browser, url: str, screenshot: Path) -> None:
    """Open `url`/graphql, run the preloaded query, and check what the page shows: Blinken's
    statements about Ukraine, no page error, and every request sent to 127.0.0.1."""
    requested: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(f"{url}/graphql")
        page.wait_for_selector(".graphiql-execute-button", timeout=30_000)

        query = page.evaluate(QUERY_EDITOR_JS)
        assert 'claims(speaker: "Blinken", about: "Ukraine")' in query

        page.click(".graphiql-execute-button")
        page.wait_for_function(
            f"{RESULT_EDITOR_JS}.includes('\"data\"') || {RESULT_EDITOR_JS}.includes('\"errors\"')",
            timeout=30_000,
        )
        page.screenshot(path=str(screenshot), full_page=True)

        result: dict[str, Any] = json.loads(page.evaluate(RESULT_EDITOR_JS))
        assert "errors" not in result, result
        claims = result["data"]["claims"]
        texts = [_plain(edge["node"]["text"]) for edge in claims["edges"]]
        assert claims["totalCount"] == len(texts) > 0
        assert {edge["node"]["speaker"]["name"] for edge in claims["edges"]} == {"Antony Blinken"}
        for statement in BLINKEN_STATEMENTS:
            assert any(statement in text for text in texts), (statement, texts)
            # ...and shown on the page, not only held by the editor.
            assert statement in _plain(page.inner_text(".result-window")), statement
    finally:
        context.close()

    hosts = {
        urlsplit(url).hostname for url in requested if urlsplit(url).scheme in ("http", "https")
    }
    assert hosts == {"127.0.0.1"}, f"requests left the app: {sorted(requested)}"
    assert not errors, errors
