"""Preferences: a TOML config file and USASHOES_* variables give defaults; flags > env > config > built-in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes import config
from usashoes.cli.app import app
from usashoes.errors import ExitCode

runner = CliRunner()

pytestmark = pytest.mark.usefixtures("small_catalog")


def run(*args: str, env: dict[str, str] | None = None, code: ExitCode = ExitCode.OK):
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def config_file(tmp_path: Path, text: str) -> dict[str, str]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return {"USASHOES_CONFIG": str(path)}


def shown(env: dict[str, str]) -> dict:
    return json.loads(run("config", "show", "--json", env=env).stdout)


def weight_size(args: list[str], env: dict[str, str]) -> str:
    return json.loads(run("show", "990v6", "--json", *args, env=env).stdout)["weight_est_size"]


def test_built_in_defaults_without_a_config_file() -> None:
    report = shown({})
    assert report["config_file"] is None and report["config_file_exists"] is False
    assert {name: s["source"] for name, s in report["settings"].items()} == dict.fromkeys(
        ["size", "width", "origin", "pager", "color", "feed_url", "feed_key"], "default"
    )


def test_the_config_file_sets_defaults_and_says_where(tmp_path: Path) -> None:
    env = config_file(
        tmp_path, 'size = "W8"\n# a comment\norigin = ["assembled-in-usa"]\npager = ""\ncolor = "never"\n'
    )
    report = shown(env)
    path = env["USASHOES_CONFIG"]
    assert report["settings"]["size"] == {"value": "W8", "source": f"config {path}:1"}
    assert report["settings"]["origin"] == {"value": ["assembled-in-usa"], "source": f"config {path}:3"}
    assert report["settings"]["pager"] == {"value": "", "source": f"config {path}:4"}
    assert report["settings"]["color"] == {"value": "never", "source": f"config {path}:5"}
    lines = run("config", "show", env=env).stdout.splitlines()
    assert lines[0] == f"config_file\t{path}"
    assert f"size\tW8\tconfig {path}:1" in lines and "width\t(built-in)\tdefault" in lines


def test_precedence_flag_over_env_over_config_over_default(tmp_path: Path) -> None:
    env = config_file(tmp_path, 'size = "W8"\n')
    assert weight_size([], {}) == "men's US 9"
    assert weight_size([], env) == "women's US 8"
    assert weight_size([], {**env, "USASHOES_SIZE": "M10"}) == "men's US 10"
    assert weight_size(["--size", "M11"], {**env, "USASHOES_SIZE": "M10"}) == "men's US 11"
    assert shown({**env, "USASHOES_SIZE": "M10"})["settings"]["size"]["source"] == "env USASHOES_SIZE"


def test_the_default_config_file_is_under_xdg_config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("USASHOES_CONFIG")
    (tmp_path / "usashoes").mkdir()
    (tmp_path / "usashoes" / "config.toml").write_text('width = "4E"\n', encoding="utf-8")
    report = shown({"XDG_CONFIG_HOME": str(tmp_path)})
    assert report["config_file"] == str(tmp_path / "usashoes" / "config.toml") and report["config_file_exists"]
    assert report["settings"]["width"]["value"] == "4E"
    assert config.config_path({"XDG_CONFIG_HOME": "relative", "HOME": str(tmp_path)}) == (
        tmp_path / ".config" / "usashoes" / "config.toml"
    )


def test_width_and_origin_preferences_reach_recommend(tmp_path: Path) -> None:
    plain = json.loads(run("recommend", "--any-status", "--json").stdout)
    env = config_file(tmp_path, 'width = "4E"\norigin = "assembled-in-usa"\n')
    preferred = json.loads(run("recommend", "--any-status", "--json", env=env).stdout)
    flagged = json.loads(
        run("recommend", "--any-status", "--json", "--width", "4E", "--origin", "assembled-in-usa").stdout
    )
    assert preferred == flagged != plain


@pytest.mark.parametrize(
    ("text", "where", "fragments"),
    [
        ('size = "Z99"\n', ":1", ["key 'size'", "'Z99'", "M9, W8"]),
        ("\n\nsize = 9\n", ":3", ["key 'size'", "must be a string", "M9, W8"]),
        ('colour = "never"\n', ":1", ["unknown key 'colour'", "size, width, origin, pager, color, feed_url, feed_key"]),
        ('color = "sometimes"\n', ":1", ["'sometimes'", "auto, always, never"]),
        ('origin = ["imported"]\n', ":1", ["'imported'", "made-in-usa and/or assembled-in-usa"]),
        ("size = \n", ":1:8", ["TOML syntax error"]),
        ('width = "4E"\nwidth = "2E"\n', ":2:", ["TOML syntax error"]),
    ],
)
@pytest.mark.parametrize("command", [["config", "show"], ["list"], ["recommend"]])
def test_a_bad_config_file_is_a_located_error(
    tmp_path: Path, command: list[str], text: str, where: str, fragments: list[str]
) -> None:
    env = config_file(tmp_path, text)
    result = run(*command, env=env, code=ExitCode.CONFIG_INVALID)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"usashoes: {env['USASHOES_CONFIG']}{where}"), lines
    assert all(fragment in lines[0] for fragment in fragments), lines


def test_a_bad_preference_variable_names_it() -> None:
    result = run("list", env={"USASHOES_SIZE": "huge"}, code=ExitCode.CONFIG_INVALID)
    assert result.stderr.startswith("usashoes: $USASHOES_SIZE: 'huge' is not a US shoe size")


def test_pager_and_color_are_readable_by_other_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    path.write_text('pager = "less -R"\ncolor = "ALWAYS"\n', encoding="utf-8")
    monkeypatch.setenv("USASHOES_CONFIG", str(path))
    assert config.setting("pager").value == "less -R" and config.setting("color").value == "always"
    monkeypatch.setenv("USASHOES_PAGER", "")
    assert config.setting("pager") == config.Setting("pager", "", "env USASHOES_PAGER")
