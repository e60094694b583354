"""Shell completion (typer's `autocompletion` callbacks): models, brands, topics, origins.

A TAB must answer fast: nothing here imports rich or rapidfuzz, and models come from the
catalog cache when it is warm. A completion never fails loudly: any problem offers nothing.
Values with spaces are left out (bash would split them into several words); each model id
carries its name as the help text that zsh and fish show.
"""

from __future__ import annotations

from typing import Any

Item = tuple[str, str]


def _params(ctx: Any) -> dict[str, Any]:
    root = ctx.find_root() if ctx is not None else None
    return root.params if root is not None else {}


def _catalog(ctx: Any) -> Any:
    from .catalog import loader as catalog

    params = _params(ctx)
    return catalog.load(params.get("catalog"), add=params.get("add_catalog"))


def _no_space(value: str) -> bool:
    return bool(value) and not any(char.isspace() for char in value)


def models(ctx: Any, incomplete: str) -> list[Item]:
    """Ids first, then aliases and style codes that start with what was typed."""
    try:
        loaded = _catalog(ctx)
    except Exception:
        return []
    items = _model_items(loaded.shoes)
    params = _params(ctx)
    if params.get("catalog") is None and not params.get("add_catalog") and not loaded.overlay:
        from pathlib import Path

        from .fastcomplete import remember

        remember(Path(loaded.path), items)  # the next TAB can skip typer (fastcomplete.py)
    return [(value, help_text) for value, help_text in items if value.startswith(incomplete)]


def _model_items(shoes: Any) -> list[Item]:
    items: dict[str, str] = {}
    for shoe in shoes:
        items.setdefault(shoe.id, shoe.display_name)
    for shoe in shoes:
        short_name = "".join(f"{shoe.name}{shoe.version or ''}".split()).lower()  # '990v6', as people type it
        for name in (short_name, *shoe.aliases, *shoe.style_codes):
            if _no_space(name):
                items.setdefault(name, f"{shoe.display_name} ({shoe.id})")
    return list(items.items())


def brands(ctx: Any, incomplete: str) -> list[Item]:
    from .brands import ABBREVIATIONS

    try:
        names = sorted({shoe.brand for shoe in _catalog(ctx).shoes}, key=str.casefold)
    except Exception:
        return []
    items: dict[str, str] = {}
    first_words = [name.split()[0] for name in names if name.split()]
    for name in names:
        if _no_space(name):
            items.setdefault(name, name)
        elif first_words.count(name.split()[0]) == 1:
            items.setdefault(name.split()[0], name)  # a prefix works as --brand
    for short_name, brand in ABBREVIATIONS.items():
        if _no_space(short_name) and any(name.lower() == brand for name in names):
            items.setdefault(short_name, brand)
    return [
        (value, help_text)
        for value, help_text in items.items()
        if value.lower().startswith(incomplete.lower()) and value.startswith(incomplete)
    ]


def topics(ctx: Any, incomplete: str) -> list[Item]:
    from .explain import rules

    return [(rule.id, rule.title) for rule in rules.RULES if rule.id.startswith(incomplete)]


def origins(ctx: Any, incomplete: str) -> list[Item]:
    from .query import origin_choices

    return [(value, "") for value in origin_choices() if value.startswith(incomplete)]


def pick_origins(ctx: Any, incomplete: str) -> list[Item]:
    from .models import Origin

    allowed = (Origin.MADE_IN_USA.value, Origin.ASSEMBLED_IN_USA.value)
    return [(value, "") for value in allowed if value.startswith(incomplete)]
