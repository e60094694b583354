"""Entry point for `usashoes` and `python -m usashoes`."""

from __future__ import annotations

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
    # `--version` is answered before typer is imported: typer alone costs ~55 ms of startup,
    # five times a bare interpreter (benchmarks/). Any other argument goes through the CLI.
    if sys.argv[1:] in (["--version"], ["-V"]):
        sys.exit(_version())
    if "_USASHOES_COMPLETE" in __import__("os").environ and _fast_completion():
        return
    import gc

    # A run lives for a fraction of a second and builds hundreds of thousands of small,
    # acyclic objects (nodes, records); the cyclic collector rescanning them doubled the
    # time of a 10k-model catalog (benchmarks/README.md). Reference counting still frees.
    gc.disable()
    from .cli import app

    app(prog_name="usashoes")


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

    from . import __version__

    if sys.stdout is None:
        return 0  # stdout closed: nothing to say, quietly (as for every command)
    try:
        sys.stdout.flush()
        data = f"usashoes {__version__}\n".encode()
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
