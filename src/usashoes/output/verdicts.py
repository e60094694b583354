"""The verdict line in words: "US-made? Made in USA (...); basis: the maker's label (...)".

explain.verdict decides the answer and its grounds; this says it, once, for every format.
"""

from __future__ import annotations

from typing import Any

from ..explain.verdict import Grounds, Verdict
from ..models import OriginBasisKind
from ..numbers import at_least

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
    text = _GROUNDS[result.grounds].format(pct=at_least(pct) if pct is not None else "")
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
