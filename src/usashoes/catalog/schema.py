"""Check a catalog's YAML node tree against the schema and build Shoe objects.

Every problem is collected (not just the first), located as file:line:col, and names the
model and field. Validation is schema-directed: we only descend where the schema expects
structure, so aliases ("billion laughs") are never expanded and wrong types stop early.
catalog.schema.json states the same rules for editors; tests keep the two in step.
"""

from __future__ import annotations

import difflib
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import Problem
from ..models import Availability, Shoe, Status
from ..names import compact, own_keys
from .checker import INT_TAG, SCHEMA_VERSION, STR_TAG, Checker, TooManyProblems, kind_of, quote
from .fields import FIELD_PARSERS, FIELDS, REQUIRED


def shoes_from_document(root: Node, file: str) -> tuple[list[Shoe], list[Problem], list[Problem]]:
    """All valid shoes, every problem and every warning; the caller decides what problems mean."""
    check = Checker(file)
    try:
        shoes, problems, lines = _catalog(check, root)
    except TooManyProblems:
        return [], check.problems, []
    return shoes, problems, ([] if problems else _warnings(shoes, file, lines))


def _warnings(shoes: list[Shoe], file: str, lines: dict[str, int]) -> list[Problem]:
    return name_collisions(shoes, file, lines) + undated_claims(shoes, file, lines)


def undated_claims(shoes: list[Shoe], file: str, lines: dict[str, int]) -> list[Problem]:
    """A current status or a retail availability without the date of its evidence: legal, but
    such a claim about now is shown as unknown until the entry says when it was true."""
    warnings = []
    for shoe in shoes:
        for claim, value, as_of in (
            ("status", shoe.status is Status.CURRENT, shoe.status_as_of),
            ("availability", shoe.availability is Availability.RETAIL, shoe.availability_as_of),
        ):
            if value and not as_of:
                warnings.append(
                    Problem(
                        file,
                        f"warning: model {quote(shoe.id)}: {claim} {quote(str(getattr(shoe, claim)))} has no "
                        f"{claim}_as_of; add the date of its evidence (until then it is shown as unknown)",
                        lines.get(shoe.id),
                    )
                )
    return warnings


def name_collisions(shoes: list[Shoe], file: str, lines: dict[str, int]) -> list[Problem]:
    """Aliases and style codes that are another model's id or key: legal, but confusing.

    An exact id still names its own model (the resolver tries ids first), but the alias
    can then never name the model it belongs to, and search lists both.
    """
    owners: dict[str, list[str]] = {}
    for shoe in shoes:
        for key in own_keys(shoe):
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


def _models(check: Checker, root: Node) -> list[Node]:
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
            and version_node.tag == INT_TAG
            and version_node.value == str(SCHEMA_VERSION)
        ):
            check.problem(version_node, f"schema_version must be {SCHEMA_VERSION}")
    items = check.sequence(top["models"][1], "models") if "models" in top else None
    return list(items or ())


def _catalog(check: Checker, root: Node) -> tuple[list[Shoe], list[Problem], dict[str, int]]:
    entries = [(item, check.file) for item in _models(check, root)]
    return _entries(check, entries)


def _entries(check: Checker, entries: list[tuple[Node, str]]) -> tuple[list[Shoe], list[Problem], dict[str, int]]:
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
    check = Checker(base_file)
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
    except TooManyProblems:
        return [], check.problems, [], {}
    warnings = [] if problems else _warnings(shoes, base_file, lines)
    return shoes, problems, warnings, ({} if problems else provenance)


def _raw_id(node: Node) -> str | None:
    if not isinstance(node, MappingNode):
        return None
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "id" and isinstance(value, ScalarNode) and value.tag == STR_TAG:
            return value.value
    return None


