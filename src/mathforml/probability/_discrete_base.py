"""What the distributions on the integers share: the support, and the quantile search.

A discrete distribution lives on the integers ``low, low + 1, ..., high`` (``high`` may
be infinite). Every point ``k`` a user gives is sorted into one of three cases before a
formula sees it, as ``scipy.stats`` does:

* ``pmf``/``logpmf``: a point that is not an integer of the support has probability 0
  (log-probability ``-inf``): ``Binomial(4, 0.5).pmf(2.5) == 0``, as SciPy returns.
* ``cdf``/``sf``: ``P(X <= k)`` only changes at the integers, so ``k`` is first rounded
  down; below the support the cdf is 0, at or above ``high`` it is 1.
* ``ppf(q)`` is the smallest integer ``k`` with ``cdf(k) >= q``; ``ppf(0)`` is
  ``low - 1`` and ``ppf(1)`` is ``high`` (SciPy's convention), returned as floats.

Subclasses implement the formulas on clean input only (``_logpmf_int``, ``_cdf_int``,
``_sf_int``, ``_ppf_guess``), and the rest happens here once.
"""

from __future__ import annotations

import numpy as np

from ..errors import ConvergenceError, ParameterError
from ._distribution import Distribution


class DiscreteDistribution(Distribution):
    """Base class of the distributions on an integer range ``low..high``."""

    # -- what a subclass provides ------------------------------------------------------

    def _support(self) -> tuple[float, float]:
        """``(low, high)``: the smallest and largest possible values (``high`` may be inf)."""
        raise NotImplementedError

    def _logpmf_int(self, k: np.ndarray) -> np.ndarray:
        """``log P(X = k)`` for integers ``k`` of the support (a float array)."""
        raise NotImplementedError

    def _pmf_int(self, k: np.ndarray) -> np.ndarray:
        return np.exp(self._logpmf_int(k))

    def _cdf_int(self, k: np.ndarray) -> np.ndarray:
        """``P(X <= k)`` for integers ``low <= k < high``."""
        raise NotImplementedError

    def _sf_int(self, k: np.ndarray) -> np.ndarray:
        """``P(X > k)`` for integers ``low <= k < high``, computed directly (not 1 - cdf)."""
        raise NotImplementedError

    def _ppf_guess(self, q: np.ndarray) -> np.ndarray:
        """A starting point for the quantile search (any integer will do; closer is faster)."""
        return np.full(q.shape, self._support()[0])

    # -- the public methods --------------------------------------------------------------

    def _in_support(self, k: np.ndarray) -> np.ndarray:
        low, high = self._support()
        return np.isfinite(k) & (k == np.floor(k)) & (k >= low) & (k <= high)

    def pmf(self, k) -> np.ndarray:
        """Probability mass ``P(X = k)``; 0 off the support and at non-integers (as SciPy).

        ``k`` is array-like (±inf allowed, NaN refused); a scalar gives a NumPy float64
        scalar, an array an array of the same shape.

        Examples
        --------
        >>> from mathforml.probability import Binomial
        >>> Binomial(2, 0.5).pmf([0, 1, 1.5, 3])
        array([0.25, 0.5 , 0.  , 0.  ])
        """
        k = self._points(k, "pmf", "k")
        out = np.zeros(k.shape)
        inside = self._in_support(k)
        out[inside] = _per_distinct(self._pmf_int, k[inside])
        return self._output(out)

    def logpmf(self, k) -> np.ndarray:
        """``log P(X = k)``; ``-inf`` off the support and at non-integers.

        Computed directly (not as ``log(pmf)``), so it stays finite where the pmf
        underflows to 0.

        Examples
        --------
        >>> from mathforml.probability import Binomial
        >>> float(Binomial(2000, 0.5).logpmf(0))  # 2000 log ½; the pmf itself underflows
        -1386.29436111989...
        """
        k = self._points(k, "logpmf", "k")
        out = np.full(k.shape, -np.inf)
        inside = self._in_support(k)
        out[inside] = _per_distinct(self._logpmf_int, k[inside])
        return self._output(out)

    def _cdf_any(self, k: np.ndarray) -> np.ndarray:
        """``P(X <= k)`` at integers ``k`` anywhere (0 below the support, 1 from ``high``)."""
        low, high = self._support()
        out = np.zeros(k.shape)
        out[k >= high] = 1.0
        mid = (k >= low) & (k < high)
        out[mid] = _per_distinct(self._cdf_int, k[mid])
        return out

    def cdf(self, k) -> np.ndarray:
        """Cumulative distribution ``P(X <= k)``, with ``k`` rounded down first.

        Examples
        --------
        >>> from mathforml.probability import Binomial
        >>> Binomial(2, 0.5).cdf([-1, 0, 1.5, 2])
        array([0.  , 0.25, 0.75, 1.  ])
        """
        k = np.floor(self._points(k, "cdf", "k"))
        return self._output(self._cdf_any(k))

    def sf(self, k) -> np.ndarray:
        """Survival function ``P(X > k) = 1 - cdf(k)``, computed directly for the upper tail.

        Examples
        --------
        >>> from mathforml.probability import Poisson
        >>> float(Poisson(1.0).sf(30))  # 1 - cdf(30) would give 0
        4.618047461027...e-35
        """
        k = np.floor(self._points(k, "sf", "k"))
        low, high = self._support()
        out = np.ones(k.shape)
        out[k >= high] = 0.0
        mid = (k >= low) & (k < high)
        out[mid] = _per_distinct(self._sf_int, k[mid])
        return self._output(out)

    def ppf(self, q) -> np.ndarray:
        """Quantile: the smallest integer ``k`` with ``cdf(k) >= q`` (a float, as SciPy).

        ``ppf(0) = low - 1`` and ``ppf(1) = high``, SciPy's convention.

        Examples
        --------
        >>> from mathforml.probability import Binomial
        >>> Binomial(2, 0.5).ppf([0, 0.25, 0.26, 1])
        array([-1.,  0.,  1.,  2.])
        """
        q = self._check_q(q, "ppf")
        low, high = self._support()
        out = np.empty(q.shape)
        out[q == 0] = low - 1
        out[q == 1] = high
        mid = (q > 0) & (q < 1)
        out[mid] = self._ppf_search(q[mid])
        return self._output(out)

    def _ppf_search(self, q: np.ndarray) -> np.ndarray:
        """Smallest integer ``k`` with ``cdf(k) >= q``, for ``0 < q < 1`` (a 1-D array).

        From the guess ``g``, a bracket ``a < b`` with ``cdf(a) < q <= cdf(b)`` is
        found by steps of 1, 2, 4, ... away from ``g``, then halved until ``b = a + 1``:
        ``b`` is the answer. A guess within ``d`` of the answer costs about
        ``2 log₂ d + 2`` cdf evaluations, and each loop runs only on the entries still
        moving. ``cdf(low - 1) = 0 < q`` and ``cdf(high) = 1 >= q`` keep the bracket
        inside ``[low - 1, high]``.
        """
        low, high = self._support()
        g = np.clip(np.floor(self._ppf_guess(q)), low, high)
        above = self._cdf_any(g) >= q
        # cdf(g) verifies one end of [a, b]; widen the other end until it holds too.
        a = np.where(above, g - 1, g)
        b = np.where(above, g, g + 1)
        down = np.flatnonzero(above)  # still to check: cdf(a) < q
        up = np.flatnonzero(~above)  # still to check: cdf(b) >= q
        step = 1.0
        for _ in range(_MAX_DOUBLINGS):
            if down.size:
                down = down[self._cdf_any(a[down]) >= q[down]]
                b[down] = a[down]
                a[down] = np.maximum(a[down] - step, low - 1)
            if up.size:
                up = up[self._cdf_any(b[up]) < q[up]]
                a[up] = b[up]
                b[up] = np.minimum(b[up] + step, high)
            if not (down.size or up.size):
                break
            step *= 2
        else:
            raise _no_bracket(type(self).__name__)

        # Bisect: keep cdf(a) < q <= cdf(b) while halving b - a.
        active = np.flatnonzero(b - a > 1)
        while active.size:
            m = np.floor((a[active] + b[active]) / 2)
            hit = self._cdf_any(m) >= q[active]
            b[active[hit]] = m[hit]
            a[active[~hit]] = m[~hit]
            active = active[b[active] - a[active] > 1]
        return b


