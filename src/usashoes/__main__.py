"""Entry point for `usashoes` and `python -m usashoes`."""

from __future__ import annotations

import os
import sys


def main() -> None:
    try:
        _main()
    except KeyboardInterrupt:  # before the CLI's own handler is in place (while importing)
        try:
            sys.stderr.write("usashoes: Interrupted.\n")
            sys.stderr.flush()
        except (AttributeError, OSError, ValueError):
            pass
        sys.exit(130)


def _main() -> None:
    # `--version` is answered before typer is imported: typer alone costs ~40 ms of startup,
    # four times a bare interpreter (benchmarks/); so are the common command lines (cli/fast.py).
    # Anything else goes through the Typer app.
    if sys.argv[1:] in (["--version"], ["-V"]):
        sys.exit(_version())
    _sane_terminal_size(os.environ)
    completing = "_USASHOES_COMPLETE" in os.environ
    if completing:
        if not _completion_request_is_sound(os.environ):
            return  # a completion never fails loudly: nothing to offer
        if _fast_completion():
            return
    import gc

    # A run lives for a fraction of a second and builds hundreds of thousands of small,
    # acyclic objects (nodes, records); the cyclic collector rescanning them doubled the
    # time of a 10k-model catalog (benchmarks/README.md). Reference counting still frees.
    gc.disable()
    if not completing:  # a TAB the fast TAB path left is typer's to answer, whatever argv holds
        from .cli.fast import answer

        code = answer(sys.argv[1:])  # the common command lines, without importing typer
        if code is not None:
            sys.exit(code)
    from .cli.app import app_for

    app_for(sys.argv[1:])(prog_name="usashoes")


def _sane_terminal_size(environ: os._Environ[str]) -> None:
    """Drop a COLUMNS or LINES that is not a plain number, as if it were unset.

    Rich and click test these with str.isdigit(), which "²" passes, then int() fails on it.
    """
    for name in ("COLUMNS", "LINES"):
        value = environ.get(name)
        if value is not None and not (value.isascii() and value.isdigit()):
            del environ[name]


def _completion_request_is_sound(environ: os._Environ[str]) -> bool:
    """A bash TAB needs COMP_WORDS and an ASCII-number COMP_CWORD (typer reads both with no check).

    zsh, fish and PowerShell pass _TYPER_COMPLETE_ARGS instead, which typer defaults to "".
    """
    if environ.get("_USASHOES_COMPLETE") != "complete_bash":
        return True
    cword = environ.get("COMP_CWORD", "")
    return "COMP_WORDS" in environ and cword.isascii() and cword.isdigit()


def _fast_completion() -> bool:
    """A bash TAB on a model, answered without typer when the candidates file is current."""
    import os

    from .fastcomplete import answer

    text = answer(os.environ)
    if text is None or sys.stdout is None:
        return False
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (OSError, ValueError):
        pass  # a completion never fails loudly
    return True


def _version() -> int:
    import os

    from .catalog.selection import version_text

    if sys.stdout is None:
        return 0  # stdout closed: nothing to say, quietly (as for every command)
    try:
        sys.stdout.flush()
        data = version_text().encode("utf-8", "replace")
        while data:  # every byte, or an error: `--version > /dev/full` fails
            data = data[os.write(sys.stdout.fileno(), data) :]
    except BrokenPipeError:
        return 0
    except (OSError, ValueError) as error:
        try:
            sys.stderr.write(f"usashoes: Cannot write the output: {getattr(error, 'strerror', None) or error}.\n")
            sys.stderr.flush()
        except (AttributeError, OSError, ValueError):
            pass
        return 74  # errors.ExitCode.WRITE_FAILED, not imported: this path stays import-free
    return 0


if __name__ == "__main__":
    main()
