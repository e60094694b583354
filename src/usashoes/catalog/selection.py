"""Which catalog a run uses, decided in this one place (the loader and the fast TAB path both ask).

Highest first: --catalog PATH, $USASHOES_CATALOG, the downloaded catalog (`catalog update`) when
its file still has the sha256 recorded for it and its version is newer than the bundled one,
else the bundled catalog. A damaged, missing or older download is passed over silently: the
bundled catalog is always there to fall back on.

Cheap to import (os, pathlib): it runs on every command, every TAB and `--version` (which has a
startup budget: json and re cost it ~10 ms, so they are imported only when a downloaded catalog
is installed, and so is hashlib).
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import __version__, paths
from . import files

ENV_CATALOG = "USASHOES_CATALOG"
# The bundled catalog's version: the date catalog.yaml last changed. Bump it with the catalog
# (CONTRIBUTING.md), so that a downloaded catalog older than the one in a new release is not used.
BUNDLED_VERSION = "2026.12.03"
BUNDLED_PUBLISHED = "2026-12-03"
CURRENT_FILE = "current.json"  # the pointer: which downloaded catalog is in use
CATALOGS_DIR = "catalogs"  # the downloaded catalogs, one file per version: <version>.yaml
MAX_POINTER_BYTES = 64 * 1024
MAX_CATALOG_BYTES = 256 * 1024 * 1024  # yaml_nodes.MAX_BYTES, not imported: that module is heavy

HEX = frozenset("0123456789abcdef")

BUNDLED, DOWNLOADED, OPTION, ENV = "bundled", "downloaded", "option", "env"


def _digits(text: str, low: int, high: int) -> bool:
    return low <= len(text) <= high and text.isascii() and text.isdigit()


def version_key(version: str) -> tuple[int, ...] | None:
    """A catalog version, a calendar version YYYY.MM.DD with an optional .N (a second release on
    one day), as a tuple that sorts by date; None if it is not one."""
    parts = version.split(".")
    if len(parts) not in (3, 4) or not (
        _digits(parts[0], 4, 4) and _digits(parts[1], 2, 2) and _digits(parts[2], 2, 2)
    ):
        return None
    if len(parts) == 4 and not _digits(parts[3], 1, 4):
        return None
    year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (year, month, day, int(parts[3]) if len(parts) == 4 else 0)


def is_sha256(text: str) -> bool:
    return len(text) == 64 and set(text) <= HEX


def is_date(text: str) -> bool:
    """YYYY-MM-DD."""
    parts = text.split("-")
    return len(parts) == 3 and _digits(parts[0], 4, 4) and _digits(parts[1], 2, 2) and _digits(parts[2], 2, 2)


class Entry:
    """One installed catalog as the pointer records it."""

    __slots__ = ("published", "sha256", "version")

    def __init__(self, version: str, sha256: str, published: str) -> None:
        self.version, self.sha256, self.published = version, sha256, published

    def as_json(self) -> dict[str, str]:
        return {"version": self.version, "sha256": self.sha256, "published": self.published}

    @staticmethod
    def from_json(value: object) -> Entry | None:
        if not isinstance(value, dict):
            return None
        version, sha256, published = value.get("version"), value.get("sha256"), value.get("published")
        if not (isinstance(version, str) and version_key(version) is not None):
            return None
        if not (isinstance(sha256, str) and is_sha256(sha256)):
            return None
        if not (isinstance(published, str) and is_date(published)):
            return None
        return Entry(version, sha256, published)


class Pointer:
    """current.json: the catalog in use and the one before it (for --rollback)."""

    __slots__ = ("current", "previous")

    def __init__(self, current: Entry, previous: Entry | None) -> None:
        self.current, self.previous = current, previous

    def encode(self) -> bytes:
        import json

        document = {
            "format": 1,
            "current": self.current.as_json(),
            "previous": self.previous.as_json() if self.previous else None,
        }
        return (json.dumps(document, indent=2) + "\n").encode("ascii")


class Choice:
    """The catalog a run uses: its path, where the choice came from, and for the bundled and
    downloaded ones their version and publication date."""

    __slots__ = ("path", "published", "source", "version")

    def __init__(self, path: Path, source: str, version: str | None = None, published: str | None = None) -> None:
        self.path, self.source, self.version, self.published = path, source, version, published

    def describe(self) -> str:
        """For --version and catalog info: "bundled 2026.12.03", "downloaded 2026.12.04 (published
        2026-12-04)" or "file PATH"."""
        if self.source == BUNDLED:
            return f"bundled {self.version}"
        if self.source == DOWNLOADED:
            return f"downloaded {self.version} (published {self.published})"
        return f"file {self.path}"


