"""LU with partial pivoting, solve, det and inv vs scipy.linalg.lu and numpy.linalg (LAPACK)."""

from fractions import Fraction

import numpy as np
import pytest
import scipy.linalg
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.linalg as la
from mathforml.errors import DTypeError, NotFiniteError, ShapeError, SingularMatrixError
from mathforml.linalg._lu import _lu_unblocked, _unpack
from tests.reference import EPS, assert_close, backward_error, cond
from tests.strategies import (
    HARD_RECTANGULAR,
    HARD_SQUARE,
    RAGGED,
    SMALL_INTS,
    dims,
    hilbert,
    matrices,
    square_matrices,
    vectors,
    well_conditioned_matrices,
)

# --- helpers ---------------------------------------------------------------------------


def assert_valid_lu(A, P, L, U):
    """Shapes, structure and the identity P A = L U, for any A."""
    m, n = A.shape
    k = min(m, n)
    assert (P.shape, L.shape, U.shape) == ((m, m), (m, k), (k, n))
    assert P.dtype == L.dtype == U.dtype == np.float64
    # P is a true permutation matrix: 0/1 entries, one 1 in each row and each column.
    assert set(np.unique(P)) <= {0.0, 1.0}
    assert (P.sum(axis=0) == 1).all() and (P.sum(axis=1) == 1).all()
    # L is unit lower triangular with |L_ij| <= 1 (partial pivoting); U is upper triangular.
    assert (np.triu(L, 1) == 0).all() and (np.diagonal(L) == 1).all()
    assert np.abs(L).max(initial=0.0) <= 1.0
    assert (np.tril(U, -1) == 0).all()
    # Backward stability with partial pivoting: ‖P A - L U‖ <= n eps ‖|L| |U|‖, and
    # ‖|L| |U|‖ <= n · growth · ‖A‖ with growth <= 2^(k-1). The goal 1e-12 · n ‖A‖ (4500 n eps)
    # covers k <= 8 even at the worst growth, and larger random matrices (growth stays small).
    assert np.linalg.norm(P @ A - L @ U) <= 1e-12 * max(m, n) * np.linalg.norm(A)


def assert_solution_close(x, A, b, expected):
    """Forward error of a backward-stable solve: ~ n · cond(A) · eps relative to ‖x‖."""
    n = A.shape[0]
    tol = 10 * n * cond(A) * EPS * max(np.abs(expected).max(initial=0.0), EPS)
    assert_close(x, expected, rtol=0, atol=tol)
    # The residual is small whatever cond(A) is: that is what backward stable means.
    residual = np.linalg.norm(A @ x - b)
    assert residual <= 1e-12 * max(n, 1) * np.linalg.norm(A) * np.linalg.norm(x) + 1e-300


def exact_det(A) -> float:
    """det of the float matrix A in exact rational arithmetic, rounded once at the end."""
    M = [[Fraction(float(v)) for v in row] for row in np.asarray(A)]
    n, sign, result = len(M), 1, Fraction(1)
    for j in range(n):
        p = next((i for i in range(j, n) if M[i][j] != 0), None)
        if p is None:
            return 0.0
        if p != j:
            M[j], M[p], sign = M[p], M[j], -sign
        result *= M[j][j]
        for i in range(j + 1, n):
            f = M[i][j] / M[j][j]
            M[i] = [a - f * c for a, c in zip(M[i], M[j], strict=True)]
    return float(sign * result)


def permutation_matrices():
    return (
        st.integers(1, 8)
        .flatmap(lambda n: st.permutations(range(n)))
        .map(lambda p: np.eye(len(p))[list(p)])
    )


# Exactly singular whatever the order of the arithmetic: every multiplier is a power of 2.
EXACTLY_SINGULAR = {
    "zero": np.zeros((3, 3)),
    "proportional_rows": np.array([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [4.0, 8.0, 12.0]]),
    "zero_column": np.array([[1.0, 0.0, 2.0], [3.0, 0.0, 4.0], [5.0, 0.0, 7.0]]),
    "2x2": np.array([[1.0, 2.0], [2.0, 4.0]]),
}

# --- lu --------------------------------------------------------------------------------


@given(matrices())
def test_lu_identity_and_structure_on_any_matrix(A):
    P, L, U = la.lu(A)
    assert_valid_lu(A, P, L, U)


