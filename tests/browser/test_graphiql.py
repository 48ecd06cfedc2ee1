"""GraphiQL works without internet: headless Chromium (Debian's package) opens /graphql,
loads every asset from the app itself, runs the preloaded Blinken query and shows
Blinken's statements about Ukraine."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser

from tests.browser.graphiql_page import assert_graphiql_runs_the_blinken_query
from tests.helpers import LiveServer

pytestmark = pytest.mark.browser


def test_graphiql_runs_the_preloaded_blinken_query_from_local_assets(
    browser: Browser, live_server: LiveServer, api: httpx.Client, tmp_path: Path
) -> None:
    assert_graphiql_runs_the_blinken_query(browser, live_server.url, tmp_path / "graphiql.png")
