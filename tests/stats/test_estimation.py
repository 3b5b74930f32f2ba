"""MLE and MAP: closed forms, SciPy's fits, conjugate posteriors, and MAP = ridge (scikit-learn)."""

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.linear_model import Ridge

import mathforml.stats as ms
from mathforml.errors import NotFiniteError, ParameterError, ShapeError
from mathforml.probability import Bernoulli, Beta, Binomial, Normal, Poisson, Uniform
from tests.reference import EPS, assert_close

DATA = st.floats(-100, 100, allow_nan=False, allow_infinity=False, allow_subnormal=False)


# --- maximum likelihood ------------------------------------------------------------------------


@given(hnp.arrays(np.float64, st.integers(2, 40), elements=DATA))
def test_mle_normal_is_the_closed_form_and_scipys_fit(x):
    # Constant data have no normal MLE (sigma = 0): Normal.fit refuses. (Below ~1e-150 its
    # squares underflow and it refuses too: that is Normal's business, not mle's.)
    assume(np.std(x) > 1e-100)
    fitted = ms.mle(Normal, x)
    assert isinstance(fitted, Normal)
    mu, sigma = scipy.stats.norm.fit(x)  # SciPy's MLE: mean and std with ddof = 0
    scale = np.abs(x).max()
    assert fitted.mu == pytest.approx(mu, rel=1e-12, abs=x.size * EPS * scale)
    # √ of a variance with absolute error ~ n ε scale²: error <= √(n ε) scale.
    assert fitted.sigma == pytest.approx(sigma, rel=1e-10, abs=np.sqrt(x.size * EPS) * scale)


@given(hnp.arrays(np.float64, st.integers(1, 40), elements=st.sampled_from([0.0, 1.0])))
def test_mle_bernoulli_is_the_success_fraction(x):
    assert ms.mle(Bernoulli, x).p == pytest.approx(x.mean(), rel=1e-15)


def test_mle_passes_known_parameters_and_fits_other_families():
    k = np.array([3, 5, 2, 6, 4])
    assert ms.mle(Binomial, k, n=10) == Binomial(10, k.sum() / 50)
    assert ms.mle(Poisson, k).lam == pytest.approx(k.mean(), rel=1e-15)
    u = ms.mle(Uniform, [0.2, 0.9, 0.5])
    loc, scale = scipy.stats.uniform.fit([0.2, 0.9, 0.5])  # MLE: [min, max]
    assert (u.low, u.high) == pytest.approx((loc, loc + scale), rel=1e-15)


def test_mle_errors():
    with pytest.raises(ParameterError, match="mle: distribution must be a distribution class "
                                             "with a fit method.*pass the class Normal, not"):
        ms.mle(Normal(0, 1), [1.0, 2.0])
    with pytest.raises(ParameterError, match="mle: distribution must be a distribution class"):
        ms.mle("Normal", [1.0, 2.0])
    with pytest.raises(ParameterError, match="mle: Normal.fit takes no known parameter 'sigma';"
                                             " its known parameters are: none"):
        ms.mle(Normal, [1.0, 2.0], sigma=1.0)
    with pytest.raises(ParameterError, match="Binomial.fit takes no known parameter 'm'; its "
                                             "known parameters are: n"):
        ms.mle(Binomial, [1, 2], m=3)
    with pytest.raises(NotFiniteError):
        ms.mle(Normal, [1.0, np.nan])


# --- MAP: Beta–Bernoulli ---------------------------------------------------------------------


@given(hnp.arrays(np.float64, st.integers(1, 40), elements=st.sampled_from([0.0, 1.0])),
       st.floats(0.1, 20), st.floats(0.1, 20))
def test_beta_bernoulli_map_is_the_posterior_mode(x, a, b):
    n, k = x.size, x.sum()
    r = ms.map_estimate(Bernoulli, x, prior=Beta(a, b))
    assert r.posterior == Beta(a + k, b + n - k)  # conjugacy
    post = scipy.stats.beta(a + k, b + n - k)
    if a + k > 1 and b + n - k > 1:
        assert r.estimate == pytest.approx((k + a - 1) / (n + a + b - 2), rel=1e-14)
    # the estimate maximises the posterior density (checked on a grid, with SciPy's pdf)
    grid = np.linspace(0, 1, 2001)
    with np.errstate(divide="ignore"):
        best = grid[np.argmax(post.logpdf(grid))]
    assert abs(r.estimate - best) <= 1 / 2000 + 1e-12


@pytest.mark.parametrize("x, a, b, expected", [
    ([1, 1, 1], 2, 2, 0.8),            # (3 + 1) / (3 + 2)
    ([1, 0, 1, 1], 1, 1, 0.75),        # flat prior: MAP = MLE = k/n
    ([0, 0, 0], 0.5, 3, 0.0),          # k = 0, α <= 1: the density is largest at p = 0
    ([1, 1], 5, 0.5, 1.0),             # k = n, β <= 1: largest at p = 1
    ([0, 0], 1, 1, 0.0),               # flat prior, k = 0: α' = 1, the mode is 0 (= MLE)
])  # fmt: skip
def test_beta_bernoulli_map_named_cases(x, a, b, expected):
    assert ms.map_estimate(Bernoulli, x, prior=Beta(a, b)).estimate == pytest.approx(
        expected, rel=1e-15, abs=0)


# --- MAP: Normal mean ---------------------------------------------------------------------------


