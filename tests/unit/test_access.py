"""KGAPI_RATE_LIMITS parsing and the key ring, without a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgapi.access.keys import ALL_SCOPES, KeyFile, KeyFileError, KeyRing, Scope, parse_scopes
from kgapi.access.rate_limits import RouteClass, parse_rate_limits


def test_defaults_are_on() -> None:
    spec = parse_rate_limits("")
    assert spec is not None
    anonymous_reads = spec.limit_for(RouteClass.READS, None)
    assert anonymous_reads is not None
    # 20/second with bursts of 40: 40 requests per 2-second moving window.
    assert (anonymous_reads.amount, anonymous_reads.get_expiry()) == (40, 2)
    assert all(spec.limit_for(c, None) is not None for c in RouteClass)
    assert all(spec.limit_for(c, "any-key") is not None for c in RouteClass)


@pytest.mark.parametrize("text", ["off", "OFF", " off "])
def test_off_is_no_limits(text: str) -> None:
    assert parse_rate_limits(text) is None


@pytest.mark.parametrize(
    ("text", "who", "route", "amount", "seconds"),
    [
        ("anonymous.reads=5/s", None, RouteClass.READS, 5, 1),
        ("anonymous.reads = 5 per minute", None, RouteClass.READS, 5, 60),
        ("key.cypher=1/second burst 3", "k", RouteClass.CYPHER, 3, 3),
        ("key.*=100/h", "k", RouteClass.GRAPHQL, 100, 3600),
        ("key:dash.reads=7/m; key.reads=1/s", "dash", RouteClass.READS, 7, 60),
        ("key:dash.reads=7/m", "other", RouteClass.READS, 200, 2),  # the default
        ("anonymous.reads=2/second burst 5", None, RouteClass.READS, 5, 3),  # 2.5 s → 3
    ],
)
def test_entries_override_the_defaults(
    text: str, who: str | None, route: RouteClass, amount: int, seconds: int
) -> None:
    spec = parse_rate_limits(text)
    assert spec is not None
    item = spec.limit_for(route, who)
    assert item is not None
    assert (item.amount, item.get_expiry()) == (amount, seconds)


def test_a_class_can_be_unlimited_and_storage_set() -> None:
    spec = parse_rate_limits("anonymous.graphql=off; storage=redis://cache:6379")
    assert spec is not None
    assert spec.limit_for(RouteClass.GRAPHQL, None) is None
    assert spec.storage == "redis://cache:6379"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("reads=5/s", "is not WHO.CLASS=RATE"),
        ("everyone.reads=5/s", "is not WHO.CLASS=RATE"),
        ("anonymous.queries=5/s", "unknown class 'queries'"),
        ("anonymous.reads=fast", "is not a rate"),
        ("anonymous.reads=0/s", "at least 1"),
        ("anonymous.reads=5/s burst 0", "burst must be at least 1"),
    ],
)
def test_bad_entries_are_named(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_rate_limits(text)


def test_parse_scopes() -> None:
    assert parse_scopes("read, cypher,read") == [Scope.READ, Scope.CYPHER]
    with pytest.raises(ValueError, match="unknown scope"):
        parse_scopes("read,root")


def test_key_ring_knows_configured_and_stored_keys(tmp_path: Path) -> None:
    keys = KeyFile(tmp_path / "keys.json")
    record, secret = keys.create("analyst", [Scope.CYPHER])
    ring = KeyRing(["plain-key"], keys)
    stored = ring.lookup(secret)
    assert stored is not None and stored.scopes == {Scope.CYPHER} and stored.name == "analyst"
    configured = ring.lookup("plain-key")
    assert configured is not None and configured.scopes == ALL_SCOPES
    assert ring.lookup(record.sha256) is None  # the stored hash is not a key
    assert ring.lookup("") is None
    keys.revoke(record.id)
    assert ring.lookup(secret) is None  # re-read after the change


def test_malformed_keys_file_fails_closed_and_says_which(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    keys = KeyFile(tmp_path / "keys.json")
    _, secret = keys.create("analyst", [Scope.CYPHER])
    keys.path.write_text("{not json")
    ring = KeyRing(["plain-key"], keys)
    assert ring.lookup(secret) is None
    assert ring.lookup("plain-key") is not None  # KGAPI_API_KEYS still work
    assert str(keys.path) in caplog.text
    with pytest.raises(KeyFileError, match="malformed"):
        keys.load()
