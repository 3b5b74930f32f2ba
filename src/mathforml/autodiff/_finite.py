"""Naming the operation that first produced NaN or infinity.

A NaN met at the end of a training step says nothing about where it came from.
The processor knows better: IEEE 754 arithmetic raises a flag whenever a result
becomes NaN from numbers that were not (``invalid``: log(-1), 0/0, inf - inf),
infinite from finite numbers (``divide``: log(0), 1/0) or too large to
represent (``overflow``: exp(1000)). NumPy reads these flags after every ufunc
call, and ``np.errstate(..., "raise")`` turns them into ``FloatingPointError``.

So every operation that can create NaN/inf from finite inputs, and every step
of the backward pass, runs under :func:`trapped`. After a trap the step is run
again with the traps off; if NaN/inf reached its result, a
:class:`~mathforml.errors.NotFiniteError` names the operation, the number of
bad entries and the likely cause. (If not, the flag came from an intermediate
value that did not matter, and the result is kept.)

The check is always on. It costs no pass over the data (the hardware keeps the
flags anyway), only entering ``np.errstate`` once per operation and per
backward step, about 2 µs each: measured, a three-operation graph takes 35 µs
forward and backward instead of 25 µs, and a training step of the benchmark's
784-256-10 MLP about 1% more. It is precise: a NaN already present in an input
flows through quietly (quiet NaNs raise no flag), and the error points at the
operation that made the first one. Underflow to zero is normal
(``exp(-1000) = 0`` in a softmax) and stays silent.

Limit: a matrix product that BLAS splits over several threads sets the flags
in those threads, so an overflow inside a large ``@`` may only be reported by
the next operation that meets the infinity.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

from ..errors import NotFiniteError

__all__ = ["trapped", "checked"]

# The flags that turn into errors; underflow (a result rounded to 0) is harmless.
_TRAPS = {"divide": "raise", "over": "raise", "invalid": "raise", "under": "ignore"}


def trapped(compute: Callable, what: str, hint: str, values: Callable = lambda r: r):
    """``compute()`` with the floating-point traps on; NotFiniteError if NaN/inf reach its result.

    ``values(result)`` is the array to inspect (the ``.data`` of a tensor);
    ``what`` names the step and ``hint`` its likely causes, for the message.
    """
    try:
        with np.errstate(**_TRAPS):
            return compute()
    except FloatingPointError:
        pass
    with np.errstate(all="ignore"):
        result = compute()
    v = np.asarray(values(result))
    bad = v.size - int(np.count_nonzero(np.isfinite(v)))
    if bad == 0:
        return result
    raise NotFiniteError(f"{what} produced NaN/inf at {bad} of {v.size} entries ({hint})")


def checked(op: str, hint: str):
    """Decorator: run a tensor operation under :func:`trapped`, named ``op``."""

    def decorate(method):
        @functools.wraps(method)
        def run(*args, **kwargs):
            return trapped(lambda: method(*args, **kwargs), op, hint, lambda out: out.data)

        return run

    return decorate
