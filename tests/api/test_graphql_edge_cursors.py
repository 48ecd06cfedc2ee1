"""Every edge of the `claims` connection carries a cursor that resumes right after it."""

from __future__ import annotations

from typing import Any

import httpx

PAGE = """
query ($first: Int!, $after: String) {
  claims(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage startCursor endCursor }
    edges { cursor node { id } }
  }
}
"""


def claims_page(api: httpx.Client, first: int, after: str | None = None) -> dict[str, Any]:
    response = api.post(
        "/graphql", json={"query": PAGE, "variables": {"first": first, "after": after}}
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    page: dict[str, Any] = body["data"]["claims"]
    return page


def test_every_claims_edge_has_a_cursor_and_the_last_is_the_end_cursor(api: httpx.Client) -> None:
    page = claims_page(api, first=4)
    cursors = [edge["cursor"] for edge in page["edges"]]
    assert len(cursors) == 4
    assert all(cursors) and len(set(cursors)) == 4
    assert page["pageInfo"]["startCursor"] == cursors[0]
    assert page["pageInfo"]["endCursor"] == cursors[-1]


def test_resuming_after_any_edge_gives_the_claims_after_it(api: httpx.Client) -> None:
    page = claims_page(api, first=4)
    ids = [edge["node"]["id"] for edge in page["edges"]]
    for i, edge in enumerate(page["edges"][:-1]):
        rest = claims_page(api, first=4 - i - 1, after=edge["cursor"])
        assert [e["node"]["id"] for e in rest["edges"]] == ids[i + 1 :]
        assert rest["totalCount"] == page["totalCount"]