def _overlay(
    check: Checker, root: Node, file: str, entries: list[tuple[Node, str]], where: dict[str, int], provenance: Overlay
) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(_models(check, root)):
        model_id = _raw_id(item)
        if not isinstance(item, MappingNode):
            check.problem(item, f"models[{index}] must be a mapping of field: value, not {kind_of(item)}")
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
        # A value the overlay sets must not keep the catalog's sources for the old value (a
        # user's $150 cited to the page behind $185): field_sources is merged per field.
        overridden = {name for name in given if name not in ("id", "field_sources")}
        pairs = []
        for key, value in base.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if name == "field_sources":
                pairs.append((key, _merged_sources(value, given.pop(name, None), overridden)))
            elif name is not None and name != "id" and name in given:
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


def _merged_sources(base: Node, given: tuple[Node, Node] | None, overridden: set[str]) -> Node:
    """The catalog's field_sources without the fields an overlay set, then the overlay's own."""
    if not isinstance(base, MappingNode) or (given is not None and not isinstance(given[1], MappingNode)):
        return base if given is None else given[1]  # not a mapping: reported as it stands
    own = given[1].value if given is not None else []
    replaced = overridden | {key.value for key, _value in own if isinstance(key, ScalarNode)}
    kept = [(key, value) for key, value in base.value if not (isinstance(key, ScalarNode) and key.value in replaced)]
    if given is None and len(kept) == len(base.value):
        return base
    return MappingNode(base.tag, kept + list(own), base.start_mark, base.end_mark)


def patches_from_document(root: Node, file: str) -> tuple[int, list[Problem]]:
    """An overlay file on its own: entries need only an id; every value given is checked."""
    check = Checker(file)
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
    except TooManyProblems:
        pass
    return (0 if check.problems else count), check.problems


def _check_links(
    check: Checker, shoes: list[Shoe], nodes: dict[str, Node], files: dict[str, str], present: set[str]
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
    _check_cycles(check, shoes, nodes, files)
    check.context = ""


def _check_cycles(check: Checker, shoes: list[Shoe], nodes: dict[str, Node], files: dict[str, str]) -> None:
    """A successor (or predecessor) chain that comes back to where it started (A -> B -> A) is
    no line of succession; reported once per cycle, at the cycle's first model in the file."""
    for field in ("successor", "predecessor"):
        links = {shoe.id: target for shoe in shoes if (target := getattr(shoe, field)) is not None}
        done: set[str] = set()
        for start in (shoe.id for shoe in shoes):
            path: list[str] = []
            on_path: set[str] = set()
            current: str | None = start
            while current is not None and current not in done and current not in on_path:
                path.append(current)
                on_path.add(current)
                current = links.get(current)
            done.update(path)
            if current is None or current not in on_path:
                continue
            cycle = path[path.index(current) :]
            link = {
                model_id: next((value for key, value in nodes[model_id].value if key.value == field), nodes[model_id])
                for model_id in cycle
            }
            # Blame a link an overlay set, if one did (it closed the cycle), else the first in the file.
            first = min(cycle, key=lambda m: (id(link[m]) not in check.node_files, link[m].start_mark.line))
            loop = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
            shown = " -> ".join(quote(model_id) for model_id in loop[:6]) + (" -> ..." if len(loop) > 6 else "")
            check.file = files[first]
            check.context = f"model {quote(first)}: "
            check.problem(link[first], f"field {field!r} forms a cycle ({shown}); a chain of {field}s must end")


def _shoe(check: Checker, node: Node, index: int) -> Shoe | None:
    values = _values(check, node, index, REQUIRED)
    return None if values is None else Shoe(**values)


def _values(check: Checker, node: Node, index: int, required: tuple[str, ...]) -> dict[str, Any] | None:
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
        parser = FIELD_PARSERS.get(name)
        if parser is None:
            continue
        shared = not isinstance(value_node, ScalarNode)  # what an alias may share (check.parsed)
        if shared and (value_node, name) in check.parsed:
            value = check.parsed[value_node, name]
            values[name] = dict(value) if isinstance(value, dict) else value  # a model's own dict
            continue
        found = len(check.problems)
        check.field_file = check.node_files.get(id(value_node))
        values[name] = parser(check, value_node, name)
        check.field_file = None
        if shared and len(check.problems) == found:
            check.parsed[value_node, name] = values[name]
    if len(check.problems) > before:
        return None
    return {k: v for k, v in values.items() if v is not None}
