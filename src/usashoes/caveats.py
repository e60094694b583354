"""What a comparison or a recommendation must be read with (pure): each caveat's kind and the
ids, years or size it names. output/wording.py puts them in words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .models import Shoe, Vocabulary
from .sizes import Size, WeightAt


class CaveatKind(Vocabulary):
    ESTIMATED_WEIGHTS = "estimated-weights"  # some weights are estimated at the compared size
    UNSTATED_SIZES = "unstated-sizes"  # some weights' size is not stated: used as measured
    LOWER_BOUNDS = "lower-bounds"  # known only as a lower bound, but above the lightest
    PRICE_YEARS = "price-years"  # list prices from different years
    NOT_COMPARED = "not-compared"  # known for fewer than two models
    PARTLY_COMPARED = "partly-compared"  # some models' value is unknown or only a lower bound


class Caveat(NamedTuple):
    kind: CaveatKind
    ids: tuple[str, ...] = ()  # the models it is about, when it names them
    years: tuple[int, ...] = ()  # PRICE_YEARS: the years, oldest first
    measure: str = ""  # NOT_COMPARED, PARTLY_COMPARED: "weight" or "price"
    size: Size | None = None  # ESTIMATED_WEIGHTS: the size weights are estimated at


def price_years(shoes: Sequence[Shoe]) -> tuple[Caveat, ...]:
    """List prices from more than one year are not today's prices: say which years."""
    years = tuple(sorted({shoe.msrp.year for shoe in shoes if shoe.msrp}))
    return (Caveat(CaveatKind.PRICE_YEARS, years=years),) if len(years) > 1 else ()


def weight_sizes(weights: Sequence[WeightAt | None], size: Size) -> tuple[Caveat, ...]:
    """Weights estimated at `size`, and weights used as measured because their size is not stated."""
    shown = [w for w in weights if w is not None]
    found = []
    if any(w.estimated for w in shown):
        found.append(Caveat(CaveatKind.ESTIMATED_WEIGHTS, size=size))
    if any(not w.comparable for w in shown):
        found.append(Caveat(CaveatKind.UNSTATED_SIZES))
    return tuple(found)
