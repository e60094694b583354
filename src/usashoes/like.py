"""recommend --like MODEL: the catalog's models nearest to one the buyer knows, by the same checks as recommend."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from . import freshness
from .models import Shoe
from .output import human as fmt
from .recommend import DEFAULT_LIMIT, Needs, Recommendation, pick_key, price_caveat, recommend, usd_text, weight_caveat
from .sizes import WeightAt, weight_at


# --- --like MODEL ------------------------------------------------------------------------------
def _distance(
    shoe: Shoe, like: Shoe, at: WeightAt | None, like_at: WeightAt | None
) -> tuple[float, tuple[str, ...], tuple[str, ...]]:
    """How far a candidate is from the reference model, what is the same and what differs, in words."""
    distance = 0.0
    differs: list[str] = []
    same: list[str] = []
    if like.activities and (common := [str(a) for a in like.activities if a in shoe.activities]):
        same.append(f"activity: {', '.join(common)}")
    if like.support is not None and shoe.support is like.support:
        same.append(f"support: {shoe.support}")
    if like.drop_mm is not None and shoe.drop_mm == like.drop_mm:
        same.append(f"drop {fmt.number(shoe.drop_mm)} mm")
    if like.activities:
        if not shoe.activities:
            distance += 0.5
            differs.append("activity not known")
        elif not set(like.activities) & set(shoe.activities):
            distance += 2.0
            differs.append(f"activity {', '.join(map(str, shoe.activities))} vs {', '.join(map(str, like.activities))}")
    if like.support is not None:
        if shoe.support is None:
            distance += 0.5
            differs.append("support not known: may fit")
        elif shoe.support is not like.support:
            distance += 1.0
            differs.append(f"support {shoe.support} vs {like.support}")
    if like_at is not None and not like_at.at_least:
        if at is None or at.at_least:
            distance += 0.5
            differs.append("weight not comparable" if at else "weight not known")
        else:
            delta = at.grams - like_at.grams
            distance += abs(delta) / like_at.grams * 4  # 25% heavier counts like a support mismatch
            if abs(delta) >= 1:
                word = "heavier" if delta > 0 else "lighter"
                pct = fmt.number(abs(delta) / like_at.grams * 100, 0)
                differs.append(f"{fmt.number(abs(delta), 0)} g {word} ({pct}%) at {at.target.short}")
    if like.drop_mm is not None:
        if shoe.drop_mm is None:
            distance += 0.25
            differs.append("drop not known")
        elif shoe.drop_mm != like.drop_mm:
            distance += abs(shoe.drop_mm - like.drop_mm) / 8
            differs.append(f"drop {fmt.number(shoe.drop_mm)} mm vs {fmt.number(like.drop_mm)} mm")
    if like.msrp is not None:
        if shoe.msrp is None:
            distance += 0.25
            differs.append("price not known")
        elif shoe.msrp.usd != like.msrp.usd:
            delta = shoe.msrp.usd - like.msrp.usd
            distance += max(delta, 0) / like.msrp.usd * 2  # cheaper is no penalty
            sign = "+" if delta > 0 else "-"
            differs.append(f"price {fmt.price(shoe.msrp)} vs {fmt.price(like.msrp)} ({sign}{usd_text(abs(delta))})")
    return distance, tuple(same), tuple(differs)


def recommend_like(
    shoes: Sequence[Shoe], like: Shoe, needs: Needs, limit: int | None = None, today: date | None = None
) -> Recommendation:
    """The US-made or assembled models closest to `like` (any catalog model), with what differs.

    Needs given as options still apply (a model missing one is left out); the reference model's
    own attributes rank the rest.
    """
    today = today or freshness.today()
    like_at = weight_at(like.weight, needs.size)
    base = recommend(shoes, needs, len(shoes), today)
    ranked = []
    for pick in base.picks:
        if pick.shoe.id == like.id:
            continue
        distance, same, differs = _distance(pick.shoe, like, pick.weight, like_at)
        ranked.append(
            (distance, pick_key(pick, needs, today), pick._replace(reasons=same + pick.reasons, differs=differs))
        )
    ranked.sort(key=lambda item: (round(item[0], 6), item[1]))
    picks = tuple(item[2] for item in ranked)[: DEFAULT_LIMIT if limit is None else limit]
    known = [
        f"{name} {value}"
        for name, value in (
            ("activity", ", ".join(map(str, like.activities)) or None),
            ("support", like.support),
            ("weight", fmt.weight_estimate(like_at) if like_at else None),
            ("drop", f"{fmt.number(like.drop_mm)} mm" if like.drop_mm is not None else None),
            ("price", fmt.price(like.msrp) if like.msrp else None),
        )
        if value
    ]
    described = (
        ("like", f"{like.display_name} ({like.id}): " + ("; ".join(known) or "no attributes known")),
        *base.needs,
    )
    caveats = price_caveat([like, *(p.shoe for p in picks)]) + weight_caveat(
        [like_at, *(p.weight for p in picks)], needs.size
    )
    advice = base.advice if not picks else None
    return Recommendation(
        described,
        like,
        picks,
        (),
        base.candidates,
        base.ruled_out,
        advice,
        caveats,
        needs.size,
        len(ranked) - len(picks),
    )
