"""The JSON contract: one flat record per shoe, snake_case names with units in them.

Every key is always present (null or [] when unknown), so scripts can rely on the shape.
Documented in README "JSON output"; tests/golden keeps it from drifting.

The record follows the field table (models.Shoe's metadata): each field is written the way its
kind says (FLATTEN: a price becomes <name>_usd and <name>_year), at its record position, and the
few values no field holds (DERIVED: model, the weight at the compared size) sit beside the field
they belong with. A new field of an existing kind appears here without any change to this module.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from collections.abc import Callable, Sequence
from typing import Any

from .models import Shoe
from .sizes import DEFAULT_SIZE, Size, weight_at

# Bump when shoe_record's output changes in a way RECORD_SOURCE does not show (weight_estimate_fields,
# sizes): cached encoded records carry RECORD_SIGNATURE, this number and a checksum of that source.
RECORD_FORMAT = 3

# How a field of each kind (models.entry's kind) is written: (suffix, expression) pairs, one per
# record field; the record field is named <field name><suffix>, and $v stands for the field's
# value. Every kind has a row: a new kind must say how it is written (a test checks).
_AS_IS = (("", "$v"),)
_TEXT_OR_NONE = (("", "None if $v is None else str($v)"),)  # an enum's catalog spelling
FLATTEN: dict[str, tuple[tuple[str, str], ...]] = {
    "id": _AS_IS,
    "id_ref": _AS_IS,
    "text": _AS_IS,
    "url": _AS_IS,
    "partial_date": _AS_IS,
    "percent": _AS_IS,
    "year": _AS_IS,
    "drop_mm": _AS_IS,
    "stack_mm": _AS_IS,
    "texts": (("", "list($v)"),),
    "urls": (("", "list($v)"),),
    "origin": _TEXT_OR_NONE,
    "support": _TEXT_OR_NONE,
    "status": (("", "str($v)"),),
    "confidence": (("", "str($v)"),),
    "activities": (("", "[str(activity) for activity in $v]"),),
    "weight": (
        ("_g", "None if $v is None else round($v.grams, 1)"),
        ("_oz", "None if $v is None else round($v.ounces, 2)"),
        ("_size", "None if $v is None else $v.size"),
        ("_line", "None if $v is None or $v.line is None else str($v.line)"),
        ("_is_lower_bound", "None if $v is None else $v.at_least"),
    ),
    "price": (("_usd", "None if $v is None else $v.usd"), ("_year", "None if $v is None else $v.year")),
    "origin_basis": (
        ("_kind", "None if $v is None else str($v.kind)"),
        ("_detail", "None if $v is None else $v.detail"),
    ),
    "widths": (("", "{line: list(widths) for line, widths in $v.items()}"),),
    "sizes": (("", "dict($v)"),),
    "field_sources": (("", "{field: list(urls) for field, urls in $v.items()}"),),
}

WEIGHT_ESTIMATE_FIELDS = ("weight_est_g", "weight_est_oz", "weight_est_size", "weight_est_basis", "weight_est_note")
# Record fields that no catalog field holds, each group right after the field it belongs with:
# {field: ((record name, expression), ...)}; expressions see shoe, size and estimate (the
# weight_estimate_fields of the shoe at size).
DERIVED: dict[str, tuple[tuple[str, str], ...]] = {
    "version": (("model", "shoe.model"),),
    "weight": tuple((name, f"estimate[{name!r}]") for name in WEIGHT_ESTIMATE_FIELDS),
}


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
        "weight_est_note": at.note,
    }


def _layout(table: type) -> tuple[list[tuple[str, str]], list[str]]:
    """Every record field of a field table (a dataclass like Shoe) and the expression that gives
    its value, in record order; and the fields read into a local first because their expressions
    use them more than once."""
    layout, reread = [], []
    for table_field in sorted(dataclasses.fields(table), key=lambda f: f.metadata["record"]):
        name, rows = table_field.name, FLATTEN[table_field.metadata["kind"]]
        value = f"shoe.{name}"
        if sum(expression.count("$v") for _, expression in rows) > 1:
            value = f"_{name}"
            reread.append(name)
        layout += [(name + suffix, expression.replace("$v", value)) for suffix, expression in rows]
        layout += DERIVED.get(name, ())
    return layout, reread


def compile_record(table: type = Shoe) -> tuple[tuple[str, ...], Callable[..., dict[str, Any]], str]:
    """The record's field names, the function that makes it and that function's source.

    The function is one dict display written out from the layout once at import: a loop over
    per-field functions took 35-50% longer per record, and `list --json` encodes every record.
    """
    layout, reread = _layout(table)
    source = "\n".join(
        [
            "def shoe_record(shoe, size=DEFAULT_SIZE):",
            *(f"    _{name} = shoe.{name}" for name in reread),
            "    estimate = weight_estimate_fields(shoe, size)",
            "    return {",
            *(f"        {name!r}: {expression}," for name, expression in layout),
            "    }",
        ]
    )
    namespace: dict[str, Any] = {"DEFAULT_SIZE": DEFAULT_SIZE, "weight_estimate_fields": weight_estimate_fields}
    exec(compile(source, f"<record of {table.__name__}>", "exec"), namespace)  # our own table's code
    return tuple(name for name, _ in layout), namespace["shoe_record"], source


RECORD_FIELDS, _shoe_record, RECORD_SOURCE = compile_record(Shoe)
# A field added, moved or written differently changes the source, and so makes older caches stale.
RECORD_SIGNATURE = f"{RECORD_FORMAT}-{zlib.crc32(RECORD_SOURCE.encode()):08x}"
# CSV is flat: a list is one cell holding a JSON array (items themselves contain "; "), widths
# and sizes (mappings) are JSON objects, and field_sources (a mapping of lists) is left out.
CSV_FIELDS = tuple(name for name in RECORD_FIELDS if name != "field_sources")


def shoe_record(shoe: Shoe, size: Size = DEFAULT_SIZE) -> dict[str, Any]:
    """The shoe's record: RECORD_FIELDS in order, weights also estimated at size (RECORD_SOURCE
    shows how each value is made)."""
    return _shoe_record(shoe, size)


# ensure_ascii: control and bidi characters inside catalog text arrive escaped, so even JSON
# printed straight to a terminal cannot drive it; jq decodes them back. One encoder, made
# once: json.dumps with options builds a new one per call (10k records: 50 ms).
COMPACT = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def record_json(shoe: Shoe, size: Size = DEFAULT_SIZE) -> str:
    """One shoe's record as compact JSON on one line (the C encoder never emits a newline)."""
    return COMPACT.encode(_shoe_record(shoe, size))


