import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mathforml.linalg as la
from mathforml.errors import NotFiniteError, ShapeError
from tests.reference import EPS, assert_close
from tests.strategies import HARD_RECTANGULAR, SMALL_INTS, hilbert, matrices, vectors


@st.composite
def systems(draw, elements=None):
    A = draw(matrices() if elements is None else matrices(elements=elements))
    m = A.shape[0]
    if draw(st.booleans()):
        b = draw(vectors(m))
    else:
        b = draw(matrices(rows=m, cols=st.integers(1, 3)))
    return A, b


def _check_against_numpy(A, b):
    ours = la.lstsq(A, b)
    x, residuals, rank, s = np.linalg.lstsq(A, b)
    assert ours.rank == rank
    assert_close(ours.singular_values, s, rtol=1e-12, scale=s[0] if s.size else 1)
    # The minimum-norm solution is unique; its error grows with cond(A) over the kept range.
    kept = s[s > max(A.shape) * EPS * s[0]] if s.size and s[0] > 0 else s[:0]
    cond = kept[0] / kept[-1] if kept.size else 1.0
    scale = (np.abs(x).max() or 1.0) + np.abs(b).max() / (kept[-1] if kept.size else 1.0)
    assert_close(ours.x, x, rtol=1e-12 * cond * max(A.shape), scale=scale)
    assert ours.residuals.shape == residuals.shape
    if residuals.size:
        tol = 1e-9 * cond * (np.sum(b**2, axis=0) + 1)
        assert np.all(np.abs(ours.residuals - residuals) <= tol)


@given(systems())
def test_lstsq_matches_numpy(system):
    _check_against_numpy(*system)


@given(systems(elements=SMALL_INTS))
def test_lstsq_matches_numpy_on_rank_deficient_integer_systems(system):
    _check_against_numpy(*system)


@pytest.mark.parametrize("name", sorted(HARD_RECTANGULAR))
def test_lstsq_hard_cases(name):
    A = HARD_RECTANGULAR[name]
    _check_against_numpy(A, np.arange(1.0, A.shape[0] + 1))


def test_fits_a_line_exactly_when_points_are_collinear():
    x = np.linspace(0, 1, 7)
    A = np.column_stack([x, np.ones_like(x)])
    result = la.lstsq(A, 2 * x - 1)
    assert_close(result.x, np.array([2.0, -1.0]), rtol=1e-13, scale=1)
    assert result.rank == 2 and result.residuals[0] < 1e-25


def test_hilbert_least_squares_residual_is_small():
    # Hilbert columns are nearly dependent (cond ≈ 1e10): x is inaccurate, but the
    # residual must stay tiny, which is what backward stability promises.
    H = hilbert(10)[:, :8]
    b = H @ np.ones(8)
    x = la.lstsq(H, b).x
    assert np.linalg.norm(H @ x - b) <= 1e-12 * np.linalg.norm(b)


def test_empty_cases_match_numpy():
    for A, b in [(np.zeros((0, 3)), np.zeros(0)), (np.zeros((3, 0)), np.ones(3)),
                 (np.zeros((3, 0)), np.ones((3, 2)))]:
        ours, ref = la.lstsq(A, b), np.linalg.lstsq(A, b)
        for a, r in zip(ours, ref, strict=True):
            np.testing.assert_array_equal(a, r)


def test_bad_input():
    with pytest.raises(ShapeError, match=r"lstsq: A has shape \(3, 2\) and b has shape \(2,\)"):
        la.lstsq(np.ones((3, 2)), np.ones(2))
    with pytest.raises(NotFiniteError, match="lstsq: b contains NaN"):
        la.lstsq(np.ones((2, 2)), [1.0, np.nan])
