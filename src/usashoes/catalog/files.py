"""Safe files in the user's own directories: private-directory checks, a no-follow bounded read
and an atomic write. Used by catalog selection (on every run, also by the fast TAB path, so
only os and stat are imported here), by `catalog update` and by the parsed-catalog cache.
"""

from __future__ import annotations

import os
import stat as stat_module
from pathlib import Path


def private_directory(where: Path) -> bool:
    """The directory is the user's own and nobody else can write in it."""
    try:
        info = os.stat(where)
    except (OSError, ValueError):
        return False
    if not stat_module.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "geteuid"):
        return info.st_uid == os.geteuid() and not info.st_mode & 0o022
    return True


def make_private_directory(where: Path) -> None:
    """Create the directory (and its parents) for the user alone; OSError if that cannot be done
    or it exists and is someone else's or writable by others."""
    where.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not private_directory(where):
        raise PermissionError(0, "is not a private directory of this user (it must not be writable by others)")


def read_own_file(file: Path, limit: int) -> bytes | None:
    """The bytes of a regular file owned by the user, at most `limit` of them; None when it is
    missing, a link, a FIFO or device, someone else's, or larger than the limit.

    Opened without following a link and without blocking (a FIFO planted here must not hang
    the open); the size is checked on the open file, so a swap after a stat cannot get past it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(file, flags)
    except (OSError, ValueError):
        return None
    try:
        info = os.fstat(fd)
        if not stat_module.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            return None
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks) if size <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


TEMP_PREFIX = ".usashoes-tmp-"


def atomic_write(file: Path, data: bytes) -> None:
    """Replace file with data so that a reader, a crash or a full disk never leaves half a file:
    a temporary file in the same directory, written and fsynced, os.replace'd over the target,
    then the directory fsynced so the rename itself survives a power cut. OSError on any failure,
    with the temporary file removed and the old file untouched."""
    import tempfile

    fd, temp = tempfile.mkstemp(dir=file.parent, prefix=TEMP_PREFIX, suffix=file.suffix)
    try:
        try:
            view = memoryview(data)
            while view:  # every byte, or an error: a full disk is an error
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, file)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    sync_directory(file.parent)


def sync_directory(where: Path) -> None:
    """fsync a directory so a rename or unlink in it is durable; skipped where directories
    cannot be opened (Windows)."""
    if os.name == "nt":
        return
    fd = os.open(where, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
