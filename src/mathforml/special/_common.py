"""What the special functions share: argument handling and polynomial evaluation.

The public functions behave like NumPy ufuncs: they accept scalars and array-likes,
broadcast their arguments against each other, return a float64 array (or a NumPy
float64 scalar when every argument is a scalar) and let NaN flow through (NaN in,
NaN out). A *number* outside the function's domain is an error, not a silent NaN
(``scipy.special`` returns NaN there): learners' data deserve a message.

Internal callers (the distributions, the statistical tests) use the private kernels
of each module directly, on arrays they have already validated, so that checks are
paid once.

The algorithms behind the t, chi-square and normal CDFs and quantiles (the error
function family, log Γ, the incomplete gamma and beta functions, the inverse of the
incomplete gamma) are written twice: first for one Python float (the plain algorithm,
a loop that stops when its term is negligible), then for whole arrays (the same
formulas as NumPy passes over every entry, with masks or np.where for the branches). A
call with scalar arguments takes the first: tens of microseconds, where the array
machinery costs ~1 µs per NumPy call and an iteration makes dozens of them. The
statistical tests make such calls (a p-value, a critical value).
"""

from __future__ import annotations

import numpy as np

from .._validation import as_array
from ..errors import ParameterError, ShapeError


def _prepare(func: str, **args) -> tuple[list[np.ndarray], bool]:
    """Convert each named argument to float64 and broadcast them together.

    Returns the broadcast arrays and whether every argument was a scalar (then the
    result is returned as a scalar).
    """
    arrays = [as_array(v, name, func, allow_nonfinite=True) for name, v in args.items()]
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        shapes = ", ".join(f"{name} {a.shape}" for name, a in zip(args, arrays, strict=True))
        raise ShapeError(
            f"{func}: the arguments do not broadcast together ({shapes}); their shapes "
            f"must agree or be 1 in every dimension, as in NumPy"
        ) from None
    return [np.broadcast_to(a, shape) for a in arrays], len(shape) == 0


# Elementwise kernels run over blocks of this many entries: the temporaries of a block
# (256 KiB each) stay in cache, where a whole 10⁶-entry array would not (≈1.7x faster).
_BLOCK = 1 << 15


def _blockwise(kernel, *arrays: np.ndarray):
    """Apply an elementwise ``kernel`` of 1-D arrays to same-shape arrays, block by block.

    The kernel returns one array, or a tuple of arrays (then so does this).
    """
    shape = arrays[0].shape
    flat = [np.ravel(a) for a in arrays]
    n = flat[0].size
    if n <= _BLOCK:
        result = kernel(*flat)
        if isinstance(result, tuple):
            return tuple(r.reshape(shape) for r in result)
        return result.reshape(shape)
    outs = None
    for start in range(0, n, _BLOCK):
        block = slice(start, start + _BLOCK)
        result = kernel(*(a[block] for a in flat))
        parts = result if isinstance(result, tuple) else (result,)
        if outs is None:
            outs = [np.empty(n) for _ in parts]
        for o, r in zip(outs, parts, strict=True):
            o[block] = r
    outs = [o.reshape(shape) for o in outs]
    return tuple(outs) if isinstance(result, tuple) else outs[0]


def _finish(out: np.ndarray):
    """A 0-d result becomes a NumPy float64 scalar, as a ufunc returns it."""
    return out[()] if out.ndim == 0 else out


def _check_domain(bad: np.ndarray, values: np.ndarray, func: str, name: str, expected: str):
    """Raise ParameterError naming the first value of ``values`` flagged by ``bad``."""
    if bad.any():
        raise ParameterError(
            f"{func}: {name} must be {expected}, got {float(values[bad].flat[0])!r}"
        )


def _horner(coeffs, x: float) -> float:
    """``c[0] x^n + c[1] x^(n-1) + ... + c[n]`` for one float (highest power first)."""
    y = 0.0
    for c in coeffs:
        y = y * x + c
    return y


def _polyval(coeffs, x: np.ndarray) -> np.ndarray:
    """``c[0] x^n + c[1] x^(n-1) + ... + c[n]`` by Horner's rule (highest power first).

    In place: one multiplication and one addition pass per coefficient, no temporaries.
    """
    if len(coeffs) == 1:
        return np.full_like(x, coeffs[0])
    y = x * coeffs[0]
    y += coeffs[1]
    for c in coeffs[2:]:
        y *= x
        y += c
    return y
