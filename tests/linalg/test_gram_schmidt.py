"""gram_schmidt against numpy.linalg.qr (same Q up to signs) and scipy.linalg.orth (same span)."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import assume, given
from hypothesis import strategies as st

import mathforml.linalg as la
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from mathforml.linalg._gram_schmidt import _gram_schmidt_single_pass
from tests.reference import EPS, assert_close, cond, orthogonality_error
from tests.strategies import (
    HARD_RECTANGULAR,
    HARD_SQUARE,
    RAGGED,
    dims,
    hilbert,
    matrices,
    random_orthogonal,
    with_singular_values,
)

# The Coursera "Gram-Schmidt process" assignment's test matrices (vectors are columns).
COURSERA_V = np.array([[1, 0, 2, 6], [0, 1, 8, 2], [2, 8, 3, 1], [1, -6, 2, 3]], dtype=float)
COURSERA_A = np.array([[3, 2, 3], [2, 5, -1], [2, 4, 8], [12, 2, 1]], dtype=float)
COURSERA_B = np.array([[6, 2, 1, 7, 5], [2, 8, 5, -4, 1], [1, -6, 3, 2, 8]], dtype=float)
COURSERA_C = np.array([[1, 0, 2], [0, 1, -3], [1, 0, 2]], dtype=float)  # c₂ = 2 c₀ - 3 c₁

# Rank 3 (σ₄ ≈ 1e-15): the last column is a combination of the first three, but its
# remainder comes out ≈ 1.5 x the default tol (rounding amplified by cond of the first
# three columns, ≈ 5).
NEAR_THRESHOLD = np.array(
    [[-1, 5, 0, -4], [6, 9, 6, -6], [-4, 0, -3, 5], [-12, 0, -9, 15], [9, -18, 4, 4]], dtype=float
)


# --- helpers --------------------------------------------------------------------------


def default_tol(A):
    """The documented default: max(m, n) · eps · largest column norm."""
    scale = np.abs(A).max() if A.size else 0.0
    if scale == 0.0:
        return 0.0
    # numpy's norm squares the entries and underflows for tiny ones: rescale first.
    return max(A.shape) * EPS * scale * np.linalg.norm(A / scale, axis=0).max()


def reference_projector(A, rank):
    """U Uᵀ for the first ``rank`` left singular vectors (scipy.linalg.orth's basis)."""
    U = scipy.linalg.orth(A, rcond=0.0) if A.size else np.zeros((A.shape[0], 0))
    return U[:, :rank] @ U[:, :rank].T


def span_tolerance(A, rank):
    """How far the span of Q may sit from the SVD's span of the same dimension.

    Dropped columns leave remainders up to tol each (‖E‖ <= √n · tol); by Wedin's
    theorem that tilts the subspace by at most ‖E‖ / σ_r. Rounding adds
    ~n · eps · cond of the kept part, i.e. n · eps · σ₁ / σ_r.
    """
    if rank == 0:
        return 1e-300
    s = np.linalg.svd(A, compute_uv=False)
    n = max(A.shape)
    return 10 * (np.sqrt(n) * default_tol(A) + n * EPS * s[0]) / s[rank - 1]


def kept_columns(A):
    """Indices of the columns that contribute a basis vector (where the prefix rank grows)."""
    tol = default_tol(A) or 5e-324  # tol must be > 0: for a zero A, the smallest float
    ranks = [la.gram_schmidt(A[:, :j], tol=tol).shape[1] for j in range(A.shape[1] + 1)]
    return [j for j in range(A.shape[1]) if ranks[j + 1] > ranks[j]]


def qr_q_with_positive_diagonal(A):
    """numpy's Q with column signs flipped so that diag(R) > 0: the Q Gram–Schmidt builds."""
    Q, R = np.linalg.qr(A)
    return Q * np.sign(np.diag(R))


# --- strategies -----------------------------------------------------------------------


@st.composite
def known_rank_matrices(draw, max_m: int = 8):
    """(A, rank): r well-conditioned columns (cond <= 4) mixed with exactly dependent ones.

    The dependent columns are zeros and ±2ᵏ multiples of base columns: power-of-two
    scaling is exact in floating point, so the rank is exactly r, with no rounding
    in A to blur it; a random power-of-ten scale tests scale-invariance.
    """
    m = draw(dims(1, max_m))
    r = draw(st.integers(0, m))
    seed = draw(st.integers(0, 2**32 - 1))
    s = draw(st.lists(st.floats(1, 4), min_size=r, max_size=r))
    base = with_singular_values(s, m, r, seed) if r else np.zeros((m, 0))
    columns = list(base.T)
    for _ in range(draw(st.integers(0, 4))):
        if r and draw(st.booleans()):
            i = draw(st.integers(0, r - 1))
            factor = draw(st.sampled_from([-1.0, 1.0])) * 2.0 ** draw(st.integers(-3, 3))
            extra = factor * base[:, i]
        else:
            extra = np.zeros(m)
        columns.insert(draw(st.integers(0, len(columns))), extra)
    A = np.column_stack(columns) if columns else np.zeros((m, 0))
    return A * 10.0 ** draw(st.integers(-100, 100)), r


# --- the Coursera assignment -----------------------------------------------------------


@pytest.mark.parametrize(
    "A, n_kept",
    [(COURSERA_V, 4), (COURSERA_A, 3), (COURSERA_B, 3), (COURSERA_C, 2)],
    ids=["V_4x4", "A_4x3", "B_3x5", "C_rank2"],
)
def test_coursera_matrices(A, n_kept):
    Q = la.gram_schmidt(A)
    assert Q.shape == (A.shape[0], n_kept)
    assert orthogonality_error(Q) < 1e-14
    # The kept vectors are the first n_kept columns (here the independent ones come first),
    # so Q is the QR factor of those columns with a positive diagonal of R.
    assert_close(Q, qr_q_with_positive_diagonal(A[:, :n_kept]), rtol=1e-13, scale=1.0)
    assert_close(Q @ Q.T, reference_projector(A, n_kept), rtol=1e-13, scale=1.0)


def test_coursera_dependent_column_c_is_dropped():
    Q = la.gram_schmidt(COURSERA_C)
    np.testing.assert_allclose(Q[:, 0], np.array([1, 0, 1]) / np.sqrt(2), atol=1e-15)
    np.testing.assert_allclose(Q[:, 1], [0, 1, 0], atol=1e-15)


def test_orthonormal_input_comes_back_unchanged():
    # The assignment's check gsBasis(gsBasis(V)) == gsBasis(V).
    U = la.gram_schmidt(COURSERA_V)
    assert_close(la.gram_schmidt(U), U, rtol=1e-14, scale=1.0)


# --- against the reference on generated inputs ------------------------------------------


@given(matrices())
def test_invariants_on_any_matrix(A):
    m, n = A.shape
    Q = la.gram_schmidt(A)
    r = Q.shape[1]
    assert Q.dtype == np.float64 and Q.shape[0] == m and r <= min(m, n)
    # Reorthogonalization keeps QᵀQ = I to rounding (a few eps per column), whatever cond(A).
    assert orthogonality_error(Q) <= 10 * max(m, n) * EPS
    # Every column of A lies in span(Q): kept ones up to rounding, dropped ones up to tol.
    residual = np.linalg.norm(A - Q @ (Q.T @ A), axis=0)
    assert residual.max() <= 4 * default_tol(A)


@given(matrices())
def test_each_basis_vector_depends_only_on_earlier_columns(A):
    # Gram–Schmidt of the first j columns gives the first basis vectors of the whole:
    # q_k is built from a₀ … a_{c_k} only (same tol for all, so the same columns are kept).
    Q = la.gram_schmidt(A)
    tol = default_tol(A) or 5e-324  # tol must be > 0: for a zero A, the smallest float
    previous = 0
    for j in range(A.shape[1] + 1):
        Qj = la.gram_schmidt(A[:, :j], tol=tol)
        assert previous <= Qj.shape[1] <= Q.shape[1]
        assert_close(Qj, Q[:, : Qj.shape[1]], rtol=0, atol=1e-12)
        previous = Qj.shape[1]
    assert previous == Q.shape[1]


@given(matrices())
def test_full_column_rank_matches_numpy_qr(A):
    m, n = A.shape
    kappa = cond(A)
    if m < n or kappa > 1e8:
        return  # Q is pinned down (up to signs) only for well-conditioned full column rank
    Q = la.gram_schmidt(A)
    assert Q.shape == (m, n)
    # Both Q's are within ~n · eps · cond(A) of the exact one.
    assert_close(Q, qr_q_with_positive_diagonal(A), rtol=0, atol=100 * n * EPS * kappa)


@given(known_rank_matrices())
def test_span_equals_scipy_orth_with_exact_rank(case):
    A, r = case
    Q = la.gram_schmidt(A)
    assert Q.shape == (A.shape[0], r)
    assert scipy.linalg.orth(A).shape[1] == r  # the reference agrees on the rank
    assert_close(Q @ Q.T, reference_projector(A, r), rtol=0, atol=1e-13)


@given(matrices(), st.integers(-100, 100))
def test_scale_invariant(A, e):
    # Multiplying A by 10ᵉ scales every remainder and the default tol alike, as long as
    # no entry falls into the subnormal range (where relative precision is lost).
    nonzero = np.abs(A[A != 0])
    assume(nonzero.size == 0 or nonzero.min() * 10.0**e > 1e-290)
    Q = la.gram_schmidt(A)
    Qs = la.gram_schmidt(A * 10.0**e)
    assert Qs.shape == Q.shape
    # Rounding 10ᵉ · A moves each entry by eps relative, which turns span(Q) = span(A_K) (the
    # kept columns) by up to ~eps · cond(A_K): near-dependent kept columns are sensitive.
    atol = 100 * max(A.shape) * EPS * cond(A[:, kept_columns(A)])
    assert_close(Qs @ Qs.T, Q @ Q.T, rtol=0, atol=atol)


# --- the plain single-pass loop -----------------------------------------------------------


@given(matrices())
def test_single_pass_matches_numpy_qr_when_well_conditioned(A):
    m, n = A.shape
    kappa = cond(A)
    if m < n or kappa > 1e6:
        return
    Q = _gram_schmidt_single_pass(A, default_tol(A))
    # Single-pass MGS loses orthogonality like eps · cond(A): tolerance scales with cond.
    assert orthogonality_error(Q) <= 100 * n * EPS * kappa
    assert_close(Q, qr_q_with_positive_diagonal(A), rtol=0, atol=100 * n * EPS * kappa)


@given(known_rank_matrices())
def test_single_pass_drops_exactly_dependent_columns(case):
    A, r = case
    Q = _gram_schmidt_single_pass(A, default_tol(A))
    assert Q.shape == (A.shape[0], r)
    assert_close(Q @ Q.T, reference_projector(A, r), rtol=0, atol=1e-13)


def test_reorthogonalization_is_what_keeps_hilbert_orthogonal():
    # The reason gram_schmidt projects twice: one pass loses orthogonality on Hilbert(10)
    # (cond ≈ 1.6e13), two passes keep it at rounding level.
    H = hilbert(10)
    assert orthogonality_error(_gram_schmidt_single_pass(H, default_tol(H))) > 1e-8
    assert orthogonality_error(la.gram_schmidt(H)) < 1e-14


# --- named hard cases ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "A",
    list({**HARD_SQUARE, **HARD_RECTANGULAR}.values()),
    ids=list({**HARD_SQUARE, **HARD_RECTANGULAR}),
)
def test_named_cases_match_scipy_orth(A):
    Q = la.gram_schmidt(A)
    r = Q.shape[1]
    assert r == scipy.linalg.orth(A).shape[1] == np.linalg.matrix_rank(A)
    assert orthogonality_error(Q) <= 10 * max(A.shape) * EPS
    assert_close(Q @ Q.T, reference_projector(A, r), rtol=0, atol=span_tolerance(A, r))


