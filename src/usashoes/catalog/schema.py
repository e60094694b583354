"""Check a catalog's YAML node tree against the schema and build Shoe objects.

Every problem is collected (not just the first), located as file:line:col, and names the
model and field. Validation is schema-directed: we only descend where the schema expects
structure, so aliases ("billion laughs") are never expanded and wrong types stop early.
catalog.schema.json states the same rules for editors; tests keep the two in step.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Problem
from ..errors import short as _short
from ..models import (
    Activity,
    Confidence,
    Line,
    Origin,
    OriginBasis,
    OriginBasisKind,
    Price,
    Shoe,
    Status,
    Support,
    Vocabulary,
    Weight,
)

SCHEMA_VERSION = 1
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_YAML_KIND = {
    _INT: "a number",
    _FLOAT: "a number",
    _BOOL: "a boolean",
    _NULL: "empty (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_SURROGATE = re.compile("[\ud800-\udfff]")
URL_PATTERN = re.compile(r"^https?://\S+$")
PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MAX_TEXT = 2000
# Plausible bounds: the lightest minimalist shoe in the catalog is ~119 g, the heaviest ~420 g.
WEIGHT_GRAMS = (50.0, 1500.0)
PRICE_USD = (1.0, 2000.0)
YEARS = (1900, 2100)
# Nobody reads past the first screens of problems, and each unknown field costs a difflib
# search: 300k bad keys (6 MB) took 26 s and printed 300k lines. Stop after this many.
MAX_PROBLEMS = 1000

REQUIRED = ("id", "brand", "name", "confidence", "sources")
FIELDS = (
    "id",
    "brand",
    "name",
    "version",
    "aliases",
    "style_codes",
    "origin",
    "label",
    "made_in",
    "domestic_content",
    "domestic_content_min_pct",
    "activities",
    "support",
    "weight",
    "msrp",
    "release_year",
    "status",
    "status_as_of",
    "midsole",
    "features",
    "description",
    "confidence",
    "notes",
    "drop_mm",
    "stack_heel_mm",
    "stack_forefoot_mm",
    "widths",
    "sizes",
    "product_url",
    "successor",
    "predecessor",
    "origin_basis",
    "lookalikes",
    "launch_price",
    "sources",
    "field_sources",
)
# A successor or predecessor link is a fact like any other: it can name its sources too.
SOURCED_FIELDS = tuple(
    f for f in FIELDS if f not in ("id", "confidence", "notes", "sources", "field_sources", "status_as_of")
)
DROP_MM = (0.0, 20.0)  # the tallest drops in running shoes are about 12-14 mm
STACK_MM = (0.0, 80.0)  # World Athletics caps road racing shoes at 40 mm; leave room for others
WIDTH_PATTERN = re.compile(r"^(\d?[A-Z]{1,2}|[Nn]arrow|[Rr]egular|[Mm]edium|[Ww]ide|[Ee]xtra [Ww]ide)$")


def quote(value: str, limit: int = 60) -> str:
    """Echo catalog or user text safely: repr() makes control characters visible."""
    return repr(short(value, limit))


def short(value: str, limit: int = 60) -> str:
    """A custom tag can hold a megabyte of text (name: !x ...): never echo it whole."""
    return _short(value, limit)


class _TooManyProblems(Exception):
    pass


class _Checker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.context = ""  # "model 'nb-990v5': " while checking one model
        # Overlays: which file each overlay-supplied node came from (by id(), the nodes live
        # as long as the check), and the file of the field being checked, for nodes inside it.
        self.node_files: dict[int, str] = {}
        self.field_file: str | None = None

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
            raise _TooManyProblems

    # --- structure -------------------------------------------------------------------
    def mapping(self, node: Node, what: str, known: tuple[str, ...]) -> dict[str, tuple[Node, Node]] | None:
        """Keys to (key node, value node); reports non-mappings, duplicates and unknown keys."""
        if not isinstance(node, MappingNode):
            self.problem(node, f"{what} must be a mapping of field: value, not {_kind(node)}")
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
            self.problem(node, f"field {field!r} must be a list, not {_kind(node)}")
            return None
        return node.value

    # --- scalars ---------------------------------------------------------------------
    def text(self, node: Node, field: str) -> str | None:
        if not isinstance(node, ScalarNode):
            self.problem(node, f"field {field!r} must be text, not {_kind(node)}")
            return None
        if node.tag != _STR:
            kind = _YAML_KIND.get(node.tag, node.tag)
            if node.tag == _NULL:
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
        if isinstance(node, ScalarNode) and node.tag != _STR and node.tag != _NULL:
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
        if not isinstance(node, ScalarNode) or node.tag not in ((_INT,) if integer else (_INT, _FLOAT)):
            shown = quote(node.value) if isinstance(node, ScalarNode) else _kind(node)
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
            value = int(raw) if node.tag == _INT else float(raw)
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
        return value

    def flag(self, node: Node, field: str) -> bool | None:
        if not isinstance(node, ScalarNode) or node.tag != _BOOL:
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


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the value {quote(node.value)}" if node.tag != _NULL else "empty (null)"


def _num(value: float) -> str:
    return f"{value:g}"


def shoes_from_document(root: Node, file: str) -> tuple[list[Shoe], list[Problem], list[Problem]]:
    """All valid shoes, every problem and every warning; the caller decides what problems mean."""
    check = _Checker(file)
    try:
        shoes, problems, lines = _catalog(check, root)
    except _TooManyProblems:
        return [], check.problems, []
    return shoes, problems, ([] if problems else name_collisions(shoes, file, lines))


def name_collisions(shoes: list[Shoe], file: str, lines: dict[str, int]) -> list[Problem]:
    """Aliases and style codes that are another model's id or key: legal, but confusing.

    An exact id still names its own model (the resolver tries ids first), but the alias
    can then never name the model it belongs to, and search lists both.
    """
    from ..matching import Matcher, compact

    owners: dict[str, list[str]] = {}
    for shoe in shoes:
        for key in Matcher.own_keys(shoe):
            owners.setdefault(key, []).append(shoe.id)
    warnings = []
    for shoe in shoes:
        for kind, names in (("alias", shoe.aliases), ("style code", shoe.style_codes)):
            for name in names:
                others = [other for other in owners.get(compact(name), ()) if other != shoe.id]
                if others:
                    what = "the id" if compact(name) in {compact(other) for other in others} else "a name"
                    warnings.append(
                        Problem(
                            file,
                            f"warning: model {quote(shoe.id)}: {kind} {quote(name)} is also "
                            f"{what} of {', '.join(map(repr, others[:5]))}; "
                            f"rename or remove it",
                            lines.get(shoe.id),
                        )
                    )
    return warnings


def _models(check: _Checker, root: Node) -> list[Node]:
    """The entries of a catalog-shaped document, after checking its top level."""
    top = check.mapping(root, "the catalog", ("schema_version", "models"))
    if top is None:
        return []
    for required in ("schema_version", "models"):
        if required not in top:
            check.problem(root, f"the catalog is missing {required!r}")
    if "schema_version" in top:
        version_node = top["schema_version"][1]
        if not (
            isinstance(version_node, ScalarNode)
            and version_node.tag == _INT
            and version_node.value == str(SCHEMA_VERSION)
        ):
            check.problem(version_node, f"schema_version must be {SCHEMA_VERSION}")
    items = check.sequence(top["models"][1], "models") if "models" in top else None
    return list(items or ())


def _catalog(check: _Checker, root: Node) -> tuple[list[Shoe], list[Problem], dict[str, int]]:
    entries = [(item, check.file) for item in _models(check, root)]
    return _entries(check, entries)


def _entries(check: _Checker, entries: list[tuple[Node, str]]) -> tuple[list[Shoe], list[Problem], dict[str, int]]:
    shoes: list[Shoe] = []
    first_line: dict[str, int] = {}
    nodes: dict[str, Node] = {}
    files: dict[str, str] = {}
    for index, (item, file) in enumerate(entries):
        check.file = file
        shoe = _shoe(check, item, index)
        check.context = ""
        if shoe is None:
            continue
        if shoe.id in first_line:
            check.problem(item, f"duplicate id {quote(shoe.id)} (first at line {first_line[shoe.id]})")
            continue
        first_line[shoe.id] = item.start_mark.line + 1
        nodes[shoe.id] = item
        files[shoe.id] = file
        shoes.append(shoe)
    # A link to an entry that is there but has problems of its own is not a problem too.
    present = {model_id for item, _file in entries if (model_id := _raw_id(item)) is not None}
    _check_links(check, shoes, nodes, files, present)
    return shoes, check.problems, first_line


# Model id -> field -> the overlay file that set it ("id" too if the overlay added the model).
Overlay = dict[str, dict[str, str]]


def shoes_from_layers(layers: list[tuple[Node, str]]) -> tuple[list[Shoe], list[Problem], list[Problem], Overlay]:
    """A catalog with overlays merged over it, node by node, then validated as one catalog.

    layers[0] is the catalog, the rest are overlays in order. An overlay entry with a new id
    adds a model; with an existing id, each field it gives replaces that whole field. Every
    problem names the file whose node caused it.
    """
    base_root, base_file = layers[0]
    check = _Checker(base_file)
    provenance: Overlay = {}
    try:
        entries = [(item, base_file) for item in _models(check, base_root)]
        where: dict[str, int] = {}
        for position, (item, _file) in enumerate(entries):
            model_id = _raw_id(item)
            if model_id is not None:
                where.setdefault(model_id, position)
        for root, file in layers[1:]:
            check.file = file
            _overlay(check, root, file, entries, where, provenance)
        check.file = base_file
        shoes, problems, lines = _entries(check, entries)
    except _TooManyProblems:
        return [], check.problems, [], {}
    warnings = [] if problems else name_collisions(shoes, base_file, lines)
    return shoes, problems, warnings, ({} if problems else provenance)


def _raw_id(node: Node) -> str | None:
    if not isinstance(node, MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode) and value.tag == _STR:
            return value.value
    return None


def _overlay(
    check: _Checker, root: Node, file: str, entries: list[tuple[Node, str]], where: dict[str, int], provenance: Overlay
) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(_models(check, root)):
        model_id = _raw_id(item)
        if not isinstance(item, MappingNode):
            check.problem(item, f"models[{index}] must be a mapping of field: value, not {_kind(item)}")
            continue
        if model_id is None:
            check.problem(item, f"models[{index}]: an overlay entry needs an 'id' (text): the model it adds or patches")
            continue
        if model_id in seen:
            check.problem(item, f"duplicate id {quote(model_id)} in this overlay (first at line {seen[model_id]})")
            continue
        seen[model_id] = item.start_mark.line + 1
        check.node_files[id(item)] = file
        for key, value in item.value:
            check.node_files[id(key)] = check.node_files[id(value)] = file
        given = {key.value: (key, value) for key, value in item.value if isinstance(key, ScalarNode)}
        fields = provenance.setdefault(model_id, {})
        position = where.get(model_id)
        base = entries[position][0] if position is not None else None
        if position is None or not isinstance(base, MappingNode):
            missing = [name for name in REQUIRED if name not in given]
            if missing:
                # Most likely a patch whose id is misspelt, rather than a new model half written.
                close = difflib.get_close_matches(model_id, list(where), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                check.problem(
                    item,
                    f"no model {quote(model_id)} to patch in the catalog{hint} (to add it as a new "
                    f"model, also give {', '.join(repr(name) for name in missing)})",
                )
                continue
            where[model_id] = len(entries)
            entries.append((item, file))
            fields.clear()
            fields.update({name: file for name in given})
            continue
        pairs = []
        for key, value in base.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if name is not None and name != "id" and name in given:
                pairs.append(given.pop(name))
            else:
                pairs.append((key, value))
        given.pop("id", None)
        pairs.extend(given.values())
        pairs.extend((key, value) for key, value in item.value if not isinstance(key, ScalarNode))
        entries[position] = (MappingNode(base.tag, pairs, base.start_mark, base.end_mark), entries[position][1])
        fields.update(
            {key.value: file for key, _value in item.value if isinstance(key, ScalarNode) and key.value != "id"}
        )


def patches_from_document(root: Node, file: str) -> tuple[int, list[Problem]]:
    """An overlay file on its own: entries need only an id; every value given is checked."""
    check = _Checker(file)
    count = 0
    try:
        seen: dict[str, int] = {}
        for index, item in enumerate(_models(check, root)):
            if _values(check, item, index, ("id",)) is None:
                check.context = ""
                continue
            check.context = ""
            model_id = _raw_id(item) or ""
            if model_id in seen:
                check.problem(item, f"duplicate id {quote(model_id)} (first at line {seen[model_id]})")
                continue
            seen[model_id] = item.start_mark.line + 1
            count += 1
    except _TooManyProblems:
        pass
    return (0 if check.problems else count), check.problems


def _check_links(
    check: _Checker, shoes: list[Shoe], nodes: dict[str, Node], files: dict[str, str], present: set[str]
) -> None:
    """successor and predecessor name another model of the same catalog."""
    for shoe in shoes:
        for field in ("successor", "predecessor"):
            target = getattr(shoe, field)
            if target is None or (target in present and target != shoe.id):
                continue
            check.file = files[shoe.id]
            check.context = f"model {quote(shoe.id)}: "
            node = next((value for key, value in nodes[shoe.id].value if key.value == field), nodes[shoe.id])
            reason = "names the model itself" if target == shoe.id else "is not the id of any model in this catalog"
            check.problem(node, f"field {field!r}: {quote(target)} {reason}")
    check.context = ""


def _shoe(check: _Checker, node: Node, index: int) -> Shoe | None:
    values = _values(check, node, index, REQUIRED)
    return None if values is None else Shoe(**values)


def _values(check: _Checker, node: Node, index: int, required: tuple[str, ...]) -> dict[str, Any] | None:
    """A model's parsed fields (None left out), or None if any field has a problem."""
    # Name the model by its id from the first message on, unknown fields included.
    id_nodes = (
        [value for key, value in node.value if isinstance(key, ScalarNode) and key.value == "id"]
        if isinstance(node, MappingNode)
        else []
    )
    model_id = id_nodes[0].value if id_nodes and isinstance(id_nodes[0], ScalarNode) else None
    check.context = f"model {quote(model_id)}: " if model_id else ""
    fields = check.mapping(node, f"models[{index}]", FIELDS)
    if fields is None:
        return None
    check.context = f"model {quote(model_id)}: " if model_id else f"models[{index}]: "
    before = len(check.problems)
    for name in required:
        if name not in fields:
            check.problem(node, f"missing required field {name!r}")

    values: dict[str, Any] = {}
    for name, (_key, value_node) in fields.items():
        parser = _FIELD_PARSERS.get(name)
        if parser is not None:
            check.field_file = check.node_files.get(id(value_node))
            values[name] = parser(check, value_node, name)
            check.field_file = None
    if len(check.problems) > before:
        return None
    return {k: v for k, v in values.items() if v is not None}


