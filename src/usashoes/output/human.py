"""Human-readable strings for values, and making untrusted text safe to print. No rich here."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from .. import freshness
from ..errors import short as short  # re-exported: formatting is where display helpers are looked for
from ..models import Availability, OriginBasis, Price, Shoe, Status, Weight
from ..numbers import at_least

if TYPE_CHECKING:
    from ..sizes import WeightAt

UNKNOWN = "—"
NOT_LEGAL_ADVICE = "This is general information from public sources, not legal advice."

# C0/C1 controls (ESC starts terminal escape sequences), DEL, the bidirectional marks (U+061C
# Arabic letter mark, U+200E/F) and overrides
# that can make text display in a different order than it reads, the line and paragraph
# separators (line breaks to str.splitlines and many viewers), and lone surrogates (bytes of
# a non-UTF-8 file name or argument, which a strict UTF-8 stream cannot encode).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]"
)
_ASCII_FALLBACK = str.maketrans(
    {"—": "-", "–": "-", "≥": ">=", "≤": "<=", "…": "...", "’": "'", "“": '"', "”": '"', "×": "x", "§": "s.", "•": "*"}
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8 (surrogateescape): show the byte
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")


def clean(text: str) -> str:
    """Catalog or user text made inert: control characters shown as \\x.. escapes."""
    return _UNSAFE.sub(_escape, text)


def json_inert(text: str) -> str:
    """JSON text with what clean() would escape written as JSON \\u escapes (still valid JSON)."""
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def no_surrogates(text: str) -> str:
    """Lone surrogates (undecodable bytes) escaped, for JSON: strict parsers reject them."""
    return _SURROGATE.sub(_escape, text)


_SURROGATE = re.compile("[\ud800-\udfff]")


def message_line(text: str) -> str:
    """One message on one line: a newline inside a path must not look like a second problem."""
    return clean(text.replace("\n", "\\n").replace("\r", "\\r"))


def one_line(text: str) -> str:
    """For tab-separated lines: tabs and newlines would break the columns."""
    return clean(text.replace("\t", " ").replace("\n", " ").replace("\r", " "))


def to_ascii(text: str) -> str:
    return text.translate(_ASCII_FALLBACK).encode("ascii", "replace").decode("ascii")


def number(value: float, places: int = 1) -> str:
    """13.70 -> '13.7', 200.0 -> '200'."""
    text = f"{value:,.{places}f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text == "-0" else text  # -0.0 (or -0.04 rounded) is no negative number


def weight(value: Weight | None, with_size: bool = False) -> str:
    if value is None:
        return UNKNOWN
    prefix = "> " if value.at_least else ""
    text = f"{prefix}{number(value.ounces)} oz / {number(value.grams, 0)} g"
    if with_size:
        text += f" (size: {value.size})" if value.size and value.size != "not stated" else " (size not stated)"
    return text


def price(value: Price | None, today: date | None = None, launch: bool = False) -> str:
    """'$185 (2026)': a price never travels without its year; '$170 (2020, stale)' once it is
    more than two years old; '$100 (1982, launch price)' for a launch price."""
    if value is None:
        return UNKNOWN
    amount = usd(value.usd)
    if launch:
        return f"{amount} ({value.year}, launch price)"
    stale = freshness.is_stale_year(value.year, today or freshness.today())
    return f"{amount} ({value.year}, stale)" if stale else f"{amount} ({value.year})"


def text(value: object) -> str:
    if value is None or value == () or value == "":
        return UNKNOWN
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def status(shoe: Shoe, today: date | None = None) -> str:
    """'current (as of 2026-02)'; 'current (as of 2022-10, stale)' when older than two years."""
    return status_as_of(shoe.status, shoe.status_as_of, today)


def status_as_of(value: Status, as_of: str | None, today: date | None = None) -> str:
    if not as_of:
        # "current" is a claim about now: without the date of its evidence it is not shown as one
        return "unknown (current, but no dated evidence)" if value is Status.CURRENT else str(value)
    return f"{value} ({_as_of(as_of, today)})"


def _as_of(as_of: str, today: date | None) -> str:
    stale = freshness.is_stale(as_of, today or freshness.today())
    return f"as of {as_of}{', stale' if stale else ''}"


_AVAILABILITY = {
    Availability.RETAIL: "sold new at retail",
    Availability.NOT_SOLD_TO_PUBLIC: "not sold to the public",
    Availability.RESALE_ONLY: "resale only: no new pairs",
}


def availability(shoe: Shoe, today: date | None = None) -> str:
    return availability_as_of(shoe.availability, shoe.availability_as_of, today)


def availability_as_of(value: Availability, as_of: str | None, today: date | None = None) -> str:
    """'sold new at retail (as of 2025-08)'; retail without a date is not shown as on sale."""
    if value is Availability.UNKNOWN:
        return UNKNOWN
    if not as_of:
        if value is Availability.RETAIL:
            return "unknown (sold at retail, but no dated evidence)"
        return f"{_AVAILABILITY[value]} (undated)"
    return f"{_AVAILABILITY[value]} ({_as_of(as_of, today)})"


def superseded(shoe: Shoe) -> str:
    """'; superseded by nb-990v6' after an older model's status, '' for one without a successor."""
    return f"; superseded by {shoe.successor}" if shoe.successor else ""


