"""Rich tables for people. With table_choice.py (compare, recommend), the only modules that
import rich; loaded only to draw a table.

Catalog text reaches Rich only as Text objects (never as markup strings), after clean()
has made control characters visible, so a name like "[bold red]x[/]" prints as written.
"""

from __future__ import annotations

from collections.abc import Callable
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


def t(value: str, style: str = "") -> Text:
    return Text(fmt.clean(value), style=style)


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
    overview = _rules_table(result, table_box) if width >= RULES_TABLE_WIDTH else _rules_cards(result)
    return Group(overview, t(""), t(fmt.NOT_LEGAL_ADVICE, "dim"))


def _prose(result: object, table_box: Any, width: int) -> Any:
    """One rule, a model or a label: prose reads best as wrapped text, not a grid."""
    return Group(*(t(line) for line in explain_lines(result)), t(""), t(fmt.NOT_LEGAL_ADVICE, "dim"))


RULES_TABLE_WIDTH = 140  # narrower, the five columns cut words with "…": one wrapped block per rule


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


def _rules_table(result: RulesOverview, table_box: box.Box) -> Table:
    table = Table(box=table_box, show_edge=False, pad_edge=False)
    table.add_column("Topic", style="bold", no_wrap=True)
    table.add_column("Label or scheme", ratio=2, overflow="fold")
    table.add_column("Set by", ratio=2, overflow="fold")
    table.add_column("Threshold", ratio=2, overflow="fold")
    table.add_column("Meaning", ratio=4, overflow="fold")
    for rule in result.rules:
        table.add_row(t(rule.id), t(rule.label), t(rule.set_by), t(rule.threshold), t(rule.summary))
    return table


NARROW = 90  # below this many columns the grid would drop or mangle columns: use cards


def _estimate_cell(shoe: Shoe, size: Size) -> str:
    at = weight_at(shoe.weight, size)
    if at is None:
        return fmt.UNKNOWN
    if at.estimated:
        return f"≈ {'> ' if at.at_least else ''}{fmt.number(at.ounces)} oz est."
    return "same size" if at.comparable else "size?"


def model_cell(shoe: Shoe) -> Text:
    cell = Text(fmt.clean(shoe.display_name), style="bold")
    cell.append("\n" + fmt.clean(shoe.id), style="dim")
    return cell


def _weight_parts(shoe: Shoe) -> tuple[str, str]:
    if shoe.weight is None:
        return fmt.UNKNOWN, fmt.UNKNOWN
    bound = "> " if shoe.weight.at_least else ""
    return bound + fmt.number(shoe.weight.ounces), bound + fmt.number(shoe.weight.grams, 0)


def _shoe_table(result: ShoeList, table_box: box.Box, width: int) -> Table:
    scores = result.scores or (None,) * len(result.shoes)
    today = freshness.today()
    longest_id = max([12, *(len(shoe.id) for shoe in result.shoes)])
    if width < NARROW + longest_id - 12:
        # One card per model: every value whole, nothing cut, even at 40 columns.
        cards = Table(box=None, show_header=False, pad_edge=False, show_edge=False)
        cards.add_column("Field", style="bold", no_wrap=True)
        cards.add_column("Value", overflow="fold")
        for index, (shoe, score) in enumerate(zip(result.shoes, scores, strict=True)):
            if index:
                cards.add_row("", "")
            for name, value in shoe_cells(shoe, score, today, result.size):
                cards.add_row(t(name), t(value, "bold" if name == "ID" else ""))
        return cards
    # The id sits under the model name (scripts use the lines or JSON formats); numbers
    # never wrap, text columns fold rather than truncate: no value ends in an ellipsis.
    table = Table(box=table_box, show_edge=False, pad_edge=False)
    table.add_column("Model", overflow="fold", min_width=longest_id)  # an id is never split
    table.add_column("Origin", overflow="fold", min_width=11)
    table.add_column("oz", justify="right", no_wrap=True)
    table.add_column("g", justify="right", no_wrap=True)
    table.add_column(f"at {result.size.short}", justify="right", overflow="fold")
    table.add_column("MSRP", justify="right", no_wrap=True)
    table.add_column("Activities", overflow="fold")
    table.add_column("Status", overflow="fold", min_width=8)
    if result.scores is not None:
        table.add_column("Score", justify="right", no_wrap=True)
    for shoe, score in zip(result.shoes, scores, strict=True):
        ounces, grams = _weight_parts(shoe)
        # No drop column: at 80 to 100 columns it squeezed the text columns into slivers;
        # cards (below the narrow width), show, compare and every machine format carry the drop.
        row = [
            model_cell(shoe),
            t(fmt.text(shoe.origin)),
            t(ounces),
            t(grams),
            t(_estimate_cell(shoe, result.size)),
            t(_two_lines(fmt.price(shoe.msrp, today))),
            t(fmt.text(tuple(map(str, shoe.activities)))),
            t(_two_lines(fmt.status(shoe, today).replace("(as of ", "("))),
        ]
        if score is not None:
            row.append(t(fmt.number(score)))
        table.add_row(*row)
    return table


