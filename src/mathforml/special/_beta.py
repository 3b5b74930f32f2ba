"""The beta function family: log-beta and the regularized incomplete beta function.

    B(a, b) = ∫₀¹ t^(a-1) (1-t)^(b-1) dt = Γ(a) Γ(b) / Γ(a+b)
    I_x(a, b) = 1/B(a, b) ∫₀ˣ t^(a-1) (1-t)^(b-1) dt

``I_x(a, b)`` is the CDF of the Beta(a, b) distribution, and through it the CDFs of
Student's t (``I_{ν/(ν+t²)}(ν/2, ½)``), of the F distribution and of the binomial
(``P(X <= k) = I_{1-p}(n-k, k+1)``).

**log B.** ``log Γ(a) + log Γ(b) - log Γ(a+b)`` cancels badly when ``a`` or ``b`` is large:
``log B(10¹⁰, 2) ≈ -46`` is the difference of numbers near 2·10¹¹. Writing each
``log Γ`` by Stirling, ``(x - ½) log x - x + ½ log 2π + μ(x)``, the large terms cancel
*algebraically* and leave only ``log1p`` of ratios (see :func:`_betaln`).

**I_x(a, b).** The continued fraction (DLMF 8.17.22; Numerical Recipes §6.4)

    I_x(a, b) = xᵃ (1-x)ᵇ / (a B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ ...)))
    d₂ₘ₊₁ = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),   d₂ₘ = m(b-m) x / ((a+2m-1)(a+2m))

converges fast for ``x < (a+1)/(a+b+2)`` (left of the mean, roughly), in
``O(sqrt(min(a, b)))`` steps at worst. Right of it, the symmetry
``I_x(a, b) = 1 - I_{1-x}(b, a)`` swaps the roles. As for the incomplete gamma, the
*smaller* of ``I`` and ``1 - I`` is the one computed directly, so both tails keep their
relative accuracy. We evaluate the fraction's *even part* (two steps merged into one, as
Didonato and Morris's BFRAC does), in which x enters only through ``λ = a(1-x) - bx``:
with x near 1 (a ≫ b, Student's t with large ν) the plain fraction computes
``1 - (a+b)x/(a+1)`` and loses the digits of ``1 - x``. λ itself is the difference of two
products that cancel near the mean; it is formed in twice the working precision.

The prefactor ``xᵃ (1-x)ᵇ / B(a, b)`` is rewritten for large ``a, b`` so that no term
of size ``a`` has to cancel: ``sqrt(ab/(2π(a+b))) e^(-E - Δμ)`` with
``E = -(a log(x/x₀) + b log((1-x)/(1-x₀)))``, ``x₀ = a/(a+b)``.

**Large a and b.** Near the mean the fraction needs ``0.6 sqrt(min(a, b))`` steps (half a
million at a = b = 10¹²). There Temme's uniform expansion (DLMF 8.18.9) takes over:
with ``r = a + b`` and ``rη²/2 = E`` (sign η = sign(x - x₀)),

    I_x(a, b) = ½ erfc(-η sqrt(r/2)) - e^(-E)/sqrt(2πr) · e^(-Δμ) Σₖ hₖ(η) r⁻ᵏ,

whose coefficients come from the Maclaurin series of the substitution that turns the
integrand into a Gaussian (see :func:`_temme_g_scalar`). It is used for
``min(a, b) >= 1000`` while ``E <= 16``; beyond, the fraction needs fewer than 80 steps.

**The inverse** ``betaincinv`` is Halley's method with a shrinking bracket, as for
``gammaincinv``.
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import ConvergenceError
from ._common import _blockwise, _check_domain, _finish, _prepare
from ._erf import _erfcx, _erfcx_scalar
from ._gamma import (
    _compact,
    _gammaln,
    _gammaln_scalar,
    _log_ratio_minus,
    _log_ratio_minus_scalar,
    _stirling_correction,
    _stirling_correction_scalar,
)

__all__ = ["betaln", "betainc", "betaincinv"]

_EPS = np.finfo(np.float64).eps
_NORMAL_TINY = np.finfo(np.float64).tiny  # below it a double is subnormal: digits are lost
_TINY = _NORMAL_TINY / _EPS
_MAX_ITER = 10_000
_MAX_STEPS = 200  # Halley steps of the inverse (bisection alone needs < 130)
_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)

# -- log B -------------------------------------------------------------------------------


def _betaln_scalar(a: float, b: float) -> float:
    """log B(a, b) for one pair a, b > 0: the three cases of :func:`_betaln`."""
    a, b = min(a, b), max(a, b)
    if b < 10.0:
        return _gammaln_scalar(a) + _gammaln_scalar(b) - _gammaln_scalar(a + b)
    if a < 10.0:
        return (_gammaln_scalar(a) - (b - 0.5) * math.log1p(a / b) - a * math.log(a + b) + a
                + _stirling_correction_scalar(b) - _stirling_correction_scalar(a + b))
    return (_LOG_SQRT_2PI - 0.5 * math.log(a + b) - (a - 0.5) * math.log1p(b / a)
            - (b - 0.5) * math.log1p(a / b) + _stirling_correction_scalar(a)
            + _stirling_correction_scalar(b) - _stirling_correction_scalar(a + b))


def _betaln(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """log B(a, b) for a, b > 0 (1-D or same-shape arrays).

    With ``a <= b`` and Stirling's ``log Γ(x) = (x-½) log x - x + ½ log 2π + μ(x)``:

    * ``b < 10``: ``log Γ(a) + log Γ(b) - log Γ(a+b)`` (all terms small);
    * ``a < 10 <= b``: ``log Γ(b) - log Γ(a+b) = -(b-½) log1p(a/b) - a log(a+b) + a
      + μ(b) - μ(a+b)``;
    * ``10 <= a``: ``½ log 2π - ½ log(a+b) - (a-½) log1p(b/a) - (b-½) log1p(a/b)
      + μ(a) + μ(b) - μ(a+b)``.
    """
    a, b = np.minimum(a, b), np.maximum(a, b)
    out = np.full_like(a, np.nan)
    small = b < 10.0  # False for NaN: those stay NaN
    if small.any():
        as_, bs = a[small], b[small]
        out[small] = _gammaln(as_) + _gammaln(bs) - _gammaln(as_ + bs)
    mixed = (a < 10.0) & (b >= 10.0)
    if mixed.any():
        am, bm = a[mixed], b[mixed]
        out[mixed] = (_gammaln(am) - (bm - 0.5) * np.log1p(am / bm) - am * np.log(am + bm)
                      + am + _stirling_correction(bm) - _stirling_correction(am + bm))
    large = a >= 10.0
    if large.any():
        al, bl = a[large], b[large]
        out[large] = (_LOG_SQRT_2PI - 0.5 * np.log(al + bl) - (al - 0.5) * np.log1p(bl / al)
                      - (bl - 0.5) * np.log1p(al / bl) + _stirling_correction(al)
                      + _stirling_correction(bl) - _stirling_correction(al + bl))
    return out


# -- the incomplete beta function: helpers --------------------------------------------------

# Veltkamp's splitting constant 2²⁷ + 1: c·v - (c·v - v) is v rounded to 26 bits.
_SPLIT = 134217729.0
# Products beyond this would overflow in the splitting; there the plain difference is used.
_SPLIT_MAX = 1e290


def _two_product_scalar(u: float, v: float) -> tuple[float, float]:
    """``(p, e)`` with ``p = fl(u v)`` and ``p + e = u v`` exactly (Dekker, 1971)."""
    p = u * v
    t = _SPLIT * u
    uh = t - (t - u)
    t = _SPLIT * v
    vh = t - (t - v)
    ul, vl = u - uh, v - vh
    return p, ((uh * vh - p) + uh * vl + ul * vh) + ul * vl


def _lambda_scalar(a: float, b: float, x: float, y: float) -> float:
    """``λ = a y - b x`` (``= (a + b)(x₀ - x)``, x₀ the mean) in twice the working precision.

    Near the mean the two products cancel: rounded separately they would leave an error
    of ``eps · a y``, which ``λ ~ sqrt(ab/(a+b))`` times a few cannot absorb when a and b
    are large (1e-9 relative at a = b = 1e12). With each product's rounding error
    recovered exactly, λ is correct to a few ulps.
    """
    if max(a, b) > _SPLIT_MAX:
        return a * y - b * x
    p1, e1 = _two_product_scalar(a, y)
    p2, e2 = _two_product_scalar(b, x)
    return (p1 - p2) + (e1 - e2)


def _lambda_of_x_scalar(a: float, b: float, x: float) -> float:
    """``λ = a - (a + b) x``: the same λ when ``1 - x`` was not given exactly.

    ``fl(1 - x)`` would carry an absolute error of up to ``eps/4``, which λ would multiply
    by a (1e-9 relative for a binomial with n = 1e15); ``a + b`` and its product with x
    are instead carried in twice the working precision (Knuth's two-sum, Dekker's
    product).
    """
    if max(a, b) > _SPLIT_MAX:
        return a - (a + b) * x
    s = a + b
    t = s - a
    es = (a - (s - t)) + (b - t)  # s + es = a + b exactly
    p, e = _two_product_scalar(s, x)
    return ((a - p) - e) - es * x


def _beta_exponent_scalar(a: float, b: float, x: float, y: float, lam: float) -> float:
    """``E = -(a log(x/x₀) + b log(y/y₀)) >= 0`` for a, b >= 10 (``x₀ = a/(a+b)``).

    With ``t₁ = x/x₀ - 1 = -λ/a`` and ``t₂ = y/y₀ - 1 = λ/b`` the linear terms
    ``a t₁ + b t₂`` cancel exactly, leaving ``a (log(1+t₁) - t₁) + b (log(1+t₂) - t₂)``:
    no term of size a. Then ``xᵃ yᵇ / B(a, b) = sqrt(ab/(2π(a+b))) e^(-E - Δμ)``.
    """
    s = a + b
    return -(a * _log_ratio_minus_scalar(-lam / a, x * s / a)
             + b * _log_ratio_minus_scalar(lam / b, y * s / b))


def _delta_mu_scalar(a: float, b: float) -> float:
    """``Δμ = μ(a) + μ(b) - μ(a+b)``: Stirling's corrections of the beta function."""
    return (_stirling_correction_scalar(a) + _stirling_correction_scalar(b)
            - _stirling_correction_scalar(a + b))


