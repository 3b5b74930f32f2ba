"""The symmetric tridiagonal eigensolver (private, behind eigh and svd) against LAPACK.

Tolerances: every routine here is backward stable, so an eigenvalue is off by at
most a few ``n ε ‖T‖`` (Weyl) and an eigenvector by that over the gap to the
other eigenvalues; ``‖T‖`` is taken as the Gershgorin bound the solver itself uses.
Eigenvectors are orthonormal to c n ε (clusters re-orthogonalised, then one
Newton–Schulz step).
"""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import assume, example, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathforml.errors import ConvergenceError
from mathforml.linalg import _tridiagonal as tri
from mathforml.linalg._tridiagonal import (
    _bisect_one,
    _inverse_iteration_one,
    _separated_shifts,
    _solve_shifted,
    _sturm_count,
    bisect,
    complete_orthonormal,
    eigh_tridiagonal,
    gershgorin_bounds,
    make_lanes,
    orthonormalize_columns,
    split,
    split_tolerance,
)
from tests.reference import EPS, orthogonality_error

# The solver works on T scaled to ‖T‖ ≈ 1 (eigh_tridiagonal scales first); the pieces
# assume it, so their inputs are entries of order 1 or exact zeros.
ENTRIES = st.floats(-10, 10, allow_nan=False).map(lambda x: x if abs(x) > 1e-100 else 0.0)
ANY_SCALE = st.floats(-10, 10, allow_nan=False, allow_subnormal=False)


@st.composite
def tridiagonals(draw, min_n=1, max_n=8, elements=ENTRIES):
    """(d, e): diagonal and off-diagonal of a random symmetric tridiagonal matrix."""
    n = draw(st.integers(min_n, max_n))
    d = draw(hnp.arrays(np.float64, n, elements=elements))
    e = draw(hnp.arrays(np.float64, n - 1, elements=elements))
    return d, e


def dense(d, e):
    return np.diag(d) + np.diag(e, 1) + np.diag(e, -1)


def norm_of(d, e):
    lower, upper = gershgorin_bounds(np.asarray(d, float), np.asarray(e, float))
    return max(abs(lower), abs(upper), np.finfo(float).tiny)


def check_eigenpairs(d, e, w, Z, c=10):
    """Eigenvalues equal LAPACK's within c n ε ‖T‖; T Z = Z diag(w); ZᵀZ = I."""
    n = len(d)
    T = dense(d, e)
    norm = norm_of(d, e)
    tol = c * n * EPS * norm
    assert w.shape == (n,) and Z.shape == (n, n) and w.dtype == Z.dtype == np.float64
    np.testing.assert_allclose(w, scipy.linalg.eigvalsh_tridiagonal(d, e), rtol=0, atol=tol)
    assert np.all(np.diff(w) >= 0)
    np.testing.assert_allclose(T @ Z, Z * w, rtol=0, atol=tol)
    assert orthogonality_error(Z) <= c * n * EPS


# --------------------------------------------------------------------------- plain versions


@given(tridiagonals(), st.floats(-30, 30))
@example((np.array([0.0]), np.array([])), -2.225073858507203e-309)  # x within pivmin of λ = 0
def test_sturm_count_is_the_number_of_eigenvalues_below_x(de, x):
    d, e = de
    w = np.linalg.eigvalsh(dense(d, e))
    # Eigenvalues within rounding of x may be counted either way, and so may those
    # within pivmin = tiny·max(1, eᵢ²) of it: a pivot that small counts as zero (dstebz).
    pivmin = np.finfo(np.float64).tiny * max(1.0, float(np.max(e * e, initial=0.0)))
    slack = 4 * len(d) * EPS * norm_of(d, e) + 2 * pivmin
    count = _sturm_count(d, e, x)
    assert np.sum(w < x - slack) <= count <= np.sum(w < x + slack)


def test_sturm_count_survives_a_zero_pivot():
    # T - 1·I has a zero first pivot; the nudge to -pivmin counts eigenvalue 1 as below x.
    d, e = np.array([1.0, 1.0]), np.array([1.0])  # eigenvalues 0 and 2
    assert _sturm_count(d, e, 1.0) == 1
    assert _sturm_count(d, e, 0.0) == 1  # q₀ = 1, q₁ = 0 -> -pivmin: eigenvalue 0 counted
    assert _sturm_count(d, e, 2.5) == 2


