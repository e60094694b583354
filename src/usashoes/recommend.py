"""Which US-made shoe to buy: needs in, picks, near misses and advice out (pure: no typer, no rich).

Every need is checked against every candidate with one of three outcomes: met, missed, or
unknown (the catalog does not know the value). An unknown never counts as a match and never
silently as a miss: it is reported ("support not known: may fit"). Only models sold as made or
assembled in the USA are candidates; an imported model (or one of unknown origin) is never a pick.

Ranking (deterministic, documented in README "recommend"):
  picks:       origin preference (made-in-usa before assembled-in-usa, or the --origin order),
               then fewer unknown needs, then confidence (high first), then lower price,
               then lighter weight at the compared size, then id;
  near misses: models missing exactly one need, by how far they miss it (relative), then id;
  --like:      candidates by distance to the reference model (activity, support, weight, drop,
               price), then the pick order above.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from . import freshness
from .errors import UsageProblem
from .models import Activity, Confidence, Origin, Shoe, Status, Support, Vocabulary
from .output import human as fmt
from .sizes import DEFAULT_SIZE, Size, WeightAt, weight_at


class Need(Vocabulary):
    ACTIVITY = "activity"
    SUPPORT = "support"
    PRICE = "price"
    WEIGHT = "weight"
    WIDTH = "width"
    DROP = "drop"
    STATUS = "status"


OPTION = {
    Need.ACTIVITY: "--activity",
    Need.SUPPORT: "--support",
    Need.PRICE: "--max-price",
    Need.WEIGHT: "--max-weight",
    Need.WIDTH: "--width",
    Need.DROP: "--max-drop",
    Need.STATUS: "--status (or --any-status)",
}


class Outcome(Vocabulary):
    MET = "met"
    MISSED = "missed"
    UNKNOWN = "unknown"


class Needs(NamedTuple):
    activities: frozenset[Activity] = frozenset()
    support: Support | None = None
    max_usd: float | None = None
    max_grams: float | None = None
    width: str | None = None
    max_drop: float | None = None
    statuses: frozenset[Status] = frozenset({Status.CURRENT})  # empty: any status
    origins: tuple[Origin, ...] = (Origin.MADE_IN_USA, Origin.ASSEMBLED_IN_USA)  # preference order
    size: Size = DEFAULT_SIZE

    def described(self) -> tuple[tuple[str, str], ...]:
        """(need, value) pairs as given, for the report."""
        pairs: list[tuple[str, str]] = []
        if self.activities:
            pairs.append((Need.ACTIVITY.value, ", ".join(sorted(map(str, self.activities)))))
        if self.support is not None:
            pairs.append((Need.SUPPORT.value, str(self.support)))
        if self.max_usd is not None:
            pairs.append((Need.PRICE.value, f"at most {usd_text(self.max_usd)}"))
        if self.max_grams is not None:
            pairs.append((Need.WEIGHT.value, f"at most {_weight(self.max_grams)} at {self.size.short}"))
        if self.width is not None:
            pairs.append((Need.WIDTH.value, self.width))
        if self.max_drop is not None:
            pairs.append((Need.DROP.value, f"at most {fmt.number(self.max_drop)} mm"))
        if self.statuses:
            pairs.append((Need.STATUS.value, ", ".join(sorted(map(str, self.statuses)))))
        pairs.append(("origin", " before ".join(map(str, self.origins))))
        return tuple(pairs)


class Check(NamedTuple):
    need: Need
    outcome: Outcome
    text: str  # "price $175 (2020)", "support not known: may fit", "$220, $20 over budget"
    miss: float = 0.0  # for a miss: how far, relative to the need (0.1 = 10% over); 1.0 if not numeric
    value: float | None = None  # for a numeric miss: the model's value (USD, grams, mm)


class Pick(NamedTuple):
    shoe: Shoe
    reasons: tuple[str, ...]  # needs met, with values
    unknowns: tuple[str, ...]  # needs the catalog cannot settle
    differs: tuple[str, ...] = ()  # --like: how it differs from the reference model
    weight: WeightAt | None = None


class NearMiss(NamedTuple):
    shoe: Shoe
    need: Need
    miss: str  # "$220, $20 over budget"
    reasons: tuple[str, ...]
    unknowns: tuple[str, ...]
    weight: WeightAt | None = None


class Recommendation(NamedTuple):
    needs: tuple[tuple[str, str], ...]
    like: Shoe | None
    picks: tuple[Pick, ...]
    near_misses: tuple[NearMiss, ...]
    candidates: int  # US-made or assembled models considered
    ruled_out: tuple[tuple[Need, int], ...]  # need -> candidates it ruled out, most first
    advice: str | None  # when nothing fits: which need to relax
    caveats: tuple[str, ...]
    size: Size
    more_picks: int = 0  # picks beyond the limit, not shown
    more_near_misses: int = 0


DEFAULT_LIMIT = 10  # picks and near misses shown when --limit is not given


def usd_text(value: float) -> str:
    return f"${value:,.2f}".replace(".00", "")


def _weight(grams: float) -> str:
    return f"{fmt.number(grams / 28.349523125)} oz / {fmt.number(grams, 0)} g"


def _check_activity(shoe: Shoe, needs: Needs) -> Check:
    if not shoe.activities:
        return Check(Need.ACTIVITY, Outcome.UNKNOWN, "activity not known: may fit")
    have = ", ".join(map(str, shoe.activities))
    if needs.activities.intersection(shoe.activities):
        return Check(Need.ACTIVITY, Outcome.MET, f"activity: {have}")
    wanted = ", ".join(sorted(map(str, needs.activities)))
    return Check(Need.ACTIVITY, Outcome.MISSED, f"made for {have}, not {wanted}", 1.0)


def _check_support(shoe: Shoe, needs: Needs) -> Check:
    if shoe.support is None:
        return Check(Need.SUPPORT, Outcome.UNKNOWN, "support not known: may fit")
    if shoe.support is needs.support:
        return Check(Need.SUPPORT, Outcome.MET, f"support: {shoe.support}")
    return Check(Need.SUPPORT, Outcome.MISSED, f"support {shoe.support}, not {needs.support}", 1.0)


def _check_price(shoe: Shoe, needs: Needs) -> Check:
    assert needs.max_usd is not None
    if shoe.msrp is None:
        return Check(Need.PRICE, Outcome.UNKNOWN, "price not known: may fit")
    usd = shoe.msrp.usd
    if usd <= needs.max_usd:
        return Check(Need.PRICE, Outcome.MET, f"price {fmt.price(shoe.msrp)}")
    over = usd - needs.max_usd
    return Check(
        Need.PRICE,
        Outcome.MISSED,
        f"{usd_text(usd)} ({shoe.msrp.year}), {usd_text(over)} over budget",
        over / max(needs.max_usd, 1),
        usd,
    )


def _check_weight(shoe: Shoe, needs: Needs, at: WeightAt | None) -> Check:
    assert needs.max_grams is not None
    if at is None:
        return Check(Need.WEIGHT, Outcome.UNKNOWN, "weight not known: may fit")
    shown = fmt.weight_estimate(at)
    if at.at_least:
        if at.grams > needs.max_grams:  # even the lower bound is over
            over = at.grams - needs.max_grams
            return Check(
                Need.WEIGHT,
                Outcome.MISSED,
                f"{shown}, at least {fmt.number(over, 0)} g over",
                over / needs.max_grams,
                at.grams,
            )
        return Check(Need.WEIGHT, Outcome.UNKNOWN, f"weight known only as {shown}: may fit")
    if at.grams <= needs.max_grams:
        return Check(Need.WEIGHT, Outcome.MET, f"weight {shown}")
    over = at.grams - needs.max_grams
    return Check(
        Need.WEIGHT, Outcome.MISSED, f"{shown}, {fmt.number(over, 0)} g over", over / needs.max_grams, at.grams
    )


def _check_width(shoe: Shoe, needs: Needs) -> Check:
    assert needs.width is not None
    if not shoe.widths:
        return Check(Need.WIDTH, Outcome.UNKNOWN, "widths not known: may fit")
    wanted = needs.width.strip().upper()
    lines = [line for line, widths in sorted(shoe.widths.items()) if wanted in (w.upper() for w in widths)]
    if lines:
        return Check(Need.WIDTH, Outcome.MET, f"width {needs.width} ({', '.join(lines)})")
    offered = "; ".join(f"{line}: {', '.join(widths)}" for line, widths in sorted(shoe.widths.items()))
    return Check(Need.WIDTH, Outcome.MISSED, f"no {needs.width} width (offered: {offered})", 1.0)


def _check_drop(shoe: Shoe, needs: Needs) -> Check:
    assert needs.max_drop is not None
    if shoe.drop_mm is None:
        return Check(Need.DROP, Outcome.UNKNOWN, "drop not known: may fit")
    if shoe.drop_mm <= needs.max_drop:
        return Check(Need.DROP, Outcome.MET, f"drop {fmt.number(shoe.drop_mm)} mm")
    over = shoe.drop_mm - needs.max_drop
    return Check(
        Need.DROP,
        Outcome.MISSED,
        f"drop {fmt.number(shoe.drop_mm)} mm, {fmt.number(over)} mm over",
        over / max(needs.max_drop, 1),
        shoe.drop_mm,
    )


def _check_status(shoe: Shoe, needs: Needs) -> Check:
    as_of = f" (as of {shoe.status_as_of})" if shoe.status_as_of else ""
    if shoe.status is Status.UNKNOWN and Status.UNKNOWN not in needs.statuses:
        return Check(Need.STATUS, Outcome.UNKNOWN, "availability not known: may still be sold")
    if shoe.status in needs.statuses:
        return Check(Need.STATUS, Outcome.MET, f"{shoe.status}{as_of}")
    return Check(Need.STATUS, Outcome.MISSED, f"{shoe.status}{as_of}", 1.0)


def checks(shoe: Shoe, needs: Needs, at: WeightAt | None) -> list[Check]:
    """Every need given, checked against one model, in a fixed order."""
    found: list[Check] = []
    if needs.activities:
        found.append(_check_activity(shoe, needs))
    if needs.support is not None:
        found.append(_check_support(shoe, needs))
    if needs.max_usd is not None:
        found.append(_check_price(shoe, needs))
    if needs.max_grams is not None:
        found.append(_check_weight(shoe, needs, at))
    if needs.width is not None:
        found.append(_check_width(shoe, needs))
    if needs.max_drop is not None:
        found.append(_check_drop(shoe, needs))
    if needs.statuses:
        found.append(_check_status(shoe, needs))
    return found


_CONFIDENCE_ORDER = {Confidence.HIGH: 0, Confidence.MEDIUM: 1, Confidence.LOW: 2}


_INF = float("inf")


def pick_key(pick: Pick, needs: Needs, today: date) -> tuple[object, ...]:
    shoe = pick.shoe
    origin_rank = needs.origins.index(shoe.origin) if shoe.origin in needs.origins else len(needs.origins)
    # A buyer wants what can be bought now: a status confirmed within two years ranks first.
    stale = not shoe.status_as_of or freshness.is_stale(shoe.status_as_of, today)
    return (
        origin_rank,
        len(pick.unknowns),
        stale,
        _CONFIDENCE_ORDER[shoe.confidence],
        shoe.msrp.usd if shoe.msrp else _INF,
        pick.weight.grams if pick.weight else _INF,
        shoe.id,
    )


def price_caveat(shoes: Sequence[Shoe]) -> tuple[str, ...]:
    years = sorted({shoe.msrp.year for shoe in shoes if shoe.msrp})
    if len(years) > 1:
        return (
            f"Prices are from different years ({', '.join(map(str, years))}); "
            "they are list prices of their time, not today's.",
        )
    return ()


def weight_caveat(weights: Sequence[WeightAt | None], size: Size) -> tuple[str, ...]:
    shown = [w for w in weights if w is not None]
    notes = []
    if any(w.estimated for w in shown):
        notes.append(
            f"Weights marked est. are estimated at {size.long} from another size (+2.6% per half size, RunRepeat)."
        )
    if any(not w.comparable for w in shown):
        notes.append("Weights whose size is not stated are shown as measured, not estimated.")
    return tuple(notes)


def recommend(
    shoes: Sequence[Shoe], needs: Needs, limit: int | None = None, today: date | None = None
) -> Recommendation:
    """Picks (every need met or unknown), near misses (exactly one missed), and advice if nothing fits.

    today: what "within two years" is measured from when ranking (default: the clock).
    """
    today = today or freshness.today()
    if not needs.origins or any(origin is Origin.IMPORTED for origin in needs.origins):
        raise UsageProblem(
            "Recommend picks only made-in-usa or assembled-in-usa models; "
            "use --like MODEL to find alternatives to an imported one."
        )
    picks: list[Pick] = []
    misses: list[tuple[float, NearMiss]] = []
    ruled_out: Counter[Need] = Counter()
    closest: dict[Need, float] = {}  # the smallest value a numeric need ruled out
    candidates = 0
    for shoe in shoes:
        if shoe.origin not in needs.origins:
            continue
        candidates += 1
        at = weight_at(shoe.weight, needs.size)
        found = checks(shoe, needs, at)
        met = tuple(c.text for c in found if c.outcome is Outcome.MET)
        unknown = tuple(c.text for c in found if c.outcome is Outcome.UNKNOWN)
        missed = [c for c in found if c.outcome is Outcome.MISSED]
        for check in missed:
            ruled_out[check.need] += 1
            if check.value is not None:
                closest[check.need] = min(closest.get(check.need, check.value), check.value)
        if not missed:
            picks.append(Pick(shoe, met, unknown, (), at))
        elif len(missed) == 1:
            misses.append((missed[0].miss, NearMiss(shoe, missed[0].need, missed[0].text, met, unknown, at)))
    picks.sort(key=lambda pick: pick_key(pick, needs, today))
    misses.sort(key=lambda item: (item[0], len(item[1].unknowns), item[1].shoe.id))
    cut = DEFAULT_LIMIT if limit is None else limit
    chosen = tuple(picks[:cut])
    near = tuple(miss for _key, miss in misses[:cut])
    ordered = tuple(sorted(ruled_out.items(), key=lambda item: (-item[1], list(Need).index(item[0]))))
    advice = _advice(ordered, candidates, needs, closest) if not chosen else None
    shown = [p.shoe for p in chosen] + [m.shoe for m in near]
    caveats = price_caveat(shown) + weight_caveat([p.weight for p in chosen] + [m.weight for m in near], needs.size)
    return Recommendation(
        needs.described(),
        None,
        chosen,
        near,
        candidates,
        ordered,
        advice,
        caveats,
        needs.size,
        len(picks) - len(chosen),
        len(misses) - len(near),
    )


_CLOSEST = {
    Need.PRICE: ("the cheapest it ruled out costs", usd_text),
    Need.WEIGHT: ("the lightest it ruled out weighs", _weight),
    Need.DROP: ("the lowest drop it ruled out is", lambda mm: f"{fmt.number(mm)} mm"),
}


def _advice(ruled_out: Sequence[tuple[Need, int]], candidates: int, needs: Needs, closest: dict[Need, float]) -> str:
    origins = " or ".join(map(str, needs.origins))
    if candidates == 0:
        return f"The catalog has no {origins} models."
    if not ruled_out:
        return "Nothing fits."
    need, count = ruled_out[0]
    hint = ""
    if need in closest and need in _CLOSEST:
        words, show = _CLOSEST[need]
        hint = f" ({words} {show(closest[need])})"
    return (
        f"Nothing fits every need. {need.value.capitalize()} ruled out the most: {count} of the "
        f"{candidates} {origins} models. Try relaxing {OPTION[need]}{hint}."
    )
