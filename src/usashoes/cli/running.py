"""Running a command: one error translator turns every exception into a message and an exit code."""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
import errno
import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from ..errors import (
    CatalogError,
    ExitCode,
    Interrupted,
    OutputClosed,
    UsashoesError,
    WriteFailed,
)


class _Group(TyperGroup):
    """Runs every command through one error translator; the exit code is the contract."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        standalone_mode = kwargs.get("standalone_mode", True)
        kwargs["standalone_mode"] = False  # we turn exceptions into exit codes ourselves
        code = _run(lambda: super(_Group, self).main(*args, **kwargs))
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: Any) -> Any:
        # typer turns KeyboardInterrupt into a silent exit 130 before _run could see it;
        # as our own error it passes through typer and gets its message.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted() from None


def _run(invoke: Any) -> int:
    try:
        result = invoke()
        return result if isinstance(result, int) else ExitCode.OK
    except OutputClosed:
        _silence_stdout()
        return ExitCode.OK
    except UsashoesError as error:
        if isinstance(error, WriteFailed):
            _silence_stdout()  # what is still buffered would fail again at exit (status 120)
        # Catalog problems locate themselves (file:line:col: ...), like compiler messages.
        error_lines(error.lines(), prefix=not isinstance(error, CatalogError))
        return error.exit_code
    except (KeyboardInterrupt, typer.Abort):
        error_lines([str(Interrupted())])
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return ExitCode.OK
    except Exception as error:
        if _is_click_usage(error):
            message = error.format_message()  # type: ignore[attr-defined]
            ctx = getattr(error, "ctx", None)
            command = ctx.command_path if ctx is not None else "usashoes"
            error_lines([f"{message}", f"Try '{command} --help'."])
            return int(getattr(error, "exit_code", ExitCode.USAGE))
        if isinstance(error, OSError) and error.errno in _WRITE_ERRNOS:
            # Help or usage text that click wrote to a full disk: not a bug either.
            _silence_stdout()
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


_WRITE_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _is_click_usage(error: Exception) -> bool:
    # typer bundles its own Click; its exceptions are recognised by shape, not by import.
    return hasattr(error, "format_message") and hasattr(error, "exit_code") and hasattr(error, "show")


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


def _silence_stdout() -> None:
    # After a closed pipe (| head -1), Python would complain when it flushes stdout at exit.
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
