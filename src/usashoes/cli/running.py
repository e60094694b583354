"""Running a command through Typer: global options anywhere, one error translator (exits.py)."""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
import sys
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from ..errors import ExitCode, Interrupted
from .exits import error_lines, finish, run


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
        code = run(lambda: super(_Group, self).main(*args, **kwargs), _click_error)
        if standalone_mode:
            given = kwargs.get("args", args[0] if args else None)
            sys.exit(finish(code, list(sys.argv[1:] if given is None else given)))
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


def _click_error(error: Exception) -> int | None:
    """click's usage errors (exit 2, with a pointer to --help) and its Abort (Ctrl-C at a prompt)."""
    if isinstance(error, typer.Abort):
        error_lines([str(Interrupted())])
        return ExitCode.INTERRUPTED
    # typer bundles its own Click; its exceptions are recognised by shape, not by import.
    if hasattr(error, "format_message") and hasattr(error, "exit_code") and hasattr(error, "show"):
        message = error.format_message()
        ctx = getattr(error, "ctx", None)
        command = ctx.command_path if ctx is not None else "usashoes"
        error_lines([f"{message}", f"Try '{command} --help'."])
        return int(getattr(error, "exit_code", ExitCode.USAGE))
    return None
