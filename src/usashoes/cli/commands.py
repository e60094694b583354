"""The shoe commands' bodies (list, search, show, compare, recommend), free of typer.

Two front ends call them with parsed values: the Typer app (shoes.py declares the options
and their help) and the fast path (fast.py), which answers the common command lines without
importing typer (~40 ms of a 75 ms run). One body per command, so both answer alike.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import needs, query
from ..errors import UsageProblem
from ..models import Activity, Status, Support, Vocabulary
from .exits import error_lines

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..catalog.loader import Catalog
    from ..models import Shoe
    from ..output.results import DocFormat, Format
    from ..records import EncodedRecords
    from ..sizes import Size


@dataclasses.dataclass(frozen=True)
class Settings:
    """The global options (--catalog, --add-catalog, --no-cache)."""

    catalog_path: str | None = None
    add_paths: tuple[str, ...] = ()
    use_cache: bool = True


def load(settings: Settings) -> Catalog:
    from ..catalog import loader

    return loader.load(settings.catalog_path, use_cache=settings.use_cache, add=settings.add_paths)


class FilterOption(NamedTuple):
    """A filter option of list, filter and search, declared once: filters.py makes it a Typer
    option, fast.py reads it without typer, filters_from() puts its value in needs.Needs."""

    param: str  # the parameter: max_weight is --max-weight
    field: str  # the needs.Needs field it sets
    value: type = str  # what the parsed value is (the Typer annotation)
    choices: type[Enum] | None = None  # one of these, in any case
    parse: Callable[[str], object] | None = None  # the value as parsed; a ValueError is a usage error
    check: Callable[[str], object] | None = None  # validated by this, kept as given
    multiple: bool = False  # repeatable: any of them matches
    metavar: str | None = None
    help: str | None = None

    @property
    def flag(self) -> str:
        return "--" + self.param.replace("_", "-")


# --origin, for list, filter, search and recommend: one choice (any case), so a bad value gets the
# same message everywhere and the completion script offers the values without running Python.
OriginChoice = Vocabulary(
    "OriginChoice",
    {
        value.upper().replace("-", "_"): value  # type: ignore[call-overload]
        for value in needs.origin_choices()
    },
)

_UNKNOWN_LEFT_OUT = "Models of unknown {} are left out."

# In --help order.
FILTER_OPTIONS = (
    FilterOption(
        "origin",
        "origins",
        choices=OriginChoice,
        multiple=True,
        help="made-in-usa, assembled-in-usa, imported, or unknown. Repeat to match any.",
    ),
    FilterOption("brand", "brand", check=needs.parse_brand, help="Brand, case-insensitive; a prefix or 'nb' works."),
    FilterOption("activity", "activities", choices=Activity, multiple=True, help="Repeat to match any."),
    FilterOption("support", "support", choices=Support),
    FilterOption("status", "statuses", choices=Status, multiple=True, help="Repeat to match any."),
    FilterOption(
        "min_weight",
        "min_grams",
        float,
        parse=needs.parse_weight,
        metavar="WEIGHT",
        help="13.5, 13.5oz or 380g (a bare number is ounces). " + _UNKNOWN_LEFT_OUT.format("weight"),
    ),
    FilterOption(
        "max_weight",
        "max_grams",
        float,
        parse=needs.parse_weight,
        metavar="WEIGHT",
        help="As --min-weight. A weight known only as a lower bound never passes a maximum.",
    ),
    FilterOption(
        "min_price",
        "min_usd",
        float,
        parse=needs.parse_price,
        metavar="USD",
        help="MSRP in US dollars. " + _UNKNOWN_LEFT_OUT.format("price"),
    ),
    FilterOption(
        "max_price",
        "max_usd",
        float,
        parse=needs.parse_price,
        metavar="USD",
        help="MSRP in US dollars. " + _UNKNOWN_LEFT_OUT.format("price"),
    ),
    FilterOption(
        "width",
        "width",
        parse=needs.parse_width,
        metavar="WIDTH",
        help="A width the model is known to come in, in any line: D, 2E, 4E (or EEEE), B, wide (case-insensitive). "
        "Models whose widths are unknown are left out.",
    ),
    FilterOption(
        "min_drop",
        "min_drop",
        float,
        parse=needs.parse_drop,
        metavar="MM",
        help="Heel-to-toe drop of at least this many mm (8 or 8mm). " + _UNKNOWN_LEFT_OUT.format("drop"),
    ),
    FilterOption(
        "max_drop",
        "max_drop",
        float,
        parse=needs.parse_drop,
        metavar="MM",
        help="Heel-to-toe drop of at most this many mm; --max-drop 0 finds zero-drop shoes. Unknown drop is left out.",
    ),
)


def filters_from(values: dict[str, Any]) -> query.Filters:
    """The filter options' values (by option name, None when not given) as one query.Filters;
    size and hide_imported at their defaults: the command sets those."""
    chosen: dict[str, Any] = {option.field: values.get(option.param) for option in FILTER_OPTIONS}
    # Repeatable: any of them matches. OriginChoice members to the plain strings Needs holds.
    chosen["origins"] = tuple(dict.fromkeys(str(value) for value in chosen["origins"] or ()))
    for field in ("activities", "statuses"):
        chosen[field] = frozenset(chosen[field] or ())
    return query.Filters(needs.Needs(**chosen))


def chosen_size(value: str | None) -> Size:
    """--size, else the size preference ($USASHOES_SIZE, the config file), else men's 9."""
    from ..sizes import DEFAULT_SIZE, parse_size_option

    if value is None:
        from ..config import setting

        value = setting("size").value
    return DEFAULT_SIZE if value is None else parse_size_option(value)


