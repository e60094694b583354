"""`usashoes completion SHELL` prints a script that answers the command tree without Python."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes.cli.app import app

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("small_catalog")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "BASH"])
def test_completion_prints_a_script_and_edits_no_file(shell: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = runner.invoke(app, ["completion", shell], env={"HOME": str(home), "XDG_CONFIG_HOME": str(home)})
    assert result.exit_code == 0, result.stderr
    assert "usashoes completion" in result.stdout and "list" in result.stdout and "made-in-usa" in result.stdout
    assert list(home.iterdir()) == []


def test_completion_refuses_an_unknown_shell_in_one_line() -> None:
    result = runner.invoke(app, ["completion", "tcsh"])
    assert result.exit_code == 2 and "tcsh" in result.stderr and "bash" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


def test_completion_is_in_help() -> None:
    assert "completion" in runner.invoke(app, ["--help"]).stdout
    assert "edits no file" in " ".join(runner.invoke(app, ["completion", "--help"]).stdout.split())


@pytest.fixture
def bash_tab(tmp_path: Path):
    """TAB in a real bash with the printed script; also says whether usashoes (Python) was started."""
    if shutil.which("bash") is None:
        pytest.skip("no bash")
    script = tmp_path / "usashoes.bash"
    script.write_text(runner.invoke(app, ["completion", "bash"]).stdout, encoding="utf-8")
    started = tmp_path / "started"
    program = tmp_path / "usashoes"
    program.write_text(f'#!/bin/sh\ntouch "{started}"\nexec "{sys.executable}" -m usashoes "$@"\n', encoding="utf-8")
    program.chmod(0o755)

    def tab(*words: str) -> tuple[list[str], bool]:
        started.unlink(missing_ok=True)
        quoted = " ".join("'" + word.replace("'", "'\\''") + "'" for word in words)
        code = (
            f"source '{script}'\nCOMP_WORDS=({quoted})\nCOMP_CWORD={len(words) - 1}\n"
            f"_usashoes_completion '{program}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n"
        )
        done = subprocess.run(["bash", "-c", code], capture_output=True, text=True, check=False, env=os.environ)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        return [word for word in done.stdout.split("\n") if word], started.exists()

    return tab


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            ("usashoes", ""),
            ["catalog", "compare", "completion", "config", "explain", "filter", "help", "list", "recommend"],
        ),
        (("usashoes", "LI"), ["list"]),
        (("usashoes", "list", "--ori"), ["--origin"]),
        (("usashoes", "list", "--origin", "MA"), ["made-in-usa"]),
        (("usashoes", "list", "--brand", "x", "--support", ""), ["neutral", "stability", "motion-control"]),
        (("usashoes", "--catalog", "x.yaml", "catalog", ""), ["info", "publish", "update", "validate"]),
        (("usashoes", "catalog", "validate", "--f"), ["--format"]),
        (("usashoes", "completion", ""), ["bash", "zsh", "fish"]),
        (("usashoes", "list", "--size", ""), []),
    ],
)
def test_commands_options_and_choices_complete_without_python(bash_tab, words, expected) -> None:
    offered, started = bash_tab(*words)
    assert offered[: len(expected)] == expected and not started


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("usashoes", "show", "NB-990"), "nb-990v6"),
        (("usashoes", "compare", "nb-990v6", "nb-99"), "nb-993"),
        (("usashoes", "list", "--brand", "bro"), "Brooks"),
        (("usashoes", "explain", "CA"), "california"),
    ],
)
def test_catalog_values_are_asked_of_usashoes(bash_tab, words, expected) -> None:
    offered, started = bash_tab(*words)
    assert expected in offered and started


def test_a_candidate_bash_could_glob_stays_one_literal_word(bash_tab, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # files here would be what `*` expands to
    offered, _ = bash_tab("usashoes", "list", "--brand", "")
    assert offered and "usashoes.bash" not in offered and "started" not in offered


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_parse(shell: str) -> None:
    if shutil.which(shell) is None:
        pytest.skip(f"no {shell}")
    text = runner.invoke(app, ["completion", shell]).stdout
    done = subprocess.run([shell, "-n"], input=text, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
