"""Shell completion (typer's `autocompletion` callbacks): models, brands, topics, origins.

A TAB must answer fast: nothing here imports rich or rapidfuzz, and models come from the
catalog cache when it is warm. A completion never fails loudly: any problem offers nothing.
Catalog text is data: a value is offered only if every shell reads it back as the same single
word (fastcomplete.shell_word: no spaces, quotes, `$(...)`, `;`, `*`, controls or bidi marks);
each model id carries its name, as plain text, as the help that zsh and fish show. Prefixes
ignore case.
"""

from __future__ import annotations

from typing import Any

from .fastcomplete import help_text, matches, shell_word

Item = tuple[str, str]


def _params(ctx: Any) -> dict[str, Any]:
    root = ctx.find_root() if ctx is not None else None
    return root.params if root is not None else {}


def _catalog(ctx: Any) -> Any:
    from .catalog import loader as catalog

    params = _params(ctx)
    return catalog.load(params.get("catalog"), add=params.get("add_catalog"))


def _no_space(value: str) -> bool:
    return shell_word(value)


class _Candidate(str):
    """A value whose prefix test ignores case.

    typer keeps a callback's candidate only if `value.startswith(typed)`, case-sensitively, so
    "SAS" would lose "sas-time-out" after this module offered it.
    """

    __slots__ = ()

    def startswith(self, prefix: Any, *bounds: Any) -> bool:
        if isinstance(prefix, str) and not bounds:
            return matches(self, prefix)
        return super().startswith(prefix, *bounds)


def _offer(items: Any, incomplete: str) -> list[Item]:
    return [
        (_Candidate(value), help_text(text))
        for value, text in items
        if shell_word(value) and matches(value, incomplete)
    ]


def models(ctx: Any, incomplete: str) -> list[Item]:
    """Ids first, then aliases and style codes that start with what was typed."""
    from .fastcomplete import _catalog_path, identity

    plain = _catalog_path()
    before = identity(plain) if plain is not None else None  # before loading: see remember()
    try:
        loaded = _catalog(ctx)
    except Exception:
        return []
    items = _model_items(loaded.shoes)
    params = _params(ctx)
    if params.get("catalog") is None and not params.get("add_catalog") and not loaded.overlay:
        from pathlib import Path

        from .fastcomplete import remember

        remember(Path(loaded.path), items, before)  # the next TAB can skip typer (fastcomplete.py)
    return _offer(items, incomplete)


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
    return _offer(items.items(), incomplete)


def topics(ctx: Any, incomplete: str) -> list[Item]:
    from .explain import rules

    return _offer(((rule.id, rule.title) for rule in rules.RULES), incomplete)


def origins(ctx: Any, incomplete: str) -> list[Item]:
    from .needs import origin_choices

    return _offer(((value, "") for value in origin_choices()), incomplete)


def pick_origins(ctx: Any, incomplete: str) -> list[Item]:
    from .recommend import PICK_ORIGINS

    return _offer(((value, "") for value in PICK_ORIGINS), incomplete)
