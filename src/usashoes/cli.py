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
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from . import __version__, query
from . import catalog as catalog_module
from .errors import (
    CatalogError,
    ExitCode,
    Interrupted,
    OutputClosed,
    UsageProblem,
    UsashoesError,
    WriteFailed,
)
from .models import Activity, Status, Support
from .render import DocFormat, Format

FILTERS = "Filters"
OUTPUT = "Output"


class _Group(TyperGroup):
    """Runs every command through one error translator; the exit code is the contract."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:  # type: ignore[override]
        code = _run(lambda: super(_Group, self).main(*args, standalone_mode=False, **kwargs))
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
    except Exception as error:  # noqa: BLE001 - the one place unexpected errors are caught
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
        _error_lines([f"internal error: {type(error).__name__}: {error}",
                      "This is a bug; please report it (set USASHOES_DEBUG=1 for a traceback)."])
        return ExitCode.FAILURE


_WRITE_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _is_click_usage(error: Exception) -> bool:
    # typer bundles its own Click; its exceptions are recognised by shape, not by import.
    return hasattr(error, "format_message") and hasattr(error, "exit_code") and hasattr(error, "show")


def _error_lines(lines: list[str], prefix: bool = True) -> None:
    """Messages to stderr; a closed or full stderr loses the message but never the exit code."""
    from .formatting import message_line, to_ascii

    stream = sys.stderr
    ascii_only = "utf" not in (getattr(stream, "encoding", None) or "utf-8").lower()
    text = ""
    for line in lines:
        line = message_line(line)
        text += f"{'usashoes: ' if prefix else ''}{to_ascii(line) if ascii_only else line}\n"
    try:
        from .render import write_text

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
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    add_completion=True,
)
catalog_app = typer.Typer(cls=_Group, help="Check and describe a catalog file.",
                          context_settings={"help_option_names": ["-h", "--help"]})
app.add_typer(catalog_app, name="catalog")


class State:
    catalog_path: Optional[str] = None
    use_cache: bool = True


def _load() -> catalog_module.Catalog:
    return catalog_module.load(State.catalog_path, use_cache=State.use_cache)


def _version(value: bool) -> None:
    if value:
        from .render import write_lines

        if sys.stdout is None:
            raise OutputClosed()
        write_lines([f"usashoes {__version__}"], sys.stdout)
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    catalog: Annotated[Optional[str], typer.Option(
        "--catalog", metavar="PATH", envvar=None,
        help="Catalog file to use. Wins over $USASHOES_CATALOG; the default is the bundled catalog.")] = None,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Parse the catalog even if a cached copy is up to date (also $USASHOES_NO_CACHE=1).")] = False,
    version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    State.catalog_path = catalog
    State.use_cache = not no_cache
    if ctx.invoked_subcommand is None:
        from .render import write_lines

        if sys.stdout is None:
            raise OutputClosed()
        write_lines([ctx.get_help()], sys.stdout)


# --- shared options, declared once -----------------------------------------------------------
def _origin_values(values: Optional[list[str]]) -> Optional[list[str]]:
    allowed = query.origin_choices()
    chosen = []
    for value in values or ():
        # Case-insensitive, like every other choice option.
        if value.strip().lower() not in allowed:
            raise typer.BadParameter(f"{_short(value)!r} is not one of {', '.join(allowed)}")
        chosen.append(value.strip().lower())
    return chosen if values is not None else None


def _short(text: str) -> str:
    from .formatting import short

    return short(text)


def _usage_errors(parse: Any) -> Any:
    """A typer parser from a domain parser: its ValueError becomes a usage error (exit 2)."""

    def parser(value: Optional[str]) -> Optional[float]:
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    return parser


_weight_value = _usage_errors(query.parse_weight)
_price_value = _usage_errors(query.parse_price)


OriginOpt = Annotated[Optional[list[str]], typer.Option(
    "--origin", metavar="ORIGIN", callback=_origin_values, rich_help_panel=FILTERS,
    help="made-in-usa, assembled-in-usa, imported, or unknown. Repeat to match any.")]
BrandOpt = Annotated[Optional[str], typer.Option(
    "--brand", rich_help_panel=FILTERS, help="Brand, case-insensitive; a prefix or 'nb' works.")]
ActivityOpt = Annotated[Optional[list[Activity]], typer.Option(
    "--activity", rich_help_panel=FILTERS, help="Repeat to match any.", case_sensitive=False)]
SupportOpt = Annotated[Optional[Support], typer.Option("--support", rich_help_panel=FILTERS, case_sensitive=False)]
StatusOpt = Annotated[Optional[Status], typer.Option("--status", rich_help_panel=FILTERS, case_sensitive=False)]
MinWeightOpt = Annotated[Optional[float], typer.Option(
    "--min-weight", metavar="WEIGHT", parser=_weight_value, rich_help_panel=FILTERS,
    help="13.5, 13.5oz or 380g (a bare number is ounces). Models of unknown weight are left out.")]
MaxWeightOpt = Annotated[Optional[float], typer.Option(
    "--max-weight", metavar="WEIGHT", parser=_weight_value, rich_help_panel=FILTERS,
    help="As --min-weight. A weight known only as a lower bound never passes a maximum.")]
MinPriceOpt = Annotated[Optional[float], typer.Option(
    "--min-price", metavar="USD", parser=_price_value, rich_help_panel=FILTERS,
    help="MSRP in US dollars. Models of unknown price are left out.")]
MaxPriceOpt = Annotated[Optional[float], typer.Option(
    "--max-price", metavar="USD", parser=_price_value, rich_help_panel=FILTERS,
    help="MSRP in US dollars. Models of unknown price are left out.")]
ReverseOpt = Annotated[bool, typer.Option("--reverse", rich_help_panel=FILTERS,
                                          help="Reverse the order (unknown values still sort last).")]
LimitOpt = Annotated[Optional[int], typer.Option("--limit", min=1, rich_help_panel=FILTERS,
                                                 help="Show at most this many models.")]
FormatOpt = Annotated[Optional[Format], typer.Option(
    "--format", "-f", rich_help_panel=OUTPUT, case_sensitive=False,
    help="Default: table on a terminal, tab-separated lines in a pipe.")]
DocFormatOpt = Annotated[Optional[DocFormat], typer.Option(
    "--format", "-f", rich_help_panel=OUTPUT, case_sensitive=False,
    help="Default: table on a terminal, plain lines in a pipe.")]
JsonOpt = Annotated[bool, typer.Option("--json", rich_help_panel=OUTPUT, help="Same as --format json.")]


def _filters(origin: Optional[list[str]], brand: Optional[str], activity: Optional[list[Activity]],
             support: Optional[Support], status: Optional[Status], min_weight: Optional[float],
             max_weight: Optional[float], min_price: Optional[float], max_price: Optional[float]) -> query.Filters:
    return query.Filters(
        origins=frozenset(origin or ()), brand=brand, activities=frozenset(activity or ()),
        support=support, status=status, min_grams=min_weight, max_grams=max_weight,
        min_usd=min_price, max_usd=max_price,
    )


def _emit(result: object, output_format: Any, as_json: bool) -> None:
    from . import render

    render.emit(result, render.choose(output_format, as_json))


# --- list / filter ---------------------------------------------------------------------------
LIST_HELP = """List catalog models, filtered and sorted.

