"""The gamma function family: log-gamma, digamma and the incomplete gamma functions.

    Γ(x) = ∫₀^∞ t^(x-1) e^(-t) dt,   Γ(n) = (n-1)!,   Γ(x+1) = x Γ(x)
    gammaln(x) = log|Γ(x)|,   digamma(x) = ψ(x) = d/dx log Γ(x)
    P(a, x) = γ(a, x)/Γ(a) = 1/Γ(a) ∫₀ˣ t^(a-1) e^(-t) dt,   Q(a, x) = 1 - P(a, x)

P is the CDF of the Gamma(a) distribution (so of the chi-square: χ²_k = Gamma(k/2, 2)),
and Q its survival function; Poisson probabilities are incomplete gammas too.

**log Γ.** Γ overflows beyond x ≈ 171, so we work with ``log Γ``. For ``x >= 10``
Stirling's series is accurate to 1e-17 with eight terms::

    log Γ(x) = (x - ½) log x - x + ½ log 2π + μ(x),
    μ(x) = Σₖ B₂ₖ / (2k (2k-1) x^(2k-1)) = 1/(12x) - 1/(360x³) + ...

(B₂ₖ the Bernoulli numbers). Below 10 the recurrence ``Γ(x+1) = x Γ(x)`` carries x into
[1.5, 2.5), where the Taylor series around 2,
``log Γ(2+z) = (1-γ) z + Σₖ₌₂ (-1)ᵏ (ζ(k) - 1) zᵏ / k``, keeps full *relative* accuracy
near the zeros ``log Γ(1) = log Γ(2) = 0`` (γ is Euler's constant, ζ Riemann's zeta).
For ``x <= 0`` the reflection formula ``Γ(x) Γ(1-x) = π / sin(πx)`` reduces to x > 0.

**ψ.** The same pattern: the asymptotic series
``ψ(x) = log x - 1/(2x) - Σₖ B₂ₖ / (2k x^(2k))`` for ``x >= 10``, the recurrence
``ψ(x) = ψ(x+1) - 1/x`` to get there, and ``ψ(1-x) - ψ(x) = π cot(πx)`` for x <= 0.

**P and Q.** Two expansions, each good on one side of ``x ≈ a`` (Numerical Recipes §6.2):

* the series ``P(a, x) = xᵃ e⁻ˣ / Γ(a+1) · Σₙ xⁿ / ((a+1)(a+2)...(a+n))`` converges fast
  for ``x < a + 1``;
* the continued fraction ``Q(a, x) = xᵃ e⁻ˣ / Γ(a) · 1/(x+1-a - 1·(1-a)/(x+3-a - 2·(2-a)/
  (x+5-a - ...)))`` converges fast for ``x >= a + 1``; it is evaluated forwards by the
  modified Lentz method.

Whichever of P, Q is *smaller* is computed directly and the other as 1 minus it, so both
are accurate where they are small (no ``1 - P`` cancellation in the upper tail). The
common factor ``xᵃ e⁻ˣ / Γ(a)`` is where large ``a`` loses digits: ``a log x - x -
log Γ(a)`` cancels terms of size ``a``. For ``a >= 10`` Stirling turns it into
``sqrt(a/2π) exp(a (log(1+t) - t) - μ(a))`` with ``t = (x - a)/a``, and
``log(1+t) - t`` is computed without cancellation.

Both expansions run on whole arrays: each iteration updates the entries that have
not converged yet, and converged entries leave the active set.

**The inverse** ``gammaincinv(a, p)`` solves ``P(a, x) = p`` by Halley's method
(``P' = x^(a-1) e⁻ˣ / Γ(a)``, ``P''/P' = (a-1)/x - 1``) from the Wilson–Hilferty
guess, safeguarded by a bracket that shrinks at every step (a step leaving it is
replaced by bisection), so it always converges. While the residual is still large
(P off by more than half of p) it takes Newton steps on ``log P`` against ``log x``
instead, which are exact for the power law ``P ≈ xᵃ/Γ(a+1)`` of the lower tail.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from ..errors import ConvergenceError
from ._common import _blockwise, _check_domain, _finish, _polyval, _prepare

__all__ = ["gammaln", "digamma", "gammainc", "gammaincc", "gammaincinv"]

_EPS = np.finfo(np.float64).eps
_TINY = np.finfo(np.float64).tiny / _EPS  # Lentz's guard against division by zero
_MAX_ITER = 10_000  # series and continued fractions need about 9·sqrt(a) terms near x = a
_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
_EULER_GAMMA = 0.57721566490153286061

# -- the coefficients, from their definitions ----------------------------------------------

# Bernoulli numbers B₂, B₄, ..., B₁₆.
_BERNOULLI = [Fraction(1, 6), Fraction(-1, 30), Fraction(1, 42), Fraction(-1, 30),
              Fraction(5, 66), Fraction(-691, 2730), Fraction(7, 6), Fraction(-3617, 510)]
# μ(x) = Σₖ B₂ₖ/(2k(2k-1)) x^-(2k-1): coefficients of z = 1/x², highest power first.
_STIRLING = [float(B / ((2 * k) * (2 * k - 1))) for k, B in enumerate(_BERNOULLI, 1)][::-1]
# ψ(x) ≈ log x - 1/(2x) - Σₖ B₂ₖ/(2k) x^-2k.
_DIGAMMA = [float(B / (2 * k)) for k, B in enumerate(_BERNOULLI, 1)][::-1]
# ψ'(x) ≈ 1/x + 1/(2x²) + Σₖ B₂ₖ x^-(2k+1).
_TRIGAMMA = [float(B) for B in _BERNOULLI][::-1]


def _zeta_minus_one(k: int) -> float:
    """ζ(k) - 1 = Σ_{n>=2} n⁻ᵏ for k >= 2: 38 terms, then Euler–Maclaurin for the tail.

    The tail Σ_{n>=N} n⁻ᵏ = N^(1-k)/(k-1) + N⁻ᵏ/2 + Σⱼ B₂ⱼ/(2j)! · k(k+1)...(k+2j-2)
    N^-(k+2j-1); with N = 40 and four terms the first omitted one is below 1e-19.
    """
    N = 40
    terms = [float(n) ** -k for n in range(2, N)]
    terms += [N ** (1 - k) / (k - 1), 0.5 * N**-k]
    rising = 1.0  # k (k+1) ... (k+2j-2)
    for j in range(1, 5):
        rising *= (k + 2 * j - 2) * (k + 2 * j - 3) if j > 1 else k
        terms.append(float(_BERNOULLI[j - 1]) / math.factorial(2 * j) * rising
                     * float(N) ** -(k + 2 * j - 1))
    return math.fsum(terms)


# log Γ(2+z) = Σₖ cₖ zᵏ with c₁ = 1 - γ, cₖ = (-1)ᵏ (ζ(k) - 1)/k; 30 terms make |z| <= ½
# accurate to 1e-17 relative (the terms shrink like 4⁻ᵏ). Stored highest power first.
_LGAMMA2 = ([(-1) ** k * _zeta_minus_one(k) / k for k in range(30, 1, -1)]
            + [1.0 - _EULER_GAMMA, 0.0])


# -- log Γ -----------------------------------------------------------------------------------


def _stirling_correction(x: np.ndarray) -> np.ndarray:
    """μ(x) = log Γ(x) - [(x - ½) log x - x + ½ log 2π], for x >= 10 (error < 1e-19)."""
    r = 1.0 / x
    return _polyval(_STIRLING, r * r) * r


def _gammaln_positive(x: np.ndarray) -> np.ndarray:
    """log Γ(x) for x > 0 (including +inf), 1-D."""
    out = np.empty_like(x)
    big = x >= 10.0
    if big.any():
        xb = x[big]
        with np.errstate(invalid="ignore", over="ignore"):  # x = inf: inf·log(inf) - inf
            stirling = (xb - 0.5) * np.log(xb) - xb + _LOG_SQRT_2PI + _stirling_correction(xb)
        out[big] = np.where(np.isinf(xb), np.inf, stirling)
    below = x < 2.5
    if below.any():
        # Carry x into [0.5, 2.5) and use the series around 2. The shifts z = x - 1, x - 2
        # are exact (Sterbenz), so the zeros at 1 and 2 keep full relative accuracy.
        xl = x[below]
        z = np.where(xl < 0.5, xl, np.where(xl < 1.5, xl - 1.0, xl - 2.0))
        lg = _polyval(_LGAMMA2, z)  # log Γ(2 + z)
        lg -= np.where(xl < 1.5, np.log1p(z), 0.0)  # log Γ(1+z) = log Γ(2+z) - log(1+z)
        lg -= np.where(xl < 0.5, np.log(xl), 0.0)  # log Γ(z) = log Γ(1+z) - log z
        out[below] = lg
    middle = ~big & ~below
    if middle.any():
        # log Γ(x) = log Γ(x - n) + log((x-1)(x-2)...(x-n)), with x - n in [1.5, 2.5).
        xm = x[middle]
        n = np.floor(xm - 1.5)
        prod = xm - 1.0
        for k in range(2, 9):
            prod *= np.where(k <= n, xm - k, 1.0)
        out[middle] = _polyval(_LGAMMA2, xm - n - 2.0) + np.log(prod)
    return out


def _gammaln_kernel(x: np.ndarray) -> np.ndarray:
    pos = x > 0
    if pos.all():
        return _gammaln_positive(x)
    out = np.empty_like(x)
    out[pos] = _gammaln_positive(x[pos])
    neg = ~pos  # x <= 0 and NaN
    xn = x[neg]
    res = np.full_like(xn, np.inf)  # the poles x = 0, -1, -2, ...
    # Reflection: |Γ(x)| = π / (|sin πx| Γ(1-x)); |sin πx| = sin(π d), d = distance to
    # the nearest integer (exact), which keeps the argument of sin small.
    with np.errstate(invalid="ignore"):
        d = np.abs(xn - np.round(xn))
    off_pole = d > 0  # False at the poles, at -inf and at NaN
    xo, do = xn[off_pole], d[off_pole]
    res[off_pole] = math.log(math.pi) - np.log(np.sin(math.pi * do)) - _gammaln_positive(1.0 - xo)
    res[np.isnan(xn)] = np.nan
    res[xn == -np.inf] = -np.inf  # |Γ| → 0 between the poles as x → -inf (as SciPy)
    out[neg] = res
    return out


def _gammaln(x: np.ndarray) -> np.ndarray:
    return _blockwise(_gammaln_kernel, x)


# -- ψ and ψ' ---------------------------------------------------------------------------


def _shift_up(x: np.ndarray, power: int) -> tuple[np.ndarray, np.ndarray]:
    """For 0 < x < 10: ``y = x + n >= 10`` and ``Σ_{k<n} 1/(x+k)^power``, n = ceil(10 - x)."""
    n = np.ceil(10.0 - x)
    total = np.zeros_like(x)
    with np.errstate(over="ignore", divide="ignore"):  # x below 1e-308: 1/x = inf
        for k in range(int(n.max(initial=0))):
            r = 1.0 / np.where(k < n, x + k, np.inf)  # 1/inf = 0 once k reaches n
            total += r if power == 1 else r * r
    return x + n, total


def _digamma_positive(x: np.ndarray) -> np.ndarray:
    """ψ(x) for x > 0: shift to x >= 10 by ψ(x) = ψ(x+1) - 1/x, then the asymptotic series."""
    y, total = _shift_up(np.minimum(x, 10.0), 1)
    y = np.where(x >= 10.0, x, y)
    total = np.where(x >= 10.0, 0.0, total)
    with np.errstate(invalid="ignore"):  # x = inf: log(inf) - 0 - 0
        r = 1.0 / y
        z = r * r
        return np.log(y) - 0.5 * r - z * _polyval(_DIGAMMA, z) - total


def _digamma_kernel(x: np.ndarray) -> np.ndarray:
    out = np.empty_like(x)
    pos = x > 0
    out[pos] = _digamma_positive(x[pos])
    neg = ~pos
    xn = x[neg]
    res = np.full_like(xn, np.nan)  # the poles -1, -2, ...: ψ → ±inf on either side
    with np.errstate(invalid="ignore"):
        r = xn - np.round(xn)  # tan(πx) = tan(πr), r in [-½, ½]
    off_pole = (r != 0) & ~np.isnan(r)  # False at the poles, at -inf and at NaN
    xo = xn[off_pole]
    res[off_pole] = _digamma_positive(1.0 - xo) - math.pi / np.tan(math.pi * r[off_pole])
    # ψ(±0) = ∓inf, as SciPy: ψ(x) ≈ -1/x near 0.
    zero = xn == 0
    res[zero] = np.where(np.signbit(xn[zero]), np.inf, -np.inf)
    out[neg] = res
    return out


def _digamma(x: np.ndarray) -> np.ndarray:
    return _blockwise(_digamma_kernel, x)


def _trigamma(x: np.ndarray) -> np.ndarray:
    """ψ'(x) for x > 0 (used by the Beta fit): ψ'(x) = ψ'(x+1) + 1/x² and the asymptotics."""
    y, total = _shift_up(np.minimum(x, 10.0), 2)
    y = np.where(x >= 10.0, x, y)
    total = np.where(x >= 10.0, 0.0, total)
    r = 1.0 / y
    z = r * r
    return r + 0.5 * z + z * r * _polyval(_TRIGAMMA, z) + total


