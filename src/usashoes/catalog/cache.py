"""A parsed-catalog cache: JSON in the user's cache directory, keyed by the catalog's identity.

Parsing YAML is the slow part of a big catalog (10k entries: seconds); json.loads of the
same data is ~50x faster. The cache is an optimisation only: a missing, stale, corrupt,
planted or unwritable cache is ignored and the tool parses the catalog as if it were not
there. Only catalogs that validated cleanly are ever written.

Nothing read from the cache is trusted: the directory must be the user's own and private,
the file a regular file of bounded size owned by the user (opened without following links or
blocking on a FIFO), and every value is type-checked while it is decoded.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat as stat_module
import time
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from .. import __version__
from ..models import NameOrdered, Shoe, in_name_order
from ..paths import ENV_CACHE_DIR, ENV_NO_CACHE, NO_CACHE_VALUES, directory
from ..records import RECORD_SIGNATURE, record_json
from .codec import Codec

FORMAT = 8  # bump when the file layout changes; the shoe encoding is covered by SHOE_CODEC.signature
# A file's timestamps can stay the same across an edit on 1-2 s filesystems, and `cp -p`,
# `tar x` or `rsync -t` set an old mtime on purpose: a catalog modified this recently when
# the cache was written gets its content checked on every read.
RECENT_NS = 2_500_000_000
# A cache file holds the models plus their JSON records: about twice the catalog's size.
MAX_GROWTH, MAX_EXTRA = 4, 1024 * 1024
MAX_ENTRIES = 16  # older cache files beyond this many are pruned
STALE_TEMP_SECONDS = 600  # a temporary file of ours this old is left over from a killed writer
# Housekeeping removes only files this program names, by their exact pattern: USASHOES_CACHE_DIR
# may point at a directory of the user's own *.json files, and those are never touched.
TEMP_PREFIX = ".usashoes-cache-"
OUR_CACHE_FILE = re.compile(r"[0-9a-f]{8}-[0-9]+\.json")
OUR_TEMP_FILE = re.compile(re.escape(TEMP_PREFIX) + r"[a-z0-9_]{8}\.json")

SHOE_CODEC = Codec(Shoe)


class Key(NamedTuple):
    file: Path  # the cache file
    source: str  # resolved catalog path
    size: int
    mtime_ns: int
    ctime_ns: int = 0
    inode: int = 0
    device: int = 0
    # --add-catalog files layered over the catalog, in order: (resolved path, size, mtime_ns,
    # ctime_ns, inode, device) each; the cached result is theirs too.
    overlays: tuple[tuple[str, int, int, int, int, int], ...] = ()

    def newest_ns(self) -> int:
        return max(self.mtime_ns, self.ctime_ns, *(value for overlay in self.overlays for value in overlay[2:4]))


def disabled() -> bool:
    return os.environ.get(ENV_NO_CACHE, "").strip().lower() in NO_CACHE_VALUES


def key_for(path: Path, stat: os.stat_result, overlays: Any = ()) -> Key | None:
    """The cache entry of the catalog at path with overlays ((path, stat) pairs) layered over it."""
    # Pipes, devices and FIFOs have no stable identity: their catalogs are never cached.
    stats = (stat, *(info for _path, info in overlays))
    if disabled() or not all(stat_module.S_ISREG(info.st_mode) for info in stats):
        return None
    where = directory()
    if where is None:
        return None
    try:
        source = str(path.resolve())
        layered = tuple(
            (str(overlay.resolve()), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
            for overlay, info in overlays
        )
    except (OSError, RuntimeError):
        return None
    # The name only spreads files out; the header inside holds the full paths and is checked.
    named = "\0".join((source, *(overlay[0] for overlay in layered)))
    name = f"{zlib.crc32(named.encode('utf-8', 'surrogatepass')):08x}-{len(named)}"
    return Key(
        where / f"{name}.json",
        source,
        stat.st_size,
        stat.st_mtime_ns,
        stat.st_ctime_ns,
        stat.st_ino,
        stat.st_dev,
        layered,
    )


def _header(key: Key) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "record_format": RECORD_SIGNATURE,
        "shoe": SHOE_CODEC.signature,
        "version": __version__,
        "source": key.source,
        "size": key.size,
        "mtime_ns": key.mtime_ns,
        "ctime_ns": key.ctime_ns,
        "inode": key.inode,
        "device": key.device,
        "overlays": [list(overlay) for overlay in key.overlays],
    }


class Cached(NamedTuple):
    shoes: NameOrdered  # stored in name order, so plain listings skip sorting
    records: bytes  # each shoe's JSON output record, encoded, one per line, in the same order
    overlay: dict[str, dict[str, str]]  # model id -> field -> the overlay file that set it


def _private_directory(where: Path) -> bool:
    """The directory is the user's own and nobody else can write in it."""
    try:
        info = os.stat(where)
    except OSError:
        return False
    if not stat_module.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "geteuid"):
        return info.st_uid == os.geteuid() and not info.st_mode & 0o022
    return True


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a cached value")