def _mixed_delta_scalar(a: float, b: float) -> float:
    """``δ = log(Γ(a+b) / (Γ(a) aᵇ))`` for a >= 10 > b, without cancelling terms of size a.

    By Stirling, ``δ = (a + b - ½) log(1 + b/a) - b + μ(a+b) - μ(a) ≈ b(b-1)/(2a)``: the
    only cancellation is between terms of size b. (Through ``log B(a, b)``, the
    prefactor ``yᵇ/B`` would carry an error of ``b log a · eps``.)
    """
    return ((a + b - 0.5) * math.log1p(b / a) - b + _stirling_correction_scalar(a + b)
            - _stirling_correction_scalar(a))


def _beta_prefactor_scalar(a: float, b: float, x: float, y: float) -> float:
    """``xᵃ yᵇ / B(a, b)`` for one point with ``y = 1 - x`` given; a, b > 0, 0 < x < 1.

    For ``a, b >= 10`` from the exponent E without cancellation (see above). Otherwise
    as powers: of x and y the one below ½ is the accurate one (the other was rounded
    when formed as 1 minus it), so ``xᵃ`` is ``pow(x, a)`` for ``x <= ½`` and
    ``exp(a log1p(-y))`` beyond; likewise ``yᵇ``. When one parameter is large and the
    other is not, ``yᵇ/B(a, b) = (a y)ᵇ/Γ(b) · e^δ``. Logarithms are the fallback when a
    power underflows (to 0 or to a subnormal, which has lost digits) or overflows.
    """
    if a >= 10.0 and b >= 10.0:
        expo = _beta_exponent_scalar(a, b, x, y, _lambda_scalar(a, b, x, y))
        return math.sqrt(a / (a + b) * b / (2.0 * math.pi)) * math.exp(
            -expo - _delta_mu_scalar(a, b))
    logx = math.log(x) if x <= 0.5 else math.log1p(-y)
    logy = math.log(y) if y <= 0.5 else math.log1p(-x)
    xa = x**a if x <= 0.5 else math.exp(a * logx)
    if b < 10.0 <= a:  # mixed: yᵇ/B(a, b) = (a y)ᵇ/Γ(b) · e^δ (see _mixed_delta)
        scale = math.exp(_mixed_delta_scalar(a, b) - _gammaln_scalar(b))
        # log(a y) from the product: log a + log y would cancel (a = 1e15, y = 3e-15)
        ay = a * y
        lay = math.log(ay) if y <= 0.5 and _NORMAL_TINY < ay < math.inf else math.log(a) + logy
        yb = math.exp(b * lay) if b * lay < 700.0 else math.inf
        val = xa * yb * scale
        if xa < _NORMAL_TINY or yb < _NORMAL_TINY or not _NORMAL_TINY < val < math.inf:
            val = math.exp(min(a * logx + b * lay + math.log(scale), 709.0))
        return val
    if a < 10.0 <= b:
        return _beta_prefactor_scalar(b, a, y, x)
    lnb = _betaln_scalar(a, b)
    yb = y**b if y <= 0.5 else math.exp(b * logy)
    val = xa * (yb / math.exp(lnb)) if lnb < 700.0 else 0.0
    if xa < _NORMAL_TINY or yb < _NORMAL_TINY or not _NORMAL_TINY < val < math.inf:
        val = math.exp(min(a * logx + b * logy - lnb, 709.0))
    return val


