"""Which catalog is used, and `catalog update` / `catalog publish`: a newer catalog without a new release."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from usashoes import fastcomplete, paths
from usashoes.catalog import selection
from usashoes.cli import app
from usashoes.errors import ExitCode

SMALL = Path(__file__).parent / "fixtures" / "small.yaml"
runner = CliRunner()
NEWER = "2099.01.02"


def cli(*args: str, env: dict[str, str], code: ExitCode = ExitCode.OK, input: bytes | None = None):
    result = runner.invoke(app, list(args), env=env, input=input)
    assert result.exit_code == code, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stderr
    return result


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "data"
    monkeypatch.setenv("USASHOES_DATA_DIR", str(where))
    monkeypatch.delenv("USASHOES_CATALOG", raising=False)
    monkeypatch.delenv("USASHOES_FEED_URL", raising=False)
    monkeypatch.delenv("USASHOES_FEED_KEY", raising=False)
    monkeypatch.setenv("USASHOES_CONFIG", "")
    return where


def install_by_hand(data_dir: Path, version: str = NEWER, data: bytes | None = None, sha256: str | None = None) -> Path:
    """A downloaded catalog as `catalog update` leaves it: catalogs/<version>.yaml and current.json."""
    data = SMALL.read_bytes() if data is None else data
    (data_dir / "catalogs").mkdir(parents=True, mode=0o700, exist_ok=True)
    os.chmod(data_dir, 0o700)
    file = data_dir / "catalogs" / f"{version}.yaml"
    file.write_bytes(data)
    pointer = {
        "format": 1,
        "current": {
            "version": version,
            "sha256": sha256 or hashlib.sha256(data).hexdigest(),
            "published": "2099-01-02",
        },
        "previous": None,
    }
    (data_dir / "current.json").write_text(json.dumps(pointer), encoding="utf-8")
    return file


# --- which catalog is used --------------------------------------------------------------------
def test_data_directory_follows_the_environment(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    assert paths.data_directory({"USASHOES_DATA_DIR": "/srv/x", "HOME": home}) == Path("/srv/x")
    assert paths.data_directory({"XDG_DATA_HOME": "/xdg", "HOME": home}) == Path("/xdg/usashoes")
    # Relative values are ignored, as the XDG spec says: never a directory under the working one.
    relative = {"USASHOES_DATA_DIR": "rel", "XDG_DATA_HOME": "also-rel", "HOME": home}
    assert paths.data_directory(relative) == Path(home, ".local", "share", "usashoes")


def test_the_bundled_catalog_is_used_when_nothing_is_downloaded(data_dir: Path) -> None:
    choice = selection.choose()
    assert choice.source == "bundled" and choice.path == paths.bundled_catalog()
    assert cli("--version", env={}).stdout.endswith(f"catalog: bundled {selection.BUNDLED_VERSION}\n")


def test_an_intact_newer_download_is_used_everywhere(data_dir: Path) -> None:
    file = install_by_hand(data_dir)
    choice = selection.choose()
    assert (choice.source, choice.path, choice.version) == ("downloaded", file, NEWER)
    assert fastcomplete._catalog_path() == file  # the TAB path asks the same module
    assert cli("--version", env={}).stdout.endswith(f"catalog: downloaded {NEWER} (published 2099-01-02)\n")
    info = json.loads(cli("catalog", "info", "--json", env={}).stdout)
    assert (info["source"], info["catalog_version"], info["path"]) == ("downloaded", NEWER, str(file))


def test_catalog_option_and_variable_win_over_a_download(data_dir: Path) -> None:
    install_by_hand(data_dir)
    assert selection.choose(str(SMALL)).source == "option"
    assert selection.choose(None, {**os.environ, "USASHOES_CATALOG": str(SMALL)}).source == "env"
    out = cli("--catalog", str(SMALL), "--version", env={}).stdout
    assert out.endswith(f"catalog: file {SMALL}\n")


def test_a_damaged_download_is_passed_over_for_the_bundled_catalog(data_dir: Path) -> None:
    file = install_by_hand(data_dir)
    file.write_bytes(file.read_bytes() + b"\n# edited\n")  # no longer the recorded sha256
    assert selection.choose().source == "bundled"
    (data_dir / "current.json").write_text("{not json", encoding="utf-8")
    assert selection.choose().source == "bundled"


def test_a_download_older_than_the_bundled_catalog_is_not_used(data_dir: Path) -> None:
    install_by_hand(data_dir, version="2000.01.01")
    assert selection.choose().source == "bundled"


def test_a_download_in_a_shared_directory_is_not_used(data_dir: Path) -> None:
    install_by_hand(data_dir)
    os.chmod(data_dir, 0o777)
    try:
        assert selection.choose().source == "bundled"
    finally:
        os.chmod(data_dir, 0o700)


def test_version_keys_sort_by_date() -> None:
    assert selection.version_key("2026.12.04") == (2026, 12, 4, 0)
    assert selection.version_key("2026.12.04.2") > selection.version_key("2026.12.04")  # type: ignore[operator]
    for bad in ("2026.13.01", "2026-12-04", "v2026.12.04", "2026.12.4", ""):
        assert selection.version_key(bad) is None
