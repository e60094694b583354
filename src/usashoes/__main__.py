"""Entry point for `usashoes` and `python -m usashoes`."""

from __future__ import annotations

import sys


def main() -> None:
    # `--version` is answered before typer is imported: typer alone costs ~55 ms of startup,
    # five times a bare interpreter (benchmarks/). Any other argument goes through the CLI.
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        try:
            sys.stdout.write(f"usashoes {__version__}\n")
            sys.stdout.flush()
        except (AttributeError, BrokenPipeError, OSError):
            pass  # stdout closed or gone: nothing to say, quietly (as for every command)
        return
    import gc

    # A run lives for a fraction of a second and builds hundreds of thousands of small,
    # acyclic objects (nodes, records); the cyclic collector rescanning them doubled the
    # time of a 10k-model catalog (benchmarks/README.md). Reference counting still frees.
    gc.disable()
    from .cli import app

    app(prog_name="usashoes")


if __name__ == "__main__":
    main()
