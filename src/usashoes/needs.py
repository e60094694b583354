"""What a buyer asks for, and whether a shoe meets it (pure: no I/O, no typer, no rich).

One parse per option (the user's text to a typed value, or a ValueError naming the value and
what is valid) and one judgement per need against a Shoe: met, missed, or unknown (the catalog
does not know the value). `list`, `filter` and `search` keep the models that meet every need
given; `recommend` bands them (confirmed: all met; unverified: none missed, some unknown; near
miss: one missed) and ranks them. Both read the same judgement, so they cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from . import brands
from .errors import short
from .models import GRAMS_PER_OUNCE, Activity, Origin, Shoe, Status, Support, Vocabulary
from .sizes import DEFAULT_SIZE, Size, WeightAt, weight_at

UNKNOWN_ORIGIN = "unknown"  # --origin unknown: entries whose origin the catalog doesn't know


def origin_choices() -> list[str]:
    return [*Origin.values(), UNKNOWN_ORIGIN]


def origin_of(shoe: Shoe) -> str:
    """The shoe's origin as --origin spells it: an Origin value, or UNKNOWN_ORIGIN."""
    return str(shoe.origin) if shoe.origin else UNKNOWN_ORIGIN


# --- parsing: the user's text to a typed need ----------------------------------------------------
_WEIGHT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(oz|g)?\s*$", re.IGNORECASE)
_PRICE = re.compile(r"^\s*\$?\s*(\d+(?:\.\d+)?)\s*(usd)?\s*$", re.IGNORECASE)
_DROP = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm)?\s*$", re.IGNORECASE)
_WIDTH = re.compile(r"\s*(\d?[A-Za-z]{1,4}|[A-Za-z]+(?: [A-Za-z]+)?)\s*")

# A limit above this is no limit a shoe could meet or miss; refused so that 400 digits never
# become float('inf') (shown as "$inf") or a 300-digit number in a message.
MAX_LIMIT = 1_000_000
MAX_BRAND = 100  # characters; the longest brand in the catalog is about 20


def _bounded(number: str, text: str, unit: str) -> float:
    value = float(number)
    if not value <= MAX_LIMIT:  # also catches inf
        raise ValueError(f"{short(text)!r} is too large; use a number up to {MAX_LIMIT:,} ({unit})")
    return value


def parse_weight(text: str) -> float:
    """Grams from '13.5', '13.5oz' or '380g' (a bare number is ounces); ValueError otherwise."""
    match = _WEIGHT.match(text)
    if not match:
        raise ValueError(f"{short(text)!r} is not a weight; use ounces or grams, e.g. 13.5, 13.5oz or 380g")
    unit = (match[2] or "oz").lower()
    value = _bounded(match[1], text, "ounces" if unit == "oz" else "grams")
    return value * GRAMS_PER_OUNCE if unit == "oz" else value


def parse_price(text: str) -> float:
    """US dollars from '200', '$200', '199.99' or '200usd'; ValueError otherwise."""
    match = _PRICE.match(text)
    if not match:
        raise ValueError(f"{short(text)!r} is not a price in US dollars, e.g. 200 or 199.99")
    return _bounded(match[1], text, "US dollars")


def parse_drop(text: str) -> float:
    """Millimetres from '8' or '8mm'; ValueError otherwise."""
    match = _DROP.match(text)
    if not match:
        raise ValueError(f"{short(text)!r} is not a drop in millimetres, e.g. 8 or 8mm")
    return _bounded(match[1], text, "millimetres")


def parse_width(text: str) -> str:
    """A width as shoe makers write it: '4E', '2E', 'D', 'B', 'EEEE', 'wide'; ValueError otherwise.

    Kept as written (the answer echoes it); width_key is how it is compared."""
    if not _WIDTH.fullmatch(text):
        raise ValueError(f"{short(text)!r} is not a width; use e.g. D, 2E, 4E, B or wide")
    return text.strip()


def parse_brand(text: str) -> str:
    """--brand: refused when longer than any brand could be (120 KB took seconds on a big catalog)."""
    if len(text) > MAX_BRAND:
        raise ValueError(f"{short(text)!r} is {len(text):,} characters long; a brand name has at most {MAX_BRAND}")
    return text


def width_key(text: str) -> str:
    """'4e', ' 4E ', 'EEEE' -> '4E'; 'wide' -> 'WIDE': how widths are compared."""
    key = " ".join(text.split()).upper()
    if key and set(key) == {"E"} and len(key) > 1:
        return f"{len(key)}E"
    if key and set(key) == {"A"} and len(key) > 1:
        return f"{len(key)}A"
    return key


