"""One straight line answering "is it US-made?" from origin, origin basis, label and domestic content.

Pure domain module (no I/O, no typer, no rich). The answers live in one table, RULES: the first
row whose condition holds gives the answer and its wording; the basis, when the catalog records
it, is added in brackets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..brands import is_new_balance
from ..models import Origin, OriginBasisKind, Shoe, Vocabulary


class Answer(Vocabulary):
    MADE = "made-in-usa"  # sold as made in the USA
    QUALIFIED = "made-in-usa-qualified"  # made in the USA with imported parts, said so on the label
    ASSEMBLED = "assembled-in-usa"
    IMPORTED = "imported"
    NO_EVIDENCE = "no-evidence"  # a US-made claim exists somewhere, but nothing supports it
    UNKNOWN = "unknown"


class Verdict(NamedTuple):
    answer: Answer
    text: str  # the one line people read
    basis_kind: str | None  # how the origin is known (OriginBasisKind value), when recorded


def _new_balance(shoe: Shoe) -> bool:
    return is_new_balance(shoe.brand)


def _qualified_label(shoe: Shoe) -> bool:
    label = (shoe.label or "").lower()
    return any(word in label for word in ("imported", "foreign", "domestic and", "global"))


def _pct(shoe: Shoe) -> float | None:
    return shoe.domestic_content_min_pct


# (condition, answer, wording). Wording may use {pct}; first match wins.
RULES: tuple[tuple[Callable[[Shoe], bool], Answer, str], ...] = (
    (
        lambda s: s.origin is Origin.MADE_IN_USA and _qualified_label(s),
        Answer.QUALIFIED,
        "Made in USA with imported parts (a qualified claim: not all or virtually all US)",
    ),
    (
        lambda s: s.origin is Origin.MADE_IN_USA and (_pct(s) or 0) >= 100,
        Answer.MADE,
        "Made in USA (100% domestic content recorded)",
    ),
    (
        lambda s: s.origin is Origin.MADE_IN_USA and _new_balance(s),
        Answer.MADE,
        "Made in USA (New Balance's ≥70% domestic-value policy; the FTC standard is all or virtually all)",
    ),
    (
        lambda s: s.origin is Origin.MADE_IN_USA and _pct(s) is not None,
        Answer.MADE,
        "Made in USA (at least {pct}% domestic content claimed; the FTC standard is all or virtually all)",
    ),
    (lambda s: s.origin is Origin.MADE_IN_USA, Answer.MADE, "Made in USA"),
    (lambda s: s.origin is Origin.ASSEMBLED_IN_USA, Answer.ASSEMBLED, "Assembled in USA from imported parts"),
    (lambda s: s.origin is Origin.IMPORTED, Answer.IMPORTED, "Imported"),
    # Origin unknown but a basis recorded: the basis explains why a claim does not hold.
    (
        lambda s: s.origin is None and s.origin_basis is not None,
        Answer.NO_EVIDENCE,
        "No evidence it is made in the USA",
    ),
    (lambda s: True, Answer.UNKNOWN, "Unknown: no source settles it"),
)

_BASIS_WORDS = {
    OriginBasisKind.MAKER_LABEL: "the maker's label",
    OriginBasisKind.MAKER_STATEMENT: "the maker's statement",
    OriginBasisKind.RETAILER: "a retailer",
    OriginBasisKind.PRESS: "press reports",
    OriginBasisKind.REVIEW: "a review",
    OriginBasisKind.INFERENCE: "an inference",
}


def verdict(shoe: Shoe) -> Verdict:
    """The first RULES row that holds, with the origin basis added where the catalog records it."""
    answer, wording = next((answer, wording) for condition, answer, wording in RULES if condition(shoe))
    pct = _pct(shoe)
    text = wording.format(pct=f"{pct:g}" if pct is not None else "")
    basis = shoe.origin_basis
    if basis is not None:
        detail = basis.detail.strip().rstrip(".")
        if answer is Answer.NO_EVIDENCE:
            text = f"{text} ({detail})" if detail else text
        else:
            text = f"{text}; basis: {_BASIS_WORDS[basis.kind]}" + (f" ({detail})" if detail else "")
    return Verdict(answer, text, str(basis.kind) if basis else None)


def verdict_json(result: Verdict) -> dict[str, str | None]:
    return {"answer": str(result.answer), "text": result.text, "basis_kind": result.basis_kind}
