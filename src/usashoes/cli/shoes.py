"""The shoe commands for typer: list (and filter), search, show, compare and recommend.

Their options and help live here; their bodies in commands.py, shared with the fast path.
"""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
from typing import Annotated

import typer

from .. import complete, query
from ..models import Activity, Status, Support
from . import commands
from .commands import OriginChoice
from .filters import with_filters
from .options import (
    FILTERS,
    AllOpt,
    DocFormatOpt,
    FieldsOpt,
    FormatOpt,
    JsonOpt,
    LimitOpt,
    NoPagerOpt,
    OutputFileOpt,
    ReverseOpt,
    SizeOpt,
    drop_value,
    price_value,
    settings,
    weight_value,
    width_value,
)

# --- list / filter ---------------------------------------------------------------------------
LIST_HELP = """List catalog models, filtered and sorted.

Examples:

  usashoes list --origin made-in-usa

  usashoes list --activity walking --max-price 200 --json

  usashoes filter --max-weight 14oz --sort weight --size M10

  usashoes list --width 4E --max-drop 8 --sort drop

  usashoes list --all

Imported models are listed only with --origin imported or --all.
"""


@with_filters
def list_models(
    ctx: typer.Context,
    filters: query.Filters,  # the filter options: see with_filters
    sort: Annotated[
        query.SortKey,
        typer.Option(
            "--sort",
            rich_help_panel=FILTERS,
            case_sensitive=False,
            help="Unknown weights, prices, years and drops sort last.",
        ),
    ] = query.SortKey.NAME,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
    include_all: AllOpt = False,
    size: SizeOpt = None,
    output_format: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    output: OutputFileOpt = None,
    no_pager: NoPagerOpt = False,
) -> None:
    commands.list_models(
        settings(ctx),
        filters,
        sort=sort,
        reverse=reverse,
        limit=limit,
        include_all=include_all,
        size=size,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
        output=output,
        no_pager=no_pager,
    )


# --- search ----------------------------------------------------------------------------------
@with_filters
def search(
    ctx: typer.Context,
    text: Annotated[
        str,
        typer.Argument(metavar="QUERY", help="What people call the shoe: 'nb 990 v5', 'M992GR', 'speedfactory nyc'."),
    ],
    filters: query.Filters,  # the filter options: see with_filters
    sort: Annotated[
        query.SortKey | None,
        typer.Option("--sort", rich_help_panel=FILTERS, case_sensitive=False, help="Default: best match first."),
    ] = None,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
    size: SizeOpt = None,
    output_format: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    output: OutputFileOpt = None,
    no_pager: NoPagerOpt = False,
) -> None:
    """Find models by name, number, alias or style code, typos forgiven; best match first.

    Imported models are found too, marked imported, with the command that finds US-made ones like them.

    Examples:

      usashoes search "new balnce 993"

      usashoes search M992GR --json

      usashoes search "brooks ghost"
    """
    commands.search(
        settings(ctx),
        text,
        filters,
        sort=sort,
        reverse=reverse,
        limit=limit,
        size=size,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
        output=output,
        no_pager=no_pager,
    )


# --- show ------------------------------------------------------------------------------------
def show(
    ctx: typer.Context,
    model: Annotated[
        str,
        typer.Argument(metavar="MODEL", help="Id, name+version, alias or style code.", autocompletion=complete.models),
    ],
    size: SizeOpt = None,
    output_format: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    output: OutputFileOpt = None,
    no_pager: NoPagerOpt = False,
) -> None:
    """Is it US-made (one straight line first), then every field of one model, with its sources.

    Examples:

      usashoes show 990v5

      usashoes show "New Balance 993" --json
    """
    commands.show(
        settings(ctx),
        model,
        size=size,
        output_format=output_format,
        as_json=as_json,
        fields=fields,
        output=output,
        no_pager=no_pager,
    )


