"""Binomial and Bernoulli against scipy.stats.binom / bernoulli, and mpmath for huge n."""

import math
import warnings

import mpmath
import numpy as np
import pytest
import scipy.stats as ss
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathforml.errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
)
from mathforml.probability import Bernoulli, Binomial, Poisson
from tests.probability._discrete_checks import (
    assert_logs,
    assert_probabilities,
    assert_sample_moments,
    mp_binomial_logpmf,
    relative_error,
)
from tests.reference import EPS, assert_close

# p anywhere in [0, 1], the ends included, and also tiny (the Poisson-like regime).
PROBS = st.one_of(st.floats(0, 1), st.floats(1e-12, 1e-3), st.sampled_from([0.0, 1.0, 0.5]))
NS = st.integers(0, 300)
# SciPy's Boost binomial pdf overflows (OverflowError at p = 2.2e-308) or loses digits
# (Bernoulli pmf(0) = 1 - 1.5e-14 at p = 1.9e-58) for extremely small p: compare with it
# for p >= 1e-15 only, and check the tiniest p against closed forms instead.
SCIPY_PROBS = PROBS.filter(lambda p: p == 0 or p >= 1e-15)

# cdf/sf come from the incomplete beta of mathforml.special: measured within 1e-12 of
# SciPy in the bulk (>= 1e-12) and 5e-12 in the tails down to 1e-250 (and of mpmath
# below): both are tested at 1e-10.
CDF_TAIL_RTOL = 1e-10


@st.composite
def binomials_and_points(draw):
    n = draw(NS)
    p = draw(SCIPY_PROBS)
    ints = st.integers(-3, n + 3).map(float)
    # Mostly integers around the support, some non-integers (pmf 0, cdf of the floor).
    points = st.one_of(ints, ints, ints, st.floats(-3, n + 3, allow_nan=False))
    k = draw(hnp.arrays(np.float64, st.integers(0, 12), elements=points))
    return n, p, k


@given(binomials_and_points())
def test_pmf_cdf_sf_equal_scipy(case):
    n, p, k = case
    d, ref = Binomial(n, p), ss.binom(n, p)
    # pmf: Loader's form vs Boost's binomial pdf, both accurate to ~1e-14 everywhere.
    assert_probabilities(d.pmf(k), ref.pmf(k))
    assert_probabilities(d.cdf(k), ref.cdf(k), tail_rtol=CDF_TAIL_RTOL)
    assert_probabilities(d.sf(k), ref.sf(k), tail_rtol=CDF_TAIL_RTOL)


@given(binomials_and_points())
def test_logpmf_equals_scipy(case):
    n, p, k = case
    # SciPy's logpmf is gammaln(n+1) - gammaln(k+1) - gammaln(n-k+1) + ...: its own
    # rounding is ~eps * log(n!) in absolute terms, so that is the tolerance.
    atol = 8 * EPS * (1 + math.lgamma(n + 1))
    with np.errstate(divide="ignore"):
        assert_logs(Binomial(n, p).logpmf(k), ss.binom(n, p).logpmf(k), atol=atol)


@given(NS, SCIPY_PROBS)
def test_summaries_equal_scipy(n, p):
    d, ref = Binomial(n, p), ss.binom(n, p)
    assert_close(d.mean(), ref.mean(), rtol=1e-14)
    # SciPy's variance is n p - n p², which cancels when p is near 1 (error ~ eps n p);
    # ours, n p (1 - p), does not: it must equal the formula to the last bits.
    assert d.var() == n * p * (1 - p) and d.std() == math.sqrt(n * p * (1 - p))
    assert_close(d.var(), ref.var(), rtol=1e-12, atol=8 * EPS * n * p)
    # SciPy sums entr(pmf) = -pmf log(pmf) over 0..n, ours -pmf·logpmf with Loader's
    # logpmf. Where a pmf is near 1, log(pmf) of the rounded pmf is off by ~eps/(1 - pmf)
    # relative in SciPy (checked with mpmath: 2e-10 at n = 4, p = 1.2e-7), so the
    # entropy is compared to 1e-12 relative or 1e-14 nats absolute.
    assert_close(d.entropy(), np.float64(ref.entropy()), rtol=1e-12, atol=1e-14)


