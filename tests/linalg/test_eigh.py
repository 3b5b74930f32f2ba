"""eigh against numpy.linalg.eigh / eigvalsh (LAPACK).

Tolerances: eigh and LAPACK are both backward stable, each returning the exact
eigendecomposition of a matrix within about n ε ‖A‖ of A. By Weyl's inequality
the eigenvalues then agree to c n ε ‖A‖, in absolute terms (an eigenvalue much
smaller than ‖A‖ is only known to ε‖A‖, so a relative test would be wrong), and
an eigenvector moves by that divided by the gap to the other eigenvalues.
Orthogonality VᵀV = I holds to c n ε.
"""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mathforml.linalg as la
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from mathforml.linalg._eigh import (
    _apply_reflections,
    _tridiagonalize,
    _tridiagonalize_unblocked,
)
from tests.reference import EPS, assert_close, orthogonality_error
from tests.strategies import (
    HARD_SQUARE,
    RAGGED,
    hilbert,
    random_orthogonal,
    square_matrices,
    symmetric_matrices,
)


def norm2(A) -> float:
    return float(np.linalg.norm(A, 2)) if np.size(A) else 0.0


def tolerance(A, c=10) -> float:
    """c n ε ‖A‖: the backward error of a stable eigensolver (tiny floor for A = 0)."""
    return c * max(len(A), 1) * EPS * norm2(A) + 1e-300


def assert_largest_entry_positive(X):
    """The documented sign convention: each column's first largest-magnitude entry is > 0."""
    for x in X.T:
        first = np.argmax(np.abs(x) >= (1 - 1e-10) * np.abs(x).max())
        assert x[first] > 0


def lapack_safe(A):
    """A with entries below 1e-100 max|A| set to 0, for the reference.

    LAPACK's dsyevd mishandles entries whose square is subnormal next to entries of
    order 1 (e.g. 1.3e-160 beside 1.0 moved an eigenvalue by 8e-5); flushing them
    moves the exact eigenvalues by less than n·1e-100 ‖A‖, far below any tolerance.
    """
    A = np.asarray(A, dtype=float)
    top = np.abs(A).max(initial=0.0)
    return np.where(np.abs(A) < 1e-100 * top, 0.0, A)


def scaled(A):
    """A / 2ᵏ with max|A| in [0.5, 1): what eigh hands to its pieces (exact scaling)."""
    top = np.abs(A).max(initial=0.0)
    return np.ldexp(A, -np.frexp(top)[1]) if top else A


def check_eigh(A, c=10):
    """Shape and dtype, eigenvalues vs LAPACK, A V = V Λ, VᵀV = I, the sign convention."""
    A = np.asarray(A, dtype=float)
    w, V = la.eigh(A)
    w_ref, V_ref = np.linalg.eigh(lapack_safe(A))
    tol = tolerance(A, c)
    assert_close(w, w_ref, rtol=0, atol=tol)
    assert V.shape == V_ref.shape and V.dtype == np.float64
    assert np.all(np.diff(w) >= 0)
    assert_close(A @ V, V * w, rtol=0, atol=tol)
    assert orthogonality_error(V) <= c * max(len(A), 1) * EPS
    assert_largest_entry_positive(V)
    return w, V, w_ref, V_ref


def assert_eigenvectors_match(V, V_ref, w_ref, A, c=10, min_gap=1e-6):
    """Columns with a gap above min_gap ‖A‖ equal LAPACK's up to sign, to c n ε ‖A‖ / gap."""
    n, nA = len(A), norm2(A)
    gaps = np.minimum(np.r_[np.inf, np.diff(w_ref)], np.r_[np.diff(w_ref), np.inf])
    for i in np.flatnonzero(gaps > min_gap * nA):
        s = 1.0 if V[:, i] @ V_ref[:, i] >= 0 else -1.0
        err = np.abs(V[:, i] - s * V_ref[:, i]).max()
        assert err <= c * n * EPS * nA / gaps[i] + 1e-15, (i, err)