# -- the regularized incomplete gamma functions ----------------------------------------


# 1/3 + u²/5 + u⁴/7 + ...: the atanh series after its first term, highest power first.
_ATANH_SERIES = [1.0 / (2 * k + 3) for k in range(17, -1, -1)]


def _log1pmx(t: np.ndarray) -> np.ndarray:
    """log(1 + t) - t without cancellation for small t (t > -1).

    With u = t/(2+t): log(1+t) = 2 atanh u = 2(u + u³/3 + u⁵/5 + ...), and 2u - t = -t u,
    so log(1+t) - t = -t u + 2u³ (1/3 + u²/5 + ...). For |t| <= ½, |u| <= ⅓ and 18
    terms reach 1e-17; beyond, log1p(t) - t does not cancel.
    """
    out = np.empty_like(t)
    near = np.abs(t) <= 0.5
    if near.any():
        tn = t[near]
        u = tn / (2.0 + tn)
        u2 = u * u
        out[near] = -tn * u + 2.0 * u * u2 * _polyval(_ATANH_SERIES, u2)
    far = ~near
    if far.any():
        tf = t[far]
        with np.errstate(divide="ignore"):  # t = -1: log 0
            out[far] = np.log1p(tf) - tf
    return out


def _log_ratio_minus(t: np.ndarray, ratio: np.ndarray) -> np.ndarray:
    """``log(1 + t) - t`` where ``ratio = 1 + t`` is known more accurately than 1 + t.

    Near ``t = 0`` the series of :func:`_log1pmx`; far from it ``log(ratio) - t``, which
    does not cancel and does not suffer from ``1 + t`` having been rounded (when
    ``t ≈ -1``, ``1 + t`` would carry the rounding error of t, relatively large).
    """
    near = np.abs(t) <= 0.5
    if near.all():
        return _log1pmx(t)
    out = np.empty_like(t)
    out[near] = _log1pmx(t[near])
    far = ~near
    with np.errstate(divide="ignore"):  # ratio = 0: log 0 = -inf
        out[far] = np.log(ratio[far]) - t[far]
    return out


