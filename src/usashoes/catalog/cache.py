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
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from .. import __version__
from ..models import NameOrdered, Shoe, in_name_order
from ..paths import ENV_CACHE_DIR, ENV_NO_CACHE, NO_CACHE_VALUES, directory
from ..records import RECORD_SIGNATURE, record_json
from .codec import Codec
from .files import private_directory, read_own_file

FORMAT = 9  # bump when the file layout changes; the shoe encoding is covered by SHOE_CODEC.signature
# A file's timestamps can stay the same across an edit on 1-2 s filesystems, and `cp -p`,
# `tar x` or `rsync -t` set an old mtime on purpose: a catalog modified this recently when
# the cache was written gets its content checked on every read.
RECENT_NS = 2_500_000_000
# A cache file is at most twice the size of the catalog (and overlays) it comes from, plus a
# little for tiny catalogs; read() refuses a bigger file and write() never makes one (a file it
# could not read back would be rewritten on every run). Its sections are compressed (only past
# MAX_RAW or the bound: reading raw is faster, 1 ms of 4 on the bundled catalog) and each
# distinct field value is stored once (codec.encode_rows), so it is measured 0.02x-0.6x on
# catalogs shaped like the bundled one, written out or with YAML aliases (benchmarks/). Records
# are left out of a file that would be too big with them: they are only a head start.
MAX_GROWTH, MAX_EXTRA = 2, 1024 * 1024
# Each section as decompressed is bounded too; expanded aliases make records many times the text.
MAX_EXPANSION, MAX_EXPANDED_EXTRA = 64, 64 * 1024 * 1024
MAX_RAW = 4 * 1024 * 1024  # a bigger file is compressed (the bundled catalog's is 0.5 MB raw)
ZLIB_LEVEL = 1  # 10-50x smaller at ~500 MB/s; higher levels cost a first run more than they save
# Rows are compressed in chunks, so `show ID` on a big catalog decodes one chunk, not all of it.
ROWS_PER_CHUNK = 512
SECTIONS = ("ids", "values", "overlay", "records")  # then the chunks of rows
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

    def total_size(self) -> int:
        """The catalog's size and its overlays': what the cache's sizes are bounded by."""
        return self.size + sum(overlay[1] for overlay in self.overlays)

    def file_limit(self) -> int:
        return self.total_size() * MAX_GROWTH + MAX_EXTRA

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
        "rows_per_chunk": ROWS_PER_CHUNK,
    }


class Damaged(ValueError):
    """A cache file that passed its checksum still held a value of the wrong type: it is not ours."""


