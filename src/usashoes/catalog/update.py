"""`usashoes catalog update`: a newer catalog from a signed feed, checked at every step, installed
atomically, with the one before kept for --rollback.

Offline-first: nothing here runs unless the user asks for an update, and the bundled catalog
is always there to fall back on. Every failure raises before the pointer (current.json) is
swapped, so the catalog in use is never touched by a failed update.

The data directory (paths.data_directory):

    catalogs/<version>.yaml   the downloaded catalogs (the current one and the previous one)
    current.json              the pointer: {"format": 1, "current": {...}, "previous": {...} | null}
    update.lock               held (flock) by the one update that may run at a time
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import CatalogError, Problem, UsashoesError, WriteFailed
from . import files, selection
from .feed import MAX_INDEX_BYTES, MAX_SIGNATURE_BYTES, SIGNATURE_SUFFIX, FeedError, Index

LOCK_FILE = "update.lock"
DEFAULT_TIMEOUT = 20.0  # seconds per request (connect, and each read)
DEFAULT_DEADLINE = 300.0  # seconds for the whole update
LOOPBACK = ("127.0.0.1", "::1")

# fetch(url, limit) -> the body, at most limit bytes; FeedError for anything else.
Fetcher = Callable[[str, int], bytes]


class InstallFailed(WriteFailed):
    """The data directory could not be written (read-only, full, not ours): exit 74, nothing changed."""

    def __init__(self, error: OSError, path: str) -> None:
        UsashoesError.__init__(
            self, f"Cannot write {path}: {error.strerror or error}; the catalog in use is unchanged."
        )


class Feed(NamedTuple):
    url: str  # index.json's URL
    key: str  # the minisign public key, base64 (RW...)


class Outcome(NamedTuple):
    """What an update, check, rollback or --from-file did, for the one-line answer and --json."""

    action: str  # "update", "check", "from-file", "rollback"
    changed: bool  # the catalog in use changed
    before: selection.Choice
    after: selection.Choice
    available: Index | None = None  # the feed's catalog (update, check)
    newer_available: bool = False  # check: the feed has a newer catalog than the one in use
    downloaded_bytes: int = 0
    models: int | None = None  # models in the newly installed catalog
    note: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "changed": self.changed,
            "newer_available": self.newer_available,
            "before": _choice_json(self.before),
            "after": _choice_json(self.after),
            "available": self.available.as_json() if self.available else None,
            "downloaded_bytes": self.downloaded_bytes,
            "models": self.models,
            "note": self.note,
        }


def _choice_json(choice: selection.Choice) -> dict[str, Any]:
    return {"source": choice.source, "version": choice.version, "published": choice.published, "path": str(choice.path)}


# --- fetching ------------------------------------------------------------------------------------
def check_url(url: str) -> None:
    """Only https, file://, or plain http to the loopback address (a local test feed)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise FeedError(f"{url}: not a URL") from None
    if parts.scheme == "https" and host:
        return
    if parts.scheme == "file" and parts.netloc in ("", "localhost"):
        return
    if parts.scheme == "http" and host in LOOPBACK:
        return
    raise FeedError(f"{url}: use an https:// URL (or file://; plain http only to 127.0.0.1 or [::1])")


def urllib_fetcher(timeout: float = DEFAULT_TIMEOUT, deadline: float = DEFAULT_DEADLINE) -> Fetcher:
    """A fetcher on urllib: each request limited in time, all of them together by the deadline,
    every body by a byte cap, redirects held to the same URL rules."""
    import http.client
    import urllib.error
    import urllib.request

    ends = time.monotonic() + deadline

    class Redirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
            check_url(newurl)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    opener = urllib.request.build_opener(Redirects)
    opener.addheaders = [("User-Agent", "usashoes-catalog-update")]

    def fetch(url: str, limit: int) -> bytes:
        check_url(url)
        left = ends - time.monotonic()
        if left <= 0:
            raise FeedError(f"{url}: gave up: the update took longer than its {deadline:g} s deadline")
        try:
            with opener.open(url, timeout=min(timeout, left)) as response:
                length = response.headers.get("Content-Length")
                if length is not None and length.isdigit() and int(length) > limit:
                    raise FeedError(f"{url}: {int(length):,} bytes, more than the {limit:,} expected")
                chunks, size = [], 0
                while True:
                    if time.monotonic() > ends:
                        raise FeedError(f"{url}: gave up: the update took longer than its {deadline:g} s deadline")
                    chunk = response.read(min(1 << 16, limit + 1 - size))
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > limit:
                        raise FeedError(f"{url}: more than the {limit:,} bytes expected")
                if length is not None and length.isdigit() and size != int(length):
                    raise FeedError(f"{url}: truncated: {size:,} of {int(length):,} bytes arrived")
                return b"".join(chunks)
        except urllib.error.HTTPError as error:
            raise FeedError(f"{url}: HTTP {error.code} {error.reason}") from None
        except http.client.IncompleteRead as error:
            raise FeedError(f"{url}: truncated: the connection closed after {len(error.partial):,} bytes") from None
        except TimeoutError:  # socket.timeout is TimeoutError since 3.10
            raise FeedError(f"{url}: no answer within {timeout:g} s") from None
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                raise FeedError(f"{url}: no answer within {timeout:g} s") from None
            text = getattr(reason, "strerror", None) or reason
            raise FeedError(f"{url}: cannot fetch: {text}") from None
        except (http.client.HTTPException, OSError, ValueError) as error:
            raise FeedError(
                f"{url}: cannot fetch: {getattr(error, 'strerror', None) or error or type(error).__name__}"
            ) from None

    return fetch


