"""Input checks shared by every public function (scikit-learn's ``check_array``, our way).

Public functions validate once, at their boundary, with these helpers; internal
code then trusts its inputs. Every message names the function, the argument,
what was expected and what came.

    >>> as_matrix([[1, 2], [3, 4]], "A", "det").dtype
    dtype('float64')
    >>> as_matrix([[1, 2], [3]], "A", "det")
    Traceback (most recent call last):
    ...
    mathforml.errors.ShapeError: det: A is a ragged nested sequence (its rows have ...
"""

from __future__ import annotations

import numbers

import numpy as np

from .errors import DTypeError, NotFiniteError, ParameterError, ShapeError

__all__ = [
    "as_array",
    "as_vector",
    "as_matrix",
    "as_square_matrix",
    "check_same_length",
    "check_symmetric",
    "check_positive_int",
    "check_nonnegative_int",
    "check_positive_float",
    "check_probability",
    "check_choice",
]


def _describe(x: np.ndarray) -> str:
    if x.ndim == 0:
        return "a scalar"
    return f"shape {x.shape}"


def as_array(
    x,
    name: str,
    func: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    allow_complex: bool = False,
    allow_nonfinite: bool = False,
    copy: bool = False,
) -> np.ndarray:
    """Convert ``x`` to a float64 (or complex128) array, or raise a clear error.

    Integers and booleans become float64. Ragged nested lists raise
    :class:`~mathforml.errors.ShapeError`, strings and other non-numbers raise
    :class:`~mathforml.errors.DTypeError`, NaN and infinity raise
    :class:`~mathforml.errors.NotFiniteError` unless ``allow_nonfinite``.
    """
    try:
        arr = np.asarray(x)
    except ValueError as exc:  # NumPy >= 1.24 refuses ragged nested sequences
        raise ShapeError(
            f"{func}: {name} is a ragged nested sequence (its rows have different "
            f"lengths); every row must have the same length"
        ) from exc

    kind = arr.dtype.kind
    if kind in "biuf":
        target = np.float64
    elif kind == "c":
        if not allow_complex:
            raise DTypeError(
                f"{func}: {name} holds complex numbers; this function works on real "
                f"numbers only"
            )
        target = np.complex128
    elif kind == "O":
        # Numbers held as Python objects (fractions.Fraction, big ints) convert
        # cleanly; None would silently become NaN, so check every entry first.
        allowed = numbers.Number if allow_complex else numbers.Real
        wrong = [v for v in arr.flat if not isinstance(v, allowed)]
        if wrong:
            raise DTypeError(
                f"{func}: {name} must hold real numbers, got a value of type "
                f"{type(wrong[0]).__name__} ({wrong[0]!r})"
            )
        target = np.complex128 if allow_complex else np.float64
    else:
        raise DTypeError(
            f"{func}: {name} must hold numbers, got an array of dtype {arr.dtype} "
            f"(e.g. {arr.flat[0]!r})"
            if arr.size
            else f"{func}: {name} must hold numbers, got an array of dtype {arr.dtype}"
        )

    arr = np.array(arr, dtype=target, copy=copy or None)

    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            wanted = " or ".join(_NDIM_NAMES.get(d, f"{d}-D array") for d in allowed)
            raise ShapeError(f"{func}: {name} must be {wanted}, got {_describe(arr)}")

    if not allow_nonfinite and not np.isfinite(arr).all():
        bad = "NaN" if np.isnan(arr).any() else "infinity"
        raise NotFiniteError(
            f"{func}: {name} contains {bad}; every entry must be a finite number"
        )
    return arr


_NDIM_NAMES = {0: "a scalar", 1: "a 1-D vector", 2: "a 2-D matrix"}


def as_vector(x, name: str, func: str, **kwargs) -> np.ndarray:
    """:func:`as_array` for a 1-D vector."""
    return as_array(x, name, func, ndim=1, **kwargs)


def as_matrix(x, name: str, func: str, **kwargs) -> np.ndarray:
    """:func:`as_array` for a 2-D matrix."""
    return as_array(x, name, func, ndim=2, **kwargs)


def as_square_matrix(x, name: str, func: str, **kwargs) -> np.ndarray:
    """:func:`as_matrix` that also requires as many rows as columns."""
    A = as_matrix(x, name, func, **kwargs)
    if A.shape[0] != A.shape[1]:
        raise ShapeError(
            f"{func}: {name} must be a square matrix, got shape {A.shape} "
            f"({A.shape[0]} rows, {A.shape[1]} columns)"
        )
    return A


def check_same_length(u: np.ndarray, v: np.ndarray, names: tuple[str, str], func: str) -> None:
    """Require two vectors of equal length."""
    if u.shape != v.shape:
        raise ShapeError(
            f"{func}: {names[0]} has shape {u.shape} and {names[1]} has shape {v.shape}; "
            f"they must have the same length"
        )


def check_symmetric(A: np.ndarray, name: str, func: str, rtol: float = 1e-10) -> None:
    """Require ``A`` to equal its transpose up to ``rtol * max|A|``."""
    scale = np.abs(A).max() if A.size else 0.0
    asym = np.abs(A - A.T).max() if A.size else 0.0
    if asym > rtol * scale:
        raise ParameterError(
            f"{func}: {name} must be symmetric, but max |{name} - {name}.T| = {asym:.3g} "
            f"(relative {asym / scale:.3g}); symmetrize with ({name} + {name}.T) / 2 "
            f"if that is what you mean"
        )


def _check_real_scalar(value, name: str, func: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise DTypeError(f"{func}: {name} must be a real number, got {value!r}")
    return float(value)


def check_positive_int(value, name: str, func: str) -> int:
    """Require an integer >= 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ParameterError(f"{func}: {name} must be a positive integer, got {value!r}")
    return int(value)


def check_nonnegative_int(value, name: str, func: str) -> int:
    """Require an integer >= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise ParameterError(f"{func}: {name} must be a non-negative integer, got {value!r}")
    return int(value)


def check_positive_float(value, name: str, func: str) -> float:
    """Require a finite real number > 0."""
    x = _check_real_scalar(value, name, func)
    if not (np.isfinite(x) and x > 0):
        raise ParameterError(f"{func}: {name} must be a finite number > 0, got {value!r}")
    return x


def check_probability(value, name: str, func: str) -> float:
    """Require a real number in [0, 1]."""
    x = _check_real_scalar(value, name, func)
    if not 0.0 <= x <= 1.0:
        raise ParameterError(f"{func}: {name} must lie in [0, 1], got {value!r}")
    return x


def check_choice(value, name: str, func: str, choices) -> object:
    """Require ``value`` to be one of ``choices``."""
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ParameterError(f"{func}: {name} must be one of {listed}, got {value!r}")
    return value