# Above this many points, repeated ones are worth finding first (a sort) to spare calls.
_DISTINCT_FROM = 256


def _per_distinct(f, k: np.ndarray) -> np.ndarray:
    """``f(k)``, computing ``f`` once per distinct value of ``k`` (a 1-D float array).

    A discrete distribution is evaluated at integers, and a large array of points
    usually repeats them (10⁶ points of a Binomial(40, p) hold at most 41 values): a
    pmf, or an incomplete beta or gamma for the cdf, per distinct value instead of per
    point is many times faster there, for the cost of one sort when nothing repeats.
    """
    if k.size < _DISTINCT_FROM:
        return f(k)
    values, where = np.unique(k, return_inverse=True)
    if values.size > k.size // 2:
        return f(k)
    return f(values)[where]


# Steps 1, 2, 4, ... reach 2⁶⁴ > any float integer: the bracket is always found before.
_MAX_DOUBLINGS = 70


def _no_bracket(name: str) -> ConvergenceError:
    return ConvergenceError(
        f"{name}.ppf: no bracket for the quantile after {_MAX_DOUBLINGS} doublings; "
        f"the cdf is not monotone here, which is a bug: please report it"
    )


def check_integer_data(
    data: np.ndarray, func: str, low: float, high: float, name: str = "data"
) -> None:
    """Require every observation to be an integer in ``[low, high]`` (the support)."""
    bad = (data != np.floor(data)) | (data < low) | (data > high)
    if bad.any():
        where = f"{low:.0f}..{high:.0f}" if np.isfinite(high) else f"{low:.0f}, {low + 1:.0f}, ..."
        first = tuple(int(i) for i in np.argwhere(bad)[0])
        position = first[0] if len(first) == 1 else first
        raise ParameterError(
            f"{func}: {name} must hold integers in the support {where}, got "
            f"{float(data[first])!r} at index {position}"
        )
