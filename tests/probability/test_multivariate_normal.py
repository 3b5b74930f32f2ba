"""MultivariateNormal against scipy.stats.multivariate_normal, and its Cholesky-based contract."""

import math

import numpy as np
import pytest
import scipy.stats as ss
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathforml.errors import DTypeError, NotFiniteError, NotPositiveDefiniteError, ShapeError
from mathforml.probability import MultivariateNormal
from tests.reference import EPS, assert_close, cond
from tests.strategies import spd_matrices


@st.composite
def mvn_and_points(draw, max_d=5):
    """(ours, SciPy's, points (n, d)) with an SPD covariance and points near the mean."""
    cov = draw(spd_matrices(1, max_d))
    d = cov.shape[0]
    mu = draw(hnp.arrays(np.float64, d, elements=st.floats(-100, 100)))
    n = draw(st.integers(0, 6))
    z = draw(hnp.arrays(np.float64, (n, d), elements=st.floats(-4, 4)))
    L = np.linalg.cholesky(cov)
    return MultivariateNormal(mu, cov), ss.multivariate_normal(mu, cov), mu + z @ L.T


@given(mvn_and_points())
def test_logpdf_and_pdf_match_scipy(case):
    ours, ref, X = case
    # The Mahalanobis term (x-μ)ᵀΣ⁻¹(x-μ) carries a relative error ~ cond(Σ) eps; it is at
    # most 16 d here, and log det Σ is accurate to d eps relative.
    d = ours.dim
    tol = 100 * d * cond(ours.cov) * EPS
    expected = ref.logpdf(X) if len(X) else np.zeros(0)
    assert_close(ours.logpdf(X), np.atleast_1d(expected), rtol=tol, atol=tol * (16 * d + 10))
    assert_close(ours.pdf(X), np.exp(np.atleast_1d(expected)), rtol=tol * (16 * d + 10) * 2)


@given(mvn_and_points())
def test_one_point_gives_a_scalar_and_summaries_match_scipy(case):
    ours, ref, _ = case
    x = ours.mu + 0.5
    out = ours.logpdf(x)
    assert isinstance(out, np.float64)
    assert math.isclose(out, ref.logpdf(x), rel_tol=1e-10, abs_tol=1e-10)
    assert isinstance(ours.pdf(x), np.float64)
    assert_close(ours.mean(), ref.mean, rtol=0)
    assert_close(ours.var(), np.diag(ref.cov), rtol=0)
    assert_close(ours.std(), np.sqrt(np.diag(ref.cov)), rtol=0)
    assert math.isclose(ours.entropy(), ref.entropy(), rel_tol=1e-12, abs_tol=1e-12)


def test_infinite_coordinates_have_zero_density_and_nan_is_refused():
    d = MultivariateNormal([0.0, 0.0], [[1.0, 0.5], [0.5, 2.0]])
    out = d.logpdf([[0.0, 0.0], [np.inf, 0.0], [1.0, -np.inf]])
    assert out[0] == ss.multivariate_normal([0, 0], [[1.0, 0.5], [0.5, 2.0]]).logpdf([0, 0])
    assert out[1] == -np.inf and out[2] == -np.inf
    assert_close(d.pdf([[np.inf, 0.0]]), np.zeros(1), rtol=0)
    with pytest.raises(NotFiniteError, match=r"MultivariateNormal.logpdf: x contains NaN"):
        d.logpdf([0.0, np.nan])


@pytest.mark.parametrize("x", [[0.0, 1.0, 2.0], [[0.0, 1.0, 2.0]], np.zeros((2, 2, 2)), 1.0])
def test_points_of_the_wrong_shape_are_refused(x):
    d = MultivariateNormal([0.0, 0.0], np.eye(2))
    with pytest.raises(ShapeError,
                       match=r"MultivariateNormal.logpdf: x must have shape \(2,\) for one point"):
        d.logpdf(x)


def test_high_dimension_uses_log_det_not_det():
    # det Σ = 1e-400 underflows to 0, but log det = 2 Σ log Lᵢᵢ stays finite.
    dim = 200
    cov = np.eye(dim) * 1e-2
    d = MultivariateNormal(np.zeros(dim), cov)
    ref = ss.multivariate_normal(np.zeros(dim), cov)
    x = np.full(dim, 0.01)
    assert math.isclose(d.logpdf(x), ref.logpdf(x), rel_tol=1e-13)
    assert math.isclose(d.entropy(), ref.entropy(), rel_tol=1e-13)


# -- sampling ------------------------------------------------------------------------------


def test_sample_shapes_and_seeding():
    d = MultivariateNormal([1.0, -1.0, 0.0], [[2.0, 0.3, 0.0], [0.3, 1.0, 0.2], [0.0, 0.2, 0.5]])
    assert d.sample(rng=0).shape == (3,)
    assert d.sample(size=5, rng=0).shape == (5, 3)
    assert d.sample(size=(2, 4), rng=0).shape == (2, 4, 3)
    assert_close(d.sample(4, rng=1), d.sample(4, rng=np.random.default_rng(1)), rtol=0)
    # x = μ + L z with the seeded standard normals z, L our Cholesky factor.
    z = np.random.default_rng(1).standard_normal((4, 3))
    L = np.linalg.cholesky(d.cov)
    assert_close(d.sample(4, rng=1), d.mu + z @ L.T, rtol=1e-14)