@given(NS, PROBS, st.lists(st.floats(0, 1), min_size=1, max_size=10))
def test_ppf_is_the_smallest_k_with_cdf_at_least_q(n, p, qs):
    d = Binomial(n, p)
    q = np.array(qs)
    k = d.ppf(q)
    assert k.dtype == np.float64 and k.shape == q.shape
    inside = (q > 0) & (q < 1)
    # The definition itself, with our own cdf: cdf(k) >= q > cdf(k - 1).
    assert np.all(d.cdf(k[inside]) >= q[inside])
    assert np.all(d.cdf(k[inside] - 1) < q[inside])
    # And SciPy's answer, except where q is within rounding of a cdf value (a tie), or
    # within 1e-12 of 0 or 1: there Boost's quantile is approximate (ppf(3.6e-174) = 0
    # for Binomial(239, 0.8125), whose cdf(0) = 1.8e-174 < q; ppf(1 - 2⁻⁵³) = 2 for
    # Binomial(101, 1e-12), whose cdf(1) = 1 - 5e-21: both wrong, checked with mpmath).
    with warnings.catch_warnings():  # Boost warns "unable to bracket" near q = 1
        warnings.simplefilter("ignore", RuntimeWarning)
        ref = ss.binom(n, p).ppf(q)
    cdf_at = ss.binom(n, p).cdf(np.stack([k, k - 1, ref, ref - 1]))
    tie = np.any(np.abs(cdf_at - q) <= 1e-9 * q, axis=0)
    compare = ~tie & (q >= 1e-12) & (q <= 1 - 1e-12)
    np.testing.assert_array_equal(k[compare], ref[compare])


@given(st.integers(1, 300), st.floats(1e-6, 1 - 1e-6), st.lists(st.floats(0, 1), max_size=20))
def test_ppf_inverts_cdf(n, p, u):
    d = Binomial(n, p)
    k = np.floor(np.array(u) * (n + 1)).clip(0, n)  # integers of the support
    pmf, cdf = d.pmf(k), d.cdf(k)
    # Where the pmf is a visible part of the cdf, cdf(k) > cdf(k - 1) beyond rounding
    # and the quantile of cdf(k) is k itself.
    visible = pmf > 1e-8 * cdf
    np.testing.assert_array_equal(d.ppf(cdf[visible]), k[visible])


# -- huge n: against mpmath ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "p"),
    [(10**9, 0.3), (10**9, 1e-7), (10**9, 0.999), (10**15, 1e-13), (2**53, 0.5)],
)
def test_pmf_of_huge_n_is_accurate_against_mpmath(n, p):
    d = Binomial(n, p)
    mu, sd = n * p, math.sqrt(n * p * (1 - p))
    k = np.unique(np.clip(np.floor(mu + sd * np.arange(-8.0, 9.0)), 0, n))
    pmf, logpmf = d.pmf(k), d.logpmf(k)
    for kk, value, log_value in zip(k, pmf, logpmf, strict=True):
        exact = mp_binomial_logpmf(int(kk), n, p)
        # Loader's form with n p in double-double: measured <= 3e-14; the gammaln
        # formula would be off by ~1e-6 here.
        assert relative_error(value, mpmath.exp(exact)) < 1e-13
        assert abs(float(log_value - exact)) < 1e-13 * max(1.0, abs(float(exact)))


