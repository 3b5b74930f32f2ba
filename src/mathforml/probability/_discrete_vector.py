"""Checks shared by the distributions over K categories: probability vectors and counts."""

from __future__ import annotations

import math

import numpy as np

from .._validation import as_vector
from ..errors import ParameterError, ShapeError

# A probability vector may miss 1 by rounding (a softmax in float32, [1/3] * 3) but not
# by more than NumPy's Generator.choice allows: sqrt(machine epsilon) ≈ 1.5e-8.
SUM_TOLERANCE = math.sqrt(np.finfo(np.float64).eps)


def check_probability_vector(p, func: str) -> np.ndarray:
    """A 1-D vector of K >= 1 non-negative entries summing to 1 -> itself / its sum.

    Dividing by the sum removes the rounding that the tolerance lets through, so the
    distribution's probabilities add up to 1 to machine precision.
    """
    p = as_vector(p, "p", func)
    if p.size == 0:
        raise ShapeError(f"{func}: p is empty; it needs at least one category")
    negative = p < 0
    if negative.any():
        i = int(np.flatnonzero(negative)[0])
        raise ParameterError(
            f"{func}: p must hold probabilities >= 0, got p[{i}] = {float(p[i])!r}"
        )
    total = math.fsum(p)
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise ParameterError(
            f"{func}: p must sum to 1, got sum(p) = {total!r}; divide p by its sum if "
            f"it holds weights rather than probabilities"
        )
    return p / total
