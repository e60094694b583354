"""The common command lines, answered without typer.

Importing typer (and the Click it bundles) and building a command from its signature is
~40 ms of a 75 ms `list --json` on the bundled catalog, four times a bare interpreter. A
command line this module fully understands -- one of the shoe commands, known options each
given once, values that parse -- runs the same body (commands.py) with the same error
translation (exits.py) as the Typer app. Anything else (help, a misspelt option, a value that
does not parse, `--`, a repeated option) returns None and the Typer app answers it, so every
message about a bad command line is typer's own.

The tables below mirror the Typer declarations (shoes.py, filters.py, options.py, app.py);
tests/test_fast_path.py checks them against those and that both paths print the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import Enum
from typing import Any, NamedTuple

from .. import needs, query
from ..models import Activity, Status, Support
from ..output.results import DocFormat, Format
from ..output.terminal import COLOR_CHOICES
from . import commands


class Option(NamedTuple):
    """One option: the parameter it fills and how its value is read (None: a flag)."""

    param: str
    read: Callable[[str], object] | None = None
    multiple: bool = False


def _choice(vocabulary: type[Enum]) -> Callable[[str], object]:
    """A choice in any case (the options are case_sensitive=False): the member, or KeyError."""
    members = {str(member.value).casefold(): member for member in vocabulary}
    return lambda value: members[value.casefold()]


def _checked(parse: Callable[[str], object]) -> Callable[[str], str]:
    """The value as given, once `parse` accepts it (the Typer options validate in a callback)."""

    def read(value: str) -> str:
        parse(value)
        return value

    return read


def _size(value: str) -> object:
    from ..sizes import parse_size_option

    return parse_size_option(value)


def _limit(value: str) -> int:
    """--limit: an integer of at least 1 (click's IntRange(min=1)); plain digits only here."""
    if not re.fullmatch(r"[0-9]+", value) or int(value) < 1:
        raise ValueError(value)
    return int(value)


def _text(value: str) -> str:
    return value


FLAG = None  # Option.read for an option that takes no value


def _filter_reader(option: commands.FilterOption) -> Callable[[str], object]:
    if option.choices is not None:
        return _choice(option.choices)
    if option.check is not None:
        return _checked(option.check)
    return option.parse or _text


GLOBAL = {
    "--catalog": Option("catalog", _text),
    "--add-catalog": Option("add_catalog", _text, multiple=True),
    "--no-cache": Option("no_cache", FLAG),
    "--color": Option("color", _checked(lambda value: COLOR_CHOICES.index(value.lower()))),
    "--no-pager": Option("no_pager", FLAG),
}

_OUTPUT = {
    "--size": Option("size", _checked(_size)),
    "--json": Option("as_json", FLAG),
    "--output": Option("output", _text),
    "-o": Option("output", _text),
    "--no-pager": Option("no_pager", FLAG),
}
_RECORDS = {"--format": Option("output_format", _choice(Format)), "-f": Option("output_format", _choice(Format))}
_DOCUMENT = {"--format": Option("output_format", _choice(DocFormat)), "-f": Option("output_format", _choice(DocFormat))}
_FIELDS = {"--fields": Option("fields", _text)}
_ORDER = {
    "--sort": Option("sort", _choice(query.SortKey)),
    "--reverse": Option("reverse", FLAG),
    "--limit": Option("limit", _limit),
}
_FILTERS = {
    option.flag: Option(option.param, _filter_reader(option), option.multiple) for option in commands.FILTER_OPTIONS
}
_NEEDS = {
    "--activity": Option("activity", _choice(Activity), multiple=True),
    "--support": Option("support", _choice(Support)),
    "--max-price": Option("max_price", needs.parse_price),
    "--max-weight": Option("max_weight", needs.parse_weight),
    "--width": Option("width", needs.parse_width),
    "--max-drop": Option("max_drop", needs.parse_drop),
    "--status": Option("status", _choice(Status), multiple=True),
    "--any-status": Option("any_status", FLAG),
    "--origin": Option("origin", _choice(commands.OriginChoice), multiple=True),
    "--like": Option("like", _text),
    "--limit": Option("limit", _limit),
}


class Command(NamedTuple):
    """A command the fast path answers: its body, its words and its options."""

    run: Callable[..., None]
    options: dict[str, Option]
    words: str | None = None  # the parameter the positional words fill, if any
    many: bool = False  # it takes one or more words (compare), not exactly one
    filtered: bool = False  # the filter options arrive as one query.Filters


_LIST = Command(
    commands.list_models,
    {**_FILTERS, **_ORDER, "--all": Option("include_all", FLAG), **_OUTPUT, **_RECORDS, **_FIELDS},
    filtered=True,
)

COMMANDS = {
    "list": _LIST,
    "filter": _LIST,
    "search": Command(commands.search, {**_FILTERS, **_ORDER, **_OUTPUT, **_RECORDS, **_FIELDS}, "text", filtered=True),
    "show": Command(commands.show, {**_OUTPUT, **_RECORDS, **_FIELDS}, "model"),
    "compare": Command(
        commands.compare, {"--only-diff": Option("only_diff", FLAG), **_OUTPUT, **_DOCUMENT}, "models", many=True
    ),
    "recommend": Command(commands.recommend, {**_NEEDS, **_OUTPUT, **_DOCUMENT}),
}


class Parsed(NamedTuple):
    command: Command
    settings: commands.Settings
    color: str | None
    values: dict[str, Any]


def parse(args: list[str]) -> Parsed | None:
    """args as the Typer app would read them, or None where the Typer app should decide."""
    command: Command | None = None
    given: dict[str, Any] = {}
    words: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if not arg.startswith("-") or arg == "-":
            if command is None:
                command = COMMANDS.get(arg)
                if command is None:
                    return None
            else:
                words.append(arg)
            continue
        name, equals, attached = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        # Global options anywhere (running.global_options_first); the command's only after it.
        option = GLOBAL.get(name) or (command.options.get(name) if command is not None else None)
        if option is None:
            return None  # --help, --version, --, a misspelt or misplaced option: typer says
        if option.read is FLAG:
            if equals:
                return None
            value: object = True
        else:
            if equals:
                text = attached
            elif index < len(args) and (not args[index].startswith("-") or args[index] == "-"):
                text = args[index]
                index += 1
            else:
                return None
            try:
                value = option.read(text)
            except (ValueError, LookupError):
                return None  # typer words the message
        if option.multiple:
            given.setdefault(option.param, []).append(value)
        elif option.param in given:
            return None  # given twice: click keeps the last, typer decides
        else:
            given[option.param] = value
    if command is None or not _words_fit(command, words):
        return None
    settings = commands.Settings(
        catalog_path=given.pop("catalog", None),
        add_paths=tuple(given.pop("add_catalog", ())),
        use_cache=not given.pop("no_cache", False),
    )
    color = given.pop("color", None)
    if command.words is not None:
        given[command.words] = words if command.many else words[0]
    if command.filtered:
        filtering = {option.param: given.pop(option.param, None) for option in commands.FILTER_OPTIONS}
        given["filters"] = commands.filters_from(filtering)
    return Parsed(command, settings, None if color is None else color.lower(), given)


def _words_fit(command: Command, words: list[str]) -> bool:
    if command.words is None:
        return not words
    return bool(words) if command.many else len(words) == 1


def answer(args: list[str]) -> int | None:
    """The exit code of running args without typer, or None when the Typer app must."""
    parsed = parse(args)
    if parsed is None:
        return None
    from ..output import terminal
    from .exits import finish, run

    terminal.set_color_option(parsed.color)  # as --color's callback does on every run
    code = run(lambda: parsed.command.run(parsed.settings, **parsed.values))
    return finish(code, args)
