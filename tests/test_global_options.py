"""Global options anywhere: `usashoes list --catalog x` as well as `usashoes --catalog x list`,
`--no-pager` before the command, and `--catalog -` reading the catalog from stdin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.cli.running import global_options_first
from usashoes.errors import ExitCode

runner = CliRunner()

SMALL = Path(__file__).parent / "fixtures" / "small.yaml"

ONE = """\
schema_version: 1
models:
  - {id: acme-one, brand: Acme, name: One, msrp: {usd: 150, year: 2026}, confidence: high, sources: [https://e.com/1]}
"""

PATCH = "schema_version: 1\nmodels:\n  - {id: acme-one, msrp: {usd: 99, year: 2026}}\n"


def run(*args: str, code: ExitCode = ExitCode.OK, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def ids(text: str) -> list[str]:
    return [record["id"] for record in json.loads(text)]


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--catalog", "{one}", "--json"],
        ["list", "--json", "--catalog={one}"],
        ["list", "--no-cache", "--json", "--catalog", "{one}"],
        ["filter", "--catalog", "{one}", "--json", "--no-pager"],
        ["search", "one", "--catalog", "{one}", "--json"],
    ],
)
def test_global_options_after_the_command(tmp_path: Path, args: list[str]) -> None:
    one = write(tmp_path, "one.yaml", ONE)
    result = run(*[arg.replace("{one}", one) for arg in args])
    assert ids(result.stdout) == ["acme-one"]


def test_add_catalog_after_the_command(tmp_path: Path) -> None:
    one, patch = write(tmp_path, "one.yaml", ONE), write(tmp_path, "patch.yaml", PATCH)
    before = run("--catalog", one, "--add-catalog", patch, "show", "acme-one", "--json").stdout
    after = run("show", "acme-one", "--json", "--add-catalog", patch, "--catalog", one).stdout
    assert before == after and json.loads(after)["msrp_usd"] == 99


def test_catalog_subcommands_take_global_options_after_them(tmp_path: Path) -> None:
    one = write(tmp_path, "one.yaml", ONE)
    result = run("catalog", "info", "--catalog", one, "--json")
    assert json.loads(result.stdout)["path"] == one


@pytest.mark.parametrize("args", [["--no-pager", "list"], ["--no-pager", "catalog", "validate"], ["--no-pager"]])
def test_no_pager_before_the_command(args: list[str]) -> None:
    run("--catalog", str(SMALL), *args)


def test_no_pager_before_the_command_reaches_it() -> None:
    group = typer.main.get_command(app)
    assert global_options_first(group, ["--no-pager", "list", "--all"]) == ["--no-pager", "list", "--all", "--no-pager"]
    assert global_options_first(group, ["--no-pager", "search", "--", "-x"]) == [
        "--no-pager",
        "search",
        "--no-pager",
        "--",
        "-x",
    ]
    # catalog validate has no pager: nothing is passed on, nothing fails
    assert global_options_first(group, ["--no-pager", "catalog", "validate"]) == ["--no-pager", "catalog", "validate"]


def test_words_after_a_double_dash_are_never_moved() -> None:
    group = typer.main.get_command(app)
    assert global_options_first(group, ["search", "--", "--catalog", "x"]) == ["search", "--", "--catalog", "x"]


def test_a_global_option_without_its_value_is_a_usage_error() -> None:
    result = run("list", "--add-catalog", code=ExitCode.USAGE)
    assert result.stdout == "" and "'--add-catalog' requires an argument" in result.stderr


def test_help_says_global_options_may_follow_the_command() -> None:
    assert "may also follow the command" in run("--help").stdout


# --- --catalog - -------------------------------------------------------------------------------
def test_catalog_from_stdin(isolated_environment: Path) -> None:
    result = run("--catalog", "-", "list", "--json", input=ONE)
    assert ids(result.stdout) == ["acme-one"]
    assert run("list", "--catalog", "-", "--json", input=ONE).stdout == result.stdout
    assert not any(isolated_environment.iterdir()), "a catalog read from stdin is never cached"


def test_catalog_from_stdin_with_an_overlay(tmp_path: Path) -> None:
    patch = write(tmp_path, "patch.yaml", PATCH)
    shown = json.loads(run("--catalog", "-", "--add-catalog", patch, "show", "acme-one", "--json", input=ONE).stdout)
    assert shown["msrp_usd"] == 99 and shown["overlay_fields"] == {"msrp": patch}


def test_a_bad_catalog_on_stdin_is_located_as_stdin() -> None:
    result = run("--catalog", "-", "list", input="schema_version: 1\nmodels: [\n", code=ExitCode.CATALOG_INVALID)
    assert result.stdout == "" and result.stderr.startswith("<stdin>:"), result.stderr


def test_an_empty_stdin_is_an_empty_catalog_error() -> None:
    result = run("--catalog", "-", "list", input="", code=ExitCode.CATALOG_INVALID)
    assert result.stderr.startswith("<stdin>: ") and "empty" in result.stderr, result.stderr


def test_color_after_the_command(tmp_path: Path) -> None:
    one = write(tmp_path, "one.yaml", ONE)
    result = run("list", "--format", "table", "--color", "always", "--catalog", one)
    assert "\x1b[" in result.stdout
    assert "\x1b[" not in run("list", "--format", "table", "--color=never", "--catalog", one).stdout
    run("list", "--color", "bogus", "--catalog", one, code=ExitCode.USAGE)
