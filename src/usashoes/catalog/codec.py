"""Positional JSON encoding of a dataclass, derived from its fields and their annotations.

The cache stores each shoe as a JSON array in field order (half the size of keyed objects,
and faster to load). The decoder is generated once, at import, from dataclasses.fields()
and the type hints, so a new field needs no change here, and it type-checks every value:
a cache file is untrusted input. Generated code, because a generic decoder that walks the
annotations for every value was several times slower on 100k shoes than straight-line code.

The cache's rows go one step further (encode_rows/decode_rows): each field value that is not a
number, flag or enum word (texts, lists, mappings, nested values) is stored once in a table of
distinct values and the row holds its index. A catalog repeats its sources, places, notes and
field_sources from entry to entry, and YAML aliases repeat whole lists, so the table keeps the
cache near the size of the catalog's distinct content whatever its shape; decoded values are
shared between shoes the same way, which keeps memory and decoding time with them.

Supported annotations: str, int, float, bool, X | None, Enum subclasses, tuple[X, ...],
dict[str, X], and nested dataclasses built from these. Anything else is a TypeError at
import time, so an unsupported new field is noticed at once rather than mis-cached.
"""

from __future__ import annotations

import dataclasses
import json
import operator
import sys
import types
import typing
from collections.abc import Callable, Sequence
from enum import Enum
from functools import cached_property
from typing import Any

_SCALARS = (str, int, float, bool)


class CodecError(ValueError):
    """A value does not have the type its field declares."""


class Codec:
    """encode(obj) -> list; decode(list) -> obj, type-checked; decode_all(list of lists) -> tuple;
    encode_rows/decode_rows for many objects sharing a table of distinct values."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        # Writing the decoders' source checks every annotation now (a TypeError naming the
        # field); compiling it (~1.5 ms each) waits until a decoder is first used.
        self._plain, self._rows = _Source(cls, rows=False), _Source(cls, rows=True)
        hints = _field_hints(cls)
        self._shared = tuple(_shared(annotation) for annotation in hints)
        self._enums = tuple(_is_enum(_optional(annotation) or annotation) for annotation in hints)
        self.signature = _signature(cls)

    @cached_property
    def decode(self) -> Callable[[Any], Any]:
        return self._plain.compiled()

    @cached_property
    def _decode_row(self) -> Callable[[Any, Any, Any], Any]:
        return self._rows.compiled()

    def decode_all(self, rows: Any) -> tuple[Any, ...]:
        if type(rows) is not list:
            raise CodecError("expected a list of records")
        return tuple(map(self.decode, rows))

    @staticmethod
    def encode(obj: Any) -> Any:
        return _encode(obj)

    def encode_rows(self, objs: Sequence[Any]) -> tuple[list[list[Any]], list[Any]]:
        """(rows, values): each object as a row of numbers, flags and enum words as they are and,
        for every other field, the index in values where its value is stored (encoded) once."""
        values: list[Any] = []
        tables: list[dict[Any, int]] = [{} for _ in self._shared]
        shared = [position for position, is_shared in enumerate(self._shared) if is_shared]
        enums = [position for position, is_enum in enumerate(self._enums) if is_enum]
        fields = operator.attrgetter(*self._names)
        rows = []
        for obj in objs:
            row = list(fields(obj))
            for position in enums:
                if row[position] is not None:
                    row[position] = row[position].value
            for position in shared:
                value = row[position]
                if value is None:
                    continue
                # Equal values share an entry. A mapping is keyed by its items (in order), and
                # anything deeper by its encoding; values of one field have one type, so 1 == 1.0
                # can only merge numbers the field's type reads alike.
                key = tuple(value.items()) if type(value) is dict else value
                table = tables[position]
                try:
                    index = table.get(key)
                except TypeError:
                    key = json.dumps(_encode(value), ensure_ascii=False)
                    index = table.get(key)
                if index is None:
                    index = table[key] = len(values)
                    values.append(_encode(value))
                row[position] = index
            rows.append(row)
        return rows, values

    def decode_rows(
        self, rows: Any, values: Any, memo: list[dict[int, Any]] | None = None
    ) -> tuple[tuple[Any, ...], list[dict[int, Any]]]:
        """The objects encode_rows made rows of, type-checked, and the memo of decoded values:
        pass it back for more rows of the same values, so equal values stay one object."""
        if type(rows) is not list or type(values) is not list:
            raise CodecError("expected a list of rows and a list of values")
        memo = memo if memo is not None else [{} for _ in self._shared]
        decode = self._decode_row
        return tuple([decode(row, values, memo) for row in rows]), memo

    @cached_property
    def _names(self) -> tuple[str, ...]:
        return tuple(field.name for field in dataclasses.fields(self.cls) if field.init)


def _encode(value: Any) -> Any:
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value):
        return [_encode(getattr(value, field.name)) for field in dataclasses.fields(value)]
    raise TypeError(f"cannot encode {type(value).__name__}")


class _Source:
    """A decoder's generated source, compiled on demand: a run that reads no cache entry (a
    first run, or one that only writes) compiles none."""

    def __init__(self, cls: type, rows: bool) -> None:
        builder = _Builder()
        self.name = builder.row_decoder(cls) if rows else builder.dataclass_decoder(cls)
        self.source, self.namespace, self.label = "\n".join(builder.lines), builder.namespace, cls.__name__

    def compiled(self) -> Callable[..., Any]:
        exec(compile(self.source, f"<codec for {self.label}>", "exec"), self.namespace)
        return self.namespace[self.name]


def _field_hints(cls: type) -> list[Any]:
    hints = _hints(cls)
    return [hints[field.name] for field in dataclasses.fields(cls) if field.init]


def _shared(annotation: Any) -> bool:
    """Whether a field's values go to the table of distinct values (see encode_row)."""
    inner = _optional(annotation)
    plain = annotation if inner is None else inner
    return not (plain in (int, float, bool) or _is_enum(plain))


