"""characteristic_polynomial against np.poly, exact arithmetic and the identities it must obey.

Tolerances. Coefficient k (of λⁿ⁻ᵏ) is ± the sum of the C(n, k) principal
k x k minors of A. A backward-stable method computes the polynomial of some
``A + E`` with ``‖E‖ ≈ n eps ‖A‖``, which moves a k x k minor by at most
about ``k ‖E‖ ‖A‖ᵏ⁻¹``; so coefficient k is trusted to
``c n k eps C(n, k) ‖A‖ᵏ`` (absolute, with ‖A‖ the Frobenius norm, >= the 2-norm).
np.poly (via the eigenvalues) obeys the same bound.
"""

from fractions import Fraction
from math import comb

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mathforml.linalg as la
from mathforml.errors import DTypeError, NotFiniteError, ShapeError
from mathforml.linalg._charpoly import _faddeev_leverrier
from tests.reference import EPS
from tests.strategies import (
    HARD_SQUARE,
    RAGGED,
    SMALL_INTS,
    diagonalizable_matrices,
    hilbert,
    square_matrices,
)

C = 32


def frobenius(A):
    """‖A‖_F without underflow (numpy's squares 1e-253 to zero)."""
    s = np.abs(A).max() if A.size else 0.0
    return s * np.linalg.norm(A / s) if s else 0.0


def coefficient_tolerance(A, c=C):
    """Absolute tolerance per coefficient, highest degree first (see the module docstring)."""
    n = A.shape[0]
    norm = frobenius(A)
    return np.array([c * n * max(k, 1) * EPS * comb(n, k) * norm**k for k in range(n + 1)])


def assert_coefficients_close(ours, ref, A, c=C):
    assert ours.shape == ref.shape and ours.dtype == np.float64
    err = np.abs(ours - ref)
    tol = coefficient_tolerance(A, c)
    assert np.all(err <= tol), (ours, ref, err / tol)


def exact_poly_of_matrix(c, A):
    """p(A) = A^n + c₁ A^{n-1} + … + cₙ I by Horner, in exact rational arithmetic."""
    n = len(c) - 1
    F = np.array([[Fraction(int(x)) for x in row] for row in A], dtype=object).reshape(n, n)
    identity = np.eye(n, dtype=int).astype(object)
    P = np.zeros((n, n), dtype=int).astype(object)
    for ck in c:
        P = P @ F + ck * identity
    return P


# --- against np.poly ------------------------------------------------------------------------


@given(square_matrices(max_n=6))
def test_matches_np_poly(A):
    ours = la.characteristic_polynomial(A)
    assert ours[0] == 1.0
    assert_coefficients_close(ours, np.poly(A), A)


@given(square_matrices(max_n=6, elements=SMALL_INTS))
def test_matches_exact_coefficients_on_small_integer_matrices(A):
    exact = la.characteristic_polynomial(A.astype(int), exact=True)
    assert exact.dtype == object and all(isinstance(c, Fraction) for c in exact)
    assert all(c.denominator == 1 for c in exact)  # integer matrix, integer coefficients
    exact_float = np.array([float(c) for c in exact])
    assert_coefficients_close(la.characteristic_polynomial(A), exact_float, A)
    assert_coefficients_close(np.poly(A), exact_float, A)  # the reference obeys the same bound


@given(square_matrices(max_n=5, elements=SMALL_INTS))
def test_cayley_hamilton_exactly(A):
    # Every matrix satisfies its own characteristic polynomial: p(A) = 0, exactly in rationals.
    c = la.characteristic_polynomial(A.astype(int), exact=True)
    assert not exact_poly_of_matrix(c, A).any()


