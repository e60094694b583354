"""Side-by-side comparison of shoes (pure): rows of values, the lightest and cheapest, deltas.

Unknown values are shown as unknown and never compared. A weight given only as a lower
bound ("over 400 g") is shown but not compared either: it cannot be ranked honestly.
Rows hold values, not text: output/wording.py labels the rows and words the cells.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from . import freshness
from .caveats import Caveat, CaveatKind, price_years
from .errors import UsageProblem
from .models import Shoe, Vocabulary
from .sizes import DEFAULT_SIZE, Size, WeightAt, weight_at

MIN_MODELS = 2
MAX_MODELS = 6


class Mark(Vocabulary):
    NONE = ""
    LIGHTEST = "lightest"
    CHEAPEST = "cheapest"


class Row(NamedTuple):
    field: str
    cells: tuple[Any, ...]  # what the row shows of each shoe, as a value (None = unknown)
    values: tuple[Any, ...]  # one JSON-able value per shoe (None = unknown)
    marks: tuple[Mark, ...]  # the lightest / the cheapest, per shoe

    @property
    def same(self) -> bool:
        return all(cell == self.cells[0] for cell in self.cells)


class Delta(NamedTuple):
    shoe_id: str
    value: float
    delta: float  # against the lightest / cheapest
    delta_pct: float
    at_least: bool = False  # the value is a lower bound: the true delta is at least this


class Ranking(NamedTuple):
    """Who is lightest (or cheapest) and by how much the others differ; empty if < 2 known."""

    best: tuple[str, ...]
    deltas: tuple[Delta, ...]
    not_compared: tuple[str, ...]  # ids whose value is unknown (or only a lower bound)


class Comparison(NamedTuple):
    shoes: tuple[Shoe, ...]
    rows: tuple[Row, ...]
    weight: Ranking
    price: Ranking
    caveats: tuple[Caveat, ...]
    size: Size = DEFAULT_SIZE
    today: date | None = None  # prices and as-of dates older than two years before it are stale

    def only_differences(self) -> Comparison:
        rows = tuple(row for row in self.rows if not row.same)
        return self._replace(rows=rows)


def _rank(shoes: Sequence[Shoe], value_of: Callable[[Shoe], float | None]) -> Ranking:
    known = [(shoe.id, value) for shoe in shoes if (value := value_of(shoe)) is not None]
    missing = tuple(shoe.id for shoe in shoes if value_of(shoe) is None)
    if len(known) < 2:
        return Ranking((), (), missing)
    least = min(value for _id, value in known)
    best = tuple(shoe_id for shoe_id, value in known if value == least)
    deltas = tuple(Delta(shoe_id, value, value - least, (value - least) / least * 100) for shoe_id, value in known)
    return Ranking(best, deltas, missing)


def _rank_weights(shoes: Sequence[Shoe], weights: dict[str, WeightAt | None]) -> Ranking:
    """Lightest by exact weight at one size; a lower bound above the lightest is certainly heavier
    and is ranked as "at least" that much heavier; a lower bound at or below it cannot be ranked."""
    exact = [(s.id, w.grams) for s in shoes if (w := weights[s.id]) is not None and not w.at_least]
    bounds = [(s.id, w.grams) for s in shoes if (w := weights[s.id]) is not None and w.at_least]
    if not exact:
        return Ranking((), (), tuple(s.id for s in shoes))
    least = min(value for _id, value in exact)
    above = [(shoe_id, value) for shoe_id, value in bounds if value > least]
    if len(exact) + len(above) < 2:
        return Ranking((), (), tuple(s.id for s in shoes if weights[s.id] is None or weights[s.id].at_least))  # type: ignore[union-attr]
    best = tuple(shoe_id for shoe_id, value in exact if value == least)
    ranked = {shoe_id for shoe_id, _ in exact} | {shoe_id for shoe_id, _ in above}
    deltas = tuple(
        Delta(shoe_id, value, value - least, (value - least) / least * 100, shoe_id not in dict(exact))
        for shoe_id, value in [*exact, *above]
    )
    order = {s.id: i for i, s in enumerate(shoes)}
    deltas = tuple(sorted(deltas, key=lambda d: order[d.shoe_id]))
    return Ranking(best, deltas, tuple(s.id for s in shoes if s.id not in ranked))


def _usd(shoe: Shoe) -> float | None:
    return shoe.msrp.usd if shoe.msrp else None


def _standing(ranking: Ranking, shoe_id: str, best: Mark) -> Mark | Delta | None:
    """The best mark, the delta against the best, or None when not ranked."""
    if shoe_id in ranking.best:
        return best
    return next((delta for delta in ranking.deltas if delta.shoe_id == shoe_id), None)


def compare(shoes: Sequence[Shoe], size: Size = DEFAULT_SIZE, today: date | None = None) -> Comparison:
    """UsageProblem for fewer than two, more than six, or repeated models.

    size: weights are estimated at this size before they are ranked.
    today: for marking prices and as-of dates older than two years (default: the clock).
    """
    today = today or freshness.today()
    if len(shoes) < MIN_MODELS:
        raise UsageProblem(f"Compare needs at least {MIN_MODELS} models, got {len(shoes)}.")
    if len(shoes) > MAX_MODELS:
        raise UsageProblem(f"Compare takes at most {MAX_MODELS} models, got {len(shoes)}.")
    seen: set[str] = set()
    for shoe in shoes:
        if shoe.id in seen:
            raise UsageProblem(f"Model {shoe.id} is named twice; compare different models.")
        seen.add(shoe.id)

    weights = {shoe.id: weight_at(shoe.weight, size) for shoe in shoes}
    weight, price = _rank_weights(shoes, weights), _rank(shoes, _usd)

    def row(
        field: str,
        cell: Callable[[Shoe], Any],
        value: Callable[[Shoe], Any] | None = None,
        marks: Callable[[Shoe], Mark] = lambda shoe: Mark.NONE,
    ) -> Row:
        return Row(
            field,
            tuple(cell(s) for s in shoes),
            tuple((value or cell)(s) for s in shoes),
            tuple(marks(s) for s in shoes),
        )

    def mark(ranking: Ranking, best: Mark) -> Callable[[Shoe], Mark]:
        return lambda shoe: best if shoe.id in ranking.best else Mark.NONE

    rows = (
        row("brand", lambda s: s.brand),
        row("origin", lambda s: s.origin, lambda s: _str_or_none(s.origin)),
        row("label", lambda s: s.label),
        row("made_in", lambda s: s.made_in),
        row(
            "domestic_content",
            # the claimed minimum share, else the text: what the side-by-side view shows
            lambda s: (
                s.domestic_content_min_pct,
                None if s.domestic_content_min_pct is not None else s.domestic_content,
            ),
            lambda s: s.domestic_content_min_pct,
        ),
        row(
            "weight",
            lambda s: s.weight,
            lambda s: round(s.weight.grams, 1) if s.weight else None,
            mark(weight, Mark.LIGHTEST),
        ),
        row(
            "weight_est",
            lambda s: weights[s.id],
            lambda s: round(w.grams, 1) if (w := weights[s.id]) is not None and w.comparable else None,
        ),
        row("weight_delta", lambda s: _standing(weight, s.id, Mark.LIGHTEST), lambda s: _delta_value(weight, s.id)),
        row("msrp", lambda s: s.msrp, lambda s: s.msrp.usd if s.msrp else None, mark(price, Mark.CHEAPEST)),
        row("price_delta", lambda s: _standing(price, s.id, Mark.CHEAPEST), lambda s: _delta_value(price, s.id)),
        row("launch_price", lambda s: s.launch_price, lambda s: s.launch_price.usd if s.launch_price else None),
        row("drop_mm", lambda s: s.drop_mm),
        row(
            "stack",
            lambda s: (s.stack_heel_mm, s.stack_forefoot_mm),
            lambda s: (
                None
                if s.stack_heel_mm is None and s.stack_forefoot_mm is None
                else {"heel_mm": s.stack_heel_mm, "forefoot_mm": s.stack_forefoot_mm}
            ),
        ),
        row("widths", lambda s: s.widths, lambda s: {line: list(widths) for line, widths in s.widths.items()} or None),
        row("activities", lambda s: s.activities, lambda s: [str(a) for a in s.activities]),
        row("support", lambda s: s.support, lambda s: _str_or_none(s.support)),
        row("midsole", lambda s: s.midsole),
        row("release_year", lambda s: s.release_year),
        row("status", lambda s: (s.status, s.status_as_of), lambda s: str(s.status)),
        row("successor", lambda s: s.successor),
        row("availability", lambda s: (s.availability, s.availability_as_of), lambda s: str(s.availability)),
        row("confidence", lambda s: s.confidence, lambda s: str(s.confidence)),
    )
    caveats = _caveats(shoes, weight, price, weights, size)
    return Comparison(tuple(shoes), rows, weight, price, caveats, size, today)


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _delta_value(ranking: Ranking, shoe_id: str) -> float | None:
    for delta in ranking.deltas:
        if delta.shoe_id == shoe_id:
            return round(delta.delta, 2)
    return None


def _caveats(
    shoes: Sequence[Shoe], weight: Ranking, price: Ranking, weights: dict[str, WeightAt | None], size: Size
) -> tuple[Caveat, ...]:
    notes = []
    if weight.deltas:
        ranked = [weights[d.shoe_id] for d in weight.deltas]
        if any(w is not None and w.estimated for w in ranked):
            notes.append(Caveat(CaveatKind.ESTIMATED_WEIGHTS, size=size))
        unstated = tuple(d.shoe_id for d in weight.deltas if (w := weights[d.shoe_id]) is not None and not w.comparable)
        if unstated:
            notes.append(Caveat(CaveatKind.UNSTATED_SIZES, unstated))
        bounded = tuple(d.shoe_id for d in weight.deltas if d.at_least)
        if bounded:
            notes.append(Caveat(CaveatKind.LOWER_BOUNDS, bounded))
    if price.deltas:
        notes += price_years(shoes)
    for ranking, what in ((weight, "weight"), (price, "price")):
        if not ranking.deltas:
            notes.append(Caveat(CaveatKind.NOT_COMPARED, measure=what))
        elif ranking.not_compared:
            notes.append(Caveat(CaveatKind.PARTLY_COMPARED, ranking.not_compared, measure=what))
    return tuple(notes)
