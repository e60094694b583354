"""The command line: thin commands that parse options, call the domain, hand results to render.

The only module that imports typer. Errors are translated to messages and exit codes in
one place (_Group.main), so CliRunner tests see exactly what a user sees.
"""

# No `from __future__ import annotations` here: typer would evaluate every command's string
# annotations on each run (7 ms measured).
import errno
import os
import sys
from collections import Counter
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from . import __version__, complete, query
from .catalog import loader as catalog_module
from .errors import (
    CatalogError,
    ExitCode,
    Interrupted,
    OutputClosed,
    UsageProblem,
    UsashoesError,
    WriteFailed,
)
from .models import Activity, Status, Support, Vocabulary
from .output.results import DocFormat, Format

FILTERS = "Filters"
OUTPUT = "Output"


class _Group(TyperGroup):
    """Runs every command through one error translator; the exit code is the contract."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        standalone_mode = kwargs.get("standalone_mode", True)
        kwargs["standalone_mode"] = False  # we turn exceptions into exit codes ourselves
        code = _run(lambda: super(_Group, self).main(*args, **kwargs))
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: Any) -> Any:
        # typer turns KeyboardInterrupt into a silent exit 130 before _run could see it;
        # as our own error it passes through typer and gets its message.
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted() from None


def _run(invoke: Any) -> int:
    try:
        result = invoke()
        return result if isinstance(result, int) else ExitCode.OK
    except OutputClosed:
        _silence_stdout()
        return ExitCode.OK
    except UsashoesError as error:
        if isinstance(error, WriteFailed):
            _silence_stdout()  # what is still buffered would fail again at exit (status 120)
        # Catalog problems locate themselves (file:line:col: ...), like compiler messages.
        _error_lines(error.lines(), prefix=not isinstance(error, CatalogError))
        return error.exit_code
    except (KeyboardInterrupt, typer.Abort):
        _error_lines([str(Interrupted())])
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return ExitCode.OK
    except Exception as error:
        if _is_click_usage(error):
            message = error.format_message()  # type: ignore[attr-defined]
            ctx = getattr(error, "ctx", None)
            command = ctx.command_path if ctx is not None else "usashoes"
            _error_lines([f"{message}", f"Try '{command} --help'."])
            return int(getattr(error, "exit_code", ExitCode.USAGE))
        if isinstance(error, OSError) and error.errno in _WRITE_ERRNOS:
            # Help or usage text that click wrote to a full disk: not a bug either.
            _silence_stdout()
            _error_lines([str(WriteFailed(error))])
            return ExitCode.WRITE_FAILED
        if os.environ.get("USASHOES_DEBUG"):
            raise
        _error_lines(
            [
                f"Internal error: {type(error).__name__}: {error}",
                "This is a bug; please report it (set USASHOES_DEBUG=1 for a traceback).",
            ]
        )
        return ExitCode.FAILURE


_WRITE_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _is_click_usage(error: Exception) -> bool:
    # typer bundles its own Click; its exceptions are recognised by shape, not by import.
    return hasattr(error, "format_message") and hasattr(error, "exit_code") and hasattr(error, "show")


def _error_lines(lines: list[str], prefix: bool = True) -> None:
    """Messages to stderr; a closed or full stderr loses the message but never the exit code."""
    from .output.human import message_line, to_ascii

    stream = sys.stderr
    ascii_only = "utf" not in (getattr(stream, "encoding", None) or "utf-8").lower()
    text = ""
    for line in lines:
        line = message_line(line)
        text += f"{'usashoes: ' if prefix else ''}{to_ascii(line) if ascii_only else line}\n"
    try:
        from .output.render import write_text

        write_text(text, stream)
    except (UsashoesError, AttributeError, OSError, ValueError):
        pass


def _silence_stdout() -> None:
    # After a closed pipe (| head -1), Python would complain when it flushes stdout at exit.
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    cls=_Group,
    name="usashoes",
    help="Which running and walking shoes are really made (or assembled) in the USA, and which one to buy.\n\n"
    "Examples:\n\n"
    "  usashoes list --origin made-in-usa\n\n"
    "  usashoes compare 990v5 993\n\n"
    "  usashoes explain nb-70\n\n"
    "  usashoes list --json | jq '.[].id'",
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Environment: USASHOES_CATALOG (catalog file), USASHOES_ADD_CATALOG (overlay files, "
    f"'{os.pathsep}'-separated), USASHOES_CACHE_DIR, USASHOES_NO_CACHE=1, USASHOES_NO_PAGER=1, "
    "USASHOES_DEBUG=1 (tracebacks), USASHOES_TODAY (fixed date), PAGER and LESS (default -FRX), "
    "NO_COLOR, COLUMNS, XDG_CACHE_HOME.",
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    add_completion=True,
)
catalog_app = typer.Typer(
    cls=_Group, help="Check and describe a catalog file.", context_settings={"help_option_names": ["-h", "--help"]}
)
app.add_typer(catalog_app, name="catalog")


class State:
    catalog_path: str | None = None
    add_paths: tuple[str, ...] = ()
    use_cache: bool = True


def _load() -> catalog_module.Catalog:
    return catalog_module.load(State.catalog_path, use_cache=State.use_cache, add=State.add_paths)


def _version(value: bool) -> None:
    if value:
        from .output.render import write_lines

        if sys.stdout is None:
            raise OutputClosed()
        write_lines([f"usashoes {__version__}"], sys.stdout)
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    catalog: Annotated[
        str | None,
        typer.Option(
            "--catalog",
            metavar="PATH",
            envvar=None,
            help="Catalog file to use. Wins over $USASHOES_CATALOG; the default is the bundled catalog.",
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
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    State.catalog_path = catalog
    State.add_paths = tuple(add_catalog or ())
    State.use_cache = not no_cache
    if ctx.invoked_subcommand is None:
        from .output.render import write_lines

        if sys.stdout is None:
            raise OutputClosed()
        write_lines([ctx.get_help()], sys.stdout)


# --- shared options, declared once -----------------------------------------------------------
OriginChoice = Vocabulary(
    "OriginChoice",
    {
        value.upper().replace("-", "_"): value  # type: ignore[call-overload]
        for value in query.origin_choices()
    },
)


def _origin_values(values: list[Any] | None) -> list[str] | None:
    # A choice, case-insensitive like every other (click checked it): plain strings from here on.
    return [str(value) for value in values] if values is not None else None


def _short(text: str) -> str:
    from .output.human import short

    return short(text)


def _usage_errors(parse: Any) -> Any:
    """A typer parser from a domain parser: its ValueError becomes a usage error (exit 2)."""

    def parser(value: str | None) -> float | None:
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    return parser


_weight_value = _usage_errors(query.parse_weight)
_price_value = _usage_errors(query.parse_price)
_drop_value = _usage_errors(query.parse_drop)


_width_value = _usage_errors(query.parse_width)


def _size_value(value: str | None) -> str | None:
    from .sizes import parse_size_option

    _usage_errors(parse_size_option)(value)  # checked here, parsed again where the filters are built
    return value


def _size(value: str | None) -> Any:
    from .sizes import DEFAULT_SIZE, parse_size_option

    return DEFAULT_SIZE if value is None else parse_size_option(value)


OriginOpt = Annotated[
    list[OriginChoice] | None,  # type: ignore[valid-type]  # a functional enum, built from Origin
    typer.Option(
        "--origin",
        callback=_origin_values,
        rich_help_panel=FILTERS,
        case_sensitive=False,
        help="made-in-usa, assembled-in-usa, imported, or unknown. Repeat to match any.",
    ),
]
BrandOpt = Annotated[
    str | None,
    typer.Option(
        "--brand",
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
StatusOpt = Annotated[Status | None, typer.Option("--status", rich_help_panel=FILTERS, case_sensitive=False)]
MinWeightOpt = Annotated[
    float | None,
    typer.Option(
        "--min-weight",
        metavar="WEIGHT",
        parser=_weight_value,
        rich_help_panel=FILTERS,
        help="13.5, 13.5oz or 380g (a bare number is ounces). Models of unknown weight are left out.",
    ),
]
MaxWeightOpt = Annotated[
    float | None,
    typer.Option(
        "--max-weight",
        metavar="WEIGHT",
        parser=_weight_value,
        rich_help_panel=FILTERS,
        help="As --min-weight. A weight known only as a lower bound never passes a maximum.",
    ),
]
MinPriceOpt = Annotated[
    float | None,
    typer.Option(
        "--min-price",
        metavar="USD",
        parser=_price_value,
        rich_help_panel=FILTERS,
        help="MSRP in US dollars. Models of unknown price are left out.",
    ),
]
MaxPriceOpt = Annotated[
    float | None,
    typer.Option(
        "--max-price",
        metavar="USD",
        parser=_price_value,
        rich_help_panel=FILTERS,
        help="MSRP in US dollars. Models of unknown price are left out.",
    ),
]
WidthOpt = Annotated[
    str | None,
    typer.Option(
        "--width",
        metavar="WIDTH",
        parser=_width_value,
        rich_help_panel=FILTERS,
        help="A width the model is known to come in, in any line: D, 2E, 4E, B, wide (case-insensitive). "
        "Models whose widths are unknown are left out.",
    ),
]
MinDropOpt = Annotated[
    float | None,
    typer.Option(
        "--min-drop",
        metavar="MM",
        parser=_drop_value,
        rich_help_panel=FILTERS,
        help="Heel-to-toe drop of at least this many mm (8 or 8mm). Models of unknown drop are left out.",
    ),
]
MaxDropOpt = Annotated[
    float | None,
    typer.Option(
        "--max-drop",
        metavar="MM",
        parser=_drop_value,
        rich_help_panel=FILTERS,
        help="Heel-to-toe drop of at most this many mm; --max-drop 0 finds zero-drop shoes. Unknown drop is left out.",
    ),
]
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
        "Default format there: lines.",
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


def _filters(
    origin: list[str] | None,
    brand: str | None,
    activity: list[Activity] | None,
    support: Support | None,
    status: Status | None,
    min_weight: float | None,
    max_weight: float | None,
    min_price: float | None,
    max_price: float | None,
    width: str | None = None,
    min_drop: float | None = None,
    max_drop: float | None = None,
    size: Any = None,
    hide_imported: bool = False,
) -> query.Filters:
    return query.Filters(
        origins=frozenset(origin or ()),
        brand=brand,
        activities=frozenset(activity or ()),
        support=support,
        status=status,
        min_grams=min_weight,
        max_grams=max_weight,
        min_usd=min_price,
        max_usd=max_price,
        width=width,
        min_drop_mm=min_drop,
        max_drop_mm=max_drop,
        hide_imported=hide_imported,
        size=_size(size),
    )


def _emit(
    result: object,
    output_format: Any,
    as_json: bool,
    output: str | None = None,
    fields: str | None = None,
    no_pager: bool = False,
    encoded: Any = None,
) -> None:
    from .output import render

    chosen = render.choose(output_format, as_json, to_file=output not in (None, "-"), fields=fields is not None)
    names = render.field_names(result, fields, chosen) if fields is not None else None
    if encoded is not None and chosen in ("json", "jsonl") and names is None:
        result = result._replace(encoded=encoded)  # type: ignore[attr-defined]
    render.emit(result, chosen, fields=names, path=output, pager=not no_pager)


def _nothing_found(
    shoes: Any, filters: query.Filters, output_format: Any, as_json: bool, output: Any, fields: Any
) -> bool:
    """On a terminal, an empty table is a message instead: which filter removed the most."""
    from .output import render

    chosen = render.choose(output_format, as_json, to_file=output not in (None, "-"), fields=fields is not None)
    if chosen != "table":
        return False
    message = "No models match these filters."
    culprit = query.most_removing(shoes, filters)
    if culprit is not None:
        option, removed = culprit
        message += f" {option} removed the most ({removed} of {len(shoes)} models)."
    _error_lines([message])
    return True


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


def list_models(
    origin: OriginOpt = None,
    brand: BrandOpt = None,
    activity: ActivityOpt = None,
    support: SupportOpt = None,
    status: StatusOpt = None,
    min_weight: MinWeightOpt = None,
    max_weight: MaxWeightOpt = None,
    min_price: MinPriceOpt = None,
    max_price: MaxPriceOpt = None,
    width: WidthOpt = None,
    min_drop: MinDropOpt = None,
    max_drop: MaxDropOpt = None,
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
    from .output.results import ShoeList

    hide_imported = not include_all and query.Origin.IMPORTED.value not in (origin or ())
    filters = _filters(
        origin,
        brand,
        activity,
        support,
        status,
        min_weight,
        max_weight,
        min_price,
        max_price,
        width,
        min_drop,
        max_drop,
        size,
        hide_imported,
    )
    loaded = _load()
    shoes = query.select(loaded.shoes, filters, sort, reverse, limit, name_ordered=loaded.name_ordered)
    if not shoes and _nothing_found(loaded.shoes, filters, output_format, as_json, output, fields):
        return
    # Ready-made JSON records (from the cache) cost ~2.6 us per catalog entry to unpack and
    # save ~13 us per record shown: worth it once a listing shows a fifth of the catalog.
    wide = len(shoes) * 5 > len(loaded.shoes)
    json_out = as_json or (output_format is not None and output_format.value in ("json", "jsonl"))
    encoded = loaded.encoded_by_id if json_out and wide else None
    _emit(ShoeList(tuple(shoes), size=filters.size), output_format, as_json, output, fields, no_pager, encoded=encoded)


app.command("list", help=LIST_HELP)(list_models)
app.command("filter", help=LIST_HELP.replace("List catalog models", "Same as 'list'. List catalog models"))(list_models)


# --- search ----------------------------------------------------------------------------------
@app.command()
def search(
    text: Annotated[
        str,
        typer.Argument(metavar="QUERY", help="What people call the shoe: 'nb 990 v5', 'M992GR', 'speedfactory nyc'."),
    ],
    origin: OriginOpt = None,
    brand: BrandOpt = None,
    activity: ActivityOpt = None,
    support: SupportOpt = None,
    status: StatusOpt = None,
    min_weight: MinWeightOpt = None,
    max_weight: MaxWeightOpt = None,
    min_price: MinPriceOpt = None,
    max_price: MaxPriceOpt = None,
    width: WidthOpt = None,
    min_drop: MinDropOpt = None,
    max_drop: MaxDropOpt = None,
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
    from .matching import Matcher
    from .output.results import ShoeList, alternative_command

    filters = _filters(
        origin,
        brand,
        activity,
        support,
        status,
        min_weight,
        max_weight,
        min_price,
        max_price,
        width,
        min_drop,
        max_drop,
        size,
    )
    hits = [hit for hit in Matcher(_load().shoes).search(text) if filters.accepts(hit.shoe)]
    if sort is not None:
        score_of = {hit.shoe.id: hit.score for hit in hits}
        ordered = query.sort([hit.shoe for hit in hits], sort, reverse, filters.size)
        hits_sorted = [(shoe, score_of[shoe.id]) for shoe in ordered]
    else:
        hits_sorted = [(hit.shoe, hit.score) for hit in (reversed(hits) if reverse else hits)]
    hits_sorted = hits_sorted[:limit] if limit else hits_sorted
    if not hits_sorted:
        from .output import render

        _error_lines([f"No model matches {_short(text)!r}."])
        if (
            render.choose(output_format, as_json, to_file=output not in (None, "-"), fields=fields is not None)
            == "table"
        ):
            return  # the message says it all: no empty table header
    _emit(
        ShoeList(
            tuple(s for s, _ in hits_sorted),
            tuple(score for _, score in hits_sorted),
            size=filters.size,
            alternatives=True,
        ),
        output_format,
        as_json,
        output,
        fields,
        no_pager,
    )
    imported = [shoe for shoe, _ in hits_sorted if alternative_command(shoe)]
    if imported:  # a note for people, after the data; JSON carries it as "alternative"
        _error_lines(
            [
                f"Note: {shoe.id} is imported; for US-made alternatives: {alternative_command(shoe)}"
                for shoe in imported[:3]
            ]
        )


# --- show ------------------------------------------------------------------------------------
@app.command()
def show(
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
    from .matching import Matcher
    from .output.results import ShoeDetail

    loaded = _load()
    shoe = Matcher(loaded.shoes).resolve(model)
    _emit(ShoeDetail(shoe, _size(size), loaded.overlay.get(shoe.id)), output_format, as_json, output, fields, no_pager)


# --- compare ---------------------------------------------------------------------------------
@app.command()
def compare(
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
    from . import compare as compare_module
    from .errors import UsageProblem
    from .matching import Matcher

    if not compare_module.MIN_MODELS <= len(models) <= compare_module.MAX_MODELS:
        raise UsageProblem(
            f"Compare takes {compare_module.MIN_MODELS} to {compare_module.MAX_MODELS} models, got {len(models)}."
        )
    matcher = Matcher(_load().shoes)
    comparison = compare_module.compare([matcher.resolve(model) for model in models], _size(size))
    _emit(comparison.only_differences() if only_diff else comparison, output_format, as_json, output, no_pager=no_pager)


# --- recommend -------------------------------------------------------------------------------
NEEDS = "Needs"


@app.command()
def recommend(
    activity: Annotated[
        list[Activity] | None,
        typer.Option("--activity", rich_help_panel=NEEDS, case_sensitive=False, help="Repeat to accept any of them."),
    ] = None,
    support: Annotated[Support | None, typer.Option("--support", rich_help_panel=NEEDS, case_sensitive=False)] = None,
    max_price: Annotated[
        float | None,
        typer.Option(
            "--max-price", metavar="USD", parser=_price_value, rich_help_panel=NEEDS, help="MSRP in US dollars."
        ),
    ] = None,
    max_weight: Annotated[
        float | None,
        typer.Option(
            "--max-weight",
            metavar="WEIGHT",
            parser=_weight_value,
            rich_help_panel=NEEDS,
            help="13.5, 13.5oz or 380g (a bare number is ounces), at --size.",
        ),
    ] = None,
    width: Annotated[
        str | None,
        typer.Option(
            "--width", metavar="WIDTH", rich_help_panel=NEEDS, help="A width code as makers list it: D, 2E, 4E, B ..."
        ),
    ] = None,
    max_drop: Annotated[
        float | None,
        typer.Option(
            "--max-drop",
            metavar="MM",
            parser=_drop_value,
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
            help="Also recommend discontinued models and those of unknown status.",
        ),
    ] = False,
    origin: Annotated[
        list[str] | None,
        typer.Option(
            "--origin",
            metavar="ORIGIN",
            rich_help_panel=NEEDS,
            autocompletion=complete.pick_origins,
            help="made-in-usa and/or assembled-in-usa, in order of preference. "
            "Default: made-in-usa first, then assembled.",
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
    from . import recommend as recommend_module
    from .errors import UsageProblem
    from .models import Origin

    allowed = [Origin.MADE_IN_USA.value, Origin.ASSEMBLED_IN_USA.value]
    origin = [value.strip().lower() for value in origin] if origin is not None else None
    for value in origin or ():
        if value not in allowed:
            raise UsageProblem(
                f"--origin: {value!r} cannot be recommended; use {' or '.join(allowed)} "
                "(an imported model is never a pick; try --like MODEL for alternatives to one)."
            )
    if any_status and status:
        raise UsageProblem("Give --status or --any-status, not both.")
    statuses = frozenset() if any_status else frozenset(status or (Status.CURRENT,))
    needs = recommend_module.Needs(
        activities=frozenset(activity or ()),
        support=support,
        max_usd=max_price,
        max_grams=max_weight,
        width=width.strip() if width and width.strip() else None,
        max_drop=max_drop,
        statuses=statuses,
        origins=tuple(Origin(value) for value in dict.fromkeys(origin)) if origin else recommend_module.Needs().origins,
        size=_size(size),
    )
    shoes = _load().shoes
    if like is not None:
        from .matching import Matcher

        reference = Matcher(shoes).resolve(like)
        result = recommend_module.recommend_like(shoes, reference, needs, limit)
    else:
        result = recommend_module.recommend(shoes, needs, limit)
    _emit(result, output_format, as_json, output, no_pager=no_pager)


# --- explain ---------------------------------------------------------------------------------
@app.command()
def explain(
    topic: Annotated[
        str | None,
        typer.Argument(
            metavar="TOPIC",
            autocompletion=complete.topics,
            help="A rule: ftc, assembled, nb-70, california, customs, berry, canada, eu, uk, australia ...",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="MODEL",
            autocompletion=complete.models,
            help="How this model's label sits against the rules.",
        ),
    ] = None,
    label: Annotated[
        str | None, typer.Option("--label", metavar="TEXT", help="Classify wording read on a tag or box.")
    ] = None,
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
    output: OutputFileOpt = None,
    no_pager: NoPagerOpt = False,
) -> None:
    """What a "Made in USA" label really means: the rules, one rule in full, a model, or a wording.

    Examples:

      usashoes explain

      usashoes explain california

      usashoes explain --model 990v6

      usashoes explain --label "Made in USA of imported materials"
    """
    from .errors import UsageProblem
    from .explain import rules
    from .output.results import LabelExplanation, ModelExplanation, RuleDetail, RulesOverview

    if sum(value is not None for value in (topic, model, label)) > 1:
        raise UsageProblem("Give one of TOPIC, --model or --label.")
    result: object
    if model is not None:
        from .explain.assessment import assess_model
        from .matching import Matcher

        shoe = Matcher(_load().shoes).resolve(model)
        result = ModelExplanation(shoe, assess_model(shoe))
    elif label is not None:
        from .explain.label_reading import classify_label

        result = LabelExplanation(classify_label(label))
    elif topic is not None:
        result = RuleDetail(rules.find_rule(topic))
    else:
        result = RulesOverview(rules.RULES)
    _emit(result, output_format, as_json, output, no_pager=no_pager)


# --- catalog ---------------------------------------------------------------------------------
@catalog_app.command("validate")
def catalog_validate(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH", help="Default: the catalog in use, with any --add-catalog files merged over it."
        ),
    ] = None,
    overlay: Annotated[
        bool,
        typer.Option(
            "--overlay",
            help="Check PATH as an --add-catalog file on its own: entries need only an id, "
            "every value given is checked.",
        ),
    ] = False,
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
    output: OutputFileOpt = None,
) -> None:
    """Report every problem in a catalog as file:line:col: message; exit 5 if there are any.

    Examples:

      usashoes catalog validate my-shoes.yaml

      usashoes catalog validate --overlay my-prices.yaml

      usashoes catalog validate --json -o report.json
    """
    from pathlib import Path

    from .output.results import ValidationReport

    if path == "":
        # An unset variable in a CI gate (`catalog validate "$FILE"`) must not validate the bundled catalog.
        raise UsageProblem("The catalog path is empty; give a file name.")
    if overlay and path is None:
        raise UsageProblem("Give the path of the overlay file to check with --overlay.")
    if overlay:
        assert path is not None
        count, problems = catalog_module.check_overlay(Path(path))
        report = ValidationReport(path, tuple(problems), None if problems else count, overlay=True)
    elif path is not None:
        shoes, problems, warnings = catalog_module.check(Path(path))
        report = ValidationReport(path, tuple(problems), None if problems else len(shoes), tuple(warnings))
    else:
        chosen = catalog_module.choose_path(State.catalog_path)
        shoes, problems, warnings = catalog_module.check(chosen, catalog_module.overlay_paths(State.add_paths))
        report = ValidationReport(str(chosen), tuple(problems), None if problems else len(shoes), tuple(warnings))
    from .output import render

    to_file = output not in (None, "-")
    chosen_format = render.choose(output_format, as_json, to_file=to_file)
    if chosen_format in ("lines", "table") or to_file:
        # Problems and warnings are messages: stderr, one per line; stdout stays clean.
        _error_lines([str(problem) for problem in (*report.problems, *report.warnings)], prefix=False)
    if to_file or not (problems and chosen_format in ("lines", "table")):
        render.emit(report, chosen_format, path=output)
    if problems:
        raise typer.Exit(ExitCode.CATALOG_INVALID)


@catalog_app.command("info")
def catalog_info(
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
    output: OutputFileOpt = None,
    no_pager: NoPagerOpt = False,
) -> None:
    """The catalog in use: path, counts by origin and brand, freshness, and per-field coverage.

    Freshness: the oldest and newest as-of dates, and how many as-of dates and prices are
    older than two years. Coverage: how many entries know each field.

    Examples:

      usashoes catalog info

      usashoes --catalog my-shoes.yaml catalog info --json
    """
    from . import freshness
    from .output.results import CatalogInfo

    today = freshness.today()
    loaded = _load()
    by_origin = Counter(str(shoe.origin) if shoe.origin else query.UNKNOWN_ORIGIN for shoe in loaded.shoes)
    by_brand = Counter(shoe.brand for shoe in loaded.shoes)
    fresh = freshness.freshness(loaded.shoes, today)
    info = CatalogInfo(
        path=loaded.path,
        model_count=len(loaded.shoes),
        by_origin={name: by_origin.get(name, 0) for name in query.origin_choices()},
        by_brand=dict(sorted(by_brand.items(), key=lambda item: (-item[1], item[0].casefold()))),
        newest_as_of=fresh.newest_as_of,
        coverage=freshness.coverage(loaded.shoes),
        freshness=fresh,
    )
    _emit(info, output_format, as_json, output, no_pager=no_pager)
