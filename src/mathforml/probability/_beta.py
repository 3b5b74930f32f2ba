"""The beta distribution Beta(α, β) on [0, 1].

    f(x) = x^(α-1) (1-x)^(β-1) / B(α, β),     F(x) = I_x(α, β)

The distribution of a probability: the conjugate prior of the Bernoulli and binomial
(a Beta(α, β) prior and k successes in n trials give a Beta(α + k, β + n - k)
posterior), so it is the prior of MAP estimation for coin-like parameters.

The CDF is the regularized incomplete beta function, the quantile its inverse, both
from :mod:`mathforml.special`. The maximum-likelihood fit has no closed form: it solves
the two digamma equations by Newton's method (see :meth:`Beta.fit`).
"""

from __future__ import annotations

import numpy as np

from .._validation import check_positive_float
from ..errors import ConvergenceError, ParameterError
from ..special._beta import _beta_prefactor, _betainc_pair, _betaincinv_pair, _betaln
from ..special._gamma import _digamma, _trigamma
from ._distribution import Distribution

__all__ = ["Beta"]


def _scalar(f, *args: float) -> float:
    """A private special-function kernel evaluated at scalars."""
    return float(f(*(np.array([v], dtype=float) for v in args))[0])


class Beta(Distribution):
    """The beta distribution with shape parameters ``alpha`` and ``beta``.

    Density ``x^(α-1) (1-x)^(β-1) / B(α, β)`` on [0, 1]. ``α = β = 1`` is uniform;
    ``α, β > 1`` gives a hump at the mode ``(α-1)/(α+β-2)``; ``α < 1`` (``β < 1``) makes
    the density infinite at 0 (at 1). ``α`` and ``β`` act like counts of successes and
    failures seen: the mean is ``α/(α+β)``.

    Parameters
    ----------
    alpha : float
        First shape parameter, a finite number > 0.
    beta : float
        Second shape parameter, a finite number > 0.

    Raises
    ------
    ParameterError
        If a parameter is not a finite number > 0.
    DTypeError
        If a parameter is not a real number.

    See Also
    --------
    mathforml.special.betainc : its CDF.
    Bernoulli : the likelihood it is conjugate to.

    Notes
    -----
    Methods follow the shared contract of :mod:`mathforml.probability._distribution`.

    Examples
    --------
    >>> d = Beta(2.0, 3.0)
    >>> float(d.pdf(0.5)), float(d.cdf(0.5)), d.mean()
    (1.5, 0.6875, 0.4)
    >>> float(d.ppf(0.6875))
    0.5
    """

    def __init__(self, alpha: float, beta: float):
        self._set_params(
            alpha=check_positive_float(alpha, "alpha", "Beta"),
            beta=check_positive_float(beta, "beta", "Beta"),
        )

    def _ab(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.full(x.shape, self.alpha), np.full(x.shape, self.beta)

    def pdf(self, x) -> np.ndarray:
        """Density ``x^(α-1) (1-x)^(β-1) / B(α, β)`` on [0, 1], 0 outside.

        At the ends it is 0, ``α`` or ``β`` (when that parameter is 1) or ``inf``, as
        SciPy. For ``α, β >= 10`` the power terms are combined by Stirling's series, so
        the density keeps full accuracy where ``exp(logpdf)`` would lose digits.

        Examples
        --------
        >>> Beta(2.0, 2.0).pdf([0.0, 0.5, 2.0])  # 6 x (1 - x)
        array([0. , 1.5, 0. ])
        """
        x = self._points(x, "pdf")
        flat = np.ravel(x)
        out = np.exp(self._logpdf(flat))  # the ends and the outside
        inside = (flat > 0) & (flat < 1)
        xi = flat[inside]
        a, b = self._ab(xi)
        y = 1.0 - xi
        # f(x) = xᵃ (1-x)ᵇ / B · 1/(x (1-x)), with the prefactor of the incomplete beta
        out[inside] = _beta_prefactor(a, b, xi, y) / (xi * y)
        return self._output(out.reshape(x.shape))

    def _logpdf(self, x: np.ndarray) -> np.ndarray:
        a1, b1 = self.alpha - 1.0, self.beta - 1.0
        with np.errstate(divide="ignore", invalid="ignore"):
            # (α-1) log x, read as 0 when α = 1 even at x = 0 (0 · log 0 = 0)
            left = np.where(a1 == 0.0, 0.0, a1 * np.log(x))
            right = np.where(b1 == 0.0, 0.0, b1 * np.log1p(-x))
            lnb = _scalar(_betaln, self.alpha, self.beta)
            out = left + right - lnb
        return np.where((x >= 0) & (x <= 1), out, -np.inf)

    def logpdf(self, x) -> np.ndarray:
        """Log-density ``(α-1) log x + (β-1) log(1-x) - log B(α, β)``; ``-inf`` outside.

        Examples
        --------
        >>> float(Beta(1.0, 1.0).logpdf(0.3))
        0.0
        """
        x = self._points(x, "logpdf")
        return self._output(self._logpdf(x))

    def _cdf_sf(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        flat = np.clip(np.ravel(x), 0.0, 1.0)
        cdf, sf = _betainc_pair(*self._ab(flat), flat)
        return cdf.reshape(x.shape), sf.reshape(x.shape)

    def cdf(self, x) -> np.ndarray:
        """``I_x(α, β)``, the regularized incomplete beta function; 0 below 0, 1 above 1.

        Examples
        --------
        >>> float(Beta(2.0, 3.0).cdf(0.5))
        0.6875
        """
        return self._output(self._cdf_sf(self._points(x, "cdf"))[0])

    def sf(self, x) -> np.ndarray:
        """``1 - I_x(α, β) = I_{1-x}(β, α)``, computed directly in the upper tail.

        Examples
        --------
        >>> float(Beta(2.0, 3.0).sf(0.5))
        0.3125
        """
        return self._output(self._cdf_sf(self._points(x, "sf"))[1])

    def ppf(self, q) -> np.ndarray:
        """Quantile: the ``x`` with ``I_x(α, β) = q`` (Halley's method, see ``betaincinv``).

        Examples
        --------
        >>> float(Beta(1.0, 1.0).ppf(0.25))
        0.25
        """
        q = self._check_q(q)
        flat = np.ravel(q)
        x = _betaincinv_pair(*self._ab(flat), flat, 1.0 - flat)[0]
        return self._output(x.reshape(q.shape))

    def mean(self) -> float:
        """``α/(α+β)``."""
        return self.alpha / (self.alpha + self.beta)

    def var(self) -> float:
        """``αβ / ((α+β)² (α+β+1))``."""
        s = self.alpha + self.beta
        return self.alpha * self.beta / (s * s * (s + 1.0))

    def entropy(self) -> float:
        """Differential entropy in nats (negative for peaked shapes).

        ``log B(α, β) - (α-1) ψ(α) - (β-1) ψ(β) + (α+β-2) ψ(α+β)``.
        """
        a, b = self.alpha, self.beta
        return (_scalar(_betaln, a, b) - (a - 1.0) * _scalar(_digamma, a)
                - (b - 1.0) * _scalar(_digamma, b) + (a + b - 2.0) * _scalar(_digamma, a + b))

    def _sample(self, shape, rng):
        return rng.beta(self.alpha, self.beta, shape)

    @classmethod
    def fit(cls, data, *, tol: float = 1e-12, max_iter: int = 100) -> Beta:
        """Maximum-likelihood estimate from a 1-D sample in (0, 1), by Newton's method.

        The log-likelihood ``n [(α-1) G₁ + (β-1) G₂ - log B(α, β)]``, with
        ``G₁ = mean(log xᵢ)`` and ``G₂ = mean(log(1 - xᵢ))``, is concave; its gradient
        vanishes where

            ψ(α) - ψ(α+β) = G₁,     ψ(β) - ψ(α+β) = G₂

        (ψ the digamma function). There is no closed form: Newton's method solves the
        pair, with the Jacobian ``[[ψ'(α) - ψ'(α+β), -ψ'(α+β)], [-ψ'(α+β),
        ψ'(β) - ψ'(α+β)]]`` (ψ' the trigamma function), started from the method of
        moments ``α₀ = m c``, ``β₀ = (1-m) c`` with ``c = m(1-m)/v - 1`` (m, v the sample
        mean and biased variance), and a step halved until both parameters stay
        positive. It stops when the step is below ``tol`` relative.

        Parameters
        ----------
        data : array_like, shape (n,)
            Values strictly between 0 and 1, at least two distinct.
        tol : float, default 1e-12
            Relative step size at which Newton's method stops.
        max_iter : int, default 100
            Iteration cap.

        Returns
        -------
        Beta
            A new distribution with the fitted ``alpha`` and ``beta``.

        Raises
        ------
        ParameterError
            If ``data`` is empty, has a value outside (0, 1) (the log-likelihood is
            ``-inf`` at 0 and 1), or all its values are equal (the likelihood then grows
            without bound as α, β → ∞).
        ConvergenceError
            If Newton's method has not converged in ``max_iter`` steps.
        ShapeError, DTypeError, NotFiniteError
            If ``data`` is not a 1-D array of finite numbers.

        Examples
        --------
        >>> d = Beta.fit([0.2, 0.4, 0.5, 0.7])
        >>> round(d.alpha, 6), round(d.beta, 6)
        (3.170752, 3.889249)
        """
        x = cls._fit_data(data)
        outside = (x <= 0) | (x >= 1)
        if outside.any():
            raise ParameterError(
                f"Beta.fit: data must lie strictly between 0 and 1 (the log-likelihood is "
                f"-inf at 0 and 1), got {float(x[outside][0])!r}"
            )
        m = float(np.mean(x))
        v = float(np.mean((x - m) ** 2))
        if not v > 0:
            raise ParameterError(
                f"Beta.fit: all {x.size} data values are equal ({float(x[0])!r}); the likelihood "
                f"then grows without bound as alpha, beta -> inf, so there is no "
                f"maximum-likelihood estimate; fit needs at least two distinct values"
            )
        g = np.array([np.mean(np.log(x)), np.mean(np.log1p(-x))])
        c = m * (1.0 - m) / v - 1.0  # > 0: v < m(1-m) for data inside (0, 1)
        theta = np.array([m * c, (1.0 - m) * c])
        for _ in range(max_iter):
            a, b = theta
            dig = _digamma(np.array([a, b, a + b]))
            tri = _trigamma(np.array([a, b, a + b]))
            grad = np.array([dig[0] - dig[2], dig[1] - dig[2]]) - g
            J = np.array([[tri[0] - tri[2], -tri[2]], [-tri[2], tri[1] - tri[2]]])
            # Newton step J δ = grad (2 x 2, by Cramer's rule)
            det = J[0, 0] * J[1, 1] - J[0, 1] * J[1, 0]
            step = np.array([grad[0] * J[1, 1] - grad[1] * J[0, 1],
                             J[0, 0] * grad[1] - J[1, 0] * grad[0]]) / det
            while np.any(theta - step <= 0):
                step *= 0.5
            theta = theta - step
            if np.all(np.abs(step) <= tol * theta):
                return cls(float(theta[0]), float(theta[1]))
        raise ConvergenceError(
            f"Beta.fit: Newton's method did not converge in {max_iter} iterations "
            f"(last alpha={theta[0]!r}, beta={theta[1]!r})"
        )