# -- the continued fraction ------------------------------------------------------------------


def _beta_cf_scalar(a: float, b: float, x: float, y: float, lam: float) -> float:
    """The even part of the continued fraction: ``I_x(a, b) = xᵃ yᵇ / (B(a, b) · K)``.

    ``K = β₀ + α₁/(β₁ + α₂/(β₂ + ...))`` with ``λ = a y - b x`` and

        β₀ = a (λ + 1)/(a + 1)
        αₘ = (a+m-1)(a+b+m-1) m (b-m) x² / (a+2m-1)²
        βₘ = m + m (b-m) x/(a+2m-1) + (a+m)(λ + 1 + m (2-x))/(a+2m+1)

    Each step is two steps of the fraction above, merged; and x near 1 enters only
    through the accurate λ, not through ``1 - (a+b) x/(a+1)``, which would cancel.
    Evaluated by the modified Lentz method (exact zeros replaced by a tiny number).
    """
    lam1, ab1, x2, two_x = lam + 1.0, a + b - 1.0, x * x, 2.0 - x
    f = a * lam1 / (a + 1.0)  # > 0 left of (a+1)/(a+b+2), where this is used
    c, d = f, 0.0
    for m in range(1, _MAX_ITER + 1):
        den = a + (2.0 * m - 1.0)
        alpha = (a + (m - 1.0)) * (ab1 + m) * (m * (b - m)) * x2 / (den * den)
        beta = m + m * (b - m) * x / den + (a + m) * (lam1 + m * two_x) / (den + 2.0)
        d = beta + alpha * d
        d = 1.0 / (d if d != 0.0 else _TINY)
        c = beta + alpha / c
        c = c if c != 0.0 else _TINY
        delta = c * d
        f *= delta
        if abs(delta - 1.0) <= _EPS:
            return f
    raise _cf_not_converged(a, b, x)


def _cf_not_converged(a, b, x) -> ConvergenceError:
    a, b, x = (float(np.ravel(v)[0]) for v in (a, b, x))
    return ConvergenceError(
        f"betainc: the continued fraction did not converge in {_MAX_ITER} iterations "
        f"(first case a={a!r}, b={b!r}, x={x!r})"
    )


# -- Temme's uniform expansion for large a and b ----------------------------------------


def _temme_g_scalar(delta: float, n: int) -> list[float]:
    """Maclaurin coefficients ``G₀ … G_{n-1}`` of ``g(ζ) = ζ/v(ζ)``.

    The substitution ``x₀ log(t/x₀) + y₀ log((1-t)/y₀) = -ζ²/2`` with
    ``t = x₀ + sqrt(x₀y₀) v`` turns, after differentiation, into ``v v' = ζ (1 + δ v -
    v²)`` with ``δ = (y₀ - x₀)/sqrt(x₀y₀) = (b - a)/sqrt(ab)``: matching powers of ζ
    gives ``v₁ = 1`` and
    ``(n+1) vₙ = δ vₙ₋₁ - Σ_{i+j=n-1} vᵢ vⱼ - Σ_{i+j=n+1; i,j>=2} j vᵢ vⱼ``, each
    coefficient from the earlier ones. Then ``g = 1/(v/ζ)`` by series division.
    """
    v = [0.0, 1.0]
    for m in range(2, n + 1):
        acc = delta * v[m - 1]
        for i in range(1, m - 1):
            acc -= v[i] * v[m - 1 - i]
        for j in range(2, m):
            acc -= j * v[m + 1 - j] * v[j]
        v.append(acc / (m + 1))
    g = [1.0]
    for m in range(1, n):
        acc = -v[2] * g[m - 1]
        for i in range(2, m + 1):
            acc -= v[i + 1] * g[m - i]
        g.append(acc)
    return g


def _temme_beta_row_needed(rho, wr, k: int):
    """Whether row k (k >= 1) is needed: ``ρ (ρ²/r)ᵏ Π_{i<k} (2+2i)`` above the tolerance."""
    return rho * wr**k * math.prod(range(2, 2 * k + 2, 2)) >= _BETA_TEMME_TOL


def _temme_beta_term_needed(rho, we, wr, j: int, k: int):
    """Whether the term ``η^j`` of row k is needed: ``ρ (ρη)ʲ (ρ²/r)ᵏ Π_{i<k} (j+2+2i)``."""
    return rho * we**j * wr**k * math.prod(range(j + 2, j + 2 * k + 2, 2)) >= _BETA_TEMME_TOL


def _temme_beta_shape(rho: float, r: float, eta: float) -> list[int]:
    """How many terms ``η^j`` to keep in each ``h_k``; its length is the number of k.

    ``|Gₙ| <= ρⁿ`` with ``ρ = (1 + |δ|)/2`` (measured: ``|Gₙ|^(1/n) <= 0.4 (1 + |δ|)``),
    so the term ``(j, k)`` is at most ``ρ (ρ|η|)ʲ (ρ²/r)ᵏ Π_{i<k} (j+2+2i)``. The rows
    only shrink (``ρ²/r <= 1/4000``); each row stops at its first negligible term.
    """
    wr, we = rho * rho / r, rho * eta
    shape = []
    for k in range(_BETA_TEMME_ROWS):
        if k > 0 and not _temme_beta_row_needed(rho, wr, k):
            break
        j = 1
        while j < _BETA_TEMME_COLS and _temme_beta_term_needed(rho, we, wr, j, k):
            j += 1
        shape.append(j)
    return shape


_BETA_TEMME_ROWS, _BETA_TEMME_COLS = 10, 24
_BETA_TEMME_TOL = 1e-17
# Used for min(a, b) >= 1000 within 4 of the centre on the erfc scale (E <= 16), where
# the continued fraction would need ~0.6 sqrt(min(a, b)) steps; beyond, it needs < 80.
_BETA_TEMME_MIN = 1000.0
_BETA_TEMME_E = 16.0


