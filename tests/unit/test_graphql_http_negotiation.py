"""The GraphQL-over-HTTP rules as pure functions: negotiation, request decoding, request errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import GraphQLError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from kgapi.api.graphql import ide
from kgapi.api.graphql.transport import (
    APPLICATION_JSON,
    GRAPHQL_RESPONSE_JSON,
    GraphQLHTTPError,
    check_json_content_type,
    decode_json_body,
    is_request_error,
    negotiate_response_type,
    parse_accept,
    request_data_from_params,
    wants_ide,
)

GQL = GRAPHQL_RESPONSE_JSON
JSON = APPLICATION_JSON


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, JSON),  # no Accept: legacy application/json (spec, audit 80D8)
        ("", JSON),
        ("*/*", JSON),  # audit 47DE
        ("application/*", JSON),
        ("application/json", JSON),
        ("application/graphql-response+json", GQL),
        ("application/graphql-response+json, application/json", GQL),
        ("application/json, application/graphql-response+json", GQL),  # explicit new type wins ties
        ("application/graphql-response+json;q=0.5, application/json", JSON),
        ("application/graphql-response+json, application/json;q=0.9", GQL),
        ("application/json, multipart/mixed", JSON),  # GraphiQL's fetcher
        ("application/graphql-response+json; charset=utf-8", GQL),
        ("APPLICATION/GRAPHQL-RESPONSE+JSON", GQL),
        ("application/graphql-response+json; charset=iso-8859-1, application/json", JSON),
        ("text/html,application/xhtml+xml,*/*;q=0.8", JSON),  # a browser navigating
        ("application/graphql-response+json;q=0, */*", JSON),
        ("*", JSON),
    ],
)
def test_accept_header_picks_the_response_media_type(accept: str | None, expected: str) -> None:
    assert negotiate_response_type(accept) == expected


@pytest.mark.parametrize(
    "accept",
    [
        "text/plain",
        "text/html",
        "application/xml",
        "application/json; charset=latin1",
        "application/json;q=0",
        "*/*;q=0",
        "application/graphql-response+json;q=0, application/json;q=0",
    ],
)
def test_unacceptable_accept_header_gives_none_for_406(accept: str) -> None:
    assert negotiate_response_type(accept) is None


def test_malformed_accept_entries_are_skipped() -> None:
    ranges = parse_accept("garbage, application/json;q=abc, text/html;q=0.3, /x")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [("text", "html", 0.3)]


@pytest.mark.parametrize(
    ("method", "has_query", "accept", "expected"),
    [
        ("GET", False, "text/html,application/xhtml+xml,*/*;q=0.8", True),
        ("GET", False, "text/html", True),
        ("GET", False, "*/*", False),  # curl gets GraphQL's answer, not a page
        ("GET", False, None, False),
        ("GET", False, "application/json", False),
        ("GET", False, "text/html;q=0", False),
        ("GET", True, "text/html", False),  # a query in the URL is executed
        ("POST", False, "text/html", False),
    ],
)
def test_only_a_browser_get_without_query_gets_the_ide(
    method: str, has_query: bool, accept: str | None, expected: bool
) -> None:
    assert wants_ide(method, has_query, accept) is expected


@pytest.mark.parametrize(
    ("mime_type", "params"),
    [
        ("application/json", {}),
        ("application/json", {"charset": "utf-8"}),
        ("application/json", {"charset": "UTF8"}),
    ],
)
def test_utf8_json_content_type_is_accepted(mime_type: str, params: dict[str, str]) -> None:
    check_json_content_type(mime_type, params)


@pytest.mark.parametrize(
    ("mime_type", "params", "message"),
    [
        ("", {}, "needs a Content-Type"),
        ("text/plain", {}, "Unsupported Content-Type 'text/plain'"),
        ("application/graphql", {}, "Unsupported Content-Type"),
        ("application/x-www-form-urlencoded", {}, "Unsupported Content-Type"),
        ("application/jsonx", {}, "Unsupported Content-Type"),
        ("application/json", {"charset": "latin1"}, "Unsupported charset 'latin1'"),
    ],
)
def test_other_content_types_give_415(mime_type: str, params: dict[str, str], message: str) -> None:
    with pytest.raises(GraphQLHTTPError) as caught:
        check_json_content_type(mime_type, params)
    assert caught.value.status == 415
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "body is empty"),
        (b"  \n", "body is empty"),
        (b"\xff\xfe{}", "not valid UTF-8"),
        (b"{query", "not valid JSON"),
    ],
)
def test_undecodable_body_gives_400_with_reason(body: bytes, message: str) -> None:
    with pytest.raises(GraphQLHTTPError) as caught:
        decode_json_body(body)
    assert caught.value.status == 400
    assert message in caught.value.message


def test_utf8_body_with_non_ascii_text_decodes() -> None:
    assert decode_json_body('{"query": "{ a(x: \\"Zelenskyy – Київ\\") }"}'.encode()) == {
        "query": '{ a(x: "Zelenskyy – Київ") }'
    }


def test_well_typed_params_become_request_data() -> None:
    data = request_data_from_params(
        {"query": "{ v }", "variables": {"a": 1}, "operationName": "Q", "extensions": {}}
    )
    assert (data.query, data.variables, data.operation_name, data.extensions) == (
        "{ v }",
        {"a": 1},
        "Q",
        {},
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ("just a string", "must be a JSON object"),
        (42, "must be a JSON object"),
        ({}, "no query parameter"),
        ({"query": None}, "no query parameter"),
        ({"query": {"obj": "ect"}}, "query parameter must be a string"),
        ({"query": 0}, "query parameter must be a string"),
        ({"query": "{ v }", "variables": "string"}, "variables parameter must be an object"),
        ({"query": "{ v }", "variables": ["array"]}, "variables parameter must be an object"),
        ({"query": "{ v }", "operationName": 0}, "operationName parameter must be a string"),
        ({"query": "{ v }", "operationName": False}, "operationName parameter must be a string"),
        ({"query": "{ v }", "extensions": "string"}, "extensions parameter must be an object"),
        ({"query": "{ v }", "extensions": ["array"]}, "extensions parameter must be an object"),
    ],
)
def test_badly_typed_params_give_400_naming_the_parameter(params: object, message: str) -> None:
    with pytest.raises(GraphQLHTTPError) as caught:
        request_data_from_params(params)
    assert caught.value.status == 400
    assert message in caught.value.message


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (PreExecutionError(data=None, errors=[GraphQLError("Syntax Error")]), True),
        (
            ExecutionResult(data=None, errors=[GraphQLError("Variable '$a' got invalid value")]),
            True,
        ),
        (ExecutionResult(data=None, errors=[GraphQLError("boom", path=["claims"])]), False),
        (ExecutionResult(data={"v": None}, errors=[GraphQLError("boom", path=["v"])]), False),
        (ExecutionResult(data={"v": 1}, errors=None), False),
    ],
)
def test_request_errors_are_the_ones_before_execution(
    result: ExecutionResult, expected: bool
) -> None:
    assert is_request_error(result) is expected


def test_ide_page_boots_graphiql_from_local_assets_with_the_blinken_query() -> None:
    response = ide.render_page("/graphql")
    html = bytes(response.body).decode()
    assert response.status_code == 200
    assert '<script src="/graphql/static/graphiql.min.js">' in html
    assert "http://" not in html and "https://" not in html  # no CDN
    assert 'claims(speaker: \\"Blinken\\", about: \\"Ukraine\\")' in html


def test_ide_config_cannot_close_its_script_element() -> None:
    html = bytes(ide.render_page("/graphql</script><script>alert(1)//").body).decode()
    assert "</script><script>alert(1)" not in html


def test_missing_assets_page_says_how_to_install_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(ide, "node_modules_candidates", lambda: [tmp_path / "node_modules"])
    response = ide.render_page("/graphql")
    html = bytes(response.body).decode()
    assert response.status_code == 503
    assert "GraphiQL is not installed" in html
    assert "npm ci --omit=dev" in html
    assert str(tmp_path / "node_modules" / "graphiql" / "graphiql.min.js") in html


def test_a_wheels_bundled_assets_are_served_before_node_modules(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundled = tmp_path / "vendor"
    bundled.mkdir()
    for name in ide.VENDOR_ASSETS:
        (bundled / name).write_text(f"/* {name} */")
    monkeypatch.setattr(ide, "BUNDLED", bundled)
    monkeypatch.setattr(ide, "node_modules_candidates", lambda: [tmp_path / "node_modules"])
    files = ide.asset_files()
    assert {name: path for name, (path, _) in files.items() if name in ide.VENDOR_ASSETS} == {
        name: bundled / name for name in ide.VENDOR_ASSETS
    }
    assert files["graphiql.min.css"][1] == "text/css"
    assert ide.render_page("/graphql").status_code == 200


def test_an_incomplete_bundle_falls_back_to_node_modules(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bundled = tmp_path / "vendor"
    bundled.mkdir()
    (bundled / "graphiql.min.js").write_text("/* only one */")
    monkeypatch.setattr(ide, "BUNDLED", bundled)
    path, media_type = ide.asset_files()["graphiql.min.js"]
    assert path == ide.node_modules() / "graphiql/graphiql.min.js"
    assert media_type == "text/javascript"
