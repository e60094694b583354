"""recommend --like MODEL: the catalog's models nearest to one the buyer knows, by the same checks as recommend."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from . import freshness
from .caveats import price_years, weight_sizes
from .models import Shoe
from .needs import Needs
from .recommend import DEFAULT_LIMIT, Aspect, Likeness, Recommendation, pick_key, recommend
from .sizes import WeightAt, weight_at


# --- --like MODEL ------------------------------------------------------------------------------
def _distance(
    shoe: Shoe, like: Shoe, at: WeightAt | None, like_at: WeightAt | None
) -> tuple[float, tuple[Likeness, ...], tuple[Likeness, ...]]:
    """How far a candidate is from the reference model, what is the same and what differs."""
    distance = 0.0
    differs: list[Likeness] = []
    same: list[Likeness] = []
    if like.activities and (common := tuple(a for a in like.activities if a in shoe.activities)):
        same.append(Likeness(Aspect.ACTIVITY, True, common))
    if like.support is not None and shoe.support is like.support:
        same.append(Likeness(Aspect.SUPPORT, True, shoe.support))
    if like.drop_mm is not None and shoe.drop_mm == like.drop_mm:
        same.append(Likeness(Aspect.DROP, True, shoe.drop_mm))
    if like.activities:
        if not shoe.activities:
            distance += 0.5
            differs.append(Likeness(Aspect.ACTIVITY, False))
        elif not set(like.activities) & set(shoe.activities):
            distance += 2.0
            differs.append(Likeness(Aspect.ACTIVITY, False, shoe.activities, like.activities))
    if like.support is not None:
        if shoe.support is None:
            distance += 0.5
            differs.append(Likeness(Aspect.SUPPORT, False))
        elif shoe.support is not like.support:
            distance += 1.0
            differs.append(Likeness(Aspect.SUPPORT, False, shoe.support, like.support))
    if like_at is not None and not like_at.at_least:
        if at is None or at.at_least:
            distance += 0.5
            differs.append(Likeness(Aspect.WEIGHT, False, at, like_at))  # not known, or a lower bound
        else:
            delta = at.grams - like_at.grams
            distance += abs(delta) / like_at.grams * 4  # 25% heavier counts like a support mismatch
            if abs(delta) >= 1:
                differs.append(Likeness(Aspect.WEIGHT, False, at, like_at, delta))
    if like.drop_mm is not None:
        if shoe.drop_mm is None:
            distance += 0.25
            differs.append(Likeness(Aspect.DROP, False))
        elif shoe.drop_mm != like.drop_mm:
            distance += abs(shoe.drop_mm - like.drop_mm) / 8
            differs.append(Likeness(Aspect.DROP, False, shoe.drop_mm, like.drop_mm))
    if like.stack_heel_mm is not None:
        if shoe.stack_heel_mm is None:
            distance += 0.25
            differs.append(Likeness(Aspect.STACK, False))
        elif not stacks_comparable(shoe, like):
            differs.append(Likeness(Aspect.STACK, False, shoe.stack_heel_mm, like.stack_heel_mm))  # no delta
        else:
            delta = shoe.stack_heel_mm - like.stack_heel_mm
            distance += abs(delta) / 8  # 8 mm more or less cushioning counts like a support mismatch
            if abs(delta) >= 1:
                differs.append(Likeness(Aspect.STACK, False, shoe.stack_heel_mm, like.stack_heel_mm, delta))
            else:
                same.append(Likeness(Aspect.STACK, True, shoe.stack_heel_mm))
    if like.msrp is not None:
        if shoe.msrp is None:
            distance += 0.25
            differs.append(Likeness(Aspect.PRICE, False))
        elif shoe.msrp.usd != like.msrp.usd:
            delta = shoe.msrp.usd - like.msrp.usd
            distance += max(delta, 0) / like.msrp.usd * 2  # cheaper is no penalty
            differs.append(Likeness(Aspect.PRICE, False, shoe.msrp, like.msrp, delta))
    return distance, tuple(same), tuple(differs)


def recommend_like(
    shoes: Sequence[Shoe],
    like: Shoe,
    needs: Needs,
    limit: int | None = None,
    today: date | None = None,
    buyable_only: bool = True,
) -> Recommendation:
    """The US-made or assembled models closest to `like` (any catalog model), with what differs.

    Needs given as options still apply (a model missing one is left out); the reference model's
    own attributes rank the rest.
    """
    today = today or freshness.today()
    like_at = weight_at(like.weight, needs.size)
    base = recommend(shoes, needs, len(shoes), today, buyable_only)
    needs = base.needs  # with the origins recommend chose
    ranked = []
    not_comparable: list[Shoe] = []
    compared = _aspects_known(like, like_at)
    for pick in base.picks:
        if pick.shoe.id == like.id:
            continue
        # Missing data is no likeness: a model sharing fewer than two known aspects with the
        # reference is listed apart as not comparable, never as "closest".
        shared = set(compared) & set(_aspects_known(pick.shoe, pick.weight))
        if not stacks_comparable(pick.shoe, like):
            shared.discard(Aspect.STACK)
        if len(shared) < MIN_COMPARED:
            not_comparable.append(pick.shoe)
            continue
        distance, same, differs = _distance(pick.shoe, like, pick.weight, like_at)
        ranked.append((distance, pick_key(pick, needs, today), pick._replace(alike=same, differs=differs)))
    ranked.sort(key=lambda item: (round(item[0], 6), item[1]))
    picks = tuple(item[2] for item in ranked)[: DEFAULT_LIMIT if limit is None else limit]
    caveats = price_years([like, *(p.shoe for p in picks)]) + weight_sizes(
        [like_at, *(p.weight for p in picks)], needs.size
    )
    advice = base.advice if not picks else None
    return Recommendation(
        needs,
        like,
        picks,
        (),
        base.candidates,
        base.ruled_out,
        advice,
        caveats,
        needs.size,
        len(ranked) - len(picks),
        0,
        base.left_out,
        tuple(sorted(not_comparable, key=lambda shoe: shoe.id)),
        tuple(str(aspect) for aspect in compared),
    )


MIN_COMPARED = 2  # aspects known on both models before a likeness means anything


def stacks_comparable(shoe: Shoe, like: Shoe) -> bool:
    """Stacks measured with the insole and without it are never compared; where a basis is not
    on file (most entries), the heights are compared as given."""
    return shoe.stack_basis is None or like.stack_basis is None or shoe.stack_basis is like.stack_basis


def _aspects_known(shoe: Shoe, at: WeightAt | None) -> tuple[Aspect, ...]:
    known = {
        Aspect.ACTIVITY: bool(shoe.activities),
        Aspect.SUPPORT: shoe.support is not None,
        Aspect.WEIGHT: at is not None and not at.at_least,
        Aspect.DROP: shoe.drop_mm is not None,
        Aspect.STACK: shoe.stack_heel_mm is not None,
        Aspect.PRICE: shoe.msrp is not None,
    }
    return tuple(aspect for aspect, is_known in known.items() if is_known)
