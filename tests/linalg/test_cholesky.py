"""Cholesky factorization and the positive definiteness test vs numpy.linalg.cholesky (LAPACK)."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.linalg as la
from mathforml.errors import NotFiniteError, NotPositiveDefiniteError, ShapeError
from mathforml.linalg._cholesky import _cholesky_unblocked
from tests.reference import EPS, assert_close, cond
from tests.strategies import (
    RAGGED,
    dims,
    hilbert,
    random_orthogonal,
    spd_matrices,
    square_matrices,
    symmetric_matrices,
)


def assert_cholesky_close(L, A):
    """Shape, dtype, structure, A = L Lᵀ, and closeness to LAPACK's factor."""
    expected = np.linalg.cholesky(A)
    n = A.shape[0]
    # The Cholesky factor's relative sensitivity is at most ~ n · cond(A) · eps.
    assert_close(L, expected, rtol=0, atol=10 * n * cond(A) * EPS * np.abs(expected).max())
    assert (np.triu(L, 1) == 0).all() and (np.diagonal(L) > 0).all()
    # Backward stability: ‖A − L Lᵀ‖ <= c n eps ‖A‖, whatever cond(A) is.
    assert np.linalg.norm(A - L @ L.T) <= 10 * n * EPS * np.linalg.norm(A)


@st.composite
def symmetric_indefinite_matrices(draw, max_n=8):
    """Q diag(s) Qᵀ with at least one eigenvalue <= -1 (and all |s| >= 1 for a clear verdict)."""
    n = draw(dims(1, max_n))
    s = draw(hnp.arrays(np.float64, n, elements=st.floats(1, 100)))
    signs = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([-1.0, 1.0])))
    signs[draw(st.integers(0, n - 1))] = -1.0
    Q = random_orthogonal(n, draw(st.integers(0, 2**16)))
    A = (Q * (s * signs)) @ Q.T
    return (A + A.T) / 2


@given(spd_matrices())
def test_cholesky_matches_numpy(A):
    assert_cholesky_close(la.cholesky(A), A)


@given(spd_matrices())
def test_cholesky_unblocked_matches_numpy(A):
    assert_cholesky_close(_cholesky_unblocked(A), A)


@pytest.mark.parametrize("n", [65, 150, 300])
def test_cholesky_on_sizes_that_use_the_recursion(n):
    B = np.random.default_rng(n).standard_normal((n, n))
    A = B @ B.T / n + np.eye(n)
    L = la.cholesky(A)
    assert_cholesky_close(L, A)
    assert_close(_cholesky_unblocked(A), L, rtol=0, atol=1e-12 * np.abs(L).max())


def test_cholesky_hilbert_10():
    # Hilbert(10) is SPD with smallest eigenvalue ~1e-13: still factorable in float64.
    A = hilbert(10)
    assert_cholesky_close(la.cholesky(A), A)
    assert la.is_positive_definite(A)


@pytest.mark.parametrize("scale", [1e150, 1e-150])
def test_cholesky_huge_and_tiny_scales(scale):
    A = scale * np.array([[4.0, 2.0, 0.4], [2.0, 5.0, 1.0], [0.4, 1.0, 3.0]])
    assert_cholesky_close(la.cholesky(A), A)


def test_cholesky_uses_the_lower_triangle_like_numpy():
    # Asymmetry far below the 1e-10 tolerance is accepted; like NumPy, only the lower
    # triangle is read, so the results agree to the last bit's neighbourhood.
    A = np.array([[4.0, 2.0], [2.0, 5.0]])
    A[0, 1] += 1e-14
    assert_close(la.cholesky(A), np.linalg.cholesky(A), rtol=1e-15)


def test_cholesky_1x1_empty_and_integers_like_numpy():
    assert_close(la.cholesky([[4.0]]), np.linalg.cholesky(np.array([[4.0]])))
    assert_close(la.cholesky(np.zeros((0, 0))), np.linalg.cholesky(np.zeros((0, 0))))
    A = [[4, 2], [2, 5]]
    assert_close(la.cholesky(A), np.linalg.cholesky(np.array(A, dtype=float)))


@given(symmetric_indefinite_matrices())
def test_cholesky_rejects_indefinite_matrices_like_numpy(A):
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.cholesky(A)
    with pytest.raises(NotPositiveDefiniteError, match=r"cholesky: A is not positive definite"):
        la.cholesky(A)
    assert not la.is_positive_definite(A)


