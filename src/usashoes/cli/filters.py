"""The filter options that list, filter and search share, declared once: @with_filters adds them."""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from .. import complete, needs
from ..models import Activity, Status, Support
from .commands import FILTER_FIELDS, filters_from
from .options import (
    FILTERS,
    OriginChoice,
    drop_value,
    price_value,
    usage_errors,
    weight_value,
    width_value,
)

OriginOpt = Annotated[
    list[OriginChoice] | None,  # a functional enum, built from Origin
    typer.Option(
        "--origin",
        rich_help_panel=FILTERS,
        case_sensitive=False,
        help="made-in-usa, assembled-in-usa, imported, or unknown. Repeat to match any.",
    ),
]


def _brand_value(value: str | None) -> str | None:
    usage_errors(needs.parse_brand)(value)  # a usage error when longer than a brand could be
    return value


BrandOpt = Annotated[
    str | None,
    typer.Option(
        "--brand",
        callback=_brand_value,
        rich_help_panel=FILTERS,
        autocompletion=complete.brands,
        help="Brand, case-insensitive; a prefix or 'nb' works.",
    ),
]


ActivityOpt = Annotated[
    list[Activity] | None,
    typer.Option("--activity", rich_help_panel=FILTERS, help="Repeat to match any.", case_sensitive=False),
]


SupportOpt = Annotated[Support | None, typer.Option("--support", rich_help_panel=FILTERS, case_sensitive=False)]


StatusOpt = Annotated[
    list[Status] | None,
    typer.Option("--status", rich_help_panel=FILTERS, help="Repeat to match any.", case_sensitive=False),
]


MinWeightOpt = Annotated[
    float | None,
    typer.Option(
        "--min-weight",
        metavar="WEIGHT",
        parser=weight_value,
        rich_help_panel=FILTERS,
        help="13.5, 13.5oz or 380g (a bare number is ounces). Models of unknown weight are left out.",
    ),
]


MaxWeightOpt = Annotated[
    float | None,
    typer.Option(
        "--max-weight",
        metavar="WEIGHT",
        parser=weight_value,
        rich_help_panel=FILTERS,
        help="As --min-weight. A weight known only as a lower bound never passes a maximum.",
    ),
]


MinPriceOpt = Annotated[
    float | None,
    typer.Option(
        "--min-price",
        metavar="USD",
        parser=price_value,
        rich_help_panel=FILTERS,
        help="MSRP in US dollars. Models of unknown price are left out.",
    ),
]


MaxPriceOpt = Annotated[
    float | None,
    typer.Option(
        "--max-price",
        metavar="USD",
        parser=price_value,
        rich_help_panel=FILTERS,
        help="MSRP in US dollars. Models of unknown price are left out.",
    ),
]


WidthOpt = Annotated[
    str | None,
    typer.Option(
        "--width",
        metavar="WIDTH",
        parser=width_value,
        rich_help_panel=FILTERS,
        help="A width the model is known to come in, in any line: D, 2E, 4E (or EEEE), B, wide (case-insensitive). "
        "Models whose widths are unknown are left out.",
    ),
]


MinDropOpt = Annotated[
    float | None,
    typer.Option(
        "--min-drop",
        metavar="MM",
        parser=drop_value,
        rich_help_panel=FILTERS,
        help="Heel-to-toe drop of at least this many mm (8 or 8mm). Models of unknown drop are left out.",
    ),
]


MaxDropOpt = Annotated[
    float | None,
    typer.Option(
        "--max-drop",
        metavar="MM",
        parser=drop_value,
        rich_help_panel=FILTERS,
        help="Heel-to-toe drop of at most this many mm; --max-drop 0 finds zero-drop shoes. Unknown drop is left out.",
    ),
]


# The options in --help order (commands.FILTER_FIELDS: the needs.Needs field each sets).
_OPTIONS = dict(
    origin=OriginOpt,
    brand=BrandOpt,
    activity=ActivityOpt,
    support=SupportOpt,
    status=StatusOpt,
    min_weight=MinWeightOpt,
    max_weight=MaxWeightOpt,
    min_price=MinPriceOpt,
    max_price=MaxPriceOpt,
    width=WidthOpt,
    min_drop=MinDropOpt,
    max_drop=MaxDropOpt,
)


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
        *(inspect.Parameter(name, keyword, default=None, annotation=_OPTIONS[name]) for name, _ in FILTER_FIELDS),
        *(each.replace(kind=keyword) for each in given[at + 1 :]),
    ]

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> None:
        values = {name: kwargs.pop(name) for name, _ in FILTER_FIELDS}
        command(*args, filters=filters_from(values), **kwargs)

    run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
    run.__annotations__ = {each.name: each.annotation for each in parameters} | {"return": None}
    return run