def _id(check: _Checker, node: Node, field: str) -> str | None:
    return check.pattern(node, field, ID_PATTERN, "lowercase words joined by hyphens, e.g. 'nb-990v5'")


def _enum(vocabulary: type[Vocabulary]) -> Callable[[_Checker, Node, str], Any]:
    def parse(check: _Checker, node: Node, field: str) -> Any:
        value = check.choice(node, field, vocabulary.values())
        return None if value is None else vocabulary(value)

    return parse


def _activities(check: _Checker, node: Node, field: str) -> tuple[Activity, ...] | None:
    items = check.sequence(node, field)
    if items is None:
        return None
    values = [check.choice(item, f"{field}[{i}]", Activity.values()) for i, item in enumerate(items)]
    if any(v is None for v in values):
        return None
    if len(set(values)) != len(values):
        check.problem(node, f"field {field!r} lists an activity twice")
        return None
    return tuple(Activity(v) for v in values if v is not None)


def _weight(check: _Checker, node: Node, field: str) -> Weight | None:
    parts = check.parts(
        node, field, ("value", "unit", "size", "at_least", "line"), ("value", "unit"), "{value: 13.7, unit: oz}"
    )
    if parts is None:
        return None
    unit = check.choice(parts["unit"][1], "weight.unit", ["oz", "g"])
    if unit is None:
        return None
    factor = 28.349523125 if unit == "oz" else 1.0
    low, high = (bound / factor for bound in WEIGHT_GRAMS)
    value = check.number(parts["value"][1], "weight.value", round(low, 1), round(high, 1), unit=unit)
    size = check.text(parts["size"][1], "weight.size") if "size" in parts else None
    at_least = check.flag(parts["at_least"][1], "weight.at_least") if "at_least" in parts else False
    line = _enum(Line)(check, parts["line"][1], "weight.line") if "line" in parts else None
    if value is None or ("size" in parts and size is None) or at_least is None or ("line" in parts and line is None):
        return None
    return Weight(float(value), unit, size, at_least, line)


