"""The managed server's password: generated once (or NEO4J_PASSWORD), set at first login.

Neo4j's first start has the user neo4j/neo4j with a forced password change; kgapi changes it
to its own password and from then on logs in with that one.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import neo4j
from neo4j import exceptions as neo4j_errors

from kgapi.graph.server.common import Neo4jServerError

_INITIAL_USER = ("neo4j", "neo4j")


def write_private(path: Path, text: str) -> None:
    """Write `text` to `path` readable by its owner only (0600), from the first byte on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    path.chmod(0o600)


def stored_password(password_file: Path) -> str:
    """The password saved in `password_file`; a new random one is made and saved if missing."""
    if password_file.exists():
        return password_file.read_text().strip()
    generated = secrets.token_urlsafe(24)
    write_private(password_file, generated + "\n")
    return generated


def _driver(bolt_uri: str, auth: tuple[str, str]) -> neo4j.Driver:
    return neo4j.GraphDatabase.driver(
        bolt_uri, auth=auth, connection_timeout=5, connection_acquisition_timeout=10
    )


def _return_one(bolt_uri: str, auth: tuple[str, str]) -> None:
    with (
        _driver(bolt_uri, auth) as driver,
        driver.session(default_access_mode=neo4j.READ_ACCESS) as session,
    ):
        session.run("RETURN 1").consume()


def change_initial_password(bolt_uri: str, password: str) -> bool:
    """Replace the first start's neo4j/neo4j with `password`; False if already changed."""
    try:
        with (
            _driver(bolt_uri, _INITIAL_USER) as driver,
            driver.session(database="system", default_access_mode=neo4j.WRITE_ACCESS) as session,
        ):
            session.run(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                old=_INITIAL_USER[1],
                new=password,
            ).consume()
    except neo4j_errors.AuthError:
        return False
    return True


def login(bolt_uri: str, user: str, password: str, *, fresh: bool, home: Path) -> None:
    """Set the initial password if needed, then check `RETURN 1` with `user`/`password`.

    Raises:
        Neo4jServerError: the database in `home` refuses the password (with how to fix it).
        neo4j.exceptions.Neo4jError, DriverError: the server is not ready yet (the caller
            retries).
    """
    if fresh and change_initial_password(bolt_uri, password):
        fresh = False
    try:
        _return_one(bolt_uri, (user, password))
        return
    except neo4j_errors.AuthError:
        if not change_initial_password(bolt_uri, password):
            raise Neo4jServerError(
                f"Neo4j in {home / 'data'} refuses kgapi's password for user {user!r}.",
                f"Set NEO4J_PASSWORD to the password of that database, or stop the server "
                f"and delete {home / 'data'} (and {home / 'password'}) to start empty.",
            ) from None
    _return_one(bolt_uri, (user, password))
