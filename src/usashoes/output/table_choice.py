"""Rich tables for choosing a shoe: compare side by side, and recommend's picks and near misses.

Loaded only by those two commands (table.BUILDERS imports it when one is drawn); the shared
pieces (console, cleaned Text, the model cell) are table.py's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from . import human as fmt
from .lines import more_text, pick_weight
from .table_fit import Column, fitted, key_values, model_cell, t
from .wording import (
    advice_text,
    check_text,
    compare_caveat,
    differs,
    needs_pairs,
    pick_reasons,
    recommend_caveat,
    row_cells,
    row_label,
    unknowns,
)

if TYPE_CHECKING:
    from ..compare import Comparison, Mark
    from ..recommend import Recommendation


def comparison(result: Comparison, table_box: box.Box, width: int) -> Group:
    """The models side by side when that fits the width with no word split, else one card each."""
    notes = [t(compare_caveat(caveat), "dim") for caveat in result.caveats]
    rows = [
        [
            t(row_label(row, result.size)),
            *(_marked(value, mark) for value, mark in zip(row_cells(row, result.today), row.marks, strict=True)),
        ]
        for row in result.rows
    ]
    columns = [
        Column("Field", style="bold"),
        *(Column(f"{shoe.display_name}\n{shoe.id}", header_on_one_line=False) for shoe in result.shoes),
    ]
    table = fitted(columns, rows, width, box=table_box)
    if table is None:
        return Group(*_comparison_cards(result, width), *notes)
    for index, shoe in enumerate(result.shoes, 1):  # the header: the name over the id
        header = Text(fmt.clean(shoe.display_name), style="bold")
        header.append("\n" + fmt.clean(shoe.id), style="dim")
        table.columns[index].header = header
    return Group(table, *notes)


def _marked(value: str, mark: Mark) -> Text:
    cell = t(value)
    if mark.value:
        cell.append(f" ({mark.value})", style="bold green")
    return cell


def _comparison_cards(result: Comparison, width: int) -> list[Any]:
    """Too narrow for columns side by side: one block per model, the same rows in each."""
    cards: list[Any] = []
    rows = [(row_label(row, result.size), row_cells(row, result.today), row.marks) for row in result.rows]
    for index, shoe in enumerate(result.shoes):
        pairs = [("ID", t(shoe.id)), *((label, _marked(cells[index], marks[index])) for label, cells, marks in rows)]
        cards += [Text(fmt.clean(shoe.display_name), style="bold"), key_values(pairs, width), Text("")]
    return cards


RECOMMEND_NARROW = 110  # below this the picks grid splits ids and words: two lines per pick instead


def recommendation(result: Recommendation, table_box: box.Box, width: int) -> Group:
    from .wording import band, bottom_line, closing_notes

    parts: list[Any] = [t(bottom_line(result), "bold")]
    parts.append(t("Needs: " + "; ".join(f"{need} {value}" for need, value in needs_pairs(result))))
    shown = [pick.shoe for pick in result.picks] + [miss.shoe for miss in result.near_misses]
    longest_id = max([12, *(len(shoe.id) for shoe in shown)])
    if width < RECOMMEND_NARROW + longest_id - 12:
        parts += _recommendation_compact(result)
    elif result.picks:
        titles = {
            "confirmed": "Confirmed: every need met as the catalog knows it",
            "unverified": "Unverified: no need missed, but some not on file",
        }
        titled = {band(pick) for pick in result.picks}
        title = " / ".join(titles[name] for name in ("confirmed", "unverified") if name in titled)
        picks = Table(
            box=table_box, show_edge=False, pad_edge=False, title=Text(title, style="bold"), title_justify="left"
        )
        picks.add_column("#", justify="right", no_wrap=True)
        picks.add_column("Band", no_wrap=True)
        picks.add_column("Model", overflow="fold", min_width=longest_id)  # an id is never split
        picks.add_column("Origin", overflow="fold", min_width=10)
        picks.add_column("MSRP", overflow="fold")
        picks.add_column("Weight", overflow="fold")
        picks.add_column("Why it fits", overflow="fold", ratio=3)
        picks.add_column("Not known", overflow="fold", ratio=2)
        if result.like is not None:
            picks.add_column("Differs", overflow="fold", ratio=3)
        for rank, pick in enumerate(result.picks, 1):
            row = [
                t(str(rank)),
                t(band(pick)),
                model_cell(pick.shoe),
                t(fmt.text(pick.shoe.origin)),
                t(fmt.price(pick.shoe.msrp)),
                t(pick_weight(pick.shoe, result.size)),
                t("\n".join(pick_reasons(pick)) or fmt.UNKNOWN),
                t("\n".join(unknowns(pick)) or "-"),
            ]
            if result.like is not None:
                row.append(t("\n".join(differs(pick)) or "-"))
            picks.add_row(*row)
        parts += [t(""), picks]
    if result.near_misses and width >= RECOMMEND_NARROW + longest_id - 12:
        near = Table(
            box=table_box,
            show_edge=False,
            pad_edge=False,
            title=Text("Near misses (one need missed)", style="bold"),
            title_justify="left",
        )
        near.add_column("Model", overflow="fold", min_width=longest_id)  # an id is never split
        near.add_column("Missed", overflow="fold")
        near.add_column("By how much", overflow="fold", ratio=3)
        near.add_column("Not known", overflow="fold", ratio=2)
        for miss in result.near_misses:
            near.add_row(
                model_cell(miss.shoe), t(str(miss.need)), t(check_text(miss.miss)), t("\n".join(unknowns(miss)) or "-")
            )
        parts += [t(""), near]
    if advice := advice_text(result):
        parts += [t(""), t(advice, "bold")]
    if more := more_text(result):
        parts += [t(""), t(more)]
    if result.caveats:
        parts += [t(""), *(t(recommend_caveat(caveat), "dim") for caveat in result.caveats)]
    parts += [*([] if result.caveats else [t("")]), *(t(note) for note in closing_notes(result))]
    return Group(*parts)


def _recommendation_compact(result: Recommendation) -> list[Any]:
    """Below the grid's width: two lines per pick and one per near miss, so that a default
    answer fits one 80x24 screen; every value whole (Rich wraps between words)."""
    from .wording import band

    parts: list[Any] = [t("")]
    for rank, pick in enumerate(result.picks, 1):
        shoe = pick.shoe
        facts = ", ".join([fmt.text(shoe.origin), fmt.price(shoe.msrp), pick_weight(shoe, result.size)])
        # The id stands alone between spaces: a terminal's double-click copies it whole.
        parts.append(t(f"{rank}. {shoe.id} = {fmt.clean(shoe.display_name)}: {band(pick)}; {facts}", "bold"))
        detail = []
        if pick.unknowns:
            detail.append("to check: " + ", ".join(unknowns(pick)))
        if result.like is not None:
            detail.append("differs: " + ("; ".join(differs(pick)) or "-"))
        if detail:
            parts.append(Padding(t("; ".join(detail)), (0, 0, 0, 3)))
    for miss in result.near_misses:
        parts.append(
            t(f"Near miss: {miss.shoe.id} = {fmt.clean(miss.shoe.display_name)}, {miss.need}: {check_text(miss.miss)}")
        )
    return parts
