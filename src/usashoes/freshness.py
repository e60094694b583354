"""How old the catalog's dates are, and how much of each field it knows (pure; no rich, no typer).

Every function that judges age takes `today` as a parameter, so tests pin the clock; only
`today()` reads it (or $USASHOES_TODAY, for output that must not change from day to day).
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import date
from typing import NamedTuple

from .errors import UsageProblem
from .models import Availability, Shoe, Status

STALE_AFTER_YEARS = 2  # a price or an as-of date older than this is marked stale
ENV_TODAY = "USASHOES_TODAY"
_AS_OF = re.compile(r"^([0-9]{4})(?:-([0-9]{2}))?(?:-([0-9]{2}))?$")


def today() -> date:
    """The clock's date, or $USASHOES_TODAY (YYYY-MM-DD) when set; a bad value is a usage error."""
    text = os.environ.get(ENV_TODAY)
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageProblem(f"${ENV_TODAY}: {text!r} is not a date; use YYYY-MM-DD.") from None


def latest_day(as_of: str) -> date | None:
    """The last day an as-of date can mean: '2022' -> 2022-12-31, '2022-10' -> 2022-10-31."""
    match = _AS_OF.match(as_of)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2] or 12), match[3]
    try:
        return date(year, month, int(day) if day else calendar.monthrange(year, month)[1])
    except ValueError:
        return None


def _cutoff(today: date) -> date:
    """Dates before this are older than STALE_AFTER_YEARS (29 Feb falls back to 28 Feb)."""
    if today.year <= STALE_AFTER_YEARS:  # $USASHOES_TODAY in year 1 or 2: no date lies that far back
        return date.min
    try:
        return today.replace(year=today.year - STALE_AFTER_YEARS)
    except ValueError:
        return today.replace(year=today.year - STALE_AFTER_YEARS, day=28)


def is_stale(as_of: str | None, today: date) -> bool:
    """True when even the latest day as_of can mean is more than two years before today."""
    if not as_of:
        return False
    last = latest_day(as_of)
    # A date that names no real day vouches for nothing: stale, never ranked as fresh.
    return last is None or last < _cutoff(today)


def is_stale_year(year: int, today: date) -> bool:
    """A price seen in `year` is stale when all of that year lies more than two years back."""
    return date(year, 12, 31) < _cutoff(today)


def is_known(shoe: Shoe, name: str) -> bool:
    """Whether the catalog knows this field for this shoe ('unknown' status or availability counts as not known)."""
    value = getattr(shoe, name)
    if name == "status":
        return value is not Status.UNKNOWN
    if name == "availability":
        return value is not Availability.UNKNOWN
    return value not in (None, "", (), {})


def field_names() -> tuple[str, ...]:
    """Every catalog field, from the Shoe dataclass itself: a new field is counted without edits here."""
    return tuple(f.name for f in fields(Shoe))


def coverage(shoes: Sequence[Shoe]) -> dict[str, int]:
    """Per field, how many entries know it, in the dataclass's field order."""
    return {name: sum(1 for shoe in shoes if is_known(shoe, name)) for name in field_names()}


class Freshness(NamedTuple):
    oldest_as_of: str | None
    newest_as_of: str | None
    with_as_of: int  # entries that have a status_as_of
    stale_as_of: int  # of those, how many are older than two years
    prices: int  # entries with an msrp
    stale_prices: int  # of those, how many are older than two years
    today: date
    stale_after_years: int = STALE_AFTER_YEARS


def _as_of_key(as_of: str) -> tuple[date, int]:
    return (latest_day(as_of) or date.min, len(as_of))


def freshness(shoes: Iterable[Shoe], today: date) -> Freshness:
    shoes = list(shoes)
    dated = [shoe.status_as_of for shoe in shoes if shoe.status_as_of]
    ordered = sorted(dated, key=_as_of_key)
    prices = [shoe.msrp for shoe in shoes if shoe.msrp]
    return Freshness(
        oldest_as_of=ordered[0] if ordered else None,
        newest_as_of=ordered[-1] if ordered else None,
        with_as_of=len(dated),
        stale_as_of=sum(1 for as_of in dated if is_stale(as_of, today)),
        prices=len(prices),
        stale_prices=sum(1 for price in prices if is_stale_year(price.year, today)),
        today=today,
    )
