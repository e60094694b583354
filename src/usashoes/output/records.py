"""The JSON contract: one flat record per shoe, snake_case names with units in them.

Every key is always present (null or [] when unknown), so scripts can rely on the shape.
Documented in README "JSON output"; tests/golden keeps it from drifting.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..models import Shoe
from ..sizes import DEFAULT_SIZE, Size, weight_at
from .human import clean, json_inert, weight_note

# Bump when shoe_record's output changes: cached encoded records carry this number.
RECORD_FORMAT = 3

RECORD_FIELDS = (
    "id",
    "brand",
    "name",
    "version",
    "model",
    "aliases",
    "style_codes",
    "origin",
    "label",
    "made_in",
    "domestic_content",
    "domestic_content_min_pct",
    "origin_basis_kind",
    "origin_basis_detail",
    "lookalikes",
    "activities",
    "support",
    "weight_g",
    "weight_oz",
    "weight_size",
    "weight_line",
    "weight_is_lower_bound",
    "weight_est_g",
    "weight_est_oz",
    "weight_est_size",
    "weight_est_basis",
    "weight_est_note",
    "drop_mm",
    "stack_heel_mm",
    "stack_forefoot_mm",
    "widths",
    "sizes",
    "msrp_usd",
    "msrp_year",
    "launch_price_usd",
    "launch_price_year",
    "release_year",
    "status",
    "status_as_of",
    "successor",
    "predecessor",
    "product_url",
    "midsole",
    "features",
    "description",
    "confidence",
    "notes",
    "sources",
    "field_sources",
)
# CSV is flat: a list is one cell holding a JSON array (items themselves contain "; "), widths
# and sizes (mappings) are JSON objects, and field_sources (a mapping of lists) is left out.
CSV_FIELDS = tuple(name for name in RECORD_FIELDS if name != "field_sources")


def weight_estimate_fields(shoe: Shoe, size: Size = DEFAULT_SIZE) -> dict[str, Any]:
    """The weight at the compared size, beside the measured one: estimated only from a stated size."""
    at = weight_at(shoe.weight, size)
    if at is None:
        return {
            "weight_est_g": None,
            "weight_est_oz": None,
            "weight_est_size": size.long,
            "weight_est_basis": None,
            "weight_est_note": None,
        }
    basis = "estimated" if at.estimated else "measured" if at.comparable else "not-estimated"
    return {
        "weight_est_g": round(at.grams, 1) if at.comparable else None,
        "weight_est_oz": round(at.ounces, 2) if at.comparable else None,
        "weight_est_size": size.long,
        "weight_est_basis": basis,
        "weight_est_note": weight_note(at),
    }


def shoe_record(shoe: Shoe, size: Size = DEFAULT_SIZE) -> dict[str, Any]:
    weight, msrp, launch, basis = shoe.weight, shoe.msrp, shoe.launch_price, shoe.origin_basis
    return {
        "id": shoe.id,
        "brand": shoe.brand,
        "name": shoe.name,
        "version": shoe.version,
        "model": shoe.model,
        "aliases": list(shoe.aliases),
        "style_codes": list(shoe.style_codes),
        "origin": _str(shoe.origin),
        "label": shoe.label,
        "made_in": shoe.made_in,
        "domestic_content": shoe.domestic_content,
        "domestic_content_min_pct": shoe.domestic_content_min_pct,
        "origin_basis_kind": str(basis.kind) if basis else None,
        "origin_basis_detail": basis.detail if basis else None,
        "lookalikes": list(shoe.lookalikes),
        "activities": [str(activity) for activity in shoe.activities],
        "support": _str(shoe.support),
        "weight_g": round(weight.grams, 1) if weight else None,
        "weight_oz": round(weight.ounces, 2) if weight else None,
        "weight_size": weight.size if weight else None,
        "weight_line": _str(weight.line) if weight else None,
        "weight_is_lower_bound": weight.at_least if weight else None,
        **weight_estimate_fields(shoe, size),
        "drop_mm": shoe.drop_mm,
        "stack_heel_mm": shoe.stack_heel_mm,
        "stack_forefoot_mm": shoe.stack_forefoot_mm,
        "widths": {line: list(widths) for line, widths in shoe.widths.items()},
        "sizes": dict(shoe.sizes),
        "msrp_usd": msrp.usd if msrp else None,
        "msrp_year": msrp.year if msrp else None,
        "launch_price_usd": launch.usd if launch else None,
        "launch_price_year": launch.year if launch else None,
        "release_year": shoe.release_year,
        "status": str(shoe.status),
        "status_as_of": shoe.status_as_of,
        "successor": shoe.successor,
        "predecessor": shoe.predecessor,
        "product_url": shoe.product_url,
        "midsole": shoe.midsole,
        "features": list(shoe.features),
        "description": shoe.description,
        "confidence": str(shoe.confidence),
        "notes": list(shoe.notes),
        "sources": list(shoe.sources),
        "field_sources": {field: list(urls) for field, urls in shoe.field_sources.items()},
    }


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


def _str(value: object) -> str | None:
    return None if value is None else str(value)


# ensure_ascii: control and bidi characters inside catalog text arrive escaped, so even JSON
# printed straight to a terminal cannot drive it; jq decodes them back. One encoder, made
# once: json.dumps with options builds a new one per call (10k records: 50 ms).
COMPACT = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def record_json(shoe: Shoe, size: Size = DEFAULT_SIZE) -> str:
    """One shoe's record as compact JSON on one line (the C encoder never emits a newline)."""
    return COMPACT.encode(shoe_record(shoe, size))
