"""Export the GraphQL schema as SDL: `python -m kgapi.api.graphql.sdl [PATH]`.

Writes `schema/schema.graphql` by default; `tests/unit/test_schema_sdl.py` fails when the
committed file differs from what the code builds.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kgapi.api.graphql.schema import build_schema
from kgapi.config import Settings

DEFAULT_PATH = Path("schema/schema.graphql")
REGENERATE = ".venv/bin/python -m kgapi.api.graphql.sdl"


def sdl() -> str:
    """The schema's SDL, as exported (limits and settings do not change it)."""
    return build_schema(Settings()).as_str() + "\n"


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_PATH
    path.write_text(sdl(), encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