@given(hnp.arrays(np.float64, st.integers(1, 40), elements=DATA), st.floats(-10, 10),
       st.floats(0.1, 10), st.floats(0.1, 10))
def test_normal_mean_map_is_the_precision_weighted_average(x, mu0, tau, sigma):
    r = ms.map_estimate(Normal, x, prior=Normal(mu0, tau), sigma=sigma)
    n = x.size
    precision = 1 / tau**2 + n / sigma**2
    mu_n = (mu0 / tau**2 + n * x.mean() / sigma**2) / precision
    assert r.estimate == pytest.approx(mu_n, rel=1e-12, abs=1e-12 * np.abs(x).max())
    assert r.posterior.mu == r.estimate
    assert r.posterior.sigma == pytest.approx(1 / math.sqrt(precision), rel=1e-14)
    # The MAP maximises log-likelihood + log-prior: the derivative vanishes there.
    grad = np.sum(x - r.estimate) / sigma**2 - (r.estimate - mu0) / tau**2
    assert abs(grad) <= 1e-9 * (n * np.abs(x).max() / sigma**2 + abs(mu0) / tau**2 + 1)


def test_normal_mean_map_between_prior_and_data():
    x = np.full(4, 10.0)
    weak = ms.map_estimate(Normal, x, prior=Normal(0, 100), sigma=1).estimate
    strong = ms.map_estimate(Normal, x, prior=Normal(0, 0.01), sigma=1).estimate
    assert 9.99 < weak < 10 and 0 < strong < 0.01


def test_map_estimate_errors():
    with pytest.raises(ParameterError, match="map_estimate: no closed form for a Normal "
                                             "likelihood with prior Beta"):
        ms.map_estimate(Normal, [1.0], prior=Beta(2, 2))
    with pytest.raises(ParameterError, match="no closed form for a Poisson likelihood"):
        ms.map_estimate(Poisson, [1.0], prior=Beta(2, 2))
    with pytest.raises(ParameterError, match="needs the known noise standard deviation"):
        ms.map_estimate(Normal, [1.0], prior=Normal(0, 1))
    with pytest.raises(ParameterError, match="takes only the known parameter 'sigma', got 'mu'"):
        ms.map_estimate(Normal, [1.0], prior=Normal(0, 1), sigma=1.0, mu=2.0)
    with pytest.raises(ParameterError, match="Beta–Bernoulli MAP takes no known parameters"):
        ms.map_estimate(Bernoulli, [1.0], prior=Beta(1, 1), n=3)
    with pytest.raises(ParameterError, match="Bernoulli data must be 0 or 1, got 2"):
        ms.map_estimate(Bernoulli, [1.0, 2.0], prior=Beta(1, 1))
    with pytest.raises(ParameterError, match="sigma must be a finite number > 0, got -1"):
        ms.map_estimate(Normal, [1.0], prior=Normal(0, 1), sigma=-1)
    for dist, prior, kw in ((Bernoulli, Beta(1, 1), {}), (Normal, Normal(0, 1), {"sigma": 1})):
        with pytest.raises(ShapeError, match="map_estimate: data is empty"):
            ms.map_estimate(dist, [], prior=prior, **kw)


# --- MAP with a Gaussian prior on weights = ridge -------------------------------------------


@st.composite
def regressions(draw):
    n = draw(st.integers(1, 12))
    d = draw(st.integers(1, 5))
    X = draw(hnp.arrays(np.float64, (n, d), elements=st.floats(-10, 10)))
    y = draw(hnp.arrays(np.float64, n, elements=st.floats(-10, 10)))
    return X, y


@given(regressions(), st.floats(0.1, 10), st.floats(0.1, 10))
def test_map_linear_regression_is_ridge_with_lambda_sigma2_over_tau2(Xy, sigma, tau):
    X, y = Xy
    w = ms.map_linear_regression(X, y, sigma=sigma, tau=tau)
    lam = sigma**2 / tau**2
    ridge = Ridge(alpha=lam, fit_intercept=False, solver="cholesky").fit(X, y).coef_
    # cond(XᵀX + λI) <= (‖X‖² + λ)/λ; both solutions carry ~cond·ε relative error.
    cond = (np.linalg.norm(X, 2) ** 2 + lam) / lam
    assert_close(w, ridge, rtol=0, atol=100 * cond * EPS * max(1.0, np.abs(ridge).max()))


def test_map_linear_regression_tends_to_least_squares_and_to_zero():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.1 * rng.normal(size=50)
    ols = np.linalg.lstsq(X, y, rcond=None)[0]
    assert_close(ms.map_linear_regression(X, y, sigma=1, tau=1e6), ols, rtol=1e-9)
    assert np.abs(ms.map_linear_regression(X, y, sigma=1, tau=1e-6)).max() < 1e-9


def test_map_linear_regression_errors():
    with pytest.raises(ShapeError, match="X has 3 rows \\(samples\\) and y has 2 entries"):
        ms.map_linear_regression(np.ones((3, 2)), [1.0, 2.0], sigma=1, tau=1)
    with pytest.raises(ParameterError, match="tau must be a finite number > 0, got 0"):
        ms.map_linear_regression(np.ones((3, 2)), [1.0, 2.0, 3.0], sigma=1, tau=0)
    with pytest.raises(ShapeError, match="map_linear_regression: X must be a 2-D matrix"):
        ms.map_linear_regression([1.0, 2.0], [1.0, 2.0], sigma=1, tau=1)