def brand_matches(query: str, brand: str) -> bool:
    """Case-insensitive: the whole brand, a prefix of it ('new'), or a known abbreviation ('nb')."""
    wanted = brands.expand(query)
    return bool(wanted) and brand.lower().startswith(wanted)


# --- the needs, and each one judged against a shoe -------------------------------------------------
class Need(Vocabulary):
    ACTIVITY = "activity"
    SUPPORT = "support"
    PRICE = "price"
    WEIGHT = "weight"
    WIDTH = "width"
    DROP = "drop"
    SIZE = "size"
    STATUS = "status"
    ORIGIN = "origin"
    BRAND = "brand"


class Outcome(Vocabulary):
    MET = "met"
    MISSED = "missed"
    UNKNOWN = "unknown"


class Needs(NamedTuple):
    """Every need is optional (None or empty: not asked); a repeated option accepts any of its values."""

    origins: tuple[str, ...] = ()  # origin_choices() values; recommend ranks by this order
    brand: str | None = None
    activities: frozenset[Activity] = frozenset()
    support: Support | None = None
    statuses: frozenset[Status] = frozenset()
    min_grams: float | None = None
    max_grams: float | None = None  # weights are compared at `size`
    min_usd: float | None = None
    max_usd: float | None = None
    width: str | None = None  # as given; compared by width_key, in any sizing line
    min_drop: float | None = None
    max_drop: float | None = None
    size: Size = DEFAULT_SIZE  # the size weights are compared at
    size_given: bool = False  # the size range on file must include `size` (recommend --size)


class Check(NamedTuple):
    """One need checked against one model; output/wording.py says it ("$220 (2025), $20 over budget")."""

    need: Need
    outcome: Outcome
    shoe: Shoe
    wanted: Any = None  # the need as given, where the answer names it: activities (sorted), Support, width
    over: float | None = None  # a numeric miss of a maximum: by how much (USD, grams, mm)
    weight: WeightAt | None = None  # WEIGHT: the model's weight at the compared size
    lines: tuple[str, ...] = ()  # WIDTH met: the sizing lines that offer the width; SIZE: the ranges
    miss: float = 0.0  # for a miss: how far, relative to the need (0.1 = 10% over); 1.0 if not numeric
    value: float | None = None  # for a numeric miss: the model's value (USD, grams, mm)
    under: float | None = None  # a numeric miss of a minimum: by how much


def _relative(by: float, limit: float) -> float:
    return by / max(limit, 1)  # a limit of 0 is a need nothing (or everything) meets, not a crash


def _judge_range(
    need: Need, shoe: Shoe, value: float | None, low: float | None, high: float | None, **extra: Any
) -> Check:
    """A number against an optional minimum and maximum, both inclusive."""
    if value is None:
        return Check(need, Outcome.UNKNOWN, shoe, **extra)
    if high is not None and value > high:
        over = value - high
        return Check(need, Outcome.MISSED, shoe, over=over, miss=_relative(over, high), value=value, **extra)
    if low is not None and value < low:
        under = low - value
        return Check(need, Outcome.MISSED, shoe, under=under, miss=_relative(under, low), value=value, **extra)
    return Check(need, Outcome.MET, shoe, **extra)


def judge_origin(shoe: Shoe, origins: Sequence[str]) -> Check:
    origin = origin_of(shoe)
    if origin in origins:
        return Check(Need.ORIGIN, Outcome.MET, shoe)
    if origin == UNKNOWN_ORIGIN:
        return Check(Need.ORIGIN, Outcome.UNKNOWN, shoe)
    return Check(Need.ORIGIN, Outcome.MISSED, shoe, miss=1.0)


def _judge_brand(shoe: Shoe, brand: str) -> Check:
    if brand_matches(brand, shoe.brand):
        return Check(Need.BRAND, Outcome.MET, shoe)
    return Check(Need.BRAND, Outcome.MISSED, shoe, brand, miss=1.0)


def _judge_activity(shoe: Shoe, activities: frozenset[Activity]) -> Check:
    if not shoe.activities:
        return Check(Need.ACTIVITY, Outcome.UNKNOWN, shoe)
    if activities.intersection(shoe.activities):
        return Check(Need.ACTIVITY, Outcome.MET, shoe)
    return Check(Need.ACTIVITY, Outcome.MISSED, shoe, tuple(sorted(activities, key=str)), miss=1.0)


def _judge_support(shoe: Shoe, support: Support) -> Check:
    if shoe.support is None:
        return Check(Need.SUPPORT, Outcome.UNKNOWN, shoe)
    if shoe.support is support:
        return Check(Need.SUPPORT, Outcome.MET, shoe)
    return Check(Need.SUPPORT, Outcome.MISSED, shoe, support, miss=1.0)


