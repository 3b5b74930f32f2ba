"""The gamma function family: log-gamma, digamma and the incomplete gamma functions.

    Γ(x) = ∫₀^∞ t^(x-1) e^(-t) dt,   Γ(n) = (n-1)!,   Γ(x+1) = x Γ(x)
    gammaln(x) = log|Γ(x)|,   digamma(x) = ψ(x) = d/dx log Γ(x)
    P(a, x) = γ(a, x)/Γ(a) = 1/Γ(a) ∫₀ˣ t^(a-1) e^(-t) dt,   Q(a, x) = 1 - P(a, x)

P is the CDF of the Gamma(a) distribution (so of the chi-square: χ²_k = Gamma(k/2, 2)),
and Q its survival function; Poisson probabilities are incomplete gammas too.

**log Γ.** Γ overflows beyond x ≈ 171, so we work with ``log Γ``. For ``x >= 6``
Stirling's series is accurate to 2e-17 with twelve terms::

    log Γ(x) = (x - ½) log x - x + ½ log 2π + μ(x),
    μ(x) = Σₖ B₂ₖ / (2k (2k-1) x^(2k-1)) = 1/(12x) - 1/(360x³) + ...

(B₂ₖ the Bernoulli numbers). Below 6 the recurrence ``Γ(x+1) = x Γ(x)`` carries x into
[1.5, 2.5), where the Taylor series around 2,
``log Γ(2+z) = (1-γ) z + Σₖ₌₂ (-1)ᵏ (ζ(k) - 1) zᵏ / k``, keeps full *relative* accuracy
near the zeros ``log Γ(1) = log Γ(2) = 0`` (γ is Euler's constant, ζ Riemann's zeta).
For ``x <= 0`` the reflection formula ``Γ(x) Γ(1-x) = π / sin(πx)`` reduces to x > 0.

**ψ.** The same pattern: the asymptotic series
``ψ(x) = log x - 1/(2x) - Σₖ B₂ₖ / (2k x^(2k))`` for ``x >= 10``, the recurrence
``ψ(x) = ψ(x+10) - Σ_{k<10} 1/(x+k)`` below, and ``ψ(1-x) - ψ(x) = π cot(πx)`` for
x <= 0.

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

Both need about ``9 sqrt(a)`` terms near ``x = a`` (a hundred million at a = 10¹⁵).
There, for ``a >= 20`` and ``0.5 a <= x <= 1.7 a``, **Temme's uniform expansion** (DLMF
8.12; Temme 1979) replaces them: with ``η²/2 = t - log(1 + t)``, ``t = (x - a)/a``,
``sign η = sign t``,

    Q(a, x) = ½ erfc(η sqrt(a/2)) + e^(-aη²/2)/sqrt(2πa) · Σₖ c_k(η) a⁻ᵏ

where ``c_k`` are analytic functions with known Maclaurin coefficients (computed at
import from their recurrence, see :func:`_temme_table`); twelve terms in k and thirty in
η reach 1e-18 on that domain, and far fewer for large a (``a⁻ᵏ``). Outside it the
series and the fraction need at most ~100 terms, and beyond ~40 standard deviations the
smaller of P, Q underflows (its prefactor is 0: no iteration at all).

The expansions run on whole arrays: each iteration updates the entries that have not
converged yet, each entry's value is recorded at the step where it converges (so that
it does not depend on the rest of the array), and converged entries leave the active
set. A scalar call runs the same formulas on one float.

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
from ._common import _blockwise, _check_domain, _finish, _horner, _polyval, _prepare
from ._erf import _erfcx, _erfcx_scalar

__all__ = ["gammaln", "digamma", "gammainc", "gammaincc", "gammaincinv"]

_EPS = np.finfo(np.float64).eps
_TINY = np.finfo(np.float64).tiny / _EPS  # Lentz's guard against division by zero
# Series and continued fractions need at most ~100 terms where Temme's expansion does
# not take over (they would need 9·sqrt(a) at x = a).
_MAX_ITER = 10_000
_MAX_STEPS = 200  # Halley steps of the inverse (bisection alone needs < 130)
_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
_EULER_GAMMA = 0.57721566490153286061

# -- the coefficients, from their definitions ----------------------------------------------

# Bernoulli numbers B₂, B₄, ..., B₁₆.
_BERNOULLI = [Fraction(1, 6), Fraction(-1, 30), Fraction(1, 42), Fraction(-1, 30),
              Fraction(5, 66), Fraction(-691, 2730), Fraction(7, 6), Fraction(-3617, 510)]
# μ(x) = Σₖ B₂ₖ/(2k(2k-1)) x^-(2k-1): coefficients of z = 1/x², highest power first.
_STIRLING = [float(B / ((2 * k) * (2 * k - 1))) for k, B in enumerate(_BERNOULLI, 1)][::-1]
# With B₁₈ ... B₂₄ as well, twelve terms are good to 2e-17 from x = 6 on (the first
# omitted one, B₂₆/(26·25·6²⁵), is 8e-17 of log Γ(6) = 4.8): log Γ uses it from 6 on.
_BERNOULLI_24 = _BERNOULLI + [Fraction(43867, 798), Fraction(-174611, 330),
                              Fraction(854513, 138), Fraction(-236364091, 2730)]
_STIRLING_12 = [float(B / ((2 * k) * (2 * k - 1)))
                for k, B in enumerate(_BERNOULLI_24, 1)][::-1]
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


def _stirling_correction_scalar(x: float) -> float:
    r = 1.0 / x
    return _horner(_STIRLING, r * r) * r


def _gammaln_scalar(x: float) -> float:
    """log Γ(x) for one finite float x > 0: the three ranges of the array version below."""
    if x >= 6.0:
        r = 1.0 / x
        return (x - 0.5) * math.log(x) - x + _LOG_SQRT_2PI + _horner(_STIRLING_12, r * r) * r
    if x < 2.5:
        z = x if x < 0.5 else (x - 1.0 if x < 1.5 else x - 2.0)
        lg = _horner(_LGAMMA2, z)  # log Γ(2 + z)
        if x < 1.5:
            lg -= math.log1p(z)
        if x < 0.5:
            lg -= math.log(x)
        return lg
    n = math.floor(x - 1.5)
    prod = 1.0
    for k in range(1, n + 1):
        prod *= x - k
    return _horner(_LGAMMA2, x - n - 2.0) + math.log(prod)


def _stirling_correction(x: np.ndarray) -> np.ndarray:
    """μ(x) = log Γ(x) - [(x - ½) log x - x + ½ log 2π], for x >= 10 (error < 1e-19)."""
    r = 1.0 / x
    return _polyval(_STIRLING, r * r) * r


def _gammaln_positive(x: np.ndarray) -> np.ndarray:
    """log Γ(x) for x > 0 (including +inf), 1-D."""
    out = np.empty_like(x)
    big = x >= 6.0
    if big.any():
        xb = x[big]
        with np.errstate(invalid="ignore", over="ignore"):  # x = inf: inf·log(inf) - inf
            r = 1.0 / xb
            stirling = (xb - 0.5) * np.log(xb) - xb + _LOG_SQRT_2PI + _polyval(
                _STIRLING_12, r * r) * r
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
        n = np.floor(xm - 1.5)  # 1 to 4
        prod = xm - 1.0
        for k in range(2, 5):
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
    """ψ(x) for x > 0: the asymptotic series at ``y = x + 10`` below 10, at x above.

    ``ψ(x) = ψ(x + 10) - Σ_{k<10} 1/(x+k)``, the sum taken in pairs,
    ``1/(x+k) + 1/(x+k+1) = (2x + 2k + 1)/((x+k)(x+k+1))``: five divisions, not ten.
    """
    small = x < 10.0
    y = np.where(small, x + 10.0, x)
    with np.errstate(invalid="ignore"):  # x = inf: log(inf) - 0 - 0
        r = 1.0 / y
        z = r * r
        out = np.log(y) - 0.5 * r - z * _polyval(_DIGAMMA, z)
    if small.any():
        xs = x[small]
        two_x = xs + xs
        total = np.zeros_like(xs)
        with np.errstate(over="ignore", divide="ignore"):  # x below 1e-308: 1/x = inf
            for j in range(0, 10, 2):
                total += (two_x + (2 * j + 1)) / ((xs + j) * (xs + (j + 1)))
        out[small] -= total
    return out


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


def _log1pmx_scalar(t: float) -> float:
    """log(1 + t) - t for one float, |t| <= ½ by the series of :func:`_log1pmx`."""
    if abs(t) <= 0.5:
        u = t / (2.0 + t)
        u2 = u * u
        return -t * u + 2.0 * u * u2 * _horner(_ATANH_SERIES, u2)
    return math.log1p(t) - t


def _log_ratio_minus_scalar(t: float, ratio: float) -> float:
    """log(1 + t) - t where ``ratio = 1 + t`` is known accurately (see the array version)."""
    if abs(t) <= 0.5:
        return _log1pmx_scalar(t)
    return math.log(ratio) - t if ratio > 0 else -math.inf


def _gamma_prefactor_scalar(a: float, x: float) -> float:
    """``xᵃ e⁻ˣ / Γ(a)`` for one a > 0 and finite x > 0, as :func:`_gamma_prefactor`."""
    if a >= 10.0:
        expo = a * _log_ratio_minus_scalar((x - a) / a, x / a) - _stirling_correction_scalar(a)
        return math.sqrt(a / (2.0 * math.pi)) * math.exp(expo)
    if x < 1400.0:
        half = math.exp(-0.5 * x)
        return x**a * half / math.exp(_gammaln_scalar(a)) * half
    return math.exp(a * math.log(x) - x - _gammaln_scalar(a))


def _gamma_series_scalar(a: float, x: float) -> float:
    """Σₙ xⁿ / ((a+1)...(a+n)), summed until a term is below eps of the sum (x < a + 1)."""
    term = total = 1.0
    ap = a
    for _ in range(_MAX_ITER // 2):
        # two terms per pass, one convergence test (terms only shrink once n > x - a)
        ap += 1.0
        term *= x / ap
        total += term
        ap += 1.0
        term *= x / ap
        total += term
        if term <= total * _EPS:
            return total
    raise _not_converged("gammainc", "series", a, x)


def _gamma_continued_fraction_scalar(a: float, x: float) -> float:
    """The continued fraction of Q(a, x)·Γ(a)/(xᵃ e⁻ˣ) for x >= a + 1, by modified Lentz.

    ``1/(b₀ + a₁/(b₁ + a₂/(b₂ + ...)))`` with ``bₙ = x + 2n + 1 - a`` and
    ``aₙ = -n (n - a)``. Lentz keeps the ratios ``C = fₙ/fₙ₋₁`` and ``D = Bₙ₋₁/Bₙ`` of
    successive numerators and denominators, so nothing overflows, and stops when the
    update factor ``C·D`` is 1 to machine precision; an exact zero in C or D is replaced
    by a tiny number.
    """
    b = x + 1.0 - a
    c = 1.0 / _TINY
    d = 1.0 / b if abs(b) >= _TINY else 1.0 / _TINY
    h = d
    for n in range(1, _MAX_ITER + 1):
        an = -n * (n - a)
        b += 2.0
        d = an * d + b
        d = 1.0 / (d if abs(d) >= _TINY else _TINY)
        c = b + an / c
        c = c if abs(c) >= _TINY else _TINY
        delta = c * d
        h *= delta
        if abs(delta - 1.0) <= _EPS:
            return h
    raise _not_converged("gammainc", "continued fraction", a, x)


# -- Temme's uniform expansion for large a ------------------------------------------------


def _temme_table(rows: int, cols: int) -> list[list[float]]:
    """``d[k][n]``, the Maclaurin coefficients ``c_k(η) = Σₙ d[k][n] ηⁿ`` (DLMF 8.12.9-13).

    ``μ = λ - 1 = Σ αₙ ηⁿ`` solves ``η²/2 = μ - log(1 + μ)``; differentiating,
    ``(1 + μ) η = μ μ'``, and matching powers of η gives ``α₁ = 1``,
    ``(n+1) αₙ = αₙ₋₁ - Σ_{j+k=n+1; j,k>=2} k αⱼ αₖ``. Then ``c₀ = 1/μ - 1/η`` and
    ``c_k = c'_{k-1}/η + γₖ/μ``, where the constant γₖ (DLMF's ``(-1)ᵏ gₖ``, Stirling's
    coefficients) is the one that cancels the pole at η = 0. Each step differentiates
    and divides by η, using up two coefficients, so μ is expanded to
    ``cols + 2 rows`` terms. (In floats: the tests recompute the table in fractions.)
    """
    m = cols + 2 * rows + 2
    alpha = [0.0, 1.0]
    for n in range(2, m + 1):
        s = sum(k * alpha[n + 1 - k] * alpha[k] for k in range(2, n))
        alpha.append((alpha[n - 1] - s) / (n + 1))
    # 1/μ = (1/η) Σ inv[j] ηʲ with Σ inv[j] ηʲ = 1 / Σ αⱼ₊₁ ηʲ
    inv = [1.0]
    for j in range(1, m):
        inv.append(-sum(alpha[i + 1] * inv[j - i] for i in range(1, j + 1)))
    table = [inv[1:]]  # c₀ = (Σ inv[j] ηʲ - 1)/η
    for _ in range(1, rows):
        prev = table[-1]
        gamma = -prev[1]  # the residue of c'_{k-1}/η at 0 is prev[1]
        table.append([(j + 2) * prev[j + 2] + gamma * inv[j + 1] for j in range(len(prev) - 2)])
    return [row[:cols] for row in table]


_TEMME_ROWS, _TEMME_COLS = 12, 30
_TEMME_D = _temme_table(_TEMME_ROWS, _TEMME_COLS)
# Where the expansion is used: a >= 20 and 0.5 a <= x <= 1.7 a, so |η| <= 0.63. There
# twelve rows and thirty columns reach 1e-18 (checked against 40-digit arithmetic).
_TEMME_A = 20.0
_TEMME_LOW, _TEMME_HIGH = 0.5, 1.7
_TEMME_TOL = 1e-17
# |c_k(η)| <= Σₙ |d[k][n]| 0.63ⁿ on the domain. Row k is summed while its bound times
# a⁻ᵏ is above the tolerance; once it is not, no later row is (the bounds grow by at most
# 3 from row to row, and a >= 20). Rows are stored highest power first for Horner.
_TEMME_BOUND = [math.fsum(abs(d) * 0.63**n for n, d in enumerate(row)) for row in _TEMME_D]
_TEMME_HORNER = [row[::-1] for row in _TEMME_D]


def _temme_rows_scalar(w: float) -> int:
    """How many rows ``c_k`` the sum needs for ``1/a = w``."""
    k = 1
    while k < _TEMME_ROWS and _TEMME_BOUND[k] * w**k >= _TEMME_TOL:
        k += 1
    return k


def _temme_sum_scalar(eta: float, w: float) -> float:
    """``Σₖ c_k(η) wᵏ`` with ``w = 1/a``: Horner in η for each row, then in w."""
    total = 0.0
    for k in range(_temme_rows_scalar(w) - 1, -1, -1):
        total = total * w + _horner(_TEMME_HORNER[k], eta)
    return total


def _temme_scalar(a: float, t: float) -> tuple[float, float]:
    """(P, Q) by Temme's expansion for one a >= 20 and ``t = (x - a)/a`` in [-0.5, 0.7].

    ``Q = ½ erfc(η√(a/2)) + e^(-aη²/2)/√(2πa) · Σₖ c_k(η) a⁻ᵏ`` with
    ``η²/2 = t - log(1 + t)``, ``sign η = sign t``. Both terms carry ``e^(-aη²/2)``:
    with ``erfc(y) = e^(-y²) erfcx(y)`` the smaller of P and Q is
    ``e^(-aη²/2) (½ erfcx(|η|√(a/2)) ± Σ/√(2πa))``, with no subtraction of near-equal
    terms, and the exponent ``a (log(1+t) - t)`` is the prefactor's.
    """
    half_eta2 = -_log1pmx_scalar(t)
    eta = math.copysign(math.sqrt(2.0 * half_eta2), t)
    s = _temme_sum_scalar(eta, 1.0 / a) / math.sqrt(2.0 * math.pi * a)
    small = math.exp(-a * half_eta2) * (
        0.5 * _erfcx_scalar(abs(eta) * math.sqrt(0.5 * a)) + (s if t >= 0 else -s))
    return (1.0 - small, small) if t >= 0 else (small, 1.0 - small)


def _gammainc_pq_scalar(a: float, x: float) -> tuple[float, float]:
    """(P(a, x), Q(a, x)) for one a > 0 and x >= 0 (``inf`` allowed); NaN gives NaN.

    Temme's expansion for a >= 20 and x within [0.5 a, 1.7 a]; else the series for
    ``x < a + 1`` and the continued fraction beyond, each computing the smaller of P
    and Q (when the prefactor underflows, that one is 0 and needs no iteration).
    """
    if math.isnan(a) or math.isnan(x):
        return math.nan, math.nan
    if x == 0.0:
        return 0.0, 1.0
    if x == math.inf:
        return 1.0, 0.0
    if a >= _TEMME_A and _TEMME_LOW * a <= x <= _TEMME_HIGH * a:
        return _temme_scalar(a, (x - a) / a)
    pref = _gamma_prefactor_scalar(a, x)
    if x < a + 1.0:
        p = pref * _gamma_series_scalar(a, x) / a if pref > 0 else 0.0
        return p, 1.0 - p
    q = pref * _gamma_continued_fraction_scalar(a, x) if pref > 0 else 0.0
    return 1.0 - q, q


# -- the same on arrays -------------------------------------------------------------------


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


def _not_converged(func: str, what: str, a, x) -> ConvergenceError:
    """The error of an expansion that ran out of terms (a, x: floats or arrays)."""
    a, x = float(np.ravel(a)[0]), float(np.ravel(x)[0])
    return ConvergenceError(
        f"{func}: the {what} did not converge in {_MAX_ITER} iterations "
        f"(first case a={a!r}, x={x!r})"
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
        newly = np.greater(term <= total * _EPS, finished)  # converged at this step
        if newly.any():
            out[active[newly]] = total[newly]
            finished |= newly
            if _compact(finished):
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
    update factor ``C·D`` is 1 to machine precision. Its guards against an exact zero in
    C or D cost three passes a step; zeros are rare, so the fraction is first evaluated
    without them, and the few entries that come out non-finite again with them.
    """
    h = _gamma_lentz(a, x, guard=False)
    bad = ~np.isfinite(h)
    if bad.any():
        h[bad] = _gamma_lentz(a[bad], x[bad], guard=True)
    return h


