import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mathforml.linalg as la
from mathforml.errors import NotFiniteError, ParameterError, ShapeError
from tests.strategies import (
    HARD_RECTANGULAR,
    HARD_SQUARE,
    SMALL_INTS,
    matrices,
    with_singular_values,
)


@given(matrices())
def test_rank_matches_numpy_on_random_matrices(A):
    assert la.rank(A) == np.linalg.matrix_rank(A)


@given(matrices(elements=SMALL_INTS))
def test_rank_matches_numpy_on_small_integer_matrices(A):
    # Integer matrices are often exactly rank-deficient: the interesting case.
    assert la.rank(A) == np.linalg.matrix_rank(A)


@given(st.integers(1, 6), st.integers(0, 6), st.integers(0, 6), st.integers(0, 2**16))
def test_rank_of_matrices_with_planted_rank(r, extra_rows, extra_cols, seed):
    # Singular values 1 ... 1e-6 are well above the tolerance (~1e-15): rank is exactly r.
    s = np.logspace(0, -6, r)
    A = with_singular_values(s, r + extra_rows, r + extra_cols, seed)
    assert la.rank(A) == r == np.linalg.matrix_rank(A)


@pytest.mark.parametrize("name", sorted(HARD_SQUARE) + sorted(HARD_RECTANGULAR))
def test_rank_on_hard_cases(name):
    A = {**HARD_SQUARE, **HARD_RECTANGULAR}[name]
    assert la.rank(A) == np.linalg.matrix_rank(A)


def test_rank_of_vectors_and_empty():
    assert la.rank([0, 0, 0]) == 0
    assert la.rank([0, 2, 0]) == 1
    # No rows, no independent rows (NumPy >= 2.3 agrees; older NumPy raises).
    assert la.rank(np.zeros((0, 3))) == 0


def test_explicit_tolerance():
    A = np.diag([1.0, 1e-3, 1e-9])
    assert la.rank(A, tol=1e-6) == 2
    assert la.rank(A, tol=0) == 3


def test_bad_input():
    with pytest.raises(ParameterError, match="rank: tol must be a number >= 0"):
        la.rank(np.eye(2), tol=-1)
    with pytest.raises(ShapeError, match="rank: A must be a 1-D vector or a 2-D matrix"):
        la.rank(np.zeros((2, 2, 2)))
    with pytest.raises(NotFiniteError, match="rank: A contains NaN"):
        la.rank([[1, np.nan]])
