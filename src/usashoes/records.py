"""The JSON contract: one flat record per shoe, snake_case names with units in them.

Every key is always present (null or [] when unknown), so scripts can rely on the shape.
Documented in docs/output.md ("JSON contract"); tests/golden keeps it from drifting.

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
from operator import attrgetter
from typing import Any, NamedTuple

from .models import Shoe
from .sizes import DEFAULT_SIZE, Size, WeightAt, weight_at

# Bump when a writer below changes what it writes: cached encoded records carry RECORD_SIGNATURE,
# this number and a checksum of the record's shape (field names and kinds).
RECORD_FORMAT = 3

Writer = Callable[[Any], Any]


def _text(value: Any) -> str | None:
    """An enum's catalog spelling; None stays None."""
    return None if value is None else str(value)


# How a field of each kind (models.entry's kind) is written: (suffix, writer) pairs, one per
# record field; the record field is named <field name><suffix> and the writer gets the field's
# value (no writer: the value as it is). Every kind has a row: a new kind must say how it is
# written (a test checks).
_AS_IS: tuple[tuple[str, Writer | None], ...] = (("", None),)
FLATTEN: dict[str, tuple[tuple[str, Writer | None], ...]] = {
    "id": _AS_IS,
    "id_ref": _AS_IS,
    "text": _AS_IS,
    "url": _AS_IS,
    "partial_date": _AS_IS,
    "percent": _AS_IS,
    "year": _AS_IS,
    "drop_mm": _AS_IS,
    "stack_mm": _AS_IS,
    "texts": (("", list),),
    "urls": (("", list),),
    "origin": (("", _text),),
    "support": (("", _text),),
    "status": (("", str),),
    "availability": (("", str),),
    "stack_basis": (("", _text),),
    "confidence": (("", str),),
    "activities": (("", lambda activities: [str(activity) for activity in activities]),),
    # A value that may be unknown gives None for each of its parts.
    "weight": (
        ("_g", lambda weight: None if weight is None else round(weight.grams, 1)),
        ("_oz", lambda weight: None if weight is None else round(weight.ounces, 2)),
        ("_size", lambda weight: None if weight is None else weight.size),
        ("_line", lambda weight: None if weight is None else _text(weight.line)),
        ("_is_lower_bound", lambda weight: None if weight is None else weight.at_least),
    ),
    "price": (
        ("_usd", lambda price: None if price is None else price.usd),
        ("_year", lambda price: None if price is None else price.year),
    ),
    "origin_basis": (
        ("_kind", lambda basis: None if basis is None else str(basis.kind)),
        ("_detail", lambda basis: None if basis is None else basis.detail),
    ),
    "widths": (("", lambda widths: {line: list(each) for line, each in widths.items()}),),
    "sizes": (("", dict),),
    "field_sources": (("", lambda sources: {name: list(urls) for name, urls in sources.items()}),),
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
        "weight_est_note": weight_note(at),
    }


def weight_note(at: WeightAt) -> str:
    """The record's weight_est_note: what the compared value is, in words."""
    if at.measured_size is None:
        return "size not stated: not estimated"
    if not at.estimated:
        return f"measured at {at.target.short}"
    convention = " (women's = men's + 1.5, a convention)" if at.across_lines else ""
    return f"estimated from {at.measured_size.long} at +2.6% per half size{convention}"


WEIGHT_ESTIMATE_FIELDS = ("weight_est_g", "weight_est_oz", "weight_est_size", "weight_est_basis", "weight_est_note")
# Record fields that no catalog field holds, each group right after the field it belongs with:
# {field: (names, how to make them from the shoe and the compared size)}.
Derive = Callable[[Shoe, Size], dict[str, Any]]
DERIVED: dict[str, tuple[tuple[str, ...], Derive]] = {
    "version": (("model",), lambda shoe, _size: {"model": shoe.model}),
    "weight": (WEIGHT_ESTIMATE_FIELDS, weight_estimate_fields),
}


class Step(NamedTuple):
    """One record field (its name, the catalog field it is made from, its writer), or,
    with derive set, a group of derived fields."""

    name: str
    position: int  # in the table's field values (RecordLayout.read)
    write: Writer | None = None
    derive: Derive | None = None


class RecordLayout(NamedTuple):
    """A field table's record: its names in order and how each is made, read off the table once."""

    names: tuple[str, ...]
    read: Callable[[Any], tuple[Any, ...]]  # every catalog field's value, in one call
    steps: tuple[Step, ...]
    signature: str  # changes when a field is added, moved or written as another kind

    def record(self, shoe: Any, size: Size = DEFAULT_SIZE) -> dict[str, Any]:
        # Steps worked out once and every field read in one attrgetter call: within ~20% of a
        # function generated from the table with exec, without generated code to read.
        values = self.read(shoe)
        record: dict[str, Any] = {}
        for name, position, write, derive in self.steps:
            if derive is not None:
                record.update(derive(shoe, size))
            elif write is None:
                record[name] = values[position]
            else:
                record[name] = write(values[position])
        return record