class Stored:
    """A cache file's catalog, decoded as asked for: one chunk of rows for a model found by id,
    every chunk for the whole catalog (in name order, as write() stored them)."""

    def __init__(
        self,
        ids: list[str],
        values: list[Any],
        chunks: list[tuple[bytes, int]],
        records: Callable[[], bytes | bytearray],
        overlay: Any,
        compressed: bool = True,
    ) -> None:
        self.ids = ids
        self.overlay: dict[str, dict[str, str]] = overlay
        self.records = records  # each shoe's JSON record, one per line in the same order; b"" if unusable
        self._values = values
        self._chunks = chunks
        self._compressed = compressed
        self._decoded: dict[int, tuple[Shoe, ...]] = {}
        self._memo: list[dict[int, Any]] | None = None  # shared by all chunks: equal values, one object

    def find(self, shoe_id: str) -> Shoe | None:
        """The shoe with this id (as typed, case and spaces around ignored), decoding its chunk only."""
        position = self._positions.get(shoe_id.strip().casefold())
        if position is None:
            return None
        return self._chunk(position // ROWS_PER_CHUNK)[position % ROWS_PER_CHUNK]

    def shoes(self) -> NameOrdered:
        return NameOrdered(shoe for index in range(len(self._chunks)) for shoe in self._chunk(index))

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {shoe_id.casefold(): position for position, shoe_id in enumerate(self.ids)}

    def _chunk(self, index: int) -> tuple[Shoe, ...]:
        if index not in self._decoded:
            start = index * ROWS_PER_CHUNK
            expected = self.ids[start : start + ROWS_PER_CHUNK]
            try:
                rows = json.loads(_unpack(*self._chunks[index], self._compressed), parse_constant=_reject_constant)
                shoes, self._memo = SHOE_CODEC.decode_rows(rows, self._values, self._memo)
            except Exception as error:  # a chunk that does not decode is damage, whatever the error
                raise Damaged(f"cache chunk {index}: {error}") from None
            if [shoe.id for shoe in shoes] != expected:
                raise Damaged(f"cache chunk {index}: the models are not the ones listed")
            self._decoded[index] = shoes
        return self._decoded[index]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a cached value")


def read(key: Key, catalog_bytes: Any = None) -> Stored | None:
    """The cached catalog if the cache matches the catalog exactly; None otherwise.

    Layout: a JSON header line, then zlib streams: the ids in name order, the table of distinct
    values, the overlay provenance, the encoded output records (one per line; empty if left
    out), then the rows in chunks of ROWS_PER_CHUNK. The header holds every stream's length,
    packed and unpacked, and a checksum of them all. catalog_bytes() reads the catalog (and
    overlays), for entries written too soon after it changed to trust its timestamps.
    """
    try:
        if not private_directory(key.file.parent):
            return None
        data = read_own_file(key.file, key.file_limit())
        if data is None:
            return None
        header_line, _, body = data.partition(b"\n")
        header = json.loads(header_line)
        if type(header) is not dict:
            return None
        digest = header.pop("digest", None)
        lengths = header.pop("sections", None)
        compressed = header.pop("compressed", None)
        # The checksum catches a truncated, damaged or hand-edited cache file.
        if header != {**_header(key), "checksum": _checksum(body)}:
            return None
        if digest is not None and (catalog_bytes is None or digest != _checksum(catalog_bytes())):
            return None
        if type(compressed) is not bool:
            return None
        sections = _split_sections(body, lengths, key)
        ids, values, overlay = (
            json.loads(_unpack(packed, size, compressed), parse_constant=_reject_constant)
            for packed, size in sections[:3]
        )
        (records_packed, records_size), chunks = sections[3], sections[4:]
        if not _valid_ids(ids) or type(values) is not list or not _valid_overlay(overlay):
            return None
        if len(chunks) != -(-len(ids) // ROWS_PER_CHUNK):
            return None
        count = len(ids)

        def records() -> bytes | bytearray:
            try:
                lines = _unpack(records_packed, records_size, compressed)
            except (ValueError, zlib.error):
                return b""
            return lines if lines.count(b"\n") == max(count - 1, 0) and _inert(lines) else b""

        return Stored(ids, values, chunks, records, overlay, compressed)
    except Exception:
        return None


def _split_sections(body: bytes, lengths: Any, key: Key) -> list[tuple[bytes, int]]:
    """The body cut into its (packed stream, unpacked size) sections, checked against the bounds."""
    if type(lengths) is not list or len(lengths) < len(SECTIONS):
        raise ValueError("bad section lengths")
    expanded = key.total_size() * MAX_EXPANSION + MAX_EXPANDED_EXTRA
    sections, offset = [], 0
    for pair in lengths:
        if type(pair) is not list or len(pair) != 2 or not all(type(n) is int and n >= 0 for n in pair):
            raise ValueError("bad section lengths")
        packed, size = pair
        if size > expanded:
            raise ValueError("a section is bigger than the catalog could make")
        sections.append((body[offset : offset + packed], size))
        offset += packed
    if offset != len(body):
        raise ValueError("the sections do not add up to the file")
    return sections


def _unpack(stored: bytes, size: int, compressed: bool) -> bytes | bytearray:
    """A section as written: exactly size bytes, inflated from one whole zlib stream if compressed."""
    if not compressed:
        if len(stored) != size:
            raise ValueError("damaged section")
        return stored
    return _inflate(stored, size)


def _inflate(packed: bytes, size: int) -> bytearray:
    """Exactly size bytes from one whole zlib stream, never more (ValueError otherwise).

    Inflated a mebibyte at a time into one buffer: zlib's one-call decompress collects its
    output in blocks and then joins them, twice the size at its peak (a 100k catalog's
    records are 280 MB: 544 MB instead of 283 MB).
    """
    inflater = zlib.decompressobj()
    data, rest = bytearray(), packed
    while len(data) <= size:
        piece = inflater.decompress(rest, _INFLATE_STEP)
        data += piece
        rest = inflater.unconsumed_tail
        if not piece and not rest:
            break
    if len(data) != size or not inflater.eof or inflater.unused_data:
        raise ValueError("damaged section")
    return data  # a bytearray: copying it into bytes would double the peak again


_INFLATE_STEP = 1 << 20


def _valid_ids(ids: Any) -> bool:
    return type(ids) is list and all(type(shoe_id) is str for shoe_id in ids) and len(set(ids)) == len(ids)


def _valid_overlay(overlay: Any) -> bool:
    return type(overlay) is dict and all(
        type(model) is str
        and type(fields) is dict
        and all(type(field) is str and type(file) is str for field, file in fields.items())
        for model, fields in overlay.items()
    )


def _inert(records: bytes | bytearray) -> bool:
    """Records go to stdout as they are: they must be printable ASCII lines, as record_json makes them."""
    return not records.translate(None, _PRINTABLE_LINES)


_PRINTABLE_LINES = bytes(range(0x20, 0x7F)) + b"\n"


class Written(NamedTuple):
    shoes: NameOrdered
    records: bytes  # each shoe's JSON output record, encoded, one per line, in the same order


def write(
    key: Key,
    shoes: Sequence[Shoe],
    catalog_data: bytes | None = None,
    overlay: dict[str, dict[str, str]] | None = None,
) -> Written:
    """Cache the shoes in name order (best effort); return them with their encoded records."""
    shoes = in_name_order(shoes)
    records = "\n".join(record_json(shoe) for shoe in shoes).encode("ascii")
    written = Written(shoes, records)
    if time.time_ns() - key.newest_ns() < RECENT_NS:
        if catalog_data is None:
            return written  # too fresh to trust and nothing to check it by
        digest: str | None = _checksum(catalog_data)
    else:
        digest = None
    data = _file_data(key, shoes, records, overlay or {}, digest)
    if len(data) > key.file_limit():
        data = _file_data(key, shoes, b"", overlay or {}, digest)  # records are only a head start
    if len(data) > key.file_limit():
        return written  # read() would refuse it: writing it every run would only cost time
    with contextlib.suppress(OSError):  # an unwritable cache only costs speed
        _store(key.file, data)
    return written


def _file_data(
    key: Key, shoes: NameOrdered, records: bytes, overlay: dict[str, dict[str, str]], digest: str | None
) -> bytes:
    rows, values = SHOE_CODEC.encode_rows(shoes)
    parts = [
        _json_bytes([shoe.id for shoe in shoes]),
        _json_bytes(values),
        _json_bytes(overlay),
        records,
        *(_json_bytes(rows[start : start + ROWS_PER_CHUNK]) for start in range(0, len(rows), ROWS_PER_CHUNK)),
    ]
    # Raw when small (faster to read), else compressed: a big file is read whole and checksummed
    # on every run, while `show ID` inflates one chunk and a search never inflates the records.
    compressed = sum(map(len, parts)) > min(key.file_limit() - 64 * 1024, MAX_RAW)  # room for the header
    stored = [zlib.compress(part, ZLIB_LEVEL) for part in parts] if compressed else parts
    body = b"".join(stored)
    header = {
        **_header(key),
        "checksum": _checksum(body),
        "sections": [[len(stream), len(part)] for stream, part in zip(stored, parts, strict=True)],
        "compressed": compressed,
    }
    if digest is not None:
        header["digest"] = digest
    return json.dumps(header).encode() + b"\n" + body


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass"
    )


def _store(file: Path, data: bytes) -> None:
    import tempfile  # only a cache miss pays for it

    where = file.parent
    where.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        where.mkdir(mode=0o700)
    if not private_directory(where) and not os.environ.get(ENV_CACHE_DIR):
        _make_private(where)  # our own default directory, made by an older version under umask 002
    if not private_directory(where):
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


def sections(data: bytes) -> tuple[dict[str, Any], list[Any]]:
    """A cache file's header and its sections, decoded (ids, values, overlay, records, rows...): for tests."""
    header_line, _, body = data.partition(b"\n")
    header = json.loads(header_line)
    parts, offset = [], 0
    for packed, size in header["sections"]:
        parts.append(_unpack(body[offset : offset + packed], size, header["compressed"]))
        offset += packed
    return header, [part if index == 3 else json.loads(part) for index, part in enumerate(parts)]


def assemble(header: dict[str, Any], parts: list[Any]) -> bytes:
    """The inverse of sections, lengths and checksum made to match (as a forger would): for tests."""
    raw = [part if index == 3 else json.dumps(part).encode() for index, part in enumerate(parts)]
    packed = [zlib.compress(part) for part in raw] if header["compressed"] else raw
    body = b"".join(packed)
    header = {
        **header,
        "checksum": _checksum(body),
        "sections": [[len(stream), len(part)] for stream, part in zip(packed, raw, strict=True)],
    }
    return json.dumps(header).encode() + b"\n" + body


def encode(shoe: Shoe) -> Any:
    """One shoe as the cache stores it: its row and the values it refers to (for tests)."""
    return SHOE_CODEC.encode_rows([shoe])


def decode(encoded: Any) -> Shoe:
    """The inverse of encode; ValueError (or TypeError, KeyError, IndexError) for anything unexpected."""
    rows, values = encoded
    return SHOE_CODEC.decode_rows(rows, values)[0][0]