def _hints(cls: type) -> dict[str, Any]:
    """The field annotations, evaluated. typing.get_type_hints compiles every string
    annotation anew (31 for Shoe, each run); the same few strings are evaluated once here."""
    namespace = vars(sys.modules[cls.__module__])
    hints = {}
    for klass in reversed(cls.__mro__):
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            hints[name] = (
                _evaluate(annotation, cls.__module__, namespace) if isinstance(annotation, str) else annotation
            )
    return hints


_EVALUATED: dict[tuple[str, str], Any] = {}


def _evaluate(annotation: str, module: str, namespace: dict[str, Any]) -> Any:
    key = (annotation, module)
    if key not in _EVALUATED:
        _EVALUATED[key] = eval(annotation, namespace)
    return _EVALUATED[key]


def _optional(annotation: Any) -> Any | None:
    """X for X | None (or Optional[X]); None when the annotation is not an optional."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(args) == 1 and len(typing.get_args(annotation)) == 2:
            return args[0]
        raise TypeError(f"unsupported union {annotation!r}: only X | None")
    return None


def _is_enum(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def _signature(annotation: Any) -> str:
    """A description of the encoding: the cache header carries it, so a changed Shoe invalidates old files."""
    if (inner := _optional(annotation)) is not None:
        return f"{_signature(inner)}?"
    if _is_enum(annotation):
        return f"{annotation.__name__}{{{','.join(str(m.value) for m in annotation)}}}"
    if annotation in _SCALARS:
        return str(annotation.__name__)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is tuple:
        return f"[{_signature(args[0])}]"
    if origin is dict:
        return f"{{{_signature(args[1])}}}"
    if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
        hints = _hints(annotation)
        fields = ",".join(f"{f.name}:{_signature(hints[f.name])}" for f in dataclasses.fields(annotation))
        return f"{annotation.__name__}({fields})"
    raise TypeError(f"unsupported annotation {annotation!r}")


class _Builder:
    """Writes Python source for decoders; each check raises CodecError (or KeyError, TypeError)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {"CodecError": CodecError, "_join": "".join}
        self.decoders: dict[type, str] = {}
        self.counter = 0

    def _name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def dataclass_decoder(self, cls: type) -> str:
        if cls in self.decoders:
            return self.decoders[cls]
        if not (dataclasses.is_dataclass(cls) and isinstance(cls, type)):
            raise TypeError(f"{cls!r} is not a dataclass")
        name = self._name(f"decode_{cls.__name__}_")
        self.decoders[cls] = name
        fields = [field for field in dataclasses.fields(cls) if field.init]
        hints = _hints(cls)
        constructor = self._name("cls_")
        self.namespace[constructor] = cls
        variables = [f"f{index}" for index in range(len(fields))]
        body: list[str] = [
            f"if type(r) is not list or len(r) != {len(fields)}:",
            f"    raise CodecError('expected {len(fields)} values for {cls.__name__}')",
            f"{', '.join(variables)}{',' if len(variables) == 1 else ''} = r",
        ]
        for variable, field in zip(variables, fields, strict=True):
            try:
                body += self._check(hints[field.name], variable)
            except TypeError as error:
                raise TypeError(f"{cls.__name__}.{field.name}: {error}") from None
        body.append(f"return {constructor}({', '.join(variables)})")
        self.lines += [f"def {name}(r):", *("    " + line for line in body), ""]
        return name

    def row_decoder(self, cls: type) -> str:
        """decode_row(r, V, M): a row of encode_row's, values V, one memo dict per field in M."""
        name = self._name(f"decode_row_{cls.__name__}_")
        constructor = self._name("cls_")
        self.namespace[constructor] = cls
        annotations = _field_hints(cls)
        variables = [f"f{index}" for index in range(len(annotations))]
        body: list[str] = [
            f"if type(r) is not list or len(r) != {len(annotations)}:",
            f"    raise CodecError('expected {len(annotations)} values for {cls.__name__}')",
            f"{', '.join(variables)}{',' if len(variables) == 1 else ''} = r",
        ]
        for position, (variable, annotation) in enumerate(zip(variables, annotations, strict=True)):
            if not _shared(annotation):
                body += self._check(annotation, variable)
                continue
            inner = _optional(annotation)
            value = self._name("v")
            lookup = [
                f"if type({variable}) is not int: raise CodecError('expected a value index')",
                f"{value} = M[{position}].get({variable})",
                f"if {value} is None:",
                f"    {value} = V[{variable}]",
                *("    " + line for line in self._check(annotation if inner is None else inner, value)),
                f"    M[{position}][{variable}] = {value}",
                f"{variable} = {value}",
            ]
            body += lookup if inner is None else [f"if {variable} is not None:", *("    " + line for line in lookup)]
        body.append(f"return {constructor}({', '.join(variables)})")
        self.lines += [f"def {name}(r, V, M):", *("    " + line for line in body), ""]
        return name

    def _check(self, annotation: Any, var: str) -> list[str]:
        """Lines that check var against annotation and leave the decoded value in var."""
        if (inner := _optional(annotation)) is not None:
            lines = self._check(inner, var)
            return [f"if {var} is not None:", *("    " + line for line in lines)] if lines else []
        if annotation is str:
            return [f"if type({var}) is not str: raise CodecError('expected text')"]
        if annotation is bool:
            return [f"if {var} is not True and {var} is not False: raise CodecError('expected true or false')"]
        if annotation is int:
            return [f"if type({var}) is not int: raise CodecError('expected a whole number')"]
        if annotation is float:
            # JSON writes 70.0 as 70.0, but accept an integer too; NaN never loads (parse_constant).
            return [
                f"if type({var}) is not float:",
                f"    if type({var}) is not int: raise CodecError('expected a number')",
                f"    {var} = float({var})",
            ]
        if _is_enum(annotation):
            lookup = self._name("enum_")
            # A dict lookup is 25x faster than Enum(value); an unknown value is a KeyError.
            self.namespace[lookup] = {member.value: member for member in annotation}
            return [f"{var} = {lookup}[{var}]"]
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return [
                f"if type({var}) is not list: raise CodecError('expected a list')",
                *self._items(args[0], var, f"{var} = tuple({var})", "tuple"),
            ]
        if origin is dict and len(args) == 2 and args[0] is str:
            return [
                f"if type({var}) is not dict: raise CodecError('expected an object')",
                *self._items(args[1], var, "", "dict"),
            ]
        if dataclasses.is_dataclass(annotation) and isinstance(annotation, type):
            return [f"{var} = {self.dataclass_decoder(annotation)}({var})"]
        raise TypeError(f"unsupported annotation {annotation!r}")

    def _items(self, annotation: Any, var: str, finish: str, kind: str) -> list[str]:
        """Check every item of a list (kind 'tuple') or every value of an object ('dict')."""
        values = f"{var}.values()" if kind == "dict" else var
        if annotation is str:
            # str.join type-checks every item at C speed (TypeError on anything but text).
            return [f"_join({values})", *([finish] if finish else [])]
        if _is_enum(annotation) and kind == "tuple":
            lookup = self._name("enum_")
            self.namespace[lookup] = {member.value: member for member in annotation}
            return [f"{var} = tuple([{lookup}[x] for x in {var}])"]
        item = self._name("x")
        lines = self._check(annotation, item)
        if kind == "tuple":
            out = self._name("t")
            return [
                f"{out} = []",
                f"for {item} in {var}:",
                *("    " + line for line in lines),
                f"    {out}.append({item})",
                f"{var} = tuple({out})",
            ]
        out, key = self._name("t"), self._name("k")
        return [
            f"{out} = {{}}",
            f"for {key}, {item} in {var}.items():",
            *("    " + line for line in lines),
            f"    {out}[{key}] = {item}",
            f"{var} = {out}",
        ]
