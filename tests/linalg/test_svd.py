"""svd and low_rank_approximation against numpy.linalg.svd and scipy.linalg.svd (LAPACK).

Tolerances: both sides are backward stable: each is the exact SVD of a matrix
within about max(m, n) ε ‖A‖ of A. Singular values are perfectly conditioned
(Weyl: |σᵢ(A + E) - σᵢ(A)| <= ‖E‖), so they agree to c max(m, n) ε ‖A‖ in absolute
terms; small singular values have no relative accuracy after bidiagonalization,
so a relative test would be wrong. A singular vector moves by that divided by
its gap to the other singular values (and to 0 for the extra directions of a
non-square matrix); vectors are compared only where that gap is clear.
Orthonormality UᵀU = I, VᵀV = I holds to c max(m, n) ε.
"""

from fractions import Fraction

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st

import mathforml.linalg as la
import mathforml.linalg._svd as svd_module
import mathforml.linalg._tridiagonal as tri
from mathforml.errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
)
from mathforml.linalg._eigh import _apply_reflections
from mathforml.linalg._svd import _bidiagonalize, _bidiagonalize_unblocked
from tests.reference import EPS, assert_close, orthogonality_error
from tests.strategies import (
    HARD_RECTANGULAR,
    HARD_SQUARE,
    RAGGED,
    hilbert,
    matrices,
    random_orthogonal,
    with_singular_values,
)


def norm2(A) -> float:
    return float(np.linalg.norm(A, 2)) if np.size(A) else 0.0


def tolerance(A, c=10) -> float:
    """c max(m, n) ε ‖A‖: the backward error of a stable SVD (tiny floor for A = 0)."""
    return c * max(*np.shape(A), 1) * EPS * norm2(A) + 1e-300


def assert_largest_entry_positive(rows):
    for x in rows:
        first = np.argmax(np.abs(x) >= (1 - 1e-10) * np.abs(x).max())
        assert x[first] > 0


def scaled(A):
    """A / 2ᵏ with max|A| in [0.5, 1): what svd hands to its pieces (exact scaling)."""
    top = np.abs(A).max(initial=0.0)
    return np.ldexp(A, -np.frexp(top)[1]) if top else A


def check_svd(A, c=10):
    """Shapes and dtypes like numpy's, S vs LAPACK, A = U S Vt, orthonormality, signs."""
    A = np.asarray(A, dtype=float)
    m, n = A.shape
    k = min(m, n)
    tol = tolerance(A, c)
    for full in (True, False):
        U, S, Vt = la.svd(A, full_matrices=full)
        U_ref, S_ref, Vt_ref = np.linalg.svd(A, full_matrices=full)
        assert U.shape == U_ref.shape and Vt.shape == Vt_ref.shape
        assert U.dtype == Vt.dtype == np.float64
        assert_close(S, S_ref, rtol=0, atol=tol)
        assert np.all(np.diff(S) <= 0) and np.all(S >= 0)
        assert_close((U[:, :k] * S) @ Vt[:k], A, rtol=0, atol=tol)
        assert orthogonality_error(U) <= c * max(m, n, 1) * EPS
        assert orthogonality_error(Vt.T) <= c * max(m, n, 1) * EPS
        assert_largest_entry_positive(Vt)
        assert_largest_entry_positive(U[:, k:].T)
    S_only = la.svd(A, compute_uv=False)
    assert_close(S_only, scipy.linalg.svd(A, compute_uv=False), rtol=0, atol=tol)
    return U, S, Vt


