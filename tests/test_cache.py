"""The parsed-catalog cache: faster second runs, never a wrong or broken answer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from usashoes.catalog import cache
from usashoes.catalog import loader as catalog
from usashoes.catalog.codec import Codec
from usashoes.errors import CatalogError
from usashoes.models import Price, Vocabulary

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


@pytest.mark.parametrize(
    "damage", [b"", b"{not json", b"[]", b'{"header": 1}', b"\x00\xff" * 10, b'{"header": null, "shoes": [{"id": 1}]}']
)
def test_corrupt_cache_file_is_ignored(tmp_path: Path, cache_dir: Path, damage: bytes) -> None:
    """A damaged cache file never breaks the tool: the catalog is parsed again."""
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    catalog.load_path(path)
    for file in cache_dir.glob("*.json"):
        file.write_bytes(damage)
    assert catalog.load_path(path).shoes[0].id == "acme-runner"


@pytest.mark.parametrize("offset", [-1, -40, 0])
def test_cache_entry_with_matching_header_but_a_damaged_body_is_ignored(
    tmp_path: Path, cache_dir: Path, offset: int
) -> None:
    """Right header, one byte of the compressed body changed: still parsed from the catalog."""
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    catalog.load_path(path)
    (file,) = cache_dir.glob("*.json")
    data = bytearray(file.read_bytes())
    data[offset if offset else data.index(b"\n") + 1] ^= 0x01
    file.write_bytes(bytes(data))
    assert cache.read(cache.key_for(path, path.stat()), path.read_bytes) is None  # type: ignore[arg-type]
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


# --- the codec: derived from the dataclass, type-checked ------------------------------------------
class Kind(Vocabulary):
    LABEL = "maker-label"
    PRESS = "press"


class Plain(Enum):
    A = "a"


@dataclass(frozen=True, slots=True)
class Basis:
    kind: Kind
    detail: str


@dataclass(slots=True)
class Future:
    """The field types a Shoe is about to gain (floats, mappings, a nested enum record, Price)."""

    id: str
    drop_mm: float | None = None
    count: int = 0
    flag: bool = False
    widths: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sizes: dict[str, str] = field(default_factory=dict)
    basis: Basis | None = None
    launch_price: Price | None = None
    kinds: tuple[Kind, ...] = ()
    plain: Plain | None = None
    nested: tuple[Basis, ...] = ()


FUTURE = Future(
    "x",
    12.5,
    3,
    True,
    {"men": ("D", "2E")},
    {"men": "7-16"},
    Basis(Kind.PRESS, "said so"),
    Price(100.0, 1982),
    (Kind.LABEL,),
    Plain.A,
    (Basis(Kind.LABEL, "tag"),),
)


def test_codec_round_trips_new_field_types_without_changes() -> None:
    """A dataclass with the coming field types needs no codec change: JSON there and back, equal."""
    codec = Codec(Future)
    assert codec.decode(json.loads(json.dumps(codec.encode(FUTURE)))) == FUTURE
    assert codec.decode(json.loads(json.dumps(codec.encode(Future("y"))))) == Future("y")
    assert "Basis(kind:Kind{maker-label,press},detail:str)" in codec.signature


@pytest.mark.parametrize(
    ("index", "bad"),
    [
        (0, 1),
        (1, "12"),
        (1, True),
        (2, 1.5),
        (2, True),
        (3, 1),
        (4, {"men": "D"}),
        (4, {"men": [1]}),
        (4, []),
        (5, {"men": ["7"]}),
        (6, ["label", "x"]),
        (6, ["maker-label"]),
        (6, ["maker-label", 3]),
        (7, [100, "1982"]),
        (8, ["nope"]),
        (8, "maker-label"),
        (9, "b"),
        (10, [["press"]]),
        (10, [None]),
    ],
)
def test_codec_rejects_every_mistyped_value(index: int, bad: object) -> None:
    codec = Codec(Future)
    record = json.loads(json.dumps(codec.encode(FUTURE)))
    record[index] = bad
    with pytest.raises((ValueError, TypeError, KeyError)):
        codec.decode(record)


def test_codec_refuses_an_unsupported_annotation_at_once() -> None:
    @dataclass
    class Odd:
        when: set[str]

    with pytest.raises(TypeError, match="when"):
        Codec(Odd)


# --- a planted or damaged cache never changes the output, hangs or crashes ------------------------
def _primed(tmp_path: Path, cache_dir: Path) -> tuple[Path, Path]:
    path = tmp_path / "c.yaml"
    _write(path, MINI, mtime_ns=1_000_000_000)
    catalog.load_path(path)
    (file,) = cache_dir.glob("*.json")
    return path, file


def _forge(file: Path, edit: object) -> None:
    """Rewrite a cache file's parts with edit(parts) and a matching checksum, as a forger would.

    parts: ids, the table of values, the overlay provenance, the records (bytes), then each
    chunk of rows; a row holds numbers, flags and enum words as they are and, for other fields,
    an index into the values."""
    header, parts = cache.sections(file.read_bytes())
    header.pop("sections")
    edit(parts)  # type: ignore[operator]
    file.write_bytes(cache.assemble(header, parts))


IDS, VALUES, RECORDS, ROWS = 0, 1, 3, 4
BRAND, ORIGIN, ACTIVITIES, WEIGHT = 1, 8, 13, 15


def _set_value(field: int, value: object) -> object:
    return lambda parts: parts[VALUES].__setitem__(parts[ROWS][0][field], value)


def test_forge_helpers_rewrite_the_real_layout(tmp_path: Path, cache_dir: Path) -> None:
    """The edits below change what they say they change: an unchanged forge still loads from the cache."""
    path, file = _primed(tmp_path, cache_dir)
    _header, parts = cache.sections(file.read_bytes())
    assert parts[IDS] == ["acme-runner"] and parts[VALUES][parts[ROWS][0][BRAND]] == "Acme"
    assert parts[VALUES][parts[ROWS][0][WEIGHT]][:2] == [9.5, "oz"] and parts[ROWS][0][ORIGIN] is None
    _forge(file, lambda parts: None)
    stored = cache.read(cache.key_for(path, path.stat()), path.read_bytes)  # type: ignore[arg-type]
    assert stored is not None and stored.shoes()[0].brand == "Acme"


@pytest.mark.parametrize(
    "edit",
    [
        _set_value(BRAND, 42),  # brand a number
        lambda parts: parts[ROWS][0].__setitem__(ORIGIN, "made-in-mars"),  # no such origin
        _set_value(ACTIVITIES, "running"),  # activities not a list
        _set_value(WEIGHT, [9.5, "oz"]),  # a weight missing values
        _set_value(WEIGHT, [float("nan"), "oz", None, False]),
        lambda parts: parts[ROWS][0].__setitem__(BRAND, 999),  # a value that is not there
        lambda parts: parts[ROWS][0].__setitem__(BRAND, True),  # an index that is not a number
        lambda parts: parts[ROWS][0].append(1),  # a field too many
        lambda parts: parts[ROWS].append(parts[ROWS][0]),  # a model the ids do not list
        lambda parts: parts[IDS].__setitem__(0, "someone-else"),  # ids that are not the models'
        lambda parts: parts[IDS].append("acme-runner"),  # an id twice
        lambda parts: parts.pop(),  # a chunk of rows missing
    ],
    ids=[
        "brand-number",
        "bad-origin",
        "activities-text",
        "short-weight",
        "nan-weight",
        "index-out-of-range",
        "index-not-a-number",
        "extra-field",
        "extra-model",
        "wrong-ids",
        "duplicate-id",
        "missing-chunk",
    ],
)
@pytest.mark.parametrize("compressed", [False, True], ids=["raw", "compressed"])
def test_forged_cache_with_a_valid_checksum_is_ignored(
    tmp_path: Path, cache_dir: Path, edit: object, compressed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if compressed:  # a bound the raw file does not fit: written compressed
        monkeypatch.setattr(cache, "MAX_EXTRA", 64 * 1024 + 1)
    path, file = _primed(tmp_path, cache_dir)
    assert cache.sections(file.read_bytes())[0]["compressed"] is compressed
    _forge(file, edit)
    loaded = catalog.load_path(path)
    parsed = catalog.load_path(path, use_cache=False).shoes[0]
    # find() may miss (the resolver then reads every model) but never finds a wrong one.
    assert loaded.find("acme-runner") in (None, parsed)
    assert loaded.shoes[0].brand == "Acme" and loaded.shoes[0].origin is None
    assert [shoe.id for shoe in loaded.shoes] == ["acme-runner"]


def test_escape_codes_in_cached_records_never_reach_stdout(tmp_path: Path, cache_dir: Path) -> None:
    path, file = _primed(tmp_path, cache_dir)
    _forge(
        file,
        lambda parts: parts.__setitem__(RECORDS, parts[RECORDS].replace(b'"brand":"Acme"', b'"brand":"\x1b[31mAcme"')),
    )
    loaded = catalog.load_path(path)
    assert callable(loaded.encoded_records) and b"\x1b" not in loaded.encoded_records()
    assert (
        "\x1b" not in "".join(loaded.records.lines(loaded.shoes))
        and '"brand":"Acme"' in loaded.records.lines(loaded.shoes)[0]
    )


def test_record_of_another_model_is_encoded_afresh(tmp_path: Path, cache_dir: Path) -> None:
    """A cached record is used only for the model whose id it carries."""
    loaded = catalog.Catalog(
        "x", catalog.load_path(_primed(tmp_path, cache_dir)[0]).shoes, b'{"id":"someone-else","origin":"made-in-usa"}'
    )
    assert loaded.records.ready() == {}


def _cache_file_for(tmp_path: Path, cache_dir: Path) -> tuple[Path, Path]:
    path, file = _primed(tmp_path, cache_dir)
    file.unlink()
    return path, file


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_in_place_of_the_cache_file_does_not_hang(tmp_path: Path, cache_dir: Path) -> None:
    path, file = _cache_file_for(tmp_path, cache_dir)
    os.mkfifo(file)
    done = subprocess.run(
        [sys.executable, "-m", "usashoes", "--catalog", str(path), "list"],
        capture_output=True,
        check=False,
        timeout=20,
        env={**os.environ, cache.ENV_CACHE_DIR: str(cache_dir)},
    )
    assert done.returncode == 0 and done.stdout.startswith(b"acme-runner")


@pytest.mark.parametrize("target", ["/dev/zero", "other.json"])
def test_symlink_in_place_of_the_cache_file_is_not_followed(tmp_path: Path, cache_dir: Path, target: str) -> None:
    path, file = _primed(tmp_path, cache_dir)
    real = cache_dir / target
    if target == "other.json":
        file.rename(real)
    else:
        file.unlink()
    file.symlink_to(real if target == "other.json" else target)
    done = subprocess.run(
        [sys.executable, "-m", "usashoes", "--catalog", str(path), "list"],
        capture_output=True,
        check=False,
        timeout=20,
        env={**os.environ, cache.ENV_CACHE_DIR: str(cache_dir)},
    )
    assert done.returncode == 0 and done.stdout.startswith(b"acme-runner")
    assert cache.read(cache.key_for(path, path.stat())) is None  # type: ignore[arg-type]


def test_oversized_cache_file_is_not_read(tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path, _file = _primed(tmp_path, cache_dir)
    monkeypatch.setattr(cache, "MAX_EXTRA", 0)
    monkeypatch.setattr(cache, "MAX_GROWTH", 1)  # the file is bigger than the catalog
    assert cache.read(cache.key_for(path, path.stat())) is None  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702])
def test_shared_cache_directory_is_never_used(tmp_path: Path, cache_dir: Path, mode: int) -> None:
    """Anyone else who can write the directory could plant a cache: it is neither read nor written."""
    path, file = _primed(tmp_path, cache_dir)
    os.chmod(cache_dir, mode)
    _forge(file, _set_value(BRAND, "Forged"))
    assert catalog.load_path(path).shoes[0].brand == "Acme"
    file.unlink()
    catalog.load_path(path)
    assert not file.exists()


def test_cache_directory_is_created_private(tmp_path: Path, cache_dir: Path) -> None:
    _primed(tmp_path, cache_dir)
    assert cache_dir.stat().st_mode & 0o777 == 0o700


def test_stale_temp_files_are_swept_and_old_entries_pruned(tmp_path: Path, cache_dir: Path) -> None:
    cache_dir.mkdir(mode=0o700)
    old = time.time() - 3600
    for index in range(cache.MAX_ENTRIES + 5):
        entry = cache_dir / f"{index:08x}-1.json"
        entry.write_text("{}")
        os.utime(entry, (old + index, old + index))
    leftover, fresh = cache_dir / ".usashoes-cache-abcd1234.json", cache_dir / ".usashoes-cache-efgh5678.json"
    leftover.write_text("half")
    os.utime(leftover, (old, old))
    fresh.write_text("a writer at work")
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    catalog.load_path(path)
    assert not leftover.exists() and fresh.exists()
    assert len([entry for entry in cache_dir.glob("*.json") if not entry.name.startswith(".")]) == cache.MAX_ENTRIES


def test_housekeeping_never_removes_a_file_it_did_not_make(tmp_path: Path, cache_dir: Path) -> None:
    """USASHOES_CACHE_DIR at a directory of 20 reports (*.json) and an old .tmp-* of the user's:
    one run used to delete 5 reports and the temp file; now only files named as ours may go."""
    cache_dir.mkdir(mode=0o700)
    old = time.time() - 3600
    mine = [cache_dir / f"report-{index}.json" for index in range(20)]
    mine += [cache_dir / ".tmp-notes.json", cache_dir / "00000000-1.json.bak", cache_dir / "ABCDEF00-1.json"]
    for index, path in enumerate(mine):
        path.write_text("user data")
        os.utime(path, (old + index, old + index))
    for index in range(cache.MAX_ENTRIES + 3):  # enough cache entries of ours to prune
        entry = cache_dir / f"{index:08x}-1.json"
        entry.write_text("{}")
        os.utime(entry, (old + index, old + index))
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    catalog.load_path(path)
    assert all(each.read_text() == "user data" for each in mine)
    ours = [entry for entry in cache_dir.iterdir() if cache.OUR_CACHE_FILE.fullmatch(entry.name)]
    assert len(ours) == cache.MAX_ENTRIES


# --- stale entries ------------------------------------------------------------------------------
def test_cp_p_style_copy_over_the_catalog_is_seen(tmp_path: Path, cache_dir: Path) -> None:
    """Same size, same mtime (cp -p, tar x, rsync -t): the ctime and inode still tell them apart."""
    path = tmp_path / "c.yaml"
    _write(path, MINI, mtime_ns=1_000_000_000)
    assert catalog.load_path(path).shoes[0].brand == "Acme"
    other = tmp_path / "other.yaml"
    _write(other, MINI.replace("Acme", "Acmf"), mtime_ns=1_000_000_000)
    shutil.copy2(other, path)  # in place, old mtime restored
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert catalog.load_path(path).shoes[0].brand == "Acmf"
    os.replace(other, path)  # a new inode with the same size and mtime (rsync -t, tar x)
    _write(other, MINI.replace("Acme", "Acmg"), mtime_ns=1_000_000_000)
    os.replace(other, path)
    assert catalog.load_path(path).shoes[0].brand == "Acmg"


def test_edit_with_unchanged_timestamps_right_after_caching_is_seen(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 1-2 s timestamp filesystem: an edit just after the cache was written changes no key."""
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    stat = path.stat()
    catalog.load_path(path)  # written within a moment of the file: the entry carries a digest
    _write(path, MINI.replace("Acme", "Acmf"))
    monkeypatch.setattr(Path, "stat", lambda self, **kwargs: stat)  # as if no timestamp moved
    assert catalog.load_path(path).shoes[0].brand == "Acmf"


