"""Positional JSON encoding of a dataclass, derived from its fields and their annotations.

The cache stores each shoe as a JSON array in field order (half the size of keyed objects,
and faster to load). The decoder is generated once, at import, from dataclasses.fields()
and the type hints, so a new field needs no change here, and it type-checks every value:
a cache file is untrusted input. Generated code, because a generic decoder that walks the
annotations for every value was several times slower on 100k shoes than straight-line code.

Supported annotations: str, int, float, bool, X | None, Enum subclasses, tuple[X, ...],
dict[str, X], and nested dataclasses built from these. Anything else is a TypeError at
import time, so an unsupported new field is noticed at once rather than mis-cached.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any

_SCALARS = (str, int, float, bool)


class CodecError(ValueError):
    """A value does not have the type its field declares."""


class Codec:
    """encode(obj) -> list; decode(list) -> obj, type-checked; decode_all(list of lists) -> tuple."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self._builder = _Builder()
        name = self._builder.dataclass_decoder(cls)
        source = "\n".join(self._builder.lines)
        namespace = self._builder.namespace
        exec(compile(source, f"<codec for {cls.__name__}>", "exec"), namespace)
        self.decode: Callable[[Any], Any] = namespace[name]
        self.signature = _signature(cls)

    def decode_all(self, rows: Any) -> tuple[Any, ...]:
        if type(rows) is not list:
            raise CodecError("expected a list of records")
        return tuple(map(self.decode, rows))

    @staticmethod
    def encode(obj: Any) -> Any:
        return _encode(obj)


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
