"""Rich tables for people. With table_choice.py (compare, recommend), the only modules that
import rich; loaded only to draw a table.

Catalog text reaches Rich only as Text objects (never as markup strings), after clean()
has made control characters visible, so a name like "[bold red]x[/]" prints as written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TextIO

from rich import box
from rich.console import Console, Group
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .. import freshness
from ..errors import OutputClosed
from ..models import Shoe
from ..sizes import Size, weight_at
from . import human as fmt
from .lines import detail_fields, explain_lines, shoe_cells
from .results import FORMATS, CatalogInfo, RulesOverview, ShoeDetail, ShoeList, ValidationReport, dispatch
from .table_fit import Column, fitted, height, key_values, stacked, t


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich exits 1 here; a reader that stops early (| head -1) is not a failure for us.
        self.quiet = True
        raise OutputClosed()


def console(out: TextIO) -> Console:
    """A console per run, so --color, NO_COLOR, TERM=dumb, COLUMNS and the test runner are honoured."""
    from .terminal import display, rich_color

    ascii_only = "utf" not in (getattr(out, "encoding", None) or "utf-8").lower()
    return _Console(
        file=out,
        highlight=False,  # don't colour numbers and dates inside catalog text
        emoji=False,  # ":shoe:" in a name stays ":shoe:"
        markup=False,
        safe_box=True,
        legacy_windows=False,
        **rich_color(display(), ascii_only),  # type: ignore[arg-type]
    )


MIN_WIDTH = 30  # narrower than this even cards fold values into slivers or drop them


def render(result: object, out: TextIO) -> str:
    """The table as text (written by the caller, which checks every write)."""
    con = console(out)
    ascii_only = "utf" not in (con.encoding or "").lower()
    if con.width < MIN_WIDTH:
        # COLUMNS=0 printed nothing and at 20 columns ids vanished: plain "field: value"
        # lines keep every value whole, whatever the width.
        from .lines import lines_text

        return lines_text(_plain_lines(result), out)
    with con.capture() as captured:
        con.print(build(result, con.width, ascii_only), crop=False)  # links run past the edge, whole
    text = captured.get()
    # An ASCII-only stdout (PYTHONIOENCODING=ascii) cannot encode "—" or "≥": draw, then
    # transliterate, rather than crash on the first non-ASCII character.
    return fmt.to_ascii(text) if ascii_only else text


def _plain_lines(result: object) -> list[str]:
    return dispatch(PLAIN_LINES, result)(result)


def _shoe_list_plain(result: ShoeList) -> list[str]:
    lines: list[str] = []
    scores = result.scores or (None,) * len(result.shoes)
    today = freshness.today()
    for index, (shoe, score) in enumerate(zip(result.shoes, scores, strict=True)):
        lines += [""] if index else []
        lines += [f"{name}: {fmt.one_line(value)}" for name, value in shoe_cells(shoe, score, today, result.size)]
    return lines


def _shoe_detail_plain(result: ShoeDetail) -> list[str]:
    return [
        f"{name}: {fmt.one_line(value)}"
        for name, value in detail_fields(result.shoe, result.size, overlay=result.overlay)
    ]


def _other_plain(result: object) -> list[str]:
    from .lines import to_lines

    return [line.replace("\t", "  ") for line in to_lines(result)]


def build(result: object, width: int, ascii_only: bool = False) -> Any:
    table_box = box.ASCII if ascii_only else box.SIMPLE_HEAD
    return dispatch(BUILDERS, result)(result, table_box, width)


def _validation(result: ValidationReport, table_box: Any, width: int) -> Any:
    return Group(*(t(line) for line in _validation_lines(result)))


def _rules_overview(result: RulesOverview, table_box: Any, width: int) -> Any:
    overview = _rules_table(result, table_box, width) or _rules_cards(result)
    return Group(overview, t(""), t(fmt.NOT_LEGAL_ADVICE, "dim"))


def _prose(result: object, table_box: Any, width: int) -> Any:
    """One rule, a model or a label: prose reads best as wrapped text, not a grid."""
    return Group(*(t(line) for line in explain_lines(result)), t(""), t(fmt.NOT_LEGAL_ADVICE, "dim"))


def _rules_cards(result: RulesOverview) -> Group:
    parts: list[Any] = []
    for index, rule in enumerate(result.rules):
        parts += [t("")] if index else []
        parts.append(t(rule.id, "bold"))
        for name, value in (
            ("Label or scheme", rule.label),
            ("Set by", rule.set_by),
            ("Threshold", rule.threshold),
            ("Meaning", rule.summary),
        ):
            line = Text("  ")
            line.append(f"{name}: ", style="bold")
            line.append(fmt.clean(value))
            parts.append(line)
    return Group(*parts)


def _rules_table(result: RulesOverview, table_box: box.Box, width: int) -> Table | None:
    """The five columns side by side, when they fit with every rule in at most four lines."""
    columns = [Column("Topic", style="bold"), Column("Label or scheme"), Column("Set by"), Column("Threshold")]
    columns.append(Column("Meaning"))
    rows = [[t(rule.id), t(rule.label), t(rule.set_by), t(rule.threshold), t(rule.summary)] for rule in result.rules]
    table = fitted(columns, rows, width, box=table_box)
    return table if table is not None and height(table, rows) <= 4 * len(rows) else None


# --- fitting a grid to the terminal ----------------------------------------------------------
# Rich shrinks a table that is too wide by narrowing its widest columns, below their longest
# word if need be (an id or "assembled-in-usa" split mid-word), and a no_wrap column runs past
# the edge. So the widths are chosen here from Rich's own measurements: every column at least
# its longest word, the spare width shared out, and a layout that cannot fit so is not drawn.


def _estimate_cell(shoe: Shoe, size: Size, grams: bool = False) -> str:
    """The weight at the listing's size, short: '13.7 oz', '≈ 13.1 oz est.', '13.2 oz (size?)'
    (the size it was weighed at is not stated), with '/ 388 g' after the ounces when asked."""
    at = weight_at(shoe.weight, size)
    if at is None:
        return fmt.UNKNOWN
    bound = "> " if at.measured.at_least else ""
    value = f"{bound}{fmt.number(at.ounces)} oz" + (f" / {bound}{fmt.number(at.grams, 0)} g" if grams else "")
    if at.estimated:
        return f"≈ {value} est."
    return value if at.comparable else f"{value} (size?)"


# The columns of a listing, by name: what each shows of a model. "columns" in ShoeList (the
# filters and sort in use) adds any of these to every layout.
def _listing_cells(shoe: Shoe, size: Size, today: date, score: float | None) -> dict[str, Text]:
    return {
        "model": t(shoe.display_name, "bold"),
        "id": t(shoe.id),
        "origin": t(fmt.text(shoe.origin)),
        "weight": t(_estimate_cell(shoe, size)),
        "weight_g": t(_estimate_cell(shoe, size, grams=True)),
        "drop": t(fmt.millimetres(shoe.drop_mm)),
        "price": t(fmt.price(shoe.msrp, today)),
        "activities": t(fmt.text(tuple(map(str, shoe.activities)))),
        "status": t(fmt.status(shoe, today).replace("(as of ", "(")),
        "widths": t(fmt.per_line(shoe.widths)),
        "support": t(fmt.text(shoe.support)),
        "year": t(fmt.text(shoe.release_year)),
        "score": t(fmt.UNKNOWN if score is None else fmt.number(score)),
    }


def _listing_columns(size: Size) -> dict[str, Column]:
    return {
        "model": Column("Model"),
        "id": Column("ID"),
        "origin": Column("Origin"),
        "weight": Column(f"Weight at {size.short}"),
        "weight_g": Column(f"Weight at {size.short}"),
        "drop": Column("Drop", "right", cells_on_one_line=True),
        "price": Column("MSRP"),
        "activities": Column("Activities"),
        "status": Column("Status"),
        "widths": Column("Widths"),
        "support": Column("Support"),
        "year": Column("Released", "right", cells_on_one_line=True),
        "score": Column("Score", "right", cells_on_one_line=True),
    }


# From the fullest layout to the compact one (one row per model: id, origin, weight at the
# size, price with its year); the first that fits, in at most 1.5 lines a model on average (rows
# that wrap are hard to scan: a column less beats every row on two lines), is drawn.
LISTING_LAYOUTS = (
    ("model", "id", "origin", "weight_g", "drop", "price", "activities", "status"),
    ("model", "id", "origin", "weight", "price", "status"),
    ("id", "model", "origin", "weight", "price"),
)
COMPACT_LISTING = ("id", "origin", "weight", "price")
CARD_EXTRAS = {"widths": "Widths", "support": "Support", "year": "Released"}  # the cards' other rows


def _shoe_table(result: ShoeList, table_box: box.Box, width: int) -> Any:
    scores = result.scores or (None,) * len(result.shoes)
    today = freshness.today()
    wanted = tuple(result.columns) + (("score",) if result.scores is not None else ())
    cells = [_listing_cells(shoe, result.size, today, score) for shoe, score in zip(result.shoes, scores, strict=True)]
    headers = _listing_columns(result.size)
    for layout in (*LISTING_LAYOUTS, COMPACT_LISTING):
        names = [*layout, *(name for name in wanted if name not in layout)]
        rows = [[row[name] for name in names] for row in cells]
        table = fitted([headers[name] for name in names], rows, width, box=table_box)
        if table is None:
            continue
        if layout is COMPACT_LISTING or 2 * height(table, rows) <= 3 * len(rows):
            return table
    # One card per model: every value whole, nothing cut, even at 30 columns.
    pairs: list[tuple[str, Text]] = []
    for index, (shoe, score) in enumerate(zip(result.shoes, scores, strict=True)):
        pairs += [("", Text(""))] if index else []
        for name, value in shoe_cells(shoe, score, today, result.size):
            pairs.append((name, t(value, "bold" if name == "ID" else "")))
        pairs += [(label, cells[index][name]) for name, label in CARD_EXTRAS.items() if name in wanted]
    return key_values(pairs, width)


def _detail_table(result: ShoeDetail, table_box: box.Box, width: int) -> Any:
    shoe = result.shoe
    pairs: list[tuple[str, Text]] = []
    links: list[Any] = []
    for name, value in detail_fields(shoe, result.size, overlay=result.overlay):
        if name in ("product_url", "source") and value.startswith(("http://", "https://")):
            links.append(_link_line(name, value, width))  # below the table, where nothing can split them
            continue
        pairs.append((name, t(value)))
    title = Text(fmt.clean(shoe.display_name), style="bold")
    return Group(title, key_values(pairs, width, table_box), *links)


def _link_line(name: str, value: str, width: int) -> Any:
    """'source: https://... (fields)', the URL a terminal hyperlink (OSC 8), never split: it
    moves to a line of its own when the line is too short, and a URL longer than the whole
    line runs past the edge, whole, for the terminal to wrap softly (still one link to click).

    Catalog URLs were validated as http(s) and cleaned; they are still data, never markup.
    """
    url, _, rest = fmt.clean(value).partition(" ")
    label = Text(f"{name}:", style="bold")
    link = Text(url, style=Style(link=url))
    if len(url) < width:
        return Text.assemble(label, " ", link, *((" " + rest,) if rest else ()))
    link.no_wrap, link.overflow = True, "ignore"
    return Group(label, link, *((Text(rest),) if rest else ()))


def _info(result: CatalogInfo, table_box: box.Box, width: int) -> Group:
    summary = [
        ("Catalog", t(result.path)),
        ("In use", t(result.described or fmt.UNKNOWN)),
        ("Models", t(str(result.model_count))),
        ("Newest as-of", t(result.newest_as_of or fmt.UNKNOWN)),
    ]
    counts = [
        *((f"origin: {name}", count) for name, count in result.by_origin.items()),
        *((f"brand: {name}", count) for name, count in result.by_brand.items()),
    ]
    parts: list[Any] = [
        key_values(summary, width, table_box),
        Text(""),
        _grid_or_pairs(
            [Column("Origin / brand"), Column("Models", "right", cells_on_one_line=True)],
            [[t(name), t(str(count))] for name, count in counts],
            width,
            table_box,
        ),
    ]
    f = result.freshness
    if f is not None:
        fresh = [
            ("Today", t(f"{f.today.isoformat()} (stale = more than {f.stale_after_years} years before)")),
            ("Oldest as-of", t(f.oldest_as_of or fmt.UNKNOWN)),
            ("Newest as-of", t(f.newest_as_of or fmt.UNKNOWN)),
            ("Stale as-of dates", t(f"{f.stale_as_of} of {f.with_as_of} entries with an as-of date")),
            ("Stale prices", t(f"{f.stale_prices} of {f.prices} entries with a price")),
        ]
        parts += [Text(""), Text("Freshness", style="bold"), key_values(fresh, width, table_box)]
    if result.coverage is not None:
        rows = []
        for name, count in result.coverage.items():
            share = fmt.number(100 * count / result.model_count, 0) if result.model_count else fmt.UNKNOWN
            rows.append([t(name), t(f"{count}/{result.model_count}"), t(share)])
        cover = [Column("Field"), Column("Known", "right", cells_on_one_line=True), Column("%", "right")]
        parts += [
            Text(""),
            Text("Coverage: entries that know each field", style="bold"),
            _grid_or_pairs(cover, rows, width, table_box),
        ]
    return Group(*parts)


def _grid_or_pairs(columns: Sequence[Column], rows: Sequence[Sequence[Text]], width: int, table_box: Any) -> Any:
    """A grid with a header when it fits, else each row's first cell with the others below it."""
    grid = fitted(columns, rows, width, box=table_box)
    if grid is not None:
        return grid
    return stacked([(row[0].plain, Text(" ").join(row[1:])) for row in rows])


