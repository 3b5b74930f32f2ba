import numpy as np
import pytest
from hypothesis import given

import mathforml.linalg as la
from mathforml.errors import NotFiniteError, ParameterError, ShapeError
from tests.reference import EPS, assert_close
from tests.strategies import HARD_RECTANGULAR, RAGGED, SMALL_INTS, matrices, with_singular_values


def _penrose_residuals(A, X):
    """The four Penrose conditions, which define A⁺ uniquely."""
    return [
        np.linalg.norm(A @ X @ A - A),
        np.linalg.norm(X @ A @ X - X),
        np.linalg.norm((A @ X).T - A @ X),
        np.linalg.norm((X @ A).T - X @ A),
    ]


@given(matrices(elements=SMALL_INTS))
def test_pinv_matches_numpy(A):
    X = la.pinv(A)
    expected = np.linalg.pinv(A)
    # A⁺ has norm 1/σ_min(kept); its entries are accurate to about ε·cond relative to that.
    s = np.linalg.svd(A, compute_uv=False)
    kept = s[s > max(A.shape) * EPS * s[0]] if s.size and s[0] > 0 else s[:0]
    scale = 1 / kept[-1] if kept.size else 1.0
    cond = kept[0] / kept[-1] if kept.size else 1.0
    assert_close(X, expected, rtol=1e-12 * cond * max(A.shape), scale=scale)


@given(matrices())
def test_penrose_conditions(A):
    # (cA)⁺ = A⁺/c, so check the identities on A scaled to max|A| = 1: an entry like
    # 1e-294 has a pseudo-inverse near 1e294 whose squared norm would overflow.
    a = np.abs(A).max() or 1.0
    X = la.pinv(A) * a
    A = A / a
    nA = np.linalg.norm(A)
    s = np.linalg.svd(A, compute_uv=False)
    kept = s[s > max(A.shape) * EPS * s[0]] if s[0] > 0 else s[:0]
    cond = kept[0] / kept[-1] if kept.size else 1.0
    tol = 1e-12 * max(A.shape) * cond  # relative to ‖A‖ and ‖A⁺‖ = 1/σ_min
    nX = np.linalg.norm(X) or 1.0
    r1, r2, r3, r4 = _penrose_residuals(A, X)
    assert r1 <= tol * nA + 1e-300
    assert r2 <= tol * nX
    assert r3 <= tol * cond and r4 <= tol * cond


def test_pinv_of_invertible_is_inverse():
    A = with_singular_values([3.0, 2.0, 1.0], seed=4)
    assert_close(la.pinv(A), np.linalg.inv(A), rtol=1e-13, scale=1.0)


@pytest.mark.parametrize("name", sorted(HARD_RECTANGULAR))
def test_pinv_hard_rectangular(name):
    A = HARD_RECTANGULAR[name]
    assert_close(la.pinv(A), np.linalg.pinv(A), rtol=1e-12, scale=np.abs(np.linalg.pinv(A)).max())


def test_rcond_cuts_small_singular_values():
    A = np.diag([1.0, 1e-8])
    assert_close(la.pinv(A, rcond=1e-6), np.diag([1.0, 0.0]), rtol=1e-15, scale=1.0)
    assert_close(la.pinv(A, rcond=1e-10), np.diag([1.0, 1e8]), rtol=1e-14)


def test_empty_shapes_match_numpy():
    for shape in [(0, 3), (3, 0), (0, 0)]:
        assert la.pinv(np.zeros(shape)).shape == np.linalg.pinv(np.zeros(shape)).shape


def test_bad_input():
    with pytest.raises(ParameterError, match="pinv: rcond must be a number >= 0"):
        la.pinv(np.eye(2), rcond=-1.0)
    with pytest.raises(ShapeError, match="pinv: A is a ragged nested sequence"):
        la.pinv(RAGGED)
    with pytest.raises(ShapeError, match="pinv: A must be a 2-D matrix"):
        la.pinv([1.0, 2.0])
    with pytest.raises(NotFiniteError, match="pinv: A contains infinity"):
        la.pinv([[np.inf]])