def fetch_index(feed: Feed, fetch: Fetcher) -> Index:
    """index.json from the feed, its signature checked, its fields parsed and checked."""
    from .feed import parse_index, parse_public_key, readable, verify

    key = parse_public_key(feed.key)
    check_url(feed.url)
    data = fetch(feed.url, MAX_INDEX_BYTES)
    signature = fetch(feed.url + SIGNATURE_SUFFIX, MAX_SIGNATURE_BYTES)
    verify(data, signature, key, feed.url + SIGNATURE_SUFFIX)
    index = parse_index(data, feed.url)
    readable(index, feed.url)
    return index


# --- the data directory --------------------------------------------------------------------------
def data_dir_or_fail() -> Path:
    from .. import paths

    where = paths.data_directory()
    if where is None:
        raise FeedError("no data directory for downloaded catalogs: set USASHOES_DATA_DIR (or HOME)")
    return where


def in_use(data_dir: Path) -> tuple[selection.Choice, selection.Pointer | None]:
    """The catalog updates compare against (the downloaded one if it is used, else the bundled
    one; --catalog and $USASHOES_CATALOG do not count), and the pointer as it is."""
    pointer = selection.read_pointer(data_dir)
    return selection.downloaded_in(data_dir) or selection.bundled(), pointer


@contextlib.contextmanager
def locked(data_dir: Path) -> Iterator[None]:
    """One update at a time: an exclusive flock on update.lock, held throughout; a second
    update fails at once instead of waiting. Skipped where there is no fcntl (Windows)."""
    _prepare(data_dir)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    lock = data_dir / LOCK_FILE
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except OSError as error:
        raise InstallFailed(error, str(lock)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise FeedError(f"{lock}: another catalog update is running; try again when it is done") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _prepare(data_dir: Path) -> None:
    for where in (data_dir, data_dir / selection.CATALOGS_DIR):
        try:
            files.make_private_directory(where)
        except OSError as error:
            raise InstallFailed(error, str(where)) from None


# --- installing ----------------------------------------------------------------------------------
def _compare(index: Index, current: selection.Choice, allow_downgrade: bool, where: str) -> int:
    """-1, 0 or 1: the index's catalog against the one in use; FeedError for a refused downgrade."""
    new = selection.version_key(index.catalog_version) or ()
    old = selection.version_key(current.version or "") or ()
    if new < old and not allow_downgrade:
        raise FeedError(
            f"{where}: offers catalog {index.catalog_version}, older than the {current.version} in use "
            "(a replayed old index?); refused: give --allow-downgrade to install it anyway"
        )
    return (new > old) - (new < old)


def check(feed: Feed, fetch: Fetcher, data_dir: Path) -> Outcome:
    """Whether the feed has a newer catalog than the one in use; installs nothing."""
    current, _pointer = in_use(data_dir)
    index = fetch_index(feed, fetch)
    newer = (selection.version_key(index.catalog_version) or ()) > (selection.version_key(current.version or "") or ())
    return Outcome("check", False, current, current, index, newer_available=newer)


def update(feed: Feed, fetch: Fetcher, data_dir: Path, allow_downgrade: bool = False) -> Outcome:
    """Fetch, verify and install the feed's catalog if it is newer (or --allow-downgrade)."""
    with locked(data_dir):
        current, pointer = in_use(data_dir)
        index = fetch_index(feed, fetch)
        order = _compare(index, current, allow_downgrade, feed.url)
        if order == 0:
            if current.source == selection.DOWNLOADED and pointer and pointer.current.sha256 != index.sha256:
                raise FeedError(
                    f"{feed.url}: offers catalog {index.catalog_version} with another sha256 than the one "
                    "installed under that version; refused (a version is never republished)"
                )
            return Outcome("update", False, current, current, index, note="already up to date")
        data = fetch(index.url, index.size_bytes)
        if len(data) != index.size_bytes:
            raise FeedError(f"{index.url}: {len(data):,} bytes, but the index says {index.size_bytes:,}")
        if selection.sha256_of(data) != index.sha256:
            raise FeedError(f"{index.url}: sha256 does not match the signed index; refused")
        return _install(data_dir, data, index.url, index.catalog_version, index.published, current, pointer, index)


def install_file(
    path: Path, data_dir: Path, version: str | None = None, allow_downgrade: bool = False, today: str | None = None
) -> Outcome:
    """--from-file: a local catalog installed through the same checks and steps as a download.
    Its version is the one given, else today's date."""
    from .loader import read_bytes

    stamp = today or time.strftime("%Y-%m-%d", time.gmtime())
    version = version or stamp.replace("-", ".")
    if selection.version_key(version) is None:
        raise FeedError(f"--catalog-version {version!r}: expected a calendar version like 2026.12.04")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise CatalogError([Problem(str(path), f"cannot read: {error.strerror or error}")]) from None
    data = read_bytes(path, size)
    with locked(data_dir):
        current, pointer = in_use(data_dir)
        index = Index(version, stamp, 0, "0", len(data), selection.sha256_of(data), str(path))
        if _compare(index, current, allow_downgrade, str(path)) == 0 and current.source == selection.DOWNLOADED:
            raise FeedError(
                f"{path}: catalog {version} is installed already; give another --catalog-version (e.g. {version}.1)"
            )
        return _install(data_dir, data, str(path), version, stamp, current, pointer, None, action="from-file")


def _install(
    data_dir: Path,
    data: bytes,
    source: str,
    version: str,
    published: str,
    current: selection.Choice,
    pointer: selection.Pointer | None,
    index: Index | None,
    action: str = "update",
) -> Outcome:
    """Write, validate, move into place, then swap the pointer: each step durable before the next."""
    import tempfile

    from .loader import check as validate

    catalogs = data_dir / selection.CATALOGS_DIR
    target = selection.catalog_file(data_dir, version)
    try:
        fd, temp_name = tempfile.mkstemp(dir=catalogs, prefix=files.TEMP_PREFIX, suffix=".yaml")
    except OSError as error:
        raise InstallFailed(error, str(catalogs)) from None
    temp = Path(temp_name)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        shoes, problems, _warnings = validate(temp)
        if problems:
            # Named by where the catalog came from, not by the temporary file.
            raise CatalogError([problem._replace(file=source) for problem in problems])
        os.replace(temp, target)
        files.sync_directory(catalogs)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise InstallFailed(error, str(target)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    entry = selection.Entry(version, selection.sha256_of(data), published)
    previous = pointer.current if pointer is not None and pointer.current.version != version else None
    _swap_pointer(data_dir, selection.Pointer(entry, previous))
    _prune(data_dir, keep={version, *([previous.version] if previous else [])})
    after = selection.downloaded_in(data_dir) or selection.bundled()
    note = None
    if after.source != selection.DOWNLOADED:
        note = (
            f"installed {version}, but the bundled catalog {selection.BUNDLED_VERSION} is as new or newer "
            "and stays in use"
        )
    return Outcome(
        action,
        after.path != current.path,
        current,
        after,
        index,
        downloaded_bytes=len(data),
        models=len(shoes),
        note=note,
    )


def _swap_pointer(data_dir: Path, pointer: selection.Pointer) -> None:
    file = data_dir / selection.CURRENT_FILE
    try:
        files.atomic_write(file, pointer.encode())
    except OSError as error:
        raise InstallFailed(error, str(file)) from None


def _prune(data_dir: Path, keep: set[str]) -> None:
    """Remove downloaded catalogs other than the current and previous ones (best effort), and
    temporary files of killed updates; only names this module makes."""
    catalogs = data_dir / selection.CATALOGS_DIR
    with contextlib.suppress(OSError), os.scandir(catalogs) as scan:
        for entry in scan:
            name = entry.name
            ours = name.endswith(".yaml") and selection.version_key(name[: -len(".yaml")]) is not None
            if (ours and name[: -len(".yaml")] not in keep) or name.startswith(files.TEMP_PREFIX):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def rollback(data_dir: Path) -> Outcome:
    """The previous catalog back (the bundled one if there was none before): the pointer's two
    entries swap, so a second --rollback undoes the first."""
    with locked(data_dir):
        current, pointer = in_use(data_dir)
        if pointer is None:
            raise FeedError(f"{data_dir}: no downloaded catalog is installed; nothing to roll back")
        if pointer.previous is None:
            file = data_dir / selection.CURRENT_FILE
            try:
                os.unlink(file)
                files.sync_directory(data_dir)
            except OSError as error:
                raise InstallFailed(error, str(file)) from None
        else:
            if not selection.intact(data_dir, pointer.previous):
                raise FeedError(
                    f"{selection.catalog_file(data_dir, pointer.previous.version)}: the previous catalog is missing "
                    "or damaged; nothing rolled back"
                )
            _swap_pointer(data_dir, selection.Pointer(pointer.previous, pointer.current))
        after = selection.downloaded_in(data_dir) or selection.bundled()
        return Outcome("rollback", after.path != current.path, current, after)
