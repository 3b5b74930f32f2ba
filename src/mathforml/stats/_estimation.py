"""Estimating parameters: maximum likelihood, and maximum a posteriori with a prior.

Maximum likelihood (MLE) picks the parameters under which the data are most
probable, θ̂ = argmax_θ Π p(xᵢ | θ) = argmax_θ Σ log p(xᵢ | θ); every
distribution class in :mod:`mathforml.probability` knows its own closed form
(``Normal.fit``: the sample mean and the standard deviation with ddof = 0).
MLE is what fitting logistic regression, a Gaussian mixture or a neural net
by minimising a log-loss does.

Maximum a posteriori (MAP) adds a prior belief p(θ) and picks the mode of the
posterior: θ̂ = argmax_θ [Σ log p(xᵢ | θ) + log p(θ)]. The log-prior is a
penalty added to the log-likelihood: that is what regularisation is. With
conjugate priors the posterior stays in the prior's family and the mode has a
closed form:

- Bernoulli data, Beta(α, β) prior on p: the posterior is
  Beta(α + k, β + n − k) after k successes in n trials, with mode
  (k + α − 1) / (n + α + β − 2) (the prior acts like α − 1 extra successes
  and β − 1 extra failures);
- Normal data with known σ, Normal(μ₀, τ) prior on the mean: the posterior
  is Normal(μₙ, τₙ) with precisions adding, 1/τₙ² = 1/τ² + n/σ², and
  μₙ = (μ₀/τ² + n x̄/σ²) τₙ², a precision-weighted average of the prior mean
  and the sample mean;
- linear regression y = X w + noise N(0, σ²) with a prior w ~ N(0, τ² I):
  the log-posterior is −‖y − X w‖²/(2σ²) − ‖w‖²/(2τ²) + const, so the MAP
  weights minimise ‖y − X w‖² + λ ‖w‖² with λ = σ²/τ²: ridge regression.
  L2 regularisation *is* a Gaussian prior; a strong prior (small τ) is a
  large penalty.
"""

from __future__ import annotations

import inspect
import math
from typing import NamedTuple

import numpy as np

from .._validation import as_matrix, as_vector, check_positive_float
from ..errors import ParameterError, ShapeError
from ..linalg import lstsq
from ..probability import Bernoulli, Beta, Normal
from ..probability._distribution import Distribution

__all__ = ["mle", "map_estimate", "map_linear_regression", "MapResult"]


def _check_distribution(distribution, func: str) -> None:
    if not (isinstance(distribution, type) and callable(getattr(distribution, "fit", None))):
        hint = (f"; pass the class {type(distribution).__name__}, not an instance"
                if callable(getattr(type(distribution), "fit", None)) else "")
        raise ParameterError(
            f"{func}: distribution must be a distribution class with a fit method, such as "
            f"Normal or Bernoulli, got {distribution!r}{hint}"
        )


def mle(distribution, data, **known) -> Distribution:
    """Maximum-likelihood estimate: the distribution that makes the data most probable.

    θ̂ = argmax_θ Σᵢ log p(xᵢ | θ). Calls ``distribution.fit(data, **known)``,
    which holds the closed form for each family, e.g. for the normal
    μ̂ = x̄, σ̂² = (1/n) Σ (xᵢ − x̄)² (note: divided by n, so biased); for the
    Bernoulli p̂ = k / n; for the Poisson λ̂ = x̄.

    Parameters
    ----------
    distribution : class
        A distribution class from :mod:`mathforml.probability` (``Normal``,
        ``Bernoulli``, ``Binomial``, ``Poisson``, ...).
    data : array_like
        The observations.
    **known
        Parameters that are known rather than estimated, passed to ``fit``
        (e.g. ``n=10`` for ``Binomial``).

    Returns
    -------
    Distribution
        An instance of ``distribution`` with the fitted parameters.

    Raises
    ------
    ParameterError
        If ``distribution`` is not a distribution class, a keyword is not one
        of its ``fit``'s known parameters, or ``fit`` rejects the data.

    See Also
    --------
    map_estimate : the same with a prior.

    Examples
    --------
    >>> from mathforml.probability import Normal, Bernoulli
    >>> mle(Normal, [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0])
    Normal(mu=5.0, sigma=2.0)
    >>> mle(Bernoulli, [1, 0, 1, 1]).p
    0.75
    """
    _check_distribution(distribution, "mle")
    # The first parameter of fit is the data; the others are what may be known.
    params = list(inspect.signature(distribution.fit).parameters.values())[1:]
    accepted = [p.name for p in params if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]
    unknown = sorted(set(known) - set(accepted))
    if unknown:
        options = ", ".join(accepted) if accepted else "none"
        raise ParameterError(
            f"mle: {distribution.__name__}.fit takes no known parameter {unknown[0]!r}; "
            f"its known parameters are: {options}"
        )
    return distribution.fit(data, **known)