@given(square_matrices(max_n=6, elements=st.floats(-10, 10)))
def test_cayley_hamilton_in_floating_point(A):
    n = A.shape[0]
    c = la.characteristic_polynomial(A)
    P = np.zeros((n, n))
    for ck in c:
        P = P @ A + ck * np.eye(n)
    # Each term cₖ A^{n-k} carries the coefficient error times ‖A‖^{n-k}, plus rounding.
    norm = np.linalg.norm(A)
    tol = sum(coefficient_tolerance(A)[k] * norm ** (n - k) for k in range(n + 1))
    assert np.linalg.norm(P) <= tol + C * n * EPS * sum(
        abs(ck) * norm ** (n - k) for k, ck in enumerate(c)
    )




@given(diagonalizable_matrices(eig_range=8))
def test_roots_are_the_eigenvalues(case):
    A, d = case
    roots = np.roots(la.characteristic_polynomial(A))
    # Roots at least 1 apart are well conditioned: |Δroot| ≈ |Δp| / |p'(λ)| with |p'(λ)| >= 1.
    np.testing.assert_allclose(np.sort(roots.real), np.sort(d), atol=1e-6)
    np.testing.assert_allclose(roots.imag, 0, atol=1e-6)
    np.testing.assert_allclose(
        np.sort_complex(roots), np.sort_complex(np.linalg.eigvals(A).astype(complex)), atol=1e-6
    )


# --- named cases ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(HARD_SQUARE))
def test_hard_cases(name):
    A = HARD_SQUARE[name]
    with np.errstate(over="ignore", under="ignore"):  # huge/tiny scales: ‖A‖ⁿ in the tolerance
        assert_coefficients_close(la.characteristic_polynomial(A), np.poly(A), A)


def test_companion_matrix_returns_its_polynomial():
    a = [-10.0, 35.0, -50.0, 24.0]  # (λ−1)(λ−2)(λ−3)(λ−4)
    A = np.eye(4, k=-1)
    A[0] = -np.array(a)
    np.testing.assert_allclose(la.characteristic_polynomial(A), [1.0, *a], rtol=1e-13)


def test_triangular_matrix_gives_product_over_the_diagonal():
    A = np.triu(np.arange(1.0, 17.0).reshape(4, 4))
    np.testing.assert_allclose(la.characteristic_polynomial(A), np.poly(np.diag(A)), rtol=1e-13)
    np.testing.assert_allclose(la.characteristic_polynomial(A.T), np.poly(np.diag(A)), rtol=1e-13)


def test_subnormal_entries_next_to_one():
    # Reflections built from columns of subnormal numbers must still be orthogonal:
    # det(λI − A) = λ (λ − 1) λ up to terms of size 5e-324.
    A = np.full((3, 3), 5e-324)
    A[1, 1] = 1.0
    np.testing.assert_allclose(la.characteristic_polynomial(A), [1.0, -1.0, 0.0, 0.0], atol=1e-15)


def test_rotation_gives_lambda_squared_plus_one():
    np.testing.assert_array_equal(la.characteristic_polynomial([[0, -1], [1, 0]]), [1.0, 0.0, 1.0])


def test_identity_gives_binomial_coefficients():
    # det(λI − I) = (λ − 1)⁴
    np.testing.assert_allclose(
        la.characteristic_polynomial(np.eye(4)), [1, -4, 6, -4, 1], atol=1e-15
    )


def test_trace_and_determinant_appear_as_coefficients():
    A = np.array([[2.0, -1.0, 0.5], [3.0, 4.0, 1.0], [0.0, 2.0, -1.0]])
    c = la.characteristic_polynomial(A)
    np.testing.assert_allclose(c[1], -np.trace(A), rtol=1e-14)
    np.testing.assert_allclose(c[3], -np.linalg.det(A), rtol=1e-13)  # (−1)³ det A


def test_one_by_one_and_empty():
    np.testing.assert_array_equal(la.characteristic_polynomial([[3.0]]), [1.0, -3.0])
    empty = la.characteristic_polynomial(np.zeros((0, 0)))
    # det of a 0 x 0 matrix is 1; np.poly raises for a 0 x 0 array, but np.poly([]) is 1.
    assert empty.shape == (1,) and empty.dtype == np.float64 and empty[0] == np.poly([])
    assert list(la.characteristic_polynomial(np.zeros((0, 0)), exact=True)) == [Fraction(1)]


