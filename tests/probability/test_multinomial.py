"""Multinomial against scipy.stats.multinomial, and mpmath for huge counts."""

import math

import mpmath
import numpy as np
import pytest
import scipy.stats as ss
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathforml.errors import NotFiniteError, ParameterError, ShapeError
from mathforml.probability import Binomial, Categorical, Multinomial
from tests.probability._discrete_checks import assert_logs, assert_probabilities
from tests.reference import EPS, assert_close


@st.composite
def multinomials(draw, max_n: int = 40, max_k: int = 5):
    """(n, p, x): parameters and a (m, K) matrix of count vectors, most of them possible."""
    K = draw(st.integers(1, max_k))
    w = draw(hnp.arrays(np.float64, K, elements=st.one_of(st.just(0.0), st.floats(1e-3, 1.0))))
    if w.sum() == 0:
        w[0] = 1.0
    n = draw(st.integers(0, max_n))
    p = w / w.sum()
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        # A random composition of n into K parts (cut points), then sometimes a nudge
        # that makes it impossible (wrong total, negative or fractional count).
        cuts = sorted(draw(st.lists(st.integers(0, n), min_size=K - 1, max_size=K - 1)))
        x = np.diff(np.concatenate([[0], cuts, [n]])).astype(float)
        nudge = draw(st.sampled_from(["none", "none", "none", "total", "negative", "fraction"]))
        if nudge == "total":
            x[0] += 1
        elif nudge == "negative" and K > 1:
            x[0], x[-1] = -1, x[-1] + x[0] + 1
        elif nudge == "fraction" and K > 1:
            x[0], x[-1] = x[0] + 0.5, x[-1] - 0.5
        rows.append(x)
    return n, p, np.array(rows).reshape(-1, K)


@given(multinomials())
def test_pmf_and_logpmf_equal_scipy(case):
    n, p, x = case
    d = Multinomial(n, p)
    ref = ss.multinomial(n, d.p)
    # SciPy: exp(gammaln(n+1) - Σ gammaln(xᵢ+1) + Σ xlogy(xᵢ, pᵢ)), whose own rounding is
    # ~eps·log(n!) absolute in the log; ours is Loader's form (a few ulps).
    atol = 8 * EPS * (1 + math.lgamma(n + 1))
    with np.errstate(all="ignore"):  # SciPy's gammaln(-1 + 1) = inf - inf on bad vectors
        ref_logpmf, ref_pmf = ref.logpmf(x), ref.pmf(x)
    assert_logs(d.logpmf(x), ref_logpmf, atol=atol)
    assert_probabilities(d.pmf(x), ref_pmf, rtol=1e-12)
    # One vector of shape (K,) gives a scalar.
    if x.shape[0]:
        assert type(d.pmf(x[0])) is np.float64
        assert type(d.logpmf(x[0])) is np.float64
        assert_logs(d.logpmf(x[0]), np.float64(ref_logpmf[0]), atol=atol)


@given(st.integers(1, 6), st.integers(1, 4))
def test_probabilities_sum_to_one_over_the_support(n, K):
    p = np.arange(1.0, K + 1) / (K * (K + 1) / 2)
    grids = np.meshgrid(*[np.arange(n + 1.0)] * K, indexing="ij")
    x = np.stack([g.ravel() for g in grids], axis=1)  # every vector in {0..n}^K
    assert math.fsum(Multinomial(n, p).pmf(x)) == pytest.approx(1.0, abs=1e-14)


# Weights 0 or >= 1e-100: SciPy's entropy raises OverflowError (Boost) for p ~ 1e-309.
WEIGHTS = st.one_of(st.just(0.0), st.floats(1e-100, 1.0))


