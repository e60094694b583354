"""The catalog's vocabulary: enums and frozen value objects. No I/O, no typer, no rich."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

GRAMS_PER_OUNCE = 28.349523125


class Vocabulary(str, Enum):
    """An enum whose values are the catalog's spelling; str() gives that spelling."""

    def __str__(self) -> str:
        return self.value

    @classmethod
    def values(cls) -> list[str]:
        return [member.value for member in cls]


class Origin(Vocabulary):
    MADE_IN_USA = "made-in-usa"
    ASSEMBLED_IN_USA = "assembled-in-usa"
    IMPORTED = "imported"


class Activity(Vocabulary):
    RUNNING = "running"
    WALKING = "walking"
    TRAIL = "trail"
    LIFESTYLE = "lifestyle"
    TRAINING = "training"


class Support(Vocabulary):
    NEUTRAL = "neutral"
    STABILITY = "stability"
    MOTION_CONTROL = "motion-control"


class Status(Vocabulary):
    CURRENT = "current"
    DISCONTINUED = "discontinued"
    UNKNOWN = "unknown"


class Availability(Vocabulary):
    """Whether a buyer can get the model new: status says whether it is made, this says who may buy it."""

    RETAIL = "retail"  # sold new to the public by the maker or retailers
    NOT_SOLD_TO_PUBLIC = "not-sold-to-public"  # e.g. military issue only
    RESALE_ONLY = "resale-only"  # only used or resale pairs are left
    UNKNOWN = "unknown"


class StackBasis(Vocabulary):
    """What a stack height measures: sources differ on whether the insole is counted."""

    WITH_INSOLE = "with-insole"
    WITHOUT_INSOLE = "without-insole"


class OriginBasisKind(Vocabulary):
    """How an entry's origin is known, strongest first."""

    MAKER_LABEL = "maker-label"  # the label or the maker's product page for this model
    MAKER_STATEMENT = "maker-statement"  # the maker says so about the model or its whole range
    RETAILER = "retailer"
    PRESS = "press"
    REVIEW = "review"
    INFERENCE = "inference"  # reasoned from other facts; detail gives the reasoning


class Line(Vocabulary):
    """Whose sizes a weight, width or size range refers to."""

    MEN = "men"
    WOMEN = "women"
    UNISEX = "unisex"


class Confidence(Vocabulary):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Weight:
    """A weight exactly as the source gave it; grams and ounces are derived for comparing."""

    value: float
    unit: str  # "oz" or "g", as the source gave it
    size: str | None = None  # as the source gave it: "men's US 9", "US 11", "not stated"
    at_least: bool = False  # the source gave only a lower bound ("over 400 g")
    line: Line | None = None  # men's, women's or unisex sizing, where the source says

    @property
    def grams(self) -> float:
        return self.value * GRAMS_PER_OUNCE if self.unit == "oz" else self.value

    @property
    def ounces(self) -> float:
        return self.value if self.unit == "oz" else self.value / GRAMS_PER_OUNCE

    @property
    def exact(self) -> bool:
        return not self.at_least


@dataclass(frozen=True, slots=True)
class Price:
    usd: float
    year: int


@dataclass(frozen=True, slots=True)
class OriginBasis:
    """How the origin is known: a kind, and one sentence saying what the evidence is."""

    kind: OriginBasisKind
    detail: str


def entry(
    position: int, kind: str, description: str | None = None, *, record: int, sourced: bool = True
) -> dict[str, Any]:
    """One row of the field table, kept as a Shoe field's metadata.

    position: where the field stands in the catalog's field list (catalog.fields.FIELDS, and so in
    "known fields: ..." messages and the schema); kind: how a value is read and checked (the
    parser in catalog/fields.py and the schema fragment in catalog/jsonschema.py) and how it is
    written in the JSON and CSV record (records.py); description: the schema's description;
    record: where the field's values stand in that record (docs/output.md, "JSON contract", documents the
    order); sourced: whether field_sources may name sources for it. A field without a default is
    required.
    """
    return {"position": position, "kind": kind, "description": description, "record": record, "sourced": sourced}


