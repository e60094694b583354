"""The catalog's entry fields: which exist, which are required or sourced, and how each one's value is read."""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Callable
from typing import Any

from yaml.nodes import Node

from ..models import (
    Activity,
    Availability,
    Confidence,
    Line,
    Origin,
    OriginBasis,
    OriginBasisKind,
    Price,
    Shoe,
    StackBasis,
    Status,
    Support,
    Vocabulary,
    Weight,
)
from .checker import (
    DROP_MM,
    ID_PATTERN,
    PARTIAL_DATE,
    PRICE_USD,
    STACK_MM,
    URL_PATTERN,
    WEIGHT_GRAMS,
    WIDTH_PATTERN,
    YEARS,
    Checker,
    quote,
)

# Shoe's fields in the catalog's order (models.entry's position): the known fields, as
# "known fields: ..." messages list them.
_TABLE = sorted(dataclasses.fields(Shoe), key=lambda f: f.metadata["position"])

FIELDS = tuple(f.name for f in _TABLE)

# A field without a default is required.
REQUIRED = tuple(
    f.name for f in _TABLE if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
)

# A successor or predecessor link is a fact like any other: it can name its sources too.
SOURCED_FIELDS = tuple(f.name for f in _TABLE if f.metadata["sourced"])


def _id(check: Checker, node: Node, field: str) -> str | None:
    return check.pattern(node, field, ID_PATTERN, "lowercase words joined by hyphens, e.g. 'nb-990v5'")


def _enum(vocabulary: type[Vocabulary]) -> Callable[[Checker, Node, str], Any]:
    def parse(check: Checker, node: Node, field: str) -> Any:
        value = check.choice(node, field, vocabulary.values())
        return None if value is None else vocabulary(value)

    return parse


def _activities(check: Checker, node: Node, field: str) -> tuple[Activity, ...] | None:
    items = check.sequence(node, field)
    if items is None:
        return None
    values = [check.choice(item, f"{field}[{i}]", Activity.values()) for i, item in enumerate(items)]
    if any(v is None for v in values):
        return None
    if len(set(values)) != len(values):
        check.problem(node, f"field {field!r} lists an activity twice")
        return None
    return tuple(Activity(v) for v in values if v is not None)


def _weight(check: Checker, node: Node, field: str) -> Weight | None:
    parts = check.parts(
        node, field, ("value", "unit", "size", "at_least", "line"), ("value", "unit"), "{value: 13.7, unit: oz}"
    )
    if parts is None:
        return None
    unit = check.choice(parts["unit"][1], "weight.unit", ["oz", "g"])
    if unit is None:
        return None
    factor = 28.349523125 if unit == "oz" else 1.0
    low, high = (bound / factor for bound in WEIGHT_GRAMS)
    value = check.number(parts["value"][1], "weight.value", round(low, 1), round(high, 1), unit=unit)
    size = check.text(parts["size"][1], "weight.size") if "size" in parts else None
    at_least = check.flag(parts["at_least"][1], "weight.at_least") if "at_least" in parts else False
    line = _enum(Line)(check, parts["line"][1], "weight.line") if "line" in parts else None
    if value is None or ("size" in parts and size is None) or at_least is None or ("line" in parts and line is None):
        return None
    return Weight(float(value), unit, size, at_least, line)


def _price(check: Checker, node: Node, field: str) -> Price | None:
    """msrp and launch_price: a price is not a fact without the year it was seen."""
    parts = check.parts(node, field, ("usd", "year"), ("usd", "year"), "{usd: 175, year: 2020}")
    if parts is None:
        return None
    usd = check.number(parts["usd"][1], f"{field}.usd", *PRICE_USD, unit="US dollars")
    year = check.number(parts["year"][1], f"{field}.year", *YEARS, integer=True)
    if usd is None or year is None:
        return None
    return Price(float(usd), int(year))


def _field_sources(check: Checker, node: Node, field: str) -> dict[str, tuple[str, ...]] | None:
    parts = check.mapping(node, "field 'field_sources'", SOURCED_FIELDS)
    if parts is None:
        return None
    result = {}
    for name, (_key, value_node) in parts.items():
        if name in SOURCED_FIELDS:
            urls = check.urls(value_node, f"field_sources.{name}")
            if urls is not None:
                result[name] = urls
    return result