class MapResult(NamedTuple):
    """Result of :func:`map_estimate`."""

    estimate: float
    """The posterior mode: p̂ for Bernoulli data, μ̂ for the Normal mean."""
    posterior: Distribution
    """The whole posterior, a ``Beta`` or a ``Normal``."""


def _beta_bernoulli(data, prior) -> MapResult:
    func = "map_estimate"
    x = as_vector(data, "data", func)
    if x.size == 0:
        raise ShapeError(f"{func}: data is empty; MAP needs at least one observation "
                         f"(with none, the estimate is the prior's mode)")
    if not np.isin(x, (0.0, 1.0)).all():
        bad = x[~np.isin(x, (0.0, 1.0))][0]
        raise ParameterError(f"{func}: Bernoulli data must be 0 or 1, got {bad:g}")
    n, k = x.size, float(x.sum())
    a, b = float(prior.alpha), float(prior.beta)
    post_a, post_b = a + k, b + n - k  # Beta(α + k, β + n − k)
    posterior = Beta(post_a, post_b)
    # The Beta(α', β') density is ∝ p^(α'−1) (1 − p)^(β'−1). With n >= 1 and α, β > 0, one
    # of α' = α + k and β' = β + n − k exceeds 1 (k >= 1, or n − k = n >= 1), so:
    if post_a > 1 and post_b > 1:
        estimate = (k + a - 1) / (n + a + b - 2)  # interior maximum, where the derivative is 0
    elif post_a <= 1:
        estimate = 0.0  # k = 0 and α <= 1: the density decreases from p = 0
    else:
        estimate = 1.0  # k = n and β <= 1: the density increases up to p = 1
    return MapResult(estimate, posterior)


def _normal_mean(data, prior, sigma) -> MapResult:
    func = "map_estimate"
    if sigma is None:
        raise ParameterError(
            f"{func}: the Normal-mean MAP needs the known noise standard deviation, "
            f"e.g. map_estimate(Normal, data, prior=Normal(0, 10), sigma=2.0)"
        )
    sigma = check_positive_float(sigma, "sigma", func)
    x = as_vector(data, "data", func)
    if x.size == 0:
        raise ShapeError(f"{func}: data is empty; MAP needs at least one observation "
                         f"(with none, the estimate is the prior's mode)")
    n = x.size
    xbar = float(np.mean(x))
    mu0, tau = float(prior.mu), float(prior.sigma)
    # Precisions add: 1/τₙ² = 1/τ² + n/σ²; the mean weighs each source by its precision.
    prior_precision, data_precision = 1.0 / tau**2, n / sigma**2
    precision = prior_precision + data_precision
    mu_n = (prior_precision * mu0 + data_precision * xbar) / precision
    return MapResult(mu_n, Normal(mu_n, 1.0 / math.sqrt(precision)))


def map_estimate(distribution, data, prior, **known) -> MapResult:
    """Maximum a posteriori estimate with a conjugate prior, in closed form.

    θ̂ = argmax_θ [Σᵢ log p(xᵢ | θ) + log p(θ)], the mode of the posterior.
    Two conjugate pairs are supported (see the module docstring for the
    derivations):

    - ``map_estimate(Bernoulli, data, prior=Beta(α, β))``: the posterior is
      Beta(α + k, β + n − k) and its mode
      p̂ = (k + α − 1) / (n + α + β − 2), or 0 when k = 0 and α <= 1, or 1 when
      k = n and β <= 1 (there the density is largest at the boundary).
      With α = β = 1 (a flat prior) MAP equals the MLE k / n.
    - ``map_estimate(Normal, data, prior=Normal(μ₀, τ), sigma=σ)`` for the
      mean of normal data with known σ: the posterior is Normal(μₙ, τₙ) with
      1/τₙ² = 1/τ² + n/σ² and μₙ = (μ₀/τ² + n x̄/σ²) τₙ². As n grows the
      data's precision n/σ² swamps the prior's and μₙ → x̄.

    Parameters
    ----------
    distribution : class
        ``Bernoulli`` or ``Normal`` (the likelihood's family).
    data : array_like, shape (n,)
        The observations, n >= 1 (0/1 for Bernoulli).
    prior : Beta or Normal
        The prior on p (a ``Beta``) or on the mean (a ``Normal``).
    **known
        ``sigma``, the known standard deviation of Normal data.

    Returns
    -------
    MapResult
        ``(estimate, posterior)``.

    Raises
    ------
    ParameterError
        If the (distribution, prior) pair is not one of the two above, a
        keyword is not accepted, ``sigma`` is missing or not positive, or
        Bernoulli data are not 0/1.
    ShapeError
        If data are not 1-D or are empty.
    NotFiniteError, DTypeError
        For NaN, infinity or non-numbers.

    See Also
    --------
    mle : without a prior.
    map_linear_regression : MAP weights with a Gaussian prior = ridge regression.

    Examples
    --------
    Three heads in three tosses: the MLE says p = 1, a Beta(2, 2) prior
    pulls the estimate back towards ½:

    >>> from mathforml.probability import Bernoulli, Beta
    >>> map_estimate(Bernoulli, [1, 1, 1], prior=Beta(2, 2)).estimate   # (3 + 1) / (3 + 2)
    0.8
    """
    func = "map_estimate"
    if distribution is Bernoulli and isinstance(prior, Beta):
        if known:
            raise ParameterError(
                f"{func}: the Beta–Bernoulli MAP takes no known parameters, got "
                f"{sorted(known)[0]!r}"
            )
        return _beta_bernoulli(data, prior)
    if distribution is Normal and isinstance(prior, Normal):
        extra = sorted(set(known) - {"sigma"})
        if extra:
            raise ParameterError(
                f"{func}: the Normal-mean MAP takes only the known parameter 'sigma', got "
                f"{extra[0]!r}"
            )
        return _normal_mean(data, prior, known.get("sigma"))
    dist_name = getattr(distribution, "__name__", repr(distribution))
    raise ParameterError(
        f"{func}: no closed form for a {dist_name} likelihood with prior {prior!r}; "
        f"supported: (Bernoulli, prior=Beta(a, b)) and (Normal, prior=Normal(mu, tau), "
        f"sigma=...)"
    )