def millimetres(value: float | None) -> str:
    return UNKNOWN if value is None else f"{number(value)} mm"


def stack(shoe: Shoe) -> str:
    return stack_mm(shoe.stack_heel_mm, shoe.stack_forefoot_mm)


def stack_mm(heel: float | None, forefoot: float | None) -> str:
    """'heel 35 mm / forefoot 27 mm', with either side unknown as —."""
    if heel is None and forefoot is None:
        return UNKNOWN
    return f"heel {millimetres(heel)} / forefoot {millimetres(forefoot)}"


def per_line(values: dict[str, tuple[str, ...]] | dict[str, str]) -> str:
    """Widths or sizes per line: 'men: D, 2E, 4E; women: B, D'."""
    if not values:
        return UNKNOWN
    return "; ".join(f"{line}: {', '.join(v) if isinstance(v, tuple) else v}" for line, v in values.items())


def origin_basis(value: OriginBasis | None) -> str:
    return UNKNOWN if value is None else f"{value.kind}: {value.detail}"


def domestic(shoe: Shoe) -> str:
    if shoe.domestic_content_min_pct is not None and shoe.domestic_content:
        return f"≥{at_least(shoe.domestic_content_min_pct)}%: {shoe.domestic_content}"
    if shoe.domestic_content_min_pct is not None:
        return f"≥{at_least(shoe.domestic_content_min_pct)}%"
    return text(shoe.domestic_content)


def domestic_short(min_pct: float | None, content: str | None) -> str:
    """For side-by-side views: the claimed minimum share, else the text."""
    if min_pct is not None:
        return f"≥{at_least(min_pct)}% (claimed minimum)"
    return text(content)


def usd(value: float) -> str:
    """'$185', '$99.50'."""
    return f"${value:,.2f}".replace(".00", "")


def weight_estimate(at: WeightAt | None) -> str:
    """A weight at the compared size: '≈ 13.1 oz / 371 g at M9, est. (measured 12.8 oz at men's US 8.5)'."""
    if at is None:
        return UNKNOWN
    measured = at.measured
    bound = "> " if measured.at_least else ""
    value = f"{bound}{number(at.ounces)} oz / {number(at.grams, 0)} g"
    if at.estimated:
        size_text = measured.size or "size not stated"
        return f"≈ {value} at {at.target.short}, est. (measured {weight(measured)} at {size_text})"
    if at.comparable:
        return f"{value} at {at.target.short}"
    return f"{value} (size not stated: not estimated)"