@given(matrices(elements=SMALL_INTS))
def test_lu_on_small_integer_matrices(A):
    # Small integers are often exactly singular or rank-deficient: zero pivot columns.
    assert_valid_lu(A, *la.lu(A))


@given(matrices())
def test_lu_unblocked_identity_and_structure(A):
    assert_valid_lu(A, *_unpack(*_lu_unblocked(A)))


@given(well_conditioned_matrices())
def test_lu_matches_scipy(A):
    P, L, U = la.lu(A)
    p, l, u = scipy.linalg.lu(A)
    # Pivots are chosen the same way (largest |entry|, first on ties); with cond(A) <= 1e3
    # a near-tie within rounding is vanishingly unlikely, so the permutations agree exactly.
    # SciPy returns A = p l u, so our P (with P A = L U) is p transposed.
    np.testing.assert_array_equal(P, p.T)
    n = A.shape[0]
    tol = 10 * n * cond(A) * EPS
    assert_close(L, l, rtol=0, atol=tol)
    assert_close(U, u, rtol=0, atol=tol * np.abs(A).max())


@pytest.mark.parametrize("shape", [(200, 200), (300, 130), (130, 300), (70, 70), (65, 3)])
def test_lu_matches_scipy_on_sizes_that_use_the_recursion(shape):
    A = np.random.default_rng(sum(shape)).standard_normal(shape)
    P, L, U = la.lu(A)
    assert_valid_lu(A, P, L, U)
    p, l, u = scipy.linalg.lu(A)
    np.testing.assert_array_equal(P, p.T)
    # Gaussian matrices of this size have cond ~ 1e3 or less; entries of L, U are O(1) to O(10).
    k = min(shape)
    tol = 10 * k * cond(A[:k, :k]) * EPS * max(1.0, np.abs(u).max())
    assert_close(L, l, rtol=0, atol=tol)
    assert_close(U, u, rtol=0, atol=tol)
    LU, perm = _lu_unblocked(A)
    P2, L2, U2 = _unpack(LU, perm)
    np.testing.assert_array_equal(P2, P)
    assert_close(L2, L, rtol=0, atol=tol)
    assert_close(U2, U, rtol=0, atol=tol)


def _structured_large_matrices():
    rng = np.random.default_rng(5)
    zero_columns = rng.standard_normal((150, 150))
    zero_columns[:, [0, 70, 71, 149]] = 0.0
    return {
        "rank_40_of_150": rng.standard_normal((150, 40)) @ rng.standard_normal((40, 150)),
        "zero_columns": zero_columns,
        "small_integers": rng.integers(-3, 4, (140, 140)).astype(float),  # many exact ties
        "wide_rank_deficient": np.tile(rng.standard_normal((70, 10)), (1, 30)),
        "tall_with_zero_rows": np.vstack([np.zeros((100, 90)), rng.standard_normal((100, 90))]),
    }


@pytest.mark.parametrize("name", sorted(_structured_large_matrices()))
def test_lu_recursion_on_singular_and_structured_matrices(name):
    A = _structured_large_matrices()[name]
    assert_valid_lu(A, *la.lu(A))


@pytest.mark.parametrize("n", [64, 256])
def test_backward_errors_meet_the_goal(n):
    # The brief's goal: ‖P A − L U‖ <= 1e-12 n ‖A‖ and ‖A x − b‖ <= 1e-12 n ‖A‖ ‖x‖.
    rng = np.random.default_rng(n)
    A = rng.standard_normal((n, n)) / np.sqrt(n)
    b = rng.standard_normal(n)
    P, L, U = la.lu(A)
    assert np.linalg.norm(P @ A - L @ U) <= 1e-12 * n * np.linalg.norm(A)
    x = la.solve(A, b)
    assert np.linalg.norm(A @ x - b) <= 1e-12 * n * np.linalg.norm(A) * np.linalg.norm(x)
    assert_solution_close(x, A, b, np.linalg.solve(A, b))