@pytest.mark.parametrize(("n", "p"), [(277, 0.9453125), (1000, 0.01), (60, 0.5)])
def test_deep_tails_are_accurate_against_mpmath(n, p):
    # Down to 1e-300, where SciPy's own values are off by up to a factor 2.
    d = Binomial(n, p)
    k = np.arange(n + 1.0)
    pmf, cdf, sf = d.pmf(k), d.cdf(k), d.sf(k)
    for j in range(n + 1):
        exact_pmf = mpmath.exp(mp_binomial_logpmf(j, n, p))
        if exact_pmf < 1e-300:
            continue
        # A few ulps of the terms of logpmf, and exp turning logpmf's rounding (~ε |logpmf|)
        # into relative error.
        tol = 2e-14 + 2 * EPS * abs(float(mpmath.log(exact_pmf)))
        assert relative_error(pmf[j], exact_pmf) < tol
        if j < n:
            # Both tails directly (1 - the other would need 300 digits), 1 - p exactly.
            exact_sf = mpmath.betainc(j + 1, n - j, 0, p, regularized=True)
            exact_cdf = mpmath.betainc(n - j, j + 1, 0, 1 - mpmath.mpf(p), regularized=True)
            assert relative_error(cdf[j], exact_cdf) < CDF_TAIL_RTOL
            assert relative_error(sf[j], exact_sf) < CDF_TAIL_RTOL


def test_cdf_of_huge_n_equals_scipy():
    # Near the mean, where Boost and our incomplete beta are both accurate.
    n, p = 10**9, 0.3
    k = np.floor(n * p + math.sqrt(n * p * (1 - p)) * np.array([-5.0, -1.0, 0.0, 2.0, 5.0]))
    d, ref = Binomial(n, p), ss.binom(n, p)
    assert_probabilities(d.cdf(k), ref.cdf(k), rtol=1e-9)
    assert_probabilities(d.sf(k), ref.sf(k), rtol=1e-9)
    np.testing.assert_array_equal(d.ppf(d.cdf(k)), k)


def _binomial_tails_quad(n: int, p: float, k: int):
    """(cdf, sf) at k by 40-digit quadrature: sf = I_p(k+1, n-k) = ∫₀ᵖ t^k (1-t)^(n-k-1) / B,
    cdf the same integral over [p, 1], taken in u = 1 - t; split around the peak."""
    with mpmath.workdps(40):
        a, b, x = mpmath.mpf(k + 1), mpmath.mpf(n - k), mpmath.mpf(p)
        lnb = mpmath.loggamma(a) + mpmath.loggamma(b) - mpmath.loggamma(a + b)
        sd = mpmath.sqrt(a * b / (a + b) ** 3)

        def integral(a, b, x):  # ∫₀ˣ t^(a-1) (1-t)^(b-1) dt / B(a, b)
            def f(t):
                return mpmath.exp((a - 1) * mpmath.log(t) + (b - 1) * mpmath.log1p(-t) - lnb)

            centre = a / (a + b)
            points = sorted(c for c in {centre + j * sd for j in range(-12, 13)} if 0 < c < x)
            return mpmath.quad(f, [mpmath.mpf(0)] + points + [x])

        return integral(b, a, 1 - x), integral(a, b, x)


@pytest.mark.parametrize(("n", "p"), [(10**12, 0.3), (10**15, 0.5), (2**53, 1e-6)])
def test_cdf_of_huge_n_is_accurate_against_quadrature(n, p):
    # Both k + 1 and n - k large: Temme's expansion near the mean, the continued fraction
    # beyond (< 80 steps), so no limit on n (the fraction alone needed ~sqrt(n p q) steps).
    # λ = (n - k)(1 - p) - (k + 1) p is formed from p in twice the working precision:
    # fl(1 - p) would cost sqrt(n) ε (1e-9 at n = 1e15). Measured 4e-15; allowed 1e-13.
    d = Binomial(n, p)
    mu, sd = n * p, math.sqrt(n * p * (1 - p))
    k = np.floor(mu + sd * np.array([-6.0, -1.0, 0.0, 2.0, 6.0]))
    cdf, sf = d.cdf(k), d.sf(k)
    for j, (c, s) in enumerate(zip(cdf, sf, strict=True)):
        exact_cdf, exact_sf = _binomial_tails_quad(n, p, int(k[j]))
        assert relative_error(c, exact_cdf) < 1e-13
        assert relative_error(s, exact_sf) < 1e-13
    np.testing.assert_array_equal(d.ppf(cdf), k)


