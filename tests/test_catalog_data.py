"""The bundled catalog's data: sourced, dated, linked, and never less complete than issue #21 left it."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from usashoes import freshness
from usashoes.catalog import cache
from usashoes.catalog import loader as catalog
from usashoes.matching import Matcher
from usashoes.models import Availability, Origin, Shoe, StackBasis, Status

ROOT = Path(__file__).resolve().parents[1]
SHOES = catalog.load_path(ROOT / "catalog.yaml", use_cache=False).shoes
BY_ID = {shoe.id: shoe for shoe in SHOES}

# Entries that knew each field when issue #21 (catalog round 3) closed. Coverage may grow, never shrink.
COVERAGE_FLOOR = {
    "origin": 63,
    "label": 29,
    "made_in": 34,
    "activities": 65,
    "support": 19,
    "weight": 28,
    "msrp": 31,
    "release_year": 32,
    "status": 27,
    "status_as_of": 49,
    "midsole": 48,
    "drop_mm": 29,
    "stack_heel_mm": 21,
    "stack_forefoot_mm": 20,
    "widths": 5,
    "sizes": 3,
    "product_url": 2,
    "successor": 11,
    "predecessor": 11,
    "origin_basis": 68,
    "lookalikes": 7,
    "launch_price": 4,
    "availability_as_of": 26,
    "stack_basis": 2,
}
# availability defaults to "unknown", which the generic count would take for a known value.
KNOWN_AVAILABILITY_FLOOR = 26

# Current models whose latest evidence is more than two years old, each with the reason it is kept
# "current" rather than "unknown". A model that goes stale without an entry here fails the test below.
# When the bundled data was last reviewed against its sources (audit 3); the freshness test measures from it.
DATA_REVIEWED = "2026-12"
STALE_CURRENT_ALLOWED = {
    "nb-996": "Last dated evidence: the Dec 2023 Japanese U996 release (Skowhegan made it in June 2023); audit 3 found nothing later.",
    "nb-998": "Last dated evidence: the Sept 2023 release; audit 3 found nothing later.",
    "sas-mission-1": "June 2023 DLA renewal with ordering to March 2026; no later evidence found (audit 3, E2). Not sold to the public.",
    "softstar-switchback": "Launched Oct 2021; only an undated product page and brand-level 2025 evidence since (audit 3, E1: flag only).",
}

# The bare names people type for the imported reference trainers, and the version each must mean now.
BARE_NAMES = {
    "Hoka Clifton": "hoka-clifton-10",
    "Clifton": "hoka-clifton-10",
    "Brooks Ghost": "brooks-ghost-17",
    "Ghost": "brooks-ghost-17",
    "Kayano": "asics-gel-kayano-32",
    "ASICS Gel-Kayano": "asics-gel-kayano-32",
    "Saucony Ride": "saucony-ride-18",
    "New Balance 880": "nb-880v15",
    "Brooks Adrenaline": "brooks-adrenaline-gts-24",
}


def test_catalog_is_big_enough_to_choose_from() -> None:
    """At least 65 entries, 40 of them made or assembled in the USA."""
    us = [s for s in SHOES if s.origin in (Origin.MADE_IN_USA, Origin.ASSEMBLED_IN_USA)]
    assert len(SHOES) >= 65 and len(us) >= 40


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
    assert sum(1 for s in SHOES if s.availability is not Availability.UNKNOWN) >= KNOWN_AVAILABILITY_FLOOR


def test_every_current_model_has_recent_evidence_or_is_flagged() -> None:
    """'current' rests on evidence from the two years before the catalog was last reviewed, unless
    STALE_CURRENT_ALLOWED says why it is kept; the allow-list names only current entries. Measured against
    the review date, not the clock, so the suite does not turn red by itself next month: whoever reviews
    the data again moves DATA_REVIEWED and meets what went stale (set USASHOES_TODAY to look ahead)."""
    today = freshness.today() if os.environ.get("USASHOES_TODAY") else freshness.latest_day(DATA_REVIEWED)
    stale = {s.id for s in SHOES if s.status is Status.CURRENT and freshness.is_stale(s.status_as_of, today)}
    assert stale - STALE_CURRENT_ALLOWED.keys() == set()
    assert all(BY_ID[id_].status is Status.CURRENT and reason for id_, reason in STALE_CURRENT_ALLOWED.items())


def test_the_staleness_check_sees_an_old_current_model() -> None:
    """The check above is not vacuous: a 2021 'current' is stale against the 2026 catalog date."""
    assert freshness.is_stale(BY_ID["softstar-switchback"].status_as_of, freshness.latest_day(DATA_REVIEWED))


def test_availability_is_dated_and_sourced() -> None:
    """retail, not-sold-to-public and resale-only each carry the date and the URL of their evidence."""
    known = [s for s in SHOES if s.availability is not Availability.UNKNOWN]
    assert [s.id for s in known if not s.availability_as_of or not s.field_sources.get("availability")] == []
    assert [s.id for s in SHOES if s.availability is Availability.UNKNOWN and s.availability_as_of] == []


def test_shoes_that_cannot_be_bought_new_say_so() -> None:
    """Audit 3: the 950v2 is military issue, SAS only announced a retail Mission 1, and Softstar relaunched
    none of these SOM models; the AM4s are resale-only since the Speedfactories closed."""
    assert BY_ID["nb-950v2"].availability is Availability.NOT_SOLD_TO_PUBLIC
    assert BY_ID["sas-mission-1"].availability is Availability.NOT_SOLD_TO_PUBLIC
    for id_ in ("som-trailhead", "som-nutrail-cross-sport", "som-norwood", "adidas-am4nyc"):
        assert BY_ID[id_].availability is Availability.RESALE_ONLY, id_
    assert BY_ID["som-graciano"].availability is Availability.RETAIL


def test_bare_names_mean_the_current_reference_version() -> None:
    """'Brooks Ghost' is the Ghost 17, not last year's 16; the older versions point to their successor."""
    matcher = Matcher(SHOES)
    assert {name: matcher.resolve(name).id for name in BARE_NAMES} == BARE_NAMES
    for new_id in set(BARE_NAMES.values()):
        old = BY_ID[new_id].predecessor
        assert old is not None and BY_ID[old].successor == new_id, new_id


def test_a_stack_without_the_insole_is_marked() -> None:
    """The Adrenaline GTS 23's 24/12 mm leaves out the insole; the Primal RunAmoc's 6 mm counts it."""
    assert BY_ID["brooks-adrenaline-gts-23"].stack_basis is StackBasis.WITHOUT_INSOLE
    assert BY_ID["softstar-primal-runamoc"].stack_basis is StackBasis.WITH_INSOLE


def test_the_primal_runamoc_does_not_inherit_the_dash_weight() -> None:
    """Audit 3, A6: 'Primal RunAmoc' names its own entry with its own sized weight."""
    primal = Matcher(SHOES).resolve("Primal RunAmoc")
    assert primal.id == "softstar-primal-runamoc"
    assert primal.weight is not None and primal.weight.size and "9" in primal.weight.size


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
