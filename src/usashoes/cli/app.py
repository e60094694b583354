"""The Typer app: its global options and its commands, registered in --help order.

Only the cli package imports typer. The commands are declared in shoes.py, knowledge.py,
update.py and prefs.py, what they share in options.py; errors are translated to messages and
exit codes in one place (running._Group.main over exits.run), so CliRunner tests see exactly
what a user sees.
"""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
import copy
import os
import sys
from enum import Enum
from typing import Annotated, Any

import typer

from .. import __version__
from ..errors import OutputClosed
from . import knowledge, prefs, shoes, update
from .options import Settings
from .running import GLOBAL_FLAGS, GLOBAL_WITH_VALUE, NO_PAGER, Command, _Group

app = typer.Typer(
    cls=_Group,
    name="usashoes",
    help="Which running and walking shoes are really made (or assembled) in the USA, and which one to buy.\n\n"
    "Examples:\n\n"
    "  usashoes list --origin made-in-usa\n\n"
    "  usashoes compare 990v5 993\n\n"
    "  usashoes explain nb-70\n\n"
    "  usashoes list --json | jq '.[].id'\n\n"
    "The options below may also follow the command: usashoes list --catalog my.yaml --no-pager.",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Environment: USASHOES_CATALOG (catalog file), USASHOES_ADD_CATALOG (overlay files, "
    f"'{os.pathsep}'-separated), USASHOES_CACHE_DIR, USASHOES_NO_CACHE=1, USASHOES_NO_PAGER=1, "
    "USASHOES_DEBUG=1 (tracebacks), USASHOES_TODAY (fixed date), USASHOES_CONFIG (preferences file), "
    "USASHOES_SIZE, USASHOES_WIDTH, USASHOES_ORIGIN, USASHOES_PAGER, USASHOES_COLOR (see 'config show'), "
    "USASHOES_FEED_URL, USASHOES_FEED_KEY, USASHOES_DATA_DIR ('catalog update'), USASHOES_NO_UPDATE_HINT=1, "
    "PAGER (default 'less -FIRX'; empty or cat: none), LESS, NO_COLOR (no styling), COLUMNS, XDG_CACHE_HOME, "
    "XDG_DATA_HOME.",
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    add_completion=True,
)


catalog_app = typer.Typer(
    cls=_Group,
    help="Check and describe a catalog file; get a newer catalog from a signed feed, or publish one.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


app.add_typer(catalog_app, name="catalog")


config_app = typer.Typer(
    cls=_Group,
    help="Your preferences: defaults for --size, --width, --origin, the pager and colour.\n\n"
    "Examples:\n\n"
    "  usashoes config show\n\n"
    "  USASHOES_SIZE=W8 usashoes config show --json",
    context_settings={"help_option_names": ["-h", "--help"]},
)


app.add_typer(config_app, name="config")


def _color(value: str | None) -> str | None:
    from ..output import terminal

    if value is not None and value.lower() not in terminal.COLOR_CHOICES:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(terminal.COLOR_CHOICES)}.")
    # Recorded on every run (None too): in one process, as under a test runner, runs do not leak.
    terminal.set_color_option(None if value is None else value.lower())
    return value


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    catalog: Annotated[
        str | None,
        typer.Option(
            "--catalog",
            metavar="PATH",
            envvar=None,
            help="Catalog file to use ('-': read it from stdin). Wins over $USASHOES_CATALOG; "
            "the default is the bundled catalog.",
        ),
    ] = None,
    add_catalog: Annotated[
        list[str] | None,
        typer.Option(
            "--add-catalog",
            metavar="PATH",
            envvar=None,
            help="A file of your own models and corrections, layered over the catalog (repeatable; later files win). "
            "Added after the files in $USASHOES_ADD_CATALOG.",
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help="Parse the catalog even if a cached copy is up to date (also $USASHOES_NO_CACHE=1)."
        ),
    ] = False,
    color: Annotated[
        str | None,
        typer.Option(
            "--color",
            metavar="auto|always|never",
            callback=_color,
            help="Style tables: auto (on a terminal, unless NO_COLOR), always, never.",
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option("--no-pager", help="Never page a long table on a terminal (also $USASHOES_NO_PAGER=1)."),
    ] = False,  # passed on to the command (running.global_options_first); nothing to do here
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Print the version and the catalog in use (bundled, downloaded, file), and exit."
        ),
    ] = False,
) -> None:
    if version:
        # Not an eager callback: answered after --catalog is parsed, so it names that catalog.
        from ..catalog.selection import version_text
        from ..output.render import write_text

        if sys.stdout is None:
            raise OutputClosed()
        write_text(version_text(catalog or None), sys.stdout)
        raise typer.Exit()
    ctx.obj = Settings(catalog_path=catalog, add_paths=tuple(add_catalog or ()), use_cache=not no_cache)
    if ctx.invoked_subcommand is None:
        from ..output.render import write_lines

        if sys.stdout is None:
            raise OutputClosed()
        write_lines([ctx.get_help()], sys.stdout)


