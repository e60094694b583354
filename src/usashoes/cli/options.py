"""The options the commands share, declared once for typer: the output options, the need parsers.

The filter options of list, filter and search are in filters.py; the bodies in commands.py.
"""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import needs
from ..output.results import DocFormat, Format
from . import commands
from .commands import Settings

if TYPE_CHECKING:
    from ..catalog import loader as catalog_module

FILTERS = "Filters"


OUTPUT = "Output"


def settings(ctx: typer.Context) -> Settings:
    """The settings main_callback kept in the Click context's obj; subcommands inherit it."""
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings()


def load(ctx: typer.Context) -> "catalog_module.Catalog":
    return commands.load(settings(ctx))


# --- shared options, declared once -----------------------------------------------------------
def usage_errors(parse: Any) -> Any:
    """A typer parser from a domain parser: its ValueError becomes a usage error (exit 2)."""

    def parser(value: str | None) -> float | None:
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    return parser


# One parser per need, for every command that takes it (needs.py: the message names the value).
weight_value = usage_errors(needs.parse_weight)


price_value = usage_errors(needs.parse_price)


drop_value = usage_errors(needs.parse_drop)


width_value = usage_errors(needs.parse_width)


def _size_value(value: str | None) -> str | None:
    from ..sizes import parse_size_option

    usage_errors(parse_size_option)(value)  # checked here, parsed again where the filters are built
    return value


ReverseOpt = Annotated[
    bool, typer.Option("--reverse", rich_help_panel=FILTERS, help="Reverse the order (unknown values still sort last).")
]


LimitOpt = Annotated[
    int | None, typer.Option("--limit", min=1, rich_help_panel=FILTERS, help="Show at most this many models.")
]


FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        rich_help_panel=OUTPUT,
        case_sensitive=False,
        help="Default: table on a terminal, tab-separated lines in a pipe.",
    ),
]


DocFormatOpt = Annotated[
    DocFormat | None,
    typer.Option(
        "--format",
        "-f",
        rich_help_panel=OUTPUT,
        case_sensitive=False,
        help="Default: table on a terminal, plain lines in a pipe.",
    ),
]


JsonOpt = Annotated[bool, typer.Option("--json", rich_help_panel=OUTPUT, help="Same as --format json.")]


OutputFileOpt = Annotated[
    str | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        rich_help_panel=OUTPUT,
        help="Write to FILE instead of stdout, atomically: all of it or, on error, the file unchanged. "
        "Format from the extension (.json .jsonl .csv .md), else lines.",
    ),
]


FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,C",
        rich_help_panel=OUTPUT,
        help="Only these JSON record fields, in this order (json, jsonl, csv, lines; default lines). "
        "An unknown name lists the valid ones.",
    ),
]


NoPagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager", rich_help_panel=OUTPUT, help="Never page a long table on a terminal (also $USASHOES_NO_PAGER=1)."
    ),
]


SizeOpt = Annotated[
    str | None,
    typer.Option(
        "--size",
        metavar="SIZE",
        callback=_size_value,
        rich_help_panel=OUTPUT,
        help="Compare weights at this US size: M9 (default), W8, \"men's 10.5\", 9 (men's). "
        "Weights measured at another stated size are estimated (+2.6% per half size).",
    ),
]


AllOpt = Annotated[
    bool,
    typer.Option(
        "--all", rich_help_panel=FILTERS, help="Include imported models (shown only with --origin imported otherwise)."
    ),
]