@pytest.mark.parametrize("name", sorted(HARD_SQUARE))
def test_lu_on_hard_square_cases(name):
    A = HARD_SQUARE[name]
    P, L, U = la.lu(A)
    assert_valid_lu(A, P, L, U)
    for candidate in (la.lu(A), _unpack(*_lu_unblocked(A))):
        assert backward_error(A, candidate.P.T @ candidate.L @ candidate.U) <= 10 * A.shape[0] * EPS


@pytest.mark.parametrize("name", sorted(HARD_RECTANGULAR))
def test_lu_on_tall_wide_and_rank_deficient_matrices(name):
    A = HARD_RECTANGULAR[name]
    assert_valid_lu(A, *la.lu(A))
    assert_valid_lu(A, *_unpack(*_lu_unblocked(A)))


def test_lu_needs_pivoting():
    # Without the row swap the multiplier would be 1e20 and U[1, 1] = 1 - 1e20 would swamp A.
    A = HARD_SQUARE["needs_pivoting"]
    P, L, U = la.lu(A)
    np.testing.assert_array_equal(P, [[0.0, 1.0], [1.0, 0.0]])
    assert_close(L, np.array([[1.0, 0.0], [1e-20, 1.0]]))
    assert_close(U, np.array([[1.0, 1.0], [0.0, 1.0]]))


def test_lu_skips_zero_pivot_columns_like_lapack():
    A = np.array([[0.0, 1.0, 2.0], [0.0, 3.0, 4.0], [0.0, 5.0, 9.0]])
    P, L, U = la.lu(A)
    assert_valid_lu(A, P, L, U)
    assert U[0, 0] == 0.0
    p, l, u = scipy.linalg.lu(A)
    # Column 0 swaps nothing; column 1 then brings its largest entry (5, row 2) up to row 1.
    np.testing.assert_array_equal(P, p.T)
    np.testing.assert_array_equal(P, np.eye(3)[[0, 2, 1]])
    assert_close(U, u, rtol=1e-14, scale=10)
    assert_close(L, l, rtol=1e-14, scale=1)


@pytest.mark.parametrize(
    "shape, expected",
    # SciPy returns P of shape (0, 0) for (3, 0); ours keeps P (m, m) so that P A = L U holds.
    [
        ((0, 0), ((0, 0), (0, 0), (0, 0))),
        ((3, 0), ((3, 3), (3, 0), (0, 0))),
        ((0, 3), ((0, 0), (0, 0), (0, 3))),
    ],
)
def test_lu_of_empty_matrices(shape, expected):
    P, L, U = la.lu(np.zeros(shape))
    assert (P.shape, L.shape, U.shape) == expected
    np.testing.assert_array_equal(P, np.eye(shape[0]))


def test_lu_accepts_integers_and_fractions():
    A = [[1, 2], [3, 4]]
    P, L, U = la.lu(A)
    p, l, u = scipy.linalg.lu(np.array(A, dtype=float))
    np.testing.assert_array_equal(P, p.T)
    assert_close(L, l)
    assert_close(U, u)
    F = la.lu([[Fraction(1), Fraction(2)], [Fraction(3), Fraction(4)]])
    np.testing.assert_array_equal(F.U, U)


def test_lu_result_unpacks_and_names_its_parts():
    result = la.lu(np.eye(2))
    P, L, U = result
    assert result.P is P and result.L is L and result.U is U


def test_lu_bad_input():
    with pytest.raises(ShapeError, match="lu: A must be a 2-D matrix, got shape \\(3,\\)"):
        la.lu([1.0, 2.0, 3.0])
    with pytest.raises(ShapeError, match="lu: A is a ragged nested sequence"):
        la.lu(RAGGED)
    with pytest.raises(NotFiniteError, match="lu: A contains NaN"):
        la.lu([[1.0, np.nan], [0.0, 1.0]])
    with pytest.raises(DTypeError, match="lu: A holds complex numbers"):
        la.lu([[1j, 0], [0, 1]])


# --- solve -----------------------------------------------------------------------------


@given(A=well_conditioned_matrices(), data=st.data())
def test_solve_matches_numpy(A, data):
    n = A.shape[0]
    k = data.draw(st.one_of(st.none(), st.integers(0, 3)))
    b = data.draw(vectors(n) if k is None else hnp.arrays(np.float64, (n, k), elements=SMALL_INTS))
    x = la.solve(A, b)
    assert_solution_close(x, A, b, np.linalg.solve(A, b))