def _beta_temme_scalar(a, b, x, y, lam, expo) -> tuple[float, float]:
    """(I, 1 - I) by Temme's expansion for large a and b (DLMF 8.18.9).

    ``I = ½ erfc(-η sqrt(r/2)) - e^(-rη²/2)/sqrt(2πr) · e^(-Δμ) Σₖ hₖ(η) r⁻ᵏ`` with
    ``r = a + b``, ``rη²/2 = E`` (the prefactor's exponent), ``sign η = sign(x - x₀)``;
    ``h₀ = (g - 1)/ζ``, ``h_{k+1} = (h_k' - h_k'(0))/ζ`` (integration by parts), whose
    Maclaurin coefficients are ``Π_{i<k} (j+2+2i) · G_{j+1+2k}``.
    """
    r = a + b
    eta = math.copysign(math.sqrt(2.0 * expo / r), -lam)
    delta = (b - a) / (math.sqrt(a) * math.sqrt(b))
    shape = _temme_beta_shape(0.5 * (1.0 + abs(delta)), r, abs(eta))
    g = _temme_g_scalar(delta, max(j + 2 * k + 1 for k, j in enumerate(shape)))
    total = 0.0
    for k in range(len(shape) - 1, -1, -1):
        h = 0.0
        for j in range(shape[k] - 1, -1, -1):
            h = h * eta + math.prod(range(j + 2, j + 2 * k + 2, 2)) * g[j + 1 + 2 * k]
        total = total / r + h
    corr = math.exp(-_delta_mu_scalar(a, b)) * total / math.sqrt(2.0 * math.pi * r)
    half = 0.5 * _erfcx_scalar(math.sqrt(expo))
    e = math.exp(-expo)
    if eta < 0:
        small = e * (half - corr)
        return small, 1.0 - small
    small = e * (half + corr)
    return 1.0 - small, small


def _betainc_pair_scalar(a: float, b: float, x: float, y: float | None = None,
                         ) -> tuple[float, float]:
    """(I_x(a, b), 1 - I_x(a, b)) for one point; NaN gives NaN.

    ``y = 1 - x`` may be given when the caller knows it more accurately than ``1 - x``
    (Student's t). Left of ``(a+1)/(a+b+2)`` the continued fraction gives I directly;
    right of it, ``I_x(a, b) = 1 - I_y(b, a)`` swaps the roles. For
    ``min(a, b) >= 1000`` near the mean, Temme's expansion instead.
    """
    if y is None:
        y = 1.0 - x
        lam = _lambda_of_x_scalar(a, b, x)
    else:
        lam = _lambda_scalar(a, b, x, y)
    if math.isnan(a) or math.isnan(b) or math.isnan(x) or math.isnan(y):
        return math.nan, math.nan
    if x == 0.0:
        return 0.0, 1.0
    if y == 0.0:
        return 1.0, 0.0
    swap = not x * (a + b + 2.0) < a + 1.0
    if swap:  # λ = a y - b x changes sign with the roles
        a, b, x, y, lam = b, a, y, x, -lam
    if a >= 10.0 and b >= 10.0:
        expo = _beta_exponent_scalar(a, b, x, y, lam)
        if min(a, b) >= _BETA_TEMME_MIN and expo <= _BETA_TEMME_E:
            i, j = _beta_temme_scalar(a, b, x, y, lam, expo)
            return (j, i) if swap else (i, j)
        pref = math.sqrt(a / (a + b) * b / (2.0 * math.pi)) * math.exp(
            -expo - _delta_mu_scalar(a, b))
    else:
        pref = _beta_prefactor_scalar(a, b, x, y)
    i = pref / _beta_cf_scalar(a, b, x, y, lam) if pref > 0 else 0.0
    return (1.0 - i, i) if swap else (i, 1.0 - i)


# -- the same on arrays -------------------------------------------------------------------------


