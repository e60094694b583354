"""The sentences of the domain's results: comparisons, recommendations, --like (verdicts: verdicts.py).

The domain (compare, recommend, like, explain.verdict) returns numbers, enums and ids; every
human sentence made from them is written here, once, for every format. No rich here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from ..caveats import Caveat, CaveatKind
from ..models import GRAMS_PER_OUNCE, Shoe
from ..sizes import Size, weight_at
from . import human as fmt

if TYPE_CHECKING:  # compare, recommend and like load only with the commands that use them
    from ..compare import Delta, Mark, Row
    from ..needs import Check
    from ..recommend import Likeness, NearMiss, Pick, Recommendation


# --- caveats -----------------------------------------------------------------------------------
def _ids(caveat: Caveat) -> str:
    return ", ".join(caveat.ids)


def _size_long(caveat: Caveat) -> str:
    return caveat.size.long if caveat.size else ""


_PRICE_YEARS = "Prices are from different years ({years}); they are list prices of their time, not today's."
_COMPARE_CAVEATS: dict[CaveatKind, Callable[[Caveat], str]] = {
    CaveatKind.ESTIMATED_WEIGHTS: lambda c: (
        f"Weights marked est. are estimated at {_size_long(c)} from the size they were measured at "
        "(+2.6% per half size, RunRepeat's published rate)."
    ),
    CaveatKind.UNSTATED_SIZES: lambda c: (
        f"Size not stated, so not estimated (compared as measured; treat the difference as approximate): {_ids(c)}."
    ),
    CaveatKind.LOWER_BOUNDS: lambda c: f"Known only as a lower bound, but above the lightest, so heavier: {_ids(c)}.",
    CaveatKind.PRICE_YEARS: lambda c: _PRICE_YEARS.format(years=", ".join(map(str, c.years))),
    CaveatKind.NOT_COMPARED: lambda c: f"Not compared on {c.measure}: it is known for fewer than two of these models.",
    CaveatKind.PARTLY_COMPARED: lambda c: f"Not compared on {c.measure} (unknown or only a lower bound): {_ids(c)}.",
}
_RECOMMEND_CAVEATS: dict[CaveatKind, Callable[[Caveat], str]] = {
    CaveatKind.ESTIMATED_WEIGHTS: lambda c: (
        f"Weights marked est. are estimated at {_size_long(c)} from another size (+2.6% per half size, RunRepeat)."
    ),
    CaveatKind.UNSTATED_SIZES: lambda c: "Weights whose size is not stated are shown as measured, not estimated.",
    CaveatKind.PRICE_YEARS: _COMPARE_CAVEATS[CaveatKind.PRICE_YEARS],
}


def compare_caveat(caveat: Caveat) -> str:
    return _COMPARE_CAVEATS[caveat.kind](caveat)


def recommend_caveat(caveat: Caveat) -> str:
    return _RECOMMEND_CAVEATS[caveat.kind](caveat)


# --- compare -----------------------------------------------------------------------------------
_ROW_LABELS = {
    "brand": "Brand",
    "origin": "Origin",
    "label": "Label wording",
    "made_in": "Made in",
    "domestic_content": "Domestic content",
    "weight": "Weight",
    "weight_est": "Weight at {size}",
    "weight_delta": "Weight vs lightest",
    "msrp": "MSRP",
    "price_delta": "Price vs cheapest",
    "launch_price": "Launch price",
    "drop_mm": "Drop",
    "stack": "Stack",
    "widths": "Widths",
    "activities": "Activities",
    "support": "Support",
    "midsole": "Midsole",
    "release_year": "Released",
    "status": "Status",
    "successor": "Superseded by",
    "availability": "Availability",
    "confidence": "Confidence",
}


def row_label(row: Row, size: Size) -> str:
    return _ROW_LABELS[row.field].format(size=size.short)


def _standing(cell: Mark | Delta | None, amount: Callable[[float], str]) -> str:
    """'lightest', '+25 g (+8.1%)', 'more than +12 g (+3%): heavier'."""
    if cell is None:
        return fmt.UNKNOWN
    if isinstance(cell, str):  # a Mark: this model is the lightest (cheapest)
        return str(cell)
    if cell.at_least:
        return f"more than {amount(cell.delta)} (+{fmt.number(cell.delta_pct)}%): heavier"
    return f"{amount(cell.delta)} (+{fmt.number(cell.delta_pct)}%)"


def _cell_writers(today: date | None) -> dict[str, Callable[[Any], str]]:
    return {
        "brand": str,
        "domestic_content": lambda cell: fmt.domestic_short(*cell),
        "weight": lambda cell: fmt.weight(cell, with_size=True),
        "weight_est": fmt.weight_estimate,
        "weight_delta": lambda cell: _standing(cell, lambda grams: f"+{fmt.number(grams, 0)} g"),
        "msrp": lambda cell: fmt.price(cell, today),
        "price_delta": lambda cell: _standing(cell, lambda usd: f"+{fmt.usd(usd)}"),
        "launch_price": lambda cell: fmt.price(cell, launch=True),
        "drop_mm": fmt.millimetres,
        "stack": lambda cell: fmt.stack_mm(*cell),
        "widths": fmt.per_line,
        "activities": lambda cell: fmt.text(tuple(map(str, cell))),
        "status": lambda cell: fmt.status_as_of(cell[0], cell[1], today),
        "availability": lambda cell: fmt.availability_as_of(cell[0], cell[1], today),
        "confidence": str,
    }


def row_cells(row: Row, today: date | None) -> tuple[str, ...]:
    """A compare row in words, one cell per model (origin, label and the rest: as text, — if unknown)."""
    write = _cell_writers(today).get(row.field, fmt.text)
    return tuple(write(cell) for cell in row.cells)


def marked_cells(row: Row, today: date | None) -> tuple[str, ...]:
    """The cells with their mark: '340 g (lightest)'."""
    return tuple(
        cell + (f" ({mark.value})" if mark.value else "")
        for cell, mark in zip(row_cells(row, today), row.marks, strict=True)
    )


# --- recommend ---------------------------------------------------------------------------------
# The option that relaxes each need (by Need value): advice names it, JSON carries it.
OPTION = {
    "activity": "--activity",
    "support": "--support",
    "price": "--max-price",
    "weight": "--max-weight",
    "width": "--width",
    "drop": "--max-drop",
    "size": "--size",
    "status": "--status (or --any-status)",
    "origin": "--origin",
    "brand": "--brand",
}


def _grams(grams: float) -> str:
    return f"{fmt.number(grams / GRAMS_PER_OUNCE)} oz / {fmt.number(grams, 0)} g"


def _mm(mm: float) -> str:
    return f"{fmt.number(mm)} mm"


def needs_pairs(result: Recommendation) -> tuple[tuple[str, str], ...]:
    """(need, value) pairs as given, for the report; --like's reference model first."""
    needs = result.needs
    pairs: list[tuple[str, str]] = []
    if result.like is not None:
        pairs.append(("like", _like_description(result.like, result.size)))
    if needs.activities:
        pairs.append(("activity", ", ".join(sorted(map(str, needs.activities)))))
    if needs.support is not None:
        pairs.append(("support", str(needs.support)))
    if needs.max_usd is not None:
        pairs.append(("price", f"at most {fmt.usd(needs.max_usd)}"))
    if needs.max_grams is not None:
        pairs.append(("weight", f"at most {_grams(needs.max_grams)} at {needs.size.short}"))
    if needs.width is not None:
        pairs.append(("width", needs.width))
    if needs.max_drop is not None:
        pairs.append(("drop", f"at most {_mm(needs.max_drop)}"))
    if needs.size_given:
        pairs.append(("size", needs.size.short))
    if needs.statuses:
        pairs.append(("status", ", ".join(sorted(map(str, needs.statuses)))))
    pairs.append(("origin", " before ".join(map(str, needs.origins))))
    return tuple(pairs)


