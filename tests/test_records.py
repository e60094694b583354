"""The JSON/CSV record follows the field table: a new field of an existing kind needs no records code."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from usashoes import records
from usashoes.catalog import fields
from usashoes.models import Confidence, Price, Shoe, Weight, entry
from usashoes.records import CSV_FIELDS, DERIVED, FLATTEN, RECORD_FIELDS, compile_record, shoe_record


def _expected_names(table: type) -> list[str]:
    """The record's names as the field table says: each field under its kind's names, in record
    order, with the derived groups right after the field they belong with."""
    names: list[str] = []
    for table_field in sorted(dataclasses.fields(table), key=lambda f: f.metadata["record"]):
        names += [table_field.name + suffix for suffix, _ in FLATTEN[table_field.metadata["kind"]]]
        names += [name for name, _ in DERIVED.get(table_field.name, ())]
    return names


def test_record_fields_are_derived_from_the_field_table() -> None:
    assert list(RECORD_FIELDS) == _expected_names(Shoe)
    assert len(set(RECORD_FIELDS)) == len(RECORD_FIELDS)
    assert tuple(name for name in RECORD_FIELDS if name != "field_sources") == CSV_FIELDS


def test_every_field_has_its_own_record_position() -> None:
    positions = sorted(f.metadata["record"] for f in dataclasses.fields(Shoe))
    assert positions == list(range(len(positions)))


def test_every_kind_the_catalog_reads_says_how_it_is_written() -> None:
    assert set(FLATTEN) == set(fields._KIND_PARSERS)


# A table like Shoe with one more field of an existing kind, as a contributor would add it.
@dataclass(slots=True)
class _WithSalePrice(Shoe):
    sale_price: Price | None = field(
        default=None, metadata=entry(36, "price", "A sale price.", record=len(dataclasses.fields(Shoe)))
    )


def test_a_new_field_of_an_existing_kind_flows_into_the_record() -> None:
    names, make, _source = compile_record(_WithSalePrice)
    assert names == (*RECORD_FIELDS, "sale_price_usd", "sale_price_year")
    shoe = _WithSalePrice(
        "x-1", "Acme", "Runner", Confidence.HIGH, ("https://example.com/",), weight=Weight(10.0, "oz")
    )
    assert make(shoe) == {**shoe_record(shoe), "sale_price_usd": None, "sale_price_year": None}
    sale = dataclasses.replace(shoe, sale_price=Price(99.5, 2025))
    record = make(sale)
    assert list(record) == list(names)
    assert (record["sale_price_usd"], record["sale_price_year"], record["weight_g"]) == (99.5, 2025, 283.5)


def test_the_record_function_is_the_one_its_source_shows() -> None:
    """RECORD_SOURCE is what runs: every record field is in it once, in order."""
    lines = [line.strip() for line in records.RECORD_SOURCE.splitlines() if line.strip().startswith("'")]
    assert [line.split("'")[1] for line in lines] == list(RECORD_FIELDS)