def _two_product(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    p = u * v
    t = _SPLIT * u
    uh = t - (t - u)
    t = _SPLIT * v
    vh = t - (t - v)
    ul, vl = u - uh, v - vh
    return p, ((uh * vh - p) + uh * vl + ul * vh) + ul * vl


def _lambda(a: np.ndarray, b: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """:func:`_lambda_scalar` on arrays."""
    with np.errstate(over="ignore", invalid="ignore"):
        p1, e1 = _two_product(a, y)
        p2, e2 = _two_product(b, x)
        lam = (p1 - p2) + (e1 - e2)
    huge = np.maximum(a, b) > _SPLIT_MAX
    if huge.any():
        lam[huge] = a[huge] * y[huge] - b[huge] * x[huge]
    return lam


def _lambda_of_x(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """:func:`_lambda_of_x_scalar` on arrays."""
    with np.errstate(over="ignore", invalid="ignore"):
        s = a + b
        t = s - a
        es = (a - (s - t)) + (b - t)
        p, e = _two_product(s, x)
        lam = ((a - p) - e) - es * x
    huge = np.maximum(a, b) > _SPLIT_MAX
    if huge.any():
        lam[huge] = a[huge] - (a[huge] + b[huge]) * x[huge]
    return lam


def _beta_exponent(a, b, x, y, lam):
    s = a + b
    return -(a * _log_ratio_minus(-lam / a, x * (s / a))
             + b * _log_ratio_minus(lam / b, y * (s / b)))


def _mixed_delta(a, b):
    return ((a + b - 0.5) * np.log1p(b / a) - b + _stirling_correction(a + b)
            - _stirling_correction(a))


def _beta_prefactor(a, b, x, y):
    """``xᵃ yᵇ / B(a, b)`` with ``y = 1 - x`` given exactly; a, b > 0, 0 < x < 1.

    For ``a, b >= 10``, Stirling turns it into ``sqrt(ab / (2π(a+b))) · e^(-E - Δμ)``
    with the exponent E of :func:`_beta_exponent_scalar` and
    ``Δμ = μ(a) + μ(b) - μ(a+b)``.
    """
    out = np.empty_like(a)
    big = (a >= 10.0) & (b >= 10.0)
    if big.any():
        ab, bb, xb, yb = a[big], b[big], x[big], y[big]
        expo = _beta_exponent(ab, bb, xb, yb, _lambda(ab, bb, xb, yb))
        out[big] = _stirling_prefactor(ab, bb, expo)
    # Otherwise as powers. Of x and y = 1 - x, the one below ½ is the accurate one (the
    # other was rounded when formed as 1 minus it): xᵃ is pow(x, a) for x <= ½, correct to
    # an ulp however large a is, where exp(a log x) would carry an error of a·|log x|·eps;
    # for x > ½ it is exp(a log1p(-y)), since pow of a rounded x near 1 would multiply its
    # rounding error by a (Student's t with ν = 1e8 lost 8 digits that way). Likewise yᵇ.
    # The plain log form is the fallback when a power underflows (to 0 or to a subnormal,
    # which has lost digits) or overflows.
    # When one parameter is >= 10 and the other is not ("mixed"), make a the large one
    # (the prefactor is symmetric under (a, x) <-> (b, y)) and write
    # yᵇ/B(a, b) = (a y)ᵇ/Γ(b) · e^δ, see _mixed_delta_scalar.
    sm = ~big
    if sm.any():
        a_, b_, x_, y_ = a[sm], b[sm], x[sm], y[sm]
        flip = a_ < b_
        a_, b_ = np.where(flip, b_, a_), np.where(flip, a_, b_)
        x_, y_ = np.where(flip, y_, x_), np.where(flip, x_, y_)
        mixed = a_ >= 10.0
        with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
            logx = np.where(x_ <= 0.5, np.log(x_), np.log1p(-y_))
            logy = np.where(y_ <= 0.5, np.log(y_), np.log1p(-x_))
            xa = np.where(x_ <= 0.5, np.power(x_, a_), np.exp(a_ * logx))
            # log(a y) when mixed: from the product where it is a normal number, since
            # log a + log y would cancel (a = 1e15, y = 3e-15)
            ay = a_ * y_
            ay_ok = (y_ <= 0.5) & (ay > _NORMAL_TINY) & (ay < np.inf)
            logy = np.where(mixed, np.where(ay_ok, np.log(ay), np.log(a_) + logy), logy)
            yb = np.where(mixed | (y_ > 0.5), np.exp(b_ * logy), np.power(y_, b_))
            # log of the remaining factor: δ - log Γ(b) when mixed, -log B(a, b) otherwise
            rest = np.empty_like(a_)
            if mixed.any():
                am, bm = a_[mixed], b_[mixed]
                rest[mixed] = _mixed_delta(am, bm) - _gammaln(bm)
            both = ~mixed
            if both.any():
                rest[both] = -_betaln(a_[both], b_[both])
            val = xa * (yb * np.exp(rest))
        bad = ~(np.isfinite(val) & (val > _NORMAL_TINY)) | (xa < _NORMAL_TINY) | (
            yb < _NORMAL_TINY)
        if bad.any():
            with np.errstate(invalid="ignore"):  # log 0 = -inf: 0
                val[bad] = np.exp(a_[bad] * logx[bad] + b_[bad] * logy[bad] + rest[bad])
        out[sm] = val
    return out


def _stirling_prefactor(a, b, expo):
    """``sqrt(ab/(2π(a+b))) e^(-E - Δμ)`` for a, b >= 10."""
    dmu = _stirling_correction(a) + _stirling_correction(b) - _stirling_correction(a + b)
    return np.sqrt(a / (a + b) * b / (2.0 * math.pi)) * np.exp(-expo - dmu)


def _beta_cf(a, b, x, lam):
    """:func:`_beta_cf_scalar` on 1-D arrays, each entry until its own convergence.

    Lentz's method divides by its running ratios, and guards them against an exact zero
    by replacing it with a tiny number. Zeros are rare, so the fraction is first
    evaluated without the guards; the few entries that come out non-finite are
    evaluated again with them.
    """
    f = _beta_lentz(a, b, x, lam, guard=False)
    bad = ~np.isfinite(f)
    if bad.any():
        f[bad] = _beta_lentz(a[bad], b[bad], x[bad], lam[bad], guard=True)
    return f


def _beta_lentz(a, b, x, lam, guard):
    def safe(v):
        if guard:
            v[v == 0] = _TINY
        return v

    out = np.empty_like(a)
    if a.size == 0:
        return out
    active = np.arange(a.size)
    aa, bb, xx = a, b, x
    ab1 = a + b - 1.0
    lam1 = lam + 1.0
    x2 = x * x
    two_x = 2.0 - x
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        f = aa * lam1 / (aa + 1.0)
        c, d = f.copy(), np.zeros_like(f)
        finished = np.zeros(a.size, dtype=bool)
        for m in range(1, _MAX_ITER + 1):
            den = aa + (2.0 * m - 1.0)
            alpha = (aa + (m - 1.0)) * (ab1 + m) * (m * (bb - m)) * x2 / (den * den)
            beta = m + m * (bb - m) * xx / den + (aa + m) * (lam1 + m * two_x) / (den + 2.0)
            d = 1.0 / safe(beta + alpha * d)
            c = safe(beta + alpha / c)
            delta = c * d
            f *= delta
            # NaN (an unguarded zero) counts as finished: it is redone with the guards.
            newly = np.greater(~(np.abs(delta - 1.0) > _EPS), finished)
            if newly.any():
                out[active[newly]] = f[newly]
                finished |= newly
                if _compact(finished):
                    keep = ~finished
                    active, aa, bb, xx, ab1, lam1, x2, two_x, c, d, f, finished = (
                        v[keep] for v in (active, aa, bb, xx, ab1, lam1, x2, two_x, c, d,
                                          f, finished)
                    )
                    if active.size == 0:
                        return out
    raise _cf_not_converged(aa, bb, xx)


def _beta_temme(a, b, lam, expo):
    """:func:`_beta_temme_scalar` on 1-D arrays: (I, 1 - I)."""
    r = a + b
    eta = np.copysign(np.sqrt(2.0 * expo / r), -lam)
    delta = (b - a) / (np.sqrt(a) * np.sqrt(b))
    rho = 0.5 * (1.0 + np.abs(delta))
    shape = _temme_beta_shape(float(rho.max()), float(r.min()), float(np.abs(eta).max()))
    n = max(j + 2 * k + 1 for k, j in enumerate(shape))
    # the v and g recurrences of _temme_g_scalar, on arrays
    v = [np.zeros_like(a), np.ones_like(a)]
    for m in range(2, n + 1):
        acc = delta * v[m - 1]
        for i in range(1, m - 1):
            acc -= v[i] * v[m - 1 - i]
        for j in range(2, m):
            acc -= j * v[m + 1 - j] * v[j]
        v.append(acc / (m + 1))
    g = [np.ones_like(a)]
    for m in range(1, n):
        acc = -v[2] * g[m - 1]
        for i in range(2, m + 1):
            acc -= v[i + 1] * g[m - i]
        g.append(acc)
    # Each entry sums exactly the terms its own shape has (the others are multiplied by
    # 0), so that its result does not depend on the rest of the array.
    wr, we = rho * rho / r, rho * np.abs(eta)
    total = np.zeros_like(a)
    for k in range(len(shape) - 1, -1, -1):
        needed = [np.ones(a.shape, dtype=bool)]
        for j in range(1, shape[k]):
            needed.append(needed[-1] & _temme_beta_term_needed(rho, we, wr, j, k))
        h = np.zeros_like(a)
        for j in range(shape[k] - 1, -1, -1):
            h *= eta
            h += math.prod(range(j + 2, j + 2 * k + 2, 2)) * g[j + 1 + 2 * k] * needed[j]
        if k > 0:
            h *= _temme_beta_row_needed(rho, wr, k)
        total /= r
        total += h
    dmu = _stirling_correction(a) + _stirling_correction(b) - _stirling_correction(r)
    corr = np.exp(-dmu) * total / np.sqrt(2.0 * math.pi * r)
    lower = eta < 0
    small = np.exp(-expo) * (0.5 * _erfcx(np.sqrt(expo)) + np.where(lower, -corr, corr))
    return np.where(lower, small, 1.0 - small), np.where(lower, 1.0 - small, small)


def _betainc_pair(a, b, x, y=None):
    """(I_x(a, b), 1 - I_x(a, b)), each accurate where it is small; 1-D arrays.

    a, b > 0 and x in [0, 1]; NaN anywhere gives NaN. ``y = 1 - x`` may be passed when
    the caller knows it more accurately than ``1 - x`` (Student's t: ``x = ν/(ν+t²)``,
    ``y = t²/(ν+t²)``). Large arrays are processed in blocks.
    """
    if y is None:
        return _blockwise(_betainc_pair_of_x_kernel, a, b, x)
    return _blockwise(_betainc_pair_kernel, a, b, x, y)


def _betainc_pair_of_x_kernel(a, b, x):
    return _betainc_pair_kernel(a, b, x, 1.0 - x, _lambda_of_x(a, b, x))


def _betainc_pair_kernel(a, b, x, y, lam=None):
    inside = (a > 0) & (b > 0) & (x > 0) & (y > 0)  # False for NaN; x may round to 1
    every = inside.all()  # the common case: no special value to place
    if not every:
        I, J = np.full_like(a, np.nan), np.full_like(a, np.nan)
        valid = (a > 0) & (b > 0)
        I[valid & (x == 0)], J[valid & (x == 0)] = 0.0, 1.0
        I[valid & (y == 0)], J[valid & (y == 0)] = 1.0, 0.0
        a, b, x, y = a[inside], b[inside], x[inside], y[inside]
        lam = None if lam is None else lam[inside]
    if lam is None:
        lam = _lambda(a, b, x, y)
    # Orient each entry so that x is left of (a+1)/(a+b+2): I_x(a, b) = 1 - I_y(b, a),
    # and λ = a y - b x changes sign with the roles.
    swap = ~(x * (a + b + 2.0) < a + 1.0)
    A, B = np.where(swap, b, a), np.where(swap, a, b)
    X, Y = np.where(swap, y, x), np.where(swap, x, y)
    lam = np.where(swap, -lam, lam)
    # The smaller side I_X(A, B) is the prefactor over the continued fraction; it is 0
    # where the prefactor underflows, and needs no iteration there.
    big = (A >= 10.0) & (B >= 10.0)
    temme = np.zeros_like(big)
    if big.all():
        expo = _beta_exponent(A, B, X, Y, lam)
        pref = _stirling_prefactor(A, B, expo)
        temme = (np.minimum(A, B) >= _BETA_TEMME_MIN) & (expo <= _BETA_TEMME_E)
        expo_temme = expo[temme]
    else:
        pref = np.empty_like(A)
        expo_temme = np.empty(0)
        if big.any():
            Ab, Bb = A[big], B[big]
            expo = _beta_exponent(Ab, Bb, X[big], Y[big], lam[big])
            pref[big] = _stirling_prefactor(Ab, Bb, expo)
            near = (np.minimum(Ab, Bb) >= _BETA_TEMME_MIN) & (expo <= _BETA_TEMME_E)
            temme[big] = near
            expo_temme = expo[near]
        small = ~big
        pref[small] = _beta_prefactor(A[small], B[small], X[small], Y[small])
    cf = (pref > 0) & ~temme
    if cf.all():
        lower = pref / _beta_cf(A, B, X, lam)
    else:
        lower = np.zeros_like(pref)
        lower[cf] = pref[cf] / _beta_cf(A[cf], B[cf], X[cf], lam[cf])
    upper = 1.0 - lower
    if temme.any():  # near the mean for large A, B: Temme's expansion replaces the above
        lower[temme], upper[temme] = _beta_temme(A[temme], B[temme], lam[temme], expo_temme)
    i, j = np.where(swap, upper, lower), np.where(swap, lower, upper)
    if every:
        return i, j
    I[inside], J[inside] = i, j
    return I, J


def _betainc(a, b, x):
    shape = np.shape(a)
    return _betainc_pair(np.ravel(a), np.ravel(b), np.ravel(x))[0].reshape(shape)


# -- the inverse -------------------------------------------------------------------------


def _betaincinv_guess(a, b, p, q):
    """A starting point for I_x(a, b) = p, q = 1 - p (Numerical Recipes' invbetai).

    For a, b >= 1, a normal approximation in the logit scale (Abramowitz & Stegun
    26.5.22); otherwise the power laws at the two ends, ``I ≈ xᵃ/(a B)`` near 0 and
    ``1 - I ≈ (1-x)ᵇ/(b B)`` near 1. Deep in the lower tail the first power law wins.
    """
    t = np.sqrt(-2.0 * np.log(np.minimum(p, q)))
    z = t - (2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481))  # ≈ |Φ⁻¹(p)|
    z = np.where(p <= 0.5, z, -z)  # ≈ -Φ⁻¹(p)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        al = (z * z - 3.0) / 6.0
        h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0))
        w = z * np.sqrt(al + h) / h - (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) * (
            al + 5.0 / 6.0 - 2.0 / (3.0 * h)
        )
        normal = a / (a + b * np.exp(2.0 * w))
        lnb = _betaln(a, b)
        left = np.exp((np.log(p) + np.log(a) + lnb) / a)  # xᵃ/(a B) = p
        right = -np.expm1((np.log(q) + np.log(b) + lnb) / b)  # (1-x)ᵇ/(b B) = q
        t_ = np.exp(a * np.log(a / (a + b))) / a
        u_ = np.exp(b * np.log(b / (a + b))) / b
        ends = np.where(p < t_ / (t_ + u_), left, right)
    x = np.where((a >= 1.0) & (b >= 1.0), normal, ends)
    x = np.where(left < 0.1 * a / (a + b), left, x)
    ok = np.isfinite(x) & (x > 0) & (x < 1)
    return np.where(ok, x, a / (a + b))


