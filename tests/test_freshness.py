"""Stale prices and as-of dates are judged against a 'today' that tests pin."""

from __future__ import annotations

from datetime import date

import pytest

from usashoes import freshness
from usashoes.models import Confidence, Price, Shoe, Status
from usashoes.output import human as fmt

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("as_of", "stale"),
    [
        ("2024", False),
        ("2024-12", False),
        ("2024-11", False),
        ("2024-10", True),
        ("2023", True),
        ("2026-02", False),
        ("2024-11-29", False),
        ("2024-11-27", True),
        (None, False),
    ],
)
def test_as_of_dates_older_than_two_years_are_stale(as_of: str | None, stale: bool) -> None:
    """An as-of date counts from its last day: '2024' may mean December 2024."""
    assert freshness.is_stale(as_of, TODAY) is stale


def test_prices_show_their_year_and_old_ones_are_marked() -> None:
    """$185 (2026) reads as is; $100 (1982) is marked stale, a launch price is labelled."""
    assert fmt.price(Price(185, 2026), TODAY) == "$185 (2026)"
    assert fmt.price(Price(100, 1982), TODAY) == "$100 (1982, stale)"
    assert fmt.price(Price(100, 1982), launch=True) == "$100 (1982, launch price)"


def test_status_marks_stale_as_of_dates() -> None:
    shoe = Shoe(
        "a-1", "A", "One", Confidence.LOW, ("https://example.org",), status=Status.CURRENT, status_as_of="2022-10"
    )
    assert fmt.status(shoe, TODAY) == "current (as of 2022-10, stale)"
    assert fmt.status(shoe, date(2024, 1, 1)) == "current (as of 2022-10)"


def test_freshness_counts_stale_entries() -> None:
    shoes = [
        Shoe(f"a-{i}", "A", "One", Confidence.LOW, ("https://example.org",), status_as_of=as_of, msrp=Price(100, year))
        for i, (as_of, year) in enumerate([("2015-07", 2015), ("2026-02", 2026)])
    ]
    result = freshness.freshness(shoes, TODAY)
    assert (result.oldest_as_of, result.newest_as_of, result.stale_as_of, result.stale_prices) == (
        "2015-07",
        "2026-02",
        1,
        1,
    )


def test_coverage_lists_every_field_of_a_shoe() -> None:
    """Coverage comes from the Shoe fields themselves, so a new field is counted without edits."""
    shoe = Shoe("a-1", "A", "One", Confidence.LOW, ("https://example.org",), drop_mm=8)
    counts = freshness.coverage([shoe])
    assert counts["drop_mm"] == 1 and counts["weight"] == 0 and counts["status"] == 0
    assert set(counts) == set(freshness.field_names())