@given(square_matrices(), st.data())
def test_solve_on_any_matrix_is_backward_stable_or_reports_singularity(A, data):
    b = data.draw(vectors(A.shape[0]))
    try:
        # A nearly singular A with tiny entries can have a solution beyond float64 (inf).
        with np.errstate(over="ignore", invalid="ignore"):
            x = la.solve(A, b)
    except SingularMatrixError:
        # Only an exactly zero pivot raises, and that needs A singular up to rounding.
        assert cond(A) > 1 / (100 * A.shape[0] * EPS)
        return
    assume(np.isfinite(x).all())
    # Infinity norms from max and sum: the 2-norm of a huge x would overflow in the test itself.
    with np.errstate(over="ignore"):
        scale = np.abs(A).sum(axis=1).max() * np.abs(x).max()
        residual = np.abs(A @ x - b).max()
    assert residual <= 1e-12 * A.shape[0] * scale + 1e-300


@pytest.mark.parametrize(
    "name",
    sorted(set(HARD_SQUARE) - {"singular"}),  # singular: see the exact cases below
)
def test_solve_on_hard_cases(name):
    A = HARD_SQUARE[name]
    n = A.shape[0]
    b = np.arange(1.0, n + 1)
    B = np.column_stack([b, -2 * b])
    assert_solution_close(la.solve(A, b), A, b, np.linalg.solve(A, b))
    assert_solution_close(la.solve(A, B), A, B, np.linalg.solve(A, B))


def test_solve_hilbert_10():
    # cond(H₁₀) ≈ 1.6e13: the forward error may reach n · cond · eps ≈ 3e-2 relative, but the
    # residual stays at rounding level. Both are checked by assert_solution_close.
    A = hilbert(10)
    b = A @ np.ones(10)
    x = la.solve(A, b)
    assert_solution_close(x, A, b, np.linalg.solve(A, b))
    assert_close(x, np.ones(10), rtol=0, atol=10 * 10 * cond(A) * EPS)


def test_solve_needs_pivoting():
    # Exact solution of [[1e-20, 1], [1, 1]] x = [1, 2] is x ≈ [1, 1]; without pivoting x₀ = 0.
    x = la.solve(HARD_SQUARE["needs_pivoting"], [1.0, 2.0])
    assert_close(x, np.array([1.0, 1.0]), rtol=1e-15)


@pytest.mark.parametrize("name", sorted(EXACTLY_SINGULAR))
def test_solve_and_inv_raise_on_exactly_singular_matrices(name):
    A = EXACTLY_SINGULAR[name]
    with pytest.raises(np.linalg.LinAlgError):  # NumPy agrees that these are singular
        np.linalg.solve(A, np.ones(A.shape[0]))
    with pytest.raises(SingularMatrixError, match=r"solve: A is singular: pivot U\[\d, \d\]"):
        la.solve(A, np.ones(A.shape[0]))
    with pytest.raises(SingularMatrixError, match=r"inv: A is singular: pivot U\[\d, \d\]"):
        la.inv(A)


def test_singular_message_names_the_dependent_column():
    # Column 1 is twice column 0: elimination leaves U[1, 1] = 0 exactly.
    A = np.array([[1.0, 2.0, 0.0], [2.0, 4.0, 1.0], [4.0, 8.0, 3.0]])
    with pytest.raises(SingularMatrixError, match=r"pivot U\[1, 1\] .* is exactly 0, so column 1"):
        la.solve(A, np.ones(3))


def test_solve_is_a_linalg_error_like_numpy():
    with pytest.raises(np.linalg.LinAlgError):
        la.solve(np.zeros((2, 2)), np.ones(2))


def test_solve_empty_and_1x1_like_numpy():
    for b in (np.zeros(0), np.zeros((0, 3))):
        x = la.solve(np.zeros((0, 0)), b)
        assert_close(x, np.linalg.solve(np.zeros((0, 0)), b))
    assert_close(la.solve([[4.0]], [2.0]), np.linalg.solve([[4.0]], [2.0]))
    assert_close(la.solve([[4.0]], [[2.0, 8.0]]), np.linalg.solve([[4.0]], [[2.0, 8.0]]))