def catalog_file(data_dir: Path, version: str) -> Path:
    return data_dir / CATALOGS_DIR / f"{version}.yaml"


def read_pointer(data_dir: Path) -> Pointer | None:
    """current.json, if it is ours, private and well-formed; None otherwise."""
    if not files.private_directory(data_dir):
        return None
    data = files.read_own_file(data_dir / CURRENT_FILE, MAX_POINTER_BYTES)
    if data is None:
        return None
    import json

    try:
        document = json.loads(data)
    except ValueError:
        return None
    if not isinstance(document, dict) or document.get("format") != 1:
        return None
    current = Entry.from_json(document.get("current"))
    if current is None:
        return None
    return Pointer(current, Entry.from_json(document.get("previous")))


def sha256_of(data: bytes) -> str:
    import hashlib  # ~3 ms (OpenSSL): only runs with a downloaded catalog pay it

    return hashlib.sha256(data).hexdigest()


def intact(data_dir: Path, entry: Entry) -> bool:
    """The entry's catalog file is there, private, and has the recorded sha256."""
    where = data_dir / CATALOGS_DIR
    if not files.private_directory(where):
        return False
    data = files.read_own_file(catalog_file(data_dir, entry.version), MAX_CATALOG_BYTES)
    return data is not None and sha256_of(data) == entry.sha256


def downloaded(environ: os._Environ[str] | dict[str, str] | None = None) -> Choice | None:
    """The downloaded catalog, if one is installed, intact and newer than the bundled one."""
    data_dir = paths.data_directory(environ)
    return None if data_dir is None else downloaded_in(data_dir)


def downloaded_in(data_dir: Path) -> Choice | None:
    pointer = read_pointer(data_dir)
    if pointer is None:
        return None
    entry = pointer.current
    newer = (version_key(entry.version) or ()) > (version_key(BUNDLED_VERSION) or ())
    if not newer or not intact(data_dir, entry):
        return None
    return Choice(catalog_file(data_dir, entry.version), DOWNLOADED, entry.version, entry.published)


def bundled() -> Choice:
    return Choice(paths.bundled_catalog(), BUNDLED, BUNDLED_VERSION, BUNDLED_PUBLISHED)


def choose(explicit: str | None = None, environ: os._Environ[str] | dict[str, str] | None = None) -> Choice:
    """The catalog to use: --catalog (explicit), $USASHOES_CATALOG, the downloaded one, the bundled one.

    An empty explicit path is the caller's to refuse (loader.choose_path); an empty
    $USASHOES_CATALOG means unset, as the README says.
    """
    env = os.environ if environ is None else environ
    if explicit:
        return Choice(Path(explicit), OPTION)
    from_env = env.get(ENV_CATALOG)
    if from_env:
        return Choice(Path(from_env), ENV)
    return downloaded(env) or bundled()


def version_text(explicit: str | None = None) -> str:
    """`usashoes --version`: the version, then which catalog is in use (no YAML is imported
    for it: --version has a startup budget)."""
    described = choose(explicit).describe()
    printable = "".join(char if char.isprintable() else "?" for char in described)
    return f"usashoes {__version__}\ncatalog: {printable}\n"
