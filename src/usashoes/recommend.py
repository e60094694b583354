"""Which US-made shoe to buy: needs in, picks, near misses and advice out (pure: no typer, no rich).

Every need is checked against every candidate with one of three outcomes: met, missed, or
unknown (the catalog does not know the value). An unknown never counts as a match and never
silently as a miss: it is reported ("support not on file") and makes the pick "unverified". Only models sold as made or
assembled in the USA are candidates; an imported model (or one of unknown origin) is never a pick.

Buyable by default: a model is left out, with its reason, when it is not sold to the public or
only resold, has a successor on file, is discontinued, or has no status evidence from the last
BUYABLE_EVIDENCE_YEARS years; --any-status brings them back.

Ranking (deterministic, documented in docs/recommend.md):
  picks:       confirmed (every need met as known) before unverified (some need not on file),
               always; then origin preference (made-in-usa before assembled-in-usa, or the
               --origin order), then fewer unknown needs, then confidence (high first), then
               lower price, then lighter weight at the compared size, then id;
  near misses: buyable models missing exactly one need, by how far they miss it (relative),
               then id; a wrong activity is no near miss for an activity need;
  --like:      candidates by distance to the reference model (activity, support, weight, drop,
               price), then the pick order above.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from . import freshness
from .caveats import Caveat, price_years, weight_sizes
from .errors import UsageProblem
from .models import Activity, Availability, Confidence, Origin, Shoe, Status, Support, Vocabulary
from .sizes import DEFAULT_SIZE, Size, WeightAt, weight_at


class Aspect(Vocabulary):
    ACTIVITY = "activity"
    SUPPORT = "support"
    WEIGHT = "weight"
    DROP = "drop"
    STACK = "stack"  # heel stack height: how much cushioning
    PRICE = "price"


class Likeness(NamedTuple):
    """One way a candidate is like, or unlike, the reference model; output/wording.py says it."""

    aspect: Aspect
    same: bool
    value: Any = None  # the candidate's (None: not known): activities, Support, WeightAt, mm, Price
    reference: Any = None  # the reference model's
    delta: float | None = None  # WEIGHT (grams) and PRICE (USD): the candidate's minus the reference's


class Need(Vocabulary):
    ACTIVITY = "activity"
    SUPPORT = "support"
    PRICE = "price"
    WEIGHT = "weight"
    WIDTH = "width"
    DROP = "drop"
    SIZE = "size"
    STATUS = "status"


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
    buyable_only: bool = True  # leave out what cannot be bought new (--any-status: False)
    size_given: bool = False  # --size (or the size preference) given: the size range is a need too


class Check(NamedTuple):
    """One need checked against one model; output/wording.py says it ("$220 (2025), $20 over budget")."""

    need: Need
    outcome: Outcome
    shoe: Shoe
    wanted: Any = None  # the need as given, where the answer names it: activities (sorted), Support, width
    over: float | None = None  # a numeric miss: by how much (USD, grams, mm)
    weight: WeightAt | None = None  # WEIGHT: the model's weight at the compared size
    lines: tuple[str, ...] = ()  # WIDTH met: the sizing lines that offer the width
    miss: float = 0.0  # for a miss: how far, relative to the need (0.1 = 10% over); 1.0 if not numeric
    value: float | None = None  # for a numeric miss: the model's value (USD, grams, mm)


class Pick(NamedTuple):
    shoe: Shoe
    reasons: tuple[Check, ...]  # needs met
    unknowns: tuple[Check, ...]  # needs the catalog cannot settle
    differs: tuple[Likeness, ...] = ()  # --like: how it differs from the reference model
    weight: WeightAt | None = None
    alike: tuple[Likeness, ...] = ()  # --like: what it shares with the reference model

    @property
    def confirmed(self) -> bool:
        """Every need met as the catalog knows it; otherwise the pick is 'unverified'."""
        return not self.unknowns


class NearMiss(NamedTuple):
    shoe: Shoe
    need: Need
    miss: Check  # the need it misses
    reasons: tuple[Check, ...]
    unknowns: tuple[Check, ...]
    weight: WeightAt | None = None


class Advice(NamedTuple):
    """When nothing fits: the need that ruled out the most candidates (None: no candidate at all
    or nothing ruled out), and for a numeric need the closest value it ruled out."""

    candidates: int
    need: Need | None = None
    ruled_out: int = 0  # how many candidates that need ruled out
    closest: float | None = None


class Recommendation(NamedTuple):
    needs: Needs
    like: Shoe | None
    picks: tuple[Pick, ...]
    near_misses: tuple[NearMiss, ...]
    candidates: int  # US-made or assembled models considered
    ruled_out: tuple[tuple[Need, int], ...]  # need -> candidates it ruled out, most first
    advice: Advice | None  # when nothing fits: which need to relax
    caveats: tuple[Caveat, ...]
    size: Size
    more_picks: int = 0  # picks beyond the limit, not shown
    more_near_misses: int = 0
    left_out: tuple[tuple[Shoe, str], ...] = ()  # US-made models not offered: (model, why), by id
    not_comparable: tuple[Shoe, ...] = ()  # --like: too little on file to compare with the reference
    compared: tuple[str, ...] = ()  # --like: the aspects compared


DEFAULT_LIMIT = 3  # picks and near misses shown when --limit is not given: the answer fits one screen
BUYABLE_EVIDENCE_YEARS = 3  # a status last seen longer ago than this is no evidence it can be bought


def not_buyable(shoe: Shoe, today: date) -> str | None:
    """Why a buyer cannot be offered this model new, or None."""
    if shoe.availability is Availability.NOT_SOLD_TO_PUBLIC:
        return "not sold to the public"
    if shoe.availability is Availability.RESALE_ONLY:
        return "resale only"
    if shoe.status is Status.DISCONTINUED:
        return "discontinued"
    last = freshness.latest_day(shoe.status_as_of) if shoe.status_as_of else None
    recent = last is not None and (today - last).days <= BUYABLE_EVIDENCE_YEARS * 366
    # A successor on file retires a model, unless the model is itself dated current and sold
    # (New Balance reissues older 990s beside the newest one).
    if shoe.successor and not (shoe.status is Status.CURRENT and recent):
        return f"superseded by {shoe.successor}"
    if last is None:
        return "no dated status"
    if not recent:
        return f"no status evidence since {last.year}"
    return None


def _check_activity(shoe: Shoe, needs: Needs) -> Check:
    if not shoe.activities:
        return Check(Need.ACTIVITY, Outcome.UNKNOWN, shoe)
    if needs.activities.intersection(shoe.activities):
        return Check(Need.ACTIVITY, Outcome.MET, shoe)
    return Check(Need.ACTIVITY, Outcome.MISSED, shoe, tuple(sorted(needs.activities, key=str)), miss=1.0)


def _check_support(shoe: Shoe, needs: Needs) -> Check:
    if shoe.support is None:
        return Check(Need.SUPPORT, Outcome.UNKNOWN, shoe)
    if shoe.support is needs.support:
        return Check(Need.SUPPORT, Outcome.MET, shoe)
    return Check(Need.SUPPORT, Outcome.MISSED, shoe, needs.support, miss=1.0)


def _check_price(shoe: Shoe, needs: Needs) -> Check:
    assert needs.max_usd is not None
    if shoe.msrp is None:
        return Check(Need.PRICE, Outcome.UNKNOWN, shoe)
    usd = shoe.msrp.usd
    if usd <= needs.max_usd:
        return Check(Need.PRICE, Outcome.MET, shoe)
    over = usd - needs.max_usd
    return Check(Need.PRICE, Outcome.MISSED, shoe, over=over, miss=over / max(needs.max_usd, 1), value=usd)


def _check_weight(shoe: Shoe, needs: Needs, at: WeightAt | None) -> Check:
    assert needs.max_grams is not None
    if at is None:
        return Check(Need.WEIGHT, Outcome.UNKNOWN, shoe)
    over = at.grams - needs.max_grams
    if at.at_least and over <= 0:  # a lower bound under the limit: may fit
        return Check(Need.WEIGHT, Outcome.UNKNOWN, shoe, weight=at)
    if over <= 0:
        return Check(Need.WEIGHT, Outcome.MET, shoe, weight=at)
    # over, or (for a lower bound) at least over
    relative = over / max(needs.max_grams, 1)  # --max-weight 0 is a need nothing meets, not a crash
    return Check(Need.WEIGHT, Outcome.MISSED, shoe, over=over, weight=at, miss=relative, value=at.grams)


def _check_width(shoe: Shoe, needs: Needs) -> Check:
    assert needs.width is not None
    if not shoe.widths:
        return Check(Need.WIDTH, Outcome.UNKNOWN, shoe)
    wanted = needs.width.strip().upper()
    lines = tuple(line for line, widths in sorted(shoe.widths.items()) if wanted in (w.upper() for w in widths))
    if lines:
        return Check(Need.WIDTH, Outcome.MET, shoe, needs.width, lines=lines)
    return Check(Need.WIDTH, Outcome.MISSED, shoe, needs.width, miss=1.0)


def _check_drop(shoe: Shoe, needs: Needs) -> Check:
    assert needs.max_drop is not None
    if shoe.drop_mm is None:
        return Check(Need.DROP, Outcome.UNKNOWN, shoe)
    if shoe.drop_mm <= needs.max_drop:
        return Check(Need.DROP, Outcome.MET, shoe)
    over = shoe.drop_mm - needs.max_drop
    return Check(Need.DROP, Outcome.MISSED, shoe, over=over, miss=over / max(needs.max_drop, 1), value=shoe.drop_mm)


_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)[A-Za-z]?\s*[-–]\s*(\d+(?:\.\d+)?)[A-Za-z]?\s*$")


def _check_size(shoe: Shoe, needs: Needs) -> Check:
    """The buyer's size against the ranges on file for their line (or unisex): '8-13', '5U-15U'."""
    size = needs.size
    ranges = [(line, text) for line, text in shoe.sizes.items() if line in (size.line.value, "unisex")]
    bounds = []
    for line, text in ranges:
        if match := _RANGE.match(text):
            low, high = float(match[1]), float(match[2])
            value = size.mens if line == "unisex" else size.value
            bounds.append((line, text, low <= value <= high))
    if not bounds:  # nothing on file for this line, or a range we cannot read
        return Check(Need.SIZE, Outcome.UNKNOWN, shoe, size)
    fitting = tuple(f"{line} {text}" for line, text, fits in bounds if fits)
    if fitting:
        return Check(Need.SIZE, Outcome.MET, shoe, size, lines=fitting)
    offered = tuple(f"{line} {text}" for line, text, _ in bounds)
    return Check(Need.SIZE, Outcome.MISSED, shoe, size, lines=offered, miss=1.0)