def test_cholesky_error_names_the_pivot_and_its_value():
    # [[1, 2], [2, 1]]: pivot 0 is 1, pivot 1 is 1 - 2²/1 = -3 (the 2 x 2 minor is -3).
    with pytest.raises(
        NotPositiveDefiniteError,
        match=r"pivot 1 of its Cholesky factorization is -3 .* leading 2 x 2 block",
    ):
        la.cholesky([[1.0, 2.0], [2.0, 1.0]])
    with pytest.raises(NotPositiveDefiniteError, match=r"pivot 0 .* is -1 "):
        la.cholesky([[-1.0]])
    # Positive semidefinite (singular) is not positive definite: pivot 2 is exactly 0.
    with pytest.raises(NotPositiveDefiniteError, match=r"pivot 2 .* is 0 .* leading 3 x 3"):
        la.cholesky(np.diag([1.0, 2.0, 0.0, 3.0]))


def test_cholesky_error_in_a_later_block_names_the_global_pivot():
    # n > 64 goes through the recursion: the failing pivot is found inside the second half.
    A = np.eye(100)
    A[80, 80] = -5.0
    with pytest.raises(NotPositiveDefiniteError, match=r"pivot 80 .* is -5 .* leading 81 x 81"):
        la.cholesky(A)
    with pytest.raises(NotPositiveDefiniteError, match=r"pivot 80 .* is -5 "):
        _cholesky_unblocked(A)


def test_overflow_inside_the_factorization_means_not_positive_definite():
    # L₁₀ = 2 / sqrt(2.2e-308) ≈ 1.3e154 and L₁₀² overflows: pivot 1 is -inf, and indeed
    # det A = 2.2e-308 · 2 - 4 < 0. No overflow warning leaks out.
    A = np.array([[2.2250738585072014e-308, 2.0], [2.0, 2.0]])
    assert not la.is_positive_definite(A)
    with pytest.raises(NotPositiveDefiniteError, match=r"pivot 1 .* is -inf"):
        la.cholesky(A)


def test_cholesky_rejects_non_symmetric_matrices():
    with pytest.raises(NotPositiveDefiniteError, match=r"cholesky: A must be symmetric"):
        la.cholesky([[2.0, 1.0], [0.0, 2.0]])


def test_cholesky_bad_input():
    with pytest.raises(ShapeError, match=r"cholesky: A must be a square matrix, got shape \(2, "):
        la.cholesky(np.ones((2, 3)))
    with pytest.raises(NotFiniteError, match="cholesky: A contains NaN"):
        la.cholesky([[np.nan, 0.0], [0.0, 1.0]])
    with pytest.raises(ShapeError, match="cholesky: A is a ragged nested sequence"):
        la.cholesky(RAGGED)


# --- is_positive_definite ----------------------------------------------------------------


@given(spd_matrices())
def test_is_positive_definite_on_spd_matrices(A):
    assert la.is_positive_definite(A)


@given(symmetric_matrices())
def test_is_positive_definite_agrees_with_eigenvalues(A):
    # Only where the verdict is clear: the smallest eigenvalue away from 0 relative to ‖A‖.
    w = np.linalg.eigvalsh(A)
    assume(abs(w[0]) > 1e-6 * max(np.abs(w).max(), 1e-300))
    assert la.is_positive_definite(A) == (w[0] > 0)


@given(square_matrices())
def test_non_symmetric_matrices_are_not_positive_definite(A):
    assume(np.abs(A - A.T).max() > 1e-10 * np.abs(A).max())
    assert not la.is_positive_definite(A)
    # Even when the symmetric part (A + Aᵀ)/2 is positive definite (xᵀ A x > 0 for all x).
    shifted = A + 1000 * A.shape[0] * np.eye(A.shape[0])
    assume(np.abs(shifted - shifted.T).max() > 1e-10 * np.abs(shifted).max())
    assert not la.is_positive_definite(shifted)


def test_is_positive_definite_edge_cases():
    assert la.is_positive_definite(np.zeros((0, 0)))  # no x ≠ 0 to test
    assert la.is_positive_definite([[3]])
    assert not la.is_positive_definite([[0]])
    assert not la.is_positive_definite(np.zeros((3, 3)))
    # x = (1, 1) gives xᵀ A x = 6 > 0, yet A is not symmetric: False, not an error.
    assert not la.is_positive_definite([[2.0, 1.0], [0.0, 3.0]])


def test_is_positive_definite_bad_input():
    with pytest.raises(ShapeError, match=r"is_positive_definite: A must be a square matrix"):
        la.is_positive_definite(np.ones((2, 3)))
    with pytest.raises(NotFiniteError, match="is_positive_definite: A contains infinity"):
        la.is_positive_definite([[np.inf]])
