"""GraphiQL works without internet: headless Chromium (Debian's package) opens /graphql,
loads every asset from the app itself, runs the preloaded Blinken query and shows
Blinken's statements about Ukraine."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.helpers import LiveServer

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
# No sandbox (containers, root), and nothing that phones home on its own: every request
# the page makes is then one the page asked for.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Two of Blinken's statements about Ukraine in the seed article.
BLINKEN_STATEMENTS = ["I think there's some opportunity there", "robust package for Ukraine"]
RESULT_EDITOR_JS = "document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()"
QUERY_EDITOR_JS = (
    "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, never a downloaded one: the test fails (not skips) without it."""
    assert Path(CHROMIUM).exists() or shutil.which("chromium"), (
        "the browser test needs Debian's chromium: apt-get install -y chromium"
    )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _plain(text: str) -> str:
    # The seed uses typographic apostrophes; compare on plain ones.
    return text.replace("\u2019", "'")


def _open_graphiql(browser: Browser, url: str, requested: list[str]) -> Page:
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(f"{url}/graphql")
    page.wait_for_selector(".graphiql-execute-button", timeout=30_000)
    return page


def test_graphiql_runs_the_preloaded_blinken_query_from_local_assets(
    browser: Browser, live_server: LiveServer, api: httpx.Client, tmp_path: Path
) -> None:
    requested: list[str] = []
    page = _open_graphiql(browser, live_server.url, requested)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    query = page.evaluate(QUERY_EDITOR_JS)
    assert 'claims(speaker: "Blinken", about: "Ukraine")' in query

    page.click(".graphiql-execute-button")
    page.wait_for_function(
        f"{RESULT_EDITOR_JS}.includes('\"data\"') || {RESULT_EDITOR_JS}.includes('\"errors\"')",
        timeout=30_000,
    )
    page.screenshot(path=str(tmp_path / "graphiql.png"), full_page=True)

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

    hosts = {
        urlsplit(url).hostname for url in requested if urlsplit(url).scheme in ("http", "https")
    }
    assert hosts == {"127.0.0.1"}, f"requests left the app: {sorted(requested)}"
    assert not errors, errors
