"""The record's flat cells: CSV, and lines with --fields.

The record itself (which fields, in which order, with which values) is the contract in
usashoes.records, derived from the field table.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..records import CSV_FIELDS
from .human import clean, json_inert


def csv_row(record: dict[str, Any], names: tuple[str, ...] = CSV_FIELDS) -> list[str]:
    """Flat cells; control characters made visible, since CSV often lands on a terminal.

    Every cell is also made safe for spreadsheets (csv_safe)."""
    return [csv_safe(flat_cell(record[name])) for name in names]


def flat_cell(value: Any) -> str:
    """One value as the text of a flat cell (CSV, and lines with --fields)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return _csv_list(value)
    if isinstance(value, dict):
        return json_inert(json.dumps(value, ensure_ascii=False)) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return clean(str(value))


# OWASP "CSV Injection": a spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_safe(cell: str) -> str:
    """A cell a spreadsheet cannot run: a leading ' before =, +, -, @, tab or CR; plain numbers kept."""
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _csv_list(items: list[Any]) -> str:
    """A JSON array: any JSON parser splits it, whatever the items contain. json escapes C0
    controls; the rest of what clean() would show as \\x.. is written as a JSON \\u escape."""
    return json_inert(json.dumps([str(item) for item in items], ensure_ascii=False))
