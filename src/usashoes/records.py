"""The JSON contract: one flat record per shoe, snake_case names with units in them.

Every key is always present (null or [] when unknown), so scripts can rely on the shape.
Documented in README "JSON output"; tests/golden keeps it from drifting.
"""

from __future__ import annotations

import json
from typing import Any

from .formatting import clean, json_inert
from .models import Shoe

# Bump when shoe_record's output changes: cached encoded records carry this number.
RECORD_FORMAT = 1

RECORD_FIELDS = (
    "id", "brand", "name", "version", "model", "aliases", "style_codes", "origin", "label",
    "made_in", "domestic_content", "domestic_content_min_pct", "activities", "support",
    "weight_g", "weight_oz", "weight_size", "weight_is_lower_bound", "msrp_usd", "msrp_year",
    "release_year", "status", "status_as_of", "midsole", "features", "description",
    "confidence", "notes", "sources", "field_sources",
)
# CSV is flat: a list is one cell holding a JSON array (items themselves contain "; "), and
# field_sources (a mapping) is left out.
CSV_FIELDS = tuple(name for name in RECORD_FIELDS if name != "field_sources")


def shoe_record(shoe: Shoe) -> dict[str, Any]:
    weight, msrp = shoe.weight, shoe.msrp
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
        "activities": [str(activity) for activity in shoe.activities],
        "support": _str(shoe.support),
        "weight_g": round(weight.grams, 1) if weight else None,
        "weight_oz": round(weight.ounces, 2) if weight else None,
        "weight_size": weight.size if weight else None,
        "weight_is_lower_bound": weight.at_least if weight else None,
        "msrp_usd": msrp.usd if msrp else None,
        "msrp_year": msrp.year if msrp else None,
        "release_year": shoe.release_year,
        "status": str(shoe.status),
        "status_as_of": shoe.status_as_of,
        "midsole": shoe.midsole,
        "features": list(shoe.features),
        "description": shoe.description,
        "confidence": str(shoe.confidence),
        "notes": list(shoe.notes),
        "sources": list(shoe.sources),
        "field_sources": {field: list(urls) for field, urls in shoe.field_sources.items()},
    }


def csv_row(record: dict[str, Any]) -> list[str]:
    """Flat cells; control characters made visible, since CSV often lands on a terminal."""
    row = []
    for name in CSV_FIELDS:
        value = record[name]
        if value is None:
            row.append("")
        elif isinstance(value, list):
            row.append(_csv_list(value))
        elif isinstance(value, bool):
            row.append("true" if value else "false")
        else:
            row.append(clean(str(value)))
    return row


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


def record_json(shoe: Shoe) -> str:
    """One shoe's record as compact JSON on one line (the C encoder never emits a newline)."""
    return COMPACT.encode(shoe_record(shoe))
