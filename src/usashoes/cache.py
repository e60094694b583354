"""A parsed-catalog cache: JSON in the user's cache directory, keyed by path, size and mtime.

Parsing YAML is the slow part of a big catalog (10k entries: seconds); json.loads of the
same data is ~50x faster. The cache is an optimisation only: a missing, stale, corrupt or
unwritable cache is ignored and the tool parses the catalog as if it were not there.
Only catalogs that validated cleanly are ever written.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .models import Activity, Confidence, Origin, Price, Shoe, Status, Support, Weight

ENV_CACHE_DIR = "USASHOES_CACHE_DIR"
ENV_NO_CACHE = "USASHOES_NO_CACHE"
FORMAT = 2  # bump when the encoding below changes


@dataclass(frozen=True, slots=True)
class Key:
    file: Path  # the cache file
    source: str  # resolved catalog path
    size: int
    mtime_ns: int


def directory() -> Path:
    if override := os.environ.get(ENV_CACHE_DIR):
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "usashoes"


def key_for(path: Path, stat: os.stat_result) -> Key | None:
    if os.environ.get(ENV_NO_CACHE):
        return None
    try:
        source = str(path.resolve())
    except OSError:
        return None
    name = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return Key(directory() / f"{name}.json", source, stat.st_size, stat.st_mtime_ns)


def _header(key: Key) -> dict[str, Any]:
    return {"format": FORMAT, "version": __version__, "source": key.source,
            "size": key.size, "mtime_ns": key.mtime_ns}


def read(key: Key) -> tuple[Shoe, ...] | None:
    """The cached shoes if the cache matches the catalog exactly; None otherwise."""
    try:
        header_line, _, body = key.file.read_bytes().partition(b"\n")
        header = json.loads(header_line)
        # The checksum catches a truncated, damaged or hand-edited cache file.
        if header != {**_header(key), "checksum": _checksum(body)}:
            return None
        return tuple(decode(record) for record in json.loads(body))
    except Exception:  # noqa: BLE001 - any damage to the cache means "no cache"
        return None


def write(key: Key, shoes: tuple[Shoe, ...]) -> None:
    import tempfile  # only a cache miss pays for it

    
    body = json.dumps([encode(shoe) for shoe in shoes], ensure_ascii=False, separators=(",", ":")).encode()
    header = json.dumps({**_header(key), "checksum": _checksum(body)}).encode()
    try:
        key.file.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a concurrent reader never sees half a file.
        fd, temp = tempfile.mkstemp(dir=key.file.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(header + b"\n" + body)
            os.replace(temp, key.file)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # an unwritable cache only costs speed


def _checksum(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def encode(shoe: Shoe) -> dict[str, Any]:
    """Only the fields that are set; enums as their catalog spelling."""
    record: dict[str, Any] = {}
    for name in Shoe.__slots__:
        value = getattr(shoe, name)
        if value is None or value == () or value == {}:
            continue
        if isinstance(value, Weight):
            value = [value.value, value.unit, value.size, value.at_least]
        elif isinstance(value, Price):
            value = [value.usd, value.year]
        elif isinstance(value, tuple):
            value = [str(item) for item in value]
        elif name == "field_sources":
            value = {field: list(urls) for field, urls in value.items()}
        elif not isinstance(value, (int, float)):
            value = str(value)
        record[name] = value
    return record


_CONVERT = {
    "origin": Origin,
    "support": Support,
    "status": Status,
    "confidence": Confidence,
    "activities": lambda items: tuple(Activity(item) for item in items),
    "weight": lambda parts: Weight(*parts),
    "msrp": lambda parts: Price(*parts),
    "field_sources": lambda mapping: {field: tuple(urls) for field, urls in mapping.items()},
    "sources": tuple,
    "aliases": tuple,
    "style_codes": tuple,
    "features": tuple,
    "notes": tuple,
}


def decode(record: dict[str, Any]) -> Shoe:
    return Shoe(**{name: _CONVERT[name](value) if name in _CONVERT else value
                   for name, value in record.items()})
