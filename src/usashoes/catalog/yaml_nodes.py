"""Turn catalog bytes into a YAML node tree, safely and fast.

We stop at the node tree on purpose: nodes keep line and column for every value and still
show the raw text of each scalar, so checker.py can say "line 12: 993 is a number, quote it"
and never expand an alias bomb. PyYAML's constructor is skipped entirely.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import CatalogError, Problem

try:  # libyaml: measured 4-8x faster than PyYAML's pure-Python parser on catalogs
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64  # the schema needs 4 levels; anything deeper is not a catalog
# Aliases share nodes, so nothing is copied here, but validation walks each alias as often
# as it is used: 20k aliases of a model that itself uses 20k aliases (160 KB of YAML) meant
# 400M visits and minutes of work. We count what aliases would add if expanded and stop
# past this many; real catalogs use a few anchors, for shared source lists.
MAX_ALIAS_NODES = 1_000_000
# Memory, not bytes, is what a hostile file exhausts: 8 MB of "- x" lines took 600 MB as
# nodes. A 100k-entry catalog of the benchmark's shape has about 6.5M (65 per model; the bundled
# entries average 96), so 10M allows about 150k such models and stays near 2 GB.
MAX_NODES = 10_000_000


def decode(data: bytes, file: str) -> str:
    """UTF-8 text, or a CatalogError naming where the bad bytes are."""
    if b"\0" in data:
        raise CatalogError([Problem(file, "this is a binary file, not a YAML catalog")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise CatalogError(
            [Problem(file, f"not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8", line, column)]
        ) from None
    return text.removeprefix("\ufeff")


def compose(text: str, file: str) -> Node:
    """The document's root node; CatalogError for empty, malformed or hostile documents."""
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise CatalogError([Problem(file, "the catalog is empty; it needs 'schema_version: 1' and 'models:'")])
    loader = _Loader(text)
    try:
        with _gc_paused():
            node = _compose_events(loader, file)
    except yaml.MarkedYAMLError as error:
        raise CatalogError([_syntax_error(file, error)]) from None
    except yaml.reader.ReaderError as error:
        # A character YAML forbids (ESC, BEL, ...): its str() spans two lines and has no line
        # number, so locate it ourselves.
        raise CatalogError([_forbidden_character(file, text, error)]) from None
    except yaml.YAMLError as error:
        raise CatalogError([Problem(file, "YAML error: " + " ".join(str(error).split()))]) from None
    finally:
        loader.dispose()
    if node is None:
        raise CatalogError([Problem(file, "the catalog is empty; it needs 'schema_version: 1' and 'models:'")])
    return node