Examples:

  usashoes list --origin made-in-usa

  usashoes list --activity walking --max-price 200 --json

  usashoes filter --max-weight 14oz --sort weight
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
    sort: Annotated[query.SortKey, typer.Option("--sort", rich_help_panel=FILTERS, case_sensitive=False,
                                                help="Unknown weights, prices and years sort last.")] = query.SortKey.NAME,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
    output_format: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    from . import render
    from .render import ShoeList

    filters = _filters(origin, brand, activity, support, status, min_weight, max_weight, min_price, max_price)
    loaded = _load()
    shoes = query.select(loaded.shoes, filters, sort, reverse, limit, name_ordered=loaded.name_ordered)
    chosen = render.choose(output_format, as_json)
    # Ready-made JSON records (from the cache) cost ~2.6 us per catalog entry to unpack and
    # save ~13 us per record shown: worth it once a listing shows a fifth of the catalog.
    wide = len(shoes) * 5 > len(loaded.shoes)
    encoded = loaded.encoded_by_id if chosen in ("json", "jsonl") and wide else None
    render.emit(ShoeList(tuple(shoes), encoded=encoded), chosen)


app.command("list", help=LIST_HELP)(list_models)
app.command("filter", help=LIST_HELP.replace("List catalog models", "Same as 'list'. List catalog models"))(list_models)