def test_hilbert10_is_full_rank_and_triangular():
    H = hilbert(10)
    Q = la.gram_schmidt(H)
    assert Q.shape == (10, 10)
    R = Q.T @ H  # Gram–Schmidt's R: upper triangular with a positive diagonal
    assert np.abs(np.tril(R, -1)).max() <= 10 * default_tol(H)
    assert (np.diag(R) > 0).all()


def test_dependent_columns_are_dropped_in_order():
    a, b = np.array([1.0, 2.0, 2.0, 0.0]), np.array([0.0, 1.0, -1.0, 3.0])
    A = np.column_stack([np.zeros(4), a, 2 * a, b, a - 3 * b, np.zeros(4)])
    Q = la.gram_schmidt(A)
    assert Q.shape == (4, 2)
    np.testing.assert_allclose(Q[:, 0], a / np.linalg.norm(a), atol=1e-15)
    b_perp = b - (a @ b) / (a @ a) * a
    np.testing.assert_allclose(Q[:, 1], b_perp / np.linalg.norm(b_perp), atol=1e-15)


@pytest.mark.parametrize("A", [COURSERA_B, HARD_RECTANGULAR["wide"], np.ones((2, 6))])
def test_wide_matrices_keep_at_most_m_columns(A):
    Q = la.gram_schmidt(A)
    assert Q.shape == (A.shape[0], np.linalg.matrix_rank(A))


