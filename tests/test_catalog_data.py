"""The bundled catalog's data: sourced, dated, linked, and never less complete than issue #13 left it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from usashoes import freshness
from usashoes.catalog import cache
from usashoes.catalog import loader as catalog
from usashoes.models import Origin, Shoe, Status

ROOT = Path(__file__).resolve().parents[1]
SHOES = catalog.load_path(ROOT / "catalog.yaml", use_cache=False).shoes
BY_ID = {shoe.id: shoe for shoe in SHOES}

# Entries that knew each field when issue #13 closed. Coverage may grow, never shrink.
COVERAGE_FLOOR = {
    "origin": 50,
    "label": 26,
    "made_in": 27,
    "activities": 52,
    "support": 15,
    "weight": 20,
    "msrp": 27,
    "release_year": 26,
    "status": 21,
    "status_as_of": 42,
    "midsole": 36,
    "drop_mm": 21,
    "stack_heel_mm": 17,
    "stack_forefoot_mm": 16,
    "widths": 5,
    "sizes": 3,
    "product_url": 2,
    "successor": 5,
    "predecessor": 5,
    "origin_basis": 55,
    "lookalikes": 4,
    "launch_price": 3,
}


def test_catalog_is_big_enough_to_choose_from() -> None:
    """At least 45 entries, 30 of them made or assembled in the USA."""
    us = [s for s in SHOES if s.origin in (Origin.MADE_IN_USA, Origin.ASSEMBLED_IN_USA)]
    assert len(SHOES) >= 45 and len(us) >= 30


def test_every_known_origin_has_a_source() -> None:
    """An origin other than unknown cites field_sources.origin or carries an origin_basis."""
    unsourced = [
        s.id for s in SHOES if s.origin is not None and not s.field_sources.get("origin") and s.origin_basis is None
    ]
    assert unsourced == []


def test_every_price_has_a_plausible_year() -> None:
    """msrp and launch prices carry a year, and no price is dated in the future of its entry's evidence."""
    for shoe in SHOES:
        for price in (shoe.msrp, shoe.launch_price):
            if price is not None:
                assert 1900 < price.year <= 2100, shoe.id


def test_no_status_without_an_as_of_date() -> None:
    """current (and discontinued) always say when they were true."""
    assert [s.id for s in SHOES if s.status is not Status.UNKNOWN and not s.status_as_of] == []


def test_no_style_code_is_shared_by_two_entries() -> None:
    """A style code names one model."""
    counts = Counter(code.casefold() for shoe in SHOES for code in shoe.style_codes)
    assert [code for code, n in counts.items() if n > 1] == []


def test_successor_and_predecessor_links_resolve_and_agree() -> None:
    """Every link names an entry, and the entry it names links back."""
    for shoe in SHOES:
        if shoe.successor:
            assert BY_ID[shoe.successor].predecessor == shoe.id, shoe.id
        if shoe.predecessor:
            assert BY_ID[shoe.predecessor].successor == shoe.id, shoe.id


def test_a_launch_price_never_stands_as_the_current_price() -> None:
    """The 990v1's $100 is its 1982 launch price; its msrp is the 2022 reissue price."""
    v1 = BY_ID["nb-990v1"]
    assert v1.launch_price is not None and v1.launch_price.year == 1982
    assert v1.msrp is not None and v1.msrp.year >= 2022


def test_coverage_never_drops() -> None:
    """Removing data has to be deliberate: update COVERAGE_FLOOR in the same commit."""
    counts = freshness.coverage(SHOES)
    assert {name: counts[name] for name in COVERAGE_FLOOR if counts[name] < COVERAGE_FLOOR[name]} == {}


def test_unproven_origins_stay_unknown() -> None:
    """Editor decisions kept strict: the Postal 706v2 has an inference, not an origin."""
    postal = BY_ID["nb-postal-706v2"]
    assert postal.origin is None and postal.origin_basis is not None
    assert str(postal.origin_basis.kind) == "inference"


def test_fresh_foam_hierro_is_not_listed_as_us_made() -> None:
    """The blog's claim is not in the catalog: the Hierro v5 is not in the US-made set."""
    assert BY_ID["nb-fresh-foam-hierro-v5"].origin not in (Origin.MADE_IN_USA, Origin.ASSEMBLED_IN_USA)


def test_am4_variants_made_in_germany_are_imported() -> None:
    """Most AM4 variants were made in Ansbach: they are listed as imported, AM4NYC as assembled."""
    assert all(BY_ID[id_].origin is Origin.IMPORTED for id_ in ("adidas-am4ldn", "adidas-am4par", "adidas-am4la"))
    assert BY_ID["adidas-am4nyc"].origin is Origin.ASSEMBLED_IN_USA


@pytest.mark.parametrize("shoe", SHOES, ids=lambda shoe: shoe.id)
def test_every_bundled_shoe_survives_the_cache(shoe: Shoe) -> None:
    """A cached catalog gives back exactly the shoes the YAML gave: directly and through the JSON file,
    field_sources included (Shoe equality leaves them out)."""
    assert cache.decode(cache.encode(shoe)) == shoe
    decoded = cache.decode(json.loads(json.dumps(cache.encode(shoe))))
    assert decoded == shoe and decoded.field_sources == shoe.field_sources
