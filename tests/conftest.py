"""Shared fixtures: every test runs with a private cache and none of the user's settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tests never write the user's cache, and the user's catalog or colour settings never leak in."""
    cache_dir = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("USASHOES_CACHE_DIR", str(cache_dir))
    for name in ("USASHOES_CATALOG", "USASHOES_NO_CACHE", "USASHOES_DEBUG", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return cache_dir


@pytest.fixture
def catalog_file(tmp_path: Path) -> Callable[[str | bytes, str], Path]:
    """Write catalog text (str as UTF-8, or raw bytes) to a file and return its path."""

    def write(content: str | bytes, name: str = "catalog.yaml") -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write
