"""Side-by-side comparison of shoes (pure): rows of values, the lightest and cheapest, deltas.

Unknown values are shown as unknown and never compared. A weight given only as a lower
bound ("over 400 g") is shown but not compared either: it cannot be ranked honestly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from . import freshness
from .errors import UsageProblem
from .models import Shoe
from .output import human as fmt
from .sizes import DEFAULT_SIZE, Size, WeightAt, weight_at

MIN_MODELS = 2
MAX_MODELS = 6


class Row(NamedTuple):
    field: str
    label: str
    display: tuple[str, ...]  # one human string per shoe
    values: tuple[Any, ...]  # one JSON-able value per shoe (None = unknown)
    marks: tuple[str, ...]  # "" or e.g. "lightest" / "cheapest", per shoe

    @property
    def same(self) -> bool:
        return len(set(self.display)) == 1


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
    caveats: tuple[str, ...]
    size: Size = DEFAULT_SIZE

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


def _delta_text(ranking: Ranking, shoe_id: str, unit: str) -> str:
    if shoe_id in ranking.best:
        return "lightest" if unit == "g" else "cheapest"
    for delta in ranking.deltas:
        if delta.shoe_id == shoe_id:
            amount = f"+{fmt.number(delta.delta, 0)} g" if unit == "g" else f"+${delta.delta:,.2f}".replace(".00", "")
            if delta.at_least:
                return f"more than {amount} (+{fmt.number(delta.delta_pct)}%): heavier"
            return f"{amount} (+{fmt.number(delta.delta_pct)}%)"
    return fmt.UNKNOWN


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
        label: str,
        display: Callable[[Shoe], str],
        value: Callable[[Shoe], Any],
        marks: Callable[[Shoe], str] = lambda shoe: "",
    ) -> Row:
        return Row(
            field,
            label,
            tuple(display(s) for s in shoes),
            tuple(value(s) for s in shoes),
            tuple(marks(s) for s in shoes),
        )

    def mark(ranking: Ranking, word: str) -> Callable[[Shoe], str]:
        return lambda shoe: word if shoe.id in ranking.best else ""

    rows = (
        row("brand", "Brand", lambda s: s.brand, lambda s: s.brand),
        row("origin", "Origin", lambda s: fmt.text(s.origin), lambda s: fmt_or_none(s.origin)),
        row("label", "Label wording", lambda s: fmt.text(s.label), lambda s: s.label),
        row("made_in", "Made in", lambda s: fmt.text(s.made_in), lambda s: s.made_in),
        row("domestic_content", "Domestic content", fmt.domestic_short, lambda s: s.domestic_content_min_pct),
        row(
            "weight",
            "Weight",
            lambda s: fmt.weight(s.weight, with_size=True),
            lambda s: round(s.weight.grams, 1) if s.weight else None,
            mark(weight, "lightest"),
        ),
        row(
            "weight_est",
            f"Weight at {size.short}",
            lambda s: fmt.weight_estimate(weights[s.id]),
            lambda s: round(w.grams, 1) if (w := weights[s.id]) is not None and w.comparable else None,
        ),
        row(
            "weight_delta",
            "Weight vs lightest",
            lambda s: _delta_text(weight, s.id, "g"),
            lambda s: _delta_value(weight, s.id),
        ),
        row(
            "msrp",
            "MSRP",
            lambda s: fmt.price(s.msrp, today),
            lambda s: s.msrp.usd if s.msrp else None,
            mark(price, "cheapest"),
        ),
        row(
            "price_delta",
            "Price vs cheapest",
            lambda s: _delta_text(price, s.id, "usd"),
            lambda s: _delta_value(price, s.id),
        ),
        row(
            "launch_price",
            "Launch price",
            lambda s: fmt.price(s.launch_price, launch=True),
            lambda s: s.launch_price.usd if s.launch_price else None,
        ),
        row("drop_mm", "Drop", lambda s: fmt.millimetres(s.drop_mm), lambda s: s.drop_mm),
        row(
            "stack",
            "Stack",
            fmt.stack,
            lambda s: (
                None
                if s.stack_heel_mm is None and s.stack_forefoot_mm is None
                else {"heel_mm": s.stack_heel_mm, "forefoot_mm": s.stack_forefoot_mm}
            ),
        ),
        row(
            "widths",
            "Widths",
            lambda s: fmt.per_line(s.widths),
            lambda s: {line: list(widths) for line, widths in s.widths.items()} or None,
        ),
        row(
            "activities",
            "Activities",
            lambda s: fmt.text(tuple(map(str, s.activities))),
            lambda s: [str(a) for a in s.activities],
        ),
        row("support", "Support", lambda s: fmt.text(s.support), lambda s: fmt_or_none(s.support)),
        row("midsole", "Midsole", lambda s: fmt.text(s.midsole), lambda s: s.midsole),
        row("release_year", "Released", lambda s: fmt.text(s.release_year), lambda s: s.release_year),
        row("status", "Status", lambda s: fmt.status(s, today), lambda s: str(s.status)),
        row("confidence", "Confidence", lambda s: str(s.confidence), lambda s: str(s.confidence)),
    )
    return Comparison(tuple(shoes), rows, weight, price, _caveats(shoes, weight, price, weights, size), size)


def fmt_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def _delta_value(ranking: Ranking, shoe_id: str) -> float | None:
    for delta in ranking.deltas:
        if delta.shoe_id == shoe_id:
            return round(delta.delta, 2)
    return None


def _caveats(
    shoes: Sequence[Shoe], weight: Ranking, price: Ranking, weights: dict[str, WeightAt | None], size: Size
) -> tuple[str, ...]:
    notes = []
    if weight.deltas:
        ranked = [weights[d.shoe_id] for d in weight.deltas]
        if any(w is not None and w.estimated for w in ranked):
            notes.append(
                f"Weights marked est. are estimated at {size.long} from the size they were measured at "
                "(+2.6% per half size, RunRepeat's published rate)."
            )
        unstated = [d.shoe_id for d in weight.deltas if (w := weights[d.shoe_id]) is not None and not w.comparable]
        if unstated:
            notes.append(
                f"Size not stated, so not estimated (compared as measured; treat the difference as "
                f"approximate): {', '.join(unstated)}."
            )
        bounded = [d.shoe_id for d in weight.deltas if d.at_least]
        if bounded:
            notes.append(f"Known only as a lower bound, but above the lightest, so heavier: {', '.join(bounded)}.")
    if price.deltas:
        years = sorted({s.msrp.year for s in shoes if s.msrp})
        if len(years) > 1:
            notes.append(
                f"Prices are from different years ({', '.join(map(str, years))}); "
                "they are list prices of their time, not today's."
            )
    for ranking, what in ((weight, "weight"), (price, "price")):
        if not ranking.deltas:
            notes.append(f"Not compared on {what}: it is known for fewer than two of these models.")
        elif ranking.not_compared:
            notes.append(f"Not compared on {what} (unknown or only a lower bound): {', '.join(ranking.not_compared)}.")
    return tuple(notes)
