"""Categorical against scipy.stats.rv_discrete(values=(0..K-1, p)) and direct formulas."""

import math
from fractions import Fraction

import numpy as np
import pytest
import scipy.stats as ss
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathforml.errors import NotFiniteError, ParameterError, ShapeError
from mathforml.probability import Bernoulli, Categorical
from tests.probability._discrete_checks import assert_logs, assert_probabilities
from tests.reference import EPS, assert_close


@st.composite
def probability_vectors(draw, max_k: int = 8):
    """Weights normalized to sum to 1, with zeros (categories that never occur) allowed."""
    w = draw(
        hnp.arrays(
            np.float64,
            st.integers(1, max_k),
            elements=st.one_of(st.just(0.0), st.floats(1e-6, 1.0), st.floats(1e-300, 1e-6)),
        )
    )
    if w.sum() == 0:
        w[draw(st.integers(0, w.size - 1))] = 1.0
    return w / w.sum()


def reference(p):
    return ss.rv_discrete(values=(np.arange(p.size), p))


@given(probability_vectors(), st.lists(st.integers(-2, 10) | st.floats(-2, 10), max_size=12))
def test_pmf_cdf_sf_equal_scipy(p, points):
    d = Categorical(p)
    ref = reference(d.p)
    k = np.array(points, dtype=float)
    assert_probabilities(d.pmf(k), ref.pmf(k), rtol=1e-15)
    # cdf: a cumulative sum, the same additions as SciPy's: to a few ulps.
    assert_probabilities(d.cdf(k), ref.cdf(k), rtol=1e-14)
    # sf: ours sums the tail directly, SciPy takes 1 - cdf: equal where that is exact
    # enough, i.e. to ~eps / sf absolute-relative.
    sf = d.sf(k)
    np.testing.assert_allclose(sf, ref.sf(k), rtol=1e-12, atol=1e-15)
    tails = np.array([d.p[int(j) + 1 :].sum() if j >= 0 else 1.0 for j in np.floor(k)])
    np.testing.assert_allclose(sf, np.clip(tails, 0, 1), rtol=1e-14)
    with np.errstate(divide="ignore"):
        assert_logs(d.logpmf(k), ref.logpmf(k), atol=1e-15)


@given(probability_vectors(), st.lists(st.floats(0, 1), min_size=1, max_size=10))
def test_ppf_equals_scipy(p, qs):
    d = Categorical(p)
    q = np.array(qs)
    k = d.ppf(q)
    inside = (q > 0) & (q < 1)
    assert np.all(d.cdf(k[inside]) >= q[inside]) and np.all(d.cdf(k[inside] - 1) < q[inside])
    ref = reference(d.p).ppf(q)
    cdf_table = np.cumsum(d.p)
    tie = np.array([np.any(np.abs(cdf_table - x) <= 1e-12) for x in q])
    np.testing.assert_array_equal(k[~tie], ref[~tie])
    # A category of probability 0 is never a quantile (q = 0 and 1 give the ends of the
    # support, -1 and K - 1, by SciPy's convention).
    assert np.all(d.pmf(k[inside]) > 0)


@given(probability_vectors())
def test_summaries_equal_scipy(p):
    d = Categorical(p)
    ref = reference(d.p)
    assert_close(d.mean(), ref.mean(), rtol=1e-13, atol=1e-15)
    # SciPy's variance is E[X²] - E[X]², which cancels to ~eps·E[X²] absolute (off by
    # 4e-10 relative for a variance of 1e-5, against exact rational arithmetic); ours
    # centres first: it must equal the exact value to a few ulps.
    k = np.arange(p.size)
    second = float(k**2 @ d.p)
    exact = sum((Fraction(j) - Fraction(float(d.mean()))) ** 2 * Fraction(float(pj))
                for j, pj in enumerate(d.p))
    assert_close(d.var(), np.float64(float(exact)), rtol=1e-13, atol=1e-300)
    assert_close(d.var(), ref.var(), rtol=1e-12, atol=8 * EPS * second)
    assert_close(d.std(), np.sqrt(d.var()), rtol=0)
    assert_close(d.entropy(), np.float64(ref.entropy()), rtol=1e-13, atol=1e-15)
    assert d.entropy() <= math.log(p.size) + 1e-14
    assert d.n_categories == p.size


def test_two_categories_are_a_bernoulli():
    for p in (0.0, 0.3, 1.0):
        c, b = Categorical([1 - p, p]), Bernoulli(p)
        k = np.array([-1.0, 0.0, 1.0, 2.0])
        for method in ("pmf", "cdf", "sf"):
            assert_close(getattr(c, method)(k), getattr(b, method)(k), rtol=1e-15)
        assert_close(c.entropy(), b.entropy(), rtol=1e-15)
        q = np.array([0.0, 0.2, 0.8, 1.0])
        np.testing.assert_array_equal(c.ppf(q), b.ppf(q))


