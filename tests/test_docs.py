"""Docs that cannot rot: README examples run, and every option is documented."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.errors import ExitCode

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
OUTPUT_DOC = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
# The README is the tour; docs/ and CONTRIBUTING.md hold the detail. Together they are the docs.
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "CONTRIBUTING.md"]
DOCS = "\n".join(path.read_text(encoding="utf-8") for path in DOC_FILES)


def _example_commands() -> list[str]:
    """Every `usashoes ...` line in the docs' shell blocks, without comments or pipes."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", DOCS, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("usashoes ") and "|" not in line and "my-shoes.yaml" not in line:
                commands.append(line)
    return commands


@pytest.mark.parametrize("command", _example_commands())
def test_readme_example_runs(command: str) -> None:
    """Each example in the README and docs/ works as written."""
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
    missing = sorted(option for option in options if f"`{option}" not in DOCS)
    assert not missing, f"the docs lack {missing}"


def test_every_exit_code_is_documented() -> None:
    """The exit-code table lists every ExitCode by name and number."""
    for code in ExitCode:
        assert f"| {code.value} | `{code.name}` |" in README


def test_every_json_record_field_is_in_the_readme_json_table() -> None:
    """The JSON contract's table names every record field: a field added to the field table
    reaches JSON and CSV by itself, and this keeps its documentation from being forgotten."""
    from usashoes.records import RECORD_FIELDS

    table = OUTPUT_DOC.split("## JSON contract", 1)[1].split("\n#", 1)[0]
    documented = {
        name
        for row in table.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`(\w+)`", row.split("|")[1])
    }
    missing = [name for name in RECORD_FIELDS if name not in documented]
    assert not missing, f"docs/output.md's JSON table lacks {missing}"


def test_the_readme_is_a_tour_a_newcomer_reads() -> None:
    """Install first, then commands, formats, exit codes, completion, configuration; short."""
    headings = [line for line in README.splitlines() if line.startswith("## ")]
    order = ["## Install", "## Ten commands", "## Output formats", "## Exit codes", "## Configuration"]
    assert [h for h in headings if h in order] == order
    assert len(README.splitlines()) <= 300
    for path in re.findall(r"`((?:docs/)?[A-Za-z]+\.md)`", README):
        assert (ROOT / path).is_file(), path