def _gamma_lentz(a: np.ndarray, x: np.ndarray, guard: bool) -> np.ndarray:
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
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for n in range(1, _MAX_ITER + 1):
            an = -n * (n - aa)
            b += 2.0
            d *= an
            d += b
            c = an / c
            c += b
            if guard:
                d[np.abs(d) < _TINY] = _TINY
                c[np.abs(c) < _TINY] = _TINY
            np.divide(1.0, d, out=d)
            delta = c * d
            h *= delta
            # NaN (an unguarded zero) counts as converged: it is redone with the guards.
            newly = np.greater(~(np.abs(delta - 1.0) > _EPS), finished)
            if newly.any():
                out[active[newly]] = h[newly]
                finished |= newly
                if _compact(finished):
                    keep = ~finished
                    active, b, c, d, h, aa, finished = (
                        v[keep] for v in (active, b, c, d, h, aa, finished)
                    )
                    if active.size == 0:
                        return out
    raise _not_converged("gammainc", "continued fraction", a[active], x[active])


def _temme_sum(eta: np.ndarray, w: np.ndarray) -> np.ndarray:
    """:func:`_temme_sum_scalar` on arrays: each entry sums exactly the rows it needs.

    A row an entry does not need is multiplied by 0, so that its result does not
    depend on the other entries of the array (nor differs from the scalar version).
    """
    total = np.zeros_like(eta)
    for k in range(_temme_rows_scalar(float(w.max())) - 1, -1, -1):
        row = _polyval(_TEMME_HORNER[k], eta)
        if k > 0:
            row *= _TEMME_BOUND[k] * w**k >= _TEMME_TOL
        total *= w
        total += row
    return total