def _price(check: _Checker, node: Node, field: str) -> Price | None:
    """msrp and launch_price: a price is not a fact without the year it was seen."""
    parts = check.parts(node, field, ("usd", "year"), ("usd", "year"), "{usd: 175, year: 2020}")
    if parts is None:
        return None
    usd = check.number(parts["usd"][1], f"{field}.usd", *PRICE_USD, unit="US dollars")
    year = check.number(parts["year"][1], f"{field}.year", *YEARS, integer=True)
    if usd is None or year is None:
        return None
    return Price(float(usd), int(year))


def _field_sources(check: _Checker, node: Node, field: str) -> dict[str, tuple[str, ...]] | None:
    parts = check.mapping(node, "field 'field_sources'", SOURCED_FIELDS)
    if parts is None:
        return None
    result = {}
    for name, (_key, value_node) in parts.items():
        if name in SOURCED_FIELDS:
            urls = check.urls(value_node, f"field_sources.{name}")
            if urls is not None:
                result[name] = urls
    return result


def _origin_basis(check: _Checker, node: Node, field: str) -> OriginBasis | None:
    parts = check.parts(
        node,
        field,
        ("kind", "detail"),
        ("kind", "detail"),
        '{kind: maker-label, detail: "Sold as Made in USA on the maker\'s page"}',
    )
    if parts is None:
        return None
    kind = _enum(OriginBasisKind)(check, parts["kind"][1], "origin_basis.kind")
    detail = check.text(parts["detail"][1], "origin_basis.detail")
    return None if kind is None or detail is None else OriginBasis(kind, detail)