def _compose_events(loader: Any, file: str) -> Node | None:
    """PyYAML's composer, rewritten as a loop over libyaml's events, with limits.

    libyaml's own composer recurses in C once per nesting level and killed the interpreter
    with a segfault at ~25k levels. Text scans cannot bound the depth in advance: brackets
    inside quotes or between siblings ('[[], [[], ...') fooled them. A loop with an explicit
    stack knows the exact depth.
    """
    anchors: dict[str, Node] = {}
    sizes: dict[str, int] = {}  # anchor -> how many values its node holds when expanded
    stack: list[_Open] = []
    aliased = 0  # values that aliases add when expanded
    budget = MAX_NODES
    root: Node | None = None
    node: Node
    get_event, resolve = loader.get_event, loader.resolve
    get_event()  # StreamStart
    if type(loader.peek_event()) is yaml.StreamEndEvent:
        return None
    get_event()  # DocumentStart
    while (kind := type(event := get_event())) is not yaml.DocumentEndEvent:
        budget -= 1
        if not budget:
            raise CatalogError(
                [
                    _at(
                        file,
                        f"more than {MAX_NODES:,} YAML values; split the catalog "
                        "(about 150,000 models of 65 values each)",
                        event.start_mark,
                    )
                ]
            )
        if kind is yaml.ScalarEvent:
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(ScalarNode, event.value, event.implicit)
            node, size = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style), 1
            if event.anchor is not None:
                _define(file, anchors, event, node)
                sizes[event.anchor] = 1
        elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            if len(stack) == MAX_DEPTH:
                raise CatalogError(
                    [_at(file, f"nested more than {MAX_DEPTH} levels deep; a catalog needs 4", event.start_mark)]
                )
            node_kind = SequenceNode if kind is yaml.SequenceStartEvent else MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolve(node_kind, None, event.implicit)
            opened = node_kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
            if event.anchor is not None:
                _define(file, anchors, event, opened)
            stack.append(_Open(opened, event.anchor))
            continue
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            done = stack.pop()
            node, size = done.node, done.size
            node.end_mark = event.end_mark
            if done.anchor is not None:
                sizes[done.anchor] = size
        else:  # an alias
            if event.anchor not in anchors:
                raise CatalogError(
                    [
                        _at(
                            file,
                            f"alias *{event.anchor} is used before any &{event.anchor} defines it",
                            event.start_mark,
                        )
                    ]
                )
            if event.anchor not in sizes:
                raise CatalogError(
                    [
                        _at(
                            file,
                            f"alias *{event.anchor} refers to a collection that contains it; "
                            "a catalog cannot be circular",
                            event.start_mark,
                        )
                    ]
                )
            node, size = anchors[event.anchor], sizes[event.anchor]
            aliased += size
            if aliased > MAX_ALIAS_NODES:
                raise CatalogError(
                    [
                        _at(
                            file,
                            f"aliases expand to more than {MAX_ALIAS_NODES:,} values "
                            "(an alias bomb?); write the values out",
                            event.start_mark,
                        )
                    ]
                )
        # The node is complete: add it to the collection it is in.
        if not stack:
            root = node
            continue
        parent = stack[-1]
        parent.size += size
        if parent.key is None and type(parent.node) is MappingNode:
            parent.key = node
        elif parent.key is None:
            parent.node.value.append(node)
        else:
            parent.node.value.append((parent.key, node))
            parent.key = None
    if type(event := get_event()) is not yaml.StreamEndEvent:
        raise CatalogError(
            [_at(file, "a catalog is one YAML document, but a second one starts here", event.start_mark)]
        )
    return root


def _define(file: str, anchors: dict[str, Node], event: Any, node: Node) -> None:
    if event.anchor in anchors:
        first = anchors[event.anchor].start_mark.line + 1
        raise CatalogError(
            [_at(file, f"anchor &{event.anchor} is defined twice (first at line {first})", event.start_mark)]
        )
    anchors[event.anchor] = node


class _Open:
    """A sequence or mapping whose end event has not come yet."""

    __slots__ = ("anchor", "key", "node", "size")

    def __init__(self, node: Node, anchor: str | None) -> None:
        self.node, self.anchor = node, anchor
        self.key: Node | None = None  # a mapping key waiting for its value
        self.size = 1  # values inside when aliases are expanded, itself included


def _forbidden_character(file: str, text: str, error: yaml.reader.ReaderError) -> Problem:
    # libyaml reports a byte offset into the UTF-8 text; the pure-Python reader a character one.
    offset = error.position
    before = (
        text.encode("utf-8")[:offset].decode("utf-8", "replace") if _Loader is not yaml.SafeLoader else text[:offset]
    )
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(error.character)
    return Problem(
        file,
        f"YAML does not allow the character U+{code:04X} ({error.reason}); "
        f"inside double quotes write it as \\u{code:04x}",
        line,
        column,
    )


def _syntax_error(file: str, error: yaml.MarkedYAMLError) -> Problem:
    """Located where the parser noticed, and naming where the construct began: for an
    unclosed '[' the mistake is usually at the start, lines above where it was found."""
    mark = error.problem_mark or error.context_mark
    context = error.context or ""
    start = error.context_mark
    if context and start is not None and mark is not None and (start.line, start.column) != (mark.line, mark.column):
        context += f" (which starts at line {start.line + 1}, column {start.column + 1})"
    message = " ".join(part for part in (context, error.problem) if part)
    return _at(file, f"YAML syntax error: {message}", mark)


def _at(file: str, message: str, mark: yaml.Mark | None) -> Problem:
    if mark is None:
        return Problem(file, message)
    return Problem(file, message, mark.line + 1, mark.column + 1)


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Node trees are millions of small objects that are never cyclic garbage; the cyclic
    # collector rescanning them made parse time grow faster than the catalog (measured: it
    # doubled parse time at 10k entries).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
