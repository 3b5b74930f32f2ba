"""Student's t distribution with ν degrees of freedom.

    f(t) = (1 + t²/ν)^(-(ν+1)/2) / (√ν B(ν/2, ½))

The distribution of ``(x̄ - μ) / (s/√n)`` for a normal sample of size n = ν + 1, when
the standard deviation is estimated by s: the t-test and the confidence interval for a
mean with unknown variance. Heavier tails than the normal; as ν → ∞ it becomes N(0, 1).

Its CDF is an incomplete beta function: with ``x = ν/(ν + t²)``,

    P(T <= -|t|) = ½ I_x(ν/2, ½)

Both ``x`` and ``1 - x = t²/(ν + t²)`` are passed to the incomplete beta, each computed
directly, so that neither the tails nor the centre lose digits to ``1 - x``.

The quantile solves ``P(T > u) = p`` for ``u = |t|`` by Halley's method,
``u ← u + Δ/(1 - Δc/2)`` with ``Δ = (P(T > u) - p)/f(u)`` and
``c = -f'(u)/f(u) = (ν+1)u/(ν+u²)``, started from G. W. Hill's approximation (Algorithm
396, 1970), which is within 1e-4 for ν >= 2.5 (exact for ν = 1 and 2, and within 1e-15
for ν >= 1000). Halley's error is cubic, so once a step is small on the scale of the
CDF's curvature the next would be below rounding: most quantiles cost one or two
evaluations of the CDF. Far in a tail (the CDF off by more than half) Newton's method on
``log P`` against ``log u`` takes over, and a bracket around the root, shrinking at
every step, catches any step that would leave it (bisection instead), so the iteration
cannot diverge. Beyond ``u = 1e9 sqrt(ν)`` the tail is its power law ``∝ u^-ν`` to
double precision, and the quantile is that law's inverse.

A scalar argument (the statistical tests' p-values and critical values) takes a plain
float version of each of these.
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import check_positive_float
from ..errors import ConvergenceError
from ..special._beta import _betainc_pair, _betainc_pair_scalar, _betaln_scalar
from ..special._erf import _ndtri, _ndtri_scalar
from ..special._gamma import _digamma
from ._distribution import Distribution

__all__ = ["StudentT"]

# ψ(x) ≈ log x - 1/(2x) - Σₖ cₖ x^-2k with cₖ = B₂ₖ/(2k), for the entropy at large ν.
_DIGAMMA_C = (1.0 / 12.0, -1.0 / 120.0, 1.0 / 252.0, -1.0 / 240.0, 1.0 / 132.0)
_EPS = np.finfo(np.float64).eps
_MAX_STEPS = 200  # Halley steps of the quantile (bisection alone needs < 130)
# Beyond this ν, Hill's constants overflow; the t quantile is the normal one to 1e-16.
_NORMAL_DF = 1e20
# Beyond u = this · sqrt(ν) the tail is its power law to double precision.
_POWER_LAW = 1e9
_LOG_MAX = math.log(np.finfo(np.float64).max)


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


# -- the quantile's starting point -------------------------------------------------------


def _hill_scalar(nu: float, p: float) -> float:
    """Hill's approximation to u > 0 with ``P(T > u) = p`` (two-sided probability 2p).

    For ν < 1 (outside Hill's range): the power law of the tail,
    ``P(T > u) ≈ ν^(ν/2 - 1) u^-ν / B(ν/2, ½)``, or the line ``½ - u f(0)`` near 0.
    """
    P = 2.0 * p
    if nu > _NORMAL_DF:
        return -_ndtri_scalar(p)
    if nu == 1.0:
        return 1.0 / math.tan(0.5 * math.pi * P)
    if nu == 2.0:
        return math.sqrt(2.0 / (P * (2.0 - P)) - 2.0)
    if nu < 1.0:
        lnb = _betaln_scalar(0.5 * nu, 0.5)
        if p > 0.25:
            return (0.5 - p) * math.sqrt(nu) * math.exp(lnb)
        return math.exp(0.5 * math.log(nu) - (math.log(nu) + lnb + math.log(p)) / nu)
    a = 1.0 / (nu - 0.5)
    b = 48.0 / (a * a)
    c = ((20700.0 * a / b - 98.0) * a - 16.0) * a + 96.36
    d = ((94.5 / (b + c) - 3.0) / b + 1.0) * math.sqrt(a * math.pi / 2.0) * nu
    y = (d * P) ** (2.0 / nu)
    if y < 1e-100:  # far tail, where y below is 1/y to double precision
        return math.exp(0.5 * math.log(nu) - (math.log(d) + math.log(P)) / nu)
    if y > 0.05 + a:  # a corrected normal deviate
        x = -_ndtri_scalar(p)
        y = x * x
        if nu < 5.0:
            c += 0.3 * (nu - 4.5) * (x + 0.6)
        c = (((0.05 * d * x - 5.0) * x - 7.0) * x - 2.0) * x + b + c
        y = (((((0.4 * y + 6.3) * y + 36.0) * y + 94.5) / c - y - 3.0) / b + 1.0) * x
        y = math.expm1(a * y * y)
    else:  # an asymptotic inverse expansion in the tail
        y = ((1.0 / (((nu + 6.0) / (nu * y) - 0.089 * d - 0.822) * (nu + 2.0) * 3.0)
              + 0.5 / (nu + 4.0)) * y - 1.0) * (nu + 1.0) / (nu + 2.0) + 1.0 / y
    return math.sqrt(nu * y)


def _hill(nu: float, p: np.ndarray) -> np.ndarray:
    """:func:`_hill_scalar` on a 1-D array of tail probabilities, one ν."""
    P = 2.0 * p
    with np.errstate(divide="ignore", over="ignore", invalid="ignore", under="ignore"):
        if nu > _NORMAL_DF:
            return -_ndtri(p)
        if nu == 1.0:
            return 1.0 / np.tan(0.5 * math.pi * P)
        if nu == 2.0:
            return np.sqrt(2.0 / (P * (2.0 - P)) - 2.0)
        if nu < 1.0:
            lnb = _betaln_scalar(0.5 * nu, 0.5)
            power = np.exp(0.5 * math.log(nu) - (math.log(nu) + lnb + np.log(p)) / nu)
            return np.where(p > 0.25, (0.5 - p) * math.sqrt(nu) * math.exp(lnb), power)
        a = 1.0 / (nu - 0.5)
        b = 48.0 / (a * a)
        c = ((20700.0 * a / b - 98.0) * a - 16.0) * a + 96.36
        d = ((94.5 / (b + c) - 3.0) / b + 1.0) * math.sqrt(a * math.pi / 2.0) * nu
        y = (d * P) ** (2.0 / nu)
        far = np.exp(0.5 * math.log(nu) - (math.log(d) + np.log(P)) / nu)
        x = -_ndtri(p)
        cx = c + (0.3 * (nu - 4.5) * (x + 0.6) if nu < 5.0 else 0.0)
        cx = (((0.05 * d * x - 5.0) * x - 7.0) * x - 2.0) * x + b + cx
        x2 = x * x
        yn = (((((0.4 * x2 + 6.3) * x2 + 36.0) * x2 + 94.5) / cx - x2 - 3.0) / b + 1.0) * x
        normal = np.expm1(a * yn * yn)
        tail = ((1.0 / (((nu + 6.0) / (nu * y) - 0.089 * d - 0.822) * (nu + 2.0) * 3.0)
                 + 0.5 / (nu + 4.0)) * y - 1.0) * (nu + 1.0) / (nu + 2.0) + 1.0 / y
        u = np.sqrt(nu * np.where(y > 0.05 + a, normal, tail))
        return np.where(y < 1e-100, far, u)


# -- the quantile: safeguarded Halley ------------------------------------------------------


def _t_tail_scalar(nu: float, u: float) -> float:
    """``P(T > u) = ½ I_x(ν/2, ½)`` for u >= 0, with ``x = ν/(ν+u²)``, ``1-x = u²/(ν+u²)``."""
    r = u * u / nu
    if r == math.inf:
        return 0.0
    return 0.5 * _betainc_pair_scalar(0.5 * nu, 0.5, 1.0 / (1.0 + r), r / (1.0 + r))[0]


def _power_law_scalar(nu: float, lognorm: float, p: float) -> float:
    """The root of the tail's power law ``P(T > u) ≈ ν^(ν/2) u^-ν / (ν B(ν/2, ½))``.

    ``f(u) = ν^((ν+1)/2) u^-(ν+1) / (√ν B) · (1 + O(ν/u²))``, integrated from u; beyond
    ``u = 1e9 sqrt(ν)`` the neglected terms are below 1e-17, so the law is exact to double
    precision there (and reaches roots whose ``u²`` would overflow).
    """
    log_u = 0.5 * math.log(nu) - (0.5 * math.log(nu) + lognorm + math.log(p)) / nu
    return math.exp(log_u) if log_u < _LOG_MAX else math.inf


def _last_step_scalar(nu: float, u: float, step: float) -> bool:
    """Whether a Halley step leaves an error below rounding, so that it is the last.

    After a step s the error is at most ``(|f'''/f'|/6 + (f''/f')²/4) s³`` (cubic); for
    the tail ``f''/f' = -c`` and ``f'''/f' = c² - c'`` with ``c' = (ν+1)(ν-u²)/(ν+u²)²``,
    so ``s² (2c² + |c'|) <= 1e-10`` and ``s <= 1e-5 u`` leave less than 3e-16 u (an ulp).
    """
    w = nu + u * u
    sc = step * (nu + 1.0) * u / w  # s c
    sw = step / w
    return abs(step) <= 1e-5 * u and (
        2.0 * sc * sc + (nu + 1.0) * abs(nu - u * u) * sw * sw <= 1e-10)


def _t_quantile_scalar(nu: float, lognorm: float, p: float) -> float:
    """u > 0 with ``P(T > u) = p`` for 0 < p < ½ (see the module docstring)."""
    u = _power_law_scalar(nu, lognorm, p)
    if u > _POWER_LAW * math.sqrt(nu):
        return u
    u = _hill_scalar(nu, p)
    lo, hi = 0.0, math.inf
    if not 0.0 < u < math.inf:
        u = 1.0
    for _ in range(_MAX_STEPS):
        S = _t_tail_scalar(nu, u)
        if S == p:
            return u
        if S > p:
            lo = u
        else:
            hi = u
        logf = -0.5 * (nu + 1.0) * math.log1p(u * u / nu) - lognorm  # log f(u)
        far = abs(S - p) > 0.5 * p
        new = math.nan
        slope = math.exp(min(math.log(u) + logf - math.log(S), 700.0)) if S > 0 else 0.0
        if far and slope > 0:
            # Newton on log S against log u: d log S / d log u = -u f(u)/S = -slope.
            new = u * math.exp(min((math.log(S) - math.log(p)) / slope, 700.0))
        elif not far and logf > -700.0:
            delta = (S - p) / math.exp(logf)
            c = (nu + 1.0) * u / (nu + u * u)
            new = u + delta / max(1.0 - 0.5 * delta * c, 0.5)
        converged = not far and _last_step_scalar(nu, u, new - u)
        if not converged and not lo < new < hi:  # NaN lands here too
            if hi == math.inf:
                new = 4.0 * u
            elif lo > 0 and hi > 4.0 * lo:
                new = math.sqrt(lo * hi)
            else:
                new = 0.5 * (lo + hi)
            if not lo < new < hi:  # the bracket holds no other double
                return new
        u = new
        if converged or (hi < math.inf and hi - lo <= 4.0 * _EPS * hi):
            return u
    raise ConvergenceError(
        f"StudentT.ppf: Halley's iteration did not converge in {_MAX_STEPS} steps "
        f"(df={nu!r}, tail probability {p!r})"
    )


def _t_quantile(nu: float, lognorm: float, p: np.ndarray) -> np.ndarray:
    """:func:`_t_quantile_scalar` on a 1-D array of tail probabilities in (0, ½)."""
    out = np.empty_like(p)
    if p.size == 0:
        return out
    with np.errstate(over="ignore"):
        power = np.exp(0.5 * math.log(nu) - (0.5 * math.log(nu) + lognorm + np.log(p)) / nu)
    law = power > _POWER_LAW * math.sqrt(nu)
    if law.any():
        out[law] = power[law]
        if law.all():
            return out
        active = np.nonzero(~law)[0]
        out[active] = _t_quantile(nu, lognorm, p[active])
        return out
    u = _hill(nu, p)
    u = np.where((u > 0) & (u < np.inf), u, 1.0)
    lo, hi = np.zeros_like(p), np.full_like(p, np.inf)
    active = np.arange(p.size)
    for _ in range(_MAX_STEPS):
        with np.errstate(over="ignore"):
            r = u * u / nu
        infinite = np.isinf(r)
        r = np.where(infinite, 0.0, r)
        S = 0.5 * _betainc_pair(np.full(u.shape, 0.5 * nu), np.full(u.shape, 0.5),
                                1.0 / (1.0 + r), r / (1.0 + r))[0]
        S[infinite] = 0.0
        lo = np.where(S > p, u, lo)
        hi = np.where(S < p, u, hi)
        with np.errstate(divide="ignore", over="ignore", invalid="ignore", under="ignore"):
            logf = -0.5 * (nu + 1.0) * np.log1p(r) - lognorm
            far = np.abs(S - p) > 0.5 * p
            slope = np.exp(np.log(u) + logf - np.log(S))
            newton_log = u * np.exp(np.minimum((np.log(S) - np.log(p)) / slope, 700.0))
            delta = (S - p) / np.exp(logf)
            c = (nu + 1.0) * u / (nu + u * u)
            halley = u + delta / np.maximum(1.0 - 0.5 * delta * c, 0.5)
            new = np.where(far, newton_log, halley)
            step = new - u
            w = nu + u * u
            sc, sw = step * c, step / w
            last = (np.abs(step) <= 1e-5 * u) & (
                2.0 * sc * sc + (nu + 1.0) * np.abs(nu - u * u) * sw * sw <= 1e-10)
        converged = (S == p) | (~far & last)
        new = np.where(S == p, u, new)
        outside = ~((new > lo) & (new < hi)) & ~converged  # NaN lands here too
        with np.errstate(over="ignore", invalid="ignore"):  # hi = inf: replaced below
            bisect = np.where((lo > 0) & (hi > 4.0 * lo), np.sqrt(lo * hi), 0.5 * (lo + hi))
            narrow = (hi < np.inf) & (hi - lo <= 4.0 * _EPS * hi)
        bisect = np.where(np.isinf(hi), 4.0 * u, bisect)
        new = np.where(outside, bisect, new)
        stuck = outside & ~((new > lo) & (new < hi))
        u = new
        done = converged | stuck | narrow
        if done.any():
            out[active[done]] = u[done]
            keep = ~done
            active, p, u, lo, hi = (v[keep] for v in (active, p, u, lo, hi))
            if active.size == 0:
                return out
    raise ConvergenceError(
        f"StudentT.ppf: Halley's iteration did not converge in {_MAX_STEPS} steps "
        f"(df={nu!r}, tail probability {float(p[0])!r})"
    )


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
    without ``fit``. The CDF is accurate to about 1e-14 relative for every ν (the
    incomplete beta takes ``1 - x = t²/(ν+t²)`` exactly, so large ν costs nothing). The
    mean is undefined (NaN) for ν <= 1 (SciPy reports inf); the variance is infinite
    for 1 < ν <= 2 and undefined (NaN) for ν <= 1, as in SciPy.

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
        return 0.5 * math.log(nu) + _betaln_scalar(0.5 * nu, 0.5)

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
        if t.ndim == 0:
            tail = _t_tail_scalar(self.df, abs(float(t)))
            return np.float64(1.0 - tail if t > 0 else tail)
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
        if t.ndim == 0:
            tail = _t_tail_scalar(self.df, abs(float(t)))
            return np.float64(1.0 - tail if t < 0 else tail)
        tail = self._lower_tail(t)
        return self._output(np.where(t < 0, 1.0 - tail, tail))

    def ppf(self, q) -> np.ndarray:
        """Quantile: ``-u`` for ``q <= ½``, where ``P(T > u) = q`` (Halley from Hill's guess).

        The upper half follows by symmetry, ``ppf(q) = -ppf(1 - q)``; ``ppf(0) = -inf``,
        ``ppf(½) = 0``, ``ppf(1) = inf``.

        Examples
        --------
        >>> float(StudentT(1).ppf(0.75))
        1.0
        """
        q = self._check_q(q)
        nu, lognorm = self.df, self._log_norm()
        if q.ndim == 0:
            qf = float(q)
            tail = min(qf, 1.0 - qf)  # 1 - q is exact for q >= ½
            if tail == 0.0:
                u = math.inf
            elif tail == 0.5:
                u = 0.0
            else:
                u = _t_quantile_scalar(nu, lognorm, tail)
            return np.float64(u if qf > 0.5 else -u)
        flat = np.ravel(q)
        tail = np.minimum(flat, 1.0 - flat)
        u = np.where(tail == 0.0, np.inf, 0.0)
        inside = (tail > 0.0) & (tail < 0.5)
        u[inside] = _t_quantile(nu, lognorm, tail[inside])
        return self._output(np.where(flat > 0.5, u, -u).reshape(q.shape))

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
