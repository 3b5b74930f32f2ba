"""Exact rescaling by powers of two.

Dividing a matrix by ``2ᵏ`` changes only the exponents of its entries, never
their digits, so it is exact. Scaling ``max|A|`` into [0.5, 1) before a
factorization keeps every intermediate square or product far from overflow and
underflow; the results (eigenvalues, singular values) are scaled back by ``2ᵏ``
just as exactly. LAPACK's drivers do the same.

    >>> import numpy as np
    >>> A = np.array([[3e200, 1e200]])
    >>> k = power_of_two_exponent(A)
    >>> k, scale_down(A, k)
    (666, array([[0.98..., 0.32...]]))
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["power_of_two_exponent", "scale_down"]


def power_of_two_exponent(A: np.ndarray) -> int:
    """Exponent k with ``max|A| / 2ᵏ`` in [0.5, 1); 0 for a zero or empty ``A``."""
    amax = float(np.abs(A).max()) if A.size else 0.0
    return math.frexp(amax)[1] if amax > 0.0 else 0


def scale_down(A: np.ndarray, k: int) -> np.ndarray:
    """``A / 2ᵏ``, a new array (exact, unless entries below ε·max|A| drop into the subnormals)."""
    with np.errstate(under="ignore"):
        return np.ldexp(A, -k)
