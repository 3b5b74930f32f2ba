"""Poisson against scipy.stats.poisson, and mpmath where SciPy loses digits (huge λ)."""

import math
import warnings

import mpmath
import numpy as np
import pytest
import scipy.stats as ss
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathforml.errors import DTypeError, NotFiniteError, ParameterError
from mathforml.probability import Binomial, Poisson
from tests.probability._discrete_checks import (
    assert_logs,
    assert_probabilities,
    assert_sample_moments,
    mp_poisson_logpmf,
    relative_error,
)
from tests.reference import EPS, assert_close

# SciPy's pmf is exp(k log λ - λ - gammaln(k + 1)): terms of size λ cancel, so it is
# itself only good to ~eps·λ·log λ relative. Up to λ = 1000 that is < 1e-12, and it is
# the reference; beyond, mpmath is.
RATES = st.one_of(st.floats(0, 1000), st.floats(1e-12, 1e-3), st.sampled_from([0.0, 1.0]))


@st.composite
def poissons_and_points(draw):
    lam = draw(RATES)
    top = int(lam + 12 * math.sqrt(lam) + 20)
    ints = st.integers(-3, top).map(float)
    points = st.one_of(ints, ints, ints, st.floats(-3, top, allow_nan=False))
    return lam, draw(hnp.arrays(np.float64, st.integers(0, 12), elements=points))


@given(poissons_and_points())
def test_pmf_cdf_sf_equal_scipy(case):
    lam, k = case
    d, ref = Poisson(lam), ss.poisson(lam)
    # Bulk 1e-10; tails: SciPy's exp(logpmf) and the incomplete gamma both keep ~1e-12
    # down to 1e-250 here (λ <= 1000), so the same tolerance holds.
    assert_probabilities(d.pmf(k), ref.pmf(k))
    assert_probabilities(d.cdf(k), ref.cdf(k))
    assert_probabilities(d.sf(k), ref.sf(k))


@given(poissons_and_points())
def test_logpmf_equals_scipy(case):
    lam, k = case
    # SciPy's own rounding: eps times the size of the terms k log λ, λ, log k!.
    atol = 8 * EPS * (1 + lam + np.max(np.abs(k), initial=0) * (1 + abs(math.log(lam or 1))))
    with np.errstate(divide="ignore"):
        assert_logs(Poisson(lam).logpmf(k), ss.poisson(lam).logpmf(k), atol=atol)


@given(RATES)
def test_summaries_equal_scipy(lam):
    d, ref = Poisson(lam), ss.poisson(lam)
    assert d.mean() == lam and d.var() == lam and d.std() == math.sqrt(lam)
    with np.errstate(over="ignore"):  # SciPy's kurtosis 1/λ overflows for subnormal λ
        assert_close(d.mean(), ref.mean(), rtol=1e-15)
        assert_close(d.var(), ref.var(), rtol=1e-15)
    # SciPy's generic entropy (a series summed to convergence) fails beyond λ = 100
    # (poisson(1e4).entropy() is off by 4e-4, with a warning), and overflows for
    # subnormal λ; tiny and huge λ are checked against their series below.
    if lam == 0 or 1e-100 <= lam <= 100:
        assert_close(d.entropy(), np.float64(ref.entropy()), rtol=1e-12, atol=1e-14)


@given(RATES, st.lists(st.floats(0, 1), min_size=1, max_size=10))
def test_ppf_is_the_smallest_k_with_cdf_at_least_q(lam, qs):
    d = Poisson(lam)
    q = np.array(qs)
    k = d.ppf(q)
    assert k.dtype == np.float64 and k.shape == q.shape
    inside = (q > 0) & (q < 1)
    assert np.all(d.cdf(k[inside]) >= q[inside])
    assert np.all(d.cdf(k[inside] - 1) < q[inside])
    # SciPy's answer, except at ties (q within rounding of a cdf value) and within 1e-12
    # of 0 or 1, where Boost's quantile is approximate (see test_binomial.py).
    with warnings.catch_warnings():  # Boost warns "unable to bracket" near q = 1
        warnings.simplefilter("ignore", RuntimeWarning)
        ref = ss.poisson(lam).ppf(q)
    cdf_at = ss.poisson(lam).cdf(np.stack([k, k - 1, ref, ref - 1]))
    tie = np.any(np.abs(cdf_at - q) <= 1e-9 * q, axis=0)
    compare = ~tie & (q >= 1e-12) & (q <= 1 - 1e-12)
    np.testing.assert_array_equal(k[compare], ref[compare])


@given(st.floats(1e-3, 1000), st.lists(st.floats(0, 1), max_size=20))
def test_ppf_inverts_cdf(lam, u):
    d = Poisson(lam)
    k = np.floor(np.array(u) * (lam + 10 * math.sqrt(lam) + 10))
    pmf, cdf = d.pmf(k), d.cdf(k)
    visible = pmf > 1e-8 * cdf  # cdf(k) > cdf(k - 1) beyond rounding
    np.testing.assert_array_equal(d.ppf(cdf[visible]), k[visible])