def _validation_lines(result: ValidationReport) -> list[str]:
    if result.problems:
        return [str(problem) for problem in result.problems]
    from .lines import validation_summary

    return [validation_summary(result)]


def _choice() -> Any:
    from . import table_choice  # compare's and recommend's tables: loaded only by those commands

    return table_choice


# Below MIN_WIDTH: cards keep "field: value" per line; everything else is its plain lines.
PLAIN_LINES: dict[str, Callable[[Any], list[str]]] = {
    "ShoeList": _shoe_list_plain,
    "ShoeDetail": _shoe_detail_plain,
    **{name: _other_plain for name in FORMATS if name not in ("ShoeList", "ShoeDetail")},
}

# What draws each result type (by name: compare and recommend load only with their commands).
BUILDERS: dict[str, Callable[[Any, Any, int], Any]] = {
    "ShoeList": _shoe_table,
    "ShoeDetail": _detail_table,
    "Comparison": lambda result, table_box, width: _choice().comparison(result, table_box, width),
    "Recommendation": lambda result, table_box, width: _choice().recommendation(result, table_box, width),
    "CatalogInfo": _info,
    "ValidationReport": _validation,
    "RulesOverview": _rules_overview,
    "RuleDetail": _prose,
    "ModelExplanation": _prose,
    "LabelExplanation": _prose,
}
