"""Descriptive statistics against NumPy and scipy.stats."""

import warnings
from fractions import Fraction

import numpy as np
import pytest
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.stats as ms
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from mathforml.stats._descriptive import PERCENTILE_METHODS
from tests.reference import EPS, assert_close
from tests.strategies import ELEMENTS, RAGGED

NUMPY_METHODS = (
    "linear", "lower", "higher", "nearest", "midpoint", "inverted_cdf", "averaged_inverted_cdf",
    "closest_observation", "interpolated_inverted_cdf", "hazen", "weibull", "median_unbiased",
    "normal_unbiased",
)  # fmt: skip


# Data without magnitudes below 1e-60: there the references' squares, cubes and fourth
# powers underflow and they return noise (0 or NaN); those scales are tested by name below,
# against references computed on rescaled data.
NOT_TINY = st.one_of(st.just(0.0), st.floats(1e-60, 100), st.floats(-100, -1e-60))


@st.composite
def arrays_and_axes(draw, elements=ELEMENTS, max_ndim=3, max_side=6):
    """An N-D float array and an axis argument (None, an int or a tuple) that reduces >= 1 value."""
    ndim = draw(st.integers(1, max_ndim))
    shape = tuple(draw(st.lists(st.integers(1, max_side), min_size=ndim, max_size=ndim)))
    x = draw(hnp.arrays(np.float64, shape, elements=elements))
    axis = draw(st.one_of(
        st.none(),
        st.integers(-ndim, ndim - 1),
        st.lists(st.integers(0, ndim - 1), min_size=1, max_size=ndim, unique=True).map(tuple),
    ))  # fmt: skip
    return x, axis


def _n(x, axis):
    if axis is None:
        return x.size
    axes = (axis,) if isinstance(axis, int) else axis
    return int(np.prod([x.shape[a] for a in axes]))


def _scale(x):
    return float(np.abs(x).max()) if x.size else 0.0


