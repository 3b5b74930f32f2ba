"""Is the learner's value the reference's value? If not, the first difference, in words.

Shape first, then values, elementwise: ``|actual - expected| <= atol + rtol |expected|``.
A scalar is a Python or NumPy number or a 0-d array; lists and tuples of numbers count as
arrays; a tuple (or NamedTuple) of results is compared item by item. NaN equals NaN only
where the reference gives NaN; an infinity equals the same infinity.

>>> import numpy as np
>>> compare(11.0, 11.0, rtol=1e-9, atol=0.0) is None
True
>>> compare(11.0, np.array([3.0, 8.0]), rtol=1e-9, atol=0.0)
'shape (2,) instead of () (a single number)'
>>> compare(np.array([1.0, 3.0]), [1.0, 2.5], rtol=1e-9, atol=0.0)
'entry [1] differs: 2.5 instead of 3.0'
>>> compare(11.0, None, rtol=1e-9, atol=0.0)
'returned None: did you forget `return`?'
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .display import describe, show
from .protocol import Opaque, TooLarge

__all__ = ["compare"]

_NUMBER = int | float | complex | np.number


def compare(expected: Any, actual: Any, *, rtol: float, atol: float) -> str | None:
    """None when ``actual`` equals ``expected`` within the tolerance, else the difference.

    ``expected`` comes from the reference (trusted Python/NumPy values); ``actual`` is what
    the learner returned, decoded from the sandbox (numbers, arrays, lists, tuples, None,
    text, or :class:`~.protocol.Opaque` for anything else).
    """
    if actual is None and expected is not None:
        return "returned None: did you forget `return`?"
    if isinstance(actual, TooLarge):
        return f"returned {describe(actual)}"
    if isinstance(expected, tuple | list):
        return _compare_sequence(expected, actual, rtol, atol)
    if expected is None:
        return None if actual is None else f"returned {describe(actual)} instead of None"
    if isinstance(expected, str):
        return None if actual == expected else f"{show(actual)} instead of {show(expected)}"
    if isinstance(expected, bool | np.bool_) and not isinstance(actual, np.ndarray):
        if isinstance(actual, bool | np.bool_):
            return None if bool(actual) == bool(expected) else \
                f"{show(actual)} instead of {show(expected)}"
        return f"returned {describe(actual)} instead of True or False"
    want = _numeric(expected)
    if want is None:  # a reference result of another kind: plain equality, guarded
        try:
            same = bool(expected == actual)
        except Exception:  # noqa: BLE001  (an __eq__ that raises means "not equal")
            same = False
        return None if same else f"{show(actual)} instead of {show(expected)}"
    got, problem = _as_array(actual, expected_scalar=want.ndim == 0)
    if problem:
        return problem
    if got.shape != want.shape:
        single = " (a single number)" if want.ndim == 0 else ""
        return f"shape {got.shape} instead of {want.shape}{single}"
    return _compare_values(want, got, rtol, atol)


def _compare_sequence(expected: tuple | list, actual: Any, rtol: float, atol: float):
    if isinstance(actual, np.ndarray) and all(isinstance(e, _NUMBER) for e in expected):
        return compare(np.asarray(expected), actual, rtol=rtol, atol=atol)
    n = len(expected)
    if not isinstance(actual, tuple | list):
        return f"returned {describe(actual)} instead of {n} values (a tuple)"
    if len(actual) != n:
        return f"returned {len(actual)} values instead of {n}"
    names = getattr(expected, "_fields", None)
    for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
        difference = compare(e, a, rtol=rtol, atol=atol)
        if difference:
            label = names[i] if names else f"value {i}"
            return f"{label}: {difference}"
    return None


def _numeric(value: Any) -> np.ndarray | None:
    if isinstance(value, bool | np.bool_ | _NUMBER):
        return np.asarray(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "biufc":
        return value
    return None


def _as_array(actual: Any, *, expected_scalar: bool) -> tuple[np.ndarray, str | None]:
    """The learner's value as a numeric array, or a message saying why it is not one."""
    wanted = "a number" if expected_scalar else "an array"
    if isinstance(actual, bool | np.bool_):
        return np.empty(0), f"returned {show(actual)} (a bool) instead of {wanted}"
    if isinstance(actual, str | Opaque):
        return np.empty(0), f"returned {describe(actual)} ({show(actual)}) instead of {wanted}"
    if not isinstance(actual, _NUMBER | np.ndarray | list | tuple):
        return np.empty(0), f"returned {describe(actual)} instead of {wanted}"
    if isinstance(actual, list | tuple) and any(
        isinstance(x, str | Opaque | TooLarge) or x is None for x in _flatten(actual)
    ):
        return np.empty(0), f"returned {show(actual)}: not all entries are numbers"
    try:
        got = np.asarray(actual)
    except ValueError:  # NumPy 2: rows of different lengths
        return np.empty(0), f"returned a ragged list {show(actual)} (rows of different lengths)"
    if got.dtype.kind == "O":
        try:
            got = got.astype(complex if any(isinstance(x, complex | np.complexfloating)
                                            for x in got.ravel()) else float)
        except (TypeError, ValueError, OverflowError):
            return np.empty(0), f"returned {show(actual)}: not all entries are numbers"
    if got.dtype.kind in "US":
        return np.empty(0), f"returned {describe(actual)} holding text instead of numbers"
    if got.dtype.kind not in "biufc":
        return np.empty(0), f"returned {describe(actual)} of dtype {got.dtype} instead of numbers"
    return got, None


def _flatten(items):
    for x in items:
        if isinstance(x, list | tuple):
            yield from _flatten(x)
        else:
            yield x


def _compare_values(want: np.ndarray, got: np.ndarray, rtol: float, atol: float) -> str | None:
    if got.dtype.kind == "c" and want.dtype.kind != "c":
        if np.any(got.imag != 0):
            return f"complex values ({show(got)}) instead of real numbers"
        got = got.real
    kind = complex if "c" in (want.dtype.kind, got.dtype.kind) else float
    try:
        e = want.astype(kind)
        a = got.astype(kind)
    except OverflowError:
        return f"{show(got)} instead of {show(want)}" if not np.array_equal(want, got) else None
    with np.errstate(all="ignore"):
        # A tolerance only between finite numbers: inf <= rtol * inf would pass -inf as inf.
        close = np.isfinite(a) & np.isfinite(e) & (np.abs(a - e) <= atol + rtol * np.abs(e))
        ok = close | (a == e) | (np.isnan(a) & np.isnan(e))
    if ok.all():
        return None
    if want.ndim == 0:
        return f"{show(got[()])} instead of {show(want[()])}"
    bad = np.argwhere(~ok)
    index = tuple(int(i) for i in bad[0])
    where = "[" + ", ".join(map(str, index)) + "]"
    more = len(bad) - 1
    others = f" ({more} more entr{'ies' if more > 1 else 'y'} differ{'' if more > 1 else 's'})" \
        if more else ""
    return f"entry {where} differs: {show(got[index])} instead of {show(want[index])}{others}"