def _like_description(like: Shoe, size: Size) -> str:
    """'New Balance 990v5 (nb-990v5): activity running; weight ...; price $185 (2025)'."""
    at = weight_at(like.weight, size)
    known = [
        f"{name} {value}"
        for name, value in (
            ("activity", ", ".join(map(str, like.activities)) or None),
            ("support", like.support),
            ("weight", fmt.weight_estimate(at) if at else None),
            ("drop", _mm(like.drop_mm) if like.drop_mm is not None else None),
            ("price", fmt.price(like.msrp) if like.msrp else None),
        )
        if value
    ]
    return f"{like.display_name} ({like.id}): " + ("; ".join(known) or "no attributes known")


def _activities(values: Iterable[object]) -> str:
    return ", ".join(map(str, values))


def _check_activity(c: Check) -> str:
    if c.outcome.value == "unknown":
        return "activity not on file"
    if c.outcome.value == "met":
        return f"activity: {_activities(c.shoe.activities)}"
    return f"made for {_activities(c.shoe.activities)}, not {_activities(c.wanted)}"


def _check_support(c: Check) -> str:
    if c.outcome.value == "unknown":
        return "support not on file"
    if c.outcome.value == "met":
        return f"support: {c.shoe.support}"
    return f"support {c.shoe.support}, not {c.wanted}"


