"""Rich tables for choosing a shoe: compare side by side, and recommend's picks and near misses.

Loaded only by those two commands (table.BUILDERS imports it when one is drawn); the shared
pieces (console, cleaned Text, the model cell) are table.py's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..models import Shoe
from . import human as fmt
from .lines import more_text, pick_weight
from .table import Column, fitted, key_values, model_cell, t
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


RECOMMEND_NARROW = 110  # below this the six-column picks grid splits ids and words: use cards


def recommendation(result: Recommendation, table_box: box.Box, width: int) -> Group:
    from .wording import band, bottom_line, closing_notes

    parts: list[Any] = [t(bottom_line(result), "bold")]
    parts.append(t("Needs: " + "; ".join(f"{need} {value}" for need, value in needs_pairs(result))))
    shown = [pick.shoe for pick in result.picks] + [miss.shoe for miss in result.near_misses]
    longest_id = max([12, *(len(shoe.id) for shoe in shown)])
    if width < RECOMMEND_NARROW + longest_id - 12:
        parts += _recommendation_cards(result)
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
    parts += [t(""), *(t(note) for note in closing_notes(result))]
    return Group(*parts)


def _recommendation_cards(result: Recommendation) -> list[Any]:
    """Narrow terminals: one card per pick and near miss, every value whole, ids on their own line."""

    def card(shoe: Shoe, rows: list[tuple[str, str]], not_known: tuple[str, ...]) -> list[tuple[str, str]]:
        head = [
            ("ID", shoe.id),
            ("Model", shoe.display_name),
            ("Origin", fmt.text(shoe.origin)),
            ("MSRP", fmt.price(shoe.msrp)),
            ("Weight", pick_weight(shoe, result.size)),
        ]
        return [*head, *rows, ("Not known", "\n".join(not_known) or "-")]

    picks = [
        card(
            pick.shoe,
            [
                (f"#{rank} {'fits' if pick.confirmed else 'unverified'}", "\n".join(pick_reasons(pick)) or fmt.UNKNOWN),
                *([("Differs", "\n".join(differs(pick)) or "-")] if result.like is not None else []),
            ],
            unknowns(pick),
        )
        for rank, pick in enumerate(result.picks, 1)
    ]
    misses = [
        card(miss.shoe, [("Missed", f"{miss.need}: {check_text(miss.miss)}")], unknowns(miss))
        for miss in result.near_misses
    ]
    parts: list[Any] = []
    for title, cards_rows in (("Picks", picks), ("Near misses (one need missed)", misses)):
        if not cards_rows:
            continue
        cards = Table(box=None, show_header=False, pad_edge=False, show_edge=False)
        cards.add_column("Field", style="bold", no_wrap=True)
        cards.add_column("Value", overflow="fold")
        for index, rows in enumerate(cards_rows):
            if index:
                cards.add_row("", "")
            for name, value in rows:
                cards.add_row(t(name), t(value, "bold" if name == "ID" else ""))
        parts += [t(""), t(title, "bold"), cards]
    return parts