# -- huge and tiny λ ----------------------------------------------------------------------


@pytest.mark.parametrize("lam", [1e4, 1e6, 1e9, 1e12, 1e15])
def test_pmf_of_huge_rate_is_accurate_against_mpmath(lam):
    d = Poisson(lam)
    k = np.floor(lam + math.sqrt(lam) * np.arange(-8.0, 9.0, 2.0))
    for kk, value, log_value in zip(k, d.pmf(k), d.logpmf(k), strict=True):
        exact = mp_poisson_logpmf(int(kk), lam)
        # Loader's form: measured <= 4e-15 relative; SciPy's formula loses ~eps·λ log λ
        # (2e-10 at λ = 1e5, all digits at λ = 1e15).
        assert relative_error(value, mpmath.exp(exact)) < 2e-14
        assert abs(float(log_value - exact)) < 2e-14 * max(1.0, abs(float(exact)))


def _gamma_tail_quad(a: float, x: float, upper: bool):
    """Q(a, x) (upper) or P(a, x) by 40-digit quadrature of t^(a-1) e^-t / Γ(a), split
    around its peak (width sqrt(a)); mpmath's own gammainc takes minutes beyond a = 1e10."""
    with mpmath.workdps(40):
        a, x = mpmath.mpf(a), mpmath.mpf(x)
        lg = mpmath.loggamma(a)

        def f(t):
            return mpmath.exp((a - 1) * mpmath.log(t) - t - lg)

        points = sorted({a - 1 + k * mpmath.sqrt(a) for k in range(-12, 13)} | {x})
        if upper:
            return mpmath.quad(f, [p for p in points if p >= x] + [mpmath.inf])
        return mpmath.quad(f, [mpmath.mpf(0)] + [p for p in points if 0 < p <= x])


@pytest.mark.parametrize("lam", [1e6, 1e9, 1e12, 1e15])
def test_cdf_of_a_large_rate_is_accurate_against_mpmath(lam):
    # P(X <= k) = Q(k + 1, λ), P(X > k) = P(k + 1, λ): Temme's expansion of the incomplete
    # gamma near k = λ, so there is no limit on λ (the series used to need ~9 sqrt(λ)
    # terms). SciPy is off by 6.6e-7 at λ = 1e6, k = λ + 6σ (mpmath agrees with ours).
    # The reference is 40-digit quadrature; measured agreement 2e-15, allowed 1e-13.
    k = np.floor(lam + math.sqrt(lam) * np.array([-6.0, -1.0, 0.0, 1.0, 6.0]))
    d = Poisson(lam)
    for kk, cdf, sf in zip(k, d.cdf(k), d.sf(k), strict=True):
        a = kk + 1  # compute the smaller tail, the other is 1 minus it (40 digits)
        if a > lam:
            exact_sf = _gamma_tail_quad(a, lam, upper=False)
            exact_cdf = 1 - exact_sf
        else:
            exact_cdf = _gamma_tail_quad(a, lam, upper=True)
            exact_sf = 1 - exact_cdf
        assert relative_error(cdf, exact_cdf) < 1e-13
        assert relative_error(sf, exact_sf) < 1e-13
        assert relative_error(d.cdf(float(kk)), exact_cdf) < 1e-13  # the scalar path
    np.testing.assert_array_equal(d.ppf(d.cdf(k)), k)


@pytest.mark.parametrize("lam", [1e-300, 5e-324, 1e-20])
def test_tiny_rates(lam):
    d = Poisson(lam)
    k = np.array([0.0, 1.0, 2.0])
    # P(0) = e^-λ, P(1) = λ e^-λ, P(2) = λ² e^-λ / 2 (which underflows for these λ).
    expected = np.array([math.exp(-lam), lam * math.exp(-lam), lam * lam / 2])
    # pmf = exp(logpmf): the exponential turns the rounding of logpmf (~ε |logpmf|,
    # with |log λ| up to 745 here) into a relative error.
    np.testing.assert_allclose(d.pmf(k), expected, rtol=EPS * (8 + abs(math.log(lam))))
    assert d.logpmf(1.0) == math.log(lam) - lam
    assert d.cdf(0) == math.exp(-lam) and d.ppf(0.5) == 0.0
    # H = λ (1 - log λ) + O(λ² log λ): -P(0) log P(0) - P(1) log P(1).
    rtol = EPS * (8 + abs(math.log(lam)))  # the pmf's exp(logpmf) rounding, as above
    assert_close(d.entropy(), np.float64(lam * (1 - math.log(lam))), rtol=rtol)