def _per_line(parse_value: Callable[[_Checker, Node, str], Any]) -> Callable[[_Checker, Node, str], Any]:
    """widths and sizes: a mapping from men / women / unisex to a value."""

    def parse(check: _Checker, node: Node, field: str) -> dict[str, Any] | None:
        parts = check.mapping(node, f"field {field!r}", tuple(Line.values()))
        if parts is None:
            return None
        if not parts:
            check.problem(node, f"field {field!r} is empty; leave the field out when the value is unknown")
            return None
        values = {
            line: parse_value(check, value_node, f"{field}.{line}")
            for line, (_key, value_node) in parts.items()
            if line in Line.values()
        }
        return None if len(values) != len(parts) or any(v is None for v in values.values()) else values

    return parse


def _widths(check: _Checker, node: Node, field: str) -> tuple[str, ...] | None:
    values = check.each(
        node,
        field,
        lambda item, name: check.pattern(
            item, name, WIDTH_PATTERN, "a width letter code such as B, D, 2E, 4E, or narrow/regular/wide"
        ),
    )
    if values == ():
        check.problem(node, f"field {field!r} is an empty list; leave it out when the widths are unknown")
        return None
    return values


def _url(check: _Checker, node: Node, field: str) -> str | None:
    return check.pattern(node, field, URL_PATTERN, "an http:// or https:// URL")