def test_probabilities_are_normalized_and_read_only():
    d = Categorical([1 / 3, 1 / 3, 1 / 3])
    assert math.fsum(d.p) == pytest.approx(1.0, abs=1e-16)
    assert d.cdf(2) == 1.0 and d.sf(2) == 0.0
    with pytest.raises(ValueError, match="read-only"):
        d.p[0] = 0.5
    # Within NumPy's tolerance (1.5e-8) a vector is accepted, then divided by its sum.
    almost = np.array([0.2, 0.3, 0.5]) * (1 + 1e-9)
    assert_close(Categorical(almost).p, almost / almost.sum(), rtol=1e-15)
    assert repr(Categorical([0.5, 0.5])) == "Categorical(p=[0.5, 0.5])"
    assert Categorical([0.5, 0.5]) == Categorical(np.array([0.5, 0.5]))


def test_a_single_category_and_points_off_the_support():
    d = Categorical([1.0])
    np.testing.assert_array_equal(d.pmf([0, 1, -1, 0.5]), [1, 0, 0, 0])
    np.testing.assert_array_equal(d.ppf([0, 0.5, 1]), [-1, 0, 0])
    assert d.entropy() == 0.0 and d.var() == 0.0 and d.mean() == 0.0
    np.testing.assert_array_equal(d.sample(5, rng=0), np.zeros(5))
    assert type(d.pmf(0)) is np.float64


# -- sampling and fitting -----------------------------------------------------------------


def test_sample_frequencies_within_five_standard_errors():
    p = np.array([0.1, 0.0, 0.45, 0.05, 0.4])
    draws = Categorical(p).sample(10**6, rng=2024)
    assert draws.dtype == np.int64 and draws.shape == (10**6,)
    freq = np.bincount(draws, minlength=p.size) / draws.size
    se = np.sqrt(p * (1 - p) / draws.size)  # each frequency is a Binomial proportion
    assert np.all(np.abs(freq - p) <= 5 * se)
    assert freq[1] == 0.0  # a category of probability 0 is never drawn
    assert Categorical(p).sample((2, 3), rng=1).shape == (2, 3)
    assert type(Categorical(p).sample(rng=1)) is np.int64


@given(hnp.arrays(np.int64, st.integers(1, 50), elements=st.integers(0, 6)))
def test_fit_is_the_category_frequencies(data):
    fitted = Categorical.fit(data)
    counts = np.bincount(data)
    assert fitted.p.size == data.max() + 1
    assert_close(fitted.p, counts / data.size, rtol=1e-15)
    wider = Categorical.fit(data, n_categories=10)
    assert_close(wider.p, np.bincount(data, minlength=10) / data.size, rtol=1e-15)


def test_errors():
    with pytest.raises(ParameterError, match=r"Categorical: p must sum to 1, got sum\(p\) = 1.5"):
        Categorical([0.5, 1.0])
    with pytest.raises(ParameterError, match=r"p must sum to 1, got sum\(p\) = 0.8999"):
        Categorical([0.2, 0.7])
    with pytest.raises(ParameterError, match=r"Categorical: p must hold probabilities >= 0, "
                       r"got p\[1\] = -0.5"):
        Categorical([1.5, -0.5])
    with pytest.raises(ShapeError, match=r"Categorical: p is empty"):
        Categorical([])
    with pytest.raises(ShapeError, match=r"Categorical: p must be a 1-D vector"):
        Categorical([[0.5, 0.5]])
    with pytest.raises(NotFiniteError, match=r"Categorical: p contains NaN"):
        Categorical([np.nan, 1.0])
    with pytest.raises(NotFiniteError, match=r"Categorical.pmf: k contains NaN"):
        Categorical([1.0]).pmf(np.nan)
    with pytest.raises(ParameterError, match=r"Categorical.fit: data is empty"):
        Categorical.fit([])
    with pytest.raises(ParameterError, match=r"Categorical.fit: data must hold integers in the "
                       r"support 0..99999999, got -1.0 at index 1"):
        Categorical.fit([0, -1])
    with pytest.raises(ParameterError, match=r"support 0..99999999, got 1e\+300 at index 0"):
        Categorical.fit([1e300])  # an id or a count, not a category label
    with pytest.raises(ParameterError, match=r"support 0..2, got 3.0 at index 2"):
        Categorical.fit([0, 1, 3], n_categories=3)
    with pytest.raises(ParameterError, match=r"got 0.5 at index 0"):
        Categorical.fit([0.5])
    with pytest.raises(ParameterError, match=r"Categorical.fit: n_categories must be a positive"):
        Categorical.fit([0], n_categories=0)
