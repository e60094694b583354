"""Shoe sizes, and weights estimated at one size so they can be compared (pure: no I/O, no typer, no rich).

A weight measured at one size is estimated at another with RunRepeat's published rate: they
weighed 40+ pairs across sizes and found about +2.6% per half size
(https://runrepeat.com/uk/guides/how-much-does-the-weight-vary-across-different-running-shoe-sizes).
The rate compounds per half size. A weight whose size or sizing line (men's / women's) is not
stated is never estimated: it is used as measured and flagged.

Women's sizes are compared with men's by a convention, not a measurement: US women's size ≈
men's size + 1.5 (a women's 8 is taken as a men's 6.5). Unisex sizes are read as men's.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .models import GRAMS_PER_OUNCE, Line, Shoe, Weight

RATE_PER_HALF_SIZE = 0.026  # RunRepeat, see the module docstring
WOMENS_OFFSET = 1.5  # convention: US women's size = men's size + 1.5
DEFAULT_SIZE_TEXT = "M9"


class Size(NamedTuple):
    """A US size on one sizing line."""

    line: Line
    value: float

    @property
    def mens(self) -> float:
        """The men's-equivalent size (women's by the WOMENS_OFFSET convention)."""
        return self.value - WOMENS_OFFSET if self.line is Line.WOMEN else self.value

    @property
    def short(self) -> str:
        """'M9', 'W8', 'U10.5'."""
        return f"{self.line.value[0].upper()}{_num(self.value)}"

    @property
    def long(self) -> str:
        return {Line.MEN: "men's", Line.WOMEN: "women's", Line.UNISEX: "unisex"}[self.line] + f" US {_num(self.value)}"


def _num(value: float) -> str:
    return f"{value:g}"


DEFAULT_SIZE = Size(Line.MEN, 9.0)

_LINE_WORDS = {
    "m": Line.MEN,
    "men": Line.MEN,
    "mens": Line.MEN,
    "men's": Line.MEN,
    "man": Line.MEN,
    "w": Line.WOMEN,
    "women": Line.WOMEN,
    "womens": Line.WOMEN,
    "women's": Line.WOMEN,
    "woman": Line.WOMEN,
    "wmns": Line.WOMEN,
    "u": Line.UNISEX,
    "unisex": Line.UNISEX,
}
_SIZE = re.compile(
    r"^\s*(?:(?P<line>m|w|u|men'?s|women'?s|men|women|unisex|wmns)\s*[.,]?\s*)?"
    r"(?:us\s*)?(?P<value>\d{1,2}(?:\.5|\.0)?)\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def parse_size(text: str | None, line: Line | None = None) -> Size | None:
    """A Size from 'men's US 9', 'men's 9', 'women's US 8', 'US 10.5', 'M9' (line from `line` if the
    text has none); None when the size or the line is not stated."""
    if not text:
        return None
    match = _SIZE.match(text.replace("\u2019", "'"))
    if not match:
        return None
    word = (match["line"] or "").lower()
    found = _LINE_WORDS.get(word) if word else None
    if found is not None and line is not None and found is not line:
        return None  # the text and the line disagree: don't guess
    chosen = found or line
    value = float(match["value"])
    if chosen is None or not 1 <= value <= 20:
        return None
    return Size(chosen, value)


def parse_size_option(text: str) -> Size:
    """--size: 'M9', 'W8', "men's 10.5", 'US 9', '9' (a bare size is men's); ValueError otherwise."""
    size = parse_size(text, None) or parse_size(text, Line.MEN)
    if size is None:
        raise ValueError(f"{text!r} is not a US shoe size; use e.g. M9, W8, \"men's 10.5\" or 9 (men's)")
    return size


class WeightAt(NamedTuple):
    """A measured weight and what it is at the size weights are compared at."""

    measured: Weight
    target: Size
    measured_size: Size | None  # None: size or line not stated
    grams: float  # comparable value: estimated at target, or the measured one when not estimable
    estimated: bool  # grams is an estimate from another size
    comparable: bool  # measured at the target size, or estimated to it

    @property
    def ounces(self) -> float:
        return self.grams / GRAMS_PER_OUNCE

    @property
    def at_least(self) -> bool:
        return self.measured.at_least

    @property
    def across_lines(self) -> bool:
        """Estimated between women's and men's (or unisex) sizes: by the WOMENS_OFFSET convention."""
        measured = self.measured_size
        return (
            measured is not None
            and Line.WOMEN in (measured.line, self.target.line)
            and measured.line is not self.target.line
        )


def weight_at(weight: Weight | None, target: Size = DEFAULT_SIZE) -> WeightAt | None:
    """The weight at `target`: estimated when measured at another stated size, else as measured."""
    if weight is None:
        return None
    measured = parse_size(weight.size, weight.line)
    if measured is None:
        return WeightAt(weight, target, None, weight.grams, False, False)
    half_sizes = round((target.mens - measured.mens) * 2)
    if half_sizes == 0:
        return WeightAt(weight, target, measured, weight.grams, False, True)
    return WeightAt(weight, target, measured, weight.grams * (1 + RATE_PER_HALF_SIZE) ** half_sizes, True, True)


def comparable_grams(shoe: Shoe, target: Size = DEFAULT_SIZE) -> float | None:
    """For sorting and comparing: the estimate at target, else the measured grams; None if unknown."""
    at = weight_at(shoe.weight, target)
    return None if at is None else at.grams