def _number(low: float, high: float, unit: str = "", integer: bool = False) -> Callable[[_Checker, Node, str], Any]:
    def parse(check: _Checker, node: Node, field: str) -> float | int | None:
        value = check.number(node, field, low, high, integer=integer, unit=unit)
        return None if value is None else (int(value) if integer else float(value))

    return parse


_FIELD_PARSERS: dict[str, Callable[[_Checker, Node, str], Any]] = {
    "id": _id,
    "brand": _Checker.text,
    "name": _Checker.text,
    "version": _Checker.text,
    "aliases": _Checker.texts,
    "style_codes": _Checker.texts,
    "origin": _enum(Origin),
    "label": _Checker.text,
    "made_in": _Checker.text,
    "domestic_content": _Checker.text,
    "domestic_content_min_pct": _number(0, 100),
    "activities": _activities,
    "support": _enum(Support),
    "weight": _weight,
    "msrp": _price,
    "release_year": _number(*YEARS, integer=True),
    "status": _enum(Status),
    "status_as_of": lambda check, node, field: check.pattern(node, field, PARTIAL_DATE, "YYYY, YYYY-MM or YYYY-MM-DD"),
    "midsole": _Checker.text,
    "features": _Checker.texts,
    "description": _Checker.text,
    "confidence": _enum(Confidence),
    "notes": _Checker.texts,
    "drop_mm": _number(*DROP_MM, "mm"),
    "stack_heel_mm": _number(*STACK_MM, "mm"),
    "stack_forefoot_mm": _number(*STACK_MM, "mm"),
    "widths": _per_line(_widths),
    "sizes": _per_line(_Checker.text),
    "product_url": _url,
    "successor": _id,
    "predecessor": _id,
    "origin_basis": _origin_basis,
    "lookalikes": _Checker.texts,
    "launch_price": _price,
    "sources": _Checker.urls,
    "field_sources": _field_sources,
}