def test_no_home_directory_runs_without_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME unset and the uid not in passwd (docker run --user N, env -i): no cache, still works."""
    monkeypatch.delenv(cache.ENV_CACHE_DIR)
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    path = tmp_path / "c.yaml"
    _write(path, MINI)
    assert cache.directory() is None
    assert catalog.load_path(path).shoes[0].id == "acme-runner"


def test_own_default_directory_from_an_older_version_is_made_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """~/.cache/usashoes made 0775 under umask 002 by an older version: tightened, then used."""
    monkeypatch.delenv(cache.ENV_CACHE_DIR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    own = tmp_path / "xdg" / "usashoes"
    own.mkdir(parents=True)
    os.chmod(own, 0o775)
    path = tmp_path / "c.yaml"
    _write(path, MINI, mtime_ns=1_000_000_000)
    catalog.load_path(path)
    assert own.stat().st_mode & 0o777 == 0o700 and list(own.glob("*.json"))


# --- the cache serves catalogs shaped like the ones people write -------------------------------
def _make_bundled() -> Any:
    """benchmarks/make_bundled.py: the bundled entries copied under new ids."""
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "benchmarks" / "make_bundled.py"
    spec = importlib.util.spec_from_file_location("make_bundled", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("aliased", [False, True], ids=["written-out", "yaml-aliases"])
def test_a_bundled_shaped_catalog_is_served_from_the_cache(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, aliased: bool
) -> None:
    """2,000 models copied from the bundled ones (long notes, the same sources again and again,
    or YAML aliases sharing them): the cache stays under twice the catalog's size and the
    second run never parses YAML. The old cache made 11x the catalog of the aliased shape,
    which its own size bound refused, so every run parsed again."""
    path = tmp_path / "writer.yaml"
    _make_bundled().write(2000, path, aliased=aliased)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    first = catalog.load_path(path)
    (file,) = cache_dir.glob("*.json")
    assert file.stat().st_size <= 2 * path.stat().st_size

    def no_parse(*_args: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(catalog, "parse", no_parse)
    second = catalog.load_path(path)
    some_id = first.shoes[1234].id
    assert second.find(some_id) == first.shoes[1234]
    assert "shoes" not in vars(second)  # found by id without decoding the whole catalog
    assert second.shoes == first.shoes and len(second.shoes) == 2000
    assert "".join(second.records.lines(second.shoes)) == "".join(first.records.lines(first.shoes))
