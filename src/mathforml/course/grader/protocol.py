"""The grader's private channel: length-prefixed JSON frames carrying tagged values.

The parent and the sandboxed child talk over two pipes (not stdout, which belongs to the
learner's ``print``). Each message is one *frame*: a 4-byte big-endian length, then that
many bytes of UTF-8 JSON, an object with an integer ``"seq"`` that the reply repeats.

Values cross the channel as plain JSON with a type tag, never pickled: unpickling runs
code chosen by whoever wrote the bytes, and the bytes come from the learner's process.
Arrays travel as dtype, shape and a flat list; NaN and infinities, which JSON lacks, as
the strings ``"nan"``, ``"inf"`` and ``"-inf"``. Anything else the learner returns (an
object whose ``__eq__`` or ``__array__`` lies, a generator, a dict) travels only as its
type name and a short ``repr``: the parent decides on data, never on the learner's objects.

>>> import numpy as np
>>> frame = encode_frame({"seq": 1, "value": encode_value(np.array([1.5, np.nan]))})
>>> reader = FrameReader()
>>> reader.feed(frame)
>>> decode_value(reader.next()["value"])
array([1.5, nan])

This module is also loaded by the child's boot script, by path, without importing
``mathforml``: it may import only the standard library and NumPy.
"""

from __future__ import annotations

import json
import math
import struct
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = [
    "ProtocolError",
    "Opaque",
    "TooLarge",
    "MAX_FRAME",
    "MAX_ENTRIES",
    "encode_frame",
    "FrameReader",
    "encode_value",
    "decode_value",
]

_HEADER = struct.Struct(">I")
MAX_FRAME = 64 * 2**20  # bytes; a frame this large means garbage, not an answer
MAX_ENTRIES = 1_000_000  # numbers in one value; more is summarised as TooLarge
_MAX_DEPTH = 20  # nesting of lists and tuples
_MAX_TEXT = 200  # characters kept of a string or a repr
_NUMERIC_KINDS = "biufc"


class ProtocolError(ValueError):
    """Bytes on the channel that are not a valid frame or value (never leaves the grader)."""


@dataclass(frozen=True)
class Opaque:
    """A returned object the channel does not carry: its type name and a short repr."""

    type_name: str
    text: str


@dataclass(frozen=True)
class TooLarge:
    """A returned value with more than ``MAX_ENTRIES`` numbers: its type and shape only."""

    type_name: str
    shape: tuple[int, ...] | None
    dtype: str | None


# Frames.


def encode_frame(message: dict) -> bytes:
    """One frame: the length of the JSON text, then the text (strict JSON, no NaN)."""
    body = json.dumps(message, allow_nan=False, separators=(",", ":")).encode("utf-8")
    if len(body) > MAX_FRAME:
        raise ProtocolError(f"frame of {len(body)} bytes exceeds the {MAX_FRAME}-byte limit")
    return _HEADER.pack(len(body)) + body


def _reject_constant(name: str):
    raise ValueError(f"non-standard JSON constant {name}")


class FrameReader:
    """Reassembles frames from the pieces ``os.read`` returns.

    ``feed(data)`` appends bytes; ``next()`` returns the next complete frame as a dict, or
    None while one is incomplete, and raises :class:`ProtocolError` on bytes that cannot be
    a frame (a length over ``MAX_FRAME``, invalid JSON, no integer ``"seq"``).
    """

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> None:
        self._buffer += data

    @property
    def pending(self) -> int:
        """Bytes received but not yet returned as a frame."""
        return len(self._buffer)

    def next(self) -> dict | None:
        if len(self._buffer) < _HEADER.size:
            return None
        (length,) = _HEADER.unpack_from(self._buffer)
        if length > MAX_FRAME:
            raise ProtocolError(f"frame length {length} exceeds {MAX_FRAME}")
        end = _HEADER.size + length
        if len(self._buffer) < end:
            return None
        body = bytes(self._buffer[_HEADER.size:end])
        del self._buffer[:end]
        try:
            message = json.loads(body.decode("utf-8"), parse_constant=_reject_constant)
        except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
            raise ProtocolError(f"frame is not JSON: {exc}") from None
        if not isinstance(message, dict) or type(message.get("seq")) is not int:
            raise ProtocolError("frame is not an object with an integer seq")
        return message


# Values: Python/NumPy -> tagged JSON.


def _float(x: float) -> float | str:
    if math.isfinite(x):
        return x
    return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")


def _unfloat(x: Any) -> float:
    if isinstance(x, str):
        if x not in ("nan", "inf", "-inf"):
            raise ProtocolError(f"bad float {x!r}")
        return float(x)
    if type(x) not in (int, float):
        raise ProtocolError(f"bad float {x!r}")
    return float(x)


def _type_name(value: Any) -> str:
    try:
        cls = type(value)
        module = cls.__module__
        name = cls.__qualname__
        text = name if module in ("builtins", None) else f"{module}.{name}"
        return str(text)[:_MAX_TEXT]
    except BaseException:  # a hostile metaclass: the child must still answer
        return "object"


