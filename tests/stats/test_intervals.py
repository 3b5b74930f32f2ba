"""Confidence intervals against scipy.stats (t, normal, binomtest's Wilson interval)."""

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.stats as ms
from mathforml.errors import NotFiniteError, ParameterError, ShapeError

# No magnitudes in (0, 1e-60): there SciPy's squares underflow into subnormals and its statistics
# turn to noise; extreme scales are tested by name against rescaled references.
DATA = st.one_of(st.just(0.0), st.floats(1e-60, 100), st.floats(-100, -1e-60))
CONFIDENCE = st.floats(0.5, 0.999)


def assert_interval(ci, low, high, scale):
    """Ends to 1e-9 relative, or absolutely to 1e-9 of the data's scale where they cross 0.
    The quantiles carry ~1e-12 relative error from our special functions; x̄ and s a few
    ulps of the data's scale."""
    assert isinstance(ci.low, float) and isinstance(ci.high, float)
    assert ci.low == pytest.approx(float(low), rel=1e-9, abs=1e-9 * scale)
    assert ci.high == pytest.approx(float(high), rel=1e-9, abs=1e-9 * scale)
    assert ci.margin == pytest.approx((ci.high - ci.low) / 2, rel=1e-9, abs=1e-9 * scale)


# The t quantile inverts the incomplete beta function iteratively (~50 ms a call): 30
# examples keep these two tests near a second each.
@settings(max_examples=30)
@given(hnp.arrays(np.float64, st.integers(2, 30), elements=DATA), CONFIDENCE)
def test_t_interval_matches_scipy(x, c):
    n = x.size
    se = np.std(x, ddof=1) / math.sqrt(n)
    assume(se > 1e-6 * np.abs(x).max())
    low, high = scipy.stats.t.interval(c, n - 1, loc=np.mean(x), scale=se)
    ci = ms.confidence_interval(x, c)
    assert_interval(ci, low, high, np.abs(x).max())
    assert (ci.method, ci.confidence) == ("t", c)


@given(hnp.arrays(np.float64, st.integers(1, 30), elements=DATA), CONFIDENCE,
       st.floats(0.01, 100))
def test_z_interval_matches_scipy(x, c, sigma):
    low, high = scipy.stats.norm.interval(c, loc=np.mean(x), scale=sigma / math.sqrt(x.size))
    ci = ms.confidence_interval(x, c, sigma=sigma)
    assert_interval(ci, low, high, np.abs(x).max() + sigma)
    assert ci.method == "z"


@given(st.integers(1, 500), st.data(), CONFIDENCE)
def test_wilson_interval_matches_scipy_binomtest(n, data, c):
    k = data.draw(st.integers(0, n))
    x = np.r_[np.ones(k), np.zeros(n - k)]
    ref = scipy.stats.binomtest(k, n).proportion_ci(c, method="wilson")
    ci = ms.confidence_interval(x, c, method="wilson")
    assert_interval(ci, ref.low, ref.high, 1.0)
    assert 0.0 <= ci.low <= ci.estimate <= ci.high <= 1.0
    assert ci.estimate == k / n


@given(st.integers(1, 500), st.data(), CONFIDENCE)
def test_wald_interval_is_the_textbook_formula(n, data, c):
    k = data.draw(st.integers(0, n))
    x = np.r_[np.ones(k), np.zeros(n - k)]
    p = k / n
    z = scipy.stats.norm.ppf((1 + c) / 2)
    margin = z * math.sqrt(p * (1 - p) / n)
    ci = ms.confidence_interval(x, c, method="wald")
    assert_interval(ci, p - margin, p + margin, 1.0)


@settings(max_examples=30)
@given(hnp.arrays(np.float64, st.integers(3, 30), elements=DATA), CONFIDENCE)
def test_t_interval_inverts_the_t_test(x, c):
    # The interval's ends are exactly the μ₀ where the two-sided test has p = 1 − c.
    se = np.std(x, ddof=1) / math.sqrt(x.size)
    assume(se > 1e-3 * max(np.abs(x).max(), 1.0))
    ci = ms.confidence_interval(x, c)
    for end in (ci.low, ci.high):
        assert ms.ttest_1samp(x, end).pvalue == pytest.approx(1 - c, rel=1e-6)


def test_wald_can_leave_the_unit_interval_and_wilson_cannot():
    x = np.r_[np.ones(1), np.zeros(9)]
    wald = ms.confidence_interval(x, method="wald")
    wilson = ms.confidence_interval(x, method="wilson")
    assert wald.low < 0 <= wilson.low
    assert ms.confidence_interval(np.zeros(10), method="wald").margin == 0.0  # an empty interval
    assert ms.confidence_interval(np.zeros(10), method="wilson").high > 0.2


def test_proportions_from_booleans_and_a_large_sample():
    x = np.random.default_rng(0).random(10**5) < 0.3
    k = int(x.sum())
    ref = scipy.stats.binomtest(k, x.size).proportion_ci(0.99, method="wilson")
    assert_interval(ms.confidence_interval(x, 0.99, method="wilson"), ref.low, ref.high, 1.0)


def test_interval_errors():
    with pytest.raises(ParameterError, match="confidence must be a number strictly between 0 and"
                                             " 1 \\(e.g. 0.95\\), got 95"):
        ms.confidence_interval([1.0, 2.0], 95)
    with pytest.raises(ParameterError, match="confidence must be a number strictly between"):
        ms.confidence_interval([1.0, 2.0], 1.0)
    with pytest.raises(ParameterError, match="method 'z' needs the known population standard"):
        ms.confidence_interval([1.0, 2.0], method="z")
    with pytest.raises(ParameterError, match="sigma is only used by method 'z'"):
        ms.confidence_interval([1.0, 2.0], sigma=1.0, method="t")
    with pytest.raises(ParameterError, match="sigma must be a finite number > 0, got -1"):
        ms.confidence_interval([1.0, 2.0], sigma=-1)
    with pytest.raises(ParameterError, match="method must be one of 't', 'z', 'wald', 'wilson'"):
        ms.confidence_interval([1.0, 2.0], method="exact")
    with pytest.raises(ParameterError, match="method 'wilson' is for a proportion: x must hold "
                                             "0/1 outcomes, got 2"):
        ms.confidence_interval([1.0, 2.0], method="wilson")
    with pytest.raises(ShapeError, match="confidence_interval: x has only 1 observation"):
        ms.confidence_interval([1.0])
    with pytest.raises(ShapeError, match="confidence_interval: x is empty"):
        ms.confidence_interval([], method="wald")
    with pytest.raises(NotFiniteError, match="confidence_interval: x contains NaN"):
        ms.confidence_interval([1.0, np.nan])
    assert ms.confidence_interval([4.0], sigma=1.0).estimate == 4.0  # z works with n = 1
