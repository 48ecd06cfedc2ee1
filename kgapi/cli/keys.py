"""`kgapi keys create|list|revoke`: API keys with scopes, stored as hashes in the keys file."""

from __future__ import annotations

import click

from kgapi.access.keys import KeyFile, KeyFileError, parse_scopes


def _key_file() -> KeyFile:
    from kgapi.config import Settings

    return KeyFile(Settings().key_file_path)


@click.group()
def keys() -> None:
    """API keys with scopes: read, write (ingest, delete), cypher (POST /api/v1/cypher).

    Keys live in KGAPI_KEYS_FILE (default <KGAPI_HOME>/keys.json) as sha256 hashes; a
    running API picks up changes without a restart. KGAPI_API_KEYS keys have every scope.
    """


@keys.command()
@click.option(
    "--scope",
    "scope_text",
    required=True,
    help="Comma-separated scopes: read, write, cypher (e.g. --scope read,cypher).",
)
@click.option("--name", default=None, help="A name to recognise the key by (default: key-<id>).")
def create(scope_text: str, name: str | None) -> None:
    """Create a key and print it ONCE: only its hash is stored, it cannot be shown again."""
    try:
        scopes = parse_scopes(scope_text)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--scope") from exc
    key_file = _key_file()
    try:
        record, secret = key_file.create(name, scopes)
    except (ValueError, KeyFileError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(secret)
    click.echo(
        f"key {record.id} ({record.name}), scopes {','.join(s.value for s in record.scopes)}, "
        f"stored as a hash in {key_file.path}: copy the key now, it is not shown again.",
        err=True,
    )


@keys.command(name="list")
def list_keys() -> None:
    """List keys: id, name, scopes, created (never the key itself)."""
    key_file = _key_file()
    try:
        stored = key_file.load()
    except KeyFileError as exc:
        raise click.ClickException(str(exc)) from exc
    if not stored:
        click.echo(f"no keys in {key_file.path}", err=True)
        return
    for key in stored:
        scopes = ",".join(s.value for s in key.scopes)
        click.echo(
            f"{key.id}\t{key.name}\t{scopes}\t{key.created_at.isoformat(timespec='seconds')}"
        )


@keys.command()
@click.argument("key")
def revoke(key: str) -> None:
    """Revoke the key with this id or name; the API refuses it from its next request."""
    key_file = _key_file()
    try:
        removed = key_file.revoke(key)
    except (KeyFileError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    if removed is None:
        raise click.ClickException(f"no key with id or name {key!r}: see `kgapi keys list`")
    click.echo(f"revoked key {removed.id} ({removed.name})")