def _halley_beta(a, b, p, q, x, upper):
    """Safeguarded Halley iteration for I_x(a, b) = p with a root in (0, upper]; 1-D.

    The residual is ``I - p`` for p <= ½ and ``(1 - p) - (1 - I)`` above, each using the
    accurate one of the pair. The bracket [lo, hi] starts as [0, upper] and shrinks at
    every step; a Halley step that would leave it is replaced by bisection (geometric
    when the bracket spans decades). Halley's error is cubic: once a step is small on
    the scale of the function's curvature, the next would be far below rounding, so that
    step is the last.
    """
    out = np.empty_like(a)
    if a.size == 0:
        return out
    active = np.arange(a.size)
    lo, hi = np.zeros_like(a), np.full_like(a, upper)
    for _ in range(_MAX_STEPS):
        I, J = _betainc_pair(a, b, x)
        f = np.where(p <= 0.5, I - p, q - J)
        lo = np.where(f < 0, x, lo)
        hi = np.where(f > 0, x, hi)
        y = 1.0 - x
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            # f' = x^(a-1) (1-x)^(b-1) / B(a, b), f''/f' = (a-1)/x - (b-1)/(1-x)
            # u = f / f', grouped through t = min(p, q) so that a residual far below
            # 1e-300 is not lost to underflow.
            t = np.minimum(p, q)
            pref = _beta_prefactor(a, b, x, y)  # x (1-x) f'
            u = (f / t) * (t / pref) * x * y
            kappa = (a - 1.0) / x - (b - 1.0) / y  # f''/f'
            new = x - u / (1.0 - 0.5 * np.minimum(1.0, u * kappa))
            # Far from the root (the tail value S off its target t by more than half),
            # Newton on log S against log x instead: exact for a power law S ∝ xᵃ, where
            # Halley's steps in x would crawl. d log S / d log x = ±x f'/S.
            S = np.where(p <= 0.5, I, J)
            sign = np.where(p <= 0.5, 1.0, -1.0)
            dlog = (np.log(S) - np.log(t)) * S * y / (sign * pref)
            far = np.abs(f) > 0.5 * t
            new = np.where(far, x * np.exp(-dlog), new)
            step = x - new
            # With f'''/f' = κ² - (a-1)/x² - (b-1)/y², a Halley step leaves an error
            # below 3e-16 x (see _halley_gamma): the step is the last.
            sk, sx, sy = step * kappa, step / x, step / y  # no overflow for tiny x
            small = (np.abs(step) <= 1e-5 * x) & (
                2.0 * sk * sk + np.abs(a - 1.0) * sx * sx + np.abs(b - 1.0) * sy * sy <= 1e-10)
        converged = (f == 0) | (~far & small)
        outside = ~((new > lo) & (new < hi)) & ~converged  # NaN steps land here too
        geometric = (lo > 0) & (hi > 4.0 * lo)
        bisect = np.where(geometric, np.sqrt(lo * hi), 0.5 * (lo + hi))
        # With lo = 0, squaring hi reaches any scale (1e-300) in a few steps (unless the
        # square underflows).
        square = hi * hi
        bisect = np.where(lo == 0, np.where(square > 0, np.minimum(square, 0.25 * hi),
                                            0.25 * hi), bisect)
        new = np.where(outside, bisect, new)
        # Also done when the bracket holds no other double (bisection cannot move).
        stuck = outside & ((new <= lo) | (new >= hi))
        x = np.where(f == 0, x, np.clip(new, lo, hi))  # a last tiny step stays inside
        done = converged | stuck | (hi - lo <= 4.0 * _EPS * hi)
        if done.any():
            out[active[done]] = x[done]
            keep = ~done
            active, a, b, p, q, x, lo, hi = (
                v[keep] for v in (active, a, b, p, q, x, lo, hi)
            )
            if active.size == 0:
                return out
    raise ConvergenceError(
        f"betaincinv: Halley's iteration did not converge in {_MAX_STEPS} steps "
        f"(first case a={float(a[0])!r}, b={float(b[0])!r}, p={float(p[0])!r})"
    )


