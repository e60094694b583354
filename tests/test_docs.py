"""Docs that cannot rot: README examples run, and every option is documented."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from usashoes.cli import app
from usashoes.errors import ExitCode

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _example_commands() -> list[str]:
    """Every `usashoes ...` line in the README's shell blocks, without comments or pipes."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("usashoes ") and "|" not in line and "my-shoes.yaml" not in line:
                commands.append(line)
    return commands


@pytest.mark.parametrize("command", _example_commands())
def test_readme_example_runs(command: str) -> None:
    """Each example in the README works as written."""
    result = CliRunner().invoke(app, shlex.split(command)[1:])
    assert result.exit_code == ExitCode.OK, f"{command}\n{result.stderr}"
    assert result.stdout.strip()


def _options(command: typer.main.TyperGroup) -> set[str]:
    found = set()
    for sub in getattr(command, "commands", {}).values():
        found |= _options(sub)
    for param in getattr(command, "params", []):
        found |= {name for name in param.opts if name.startswith("--") and name != "--help"}
    return found


def test_every_option_is_documented_in_the_readme() -> None:
    """An option that exists in --help is also explained in the README."""
    options = _options(typer.main.get_command(app)) - {"--install-completion", "--show-completion"}
    missing = sorted(option for option in options if f"`{option}" not in README)
    assert not missing, f"README lacks {missing}"


def test_every_exit_code_is_documented() -> None:
    """The exit-code table lists every ExitCode by name and number."""
    for code in ExitCode:
        assert f"| {code.value} | `{code.name}` |" in README


def test_every_json_record_field_is_in_the_readme_json_table() -> None:
    """The JSON contract's table names every record field: a field added to the field table
    reaches JSON and CSV by itself, and this keeps its documentation from being forgotten."""
    from usashoes.records import RECORD_FIELDS

    table = README.split("### JSON contract", 1)[1].split("\n#", 1)[0]
    documented = {
        name
        for row in table.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`(\w+)`", row.split("|")[1])
    }
    missing = [name for name in RECORD_FIELDS if name not in documented]
    assert not missing, f"README's JSON table lacks {missing}"
