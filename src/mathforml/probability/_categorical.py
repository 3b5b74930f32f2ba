"""The categorical distribution: one draw among K categories with probabilities p.

It is what a classifier's softmax output describes, and the one-trial case of the
Multinomial; with K = 2 it is the Bernoulli. The categories are the integers
``0..K-1``, so the cdf and the quantile follow their order.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_positive_int
from ._discrete_base import DiscreteDistribution, check_integer_data
from ._discrete_vector import check_probability_vector

__all__ = ["Categorical"]

# Labels are 0..K-1: a label beyond this is a data error (a count, an id), not a category.
_MAX_CATEGORIES = 10**8


class Categorical(DiscreteDistribution):
    """Categorical distribution: ``X = k`` with probability ``p[k]``, ``k = 0..K-1``.

    ::

        P(X = k) = p_k,   P(X <= k) = p_0 + ... + p_k
        mean Σ k p_k,   variance Σ (k - mean)² p_k,   entropy -Σ p_k log p_k

    The cdf and ``ppf`` use the order of the labels ``0 < 1 < ... < K-1``. The tail
    ``sf(k) = p_{k+1} + ... + p_{K-1}`` is summed directly, not as ``1 - cdf(k)``.

    Parameters
    ----------
    p : array_like, shape (K,)
        Probabilities of the K >= 1 categories: non-negative, summing to 1 within
        ``1.5e-8`` (NumPy's tolerance in ``Generator.choice``). They are divided by
        their sum, so the stored ``p`` (a read-only attribute) sums to 1 to machine
        precision.

    Methods
    -------
    pmf(k), logpmf(k), cdf(k), sf(k), ppf(q), mean(), var(), std(), entropy(),
    sample(size=None, rng=None), fit(data, n_categories=None) (classmethod). A point
    ``k`` that is not an integer in ``0..K-1`` has probability 0.

    Raises
    ------
    ParameterError
        If an entry of ``p`` is negative, or ``p`` does not sum to 1 (the message
        gives the sum).
    ShapeError
        If ``p`` is not a non-empty 1-D vector.
    NotFiniteError, DTypeError
        If ``p`` holds NaN or infinity, or is not numeric.

    See Also
    --------
    Bernoulli : the case K = 2.
    Multinomial : the counts of each category in ``n`` independent draws.

    Examples
    --------
    >>> from mathforml.probability import Categorical
    >>> d = Categorical([0.2, 0.5, 0.3])
    >>> d.pmf([0, 1, 2, 3])
    array([0.2, 0.5, 0.3, 0. ])
    >>> print(d.cdf(1), d.ppf(0.6), d.mean())
    0.7 1.0 1.1
    """

    def __init__(self, p) -> None:
        self._set_params(p=check_probability_vector(p, "Categorical"))
        K = self.p.size
        # cdf table: c_k = p_0 + ... + p_k, with c_{K-1} = 1 exactly (the total); rounding
        # may carry a partial sum an ulp above 1, which a probability cannot be.
        cdf = np.minimum(np.cumsum(self.p), 1.0)
        cdf[-1] = 1.0
        # tail table: t_k = p_{k+1} + ... + p_{K-1}, summed from the right.
        tail = np.zeros(K)
        tail[:-1] = np.minimum(np.cumsum(self.p[::-1])[::-1][1:], 1.0)
        object.__setattr__(self, "_cdf_table", cdf)
        object.__setattr__(self, "_tail_table", tail)

    @property
    def n_categories(self) -> int:
        """K, the number of categories."""
        return int(self.p.size)

    def _support(self) -> tuple[float, float]:
        return 0.0, float(self.p.size - 1)

    def _pmf_int(self, k: np.ndarray) -> np.ndarray:
        return self.p[k.astype(np.intp)]

    def _logpmf_int(self, k: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):  # log 0 = -inf for an impossible category
            return np.log(self.p[k.astype(np.intp)])

    def _cdf_int(self, k: np.ndarray) -> np.ndarray:
        return self._cdf_table[k.astype(np.intp)]

    def _sf_int(self, k: np.ndarray) -> np.ndarray:
        return self._tail_table[k.astype(np.intp)]

    def _ppf_search(self, q: np.ndarray) -> np.ndarray:
        # The first k with c_k >= q: a binary search in the sorted cdf table.
        return np.searchsorted(self._cdf_table, q, side="left").astype(np.float64)

    def mean(self) -> np.float64:
        """``E[X] = Σ k p_k``."""
        return np.float64(np.arange(self.p.size) @ self.p)

    def var(self) -> np.float64:
        """``Var[X] = Σ (k - E[X])² p_k`` (centred first: no ``E[X²] - E[X]²`` cancellation)."""
        d = np.arange(self.p.size) - self.mean()
        return np.float64((d * d) @ self.p)

    def entropy(self) -> np.float64:
        """``H = -Σ p_k log p_k`` in nats, with ``0 log 0 = 0``; at most ``log K``."""
        p = self.p[self.p > 0]
        return np.float64(-(p @ np.log(p)))

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        # Inverse transform: for U ~ Uniform[0, 1), the first k with c_k > U has
        # probability c_k - c_{k-1} = p_k (a category with p_k = 0 is never chosen).
        u = rng.random(shape)
        return np.searchsorted(self._cdf_table, u, side="right").astype(np.int64)

    @classmethod
    def fit(cls, data, n_categories: int | None = None) -> Categorical:
        """Maximum-likelihood Categorical: the category frequencies ``p̂_k = n_k / n``.

        Maximize the log-likelihood ``Σ_k n_k log p_k`` (``n_k`` the count of
        category ``k`` among ``n`` observations) subject to ``Σ p_k = 1``: the
        Lagrange condition ``n_k / p_k = λ`` gives ``p_k ∝ n_k``, so ``p̂_k = n_k / n``.
        A category never observed gets ``p̂_k = 0``.

        Parameters
        ----------
        data : array_like, shape (n,)
            Observed categories, integers ``>= 0``.
        n_categories : int, optional
            K; default ``max(data) + 1`` (at most 10⁸). Give it when the highest
            categories may be missing from the sample.

        Returns
        -------
        Categorical
            ``Categorical(p̂)`` with K categories.

        Raises
        ------
        ParameterError
            If ``data`` is empty, holds a value that is not a non-negative integer or
            one ``>= n_categories``, or ``n_categories`` is not a positive integer.
        NotFiniteError, ShapeError, DTypeError
            If ``data`` holds NaN or infinity, is not 1-D, or is not numeric.

        Examples
        --------
        >>> Categorical.fit([0, 2, 2, 1], n_categories=4)
        Categorical(p=[0.25, 0.25, 0.5, 0.0])
        """
        x = cls._fit_data(data)
        func = "Categorical.fit"
        if n_categories is None:
            check_integer_data(x, func, 0, _MAX_CATEGORIES - 1)
            K = int(x.max()) + 1
        else:
            K = check_positive_int(n_categories, "n_categories", func)
            check_integer_data(x, func, 0, K - 1)
        counts = np.bincount(x.astype(np.intp), minlength=K)
        return cls(counts / x.size)