def _betaincinv_root(a, b, p, q, x0, upper):
    """The root x in (0, upper] of I_x(a, b) = p (q = 1 - p) from the guess x0; 1-D."""
    # When (p a B(a, b))^(1/a), the lower-tail power law, underflows, the root is below
    # the smallest double (tiny a): the answer is 0.
    with np.errstate(divide="ignore", over="ignore"):
        zero = np.exp((np.log(p) + np.log(a) + _betaln(a, b)) / a) == 0
    out = np.zeros_like(a)
    s = ~zero
    out[s] = _halley_beta(a[s], b[s], p[s], q[s], np.minimum(x0[s], 0.5 * upper), upper)
    return out


def _betaincinv_pair(a, b, p, q):
    """(x, 1 - x) with I_x(a, b) = p, each accurate; q = 1 - p given by the caller.

    1-D arrays, a, b > 0, p in [0, 1]; NaN -> NaN. Whichever of x and y = 1 - x is the
    smaller is solved for (the root is right of ½ when p > I_½(a, b)): the mirror
    problem I_y(b, a) = q gives x near 1 the full precision of y. Of p and q, only the
    one that is accurate is used (the smaller of the two).
    """
    x = np.full_like(a, np.nan)
    y = np.full_like(a, np.nan)
    valid = (a > 0) & (b > 0)
    x[valid & (p == 0)], y[valid & (p == 0)] = 0.0, 1.0
    x[valid & (q == 0)], y[valid & (q == 0)] = 1.0, 0.0
    inside = valid & (p > 0) & (q > 0)
    a, b, p, q = a[inside], b[inside], p[inside], q[inside]
    # Solve in the mirror variable where the guess is right of ½. Should the root turn
    # out to be right of ½ after all, solve those few again from the other side.
    mirror = _betaincinv_guess(a, b, p, q) > 0.5
    A, B = np.where(mirror, b, a), np.where(mirror, a, b)
    P, Q = np.where(mirror, q, p), np.where(mirror, p, q)
    small = _betaincinv_root(A, B, P, Q, _betaincinv_guess(A, B, P, Q), 1.0)
    wrong = small > 0.5
    if wrong.any():
        mirror[wrong] = ~mirror[wrong]
        small[wrong] = _betaincinv_root(B[wrong], A[wrong], Q[wrong], P[wrong],
                                        1.0 - small[wrong], 0.5)
    x[inside] = np.where(mirror, 1.0 - small, small)
    y[inside] = np.where(mirror, small, 1.0 - small)
    return x, y


def _betaincinv(a, b, p):
    """x with I_x(a, b) = p, for a, b > 0 and p in [0, 1]; NaN -> NaN."""
    shape = np.shape(a)
    p = np.ravel(p)
    return _betaincinv_pair(np.ravel(a), np.ravel(b), p, 1.0 - p)[0].reshape(shape)


# -- the public functions ----------------------------------------------------------------


def _check_shape_params(a, b, func):
    for name, v in (("a", a), ("b", b)):
        _check_domain(~(v > 0) & ~np.isnan(v) | (v == np.inf), v, func, name,
                      "a finite number > 0")


