"""A model's exact names as keys: what the resolver matches exactly and what the catalog's name
checks compare, so the two can never disagree."""

from __future__ import annotations

import re

from .models import Shoe

_NOT_ALNUM = re.compile(r"[\W_]+")


def compact(text: str) -> str:
    """Letters and digits only: 'New Balance 990 v5' -> 'newbalance990v5'."""
    return _NOT_ALNUM.sub("", text.casefold())


def own_keys(shoe: Shoe) -> set[str]:
    """The keys of a shoe's id and model name (not its aliases or style codes)."""
    keys = {
        compact(shoe.id),
        compact(shoe.id.split("-", 1)[-1]),
        compact(shoe.model),
        compact(shoe.brand + shoe.model),
    }
    if not shoe.version:
        keys.add(compact(shoe.name))
    return keys