def test_sample_moments_of_a_million_draws_are_within_five_standard_errors():
    mu = np.array([1.0, -2.0, 0.5])
    cov = np.array([[2.0, 0.8, -0.3], [0.8, 1.0, 0.1], [-0.3, 0.1, 0.5]])
    n = 10**6
    X = MultivariateNormal(mu, cov).sample(n, rng=2024)
    # SE of a mean: sqrt(Σᵢᵢ/n); of a covariance entry: sqrt((ΣᵢᵢΣⱼⱼ + Σᵢⱼ²)/n).
    assert (np.abs(X.mean(axis=0) - mu) <= 5 * np.sqrt(np.diag(cov) / n)).all()
    C = np.cov(X.T, bias=True)
    se = np.sqrt((np.outer(np.diag(cov), np.diag(cov)) + cov**2) / n)
    assert (np.abs(C - cov) <= 5 * se).all()


# -- fit -------------------------------------------------------------------------------------


@given(st.integers(1, 4).flatmap(
    lambda d: hnp.arrays(np.float64, st.tuples(st.integers(d + 2, 12), st.just(d)),
                         elements=st.floats(-100, 100))))
def test_fit_is_the_sample_mean_and_the_biased_covariance(X):
    C = np.cov(X.T, bias=True).reshape(X.shape[1], X.shape[1])
    if np.linalg.eigvalsh(C).min() <= 1e-8 * max(1.0, np.abs(C).max()):
        return  # (nearly) collinear sample: checked in the error test below
    d = MultivariateNormal.fit(X)
    assert_close(d.mu, X.mean(axis=0), rtol=1e-14, atol=1e-12)
    assert_close(d.cov, C, rtol=1e-12, atol=1e-10)
    mean, cov = ss.multivariate_normal.fit(X)
    assert_close(d.mu, mean, rtol=1e-14, atol=1e-12)
    assert_close(d.cov, cov, rtol=1e-12, atol=1e-10)


@pytest.mark.parametrize(("data", "error", "match"), [
    ([[1.0, 2.0], [3.0, 4.0]], NotPositiveDefiniteError,
     r"MultivariateNormal.fit: the biased sample covariance of the 2 points in 2 dimensions"),
    ([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]], NotPositiveDefiniteError,
     r"at least d \+ 1 = 3 points not all in one hyperplane"),
    (np.zeros((0, 3)), Exception, r"MultivariateNormal.fit: data is empty"),
    ([1.0, 2.0, 3.0], ShapeError, r"MultivariateNormal.fit: data must be a 2-D matrix"),
    ([[1.0, np.nan], [0.0, 1.0]], NotFiniteError, r"MultivariateNormal.fit: data contains NaN"),
])  # fmt: skip
def test_bad_fit_data_is_refused(data, error, match):
    with pytest.raises(error, match=match):
        MultivariateNormal.fit(data)


# -- construction errors and the contract ----------------------------------------------------


@pytest.mark.parametrize(("cov", "match"), [
    ([[1.0, 2.0], [2.0, 1.0]],
     r"MultivariateNormal: cov is not positive definite: pivot 1 of its Cholesky"),
    ([[1.0, 1.0], [1.0, 1.0]], r"MultivariateNormal: cov is not positive definite"),
    ([[1.0, 0.5], [0.0, 1.0]], r"MultivariateNormal: cov must be symmetric"),
    ([[-1.0, 0.0], [0.0, 1.0]], r"pivot 0 .* is -1"),
])  # fmt: skip
def test_a_covariance_that_is_not_positive_definite_is_refused(cov, match):
    with pytest.raises(NotPositiveDefiniteError, match=match):
        MultivariateNormal([0.0, 0.0], cov)


@pytest.mark.parametrize(("mu", "cov", "error", "match"), [
    ([0.0, 0.0], np.eye(3), ShapeError, r"mu has 2 entries but cov has shape \(3, 3\)"),
    ([], np.zeros((0, 0)), ShapeError, r"mu must have at least one entry"),
    ([[0.0]], np.eye(1), ShapeError, r"mu must be a 1-D vector"),
    ([0.0, 0.0], np.ones((2, 3)), ShapeError, r"cov must be a square matrix"),
    ([0.0, np.inf], np.eye(2), NotFiniteError, r"mu contains infinity"),
    (["a"], np.eye(1), DTypeError, r"mu must hold numbers"),
])  # fmt: skip
def test_bad_parameters_are_refused(mu, cov, error, match):
    with pytest.raises(error, match=f"MultivariateNormal: {match}"):
        MultivariateNormal(mu, cov)


def test_repr_equality_and_read_only_parameters():
    d = MultivariateNormal([0.0, 1.0], [[1.0, 0.0], [0.0, 2.0]])
    assert repr(d) == "MultivariateNormal(mu=[0.0, 1.0], cov=[[1.0, 0.0], [0.0, 2.0]])"
    assert d == MultivariateNormal([0, 1], [[1, 0], [0, 2]]) and hash(d) == hash(
        MultivariateNormal([0, 1], [[1, 0], [0, 2]]))
    assert d != MultivariateNormal([0.0, 1.0], np.eye(2))
    with pytest.raises(ValueError, match="read-only"):
        d.mu[0] = 5.0
    with pytest.raises(AttributeError, match="MultivariateNormal is immutable"):
        d.cov = np.eye(2)
    m = d.mean()
    m[0] = 9.0  # a copy: the distribution is unchanged
    assert d.mu[0] == 0.0 and d.dim == 2


def test_no_cdf_and_a_documented_reason():
    assert not hasattr(MultivariateNormal, "cdf") and not hasattr(MultivariateNormal, "ppf")
    doc = MultivariateNormal.__doc__
    assert "There is no ``cdf``" in doc and "Genz" in doc
    for section in ("Parameters", "Raises", "See Also", "Examples"):
        assert f"{section}\n    ---" in doc
