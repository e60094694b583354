"""Writes catalog.schema.json from the field table (Shoe's field metadata, see models.entry).

    python -m usashoes.catalog.jsonschema [PATH]     (PATH defaults to ./catalog.schema.json)

Only this command and the tests import this module; no command path does.
tests/test_catalog.py fails when the committed catalog.schema.json is not what this writes.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from ..models import (
    GRAMS_PER_OUNCE,
    Activity,
    Availability,
    Confidence,
    Line,
    Origin,
    OriginBasisKind,
    Shoe,
    StackBasis,
    Status,
    Support,
    Vocabulary,
)
from .checker import (
    DROP_MM,
    ID_PATTERN,
    MAX_TEXT,
    PRICE_USD,
    SCHEMA_VERSION,
    STACK_MM,
    WEIGHT_GRAMS,
    WIDTH_PATTERN,
    YEARS,
)
from .fields import FIELDS, REQUIRED, SOURCED_FIELDS

DESCRIPTION = (
    "Running and walking shoes made or assembled in the USA (and look-alikes that are not). "
    "One entry per model version, and one per variant where origin differs. Unknown values are left out, never guessed."
)


def _number(value: float) -> float | int:
    """50.0 -> 50, as the schema has always written whole bounds."""
    return int(value) if float(value).is_integer() else value


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/definitions/{name}"}


def _enum(vocabulary: type[Vocabulary]) -> dict[str, Any]:
    return {"enum": vocabulary.values()}


def _range(kind: str, bounds: tuple[float, float]) -> dict[str, Any]:
    return {"type": kind, "minimum": _number(bounds[0]), "maximum": _number(bounds[1])}


def _id_ref() -> dict[str, Any]:
    return {"type": "string", "pattern": ID_PATTERN.pattern}


def _weight() -> dict[str, Any]:
    ounces = tuple(round(bound / GRAMS_PER_OUNCE, 1) for bound in WEIGHT_GRAMS)
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["value", "unit"],
        "properties": {
            "value": {"type": "number", "exclusiveMinimum": 0},
            "unit": {"enum": ["oz", "g"]},
            "size": {
                **_ref("text"),
                "description": 'Size the weight was measured at, e.g. "men\'s US 9" or "not stated".',
            },
            "at_least": {
                "type": "boolean",
                "description": 'true when the source gives only a lower bound ("over 400 g").',
            },
            "line": {**_enum(Line), "description": "Whose sizing the weight refers to."},
        },
        "allOf": [
            {
                "if": {"properties": {"unit": {"const": unit}}},
                "then": {"properties": {"value": {"minimum": _number(low), "maximum": _number(high)}}},
            }
            for unit, (low, high) in (("oz", ounces), ("g", WEIGHT_GRAMS))
        ],
    }


def _per_line(value: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": False,
        "properties": {line: value for line in Line.values()},
    }


def _kind_schema(kind: str) -> dict[str, Any]:
    """The schema fragment for one kind of field (models.entry's kind)."""
    if kind in ("text", "texts", "url", "urls", "price", "partial_date"):
        return _ref(kind)
    simple: dict[str, Any] = {
        "id": lambda: {**_id_ref(), "maxLength": 80},
        "id_ref": _id_ref,
        "origin": lambda: _enum(Origin),
        "support": lambda: _enum(Support),
        "status": lambda: _enum(Status),
        "availability": lambda: _enum(Availability),
        "stack_basis": lambda: _enum(StackBasis),
        "confidence": lambda: _enum(Confidence),
        "activities": lambda: {"type": "array", "uniqueItems": True, "items": _enum(Activity)},
        "percent": lambda: _range("number", (0, 100)),
        "year": lambda: _range("integer", YEARS),
        "drop_mm": lambda: _range("number", DROP_MM),
        "stack_mm": lambda: _range("number", STACK_MM),
        "weight": _weight,
        "widths": lambda: _per_line(
            {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": WIDTH_PATTERN.pattern}}
        ),
        "sizes": lambda: _per_line(_ref("text")),
        "origin_basis": lambda: {
            "type": "object",
            "additionalProperties": False,
            "required": ["kind", "detail"],
            "properties": {"kind": _enum(OriginBasisKind), "detail": _ref("text")},
        },
        "field_sources": lambda: {
            "type": "object",
            "propertyNames": {"enum": list(SOURCED_FIELDS)},
            "additionalProperties": _ref("urls"),
        },
    }
    return dict(simple[kind]())


def _model() -> dict[str, Any]:
    table = {f.name: f for f in dataclasses.fields(Shoe)}
    properties = {}
    for name in FIELDS:
        metadata = table[name].metadata
        fragment = _kind_schema(metadata["kind"])
        if metadata["description"]:
            fragment["description"] = metadata["description"]
        properties[name] = fragment
    return {"type": "object", "additionalProperties": False, "required": list(REQUIRED), "properties": properties}


def build() -> dict[str, Any]:
    """The whole catalog.schema.json document."""
    url = {"type": "string", "pattern": r"^https?://[^\s]+$"}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://usashoes.invalid/catalog.schema.json",
        "title": "usashoes catalog",
        "description": DESCRIPTION,
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "models"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "models": {"type": "array", "items": _ref("model")},
        },
        "definitions": {
            "url": url,
            "urls": {"type": "array", "minItems": 1, "items": _ref("url")},
            "text": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
            "texts": {"type": "array", "items": _ref("text")},
            "partial_date": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
            "model": _model(),
            "price": {
                "type": "object",
                "additionalProperties": False,
                "required": ["usd", "year"],
                "properties": {
                    "usd": {
                        **_range("number", PRICE_USD),
                        "description": "US dollars; the validator rejects values outside 1-2000 as absurd.",
                    },
                    "year": _range("integer", YEARS),
                },
            },
        },
    }


def render() -> str:
    """catalog.schema.json's text, byte for byte."""
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "catalog.schema.json")
    path.write_text(render(), encoding="utf-8", newline="\n")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