def write_result(
    result: object,
    output_format: Format | DocFormat | None,
    as_json: bool,
    output: str | None = None,
    fields: str | None = None,
    no_pager: bool = False,
    encoded: EncodedRecords | None = None,
) -> None:
    """A result in the format the options choose, to stdout or --output."""
    from ..output import render

    chosen = render.choose(output_format, as_json, fields=fields is not None, path=output)
    names = render.field_names(result, fields, chosen) if fields is not None else None
    if encoded is not None and chosen in ("json", "jsonl") and names is None:
        result = result._replace(encoded=encoded)  # type: ignore[attr-defined]
    render.emit(result, chosen, fields=names, path=output, pager=not no_pager)


def nothing_found(
    shoes: Sequence[Shoe],
    filters: query.Filters,
    output_format: Format | DocFormat | None,
    as_json: bool,
    output: str | None,
    fields: str | None,
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


def list_models(
    settings: Settings,
    filters: query.Filters,
    sort: query.SortKey = query.SortKey.NAME,
    reverse: bool = False,
    limit: int | None = None,
    include_all: bool = False,
    size: str | None = None,
    output_format: Format | DocFormat | None = None,
    as_json: bool = False,
    fields: str | None = None,
    output: str | None = None,
    no_pager: bool = False,
) -> None:
    from ..output.results import ShoeList

    hide_imported = not include_all and query.Origin.IMPORTED.value not in filters.needs.origins
    filters = query.Filters(filters.needs._replace(size=chosen_size(size)), hide_imported)
    loaded = load(settings)
    shoes = query.select(loaded.shoes, filters, sort, reverse, limit)
    if not shoes and nothing_found(loaded.shoes, filters, output_format, as_json, output, fields):
        return
    write_result(
        ShoeList(tuple(shoes), size=filters.size, columns=query.shown_by(filters, sort)),
        output_format,
        as_json,
        output,
        fields,
        no_pager,
        encoded=loaded.records,
    )


def search(
    settings: Settings,
    text: str,
    filters: query.Filters,
    sort: query.SortKey | None = None,
    reverse: bool = False,
    limit: int | None = None,
    size: str | None = None,
    output_format: Format | DocFormat | None = None,
    as_json: bool = False,
    fields: str | None = None,
    output: str | None = None,
    no_pager: bool = False,
) -> None:
    from ..matching import Matcher
    from ..output.human import short
    from ..output.results import ShoeList, alternative_command

    filters = filters._replace(needs=filters.needs._replace(size=chosen_size(size)))
    found = ((hit.shoe, hit.score) for hit in Matcher(load(settings).shoes).search(text))
    hits = query.select_hits(found, filters, sort, reverse, limit)
    if not hits:
        from ..output import render

        error_lines([f"No model matches {short(text)!r}."])
        if render.choose(output_format, as_json, fields=fields is not None, path=output) == "table":
            return  # the message says it all: no empty table header
    write_result(
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


def show(
    settings: Settings,
    model: str,
    size: str | None = None,
    output_format: Format | DocFormat | None = None,
    as_json: bool = False,
    fields: str | None = None,
    output: str | None = None,
    no_pager: bool = False,
) -> None:
    from ..matching import Matcher
    from ..output.results import ShoeDetail

    loaded = load(settings)
    # An exact id wins in the resolver too; found first, it spares decoding a big cached catalog.
    shoe = loaded.find(model) or Matcher(loaded.shoes).resolve(model)
    detail = ShoeDetail(shoe, chosen_size(size), loaded.overlay.get(shoe.id))
    write_result(detail, output_format, as_json, output, fields, no_pager)


def compare(
    settings: Settings,
    models: list[str],
    only_diff: bool = False,
    size: str | None = None,
    output_format: Format | DocFormat | None = None,
    as_json: bool = False,
    output: str | None = None,
    no_pager: bool = False,
) -> None:
    from .. import compare as comparing
    from ..matching import Matcher

    if not comparing.MIN_MODELS <= len(models) <= comparing.MAX_MODELS:
        raise UsageProblem(f"Compare takes {comparing.MIN_MODELS} to {comparing.MAX_MODELS} models, got {len(models)}.")
    loaded = load(settings)
    by_id = [loaded.find(model) for model in models]
    if not all(by_id):  # an exact id wins in the resolver too; all found, no model need be decoded
        matcher = Matcher(loaded.shoes)
        by_id = [shoe or matcher.resolve(model) for shoe, model in zip(by_id, models, strict=True)]
    comparison = comparing.compare([shoe for shoe in by_id if shoe], chosen_size(size))
    write_result(
        comparison.only_differences() if only_diff else comparison, output_format, as_json, output, no_pager=no_pager
    )


def recommend(
    settings: Settings,
    activity: list[Activity] | None = None,
    support: Support | None = None,
    max_price: float | None = None,
    max_weight: float | None = None,
    width: str | None = None,
    max_drop: float | None = None,
    status: list[Status] | None = None,
    any_status: bool = False,
    origin: list[str] | None = None,  # OriginChoice members (str) from typer
    like: str | None = None,
    size: str | None = None,
    limit: int | None = None,
    output_format: Format | DocFormat | None = None,
    as_json: bool = False,
    output: str | None = None,
    no_pager: bool = False,
) -> None:
    from .. import recommend as recommending
    from ..config import setting

    # Preferences ($USASHOES_WIDTH, $USASHOES_ORIGIN, the config file) when the flag is not given;
    # config.py checks them as the flags are checked.
    origins = [str(value) for value in origin] if origin is not None else None  # OriginChoice values
    if origins is None and setting("origin").value is not None:
        origins = list(setting("origin").value)
    if width is None:
        width = setting("width").value
    for value in origins or ():
        if value not in recommending.PICK_ORIGINS:
            raise UsageProblem(
                f"--origin: {value!r} cannot be recommended; use {' or '.join(recommending.PICK_ORIGINS)} "
                "(an imported model is never a pick; try --like MODEL for alternatives to one)."
            )
    if any_status and status:
        raise UsageProblem("Give --status or --any-status, not both.")
    asked = needs.Needs(
        origins=tuple(dict.fromkeys(origins or ())),  # none: recommend's default preference
        activities=frozenset(activity or ()),
        support=support,
        statuses=frozenset() if any_status else frozenset(status or recommending.DEFAULT_STATUSES),
        max_grams=max_weight,
        max_usd=max_price,
        width=width,
        max_drop=max_drop,
        size=chosen_size(size),
        size_given=size is not None or setting("size").value is not None,
    )
    buyable_only = not (any_status or status)  # an explicit --status asks for those statuses
    shoes = load(settings).shoes
    if like is not None:
        from ..like import recommend_like
        from ..matching import Matcher

        reference = Matcher(shoes).resolve(like)
        result = recommend_like(shoes, reference, asked, limit, buyable_only=buyable_only)
    else:
        result = recommending.recommend(shoes, asked, limit, buyable_only=buyable_only)
    write_result(result, output_format, as_json, output, no_pager=no_pager)
