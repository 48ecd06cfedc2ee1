"""The README tells the same story as the code: every command and setting is documented."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from kgapi.cli.main import cli
from kgapi.config import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def _env_name(field: str) -> str:
    alias = Settings.model_fields[field].validation_alias
    choices = getattr(alias, "choices", None)
    return str(choices[0]) if choices else f"KGAPI_{field.upper()}"


def _command_paths(group: click.Group, prefix: str = "kgapi") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths.extend(_command_paths(command, f"{prefix} {name}"))
        else:
            paths.append(f"{prefix} {name}")
    return paths


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented_in_the_readme(field: str) -> None:
    assert _env_name(field) in README, f"document {_env_name(field)} in README's Configuration"


@pytest.mark.parametrize("command", _command_paths(cli))
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    group, _, leaf = command.rpartition(" ")
    # Subcommands may be documented together, as in `kgapi neo4j start|stop|status`.
    assert command in README or (f"{group} " in README and leaf in README), (
        f"document `{command}` in the README"
    )


def test_readme_opens_with_the_two_commands_ci_runs() -> None:
    ci_script = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text()
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in first_block.strip().splitlines()]
    assert commands == ["make up", "make test"]
    assert "make test" in ci_script
