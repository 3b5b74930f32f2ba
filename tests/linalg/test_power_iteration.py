"""power_iteration against the largest-modulus eigenpair of numpy.linalg.eig.

Tolerances. On return the residual ``r = A v − λ v`` has ``‖r‖ <= tol ‖A‖_F``
(checked directly). For a symmetric matrix that puts λ within ``‖r‖`` of an
eigenvalue and tilts v from the eigenvector by at most ``‖r‖ / gap``
(Davis–Kahan); for ``A = V diag(d) V⁻¹`` the eigenvalue bound grows by
cond(V) (Bauer–Fike).
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.linalg as la
from mathforml.errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
    ZeroVectorError,
)
from tests.strategies import HARD_SQUARE, RAGGED, hilbert, random_orthogonal

TOL = 1e-10


def dominant_pair(A):
    """numpy's eigenpair of largest modulus."""
    w, V = np.linalg.eig(A)
    j = np.argmax(np.abs(w))
    return w[j], V[:, j]


def check_result(A, result, tol=TOL):
    """Types, unit vector with positive largest entry, and the stopping rule itself."""
    lam, v, k = result
    assert isinstance(lam, float) and isinstance(k, int) and 1 <= k
    assert v.shape == (A.shape[0],) and v.dtype == np.float64
    np.testing.assert_allclose(np.linalg.norm(v), 1.0, rtol=1e-14)
    assert v[np.argmax(np.abs(v))] > 0
    assert np.linalg.norm(A @ v - lam * v) <= tol * np.linalg.norm(A) * (1 + 1e-12)


@st.composite
def dominant_symmetric(draw):
    """Q diag(d) Qᵀ with |d₀| >= 2 |dᵢ|: a dominant eigenvalue, |λ₂/λ₁| <= 1/2."""
    n = draw(st.integers(1, 7))
    lead = draw(st.floats(1, 100)) * draw(st.sampled_from([-1.0, 1.0]))
    rest = draw(hnp.arrays(np.float64, n - 1, elements=st.floats(-0.5, 0.5))) * abs(lead)
    d = np.r_[lead, rest]
    Q = random_orthogonal(n, draw(st.integers(0, 2**32 - 1)))
    return (Q * d) @ Q.T, d


@given(dominant_symmetric())
def test_matches_numpy_on_symmetric_matrices(case):
    A, d = case
    result = la.power_iteration(A)
    check_result(A, result)
    lam_ref, v_ref = dominant_pair(A)
    residual_bound = TOL * np.linalg.norm(A)
    assert abs(result.eigenvalue - lam_ref) <= residual_bound * 1.01 + 1e-15 * abs(lam_ref)
    gap = abs(d[0]) - np.abs(d[1:]).max(initial=0) if d.size > 1 else abs(d[0])
    # |sin angle(v, v_ref)| <= ‖r‖ / gap, and the gap is at least |λ₁| / 2
    v = result.eigenvector
    sin = np.linalg.norm(v - (v @ v_ref) * v_ref)  # not √(1 − cos²), which loses half the digits
    assert sin <= residual_bound / gap * 1.01 + 1e-14


@st.composite
def dominant_general(draw):
    """V diag(d) V⁻¹ (cond(V) <= 10), a real dominant eigenvalue and |λ₂/λ₁| <= 1/2."""
    A, d = draw(dominant_symmetric())
    n = d.size
    s = draw(hnp.arrays(np.float64, n, elements=st.floats(1, 10)))
    V = random_orthogonal(n, draw(st.integers(0, 2**32 - 1))) * s
    return (V * d) @ np.linalg.inv(V), d, np.linalg.cond(V)


@given(dominant_general())
def test_matches_numpy_on_nonsymmetric_matrices(case):
    A, d, cond_v = case
    result = la.power_iteration(A)
    check_result(A, result)
    lam_ref, v_ref = dominant_pair(A)
    # Bauer–Fike: λ is within cond(V) ‖r‖ of an eigenvalue; the others are far (>= |λ₁|/2)
    np.testing.assert_allclose(
        result.eigenvalue, lam_ref.real, atol=2 * cond_v * TOL * np.linalg.norm(A)
    )
    # The eigenvector, up to sign: its tilt is at most ~ cond(V)² ‖r‖ / gap
    overlap = abs(result.eigenvector @ v_ref.real)
    np.testing.assert_allclose(overlap, 1.0, atol=1e-6)


