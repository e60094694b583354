"""The sentences of the domain's results: verdicts, comparisons, recommendations, --like.

The domain (compare, recommend, like, explain.verdict) returns numbers, enums and ids; every
human sentence made from them is written here, once, for every format. No rich here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from ..caveats import Caveat, CaveatKind
from ..explain.verdict import Grounds, Verdict
from ..models import OriginBasisKind
from . import human as fmt

if TYPE_CHECKING:  # compare and recommend load only with the commands that use them
    from ..compare import Delta, Mark, Row
    from ..sizes import Size

# --- verdicts ----------------------------------------------------------------------------------
_GROUNDS = {
    Grounds.QUALIFIED_LABEL: "Made in USA with imported parts (a qualified claim: not all or virtually all US)",
    Grounds.FULL_CONTENT: "Made in USA (100% domestic content recorded)",
    Grounds.NEW_BALANCE_POLICY: (
        "Made in USA (New Balance's ≥70% domestic-value policy; the FTC standard is all or virtually all)"
    ),
    Grounds.CLAIMED_SHARE: (
        "Made in USA (at least {pct}% domestic content claimed; the FTC standard is all or virtually all)"
    ),
    Grounds.CLAIM: "Made in USA",
    Grounds.ASSEMBLED: "Assembled in USA from imported parts",
    Grounds.IMPORTED: "Imported",
    Grounds.NO_EVIDENCE: "No evidence it is made in the USA",
    Grounds.UNKNOWN: "Unknown: no source settles it",
}

_BASIS_WORDS = {
    OriginBasisKind.MAKER_LABEL: "the maker's label",
    OriginBasisKind.MAKER_STATEMENT: "the maker's statement",
    OriginBasisKind.RETAILER: "a retailer",
    OriginBasisKind.PRESS: "press reports",
    OriginBasisKind.REVIEW: "a review",
    OriginBasisKind.INFERENCE: "an inference",
}


def verdict_text(result: Verdict) -> str:
    """The one line people read: the answer, and the basis in brackets when the catalog records it."""
    pct = result.pct
    text = _GROUNDS[result.grounds].format(pct=f"{pct:g}" if pct is not None else "")
    basis = result.basis
    if basis is not None:
        detail = basis.detail.strip().rstrip(".")
        if result.grounds is Grounds.NO_EVIDENCE:
            text = f"{text} ({detail})" if detail else text
        else:
            text = f"{text}; basis: {_BASIS_WORDS[basis.kind]}" + (f" ({detail})" if detail else "")
    return text


def verdict_json(result: Verdict) -> dict[str, Any]:
    return {"answer": str(result.answer), "text": verdict_text(result), "basis_kind": result.basis_kind}


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
