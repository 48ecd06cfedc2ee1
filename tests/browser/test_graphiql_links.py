"""GraphiQL opened from a link (the explorer's "Open in GraphiQL"): the editors hold the
linked query and variables; and GraphiQL runs a subscription over the WebSocket."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from playwright.sync_api import Browser, Page

from tests.browser.explorer_page import LAPTOP, Session
from tests.browser.graphiql_page import QUERY_EDITOR_JS, RESULT_EDITOR_JS
from tests.helpers import (
    NEW_BLINKEN_ARTICLE,
    GraphState,
    LiveServer,
    load_in_another_process,
)

pytestmark = pytest.mark.browser

VARIABLES_EDITOR_JS = (
    "document.querySelector('.graphiql-editor-tool .CodeMirror').CodeMirror.getValue()"
)


def _open(page: Page, url: str, query: str, variables: dict[str, object]) -> None:
    page.goto(f"{url}/graphql#query={quote(query)}&variables={quote(json.dumps(variables))}")
    page.wait_for_selector(".graphiql-execute-button", timeout=30_000)


def test_a_link_prefills_graphiql_with_the_claim_query(
    browser: Browser, live_server: LiveServer, api: httpx.Client
) -> None:
    claim = api.get("/api/v1/claims", params={"speaker": "Blinken", "about": "Ukraine"}).json()
    claim_id = claim["items"][0]["id"]
    query = "query Claim($id: ID!) { node(id: $id) { ... on Claim { text speaker { name } } } }"
    session = Session(browser, LAPTOP)
    try:
        page = session.page()
        _open(page, live_server.url, query, {"id": claim_id})
        assert page.evaluate(QUERY_EDITOR_JS) == query
        assert claim_id in page.evaluate(VARIABLES_EDITOR_JS)
        page.click(".graphiql-execute-button")
        page.wait_for_function(f"{RESULT_EDITOR_JS}.includes('\"data\"')", timeout=30_000)
        result = json.loads(page.evaluate(RESULT_EDITOR_JS))
        assert result["data"]["node"]["speaker"]["name"] == "Antony Blinken"
        assert not session.errors, session.errors
    finally:
        session.context.close()


def test_graphiql_runs_a_subscription(
    browser: Browser,
    live_server: LiveServer,
    api: httpx.Client,
    graph_state: GraphState,
    tmp_path: Path,
) -> None:
    session = Session(browser, LAPTOP)
    try:
        page = session.page()
        _open(page, live_server.url, "subscription { articleAdded { title } }", {})
        page.click(".graphiql-execute-button")
        time.sleep(2)  # the subscription is open and the server's feed has polled once
        article = tmp_path / "arctic.txt"
        article.write_text(NEW_BLINKEN_ARTICLE, encoding="utf-8")
        try:
            load_in_another_process(article, live_server.settings)
        finally:
            graph_state.seeded = False
        page.wait_for_function(
            f"{RESULT_EDITOR_JS}.includes('Blinken proposes Arctic shipping talks')",
            timeout=10_000,
        )
        assert not session.errors, session.errors
    finally:
        session.context.close()
