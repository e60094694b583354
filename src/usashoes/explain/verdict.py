"""One straight line answering "is it US-made?" from origin, origin basis, label and domestic content.

Pure (no I/O, no typer, no rich, no wording). The answers live in one table, RULES: the first
row whose condition holds gives the answer and its grounds; output/wording.py says it in words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..brands import is_new_balance
from ..models import Origin, OriginBasis, Shoe, Vocabulary


class Answer(Vocabulary):
    MADE = "made-in-usa"  # sold as made in the USA
    QUALIFIED = "made-in-usa-qualified"  # made in the USA with imported parts, said so on the label
    ASSEMBLED = "assembled-in-usa"
    IMPORTED = "imported"
    NO_EVIDENCE = "no-evidence"  # a US-made claim exists somewhere, but nothing supports it
    UNKNOWN = "unknown"


class Grounds(Vocabulary):
    """Which RULES row gave the answer: the wording for people is output's (output/wording.py)."""

    QUALIFIED_LABEL = "qualified-label"  # the label itself says imported parts
    FULL_CONTENT = "full-content"  # 100% domestic content recorded
    NEW_BALANCE_POLICY = "new-balance-policy"  # New Balance's own ≥70% domestic-value policy
    CLAIMED_SHARE = "claimed-share"  # a minimum domestic share is claimed
    CLAIM = "claim"  # sold as made in the USA, nothing more recorded
    ASSEMBLED = "assembled"
    IMPORTED = "imported"
    NO_EVIDENCE = "no-evidence"
    UNKNOWN = "unknown"


class Verdict(NamedTuple):
    answer: Answer
    grounds: Grounds
    pct: float | None  # the claimed minimum domestic share, when recorded
    basis: OriginBasis | None  # how the origin is known, when recorded

    @property
    def basis_kind(self) -> str | None:
        return str(self.basis.kind) if self.basis else None


def _new_balance(shoe: Shoe) -> bool:
    return is_new_balance(shoe.brand)


def _qualified_label(shoe: Shoe) -> bool:
    label = (shoe.label or "").lower()
    return any(word in label for word in ("imported", "foreign", "domestic and", "global"))


def _pct(shoe: Shoe) -> float | None:
    return shoe.domestic_content_min_pct


# (condition, answer, grounds); first match wins.
RULES: tuple[tuple[Callable[[Shoe], bool], Answer, Grounds], ...] = (
    (lambda s: s.origin is Origin.MADE_IN_USA and _qualified_label(s), Answer.QUALIFIED, Grounds.QUALIFIED_LABEL),
    (lambda s: s.origin is Origin.MADE_IN_USA and (_pct(s) or 0) >= 100, Answer.MADE, Grounds.FULL_CONTENT),
    (lambda s: s.origin is Origin.MADE_IN_USA and _new_balance(s), Answer.MADE, Grounds.NEW_BALANCE_POLICY),
    (lambda s: s.origin is Origin.MADE_IN_USA and _pct(s) is not None, Answer.MADE, Grounds.CLAIMED_SHARE),
    (lambda s: s.origin is Origin.MADE_IN_USA, Answer.MADE, Grounds.CLAIM),
    (lambda s: s.origin is Origin.ASSEMBLED_IN_USA, Answer.ASSEMBLED, Grounds.ASSEMBLED),
    (lambda s: s.origin is Origin.IMPORTED, Answer.IMPORTED, Grounds.IMPORTED),
    # Origin unknown but a basis recorded: the basis explains why a claim does not hold.
    (lambda s: s.origin is None and s.origin_basis is not None, Answer.NO_EVIDENCE, Grounds.NO_EVIDENCE),
    (lambda s: True, Answer.UNKNOWN, Grounds.UNKNOWN),
)


def verdict(shoe: Shoe) -> Verdict:
    """The first RULES row that holds, with the origin basis where the catalog records it."""
    answer, grounds = next((answer, grounds) for condition, answer, grounds in RULES if condition(shoe))
    return Verdict(answer, grounds, _pct(shoe), shoe.origin_basis)