# --- compare ---------------------------------------------------------------------------------
def compare(
    ctx: typer.Context,
    models: Annotated[
        list[str], typer.Argument(metavar="MODEL...", help="Two to six models.", autocompletion=complete.models)
    ],
    only_diff: Annotated[bool, typer.Option("--only-diff", help="Hide the rows where all models agree.")] = False,
    size: SizeOpt = None,
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
    output: OutputFileOpt = None,
    no_pager: NoPagerOpt = False,
) -> None:
    """Two to six models side by side: origin, weight, price and more; lightest and cheapest marked.

    Examples:

      usashoes compare 990v5 993

      usashoes compare 990v5 993 1540v3 --only-diff
    """
    commands.compare(
        settings(ctx),
        models,
        only_diff=only_diff,
        size=size,
        output_format=output_format,
        as_json=as_json,
        output=output,
        no_pager=no_pager,
    )


# --- recommend -------------------------------------------------------------------------------
NEEDS = "Needs"


def recommend(
    ctx: typer.Context,
    activity: Annotated[
        list[Activity] | None,
        typer.Option("--activity", rich_help_panel=NEEDS, case_sensitive=False, help="Repeat to accept any of them."),
    ] = None,
    support: Annotated[Support | None, typer.Option("--support", rich_help_panel=NEEDS, case_sensitive=False)] = None,
    max_price: Annotated[
        float | None,
        typer.Option(
            "--max-price", metavar="USD", parser=price_value, rich_help_panel=NEEDS, help="MSRP in US dollars."
        ),
    ] = None,
    max_weight: Annotated[
        float | None,
        typer.Option(
            "--max-weight",
            metavar="WEIGHT",
            parser=weight_value,
            rich_help_panel=NEEDS,
            help="13.5, 13.5oz or 380g (a bare number is ounces), at --size.",
        ),
    ] = None,
    width: Annotated[
        str | None,
        typer.Option(
            "--width",
            metavar="WIDTH",
            parser=width_value,
            rich_help_panel=NEEDS,
            help="A width the model comes in, in any line: D, 2E, 4E (or EEEE), B, wide (case-insensitive).",
        ),
    ] = None,
    max_drop: Annotated[
        float | None,
        typer.Option(
            "--max-drop",
            metavar="MM",
            parser=drop_value,
            rich_help_panel=NEEDS,
            help="Heel-to-toe drop in millimetres: 8 or 8mm.",
        ),
    ] = None,
    status: Annotated[
        list[Status] | None,
        typer.Option(
            "--status",
            rich_help_panel=NEEDS,
            case_sensitive=False,
            help="Default: current. Repeat to accept any of them.",
        ),
    ] = None,
    any_status: Annotated[
        bool,
        typer.Option(
            "--any-status",
            rich_help_panel=NEEDS,
            help="Also offer what cannot be bought new, left out by default: not sold to the public, resale "
            "only, superseded, discontinued, or no status evidence in the last 3 years.",
        ),
    ] = False,
    origin: Annotated[
        list[OriginChoice] | None,  # a functional enum, built from Origin
        typer.Option(
            "--origin",
            rich_help_panel=NEEDS,
            case_sensitive=False,
            autocompletion=complete.pick_origins,
            help="made-in-usa and/or assembled-in-usa, in order of preference (imported and unknown are "
            "never picks); default: made-in-usa first, then assembled.",
        ),
    ] = None,
    like: Annotated[
        str | None,
        typer.Option(
            "--like",
            metavar="MODEL",
            rich_help_panel=NEEDS,
            autocompletion=complete.models,
            help="Any catalog model (imported ones too): its activity, support, weight, drop and price "
            "become the needs.",
        ),
    ] = None,
    size: SizeOpt = None,
    limit: LimitOpt = None,
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
    output: OutputFileOpt = None,
    no_pager: NoPagerOpt = False,
) -> None:
    """Which US-made shoe to buy: picks that meet your needs, what is unknown, and near misses.

    An imported model is never a pick. An unknown value is said, never counted as a match or a miss.

    Examples:

      usashoes recommend --activity running --support neutral --max-price 200

      usashoes recommend --activity walking --width 4E --max-weight 14oz --size M10

      usashoes recommend --like "brooks ghost" --json
    """
    commands.recommend(
        settings(ctx),
        activity=activity,
        support=support,
        max_price=max_price,
        max_weight=max_weight,
        width=width,
        max_drop=max_drop,
        status=status,
        any_status=any_status,
        origin=origin,
        like=like,
        size=size,
        limit=limit,
        output_format=output_format,
        as_json=as_json,
        output=output,
        no_pager=no_pager,
    )
