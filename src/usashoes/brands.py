"""Brand names: the one table of short names people type for a brand ("nb" is New Balance).

query (--brand), matching (model names like "nb 990v5"), completion and the New Balance
policy checks in explain all read it here.
"""

from __future__ import annotations

from functools import lru_cache

# Short name -> the brand, lower case, words separated by one space.
ABBREVIATIONS: dict[str, str] = {"nb": "new balance", "sas": "sas"}
NEW_BALANCE = ABBREVIATIONS["nb"]


@lru_cache(maxsize=16)  # called once per model with the same query: normalise it once
def expand(query: str) -> str:
    """A --brand query with a short name replaced by its brand: 'NB' -> 'new balance'."""
    wanted = " ".join(query.lower().split())
    return ABBREVIATIONS.get(wanted, wanted)


def abbreviations_of(brand: str) -> set[str]:
    """The table's short names for brand: 'New Balance' -> {'nb'}."""
    name = " ".join(brand.lower().split())
    return {short for short, full in ABBREVIATIONS.items() if full == name}


def is_new_balance(brand: str) -> bool:
    """New Balance's own 70% "domestic value" policy decides its labels ("New-Balance" too)."""
    return brand.strip().lower().replace("-", " ") == NEW_BALANCE