def map_linear_regression(X, y, *, sigma: float, tau: float) -> np.ndarray:
    """MAP weights of linear regression with a Gaussian prior: ridge regression.

    Model y = X w + ε with ε ~ N(0, σ² I) and prior w ~ N(0, τ² I). The
    log-posterior is

        −‖y − X w‖² / (2σ²) − ‖w‖² / (2τ²) + const,

    so the MAP weights minimise ‖y − X w‖² + λ ‖w‖² with λ = σ² / τ²: exactly
    ridge (L2-regularised) regression, w = (XᵀX + λ I)⁻¹ Xᵀ y. Solved without
    forming XᵀX, as the least-squares problem [X; √λ I] w ≈ [y; 0] (the prior
    acts as n_features extra observations pulling each weight to 0), with
    :func:`mathforml.linalg.lstsq`.

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features)
        Design matrix (no intercept column is added: center the data, or add
        a column of ones knowing its weight is penalised too).
    y : array_like, shape (n_samples,)
        Targets.
    sigma : float
        Noise standard deviation σ > 0 (keyword only).
    tau : float
        Prior standard deviation τ > 0 of every weight (keyword only).

    Returns
    -------
    w : ndarray, shape (n_features,)
        Equal to ``sklearn.linear_model.Ridge(alpha=sigma**2 / tau**2,
        fit_intercept=False).fit(X, y).coef_``.

    Raises
    ------
    ParameterError
        If ``sigma`` or ``tau`` is not a positive number.
    ShapeError
        If X is not 2-D, y is not 1-D, or their lengths differ.
    NotFiniteError, DTypeError
        For NaN, infinity or non-numbers.

    See Also
    --------
    map_estimate, mathforml.linalg.lstsq

    Examples
    --------
    >>> import numpy as np
    >>> from mathforml.linalg import solve
    >>> X, y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), np.array([1.0, 2.0, 2.5])
    >>> map_linear_regression(X, y, sigma=2.0, tau=1.0)   # λ = σ²/τ² = 4
    array([0.47142857, 0.67142857])
    >>> solve(X.T @ X + 4.0 * np.eye(2), X.T @ y)          # ridge's closed form
    array([0.47142857, 0.67142857])
    """
    func = "map_linear_regression"
    sigma = check_positive_float(sigma, "sigma", func)
    tau = check_positive_float(tau, "tau", func)
    X = as_matrix(X, "X", func)
    y = as_vector(y, "y", func)
    if X.shape[0] != y.shape[0]:
        raise ShapeError(
            f"{func}: X has {X.shape[0]} rows (samples) and y has {y.shape[0]} entries; "
            f"give one target per sample"
        )
    d = X.shape[1]
    lam = (sigma / tau) ** 2  # λ = σ² / τ²
    A = np.vstack([X, math.sqrt(lam) * np.eye(d)])  # ‖A w − b‖² = ‖X w − y‖² + λ ‖w‖²
    b = np.concatenate([y, np.zeros(d)])
    return lstsq(A, b).x