def _judge_weight(shoe: Shoe, needs: Needs, at: WeightAt | None) -> Check:
    """At the compared size. A weight known only as a lower bound ("over 400 g") meets a minimum
    it reaches and misses a maximum it is over; under a maximum (or a minimum) it is unknown:
    the true weight could be anything above it."""
    found = _judge_range(Need.WEIGHT, shoe, at.grams if at else None, needs.min_grams, needs.max_grams, weight=at)
    if at is None or not at.at_least or found.outcome is Outcome.UNKNOWN:
        return found
    if found.outcome is Outcome.MISSED and found.over is not None:
        return found  # at least over the maximum
    if needs.max_grams is not None or found.outcome is Outcome.MISSED:
        return Check(Need.WEIGHT, Outcome.UNKNOWN, shoe, weight=at)
    return found


def _judge_width(shoe: Shoe, width: str) -> Check:
    if not shoe.widths:
        return Check(Need.WIDTH, Outcome.UNKNOWN, shoe)
    wanted = width_key(width)
    lines = tuple(
        line
        for line, offered in sorted(shoe.widths.items())
        if any(width_key(each) == wanted for each in offered)  # EEEE is 4E
    )
    if lines:
        return Check(Need.WIDTH, Outcome.MET, shoe, width, lines=lines)
    return Check(Need.WIDTH, Outcome.MISSED, shoe, width, miss=1.0)


_SIZE_RANGE = re.compile(r"^\s*(\d+(?:\.\d+)?)[A-Za-z]?\s*[-–]\s*(\d+(?:\.\d+)?)[A-Za-z]?\s*$")


def _judge_size(shoe: Shoe, size: Size) -> Check:
    """The buyer's size against the ranges on file for their line (or unisex): '8-13', '5U-15U'."""
    ranges = [(line, text) for line, text in shoe.sizes.items() if line in (size.line.value, "unisex")]
    bounds = []
    for line, text in ranges:
        if match := _SIZE_RANGE.match(text):
            low, high = float(match[1]), float(match[2])
            value = size.mens if line == "unisex" else size.value
            bounds.append((line, text, low <= value <= high))
    if not bounds:  # nothing on file for this line, or a range we cannot read
        return Check(Need.SIZE, Outcome.UNKNOWN, shoe, size)
    fitting = tuple(f"{line} {text}" for line, text, fits in bounds if fits)
    if fitting:
        return Check(Need.SIZE, Outcome.MET, shoe, size, lines=fitting)
    offered = tuple(f"{line} {text}" for line, text, _ in bounds)
    return Check(Need.SIZE, Outcome.MISSED, shoe, size, lines=offered, miss=1.0)


def _judge_status(shoe: Shoe, statuses: frozenset[Status]) -> Check:
    if shoe.status in statuses:
        return Check(Need.STATUS, Outcome.MET, shoe)
    if shoe.status is Status.UNKNOWN:
        return Check(Need.STATUS, Outcome.UNKNOWN, shoe)
    return Check(Need.STATUS, Outcome.MISSED, shoe, miss=1.0)


def judge(shoe: Shoe, needs: Needs, at: WeightAt | None = None) -> Iterator[Check]:
    """Every need given, checked against one model, in a fixed order (lazily: a filter stops at
    the first need not met). at: the model's weight at needs.size, if already worked out."""
    if needs.origins:
        yield judge_origin(shoe, needs.origins)
    if needs.brand is not None:
        yield _judge_brand(shoe, needs.brand)
    if needs.activities:
        yield _judge_activity(shoe, needs.activities)
    if needs.support is not None:
        yield _judge_support(shoe, needs.support)
    if needs.min_usd is not None or needs.max_usd is not None:
        usd = shoe.msrp.usd if shoe.msrp else None
        yield _judge_range(Need.PRICE, shoe, usd, needs.min_usd, needs.max_usd)
    if needs.min_grams is not None or needs.max_grams is not None:
        yield _judge_weight(shoe, needs, at or weight_at(shoe.weight, needs.size))
    if needs.width is not None:
        yield _judge_width(shoe, needs.width)
    if needs.min_drop is not None or needs.max_drop is not None:
        yield _judge_range(Need.DROP, shoe, shoe.drop_mm, needs.min_drop, needs.max_drop)
    if needs.size_given:
        yield _judge_size(shoe, needs.size)
    if needs.statuses:
        yield _judge_status(shoe, needs.statuses)


def meets_every(shoe: Shoe, needs: Needs) -> bool:
    """Every need met as the catalog knows it: what list keeps and recommend calls confirmed."""
    # A plain loop, not all(...): list runs this once per model, and a big catalog has 100k.
    for check in judge(shoe, needs):  # noqa: SIM110
        if check.outcome is not Outcome.MET:
            return False
    return True