def test_tiny_p_with_huge_n_is_the_poisson_limit():
    # Binomial(10¹², 10⁻¹²) is Poisson(1) up to O(p): the cdf must not lose the digits of
    # p (as I_{1-p}(n-k, k+1) would, by rounding 1 - p first).
    n, p = 10**12, 1e-12
    k = np.arange(6.0)
    assert_probabilities(Binomial(n, p).cdf(k), ss.binom(n, p).cdf(k), rtol=1e-10)
    assert_close(Binomial(n, p).cdf(k), Poisson(1.0).cdf(k), rtol=1e-10)


def test_entropy_switches_to_its_expansion_seamlessly():
    # Just below σ² = 1e7 the entropy is summed over the support; the expansion used
    # above it must agree there to its O(1/σ⁴) error.
    p = 0.3
    n = int(0.999e7 / (p * (1 - p)))
    var = n * p * (1 - p)
    summed = Binomial(n, p).entropy()
    expansion = 0.5 * math.log(2 * math.pi * math.e * var) - (1 - 2 * p) ** 2 / (12 * var)
    assert abs(summed - expansion) < 1e-13
    # And the entropy of a huge binomial is the Gaussian one to O(1/σ²).
    big = Binomial(10**12, 0.5)
    assert abs(big.entropy() - 0.5 * math.log(2 * math.pi * math.e * 2.5e11)) < 1e-12


def test_entropy_matches_scipy_for_a_large_support():
    d, ref = Binomial(20000, 0.37), ss.binom(20000, 0.37)
    assert_close(d.entropy(), np.float64(ref.entropy()), rtol=1e-12)


# -- edges --------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "p"), [(5, 0.0), (5, 1.0), (0, 0.3), (0, 0.0), (1, 1.0)])
def test_degenerate_distributions_equal_scipy(n, p):
    d, ref = Binomial(n, p), ss.binom(n, p)
    k = np.array([-1.0, 0.0, 0.5, 1.0, n - 1.0, n, n + 1.0, np.inf, -np.inf])
    np.testing.assert_array_equal(d.pmf(k), ref.pmf(k))
    np.testing.assert_array_equal(d.cdf(k), ref.cdf(k))
    np.testing.assert_array_equal(d.sf(k), ref.sf(k))
    with np.errstate(divide="ignore"):
        np.testing.assert_array_equal(d.logpmf(k), ref.logpmf(k))
    q = np.array([0.0, 1e-300, 0.5, 1.0])
    np.testing.assert_array_equal(d.ppf(q), ref.ppf(q))
    assert d.entropy() == 0.0 and d.var() == 0.0
    np.testing.assert_array_equal(d.sample(100, rng=1), np.full(100, d.mean()))


@pytest.mark.parametrize("p", [1e-300, 2.2e-308, 5e-324])
def test_extremely_small_p_against_closed_forms(p):
    # SciPy overflows here (Boost's ibeta_derivative); the first terms are exact forms:
    # P(0) = (1-p)ⁿ, P(1) = n p (1-p)ⁿ⁻¹, P(X > 0) = 1 - (1-p)ⁿ ≈ n p.
    n = 7
    d = Binomial(n, p)
    assert d.pmf(0) == 1.0 and d.cdf(0) == 1.0 and d.logpmf(0) == n * math.log1p(-p)
    np.testing.assert_allclose(d.pmf(1), n * p, rtol=EPS * (8 + abs(math.log(n * p))))
    np.testing.assert_allclose(d.sf(0), n * p, rtol=1e-12)
    assert d.ppf(0.5) == 0.0 and d.ppf(1.0) == n