def assert_singular_vectors_match(A, U, S, Vt, c=10, min_gap=1e-6):
    """Pairs with a clear gap equal scipy's (dgesvd) up to a common sign, to c n ε ‖A‖ / gap.

    (For σ = 0, ``A v = σ u`` does not link the signs of ``u`` and ``v``.)
    """
    U_ref, S_ref, Vt_ref = scipy.linalg.svd(A, full_matrices=False, lapack_driver="gesvd")
    m, n = A.shape
    nA = norm2(A)
    gaps = np.minimum(np.r_[np.inf, -np.diff(S_ref)], np.r_[-np.diff(S_ref), np.inf])
    if m != n:
        gaps = np.minimum(gaps, S_ref)  # the extra directions of the larger side sit at 0
    for i in np.flatnonzero(gaps > min_gap * nA):
        s = 1.0 if Vt[i] @ Vt_ref[i] >= 0 else -1.0
        if S_ref[i] <= tolerance(A, c):  # σ = 0 ties nothing: u and v have their own signs
            s_u = 1.0 if U[:, i] @ U_ref[:, i] >= 0 else -1.0
        else:
            s_u = s
        tol = c * max(m, n) * EPS * nA / gaps[i] + 1e-15
        assert np.abs(Vt[i] - s * Vt_ref[i]).max() <= tol, i
        assert np.abs(U[:, i] - s_u * U_ref[:, i]).max() <= tol, i


# --------------------------------------------------------------------------- against LAPACK


@given(matrices())
def test_svd_matches_lapack(A):
    check_svd(A)
    U, S, Vt = la.svd(A, full_matrices=False)
    assert_singular_vectors_match(A, U, S, Vt)


@given(matrices(elements=st.integers(-2, 2).map(float)))
def test_svd_small_integer_matrices_rank_deficient_and_repeated(A):
    check_svd(A)  # exact zeros, ties and low rank are common


@pytest.mark.parametrize(("m", "n"), [(50, 50), (120, 70), (70, 120), (200, 110)])
def test_svd_seeded_larger(m, n):
    A = np.random.default_rng(m + n).standard_normal((m, n))
    check_svd(A)
    U, S, Vt = la.svd(A, full_matrices=False)
    assert_singular_vectors_match(A, U, S, Vt)
    assert np.linalg.norm(A - (U * S) @ Vt) <= 1e-12 * max(m, n) * norm2(A)  # the goal


def test_svd_returns_a_named_tuple():
    result = la.svd(np.eye(2))
    assert result._fields == ("U", "S", "Vt")
    U, S, Vt = result
    assert U is result.U and S is result.S and Vt is result.Vt


# --------------------------------------------------------------------------- named hard cases


@pytest.mark.parametrize("name", list(HARD_SQUARE))
def test_svd_hard_square_cases(name):
    check_svd(HARD_SQUARE[name])


@pytest.mark.parametrize("name", list(HARD_RECTANGULAR))
def test_svd_hard_rectangular_cases(name):
    check_svd(HARD_RECTANGULAR[name])


def test_hilbert_10():
    A = hilbert(10)
    U, S, Vt = check_svd(A)
    assert_singular_vectors_match(A, U, S, Vt)


@pytest.mark.parametrize(("m", "n"), [(60, 40), (40, 60)])
def test_rank_deficient_tall_and_wide(m, n):
    A = with_singular_values([5.0, 2.0, 1.0], m, n, seed=4)
    U, S, Vt = check_svd(A)
    assert_close(S[:3], [5.0, 2.0, 1.0], rtol=0, atol=tolerance(A))
    assert np.all(S[3:] <= tolerance(A))  # the rest are rounding-level zeros
    assert_singular_vectors_match(A, *la.svd(A, full_matrices=False))


def test_repeated_singular_values_span_the_right_subspaces():
    A = with_singular_values([3.0, 3.0, 3.0, 1.0, 1.0, 0.0], 9, 7, seed=2)
    U, S, Vt = check_svd(A)
    U_ref, _, Vt_ref = np.linalg.svd(A)
    # Only the subspace of a repeated singular value is unique: compare projectors.
    for block in (slice(0, 3), slice(3, 5)):
        P, P_ref = Vt[block].T @ Vt[block], Vt_ref[block].T @ Vt_ref[block]
        assert_close(P, P_ref, rtol=0, atol=tolerance(A))
        P, P_ref = U[:, block] @ U[:, block].T, U_ref[:, block] @ U_ref[:, block].T
        assert_close(P, P_ref, rtol=0, atol=tolerance(A))


