"""Student's t distribution with ν degrees of freedom.

    f(t) = (1 + t²/ν)^(-(ν+1)/2) / (√ν B(ν/2, ½))

The distribution of ``(x̄ - μ) / (s/√n)`` for a normal sample of size n = ν + 1, when
the standard deviation is estimated by s: the t-test and the confidence interval for a
mean with unknown variance. Heavier tails than the normal; as ν → ∞ it becomes N(0, 1).

Its CDF is an incomplete beta function: with ``x = ν/(ν + t²)``,

    P(T <= -|t|) = ½ I_x(ν/2, ½)

and the quantile inverts that relation through ``betaincinv``. Both ``x`` and
``1 - x = t²/(ν + t²)`` are passed to the incomplete beta, each computed directly, so
that neither the tails nor the centre lose digits to ``1 - x``.
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_positive_float
from ..special._beta import _betainc_pair, _betaincinv_pair, _betaln
from ..special._gamma import _digamma
from ._distribution import Distribution

__all__ = ["StudentT"]

# ψ(x) ≈ log x - 1/(2x) - Σₖ cₖ x^-2k with cₖ = B₂ₖ/(2k), for the entropy at large ν.
_DIGAMMA_C = (1.0 / 12.0, -1.0 / 120.0, 1.0 / 252.0, -1.0 / 240.0, 1.0 / 132.0)


def _digamma_half_step(x: float) -> float:
    """``ψ(x + ½) - ψ(x)`` without cancellation for large x.

    From the asymptotic series, with ``h = 1/(2x)``:
    ``log1p(h) + 1/(2x(2x+1)) - Σₖ cₖ x^-2k expm1(-2k log1p(h))`` — every term is small
    and computed directly (the plain difference loses ``log10(x)`` digits).
    """
    if x < 20.0:
        return float(_digamma(np.array([x + 0.5]))[0] - _digamma(np.array([x]))[0])
    h = 0.5 / x
    lh = math.log1p(h)
    total = lh + 1.0 / (2.0 * x * (2.0 * x + 1.0))
    for k, c in enumerate(_DIGAMMA_C, 1):
        total -= c * x ** (-2 * k) * math.expm1(-2 * k * lh)
    return total


class StudentT(Distribution):
    """Student's t distribution with ``df`` degrees of freedom (centred at 0, scale 1).

    Density ``(1 + t²/ν)^(-(ν+1)/2) / (√ν B(ν/2, ½))``. This is the standard t of the
    t-tests (``scipy.stats.t(df)``); there is no location or scale parameter, and no
    ``fit`` method (the tests need the distribution, not an estimate of ν).

    Parameters
    ----------
    df : float
        Degrees of freedom ν, a finite number > 0 (need not be an integer: Welch's test
        uses fractional ν).

    Raises
    ------
    ParameterError
        If ``df`` is not a finite number > 0.
    DTypeError
        If ``df`` is not a real number.

    See Also
    --------
    Normal : the limit as ν → ∞.
    mathforml.special.betainc : the function behind the CDF.

    Notes
    -----
    Methods follow the shared contract of :mod:`mathforml.probability._distribution`,
    without ``fit``. The CDF is accurate to about 1e-14 relative for ν up to 1e3; beyond,
    the continued fraction's sensitivity to the rounded ``ν/(ν+t²)`` grows like ν (2e-12
    at ν = 1e5, 1e-10 at 1e6, 2e-9 at 1e8). The mean is undefined (NaN) for ν <= 1
    (SciPy reports inf); the variance is infinite for 1 < ν <= 2 and undefined (NaN) for
    ν <= 1, as in SciPy.

    Examples
    --------
    >>> d = StudentT(df=10)
    >>> float(d.cdf(0.0)), float(d.ppf(0.975))
    (0.5, 2.22813885198627)
    >>> float(2 * d.sf(2.22813885198627))  # a two-sided p-value of 0.05
    0.05
    """

    def __init__(self, df: float):
        self._set_params(df=check_positive_float(df, "df", "StudentT"))

    def _log_norm(self) -> float:
        """log(√ν B(ν/2, ½)), the log of the normalizing constant."""
        nu = self.df
        return 0.5 * math.log(nu) + float(_betaln(np.array([0.5 * nu]), np.array([0.5]))[0])

    def logpdf(self, x) -> np.ndarray:
        """Log-density ``-(ν+1)/2 · log(1 + t²/ν) - log(√ν B(ν/2, ½))``.

        Examples
        --------
        >>> float(StudentT(1).logpdf(0.0))  # Cauchy: 1/π at 0
        -1.1447298858494002
        """
        t = self._points(x, "logpdf")
        nu = self.df
        with np.errstate(over="ignore"):  # t² = inf: log1p(inf) = inf, logpdf = -inf
            return self._output(-0.5 * (nu + 1.0) * np.log1p(t * t / nu) - self._log_norm())

    def pdf(self, x) -> np.ndarray:
        """Density ``(1 + t²/ν)^(-(ν+1)/2) / (√ν B(ν/2, ½))``; 0 at ±inf.

        Examples
        --------
        >>> float(StudentT(1).pdf(1.0))  # Cauchy: 1/(2π)
        0.15915494309189535
        """
        t = self._points(x, "pdf")
        nu = self.df
        with np.errstate(over="ignore"):
            return self._output(np.exp(-0.5 * (nu + 1.0) * np.log1p(t * t / nu)
                                       - self._log_norm()))

    def _lower_tail(self, t: np.ndarray) -> np.ndarray:
        """``P(T <= -|t|) = ½ I_x(ν/2, ½)`` with ``x = ν/(ν+t²)``, ``1 - x = t²/(ν+t²)``."""
        flat = np.ravel(t)
        with np.errstate(over="ignore"):
            r = flat * flat / self.df  # t²/ν
        infinite = np.isinf(r)
        x = np.where(infinite, 0.0, 1.0 / (1.0 + r))
        y = np.where(infinite, 1.0, r / (1.0 + np.where(infinite, 0.0, r)))
        a = np.full(flat.shape, 0.5 * self.df)
        tail = 0.5 * _betainc_pair(a, np.full(flat.shape, 0.5), x, y)[0]
        return tail.reshape(t.shape)

    def cdf(self, x) -> np.ndarray:
        """``P(T <= t)``: ``½ I_x(ν/2, ½)`` for t <= 0, one minus that for t > 0.

        Examples
        --------
        >>> float(StudentT(1).cdf(1.0))  # Cauchy: ½ + arctan(1)/π
        0.75
        """
        t = self._points(x, "cdf")
        tail = self._lower_tail(t)
        return self._output(np.where(t > 0, 1.0 - tail, tail))

    def sf(self, x) -> np.ndarray:
        """``P(T > t) = cdf(-t)`` by symmetry: accurate far in the upper tail.

        Examples
        --------
        >>> float(StudentT(1).sf(1.0))
        0.25
        """
        t = self._points(x, "sf")
        tail = self._lower_tail(t)
        return self._output(np.where(t < 0, 1.0 - tail, tail))

    def ppf(self, q) -> np.ndarray:
        """Quantile: for ``q <= ½``, ``t = -sqrt(ν (1-x)/x)`` where ``I_x(ν/2, ½) = 2q``.

        The upper half follows by symmetry, ``ppf(q) = -ppf(1 - q)``; ``ppf(0) = -inf``,
        ``ppf(1) = inf``.

        Examples
        --------
        >>> float(StudentT(1).ppf(0.75))
        1.0
        """
        q = self._check_q(q)
        flat = np.ravel(q)
        upper = flat > 0.5
        tail = np.where(upper, 1.0 - flat, flat)  # exact for q >= ½
        p = 2.0 * tail
        n = flat.size
        x, y = _betaincinv_pair(np.full(n, 0.5 * self.df), np.full(n, 0.5), p, 1.0 - p)
        with np.errstate(divide="ignore"):  # x = 0 at q = 0 or 1: t = ∓inf
            t = np.sqrt(self.df * y / x)
        return self._output(np.where(upper, t, -t).reshape(q.shape))

    def mean(self) -> float:
        """0 for ν > 1, undefined (NaN) otherwise."""
        return 0.0 if self.df > 1 else math.nan

    def var(self) -> float:
        """``ν/(ν-2)`` for ν > 2, ``inf`` for 1 < ν <= 2, NaN for ν <= 1."""
        nu = self.df
        if nu > 2:
            return nu / (nu - 2.0)
        return math.inf if nu > 1 else math.nan

    def entropy(self) -> float:
        """Differential entropy in nats.

        ``(ν+1)/2 · [ψ((ν+1)/2) - ψ(ν/2)] + log(√ν B(ν/2, ½))``; the digamma difference
        is computed from its asymptotic series for large ν, so the entropy tends to the
        normal's ``½ log(2πe)`` without losing digits.
        """
        nu = self.df
        return 0.5 * (nu + 1.0) * _digamma_half_step(0.5 * nu) + self._log_norm()

    def _sample(self, shape, rng):
        return rng.standard_t(self.df, shape)
