"""The explorer as a person uses it, in headless Chromium (Debian's package), on the seeded
graph: search "Blinken", see Ukraine in his network, click it, read exactly his two
statements about Ukraine; the timeline counts them; the URL reproduces the view, on a
laptop and on a phone; every request goes to the app itself; no console error.

The screenshot in the README (docs/explorer.png) is this test's: run it with
KGAPI_UPDATE_SCREENSHOTS=1 to write it again.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.graphiql_page import BLINKEN_STATEMENTS
from tests.helpers import REPO, LiveServer

pytestmark = pytest.mark.browser

SCREENSHOT = REPO / "docs" / "explorer.png"
LAPTOP = {"width": 1366, "height": 1000}
PHONE = {"width": 390, "height": 844}
NODE_POSITION_JS = """(label) => {
  const node = window.kgapiExplorer.cy.nodes().filter(n => n.data('label') === label)[0];
  const p = node.renderedPosition();
  return [p.x, p.y];
}"""
NETWORK_HAS_JS = """(label) => {
  const cy = window.kgapiExplorer && window.kgapiExplorer.cy;
  return !!cy && cy.nodes().some(n => n.data('label') === label);
}"""


def _plain(text: str) -> str:
    return text.replace("\u2019", "'")


class Session:
    """A browser context that records every request and every console error."""

    def __init__(self, browser: Browser, viewport: dict[str, int]) -> None:
        self.requested: list[str] = []
        self.errors: list[str] = []
        self.context: BrowserContext = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
        self.context.on("request", lambda request: self.requested.append(request.url))

    def page(self) -> Page:
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on(
            "console",
            lambda message: (
                self.errors.append(f"console: {message.text}") if message.type == "error" else None
            ),
        )
        return page

    def hosts(self) -> set[str | None]:
        return {
            urlsplit(url).hostname
            for url in self.requested
            if urlsplit(url).scheme in ("http", "https", "ws", "wss")
        }


@pytest.fixture
def session(browser: Browser) -> Iterator[Session]:
    opened = Session(browser, LAPTOP)
    yield opened
    opened.context.close()


def _statements(page: Page, count: int) -> list[dict[str, Any]]:
    page.wait_for_function(
        f"document.querySelectorAll('#statements .statement').length === {count}",
        timeout=30_000,
    )
    result: list[dict[str, Any]] = page.eval_on_selector_all(
        "#statements .statement",
        """items => items.map(li => ({
            speaker: li.querySelector('.speaker').textContent,
            kind: li.querySelector('.kind').textContent,
            sentence: li.querySelector('.sentence').textContent,
            marked: Array.from(li.querySelectorAll('.sentence mark')).map(m => m.textContent),
            title: li.querySelector('.article-title').textContent,
            meta: li.querySelector('.article-meta').textContent,
            graphiql: li.querySelector('.graphiql-link').getAttribute('href'),
            cypher: li.querySelector('.cypher').textContent,
        }))""",
    )
    return result


def _assert_blinken_on_ukraine(page: Page) -> list[dict[str, Any]]:
    statements = _statements(page, 2)
    page.wait_for_function(
        "document.getElementById('statements-status').textContent.startsWith('2 statements')"
    )
    assert {s["speaker"] for s in statements} == {"Antony Blinken"}
    marked = " | ".join(_plain(m) for s in statements for m in s["marked"])
    for statement in BLINKEN_STATEMENTS:
        assert statement in marked, (statement, marked)  # the quoted words, highlighted
    for s in statements:
        assert s["title"].startswith("Inside Biden")
        assert "no date" in s["meta"]  # the seed article carries no date: said so
        assert s["graphiql"].startswith("/graphql#query=")
        assert "MATCH (s)-[:STATED]->(c:Claim {id: 'claim:" in s["cypher"]
    # The timeline counts them: undated, so in the "no date" bar, and said so.
    page.wait_for_function(
        "window.kgapiExplorer.timeline && "
        "window.kgapiExplorer.timeline.counts.reduce((a, b) => a + b, 0) === 2"
    )
    timeline = page.evaluate("window.kgapiExplorer.timeline")
    assert timeline["labels"][-1] == "no date" and timeline["undated"] == 2
    assert "2 without a date" in page.inner_text("#timeline-status")
    return statements


def test_search_blinken_click_ukraine_shows_his_two_statements(
    session: Session, live_server: LiveServer, api: httpx.Client, tmp_path: Path
) -> None:
    page = session.page()
    page.goto(f"{live_server.url}/explore")
    assert "Search a person" in page.inner_text("#chips")  # the empty state says what to do

    # Type-ahead, chosen with the keyboard.
    page.keyboard.press("/")
    page.keyboard.type("Blinken")
    page.wait_for_selector("#search-results [role=option]", timeout=30_000)
    assert "Antony Blinken" in page.inner_text("#search-results [role=option]:first-child")
    page.keyboard.press("Enter")

    # His network, with Ukraine in it; click Ukraine on the graph itself.
    page.wait_for_function(NETWORK_HAS_JS, arg="Ukraine", timeout=30_000)
    x, y = page.evaluate(NODE_POSITION_JS, "Ukraine")
    box = page.locator("#network").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_selector("#chips .chip[data-role=about]", timeout=30_000)
    assert "Ukraine" in page.inner_text("#chips .chip[data-role=about]")

    statements = _assert_blinken_on_ukraine(page)
    page.wait_for_function(NETWORK_HAS_JS, arg="Antony Blinken", timeout=30_000)
    page.screenshot(path=str(tmp_path / "explorer.png"))
    if os.environ.get("KGAPI_UPDATE_SCREENSHOTS") == "1":
        shutil.copy(tmp_path / "explorer.png", SCREENSHOT)

    # The URL holds the selection: opened afresh, it shows the same statements.
    query = parse_qs(urlsplit(page.url).query)
    assert query["about"] == ["Ukraine"] and query["speaker"] == ["Antony Blinken"]
    again = session.page()
    again.goto(page.url)
    assert [s["sentence"] for s in _assert_blinken_on_ukraine(again)] == [
        s["sentence"] for s in statements
    ]

    assert session.hosts() == {"127.0.0.1"}, sorted(session.requested)
    assert not session.errors, session.errors


def test_the_deep_link_works_at_phone_width(
    browser: Browser, live_server: LiveServer, api: httpx.Client
) -> None:
    phone = Session(browser, PHONE)
    try:
        page = phone.page()
        page.goto(f"{live_server.url}/explore?speaker=Blinken&about=Ukraine")
        _assert_blinken_on_ukraine(page)
        page.wait_for_function(NETWORK_HAS_JS, arg="Ukraine", timeout=30_000)
        # One column: nothing wider than the phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert phone.hosts() == {"127.0.0.1"}
        assert not phone.errors, phone.errors
    finally:
        phone.context.close()


def test_an_unknown_name_says_what_to_do(session: Session, live_server: LiveServer) -> None:
    page = session.page()
    page.goto(f"{live_server.url}/explore?speaker=Nobody%20Atall")
    page.wait_for_function(
        "document.getElementById('statements-status').textContent.startsWith('No statements')",
        timeout=30_000,
    )
    assert "Remove a filter" in page.inner_text("#statements-status")
    page.wait_for_function(
        "document.getElementById('network-status').textContent.includes('check the spelling')",
        timeout=30_000,
    )
    assert not session.errors, session.errors


def test_the_page_and_its_libraries_come_from_the_app(live_server: LiveServer) -> None:
    with live_server.client() as client:
        root = client.get("/")
        page = client.get("/explore")
        library = client.get("/explore/static/cytoscape.min.js")
        unknown = client.get("/explore/static/..%2Fsecrets")
    assert root.status_code == page.status_code == 200
    assert "/explore/static/queries.js" in page.text
    assert library.status_code == 200 and library.headers["content-type"].startswith(
        "text/javascript"
    )
    assert unknown.status_code == 404
