"""Find, read and validate a catalog; keep a parsed cache so big catalogs load fast.

Which catalog: selection.py decides (--catalog PATH, $USASHOES_CATALOG, a downloaded catalog,
the bundled catalog.yaml).
YAML and validation modules are imported only on a cache miss (they cost startup time).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import CatalogError, Problem, UsageProblem
from ..models import NameOrdered, Shoe, in_name_order
from ..records import EncodedRecords
from . import cache, selection

ENV_CATALOG = selection.ENV_CATALOG
ENV_ADD_CATALOG = "USASHOES_ADD_CATALOG"  # overlay files, os.pathsep-separated; --add-catalog adds after them
BUNDLED_NAME = "catalog.yaml"


class Catalog:
    """A loaded catalog: its shoes (always in name order, models.in_name_order), their JSON
    records where made earlier, and which overlay file set what.

    From the cache, shoes are decoded when first asked for, and find() decodes only the part
    that holds the one model asked for: `show ID` on a 100k catalog need not decode 100k models.
    A cache entry found damaged then is dropped for the catalog itself (reparse).
    """

    def __init__(
        self,
        path: str,
        shoes: Sequence[Shoe] = (),
        encoded_records: bytes | Callable[[], bytes | bytearray] = b"",
        overlay: dict[str, dict[str, str]] | None = None,
        *,
        stored: cache.Stored | None = None,
        reparse: Callable[[], Sequence[Shoe]] | None = None,
    ) -> None:
        self.path = path
        # The shoes' JSON records made earlier (the cache's), one per line, or what makes them.
        self.encoded_records = encoded_records
        # Model id -> field -> the overlay file (--add-catalog) that set it; "id" too if it added the model.
        self.overlay = overlay if overlay is not None else {}
        self._stored = stored
        self._reparse = reparse
        if stored is None:
            self.shoes = in_name_order(shoes)

    @cached_property
    def shoes(self) -> NameOrdered:
        assert self._stored is not None and self._reparse is not None
        try:
            return self._stored.shoes()
        except cache.Damaged:
            self.encoded_records = b""
            return in_name_order(self._reparse())

    def find(self, shoe_id: str) -> Shoe | None:
        """The model with exactly this id (case and surrounding spaces aside); from the cache,
        without decoding the rest of the catalog. None when not found so (a damaged cache
        entry, or no such id): the resolver then reads every model."""
        if self._stored is None or "shoes" in self.__dict__:
            return self.by_id.get(shoe_id.strip().casefold())
        try:
            return self._stored.find(shoe_id)
        except cache.Damaged:
            return self.by_id.get(shoe_id.strip().casefold())

    @cached_property
    def by_id(self) -> dict[str, Shoe]:
        return {shoe.id: shoe for shoe in self.shoes}

    @cached_property
    def records(self) -> EncodedRecords:
        """Each shoe's JSON record, memoised: the cache's where it has them, else made on demand."""
        return EncodedRecords(self.shoes, self.encoded_records)


def bundled_path() -> Path:
    """The catalog shipped in the wheel, or the repo's top-level one in an editable install."""
    from ..paths import bundled_catalog

    return bundled_catalog(BUNDLED_NAME)


def choose_path(explicit: str | None) -> Path:
    """The catalog file a run uses (selection.choose decides)."""
    if explicit == "":
        # An unset variable in a script ("--catalog $FILE") must not fall back silently.
        raise UsageProblem("The catalog path is empty; give a file name.")
    return selection.choose(explicit).path


def overlay_paths(explicit: Sequence[str] | None = None) -> list[Path]:
    """$USASHOES_ADD_CATALOG's files (empty entries skipped), then each --add-catalog, in order."""
    paths = [Path(part) for part in os.environ.get(ENV_ADD_CATALOG, "").split(os.pathsep) if part]
    for given in explicit or ():
        if not given:
            raise UsageProblem("An --add-catalog path is empty; give a file name.")
        paths.append(Path(given))
    return paths


STDIN = "-"  # --catalog -: the catalog is read from standard input
STDIN_NAME = "<stdin>"  # how messages name it (file:line:col)


