"""Input strategies for exercises: small, readable numbers that shrink to simple cases.

A learner reads the failing input in the grader's report, so entries are small integers
and halves (``-10 … 10`` in steps of 0.5) rather than arbitrary floats: ``[1.5, -2.0]``
explains a bug better than ``[1.0000000000000002e-308, …]``. Hypothesis is imported here,
so only grading imports this module.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

__all__ = ["numbers", "vectors", "vector_pairs", "matrices", "matrix_pairs"]


def numbers(limit: int = 10) -> st.SearchStrategy[float]:
    """Floats ``k / 2`` for integers ``|k| <= 2 limit``: exact in binary, easy to read."""
    return st.integers(-2 * limit, 2 * limit).map(lambda k: k / 2)


def _array(shape: tuple[int, ...], limit: int) -> st.SearchStrategy[np.ndarray]:
    size = int(np.prod(shape))
    # Integers halved once as an array: the same values as numbers(), at half the cost
    # (drawing is most of a check's time).
    halves = st.lists(st.integers(-2 * limit, 2 * limit), min_size=size, max_size=size)
    return halves.map(lambda ks: np.array(ks, dtype=float).reshape(shape) / 2)


@st.composite
def vectors(draw, min_n: int = 1, max_n: int = 6, limit: int = 10) -> np.ndarray:
    """A float vector of length ``min_n … max_n``."""
    n = draw(st.integers(min_n, max_n))
    return draw(_array((n,), limit))


@st.composite
def vector_pairs(draw, min_n: int = 1, max_n: int = 6, limit: int = 10):
    """Two float vectors of the same length, as an argument tuple ``(u, v)``."""
    n = draw(st.integers(min_n, max_n))
    return draw(_array((n,), limit)), draw(_array((n,), limit))


@st.composite
def matrices(draw, max_rows: int = 5, max_cols: int = 5, limit: int = 10) -> np.ndarray:
    """A float matrix of shape ``(1 … max_rows, 1 … max_cols)``."""
    shape = (draw(st.integers(1, max_rows)), draw(st.integers(1, max_cols)))
    return draw(_array(shape, limit))


@st.composite
def matrix_pairs(draw, max_dim: int = 5, limit: int = 10):
    """Matrices ``A`` (m, k) and ``B`` (k, n) that can be multiplied, as ``(A, B)``."""
    m, k, n = (draw(st.integers(1, max_dim)) for _ in range(3))
    return draw(_array((m, k), limit)), draw(_array((k, n), limit))