def _two_lines(text: str) -> str:
    """'$170 (2020, stale)' -> '$170' over '(2020, stale)': narrow columns, nothing cut."""
    return text.replace(" (", "\n(", 1)


def _detail_table(result: ShoeDetail, table_box: box.Box) -> Any:
    shoe = result.shoe
    table = Table(
        box=table_box,
        show_edge=False,
        pad_edge=False,
        show_header=False,
        title=Text(fmt.clean(shoe.display_name), style="bold"),
    )
    table.add_column("Field", style="bold", no_wrap=True)
    table.add_column("Value", overflow="fold")
    links: list[Text] = []
    for name, value in detail_fields(shoe, result.size, overlay=result.overlay):
        if name in ("product_url", "source") and value.startswith(("http://", "https://")):
            links.append(_link_line(name, value))  # below the table, where nothing can split them
            continue
        table.add_row(t(name), t(value))
    return Group(table, *links) if links else table


def _link_line(name: str, value: str) -> Text:
    """'source: https://... (fields)', the URL a terminal hyperlink (OSC 8), never wrapped inside.

    Catalog URLs were validated as http(s) and cleaned; they are still data, never markup.
    """
    url, _, rest = fmt.clean(value).partition(" ")
    line = Text(no_wrap=True, overflow="ignore")
    line.append(f"{name}: ", style="bold")
    line.append(url, style=Style(link=url))
    if rest:
        line.append(" " + rest)
    return line


def _info(result: CatalogInfo, table_box: box.Box) -> Group:
    summary = Table(box=table_box, show_edge=False, pad_edge=False, show_header=False)
    summary.add_column("Field", style="bold", no_wrap=True)
    summary.add_column("Value", overflow="fold")
    summary.add_row(t("Catalog"), t(result.path))
    summary.add_row(t("Models"), t(str(result.model_count)))
    summary.add_row(t("Newest as-of"), t(result.newest_as_of or fmt.UNKNOWN))
    counts = Table(box=table_box, show_edge=False, pad_edge=False)
    counts.add_column("Origin / brand", overflow="fold")
    counts.add_column("Models", justify="right", no_wrap=True)
    for name, count in result.by_origin.items():
        counts.add_row(t(f"origin: {name}"), t(str(count)))
    for name, count in result.by_brand.items():
        counts.add_row(t(f"brand: {name}"), t(str(count)))
    parts: list[Any] = [summary, Text(""), counts]
    f = result.freshness
    if f is not None:
        fresh = Table(
            box=table_box,
            show_edge=False,
            pad_edge=False,
            show_header=False,
            title=Text("Freshness", style="bold"),
            title_justify="left",
        )
        fresh.add_column("Field", style="bold", no_wrap=True)
        fresh.add_column("Value", overflow="fold")
        fresh.add_row(t("Today"), t(f"{f.today.isoformat()} (stale = more than {f.stale_after_years} years before)"))
        fresh.add_row(t("Oldest as-of"), t(f.oldest_as_of or fmt.UNKNOWN))
        fresh.add_row(t("Newest as-of"), t(f.newest_as_of or fmt.UNKNOWN))
        fresh.add_row(t("Stale as-of dates"), t(f"{f.stale_as_of} of {f.with_as_of} entries with an as-of date"))
        fresh.add_row(t("Stale prices"), t(f"{f.stale_prices} of {f.prices} entries with a price"))
        parts += [Text(""), fresh]
    if result.coverage is not None:
        cover = Table(
            box=table_box,
            show_edge=False,
            pad_edge=False,
            title=Text("Coverage: entries that know each field", style="bold"),
            title_justify="left",
        )
        cover.add_column("Field", overflow="fold")
        cover.add_column("Known", justify="right", no_wrap=True)
        cover.add_column("%", justify="right", no_wrap=True)
        for name, count in result.coverage.items():
            share = fmt.number(100 * count / result.model_count, 0) if result.model_count else fmt.UNKNOWN
            cover.add_row(t(name), t(f"{count}/{result.model_count}"), t(share))
        parts += [Text(""), cover]
    return Group(*parts)


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
    "ShoeDetail": lambda result, table_box, width: _detail_table(result, table_box),
    "Comparison": lambda result, table_box, width: _choice().comparison(result, table_box, width),
    "Recommendation": lambda result, table_box, width: _choice().recommendation(result, table_box, width),
    "CatalogInfo": lambda result, table_box, width: _info(result, table_box),
    "ValidationReport": _validation,
    "RulesOverview": _rules_overview,
    "RuleDetail": _prose,
    "ModelExplanation": _prose,
    "LabelExplanation": _prose,
}