def test_points_outside_the_support_and_non_integers():
    d = Binomial(4, 0.5)
    k = [-1, 2.5, 5, np.inf, -np.inf, 1e300]
    np.testing.assert_array_equal(d.pmf(k), [0, 0, 0, 0, 0, 0])
    np.testing.assert_array_equal(d.logpmf(k), [-np.inf] * 6)
    np.testing.assert_array_equal(d.cdf(k), [0, d.cdf(2), 1, 1, 0, 1])


def test_scalars_arrays_integers_and_empty_input():
    d = Binomial(10, 0.3)
    # A scalar gives a NumPy float64 scalar, as SciPy; integer input is fine.
    for method in ("pmf", "logpmf", "cdf", "sf"):
        value = getattr(d, method)(3)
        assert type(value) is np.float64
        assert_close(value, getattr(ss.binom(10, 0.3), method)(3), rtol=1e-12)
    assert type(d.ppf(0.5)) is np.float64
    k = np.array([[0, 1], [2, 3]])  # integer dtype, 2-D
    assert_close(d.pmf(k), ss.binom(10, 0.3).pmf(k), rtol=1e-12)
    for method in ("pmf", "logpmf", "cdf", "sf", "ppf"):
        out = getattr(d, method)([])
        assert out.shape == (0,) and out.dtype == np.float64


def test_repr_equality_and_read_only_parameters():
    d = Binomial(10, 0.25)
    assert repr(d) == "Binomial(n=10, p=0.25)"
    assert d == Binomial(10, 0.25) and d != Binomial(10, 0.5) and d != Bernoulli(0.25)
    with pytest.raises(AttributeError, match="immutable"):
        d.p = 0.5


# -- sampling and fitting -----------------------------------------------------------------


@pytest.mark.parametrize(("n", "p"), [(10, 0.3), (1000, 0.01), (10**9, 0.5), (3, 0.999)])
def test_sample_moments_within_five_standard_errors(n, p):
    draws = Binomial(n, p).sample(10**6, rng=12345)
    assert draws.shape == (10**6,) and draws.dtype == np.int64
    assert draws.min() >= 0 and draws.max() <= n
    assert_sample_moments(draws, n * p, n * p * (1 - p))


def test_sample_shapes_and_seeds():
    d = Binomial(7, 0.4)
    one = d.sample(rng=3)
    assert type(one) is np.int64
    assert d.sample((2, 3), rng=3).shape == (2, 3)
    np.testing.assert_array_equal(d.sample(50, rng=9), d.sample(50, rng=9))
    rng = np.random.default_rng(0)
    assert not np.array_equal(d.sample(50, rng=rng), d.sample(50, rng=rng))


@given(st.integers(1, 50), hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(0, 1)))
def test_fit_is_the_mean_over_n(n, u):
    data = np.floor(u * (n + 1)).clip(0, n)  # integers in 0..n
    fitted = Binomial.fit(data, n=n)
    assert fitted.n == n
    assert_close(np.float64(fitted.p), np.float64(data.mean() / n), rtol=1e-15)


def test_fit_maximizes_the_likelihood_like_scipy_fit():
    # scipy.stats.fit maximizes the likelihood numerically over p for fixed n.
    data = Binomial(12, 0.37).sample(500, rng=5)
    ours = Binomial.fit(data, n=12)
    theirs = ss.fit(ss.binom, data, bounds={"n": (12, 12), "p": (0, 1)})
    # Differential evolution stops at a relative tolerance ~1e-4 of the likelihood.
    assert abs(theirs.params.p - ours.p) < 1e-3
    assert np.sum(ours.logpmf(data)) >= np.sum(ss.binom(12, theirs.params.p).logpmf(data))


