"""Turn catalog bytes into a YAML node tree, safely and fast.

We stop at the node tree on purpose: nodes keep line and column for every value and still
show the raw text of each scalar, so validate.py can say "line 12: 993 is a number, quote it"
and never expand an alias bomb. PyYAML's constructor is skipped entirely.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from typing import Iterator

import yaml
from yaml.nodes import Node

from .errors import CatalogError, Problem

try:  # libyaml: 4-8x faster than the pure-Python parser (PITFALLS.md)
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64  # the schema needs 4 levels; anything deeper is not a catalog
# libyaml's composer recurses in C and crashed the interpreter between 40k and 100k levels
# of nesting. These two C-speed scans bound the depth: with neither match it is below
# 2 * _RUN, and only a document that trips one pays for the exact event-by-event check.
_RUN = 1000
_DEEP_FLOW = re.compile(r"(?:[\[{][^\[\]{}]*+){%d}" % _RUN)
_DEEP_BLOCK = re.compile(r"^[ \t?:-]{%d}" % _RUN, re.MULTILINE)


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
    if _DEEP_FLOW.search(text) or _DEEP_BLOCK.search(text):
        _check_depth(text, file)
    loader = _Loader(text)
    try:
        with _gc_paused():
            node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise CatalogError([_at(file, f"YAML syntax error: {message}", mark)]) from None
    except yaml.YAMLError as error:
        raise CatalogError([Problem(file, f"YAML error: {error}")]) from None
    finally:
        loader.dispose()
    if node is None:  # pragma: no cover - caught by the emptiness check above
        raise CatalogError([Problem(file, "the catalog is empty")])
    return node


def _check_depth(text: str, file: str) -> None:
    """Exact nesting check, event by event; only for documents the fast scans flagged."""
    loader = _Loader(text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise CatalogError(
                        [_at(file, f"nested more than {MAX_DEPTH} levels deep; a catalog needs 4", event.start_mark)]
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise CatalogError([_at(file, f"YAML syntax error: {error.problem}", mark)]) from None
    finally:
        loader.dispose()


def _at(file: str, message: str, mark: yaml.Mark | None) -> Problem:
    if mark is None:
        return Problem(file, message)
    return Problem(file, message, mark.line + 1, mark.column + 1)


@contextmanager
def _gc_paused() -> Iterator[None]:
    # Node trees are millions of small objects that are never cyclic garbage; the cyclic
    # collector rescanning them made parse time grow faster than the catalog (PITFALLS.md).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
