"""Triangular solves and inverses (private helpers of LU, Cholesky, solve, inv) vs SciPy/LAPACK."""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathforml.linalg._triangular import (
    _back_substitution,
    _forward_substitution,
    _invert_lower,
    _invert_upper,
    _solve_lower,
    _solve_upper,
)
from tests.reference import EPS, assert_close, cond
from tests.strategies import dims

SOLVERS = {
    # name: (function, lower?)
    "forward_substitution": (_forward_substitution, True),
    "back_substitution": (_back_substitution, False),
    "solve_lower": (_solve_lower, True),
    "solve_upper": (_solve_upper, False),
}


def _triangle(M, lower):
    return np.tril(M) if lower else np.triu(M)


def _poison_other_triangle(T, lower, unit_diagonal):
    """NaN everywhere the solver must not read: a read would turn the answer into NaN."""
    T = T.copy()
    mask = np.triu(np.ones(T.shape, bool), 1) if lower else np.tril(np.ones(T.shape, bool), -1)
    if unit_diagonal:
        mask |= np.eye(T.shape[0], dtype=bool)
    T[mask] = np.nan
    return T


@st.composite
def triangular_systems(draw, max_n=8):
    """(T, b): a triangular-ready square matrix (diagonal magnitudes in [1, 10]) and a rhs."""
    n = draw(dims(1, max_n))
    M = draw(hnp.arrays(np.float64, (n, n), elements=st.floats(-10, 10)))
    d = draw(hnp.arrays(np.float64, n, elements=st.floats(1, 10)))
    signs = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([-1.0, 1.0])))
    M[np.arange(n), np.arange(n)] = d * signs
    k = draw(st.one_of(st.none(), st.integers(0, 3)))
    shape = (n,) if k is None else (n, k)
    b = draw(hnp.arrays(np.float64, shape, elements=st.floats(-100, 100)))
    return M, b


def _tolerance(T, x):
    # Forward error of a backward-stable triangular solve: ~ n · cond(T) · eps · ‖x‖.
    n = T.shape[0]
    return 10 * n * cond(T) * EPS * (1 + np.abs(x).max(initial=0.0))


@pytest.mark.parametrize("name", sorted(SOLVERS))
@given(system=triangular_systems(), unit_diagonal=st.booleans())
def test_triangular_solvers_match_scipy(name, system, unit_diagonal):
    solver, lower = SOLVERS[name]
    M, b = system
    T = _triangle(M, lower)
    if unit_diagonal:
        np.fill_diagonal(T, 1.0)
    expected = scipy.linalg.solve_triangular(T, b, lower=lower)
    x = solver(_poison_other_triangle(T, lower, unit_diagonal), b, unit_diagonal=unit_diagonal)
    assert_close(x, expected, rtol=0, atol=_tolerance(T, expected))
    assert b.shape == x.shape


@pytest.mark.parametrize("name", sorted(SOLVERS))
@pytest.mark.parametrize("n, k", [(257, None), (131, 40)])
def test_solvers_on_sizes_that_use_blocks(name, n, k):
    solver, lower = SOLVERS[name]
    rng = np.random.default_rng(n + (k or 0))
    # Random triangular matrices are exponentially ill-conditioned; a dominant
    # diagonal keeps cond(T) small so that the comparison is sharp.
    T = _triangle(rng.standard_normal((n, n)), lower) + n * np.eye(n)
    b = rng.standard_normal(n if k is None else (n, k))
    for unit_diagonal in (False, True):
        if unit_diagonal:
            T = _triangle(T / n, lower)
            np.fill_diagonal(T, 1.0)
        expected = scipy.linalg.solve_triangular(T, b, lower=lower)
        x = solver(_poison_other_triangle(T, lower, unit_diagonal), b, unit_diagonal=unit_diagonal)
        assert_close(x, expected, rtol=0, atol=_tolerance(T, expected))


def test_blocked_and_plain_solvers_agree():
    rng = np.random.default_rng(7)
    n = 200
    L = np.tril(rng.standard_normal((n, n))) + n * np.eye(n)
    b = rng.standard_normal((n, 3))
    assert_close(_solve_lower(L, b), _forward_substitution(L, b), rtol=1e-12)
    assert_close(_solve_upper(L.T, b), _back_substitution(L.T, b), rtol=1e-12)


def test_empty_system():
    T = np.zeros((0, 0))
    for solver, _ in SOLVERS.values():
        assert solver(T, np.zeros(0)).shape == (0,)
        assert solver(T, np.zeros((0, 2))).shape == (0, 2)
    assert _invert_upper(T).shape == (0, 0) == _invert_lower(T).shape


def test_solvers_do_not_modify_their_inputs():
    T = np.array([[2.0, 0.0], [1.0, 4.0]])
    b = np.array([2.0, 9.0])
    T0, b0 = T.copy(), b.copy()
    assert_close(_forward_substitution(T, b), np.array([1.0, 2.0]))
    assert_close(_solve_lower(T, b), np.array([1.0, 2.0]))
    np.testing.assert_array_equal(T, T0)
    np.testing.assert_array_equal(b, b0)


@given(system=triangular_systems(), unit_diagonal=st.booleans())
def test_triangular_inverses_match_numpy(system, unit_diagonal):
    M, _ = system
    for invert, lower in ((_invert_lower, True), (_invert_upper, False)):
        T = _triangle(M, lower)
        if unit_diagonal:
            np.fill_diagonal(T, 1.0)
        expected = np.linalg.inv(T)
        X = invert(_poison_other_triangle(T, lower, unit_diagonal), unit_diagonal)
        assert_close(X, expected, rtol=0, atol=_tolerance(T, expected))
        # The inverse of a triangular matrix is triangular, with exact zeros.
        assert (_triangle(X, lower) == X).all()


@pytest.mark.parametrize("n", [33, 150])
def test_triangular_inverses_on_sizes_that_use_blocks(n):
    rng = np.random.default_rng(n)
    U = np.triu(rng.standard_normal((n, n))) + n * np.eye(n)
    for invert, T in ((_invert_upper, U), (_invert_lower, U.T)):
        X = invert(T)
        assert_close(X, np.linalg.inv(T), rtol=0, atol=_tolerance(T, X))
        assert np.abs(X @ T - np.eye(n)).max() < 100 * n * EPS
