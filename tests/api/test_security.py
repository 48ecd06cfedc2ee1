"""API keys over real HTTP: writes and /cypher need one; reads are open unless configured."""

from __future__ import annotations

import hashlib

import httpx
import pytest

from kgapi.api.security import key_is_valid
from kgapi.config import Settings
from tests.helpers import TEST_API_KEY, LiveServer, serve_app

CYPHER = {"query": "RETURN 1 AS one"}
READ_PATH = "/api/v1/claims?speaker=Blinken"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-API-Key": "wrong"},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TEST_API_KEY}"},  # right key, wrong scheme
        {"Authorization": "Bearer"},
        {"X-API-Key": ""},
    ],
    ids=["none", "wrong-header", "wrong-bearer", "basic-scheme", "empty-bearer", "empty-header"],
)
def test_missing_or_wrong_key_is_401_with_www_authenticate(
    api: httpx.Client, headers: dict[str, str]
) -> None:
    for response in (
        api.post("/api/v1/cypher", json=CYPHER, headers=headers),
        api.delete("/api/v1/articles/article:0000000000000000", headers=headers),
        api.post("/api/v1/articles", json={"text": "Some text."}, headers=headers),
    ):
        assert response.status_code == 401, response.text
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert "key" in response.json()["detail"].lower()


@pytest.mark.parametrize(
    "headers",
    [
        {"X-API-Key": TEST_API_KEY},
        {"Authorization": f"Bearer {TEST_API_KEY}"},
        {"x-api-key": TEST_API_KEY},
    ],
    ids=["x-api-key", "bearer", "lower-case-header"],
)
def test_configured_key_is_accepted_in_either_header(
    api: httpx.Client, headers: dict[str, str]
) -> None:
    response = api.post("/api/v1/cypher", json=CYPHER, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [[1]]


def test_reads_are_open_by_default(api: httpx.Client) -> None:
    assert api.get(READ_PATH).status_code == 200


def test_sha256_hashed_key_in_config_accepts_the_plain_key(live_server: LiveServer) -> None:
    secret = "hashed-secret-4711"
    digest = hashlib.sha256(secret.encode()).hexdigest()
    settings = live_server.settings.model_copy(update={"api_keys": [f"sha256:{digest}"]})
    with serve_app(settings) as server, server.client() as client:
        ok = client.post("/api/v1/cypher", json=CYPHER, headers={"X-API-Key": secret})
        as_stored = client.post(
            "/api/v1/cypher", json=CYPHER, headers={"X-API-Key": f"sha256:{digest}"}
        )
        old_key = client.post("/api/v1/cypher", json=CYPHER, headers={"X-API-Key": TEST_API_KEY})
    assert ok.status_code == 200, ok.text
    assert as_stored.status_code == 401  # the digest itself is not a key
    assert old_key.status_code == 401


def test_reads_need_a_key_when_configured(live_server: LiveServer) -> None:
    settings = live_server.settings.model_copy(update={"require_key_for_reads": True})
    with serve_app(settings) as server, server.client() as client:
        without = client.get(READ_PATH)
        with_key = client.get(READ_PATH, headers={"Authorization": f"Bearer {TEST_API_KEY}"})
        health = client.get("/health")
    assert without.status_code == 401
    assert "WWW-Authenticate" in without.headers
    assert with_key.status_code == 200, with_key.text
    assert health.status_code == 200  # liveness stays open for orchestrators


def test_no_configured_keys_refuses_every_write(live_server: LiveServer) -> None:
    settings = live_server.settings.model_copy(update={"api_keys": []})
    with serve_app(settings) as server, server.client() as client:
        response = client.post("/api/v1/cypher", json=CYPHER, headers={"X-API-Key": ""})
    assert response.status_code == 401
    assert "none configured" in response.json()["detail"]


@pytest.mark.parametrize(
    ("headers", "valid"),
    [
        ({"Authorization": "Bearer k1"}, True),
        ({"AUTHORIZATION": "bearer k1"}, True),
        ({"X-Api-Key": "k1"}, True),
        ({"X-API-Key": "nope", "Authorization": "Bearer k1"}, True),
        ({"X-API-Key": "k2"}, False),
        ({}, False),
    ],
)
def test_key_is_valid_reads_any_header_mapping(headers: dict[str, str], valid: bool) -> None:
    assert key_is_valid(Settings(api_keys=["k1"]), headers) is valid