def test_exact_mode_accepts_fractions_floats_and_booleans():
    A = [[Fraction(1, 2), 1], [np.float32(0.25), True]]
    # det(λI − A) = (λ − 1/2)(λ − 1) − 1/4 = λ² − 3/2 λ + 1/4
    assert list(la.characteristic_polynomial(A, exact=True)) == [1, Fraction(-3, 2), Fraction(1, 4)]


def test_hilbert10_against_exact_rational_coefficients():
    n = 10
    exact = la.characteristic_polynomial(
        [[Fraction(1, i + j + 1) for j in range(n)] for i in range(n)], exact=True
    )
    exact_float = np.array([float(c) for c in exact])
    assert_coefficients_close(la.characteristic_polynomial(hilbert(n)), exact_float, hilbert(n))
    # The largest coefficients, −tr H and the next, are also right to a few ulps relatively.
    np.testing.assert_allclose(
        la.characteristic_polynomial(hilbert(n))[:3], exact_float[:3], rtol=1e-14
    )


def test_hessenberg_recurrence_is_more_stable_than_faddeev_leverrier():
    # The trade-off the module docstring describes, on Hilbert(8): the constant term,
    # det H ≈ 2.7e-33, comes from cancelling traces of size ~1 in Faddeev–LeVerrier.
    n = 8
    exact = la.characteristic_polynomial(
        [[Fraction(1, i + j + 1) for j in range(n)] for i in range(n)], exact=True
    )
    det = float(exact[-1])
    hessenberg = la.characteristic_polynomial(hilbert(n))[-1]
    leverrier = _faddeev_leverrier(hilbert(n))[-1]
    assert abs(hessenberg - det) < 1e-6 * abs(det)
    assert abs(leverrier - det) > abs(det)  # not even the order of magnitude


@given(square_matrices(max_n=5, elements=st.floats(-10, 10)))
def test_faddeev_leverrier_teaching_variant_matches_np_poly_on_small_matrices(A):
    # Its errors grow faster with n than the Hessenberg recurrence's: a wider constant.
    assert_coefficients_close(_faddeev_leverrier(A), np.poly(A), A, c=1e3)


def test_faddeev_leverrier_is_exact_on_fractions():
    A = np.array([[Fraction(2), Fraction(1, 3)], [Fraction(-1), Fraction(5)]], dtype=object)
    assert list(_faddeev_leverrier(A)) == [1, -7, Fraction(31, 3)]  # λ² − 7λ + (10 + 1/3)


# --- errors ---------------------------------------------------------------------------------


def test_non_square_and_vector_raise_shape_error():
    with pytest.raises(ShapeError, match=r"characteristic_polynomial: A must be a square matrix"):
        la.characteristic_polynomial(np.ones((2, 3)))
    # np.poly would read a vector as a list of roots; we refuse it.
    with pytest.raises(ShapeError, match=r"characteristic_polynomial: A must be a 2-D matrix"):
        la.characteristic_polynomial([1.0, 2.0])


def test_ragged_nan_and_strings_raise():
    with pytest.raises(ShapeError, match="characteristic_polynomial: A is a ragged"):
        la.characteristic_polynomial(RAGGED)
    with pytest.raises(NotFiniteError, match="characteristic_polynomial: A contains NaN"):
        la.characteristic_polynomial([[1.0, np.nan], [0.0, 1.0]])
    with pytest.raises(NotFiniteError, match="characteristic_polynomial: A contains infinity"):
        la.characteristic_polynomial([[1.0, np.inf], [0.0, 1.0]], exact=True)
    with pytest.raises(DTypeError, match="characteristic_polynomial: A must hold numbers"):
        la.characteristic_polynomial([["a", "b"], ["c", "d"]])
