"""The normal (Gaussian) distribution N(μ, σ²).

    f(x) = 1/(σ√(2π)) · exp(-(x - μ)²/(2σ²)),     F(x) = Φ((x - μ)/σ)

Everything goes through the standard score ``z = (x - μ)/σ``: the density is
``φ(z)/σ``, the CDF ``Φ(z)``, the survival function ``Φ(-z)`` (computed directly, so
the upper tail keeps its relative accuracy), and the quantile ``μ + σ Φ⁻¹(q)``.
``Φ`` and ``Φ⁻¹`` come from :mod:`mathforml.special` (``ndtr``, ``ndtri``).
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_positive_float
from ..errors import ParameterError
from ..special._erf import _exp_neg_square, _ndtr, _ndtr_scalar, _ndtri, _ndtri_scalar
from ._distribution import Distribution, _check_finite_float

__all__ = ["Normal"]

_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)


class Normal(Distribution):
    """The normal distribution with mean ``mu`` and standard deviation ``sigma``.

    Density ``f(x) = exp(-(x-μ)²/(2σ²)) / (σ√(2π))``. By the central limit theorem,
    sums of many small independent effects are approximately normal, which is why
    measurement noise, the errors of linear regression and the sampling distribution
    of a mean are modelled this way.

    Parameters
    ----------
    mu : float, default 0.0
        The mean (location), any finite number.
    sigma : float, default 1.0
        The standard deviation (scale), a finite number > 0.

    Raises
    ------
    ParameterError
        If ``mu`` is not finite or ``sigma`` is not a finite number > 0.
    DTypeError
        If a parameter is not a real number.

    See Also
    --------
    mathforml.special.ndtr : the standard normal CDF Φ.
    MultivariateNormal : the same in several dimensions.

    Notes
    -----
    Methods follow the shared contract of :mod:`mathforml.probability._distribution`:
    ``pdf``, ``logpdf``, ``cdf``, ``sf``, ``ppf`` take scalars or arrays;
    ``mean``, ``var``, ``std``, ``entropy``, ``sample`` and ``Normal.fit``.

    Examples
    --------
    >>> d = Normal(mu=1.0, sigma=2.0)
    >>> float(d.cdf(1.0)), float(d.ppf(0.975))
    (0.5, 4.919927969080108)
    >>> Normal.fit([1.0, 2.0, 3.0])  # mean and biased standard deviation
    Normal(mu=2.0, sigma=0.816496580927726)
    """

    def __init__(self, mu: float = 0.0, sigma: float = 1.0):
        self._set_params(
            mu=_check_finite_float(mu, "mu", "Normal"),
            sigma=check_positive_float(sigma, "sigma", "Normal"),
        )

    def _z(self, x, method: str) -> np.ndarray:
        x = self._points(x, method)
        with np.errstate(over="ignore"):  # |x - μ| beyond 1e308, or a tiny σ: z = ±inf
            return (x - self.mu) / self.sigma

    def pdf(self, x) -> np.ndarray:
        """Density ``φ(z)/σ`` with ``z = (x - μ)/σ``; 0 at ±inf.

        ``φ(z) = exp(-z²/2)/√(2π)`` is computed with ``z = m + f`` split so that ``z²/2``
        is not rounded in its large part (full relative accuracy far in the tails).

        Examples
        --------
        >>> float(Normal().pdf(0.0))  # 1/√(2π)
        0.3989422804014327
        """
        z = self._z(x, "pdf")
        flat = np.minimum(np.abs(np.ravel(z)), 40.0)  # φ(40) underflows to 0
        with np.errstate(over="ignore"):  # σ below 1e-308: the peak density is inf
            out = _exp_neg_square(flat, 0.5) / math.sqrt(2.0 * math.pi) / self.sigma
        return self._output(out.reshape(z.shape))

    def logpdf(self, x) -> np.ndarray:
        """Log-density ``-z²/2 - log σ - log √(2π)``; ``-inf`` at ±inf.

        Examples
        --------
        >>> float(Normal().logpdf(0.0))
        -0.9189385332046727
        """
        z = self._z(x, "logpdf")
        with np.errstate(over="ignore"):  # z² overflows to inf: logpdf = -inf
            return self._output(-0.5 * (z * z) - math.log(self.sigma) - _LOG_SQRT_2PI)

    def cdf(self, x) -> np.ndarray:
        """``P(X <= x) = Φ((x - μ)/σ)``, accurate to a few ulps relative in the lower tail.

        Examples
        --------
        >>> float(Normal().cdf(-1.0))
        0.15865525393145707
        """
        z = self._z(x, "cdf")
        if z.ndim == 0:  # one point: the float version, no array machinery
            return np.float64(_ndtr_scalar(float(z)))
        return self._output(_ndtr(z))

    def sf(self, x) -> np.ndarray:
        """``P(X > x) = Φ(-(x - μ)/σ)``: the upper tail without ``1 - cdf`` cancellation.

        Examples
        --------
        >>> float(Normal().sf(10.0))  # 1 - cdf(10) would give 0
        7.6198530241605e-24
        """
        z = self._z(x, "sf")
        if z.ndim == 0:
            return np.float64(_ndtr_scalar(-float(z)))
        return self._output(_ndtr(-z))

    def ppf(self, q) -> np.ndarray:
        """Quantile ``μ + σ Φ⁻¹(q)``; ``ppf(0) = -inf``, ``ppf(1) = inf``.

        Examples
        --------
        >>> float(Normal().ppf(0.5))
        0.0
        """
        q = self._check_q(q)
        if q.ndim == 0:
            return np.float64(self.mu + self.sigma * _ndtri_scalar(float(q)))
        return self._output(self.mu + self.sigma * _ndtri(q))

    def mean(self) -> float:
        """``E[X] = μ``."""
        return self.mu

    def var(self) -> float:
        """``Var[X] = σ²``."""
        return self.sigma**2

    def entropy(self) -> float:
        """Differential entropy ``½ log(2πe σ²)`` in nats."""
        return 0.5 * math.log(2.0 * math.pi * math.e) + math.log(self.sigma)

    def _sample(self, shape, rng):
        return rng.normal(self.mu, self.sigma, shape)

    @classmethod
    def fit(cls, data) -> Normal:
        """Maximum-likelihood estimate from a 1-D sample ``x₁ … xₙ``.

        Setting the derivatives of ``Σ log f(xᵢ)`` to zero gives the closed forms

            μ̂ = (1/n) Σ xᵢ,     σ̂² = (1/n) Σ (xᵢ - μ̂)²

        (the *biased* variance, dividing by n, not n - 1), as ``scipy.stats.norm.fit``.

        Parameters
        ----------
        data : array_like, shape (n,)
            Finite numbers, at least two distinct values.

        Returns
        -------
        Normal
            A new distribution with the fitted ``mu`` and ``sigma``.

        Raises
        ------
        ParameterError
            If ``data`` is empty or all its values are equal (σ̂ = 0 is not a valid
            normal distribution).
        ShapeError, DTypeError, NotFiniteError
            If ``data`` is not a 1-D array of finite numbers.

        Examples
        --------
        >>> Normal.fit([2.0, 4.0])
        Normal(mu=3.0, sigma=1.0)
        """
        x = cls._fit_data(data)
        mu = float(np.mean(x))
        d = x - mu
        scale = float(np.max(np.abs(d)))
        # σ̂ = s · sqrt(mean((d/s)²)) with s = max|d|: the squares cannot underflow or
        # overflow however small or large the data.
        sigma = scale * float(np.sqrt(np.mean((d / scale) ** 2))) if scale > 0 else 0.0
        if scale == 0:
            raise ParameterError(
                f"Normal.fit: all {x.size} data values are equal ({float(x[0])!r}), so the "
                f"maximum-likelihood sigma is 0, which is not a normal distribution; "
                f"fit needs at least two distinct values"
            )
        if not sigma > 0:
            raise ParameterError(
                f"Normal.fit: the maximum-likelihood sigma underflows to 0 (the data "
                f"spread over only {scale!r}); rescale the data"
            )
        return cls(mu, sigma)