@given(tridiagonals())
def test_bisect_one_matches_lapack(de):
    d, e = de
    reference = scipy.linalg.eigvalsh_tridiagonal(d, e)
    tol = 4 * len(d) * EPS * norm_of(d, e) + 1e-300  # T = 0 returns ±tiny
    got = [_bisect_one(d, e, k) for k in range(len(d))]
    np.testing.assert_allclose(got, reference, rtol=0, atol=tol)


def test_bisect_one_stops_at_its_cap_when_tol_is_unreachable():
    d, e = np.array([2.0, 2.0]), np.array([1.0])
    # tol = 0 can never be met; the loop ends when the interval stops shrinking (or at the cap).
    assert abs(_bisect_one(d, e, 1, tol=0.0) - 3.0) <= 4 * EPS


@given(tridiagonals(), st.floats(-20, 20), st.integers(0, 2**32 - 1))
def test_solve_shifted_matches_numpy_solve(de, lam, seed):
    d, e = de
    M = dense(d, e) - lam * np.eye(len(d))
    # Pivots below ε max|T| are raised on purpose (inverse iteration wants nearly singular
    # systems solved without overflow); compare only systems far from that.
    scale = np.abs(dense(d, e)).max() or 1.0
    sv = np.linalg.svd(M, compute_uv=False)
    assume(sv.min() > 1e-6 * scale and sv.min() > 1e-6 * sv.max())  # and cond(M) < 1e6
    b = np.random.default_rng(seed).standard_normal(len(d))
    x = _solve_shifted(d, e, lam, b)
    # Backward stable: the error is at most about cond(M) ε ‖x‖ <= 1e6·8·ε ‖x‖.
    np.testing.assert_allclose(x, np.linalg.solve(M, b), rtol=0, atol=1e-8 * np.abs(x).max())
    np.testing.assert_allclose(M @ x, b, rtol=0, atol=1e3 * EPS * np.abs(M).max() * np.abs(x).max())


@given(tridiagonals())
def test_inverse_iteration_one_gives_unit_eigenvectors(de):
    d, e = de
    w = scipy.linalg.eigvalsh_tridiagonal(d, e)
    T = dense(d, e)
    for lam in w:
        z = _inverse_iteration_one(d, e, lam)
        assert abs(np.linalg.norm(z) - 1) < 1e-14
        # Residual ‖(T - λ)z‖ is at the rounding level whatever the gaps.
        assert np.linalg.norm(T @ z - lam * z) <= 10 * len(d) * EPS * norm_of(d, e)


# --------------------------------------------------------------------------- vectorized pieces


def test_split_cuts_at_negligible_off_diagonals():
    d = np.ones(5)
    e, starts, stops = split(d, np.array([1.0, 1e-20, 2.0, 0.0]), tol=1e-15)
    assert e.tolist() == [1.0, 0.0, 2.0, 0.0]
    assert starts.tolist() == [0, 2, 4] and stops.tolist() == [2, 4, 5]


def test_lanes_for_the_positive_half_take_the_largest_floor_half_of_each_block():
    lanes = make_lanes(np.array([0, 3, 4]), np.array([3, 4, 8]), positive_half=True)
    assert lanes.index.tolist() == [2, 2, 3]  # block sizes 3, 1, 4 -> 1, 0, 2 lanes
    assert lanes.start.tolist() == [0, 4, 4]
    assert [r[0] for r in lanes.rows] == [0, 1, 2, 4, 5, 6, 7]  # the 1 x 1 block has no lane


@given(tridiagonals(max_n=12))
def test_vectorized_bisection_matches_lapack(de):
    d, e = de
    norm = norm_of(d, e)
    e, starts, stops = split(d, e, split_tolerance(len(d), norm))
    lanes = make_lanes(starts, stops)
    lower, upper = gershgorin_bounds(d, e)
    w = np.sort(bisect(d, e, lanes, lower - 1e-300, upper + 1e-300, 2 * EPS * norm))
    tol = 4 * len(d) * EPS * norm
    np.testing.assert_allclose(w, scipy.linalg.eigvalsh_tridiagonal(d, e), rtol=0, atol=tol)


