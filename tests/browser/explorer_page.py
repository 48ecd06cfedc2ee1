"""The explorer as a person sees it: shared by the checkout's browser test and the
installed-wheel test."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.graphiql_page import BLINKEN_STATEMENTS

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


def assert_blinken_on_ukraine(page: Page) -> list[dict[str, Any]]:
    """Exactly Blinken's two seed statements about Ukraine in the list, their quoted words
    highlighted, each with its article, GraphiQL link and Cypher; the timeline counts them."""
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
