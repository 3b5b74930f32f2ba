"""The Bernoulli distribution: one yes/no trial that succeeds with probability p.

It is the likelihood behind logistic regression and binary cross-entropy: for a label
``y ∈ {0, 1}`` and a predicted probability ``p``, ``-log P(y) = -[y log p + (1-y) log(1-p)]``.
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_probability
from ._discrete_base import DiscreteDistribution, check_integer_data

__all__ = ["Bernoulli"]


class Bernoulli(DiscreteDistribution):
    """Bernoulli distribution: ``X = 1`` with probability ``p``, ``X = 0`` otherwise.

    ::

        P(X = k) = pᵏ (1 - p)¹⁻ᵏ,  k ∈ {0, 1}
        mean p,   variance p (1 - p),   entropy -p log p - (1 - p) log(1 - p)

    ``p = 0`` and ``p = 1`` are allowed (a certain outcome); ``log P`` is then
    ``-inf`` at the impossible value, with ``0 · log 0 = 0`` in the entropy.

    Parameters
    ----------
    p : float
        Probability of success (of ``X = 1``), in [0, 1]; read-only attribute ``p``.

    Methods
    -------
    pmf(k), logpmf(k), cdf(k), sf(k), ppf(q), mean(), var(), std(), entropy(),
    sample(size=None, rng=None), fit(data) (classmethod). ``k`` and ``q`` are
    array-like; a point that is not 0 or 1 has probability 0, as in ``scipy.stats``.

    Raises
    ------
    ParameterError
        If ``p`` is outside [0, 1] or NaN.
    DTypeError
        If ``p`` is not a real number.

    See Also
    --------
    Binomial : the number of successes in ``n`` independent Bernoulli trials.
    Categorical : one trial with more than two outcomes.

    Examples
    --------
    >>> from mathforml.probability import Bernoulli
    >>> d = Bernoulli(0.3)
    >>> d.pmf([0, 1, 2])
    array([0.7, 0.3, 0. ])
    >>> print(d.mean(), d.var(), Bernoulli.fit([1, 0, 0, 1]).p)
    0.3 0.21 0.5
    """

    def __init__(self, p: float) -> None:
        self._set_params(p=check_probability(p, "p", "Bernoulli"))

    def _support(self) -> tuple[float, float]:
        return 0.0, 1.0

    def _pmf_int(self, k: np.ndarray) -> np.ndarray:
        return np.where(k == 1, self.p, 1.0 - self.p)

    def _logpmf_int(self, k: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):  # log 0 = -inf: the impossible outcome
            return np.where(k == 1, np.log(self.p), np.log1p(-self.p))

    def _cdf_int(self, k: np.ndarray) -> np.ndarray:
        return np.full(k.shape, 1.0 - self.p)  # only k = 0 lies in [low, high)

    def _sf_int(self, k: np.ndarray) -> np.ndarray:
        return np.full(k.shape, self.p)

    def _ppf_search(self, q: np.ndarray) -> np.ndarray:
        # cdf(0) = 1 - p, cdf(1) = 1: the smallest k with cdf(k) >= q.
        return np.where(q <= 1.0 - self.p, 0.0, 1.0)

    def mean(self) -> np.float64:
        """``E[X] = p``."""
        return np.float64(self.p)

    def var(self) -> np.float64:
        """``Var[X] = p (1 - p)``."""
        return np.float64(self.p * (1.0 - self.p))

    def entropy(self) -> np.float64:
        """``H = -p log p - (1 - p) log(1 - p)`` in nats (at most ``log 2``, at p = ½)."""
        p = self.p
        # 0 log 0 = 0 (its limit); log(1 - p) as log1p(-p), exact for tiny p.
        h_one = -p * math.log(p) if p > 0 else 0.0
        h_zero = -(1.0 - p) * math.log1p(-p) if p < 1 else 0.0
        return np.float64(h_one + h_zero)

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        # Inverse transform: U ~ Uniform[0, 1) falls below p with probability p.
        return (rng.random(shape) < self.p).astype(np.int64)

    @classmethod
    def fit(cls, data) -> Bernoulli:
        """Maximum-likelihood Bernoulli for a sample of 0s and 1s: ``p̂ = mean(data)``.

        The log-likelihood ``Σ [xᵢ log p + (1 - xᵢ) log(1 - p)]`` has derivative
        ``s/p - (n - s)/(1 - p)`` (``s`` the number of ones), zero at ``p̂ = s/n``.

        Parameters
        ----------
        data : array_like, shape (n,)
            Observations, each 0 or 1 (booleans are fine).

        Returns
        -------
        Bernoulli
            ``Bernoulli(p̂)``.

        Raises
        ------
        ParameterError
            If ``data`` is empty or holds a value other than 0 and 1.
        NotFiniteError, ShapeError, DTypeError
            If ``data`` holds NaN or infinity, is not 1-D, or is not numeric.

        Examples
        --------
        >>> Bernoulli.fit([True, False, True, True])
        Bernoulli(p=0.75)
        """
        x = cls._fit_data(data)
        check_integer_data(x, "Bernoulli.fit", 0, 1)
        return cls(float(x.mean()))
