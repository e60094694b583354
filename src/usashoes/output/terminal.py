"""Pager and colour, chosen as gh chooses them, in one place.

display() is the one function that decides: which pager (if any) and whether tables are styled,
and where each choice came from. A preference from a config file plugs in through its
`preferences` argument (between the environment and the built-in default). Cheap to import:
subprocess and signal load only when a pager runs.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Mapping
from typing import NamedTuple

COLOR_CHOICES = ("auto", "always", "never")
ENV_PAGER = "USASHOES_PAGER"
ENV_NO_PAGER = "USASHOES_NO_PAGER"
TRUE_VALUES = ("1", "true", "yes", "on")
# -F quit if one screen, -I case-insensitive search, -R pass colours, -X leave the text on screen.
DEFAULT_PAGER = ("less", "-FIRX")
DEFAULT_LESS = "-FRX"  # $LESS for a `less` named by PAGER when LESS is unset (gh does the same)

_color_option: str | None = None  # --color of this run; set by the CLI's global callback


class Display(NamedTuple):
    pager: tuple[str, ...] | None  # the pager's argv, or None: print directly
    pager_source: str  # what chose it: --no-pager, USASHOES_NO_PAGER, USASHOES_PAGER, config, PAGER, default
    color: str  # auto | always | never
    color_source: str  # --color, NO_COLOR, config, default
    strip_styles: bool  # the pager would show escape codes raw (less without -R): page plain text


def set_color_option(value: str | None) -> None:
    """The CLI records --color here on every run (None: not given)."""
    global _color_option
    _color_option = value


def display(
    environ: Mapping[str, str] | None = None,
    no_pager: bool = False,
    color_option: str | None = None,
    preferences: Mapping[str, str] | None = None,
) -> Display:
    """Pager: --no-pager, USASHOES_NO_PAGER, USASHOES_PAGER, the config's pager, PAGER (empty or `cat`:
    none), else `less -FIRX`; MANPAGER is for man pages and ignored. Colour: --color, NO_COLOR (no
    styling at all), the config's color, else auto (a terminal; Rich honours FORCE_COLOR, TERM=dumb).
    """
    environ = os.environ if environ is None else environ
    preferences = preferences or {}
    color_option = color_option if color_option is not None else _color_option
    if color_option is not None:
        color, color_source = color_option, "--color"
    elif environ.get("NO_COLOR"):  # no-color.org: set and not empty
        color, color_source = "never", "NO_COLOR"
    elif preferences.get("color") in COLOR_CHOICES:
        color, color_source = preferences["color"], "config"
    else:
        color, color_source = "auto", "default"

    command: str | None
    if no_pager:
        command, pager_source = "", "--no-pager"
    elif environ.get(ENV_NO_PAGER, "").strip().lower() in TRUE_VALUES:
        command, pager_source = "", ENV_NO_PAGER
    elif ENV_PAGER in environ:
        command, pager_source = environ[ENV_PAGER], ENV_PAGER
    elif "pager" in preferences:
        command, pager_source = preferences["pager"], "config"
    elif "PAGER" in environ:
        command, pager_source = environ["PAGER"], "PAGER"
    else:
        command, pager_source = None, "default"
    pager = DEFAULT_PAGER if command is None else _split(command)
    return Display(pager, pager_source, color, color_source, _less_without_r(pager, environ))


def _split(command: str) -> tuple[str, ...] | None:
    import shlex

    if command.strip() in ("", "cat"):
        return None
    try:
        argv = tuple(shlex.split(command, posix=os.name != "nt"))
    except ValueError:  # an unbalanced quote: run as one word, which then fails to start
        argv = (command,)
    return argv or None


def _less_without_r(pager: tuple[str, ...] | None, environ: Mapping[str, str]) -> bool:
    """less shows colour codes as raw `ESC[1m` unless -R (or -r) is in its arguments or $LESS."""
    if pager is None or os.path.basename(pager[0]).lower() not in ("less", "less.exe"):
        return False
    words = [*pager[1:], *environ.get("LESS", DEFAULT_LESS).split()]
    return not any(_has_raw_flag(word) for word in words)


_LONG_RAW = ("--raw-control-chars", "--RAW-CONTROL-CHARS")
_TAKES_VALUE = set("bhjkoOpPtTxyzD#")  # the rest of the word is this option's value


def _has_raw_flag(word: str) -> bool:
    if word.startswith("--"):
        return word.split("=")[0] in _LONG_RAW
    for letter in word.lstrip("-+"):
        if letter in "rR":
            return True
        if letter in _TAKES_VALUE:
            return False
    return False


# --- Rich console settings -------------------------------------------------------------------
def rich_color(choice: Display, ascii_only: bool) -> dict[str, object]:
    """Console keyword arguments for the colour choice. 'never' (and NO_COLOR) mean no escape code
    at all, bold included; Rich's own no_color keeps bold."""
    if choice.color == "never" or ascii_only:  # the terminals that garble UTF-8 garble colour too
        return {"color_system": None}
    if choice.color == "always":
        return {"color_system": "standard", "force_terminal": True}
    return {"color_system": "auto"}


_STYLE_CODES = re.compile(r"\x1b\[[0-9;:]*m|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")


def strip_styles(text: str) -> str:
    """Our own SGR and OSC 8 codes out (catalog text never carries ESC: it is escaped before drawing)."""
    return _STYLE_CODES.sub("", text)


# --- running the pager -----------------------------------------------------------------------
class PagerFailed(NamedTuple):
    message: str


def run_pager(argv: tuple[str, ...], text: str, encoding: str) -> PagerFailed | None:
    """Text through the pager. None when it ran (quitting early on purpose, like `head`, is fine);
    a PagerFailed when it could not start or exited with a failure status, so the caller prints
    the text itself instead of losing it."""
    import signal
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", DEFAULT_LESS)
    env.setdefault("LV", "-c")  # lv (a pager on some systems) passes colour with -c
    name = argv[0]
    try:
        sys.stdout.flush()
        # Unbuffered: a pager that quits early leaves no buffered bytes to fail again at exit.
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env, bufsize=0)
    except (OSError, ValueError) as error:
        return PagerFailed(f"cannot run the pager {name!r}: {getattr(error, 'strerror', None) or error}")
    # Ctrl-C belongs to the pager (less uses it to stop a search); the run waits for the pager.
    previous = None
    with contextlib.suppress(ValueError):  # not the main thread: Ctrl-C as it was
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        assert process.stdin is not None
        data = memoryview(text.encode(encoding, "backslashreplace"))
        try:
            while data:
                data = data[os.write(process.stdin.fileno(), data) :]
        except OSError:  # it quit before reading everything (`head`): its choice
            pass
        with contextlib.suppress(OSError):
            process.stdin.close()
        status = process.wait()
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    if status > 0:  # < 0: ended by a signal, which the user sent
        return PagerFailed(f"the pager {name!r} failed (exit status {status})")
    return None
