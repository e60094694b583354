"""The staleness hint: one stderr line, at most weekly, saying the catalog in use is old and how
to look for a newer one. Never fetches anything (only `catalog update` does).

Shown only after a successful command, only when stdout and stderr are both terminals (piped
or machine output never sees it), never with --json, --format or -o, only when a feed is
configured, and never with USASHOES_NO_UPDATE_HINT=1. The week is counted from the mtime of a
stamp file in the data directory; where that cannot be written, no hint is shown at all (a
hint that cannot remember it was shown would nag on every run).
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from datetime import date

ENV_NO_HINT = "USASHOES_NO_UPDATE_HINT"
OFF_VALUES = ("1", "true", "yes", "on")
STAMP_FILE = "update-hint.stamp"
STALE_DAYS = 60  # a catalog published longer ago than this is worth a check
EVERY_SECONDS = 7 * 24 * 3600
MACHINE_OPTIONS = ("--json", "--format", "-f", "--output", "-o")
QUIET_COMMANDS = ("completion", "help", "config")


def _machine(argv: Sequence[str]) -> bool:
    return any(arg in MACHINE_OPTIONS or arg.startswith(("--format=", "--output=", "-f", "-o")) for arg in argv)


def _feed_configured(environ: Mapping[str, str]) -> bool:
    if environ.get("USASHOES_FEED_URL"):
        return True
    from .. import config

    try:
        return config.effective(environ=environ)["feed_url"].value is not None
    except config.ConfigError:
        return False


def line(argv: Sequence[str], environ: Mapping[str, str], today: date, now: float) -> str | None:
    """The hint to show after this run, or None; records that it was shown."""
    from .. import paths
    from ..catalog import files, selection

    if environ.get(ENV_NO_HINT, "").strip().lower() in OFF_VALUES or "_USASHOES_COMPLETE" in environ:
        return None
    words = [arg for arg in argv if not arg.startswith("-")]
    if _machine(argv) or not words or words[0] in QUIET_COMMANDS or words[:2] == ["catalog", "update"]:
        return None
    if "--catalog" in argv or any(arg.startswith("--catalog=") for arg in argv):
        return None  # a catalog of the user's own: nothing for a feed to update
    choice = selection.choose(None, dict(environ))
    if choice.source not in (selection.BUNDLED, selection.DOWNLOADED) or not choice.published:
        return None
    age = (today - date.fromisoformat(choice.published)).days
    if age <= STALE_DAYS or not _feed_configured(environ):
        return None
    data_dir = paths.data_directory(dict(environ))
    if data_dir is None:
        return None
    stamp = data_dir / STAMP_FILE
    try:
        if now - os.stat(stamp).st_mtime < EVERY_SECONDS:
            return None
    except OSError:
        pass
    try:
        files.make_private_directory(data_dir)
        stamp.touch()
        os.utime(stamp, (now, now))
    except OSError:
        return None
    return (
        f"the catalog in use ({choice.describe()}) is {age} days old; 'usashoes catalog update --check' "
        f"looks for a newer one ({ENV_NO_HINT}=1 turns this off)"
    )


def maybe_show(argv: Sequence[str]) -> None:
    """Print the hint if this run should; never fails the run."""
    import sys

    try:
        from .. import freshness

        text = line(argv, os.environ, freshness.today(), time.time())
        if text is not None:
            sys.stderr.write(f"usashoes: {text}\n")
            sys.stderr.flush()
    except Exception:  # a hint is never worth an error
        return
