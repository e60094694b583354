"""The parsed-catalog cache: faster second runs, never a wrong or broken answer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from usashoes import cache, catalog
from usashoes.errors import CatalogError

MINI = """schema_version: 1
models:
  - id: acme-runner
    brand: Acme
    name: Runner
    weight: {value: 9.5, unit: oz, size: "men's 9"}
    confidence: low
    sources: ["https://example.org/acme"]
"""


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(directory))
    monkeypatch.delenv(cache.ENV_NO_CACHE, raising=False)
    return directory


def _write(path: Path, text: str, mtime_ns: int | None = None) -> None:
    path.write_text(text, encoding="utf-8")
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))


def test_second_load_comes_from_the_cache(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After one parse, an unchanged catalog is read from the cache without parsing YAML."""
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    first = catalog.load_path(path)
    assert list(cache_dir.glob("*.json"))

    def no_parse(*_args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(catalog, "parse", no_parse)
    assert catalog.load_path(path).shoes == first.shoes


def test_cache_is_invalidated_when_the_catalog_changes(tmp_path: Path, cache_dir: Path) -> None:
    """Editing the catalog (same size, new mtime; or new size) gives the new data."""
    path = tmp_path / "c.yaml"
    _write(path, MINI, mtime_ns=1_000_000_000)
    assert catalog.load_path(path).shoes[0].brand == "Acme"
    _write(path, MINI.replace("Acme", "Acmf"), mtime_ns=2_000_000_000)  # same size
    assert catalog.load_path(path).shoes[0].brand == "Acmf"
    _write(path, MINI.replace("Acme", "Acme Co"), mtime_ns=2_000_000_000)  # same mtime, new size
    assert catalog.load_path(path).shoes[0].brand == "Acme Co"


@pytest.mark.parametrize("damage", [b"", b"{not json", b"[]", b'{"header": 1}', b"\x00\xff" * 10,
                                    b'{"header": null, "shoes": [{"id": 1}]}'])
def test_corrupt_cache_file_is_ignored(tmp_path: Path, cache_dir: Path, damage: bytes) -> None:
    """A damaged cache file never breaks the tool: the catalog is parsed again."""
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    catalog.load_path(path)
    for file in cache_dir.glob("*.json"):
        file.write_bytes(damage)
    assert catalog.load_path(path).shoes[0].id == "acme-runner"


def test_cache_entry_with_matching_header_but_bad_records_is_ignored(tmp_path: Path, cache_dir: Path) -> None:
    """Right header, broken records: still parsed from the catalog."""
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    catalog.load_path(path)
    (file,) = cache_dir.glob("*.json")
    file.write_text(file.read_text().replace('"acme-runner"', '"acme-runnex"'))
    assert catalog.load_path(path).shoes[0].id == "acme-runner"


def test_unwritable_cache_directory_is_harmless(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache directory that cannot be created costs speed, not correctness."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(cache.ENV_CACHE_DIR, str(blocker / "sub"))
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    assert catalog.load_path(path).shoes[0].id == "acme-runner"


def test_invalid_catalogs_are_never_cached(tmp_path: Path, cache_dir: Path) -> None:
    """Only a catalog that validated is cached."""
    path = tmp_path / "c.yaml"
    _write(path, MINI.replace("confidence: low", "confidence: sure"))
    with pytest.raises(CatalogError):
        catalog.load_path(path)
    assert not cache_dir.exists() or not list(cache_dir.glob("*.json"))


def test_no_cache_env_disables_the_cache(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """USASHOES_NO_CACHE=1 neither reads nor writes a cache."""
    monkeypatch.setenv(cache.ENV_NO_CACHE, "1")
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    catalog.load_path(path)
    assert not cache_dir.exists()


def test_every_bundled_shoe_survives_the_cache_encoding() -> None:
    """decode(encode(shoe)) is the same shoe, for every catalog entry."""
    for shoe in catalog.load(use_cache=False).shoes:
        assert cache.decode(cache.encode(shoe)) == shoe