def _check_price(c: Check) -> str:
    msrp = c.shoe.msrp
    if c.outcome.value == "unknown" or msrp is None:
        return "price not on file"
    if c.outcome.value == "met":
        return f"price {fmt.price(msrp)}"
    if c.under is not None:
        return f"{fmt.usd(msrp.usd)} ({msrp.year}), {fmt.usd(c.under)} under the minimum"
    return f"{fmt.usd(msrp.usd)} ({msrp.year}), {fmt.usd(c.over or 0)} over budget"


def _check_weight(c: Check) -> str:
    if c.weight is None:
        return "weight not on file"
    shown = fmt.weight_estimate(c.weight)
    if c.outcome.value == "unknown":  # a lower bound under the limit
        return f"weight known only as {shown}: not confirmed"
    if c.outcome.value == "met":
        return f"weight {shown}"
    if c.under is not None:
        return f"{shown}, {fmt.number(c.under, 0)} g under the minimum"
    at_least = "at least " if c.weight.at_least else ""
    return f"{shown}, {at_least}{fmt.number(c.over or 0, 0)} g over"


def _check_width(c: Check) -> str:
    if c.outcome.value == "unknown":
        return "widths not on file"
    if c.outcome.value == "met":
        return f"width {c.wanted} ({', '.join(c.lines)})"
    offered = "; ".join(f"{line}: {', '.join(widths)}" for line, widths in sorted(c.shoe.widths.items()))
    return f"no {c.wanted} width (offered: {offered})"


def _check_drop(c: Check) -> str:
    drop = c.shoe.drop_mm
    if c.outcome.value == "unknown" or drop is None:
        return "drop not on file"
    if c.outcome.value == "met":
        return f"drop {_mm(drop)}"
    if c.under is not None:
        return f"drop {_mm(drop)}, {fmt.number(c.under)} mm under the minimum"
    return f"drop {_mm(drop)}, {fmt.number(c.over or 0)} mm over"


def _check_size(c: Check) -> str:
    if c.outcome.value == "unknown":
        return f"sizes for {c.wanted.short} not on file"
    if c.outcome.value == "met":
        return f"size {c.wanted.short} in range ({', '.join(c.lines)})"
    return f"no {c.wanted.short}: sizes on file are {', '.join(c.lines)}"


def _check_status(c: Check) -> str:
    if c.outcome.value == "unknown":
        return "status not on file"
    as_of = f" (as of {c.shoe.status_as_of})" if c.shoe.status_as_of else ""
    return f"{c.shoe.status}{as_of}"


def _check_origin(c: Check) -> str:
    return "origin not on file" if c.shoe.origin is None else f"origin {c.shoe.origin}"


