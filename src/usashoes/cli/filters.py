"""The filter options that list, filter and search share, made Typer options from the one
table of them (commands.FILTER_OPTIONS): @with_filters adds them to a command."""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from .. import complete
from .commands import FILTER_OPTIONS, FilterOption, filters_from
from .options import FILTERS, usage_errors

# What a Typer option has beyond the table: the candidates a TAB offers.
_COMPLETION = {"brand": complete.brands}


def _checked(check: Callable[[str], object]) -> Callable[[Any], Any]:
    """A callback that validates a value (a usage error if check raises ValueError), kept as given."""

    def callback(value: str | None) -> str | None:
        usage_errors(check)(value)
        return value

    return callback


def typer_option(option: FilterOption) -> Any:
    """The annotation typer reads for one filter option: its type, and typer.Option."""
    kind: Any = option.choices or option.value
    settings: dict[str, Any] = {"rich_help_panel": FILTERS, "help": option.help, "metavar": option.metavar}
    if option.choices is not None:
        settings["case_sensitive"] = False
    if option.parse is not None:
        settings["parser"] = usage_errors(option.parse)
    if option.check is not None:
        settings["callback"] = _checked(option.check)
    if option.param in _COMPLETION:
        settings["autocompletion"] = _COMPLETION[option.param]
    return Annotated[(list[kind] if option.multiple else kind) | None, typer.Option(option.flag, **settings)]


def with_filters(command: Callable[..., None]) -> Callable[..., None]:
    """The filter options, in place of the command's `filters: query.Filters` parameter.

    typer reads a command's options from its signature: the one typer sees has the options
    where `filters` stood, and the command is called with their values as one query.Filters
    (commands.filters_from). needs.py parses and judges each need, as for recommend.
    """
    signature = inspect.signature(command)
    given = list(signature.parameters.values())
    at = [each.name for each in given].index("filters")
    keyword = inspect.Parameter.KEYWORD_ONLY  # what follows a keyword-only parameter must be one too
    parameters = [
        *given[:at],
        *(
            inspect.Parameter(option.param, keyword, default=None, annotation=typer_option(option))
            for option in FILTER_OPTIONS
        ),
        *(each.replace(kind=keyword) for each in given[at + 1 :]),
    ]

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        values = {option.param: kwargs.pop(option.param) for option in FILTER_OPTIONS}
        command(*args, filters=filters_from(values), **kwargs)

    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {each.name: each.annotation for each in parameters} | {"return": None}
    return run