def test_solve_accepts_integer_input():
    A, b = [[2, 1], [1, 3]], [3, 5]
    x = la.solve(A, b)
    assert_close(x, np.linalg.solve(np.array(A, float), np.array(b, float)), rtol=1e-15)


def test_solve_does_not_modify_its_inputs():
    A = np.array([[1.0, 2.0], [3.0, 4.0]])
    b = np.array([5.0, 6.0])
    A0, b0 = A.copy(), b.copy()
    la.solve(A, b)
    np.testing.assert_array_equal(A, A0)
    np.testing.assert_array_equal(b, b0)


def test_solve_bad_input():
    with pytest.raises(
        ShapeError,
        match=r"solve: A has shape \(3, 3\) and b has shape \(2,\); b must have 3 rows",
    ):
        la.solve(np.eye(3), np.ones(2))
    with pytest.raises(ShapeError, match=r"solve: A has shape \(3, 3\) and b has shape \(2, 4\)"):
        la.solve(np.eye(3), np.ones((2, 4)))
    with pytest.raises(ShapeError, match="solve: A must be a square matrix, got shape \\(2, 3\\)"):
        la.solve(np.ones((2, 3)), np.ones(2))
    with pytest.raises(ShapeError, match="solve: b must be a 1-D vector or a 2-D matrix"):
        la.solve(np.eye(2), np.ones((2, 2, 2)))
    with pytest.raises(ShapeError, match="solve: A is a ragged nested sequence"):
        la.solve(RAGGED, [1.0, 2.0])
    with pytest.raises(NotFiniteError, match="solve: A contains infinity"):
        la.solve([[np.inf, 0.0], [0.0, 1.0]], [1.0, 2.0])
    with pytest.raises(NotFiniteError, match="solve: b contains NaN"):
        la.solve(np.eye(2), [np.nan, 1.0])


# --- det -------------------------------------------------------------------------------


def assert_det_close(d, A):
    # det's relative condition number is at most n · cond(A): perturbing A by eps ‖A‖
    # moves det by up to n · cond(A) · eps relative. NumPy's det goes through exp(log|det|),
    # which adds an error of about |log|det|| · eps of its own (1.5e-13 relative at 1e-300).
    expected = np.linalg.det(A)
    assert isinstance(d, float)
    n = A.shape[0]
    numpy_error = 4 * abs(np.log(abs(expected))) * EPS if expected else 0.0
    assert abs(d - expected) <= (10 * n * cond(A) * EPS + numpy_error) * abs(expected)


@given(well_conditioned_matrices())
def test_det_matches_numpy(A):
    assert_det_close(la.det(A), A)


@given(permutation_matrices())
def test_det_of_permutation_matrices_is_their_sign(P):
    assert la.det(P) == np.linalg.det(P)  # exactly ±1


@given(matrices(rows=dims(1, 6), cols=st.just(6), elements=SMALL_INTS))
def test_det_matches_exact_rational_arithmetic(A):
    A = A[:, : A.shape[0]]  # square, small integers: often exactly singular
    expected = exact_det(A)
    d = la.det(A)
    if expected == 0.0:
        # Rounding can leave a tiny nonzero pivot; Hadamard bounds |det| by Π‖row‖.
        assert abs(d) <= 100 * A.shape[0] * EPS * np.prod(np.linalg.norm(A, axis=1))
    else:
        assert abs(d - expected) <= 10 * A.shape[0] * cond(A) * EPS * abs(expected)


@pytest.mark.parametrize("name", sorted(set(HARD_SQUARE) - {"singular"}))
def test_det_on_hard_cases(name):
    A = HARD_SQUARE[name]
    assert_det_close(la.det(A), A)
    # The same against exact rational arithmetic on the (floating-point) entries.
    assert abs(la.det(A) - exact_det(A)) <= 10 * A.shape[0] * cond(A) * EPS * abs(exact_det(A))


def test_det_of_singular_matrices():
    for A in EXACTLY_SINGULAR.values():
        assert la.det(A) == 0.0 == np.linalg.det(A)
    # [[1, 2, 3], [4, 5, 6], [7, 8, 9]] is singular; rounding may leave a tiny pivot.
    A = HARD_SQUARE["singular"]
    bound = 100 * 3 * EPS * np.prod(np.linalg.norm(A, axis=1))
    assert abs(la.det(A)) <= bound and abs(np.linalg.det(A)) <= bound