def _safe_repr(value: Any) -> str:
    try:
        text = repr(value)
        if not isinstance(text, str):
            raise TypeError
    except BaseException:  # a repr that raises (even SystemExit) must not end the child
        text = f"<{_type_name(value)} object>"
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 1] + "…"


class _Budget:
    """How many more numbers a value may hold before it is summarised as TooLarge."""

    def __init__(self, entries: int) -> None:
        self.entries = entries

    def take(self, n: int) -> bool:
        self.entries -= n
        return self.entries >= 0


def _encode_array(arr: np.ndarray, budget: _Budget, depth: int) -> dict:
    arr = np.ndarray.view(arr, np.ndarray)  # a subclass's overrides play no part
    shape = [int(n) for n in arr.shape]
    kind = arr.dtype.kind
    if not budget.take(arr.size):
        return {"t": "too_large", "type": "numpy.ndarray", "shape": shape, "dtype": arr.dtype.str}
    if kind in "biuf":
        data = arr.ravel().tolist()
        if kind == "f" and not np.isfinite(arr).all():
            data = [_float(x) for x in data]
        return {"t": "array", "dtype": arr.dtype.str, "shape": shape, "data": data}
    if kind == "c":
        flat = arr.ravel()
        return {"t": "array", "dtype": arr.dtype.str, "shape": shape,
                "re": [_float(x) for x in flat.real.tolist()],
                "im": [_float(x) for x in flat.imag.tolist()]}
    if kind in "US":
        data = [str(x)[:_MAX_TEXT] for x in arr.ravel().tolist()]
        return {"t": "array", "dtype": "<U" if kind == "U" else "|S", "shape": shape,
                "data": data}
    if kind == "O":
        items = [encode_value(x, _budget=budget, _depth=depth + 1) for x in arr.ravel().tolist()]
        return {"t": "objarray", "shape": shape, "items": items}
    return {"t": "opaque", "type": f"numpy.ndarray of dtype {arr.dtype}", "repr": _safe_repr(arr)}


def _encode_scalar(value: np.generic) -> dict:
    dtype = value.dtype
    if dtype.kind == "b":
        v: Any = bool(value)
    elif dtype.kind in "iu":
        v = int(value)
    elif dtype.kind == "f":
        v = _float(float(value))
    elif dtype.kind == "c":
        v = [_float(float(value.real)), _float(float(value.imag))]
    else:
        return {"t": "opaque", "type": _type_name(value), "repr": _safe_repr(value)}
    return {"t": "npscalar", "dtype": dtype.str, "v": v}


def encode_value(value: Any, *, _budget: _Budget | None = None, _depth: int = 0) -> dict:
    """Tagged plain JSON for ``value``; unknown objects become ``{"t": "opaque", ...}``.

    Built-in types are read through the base class (``float.__float__``), so a subclass
    that overrides ``__float__``, ``__iter__`` or ``__array__`` cannot choose what crosses.
    """
    budget = _budget if _budget is not None else _Budget(MAX_ENTRIES)
    if _depth > _MAX_DEPTH:
        return {"t": "too_large", "type": _type_name(value), "shape": None, "dtype": None}
    if value is None:
        return {"t": "none"}
    cls = type(value)
    if cls is bool:
        return {"t": "bool", "v": value}
    if isinstance(value, np.generic):  # before float: numpy.float64 subclasses float
        return _encode_scalar(value)
    if isinstance(value, int):
        number = int.__int__(value)
        if number.bit_length() > 4000:  # JSON (and int->str) limits; no answer is this big
            return {"t": "too_large", "type": _type_name(value), "shape": [], "dtype": None}
        return {"t": "int", "v": number}
    if isinstance(value, float):
        return {"t": "float", "v": _float(float.__float__(value))}
    if isinstance(value, complex):
        re, im = complex.real.__get__(value), complex.imag.__get__(value)  # the stored parts
        return {"t": "complex", "v": [_float(re), _float(im)]}
    if isinstance(value, np.ndarray):
        return _encode_array(value, budget, _depth)
    if isinstance(value, tuple | list):
        items = list(tuple.__iter__(value) if isinstance(value, tuple) else list.__iter__(value))
        if not budget.take(len(items)):
            return {"t": "too_large", "type": _type_name(value), "shape": [len(items)],
                    "dtype": None}
        out = {"t": "tuple" if isinstance(value, tuple) else "list",
               "items": [encode_value(x, _budget=budget, _depth=_depth + 1) for x in items]}
        if isinstance(value, tuple) and cls is not tuple:
            out["type"] = _type_name(value)
        return out
    if isinstance(value, str):
        return {"t": "str", "v": str.__str__(value)[:_MAX_TEXT]}
    return _opaque(value)


def _opaque(value: Any) -> dict:
    return {"t": "opaque", "type": _type_name(value), "repr": _safe_repr(value)}


