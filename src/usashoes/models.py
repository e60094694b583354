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


class Confidence(Vocabulary):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class Weight:
    """A weight exactly as the source gave it; grams and ounces are derived for comparing."""

    value: float
    unit: str  # "oz" or "g", as the source gave it
    size: str | None = None
    at_least: bool = False  # the source gave only a lower bound ("over 400 g")

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


# Not frozen, unlike Weight and Price: a frozen dataclass sets each of these 25 fields through
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