def _quietly(f, *args, **kwargs):
    """Call a reference that warns on degenerate input (SciPy's moment precision warning)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return f(*args, **kwargs)


# --- centre ----------------------------------------------------------------------------------


@given(arrays_and_axes())
def test_mean_matches_numpy(xa):
    x, axis = xa
    # Both sum pairwise; orders may differ, so allow n ε max|x| absolute.
    assert_close(ms.mean(x, axis), np.mean(x, axis=axis), rtol=1e-13,
                 atol=_n(x, axis) * EPS * _scale(x))


@given(arrays_and_axes())
def test_median_equals_numpy_exactly(xa):
    x, axis = xa
    # ½a + ½b rounds once, exactly like NumPy's (a + b) / 2: bit-identical.
    expected = np.median(x, axis=axis)
    actual = ms.median(x, axis)
    assert_close(actual, expected, rtol=0)


@given(arrays_and_axes(), st.sampled_from(NUMPY_METHODS), st.data())
def test_percentile_equals_numpy_for_every_method(xa, method, data):
    x, axis = xa
    q = data.draw(st.one_of(
        st.floats(0, 100),
        st.sampled_from([0.0, 100.0, 50.0, 25.0, 75.0]),
        hnp.arrays(np.float64, st.integers(1, 4), elements=st.floats(0, 100)),
    ))  # fmt: skip
    expected = np.percentile(x, q, axis=axis, method=method)
    # The same index formulas and NumPy's interpolation formula: equal to the last bit.
    assert_close(ms.percentile(x, q, axis=axis, method=method), expected, rtol=0)


def test_percentile_method_list_is_numpys():
    assert set(PERCENTILE_METHODS) == set(NUMPY_METHODS)


@pytest.mark.parametrize("method", NUMPY_METHODS)
@pytest.mark.parametrize("n", [1, 2, 3, 7, 10])
def test_percentile_on_a_fine_grid_of_q_and_ties(method, n):
    x = np.array([3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0])[:n]
    q = np.linspace(0, 100, 201)
    assert_close(ms.percentile(x, q, method=method), np.percentile(x, q, method=method), rtol=0)


@given(arrays_and_axes(), st.sampled_from(["linear", "lower", "higher", "midpoint", "nearest"]))
def test_iqr_matches_scipy(xa, method):
    x, axis = xa
    expected = scipy.stats.iqr(x, axis=axis, interpolation=method)
    assert_close(ms.iqr(x, axis, method=method), np.asarray(expected), rtol=0,
                 atol=4 * EPS * _scale(x))


@given(arrays_and_axes(), st.sampled_from(NUMPY_METHODS))
def test_iqr_is_the_difference_of_the_quartiles(xa, method):
    x, axis = xa
    q1, q3 = np.percentile(x, [25, 75], axis=axis, method=method)
    assert_close(ms.iqr(x, axis, method=method), q3 - q1, rtol=0)


# --- mode --------------------------------------------------------------------------------------


@given(arrays_and_axes(elements=st.integers(-3, 3).map(float)))
def test_mode_matches_scipy_including_ties(xa):
    x, axis = xa
    if isinstance(axis, tuple):  # SciPy's mode takes one axis: merge ours by hand
        axis = axis[0]
    expected = scipy.stats.mode(x, axis=axis)
    actual = ms.mode(x, axis)
    assert_close(actual.mode, expected.mode, rtol=0)
    assert_close(actual.count, expected.count, rtol=0)


def test_mode_keeps_integer_dtype_and_picks_the_smallest_tie():
    r = ms.mode([5, 2, 5, 2, 7])
    assert r == (2, 2) and r.mode.dtype == np.int64 and r.count.dtype == np.int64
    expected = scipy.stats.mode(np.array([[1, 2, 2], [3, 3, 1]]), axis=1)
    actual = ms.mode([[1, 2, 2], [3, 3, 1]], axis=1)
    assert_close(actual.mode, expected.mode, rtol=0)
    assert ms.mode([2.5]) == (2.5, 1)
    assert ms.mode([True, False, True]).mode == True  # noqa: E712


# --- spread ------------------------------------------------------------------------------------


@given(arrays_and_axes(elements=NOT_TINY), st.integers(0, 2))
def test_var_and_std_match_numpy(xa, ddof):
    x, axis = xa
    n = _n(x, axis)
    if ddof >= n:
        ddof = 0
    # Both are two-pass; the correction term and summation order differ by ~n ε max|x|².
    tol = 4 * n * EPS * _scale(x) ** 2
    assert_close(ms.var(x, axis, ddof=ddof), np.var(x, axis=axis, ddof=ddof), rtol=1e-12,
                 atol=tol)
    # √ of a variance whose absolute error is tol: error <= √tol.
    assert_close(ms.std(x, axis, ddof=ddof), np.std(x, axis=axis, ddof=ddof), rtol=1e-12,
                 atol=np.sqrt(tol))


def test_variance_of_data_with_a_huge_mean_is_exact():
    # The one-pass Σx² − n x̄² formula returns garbage here (cancellation of 1e18 against 1e18).
    x = 1e9 + np.array([4.0, 7.0, 13.0, 16.0])
    exact = Fraction(0)
    mean = sum(Fraction(v) for v in x) / 4
    exact = sum((Fraction(v) - mean) ** 2 for v in x) / 3
    assert ms.var(x, ddof=1) == float(exact) == 30.0
    onepass = (np.sum(x**2) - 4 * np.mean(x) ** 2) / 3
    assert onepass != 30.0


@pytest.mark.parametrize("scale", [1e200, 1e-170, 1e-300])
def test_std_at_huge_and_tiny_scales(scale):
    # NumPy's squares overflow (1e400) or underflow (1e-340) here; std is homogeneous of
    # degree 1, so the reference is the std of the unscaled data, times the scale.
    base = np.array([1.0, -1.0, 3.0, 0.5])
    expected = np.std(base, ddof=1) * scale
    assert ms.std(base * scale, ddof=1) == pytest.approx(expected, rel=1e-14)
    if scale > 1:
        assert ms.var(base * scale, ddof=1) == np.inf  # ≈ 1e400: truly beyond float64
    else:
        assert ms.var(base * scale, ddof=1) == pytest.approx(
            np.var(base, ddof=1) * scale * scale, rel=1e-14, abs=5e-324
        )


def test_mean_near_the_overflow_threshold():
    big = np.finfo(np.float64).max
    assert ms.mean([big, big]) == big  # NumPy's Σx overflows to inf
    assert ms.mean([big, -big, big]) == pytest.approx(big / 3, rel=1e-15)


def test_small_and_degenerate_inputs():
    assert ms.mean(7) == 7.0 and ms.var(7) == 0.0 and ms.median(7) == 7.0
    assert ms.var([3.0]) == 0.0
    assert ms.var([2.0, 2.0, 2.0], ddof=1) == 0.0
    assert ms.std([1, 2, 3, 4]) == pytest.approx(np.std([1, 2, 3, 4]), rel=1e-15)
    # empty axes of the kept shape are fine: nothing to compute, nothing undefined
    empty = np.zeros((0, 3))
    for f in (ms.mean, ms.median, ms.var, ms.std, ms.iqr):
        assert_close(f(empty, axis=1), np.zeros(0), rtol=0)
    assert_close(ms.percentile(empty, [10, 90], axis=1), np.zeros((2, 0)), rtol=0)
    assert ms.mode(empty, axis=1).mode.shape == ms.mode(empty, axis=1).count.shape == (0,)


def test_correlation_detects_constant_columns_exactly():
    # x̄ of three 0.1s rounds to 0.10000000000000002: the centred column is not exactly 0,
    # but the feature is constant, and its correlation undefined.
    with pytest.raises(ParameterError, match="feature 0 \\(column 0 of X\\) is constant"):
        ms.correlation([[0.1, 1.0], [0.1, 2.0], [0.1, 4.0]])
    assert ms.var([0.1, 0.1, 0.1]) == 0.0  # the corrected two-pass cancels x̄'s rounding
    for scale in (1e-170, 1e170):  # the same where the scatter matrix is rescaled
        X = np.array([[0.1, 1.0], [0.1, 2.0], [0.1, 4.0]]) * scale
        with pytest.raises(ParameterError, match="feature 0 \\(column 0 of X\\) is constant"):
            ms.correlation(X)


# --- data sets of vectors ----------------------------------------------------------------------


@st.composite
def data_sets(draw, min_rows=1, max_rows=10, max_cols=5, elements=ELEMENTS):
    rows = draw(st.integers(min_rows, max_rows))
    cols = draw(st.integers(1, max_cols))
    return draw(hnp.arrays(np.float64, (rows, cols), elements=elements))


@given(data_sets(elements=NOT_TINY), st.integers(0, 2))
def test_covariance_matches_numpy_cov_with_rowvar_false(X, ddof):
    n = X.shape[0]
    if ddof >= n:
        ddof = 0
    expected = np.atleast_2d(np.cov(X, rowvar=False, ddof=ddof))
    assert_close(ms.covariance(X, ddof=ddof), expected, rtol=1e-12,
                 atol=4 * n * EPS * _scale(X) ** 2)


@given(data_sets(min_rows=2))
def test_covariance_is_symmetric_and_positive_semidefinite(X):
    C = ms.covariance(X)
    assert (C == C.T).all()
    w = np.linalg.eigvalsh(C)
    assert w.min() >= -1e-12 * max(1.0, np.abs(w).max())


@given(data_sets(min_rows=2, elements=st.floats(-100, 100).filter(lambda v: abs(v) > 1e-3)))
def test_correlation_matches_numpy_corrcoef(X):
    X = X + np.arange(X.shape[0])[:, None] * 7.0  # every feature varies
    expected = np.atleast_2d(np.corrcoef(X, rowvar=False))
    R = ms.correlation(X)
    # Entries are cosines of centred columns: absolute error ~ n ε.
    assert_close(R, expected, rtol=0, atol=1e-13)
    assert (np.abs(R) <= 1).all() and (R == R.T).all()


@pytest.mark.parametrize("scale", [1e-160, 1e160])
def test_covariance_and_correlation_at_extreme_scales(scale):
    X = np.array([[1.0, 2.0], [2.0, 1.0], [4.0, 7.0], [3.0, 3.0]])
    with np.errstate(over="ignore", under="ignore"):
        expected = np.cov(X, rowvar=False) * scale * scale
    if scale < 1:
        assert_close(ms.covariance(X * scale), expected, rtol=1e-14, atol=5e-324)
    assert_close(ms.correlation(X * scale), np.corrcoef(X, rowvar=False), rtol=0, atol=1e-15)


def test_covariance_stays_symmetric_when_rescaled_into_subnormals():
    tiny = np.finfo(np.float64).tiny
    X = np.array([[2.0, 0.0]] + [[tiny, tiny]] * 4)
    C = ms.covariance(X)
    assert (C == C.T).all()
    assert_close(C, np.cov(X, rowvar=False), rtol=1e-14, atol=5e-324)


def test_covariance_of_perfectly_correlated_features():
    X = np.column_stack([np.arange(5.0), 2 * np.arange(5.0) + 1, -np.arange(5.0)])
    assert_close(ms.correlation(X), np.array([[1, 1, -1], [1, 1, -1], [-1, -1, 1.0]]),
                 rtol=0, atol=1e-15)


# --- describe ------------------------------------------------------------------------------


@given(arrays_and_axes(elements=NOT_TINY), st.integers(0, 2))
def test_describe_matches_scipy(xa, ddof):
    x, axis = xa
    if isinstance(axis, tuple) and len(axis) > 1:
        axis = axis[0]
    if isinstance(axis, tuple):
        axis = axis[0]
    expected = _quietly(scipy.stats.describe, x, axis=axis, ddof=ddof)
    actual = ms.describe(x, axis, ddof=ddof)
    n = _n(x, axis)
    assert actual.nobs == expected.nobs
    assert_close(actual.minmax[0], expected.minmax[0], rtol=0)
    assert_close(actual.minmax[1], expected.minmax[1], rtol=0)
    assert_close(actual.mean, expected.mean, rtol=1e-13, atol=n * EPS * _scale(x))
    tol = 4 * n * EPS * _scale(x) ** 2
    if n > ddof:
        assert_close(actual.variance, np.asarray(expected.variance), rtol=1e-12, atol=tol)
    else:  # SciPy divides by n − ddof <= 0 (giving ±0 or NaN); a variance is undefined there
        assert np.isnan(actual.variance).all()
    # Skewness and kurtosis are ratios of moments: where the spread is barely above rounding
    # both sides carry large relative errors, so compare where m₂ is well resolved.
    m2 = np.var(x, axis=axis)
    well = m2 > 1e-6 * np.maximum(np.mean(x, axis=axis) ** 2, 1e-300)
    for field in ("skewness", "kurtosis"):
        a, b = np.asarray(getattr(actual, field)), np.asarray(getattr(expected, field))
        assert a.shape == b.shape
        np.testing.assert_allclose(a[well], b[well], rtol=1e-9, atol=1e-9)
        # where SciPy says NaN (constant data), so do we
        assert np.isnan(a[np.isnan(b) & well]).all()


def test_describe_named_cases():
    r = ms.describe([1.0, 1.0, 1.0])
    assert r.variance == 0.0 and np.isnan(r.skewness) and np.isnan(r.kurtosis)
    r = ms.describe([4.0])
    assert r.nobs == 1 and np.isnan(r.variance) and r.minmax == (4.0, 4.0)
    # SciPy's moments overflow at 1e200; skewness and kurtosis are scale-free.
    expected = scipy.stats.describe([1.0, -1.0, 3.0, 0.0])
    r = ms.describe([1e200, -1e200, 3e200, 0.0])
    assert r.skewness == pytest.approx(expected.skewness, rel=1e-13)
    assert r.kurtosis == pytest.approx(expected.kurtosis, rel=1e-13)
    assert r.mean == pytest.approx(7.5e199, rel=1e-15)


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["mean", "median", "var", "std", "iqr", "describe"])
def test_every_reduction_rejects_bad_input(name):
    f = getattr(ms, name)
    with pytest.raises(ShapeError, match=f"{name}: x is empty along the reduced axes"):
        f([])
    with pytest.raises(ShapeError, match=f"{name}: x is empty along the reduced axes"):
        f(np.zeros((3, 0)), axis=1)
    with pytest.raises(NotFiniteError, match=f"{name}: x contains NaN"):
        f([1.0, np.nan])
    with pytest.raises(NotFiniteError, match=f"{name}: x contains infinity"):
        f([1.0, np.inf])
    with pytest.raises(DTypeError, match=f"{name}: x must hold numbers"):
        f(["a", "b"])
    with pytest.raises(ShapeError, match=f"{name}: x is a ragged nested sequence"):
        f(RAGGED)
    with pytest.raises(ShapeError, match=f"{name}: axis 2 is out of bounds for an array with 2"):
        f(np.ones((2, 2)), axis=2)
    with pytest.raises(ParameterError, match=f"{name}: axis \\(0, -2\\) names the same axis"):
        f(np.ones((2, 2)), axis=(0, -2))
    with pytest.raises(ParameterError, match=f"{name}: axis must be None, an int or a tuple"):
        f(np.ones((2, 2)), axis=1.5)
    with pytest.raises(ParameterError, match=f"{name}: axis must be None, an int or a tuple"):
        f(np.ones((2, 2)), axis="rows")


def test_mode_and_percentile_reject_bad_input():
    with pytest.raises(ShapeError, match="mode: x is empty"):
        ms.mode([])
    with pytest.raises(NotFiniteError, match="mode: x contains NaN"):
        ms.mode([np.nan, 1.0])
    with pytest.raises(ShapeError, match="percentile: x is empty"):
        ms.percentile([], 50)
    with pytest.raises(ParameterError, match="percentile: q must lie in \\[0, 100\\], got 101"):
        ms.percentile([1, 2], [50, 101])
    with pytest.raises(ParameterError, match="percentile: q must lie in \\[0, 100\\], got -1"):
        ms.percentile([1, 2], -1)
    with pytest.raises(NotFiniteError, match="percentile: q contains NaN"):
        ms.percentile([1, 2], np.nan)
    with pytest.raises(ParameterError, match="percentile: method must be one of 'linear'"):
        ms.percentile([1, 2], 50, method="cubic")
    with pytest.raises(ParameterError, match="iqr: method must be one of"):
        ms.iqr([1, 2], method="cubic")


def test_ddof_errors():
    with pytest.raises(ParameterError, match=r"var: ddof \(1\) must be smaller than the number "
                                             r"of values per reduction \(1\)"):
        ms.var([5.0], ddof=1)
    with pytest.raises(ParameterError, match="std: ddof must be a non-negative integer, got -1"):
        ms.std([1.0, 2.0], ddof=-1)
    with pytest.raises(ParameterError, match="covariance: ddof \\(2\\) must be smaller"):
        ms.covariance([[1.0], [2.0]], ddof=2)
    with pytest.raises(ParameterError, match="describe: ddof must be a non-negative integer"):
        ms.describe([1.0, 2.0], ddof=0.5)


def test_covariance_and_correlation_errors():
    with pytest.raises(ShapeError, match="covariance: X must be a 2-D matrix, got shape \\(3,\\)"):
        ms.covariance([1.0, 2.0, 3.0])
    with pytest.raises(ShapeError, match="covariance: X has no rows"):
        ms.covariance(np.zeros((0, 2)))
    with pytest.raises(ShapeError, match="correlation: X needs at least 2 rows"):
        ms.correlation([[1.0, 2.0]])
    with pytest.raises(ParameterError, match="correlation: feature 1 \\(column 1 of X\\) is "
                                             "constant"):
        ms.correlation([[1.0, 2.0], [2.0, 2.0], [3.0, 2.0]])
    with pytest.raises(NotFiniteError, match="covariance: X contains NaN"):
        ms.covariance([[1.0, np.nan], [2.0, 3.0]])
