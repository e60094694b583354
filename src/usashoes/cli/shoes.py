"""The shoe commands: list (and filter), search, show, compare and recommend."""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
from typing import Annotated

import typer

from .. import complete, query
from ..errors import (
    UsageProblem,
)
from ..models import Activity, Status, Support
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
    OriginChoice,
    OutputFileOpt,
    ReverseOpt,
    SizeOpt,
    chosen_size,
    drop_value,
    emit,
    load,
    nothing_found,
    price_value,
    shorten,
    weight_value,
    width_value,
)
from .running import error_lines

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
    from ..output.results import ShoeList

    hide_imported = not include_all and query.Origin.IMPORTED.value not in filters.needs.origins
    filters = query.Filters(filters.needs._replace(size=chosen_size(size)), hide_imported)
    loaded = load(ctx)
    shoes = query.select(loaded.shoes, filters, sort, reverse, limit)
    if not shoes and nothing_found(loaded.shoes, filters, output_format, as_json, output, fields):
        return
    emit(
        ShoeList(tuple(shoes), size=filters.size, columns=query.shown_by(filters, sort)),
        output_format,
        as_json,
        output,
        fields,
        no_pager,
        encoded=loaded.records,
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
    from ..matching import Matcher
    from ..output.results import ShoeList, alternative_command

    filters = filters._replace(needs=filters.needs._replace(size=chosen_size(size)))
    found = ((hit.shoe, hit.score) for hit in Matcher(load(ctx).shoes).search(text))
    hits = query.select_hits(found, filters, sort, reverse, limit)
    if not hits:
        from ..output import render

        error_lines([f"No model matches {shorten(text)!r}."])
        if render.choose(output_format, as_json, fields=fields is not None, path=output) == "table":
            return  # the message says it all: no empty table header
    emit(
        ShoeList(
            tuple(shoe for shoe, _ in hits),
            tuple(score for _, score in hits),
            size=filters.size,
            alternatives=True,
            columns=query.shown_by(filters, sort),
        ),
        output_format,
        as_json,
        output,
        fields,
        no_pager,
    )
    imported = [shoe for shoe, _ in hits if alternative_command(shoe)]
    if imported:  # a note for people, after the data; JSON carries it as "alternative"
        error_lines(
            [
                f"Note: {shoe.id} is imported; for US-made alternatives: {alternative_command(shoe)}"
                for shoe in imported[:3]
            ]
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
    from ..matching import Matcher
    from ..output.results import ShoeDetail

    loaded = load(ctx)
    # An exact id wins in the resolver too; found first, it spares decoding a big cached catalog.
    shoe = loaded.find(model) or Matcher(loaded.shoes).resolve(model)
    detail = ShoeDetail(shoe, chosen_size(size), loaded.overlay.get(shoe.id))
    emit(detail, output_format, as_json, output, fields, no_pager)


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
    from .. import compare as compare_module
    from ..matching import Matcher

    if not compare_module.MIN_MODELS <= len(models) <= compare_module.MAX_MODELS:
        raise UsageProblem(
            f"Compare takes {compare_module.MIN_MODELS} to {compare_module.MAX_MODELS} models, got {len(models)}."
        )
    loaded = load(ctx)
    by_id = [loaded.find(model) for model in models]
    if not all(by_id):  # an exact id wins in the resolver too; all found, no model need be decoded
        matcher = Matcher(loaded.shoes)
        by_id = [shoe or matcher.resolve(model) for shoe, model in zip(by_id, models, strict=True)]
    comparison = compare_module.compare([shoe for shoe in by_id if shoe], chosen_size(size))
    emit(comparison.only_differences() if only_diff else comparison, output_format, as_json, output, no_pager=no_pager)


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
        list[OriginChoice] | None,  # type: ignore[valid-type]  # a functional enum, built from Origin
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
    from .. import recommend as recommend_module
    from ..config import setting
    from ..needs import Needs

    # Preferences ($USASHOES_WIDTH, $USASHOES_ORIGIN, the config file) when the flag is not given;
    # config.py checks them as the flags are checked.
    origins = [str(value) for value in origin] if origin is not None else None  # OriginChoice values
    if origins is None and setting("origin").value is not None:
        origins = list(setting("origin").value)
    if width is None:
        width = setting("width").value
    for value in origins or ():
        if value not in recommend_module.PICK_ORIGINS:
            raise UsageProblem(
                f"--origin: {value!r} cannot be recommended; use {' or '.join(recommend_module.PICK_ORIGINS)} "
                "(an imported model is never a pick; try --like MODEL for alternatives to one)."
            )
    if any_status and status:
        raise UsageProblem("Give --status or --any-status, not both.")
    needs = Needs(
        origins=tuple(dict.fromkeys(origins or ())),  # none: recommend's default preference
        activities=frozenset(activity or ()),
        support=support,
        statuses=frozenset() if any_status else frozenset(status or recommend_module.DEFAULT_STATUSES),
        max_grams=max_weight,
        max_usd=max_price,
        width=width,
        max_drop=max_drop,
        size=chosen_size(size),
        size_given=size is not None or setting("size").value is not None,
    )
    buyable_only = not (any_status or status)  # an explicit --status asks for those statuses
    shoes = load(ctx).shoes
    if like is not None:
        from ..matching import Matcher

        reference = Matcher(shoes).resolve(like)
        from ..like import recommend_like

        result = recommend_like(shoes, reference, needs, limit, buyable_only=buyable_only)
    else:
        result = recommend_module.recommend(shoes, needs, limit, buyable_only=buyable_only)
    emit(result, output_format, as_json, output, no_pager=no_pager)
