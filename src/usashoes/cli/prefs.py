"""`usashoes config show`: the preferences in effect and where each one came from."""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
import json
import sys
from typing import Annotated

import typer

from ..errors import OutputClosed


def config_show(
    as_json: Annotated[bool, typer.Option("--json", help="A JSON object instead of tab-separated lines.")] = False,
) -> None:
    """The preferences in effect (size, width, origin, pager, color) and where each came from:
    env (USASHOES_SIZE ...), config (file:line), or default. Flags on a command win over all.

    The config file is $USASHOES_CONFIG, else $XDG_CONFIG_HOME/usashoes/config.toml, else
    ~/.config/usashoes/config.toml.

    Examples:

      usashoes config show

      usashoes config show --json
    """
    from .. import config
    from ..output.render import write_lines, write_text

    path = config.config_path()
    exists = path is not None and path.is_file()
    settings = config.effective()
    if sys.stdout is None:
        raise OutputClosed()
    if as_json:
        document = {
            "config_file": None if path is None else str(path),
            "config_file_exists": exists,
            "settings": {
                name: {"value": list(s.value) if isinstance(s.value, tuple) else s.value, "source": s.source}
                for name, s in settings.items()
            },
        }
        write_text(json.dumps(document, ensure_ascii=True, allow_nan=False) + "\n", sys.stdout)
        return
    lines = [f"config_file\t{path if path is not None else '(none)'}{'' if exists else ' (not found)'}"]
    for name, s in settings.items():
        value = ",".join(s.value) if isinstance(s.value, tuple) else s.value
        lines.append(f"{name}\t{'(built-in)' if value is None else repr(value) if value == '' else value}\t{s.source}")
    write_lines(lines, sys.stdout)