def test_bisection_handles_exact_zero_pivots_through_infinities():
    # Integer entries put eigenvalues and the bisection midpoints on the same grid, so
    # exact zero pivots (and then ±inf) occur; the counts must still be right.
    d = np.array([0.0, 0.0, 0.0, 0.0, 0.0])
    e = np.array([1.0, 1.0, 1.0, 1.0])
    lanes = make_lanes(np.array([0]), np.array([5]))
    w = bisect(d, e, lanes, -2.0, 2.0, 1e-15)
    np.testing.assert_allclose(w, np.linalg.eigvalsh(dense(d, e)), atol=1e-14)


def test_bisection_step_count_is_capped():
    d, e = np.array([2.0, 2.0]), np.array([1.0])
    lanes = make_lanes(np.array([0]), np.array([2]))
    # tol = 1e-300 would need ~1000 halvings; the cap stops it, and the answer is still exact.
    w = bisect(d, e, lanes, 0.0, 4.0, 1e-300)
    np.testing.assert_allclose(w, [1.0, 3.0], atol=1e-15)


def test_separated_shifts_push_coinciding_eigenvalues_apart_within_a_block():
    lanes = make_lanes(np.array([0, 3]), np.array([3, 5]))  # blocks of 3 and 2
    lam = np.array([1.0, 1.0, 1.125, 1.0, 1.0])  # (exact binary fractions: exact sums)
    mu = _separated_shifts(lam, lanes, 0.25)
    np.testing.assert_array_equal(mu, [1.0, 1.25, 1.5, 1.0, 1.25])
    far = np.array([0.0, 1.0, 2.0, 5.0, 6.0])
    np.testing.assert_array_equal(_separated_shifts(far, lanes, 0.25), far)  # untouched


def test_orthonormalize_columns_replaces_dependent_columns():
    rng = np.random.default_rng(0)
    G = np.asfortranarray(rng.standard_normal((6, 3)))
    G[:, 2] = G[:, 0] - 2 * G[:, 1]  # in the span of the first two
    assert orthonormalize_columns(G, rng) == 1
    np.testing.assert_allclose(G.T @ G, np.eye(3), atol=1e-14)


def test_orthonormalize_columns_blocks_of_many_columns():
    rng = np.random.default_rng(1)
    A = rng.standard_normal((80, 70))
    G = np.asfortranarray(A.copy())
    assert orthonormalize_columns(G, rng) == 0
    np.testing.assert_allclose(G.T @ G, np.eye(70), atol=1e-13)
    # Same span: Gram–Schmidt is QR, so Gᵀ A is upper triangular.
    np.testing.assert_allclose(np.tril(G.T @ A, -1), 0, atol=1e-12)


def test_orthonormalize_columns_raises_when_no_direction_is_left():
    G = np.asfortranarray(np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]]))
    with pytest.raises(ConvergenceError, match="no direction is left outside the span"):
        orthonormalize_columns(G, np.random.default_rng(0))


def test_complete_orthonormal_keeps_axes_and_is_orthonormal():
    Q = np.eye(5)[:, [0, 3]]
    C = complete_orthonormal(Q, 3, np.random.default_rng(0))
    np.testing.assert_array_equal(np.abs(C).sum(axis=0), 1.0)  # axis vectors e₁, e₂, e₄
    M = np.hstack((Q, C))
    np.testing.assert_allclose(M.T @ M, np.eye(5), atol=1e-15)
    Q2 = np.linalg.qr(np.random.default_rng(2).standard_normal((7, 3)))[0]
    C2 = complete_orthonormal(Q2, 4, np.random.default_rng(0))
    M2 = np.hstack((Q2, C2))
    np.testing.assert_allclose(M2.T @ M2, np.eye(7), atol=1e-14)


# --------------------------------------------------------------------------- the solver


@given(tridiagonals(elements=ANY_SCALE))
def test_eigh_tridiagonal_matches_lapack(de):
    d, e = de
    w, Z = eigh_tridiagonal(d, e)
    check_eigenpairs(d, e, w, Z)


@given(tridiagonals(elements=st.integers(-2, 2).map(float)))
def test_eigh_tridiagonal_small_integers_many_repeated_eigenvalues(de):
    d, e = de
    w, Z = eigh_tridiagonal(d, e)
    check_eigenpairs(d, e, w, Z)


