"""Filtering and sorting shoes for list, filter and search (pure functions); needs.py judges each need."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from .models import NameOrdered, Origin, Shoe, Vocabulary, name_key, natural
from .needs import UNKNOWN_ORIGIN as UNKNOWN_ORIGIN  # cli/knowledge.py counts models by origin
from .needs import Needs, meets_every
from .needs import origin_choices as origin_choices
from .sizes import DEFAULT_SIZE, Size, comparable_grams


class SortKey(Vocabulary):
    NAME = "name"
    BRAND = "brand"
    WEIGHT = "weight"
    PRICE = "price"
    YEAR = "year"
    DROP = "drop"


class Filters(NamedTuple):
    """What list, filter and search keep: the models that meet every need given (needs.py judges
    them, as for recommend); a need whose value is not on file leaves the model out."""

    needs: Needs = Needs()
    hide_imported: bool = False  # list/filter: imported models only when asked for

    @property
    def size(self) -> Size:
        return self.needs.size  # weights are compared at this size

    def accepts(self, shoe: Shoe) -> bool:
        if self.hide_imported and shoe.origin is Origin.IMPORTED:
            return False
        return meets_every(shoe, self.needs)


def apply(shoes: Iterable[Shoe], filters: Filters) -> list[Shoe]:
    if not filters.hide_imported and filters.needs == Needs(size=filters.size):  # nothing to check
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


# Each filter field and the option that sets it, for "which filter removed the most".
_FILTER_OPTIONS = (
    ("origins", "--origin"),
    ("brand", "--brand"),
    ("activities", "--activity"),
    ("support", "--support"),
    ("statuses", "--status"),
    ("min_grams", "--min-weight"),
    ("max_grams", "--max-weight"),
    ("min_usd", "--min-price"),
    ("max_usd", "--max-price"),
    ("width", "--width"),
    ("min_drop", "--min-drop"),
    ("max_drop", "--max-drop"),
)


# The listing columns each filter and sort looks at (output/table.py's column names): a table
# shows them, so `list --width 4E --max-drop 8 --sort drop` shows widths and drops.
_SHOWN_BY_FILTER = (
    ("activities", "activities"),
    ("support", "support"),
    ("statuses", "status"),
    ("width", "widths"),
    ("min_drop", "drop"),
    ("max_drop", "drop"),
)
_SHOWN_BY_SORT = {SortKey.DROP: "drop", SortKey.YEAR: "year"}


def _given(value: object) -> bool:
    return value is not None and value != frozenset() and value != ()


def shown_by(filters: Filters, key: SortKey | None = None) -> tuple[str, ...]:
    """The columns the sort and the filters in use look at, the sort's first (weight, price and
    origin are in every table)."""
    names = [_SHOWN_BY_SORT[key]] if key in _SHOWN_BY_SORT else []
    names += [column for field, column in _SHOWN_BY_FILTER if _given(getattr(filters.needs, field))]
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
    empty = Needs(size=filters.size)
    for field, option in _FILTER_OPTIONS:
        value = getattr(filters.needs, field)
        if not _given(value):
            continue
        alone = empty._replace(**{field: value})
        removed = sum(not meets_every(shoe, alone) for shoe in shoes)
        if best is None or removed > best[1]:
            best = (option, removed)
    return best