# --------------------------------------------------------------------------- against LAPACK


@given(symmetric_matrices())
def test_eigh_matches_lapack(A):
    w, V, w_ref, V_ref = check_eigh(A)
    assert_eigenvectors_match(V, V_ref, w_ref, A)


def test_a_tiny_entry_beside_order_one_entries():
    # Exact eigenvalues ±√1.25 (the 1.3e-160 coupling is negligible); LAPACK's dsyevd
    # returns ±1.11811 here, off by 8e-5. Ours are right.
    A = np.zeros((8, 8))
    A[0, 2] = A[2, 0] = 1.33697727e-160
    A[1, 1], A[2, 3], A[3, 2], A[2, 4], A[4, 2] = 0.5, 0.5, 0.5, 1.0, 1.0
    w, _, w_ref, _ = check_eigh(A)
    assert_close(w[[0, -1]], [-np.sqrt(1.25), np.sqrt(1.25)], rtol=0, atol=4 * EPS)


@given(square_matrices(elements=st.integers(-3, 3).map(float)))
def test_eigh_small_integer_matrices_with_repeated_eigenvalues(B):
    check_eigh(B + B.T)  # integer symmetric: exact ties and clusters are common


@pytest.mark.parametrize("n", [50, 101, 200])
def test_eigh_seeded_larger(n):
    A = np.random.default_rng(n).standard_normal((n, n)) / np.sqrt(n)
    S = (A + A.T) / 2
    w, V, w_ref, V_ref = check_eigh(S)
    assert_eigenvectors_match(V, V_ref, w_ref, S)
    assert np.linalg.norm(S - (V * w) @ V.T) <= 1e-12 * n * norm2(S)  # the performance goal


def test_eigh_returns_a_named_tuple_like_numpy():
    result = la.eigh([[2.0, 0.0], [0.0, 1.0]])
    assert result._fields == np.linalg.eigh(np.eye(2))._fields == ("eigenvalues", "eigenvectors")
    w, V = result
    assert w is result.eigenvalues and V is result.eigenvectors


# --------------------------------------------------------------------------- named hard cases


@pytest.mark.parametrize(
    "name", [k for k, A in HARD_SQUARE.items() if np.array_equal(A, A.T)] + ["graded_symmetric"]
)
def test_eigh_hard_symmetric_cases(name):
    A = HARD_SQUARE.get(name)
    if A is None:  # graded over 16 orders of magnitude, symmetric
        A = np.diag([1e8, 1.0, 1e-8]) @ (4 * np.eye(3) + np.eye(3, k=1) + np.eye(3, k=-1))
        A = np.diag([1e-4, 1.0, 1e4]) @ A @ np.diag([1e-4, 1.0, 1e-4])
        A = (A + A.T) / 2
    check_eigh(A)


def test_repeated_eigenvalues_of_a_diagonal_matrix_are_exact():
    w, V = la.eigh(np.diag([2.0, 5.0, 2.0, 2.0]))
    np.testing.assert_array_equal(w, [2.0, 2.0, 2.0, 5.0])
    np.testing.assert_array_equal(V, np.eye(4)[:, [0, 2, 3, 1]])


def test_repeated_eigenvalues_under_a_random_orthogonal_similarity():
    Q = random_orthogonal(4, seed=3)
    A = Q @ np.diag([2.0, 2.0, 2.0, 5.0]) @ Q.T
    w, V, *_ = check_eigh(A)
    assert_close(w, [2.0, 2.0, 2.0, 5.0], rtol=0, atol=tolerance(A))
    # The eigenspace of 2 is unique, its basis is not: compare projectors.
    assert_close(V[:, :3] @ V[:, :3].T, Q[:, :3] @ Q[:, :3].T, rtol=0, atol=tolerance(A) / 3)
    assert_close(np.abs(V[:, 3]), np.abs(Q[:, 3]), rtol=0, atol=tolerance(A) / 3)