# -- Bernoulli ----------------------------------------------------------------------------


@given(PROBS)
def test_bernoulli_equals_its_closed_forms(p):
    d = Bernoulli(p)
    k = np.array([-1.0, 0.0, 0.5, 1.0, 2.0, np.inf])
    np.testing.assert_array_equal(d.pmf(k), [0, 1 - p, 0, p, 0, 0])
    np.testing.assert_array_equal(d.cdf(k), [0, 1 - p, 1 - p, 1, 1, 1])
    np.testing.assert_array_equal(d.sf(k), [1, p, p, 0, 0, 0])
    with np.errstate(divide="ignore"):
        np.testing.assert_array_equal(
            d.logpmf(k), [-np.inf, np.log1p(-p), -np.inf, np.log(p), -np.inf, -np.inf]
        )
    # -p log p - (1 - p) log(1 - p), with log1p: log(1 - p) of the rounded 1 - p would
    # lose the digits of a tiny p.
    entr = (-p * math.log(p) if p > 0 else 0.0) + (-(1 - p) * math.log1p(-p) if p < 1 else 0.0)
    assert_close(d.entropy(), np.float64(entr), rtol=1e-15)
    # Binomial's pmf is exp(logpmf), which carries |logpmf|·ε of relative rounding.
    rtol = EPS * (8 + abs(math.log(p))) if p > 0 else 0.0
    assert_close(Binomial(1, p).entropy(), np.float64(entr), rtol=rtol, atol=1e-300)


@given(SCIPY_PROBS)
def test_bernoulli_equals_scipy(p):
    d, ref = Bernoulli(p), ss.bernoulli(p)
    k = np.array([-1.0, 0.0, 0.5, 1.0, 2.0, np.inf])
    # SciPy computes 1 - p through an incomplete beta: a few ulps of rounding.
    for method in ("pmf", "cdf", "sf"):
        assert_probabilities(getattr(d, method)(k), getattr(ref, method)(k), rtol=1e-14)
    with np.errstate(divide="ignore"):
        assert_logs(d.logpmf(k), ref.logpmf(k), atol=1e-15)
    q = np.array([0.0, 1e-9, 0.3, 0.7, 0.999, 1.0])
    q = q[np.abs(q - (1 - p)) > 1e-12]  # a tie with cdf(0) = 1 - p is rounding either way
    np.testing.assert_array_equal(d.ppf(q), ref.ppf(q))
    assert_close(d.mean(), ref.mean(), rtol=1e-15)
    assert d.var() == p * (1 - p)  # SciPy's p - p² cancels near p = 1: ~eps p absolute
    assert_close(d.var(), ref.var(), rtol=1e-15, atol=4 * EPS * p)
    # SciPy's entr(1 - p) rounds 1 - p first: off by ~1e-17 nats (7.7e-7 relative at
    # p = 1e-12, checked with mpmath); ours is exact (see the closed-form test).
    assert_close(d.entropy(), np.float64(ref.entropy()), rtol=1e-14, atol=1e-16)


def test_bernoulli_is_binomial_with_one_trial():
    k = np.array([0.0, 1.0])
    for p in (0.0, 0.2, 1.0):
        assert_close(Bernoulli(p).pmf(k), Binomial(1, p).pmf(k), rtol=1e-15)
        assert_close(Bernoulli(p).entropy(), Binomial(1, p).entropy(), rtol=1e-14)


def test_bernoulli_sample_and_fit():
    draws = Bernoulli(0.3).sample(10**6, rng=2)
    assert draws.dtype == np.int64 and set(np.unique(draws)) <= {0, 1}
    assert_sample_moments(draws, 0.3, 0.21)
    assert Bernoulli.fit(draws).p == draws.mean()
    assert Bernoulli.fit([True, False, True, True]) == Bernoulli(0.75)
    assert Bernoulli.fit([0, 0]) == Bernoulli(0.0)
    np.testing.assert_array_equal(Bernoulli(1.0).sample(5, rng=0), np.ones(5))


