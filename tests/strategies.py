"""Shared Hypothesis strategies and named hard cases for the library tests.

Strategies produce float64 arrays with bounded, finite entries. Named hard cases
are the matrices every routine must survive (CONVENTIONS.md, rule 13).
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# Entries between -100 and 100, no NaN/inf/subnormals: the generic "ordinary data".
ELEMENTS = st.floats(-100, 100, allow_nan=False, allow_infinity=False, allow_subnormal=False)
SMALL_INTS = st.integers(-9, 9)


def dims(min_value: int = 1, max_value: int = 8) -> st.SearchStrategy[int]:
    return st.integers(min_value, max_value)


def vectors(n: int | st.SearchStrategy[int] | None = None, elements=ELEMENTS):
    """1-D float arrays; ``n`` fixes the length (or draws it from a strategy)."""
    shape = dims() if n is None else n
    return hnp.arrays(np.float64, shape, elements=elements)


@st.composite
def vector_pairs(draw, min_n: int = 1, max_n: int = 8, elements=ELEMENTS):
    """Two vectors of the same length."""
    n = draw(dims(min_n, max_n))
    return draw(vectors(n, elements)), draw(vectors(n, elements))


def matrices(rows=None, cols=None, elements=ELEMENTS):
    """2-D float arrays; ``rows``/``cols`` are ints or strategies (default 1..8)."""
    r = dims() if rows is None else rows
    c = dims() if cols is None else cols
    if isinstance(r, int):
        r = st.just(r)
    if isinstance(c, int):
        c = st.just(c)
    return st.tuples(r, c).flatmap(lambda shape: hnp.arrays(np.float64, shape, elements=elements))


@st.composite
def square_matrices(draw, min_n: int = 1, max_n: int = 8, elements=ELEMENTS):
    n = draw(dims(min_n, max_n))
    return draw(hnp.arrays(np.float64, (n, n), elements=elements))


@st.composite
def well_conditioned_matrices(draw, min_n: int = 1, max_n: int = 8):
    """Square matrices ``Q₁ diag(s) Q₂`` with singular values in [1, 1e3]: condition <= 1e3."""
    n = draw(dims(min_n, max_n))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    s = draw(hnp.arrays(np.float64, n, elements=st.floats(1, 1e3)))
    Q1 = _random_orthogonal(rng, n)
    Q2 = _random_orthogonal(rng, n)
    return (Q1 * s) @ Q2


@st.composite
def symmetric_matrices(draw, min_n: int = 1, max_n: int = 8, elements=ELEMENTS):
    A = draw(square_matrices(min_n, max_n, elements))
    return (A + A.T) / 2


@st.composite
def spd_matrices(draw, min_n: int = 1, max_n: int = 8):
    """Symmetric positive definite: ``B Bᵀ + n I`` (eigenvalues >= n)."""
    B = draw(square_matrices(min_n, max_n, st.floats(-10, 10)))
    n = B.shape[0]
    return B @ B.T + n * np.eye(n)


def _random_orthogonal(rng: np.random.Generator, n: int) -> np.ndarray:
    # Q from the QR of a Gaussian matrix, signs fixed so Q is Haar-distributed.
    # numpy.linalg is fine here: tests use the reference freely.
    Z = rng.standard_normal((n, n))
    Q, R = np.linalg.qr(Z)
    return Q * np.sign(np.diag(R))


def random_orthogonal(n: int, seed: int = 0) -> np.ndarray:
    return _random_orthogonal(np.random.default_rng(seed), n)


def with_singular_values(s, m: int | None = None, n: int | None = None, seed: int = 0):
    """An m x n matrix whose singular values are exactly ``s`` (up to rounding)."""
    s = np.asarray(s, dtype=float)
    k = s.size
    m = k if m is None else m
    n = k if n is None else n
    U = random_orthogonal(m, seed)[:, :k]
    V = random_orthogonal(n, seed + 1)[:, :k]
    return (U * s) @ V.T


def hilbert(n: int) -> np.ndarray:
    """H[i, j] = 1 / (i + j + 1): the classic ill-conditioned matrix (cond(H₁₀) ≈ 1.6e13)."""
    i = np.arange(n)
    return 1.0 / (i[:, None] + i[None, :] + 1)


# Named hard cases for square routines. Each is (matrix, note).
HARD_SQUARE = {
    "1x1": np.array([[3.0]]),
    "identity": np.eye(4),
    "hilbert10": hilbert(10),
    "singular": np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]),
    "near_singular": np.array([[1.0, 1.0], [1.0, 1.0 + 1e-10]]),
    "needs_pivoting": np.array([[1e-20, 1.0], [1.0, 1.0]]),
    "zero_first_pivot": np.array([[0.0, 1.0, 2.0], [1.0, 2.0, 3.0], [4.0, 5.0, 7.0]]),
    "repeated_eigenvalues": np.diag([2.0, 2.0, 2.0, 5.0]),
    "rotation_complex_eigs": np.array([[0.0, -1.0], [1.0, 0.0]]),
    "jordan_block": np.array([[2.0, 1.0], [0.0, 2.0]]),
    "huge_scale": 1e150 * np.array([[2.0, 1.0], [1.0, 3.0]]),
    "tiny_scale": 1e-150 * np.array([[2.0, 1.0], [1.0, 3.0]]),
    "graded": np.diag([1e8, 1.0, 1e-8]) @ (4 * np.eye(3) + np.eye(3, k=1) + np.eye(3, k=-1)),
}

# Rectangular hard cases. Each is a matrix.
HARD_RECTANGULAR = {
    "tall": np.arange(12.0).reshape(4, 3) ** 1.5,
    "wide": np.arange(12.0).reshape(3, 4) ** 1.5,
    "rank_deficient_tall": np.outer(np.arange(1.0, 6.0), [1.0, 2.0, 3.0]),
    "rank_deficient_wide": np.outer([1.0, -1.0, 2.0], np.arange(1.0, 6.0)),
    "single_row": np.array([[1.0, 2.0, 3.0]]),
    "single_column": np.array([[1.0], [2.0], [3.0]]),
    "zero": np.zeros((3, 2)),
}

RAGGED = [[1.0, 2.0], [3.0]]


@st.composite
def diagonalizable_matrices(draw, max_n: int = 6, eig_range: int = 20):
    """``(V diag(d) V⁻¹, d)``: integer eigenvalues d at least 1 apart, cond(V) <= 10."""
    n = draw(st.integers(1, max_n))
    d = draw(st.lists(st.integers(-eig_range, eig_range), min_size=n, max_size=n, unique=True))
    d = np.array(d, dtype=float)
    seed = draw(st.integers(0, 2**32 - 1))
    s = draw(hnp.arrays(np.float64, n, elements=st.floats(1, 10)))
    V = random_orthogonal(n, seed) * s  # columns of length s in [1, 10]: cond(V) <= 10
    return (V * d) @ np.linalg.inv(V), d