# THE field table: each field's metadata (see entry) drives catalog/fields.py (FIELDS, REQUIRED,
# SOURCED_FIELDS, the parsers), the generated catalog.schema.json and the output record (records.py).
# Not frozen, unlike Weight and Price: a frozen dataclass sets each of these fields through
# object.__setattr__, and building 100k shoes from the cache took 384 ms instead of 55 ms.
# Nothing mutates a Shoe after it is built; treat it as a value.
@dataclass(slots=True)
class Shoe:
    id: str = field(
        metadata=entry(0, "id", "Stable id, lowercase words joined by hyphens, e.g. nb-990v5.", sourced=False, record=0)
    )
    brand: str = field(metadata=entry(1, "text", record=1))
    name: str = field(metadata=entry(2, "text", 'Model name without the version; quote numbers ("990").', record=2))
    confidence: Confidence = field(metadata=entry(21, "confidence", sourced=False, record=32))
    sources: tuple[str, ...] = field(metadata=entry(34, "urls", sourced=False, record=34))
    version: str | None = field(default=None, metadata=entry(3, "text", "e.g. v5", record=3))
    aliases: tuple[str, ...] = field(default=(), metadata=entry(4, "texts", "Other names people use.", record=4))
    style_codes: tuple[str, ...] = field(
        default=(), metadata=entry(5, "texts", "Maker's style codes, e.g. M992GR.", record=5)
    )
    origin: Origin | None = field(default=None, metadata=entry(6, "origin", "Left out when unknown.", record=6))
    label: str | None = field(
        default=None, metadata=entry(7, "text", "Origin wording as sold (tag, box or maker's page).", record=7)
    )
    made_in: str | None = field(default=None, metadata=entry(8, "text", "Factory or place of manufacture.", record=8))
    domestic_content: str | None = field(
        default=None, metadata=entry(9, "text", "What is known of the domestic share, in words.", record=9)
    )
    domestic_content_min_pct: float | None = field(
        default=None, metadata=entry(10, "percent", "Lowest domestic share the maker claims, in percent.", record=10)
    )
    activities: tuple[Activity, ...] = field(default=(), metadata=entry(11, "activities", record=13))
    support: Support | None = field(default=None, metadata=entry(12, "support", record=14))
    weight: Weight | None = field(
        default=None,
        metadata=entry(13, "weight", "Plausible range 50-1500 g (1.8-52.9 oz); anything else is a typo.", record=15),
    )
    msrp: Price | None = field(
        default=None,
        metadata=entry(14, "price", "Today's (or the most recent) price, with the year it was seen.", record=21),
    )
    release_year: int | None = field(default=None, metadata=entry(15, "year", "1900-2100", record=23))
    status: Status = field(default=Status.UNKNOWN, metadata=entry(16, "status", record=24))
    status_as_of: str | None = field(default=None, metadata=entry(17, "partial_date", sourced=False, record=25))
    midsole: str | None = field(default=None, metadata=entry(18, "text", record=29))
    features: tuple[str, ...] = field(default=(), metadata=entry(19, "texts", record=30))
    description: str | None = field(
        default=None, metadata=entry(20, "text", "A short description in the catalog's own words.", record=31)
    )
    notes: tuple[str, ...] = field(
        default=(), metadata=entry(22, "texts", "Corrections, disputes and caveats.", sourced=False, record=33)
    )
    drop_mm: float | None = field(
        default=None, metadata=entry(23, "drop_mm", "Heel-to-toe drop in millimetres (0-20).", record=16)
    )
    stack_heel_mm: float | None = field(
        default=None, metadata=entry(24, "stack_mm", "Heel stack height in millimetres (0-80).", record=17)
    )
    stack_forefoot_mm: float | None = field(
        default=None, metadata=entry(25, "stack_mm", "Forefoot stack height in millimetres (0-80).", record=18)
    )
    # Keyed by a Line value ("men", "women", "unisex"); plain str keys keep JSON and the cache simple.
    widths: dict[str, tuple[str, ...]] = field(  # {"men": ("D", "2E", "4E")}
        default_factory=dict,
        metadata=entry(26, "widths", "Widths offered, per line: {men: [D, 2E, 4E], women: [B, D]}.", record=19),
    )
    sizes: dict[str, str] = field(  # size range as the maker lists it: {"men": "7-16"}
        default_factory=dict,
        metadata=entry(27, "sizes", 'Size range per line, as the maker lists it: {men: "7-16"}.', record=20),
    )
    product_url: str | None = field(  # the maker's page for the model (where a buyer goes)
        default=None, metadata=entry(28, "url", "The maker's product or collection page.", record=28)
    )
    successor: str | None = field(
        default=None,
        metadata=entry(29, "id_ref", "id of the model that replaced this one (must be in the catalog).", record=26),
    )
    predecessor: str | None = field(
        default=None,
        metadata=entry(30, "id_ref", "id of the model this one replaced (must be in the catalog).", record=27),
    )
    origin_basis: OriginBasis | None = field(
        default=None,
        metadata=entry(
            31, "origin_basis", "How the origin is known, and the reasoning where it is inferred.", record=11
        ),
    )
    lookalikes: tuple[str, ...] = field(
        default=(),
        metadata=entry(32, "texts", "Warnings: the same model number also sold imported, and how to tell.", record=12),
    )
    launch_price: Price | None = field(  # kept apart from msrp so a 1982 price never reads as today's
        default=None, metadata=entry(33, "price", "The launch price, kept apart from msrp.", record=22)
    )
    availability: Availability = field(
        default=Availability.UNKNOWN,
        metadata=entry(36, "availability", "Who can buy it new: retail, not-sold-to-public, resale-only.", record=35),
    )
    availability_as_of: str | None = field(
        default=None, metadata=entry(37, "partial_date", "Date of the availability evidence.", sourced=False, record=36)
    )
    stack_basis: StackBasis | None = field(
        default=None,
        metadata=entry(38, "stack_basis", "Whether the stack heights include the insole.", record=37),
    )
    field_sources: dict[str, tuple[str, ...]] = field(
        default_factory=dict,
        compare=False,
        metadata=entry(35, "field_sources", "Sources for single fields, by field name.", sourced=False, record=38),
    )

    @property
    def model(self) -> str:
        """Name and version as people write them: '990v5', 'Postal 706v2', 'Time Out'."""
        if not self.version:
            return self.name
        joiner = "" if self.name[-1:].isdecimal() and self.version[:1].lower() == "v" else " "
        return f"{self.name}{joiner}{self.version}"

    @property
    def display_name(self) -> str:
        return f"{self.brand} {self.model}"


def natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A key that sorts '847v3' before '1540v3': digit runs compare as numbers."""
    return tuple((0, int(part)) if part.isdecimal() else (1, part) for part in _DIGITS.split(text.casefold()) if part)


_DIGITS = re.compile(r"(\d+)")


def name_key(shoe: Shoe) -> tuple[tuple[tuple[int, int | str], ...], tuple[tuple[int, int | str], ...]]:
    """Name order (`--sort name`, the default): by the name each row shows, "Brand Model", so
    brand first, then model, naturally; in_name_order and query.sort break ties by id."""
    return (natural(shoe.brand), natural(shoe.model))


class NameOrdered(tuple[Shoe, ...]):
    """Shoes known to be in name order (every Catalog's are): a listing in that order needs no
    sort, which cost 0.8 s for 100k names."""

    __slots__ = ()


def in_name_order(shoes: Iterable[Shoe]) -> NameOrdered:
    if isinstance(shoes, NameOrdered):
        return shoes
    return NameOrdered(sorted(shoes, key=lambda shoe: (name_key(shoe), shoe.id)))