def test_an_exactly_degenerate_cluster_keeps_orthonormal_eigenvectors():
    n = 60
    Q = random_orthogonal(n, seed=7)
    lam = np.r_[np.full(25, 1.5), np.linspace(-3, 3, 35)]
    A = (Q * lam) @ Q.T
    w, V, *_ = check_eigh(A)
    inside = np.abs(w - 1.5) < 1e-10
    assert inside.sum() == 25
    P = Q[:, :25] @ Q[:, :25].T
    assert_close(V[:, inside] @ V[:, inside].T, P, rtol=0, atol=tolerance(A))


def test_a_tight_cluster_from_a_perturbed_identity():
    R = np.random.default_rng(5).standard_normal((80, 80))
    check_eigh(np.eye(80) + 1e-9 * (R + R.T))  # all 80 eigenvalues within 1e-8


def test_two_eigenvalues_each_repeated_many_times():
    Q = random_orthogonal(120, seed=11)
    check_eigh((Q * np.r_[np.ones(60), 2 * np.ones(60)]) @ Q.T)


def test_hilbert_10():
    A = hilbert(10)
    w, V, w_ref, V_ref = check_eigh(A)
    assert_eigenvectors_match(V, V_ref, w_ref, A)


def test_zero_matrix_gives_zeros_and_identity():
    w, V = la.eigh(np.zeros((3, 3)))
    np.testing.assert_array_equal(w, np.zeros(3))
    np.testing.assert_array_equal(V, np.eye(3))


@pytest.mark.parametrize("a", [3.0, -3.0, 0.0])
def test_one_by_one(a):
    w, V = la.eigh([[a]])
    np.testing.assert_array_equal(w, [a])
    np.testing.assert_array_equal(V, [[1.0]])


def test_empty_matrix_matches_numpy():
    w, V = la.eigh(np.zeros((0, 0)))
    w_ref, V_ref = np.linalg.eigh(np.zeros((0, 0)))
    assert w.shape == w_ref.shape and V.shape == V_ref.shape
    assert w.dtype == V.dtype == np.float64


@pytest.mark.parametrize("scale", [1e-300, 1e-150, 1e150, 1e300])
def test_huge_and_tiny_scales(scale):
    B = np.random.default_rng(1).standard_normal((6, 6))
    A = scale * (B + B.T)
    w, V = la.eigh(A)
    w_ref = np.linalg.eigvalsh(B + B.T) * scale  # scaling commutes with the eigenproblem
    assert_close(w, w_ref, rtol=0, atol=tolerance(B + B.T) * scale)
    assert_close((B + B.T) @ V, V * (w / scale), rtol=0, atol=tolerance(B + B.T))


def test_integer_boolean_and_fraction_inputs_convert_to_float():
    A = [[2, 1], [1, 2]]
    w, V = la.eigh(A)
    assert w.dtype == V.dtype == np.float64
    assert_close(w, [1.0, 3.0], rtol=0, atol=1e-15)
    w_bool, _ = la.eigh(np.array([[True, False], [False, True]]))
    np.testing.assert_array_equal(w_bool, [1.0, 1.0])
    w_frac, _ = la.eigh([[Fraction(1, 2), Fraction(1, 3)], [Fraction(1, 3), Fraction(1, 2)]])
    assert_close(w_frac, [1 / 6, 5 / 6], rtol=0, atol=1e-15)


def test_nearly_symmetric_input_is_accepted_and_symmetrized():
    A = np.array([[2.0, 1.0], [1.0 + 1e-13, 2.0]])
    w, _ = la.eigh(A)
    assert_close(w, np.linalg.eigvalsh((A + A.T) / 2), rtol=0, atol=1e-15)


