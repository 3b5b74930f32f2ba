"""The Poisson distribution: the number of events in a fixed window at rate λ.

It is the limit of Binomial(n, λ/n) as ``n → ∞``. Its pmf comes from Loader's
saddle-point form (``_discrete_loader``); its cdf is a regularized incomplete gamma
function,

    P(X <= k) = Q(k + 1, λ),     P(X > k) = P(k + 1, λ),

because ``d/dλ P(X <= k) = -λᵏ e⁻λ / k!``: the cdf falls as the density of a
Gamma(k + 1) variable at λ, so ``P(X > k)`` is that Gamma's cdf at λ (the waiting time
to the (k + 1)-th event is below λ exactly when more than ``k`` events happen by λ).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..errors import DTypeError, ParameterError
from ..special._erf import _ndtri
from ..special._gamma import _gammainc, _gammaincc
from ._discrete_base import DiscreteDistribution, check_integer_data
from ._discrete_loader import (
    ASYMPTOTIC_VARIANCE,
    entropy_from_logpmf,
    poisson_logpmf,
    support_window,
)

__all__ = ["Poisson"]

# numpy.random.Generator.poisson refuses larger rates (its draws would overflow int64).
_MAX_SAMPLE_LAM = 9.2e18


def _check_rate(value, func: str) -> float:
    """A finite real number >= 0 (λ = 0 is the distribution certain to be 0)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise DTypeError(f"{func}: lam must be a real number, got {value!r}")
    lam = float(value)
    if not (math.isfinite(lam) and lam >= 0):
        raise ParameterError(f"{func}: lam must be a finite number >= 0, got {value!r}")
    return lam