# -- errors -------------------------------------------------------------------------------


def test_invalid_parameters_raise_clear_errors():
    with pytest.raises(ParameterError, match=r"Binomial: n must be a non-negative integer, got -1"):
        Binomial(-1, 0.5)
    with pytest.raises(ParameterError, match=r"Binomial: n must be a non-negative integer"):
        Binomial(2.5, 0.5)
    with pytest.raises(ParameterError, match=r"n must be at most 2\*\*53"):
        Binomial(2**53 + 1, 0.5)
    with pytest.raises(ParameterError, match=r"Binomial: p must lie in \[0, 1\], got 1.5"):
        Binomial(3, 1.5)
    with pytest.raises(ParameterError, match=r"Binomial: p must lie in \[0, 1\], got nan"):
        Binomial(3, float("nan"))
    with pytest.raises(DTypeError, match=r"Binomial: p must be a real number"):
        Binomial(3, "0.5")
    with pytest.raises(ParameterError, match=r"Bernoulli: p must lie in \[0, 1\], got -0.1"):
        Bernoulli(-0.1)


def test_invalid_points_and_quantiles_raise_clear_errors():
    d = Binomial(3, 0.5)
    with pytest.raises(NotFiniteError, match=r"Binomial.pmf: k contains NaN"):
        d.pmf([1, np.nan])
    with pytest.raises(NotFiniteError, match=r"Bernoulli.cdf: k contains NaN"):
        Bernoulli(0.5).cdf(np.nan)
    with pytest.raises(ParameterError, match=r"Binomial.ppf: q must hold probabilities in"):
        d.ppf([0.5, 1.5])
    with pytest.raises(ShapeError, match=r"Binomial.sf: k is a ragged nested sequence"):
        d.sf([[1, 2], [3]])
    with pytest.raises(ParameterError, match=r"Binomial.sample: size must be None"):
        d.sample(-1)


def test_invalid_data_for_fit_raises_clear_errors():
    with pytest.raises(ParameterError, match=r"Binomial.fit: data is empty"):
        Binomial.fit([], n=3)
    with pytest.raises(NotFiniteError, match=r"Binomial.fit: data contains NaN"):
        Binomial.fit([1, np.nan], n=3)
    with pytest.raises(
        ParameterError, match=r"Binomial.fit: data must hold integers in the support 0..3, "
        r"got 4.0 at index 1"
    ):
        Binomial.fit([1, 4], n=3)
    with pytest.raises(ParameterError, match=r"got -1.0 at index 0"):
        Binomial.fit([-1, 2], n=3)
    with pytest.raises(ParameterError, match=r"got 1.5 at index 0"):
        Binomial.fit([1.5], n=3)
    with pytest.raises(ParameterError, match=r"Binomial.fit: n must be a positive integer"):
        Binomial.fit([0, 0], n=0)
    with pytest.raises(TypeError, match=r"n"):
        Binomial.fit([1, 2])  # n is required: the data cannot tell it
    with pytest.raises(ParameterError, match=r"Bernoulli.fit: data must hold integers in "
                       r"the support 0..1, got 2.0 at index 2"):
        Bernoulli.fit([0, 1, 2])
    with pytest.raises(ShapeError, match=r"Bernoulli.fit: data must be a 1-D vector"):
        Bernoulli.fit([[0, 1]])


class _BrokenPoisson(Poisson):
    """A cdf that never reaches q: only a bug could do this, and ppf must not hang."""

    def _cdf_int(self, k):
        return np.full(k.shape, 0.5)


def test_ppf_search_gives_up_with_a_convergence_error_instead_of_hanging():
    with pytest.raises(ConvergenceError, match=r"_BrokenPoisson.ppf: no bracket"):
        _BrokenPoisson(3.0).ppf(0.9)