def test_zero_rate_is_certain_zero_like_scipy():
    d, ref = Poisson(0.0), ss.poisson(0.0)
    k = np.array([-1.0, 0.0, 0.5, 1.0, np.inf])
    np.testing.assert_array_equal(d.pmf(k), ref.pmf(k))
    np.testing.assert_array_equal(d.cdf(k), ref.cdf(k))
    np.testing.assert_array_equal(d.sf(k), ref.sf(k))
    with np.errstate(divide="ignore"):
        np.testing.assert_array_equal(d.logpmf(k), ref.logpmf(k))
    q = np.array([0.0, 0.5, 1.0])
    np.testing.assert_array_equal(d.ppf(q), ref.ppf(q))  # -1, 0, inf
    assert d.entropy() == 0.0
    np.testing.assert_array_equal(d.sample(10, rng=0), np.zeros(10))


def test_entropy_switches_to_its_expansion_seamlessly():
    # Summed over the support just below λ = 1e7; the series above must agree there.
    lam = 0.999e7
    series = 0.5 * math.log(2 * math.pi * math.e * lam) - 1 / (12 * lam) - 1 / (24 * lam**2)
    assert abs(Poisson(lam).entropy() - series) < 1e-14
    # SciPy fails here (see test_summaries_equal_scipy); the series is the reference.
    assert abs(Poisson(1e12).entropy() - 0.5 * math.log(2 * math.pi * math.e * 1e12)) < 1e-12


def test_points_scalars_and_empty_input():
    d = Poisson(2.5)
    np.testing.assert_array_equal(d.pmf([-1, 1.5, np.inf]), [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(d.cdf([-np.inf, np.inf, 1e300]), [0.0, 1.0, 1.0])
    assert type(d.pmf(2)) is np.float64 and type(d.ppf(0.3)) is np.float64
    assert_close(d.cdf(np.array([2, 3])), ss.poisson(2.5).cdf([2, 3]), rtol=1e-12)
    for method in ("pmf", "logpmf", "cdf", "sf", "ppf"):
        assert getattr(d, method)(np.zeros((0, 2))).shape == (0, 2)
    assert repr(d) == "Poisson(lam=2.5)" and d == Poisson(2.5)


def test_poisson_is_the_limit_of_binomials():
    # Binomial(n, λ/n) -> Poisson(λ) with relative error O(k²/n) = O(1e-7) here.
    k = np.arange(10.0)
    assert_close(Binomial(10**9, 3e-9).pmf(k), Poisson(3.0).pmf(k), rtol=1e-7)


# -- sampling and fitting -----------------------------------------------------------------


@pytest.mark.parametrize("lam", [0.5, 7.0, 300.0, 1e9])
def test_sample_moments_within_five_standard_errors(lam):
    draws = Poisson(lam).sample(10**6, rng=777)
    assert draws.dtype == np.int64 and draws.shape == (10**6,) and draws.min() >= 0
    assert_sample_moments(draws, lam, lam)


@given(hnp.arrays(np.int64, st.integers(1, 40), elements=st.integers(0, 10**6)))
def test_fit_is_the_mean(data):
    assert Poisson.fit(data).lam == data.astype(float).mean()


def test_fit_maximizes_the_likelihood_like_scipy_fit():
    data = Poisson(4.2).sample(400, rng=8)
    ours = Poisson.fit(data)
    theirs = ss.fit(ss.poisson, data, bounds={"mu": (0, 20)})
    # Differential evolution stops at a relative tolerance ~1e-4 of the likelihood.
    assert abs(theirs.params.mu - ours.lam) < 1e-2
    assert np.sum(ours.logpmf(data)) >= np.sum(ss.poisson(theirs.params.mu).logpmf(data))


# -- errors -------------------------------------------------------------------------------


def test_errors():
    with pytest.raises(ParameterError, match=r"Poisson: lam must be a finite number >= 0, got -1"):
        Poisson(-1)
    with pytest.raises(ParameterError, match=r"Poisson: lam must be a finite number >= 0, got inf"):
        Poisson(float("inf"))
    with pytest.raises(ParameterError, match=r"got nan"):
        Poisson(float("nan"))
    with pytest.raises(DTypeError, match=r"Poisson: lam must be a real number, got '2'"):
        Poisson("2")
    with pytest.raises(DTypeError, match=r"Poisson: lam must be a real number, got True"):
        Poisson(True)
    with pytest.raises(NotFiniteError, match=r"Poisson.logpmf: k contains NaN"):
        Poisson(1.0).logpmf([np.nan])
    with pytest.raises(ParameterError, match=r"Poisson.ppf: q must hold probabilities in"):
        Poisson(1.0).ppf(-0.5)
    with pytest.raises(ParameterError, match=r"Poisson.sample: lam = 1e\+19 is too large"):
        Poisson(1e19).sample(rng=0)
    with pytest.raises(ParameterError, match=r"Poisson.fit: data is empty"):
        Poisson.fit([])
    with pytest.raises(
        ParameterError,
        match=r"Poisson.fit: data must hold integers in the support 0, 1, \.\.\., got -2.0",
    ):
        Poisson.fit([1, -2])
    with pytest.raises(NotFiniteError, match=r"Poisson.fit: data contains infinity"):
        Poisson.fit([1, np.inf])
