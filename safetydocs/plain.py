"""Plain values for the stages' results: what a spaCy Doc can keep (``DocBin``, ``to_bytes`` and ``nlp.pipe`` across
processes serialise only JSON-like values), and the typed objects the extractors read, back again.

:func:`to_plain` writes a dataclass as a list of its fields in order, a pydantic model as its JSON dump, a tuple
as a list; :func:`from_plain` reads them back by the type's annotations, so a span is a tuple again (spans are
compared and hashed as tuples) and a date a date. One codec for every stage, instead of a pair of methods per class.
"""
from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from typing import Any, Union


def to_plain(value: Any) -> Any:
    """``value`` as None, bool, int, float, str, list and dict only."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)]
    if isinstance(value, (list, tuple)):
        return [to_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    dump = getattr(value, "model_dump", None)
    if dump is not None:  # a pydantic model
        return dump(mode="json")
    raise TypeError(f"no plain form for {type(value).__name__}")


def from_plain(kind: Any, value: Any) -> Any:
    """The object of type ``kind`` that :func:`to_plain` wrote as ``value``."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin is Union or origin is types.UnionType:
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        return from_plain(options[0], value) if len(options) == 1 else value
    if origin in (list, tuple, dict):
        arguments = typing.get_args(kind)
        if origin is dict:
            return {key: from_plain(arguments[1], item) for key, item in value.items()} if arguments else dict(value)
        if origin is list:
            return [from_plain(arguments[0], item) for item in value] if arguments else list(value)
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return tuple(from_plain(arguments[0], item) for item in value)
        return tuple(from_plain(argument, item) for argument, item in zip(arguments, value)) if arguments \
            else tuple(value)
    if kind in (list, tuple, dict):
        return kind(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _field_types(kind)
        return kind(*(from_plain(hints[name], item) for name, item in zip(hints, value)))
    validate = getattr(kind, "model_validate", None)
    if validate is not None:
        return validate(value)
    return value


@lru_cache(maxsize=None)
def _field_types(kind: type) -> dict[str, Any]:
    """A dataclass's fields in order with their resolved annotations (``Span`` is ``tuple[int, int]``)."""
    hints = typing.get_type_hints(kind)
    return {f.name: hints[f.name] for f in dataclasses.fields(kind)}
