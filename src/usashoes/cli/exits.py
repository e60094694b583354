"""Every exception a run raises becomes a message on stderr and an exit code: the contract.

Typer-free, so the fast path (fast.py) translates exactly as the Typer app does (running.py
adds click's own usage errors on top).
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable

from ..errors import CatalogError, ExitCode, Interrupted, OutputClosed, UsashoesError, WriteFailed

# errno values that mean the output could not be written, not that the program is wrong.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


def run(invoke: Callable[[], object], other: Callable[[Exception], int | None] | None = None) -> int:
    """invoke's exit code: its own int, OK, or what the exception it raised translates to.

    `other` gets a first look at any exception that is not ours (the Typer app's usage errors);
    it returns an exit code, or None to let it be treated as a bug.
    """
    try:
        result = invoke()
        return result if isinstance(result, int) else ExitCode.OK
    except OutputClosed:
        silence_stdout()
        return ExitCode.OK
    except UsashoesError as error:
        if isinstance(error, WriteFailed):
            silence_stdout()  # what is still buffered would fail again at exit (status 120)
        # Catalog problems locate themselves (file:line:col: ...), like compiler messages.
        error_lines(error.lines(), prefix=not isinstance(error, CatalogError))
        return error.exit_code
    except KeyboardInterrupt:
        error_lines([str(Interrupted())])
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        silence_stdout()
        return ExitCode.OK
    except Exception as error:
        code = other(error) if other is not None else None
        if code is not None:
            return code
        if isinstance(error, OSError) and error.errno in _WRITE_ERRNOS:
            # Help or usage text that click wrote to a full disk: not a bug either.
            silence_stdout()
            error_lines([str(WriteFailed(error))])
            return ExitCode.WRITE_FAILED
        if os.environ.get("USASHOES_DEBUG"):
            raise
        error_lines(
            [
                f"Internal error: {type(error).__name__}: {error}",
                "This is a bug; please report it (set USASHOES_DEBUG=1 for a traceback).",
            ]
        )
        return ExitCode.FAILURE


def error_lines(lines: list[str], prefix: bool = True) -> None:
    """Messages to stderr; a closed or full stderr loses the message but never the exit code."""
    from ..output.human import message_line, to_ascii

    stream = sys.stderr
    ascii_only = "utf" not in (getattr(stream, "encoding", None) or "utf-8").lower()
    text = ""
    for line in lines:
        line = message_line(line)
        text += f"{'usashoes: ' if prefix else ''}{to_ascii(line) if ascii_only else line}\n"
    try:
        from ..output.render import write_text

        write_text(text, stream)
    except (UsashoesError, AttributeError, OSError, ValueError):
        pass


def silence_stdout() -> None:
    # After a closed pipe (| head -1), Python would complain when it flushes stdout at exit.
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def both_terminals() -> bool:
    """A person at a terminal (stdout and stderr), who may get the weekly staleness hint."""
    try:
        return bool(sys.stdout and sys.stdout.isatty() and sys.stderr and sys.stderr.isatty())
    except (AttributeError, OSError, ValueError):
        return False


def finish(code: int, args: list[str]) -> int:
    """After a run: the staleness hint (hint.py) for a person at a terminal, then the code."""
    if code == ExitCode.OK and both_terminals():
        from . import hint  # only for a person at a terminal: scripts never load it

        hint.maybe_show(args)
    return code
