"""API keys with scopes, stored as hashes.

Two sources of keys, both answering "which key is this, and what may it do?":

- the keys file (`Settings.keys_file`, default `<KGAPI_HOME>/keys.json`), written by
  `kgapi keys create/revoke`: each key has an id, a name, its scopes and the sha256 of
  the secret — the secret itself is printed once by `create` and stored nowhere;
- `KGAPI_API_KEYS` (plain or `sha256:<hex>`), the older single list: every key there has
  all scopes, as before scopes existed.

Why a file and not Neo4j: `/cypher` lets a key holder read the graph, so key hashes in
the graph would be readable by every analyst (and wiped with the graph); a file beside the
managed server's password stays outside everything the API serves, needs no Neo4j round
trip per request, and works while Neo4j is down. A plain sha256 (no salt, no slow hash)
is enough because the secrets are 256 random bits, not passwords: there is no dictionary
to try.
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, Field, TypeAdapter

logger = logging.getLogger(__name__)


class Scope(enum.StrEnum):
    """What a key may do: `read` the API (when reads need a key), `write` (ingest,
    delete), `cypher` (run read-only Cypher)."""

    READ = "read"
    WRITE = "write"
    CYPHER = "cypher"


ALL_SCOPES = frozenset(Scope)
SECRET_PREFIX = "kgapi_"


class StoredKey(BaseModel):
    """One key in the keys file: never the secret, only its digest."""

    id: str
    name: str
    scopes: list[Scope]
    sha256: str
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))


_KEY_LIST = TypeAdapter(list[StoredKey])


@dataclass(frozen=True)
class Principal:
    """Who a request is, once its key is recognised: the key's id, name and scopes."""

    key_id: str
    name: str
    scopes: frozenset[Scope]

    def missing(self, scope: Scope) -> bool:
        return scope not in self.scopes


class KeyFileError(Exception):
    """The keys file is unreadable or malformed; the message says which file and why."""


def digest(secret: str) -> str:
    """The sha256 hex digest a key is stored and compared as."""
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_scopes(text: str) -> list[Scope]:
    """`"read,cypher"` → [Scope.READ, Scope.CYPHER]; ValueError naming the bad scope."""
    scopes: list[Scope] = []
    for part in text.replace(" ", ",").split(","):
        if not part:
            continue
        try:
            scope = Scope(part.strip().lower())
        except ValueError:
            allowed = ", ".join(s.value for s in Scope)
            raise ValueError(f"unknown scope {part!r}: use {allowed}") from None
        if scope not in scopes:
            scopes.append(scope)
    if not scopes:
        raise ValueError("a key needs at least one scope: read, write, cypher")
    return scopes


class KeyFile:
    """The keys file: read, create, revoke. Writes are atomic (a temp file renamed over
    the old one) and the file is private to its owner (0600)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[StoredKey]:
        """Every stored key; an absent file holds none."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise KeyFileError(f"cannot read the keys file {self.path}: {exc}") from exc
        try:
            return _KEY_LIST.validate_json(raw or b"[]")
        except ValueError as exc:
            raise KeyFileError(f"the keys file {self.path} is malformed: {exc}") from exc

    def _save(self, keys: list[StoredKey]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps([k.model_dump(mode="json") for k in keys], indent=2) + "\n"
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keys.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(data)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def create(self, name: str | None, scopes: list[Scope]) -> tuple[StoredKey, str]:
        """A new key: its stored record and the secret (shown once, stored nowhere).
        Without a name it is called `key-<id>`."""
        keys = self.load()
        if name and any(k.name == name for k in keys):
            raise ValueError(f"a key named {name!r} exists already: revoke it or pick another name")
        secret = SECRET_PREFIX + secrets.token_urlsafe(32)
        key_id = secrets.token_hex(4)
        record = StoredKey(
            id=key_id, name=name or f"key-{key_id}", scopes=list(scopes), sha256=digest(secret)
        )
        self._save([*keys, record])
        return record, secret

    def revoke(self, id_or_name: str) -> StoredKey | None:
        """Remove the key with this id or name; None when there is none."""
        keys = self.load()
        for key in keys:
            if id_or_name in (key.id, key.name):
                self._save([k for k in keys if k is not key])
                return key
        return None


def configured_digests(api_keys: list[str]) -> list[str]:
    """`KGAPI_API_KEYS` entries (plain or `sha256:<hex>`) as digests."""
    return [
        k.removeprefix("sha256:").lower() if k.startswith("sha256:") else digest(k)
        for k in api_keys
    ]


class KeyRing:
    """The keys an API process accepts: `KGAPI_API_KEYS` (all scopes) and the keys file,
    re-read when the file changes, so `kgapi keys revoke` takes effect without a restart."""

    def __init__(self, api_keys: list[str], key_file: KeyFile) -> None:
        self._configured = {
            d: Principal(key_id=f"config-{d[:8]}", name="KGAPI_API_KEYS", scopes=ALL_SCOPES)
            for d in configured_digests(api_keys)
        }
        self._file = key_file
        self._stamp: tuple[int, int] | None = None
        self._stored: dict[str, Principal] = {}

    def _refresh(self) -> None:
        try:
            stat = self._file.path.stat()
            stamp: tuple[int, int] | None = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if stamp == self._stamp:
            return
        try:
            keys = self._file.load() if stamp else []
        except KeyFileError as exc:
            # Fail closed: no key of a broken file is accepted (401, not 500), and say why.
            logger.error("%s: its keys are refused until it is fixed", exc)
            keys = []
        self._stored = {
            k.sha256: Principal(key_id=k.id, name=k.name, scopes=frozenset(k.scopes)) for k in keys
        }
        self._stamp = stamp

    def has_keys(self) -> bool:
        """Whether any key is accepted at all (the 401 message says so when none is)."""
        self._refresh()
        return bool(self._configured or self._stored)

    def lookup(self, secret: str) -> Principal | None:
        """The key's principal, or None. Looked up by digest: timing can only tell about
        a digest, which an attacker cannot steer towards a stored one."""
        if not secret:
            return None
        self._refresh()
        found = digest(secret)
        return self._stored.get(found) or self._configured.get(found)