def _temme(a: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(P, Q) by Temme's expansion for a >= 20, t = (x - a)/a in [-0.5, 0.7]; 1-D."""
    if a.size == 0:
        return a.copy(), a.copy()
    half_eta2 = -_log1pmx(t)
    eta = np.copysign(np.sqrt(2.0 * half_eta2), t)
    s = _temme_sum(eta, 1.0 / a) / np.sqrt(2.0 * math.pi * a)
    upper = t >= 0
    small = np.exp(-a * half_eta2) * (0.5 * _erfcx(np.abs(eta) * np.sqrt(0.5 * a))
                                      + np.where(upper, s, -s))
    return np.where(upper, 1.0 - small, small), np.where(upper, small, 1.0 - small)


def _gammainc_pq(a: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(P(a, x), Q(a, x)) for a > 0, x >= 0 (x = inf allowed), 1-D arrays; NaN -> NaN."""
    return _blockwise(_gammainc_pq_kernel, a, x)


def _gammainc_pq_kernel(a: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    inside = (x > 0) & (x < np.inf) & (a > 0)  # False for NaN
    if inside.all():  # the common case: no special value to place
        P, Q = np.empty_like(a), np.empty_like(a)
    else:
        P, Q = np.full_like(a, np.nan), np.full_like(a, np.nan)
        valid = a > 0
        P[valid & (x == 0)], Q[valid & (x == 0)] = 0.0, 1.0
        P[valid & (x == np.inf)], Q[valid & (x == np.inf)] = 1.0, 0.0
    temme = inside & (a >= _TEMME_A) & (x >= _TEMME_LOW * a) & (x <= _TEMME_HIGH * a)
    if temme.any():
        at = a[temme]
        P[temme], Q[temme] = _temme(at, (x[temme] - at) / at)
        inside &= ~temme
    every = inside.all()
    ar, xr = (a, x) if every else (a[inside], x[inside])
    # The smaller of P and Q: the prefactor times the series (x < a + 1, it is P) or the
    # continued fraction (Q). Where the prefactor underflows it is 0: no iteration.
    small = _gamma_prefactor(ar, xr)
    lower = xr < ar + 1.0
    live = small > 0
    series, cf = lower & live, ~lower & live
    a_s = ar[series]
    small[series] *= _gamma_series(a_s, xr[series]) / a_s
    small[cf] *= _gamma_continued_fraction(ar[cf], xr[cf])
    p = np.where(lower, small, 1.0 - small)
    q = np.where(lower, 1.0 - small, small)
    if every:
        return p, q
    P[inside], Q[inside] = p, q
    return P, Q


def _gammainc(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    shape = a.shape
    return _gammainc_pq(np.ravel(a), np.ravel(x))[0].reshape(shape)


def _gammaincc(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    shape = a.shape
    return _gammainc_pq(np.ravel(a), np.ravel(x))[1].reshape(shape)


# -- the inverse -------------------------------------------------------------------------


def _gammaincinv_guess_scalar(a: float, p: float, q: float, lower: bool) -> float:
    """A starting point for P(a, x) = p (q = 1 - p), from Numerical Recipes' invgammp.

    For a > 1 the Wilson–Hilferty approximation ``x ≈ a (1 - 1/(9a) + z/(3√a))³`` with z
    the normal quantile; for a <= 1 two power/exponential fits. Deep in the lower tail
    ``P ≈ xᵃ / Γ(a+1)`` gives ``x ≈ (p Γ(a+1))^(1/a)`` instead.
    """
    t = math.sqrt(-2.0 * math.log(p if lower else q))
    z = (2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481)) - t
    z = z if lower else -z  # ≈ Φ⁻¹(p), good to 3e-3
    tail = math.exp((math.log(p) + _gammaln_scalar(a + 1.0)) / a) if p > 0 else 0.0
    if a > 1.0:
        x = a * max(1.0 - 1.0 / (9.0 * a) + z / (3.0 * math.sqrt(a)), 1e-3) ** 3
    else:
        t_small = 1.0 - a * (0.253 + a * 0.12)
        x = ((p / t_small) ** (1.0 / a) if p < t_small
             else (1.0 - math.log(q / (1.0 - t_small)) if q > 0 else math.inf))
    if lower and tail < 0.2 * (a + 1.0):
        x = tail
    if math.isfinite(x) and x > 0:
        return x
    return tail if lower else a + 1.0


def _gammaincinv_scalar(a: float, p: float) -> float:
    """x with P(a, x) = p for one a > 0 and p in [0, 1] (NaN gives NaN).

    Halley's method on ``P - p`` below the median and on ``(1 - p) - Q`` above, with
    ``x P'(x)`` the prefactor and ``P''/P' = (a-1)/x - 1``; far from the root (the tail
    value S off its target by more than half) Newton's method on ``log S`` against
    ``log x``, exact for the power law of the lower tail. A bracket [lo, hi] shrinks at
    every step and a step leaving it is replaced by bisection.
    """
    if math.isnan(a) or math.isnan(p):
        return math.nan
    if p == 0.0:
        return 0.0
    if p == 1.0:
        return math.inf
    q = 1.0 - p
    lower = p <= 0.5
    t = p if lower else q  # the tail value that is solved for, S(x) = t
    x = _gammaincinv_guess_scalar(a, p, q, lower)
    lo, hi = 0.0, math.inf
    if lower:
        # P ≈ xᵃ/Γ(a+1) from below: (p Γ(a+1))^(1/a) bounds the root from below, and
        # when it underflows the root is below the smallest double.
        lo = math.exp((math.log(p) + _gammaln_scalar(a + 1.0)) / a)
        if lo == 0.0:
            return 0.0
        lo = min(lo, x)
    for _ in range(_MAX_STEPS):
        P, Q = _gammainc_pq_scalar(a, x)
        f = P - p if lower else q - Q
        if f == 0.0:
            return x
        if f < 0:
            lo = x
        else:
            hi = x
        pref = _gamma_prefactor_scalar(a, x)  # x P'(x)
        S = P if lower else Q
        far = abs(f) > 0.5 * t
        new = kappa = math.nan
        if pref > 0 and far and S > 0:
            # d log S / d log x = ±x P'(x)/S
            dlog = (math.log(S) - math.log(t)) * S / (pref if lower else -pref)
            new = x * math.exp(min(-dlog, 700.0))
        elif pref > 0 and not far:
            u = (f / t) * (t / pref) * x
            kappa = (a - 1.0) / x - 1.0
            new = x - u / (1.0 - 0.5 * min(1.0, u * kappa))
        step = x - new
        sk, sx = step * kappa, step / x
        converged = not far and abs(step) <= 1e-5 * x and (
            2.0 * sk * sk + abs(a - 1.0) * sx * sx <= 1e-10)
        if not converged and not lo < new < hi:  # NaN lands here too
            if hi == math.inf:
                new = 2.0 * x
            elif hi > 4.0 * lo:
                new = math.sqrt(lo * hi) if lo > 0 else 0.5 * hi
            else:
                new = 0.5 * (lo + hi)
            if not lo < new < hi:  # the bracket holds no other double
                return min(max(new, lo), hi)
        x = min(max(new, lo), hi)
        if converged or (hi < math.inf and hi - lo <= 4.0 * _EPS * hi):
            return x
    raise ConvergenceError(
        f"gammaincinv: Halley's iteration did not converge in {_MAX_STEPS} steps "
        f"(a={a!r}, p={p!r})"
    )


def _gammaincinv_guess(a, p, q, lower):
    """:func:`_gammaincinv_guess_scalar` on arrays."""
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
    for _ in range(_MAX_STEPS):
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
            kappa = (a - 1.0) / x - 1.0  # f''/f'
            new = x - u / (1.0 - 0.5 * np.minimum(1.0, u * kappa))
            # Far from the root (the tail value S off its target t by more than half),
            # Newton on log S against log x instead: exact for a power law S ∝ xᵃ (the
            # lower tail), where Halley's steps in x would crawl. d log S/d log x = ±x f'/S.
            S = np.where(lower, P, Q)
            sign = np.where(lower, 1.0, -1.0)
            dlog = (np.log(S) - np.log(t)) * S / (sign * pref)
            far = np.abs(f) > 0.5 * t
            new = np.where(far, x * np.exp(-dlog), new)
            step = x - new
        # Halley's error is cubic, at most (|f'''/f'|/6 + (f''/f')²/4) s³ after a step s:
        # with f'''/f' = κ² - (a-1)/x², a step with s² (2κ² + |a-1|/x²) <= 1e-10 and
        # s <= 1e-5 x leaves an error below 3e-16 x (an ulp), so it is the last (f == 0
        # exactly: x is the root). (A bound relative to x alone is not enough for
        # a = 1e15, where P varies on the scale sqrt(a) = 3e-8 x.)
        with np.errstate(over="ignore", invalid="ignore"):
            sk, sx = step * kappa, step / x  # no overflow for tiny x
            small = (np.abs(step) <= 1e-5 * x) & (
                2.0 * sk * sk + np.abs(a - 1.0) * sx * sx <= 1e-10)
        converged = (f == 0) | (~far & small)
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
        f"gammaincinv: Halley's iteration did not converge in {_MAX_STEPS} steps "
        f"(first case a={float(a[0])!r}, p={float(p[0])!r})"
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
    for ``x >= 6``, the recurrence ``Γ(x+1) = x Γ(x)`` and a Taylor series around 2 below
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
    (x,), scalar = _prepare("gammaln", x=x)
    if scalar and 0 < x < np.inf:
        return np.float64(_gammaln_scalar(float(x)))
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
    (a, x), scalar = _prepare(func, a=a, x=x)
    _check_domain(~(a > 0) & ~np.isnan(a) | (a == np.inf), a, func, "a",
                  "a finite number > 0")
    _check_domain(x < 0, x, func, "x", "a number >= 0")
    return a, x, scalar


def gammainc(a, x) -> np.ndarray:
    """The regularized lower incomplete gamma function ``P(a, x) = γ(a, x) / Γ(a)``.

    ``P(a, x) = 1/Γ(a) ∫₀ˣ t^(a-1) e^(-t) dt`` is the CDF of the Gamma(a, 1)
    distribution; the chi-square CDF is ``P(k/2, x/2)``. Computed by the power series
    for ``x < a + 1`` and by the continued fraction for Q (then ``P = 1 - Q``) beyond,
    and for ``a >= 20`` with x within ``[0.5 a, 1.7 a]`` by Temme's uniform asymptotic
    expansion, so any a is fast: within 2e-15 of 40-digit arithmetic up to a = 10¹⁵
    (plus ``eps`` per unit of ``-log P`` far in the tails).

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
        If an expansion has not converged after 10 000 terms (never observed: outside
        Temme's domain they need about a hundred).

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
    a, x, scalar = _prepare_gammainc("gammainc", a, x)
    if scalar:
        return np.float64(_gammainc_pq_scalar(float(a), float(x))[0])
    return _finish(_gammainc(a, x))


def gammaincc(a, x) -> np.ndarray:
    """The regularized upper incomplete gamma function ``Q(a, x) = Γ(a, x)/Γ(a) = 1 - P``.

    ``Q(a, x) = 1/Γ(a) ∫ₓ^∞ t^(a-1) e^(-t) dt``, the survival function of Gamma(a, 1):
    a chi-square test's p-value is ``Q(k/2, χ²/2)``. Computed directly (continued
    fraction for ``x >= a + 1``, Temme's expansion near ``x = a`` for ``a >= 20``), so it
    keeps full relative accuracy in the upper tail, where ``1 - gammainc(a, x)`` would
    round to 0.

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
    a, x, scalar = _prepare_gammainc("gammaincc", a, x)
    if scalar:
        return np.float64(_gammainc_pq_scalar(float(a), float(x))[1])
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
        If an entry has not converged in 200 steps (never observed; a step that would
        leave the shrinking bracket around the root is replaced by bisection).

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
    (a, p), scalar = _prepare("gammaincinv", a=a, p=p)
    _check_domain(~(a > 0) & ~np.isnan(a) | (a == np.inf), a, "gammaincinv", "a",
                  "a finite number > 0")
    _check_domain((p < 0) | (p > 1), p, "gammaincinv", "p", "a probability in [0, 1]")
    if scalar:
        return np.float64(_gammaincinv_scalar(float(a), float(p)))
    return _finish(_gammaincinv(a, p))

