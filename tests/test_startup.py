"""Startup hygiene: paths that don't need rich, rapidfuzz or the catalog don't load them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def _modules_after(*args: str, env: dict[str, str] | None = None) -> set[str]:
    """Run the CLI in a fresh interpreter and list the modules it imported."""
    code = (
        "import sys, json\n"
        "from usashoes.__main__ import main\n"
        f"sys.argv = ['usashoes', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('\\nMODULES=' + json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env={**os.environ, **(env or {})}
    )
    marker = done.stderr.rsplit("MODULES=", 1)
    assert len(marker) == 2, done.stderr
    return set(json.loads(marker[1]))


def test_list_json_does_not_import_rich(tmp_path) -> None:
    """`list --json` answers without importing rich (about 20 ms it does not need)."""
    modules = _modules_after("list", "--json", env={"USASHOES_CACHE_DIR": str(tmp_path)})
    assert "rich" not in modules and "rapidfuzz" not in modules


def test_version_imports_neither_typer_nor_the_catalog() -> None:
    """`--version` is answered before typer, yaml or the catalog are loaded."""
    modules = _modules_after("--version")
    assert not {"typer", "yaml", "usashoes.catalog.loader", "rich"} & modules


def test_version_names_the_catalog_without_json_or_hashlib(tmp_path) -> None:
    """Saying which catalog is in use costs --version no hashlib while no catalog is downloaded
    (json and re are the harness's own imports here; benchmarks/ times the real start)."""
    modules = _modules_after("--version", env={"USASHOES_DATA_DIR": str(tmp_path)})
    assert "usashoes.catalog.selection" in modules
    assert not {"hashlib", "usashoes.catalog.update", "usashoes.catalog.feed"} & modules


def test_no_command_but_catalog_update_loads_the_update_code(tmp_path) -> None:
    """The feed, urllib's network code and cryptography load only for `catalog update`."""
    modules = _modules_after("list", "--json", env={"USASHOES_CACHE_DIR": str(tmp_path)})
    assert not {"usashoes.catalog.update", "usashoes.catalog.feed", "urllib.request", "cryptography"} & modules


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"]])
def test_help_does_not_read_the_catalog(args: list[str], tmp_path) -> None:
    """--help never touches the catalog, so a broken catalog cannot break help."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("{", encoding="utf-8")
    modules = _modules_after(*args, env={"USASHOES_CATALOG": str(broken), "USASHOES_NO_CACHE": "1"})
    assert "yaml" not in modules and "usashoes.catalog.schema" not in modules


def test_warm_run_does_not_import_yaml(tmp_path) -> None:
    """With the cache warm, the YAML parser is not even imported."""
    env = {"USASHOES_CACHE_DIR": str(tmp_path)}
    _modules_after("list", "--json", env=env)
    assert "yaml" not in _modules_after("list", "--json", env=env)


def test_a_cold_run_does_not_import_the_schema_generator() -> None:
    """Reading and validating the catalog uses the field table, never the schema writer."""
    modules = _modules_after("list", "--json", env={"USASHOES_NO_CACHE": "1"})
    assert "usashoes.catalog.schema" in modules and "usashoes.catalog.jsonschema" not in modules


@pytest.mark.parametrize(
    ("args", "only"),
    [
        (["list", "--json"], "list"),
        (["--catalog", "x.yaml", "compare", "990v5", "993"], "compare"),
        (["show", "--catalog", "x.yaml", "990v5"], "show"),
        (["--no-pager", "recommend"], "recommend"),
        (["lst"], None),  # misspelt: the whole app, for its suggestion
        (["help", "list"], None),
        (["catalog", "info"], None),
        (["--help"], None),
        ([], None),
        (["--catalog"], None),
        (["--", "list"], None),
    ],
)
def test_a_run_builds_only_the_command_it_names(args: list[str], only: str | None) -> None:
    """Typer converts every registered command on each run; a run that names one of the plain
    commands gets an app holding just that one (help, groups and anything unclear: all)."""
    from usashoes.cli.app import _name, app, app_for

    chosen = app_for(args)
    if only is None:
        assert chosen is app
    else:
        assert [_name(info) for info in chosen.registered_commands] == [only] and not chosen.registered_groups
        assert len(app.registered_commands) > 1 and app.registered_groups  # the shared app is untouched


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json", "--limit", "2"],
        ["list", "--origin", "made-on-mars"],
        ["list", "--bogus"],
        ["show", "nb-990v5", "--json"],
        ["show", "zqxv-not-a-shoe"],
        ["compare", "990v5"],
        ["recommend", "--limit", "1", "--json"],
        ["explain", "--json"],
        ["list", "--help"],
    ],
)
def test_the_one_command_app_answers_as_the_whole_app(args: list[str], tmp_path) -> None:
    """Same stdout, stderr and exit code, good input or bad."""
    from typer.testing import CliRunner

    from usashoes.cli.app import app, app_for

    env = {"USASHOES_CACHE_DIR": str(tmp_path), "COLUMNS": "100"}
    whole = CliRunner().invoke(app, args, env=env)
    alone = CliRunner().invoke(app_for(args), args, env=env)
    assert (alone.exit_code, alone.stdout, alone.stderr) == (whole.exit_code, whole.stdout, whole.stderr)