def test_input_is_not_modified_and_views_work():
    B = np.random.default_rng(2).standard_normal((6, 6))
    A = np.asfortranarray(B + B.T)[::-1, ::-1]  # a strided, Fortran-ordered view
    before = A.copy()
    check_eigh(A)
    np.testing.assert_array_equal(A, before)


def test_sign_convention_on_ties():
    # Eigenvectors (1, -1)/√2 and (1, 1)/√2: magnitudes tie, so the first entry is positive.
    _, V = la.eigh([[0.0, 1.0], [1.0, 0.0]])
    s = 1 / np.sqrt(2)
    assert_close(V, [[s, s], [-s, s]], rtol=0, atol=1e-15)


# --------------------------------------------------------------------------- errors


def test_non_symmetric_input_is_refused_with_the_asymmetry():
    with pytest.raises(ParameterError, match=r"eigh: A must be symmetric, but max \|A - A.T\| = 1"):
        la.eigh([[1.0, 2.0], [3.0, 4.0]])


@pytest.mark.parametrize(
    ("A", "error", "message"),
    [
        (np.ones((2, 3)), ShapeError, r"eigh: A must be a square matrix, got shape \(2, 3\)"),
        (np.ones(3), ShapeError, r"eigh: A must be a 2-D matrix, got shape \(3,\)"),
        (RAGGED, ShapeError, "eigh: A is a ragged nested sequence"),
        ([[1.0, np.nan], [np.nan, 1.0]], NotFiniteError, "eigh: A contains NaN"),
        ([[np.inf, 0.0], [0.0, 1.0]], NotFiniteError, "eigh: A contains infinity"),
        (np.eye(2) * 1j, DTypeError, "eigh: A holds complex numbers"),
        ([["a", "b"], ["b", "a"]], DTypeError, "eigh: A must hold numbers"),
    ],
)
def test_bad_input_raises_a_clear_error(A, error, message):
    with pytest.raises(error, match=message):
        la.eigh(A)


# --------------------------------------------------------------------------- the pieces


def tridiagonal(d, e):
    return np.diag(d) + np.diag(e, 1) + np.diag(e, -1)


@given(symmetric_matrices())
def test_plain_and_blocked_tridiagonalization_agree_and_reconstruct(A):
    A = scaled(A)
    n = len(A)
    d1, e1, Y1, t1 = _tridiagonalize_unblocked(A.copy())
    d2, e2, Y2, t2 = _tridiagonalize(A.copy(), block=3)  # several panels even for n <= 8
    for d, e, Y, t in ((d1, e1, Y1, t1), (d2, e2, Y2, t2)):
        Q = _apply_reflections(Y, t, np.eye(n))
        assert_close(Q.T @ Q, np.eye(n), rtol=0, atol=10 * n * EPS)
        assert_close(Q @ tridiagonal(d, e) @ Q.T, A, rtol=0, atol=tolerance(A))
    # T itself is not forward stable (a reflection of a nearly-zero column points wherever
    # rounding sends it), but both are similar to A: the same eigenvalues.
    w1 = np.linalg.eigvalsh(lapack_safe(tridiagonal(d1, e1)))
    w2 = np.linalg.eigvalsh(lapack_safe(tridiagonal(d2, e2)))
    assert_close(w2, w1, rtol=0, atol=tolerance(A))


@pytest.mark.parametrize("n", [40, 97])
def test_blocked_tridiagonalization_seeded(n):
    B = np.random.default_rng(n).standard_normal((n, n))
    A = B + B.T
    d, e, Y, t = _tridiagonalize(A.copy(), block=8)
    Q = _apply_reflections(Y, t, np.eye(n), block=5)
    assert_close(Q @ tridiagonal(d, e) @ Q.T, A, rtol=0, atol=tolerance(A))
    assert_close(np.linalg.eigvalsh(tridiagonal(d, e)), np.linalg.eigvalsh(A), atol=tolerance(A))