class Poisson(DiscreteDistribution):
    """Poisson distribution with rate ``lam`` (λ): counts of events at a constant rate.

    ::

        P(X = k) = λᵏ e⁻λ / k!,  k = 0, 1, 2, ...
        mean λ,   variance λ

    **Accuracy.** ``logpmf`` uses Loader's saddle-point form (no terms of size
    ``k log k`` cancel): within 4e-15 of mpmath up to ``λ = 10¹⁵``, where the textbook
    ``k log λ - λ - gammaln(k + 1)`` (SciPy's) keeps no digit at all; ``pmf =
    exp(logpmf)`` adds ``ε |logpmf|``. ``cdf`` is ``Q(k + 1, λ)`` and ``sf`` is
    ``P(k + 1, λ)`` (regularized incomplete gamma, :func:`mathforml.special.gammaincc`
    and :func:`~mathforml.special.gammainc`), each computed directly so both tails
    keep their relative accuracy, for any λ (Temme's expansion near ``k = λ``: within
    2e-15 of 40-digit quadrature up to ``λ = 10¹⁵``). ``entropy`` sums
    ``-pmf log pmf`` over the support (positive terms, no cancellation), skipping
    probabilities beyond ``40σ + 40`` from the mean (they underflow); for ``λ > 10⁷``
    it uses ``½ log(2πeλ) - 1/(12λ) - 1/(24λ²) - 19/(360λ³)``, accurate to 1e-16.

    Parameters
    ----------
    lam : float
        The rate λ >= 0 (λ = 0: ``X = 0`` always); read-only attribute ``lam``.

    Methods
    -------
    pmf(k), logpmf(k), cdf(k), sf(k), ppf(q), mean(), var(), std(), entropy(),
    sample(size=None, rng=None), fit(data) (classmethod). A point ``k`` that is not a
    non-negative integer has probability 0, as in ``scipy.stats``.

    Raises
    ------
    ParameterError
        If ``lam`` is negative, infinite or NaN.
    DTypeError
        If ``lam`` is not a real number.

    See Also
    --------
    Binomial : Poisson(λ) is the limit of Binomial(n, λ/n).

    Examples
    --------
    >>> from mathforml.probability import Poisson
    >>> d = Poisson(2.0)
    >>> print(d.pmf(0), d.cdf(1), d.ppf(0.5))  # e⁻², 3 e⁻²
    0.1353352832 0.4060058497 2.0
    >>> Poisson.fit([1, 3, 2, 2])
    Poisson(lam=2.0)
    """

    def __init__(self, lam: float) -> None:
        self._set_params(lam=_check_rate(lam, "Poisson"))

    def _support(self) -> tuple[float, float]:
        return 0.0, math.inf

    def _logpmf_int(self, k: np.ndarray) -> np.ndarray:
        return poisson_logpmf(k, self.lam)

    def _cdf_int(self, k: np.ndarray) -> np.ndarray:
        if self.lam == 0.0:
            return np.ones(k.shape)
        return _gammaincc(k + 1.0, np.full(k.shape, self.lam))

    def _sf_int(self, k: np.ndarray) -> np.ndarray:
        if self.lam == 0.0:
            return np.zeros(k.shape)
        return _gammainc(k + 1.0, np.full(k.shape, self.lam))

    def _ppf_guess(self, q: np.ndarray) -> np.ndarray:
        # Cornish-Fisher: the normal quantile z corrected for the skewness 1/sqrt(λ).
        lam = self.lam
        if lam == 0.0:
            return np.zeros(q.shape)
        sd = math.sqrt(lam)
        z = _ndtri(q)
        return np.floor(lam + sd * z + (z * z - 1.0) / 6.0 + 0.5)

    def mean(self) -> np.float64:
        """``E[X] = λ``."""
        return np.float64(self.lam)

    def var(self) -> np.float64:
        """``Var[X] = λ``."""
        return np.float64(self.lam)

    def entropy(self) -> np.float64:
        """Entropy ``-Σₖ P(k) log P(k)`` in nats (see the class docstring for the method)."""
        lam = self.lam
        if lam == 0.0:
            return np.float64(0.0)
        if lam > ASYMPTOTIC_VARIANCE:
            series = 1.0 / (12.0 * lam) + 1.0 / (24.0 * lam**2) + 19.0 / (360.0 * lam**3)
            return np.float64(0.5 * math.log(2.0 * math.pi * math.e * lam) - series)
        k = support_window(lam, lam, 0, math.inf)
        return np.float64(entropy_from_logpmf(poisson_logpmf(k, lam)))

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        if self.lam > _MAX_SAMPLE_LAM:
            raise ParameterError(
                f"Poisson.sample: lam = {self.lam!r} is too large to draw from (NumPy's "
                f"limit is {_MAX_SAMPLE_LAM:g}, beyond which counts overflow int64)"
            )
        # NumPy's generator: multiplication of uniforms for λ < 10, else Hörmann's
        # PTRS transformed rejection (1993); exact draws either way.
        return rng.poisson(self.lam, shape).astype(np.int64)

    @classmethod
    def fit(cls, data) -> Poisson:
        """Maximum-likelihood Poisson for a sample of counts: ``λ̂ = mean(data)``.

        The log-likelihood ``Σᵢ (kᵢ log λ - λ - log kᵢ!)`` has derivative
        ``Σ kᵢ / λ - m`` over ``m`` observations, zero at ``λ̂ = Σ kᵢ / m``.

        Parameters
        ----------
        data : array_like, shape (m,)
            Observed counts, non-negative integers.

        Returns
        -------
        Poisson
            ``Poisson(λ̂)``.

        Raises
        ------
        ParameterError
            If ``data`` is empty or holds a value that is not a non-negative integer.
        NotFiniteError, ShapeError, DTypeError
            If ``data`` holds NaN or infinity, is not 1-D, or is not numeric.

        Examples
        --------
        >>> Poisson.fit([0, 0, 1, 3])
        Poisson(lam=1.0)
        """
        x = cls._fit_data(data)
        check_integer_data(x, "Poisson.fit", 0, math.inf)
        return cls(float(x.mean()))
