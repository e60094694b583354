"""Comparison rows, lightest and cheapest, deltas, and what is never compared."""

from __future__ import annotations

import pytest

from usashoes.caveats import Caveat, CaveatKind
from usashoes.compare import Comparison, Mark, compare
from usashoes.errors import UsageProblem
from usashoes.models import Confidence, Origin, Price, Shoe, Weight
from usashoes.output.wording import compare_caveat, row_cells


def caveats(result: Comparison) -> list[str]:
    return [compare_caveat(caveat) for caveat in result.caveats]


def shoe(id: str, **fields: object) -> Shoe:
    return Shoe(
        id=id,
        brand="Acme",
        name=id,
        confidence=Confidence.LOW,  # type: ignore[arg-type]
        sources=("https://example.org",),
        **fields,
    )  # type: ignore[arg-type]


LIGHT = shoe("light", weight=Weight(300, "g", "US 9"), msrp=Price(120, 2024), origin=Origin.MADE_IN_USA)
HEAVY = shoe("heavy", weight=Weight(12, "oz", "US 9"), msrp=Price(150, 2024), origin=Origin.MADE_IN_USA)
BLANK = shoe("blank")
BOUND = shoe("bound", weight=Weight(400, "g", at_least=True))


def test_lightest_and_cheapest_are_marked_with_deltas() -> None:
    """The lighter and cheaper shoe is marked; the other shows +g/% and +$/%."""
    result = compare([LIGHT, HEAVY])
    assert result.weight.best == ("light",) and result.price.best == ("light",)
    heavy = {d.shoe_id: d for d in result.weight.deltas}["heavy"]
    assert heavy.delta == pytest.approx(12 * 28.349523125 - 300)
    assert heavy.delta_pct == pytest.approx(heavy.delta / 300 * 100)
    price = {d.shoe_id: d for d in result.price.deltas}["heavy"]
    assert (price.delta, price.delta_pct) == (30, 25)
    weight_row = next(r for r in result.rows if r.field == "weight")
    assert weight_row.marks == ("lightest", "")


def test_a_weight_below_a_lower_bound_is_lighter() -> None:
    """300 g is certainly less than 'over 400 g': the bound is ranked as at least 100 g heavier (issue #14)."""
    result = compare([LIGHT, BLANK, BOUND])
    assert result.weight.best == ("light",)
    bound = {d.shoe_id: d for d in result.weight.deltas}["bound"]
    assert bound.at_least and bound.delta == pytest.approx(100)
    assert result.weight.not_compared == ("blank",)
    delta_row = next(r for r in result.rows if r.field == "weight_delta")
    assert row_cells(delta_row, result.today)[2].startswith("more than +100 g")
    assert any("lower bound" in c and "bound" in c for c in caveats(result))


def test_a_lower_bound_at_or_below_the_lightest_is_not_ranked() -> None:
    """'Over 250 g' against 300 g could be either: shown, never ranked."""
    low_bound = shoe("low-bound", weight=Weight(250, "g", at_least=True))
    result = compare([LIGHT, BLANK, low_bound])
    assert result.weight.best == ()
    assert set(result.weight.not_compared) == {"blank", "low-bound"}
    assert any("Not compared on weight" in c for c in caveats(result))


def test_only_differences_drops_rows_that_agree() -> None:
    """--only-diff keeps the rows where the models differ."""
    fields = {row.field for row in compare([LIGHT, HEAVY]).only_differences().rows}
    assert "weight" in fields and "origin" not in fields and "brand" not in fields


@pytest.mark.parametrize("shoes", [[LIGHT], [LIGHT, LIGHT], [shoe(f"s{i}") for i in range(7)]])
def test_wrong_number_or_repeated_models_is_a_usage_problem(shoes: list[Shoe]) -> None:
    """Fewer than two, more than six, or the same model twice is refused."""
    with pytest.raises(UsageProblem):
        compare(shoes)


def test_same_size_weights_give_no_size_caveat() -> None:
    """Weights measured at the same stated size need no caveat; mixed years of price do."""
    notes = caveats(compare([LIGHT, HEAVY]))
    assert not any("sizes" in c for c in notes)
    assert not any("different years" in c for c in notes)


def test_delta_rows_hold_the_mark_or_the_delta_and_the_wording_says_them() -> None:
    """The domain hands over numbers (+$30, +25%); the output layer writes '+$30 (+25%)'."""
    result = compare([LIGHT, HEAVY])
    row = next(r for r in result.rows if r.field == "price_delta")
    assert row.cells[0] is Mark.CHEAPEST
    assert (row.cells[1].delta, row.cells[1].delta_pct) == (30, 25)
    assert row_cells(row, result.today) == ("cheapest", "+$30 (+25%)")


def test_caveats_are_kinds_with_the_models_they_name() -> None:
    """A lower bound above the lightest, an unknown weight, a price known once: each its own caveat."""
    result = compare([LIGHT, BLANK, BOUND])
    assert Caveat(CaveatKind.LOWER_BOUNDS, ("bound",)) in result.caveats
    assert Caveat(CaveatKind.PARTLY_COMPARED, ("blank",), measure="weight") in result.caveats
    assert Caveat(CaveatKind.NOT_COMPARED, measure="price") in result.caveats
    assert compare_caveat(Caveat(CaveatKind.PRICE_YEARS, years=(2020, 2024))).startswith(
        "Prices are from different years (2020, 2024);"
    )