def test_singular_values_down_to_rounding_level():
    # σ from 1 down to 1e-20: those below ~16 ε get completed vectors, and A = U S Vt holds.
    check_svd(with_singular_values(np.logspace(0, -20, 12), 15, 12, seed=8))


def test_orthogonal_matrix_has_all_singular_values_one():
    Q = random_orthogonal(40, seed=9)
    _, S, _ = check_svd(Q)
    assert_close(S, np.ones(40), rtol=0, atol=tolerance(Q))


def test_many_repeated_singular_values_in_one_unreduced_block():
    # σ ∈ {2, 1, 1e-9, 0}, each about 20 times: the Golub–Kahan matrix keeps clusters
    # equal to working accuracy inside unreduced blocks. With one shared shift per
    # cluster every solve pointed the same way; the shifts must be nudged apart.
    rng = np.random.default_rng(133)
    m, n = int(rng.integers(50, 160)), int(rng.integers(50, 160))  # 107 x 157
    s = np.abs(rng.choice([1.0, 2.0, -1.0, 0.0, 1e-9], size=min(m, n)))
    A = (random_orthogonal(m, 133)[:, : s.size] * s) @ random_orthogonal(n, 134)[: s.size]
    U, S, Vt = check_svd(A)
    assert_close(S, np.sort(s)[::-1], rtol=0, atol=tolerance(A))


def test_a_perturbed_identity_has_one_tight_cluster():
    # All singular values within ~1e-13 of 1: barely resolved by the shifts.
    A = np.eye(100, 80) + 1e-13 * np.random.default_rng(6).standard_normal((100, 80))
    check_svd(A)


def test_zero_matrix_gives_zeros_and_identities():
    for shape in [(3, 2), (2, 3), (3, 3)]:
        U, S, Vt = la.svd(np.zeros(shape))
        np.testing.assert_array_equal(S, np.zeros(min(shape)))
        np.testing.assert_array_equal(U, np.eye(shape[0]))
        np.testing.assert_array_equal(Vt, np.eye(shape[1]))


def test_one_by_one():
    U, S, Vt = la.svd([[-3.0]])
    np.testing.assert_array_equal(S, [3.0])
    np.testing.assert_array_equal(Vt, [[1.0]])  # sign convention: Vt's entry positive
    np.testing.assert_array_equal(U, [[-1.0]])


@pytest.mark.parametrize("shape", [(0, 0), (0, 3), (3, 0)])
@pytest.mark.parametrize("full", [True, False])
def test_empty_shapes_match_numpy(shape, full):
    U, S, Vt = la.svd(np.zeros(shape), full_matrices=full)
    U_ref, S_ref, Vt_ref = np.linalg.svd(np.zeros(shape), full_matrices=full)
    for ours, ref in ((U, U_ref), (S, S_ref), (Vt, Vt_ref)):
        assert ours.shape == ref.shape and ours.dtype == np.float64
        np.testing.assert_array_equal(ours, ref)
    assert la.svd(np.zeros(shape), compute_uv=False).shape == (0,)


@pytest.mark.parametrize("scale", [1e-300, 1e-150, 1e150, 1e300])
def test_huge_and_tiny_scales(scale):
    B = np.random.default_rng(3).standard_normal((7, 5))
    U, S, Vt = la.svd(scale * B, full_matrices=False)
    S_ref = np.linalg.svd(B, compute_uv=False)  # scaling commutes with the SVD
    assert_close(S / scale, S_ref, rtol=0, atol=tolerance(B))
    assert_close((U * (S / scale)) @ Vt, B, rtol=0, atol=tolerance(B))


def test_integer_boolean_and_fraction_inputs_convert_to_float():
    U, S, Vt = la.svd([[3, 0], [4, 5]])
    assert U.dtype == S.dtype == Vt.dtype == np.float64
    assert_close(S, [np.sqrt(45), np.sqrt(5)], rtol=0, atol=1e-14)
    S_bool = la.svd(np.array([[True, False], [False, False]]), compute_uv=False)
    np.testing.assert_array_equal(S_bool, [1.0, 0.0])
    S_frac = la.svd([[Fraction(1, 2), 0], [0, Fraction(1, 4)]], compute_uv=False)
    np.testing.assert_array_equal(S_frac, [0.5, 0.25])


