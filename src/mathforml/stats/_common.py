"""Helpers shared by the statistics modules: axes, sample checks, NaN policy, alternatives."""

from __future__ import annotations

import numbers

import numpy as np

from .._validation import as_array, check_choice
from ..errors import NotFiniteError, ParameterError, ShapeError

ALTERNATIVES = ("two-sided", "less", "greater")
NAN_POLICIES = ("raise", "propagate", "omit")


def normalize_axis(axis, ndim: int, func: str) -> tuple[int, ...]:
    """``axis`` (None, an int or a tuple of ints, negatives allowed) as a sorted tuple."""
    if axis is None:
        return tuple(range(ndim))
    axes = (axis,) if isinstance(axis, numbers.Integral) else axis
    try:
        axes = tuple(axes)
    except TypeError:
        raise ParameterError(
            f"{func}: axis must be None, an int or a tuple of ints, got {axis!r}"
        ) from None
    out = []
    for a in axes:
        if isinstance(a, bool) or not isinstance(a, numbers.Integral):
            raise ParameterError(
                f"{func}: axis must be None, an int or a tuple of ints, got {axis!r}"
            )
        if not -ndim <= a < ndim:
            raise ShapeError(
                f"{func}: axis {a} is out of bounds for an array with {ndim} dimension(s)"
            )
        out.append(int(a) % ndim)
    if len(set(out)) != len(out):
        raise ParameterError(f"{func}: axis {axis!r} names the same axis twice")
    return tuple(sorted(out))


def count_along(x: np.ndarray, axes: tuple[int, ...], func: str) -> int:
    """Number of values each reduction sees; an empty reduction is an error."""
    n = 1
    for a in axes:
        n *= x.shape[a]
    if n == 0:
        raise ShapeError(
            f"{func}: x is empty along the reduced axes (shape {x.shape}); a statistic "
            f"of no numbers is undefined"
        )
    return n


def gather(x: np.ndarray, axes: tuple[int, ...]) -> tuple[np.ndarray, tuple[int, ...]]:
    """Move the reduced axes to the end and merge them: (kept..., n); also the kept shape."""
    kept = [a for a in range(x.ndim) if a not in axes]
    kept_shape = tuple(x.shape[a] for a in kept)
    n = int(np.prod([x.shape[a] for a in axes], dtype=np.int64))
    moved = np.transpose(x, kept + list(axes))
    return moved.reshape(kept_shape + (n,)), kept_shape


def sample(x, name: str, func: str, nan_policy: str, *, min_size: int = 2) -> np.ndarray:
    """A 1-D sample of finite numbers, after applying ``nan_policy`` to NaN entries.

    Infinity is always an error. Returns the cleaned float vector; under
    ``"propagate"`` NaN entries stay in it (the caller then returns NaN).
    """
    x = as_array(x, name, func, ndim=1, allow_nonfinite=True)
    nan = np.isnan(x)
    if np.isinf(x).any():
        raise NotFiniteError(
            f"{func}: {name} contains infinity; every observation must be a finite number"
        )
    if nan.any():
        if nan_policy == "raise":
            raise NotFiniteError(
                f"{func}: {name} contains NaN (at index {int(np.argmax(nan))}); drop the "
                f"missing values, or pass nan_policy='omit' to ignore them or "
                f"nan_policy='propagate' to get NaN back"
            )
        if nan_policy == "omit":
            x = x[~nan]
    check_size(x, name, func, min_size)
    return x


def check_size(x: np.ndarray, name: str, func: str, min_size: int) -> None:
    if x.size < min_size:
        what = "is empty" if x.size == 0 else f"has only {x.size} observation(s)"
        raise ShapeError(
            f"{func}: {name} {what}; this test needs at least {min_size} observations"
        )


def check_alternative(alternative: str, func: str) -> str:
    return check_choice(alternative, "alternative", func, ALTERNATIVES)


def check_nan_policy(nan_policy: str, func: str) -> str:
    return check_choice(nan_policy, "nan_policy", func, NAN_POLICIES)


def check_confidence(confidence, func: str) -> float:
    if isinstance(confidence, bool) or not isinstance(confidence, numbers.Real) or not (
        0.0 < confidence < 1.0
    ):
        raise ParameterError(
            f"{func}: confidence must be a number strictly between 0 and 1 (e.g. 0.95), "
            f"got {confidence!r}"
        )
    return float(confidence)


def check_finite_scalar(value, name: str, func: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise ParameterError(f"{func}: {name} must be a finite real number, got {value!r}")
    return float(value)
