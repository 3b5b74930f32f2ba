"""The multinomial distribution: category counts in n independent categorical draws.

Rolling a die ``n`` times and counting each face gives a count vector
``x = (x_0, ..., x_{K-1})`` with ``Σ xᵢ = n``; its probability is

    P(x) = n! / (x_0! ... x_{K-1}!) · p_0^x_0 ... p_{K-1}^x_{K-1}

the number of orders in which those counts can occur times the probability of one
order. Each count alone is Binomial(n, pᵢ); with K = 2 the whole vector is a Binomial.
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import as_array, check_nonnegative_int
from ..errors import ParameterError, ShapeError
from ._discrete_base import check_integer_data
from ._discrete_loader import (
    bd0,
    expected_saddle_terms,
    log_factorial_remainder,
    two_product,
)
from ._discrete_vector import check_probability_vector
from ._distribution import Distribution

__all__ = ["Multinomial"]

_MAX_N = 2**53  # beyond, counts are not all exact in float64


class Multinomial(Distribution):
    """Multinomial distribution: the counts of K categories in ``n`` independent draws.

    ::

        P(X = x) = n! / (x_0! ... x_{K-1}!) · Πᵢ pᵢ^xᵢ,   xᵢ >= 0 integers, Σ xᵢ = n
        mean n p,   covariance n (diag(p) - p pᵀ)

    **Method.** Written with ``gammaln``, ``log P`` subtracts terms of size ``n log n``
    (``log n! ≈ 2·10¹⁰`` at ``n = 10⁹``) and loses about ``ε n log n``. We use its
    exact rewrite with Loader's quantities (``_discrete_loader``): with
    ``log x! = x log x - x + r(x)`` and ``Σ xᵢ = n``,

        log P(x) = r(n) - Σᵢ [r(xᵢ) + bd0(xᵢ, n pᵢ)] + n (Σᵢ pᵢ - 1)

    where ``bd0(x, M) = x log(x/M) + M - x`` and ``r(x) = ½ log(2πx) + δ(x)`` are small
    (the last term, zero in exact arithmetic, keeps the identity exact for the stored
    floats ``p``; ``n pᵢ`` is carried in double-double, as for the Binomial). Measured
    within 5e-15 (absolute) of mpmath up to ``n = 10¹²``, where ``gammaln`` would be off
    by 6e-3. ``entropy`` uses the same cancellation:
    ``H = -r(n) + Σᵢ E[bd0(Xᵢ, n pᵢ) + r(Xᵢ)]`` with ``Xᵢ ~ Binomial(n, pᵢ)``, each
    expectation summed over its support (or, for variances above 10⁷, its expansion
    to ``O(1/(n pᵢ)²)``); for small ``n`` this equals SciPy's exact sum
    ``-log n! - n Σ pᵢ log pᵢ + Σᵢ Σₓ P(Xᵢ = x) log x!``, and it stays accurate
    (~1e-15 relative, against the Binomial's entropy for K = 2) up to ``n = 10¹²``.

    **No cdf, no ppf.** ``P(X <= x)`` for vectors is a sum over a K-dimensional box
    with no closed form (and rarely what one wants), and a quantile has no unique
    meaning in several dimensions, so neither is offered; the marginal of each count is
    ``Binomial(n, p[i])``, which has both.

    Parameters
    ----------
    n : int
        Number of draws, ``0 <= n <= 2**53``; read-only attribute ``n``.
    p : array_like, shape (K,)
        Category probabilities: non-negative, summing to 1 within ``1.5e-8``; stored
        divided by their sum (read-only attribute ``p``).

    Methods
    -------
    pmf(x), logpmf(x) for count vectors ``x`` of shape (K,) or (m, K); mean(), var()
    (= cov(), the K x K covariance matrix), cov(), std() (the K marginal standard
    deviations), entropy(), sample(size=None, rng=None) (shape ``size + (K,)``),
    fit(counts) (classmethod).

    Raises
    ------
    ParameterError
        If ``n`` is not a non-negative integer (at most ``2**53``), an entry of ``p``
        is negative, or ``p`` does not sum to 1 (the message gives the sum).
    ShapeError, NotFiniteError, DTypeError
        If ``p`` is not a non-empty 1-D vector of finite numbers.

    See Also
    --------
    Binomial : the case K = 2, and the marginal of each count.
    Categorical : the case n = 1 (one draw, reported as its category).

    Examples
    --------
    >>> from mathforml.probability import Multinomial
    >>> d = Multinomial(4, [0.5, 0.25, 0.25])
    >>> print(d.pmf([2, 1, 1]))  # 4!/(2! 1! 1!) · 0.5² · 0.25 · 0.25
    0.1875
    >>> d.mean()
    array([2., 1., 1.])
    """

    def __init__(self, n: int, p) -> None:
        n = check_nonnegative_int(n, "n", "Multinomial")
        if n > _MAX_N:
            raise ParameterError(
                f"Multinomial: n must be at most 2**53 = {_MAX_N} (larger integers are "
                f"not exact in float64), got {n}"
            )
        p = check_probability_vector(p, "Multinomial")
        self._set_params(n=n, p=p)
        # Σ pᵢ - 1 for the stored floats, rounded once (fsum adds exactly, then rounds).
        object.__setattr__(self, "_sum_excess", math.fsum([*p, -1.0]))

    # -- probabilities -----------------------------------------------------------------

    def _counts(self, x, method: str) -> np.ndarray:
        """Validate count vectors: a float array of shape (K,) or (m, K), NaN refused."""
        x = self._points(x, method, "x")
        K = self.p.size
        if x.ndim not in (1, 2) or x.shape[-1] != K:
            raise ShapeError(
                f"{self._name(method)}: x must be a count vector of shape ({K},) or a "
                f"matrix of them, shape (m, {K}), got shape {x.shape}"
            )
        return x

    def logpmf(self, x):
        """``log P(X = x)`` for count vectors ``x`` of shape (K,) or (m, K).

        ``-inf`` for a vector that is not a possible outcome: a negative or
        non-integer count, a total other than ``n``, or a positive count in a category
        with ``pᵢ = 0`` (as ``scipy.stats.multinomial``).

        Examples
        --------
        >>> from mathforml.probability import Multinomial
        >>> Multinomial(2, [0.5, 0.5]).logpmf([[1, 1], [2, 1]])
        array([-0.69314718,        -inf])
        """
        return self._output(self._logpmf_array(self._counts(x, "logpmf")))

    def _logpmf_array(self, x: np.ndarray) -> np.ndarray:
        rows = x.reshape(-1, self.p.size)  # (m, K)
        possible = (
            np.isfinite(rows).all(axis=1)
            & (rows == np.floor(rows)).all(axis=1)
            & (rows >= 0).all(axis=1)
            & (rows.sum(axis=1) == self.n)
            & ((self.p > 0) | (rows == 0)).all(axis=1)
        )
        out = np.full(rows.shape[0], -np.inf)
        out[possible] = self._logpmf_possible(rows[possible])
        return out.reshape(x.shape[:-1])

    def _logpmf_possible(self, x: np.ndarray) -> np.ndarray:
        """Loader's form of ``log P`` for rows of possible outcomes (m, K)."""
        n = float(self.n)
        # Expected counts M = n p (K,), with the digits rounding drops kept in the
        # deviations d = x - M (m, K); bd0(0, 0) = 0 covers the categories with pᵢ = 0.
        M, M_err = two_product(n, self.p)
        d = (x - M) - M_err
        terms = log_factorial_remainder(x) + bd0(x, np.broadcast_to(M, x.shape), d)
        return log_factorial_remainder(np.float64(n)) - terms.sum(axis=1) + n * self._sum_excess

    def pmf(self, x):
        """``P(X = x)`` for count vectors ``x`` of shape (K,) or (m, K); 0 off the support.

        Examples
        --------
        >>> from mathforml.probability import Multinomial
        >>> print(Multinomial(3, [0.2, 0.8]).pmf([1, 2]))  # 3 · 0.2 · 0.8²
        0.384
        """
        x = self._counts(x, "pmf")
        with np.errstate(under="ignore"):  # a probability below 1e-308 rounds to 0
            return self._output(np.exp(self._logpmf_array(x)))

    # -- summaries ---------------------------------------------------------------------

    def mean(self) -> np.ndarray:
        """``E[X] = n p``, shape (K,)."""
        return self.n * self.p

    def cov(self) -> np.ndarray:
        """Covariance matrix ``n (diag(p) - p pᵀ)``, shape (K, K).

        ``Var[Xᵢ] = n pᵢ (1 - pᵢ)`` (each count is Binomial) and
        ``Cov[Xᵢ, Xⱼ] = -n pᵢ pⱼ`` for ``i ≠ j``: the counts compete for the same ``n``
        draws. Rows sum to 0 because ``Σ Xᵢ = n`` does not vary.
        """
        p = self.p
        return self.n * (np.diag(p) - np.outer(p, p))

    def var(self) -> np.ndarray:
        """The covariance matrix ``n (diag(p) - p pᵀ)``, shape (K, K): same as :meth:`cov`.

        For a vector-valued variable the variance is a matrix (as ``scipy.stats``'
        ``multinomial.cov``); its diagonal holds the variances ``n pᵢ (1 - pᵢ)``.
        """
        return self.cov()

    def std(self) -> np.ndarray:
        """Standard deviations of the counts, ``sqrt(n pᵢ (1 - pᵢ))``, shape (K,).

        The square roots of the covariance matrix's *diagonal* (an elementwise root of
        the whole matrix would be meaningless: its off-diagonal entries are negative).
        """
        return np.sqrt(self.n * self.p * (1.0 - self.p))

    def entropy(self) -> np.float64:
        """Entropy ``-Σₓ P(x) log P(x)`` in nats (see the class docstring for the method)."""
        n = float(self.n)
        h = -float(log_factorial_remainder(np.float64(n)))
        for pi in self.p:
            h += expected_saddle_terms(n, float(pi))
        return np.float64(h)

    # -- sampling and fitting ----------------------------------------------------------

    def _sample(self, shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        # Conditional binomials: X_0 ~ Bin(n, p_0), then each next count is binomial in
        # the draws left over, with its share of the probability left over:
        #   X_i | X_0..X_{i-1} ~ Bin(n - X_0 - ... - X_{i-1}, p_i / (p_i + ... + p_{K-1})).
        p = self.p
        K = p.size
        tail = np.cumsum(p[::-1])[::-1]  # p_i + ... + p_{K-1}, summed from the right
        out = np.empty(shape + (K,), dtype=np.int64)
        left = np.full(shape, self.n, dtype=np.int64)
        for i in range(K - 1):
            share = min(p[i] / tail[i], 1.0) if tail[i] > 0 else 0.0
            out[..., i] = rng.binomial(left, share)
            left -= out[..., i]
        out[..., K - 1] = left
        return out

    @classmethod
    def fit(cls, counts) -> Multinomial:
        """Maximum-likelihood Multinomial for count vectors with a common total ``n``.

        With ``m`` observed vectors (rows) of total ``n``, the log-likelihood is
        ``Σ_k N_k log p_k + const`` with ``N_k`` the pooled count of category ``k``;
        maximizing it subject to ``Σ p_k = 1`` (Lagrange: ``N_k / p_k = λ``) gives the
        pooled frequencies ``p̂_k = N_k / (m n)``.

        Parameters
        ----------
        counts : array_like, shape (m, K) or (K,)
            Observed count vectors (non-negative integers), all with the same total.

        Returns
        -------
        Multinomial
            ``Multinomial(n, p̂)``.

        Raises
        ------
        ParameterError
            If ``counts`` is empty, holds a negative or non-integer count, its rows
            have different totals, or the total is 0 (then ``p`` is not identifiable).
        NotFiniteError, ShapeError, DTypeError
            If ``counts`` holds NaN or infinity, is not 1-D or 2-D, or is not numeric.

        Examples
        --------
        >>> Multinomial.fit([[3, 1, 0], [1, 2, 1]])
        Multinomial(n=4, p=[0.5, 0.375, 0.125])
        """
        func = "Multinomial.fit"
        x = as_array(counts, "counts", func, ndim=(1, 2))
        rows = np.atleast_2d(x)  # (m, K)
        if rows.size == 0:
            raise ParameterError(
                f"{func}: counts is empty (shape {x.shape}); fit needs at least one "
                f"count vector with at least one category"
            )
        check_integer_data(x, func, 0, np.inf, name="counts")
        totals = rows.sum(axis=1)
        if (totals != totals[0]).any():
            i = int(np.flatnonzero(totals != totals[0])[0])
            raise ParameterError(
                f"{func}: every count vector must have the same total n, but row 0 sums "
                f"to {totals[0]:g} and row {i} to {totals[i]:g}"
            )
        n = int(totals[0])
        if n == 0:
            raise ParameterError(
                f"{func}: every count vector sums to 0, so the data say nothing about p"
            )
        return cls(n, rows.sum(axis=0) / (rows.shape[0] * n))