def test_det_empty_and_1x1_like_numpy():
    assert la.det(np.zeros((0, 0))) == 1.0 == np.linalg.det(np.zeros((0, 0)))
    assert la.det([[-3.0]]) == -3.0
    assert_det_close(la.det([[-3.0]]), np.array([[-3.0]]))


def test_det_avoids_spurious_overflow_and_underflow():
    # Partial products 1e400 or 1e-400 leave float64; the determinants themselves do not.
    for pivots in ([1e200, 1e200, 1e-300], [1e-200, 1e-200, 1e300], [-1e300, 1e-300, 1e300]):
        A = np.diag(pivots)
        assert la.det(A) == pytest.approx(exact_det(A), rel=1e-15)
    A = 1e-3 * np.eye(200) + np.eye(200, k=1)
    assert la.det(A) == 0.0  # 1e-600 really is below float64, and underflows to 0 quietly


def test_det_overflow_warns_and_returns_signed_inf():
    A = np.diag([-1e200, 1e200, 1e200])
    with np.errstate(over="ignore"):
        assert np.linalg.det(A) == -np.inf
    with pytest.warns(RuntimeWarning, match="det: the determinant .* overflows float64"):
        assert la.det(A) == -np.inf


def test_det_large_matrix_matches_numpy():
    rng = np.random.default_rng(3)
    A = rng.standard_normal((150, 150)) / np.sqrt(150)
    assert_det_close(la.det(A), A)


def test_det_accepts_integer_input():
    assert la.det([[1, 2], [3, 4]]) == pytest.approx(-2.0, rel=4 * EPS)


def test_det_bad_input():
    with pytest.raises(ShapeError, match="det: A must be a square matrix, got shape \\(2, 3\\)"):
        la.det(np.ones((2, 3)))
    with pytest.raises(NotFiniteError, match="det: A contains NaN"):
        la.det([[np.nan]])
    with pytest.raises(ShapeError, match="det: A is a ragged nested sequence"):
        la.det(RAGGED)


# --- inv -------------------------------------------------------------------------------


def assert_inverse_close(X, A):
    expected = np.linalg.inv(A)
    n = A.shape[0]
    # Each column of A⁻¹ is a solve: forward error ~ n · cond(A) · eps · ‖A⁻¹‖.
    assert_close(X, expected, rtol=0, atol=10 * n * cond(A) * EPS * np.abs(expected).max())
    # And the residual A X - I is at rounding level relative to ‖A‖ ‖X‖.
    assert np.linalg.norm(A @ X - np.eye(n)) <= 1e-12 * n * np.linalg.norm(A) * np.linalg.norm(X)


@given(well_conditioned_matrices())
def test_inv_matches_numpy(A):
    assert_inverse_close(la.inv(A), A)


@pytest.mark.parametrize("name", sorted(set(HARD_SQUARE) - {"singular"}))
def test_inv_on_hard_cases(name):
    A = HARD_SQUARE[name]
    assert_inverse_close(la.inv(A), A)


@pytest.mark.parametrize("n", [70, 200])
def test_inv_on_sizes_that_use_the_recursion(n):
    A = np.random.default_rng(n).standard_normal((n, n)) / np.sqrt(n)
    assert_inverse_close(la.inv(A), A)


def test_inv_empty_1x1_and_integers_like_numpy():
    assert_close(la.inv(np.zeros((0, 0))), np.linalg.inv(np.zeros((0, 0))))
    assert_close(la.inv([[4.0]]), np.linalg.inv([[4.0]]))
    assert_close(la.inv([[2, 1], [1, 1]]), np.linalg.inv(np.array([[2.0, 1.0], [1.0, 1.0]])))


def test_inv_bad_input():
    with pytest.raises(ShapeError, match="inv: A must be a square matrix, got shape \\(1, 2\\)"):
        la.inv([[1.0, 2.0]])
    with pytest.raises(NotFiniteError, match="inv: A contains infinity"):
        la.inv([[1.0, 0.0], [0.0, -np.inf]])
    with pytest.raises(DTypeError, match="inv: A must hold numbers"):
        la.inv([["a", "b"], ["c", "d"]])
