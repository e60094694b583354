"""--help fits a screen and speaks plainly; `usashoes help` has the rest, and the man page is current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from usashoes import __version__
from usashoes.cli.app import app
from usashoes.errors import ExitCode

ROOT = Path(__file__).parents[1]
runner = CliRunner()


def _commands() -> list[list[str]]:
    def walk(command, path: list[str]) -> list[list[str]]:
        found = [path]
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            found.extend(walk(sub, [*path, name]))
        return found

    return walk(typer.main.get_command(app), [])


def run(*args: str, columns: int = 80):
    return runner.invoke(app, list(args), env={"COLUMNS": str(columns), "LINES": "24"})


@pytest.mark.parametrize("command", _commands(), ids=lambda c: " ".join(c) or "usashoes")
def test_help_fits_a_screen_and_names_no_internal_type(command: list[str]) -> None:
    """At 80 columns: at most ~50 lines, no line wider than 80, no '<str>' or '[x>=1]' from the framework."""
    done = run(*command, "--help")
    lines = done.stdout.splitlines()
    assert done.exit_code == ExitCode.OK
    assert len(lines) <= 52, f"{len(lines)} lines"
    assert max(len(line) for line in lines) <= 80
    assert not re.search(r"<(str|int|float|text)|\[x>=|\binteger range\b", done.stdout, re.IGNORECASE)


@pytest.mark.parametrize("columns", [40, 60, 80, 120])
@pytest.mark.parametrize("command", [["list"], ["recommend"], ["search"]])
def test_every_choice_is_printed_whole(command: list[str], columns: int) -> None:
    """'assembled-in-usa' never breaks across lines, at any width; each choice of each option is listed."""
    out = run(*command, "--help", columns=columns).stdout
    words = set(out.split())
    group = typer.main.get_command(app)
    sub = group.get_command(typer.Context(group), command[0])
    for param in sub.params:
        for choice in getattr(param.type, "choices", None) or ():
            value = str(getattr(choice, "value", choice))
            assert any(word.strip(",.;") == value for word in words), (param.name, value)
    assert max(len(line) for line in out.splitlines()) <= max(columns, 40)


def test_short_help_points_to_the_full_help_which_has_every_sentence() -> None:
    short = " ".join(run("list", "--help").stdout.split())
    full = " ".join(run("help", "list").stdout.split())
    sentence = "A weight known only as a lower bound never passes a maximum."
    assert "usashoes help list" in short and sentence not in short
    assert sentence in full and "usashoes list --all" in full


def test_help_exit_codes_lists_every_code() -> None:
    out = run("help", "exit-codes").stdout
    for code in ExitCode:
        assert re.search(rf"^\s*{int(code)}\s+{code.name}\s", out, re.MULTILINE), code.name


def test_help_of_a_sub_command_and_of_the_environment() -> None:
    assert "Usage: usashoes catalog info" in run("help", "catalog", "info").stdout
    assert "USASHOES_CATALOG" in run("help").stdout and "USASHOES_CATALOG" not in run("--help").stdout


def test_help_on_an_unknown_topic_is_a_usage_error_naming_the_topics() -> None:
    done = runner.invoke(app, ["help", "nope"])
    assert done.exit_code == ExitCode.USAGE and done.stdout == ""
    assert "'nope'" in done.stderr and "exit-codes" in done.stderr and len(done.stderr.splitlines()) == 1


def test_the_man_page_is_generated_from_the_app_and_current() -> None:
    """man/usashoes.1 ships in the sdist; regenerate it with `usashoes help man > man/usashoes.1`."""
    page = run("help", "man").stdout
    assert page.startswith(".TH USASHOES 1") and f"usashoes {__version__}" in page
    for heading in (".SH NAME", ".SH SYNOPSIS", ".SH EXIT STATUS", ".SH USASHOES LIST", ".SH USASHOES CATALOG INFO"):
        assert heading in page
    # A roff line starting with a dot or quote that is no request would vanish or break the page.
    assert all(not line.startswith("'") for line in page.splitlines())
    assert (ROOT / "man" / "usashoes.1").read_text(encoding="utf-8") == page, "run: usashoes help man > man/usashoes.1"
