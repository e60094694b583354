"""Which US-made shoe to buy: needs in, picks, near misses and advice out (pure: no typer, no rich).

Every need is checked against every candidate with one of three outcomes: met, missed, or
unknown (the catalog does not know the value), by needs.judge, the judgement list uses too. An
unknown never counts as a match and never silently as a miss: it is reported ("support not on
file") and makes the pick "unverified". Only models sold as made or assembled in the USA are
candidates; an imported model (or one of unknown origin) is never a pick.

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

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from . import freshness
from .caveats import Caveat, price_years, weight_sizes
from .errors import UsageProblem
from .models import Availability, Confidence, Origin, Shoe, Status, Vocabulary
from .needs import Check, Need, Needs, Outcome, judge, judge_origin, origin_of
from .sizes import Size, WeightAt, weight_at

# Only these are candidates, in this order of preference unless --origin gives another.
PICK_ORIGINS = (str(Origin.MADE_IN_USA), str(Origin.ASSEMBLED_IN_USA))


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


DEFAULT_STATUSES = frozenset({Status.CURRENT})  # recommend's status need when --status is not given
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


_CONFIDENCE_ORDER = {Confidence.HIGH: 0, Confidence.MEDIUM: 1, Confidence.LOW: 2}


_INF = float("inf")


def pick_key(pick: Pick, needs: Needs, today: date) -> tuple[object, ...]:
    shoe = pick.shoe
    origins = needs.origins or PICK_ORIGINS
    origin = origin_of(shoe)
    origin_rank = origins.index(origin) if origin in origins else len(origins)
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
    shoes: Sequence[Shoe],
    needs: Needs,
    limit: int | None = None,
    today: date | None = None,
    buyable_only: bool = True,
) -> Recommendation:
    """Picks (every need met or unknown), near misses (exactly one missed), and advice if nothing fits.

    The needs are judged by needs.judge, as list judges them; origin picks the candidates (no
    origin given: PICK_ORIGINS). buyable_only: leave out what cannot be bought new (--any-status
    and an explicit --status: False). today: what "within two years" is measured from when
    ranking (default: the clock).
    """
    today = today or freshness.today()
    needs = needs._replace(origins=needs.origins or PICK_ORIGINS)
    if any(origin not in PICK_ORIGINS for origin in needs.origins):
        raise UsageProblem(
            "Recommend picks only made-in-usa or assembled-in-usa models; "
            "use --like MODEL to find alternatives to an imported one."
        )
    judged = needs._replace(origins=())  # origin chooses the candidates; it is no reason for a pick
    picks: list[Pick] = []
    misses: list[tuple[float, NearMiss]] = []
    ruled_out: Counter[Need] = Counter()
    closest: dict[Need, float] = {}  # the smallest value a numeric need ruled out
    candidates = 0
    left_out: list[tuple[Shoe, str]] = []
    for shoe in shoes:
        if judge_origin(shoe, needs.origins).outcome is not Outcome.MET:
            continue
        if buyable_only and (reason := not_buyable(shoe, today)):
            left_out.append((shoe, reason))
            continue
        candidates += 1
        at = weight_at(shoe.weight, needs.size)
        found = tuple(judge(shoe, judged, at))
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
