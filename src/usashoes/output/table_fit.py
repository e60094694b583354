"""The Rich pieces every table is made of: cells, and grids measured to fit a width.

table.py draws lists, details and the catalog's tables; table_choice.py draws compare's and
recommend's. Both build on this module, so neither imports the other at load time.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple

from rich.console import Console, Group
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..models import Shoe
from . import human as fmt


def t(value: str, style: str = "") -> Text:
    return Text(fmt.clean(value), style=style)


class Column(NamedTuple):
    header: str
    justify: Literal["left", "right"] = "left"
    style: str = ""
    header_on_one_line: bool = True  # a short header ("Weight at M9") reads badly wrapped
    cells_on_one_line: bool = False  # short values ("10 mm") read badly wrapped too


def _measurer(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, markup=False, emoji=False, highlight=False, legacy_windows=False)


def fitted(columns: Sequence[Column], rows: Sequence[Sequence[Text]], width: int, **table_options: Any) -> Table | None:
    """The grid as a Rich table no wider than `width` with no word split, or None when it cannot be."""
    measurer = _measurer(width)
    options = measurer.options.update_width(10_000)  # unclamped: a word longer than the width must show as such
    show_header = table_options.get("show_header", True)
    low: list[int] = []
    high: list[int] = []
    for index, column in enumerate(columns):
        cells = [*([Text(column.header)] if show_header else []), *(row[index] for row in rows)]
        sizes = [Measurement.get(measurer, options, cell) for cell in cells] or [Measurement(1, 1)]
        if show_header and column.header_on_one_line:
            sizes[0] = Measurement(sizes[0].maximum, sizes[0].maximum)
        if column.cells_on_one_line:
            sizes = [Measurement(size.maximum, size.maximum) for size in sizes]
        low.append(max(1, *(size.minimum for size in sizes)))
        high.append(max(1, *(size.maximum for size in sizes)))
    table = _grid(columns, low, **table_options)
    # The padding and rules between columns, as Rich counts them for this box and these options.
    overhead = Measurement.get(measurer, options, table).maximum - sum(low)
    available = width - overhead
    if sum(low) > available:
        return None
    table = _grid(columns, _share(low, high, available), **table_options)
    for row in rows:
        table.add_row(*row)
    return table


def _grid(columns: Sequence[Column], widths: Sequence[int], **table_options: Any) -> Table:
    # Between columns: the box's divider and one space (Rich's default pads both sides: 3
    # columns a gap, and a column more per gap is what an 80-column compact list lacked).
    padding = (0, 1, 0, 0) if table_options.get("box") is not None else (0, 1)
    table = Table(**{"show_edge": False, "pad_edge": False, "padding": padding, **table_options})
    for column, column_width in zip(columns, widths, strict=True):
        table.add_column(
            Text(column.header), justify=column.justify, style=column.style, width=column_width, overflow="fold"
        )
    return table


def _share(low: Sequence[int], high: Sequence[int], available: int) -> list[int]:
    """Widths from each column's least (its longest word) up to its most (its longest line):
    the columns that want least get all they want first, the rest share what is left evenly."""
    widths = list(low)
    spare = available - sum(low)
    wanting = sorted(range(len(low)), key=lambda index: high[index] - low[index])
    for left, index in zip(range(len(wanting), 0, -1), wanting, strict=True):
        give = min(high[index] - low[index], spare // left)
        widths[index] += give
        spare -= give
    return widths


def height(table: Table, rows: Sequence[Sequence[Text]]) -> int:
    """The lines a fitted table's rows take, word-wrapped as Rich wraps them (cheaper than drawing it)."""
    widths = [column.width or 1 for column in table.columns]
    return sum(max(_wrapped(cell.plain, width) for cell, width in zip(row, widths, strict=True)) for row in rows)


def _wrapped(text: str, width: int) -> int:
    lines = 0
    for line in text.split("\n"):
        used = -1
        lines += 1
        for word in line.split():
            if used >= 0 and used + 1 + len(word) > width:
                lines, used = lines + 1, len(word)
            else:
                used += 1 + len(word)
    return lines


def stacked(pairs: Sequence[tuple[str, Text]]) -> Group:
    """The layout that always fits: each field on its own line, its value indented below it."""
    parts: list[Any] = []
    for name, value in pairs:
        if name:
            parts += [Text(fmt.clean(name), style="bold"), Padding(value, (0, 0, 0, 2))]
        else:
            parts.append(Text(""))
    return Group(*parts)


def key_values(pairs: Sequence[tuple[str, Text]], width: int, table_box: Any = None) -> Any:
    """Field and value side by side when that fits the width, else stacked."""
    rows = [(t(name), value) for name, value in pairs]
    grid = fitted([Column("Field", style="bold"), Column("Value")], rows, width, box=table_box, show_header=False)
    return grid if grid is not None else stacked(pairs)


def model_cell(shoe: Shoe) -> Text:
    cell = Text(fmt.clean(shoe.display_name), style="bold")
    cell.append("\n" + fmt.clean(shoe.id), style="dim")
    return cell
