"""The catalog's vocabulary: enums and frozen value objects. No I/O, no typer, no rich."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

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


# Not frozen, unlike Weight and Price: a frozen dataclass sets each of these fields through
# object.__setattr__, and building 100k shoes from the cache took 384 ms instead of 55 ms.
# Nothing mutates a Shoe after it is built; treat it as a value.
@dataclass(slots=True)
class Shoe:
    id: str
    brand: str
    name: str
    confidence: Confidence
    sources: tuple[str, ...]
    version: str | None = None
    aliases: tuple[str, ...] = ()
    style_codes: tuple[str, ...] = ()
    origin: Origin | None = None
    label: str | None = None
    made_in: str | None = None
    domestic_content: str | None = None
    domestic_content_min_pct: float | None = None
    activities: tuple[Activity, ...] = ()
    support: Support | None = None
    weight: Weight | None = None
    msrp: Price | None = None
    release_year: int | None = None
    status: Status = Status.UNKNOWN
    status_as_of: str | None = None
    midsole: str | None = None
    features: tuple[str, ...] = ()
    description: str | None = None
    notes: tuple[str, ...] = ()
    drop_mm: float | None = None  # heel-to-toe drop
    stack_heel_mm: float | None = None
    stack_forefoot_mm: float | None = None
    # Keyed by a Line value ("men", "women", "unisex"); plain str keys keep JSON and the cache simple.
    widths: dict[str, tuple[str, ...]] = field(default_factory=dict)  # {"men": ("D", "2E", "4E")}
    sizes: dict[str, str] = field(default_factory=dict)  # size range as the maker lists it: {"men": "7-16"}
    product_url: str | None = None  # the maker's page for the model (where a buyer goes)
    successor: str | None = None  # id of the model that replaced this one
    predecessor: str | None = None
    origin_basis: OriginBasis | None = None
    lookalikes: tuple[str, ...] = ()  # warnings: the same model number also sold imported, ...
    launch_price: Price | None = None  # kept apart from msrp so a 1982 price never reads as today's
    field_sources: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

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
