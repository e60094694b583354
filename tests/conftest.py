"""Shared fixtures: every test runs with a private cache and none of the user's settings."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings


def pytest_configure(config: pytest.Config) -> None:
    """The runs the signal tests start get Ctrl-C as a terminal gives it.

    A CI runner that starts the suite as a background job has SIGINT ignored, and an ignored
    signal is inherited across exec: every child then (rightly) ignores Ctrl-C and the tests
    that send it hang. A handler, unlike SIG_IGN, is reset to the default on exec.
    """
    import signal

    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never write the user's cache, and the user's catalog (a downloaded one too), feed or
    colour settings never leak in."""
    cache_dir = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("USASHOES_CACHE_DIR", str(cache_dir))
    monkeypatch.setenv("USASHOES_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    for name in (
        "USASHOES_CATALOG",
        "USASHOES_ADD_CATALOG",
        "USASHOES_NO_CACHE",
        "USASHOES_DEBUG",
        "NO_COLOR",
        "FORCE_COLOR",
        "USASHOES_SIZE",
        "USASHOES_WIDTH",
        "USASHOES_ORIGIN",
        "USASHOES_PAGER",
        "USASHOES_COLOR",
        "USASHOES_FEED_URL",
        "USASHOES_FEED_KEY",
        "USASHOES_NO_UPDATE_HINT",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("USASHOES_CONFIG", "")  # no preferences file: the user's own never leaks in
    return cache_dir


SMALL_CATALOG = Path(__file__).parent / "fixtures" / "small.yaml"


@pytest.fixture
def small_catalog(isolated_environment: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run on tests/fixtures/small.yaml through $USASHOES_CATALOG, which CliRunner and subprocesses both see.

    A module opts in with `pytestmark = pytest.mark.usefixtures("small_catalog")`; --catalog still wins.
    """
    monkeypatch.setenv("USASHOES_CATALOG", str(SMALL_CATALOG))
    return SMALL_CATALOG


@pytest.fixture
def catalog_file(tmp_path: Path) -> Callable[[str | bytes, str], Path]:
    """Write catalog text (str as UTF-8, or raw bytes) to a file and return its path."""

    def write(content: str | bytes, name: str = "catalog.yaml") -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


# Hypothesis: CI (CI=true, as GitHub-style runners and .ci/run set it) replays the same examples
# on every run, so a red build is reproducible and never depends on luck; developers' machines
# keep exploring new examples and remember failures in .hypothesis/. Every failure ever found is
# pinned as an @example next to its test, so the CI profile always re-checks it.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
