"""A parsed-catalog cache: JSON in the user's cache directory, keyed by path, size and mtime.

Parsing YAML is the slow part of a big catalog (10k entries: seconds); json.loads of the
same data is ~50x faster. The cache is an optimisation only: a missing, stale, corrupt or
unwritable cache is ignored and the tool parses the catalog as if it were not there.
Only catalogs that validated cleanly are ever written.
"""

from __future__ import annotations

import json
import os
import sys
import zlib
from dataclasses import fields
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__
from .models import Activity, Confidence, Line, Origin, OriginBasis, OriginBasisKind, Price, Shoe, Status, Support, Weight
from .records import RECORD_FORMAT, record_json

ENV_CACHE_DIR = "USASHOES_CACHE_DIR"
ENV_NO_CACHE = "USASHOES_NO_CACHE"
FORMAT = 6  # bump when the layout or the shoe encoding below changes


class Key(NamedTuple):
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
    # The name only spreads files out; the header inside holds the full path and is checked.
    name = f"{zlib.crc32(source.encode('utf-8', 'surrogatepass')):08x}-{len(source)}"
    return Key(directory() / f"{name}.json", source, stat.st_size, stat.st_mtime_ns)


def _header(key: Key) -> dict[str, Any]:
    return {"format": FORMAT, "record_format": RECORD_FORMAT, "version": __version__,
            "source": key.source, "size": key.size, "mtime_ns": key.mtime_ns}


class Cached(NamedTuple):
    shoes: tuple[Shoe, ...]  # in name order (query.SortKey.NAME), so plain listings skip sorting
    records: bytes  # each shoe's JSON output record, encoded, one per line, in the same order


def read(key: Key) -> Cached | None:
    """The cached catalog if the cache matches the catalog exactly; None otherwise.

    Layout: a JSON header line, a JSON line of positional shoes, then one encoded output
    record per line. The header's checksum covers the rest.
    """
    try:
        header_line, _, body = key.file.read_bytes().partition(b"\n")
        header = json.loads(header_line)
        # The checksum catches a truncated, damaged or hand-edited cache file.
        if header != {**_header(key), "checksum": _checksum(body)}:
            return None
        shoes_line, _, records = body.partition(b"\n")
        shoes = tuple(map(decode, json.loads(shoes_line)))
        if records.count(b"\n") != max(len(shoes) - 1, 0):
            return None
        return Cached(shoes, records)
    except Exception:  # noqa: BLE001 - any damage to the cache means "no cache"
        return None


def write(key: Key, shoes: tuple[Shoe, ...]) -> Cached:
    """Cache the shoes in name order (best effort); return them with their encoded records."""
    import tempfile  # only a cache miss pays for it

    from .query import sort

    shoes = tuple(sort(shoes))
    records = "\n".join(record_json(shoe) for shoe in shoes).encode("ascii")
    body = json.dumps([encode(shoe) for shoe in shoes], ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8") + b"\n" + records
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
    return Cached(shoes, records)


def _checksum(body: bytes) -> str:
    # Detects damage, not tampering: whoever can write the cache can write the catalog.
    # adler32: 3x faster than crc32 (70 ms for a 100k catalog's 218 MB); zlib, not hashlib,
    # because hashlib loads OpenSSL, ~3 ms of every run.
    return f"{zlib.adler32(body):08x}-{len(body)}"


# Positional records (one JSON array per shoe, in field order) are about half the size of
# keyed ones and load faster; FIELD_NAMES is part of the format, so FORMAT covers it.
FIELD_NAMES = tuple(field.name for field in fields(Shoe))


def encode(shoe: Shoe) -> list[Any]:
    return [_encode_value(getattr(shoe, name)) for name in FIELD_NAMES]


def _encode_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Weight):
        return [value.value, value.unit, value.size, value.at_least, _encode_value(value.line)]
    if isinstance(value, Price):
        return [value.usd, value.year]
    if isinstance(value, OriginBasis):
        return [value.kind.value, value.detail]
    if isinstance(value, dict):
        return {key: item if isinstance(item, str) else list(item) for key, item in value.items()}
    return [item.value if isinstance(item, Enum) else item for item in value]


def _lookup(vocabulary: type[Enum]) -> dict[Any, Any]:
    # A dict lookup is 25x faster than Enum(value); None maps to None for optional fields.
    return {None: None, **{member.value: member for member in vocabulary}}


_ORIGIN, _SUPPORT = _lookup(Origin), _lookup(Support)
_STATUS, _CONFIDENCE, _ACTIVITY = _lookup(Status), _lookup(Confidence), _lookup(Activity)
_LINE, _BASIS = _lookup(Line), _lookup(OriginBasisKind)


def decode(record: list[Any]) -> Shoe:
    """The inverse of encode; spelled out field by field because it runs once per shoe."""
    (id_, brand, name, confidence, sources, version, aliases, style_codes, origin, label, made_in,
     domestic_content, domestic_content_min_pct, activities, support, weight, msrp, release_year,
     status, status_as_of, midsole, features, description, notes, drop_mm, stack_heel_mm, stack_forefoot_mm,
     widths, sizes, product_url, successor, predecessor, origin_basis, lookalikes, launch_price,
     field_sources) = record
    return Shoe(
        id_, brand, name, _CONFIDENCE[confidence], tuple(sources), version, tuple(aliases),
        tuple(style_codes), _ORIGIN[origin], label, made_in, domestic_content, domestic_content_min_pct,
        tuple(_ACTIVITY[a] for a in activities), _SUPPORT[support],
        None if weight is None else Weight(weight[0], weight[1], weight[2], weight[3], _LINE[weight[4]]), None if msrp is None else Price(*msrp),
        release_year, _STATUS[status], status_as_of, midsole, tuple(features), description, tuple(notes),
        drop_mm, stack_heel_mm, stack_forefoot_mm, {line: tuple(items) for line, items in widths.items()},
        dict(sizes), product_url, successor, predecessor,
        None if origin_basis is None else OriginBasis(_BASIS[origin_basis[0]], origin_basis[1]),
        tuple(lookalikes), None if launch_price is None else Price(*launch_price),
        {field: tuple(urls) for field, urls in field_sources.items()},
    )