def test_rank_deficient_tall_and_wide():
    for A, r in [
        (with_singular_values([3.0, 1.0], 7, 5), 2),
        (with_singular_values([2.0], 3, 6), 1),
    ]:
        Q = la.gram_schmidt(A)
        assert Q.shape == (A.shape[0], r)
        assert_close(Q @ Q.T, reference_projector(A, r), rtol=0, atol=1e-13)


def test_tol_decides_what_counts_as_dependent():
    A = np.array([[1.0, 1.0], [0.0, 1e-6]])  # second column 1e-6 away from the first's span
    assert la.gram_schmidt(A).shape == (2, 2)
    assert la.gram_schmidt(A, tol=1e-3).shape == (2, 1)
    assert la.gram_schmidt(A, tol=1e-7).shape == (2, 2)


def test_larger_tol_catches_dependence_behind_ill_conditioned_columns():
    # Without pivoting, a dependent column keeps a remainder of ~eps · cond(earlier
    # columns) · ‖a‖; a tol 100 x the default absorbs that, and the rank matches the SVD's.
    A = NEAR_THRESHOLD
    assert np.linalg.matrix_rank(A) == 3
    Q = la.gram_schmidt(A, tol=100 * default_tol(A))
    assert Q.shape == (5, 3)
    assert_close(Q @ Q.T, reference_projector(A, 3), rtol=0, atol=span_tolerance(A, 3))