class EncodedRecords:
    """Each shoe's record_json at DEFAULT_SIZE, memoised by shoe id.

    encoded: records made earlier (the catalog cache keeps them), one line per shoe in the order
    of shoes; a line is used only for the shoe whose id it starts with. Everything else is
    encoded when first asked for. Callers get the same text either way.
    """

    __slots__ = ("_encoded", "_memo", "_ready", "_shoes")

    def __init__(self, shoes: Sequence[Shoe] = (), encoded: bytes = b"") -> None:
        self._shoes, self._encoded = shoes, encoded
        self._ready: dict[str, str] | None = None if encoded else {}
        self._memo: dict[str, str] = {}

    def ready(self) -> dict[str, str]:
        """The records made earlier, by id; split from the bytes on first use."""
        if self._ready is None:
            self._ready = _split(self._shoes, self._encoded)
        return self._ready

    def lines(self, shoes: Sequence[Shoe], size: Size = DEFAULT_SIZE) -> list[str]:
        """The shoes' records as compact JSON, one string each."""
        if size != DEFAULT_SIZE:
            return [record_json(shoe, size) for shoe in shoes]
        # Splitting the records made earlier costs ~2.6 us per catalog entry and saves ~13 us per
        # record shown: worth it once a listing shows a fifth of the catalog.
        ready = self.ready() if self._ready is not None or len(shoes) * 5 > len(self._shoes) else {}
        memo, lines = self._memo, []
        for shoe in shoes:
            line = ready.get(shoe.id) or memo.get(shoe.id)
            if line is None:
                line = memo[shoe.id] = record_json(shoe)
            lines.append(line)
        return lines


def _split(shoes: Sequence[Shoe], encoded: bytes) -> dict[str, str]:
    texts = encoded.decode("ascii").split("\n")
    ids = [shoe.id for shoe in shoes]
    # Each record must be its shoe's (cache.read checked they are inert ASCII lines): a record
    # whose id is not its shoe's is encoded afresh rather than trusted. Lists are checked in one
    # C loop: a Python loop over 100k records cost 0.2 s.
    expected = [f'{{"id":"{shoe_id}",' for shoe_id in ids]
    if all(map(str.startswith, texts, expected)):
        return dict(zip(ids, texts, strict=False))
    return {shoe_id: text for shoe_id, text, head in zip(ids, texts, expected, strict=False) if text.startswith(head)}
