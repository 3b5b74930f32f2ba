"""projection_matrix and project_onto_subspace against scipy.linalg.orth / null_space and lstsq."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.linalg as la
from mathforml.errors import DTypeError, NotFiniteError, ShapeError
from tests.linalg.test_gram_schmidt import (
    NEAR_THRESHOLD,
    default_tol,
    known_rank_matrices,
    reference_projector,
    span_tolerance,
)
from tests.reference import EPS, assert_close, cond
from tests.strategies import (
    ELEMENTS,
    HARD_RECTANGULAR,
    HARD_SQUARE,
    RAGGED,
    dims,
    hilbert,
    matrices,
)

HARD = {**HARD_SQUARE, **HARD_RECTANGULAR}


def safe_norm(x):
    """Frobenius norm without underflow (numpy's squares tiny entries to 0)."""
    scale = np.abs(x).max() if np.size(x) else 0.0
    return scale * np.linalg.norm(x / scale) if scale else 0.0


def truncated_pinv(A, rank):
    """pinv(A) from the SVD kept to the known rank: the minimum-norm least-squares map."""
    U, s, Vt = np.linalg.svd(A, full_matrices=False)
    return (Vt[:rank].T / s[:rank]) @ U[:, :rank].T


@st.composite
def matrix_and_points(draw):
    """(A, x): A of shape (m, n) and x either one point (m,) or rows of points (k, m)."""
    A = draw(matrices())
    m = A.shape[0]
    shape = draw(st.one_of(st.just((m,)), dims(0, 5).map(lambda k: (k, m))))
    return A, draw(hnp.arrays(np.float64, shape, elements=ELEMENTS))


@st.composite
def known_rank_and_points(draw):
    A, r = draw(known_rank_matrices())
    m = A.shape[0]
    shape = draw(st.one_of(st.just((m,)), dims(0, 5).map(lambda k: (k, m))))
    return A, r, draw(hnp.arrays(np.float64, shape, elements=ELEMENTS))


# --- projection_matrix ------------------------------------------------------------------------


@given(matrices())
def test_projector_is_symmetric_idempotent_and_fixes_col_a(A):
    m = A.shape[0]
    P = la.projection_matrix(A)
    assert P.shape == (m, m) and P.dtype == np.float64
    # P = Q Qᵀ: P² - P = Q (QᵀQ - I) Qᵀ, so both identities hold to rounding (a few eps · m).
    assert_close(P.T, P, rtol=0, atol=10 * m * EPS)
    assert_close(P @ P, P, rtol=0, atol=10 * m * EPS)
    # Trace of a projector = dimension of its range, a whole number.
    assert np.isclose(np.trace(P), np.round(np.trace(P)), atol=10 * m * EPS)
    # P a = a for each column, up to the tolerance under which columns count as dependent.
    assert np.linalg.norm(A - P @ A, axis=0).max() <= 4 * default_tol(A)


@given(known_rank_matrices())
def test_projector_equals_scipy_orth(case):
    A, r = case
    U = scipy.linalg.orth(A) if A.size else np.zeros((A.shape[0], 0))
    assert U.shape[1] == r  # the reference sees the same rank
    assert_close(la.projection_matrix(A), U @ U.T, rtol=0, atol=1e-13)


@st.composite
def integer_products(draw):
    """B C with small-integer B (m x k) and C (k x n): rank <= k, dependencies exact."""
    m, n = draw(dims(1, 8)), draw(dims(1, 8))
    k = draw(st.integers(1, min(m, n)))
    B = draw(hnp.arrays(np.float64, (m, k), elements=st.integers(-3, 3)))
    C = draw(hnp.arrays(np.float64, (k, n), elements=st.integers(-3, 3)))
    return B @ C


@given(integer_products())
def test_rank_of_integer_products_matches_svd(A):
    # Exactly rank-deficient integer matrices, the classroom kind. Without column pivoting
    # a dependent column can keep a remainder above tol (eps · cond of the columns before
    # it) and add a spurious direction; the pivoted basis must agree with the SVD.
    r = np.linalg.matrix_rank(A)
    P = la.projection_matrix(A)
    assert np.isclose(np.trace(P), r, atol=1e-12)
    assert_close(P, reference_projector(A, r), rtol=0, atol=span_tolerance(A, r))


def test_pivoting_finds_the_rank_gram_schmidt_in_column_order_misses():
    # The last column of NEAR_THRESHOLD depends on the first three, but in column order
    # its remainder lands just above the default tol; taking the largest remainder first
    # keeps it below, so the projector has rank 3, as scipy's orth says.
    A = NEAR_THRESHOLD
    P = la.projection_matrix(A)
    assert np.isclose(np.trace(P), 3)
    assert_close(P, reference_projector(A, 3), rtol=0, atol=span_tolerance(A, 3))


@given(known_rank_matrices())
def test_complement_is_scipy_null_space_of_transpose(case):
    # I - P projects onto col(A)⊥ = null(Aᵀ): it fixes that space and has its dimension.
    A, r = case
    m = A.shape[0]
    N = scipy.linalg.null_space(A.T) if A.size else np.eye(m)  # (m, m - r)
    assert N.shape == (m, m - r)
    P = la.projection_matrix(A)
    assert_close(P @ N, np.zeros_like(N), rtol=0, atol=1e-13)
    assert_close(np.eye(m) - P, N @ N.T, rtol=0, atol=1e-13)


@given(matrices())
def test_full_column_rank_matches_textbook_formula(A):
    m, n = A.shape
    kappa = cond(A)
    if m < n or kappa > 1e4:
        return  # the formula needs independent columns, and squares the condition number
    B = A / np.abs(A).max()  # same column space; AᵀA would underflow for entries ~1e-300
    textbook = B @ np.linalg.inv(B.T @ B) @ B.T  # P = A (AᵀA)⁻¹ Aᵀ
    # Forming AᵀA costs the textbook formula ~eps · cond(A)² accuracy; ours is ~eps · m.
    assert_close(la.projection_matrix(A), textbook, rtol=0, atol=100 * m * EPS * kappa**2)


@pytest.mark.parametrize("A", list(HARD.values()), ids=list(HARD))
def test_named_cases_match_scipy_orth(A):
    P = la.projection_matrix(A)
    r = np.linalg.matrix_rank(A)
    assert np.isclose(np.trace(P), r)
    assert_close(P, reference_projector(A, r), rtol=0, atol=span_tolerance(A, r))


def test_hilbert10_spans_everything():
    # Full rank, so the projector is the identity; Q is orthogonal to rounding.
    assert_close(la.projection_matrix(hilbert(10)), np.eye(10), rtol=0, atol=1e-14)


def test_rank_deficient_tall_and_wide():
    A = np.outer([1.0, 2.0, -1.0, 0.5], [1.0, 1.0, 2.0])  # rank 1: the line through (1, 2, -1, .5)
    u = np.array([1.0, 2.0, -1.0, 0.5])
    assert_close(la.projection_matrix(A), np.outer(u, u) / (u @ u), rtol=1e-14, scale=1.0)
    W = np.array([[1.0, 2.0, 3.0, 4.0], [2.0, 4.0, 6.0, 8.0]])  # wide, rank 1 in R²
    assert_close(la.projection_matrix(W), np.array([[1.0, 2.0], [2.0, 4.0]]) / 5, rtol=1e-14)


def test_zero_one_by_one_and_empty():
    assert_close(la.projection_matrix(np.zeros((3, 2))), np.zeros((3, 3)), rtol=0)
    assert_close(la.projection_matrix([[2.0]]), np.array([[1.0]]), rtol=0)
    assert_close(la.projection_matrix([[0.0]]), np.array([[0.0]]), rtol=0)
    assert_close(la.projection_matrix(np.zeros((3, 0))), np.zeros((3, 3)), rtol=0)
    assert_close(la.projection_matrix(np.zeros((0, 3))), np.zeros((0, 0)), rtol=0)
    assert_close(la.projection_matrix(np.zeros((0, 0))), np.zeros((0, 0)), rtol=0)


@pytest.mark.parametrize("scale", [1e-200, 1e-150, 1e150, 1e200])
def test_projector_huge_and_tiny_scales(scale):
    A = HARD_RECTANGULAR["tall"]
    with np.errstate(all="raise"):
        P = la.projection_matrix(A * scale)
    assert_close(P, la.projection_matrix(A), rtol=0, atol=1e-14)


def test_projector_integer_input():
    A = [[1, 0], [1, 1], [1, 2]]
    assert_close(la.projection_matrix(A), la.projection_matrix(np.array(A, float)), rtol=0)


# --- project_onto_subspace ------------------------------------------------------------------


def test_strang_example():
    # Strang, Introduction to Linear Algebra §4.2: b = (6, 0, 0) onto the columns of A.
    A = [[1, 0], [1, 1], [1, 2]]
    p, coefficients = la.project_onto_subspace([6, 0, 0], A)
    assert_close(p, np.array([5.0, 2.0, -1.0]), rtol=1e-14, scale=5)
    assert_close(coefficients, np.array([5.0, -3.0]), rtol=1e-14, scale=5)


@given(matrix_and_points())
def test_projection_is_p_x_and_residual_is_orthogonal(case):
    A, x = case
    m, n = A.shape
    r = int(np.round(np.trace(la.projection_matrix(A))))
    if r:  # λ ~ ‖x‖ / σ_r must be representable (A ~ 1e-308 and x ~ 1 would overflow)
        smax = np.abs(A).max()
        assume(safe_norm(x) / (smax * np.linalg.svd(A / smax, compute_uv=False)[r - 1]) < 1e300)
    result = la.project_onto_subspace(x, A)
    assert type(result).__name__ == "Projection" and result._fields == (
        "projection",
        "coefficients",
    )
    p, lam = result
    assert p.shape == x.shape and p.dtype == np.float64
    assert lam.shape == x.shape[:-1] + (n,) and lam.dtype == np.float64
    P = la.projection_matrix(A)
    points, p = np.atleast_2d(x), np.atleast_2d(p)  # (k, m)
    nx = safe_norm(x) or 1.0
    nA = safe_norm(A) or 1.0
    rounding = 20 * max(m, n) * EPS
    # Points are rows, so P x for each row is x @ Pᵀ = x @ P.
    assert_close(p, points @ P, rtol=0, atol=rounding * nx)
    # x - p ⟂ col(A): Aᵀ (x - p) = ((I - P) A)ᵀ x, with (I - P) A below the dropping
    # tolerance. Scaled to unit norms first: ‖A‖ ‖x‖ alone may underflow.
    cosines = ((points - p) / nx) @ (A / nA)
    assert_close(cosines, np.zeros_like(cosines), rtol=0, atol=rounding)
    # The coefficients rebuild the projection: p = A λ (rows: λ @ Aᵀ), up to rounding in λ.
    rebuilt = np.atleast_2d(lam) @ (A / nA).T  # (p / ‖A‖ by the same scaling)
    atol = 5 * rounding * max(safe_norm(lam), nx / nA)  # (max, not +: λ may be ~1e308)
    assert_close(rebuilt, p / nA, rtol=0, atol=atol)


@given(known_rank_and_points())
def test_coefficients_are_minimum_norm_least_squares(case):
    # λ = pinv(A) x: the least-squares solution of A λ ≈ x of smallest norm. The reference
    # truncates the SVD at the known rank; the nonzero part of A has cond <= 64 (cond 4 times
    # the duplicated columns' 16), so λ agrees to ~1e-12 of its size.
    A, r, x = case
    m, n = A.shape
    p, lam = la.project_onto_subspace(x, A)
    if m and n:
        pinv = truncated_pinv(A, r)
        expected = np.atleast_2d(x) @ pinv.T
        s_r = np.linalg.svd(A, compute_uv=False)[r - 1] if r else 1.0
        atol = 1e-12 * (safe_norm(expected) + safe_norm(x) / s_r)
        assert_close(np.atleast_2d(lam), expected, rtol=0, atol=atol)
        # λ lies in the row space of A: orthogonal to null(A) (scipy's basis, same rank).
        N = scipy.linalg.null_space(A)
        assert N.shape == (n, n - r)
        assert_close(
            np.atleast_2d(lam) @ N, np.zeros((expected.shape[0], n - r)), rtol=0, atol=atol
        )
    assert_close(p, x @ reference_projector(A, r), rtol=0, atol=1e-12 * max(safe_norm(x), 1e-300))


@given(matrices(), st.integers(0, 4))
def test_rows_are_projected_independently(A, k):
    # Projecting k points at once equals projecting each one alone, up to rounding (one
    # matrix product against k separate ones); λ amplifies rounding by cond of the part of
    # A that is kept, σ₁ / σ_r.
    X = np.random.default_rng(k).standard_normal((k, A.shape[0]))
    p, lam = la.project_onto_subspace(X, A)
    r = int(np.round(np.trace(la.projection_matrix(A))))
    s = np.linalg.svd(A / np.abs(A).max(), compute_uv=False) if A.any() else np.ones(1)
    kappa = s[0] / s[r - 1] if r else 1.0
    for i in range(k):
        p_i, lam_i = la.project_onto_subspace(X[i], A)
        assert_close(p[i], p_i, rtol=0, atol=1e-13)
        atol = 100 * max(A.shape) * EPS * kappa * max(np.abs(lam_i).max(initial=0), 1e-300)
        assert_close(lam[i], lam_i, rtol=0, atol=atol)


def test_hilbert10_coefficients_solve_the_system():
    # Full rank: λ solves H λ = x. cond(H) ≈ 1.6e13, so λ itself is only accurate to
    # ~eps · cond, but the residual H λ - x is small relative to ‖H‖ ‖λ‖ (backward stable).
    H = hilbert(10)
    x = np.ones(10)
    p, lam = la.project_onto_subspace(x, H)
    assert_close(p, x, rtol=0, atol=1e-14)
    assert np.linalg.norm(H @ lam - x) <= 1e-13 * np.linalg.norm(H) * np.linalg.norm(lam)
    expected = np.linalg.solve(H, x)
    assert_close(lam, expected, rtol=0, atol=10 * EPS * cond(H) * np.abs(expected).max())


def test_dependent_columns_give_minimum_norm_coefficients():
    # Columns a, a: any (t, 1 - t) works for x = a; the smallest is (1/2, 1/2).
    A = np.array([[1.0, 1.0], [2.0, 2.0]])
    p, lam = la.project_onto_subspace([1.0, 2.0], A)
    assert_close(p, np.array([1.0, 2.0]), rtol=1e-15)
    assert_close(lam, np.array([0.5, 0.5]), rtol=1e-15)


def test_zero_and_empty_subspaces():
    p, lam = la.project_onto_subspace([1.0, 2.0, 3.0], np.zeros((3, 2)))
    assert_close(p, np.zeros(3), rtol=0)
    assert_close(lam, np.zeros(2), rtol=0)
    p, lam = la.project_onto_subspace(np.ones((2, 3)), np.zeros((3, 0)))
    assert p.shape == (2, 3) and lam.shape == (2, 0) and not p.any()
    p, lam = la.project_onto_subspace(np.zeros(0), np.zeros((0, 3)))
    assert_close(p, np.zeros(0), rtol=0)
    assert_close(lam, np.linalg.pinv(np.zeros((0, 3))) @ np.zeros(0), rtol=0)
    p, lam = la.project_onto_subspace(np.zeros((0, 3)), np.eye(3))  # no points at all
    assert p.shape == (0, 3) and lam.shape == (0, 3)
    p, lam = la.project_onto_subspace([4.0], [[2.0]])  # 1 x 1
    assert_close(p, np.array([4.0]), rtol=0)
    assert_close(lam, np.array([2.0]), rtol=1e-15)


@pytest.mark.parametrize("scale", [1e-200, 1e-150, 1e150, 1e200])
def test_project_huge_and_tiny_scales(scale):
    A = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])
    with np.errstate(all="raise"):
        p, lam = la.project_onto_subspace(np.array([6.0, 0.0, 0.0]) * scale, A * scale)
    assert_close(p / scale, np.array([5.0, 2.0, -1.0]), rtol=1e-14, scale=5)
    assert_close(lam, np.array([5.0, -3.0]), rtol=1e-14, scale=5)