def load(explicit: str | None = None, use_cache: bool = True, add: Sequence[str] | None = None) -> Catalog:
    if explicit == STDIN:
        return load_stdin(overlay_paths(add))
    path = choose_path(explicit)
    overlays = overlay_paths(add)
    if overlays:
        return load_layers(path, overlays, use_cache=use_cache)
    return load_path(path, use_cache=use_cache)


def load_layers(path: Path, overlays: list[Path], use_cache: bool = True) -> Catalog:
    """The catalog at path with each overlay merged over it in order (later ones win)."""
    paths = [path, *overlays]
    stats = [_stat(each) for each in paths]
    key = cache.key_for(path, stats[0], list(zip(overlays, stats[1:], strict=True))) if use_cache else None

    def every_byte() -> bytes:
        return b"\0".join(read_bytes(each, info.st_size) for each, info in zip(paths, stats, strict=True))

    def reparse() -> tuple[Shoe, ...]:
        datas = [read_bytes(each, info.st_size) for each, info in zip(paths, stats, strict=True)]
        return _parse_layers(datas, [str(each) for each in paths])[0]

    if key is not None and (stored := cache.read(key, every_byte)) is not None:
        return Catalog(str(path), (), stored.records, stored.overlay, stored=stored, reparse=reparse)
    datas = [read_bytes(each, info.st_size) for each, info in zip(paths, stats, strict=True)]
    shoes, _warnings, overlay = _parse_layers(datas, [str(each) for each in paths])
    if key is not None:
        written = cache.write(key, shoes, b"\0".join(datas), overlay)
        return Catalog(str(path), written.shoes, written.records, overlay=overlay)
    return Catalog(str(path), shoes, overlay=overlay)


def load_stdin(overlays: list[Path]) -> Catalog:
    """The catalog from standard input (never cached: a pipe has no identity to key it on),
    read up to the size limit, with any overlays merged over it."""
    import sys

    from .yaml_nodes import MAX_BYTES

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise CatalogError([Problem(STDIN_NAME, "cannot read: standard input is closed")])
    try:
        data = read_limited(stream, MAX_BYTES + 1)  # bounded: `yes | usashoes --catalog - list` stops here
    except OSError as error:
        raise CatalogError([Problem(STDIN_NAME, f"cannot read: {error.strerror or error}")]) from None
    if len(data) > MAX_BYTES:
        raise CatalogError([Problem(STDIN_NAME, f"is larger than {MAX_BYTES:,} bytes, the limit for a catalog")])
    if not overlays:
        return Catalog(STDIN_NAME, parse(data, STDIN_NAME))
    datas = [data, *(read_bytes(each, _stat(each).st_size) for each in overlays)]
    shoes, _warnings, overlay = _parse_layers(datas, [STDIN_NAME, *(str(each) for each in overlays)])
    return Catalog(STDIN_NAME, shoes, overlay=overlay)


def _parse_layers(
    datas: list[bytes], files: list[str]
) -> tuple[tuple[Shoe, ...], list[Problem], dict[str, dict[str, str]]]:
    from .schema import shoes_from_layers
    from .yaml_nodes import compose, decode

    roots = [(compose(decode(data, file), file), file) for data, file in zip(datas, files, strict=True)]
    shoes, problems, warnings, overlay = shoes_from_layers(roots)
    if problems:
        order = {file: index for index, file in enumerate(files)}
        raise CatalogError(sorted(problems, key=lambda p: (order.get(p.file, 0), p.line or 0, p.column or 0)))
    return tuple(shoes), warnings, overlay


def _stat(path: Path) -> os.stat_result:
    file = str(path)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise CatalogError([Problem(file, "no such file")]) from None
    except OSError as error:
        raise CatalogError([Problem(file, f"cannot read: {error.strerror or error}")]) from None
    if path.is_dir():
        raise CatalogError([Problem(file, "is a directory, not a catalog file")])
    return stat