def record_layout(table: type = Shoe) -> RecordLayout:
    """The record of a field table (a dataclass like Shoe), read off its fields' metadata."""
    in_order = sorted(dataclasses.fields(table), key=lambda f: f.metadata["record"])
    names: list[str] = []
    steps: list[Step] = []
    for index, table_field in enumerate(in_order):
        for suffix, write in FLATTEN[table_field.metadata["kind"]]:
            steps.append(Step(table_field.name + suffix, index, write))
            names.append(table_field.name + suffix)
        if table_field.name in DERIVED:
            derived_names, derive = DERIVED[table_field.name]
            steps.append(Step("", index, derive=derive))
            names += derived_names
    shape = ",".join(f"{f.name}:{f.metadata['kind']}" for f in in_order)
    return RecordLayout(
        tuple(names),
        attrgetter(*(f.name for f in in_order)),
        tuple(steps),
        f"{RECORD_FORMAT}-{zlib.crc32(shape.encode()):08x}",
    )


LAYOUT = record_layout(Shoe)
RECORD_FIELDS = LAYOUT.names
# Cached encoded records carry this: a field added, moved or written as another kind makes
# older caches' records stale without a manual bump.
RECORD_SIGNATURE = LAYOUT.signature
# CSV is flat: a list is one cell holding a JSON array (items themselves contain "; "), widths
# and sizes (mappings) are JSON objects, and field_sources (a mapping of lists) is left out.
CSV_FIELDS = tuple(name for name in RECORD_FIELDS if name != "field_sources")


def shoe_record(shoe: Shoe, size: Size = DEFAULT_SIZE) -> dict[str, Any]:
    """The shoe's record: RECORD_FIELDS in order, weights also estimated at size."""
    return LAYOUT.record(shoe, size)


# ensure_ascii: control and bidi characters inside catalog text arrive escaped, so even JSON
# printed straight to a terminal cannot drive it; jq decodes them back. One encoder, made
# once: json.dumps with options builds a new one per call (10k records: 50 ms).
COMPACT = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(",", ":"))


def record_json(shoe: Shoe, size: Size = DEFAULT_SIZE) -> str:
    """One shoe's record as compact JSON on one line (the C encoder never emits a newline)."""
    return COMPACT.encode(LAYOUT.record(shoe, size))


class EncodedRecords:
    """Each shoe's record_json at DEFAULT_SIZE, memoised by shoe id.

    encoded: records made earlier (the catalog cache keeps them), one line per shoe in the order
    of shoes, or what returns them when first needed (the cache decompresses them then); a line
    is used only for the shoe whose id it starts with. Everything else is encoded when first
    asked for. Callers get the same text either way.
    """

    __slots__ = ("_encoded", "_memo", "_ready", "_shoes")

    def __init__(self, shoes: Sequence[Shoe] = (), encoded: bytes | Callable[[], bytes | bytearray] = b"") -> None:
        self._shoes, self._encoded = shoes, encoded
        self._ready: dict[str, str] | None = None if encoded else {}
        self._memo: dict[str, str] = {}

    def ready(self) -> dict[str, str]:
        """The records made earlier, by id; split from the bytes on first use."""
        if self._ready is None:
            encoded = self._encoded
            self._ready = _split(self._shoes, encoded if isinstance(encoded, bytes) else encoded())
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


def _split(shoes: Sequence[Shoe], encoded: bytes | bytearray) -> dict[str, str]:
    texts = _lines(encoded)
    ids = [shoe.id for shoe in shoes]
    # Each record must be its shoe's (cache.read checked they are inert ASCII lines): a record
    # whose id is not its shoe's is encoded afresh rather than trusted. Lists are checked in one
    # C loop: a Python loop over 100k records cost 0.2 s.
    expected = [f'{{"id":"{shoe_id}",' for shoe_id in ids]
    if all(map(str.startswith, texts, expected)):
        return dict(zip(ids, texts, strict=False))
    return {shoe_id: text for shoe_id, text, head in zip(ids, texts, expected, strict=False) if text.startswith(head)}


def _lines(encoded: bytes | bytearray, step: int = 1 << 20) -> list[str]:
    """encoded's lines as text, decoded about step bytes at a time.

    Decoding it whole and then splitting held the records three times over (the bytes, the
    text, its lines): 280 MB each for a 100k catalog.
    """
    lines: list[str] = []
    view, start, end = memoryview(encoded), 0, len(encoded)
    while True:
        cut = encoded.find(b"\n", min(start + step, end))
        stop = end if cut == -1 else cut
        lines.extend(str(view[start:stop], "ascii").split("\n"))
        if cut == -1:
            return lines
        start = cut + 1
