"""Model completion for bash without importing typer: a TAB must answer in about 100 ms.

typer and click alone cost ~55 ms of startup, and loading the catalog from its cache ~30 ms
more. The common TAB, a model for `show`, `compare`, `explain --model` or `recommend --like`,
is answered here from a small file of completion candidates (MODELS_FILE in the cache
directory) that the full completion path (complete.py) writes. Anything else, or any doubt
(another shell, quotes, options, overlays, an explicit catalog, a stale or foreign file),
returns None and the full CLI answers, so the protocol and the answers stay the same.

The file: a JSON header line identifying the catalog (resolved path, size, mtime_ns,
ctime_ns, inode, device) and this version, then one candidate per line, `value<TAB>help`, in
the order complete.models offers them.
"""

from __future__ import annotations

import json
import os
import stat as stat_module
from pathlib import Path

from . import __version__, paths
from .catalog import files, selection

MODELS_FILE = "complete-models.txt"
COMPLETE_VAR = "_USASHOES_COMPLETE"
MODEL_OPTIONS = {"explain": "--model", "recommend": "--like"}
MAX_BYTES = 4 * 1024 * 1024
# Like the cache: a catalog changed this recently may have the same timestamps as before
# (1-2 s filesystems), so no candidates file is written for it.
RECENT_NS = 2_500_000_000


# Besides letters and digits, only characters no shell treats specially inside a word: bash
# splits completion words at `=` and `:` (COMP_WORDBREAKS), and `~ # % ! ^ { } , *` mean
# something in some position or shell. Control characters and bidi marks (U+061C, U+200E/F,
# U+202A-E, U+2066-9) are neither letters nor digits, so they never pass.
_WORD_PUNCTUATION = frozenset("-_.+@/")


def shell_word(value: str) -> bool:
    """Whether every shell reads value back as this same single word, with nothing to expand."""
    return (
        bool(value)
        and len(value) <= 200
        and value[0] != "-"
        and all(char.isalnum() or char in _WORD_PUNCTUATION for char in value)
    )


def help_text(text: str) -> str:
    """A candidate's description as plain text: controls and bidi marks become spaces.

    zsh and fish show it after typer renders it as Rich markup, so `[` is escaped (a name with
    `[/]` crashed the TAB) and backslashes are dropped (they would escape the escape).
    """
    plain = "".join(char if char.isprintable() and char != "\\" else " " for char in text)
    return " ".join(plain.split()).replace("[", "\\[")


def matches(value: str, incomplete: str) -> bool:
    """Prefixes ignore case: "soft", "SAS" and "new" complete like "Soft", "sas" and "New"."""
    return value.casefold().startswith(incomplete.casefold())


def wants_models(words: list[str], cword: int) -> str | None:
    """What was typed of a model, if bash is completing a MODEL; None for anything else."""
    args, incomplete = words[1:cword], (words[cword] if cword < len(words) else "")
    if not args or incomplete.startswith("-") or cword > len(words):
        return None
    command = args[0]
    if command == "show" and len(args) == 1:
        return incomplete
    if command == "compare" and 1 <= len(args) <= 6 and not any(arg.startswith("-") for arg in args):
        return incomplete
    if len(args) >= 2 and MODEL_OPTIONS.get(command) == args[-1] and "--" not in args:
        return incomplete
    return None


def _identity(path: Path) -> list[object] | None:
    try:
        info = os.stat(path)
        source = os.path.realpath(path)
    except (OSError, ValueError):
        return None
    if not stat_module.S_ISREG(info.st_mode):
        return None
    return [source, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev, __version__]


def _catalog_path() -> Path | None:
    """The catalog a plain command would use, if nothing makes that uncertain."""
    if paths.cache_disabled() or os.environ.get("USASHOES_ADD_CATALOG"):
        return None
    return selection.choose().path


def answer(environ: dict[str, str] | os._Environ[str]) -> str | None:
    """The bash completion output for this TAB, or None to let the CLI answer."""
    if environ.get(COMPLETE_VAR) != "complete_bash":
        return None
    line, cword_text = environ.get("COMP_WORDS", ""), environ.get("COMP_CWORD", "")
    if any(char in line for char in "\"'\\$`") or not (cword_text.isascii() and cword_text.isdigit()):
        return None  # quoting and escapes: click's own splitting decides
    words = line.split()
    if line.endswith((" ", "\t")) or not line.strip():
        words.append("")
    cword = int(cword_text)
    if cword != len(words) - 1:
        return None
    incomplete = wants_models(words, cword)
    catalog = _catalog_path()
    where = paths.directory()
    if incomplete is None or catalog is None or where is None or not files.private_directory(where):
        return None
    identity = _identity(catalog)
    data = _read_own_file(where / MODELS_FILE)
    if identity is None or data is None:
        return None
    header, _, body = data.partition("\n")
    try:
        if json.loads(header) != identity:
            return None
    except ValueError:
        return None
    values = [
        value
        for value, _, _help in (entry.partition("\t") for entry in body.split("\n"))
        if shell_word(value) and matches(value, incomplete)  # an older file may hold anything
    ]
    return "\n".join(values) + "\n"


def _read_own_file(file: Path) -> str | None:
    data = files.read_own_file(file, MAX_BYTES)
    try:
        return None if data is None else data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def identity(catalog: Path) -> list[object] | None:
    """What identifies the catalog file now: take it BEFORE loading, and pass it to remember."""
    return _identity(catalog)


def remember(catalog: Path, items: list[tuple[str, str]], before: list[object] | None) -> None:
    """Write the candidates file for the catalog at path (best effort; never raises).

    `before` is the catalog's identity from before it was loaded: a catalog replaced while a TAB
    was loading it then no longer matches, and the next TAB loads the new one instead of being
    told the old models under the new file's identity.
    """
    try:
        identity = _identity(catalog)
        if identity is None or identity != before:
            return
        where = paths.directory()
        if identity is None or where is None or not files.private_directory(where) or paths.cache_disabled():
            return
        import time

        if time.time_ns() - max(int(identity[2]), int(identity[3])) < RECENT_NS:  # type: ignore[call-overload]
            return
        text = (
            json.dumps(identity)
            + "\n"
            + "\n".join(f"{value}\t{help_text(text)}" for value, text in items if shell_word(value))
        )
        import tempfile

        fd, temp = tempfile.mkstemp(dir=where, prefix=".tmp-", suffix=".txt")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temp, where / MODELS_FILE)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except Exception:  # only speed is lost
        return