def test_input_is_not_modified_and_views_work():
    A = np.asfortranarray(np.random.default_rng(2).standard_normal((9, 6)))[::-2, ::-1]
    before = A.copy()
    check_svd(A)
    check_svd(A.T)
    np.testing.assert_array_equal(A, before)


def test_compute_uv_false_returns_only_the_singular_values():
    A = np.arange(12.0).reshape(4, 3)
    S = la.svd(A, compute_uv=False)
    assert isinstance(S, np.ndarray) and S.shape == (3,)
    assert_close(S, np.linalg.svd(A, compute_uv=False), rtol=0, atol=tolerance(A))


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("A", "error", "message"),
    [
        (np.ones(3), ShapeError, r"svd: A must be a 2-D matrix, got shape \(3,\)"),
        (np.ones((2, 2, 2)), ShapeError, r"svd: A must be a 2-D matrix, got shape \(2, 2, 2\)"),
        (RAGGED, ShapeError, "svd: A is a ragged nested sequence"),
        ([[1.0, np.nan]], NotFiniteError, "svd: A contains NaN"),
        ([[1.0], [-np.inf]], NotFiniteError, "svd: A contains infinity"),
        ([[1j, 0.0]], DTypeError, "svd: A holds complex numbers"),
        ([["x"]], DTypeError, "svd: A must hold numbers"),
    ],
)
def test_bad_input_raises_a_clear_error(A, error, message):
    with pytest.raises(error, match=message):
        la.svd(A)


@pytest.mark.parametrize("name", ["full_matrices", "compute_uv"])
def test_flags_must_be_booleans(name):
    with pytest.raises(ParameterError, match=f"svd: {name} must be one of True, False, got 'yes'"):
        la.svd(np.eye(2), **{name: "yes"})


def test_the_residual_guard_refuses_wrong_vectors(monkeypatch):
    # Fault injection: completed vectors that are not orthogonal complements must not pass.
    def bad_completion(Q, count, rng):
        return np.ones((Q.shape[0], count)) / np.sqrt(Q.shape[0])

    monkeypatch.setattr(svd_module, "complete_orthonormal", bad_completion)
    with pytest.raises(ConvergenceError, match=r"svd: a computed singular triplet has residual"):
        la.svd(with_singular_values([2.0, 1.0, 0.0], 4, 3))


def test_lopsided_golub_kahan_vectors_are_completed_instead(monkeypatch):
    # If inverse iteration left a vector with a vanishing u-half (a +σ/-σ mix), the pair is
    # replaced by a completion; for a tiny σ that still gives a valid SVD.
    real = svd_module.inverse_iteration

    def lopsided(d, e, lam, lanes, norm, seed=0):
        Z = real(d, e, lam, lanes, norm, seed)
        Z[1::2, np.argmin(lam)] = 0.0  # drop the u-half of the smallest σ
        return Z

    monkeypatch.setattr(svd_module, "inverse_iteration", lopsided)
    A = with_singular_values([2.0, 1.0, 1e-13], 5, 3, seed=1)
    U, S, Vt = la.svd(A)
    assert_close((U[:, :3] * S) @ Vt, A, rtol=0, atol=1e-12)
    assert orthogonality_error(U) < 1e-14 and orthogonality_error(Vt.T) < 1e-14


def test_inverse_iteration_cap_reaches_svd(monkeypatch):
    monkeypatch.setattr(tri, "_MAX_INVERSE_ITERATIONS", 1)
    with pytest.raises(ConvergenceError, match="inverse iteration: after 1 solves"):
        la.svd(np.arange(6.0).reshape(3, 2))


# --------------------------------------------------------------------------- the pieces


def bidiagonal(d, e):
    return np.diag(d) + np.diag(e, 1)


