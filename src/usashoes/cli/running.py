"""Running a command: one error translator turns every exception into a message and an exit code."""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
import errno
import os
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import (
    CatalogError,
    ExitCode,
    Interrupted,
    OutputClosed,
    UsashoesError,
    WriteFailed,
)


class _CompactHelp:
    """--help as a plain page that fits a screen (helptext.py), for groups and commands alike."""

    def get_help(self, ctx: Any) -> str:
        from . import helptext

        return helptext.page(self, ctx)


class Command(_CompactHelp, TyperCommand):
    """A command whose --help is the compact page."""


class _Group(_CompactHelp, TyperGroup):
    """Runs every command through one error translator; the exit code is the contract."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        standalone_mode = kwargs.get("standalone_mode", True)
        kwargs["standalone_mode"] = False  # we turn exceptions into exit codes ourselves
        code = _run(lambda: super(_Group, self).main(*args, **kwargs))
        if standalone_mode and code == ExitCode.OK and _both_terminals():
            from . import hint  # only for a person at a terminal: scripts never load it

            given = kwargs.get("args", args[0] if args else None)
            hint.maybe_show(list(sys.argv[1:] if given is None else given))
        if standalone_mode:
            sys.exit(code)
        return code

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:  # the top-level group: global options may follow the command
            args = global_options_first(self, args, completing=ctx.resilient_parsing)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        # typer turns KeyboardInterrupt into a silent exit 130 before _run could see it;
        # as our own error it passes through typer and gets its message.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted() from None


# The global options that may also come after the command (`usashoes list --catalog x`):
# they are moved before it, where the top-level group reads them.
GLOBAL_WITH_VALUE = ("--catalog", "--add-catalog", "--color")
GLOBAL_FLAGS = ("--no-cache",)
# --no-pager belongs to each command that prints: given before the command it is passed on to it.
NO_PAGER = "--no-pager"


def global_options_first(group: Any, args: list[str], completing: bool = False) -> list[str]:
    """args with every global option moved before the command, and a --no-pager given before
    the command passed to it; nothing after `--` is touched."""
    front: list[str] = []
    rest: list[str] = []
    no_pager = False
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg in GLOBAL_WITH_VALUE:
            if index + 1 == len(args):
                if completing:  # a TAB after `list --catalog`: leave the words as typed
                    rest.append(arg)
                    break
                # Moved to the front alone, it would take the command's name as its value.
                usage_error = typer.BadParameter.__mro__[1]  # click's UsageError, from typer's own click
                raise usage_error(f"Option '{arg}' requires an argument.")
            front.extend(args[index : index + 2])
            index += 2
            continue
        if arg in GLOBAL_FLAGS or arg.startswith(tuple(f"{name}=" for name in GLOBAL_WITH_VALUE)):
            front.append(arg)
        elif arg == NO_PAGER and not rest:
            no_pager = True
            front.append(arg)  # the group accepts it too, so `usashoes --no-pager` alone is fine
        elif not rest and arg.startswith("-"):
            front.append(arg)  # another top-level option (--version, --help): click decides
        else:
            rest.append(arg)
        index += 1
    if no_pager and NO_PAGER not in rest and _takes_no_pager(group, rest):
        end = rest.index("--") if "--" in rest else len(rest)
        rest.insert(end, NO_PAGER)
    return front + rest


def _takes_no_pager(group: Any, rest: list[str]) -> bool:
    command = group
    for name in rest:
        if not hasattr(command, "commands"):
            break
        command = command.commands.get(name)
        if command is None:
            return False
    return not hasattr(command, "commands") and any(NO_PAGER in param.opts for param in command.params)


def _both_terminals() -> bool:
    try:
        return bool(sys.stdout and sys.stdout.isatty() and sys.stderr and sys.stderr.isatty())
    except (AttributeError, OSError, ValueError):
        return False


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
