"""What the commands share: the catalog settings, option parsers, the output options, emitting.

The filter options of list, filter and search are in filters.py.
"""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
import dataclasses
from typing import Annotated, Any

import typer

from .. import needs, query
from ..catalog import loader as catalog_module
from ..models import Vocabulary
from ..output.results import DocFormat, Format
from .running import error_lines

FILTERS = "Filters"


OUTPUT = "Output"


@dataclasses.dataclass(frozen=True)
class Settings:
    """The global options (--catalog, --add-catalog, --no-cache), kept in the Click context's obj."""

    catalog_path: str | None = None
    add_paths: tuple[str, ...] = ()
    use_cache: bool = True


def settings(ctx: typer.Context) -> Settings:
    """The settings main_callback stored; subcommand contexts inherit the parent's obj."""
    return ctx.obj if isinstance(ctx.obj, Settings) else Settings()


def load(ctx: typer.Context) -> catalog_module.Catalog:
    chosen = settings(ctx)
    return catalog_module.load(chosen.catalog_path, use_cache=chosen.use_cache, add=chosen.add_paths)


def shorten(text: str) -> str:
    from ..output.human import short

    return short(text)


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


# --origin, for list, filter, search and recommend: one choice (any case), so a bad value gets the
# same message everywhere and the completion script offers the values without running Python.
OriginChoice = Vocabulary(
    "OriginChoice",
    {
        value.upper().replace("-", "_"): value  # type: ignore[call-overload]
        for value in needs.origin_choices()
    },
)


def _size_value(value: str | None) -> str | None:
    from ..sizes import parse_size_option

    usage_errors(parse_size_option)(value)  # checked here, parsed again where the filters are built
    return value


def chosen_size(value: str | None) -> Any:
    """--size, else the size preference ($USASHOES_SIZE, the config file), else men's 9."""
    from ..sizes import DEFAULT_SIZE, parse_size_option

    if value is None:
        from ..config import setting

        value = setting("size").value
    return DEFAULT_SIZE if value is None else parse_size_option(value)


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


def emit(
    result: object,
    output_format: Any,
    as_json: bool,
    output: str | None = None,
    fields: str | None = None,
    no_pager: bool = False,
    encoded: Any = None,
) -> None:
    from ..output import render

    chosen = render.choose(output_format, as_json, fields=fields is not None, path=output)
    names = render.field_names(result, fields, chosen) if fields is not None else None
    if encoded is not None and chosen in ("json", "jsonl") and names is None:
        result = result._replace(encoded=encoded)  # type: ignore[attr-defined]
    render.emit(result, chosen, fields=names, path=output, pager=not no_pager)


def nothing_found(
    shoes: Any, filters: query.Filters, output_format: Any, as_json: bool, output: Any, fields: Any
) -> bool:
    """On a terminal, an empty table is a message instead: which filter removed the most."""
    from ..output import render

    chosen = render.choose(output_format, as_json, fields=fields is not None, path=output)
    if chosen != "table":
        return False
    message = "No models match these filters."
    hidden = query.hidden_by_default(shoes, filters)
    culprit = query.most_removing(shoes, filters)
    if hidden:  # the filters did match: a default hid the models, and a flag shows them
        models = "model matches" if hidden == 1 else "models match"
        message += f" {hidden} imported {models}, hidden by default: --all shows {'it' if hidden == 1 else 'them'}."
    elif culprit is not None:
        option, removed = culprit
        message += f" {option} removed the most ({removed} of {len(shoes)} models)."
    error_lines([message])
    return True
