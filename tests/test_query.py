"""Filters, sorting and the weight/price option parsers."""

from __future__ import annotations

import pytest

from usashoes.models import GRAMS_PER_OUNCE, Activity, Confidence, Origin, Price, Shoe, Weight, natural
from usashoes.needs import Needs, brand_matches, parse_price, parse_weight
from usashoes.query import Filters, SortKey, select, select_hits, sort


def shoe(id: str, **fields: object) -> Shoe:
    return Shoe(
        id=id,
        brand=fields.pop("brand", "Acme"),
        name=fields.pop("name", id),  # type: ignore[arg-type]
        confidence=Confidence.LOW,
        sources=("https://example.org",),
        **fields,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "grams"),
    [
        ("13.5", 13.5 * GRAMS_PER_OUNCE),
        ("13.5oz", 13.5 * GRAMS_PER_OUNCE),
        ("13.5 OZ", 13.5 * GRAMS_PER_OUNCE),
        ("380g", 380.0),
        (" 380 g ", 380.0),
    ],
)
def test_parse_weight_reads_ounces_and_grams(text: str, grams: float) -> None:
    """A bare number is ounces; 'g' means grams."""
    assert parse_weight(text) == pytest.approx(grams)


@pytest.mark.parametrize("text", ["12kg", "abc", "-3", "", "1.2.3", "13 lbs"])
def test_parse_weight_rejects_other_units(text: str) -> None:
    """kg, pounds, words and negatives are rejected with a message naming valid forms."""
    with pytest.raises(ValueError, match=r"13\.5oz"):
        parse_weight(text)


@pytest.mark.parametrize(("text", "usd"), [("200", 200.0), ("$200", 200.0), ("199.99", 199.99), ("200usd", 200.0)])
def test_parse_price(text: str, usd: float) -> None:
    """Prices are US dollars, with or without a $ sign."""
    assert parse_price(text) == usd


@pytest.mark.parametrize("text", ["abc", "-5", "€200", "200 EUR"])
def test_parse_price_rejects_other_values(text: str) -> None:
    """Anything but a non-negative dollar amount is refused."""
    with pytest.raises(ValueError, match="US dollars"):
        parse_price(text)


def test_brand_matching() -> None:
    """Whole brand, prefix, case and 'nb' match; other brands don't."""
    assert brand_matches("NB", "New Balance") and brand_matches("new", "New Balance")
    assert not brand_matches("adidas", "New Balance") and not brand_matches("", "New Balance")


SHOES = [
    shoe(
        "a",
        origin=Origin.MADE_IN_USA,
        weight=Weight(10, "oz"),
        msrp=Price(100, 2020),
        release_year=2010,
        activities=(Activity.RUNNING,),
    ),
    shoe(
        "b",
        origin=Origin.IMPORTED,
        weight=Weight(300, "g"),
        msrp=Price(150, 2021),
        release_year=2020,
        activities=(Activity.WALKING,),
    ),
    shoe("c", weight=Weight(400, "g", at_least=True)),
    shoe("d"),
]


def test_unknown_values_never_pass_a_numeric_filter() -> None:
    """Weight and price filters leave out models whose value is unknown."""
    assert [s.id for s in select(SHOES, Filters(Needs(max_usd=1000)))] == ["a", "b"]
    assert [s.id for s in select(SHOES, Filters(Needs(max_grams=10_000)))] == ["a", "b"]


def test_lower_bound_weight_passes_min_but_not_max() -> None:
    """'Over 400 g' is at least 400 g: it passes --min-weight 390g and fails any maximum."""
    assert "c" in [s.id for s in select(SHOES, Filters(Needs(min_grams=390)))]
    assert "c" not in [s.id for s in select(SHOES, Filters(Needs(max_grams=5000)))]


def test_origin_unknown_and_activity_any() -> None:
    """'unknown' selects models without an origin; activities match any of those given."""
    assert [s.id for s in select(SHOES, Filters(Needs(origins=("unknown",))))] == ["c", "d"]
    both = Filters(Needs(activities=frozenset({Activity.RUNNING, Activity.WALKING})))
    assert [s.id for s in select(SHOES, both)] == ["a", "b"]


@pytest.mark.parametrize("reverse", [False, True])
def test_sort_keeps_unknowns_last(reverse: bool) -> None:
    """Known values are ordered, unknown ones always follow."""
    ordered = [s.id for s in sort(SHOES, SortKey.PRICE, reverse)]
    assert ordered == (["b", "a", "c", "d"] if reverse else ["a", "b", "c", "d"])


def test_natural_sort_orders_numbers_by_value() -> None:
    """'847v3' comes before '1540v3' and 'v10' after 'v9'."""
    assert sorted(["1540v3", "847v3", "990v10", "990v9"], key=natural) == ["847v3", "990v9", "990v10", "1540v3"]


def test_limit_applies_after_sorting() -> None:
    """--limit takes the first N of the sorted result."""
    assert [s.id for s in select(SHOES, Filters(), SortKey.WEIGHT, reverse=True, limit=2)] == ["c", "b"]


def test_search_hits_are_filtered_sorted_and_cut_in_query() -> None:
    """Best match first by default; --sort reorders with each hit keeping its score; --reverse
    without --sort reverses the match order; filters drop hits; --limit cuts last."""
    cheap = shoe("acme-cheap", msrp=Price(90.0, 2025), origin=Origin.MADE_IN_USA)
    dear = shoe("acme-dear", msrp=Price(250.0, 2025), origin=Origin.MADE_IN_USA)
    abroad = shoe("acme-abroad", msrp=Price(60.0, 2025), origin=Origin.IMPORTED)
    hits = [(dear, 98.0), (abroad, 90.0), (cheap, 80.0)]
    usa = Filters(Needs(origins=(Origin.MADE_IN_USA.value,)))
    assert select_hits(hits, usa) == [(dear, 98.0), (cheap, 80.0)]
    assert select_hits(hits, usa, SortKey.PRICE) == [(cheap, 80.0), (dear, 98.0)]
    assert select_hits(hits, Filters(), reverse=True) == [(cheap, 80.0), (abroad, 90.0), (dear, 98.0)]
    assert select_hits(hits, Filters(), SortKey.PRICE, reverse=True, limit=1) == [(dear, 98.0)]
