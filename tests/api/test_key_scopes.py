"""Key scopes over real HTTP, with keys made by `kgapi keys create`: a dashboard's key
cannot ingest, an analyst's cannot delete; 403 names the missing scope."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from kgapi.access.keys import KeyFile
from kgapi.cli.main import cli
from tests.helpers import TEST_API_KEY, LiveServer, serve_app

UNKNOWN = "article:0000000000000000"
CYPHER = {"query": "RETURN 1 AS one"}
DELETE = f'mutation {{ deleteArticle(id: "{UNKNOWN}") {{ found }} }}'


def create_key(home: Path, *args: str) -> str:
    """`kgapi keys create ARGS` with KGAPI_HOME=home: the key it printed."""
    result = CliRunner().invoke(cli, ["keys", "create", *args], env={"KGAPI_HOME": str(home)})
    assert result.exit_code == 0, result.output
    key = result.stdout.strip()
    assert key.startswith("kgapi_") and "\n" not in key
    return key


@pytest.fixture
def keyed(live_server: LiveServer, tmp_path: Path) -> Iterator[tuple[httpx.Client, Path]]:
    """An app whose keys file is the one `kgapi keys` writes with KGAPI_HOME=tmp_path.
    (Not `home=tmp_path`: the managed server's password is found under the real home.)"""
    settings = live_server.settings.model_copy(update={"keys_file": tmp_path / "keys.json"})
    with serve_app(settings) as server, server.client() as client:
        yield client, tmp_path


def test_dashboard_key_reads_but_cannot_write_or_run_cypher(
    keyed: tuple[httpx.Client, Path],
) -> None:
    client, home = keyed
    headers = {"X-API-Key": create_key(home, "--scope", "read", "--name", "dashboard")}
    ingest = client.post("/api/v1/articles", json={"text": "Some text."}, headers=headers)
    delete = client.delete(f"/api/v1/articles/{UNKNOWN}", headers=headers)
    cypher = client.post("/api/v1/cypher", json=CYPHER, headers=headers)
    mutation = client.post("/graphql", json={"query": DELETE}, headers=headers)
    assert client.get("/api/v1/claims?limit=1", headers=headers).status_code == 200
    for response, scope in ((ingest, "write"), (delete, "write"), (cypher, "cypher")):
        assert response.status_code == 403, response.text
        detail = response.json()["detail"]
        assert f"lacks the '{scope}' scope" in detail and "'dashboard'" in detail
    error = mutation.json()["errors"][0]
    assert error["extensions"]["code"] == "FORBIDDEN"
    assert error["extensions"]["missingScope"] == "write"
    assert "lacks the 'write' scope" in error["message"]


def test_analyst_key_runs_cypher_but_cannot_delete(keyed: tuple[httpx.Client, Path]) -> None:
    client, home = keyed
    headers = {"Authorization": f"Bearer {create_key(home, '--scope', 'read,cypher')}"}
    cypher = client.post("/api/v1/cypher", json=CYPHER, headers=headers)
    delete = client.delete(f"/api/v1/articles/{UNKNOWN}", headers=headers)
    assert cypher.status_code == 200, cypher.text
    assert delete.status_code == 403
    assert (
        "lacks the 'write' scope this needs (its scopes: cypher, read)" in delete.json()["detail"]
    )


def test_writer_key_deletes_but_cannot_run_cypher(keyed: tuple[httpx.Client, Path]) -> None:
    client, home = keyed
    headers = {"X-API-Key": create_key(home, "--scope", "write")}
    delete = client.delete(f"/api/v1/articles/{UNKNOWN}", headers=headers)
    cypher = client.post("/api/v1/cypher", json=CYPHER, headers=headers)
    assert delete.status_code == 404  # past the key check: there is no such article
    assert cypher.status_code == 403
    assert "'cypher' scope" in cypher.json()["detail"]


def test_revoked_key_is_refused_without_a_restart(keyed: tuple[httpx.Client, Path]) -> None:
    client, home = keyed
    headers = {"X-API-Key": create_key(home, "--scope", "cypher", "--name", "temp")}
    before = client.post("/api/v1/cypher", json=CYPHER, headers=headers)
    result = CliRunner().invoke(cli, ["keys", "revoke", "temp"], env={"KGAPI_HOME": str(home)})
    assert result.exit_code == 0, result.output
    after = client.post("/api/v1/cypher", json=CYPHER, headers=headers)
    assert before.status_code == 200
    assert after.status_code == 401
    assert after.json()["detail"] == "The API key is not valid."


def test_configured_api_keys_keep_every_scope(keyed: tuple[httpx.Client, Path]) -> None:
    client, _ = keyed
    headers = {"X-API-Key": TEST_API_KEY}  # KGAPI_API_KEYS, as before scopes existed
    assert client.post("/api/v1/cypher", json=CYPHER, headers=headers).status_code == 200
    assert client.delete(f"/api/v1/articles/{UNKNOWN}", headers=headers).status_code == 404


def test_reads_behind_keys_need_the_read_scope(live_server: LiveServer, tmp_path: Path) -> None:
    writer = create_key(tmp_path, "--scope", "write")
    reader = create_key(tmp_path, "--scope", "read")
    settings = live_server.settings.model_copy(
        update={"keys_file": tmp_path / "keys.json", "require_key_for_reads": True}
    )
    query = {"query": "{ claims(first: 1) { totalCount } }"}
    with serve_app(settings) as server, server.client() as client:
        rest_writer = client.get("/api/v1/claims?limit=1", headers={"X-API-Key": writer})
        rest_reader = client.get("/api/v1/claims?limit=1", headers={"X-API-Key": reader})
        gql_writer = client.post("/graphql", json=query, headers={"X-API-Key": writer})
        gql_reader = client.post("/graphql", json=query, headers={"X-API-Key": reader})
    assert rest_writer.status_code == 403
    assert "'read' scope" in rest_writer.json()["detail"]
    assert rest_reader.status_code == 200
    assert gql_writer.json()["errors"][0]["extensions"]["missingScope"] == "read"
    assert gql_reader.json()["data"]["claims"]["totalCount"] >= 0


def test_keys_file_holds_hashes_never_keys(tmp_path: Path) -> None:
    key = create_key(tmp_path, "--scope", "read,cypher", "--name", "analyst")
    text = (tmp_path / "keys.json").read_text()
    assert key not in text
    assert hashlib.sha256(key.encode()).hexdigest() in text
    assert (tmp_path / "keys.json").stat().st_mode & 0o077 == 0  # private to its owner
    listed = CliRunner().invoke(cli, ["keys", "list"], env={"KGAPI_HOME": str(tmp_path)})
    assert "analyst\tread,cypher" in listed.output and key not in listed.output
    (record,) = KeyFile(tmp_path / "keys.json").load()
    assert record.name == "analyst"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["create", "--scope", "read,admin"], "unknown scope 'admin'"),
        (["create", "--scope", ","], "at least one scope"),
        (["revoke", "nobody"], "no key with id or name 'nobody'"),
    ],
)
def test_keys_command_errors_say_what_is_wrong(tmp_path: Path, args: list[str], says: str) -> None:
    result = CliRunner().invoke(cli, ["keys", *args], env={"KGAPI_HOME": str(tmp_path)})
    assert result.exit_code != 0
    assert says in result.output


def test_a_duplicate_name_is_refused(tmp_path: Path) -> None:
    create_key(tmp_path, "--scope", "read", "--name", "dash")
    result = CliRunner().invoke(
        cli,
        ["keys", "create", "--scope", "read", "--name", "dash"],
        env={"KGAPI_HOME": str(tmp_path)},
    )
    assert result.exit_code == 1
    assert "exists already" in result.output