def load_path(path: Path, use_cache: bool = True) -> Catalog:
    file = str(path)
    stat = _stat(path)
    key = cache.key_for(path, stat) if use_cache else None
    if key is not None and (stored := cache.read(key, lambda: read_bytes(path, stat.st_size))) is not None:
        return Catalog(
            file, (), stored.records, stored=stored, reparse=lambda: parse(read_bytes(path, stat.st_size), file)
        )
    data = read_bytes(path, stat.st_size)
    shoes = parse(data, file)
    if key is not None:
        written = cache.write(key, shoes, data)
        return Catalog(file, written.shoes, written.records)
    return Catalog(file, shoes)


def read_bytes(path: Path, size: int) -> bytes:
    from .yaml_nodes import MAX_BYTES

    file = str(path)
    if size > MAX_BYTES:
        raise CatalogError([Problem(file, f"is {size:,} bytes; catalogs are limited to {MAX_BYTES:,}")])
    try:
        # Read at most one byte past the limit: stat sizes lie for /dev/zero and pipes.
        with path.open("rb") as handle:
            data = read_limited(handle, MAX_BYTES + 1)
    except OSError as error:
        raise CatalogError([Problem(file, f"cannot read: {error.strerror or error}")]) from None
    if len(data) > MAX_BYTES:
        raise CatalogError([Problem(file, f"is larger than {MAX_BYTES:,} bytes, the limit for a catalog")])
    return data


def read_limited(handle: Any, limit: int) -> bytes:
    """At most `limit` bytes of an open binary file; a pipe, FIFO or device is read so that
    Ctrl-C always ends the wait.

    CPython runs a signal's handler only between bytecodes: a SIGINT landing between the open
    of a FIFO and the read() that follows left the read blocked for good (seen in tests under
    load). Waiting in select() with a short timeout, in a Python loop, gives the handler its
    turn within a tenth of a second. Regular files never block and are read at once.
    """
    import stat

    try:
        fd = handle.fileno()
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except (AttributeError, OSError, ValueError):  # not a real file (a test's BytesIO)
        return bytes(handle.read(limit))
    if regular or os.name == "nt":  # Windows' select() takes sockets only
        return bytes(handle.read(limit))
    import select

    chunks: list[bytes] = []
    size = 0
    while size < limit:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        chunk = os.read(fd, min(1 << 16, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def parse(data: bytes, file: str) -> tuple[Shoe, ...]:
    """Validated shoes from catalog bytes, or a CatalogError listing every problem."""
    return _parse(data, file)[0]


def _parse(data: bytes, file: str) -> tuple[tuple[Shoe, ...], list[Problem]]:
    from .schema import shoes_from_document
    from .yaml_nodes import compose, decode

    root = compose(decode(data, file), file)
    shoes, problems, warnings = shoes_from_document(root, file)
    if problems:
        # In file order, as an editor or compiler would list them.
        raise CatalogError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return tuple(shoes), warnings


def check(path: Path, overlays: Sequence[Path] = ()) -> tuple[tuple[Shoe, ...], list[Problem], list[Problem]]:
    """The shoes, every problem and every warning in the catalog at path (with overlays merged
    over it); for `catalog validate`."""
    try:
        if overlays:
            paths = [path, *overlays]
            datas = [read_bytes(each, _stat(each).st_size) for each in paths]
            shoes, warnings, _overlay = _parse_layers(datas, [str(each) for each in paths])
            return shoes, [], warnings
        stat = _stat(path)
        shoes, warnings = _parse(read_bytes(path, stat.st_size), str(path))
        return shoes, [], warnings
    except CatalogError as error:
        return (), list(error.problems), []


def check_overlay(path: Path) -> tuple[int, list[Problem]]:
    """An overlay file on its own (`catalog validate --overlay`): how many entries, every problem."""
    from .schema import patches_from_document
    from .yaml_nodes import compose, decode

    file = str(path)
    try:
        root = compose(decode(read_bytes(path, _stat(path).st_size), file), file)
    except CatalogError as error:
        return 0, list(error.problems)
    count, problems = patches_from_document(root, file)
    return count, sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
