"""Pickling a knowledge base whole, without knowing what it holds.

The standard pickler, with three generic additions. Read-only mappings are
pickled as their items; `functools.lru_cache` wrappers of bound methods are
rebuilt empty; and a validated (pydantic) model becomes a `ModelCopy`, which
holds the same field values and needs no pydantic until something asks for
more than a field (importing pydantic and building the content models takes
longer than everything else `chatbot ask` does). An object that still cannot be
pickled raises, as with the standard pickler.
"""

from __future__ import annotations

import copyreg
import functools
import io
import pickle
import sys
import types
from typing import Any


def dumps(value: object) -> bytes:
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buf.getvalue()


class _Pickler(pickle.Pickler):
    """The standard pickler, plus the two kinds of object a frozen knowledge base holds
    that the standard one refuses."""

    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[types.MappingProxyType] = lambda m: (_read_only, (dict(m),))

    def reducer_override(self, obj: Any) -> Any:
        # an lru_cache around a bound method (a per-object memo): rebuild it, empty
        if isinstance(obj, functools._lru_cache_wrapper) and isinstance(
            getattr(obj, "__wrapped__", None), types.MethodType
        ):
            return _memoized, (obj.__wrapped__, obj.cache_parameters()["maxsize"])
        fields = _model_fields(obj)
        if fields is not None:
            cls = type(obj)
            return ModelCopy, (cls.__module__, cls.__qualname__, fields)
        return NotImplemented


def _model_fields(obj: Any) -> dict[str, Any] | None:
    """A frozen pydantic model's field values; None for anything else, or for a model
    with state beyond its fields (kept as the real model)."""
    pydantic = sys.modules.get("pydantic")
    if pydantic is None or not isinstance(obj, pydantic.BaseModel):
        return None
    cls = type(obj)
    if not cls.model_config.get("frozen") or obj.model_extra or obj.__pydantic_private__:
        return None
    return {name: getattr(obj, name) for name in cls.model_fields}


class ModelCopy:
    """A read-only copy of a validated model's fields, made without the model's library.

    Reading a field costs nothing; anything else (a method, `model_dump()`) builds
    the real model from the same values, once, and asks it. It is not an instance
    of the model's class: code that reads content reads fields and calls methods,
    and never tests types (tests/test_cache.py checks that a cached and a fresh
    knowledge base answer alike).
    """

    __slots__ = ("_model", "_fields", "_real")

    def __init__(self, module: str, qualname: str, fields: dict[str, Any]) -> None:
        object.__setattr__(self, "_model", (module, qualname))
        object.__setattr__(self, "_fields", fields)
        object.__setattr__(self, "_real", None)

    def __getattr__(self, name: str) -> Any:
        fields = object.__getattribute__(self, "_fields")
        if name in fields:
            return fields[name]
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.real(), name)

    def real(self) -> Any:
        """The model itself (imported and built on first use)."""
        if self._real is None:
            import importlib

            module, qualname = self._model
            cls: Any = importlib.import_module(module)
            for part in qualname.split("."):
                cls = getattr(cls, part)
            values = {k: _real(v) for k, v in self._fields.items()}
            object.__setattr__(self, "_real", cls.model_construct(**values))
        return self._real

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{self._model[1]} is read-only")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ModelCopy):
            same: bool = self._model == other._model and self._fields == other._fields
            return same
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._model, tuple(self._fields.items())))

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._fields.items())
        return f"{self._model[1]}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return ModelCopy, (*self._model, self._fields)


def _real(value: Any) -> Any:
    """`value` with every ModelCopy inside it turned back into its model."""
    if isinstance(value, ModelCopy):
        return value.real()
    if isinstance(value, dict):
        return {k: _real(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_real(v) for v in value)
    return value


def _read_only(d: dict[Any, Any]) -> types.MappingProxyType[Any, Any]:
    return types.MappingProxyType(d)


def _memoized(method: Any, maxsize: int | None) -> Any:
    return functools.lru_cache(maxsize=maxsize)(method)