def _check_brand(c: Check) -> str:
    return f"brand {c.shoe.brand}" if c.outcome.value == "met" else f"brand {c.shoe.brand}, not {c.wanted}"


_CHECKS: dict[str, Callable[[Check], str]] = {
    "origin": _check_origin,
    "brand": _check_brand,
    "activity": _check_activity,
    "support": _check_support,
    "price": _check_price,
    "weight": _check_weight,
    "width": _check_width,
    "drop": _check_drop,
    "size": _check_size,
    "status": _check_status,
}


def check_text(check: Check) -> str:
    """'price $175 (2020)', 'support not known: may fit', '$220 (2025), $20 over budget'."""
    return _CHECKS[check.need.value](check)


def _like_weight(item: Likeness) -> str:
    if item.value is None:
        return "weight not known"
    if item.delta is None:  # a lower bound: not comparable with the reference's weight
        return "weight not comparable"
    word = "heavier" if item.delta > 0 else "lighter"
    pct = fmt.number(abs(item.delta) / item.reference.grams * 100, 0)
    return f"{fmt.number(abs(item.delta), 0)} g {word} ({pct}%) at {item.value.target.short}"


def _like_stack(item: Likeness) -> str:
    if item.same:
        return f"heel stack {_mm(item.value)}"
    if item.value is None:
        return "stack not known"
    if item.delta is None:  # one measured with the insole, the other without
        return f"stack not comparable: {_mm(item.value)} vs {_mm(item.reference)} measured differently"
    return f"heel stack {_mm(item.value)} vs {_mm(item.reference)}"


def _like_price(item: Likeness) -> str:
    if item.value is None:
        return "price not known"
    sign = "+" if (item.delta or 0) > 0 else "-"
    return f"price {fmt.price(item.value)} vs {fmt.price(item.reference)} ({sign}{fmt.usd(abs(item.delta or 0))})"


# (same, differs, not known) for the aspects worded alike; weight and price have their own.
_LIKENESS: dict[str, tuple[Callable[[Any], str], Callable[[Any, Any], str], str]] = {
    "activity": (
        lambda value: f"activity: {_activities(value)}",
        lambda value, reference: f"activity {_activities(value)} vs {_activities(reference)}",
        "activity not known",
    ),
    "support": (
        lambda value: f"support: {value}",
        lambda value, reference: f"support {value} vs {reference}",
        "support not on file",
    ),
    "drop": (
        lambda value: f"drop {_mm(value)}",
        lambda value, reference: f"drop {_mm(value)} vs {_mm(reference)}",
        "drop not known",
    ),
}


def _likeness_text(item: Likeness) -> str:
    aspect = item.aspect.value
    if aspect == "weight":
        return _like_weight(item)
    if aspect == "price":
        return _like_price(item)
    if aspect == "stack":
        return _like_stack(item)
    same, different, not_known = _LIKENESS[aspect]
    if item.same:
        return same(item.value)
    return not_known if item.value is None else different(item.value, item.reference)


def pick_reasons(pick: Pick) -> tuple[str, ...]:
    """Why a pick fits: what it shares with the --like model, then the needs it meets."""
    return (*map(_likeness_text, pick.alike), *map(check_text, pick.reasons))


def differs(pick: Pick) -> tuple[str, ...]:
    return tuple(map(_likeness_text, pick.differs))


def unknowns(pick_or_miss: Pick | NearMiss) -> tuple[str, ...]:
    return tuple(map(check_text, pick_or_miss.unknowns))


def advice_text(result: Recommendation) -> str | None:
    """When nothing fits: which need to relax, and the closest value it ruled out."""
    advice = result.advice
    if advice is None:
        return None
    origins = " or ".join(map(str, result.needs.origins))
    if advice.candidates == 0:
        return f"The catalog has no {origins} models."
    if advice.need is None:
        return "Nothing fits."
    need = advice.need.value
    hint = ""
    if advice.closest is not None and need in _CLOSEST:
        words, show = _CLOSEST[need]
        hint = f" ({words} {show(advice.closest)})"
    return (
        f"Nothing fits every need. {need.capitalize()} ruled out the most: {advice.ruled_out} of the "
        f"{advice.candidates} {origins} models. Try relaxing {OPTION[need]}{hint}."
    )