def _gamma_prefactor(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``xᵃ e⁻ˣ / Γ(a)`` for a > 0, x > 0 finite.

    For a >= 10, Stirling's ``Γ(a) = sqrt(2π/a) aᵃ e⁻ᵃ e^μ(a)`` gives
    ``sqrt(a/2π) · exp(a log(x/a) - (x - a) - μ(a))``: no terms of size ``a log a``.
    Near the peak, ``|x - a| <= a/2``, the exponent is ``a (log(1+t) - t)`` with
    ``t = (x-a)/a``, computed without cancellation by :func:`_log1pmx`.
    """
    out = np.empty_like(a)
    big = a >= 10.0
    if big.any():
        ab, xb = a[big], x[big]
        expo = ab * _log_ratio_minus((xb - ab) / ab, xb / ab)
        out[big] = np.sqrt(ab / (2.0 * math.pi)) * np.exp(expo - _stirling_correction(ab))
    # For a < 10, as a product: xᵃ, e⁻ˣ and Γ(a) are each correctly rounded, where
    # exp(a log x - x - log Γ(a)) would carry the rounding of an exponent of size x.
    # e⁻ˣ is applied in two halves, so that xᵃ e^(-x/2) cannot underflow too early.
    direct = ~big & (x < 1400.0)
    if direct.any():
        ad, xd = a[direct], x[direct]
        half = np.exp(-0.5 * xd)
        out[direct] = np.power(xd, ad) * half / np.exp(_gammaln(ad)) * half
    far = ~big & ~direct
    if far.any():
        af, xf = a[far], x[far]
        out[far] = np.exp(af * np.log(xf) - xf - _gammaln(af))
    return out


def _not_converged(func: str, what: str, a: np.ndarray, x: np.ndarray) -> ConvergenceError:
    return ConvergenceError(
        f"{func}: the {what} did not converge in {_MAX_ITER} iterations "
        f"(first case a={a[0]!r}, x={x[0]!r}); this happens only for enormous a"
    )


def _compact(finished: np.ndarray) -> bool:
    """Whether to drop converged entries now: when at least 1/8 of the active ones are.

    Converged entries may run a few more iterations before they are dropped; that does
    not change them (further terms are below rounding) and saves compacting all the
    state arrays at every iteration.
    """
    n = np.count_nonzero(finished)
    return n > 0 and (8 * n >= finished.size or n == finished.size)


def _gamma_series(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Σₙ xⁿ / ((a+1)...(a+n)) for x < a + 1: P = (xᵃ e⁻ˣ / Γ(a)) · Σ / a."""
    out = np.empty_like(a)
    if a.size == 0:
        return out
    active = np.arange(a.size)
    term = np.ones_like(a)
    total = np.ones_like(a)
    finished = np.zeros(a.size, dtype=bool)
    ap, xa = a.copy(), x
    for _ in range(_MAX_ITER // 2):
        # two terms per pass, one convergence test (terms only shrink once n > x - a)
        ap += 1.0
        term *= xa / ap
        total += term
        ap += 1.0
        term *= xa / ap
        total += term
        finished |= term <= total * _EPS
        if _compact(finished):
            out[active[finished]] = total[finished]
            keep = ~finished
            active, term, total, ap, xa, finished = (
                v[keep] for v in (active, term, total, ap, xa, finished)
            )
            if active.size == 0:
                return out
    raise _not_converged("gammainc", "series", a[active], x[active])


def _gamma_continued_fraction(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The continued fraction of Q(a, x)·Γ(a)/(xᵃ e⁻ˣ), by the modified Lentz method.

    ``1/(b₀ + a₁/(b₁ + a₂/(b₂ + ...)))`` with ``bₙ = x + 2n + 1 - a`` and
    ``aₙ = -n (n - a)``. Lentz keeps the ratios ``C = fₙ/fₙ₋₁`` and ``D = Bₙ₋₁/Bₙ`` of
    successive numerators and denominators, so nothing overflows, and stops when the
    update factor ``C·D`` is 1 to machine precision.
    """
    out = np.empty_like(a)
    if a.size == 0:
        return out
    active = np.arange(a.size)
    b = x + 1.0 - a
    c = np.full_like(a, 1.0 / _TINY)
    d = 1.0 / np.where(np.abs(b) < _TINY, _TINY, b)
    h = d.copy()
    aa = a
    finished = np.zeros(a.size, dtype=bool)
    for n in range(1, _MAX_ITER + 1):
        an = -n * (n - aa)
        b += 2.0
        d = an * d + b
        d[np.abs(d) < _TINY] = _TINY
        c = b + an / c
        c[np.abs(c) < _TINY] = _TINY
        d = 1.0 / d
        delta = c * d
        h *= delta
        finished |= np.abs(delta - 1.0) <= _EPS
        if _compact(finished):
            out[active[finished]] = h[finished]
            keep = ~finished
            active, b, c, d, h, aa, finished = (
                v[keep] for v in (active, b, c, d, h, aa, finished)
            )
            if active.size == 0:
                return out
    raise _not_converged("gammainc", "continued fraction", a[active], x[active])


def _gammainc_pq(a: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(P(a, x), Q(a, x)) for a > 0, x >= 0 (x = inf allowed), 1-D arrays; NaN -> NaN."""
    return _blockwise(_gammainc_pq_kernel, a, x)


def _gammainc_pq_kernel(a: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    P = np.full_like(a, np.nan)
    Q = np.full_like(a, np.nan)
    valid = a > 0  # False for NaN
    P[valid & (x == 0)] = 0.0
    Q[valid & (x == 0)] = 1.0
    P[valid & (x == np.inf)] = 1.0
    Q[valid & (x == np.inf)] = 0.0
    inside = (x > 0) & (x < np.inf) & (a > 0)  # False for NaN
    series = inside & (x < a + 1.0)
    cf = inside & ~series
    a_s, x_s = a[series], x[series]
    p = _gamma_prefactor(a_s, x_s) * _gamma_series(a_s, x_s) / a_s
    P[series], Q[series] = p, 1.0 - p
    a_c, x_c = a[cf], x[cf]
    q = _gamma_prefactor(a_c, x_c) * _gamma_continued_fraction(a_c, x_c)
    P[cf], Q[cf] = 1.0 - q, q
    return P, Q


def _gammainc(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    shape = a.shape
    return _gammainc_pq(np.ravel(a), np.ravel(x))[0].reshape(shape)


def _gammaincc(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    shape = a.shape
    return _gammainc_pq(np.ravel(a), np.ravel(x))[1].reshape(shape)


# -- the inverse -------------------------------------------------------------------------


def _gammaincinv_guess(a, p, q, lower):
    """A starting point for P(a, x) = p (q = 1 - p), from Numerical Recipes' invgammp.

    For a > 1 the Wilson–Hilferty approximation ``x ≈ a (1 - 1/(9a) + z/(3√a))³`` with z
    the normal quantile; for a <= 1 two power/exponential fits. Deep in the lower tail
    ``P ≈ xᵃ / Γ(a+1)`` gives ``x ≈ (p Γ(a+1))^(1/a)`` instead.
    """
    pp = np.where(lower, p, q)
    t = np.sqrt(-2.0 * np.log(pp))
    z = (2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481)) - t
    z = np.where(lower, z, -z)  # ≈ Φ⁻¹(p), good to 3e-3
    wh = a * np.maximum(1.0 - 1.0 / (9.0 * a) + z / (3.0 * np.sqrt(a)), 1e-3) ** 3
    t_small = 1.0 - a * (0.253 + a * 0.12)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        low_a = np.where(p < t_small, (p / t_small) ** (1.0 / a),
                         1.0 - np.log(q / (1.0 - t_small)))
        tail = np.exp((np.log(p) + _gammaln(a + 1.0)) / a)
    x = np.where(a > 1.0, wh, low_a)
    x = np.where(lower & (tail < 0.2 * (a + 1.0)), tail, x)
    return np.where(np.isfinite(x) & (x > 0), x, np.where(lower, tail, a + 1.0))


def _halley_gamma(a, p, q, lower, x, lo, hi):
    """Safeguarded Halley iteration for P(a, x) = p on active 1-D arrays."""
    out = np.empty_like(a)
    if a.size == 0:
        return out
    active = np.arange(a.size)
    for _ in range(200):
        P, Q = _gammainc_pq(a, x)
        f = np.where(lower, P - p, q - Q)  # increasing in x on both branches
        lo = np.where(f < 0, x, lo)
        hi = np.where(f > 0, x, hi)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            # u = f / f' with f' = x^(a-1) e^(-x) / Γ(a), grouped as (f/t)·(t/f')·... with
            # t = p or q, so that a residual far below 1e-300 is not lost to underflow.
            t = np.where(lower, p, q)
            pref = _gamma_prefactor(a, x)  # x f'
            u = (f / t) * (t / pref) * x
            curv = np.minimum(1.0, u * ((a - 1.0) / x - 1.0))  # u f''/f'
            new = x - u / (1.0 - 0.5 * curv)
            # Far from the root (the tail value S off its target t by more than half),
            # Newton on log S against log x instead: exact for a power law S ∝ xᵃ (the
            # lower tail), where Halley's steps in x would crawl. d log S/d log x = ±x f'/S.
            S = np.where(lower, P, Q)
            sign = np.where(lower, 1.0, -1.0)
            dlog = (np.log(S) - np.log(t)) * S / (sign * pref)
            far = np.abs(f) > 0.5 * t
            new = np.where(far, x * np.exp(-dlog), new)
            step = x - new
        # Halley's error is cubic: a step below 1e-9 relative leaves an error far below
        # rounding, so it is the last (f == 0 exactly: x is the root).
        converged = (f == 0) | (~far & (np.abs(step) <= 1e-9 * x))
        outside = ~((new > lo) & (new < hi)) & ~converged  # NaN steps land here too
        bisect = np.where(lo > 0, np.sqrt(lo * hi), 0.5 * hi)
        bisect = np.where(np.isinf(hi), 2.0 * x, np.where(hi > 4.0 * lo, bisect, 0.5 * (lo + hi)))
        new = np.where(outside, bisect, new)
        # Also done when the bracket holds no other double (bisection cannot move).
        stuck = outside & ((new <= lo) | (new >= hi))
        x = np.where(f == 0, x, np.clip(new, lo, hi))  # a last tiny step stays inside
        done = converged | stuck | ((hi - lo <= 4.0 * _EPS * hi) & (hi < np.inf))
        if done.any():
            out[active[done]] = x[done]
            keep = ~done
            active, a, p, q, lower, x, lo, hi = (
                v[keep] for v in (active, a, p, q, lower, x, lo, hi)
            )
            if active.size == 0:
                return out
    raise ConvergenceError(
        f"gammaincinv: Halley's iteration did not converge in 200 steps "
        f"(first case a={a[0]!r}, p={p[0]!r})"
    )


def _gammaincinv(a: np.ndarray, p: np.ndarray) -> np.ndarray:
    """x with P(a, x) = p, for a > 0 and p in [0, 1]; NaN -> NaN."""
    shape = a.shape
    a, p = np.ravel(a), np.ravel(p)
    out = np.full_like(a, np.nan)
    out[p == 0] = 0.0
    out[p == 1] = np.inf
    inside = (p > 0) & (p < 1) & (a > 0)
    ai, pi = a[inside], p[inside]
    qi = 1.0 - pi
    lower = pi <= 0.5  # solve on P below the median, on Q above: both stay accurate
    x0 = _gammaincinv_guess(ai, pi, qi, lower)
    # Deep in the lower tail, P ≈ xᵃ/Γ(a+1) from below (Σ e⁻ˣxⁿ/((a+1)...(a+n)) <= 1),
    # so (p Γ(a+1))^(1/a) is a lower bound for the root.
    with np.errstate(divide="ignore", over="ignore"):
        lo = np.where(lower, np.exp((np.log(pi) + _gammaln(ai + 1.0)) / ai), 0.0)
    # Where even that bound underflows (tiny a and p), the root is below the smallest
    # double: the answer is 0.
    zero = lower & (lo == 0)
    lo = np.minimum(lo, x0)
    hi = np.full_like(ai, np.inf)
    solve = ~zero
    res = np.zeros_like(ai)
    res[solve] = _halley_gamma(ai[solve], pi[solve], qi[solve], lower[solve], x0[solve],
                               lo[solve], hi[solve])
    out[inside] = res
    return out.reshape(shape)


# -- the public functions ----------------------------------------------------------------


def gammaln(x) -> np.ndarray:
    """The logarithm of the absolute value of the gamma function, ``log|Γ(x)|``.

    ``Γ(n) = (n-1)!`` overflows beyond ``x ≈ 171``; its logarithm does not, so
    likelihoods, binomial coefficients (``log C(n, k) = gammaln(n+1) - gammaln(k+1) -
    gammaln(n-k+1)``) and the beta function are computed through it. Stirling's series
    for ``x >= 10``, the recurrence ``Γ(x+1) = x Γ(x)`` and a Taylor series around 2 below
    (full relative accuracy near the zeros at 1 and 2), reflection for ``x <= 0``.

    Parameters
    ----------
    x : array_like
        Any real numbers. The poles ``0, -1, -2, ...`` give ``inf``, ``+inf`` gives
        ``inf``, ``-inf`` gives ``-inf`` (as SciPy), NaN gives NaN.

    Returns
    -------
    ndarray or float64
        Same shape as ``x``; a NumPy scalar for scalar input.

    Raises
    ------
    DTypeError
        If ``x`` holds non-numbers or complex numbers.

    See Also
    --------
    digamma : its derivative.
    mathforml.special.betaln : ``log B(a, b)`` without cancellation.

    Examples
    --------
    >>> float(gammaln(5.0))  # log 4! = log 24
    3.1780538303479458
    >>> gammaln([0.5, 1.0, 100.0])
    array([  0.57236494,   0.        , 359.13420537])
    """
    (x,), _ = _prepare("gammaln", x=x)
    return _finish(_gammaln(x))


def digamma(x) -> np.ndarray:
    """The digamma function ``ψ(x) = d/dx log Γ(x) = Γ'(x)/Γ(x)``.

    It appears in the maximum-likelihood equations of the gamma and beta distributions
    and in expectations such as ``E[log X] = ψ(α) - ψ(α+β)`` for X ~ Beta(α, β).
    Computed by the asymptotic series ``log x - 1/(2x) - Σ B₂ₖ/(2k x^(2k))`` for
    ``x >= 10``, the recurrence ``ψ(x) = ψ(x+1) - 1/x`` below, and the reflection
    ``ψ(1-x) - ψ(x) = π cot(πx)`` for ``x <= 0``. Near its positive zero
    ``x₀ ≈ 1.4616`` the error is about 1e-16 absolute (not relative).

    Parameters
    ----------
    x : array_like
        Any real numbers. ``ψ(0) = -inf`` (``ψ(-0.0) = inf``), ``ψ(inf) = inf``; at the
        poles ``-1, -2, ...`` and at ``-inf`` ψ has no limit and the result is NaN, as
        in SciPy.

    Returns
    -------
    ndarray or float64
        Same shape as ``x``.

    Raises
    ------
    DTypeError
        If ``x`` holds non-numbers or complex numbers.

    See Also
    --------
    gammaln : its antiderivative.

    Examples
    --------
    >>> float(digamma(1.0))  # -γ, Euler's constant
    -0.57721566490153
    >>> digamma([0.5, 2.0, 10.0])
    array([-1.96351003,  0.42278434,  2.25175259])
    """
    (x,), _ = _prepare("digamma", x=x)
    return _finish(_digamma(x))


def _prepare_gammainc(func: str, a, x):
    (a, x), _ = _prepare(func, a=a, x=x)
    _check_domain(~(a > 0) & ~np.isnan(a) | (a == np.inf), a, func, "a",
                  "a finite number > 0")
    _check_domain(x < 0, x, func, "x", "a number >= 0")
    return a, x


def gammainc(a, x) -> np.ndarray:
    """The regularized lower incomplete gamma function ``P(a, x) = γ(a, x) / Γ(a)``.

    ``P(a, x) = 1/Γ(a) ∫₀ˣ t^(a-1) e^(-t) dt`` is the CDF of the Gamma(a, 1)
    distribution; the chi-square CDF is ``P(k/2, x/2)``. Computed by the power series
    for ``x < a + 1`` and by the continued fraction for Q (then ``P = 1 - Q``) beyond,
    each iterated on the whole array until every entry has converged.

    Parameters
    ----------
    a : array_like
        Shape parameter, finite and > 0.
    x : array_like
        Points >= 0 (``inf`` allowed: ``P(a, inf) = 1``); broadcast against ``a``.
        NaN in either argument gives NaN.

    Returns
    -------
    ndarray or float64
        The broadcast shape of ``a`` and ``x``; values in [0, 1].

    Raises
    ------
    ParameterError
        If an entry of ``a`` is not a finite number > 0, or one of ``x`` is negative
        (SciPy returns NaN there).
    ShapeError
        If ``a`` and ``x`` do not broadcast together.
    ConvergenceError
        If an expansion has not converged after 10 000 terms (only for ``a`` beyond
        about 10⁶ with ``x`` near ``a``).

    See Also
    --------
    gammaincc : the upper function Q = 1 - P, accurate where P is close to 1.
    gammaincinv : the inverse in x.

    Examples
    --------
    >>> float(gammainc(1.0, 2.0))  # 1 - e^-2: the exponential CDF
    0.8646647167633873
    >>> gammainc(2.5, [0.0, 2.5, float("inf")])
    array([0.        , 0.58411981, 1.        ])
    """
    a, x = _prepare_gammainc("gammainc", a, x)
    return _finish(_gammainc(a, x))


def gammaincc(a, x) -> np.ndarray:
    """The regularized upper incomplete gamma function ``Q(a, x) = Γ(a, x)/Γ(a) = 1 - P``.

    ``Q(a, x) = 1/Γ(a) ∫ₓ^∞ t^(a-1) e^(-t) dt``, the survival function of Gamma(a, 1):
    a chi-square test's p-value is ``Q(k/2, χ²/2)``. Computed directly (continued
    fraction for ``x >= a + 1``), so it keeps full relative accuracy in the upper tail,
    where ``1 - gammainc(a, x)`` would round to 0.

    Parameters
    ----------
    a : array_like
        Shape parameter, finite and > 0.
    x : array_like
        Points >= 0 (``inf`` allowed: ``Q(a, inf) = 0``); broadcast against ``a``.
        NaN in either argument gives NaN.

    Returns
    -------
    ndarray or float64
        The broadcast shape of ``a`` and ``x``; values in [0, 1].

    Raises
    ------
    ParameterError
        If an entry of ``a`` is not a finite number > 0, or one of ``x`` is negative.
    ShapeError
        If ``a`` and ``x`` do not broadcast together.
    ConvergenceError
        As :func:`gammainc`.

    See Also
    --------
    gammainc : the lower function P.

    Examples
    --------
    >>> float(gammaincc(1.0, 50.0))  # e^-50, where 1 - P would give 0
    1.92874984796392e-22
    >>> gammaincc([1.0, 2.0], 1.0)
    array([0.36787944, 0.73575888])
    """
    a, x = _prepare_gammainc("gammaincc", a, x)
    return _finish(_gammaincc(a, x))


def gammaincinv(a, p) -> np.ndarray:
    """The inverse of :func:`gammainc` in x: the ``x >= 0`` with ``P(a, x) = p``.

    The quantile function of the Gamma(a, 1) distribution (chi-square quantiles are
    ``2 gammaincinv(k/2, p)``). Halley's method on ``P(a, x) - p`` (on ``Q(a, x) - (1-p)``
    above the median, so the upper tail keeps its accuracy), started from the
    Wilson–Hilferty approximation, with ``P' = x^(a-1) e⁻ˣ / Γ(a)`` and
    ``P''/P' = (a-1)/x - 1``. A bracket around the root shrinks at every step and a
    step that would leave it is replaced by bisection, so the iteration cannot diverge.

    Parameters
    ----------
    a : array_like
        Shape parameter, finite and > 0.
    p : array_like
        Probabilities in [0, 1], broadcast against ``a``; ``p = 0`` gives 0 and
        ``p = 1`` gives ``inf``. NaN gives NaN.

    Returns
    -------
    ndarray or float64
        The broadcast shape of ``a`` and ``p``.

    Raises
    ------
    ParameterError
        If an entry of ``a`` is not a finite number > 0, or one of ``p`` lies outside
        [0, 1].
    ShapeError
        If ``a`` and ``p`` do not broadcast together.
    ConvergenceError
        If an entry has not converged in 200 steps (not observed in testing).

    See Also
    --------
    gammainc : the function it inverts.

    Examples
    --------
    >>> float(gammaincinv(1.0, 0.5))  # the exponential median, log 2
    0.693147180559945
    >>> gammaincinv(3.0, [0.0, 0.5, 1.0])
    array([0.        , 2.67406031,        inf])
    """
    (a, p), _ = _prepare("gammaincinv", a=a, p=p)
    _check_domain(~(a > 0) & ~np.isnan(a) | (a == np.inf), a, "gammaincinv", "a",
                  "a finite number > 0")
    _check_domain((p < 0) | (p > 1), p, "gammaincinv", "p", "a probability in [0, 1]")
    return _finish(_gammaincinv(a, p))