app.command("list", cls=Command, help=shoes.LIST_HELP)(shoes.list_models)


FILTER_HELP = shoes.LIST_HELP.replace("List catalog models", "Same as 'list'. List catalog models")
app.command("filter", cls=Command, help=FILTER_HELP)(shoes.list_models)
app.command(cls=Command)(shoes.search)
app.command(cls=Command)(shoes.show)
app.command(cls=Command)(shoes.compare)
app.command(cls=Command)(shoes.recommend)
app.command(cls=Command)(knowledge.explain)


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@app.command("completion", cls=Command)
def completion(
    ctx: typer.Context,
    shell: Annotated[Shell, typer.Argument(metavar="SHELL", help="bash, zsh or fish.", case_sensitive=False)],
) -> None:
    """Print the completion script for SHELL, to save where your shell loads it; edits no file.

    Examples:

      usashoes completion bash > ~/.local/share/bash-completion/completions/usashoes

      usashoes completion zsh > ~/.zfunc/_usashoes

      usashoes completion fish > ~/.config/fish/completions/usashoes.fish
    """
    from ..output.render import write_text
    from .completion_script import script

    if sys.stdout is None:
        raise OutputClosed()
    write_text(script(ctx.find_root().command, shell.value), sys.stdout)


@app.command("help", cls=Command)
def help_command(
    ctx: typer.Context,
    topic: Annotated[
        list[str] | None,
        typer.Argument(metavar="[COMMAND|exit-codes|man]", help="A command (in full), exit-codes, or man."),
    ] = None,
) -> None:
    """Help in full: a command with every option explained, the exit codes, or the man page.

    Examples:

      usashoes help list

      usashoes help exit-codes

      usashoes help man > usashoes.1
    """
    from ..errors import UsageProblem
    from ..output.render import write_text
    from . import helptext

    if sys.stdout is None:
        raise OutputClosed()
    root_ctx = ctx.find_root()
    root: Any = root_ctx.command  # the top-level group
    words = list(topic or [])
    if words == ["exit-codes"]:
        text = helptext.exit_codes()
    elif words == ["man"]:
        text = helptext.man_page(root, root_ctx, __version__)
    else:
        command, command_ctx = helptext.find(root, root_ctx, words)
        if command is None:
            names = [*root.list_commands(root_ctx), *helptext.HELP_TOPICS]
            from ..errors import short

            raise UsageProblem(f"No help on {short(' '.join(words))!r}. Try one of: {', '.join(names)}.")
        text = helptext.page(command, command_ctx, full=True)
    write_text(text.rstrip("\n") + "\n", sys.stdout)


catalog_app.command("validate", cls=Command)(knowledge.catalog_validate)
catalog_app.command("info", cls=Command)(knowledge.catalog_info)
catalog_app.command("update", cls=Command)(update.catalog_update)
catalog_app.command("publish", cls=Command)(update.catalog_publish)
config_app.command("show", cls=Command)(prefs.config_show)


# Commands that never look at the rest of the tree (help, completion and the groups do).
_STANDALONE = ("list", "filter", "search", "show", "compare", "recommend", "explain")


def app_for(args: list[str]) -> typer.Typer:
    """The app to run args with: only the command they name, when that is one of _STANDALONE.

    Typer turns every registered command into a click command on each run, reading each
    function's signature and options: 12 of them cost ~10 ms of a 100 ms `list --json`. A
    run needs just its own; anything else (no command, a misspelt one, help) gets the whole app,
    so suggestions and help pages are the same.
    """
    name = _command_word(args)
    if name not in _STANDALONE:
        return app
    trimmed = copy.copy(app)
    trimmed.registered_commands = [info for info in app.registered_commands if _name(info) == name]
    trimmed.registered_groups = []
    return trimmed


def _command_word(args: list[str]) -> str | None:
    """The command args name, if only global options come before it (else None: --help, --version...)."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in GLOBAL_WITH_VALUE:
            index += 2
        elif arg in (*GLOBAL_FLAGS, NO_PAGER) or arg.startswith(tuple(f"{name}=" for name in GLOBAL_WITH_VALUE)):
            index += 1
        else:
            return None if arg.startswith("-") else arg
    return None


def _name(info: Any) -> str:
    """A registered command's name, as typer derives it when none is given."""
    return str(info.name or info.callback.__name__.replace("_", "-"))