@given(matrices(rows=st.integers(1, 9), cols=st.integers(1, 6)))
def test_plain_and_blocked_bidiagonalization_reconstruct(A):
    A = scaled(A.T if A.shape[0] < A.shape[1] else A)  # m >= n and scaled, as svd does
    m, n = A.shape
    for parts in (_bidiagonalize_unblocked(A.copy()), _bidiagonalize(A.copy(), block=2)):
        d, e, YL, tauq, YR, taup = parts
        Q = _apply_reflections(YL, tauq, np.eye(m), offset=0)
        P = _apply_reflections(YR, taup, np.eye(n), offset=1)
        assert_close(Q.T @ Q, np.eye(m), rtol=0, atol=10 * m * EPS)
        assert_close(P.T @ P, np.eye(n), rtol=0, atol=10 * n * EPS)
        assert_close(Q[:, :n] @ bidiagonal(d, e) @ P.T, A, rtol=0, atol=tolerance(A))


@pytest.mark.parametrize(("m", "n"), [(45, 45), (90, 37)])
def test_blocked_bidiagonalization_seeded(m, n):
    A = np.random.default_rng(m).standard_normal((m, n))
    d, e, YL, tauq, YR, taup = _bidiagonalize(A.copy(), block=8)
    Q = _apply_reflections(YL, tauq, np.eye(m)[:, :n].copy(), offset=0)
    P = _apply_reflections(YR, taup, np.eye(n), offset=1)
    assert_close(Q @ bidiagonal(d, e) @ P.T, A, rtol=0, atol=tolerance(A))


# --------------------------------------------------------------------------- low rank


@given(matrices(), st.data())
def test_low_rank_approximation_errors_are_the_dropped_singular_values(A, data):
    m, n = A.shape
    k = data.draw(st.integers(1, min(m, n)))
    Ak = la.low_rank_approximation(A, k)
    assert Ak.shape == A.shape and Ak.dtype == np.float64
    S = np.linalg.svd(A, compute_uv=False)
    dropped = np.r_[S[k:], 0.0]
    tol = tolerance(A)
    # Eckart–Young: ‖A - A_k‖₂ = σ_{k+1} and ‖A - A_k‖_F = √(σ_{k+1}² + …).
    assert abs(norm2(A - Ak) - dropped[0]) <= tol
    assert abs(np.linalg.norm(A - Ak) - np.sqrt(np.sum(dropped**2))) <= tol
    assert np.linalg.svd(Ak, compute_uv=False)[k:].max(initial=0.0) <= tol  # rank <= k


@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (4, 4)])
def test_full_rank_k_reproduces_the_matrix(shape):
    A = np.random.default_rng(0).standard_normal(shape)
    assert_close(la.low_rank_approximation(A, min(shape)), A, rtol=0, atol=tolerance(A))


def test_rank_one_approximation_of_a_known_matrix():
    A = np.array([[3.0, 0.0], [0.0, 1.0]])
    assert_close(la.low_rank_approximation(A, 1), [[3.0, 0.0], [0.0, 0.0]], rtol=0, atol=1e-15)


@pytest.mark.parametrize(
    ("k", "message"),
    [
        (0, "low_rank_approximation: k must be a positive integer, got 0"),
        (-1, "low_rank_approximation: k must be a positive integer, got -1"),
        (1.5, "low_rank_approximation: k must be a positive integer, got 1.5"),
        (True, "low_rank_approximation: k must be a positive integer, got True"),
        (4, r"low_rank_approximation: k must be at most min\(m, n\) = 3 for A of shape \(3, 5\)"),
    ],
)
def test_low_rank_approximation_validates_k(k, message):
    with pytest.raises(ParameterError, match=message):
        la.low_rank_approximation(np.ones((3, 5)), k)


def test_low_rank_approximation_validates_a():
    with pytest.raises(NotFiniteError, match="low_rank_approximation: A contains NaN"):
        la.low_rank_approximation([[np.nan]], 1)
    with pytest.raises(ParameterError, match=r"at most min\(m, n\) = 0"):
        la.low_rank_approximation(np.zeros((0, 3)), 1)
