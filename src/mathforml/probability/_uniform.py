"""The continuous uniform distribution U(low, high).

    f(x) = 1/(high - low) on [low, high], 0 elsewhere,     F(x) = (x - low)/(high - low)

The maximum-entropy distribution on an interval, and the raw material of sampling:
``F⁻¹(U)`` with U ~ U(0, 1) has CDF F (inverse transform sampling).
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import ParameterError
from ._distribution import Distribution, _check_finite_float

__all__ = ["Uniform"]


class Uniform(Distribution):
    """The uniform distribution on the interval ``[low, high]``.

    Density ``1/(high - low)`` on the interval (both ends included, as SciPy), 0
    outside.

    Parameters
    ----------
    low : float, default 0.0
        Left end, a finite number.
    high : float, default 1.0
        Right end, a finite number > ``low``.

    Raises
    ------
    ParameterError
        If an end is not finite, or ``high <= low``.
    DTypeError
        If a parameter is not a real number.

    See Also
    --------
    Beta : distributions on [0, 1] with a shape; Beta(1, 1) is U(0, 1).

    Notes
    -----
    Methods follow the shared contract of :mod:`mathforml.probability._distribution`.

    Examples
    --------
    >>> d = Uniform(2.0, 6.0)
    >>> float(d.pdf(3.0)), float(d.cdf(3.0)), d.mean(), d.var()
    (0.25, 0.25, 4.0, 1.3333333333333333)
    >>> Uniform.fit([0.5, 2.0, 1.5])  # the sample's min and max
    Uniform(low=0.5, high=2.0)
    """

    def __init__(self, low: float = 0.0, high: float = 1.0):
        low = _check_finite_float(low, "low", "Uniform")
        high = _check_finite_float(high, "high", "Uniform")
        if not high > low:
            raise ParameterError(
                f"Uniform: high must be greater than low, got low={low!r}, high={high!r}"
            )
        if not math.isfinite(high - low):
            raise ParameterError(
                f"Uniform: the width high - low overflows (low={low!r}, high={high!r})"
            )
        self._set_params(low=low, high=high)

    @property
    def _width(self) -> float:
        return self.high - self.low

    def _inside(self, x: np.ndarray) -> np.ndarray:
        return (x >= self.low) & (x <= self.high)

    def pdf(self, x) -> np.ndarray:
        """``1/(high - low)`` on ``[low, high]``, 0 outside.

        Examples
        --------
        >>> Uniform().pdf([-0.5, 0.5, 1.0, 1.5])
        array([0., 1., 1., 0.])
        """
        x = self._points(x, "pdf")
        return self._output(np.where(self._inside(x), 1.0 / self._width, 0.0))

    def logpdf(self, x) -> np.ndarray:
        """``-log(high - low)`` on ``[low, high]``, ``-inf`` outside.

        Examples
        --------
        >>> float(Uniform(0.0, 4.0).logpdf(1.0))
        -1.3862943611198906
        """
        x = self._points(x, "logpdf")
        return self._output(np.where(self._inside(x), -math.log(self._width), -np.inf))

    def cdf(self, x) -> np.ndarray:
        """``(x - low)/(high - low)`` clipped to [0, 1].

        Examples
        --------
        >>> Uniform(0.0, 4.0).cdf([-1.0, 1.0, 5.0])
        array([0.  , 0.25, 1.  ])
        """
        x = self._points(x, "cdf")
        with np.errstate(over="ignore", invalid="ignore"):  # ±inf and huge x are clipped
            return self._output(np.clip((x - self.low) / self._width, 0.0, 1.0))

    def sf(self, x) -> np.ndarray:
        """``(high - x)/(high - low)`` clipped to [0, 1] (computed directly).

        Examples
        --------
        >>> float(Uniform(0.0, 4.0).sf(1.0))
        0.75
        """
        x = self._points(x, "sf")
        with np.errstate(over="ignore", invalid="ignore"):
            return self._output(np.clip((self.high - x) / self._width, 0.0, 1.0))

    def ppf(self, q) -> np.ndarray:
        """``low + q (high - low)``.

        Examples
        --------
        >>> float(Uniform(2.0, 6.0).ppf(0.5))
        4.0
        """
        q = self._check_q(q)
        return self._output(np.minimum(self.low + q * self._width, self.high))

    def mean(self) -> float:
        """``(low + high)/2``."""
        return 0.5 * self.low + 0.5 * self.high

    def var(self) -> float:
        """``(high - low)²/12``."""
        return self._width**2 / 12.0

    def entropy(self) -> float:
        """Differential entropy ``log(high - low)`` in nats."""
        return math.log(self._width)

    def _sample(self, shape, rng):
        return rng.uniform(self.low, self.high, shape)

    @classmethod
    def fit(cls, data) -> Uniform:
        """Maximum-likelihood estimate from a 1-D sample: ``low = min xᵢ``, ``high = max xᵢ``.

        The likelihood ``(high - low)⁻ⁿ`` (when every ``xᵢ`` is inside) grows as the
        interval shrinks, so the MLE is the smallest interval holding the data, as
        ``scipy.stats.uniform.fit``.

        Parameters
        ----------
        data : array_like, shape (n,)
            Finite numbers, at least two distinct values.

        Returns
        -------
        Uniform
            A new distribution with the fitted ends.

        Raises
        ------
        ParameterError
            If ``data`` is empty or all its values are equal (an interval of width 0).
        ShapeError, DTypeError, NotFiniteError
            If ``data`` is not a 1-D array of finite numbers.

        Examples
        --------
        >>> Uniform.fit([3.0, 1.0, 2.0])
        Uniform(low=1.0, high=3.0)
        """
        x = cls._fit_data(data)
        low, high = float(x.min()), float(x.max())
        if not high > low:
            raise ParameterError(
                f"Uniform.fit: all {x.size} data values are equal ({low!r}), so the "
                f"maximum-likelihood interval has width 0; fit needs at least two "
                f"distinct values"
            )
        return cls(low, high)