@pytest.mark.parametrize("n", [50, 120, 200])
def test_eigh_tridiagonal_seeded_larger(n):
    rng = np.random.default_rng(n)
    d, e = rng.standard_normal(n), rng.standard_normal(n - 1)
    w, Z = eigh_tridiagonal(d, e)
    check_eigenpairs(d, e, w, Z)
    # Well separated eigenvalues: eigenvectors equal LAPACK's up to sign.
    wr, Zr = scipy.linalg.eigh_tridiagonal(d, e)
    gaps = np.minimum(np.r_[np.inf, np.diff(wr)], np.r_[np.diff(wr), np.inf])
    ok = gaps > 1e-3
    signs = np.sign(np.sum(Z * Zr, axis=0))
    err = np.abs(Z * signs - Zr)[:, ok].max(axis=0)
    assert np.all(err <= 10 * n * EPS * norm_of(d, e) / gaps[ok])


HARD_TRIDIAGONALS = {
    "identity": (np.ones(6), np.zeros(5)),  # one eigenvalue, six times, fully split
    "split_in_the_middle": (np.array([1.0, 2, 3, 1, 2, 3]), np.array([1.0, 1, 0, 1, 1])),
    "tiny_coupling": (np.full(6, 2.0), np.array([1.0, 1e-17, 1.0, 1e-300, 1.0])),
    "wilkinson_21": (np.abs(np.arange(-10.0, 11.0)), np.ones(20)),  # pairs equal to ~1e-14
    # Three copies of W21 glued by 1e-10: clusters of three eigenvalues within ~1e-10.
    "glued_wilkinson": (
        np.tile(np.abs(np.arange(-10.0, 11.0)), 3),
        np.r_[np.ones(20), 1e-10, np.ones(20), 1e-10, np.ones(20)],
    ),
    "one_by_one": (np.array([-3.5]), np.zeros(0)),
    "graded": (np.array([1e10, 1.0, 1e-10]), np.array([1e5, 1e-5])),
    "huge": (np.array([1e200, -1e200]), np.array([1e200])),
    "zero": (np.zeros(4), np.zeros(3)),
    "constant_diagonal_long": (np.full(150, 3.0), np.full(149, 1e-8)),
}


@pytest.mark.parametrize("name", list(HARD_TRIDIAGONALS))
def test_eigh_tridiagonal_hard_cases(name):
    d, e = HARD_TRIDIAGONALS[name]
    w, Z = eigh_tridiagonal(d, e)
    check_eigenpairs(d, e, w, Z)


def test_eigh_tridiagonal_diagonal_is_exact():
    d = np.array([3.0, -1.0, 3.0, 0.5])
    w, Z = eigh_tridiagonal(d, np.zeros(3))
    np.testing.assert_array_equal(w, np.sort(d))
    np.testing.assert_array_equal(np.abs(Z), np.abs(np.eye(4)[:, np.argsort(d, kind="stable")]))


def test_eigh_tridiagonal_empty():
    w, Z = eigh_tridiagonal(np.zeros(0), np.zeros(0))
    assert w.shape == (0,) and Z.shape == (0, 0)


# --------------------------------------------------------------------------- caps and guards


def test_inverse_iteration_cap_raises_convergence_error(monkeypatch):
    # A cap below the minimum number of solves can never be met: the loop must stop.
    monkeypatch.setattr(tri, "_MAX_INVERSE_ITERATIONS", 1)
    with pytest.raises(ConvergenceError, match=r"after 1 solves the residual"):
        eigh_tridiagonal(np.array([1.0, 2.0, 3.0]), np.array([1.0, 1.0]))


def test_inverse_iteration_reports_an_overflowing_solve(monkeypatch):
    monkeypatch.setattr(tri, "_solve_factored", lambda factors, lanes, B: B * np.inf)
    with pytest.raises(ConvergenceError, match="a solve overflowed"):
        eigh_tridiagonal(np.array([1.0, 2.0]), np.array([1.0]))


def test_inverse_iteration_refuses_a_bad_residual(monkeypatch):
    # If the vectors came out wrong (here: scrambled after convergence), the guard says so.
    real = tri.orthonormalize_columns

    def scramble(G, rng, fixed=0):
        replaced = real(G, rng, fixed)
        G[:] = G[::-1]
        return replaced

    monkeypatch.setattr(tri, "orthonormalize_columns", scramble)
    monkeypatch.setattr(tri, "_CLUSTER_GAP", 10.0)  # every eigenvalue in one cluster
    with pytest.raises(ConvergenceError, match="far above rounding level"):
        eigh_tridiagonal(np.array([1.0, 2.0, 4.0]), np.array([1.0, 0.5]))