_CLOSEST: dict[str, tuple[str, Callable[[float], str]]] = {
    "price": ("the cheapest it ruled out costs", fmt.usd),
    "weight": ("the lightest it ruled out weighs", _grams),
    "drop": ("the lowest drop it ruled out is", _mm),
}


# --- the answer's frame: bottom line first, what was left out, what to check -----------------
BEFORE_YOU_BUY = (
    "Before you buy: check the origin on the tongue label and the box, try the size, "
    "and read prices as list prices of their year."
)
MAX_LEFT_OUT_NAMED = 2  # the left-out line names this many; JSON lists every one


def bottom_line(result: Recommendation) -> str:
    """The first line of every answer: the best confirmed pick and why, or that none is confirmed."""
    if result.like is not None:  # --like: nearness on what is on file, never "meets every need"
        like = fmt.one_line(result.like.display_name)
        if not result.picks:
            return f"Bottom line: no buyable US-made model can be compared with the {like} on what is on file."
        best = result.picks[0]
        gap = "; ".join(differs(best))
        return (
            f"Bottom line: closest to the {like} on what is on file: {fmt.one_line(best.shoe.display_name)} "
            f"({best.shoe.id})" + (f"; differs: {gap}." if gap else ", alike in every aspect compared.")
        )
    confirmed = [pick for pick in result.picks if pick.confirmed]
    if confirmed:
        best = confirmed[0]
        why = "; ".join(pick_reasons(best))
        return f"Bottom line: {fmt.one_line(best.shoe.display_name)} ({best.shoe.id}) meets every need on file" + (
            f": {why}." if why else "."
        )
    if result.picks:
        best = result.picks[0]
        return (
            f"Bottom line: no model is confirmed to meet every need. Closest: {fmt.one_line(best.shoe.display_name)} "
            f"({best.shoe.id}); check {', '.join(unknowns(best))}."
        )
    if result.near_misses:
        miss = result.near_misses[0]
        return (
            f"Bottom line: nothing meets every need. Closest: {fmt.one_line(miss.shoe.display_name)} "
            f"({miss.shoe.id}), which misses {miss.need}: {check_text(miss.miss)}."
        )
    return "Bottom line: nothing the catalog offers fits these needs."


def left_out_text(result: Recommendation) -> str | None:
    """One line: which US-made models were not offered because they cannot be bought new."""
    if not result.left_out:
        return None
    # One example per kind of reason (resale only, superseded ...), the JSON lists every model.
    examples: dict[str, str] = {}
    for shoe, reason in result.left_out:
        examples.setdefault(reason.split(" by ")[0].split(" since ")[0], f"{shoe.id} {reason}")
    named = "; ".join(list(examples.values())[:MAX_LEFT_OUT_NAMED])
    count = len(result.left_out)
    return (
        f"Left out, not buyable new: {count} model{'s' if count != 1 else ''} (e.g. {named}); "
        "--any-status brings them back."
    )


def not_comparable_text(result: Recommendation) -> str | None:
    if result.like is None:
        return None
    compared = ", ".join(result.compared) or "nothing (the reference model has too little on file)"
    text = f"Compared with {result.like.id} on: {compared}."
    if result.not_comparable:
        ids = ", ".join(shoe.id for shoe in result.not_comparable)
        text += f" Not comparable (too little on file): {ids}."
    return text


def band(pick: Pick) -> str:
    return "confirmed" if pick.confirmed else "unverified"


def closing_notes(result: Recommendation) -> list[str]:
    """The lines every format ends the answer with: what was compared or left out, what to check."""
    return [text for text in (not_comparable_text(result), left_out_text(result), BEFORE_YOU_BUY) if text]
