"""matmul, the teaching matrix product, against NumPy's A @ B."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.linalg as la
from mathforml.errors import DTypeError, NotFiniteError, ShapeError
from tests.reference import EPS, assert_close
from tests.strategies import ELEMENTS, HARD_RECTANGULAR, HARD_SQUARE, RAGGED, dims


@st.composite
def compatible_pairs(draw, vector: bool = False):
    m, p, n = draw(dims(0, 6)), draw(dims(0, 6)), draw(dims(0, 6))
    A = draw(hnp.arrays(np.float64, (m, p), elements=ELEMENTS))
    B = draw(hnp.arrays(np.float64, (p,) if vector else (p, n), elements=ELEMENTS))
    return A, B


def _tolerance(A, B) -> np.ndarray:
    # entry (i, j) is a sum of p products: rounding error <= p eps Σ_k |A_ik| |B_kj|
    return A.shape[1] * EPS * (np.abs(A) @ np.abs(B)) + 1e-300


@given(compatible_pairs())
def test_matmul_matches_numpy(AB):
    A, B = AB
    C = la.matmul(A, B)
    expected = A @ B
    assert C.shape == expected.shape and C.dtype == np.float64
    assert np.all(np.abs(C - expected) <= 2 * _tolerance(A, B))


@given(compatible_pairs(vector=True))
def test_matmul_matrix_times_vector(AB):
    A, x = AB
    y = la.matmul(A, x)
    expected = A @ x
    assert y.shape == expected.shape == (A.shape[0],) and y.dtype == np.float64
    assert np.all(np.abs(y - expected) <= 2 * _tolerance(A, x))


@pytest.mark.parametrize("name", sorted(HARD_SQUARE))
def test_matmul_hard_square(name):
    A = HARD_SQUARE[name]
    assert_close(la.matmul(A, A), A @ A, rtol=1e-14, scale=np.abs(A).max() ** 2)


@pytest.mark.parametrize("name", sorted(HARD_RECTANGULAR))
def test_matmul_hard_rectangular(name):
    A = HARD_RECTANGULAR[name]
    # A Aᵀ and Aᵀ A: tall times wide and wide times tall
    assert_close(la.matmul(A, A.T), A @ A.T, rtol=1e-14, scale=np.abs(A).max() ** 2)
    assert_close(la.matmul(A.T, A), A.T @ A, rtol=1e-14, scale=np.abs(A).max() ** 2)


def test_matmul_identities():
    rng = np.random.default_rng(0)
    A, B, C = rng.standard_normal((3, 4)), rng.standard_normal((4, 5)), rng.standard_normal((5, 2))
    assert_close(la.matmul(np.eye(3), A), A, rtol=0)  # I A = A exactly
    assert_close(la.matmul(la.matmul(A, B), C), la.matmul(A, la.matmul(B, C)), rtol=1e-13)
    assert_close(la.matmul(A, B).T, la.matmul(B.T, A.T), rtol=0)  # (A B)ᵀ = Bᵀ Aᵀ


def test_matmul_integers_lists_and_fractions():
    C = la.matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    assert C.dtype == np.float64
    assert_close(C, np.array([[19.0, 22.0], [43.0, 50.0]]), rtol=0)
    F = np.array([[Fraction(1, 2), Fraction(1, 3)]], dtype=object)
    assert_close(la.matmul(F, [[6], [3]]), np.array([[4.0]]), rtol=1e-15)


def test_matmul_empty_matches_numpy():
    for A, B in [
        (np.zeros((2, 0)), np.zeros((0, 3))),
        (np.zeros((0, 3)), np.zeros((3, 2))),
        (np.zeros((2, 3)), np.zeros((3, 0))),
        (np.zeros((0, 0)), np.zeros(0)),
    ]:
        assert_close(la.matmul(A, B), A @ B, rtol=0)


def test_matmul_shape_errors():
    with pytest.raises(
        ShapeError,
        match=r"matmul: A has shape \(2, 3\) and B has shape \(2, 3\); A's column count "
        r"\(3\) must equal B's row count \(2\)",
    ):
        la.matmul(np.ones((2, 3)), np.ones((2, 3)))
    with pytest.raises(ShapeError, match=r"A's column count \(3\) must equal B's length \(2\)"):
        la.matmul(np.ones((2, 3)), np.ones(2))
    with pytest.raises(ShapeError, match=r"matmul: A must be a 2-D matrix, got shape \(3,\)"):
        la.matmul(np.ones(3), np.ones((3, 2)))
    with pytest.raises(ShapeError, match=r"matmul: B must be a 1-D vector or a 2-D matrix"):
        la.matmul(np.ones((2, 2)), np.ones((2, 2, 2)))
    with pytest.raises(ShapeError, match=r"matmul: A is a ragged nested sequence"):
        la.matmul(RAGGED, [1, 2])


def test_matmul_value_errors():
    with pytest.raises(NotFiniteError, match=r"matmul: B contains NaN"):
        la.matmul(np.eye(2), [[1, np.nan], [0, 1]])
    with pytest.raises(DTypeError, match=r"matmul: A must hold numbers"):
        la.matmul([["a"]], [[1]])