def _check_status(shoe: Shoe, needs: Needs) -> Check:
    if shoe.status is Status.UNKNOWN and Status.UNKNOWN not in needs.statuses:
        return Check(Need.STATUS, Outcome.UNKNOWN, shoe)
    if shoe.status in needs.statuses:
        return Check(Need.STATUS, Outcome.MET, shoe)
    return Check(Need.STATUS, Outcome.MISSED, shoe, miss=1.0)


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
    if needs.size_given:
        found.append(_check_size(shoe, needs))
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
        not pick.confirmed,
        origin_rank,
        len(pick.unknowns),
        stale,
        _CONFIDENCE_ORDER[shoe.confidence],
        shoe.msrp.usd if shoe.msrp else _INF,
        pick.weight.grams if pick.weight else _INF,
        shoe.id,
    )


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
    left_out: list[tuple[Shoe, str]] = []
    for shoe in shoes:
        if shoe.origin not in needs.origins:
            continue
        if needs.buyable_only and (reason := not_buyable(shoe, today)):
            left_out.append((shoe, reason))
            continue
        candidates += 1
        at = weight_at(shoe.weight, needs.size)
        found = checks(shoe, needs, at)
        met = tuple(c for c in found if c.outcome is Outcome.MET)
        unknown = tuple(c for c in found if c.outcome is Outcome.UNKNOWN)
        missed = [c for c in found if c.outcome is Outcome.MISSED]
        for check in missed:
            ruled_out[check.need] += 1
            if check.value is not None:
                closest[check.need] = min(closest.get(check.need, check.value), check.value)
        if not missed:
            picks.append(Pick(shoe, met, unknown, (), at))
        elif len(missed) == 1 and missed[0].need is not Need.ACTIVITY:
            misses.append((missed[0].miss, NearMiss(shoe, missed[0].need, missed[0], met, unknown, at)))
    picks.sort(key=lambda pick: pick_key(pick, needs, today))
    misses.sort(key=lambda item: (item[0], len(item[1].unknowns), item[1].shoe.id))
    cut = DEFAULT_LIMIT if limit is None else limit
    chosen = tuple(picks[:cut])
    near = tuple(miss for _key, miss in misses[:cut])
    ordered = tuple(sorted(ruled_out.items(), key=lambda item: (-item[1], list(Need).index(item[0]))))
    advice = _advice(ordered, candidates, closest) if not chosen else None
    shown = [p.shoe for p in chosen] + [m.shoe for m in near]
    caveats = price_years(shown) + weight_sizes([p.weight for p in chosen] + [m.weight for m in near], needs.size)
    return Recommendation(
        needs,
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
        tuple(sorted(left_out, key=lambda item: item[0].id)),
    )


def _advice(ruled_out: Sequence[tuple[Need, int]], candidates: int, closest: dict[Need, float]) -> Advice:
    if not ruled_out:
        return Advice(candidates)
    need, count = ruled_out[0]
    return Advice(candidates, need, count, closest.get(need))