# --- named cases ----------------------------------------------------------------------------


def test_negative_dominant_eigenvalue():
    # v flips sign every step; the residual test does not care.
    Q = random_orthogonal(4, 3)
    A = (Q * np.array([-5.0, 2.0, 1.0, -0.5])) @ Q.T
    result = la.power_iteration(A)
    check_result(A, result)
    np.testing.assert_allclose(result.eigenvalue, -5.0, rtol=1e-10)
    np.testing.assert_allclose(abs(result.eigenvector @ Q[:, 0]), 1.0, rtol=1e-10)


@pytest.mark.parametrize(
    "A",
    [np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[0.0, -1.0], [1.0, 0.0]]), 3 * np.eye(2)[::-1]],
    ids=["plus_minus_one", "rotation_complex_pair", "plus_minus_three"],
)
def test_equal_moduli_raise_convergence_error_quickly(A):
    with pytest.raises(
        ConvergenceError, match=r"power_iteration: no convergence after max_iter = 1000"
    ):
        la.power_iteration(A)


def test_convergence_error_message_names_the_cause_and_the_fix():
    with pytest.raises(
        ConvergenceError, match=r"equal modulus \(λ and −λ, or a complex pair.*Raise max_iter"
    ):
        la.power_iteration([[0.0, 1.0], [1.0, 0.0]], max_iter=5)


def test_slow_convergence_needs_more_iterations():
    # |λ₂/λ₁| = 0.99: about 2300 steps to reach 1e-10, so 1000 are not enough.
    A = np.diag([1.0, 0.99, 0.5])
    with pytest.raises(ConvergenceError):
        la.power_iteration(A)
    result = la.power_iteration(A, max_iter=10_000)
    check_result(A, result)
    assert result.n_iter > 1000
    np.testing.assert_allclose(result.eigenvalue, 1.0, rtol=1e-8)


def test_hilbert10():
    lam_ref, v_ref = dominant_pair(hilbert(10))
    result = la.power_iteration(hilbert(10))
    check_result(hilbert(10), result)
    np.testing.assert_allclose(result.eigenvalue, lam_ref, rtol=1e-10)
    np.testing.assert_allclose(result.eigenvector, np.abs(v_ref), atol=1e-9)  # v_ref is one-signed


@pytest.mark.parametrize(
    "name", ["hilbert10", "singular", "huge_scale", "tiny_scale", "graded", "1x1"]
)
def test_hard_cases_with_a_dominant_eigenvalue(name):
    A = HARD_SQUARE[name]
    result = la.power_iteration(A)
    check_result(
        A / np.abs(A).max(), result._replace(eigenvalue=result.eigenvalue / np.abs(A).max())
    )
    lam_ref, _ = dominant_pair(A)
    np.testing.assert_allclose(result.eigenvalue, lam_ref.real, rtol=1e-9)


def test_start_vector_that_is_an_eigenvector_stops_at_once():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])
    result = la.power_iteration(A, x0=[5.0, 5.0])
    assert result.n_iter == 1
    np.testing.assert_allclose(result.eigenvalue, 3.0, rtol=1e-15)


def test_start_vector_without_the_dominant_direction_finds_another_pair():
    # The documented limitation: (1, 1) is the eigenvector for −1 of this matrix, whose
    # dominant eigenvalue 3 belongs to (1, −1); A x stays on the line of x.
    result = la.power_iteration([[1.0, -2.0], [-2.0, 1.0]], x0=[1.0, 1.0])
    assert result.n_iter == 1
    np.testing.assert_allclose(result.eigenvalue, -1.0, rtol=1e-15)
    # The default random start does find λ = 3.
    np.testing.assert_allclose(la.power_iteration([[1.0, -2.0], [-2.0, 1.0]]).eigenvalue, 3.0)


def test_default_start_is_deterministic_and_seedable():
    A = np.random.default_rng(5).standard_normal((6, 6))
    A = A @ A.T
    first, second = la.power_iteration(A), la.power_iteration(A)
    assert first.n_iter == second.n_iter and np.array_equal(first.eigenvector, second.eigenvector)
    seeded = la.power_iteration(A, random_state=0)  # None means seed 0
    assert seeded.n_iter == first.n_iter and np.array_equal(seeded.eigenvector, first.eigenvector)
    for state in (1, np.random.default_rng(2)):
        other = la.power_iteration(A, random_state=state)
        check_result(A, other)
        np.testing.assert_allclose(other.eigenvalue, first.eigenvalue, rtol=1e-9)


