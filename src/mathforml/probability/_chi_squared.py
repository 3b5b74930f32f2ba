"""The chi-square distribution with k degrees of freedom.

    f(x) = x^(k/2 - 1) e^(-x/2) / (2^(k/2) Γ(k/2))  for x >= 0,     F(x) = P(k/2, x/2)

The distribution of ``Z₁² + ... + Z_k²`` for independent standard normals: goodness-of-fit
and independence tests compare their statistic with it, and ``(n-1) s²/σ²`` follows it
with ``k = n - 1``. It is the Gamma(k/2, scale 2) distribution, so its CDF, survival
function and quantile are the regularized incomplete gamma functions P, Q and the
inverse of P, from :mod:`mathforml.special`.
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_positive_float
from ..special._gamma import (
    _digamma,
    _gamma_prefactor,
    _gammainc_pq,
    _gammainc_pq_scalar,
    _gammaincinv,
    _gammaincinv_scalar,
    _gammaln,
)
from ._distribution import Distribution

__all__ = ["ChiSquared"]


class ChiSquared(Distribution):
    """The chi-square distribution with ``df`` degrees of freedom.

    Density ``x^(k/2-1) e^(-x/2) / (2^(k/2) Γ(k/2))`` on ``x >= 0``. This is the standard
    chi-square of the tests (``scipy.stats.chi2(df)``): no location or scale, and no
    ``fit`` method (the tests need the distribution, not an estimate of k).

    Parameters
    ----------
    df : float
        Degrees of freedom k, a finite number > 0 (need not be an integer).

    Raises
    ------
    ParameterError
        If ``df`` is not a finite number > 0.
    DTypeError
        If ``df`` is not a real number.

    See Also
    --------
    mathforml.special.gammainc : the function behind the CDF.
    Normal : χ²₁ is the square of a standard normal.

    Notes
    -----
    Methods follow the shared contract of :mod:`mathforml.probability._distribution`,
    without ``fit``.

    Examples
    --------
    >>> d = ChiSquared(df=2)  # the exponential with mean 2
    >>> float(d.cdf(2.0)), float(d.ppf(0.5)), d.mean(), d.var()
    (0.63212055882856, 1.38629436111989, 2.0, 4.0)
    >>> float(ChiSquared(df=1).sf(3.84145882069412))  # the 5% critical value of χ²₁
    0.05
    """

    def __init__(self, df: float):
        self._set_params(df=check_positive_float(df, "df", "ChiSquared"))

    def _logpdf(self, x: np.ndarray) -> np.ndarray:
        a = 0.5 * self.df
        lognorm = a * math.log(2.0) + float(_gammaln(np.array([a]))[0])
        with np.errstate(divide="ignore", invalid="ignore"):
            # (k/2 - 1) log x, read as 0 when k = 2 even at x = 0
            power = np.where(a == 1.0, 0.0, (a - 1.0) * np.log(x))
            out = power - 0.5 * x - lognorm
        return np.where(x >= 0, np.where(x == np.inf, -np.inf, out), -np.inf)

    def logpdf(self, x) -> np.ndarray:
        """Log-density ``(k/2 - 1) log x - x/2 - (k/2) log 2 - log Γ(k/2)``; ``-inf`` for x < 0.

        Examples
        --------
        >>> float(ChiSquared(2).logpdf(0.0))  # the density at 0 is ½ for k = 2
        -0.6931471805599453
        """
        return self._output(self._logpdf(self._points(x, "logpdf")))

    def pdf(self, x) -> np.ndarray:
        """Density; at 0 it is ``inf`` (k < 2), ½ (k = 2) or 0 (k > 2), and 0 for x < 0.

        Inside, ``f(x) = (x/2)^(k/2) e^(-x/2) / Γ(k/2) / x``, with the prefactor of the
        incomplete gamma function: Stirling's series keeps it accurate for large k.

        Examples
        --------
        >>> float(ChiSquared(4).pdf(2.0))  # x e^(-x/2) / 4
        0.18393972058572117
        """
        x = self._points(x, "pdf")
        flat = np.ravel(x)
        out = np.exp(self._logpdf(flat))  # the ends and the outside
        inside = (flat > 0) & (flat < np.inf)
        xi = flat[inside]
        out[inside] = _gamma_prefactor(np.full(xi.shape, 0.5 * self.df), 0.5 * xi) / xi
        return self._output(out.reshape(x.shape))

    def _cdf_sf(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if x.ndim == 0:  # one point: the float version, no array machinery
            P, Q = _gammainc_pq_scalar(0.5 * self.df, 0.5 * max(float(x), 0.0))
            return np.float64(P), np.float64(Q)
        flat = np.maximum(np.ravel(x), 0.0)
        P, Q = _gammainc_pq(np.full(flat.shape, 0.5 * self.df), 0.5 * flat)
        return P.reshape(x.shape), Q.reshape(x.shape)

    def cdf(self, x) -> np.ndarray:
        """``P(k/2, x/2)``, the regularized lower incomplete gamma function; 0 for x <= 0.

        Examples
        --------
        >>> float(ChiSquared(2).cdf(2.0))  # 1 - e^-1
        0.63212055882856
        """
        return self._output(self._cdf_sf(self._points(x, "cdf"))[0])

    def sf(self, x) -> np.ndarray:
        """``Q(k/2, x/2)``, computed directly: the p-value of a chi-square test.

        Examples
        --------
        >>> float(ChiSquared(2).sf(100.0))  # e^-50, where 1 - cdf gives 0
        1.92874984796392e-22
        """
        return self._output(self._cdf_sf(self._points(x, "sf"))[1])

    def ppf(self, q) -> np.ndarray:
        """Quantile ``2 P⁻¹(k/2, q)`` (Halley's method, see ``gammaincinv``).

        Examples
        --------
        >>> float(ChiSquared(1).ppf(0.95))
        3.84145882069412
        """
        q = self._check_q(q)
        if q.ndim == 0:
            return np.float64(2.0 * _gammaincinv_scalar(0.5 * self.df, float(q)))
        flat = np.ravel(q)
        x = 2.0 * _gammaincinv(np.full(flat.shape, 0.5 * self.df), flat)
        return self._output(x.reshape(q.shape))

    def mean(self) -> float:
        """``k``."""
        return self.df

    def var(self) -> float:
        """``2k``."""
        return 2.0 * self.df

    def entropy(self) -> float:
        """Differential entropy ``k/2 + log(2 Γ(k/2)) + (1 - k/2) ψ(k/2)`` in nats."""
        a = 0.5 * self.df
        lg = float(_gammaln(np.array([a]))[0])
        return a + math.log(2.0) + lg + (1.0 - a) * float(_digamma(np.array([a]))[0])

    def _sample(self, shape, rng):
        return rng.chisquare(self.df, shape)
