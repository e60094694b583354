"""Checking YAML nodes: the problem collector every catalog check reports through; value bounds and patterns."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem
from ..errors import short as _short

SCHEMA_VERSION = 1


STR_TAG = "tag:yaml.org,2002:str"


INT_TAG = "tag:yaml.org,2002:int"


FLOAT_TAG = "tag:yaml.org,2002:float"


BOOL_TAG = "tag:yaml.org,2002:bool"


NULL_TAG = "tag:yaml.org,2002:null"


_YAML_KIND = {
    INT_TAG: "a number",
    FLOAT_TAG: "a number",
    BOOL_TAG: "a boolean",
    NULL_TAG: "empty (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}


ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


_SURROGATE = re.compile("[\ud800-\udfff]")


URL_PATTERN = re.compile(r"^https?://\S+$")


# [0-9], not \d: \d also matches Arabic-Indic and other Unicode digits.
PARTIAL_DATE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")


MAX_TEXT = 2000


# Plausible bounds: the lightest minimalist shoe in the catalog is ~119 g, the heaviest ~420 g.
WEIGHT_GRAMS = (50.0, 1500.0)


PRICE_USD = (1.0, 2000.0)


YEARS = (1900, 2100)


# Nobody reads past the first screens of problems, and each unknown field costs a difflib
# search: 300k bad keys (6 MB) took 26 s and printed 300k lines. Stop after this many.
MAX_PROBLEMS = 1000


DROP_MM = (0.0, 20.0)  # the tallest drops in running shoes are about 12-14 mm


STACK_MM = (0.0, 80.0)  # World Athletics caps road racing shoes at 40 mm; leave room for others


WIDTH_PATTERN = re.compile(r"^(\d?[A-Z]{1,2}|[Nn]arrow|[Rr]egular|[Mm]edium|[Ww]ide|[Ee]xtra [Ww]ide)$")


def quote(value: str, limit: int = 60) -> str:
    """Echo catalog or user text safely: repr() makes control characters visible."""
    return repr(short(value, limit))


def short(value: str, limit: int = 60) -> str:
    """A custom tag can hold a megabyte of text (name: !x ...): never echo it whole."""
    return _short(value, limit)


class TooManyProblems(Exception):
    pass


class Checker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.context = ""  # "model 'nb-990v5': " while checking one model
        # Overlays: which file each overlay-supplied node came from (by id(), the nodes live
        # as long as the check), and the file of the field being checked, for nodes inside it.
        self.node_files: dict[int, str] = {}
        self.field_file: str | None = None
        # A YAML alias is the anchored node itself, used again: a catalog written with anchors
        # (yaml.dump of models sharing values) uses one list or mapping in hundreds of models.
        # A field's value parsed from a node without a problem is kept, by (node, field), and
        # reused (schema._values); one that had problems is parsed again at every use, so each
        # model still gets its messages. Keyed by the node object (identity): held here, it
        # cannot be freed and its id reused.
        self.parsed: dict[tuple[Node, str], object] = {}

    def problem(self, node: Node | None, message: str) -> None:
        mark = node.start_mark if node is not None else None
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        file = (self.node_files.get(id(node)) if node is not None else None) or self.field_file or self.file
        self.problems.append(Problem(file, self.context + message, line, column))
        if len(self.problems) == MAX_PROBLEMS:
            self.problems.append(
                Problem(file, f"stopped after {MAX_PROBLEMS} problems; fix these and run again", line, column)
            )
            raise TooManyProblems

    # --- structure -------------------------------------------------------------------
    def mapping(self, node: Node, what: str, known: tuple[str, ...]) -> dict[str, tuple[Node, Node]] | None:
        """Keys to (key node, value node); reports non-mappings, duplicates and unknown keys."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping of field: value, not {kind_of(node)}")
            return None
        fields: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node,
                    f"{what}: keys must be plain field names (YAML merge keys and complex keys are not supported)",
                )
                continue
            key = key_node.value
            if key in fields:
                first = fields[key][0].start_mark.line + 1
                self.problem(key_node, f"duplicate key {quote(key)} in {what} (first at line {first})")
                continue
            fields[key] = (key_node, value_node)
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; known fields: {', '.join(known)}"
                self.problem(key_node, f"unknown field {quote(key)} in {what}{hint}")
        return fields

    def parts(
        self, node: Node, field: str, known: tuple[str, ...], required: tuple[str, ...], example: str
    ) -> dict[str, tuple[Node, Node]] | None:
        """A small record field (weight, msrp, origin_basis): its keys, with the required ones present."""
        parts = self.mapping(node, f"field {field!r}", known)
        if parts is None:
            return None
        missing = [key for key in required if key not in parts]
        if missing:
            self.problem(node, f"field {field!r} needs {' and '.join(repr(k) for k in missing)}, e.g. {example}")
            return None
        return parts

    def sequence(self, node: Node, field: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.problem(node, f"field {field!r} must be a list, not {kind_of(node)}")
            return None
        return node.value

    # --- scalars ---------------------------------------------------------------------
    def text(self, node: Node, field: str) -> str | None:
        if not isinstance(node, ScalarNode):
            self.problem(node, f"field {field!r} must be text, not {kind_of(node)}")
            return None
        if node.tag != STR_TAG:
            kind = _YAML_KIND.get(node.tag, node.tag)
            if node.tag == NULL_TAG:
                self.problem(node, f"field {field!r} is empty; leave the field out when the value is unknown")
            else:
                self.problem(
                    node,
                    f"field {field!r} must be text, but YAML reads {quote(node.value)} as {kind}; "
                    f'quote it: "{short(node.value)}"',
                )
            return None
        value = node.value
        if not value.strip():
            self.problem(node, f"field {field!r} is blank; leave the field out when the value is unknown")
            return None
        if len(value) > MAX_TEXT:
            self.problem(node, f"field {field!r} is {len(value)} characters long; the limit is {MAX_TEXT}")
            return None
        if _SURROGATE.search(value):
            # "\udce9" in double quotes: not a character, and JSON output could not carry it.
            self.problem(
                node,
                f"field {field!r} holds a lone surrogate escape (\\ud800-\\udfff), "
                "which is not a character; write the character itself",
            )
            return None
        return value

    def each(self, node: Node, field: str, check: Callable[[Node, str], Any]) -> tuple[Any, ...] | None:
        """A list checked item by item: every bad item is reported; None if any was bad."""
        items = self.sequence(node, field)
        if items is None:
            return None
        values = [check(item, f"{field}[{i}]") for i, item in enumerate(items)]
        return None if any(v is None for v in values) else tuple(values)

    def texts(self, node: Node, field: str) -> tuple[str, ...] | None:
        return self.each(node, field, self.text)

    def choice(self, node: Node, field: str, allowed: list[str]) -> str | None:
        if isinstance(node, ScalarNode) and node.tag != STR_TAG and node.tag != NULL_TAG:
            self.problem(
                node,
                f"field {field!r} must be one of {', '.join(allowed)}; YAML reads "
                f"{quote(node.value)} as {_YAML_KIND.get(node.tag, node.tag)}",
            )
            return None
        value = self.text(node, field)
        if value is not None and value not in allowed:
            self.problem(node, f"field {field!r} is {quote(value)}; allowed: {', '.join(allowed)}")
            return None
        return value

    def number(
        self, node: Node, field: str, low: float, high: float, integer: bool = False, unit: str = ""
    ) -> float | None:
        want = "a whole number" if integer else "a number"
        if not isinstance(node, ScalarNode) or node.tag not in ((INT_TAG,) if integer else (INT_TAG, FLOAT_TAG)):
            shown = quote(node.value) if isinstance(node, ScalarNode) else kind_of(node)
            self.problem(node, f"field {field!r} must be {want}, got {shown}")
            return None
        raw = node.value.replace("_", "")
        # YAML 1.1 reads 0770 as octal 504 and 1:30 as 90; a catalog never means either.
        if ":" in raw or re.match(r"^[-+]?0[0-9bxo]", raw):
            self.problem(
                node,
                f"field {field!r}: {quote(node.value)} is ambiguous in YAML 1.1 "
                f"(octal, hex or base-60); write a plain decimal number",
            )
            return None
        try:
            value = int(raw) if node.tag == INT_TAG else float(raw)
        except ValueError:
            self.problem(node, f"field {field!r} must be {want}, got {quote(node.value)}")
            return None
        if not math.isfinite(value):
            self.problem(node, f"field {field!r} must be a finite number, got {quote(node.value)}")
            return None
        if not low <= value <= high:
            self.problem(
                node,
                f"field {field!r} is {short(node.value)}; expected between {_num(low)} and {_num(high)}"
                + (f" {unit}" if unit else ""),
            )
            return None
        return abs(value) if value == 0 else value  # -0.0 is 0: it must not show as "-0 mm"

    def flag(self, node: Node, field: str) -> bool | None:
        if not isinstance(node, ScalarNode) or node.tag != BOOL_TAG:
            self.problem(node, f"field {field!r} must be true or false")
            return None
        return node.value.lower() in ("true", "yes", "on", "y")

    def pattern(self, node: Node, field: str, pattern: re.Pattern[str], expected: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp":
            self.problem(node, f'field {field!r}: YAML reads {quote(node.value)} as a date; quote it: "{node.value}"')
            return None
        value = self.text(node, field)
        # fullmatch: with match(), "$" also accepts a trailing newline ("nb-990v5\n" as an id).
        if value is not None and not pattern.fullmatch(value):
            self.problem(node, f"field {field!r} is {quote(value)}; expected {expected}")
            return None
        return value

    def urls(self, node: Node, field: str) -> tuple[str, ...] | None:
        values = self.each(
            node, field, lambda item, name: self.pattern(item, name, URL_PATTERN, "an http:// or https:// URL")
        )
        if values == ():
            self.problem(node, f"field {field!r} needs at least one http(s) URL")
            return None
        return values


def kind_of(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the value {quote(node.value)}" if node.tag != NULL_TAG else "empty (null)"


def _num(value: float) -> str:
    return f"{value:g}"