@given(st.integers(0, 60), hnp.arrays(np.float64, st.integers(1, 5), elements=WEIGHTS))
def test_summaries_equal_scipy(n, w):
    if w.sum() == 0:
        w[0] = 1.0
    d = Multinomial(n, w / w.sum())
    ref = ss.multinomial(n, d.p)
    assert_close(d.mean(), ref.mean(), rtol=1e-15)
    assert_close(d.cov(), ref.cov(), rtol=1e-14, atol=4 * EPS * n)
    assert_close(d.var(), d.cov(), rtol=0)
    # SciPy's diagonal n (p - p²) cancels for p near 1 (~eps·n absolute); ours is
    # n p (1 - p) to the last bit.
    np.testing.assert_array_equal(d.std(), np.sqrt(n * d.p * (1 - d.p)))
    assert_close(d.std() ** 2, np.diagonal(ref.cov()), rtol=1e-14, atol=4 * EPS * n)
    # SciPy: -log n! + n Σ entr(pᵢ) + Σ E[log Xᵢ!], whose terms reach ~n log n and
    # cancel to ~½ (K-1) log n: its rounding, ~eps·n log n, sets the tolerance.
    assert_close(d.entropy(), np.float64(ref.entropy()), rtol=1e-12,
                 atol=16 * EPS * (1 + math.lgamma(n + 1)))


def test_entropy_of_two_categories_is_the_binomial_entropy():
    # Two different computations: Σ -pmf log pmf (Binomial) and the saddle-point
    # expectations -r(n) + Σ E[bd0 + r] (Multinomial); huge n included, where the
    # textbook formula for either would cancel away every digit.
    for n, p in [(10, 0.3), (1000, 1e-3), (10**6, 0.01), (10**9, 0.5), (10**12, 1e-6)]:
        assert abs(Multinomial(n, [p, 1 - p]).entropy() - Binomial(n, p).entropy()) < 2e-14


def test_entropy_of_huge_n_approaches_the_gaussian_one():
    # H ≈ ½ log((2πe n)^(K-1) Π pᵢ) + O(1/n).
    p = np.array([0.2, 0.3, 0.5])
    n = 10**12
    gaussian = 0.5 * (2 * math.log(2 * math.pi * math.e * n) + np.sum(np.log(p)))
    assert abs(Multinomial(n, p).entropy() - gaussian) < 1e-10


def test_logpmf_of_huge_counts_is_accurate_against_mpmath():
    rng = np.random.default_rng(0)
    for n in (10**6, 10**9, 10**12):
        p = Multinomial(n, [0.1, 0.2, 0.3, 0.4]).p
        x = rng.multinomial(n, p, size=3)
        ours = Multinomial(n, p).logpmf(x)
        for row, value in zip(x, ours, strict=True):
            exact = mpmath.loggamma(n + 1) + sum(
                int(xi) * mpmath.log(mpmath.mpf(float(pi))) - mpmath.loggamma(int(xi) + 1)
                for xi, pi in zip(row, p, strict=True)
            )
            # Loader's form: ~1e-15 absolute; gammaln would lose ~eps·log(n!) ≈ 6e-3
            # at n = 10¹².
            assert abs(float(value - exact)) < 1e-13


def test_edge_cases_like_scipy():
    # n = 0: the zero vector is certain.
    d = Multinomial(0, [0.3, 0.7])
    assert d.pmf([0, 0]) == 1.0 and d.pmf([1, 0]) == 0.0 and d.entropy() == 0.0
    np.testing.assert_array_equal(d.sample(3, rng=0), np.zeros((3, 2)))
    # A category of probability 0 takes no counts; probability 1 takes them all.
    d = Multinomial(3, [0.0, 1.0])
    ref = ss.multinomial(3, [0.0, 1.0])
    x = np.array([[0, 3], [1, 2], [3, 0]])
    np.testing.assert_array_equal(d.pmf(x), ref.pmf(x))
    assert d.entropy() == 0.0
    np.testing.assert_array_equal(d.sample(4, rng=1), np.tile([0, 3], (4, 1)))
    # Impossible vectors: negative, fractional, wrong total, infinite.
    d = Multinomial(4, [0.5, 0.5])
    bad = np.array([[-1, 5], [1.5, 2.5], [1, 1], [np.inf, 0]])
    np.testing.assert_array_equal(d.pmf(bad), np.zeros(4))
    np.testing.assert_array_equal(d.logpmf(bad), np.full(4, -np.inf))
    # Empty input and a single category.
    assert d.pmf(np.zeros((0, 2))).shape == (0,)
    assert Multinomial(5, [1.0]).pmf([5]) == 1.0


def test_one_draw_is_a_categorical():
    p = np.array([0.2, 0.5, 0.3])
    one_hot = np.eye(3)
    assert_close(Multinomial(1, p).pmf(one_hot), Categorical(p).pmf([0, 1, 2]), rtol=1e-15)
    assert_close(Multinomial(1, p).entropy(), Categorical(p).entropy(), rtol=1e-14)


