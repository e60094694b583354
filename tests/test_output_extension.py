"""-o PATH picks the format from its extension (or refuses a contradiction); Markdown on an ASCII-only stdout."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.cli.app import app
from usashoes.errors import ExitCode

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("small_catalog")


def run(*args: str, code: ExitCode = ExitCode.OK):
    result = runner.invoke(app, list(args))
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def _ids() -> list[str]:
    return [record["id"] for record in json.loads(run("list", "--json").stdout)]


@pytest.mark.parametrize("name", ["out.json", "OUT.JSON"])
def test_json_extension_writes_json(tmp_path: Path, name: str) -> None:
    """`-o out.json` silently wrote tab-separated lines."""
    target = tmp_path / name
    assert run("list", "-o", str(target)).stdout == ""
    assert [record["id"] for record in json.loads(target.read_text(encoding="utf-8"))] == _ids()


@pytest.mark.parametrize("name", ["out.jsonl", "out.ndjson"])
def test_jsonl_extension_writes_json_lines(tmp_path: Path, name: str) -> None:
    run("list", "-o", str(tmp_path / name))
    lines = (tmp_path / name).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == _ids()


def test_csv_extension_writes_csv_with_a_header(tmp_path: Path) -> None:
    run("list", "-o", str(tmp_path / "out.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == _ids()


def test_csv_extension_with_fields(tmp_path: Path) -> None:
    run("list", "--fields", "id,msrp_usd", "-o", str(tmp_path / "out.csv"))
    header = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "id,msrp_usd"


@pytest.mark.parametrize("args", [["list"], ["compare", "990v5", "993"], ["catalog", "info"], ["explain"]])
def test_md_extension_writes_markdown(tmp_path: Path, args: list[str]) -> None:
    run(*args, "-o", str(tmp_path / "out.md"))
    text = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "|---" in text or "| ---" in text or text.lstrip().startswith("#"), text[:200]


def test_other_extensions_keep_lines(tmp_path: Path) -> None:
    run("list", "-o", str(tmp_path / "out.txt"))
    first = (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines()[0]
    assert first.split("\t")[0] == _ids()[0]


@pytest.mark.parametrize(
    ("options", "name", "said"),
    [
        (["--format", "lines"], "out.json", "--format lines and -o"),
        (["--json"], "out.csv", "--json and -o"),
        (["--format", "csv"], "out.md", "(.md means markdown)"),
        (["-f", "table"], "out.JSONL", "(.JSONL means jsonl)"),
    ],
)
def test_a_format_that_contradicts_the_extension_is_a_usage_error(
    tmp_path: Path, options: list[str], name: str, said: str
) -> None:
    target = tmp_path / name
    result = run("list", *options, "-o", str(target), code=ExitCode.USAGE)
    assert said in result.stderr and str(target) in result.stderr and len(result.stderr.splitlines()) == 1
    assert result.stdout == "" and not target.exists()


def test_an_agreeing_format_is_fine(tmp_path: Path) -> None:
    run("list", "--json", "-o", str(tmp_path / "a.json"))
    run("list", "--format", "jsonl", "-o", str(tmp_path / "a.jsonl"))
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("args", [["compare", "990v5", "993"], ["recommend"], ["catalog", "info"]])
def test_an_extension_the_command_cannot_write_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "out.csv"
    result = run(*args, "-o", str(target), code=ExitCode.USAGE)
    assert "does not write csv" in result.stderr and "table, lines, json, markdown" in result.stderr
    assert not target.exists()


def test_stdout_dash_is_unaffected() -> None:
    assert run("list", "-o", "-").stdout.splitlines()[0].split("\t")[0] == _ids()[0]


@pytest.mark.parametrize("args", [["list"], ["show", "990v5"], ["compare", "990v5", "993"], ["explain"]])
def test_markdown_on_an_ascii_only_stdout_transliterates(args: list[str]) -> None:
    """The README promises `-` for `—` on an ASCII-only stdout; Markdown printed `\\u2014`."""
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "usashoes", *args, "--format", "markdown"],
        capture_output=True,
        timeout=30,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == ExitCode.OK, done.stderr
    assert done.stdout.isascii() and b"\\u" not in done.stdout and b"|" in done.stdout
    utf8 = subprocess.run(
        [sys.executable, "-m", "usashoes", *args, "--format", "markdown"],
        capture_output=True,
        timeout=30,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    if "\u2014".encode() in utf8.stdout:  # the case needs a dash to transliterate
        assert b" - " in done.stdout or b"| - |" in done.stdout


def test_markdown_to_a_file_keeps_unicode(tmp_path: Path) -> None:
    """A file is written as UTF-8 whatever stdout's encoding: no transliteration there."""
    run("list", "-o", str(tmp_path / "out.md"))
    assert "\u2014" in (tmp_path / "out.md").read_text(encoding="utf-8")