# Values: tagged JSON -> Python/NumPy. The input comes from the child: trust nothing.


def _shape(raw: Any) -> tuple[int, ...]:
    if not isinstance(raw, list) or len(raw) > 32:
        raise ProtocolError(f"bad shape {raw!r}")
    if not all(type(n) is int and 0 <= n < 2**63 for n in raw):
        raise ProtocolError(f"bad shape {raw!r}")
    return tuple(raw)


def _dtype(raw: Any, kinds: str) -> np.dtype:
    try:
        dtype = np.dtype(raw)
    except (TypeError, ValueError):
        raise ProtocolError(f"bad dtype {raw!r}") from None
    if dtype.kind not in kinds or dtype.hasobject:
        raise ProtocolError(f"dtype {raw!r} not allowed")
    return dtype


def _decode_array(message: dict) -> np.ndarray:
    shape = _shape(message.get("shape"))
    size = math.prod(shape)
    dtype = _dtype(message.get("dtype"), _NUMERIC_KINDS + "US")
    try:
        if dtype.kind == "c":
            re, im = message.get("re"), message.get("im")
            if not (isinstance(re, list) and isinstance(im, list) and len(re) == len(im) == size):
                raise ProtocolError("complex array data does not match its shape")
            data = [complex(_unfloat(a), _unfloat(b)) for a, b in zip(re, im, strict=True)]
        else:
            data = message.get("data")
            if not isinstance(data, list) or len(data) != size:
                raise ProtocolError("array data does not match its shape")
            if dtype.kind == "f":
                data = [_unfloat(x) for x in data]
            elif dtype.kind in "US":
                if not all(isinstance(x, str) for x in data):
                    raise ProtocolError("text array holds non-text")
                dtype = np.dtype(str)
            elif not all(type(x) in (int, bool) for x in data):
                raise ProtocolError("integer array holds non-integers")
        return np.array(data, dtype=dtype).reshape(shape)
    except (TypeError, ValueError, OverflowError) as exc:
        if isinstance(exc, ProtocolError):
            raise
        raise ProtocolError(f"bad array: {exc}") from None


def _decode_scalar(message: dict) -> np.generic:
    dtype = _dtype(message.get("dtype"), _NUMERIC_KINDS)
    v = message.get("v")
    try:
        if dtype.kind == "c":
            if not (isinstance(v, list) and len(v) == 2):
                raise ProtocolError("bad complex scalar")
            return dtype.type(complex(_unfloat(v[0]), _unfloat(v[1])))
        if dtype.kind == "f":
            return dtype.type(_unfloat(v))
        if type(v) not in (int, bool):
            raise ProtocolError("bad integer scalar")
        return dtype.type(v)
    except OverflowError:
        raise ProtocolError("scalar out of range for its dtype") from None


def decode_value(message: Any, *, _depth: int = 0) -> Any:
    """The Python/NumPy value of tagged JSON; :class:`ProtocolError` on anything malformed.

    Numbers become Python or NumPy numbers, arrays fresh ``numpy.ndarray``s, lists and
    tuples themselves; an opaque object becomes :class:`Opaque`, an oversized one
    :class:`TooLarge`.
    """
    if _depth > _MAX_DEPTH + 1 or not isinstance(message, dict):
        raise ProtocolError("value is not a tagged object")
    tag = message.get("t")
    v = message.get("v")
    if tag == "none":
        return None
    if tag == "bool" and type(v) is bool:
        return v
    if tag == "int" and type(v) is int:
        return v
    if tag == "float":
        return _unfloat(v)
    if tag == "complex" and isinstance(v, list) and len(v) == 2:
        return complex(_unfloat(v[0]), _unfloat(v[1]))
    if tag == "str" and isinstance(v, str):
        return v
    if tag == "npscalar":
        return _decode_scalar(message)
    if tag == "array":
        return _decode_array(message)
    if tag in ("list", "tuple", "objarray"):
        items = message.get("items")
        if not isinstance(items, list):
            raise ProtocolError(f"{tag} without items")
        values = [decode_value(x, _depth=_depth + 1) for x in items]
        if tag == "list":
            return values
        if tag == "tuple":
            return tuple(values)
        shape = _shape(message.get("shape"))
        if math.prod(shape) != len(values):
            raise ProtocolError("object array items do not match its shape")
        out = np.empty(len(values), dtype=object)
        for i, x in enumerate(values):  # item by item: no broadcasting of nested sequences
            out[i] = x
        return out.reshape(shape)
    if tag == "opaque":
        return Opaque(str(message.get("type", "object"))[:_MAX_TEXT],
                      str(message.get("repr", ""))[:_MAX_TEXT])
    if tag == "too_large":
        shape = message.get("shape")
        dtype = message.get("dtype")
        return TooLarge(str(message.get("type", "object"))[:_MAX_TEXT],
                        _shape(shape) if shape is not None else None,
                        str(dtype)[:40] if dtype is not None else None)
    raise ProtocolError(f"unknown value tag {tag!r}")