# --- search ----------------------------------------------------------------------------------
@app.command()
def search(
    text: Annotated[str, typer.Argument(metavar="QUERY", help="What people call the shoe: 'nb 990 v5', 'M992GR', 'speedfactory nyc'.")],
    origin: OriginOpt = None,
    brand: BrandOpt = None,
    activity: ActivityOpt = None,
    support: SupportOpt = None,
    status: StatusOpt = None,
    min_weight: MinWeightOpt = None,
    max_weight: MaxWeightOpt = None,
    min_price: MinPriceOpt = None,
    max_price: MaxPriceOpt = None,
    sort: Annotated[Optional[query.SortKey], typer.Option(
        "--sort", rich_help_panel=FILTERS, case_sensitive=False,
        help="Default: best match first.")] = None,
    reverse: ReverseOpt = False,
    limit: LimitOpt = None,
    output_format: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Find models by name, number, alias or style code, typos forgiven; best match first.

    Examples:

      usashoes search "new balnce 993"

      usashoes search M992GR --json
    """
    from .matching import Matcher
    from .render import ShoeList

    filters = _filters(origin, brand, activity, support, status, min_weight, max_weight, min_price, max_price)
    hits = [hit for hit in Matcher(_load().shoes).search(text) if filters.accepts(hit.shoe)]
    if sort is not None:
        score_of = {hit.shoe.id: hit.score for hit in hits}
        ordered = query.sort([hit.shoe for hit in hits], sort, reverse)
        hits_sorted = [(shoe, score_of[shoe.id]) for shoe in ordered]
    else:
        hits_sorted = [(hit.shoe, hit.score) for hit in (reversed(hits) if reverse else hits)]
    hits_sorted = hits_sorted[:limit] if limit else hits_sorted
    if not hits_sorted:
        _error_lines([f"no model matches {_short(text)!r}"])
    _emit(ShoeList(tuple(s for s, _ in hits_sorted), tuple(score for _, score in hits_sorted)),
          output_format, as_json)


# --- show ------------------------------------------------------------------------------------
@app.command()
def show(
    model: Annotated[str, typer.Argument(metavar="MODEL", help="Id, name+version, alias or style code.")],
    output_format: FormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every field of one model, with its sources.

    Examples:

      usashoes show 990v5

      usashoes show "New Balance 993" --json
    """
    from .matching import Matcher
    from .render import ShoeDetail

    shoe = Matcher(_load().shoes).resolve(model)
    _emit(ShoeDetail(shoe), output_format, as_json)


# --- compare ---------------------------------------------------------------------------------
@app.command()
def compare(
    models: Annotated[list[str], typer.Argument(metavar="MODEL...", help="Two to six models.")],
    only_diff: Annotated[bool, typer.Option("--only-diff", help="Hide the rows where all models agree.")] = False,
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
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
        raise UsageProblem(f"compare takes {compare_module.MIN_MODELS} to {compare_module.MAX_MODELS} models, got {len(models)}")
    matcher = Matcher(_load().shoes)
    comparison = compare_module.compare([matcher.resolve(model) for model in models])
    _emit(comparison.only_differences() if only_diff else comparison, output_format, as_json)


# --- explain ---------------------------------------------------------------------------------
@app.command()
def explain(
    topic: Annotated[Optional[str], typer.Argument(metavar="TOPIC", help="A rule: ftc, assembled, nb-70, california, customs, berry, canada, eu, uk, australia ...")] = None,
    model: Annotated[Optional[str], typer.Option("--model", metavar="MODEL", help="How this model's label sits against the rules.")] = None,
    label: Annotated[Optional[str], typer.Option("--label", metavar="TEXT", help="Classify wording read on a tag or box.")] = None,
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What a "Made in USA" label really means: the rules, one rule in full, a model, or a wording.

    Examples:

      usashoes explain

      usashoes explain california

      usashoes explain --model 990v6

      usashoes explain --label "Made in USA of imported materials"
    """
    from . import rules
    from .errors import UsageProblem
    from .render import LabelExplanation, ModelExplanation, RuleDetail, RulesOverview

    if sum(value is not None for value in (topic, model, label)) > 1:
        raise UsageProblem("give one of TOPIC, --model or --label")
    result: object
    if model is not None:
        from .assessment import assess_model
        from .matching import Matcher

        shoe = Matcher(_load().shoes).resolve(model)
        result = ModelExplanation(shoe, assess_model(shoe))
    elif label is not None:
        from .labels import classify_label

        result = LabelExplanation(classify_label(label))
    elif topic is not None:
        result = RuleDetail(rules.find_rule(topic))
    else:
        result = RulesOverview(rules.RULES)
    _emit(result, output_format, as_json)


# --- catalog ---------------------------------------------------------------------------------
@catalog_app.command("validate")
def catalog_validate(
    path: Annotated[Optional[str], typer.Argument(metavar="PATH", help="Default: the catalog in use.")] = None,
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Report every problem in a catalog as file:line:col: message; exit 5 if there are any.

    Examples:

      usashoes catalog validate my-shoes.yaml

      usashoes catalog validate --json
    """
    from pathlib import Path

    from .render import ValidationReport

    if path == "":
        # An unset variable in a CI gate (`catalog validate "$FILE"`) must not validate the bundled catalog.
        raise UsageProblem("the catalog path is empty; give a file name")
    chosen = Path(path) if path is not None else catalog_module.choose_path(State.catalog_path)
    shoes, problems, warnings = catalog_module.check(chosen)
    report = ValidationReport(str(chosen), tuple(problems), None if problems else len(shoes), tuple(warnings))
    from . import render

    chosen_format = render.choose(output_format, as_json)
    if chosen_format in ("lines", "table"):
        # Problems and warnings are messages: stderr, one per line; stdout stays clean.
        _error_lines([str(problem) for problem in (*problems, *warnings)], prefix=False)
    if not (problems and chosen_format in ("lines", "table")):
        render.emit(report, chosen_format)
    if problems:
        raise typer.Exit(ExitCode.CATALOG_INVALID)


@catalog_app.command("info")
def catalog_info(
    output_format: DocFormatOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The catalog in use: path, model count, counts by origin and brand, newest as-of date.

    Examples:

      usashoes catalog info

      usashoes --catalog my-shoes.yaml catalog info --json
    """
    from .render import CatalogInfo

    loaded = _load()
    by_origin = Counter(str(shoe.origin) if shoe.origin else query.UNKNOWN_ORIGIN for shoe in loaded.shoes)
    by_brand = Counter(shoe.brand for shoe in loaded.shoes)
    as_of = [shoe.status_as_of for shoe in loaded.shoes if shoe.status_as_of]
    info = CatalogInfo(
        path=loaded.path,
        model_count=len(loaded.shoes),
        by_origin={name: by_origin.get(name, 0) for name in query.origin_choices()},
        by_brand=dict(sorted(by_brand.items(), key=lambda item: (-item[1], item[0].casefold()))),
        newest_as_of=max(as_of) if as_of else None,
    )
    _emit(info, output_format, as_json)