def _partial_date(check: Checker, node: Node, field: str) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a day that exists, in a plausible year: '2019-02-30'
    or '0000' would otherwise sort and age as no date at all, and rank as fresh."""
    expected = f"YYYY, YYYY-MM or YYYY-MM-DD, a real date from {YEARS[0]} to {YEARS[1]}"
    value = check.pattern(node, field, PARTIAL_DATE, expected)
    if value is None:
        return None
    year, month, day = int(value[:4]), int(value[5:7] or 1), int(value[8:10] or 1)
    if not YEARS[0] <= year <= YEARS[1]:
        check.problem(node, f"field {field!r} is {quote(value)}; the year must be from {YEARS[0]} to {YEARS[1]}")
        return None
    days = calendar.monthrange(year, month)[1]
    if day > days:
        check.problem(
            node, f"field {field!r} is {quote(value)}, a day that does not exist ({value[:7]} has {days} days)"
        )
        return None
    return value


def _origin_basis(check: Checker, node: Node, field: str) -> OriginBasis | None:
    parts = check.parts(
        node,
        field,
        ("kind", "detail"),
        ("kind", "detail"),
        '{kind: maker-label, detail: "Sold as Made in USA on the maker\'s page"}',
    )
    if parts is None:
        return None
    kind = _enum(OriginBasisKind)(check, parts["kind"][1], "origin_basis.kind")
    detail = check.text(parts["detail"][1], "origin_basis.detail")
    return None if kind is None or detail is None else OriginBasis(kind, detail)


def _per_line(parse_value: Callable[[Checker, Node, str], Any]) -> Callable[[Checker, Node, str], Any]:
    """widths and sizes: a mapping from men / women / unisex to a value."""

    def parse(check: Checker, node: Node, field: str) -> dict[str, Any] | None:
        parts = check.mapping(node, f"field {field!r}", tuple(Line.values()))
        if parts is None:
            return None
        if not parts:
            check.problem(node, f"field {field!r} is empty; leave the field out when the value is unknown")
            return None
        values = {
            line: parse_value(check, value_node, f"{field}.{line}")
            for line, (_key, value_node) in parts.items()
            if line in Line.values()
        }
        return None if len(values) != len(parts) or any(v is None for v in values.values()) else values

    return parse


def _widths(check: Checker, node: Node, field: str) -> tuple[str, ...] | None:
    values = check.each(
        node,
        field,
        lambda item, name: check.pattern(
            item, name, WIDTH_PATTERN, "a width letter code such as B, D, 2E, 4E, or narrow/regular/wide"
        ),
    )
    if values == ():
        check.problem(node, f"field {field!r} is an empty list; leave it out when the widths are unknown")
        return None
    return values


def _url(check: Checker, node: Node, field: str) -> str | None:
    return check.pattern(node, field, URL_PATTERN, "an http:// or https:// URL")


def _number(low: float, high: float, unit: str = "", integer: bool = False) -> Callable[[Checker, Node, str], Any]:
    def parse(check: Checker, node: Node, field: str) -> float | int | None:
        value = check.number(node, field, low, high, integer=integer, unit=unit)
        return None if value is None else (int(value) if integer else float(value))

    return parse


# How a value of each kind (models.entry's kind) is read.
_KIND_PARSERS: dict[str, Callable[[Checker, Node, str], Any]] = {
    "id": _id,
    "id_ref": _id,
    "text": Checker.text,
    "texts": Checker.texts,
    "url": _url,
    "urls": Checker.urls,
    "origin": _enum(Origin),
    "support": _enum(Support),
    "status": _enum(Status),
    "availability": _enum(Availability),
    "stack_basis": _enum(StackBasis),
    "confidence": _enum(Confidence),
    "activities": _activities,
    "percent": _number(0, 100),
    "year": _number(*YEARS, integer=True),
    "drop_mm": _number(*DROP_MM, "mm"),
    "stack_mm": _number(*STACK_MM, "mm"),
    "weight": _weight,
    "price": _price,
    "partial_date": _partial_date,
    "widths": _per_line(_widths),
    "sizes": _per_line(Checker.text),
    "origin_basis": _origin_basis,
    "field_sources": _field_sources,
}

FIELD_PARSERS: dict[str, Callable[[Checker, Node, str], Any]] = {
    f.name: _KIND_PARSERS[f.metadata["kind"]] for f in _TABLE
}
