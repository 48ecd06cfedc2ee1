"""What every part of the managed server shares: the error it raises and how it reports progress.

The library returns and raises; it never prints. Long steps (fetching jars, waiting for Bolt,
stopping) report what they are doing through a `Progress` callback that the caller supplies:
the CLI shows it in a spinner, tests pass nothing.
"""

from __future__ import annotations

from collections.abc import Callable

LOOPBACK = "127.0.0.1"

Progress = Callable[[str], None]
"""Called with a one-line description of the step in progress (may be called often)."""


def no_progress(message: str) -> None:
    """The default `Progress`: report nothing."""


class Neo4jServerError(RuntimeError):
    """The managed server could not be set up, started or stopped; `hint` says how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