def betaln(a, b) -> np.ndarray:
    """The logarithm of the beta function, ``log B(a, b) = log Γ(a) + log Γ(b) - log Γ(a+b)``.

    ``B(a, b) = ∫₀¹ t^(a-1) (1-t)^(b-1) dt`` normalizes the Beta density, and
    ``1/((n+1) B(k+1, n-k+1))`` is the binomial coefficient ``C(n, k)``. For large
    arguments the three ``log Γ`` are expanded by Stirling's series and their large
    terms cancelled algebraically, so ``betaln(1e10, 2) = log(1/(a(a+1)))`` keeps full
    accuracy where the naive difference loses six digits.

    Parameters
    ----------
    a, b : array_like
        Finite numbers > 0, broadcast together. NaN gives NaN.

    Returns
    -------
    ndarray or float64
        The broadcast shape of ``a`` and ``b``.

    Raises
    ------
    ParameterError
        If an entry of ``a`` or ``b`` is not a finite number > 0 (SciPy extends B to
        negative non-integers; the Beta distribution needs only a, b > 0).
    ShapeError
        If ``a`` and ``b`` do not broadcast together.

    See Also
    --------
    mathforml.special.gammaln : the log-gamma function it is built from.
    betainc : the incomplete beta function.

    Examples
    --------
    >>> float(betaln(1.0, 1.0))  # B(1, 1) = 1
    0.0
    >>> betaln([2.0, 0.5], [3.0, 0.5])  # B(2, 3) = 1/12, B(½, ½) = π
    array([-2.48490665,  1.14472989])
    """
    (a, b), scalar = _prepare("betaln", a=a, b=b)
    _check_shape_params(a, b, "betaln")
    if scalar and a == a and b == b:  # not NaN
        return np.float64(_betaln_scalar(float(a), float(b)))
    shape = a.shape
    return _finish(_betaln(np.ravel(a), np.ravel(b)).reshape(shape))


def betainc(a, b, x) -> np.ndarray:
    """The regularized incomplete beta function ``I_x(a, b)``.

    ``I_x(a, b) = 1/B(a, b) ∫₀ˣ t^(a-1) (1-t)^(b-1) dt``, the CDF of Beta(a, b) at x.
    Computed by the even part of its continued fraction (modified Lentz) where
    ``x < (a+1)/(a+b+2)``, and through ``I_x(a, b) = 1 - I_{1-x}(b, a)`` beyond, on whole
    arrays at once; near the mean of Beta(a, b) with ``a, b >= 1000``, by Temme's uniform
    asymptotic expansion. For ``a, b >= 10`` the prefactor ``xᵃ (1-x)ᵇ / B(a, b)`` is
    computed from Stirling's series without cancelling terms of size ``a``, and the one
    difference that cancels near the mean, ``a(1-x) - bx``, in twice the working
    precision: within 4e-15 of 40-digit arithmetic for any a, b up to 10¹⁵ (plus
    ``eps`` per unit of ``-log I`` far in the tails). When ``b`` is tiny (< 0.01) and the
    mass piles up at 1, a small ``I`` is accurate to ~5e-15 absolute only.

    Parameters
    ----------
    a, b : array_like
        Shape parameters, finite and > 0.
    x : array_like
        Points in [0, 1]; ``I_0 = 0``, ``I_1 = 1``. All three broadcast together; NaN
        gives NaN.

    Returns
    -------
    ndarray or float64
        The broadcast shape of the arguments; values in [0, 1].

    Raises
    ------
    ParameterError
        If an entry of ``a`` or ``b`` is not a finite number > 0, or one of ``x`` lies
        outside [0, 1] (SciPy returns NaN there).
    ShapeError
        If the arguments do not broadcast together.
    ConvergenceError
        If the continued fraction has not converged after 10 000 steps (never observed:
        where Temme's expansion does not take over, it needs fewer than 80).

    See Also
    --------
    betaincinv : the inverse in x.
    betaln : the normalizing constant.

    Examples
    --------
    >>> float(betainc(1.0, 1.0, 0.3))  # Beta(1, 1) is uniform
    0.3
    >>> betainc(2.0, 3.0, [0.0, 0.5, 1.0])  # 11/16 at 0.5
    array([0.    , 0.6875, 1.    ])
    """
    (a, b, x), scalar = _prepare("betainc", a=a, b=b, x=x)
    _check_shape_params(a, b, "betainc")
    _check_domain((x < 0) | (x > 1), x, "betainc", "x", "a number in [0, 1]")
    if scalar:
        return np.float64(_betainc_pair_scalar(float(a), float(b), float(x))[0])
    return _finish(_betainc(a, b, x))


def betaincinv(a, b, p) -> np.ndarray:
    """The inverse of :func:`betainc` in x: the ``x`` in [0, 1] with ``I_x(a, b) = p``.

    The quantile function of Beta(a, b). Halley's method on ``I_x(a, b) - p`` when the
    root is left of ½, and on the mirror problem ``I_{1-x}(b, a) = 1 - p`` when it is
    right of it (so that ``x`` near 1 keeps its accuracy),
    with ``I' = x^(a-1) (1-x)^(b-1) / B(a, b)`` and
    ``I''/I' = (a-1)/x - (b-1)/(1-x)``, started from a normal approximation (or a
    power law near 0 and 1). A bracket around the root shrinks at every step, and a
    step that would leave it is replaced by bisection, so the iteration cannot diverge.

    Parameters
    ----------
    a, b : array_like
        Shape parameters, finite and > 0.
    p : array_like
        Probabilities in [0, 1]; ``p = 0`` gives 0, ``p = 1`` gives 1. All three
        broadcast together; NaN gives NaN.

    Returns
    -------
    ndarray or float64
        The broadcast shape of the arguments.

    Raises
    ------
    ParameterError
        If an entry of ``a`` or ``b`` is not a finite number > 0, or one of ``p`` lies
        outside [0, 1].
    ShapeError
        If the arguments do not broadcast together.
    ConvergenceError
        If an entry has not converged in 200 steps (never observed; a step that would
        leave the shrinking bracket around the root is replaced by bisection).

    See Also
    --------
    betainc : the function it inverts.

    Examples
    --------
    >>> float(betaincinv(1.0, 1.0, 0.3))
    0.3
    >>> betaincinv(2.0, 3.0, [0.0, 0.6875, 1.0])
    array([0. , 0.5, 1. ])
    """
    (a, b, p), _ = _prepare("betaincinv", a=a, b=b, p=p)
    _check_shape_params(a, b, "betaincinv")
    _check_domain((p < 0) | (p > 1), p, "betaincinv", "p", "a probability in [0, 1]")
    return _finish(_betaincinv(a, b, p))

