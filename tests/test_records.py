"""The JSON/CSV record follows the field table: a new field of an existing kind needs no records code."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pytest

from usashoes import records
from usashoes.catalog import fields
from usashoes.models import Confidence, Price, Shoe, Weight, entry
from usashoes.records import CSV_FIELDS, DERIVED, FLATTEN, RECORD_FIELDS, RECORD_SIGNATURE, record_layout, shoe_record


def _expected_names(table: type) -> list[str]:
    """The record's names as the field table says: each field under its kind's names, in record
    order, with the derived groups right after the field they belong with."""
    names: list[str] = []
    for table_field in sorted(dataclasses.fields(table), key=lambda f: f.metadata["record"]):
        names += [table_field.name + suffix for suffix, _ in FLATTEN[table_field.metadata["kind"]]]
        names += DERIVED.get(table_field.name, ((), None))[0]
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
    layout = record_layout(_WithSalePrice)
    names, make = layout.names, layout.record
    assert names == (*RECORD_FIELDS, "sale_price_usd", "sale_price_year")
    assert layout.signature != RECORD_SIGNATURE  # so cached records made before the field are stale
    shoe = _WithSalePrice(
        "x-1", "Acme", "Runner", Confidence.HIGH, ("https://example.com/",), weight=Weight(10.0, "oz")
    )
    assert make(shoe) == {**shoe_record(shoe), "sale_price_usd": None, "sale_price_year": None}
    sale = dataclasses.replace(shoe, sale_price=Price(99.5, 2025))
    record = make(sale)
    assert list(record) == list(names)
    assert (record["sale_price_usd"], record["sale_price_year"], record["weight_g"]) == (99.5, 2025, 283.5)


def test_every_derived_group_makes_exactly_the_names_it_declares() -> None:
    shoe = _shoes()[0]
    for names, derive in DERIVED.values():
        assert tuple(derive(shoe, records.DEFAULT_SIZE)) == names


def _shoes() -> tuple[Shoe, ...]:
    return tuple(
        Shoe(f"a-{name}", "Acme", name, Confidence.HIGH, ("https://example.com/",)) for name in ("1540", "847", "990")
    )


def test_every_catalog_is_in_name_order_and_a_plain_listing_keeps_it() -> None:
    from usashoes import query
    from usashoes.catalog.loader import Catalog
    from usashoes.models import NameOrdered, in_name_order

    shoes = _shoes()[::-1]
    catalog = Catalog("x", shoes)
    assert isinstance(catalog.shoes, NameOrdered)
    assert [shoe.id for shoe in catalog.shoes] == ["a-847", "a-990", "a-1540"]
    assert catalog.shoes == tuple(query.sort(shoes))
    assert in_name_order(catalog.shoes) is catalog.shoes  # no second sort
    assert query.select(catalog.shoes, query.Filters()) == query.select(shoes, query.Filters())


def test_encoded_records_are_the_records_wherever_they_come_from() -> None:
    from usashoes.records import EncodedRecords, record_json
    from usashoes.sizes import parse_size

    shoes = _shoes()
    made_earlier = "\n".join(record_json(shoe) for shoe in shoes).encode("ascii")
    forged = made_earlier.replace(b'{"id":"a-847",', b'{"id":"a-990",')
    for memo in (EncodedRecords(), EncodedRecords(shoes, made_earlier), EncodedRecords(shoes, forged)):
        assert memo.lines(shoes) == [record_json(shoe) for shoe in shoes]
        assert memo.lines(shoes[:1]) == [record_json(shoes[0])]
        size = parse_size("women's US 8")
        assert size is not None and memo.lines(shoes, size) == [record_json(shoe, size) for shoe in shoes]
    assert set(EncodedRecords(shoes, forged).ready()) == {"a-1540", "a-990"}


@pytest.mark.parametrize("step", [1, 2, 5, 64, 1 << 20])
def test_records_made_earlier_split_into_the_same_lines_at_any_slice(step: int) -> None:
    from usashoes.records import _lines

    # Slices that end on a newline, just before one, or in the middle of a record.
    for text in ("", "a", "a\nbb", "a\n\nccc\n", "\n", '{"id":"x"}\n{"id":"yy"}'):
        assert _lines(text.encode("ascii"), step) == text.split("\n")
