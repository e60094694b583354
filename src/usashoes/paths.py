"""Where the cache, the downloaded catalogs and the bundled catalog are: cheap to import (os, sys, pathlib).

Kept apart from cache.py so that the fast completion path (fastcomplete.py) can find both
without importing the cache's codec and models.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_CACHE_DIR = "USASHOES_CACHE_DIR"
ENV_NO_CACHE = "USASHOES_NO_CACHE"
ENV_DATA_DIR = "USASHOES_DATA_DIR"  # where `catalog update` keeps downloaded catalogs
NO_CACHE_VALUES = ("1", "true", "yes", "on")  # any case; anything else (0, false, empty) keeps the cache


def directory() -> Path | None:
    """Where the cache lives, or None when there is no sensible place (no home directory)."""
    if override := os.environ.get(ENV_CACHE_DIR):
        return Path(override)
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        elif sys.platform == "darwin":
            base = str(Path.home() / "Library" / "Caches")
        else:
            base = os.environ.get("XDG_CACHE_HOME", "")
            # The XDG spec: a relative path is invalid and must be ignored.
            if not os.path.isabs(base):
                base = str(Path.home() / ".cache")
    except (RuntimeError, KeyError, OSError):  # HOME unset and the uid not in passwd
        return None
    if not os.path.isabs(base):  # HOME="" or relative: never a cache in the working directory
        return None
    return Path(base) / "usashoes"


def data_directory(environ: os._Environ[str] | dict[str, str] | None = None) -> Path | None:
    """Where downloaded catalogs live: $USASHOES_DATA_DIR, else $XDG_DATA_HOME/usashoes, else
    ~/.local/share/usashoes. Relative values are ignored (never a directory under the working one);
    None when there is no sensible place (no home directory)."""
    env = os.environ if environ is None else environ
    override = env.get(ENV_DATA_DIR, "")
    if os.path.isabs(override):
        return Path(override)
    base = env.get("XDG_DATA_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative path is invalid and must be ignored
        try:
            home = env.get("HOME") or str(Path.home())
        except (RuntimeError, KeyError, OSError):  # HOME unset and the uid not in passwd
            return None
        base = os.path.join(home, ".local", "share")
        if not os.path.isabs(base):
            return None
    return Path(base) / "usashoes"


def cache_disabled() -> bool:
    return os.environ.get(ENV_NO_CACHE, "").strip().lower() in NO_CACHE_VALUES


def bundled_catalog(name: str = "catalog.yaml") -> Path:
    """The catalog shipped in the wheel, or the repo's top-level one in an editable install."""
    packaged = Path(__file__).with_name(name)
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / name