def read(key: Key, catalog_bytes: Any = None) -> Cached | None:
    """The cached catalog if the cache matches the catalog exactly; None otherwise.

    Layout: a JSON header line, a JSON line of positional shoes, a JSON line of overlay
    provenance, then one encoded output record per line. The header's checksum covers the
    rest. catalog_bytes() reads the catalog (and overlays), for entries written too soon after
    it changed to trust its timestamps.
    """
    try:
        if not _private_directory(key.file.parent):
            return None
        data = _read_regular_file(key.file, key.size * MAX_GROWTH + MAX_EXTRA)
        if data is None:
            return None
        header_line, _, body = data.partition(b"\n")
        header = json.loads(header_line)
        if type(header) is not dict:
            return None
        digest = header.pop("digest", None)
        # The checksum catches a truncated, damaged or hand-edited cache file.
        if header != {**_header(key), "checksum": _checksum(body)}:
            return None
        if digest is not None and (catalog_bytes is None or digest != _checksum(catalog_bytes())):
            return None
        shoes_line, _, rest = body.partition(b"\n")
        overlay_line, _, records = rest.partition(b"\n")
        # write() stored them in name order; an order changed by hand only reorders a listing.
        shoes = NameOrdered(SHOE_CODEC.decode_all(json.loads(shoes_line, parse_constant=_reject_constant)))
        if records.count(b"\n") != max(len(shoes) - 1, 0) or not _inert(records):
            return None
        overlay = json.loads(overlay_line, parse_constant=_reject_constant)
        if type(overlay) is not dict or not all(
            type(model) is str
            and type(fields) is dict
            and all(type(field) is str and type(file) is str for field, file in fields.items())
            for model, fields in overlay.items()
        ):
            return None
        return Cached(shoes, records, overlay)
    except Exception:
        return None


def _read_regular_file(file: Path, limit: int) -> bytes | None:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(file, flags)  # O_NONBLOCK: a FIFO planted here must not hang the open
    try:
        info = os.fstat(fd)
        if not stat_module.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            return None
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(info.st_size + 1)
        return data if len(data) == info.st_size else None
    finally:
        os.close(fd)


def _inert(records: bytes) -> bool:
    """Records go to stdout as they are: they must be printable ASCII lines, as record_json makes them."""
    return not records.translate(None, _PRINTABLE_LINES)


_PRINTABLE_LINES = bytes(range(0x20, 0x7F)) + b"\n"


def write(
    key: Key,
    shoes: Sequence[Shoe],
    catalog_data: bytes | None = None,
    overlay: dict[str, dict[str, str]] | None = None,
) -> Cached:
    """Cache the shoes in name order (best effort); return them with their encoded records."""
    shoes = in_name_order(shoes)
    records = "\n".join(record_json(shoe) for shoe in shoes).encode("ascii")
    body = (
        json.dumps(
            [SHOE_CODEC.encode(shoe) for shoe in shoes], ensure_ascii=False, allow_nan=False, separators=(",", ":")
        ).encode("utf-8", "surrogatepass")
        + b"\n"
        + json.dumps(overlay or {}, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")
        + b"\n"
        + records
    )
    header = {**_header(key), "checksum": _checksum(body)}
    if time.time_ns() - key.newest_ns() < RECENT_NS:
        if catalog_data is None:
            return Cached(shoes, records, overlay or {})  # too fresh to trust and nothing to check it by
        header["digest"] = _checksum(catalog_data)
    with contextlib.suppress(OSError):  # an unwritable cache only costs speed
        _store(key.file, json.dumps(header).encode() + b"\n" + body)
    return Cached(shoes, records, overlay or {})


def _store(file: Path, data: bytes) -> None:
    import tempfile  # only a cache miss pays for it

    where = file.parent
    where.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        where.mkdir(mode=0o700)
    if not _private_directory(where) and not os.environ.get(ENV_CACHE_DIR):
        _make_private(where)  # our own default directory, made by an older version under umask 002
    if not _private_directory(where):
        return  # someone else's or a shared directory: never write (or read) there
    _sweep(where)
    # Write then rename, so a concurrent reader never sees half a file.
    fd, temp = tempfile.mkstemp(dir=where, prefix=TEMP_PREFIX, suffix=".json")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)  # a buffered file raises on a short write when it flushes
        os.replace(temp, file)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _make_private(where: Path) -> None:
    try:
        info = os.lstat(where)
        if stat_module.S_ISDIR(info.st_mode) and hasattr(os, "geteuid") and info.st_uid == os.geteuid():
            os.chmod(where, 0o700)
    except OSError:
        pass


def _sweep(where: Path) -> None:
    """Remove temp files of killed writers, and all but the newest MAX_ENTRIES cache files;
    only files whose names this module makes, never anything else in the directory."""
    now = time.time()
    entries = []
    try:
        with os.scandir(where) as scan:
            for entry in scan:
                if not entry.is_file(follow_symlinks=False):
                    continue
                modified = entry.stat(follow_symlinks=False).st_mtime
                if OUR_TEMP_FILE.fullmatch(entry.name):
                    if now - modified > STALE_TEMP_SECONDS:
                        os.unlink(entry.path)
                elif OUR_CACHE_FILE.fullmatch(entry.name):
                    entries.append((modified, entry.path))
        for _modified, old in sorted(entries, reverse=True)[MAX_ENTRIES - 1 :]:
            os.unlink(old)
    except OSError:
        pass


def _checksum(body: bytes) -> str:
    # Detects damage; tampering is kept out by the directory and file ownership checks.
    # adler32: 3x faster than crc32 (70 ms for a 100k catalog's 218 MB); zlib, not hashlib,
    # because hashlib loads OpenSSL, ~3 ms of every run.
    return f"{zlib.adler32(body):08x}-{len(body)}"


def encode(shoe: Shoe) -> list[Any]:
    return SHOE_CODEC.encode(shoe)


def decode(record: Any) -> Shoe:
    """The inverse of encode; ValueError (or TypeError, KeyError) for anything unexpected."""
    return SHOE_CODEC.decode(record)