def test_integer_and_nested_list_input():
    p, lam = la.project_onto_subspace([[6, 0, 0], [0, 6, 0]], [[1, 0], [1, 1], [1, 2]])
    assert p.dtype == lam.dtype == np.float64
    assert_close(p[0], np.array([5.0, 2.0, -1.0]), rtol=1e-14, scale=5)


# --- errors -------------------------------------------------------------------------------


def test_projection_matrix_errors():
    with pytest.raises(NotFiniteError, match=r"projection_matrix: A contains NaN"):
        la.projection_matrix([[np.nan], [1.0]])
    with pytest.raises(NotFiniteError, match=r"projection_matrix: A contains infinity"):
        la.projection_matrix([[np.inf], [1.0]])
    with pytest.raises(ShapeError, match=r"projection_matrix: A is a ragged nested sequence"):
        la.projection_matrix(RAGGED)
    with pytest.raises(ShapeError, match=r"projection_matrix: A must be a 2-D matrix, got shape"):
        la.projection_matrix([1.0, 2.0])
    with pytest.raises(DTypeError, match=r"projection_matrix: A must hold numbers"):
        la.projection_matrix([["a"]])


def test_project_onto_subspace_errors():
    A = np.ones((4, 2))
    with pytest.raises(
        ShapeError,
        match=r"project_onto_subspace: x has shape \(3,\) and A has shape \(4, 2\); "
        r"x must have length 4 \(one entry per row of A\)",
    ):
        la.project_onto_subspace(np.ones(3), A)
    with pytest.raises(
        ShapeError,
        match=r"project_onto_subspace: x has shape \(5, 3\) and A has shape \(4, 2\); "
        r"each row of x is a point and must have 4 entries \(one per row of A\)",
    ):
        la.project_onto_subspace(np.ones((5, 3)), A)
    with pytest.raises(ShapeError, match=r"project_onto_subspace: x must be a 1-D vector or a 2-D"):
        la.project_onto_subspace(np.ones((2, 2, 4)), A)
    with pytest.raises(ShapeError, match=r"project_onto_subspace: x must be a 1-D vector or a 2-D"):
        la.project_onto_subspace(3.0, A)
    with pytest.raises(ShapeError, match=r"project_onto_subspace: A must be a 2-D matrix"):
        la.project_onto_subspace(np.ones(4), np.ones(4))
    with pytest.raises(ShapeError, match=r"project_onto_subspace: x is a ragged nested sequence"):
        la.project_onto_subspace(RAGGED, A)
    with pytest.raises(NotFiniteError, match=r"project_onto_subspace: x contains NaN"):
        la.project_onto_subspace([1.0, np.nan, 0.0, 0.0], A)
    with pytest.raises(NotFiniteError, match=r"project_onto_subspace: A contains infinity"):
        la.project_onto_subspace(np.ones(4), [[np.inf, 0.0]] * 4)
    with pytest.raises(DTypeError, match=r"project_onto_subspace: x must hold numbers"):
        la.project_onto_subspace(["a", "b", "c", "d"], A)
    with pytest.raises(DTypeError, match=r"project_onto_subspace: x holds complex numbers"):
        la.project_onto_subspace(np.ones(4) * 1j, A)
