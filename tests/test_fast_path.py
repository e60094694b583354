"""The fast path (cli/fast.py) answers exactly as the Typer app does, or leaves the line to it.

Two guarantees: its option table is the Typer app's (names, flags, repeatable, words), and a
command line it accepts prints the same bytes on stdout and stderr with the same exit code.
"""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from usashoes.cli import fast
from usashoes.cli.app import app, app_for

pytestmark = pytest.mark.usefixtures("small_catalog")


def _captured(run: Callable[[], int | None]) -> tuple[int | None, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = run()
    except SystemExit as done:
        code = int(done.code or 0)
    finally:
        sys.stdout, sys.stderr = saved
    return code, out.getvalue(), err.getvalue()


def by_typer(args: list[str]) -> tuple[int | None, str, str]:
    return _captured(lambda: app_for(args)(args=args, prog_name="usashoes"))


def by_fast_path(args: list[str]) -> tuple[int | None, str, str]:
    return _captured(lambda: fast.answer(args))


# --- the option table is the Typer app's --------------------------------------------------------
def _click_group() -> typer.main.TyperGroup:
    return typer.main.get_command(app)  # type: ignore[return-value]


def _table(params: list[object]) -> dict[str, tuple[str, bool, bool]]:
    """Each option string: (parameter, is a flag, repeatable)."""
    table = {}
    for param in params:
        if getattr(param, "param_type_name", "") != "option" or getattr(param, "hidden", False):
            continue
        for opt in param.opts:  # type: ignore[attr-defined]
            table[opt] = (param.name, bool(param.is_flag), bool(param.multiple))  # type: ignore[attr-defined]
    return table


def _spec(options: dict[str, fast.Option]) -> dict[str, tuple[str, bool, bool]]:
    return {name: (option.param, option.read is fast.FLAG, option.multiple) for name, option in options.items()}


@pytest.mark.parametrize("name", sorted(fast.COMMANDS))
def test_each_command_has_the_typer_apps_options_and_words(name: str) -> None:
    command = _click_group().commands[name]
    spec = fast.COMMANDS[name]
    assert _spec(spec.options) == _table(command.params)
    words = [param for param in command.params if getattr(param, "param_type_name", "") == "argument"]
    assert [param.name for param in words] == ([spec.words] if spec.words else [])
    assert [param.nargs == -1 for param in words] == ([spec.many] if spec.words else [])


def test_the_global_options_are_the_groups_but_version_help_and_completion() -> None:
    group = _table(_click_group().params)
    left_to_typer = {"--version", "-V", "--install-completion", "--show-completion"}
    assert set(group) - set(fast.GLOBAL) == left_to_typer
    assert _spec(fast.GLOBAL) == {name: row for name, row in group.items() if name not in left_to_typer}


def test_the_mirror_check_can_fail() -> None:
    """A fast-path option the Typer app does not have (or reads differently) is seen."""
    options = dict(fast.COMMANDS["show"].options)
    options["--only-diff"] = fast.Option("only_diff", fast.FLAG)
    assert _spec(options) != _table(_click_group().commands["show"].params)
    options = dict(fast.COMMANDS["show"].options)
    options["--json"] = fast.Option("as_json", str)
    assert _spec(options) != _table(_click_group().commands["show"].params)


# --- same bytes, same exit code -------------------------------------------------------------
ACCEPTED = [
    ["list"],
    ["list", "--json"],
    ["list", "--all", "--format", "csv"],
    ["filter", "--origin", "made-in-usa", "--origin", "ASSEMBLED-IN-USA", "--sort", "weight", "--reverse"],
    ["list", "--max-weight", "14oz", "--size", "W8", "--fields", "id,weight_g", "--format", "jsonl"],
    ["list", "--width", "EEEE", "--all", "-f", "lines"],
    ["list", "--max-price=200", "--activity", "walking", "--json"],
    ["list", "--status", "current", "--brand", "nb", "--limit", "2", "--format", "markdown"],
    ["list", "--min-drop", "8mm", "--max-drop", "12", "--format", "table"],
    ["list", "--origin", "imported", "--format", "table"],
    ["list", "--max-price", "1", "--format", "table"],  # nothing found: the message on stderr
    ["list", "--max-price", "1", "--json"],
    ["list", "--fields", "nope", "--json"],  # an unknown field: the error names the valid ones
    ["--no-cache", "list", "--json"],
    ["list", "--json", "--no-cache", "--color", "never"],
    ["--no-pager", "list", "--format", "table"],
    ["search", "990v5"],
    ["search", "new balnce 993", "--json"],
    ["search", "brooks adrenaline", "--format", "table"],
    ["search", "zzzzqqq", "--json"],
    ["search", "zzzzqqq", "--format", "table"],
    ["show", "990v5"],
    ["show", "nb-993", "--json"],
    ["show", "990v5", "--format", "table", "--size", "M10"],
    ["show", "shoe"],  # a generic word resolves to nothing
    ["show", "no-such-model", "--json"],
    ["compare", "990v5", "993"],
    ["compare", "990v5", "993", "1540v3", "--only-diff", "--format", "table"],
    ["compare", "990v5", "993", "--json"],
    ["compare", "990v5"],  # one model: a usage error from the body
    ["recommend"],
    ["recommend", "--activity", "running", "--max-price", "200", "--format", "table"],
    ["recommend", "--like", "brooks adrenaline", "--json"],
    ["recommend", "--activity", "walking", "--width", "4E", "--max-weight", "14oz", "--size", "M10"],
    ["recommend", "--any-status", "--status", "current"],  # both: a usage error from the body
    ["recommend", "--origin", "imported"],  # never a pick: a usage error from the body
    ["recommend", "--origin", "assembled-in-usa", "--limit", "1", "--format", "markdown"],
    ["list", "--catalog", "/nonexistent/catalog.yaml", "--json"],
    ["--catalog=/nonexistent/catalog.yaml", "show", "990v5"],
    ["list", "--add-catalog", "/nonexistent/overlay.yaml"],
]


@pytest.mark.parametrize("args", ACCEPTED, ids=" ".join)
def test_an_accepted_line_prints_what_the_typer_app_prints(args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert fast.parse(args) is not None, "the fast path should answer this line"
    assert by_fast_path(args) == by_typer(args)


LEFT_TO_TYPER = [
    [],
    ["--help"],
    ["list", "--help"],
    ["list", "-h"],
    ["--version", "list"],
    ["--json", "list"],  # a command's option before the command: typer's usage error
    ["lst"],
    ["explain"],
    ["list", "--bogus"],
    ["list", "--limit", "0"],
    ["list", "--limit", "+1"],
    ["list", "--origin", "nowhere"],
    ["list", "--max-weight", "heavy"],
    ["list", "--max-drop", "-1"],
    ["list", "--size", "XL"],
    ["list", "--color", "sometimes"],
    ["list", "--json", "--json"],
    ["list", "--json=yes"],
    ["list", "-fjson"],
    ["list", "--format"],
    ["list", "stray"],
    ["search"],
    ["search", "a", "b"],
    ["show"],
    ["compare"],
    ["compare", "--", "990v5", "993"],
    ["recommend", "--brand", "nb"],  # list's option, not recommend's
]


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=" ".join)
def test_a_line_it_does_not_fully_understand_is_left_to_typer(args: list[str]) -> None:
    assert fast.parse(args) is None
    assert fast.answer(args) is None


def test_the_comparison_can_fail() -> None:
    """Two different lines do not compare equal: the capture sees stdout, stderr and the code."""
    assert by_fast_path(["list", "--json"]) != by_typer(["list", "--all", "--json"])
    assert by_fast_path(["compare", "990v5"])[0] == 2 != by_typer(["list"])[0]


_WORDS = st.sampled_from(
    [
        "list",
        "search",
        "show",
        "compare",
        "recommend",
        "990v5",
        "993",
        "nb",
        "--json",
        "--all",
        "--format",
        "json",
        "table",
        "csv",
        "LINES",
        "--origin",
        "made-in-usa",
        "imported",
        "--max-weight",
        "14oz",
        "400g",
        "--max-price",
        "200",
        "$150",
        "--width",
        "2E",
        "wide",
        "--sort",
        "weight",
        "price",
        "--limit",
        "2",
        "0",
        "--size",
        "W8",
        "--like",
        "--activity",
        "walking",
        "--status",
        "current",
        "--any-status",
        "--only-diff",
        "--fields",
        "id,name",
        "--no-pager",
        "--no-cache",
        "-f",
        "-",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORDS, min_size=1, max_size=7))
def test_any_line_is_answered_alike_or_left_to_typer(monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    if fast.parse(args) is not None:
        assert by_fast_path(args) == by_typer(args)


def test_the_installed_entry_point_takes_the_fast_path_without_typer() -> None:
    """`python -m usashoes list --json` answers with neither typer nor click loaded."""
    code = (
        "import runpy, sys; sys.argv = ['usashoes', 'list', '--json']\n"
        "try:\n    runpy.run_module('usashoes', run_name='__main__')\n"
        "except SystemExit as done:\n    assert not done.code, done.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'click'))\n"
        "sys.stderr.write(repr(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("[")
    assert done.stderr == "[]"


def test_a_completion_request_is_never_answered_as_a_command() -> None:
    """With _USASHOES_COMPLETE set, a TAB is completed even when argv names a command."""
    import os

    env = dict(os.environ, _USASHOES_COMPLETE="complete_bash", COMP_WORDS="usashoes li", COMP_CWORD="1")
    done = subprocess.run(
        [sys.executable, "-m", "usashoes", "list", "--json"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0
    assert "list" in done.stdout.split()
    assert not done.stdout.startswith("[")
