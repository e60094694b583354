"""Numbers as text where rounding would change the claim (pure, import-free but for decimal)."""

from __future__ import annotations

from decimal import Decimal


def at_least(value: float) -> str:
    """A claimed minimum, never rounded up: 99.99999 -> '99.99999' (never '100'), 70.0 -> '70'.

    The catalog's own digits (Python's shortest repr of the float) in positional notation.
    """
    text = f"{Decimal(repr(float(value))):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def rest_of_100(value: float) -> str:
    """100 - value exactly, in the catalog's digits: 99.99999 -> '0.00001' (not 1.0000000000031e-05)."""
    text = f"{Decimal(100) - Decimal(repr(float(value))):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
