"""Filtering and sorting shoes (pure functions), and parsing weight and price values."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from . import brands
from .errors import short
from .models import GRAMS_PER_OUNCE, Activity, NameOrdered, Origin, Shoe, Status, Support, Vocabulary, name_key, natural
from .sizes import DEFAULT_SIZE, Size, comparable_grams

UNKNOWN_ORIGIN = "unknown"  # --origin unknown: entries whose origin the catalog doesn't know


class SortKey(Vocabulary):
    NAME = "name"
    BRAND = "brand"
    WEIGHT = "weight"
    PRICE = "price"
    YEAR = "year"
    DROP = "drop"


_WEIGHT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(oz|g)?\s*$", re.IGNORECASE)
_PRICE = re.compile(r"^\s*\$?\s*(\d+(?:\.\d+)?)\s*(usd)?\s*$", re.IGNORECASE)


# A limit above this is no limit a shoe could meet or miss; refused so that 400 digits never
# become float('inf') (shown as "$inf") or a 300-digit number in a message.
MAX_LIMIT = 1_000_000


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


class Filters(NamedTuple):
    """Every criterion is optional; a repeated option matches any of its values."""

    origins: frozenset[str] = frozenset()  # Origin values and/or UNKNOWN_ORIGIN
    brand: str | None = None
    activities: frozenset[Activity] = frozenset()
    support: Support | None = None
    status: Status | None = None
    min_grams: float | None = None
    max_grams: float | None = None
    min_usd: float | None = None
    max_usd: float | None = None
    width: str | None = None  # a width the entry is known to offer, in any line; case-insensitive
    min_drop_mm: float | None = None
    max_drop_mm: float | None = None
    hide_imported: bool = False  # list/filter: imported models only when asked for
    size: Size = DEFAULT_SIZE  # weights are compared at this size (estimated from a stated other size)

    def accepts(self, shoe: Shoe) -> bool:
        if self.origins and (str(shoe.origin) if shoe.origin else UNKNOWN_ORIGIN) not in self.origins:
            return False
        if self.hide_imported and shoe.origin is Origin.IMPORTED:
            return False
        if self.brand is not None and not brand_matches(self.brand, shoe.brand):
            return False
        if self.activities and not self.activities.intersection(shoe.activities):
            return False
        if self.support is not None and shoe.support is not self.support:
            return False
        if self.status is not None and shoe.status is not self.status:
            return False
        if self.min_grams is not None or self.max_grams is not None:
            # Unknown weight never passes a weight filter. A lower bound ("over 400 g") passes
            # a minimum it meets, but never a maximum: the true weight could be anything above.
            weight = shoe.weight
            if weight is None:
                return False
            grams = comparable_grams(shoe, self.size) or 0.0
            if self.min_grams is not None and grams < self.min_grams:
                return False
            if self.max_grams is not None and (weight.at_least or grams > self.max_grams):
                return False
        if self.min_usd is not None or self.max_usd is not None:
            if shoe.msrp is None:
                return False
            if self.min_usd is not None and shoe.msrp.usd < self.min_usd:
                return False
            if self.max_usd is not None and shoe.msrp.usd > self.max_usd:
                return False
        if self.width is not None and not offers_width(shoe, self.width):
            return False  # unknown widths never match
        if self.min_drop_mm is not None or self.max_drop_mm is not None:
            if shoe.drop_mm is None:
                return False  # unknown drop never passes a drop filter
            if self.min_drop_mm is not None and shoe.drop_mm < self.min_drop_mm:
                return False
            if self.max_drop_mm is not None and shoe.drop_mm > self.max_drop_mm:
                return False
        return True


def _width_key(text: str) -> str:
    """'4e', ' 4E ', 'EEEE' -> '4E'; 'wide' -> 'WIDE': how widths are compared."""
    key = " ".join(text.split()).upper()
    if key and set(key) == {"E"} and len(key) > 1:
        return f"{len(key)}E"
    if key and set(key) == {"A"} and len(key) > 1:
        return f"{len(key)}A"
    return key


def offers_width(shoe: Shoe, width: str) -> bool:
    """True when the catalog lists this width for the shoe in any line (men, women, unisex)."""
    wanted = _width_key(width)
    return any(_width_key(offered) == wanted for widths in shoe.widths.values() for offered in widths)


_DROP = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm)?\s*$", re.IGNORECASE)


def parse_drop(text: str) -> float:
    """Millimetres from '8' or '8mm'; ValueError otherwise."""
    match = _DROP.match(text)
    if not match:
        raise ValueError(f"{short(text)!r} is not a drop in millimetres, e.g. 8 or 8mm")
    return _bounded(match[1], text, "millimetres")


def parse_width(text: str) -> str:
    """A width as shoe makers write it: '4E', '2E', 'D', 'B', 'EEEE', 'wide'; ValueError otherwise."""
    if not re.fullmatch(r"\s*(\d?[A-Za-z]{1,4}|[A-Za-z]+(?: [A-Za-z]+)?)\s*", text):
        raise ValueError(f"{text!r} is not a width; use e.g. D, 2E, 4E, B or wide")
    return text.strip()


MAX_BRAND = 100  # characters; the longest brand in the catalog is about 20


def parse_brand(text: str) -> str:
    """--brand: refused when longer than any brand could be (120 KB took seconds on a big catalog)."""
    if len(text) > MAX_BRAND:
        raise ValueError(f"{short(text)!r} is {len(text):,} characters long; a brand name has at most {MAX_BRAND}")
    return text


def brand_matches(query: str, brand: str) -> bool:
    """Case-insensitive: the whole brand, a prefix of it ('new'), or a known abbreviation ('nb')."""
    wanted = brands.expand(query)
    return bool(wanted) and brand.lower().startswith(wanted)


def apply(shoes: Iterable[Shoe], filters: Filters) -> list[Shoe]:
    if filters == Filters() or filters == Filters(size=filters.size):  # nothing to check: skip a call per shoe
        return list(shoes)
    return [shoe for shoe in shoes if filters.accepts(shoe)]


def _sort_value(shoe: Shoe, key: SortKey, size: Size = DEFAULT_SIZE) -> object:
    if key is SortKey.WEIGHT:
        # At one size (estimated where the size is stated). A lower bound ("over 400 g") sorts by
        # its bound, after an exact weight of the same value: a weight below it is lighter.
        grams = comparable_grams(shoe, size)
        return None if grams is None or shoe.weight is None else (grams, shoe.weight.at_least)
    if key is SortKey.PRICE:
        return shoe.msrp.usd if shoe.msrp else None
    if key is SortKey.YEAR:
        return shoe.release_year
    if key is SortKey.DROP:
        return shoe.drop_mm
    if key is SortKey.BRAND:
        return (natural(shoe.brand), natural(shoe.model))
    return name_key(shoe)


def sort(
    shoes: Iterable[Shoe], key: SortKey = SortKey.NAME, reverse: bool = False, size: Size = DEFAULT_SIZE
) -> list[Shoe]:
    """Sorted by key, ties broken by id; unknown values always last, also when reversed."""
    keyed = [(_sort_value(shoe, key, size), shoe.id, shoe) for shoe in shoes]  # each key computed once
    known = [item for item in keyed if item[0] is not None]
    unknown = sorted((item for item in keyed if item[0] is None), key=lambda item: item[1])
    known.sort(key=lambda item: item[1])  # ties by id, kept by the stable sort below
    known.sort(key=lambda item: item[0], reverse=reverse)  # type: ignore[arg-type, return-value]
    return [item[2] for item in known + unknown]


def select(
    shoes: Iterable[Shoe],
    filters: Filters,
    key: SortKey = SortKey.NAME,
    reverse: bool = False,
    limit: int | None = None,
) -> list[Shoe]:
    """Filter, sort, then cut to limit: what `usashoes list` shows.

    Shoes already in name order (a Catalog's: models.NameOrdered) stay in it through filtering,
    so the default listing skips the sort.
    """
    result = apply(shoes, filters)
    if not (isinstance(shoes, NameOrdered) and key is SortKey.NAME and not reverse):
        result = sort(result, key, reverse, filters.size)
    return result if limit is None else result[:limit]


def select_hits(
    hits: Iterable[tuple[Shoe, float]],
    filters: Filters,
    key: SortKey | None = None,
    reverse: bool = False,
    limit: int | None = None,
) -> list[tuple[Shoe, float]]:
    """Filter search hits (shoe, score), sort them by key (None: best match first, as found),
    then cut to limit: what `usashoes search` shows."""
    kept = [(shoe, score) for shoe, score in hits if filters.accepts(shoe)]
    if key is not None:
        score_of = {shoe.id: score for shoe, score in kept}
        kept = [(shoe, score_of[shoe.id]) for shoe in sort([shoe for shoe, _ in kept], key, reverse, filters.size)]
    elif reverse:
        kept.reverse()
    return kept if limit is None else kept[:limit]


def origin_choices() -> list[str]:
    return [*Origin.values(), UNKNOWN_ORIGIN]


# Each filter field and the option that sets it, for "which filter removed the most".
_FILTER_OPTIONS = (
    ("origins", "--origin"),
    ("brand", "--brand"),
    ("activities", "--activity"),
    ("support", "--support"),
    ("status", "--status"),
    ("min_grams", "--min-weight"),
    ("max_grams", "--max-weight"),
    ("min_usd", "--min-price"),
    ("max_usd", "--max-price"),
    ("width", "--width"),
    ("min_drop_mm", "--min-drop"),
    ("max_drop_mm", "--max-drop"),
)


# The listing columns each filter and sort looks at (output/table.py's column names): a table
# shows them, so `list --width 4E --max-drop 8 --sort drop` shows widths and drops.
_SHOWN_BY_FILTER = (
    ("activities", "activities"),
    ("support", "support"),
    ("status", "status"),
    ("width", "widths"),
    ("min_drop_mm", "drop"),
    ("max_drop_mm", "drop"),
)
_SHOWN_BY_SORT = {SortKey.DROP: "drop", SortKey.YEAR: "year"}


def shown_by(filters: Filters, key: SortKey | None = None) -> tuple[str, ...]:
    """The columns the sort and the filters in use look at, the sort's first (weight, price and
    origin are in every table)."""
    names = [_SHOWN_BY_SORT[key]] if key in _SHOWN_BY_SORT else []
    names += [column for field, column in _SHOWN_BY_FILTER if getattr(filters, field) not in (None, frozenset())]
    return tuple(dict.fromkeys(names))


def hidden_by_default(shoes: Iterable[Shoe], filters: Filters) -> int:
    """How many models these filters would match but for what list hides by default (imported
    models, shown with --all): `list --brand brooks` finds Brooks' imported models there."""
    if not filters.hide_imported:
        return 0
    shown = filters._replace(hide_imported=False)
    return sum(shoe.origin is Origin.IMPORTED and shown.accepts(shoe) for shoe in shoes)


def most_removing(shoes: Sequence[Shoe], filters: Filters) -> tuple[str, int] | None:
    """The option that, on its own, removes the most models (ties: the first given), and how many.

    Only the options given: what a default hides is hidden_by_default's to tell."""
    best: tuple[str, int] | None = None
    empty = Filters(size=filters.size)
    for field, option in _FILTER_OPTIONS:
        value = getattr(filters, field)
        if value is None or value == frozenset():
            continue
        alone = empty._replace(**{field: value})
        removed = sum(not alone.accepts(shoe) for shoe in shoes)
        if best is None or removed > best[1]:
            best = (option, removed)
    return best