def test_zero_matrix_and_rank_one_matrix():
    result = la.power_iteration(np.zeros((3, 3)))
    assert result.eigenvalue == 0.0 and result.n_iter == 1  # every vector is an eigenvector
    u = np.array([1.0, 2.0, 3.0])
    A = np.outer(u, [1.0, 0.0, 1.0])  # rank one: A x is already along u, eigenvalue 4
    result = la.power_iteration(A)
    check_result(A, result)
    assert result.n_iter <= 2
    np.testing.assert_allclose(result.eigenvalue, 4.0, rtol=1e-14)
    np.testing.assert_allclose(result.eigenvector, u / np.linalg.norm(u), rtol=1e-14)


def test_integer_input_and_one_by_one():
    result = la.power_iteration([[2, 1], [1, 2]])
    check_result(np.array([[2.0, 1], [1, 2]]), result)
    np.testing.assert_allclose(result.eigenvalue, 3.0, rtol=1e-10)
    result = la.power_iteration([[-7]])
    assert (result.eigenvalue, result.n_iter) == (-7.0, 1)
    np.testing.assert_array_equal(result.eigenvector, [1.0])


def test_tighter_tol_means_smaller_residual_and_more_steps():
    A = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 2.0]])
    loose, tight = la.power_iteration(A, tol=1e-4), la.power_iteration(A, tol=1e-13)
    check_result(A, loose, tol=1e-4)
    check_result(A, tight, tol=1e-13)
    assert tight.n_iter > loose.n_iter


# --- errors ---------------------------------------------------------------------------------


def test_zero_start_vector_raises():
    with pytest.raises(ZeroVectorError, match="power_iteration: x0 is the zero vector"):
        la.power_iteration(np.eye(2), x0=[0.0, 0.0])


def test_shape_errors():
    with pytest.raises(
        ShapeError, match=r"power_iteration: A has shape \(2, 2\) and x0 has shape \(3,\)"
    ):
        la.power_iteration(np.eye(2), x0=[1.0, 2.0, 3.0])
    with pytest.raises(ShapeError, match=r"power_iteration: x0 must be a 1-D vector"):
        la.power_iteration(np.eye(2), x0=np.ones((2, 1)))
    with pytest.raises(ShapeError, match=r"power_iteration: A has shape \(0, 0\)"):
        la.power_iteration(np.zeros((0, 0)))
    with pytest.raises(ShapeError, match=r"power_iteration: A must be a square matrix"):
        la.power_iteration(np.ones((2, 3)))
    with pytest.raises(ShapeError, match="power_iteration: A is a ragged nested sequence"):
        la.power_iteration(RAGGED)


def test_not_finite_and_dtype_errors():
    with pytest.raises(NotFiniteError, match="power_iteration: A contains NaN"):
        la.power_iteration([[1.0, np.nan], [0.0, 1.0]])
    with pytest.raises(NotFiniteError, match="power_iteration: x0 contains infinity"):
        la.power_iteration(np.eye(2), x0=[1.0, np.inf])
    with pytest.raises(DTypeError, match="power_iteration: A holds complex numbers"):
        la.power_iteration([[1j, 0], [0, 1]])


@pytest.mark.parametrize("tol", [0.0, -1e-3, np.nan, np.inf])
def test_bad_tol_raises(tol):
    with pytest.raises(ParameterError, match="power_iteration: tol must be a finite number > 0"):
        la.power_iteration(np.eye(2), tol=tol)


@pytest.mark.parametrize("max_iter", [0, -5, 2.5, True])
def test_bad_max_iter_raises(max_iter):
    with pytest.raises(
        ParameterError, match="power_iteration: max_iter must be a positive integer"
    ):
        la.power_iteration(np.eye(2), max_iter=max_iter)


@pytest.mark.parametrize("state", [-1, "seed", 1.5])
def test_bad_random_state_raises(state):
    with pytest.raises(ParameterError, match="power_iteration: random_state must be None"):
        la.power_iteration(np.eye(2), random_state=state)