def test_tiny_column_next_to_large_ones_is_noise():
    # Below max(m, n) · eps · (largest column norm), as numpy.linalg.matrix_rank decides.
    A = np.array([[1.0, 0.0], [0.0, 1e-17]])
    assert la.gram_schmidt(A).shape == (2, 1) and np.linalg.matrix_rank(A) == 1


@pytest.mark.parametrize("scale", [1e-200, 1e-150, 1e150, 1e200])
def test_huge_and_tiny_scales(scale):
    # Norms are computed with rescaling: ‖x‖² alone would overflow (1e400) or underflow.
    A = COURSERA_A * scale
    with np.errstate(all="raise"):
        assert_close(la.gram_schmidt(A), la.gram_schmidt(COURSERA_A), rtol=1e-14, scale=1.0)


def test_near_underflow_rank_and_orthogonality():
    # At the smallest normal numbers the remainders of dependent columns are subnormal,
    # with too few bits to normalize; gram_schmidt scales A by a power of two first, so
    # the result is that of the same matrix at unit scale.
    tiny = np.finfo(float).tiny
    for A in (np.full((4, 3), 1.0), COURSERA_C, COURSERA_V, NEAR_THRESHOLD):
        Q = la.gram_schmidt(tiny * A)
        assert Q.shape == la.gram_schmidt(A).shape
        assert orthogonality_error(Q) <= 10 * 5 * EPS


def test_one_by_one():
    assert_close(la.gram_schmidt([[3.0]]), np.array([[1.0]]))
    assert_close(la.gram_schmidt([[-0.5]]), np.array([[-1.0]]))
    assert la.gram_schmidt([[0.0]]).shape == (1, 0)


@pytest.mark.parametrize(
    "shape, expected", [((3, 2), (3, 0)), ((0, 0), (0, 0)), ((3, 0), (3, 0)), ((0, 3), (0, 0))]
)
def test_zero_and_empty(shape, expected):
    Q = la.gram_schmidt(np.zeros(shape))
    assert Q.shape == expected and Q.dtype == np.float64


def test_integer_and_nested_list_input():
    Q = la.gram_schmidt(COURSERA_V.astype(int).tolist())
    assert_close(Q, la.gram_schmidt(COURSERA_V), rtol=0)


def test_random_orthogonal_is_its_own_basis():
    U = random_orthogonal(6, seed=3)
    assert_close(la.gram_schmidt(U), U, rtol=0, atol=1e-14)


def test_large_input_stays_orthonormal():
    rng = np.random.default_rng(0)
    A = rng.standard_normal((200, 150)) @ np.diag(np.logspace(0, -10, 150))  # cond ≈ 1e10
    Q = la.gram_schmidt(A)
    assert Q.shape == (200, 150)
    assert orthogonality_error(Q) < 1e-13


# --- errors -------------------------------------------------------------------------------


def test_errors_name_function_and_argument():
    with pytest.raises(NotFiniteError, match=r"gram_schmidt: A contains NaN"):
        la.gram_schmidt([[1.0, np.nan], [0.0, 1.0]])
    with pytest.raises(NotFiniteError, match=r"gram_schmidt: A contains infinity"):
        la.gram_schmidt([[1.0, np.inf], [0.0, 1.0]])
    with pytest.raises(ShapeError, match=r"gram_schmidt: A is a ragged nested sequence"):
        la.gram_schmidt(RAGGED)
    with pytest.raises(ShapeError, match=r"gram_schmidt: A must be a 2-D matrix, got shape \(3,\)"):
        la.gram_schmidt([1.0, 2.0, 3.0])
    with pytest.raises(DTypeError, match=r"gram_schmidt: A must hold numbers"):
        la.gram_schmidt([["a", "b"]])
    with pytest.raises(DTypeError, match=r"gram_schmidt: A holds complex numbers"):
        la.gram_schmidt([[1j]])
    with pytest.raises(ParameterError, match=r"gram_schmidt: tol must be a finite number > 0"):
        la.gram_schmidt(COURSERA_V, tol=-1.0)
    with pytest.raises(ParameterError, match=r"gram_schmidt: tol must be a finite number > 0"):
        la.gram_schmidt(COURSERA_V, tol=np.nan)
    with pytest.raises(DTypeError, match=r"gram_schmidt: tol must be a real number"):
        la.gram_schmidt(COURSERA_V, tol="small")