# -- sampling and fitting -----------------------------------------------------------------


def test_sample_moments_within_five_standard_errors():
    n, p = 20, np.array([0.1, 0.0, 0.3, 0.6])
    d = Multinomial(n, p)
    draws = d.sample(10**6, rng=31)
    assert draws.shape == (10**6, 4) and draws.dtype == np.int64
    assert np.all(draws.sum(axis=1) == n) and np.all(draws[:, 1] == 0)
    N = draws.shape[0]
    mean = draws.mean(axis=0)
    var = np.diagonal(d.cov())
    assert np.all(np.abs(mean - n * p) <= 5 * np.sqrt(var / N) + 1e-12)
    # Covariance of counts 0 and 2: SE of a sample covariance ≈ sqrt(Var[(X-μ)(Y-ν)] / N).
    a, b = draws[:, 0] - n * p[0], draws[:, 2] - n * p[2]
    prod = a * b
    assert abs(prod.mean() - d.cov()[0, 2]) <= 5 * prod.std() / math.sqrt(N)
    assert d.sample(rng=0).shape == (4,)
    assert d.sample((2, 3), rng=0).shape == (2, 3, 4)


@given(st.integers(1, 20), st.integers(1, 10), st.integers(1, 5), st.integers(0, 2**32 - 1))
def test_fit_is_the_pooled_frequencies(n, m, K, seed):
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(n, np.ones(K) / K, size=m)
    fitted = Multinomial.fit(counts)
    assert fitted.n == n
    assert_close(fitted.p, counts.sum(axis=0) / (m * n), rtol=1e-15)
    assert Multinomial.fit(counts[0]) == Multinomial(n, counts[0] / n)


def test_errors():
    with pytest.raises(ParameterError, match=r"Multinomial: n must be a non-negative integer"):
        Multinomial(-2, [0.5, 0.5])
    with pytest.raises(ParameterError, match=r"Multinomial: n must be at most 2\*\*53"):
        Multinomial(2**60, [0.5, 0.5])
    with pytest.raises(ParameterError, match=r"Multinomial: p must sum to 1, got sum\(p\) = 2.0"):
        Multinomial(3, [1.0, 1.0])
    with pytest.raises(ParameterError, match=r"Multinomial: p must hold probabilities >= 0"):
        Multinomial(3, [-0.5, 1.5])
    with pytest.raises(
        ShapeError, match=r"Multinomial.pmf: x must be a count vector of shape \(2,\) or a "
        r"matrix of them, shape \(m, 2\), got shape \(3,\)"
    ):
        Multinomial(3, [0.5, 0.5]).pmf([1, 1, 1])
    with pytest.raises(ShapeError, match=r"Multinomial.logpmf: x must be a count vector"):
        Multinomial(3, [0.5, 0.5]).logpmf(2)
    with pytest.raises(NotFiniteError, match=r"Multinomial.pmf: x contains NaN"):
        Multinomial(3, [0.5, 0.5]).pmf([np.nan, 3])
    with pytest.raises(ParameterError, match=r"Multinomial.fit: counts is empty"):
        Multinomial.fit(np.zeros((0, 3)))
    with pytest.raises(ParameterError, match=r"Multinomial.fit: counts must hold integers in "
                       r"the support 0, 1, \.\.\., got -1.0 at index \(1, 0\)"):
        Multinomial.fit([[1, 2], [-1, 4]])
    with pytest.raises(ParameterError, match=r"Multinomial.fit: every count vector must have "
                       r"the same total n, but row 0 sums to 3 and row 1 to 4"):
        Multinomial.fit([[1, 2], [2, 2]])
    with pytest.raises(ParameterError, match=r"Multinomial.fit: every count vector sums to 0"):
        Multinomial.fit([[0, 0], [0, 0]])
    with pytest.raises(ShapeError, match=r"Multinomial.fit: counts must be a 1-D vector or a "
                       r"2-D matrix"):
        Multinomial.fit(np.ones((2, 2, 2)))
    with pytest.raises(NotFiniteError, match=r"Multinomial.fit: counts contains NaN"):
        Multinomial.fit([[1, np.nan]])
