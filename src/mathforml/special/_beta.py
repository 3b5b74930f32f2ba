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

**I_x(a, b).** The continued fraction (Numerical Recipes §6.4)

    I_x(a, b) = xᵃ (1-x)ᵇ / (a B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ ...)))
    d₂ₘ₊₁ = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1)),   d₂ₘ = m(b-m) x / ((a+2m-1)(a+2m))

converges fast for ``x < (a+1)/(a+b+2)`` (left of the mean, roughly), in
``O(sqrt(max(a, b)))`` steps. Right of it, the symmetry ``I_x(a, b) = 1 - I_{1-x}(b, a)``
swaps the roles. As for the incomplete gamma, the *smaller* of ``I`` and ``1 - I`` is the
one computed directly, so both tails keep their relative accuracy, and the prefactor
``xᵃ (1-x)ᵇ / B(a, b)`` is rewritten for large ``a, b`` so that no term of size ``a`` has
to cancel. The fraction runs on whole arrays with a shrinking set of unconverged entries,
evaluated forwards by the modified Lentz method.

**The inverse** ``betaincinv`` is Halley's method with a shrinking bracket, as for
``gammaincinv``.
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import ConvergenceError
from ._common import _blockwise, _check_domain, _finish, _prepare
from ._gamma import _compact, _gammaln, _log_ratio_minus, _stirling_correction

__all__ = ["betaln", "betainc", "betaincinv"]

_EPS = np.finfo(np.float64).eps
_TINY = np.finfo(np.float64).tiny / _EPS
_MAX_ITER = 10_000
_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)

# -- log B -------------------------------------------------------------------------------


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


# -- the incomplete beta function ---------------------------------------------------------


def _beta_prefactor(a, b, x, y):
    """``xᵃ yᵇ / B(a, b)`` with ``y = 1 - x`` given exactly; a, b > 0, 0 < x < 1.

    For ``a, b >= 10``, Stirling turns it into
    ``sqrt(ab / (2π(a+b))) · exp(a (log(1+t₁) - t₁) + b (log(1+t₂) - t₂) - Δμ)`` with
    ``x₀ = a/(a+b)``, ``t₁ = (x - x₀)/x₀``, ``t₂ = (x₀ - x)/(1 - x₀)`` (the linear terms
    ``a t₁ + b t₂`` cancel exactly) and ``Δμ = μ(a) + μ(b) - μ(a+b)``.
    """
    out = np.empty_like(a)
    big = (a >= 10.0) & (b >= 10.0)
    if big.any():
        ab, bb, xb, yb = a[big], b[big], x[big], y[big]
        s = ab + bb
        x0, y0 = ab / s, bb / s
        # x₀ - x = (a y - b x)/(a + b) = y - y₀: formed from a y and b x, not from the
        # rounded x₀, so that t₂ keeps its relative accuracy when y₀ is small (t₁ too).
        d = (ab * yb - bb * xb) / s
        t1 = -d / x0
        t2 = d / y0
        expo = ab * _log_ratio_minus(t1, xb / x0) + bb * _log_ratio_minus(t2, yb / y0)
        expo -= _stirling_correction(ab) + _stirling_correction(bb) - _stirling_correction(s)
        out[big] = np.sqrt(ab * bb / (2.0 * math.pi * s)) * np.exp(expo)
    # Otherwise as powers. Of x and y = 1 - x, the one below ½ is the accurate one (the
    # other was rounded when formed as 1 minus it): xᵃ is pow(x, a) for x <= ½, correct to
    # an ulp however large a is, where exp(a log x) would carry an error of a·|log x|·eps;
    # for x > ½ it is exp(a log1p(-y)), since pow of a rounded x near 1 would multiply its
    # rounding error by a (Student's t with ν = 1e8 lost 8 digits that way). Likewise yᵇ.
    # The plain log form is the fallback when a power underflows or overflows.
    sm = ~big
    if sm.any():
        a_, b_, x_, y_ = a[sm], b[sm], x[sm], y[sm]
        lnb = _betaln(a_, b_)
        with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
            xa = np.where(x_ <= 0.5, np.power(x_, a_), np.exp(a_ * np.log1p(-y_)))
            yb = np.where(y_ <= 0.5, np.power(y_, b_), np.exp(b_ * np.log1p(-x_)))
            val = xa * (yb / np.exp(lnb))
        bad = ~(np.isfinite(val) & (val > np.finfo(np.float64).tiny))
        if bad.any():
            xb_, yb_ = x_[bad], y_[bad]
            with np.errstate(divide="ignore", invalid="ignore"):  # log 0 = -inf: 0
                logx = np.where(xb_ <= 0.5, np.log(xb_), np.log1p(-yb_))
                logy = np.where(yb_ <= 0.5, np.log(yb_), np.log1p(-xb_))
                val[bad] = np.exp(a_[bad] * logx + b_[bad] * logy - lnb[bad])
        out[sm] = val
    return out


def _beta_continued_fraction(a, b, x):
    """The continued fraction of I_x(a, b) · a B(a, b) / (xᵃ (1-x)ᵇ), by modified Lentz.

    Lentz's method divides by the running ratios C and D, and guards them against an
    exact zero by replacing it with a tiny number. Zeros are rare, so the fraction is
    first evaluated without the guards (a third fewer array passes); the few entries
    that come out non-finite are evaluated again with them.
    """
    h = _beta_lentz(a, b, x, guard=False)
    bad = ~np.isfinite(h)
    if bad.any():
        h[bad] = _beta_lentz(a[bad], b[bad], x[bad], guard=True)
    return h


def _beta_lentz(a, b, x, guard):
    def safe(v):
        if guard:
            v[np.abs(v) < _TINY] = _TINY
        return v

    out = np.empty_like(a)
    if a.size == 0:
        return out
    active = np.arange(a.size)
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = np.ones_like(a)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        d = 1.0 / safe(1.0 - qab * x / qap)
        h = d.copy()
        aa, bb, xx = a, b, x
        finished = np.zeros(a.size, dtype=bool)
        for m in range(1, _MAX_ITER + 1):
            m2 = 2 * m
            # even step: d₂ₘ = m (b - m) x / ((a + 2m - 1)(a + 2m))
            num = m * (bb - m) * xx / ((qam + m2) * (aa + m2))
            d = 1.0 / safe(1.0 + num * d)
            c = safe(1.0 + num / c)
            h *= d * c
            # odd step: d₂ₘ₊₁ = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
            num = -(aa + m) * (qab + m) * xx / ((aa + m2) * (qap + m2))
            d = 1.0 / safe(1.0 + num * d)
            c = safe(1.0 + num / c)
            delta = d * c
            h *= delta
            # NaN (an unguarded zero) counts as finished: it is redone with the guards.
            finished |= ~(np.abs(delta - 1.0) > _EPS)
            if _compact(finished):
                out[active[finished]] = h[finished]
                keep = ~finished
                active, qab, qap, qam, c, d, h, aa, bb, xx, finished = (
                    v[keep] for v in (active, qab, qap, qam, c, d, h, aa, bb, xx, finished)
                )
                if active.size == 0:
                    return out
    raise ConvergenceError(
        f"betainc: the continued fraction did not converge in {_MAX_ITER} iterations "
        f"(first case a={a[active[0]]!r}, b={b[active[0]]!r}, x={x[active[0]]!r}); "
        f"this happens only for enormous a and b"
    )


def _betainc_pair(a, b, x, y=None):
    """(I_x(a, b), 1 - I_x(a, b)), each accurate where it is small; 1-D arrays.

    a, b > 0 and x in [0, 1]; NaN anywhere gives NaN. ``y = 1 - x`` may be passed when
    the caller knows it more accurately than ``1 - x`` (Student's t: ``x = ν/(ν+t²)``,
    ``y = t²/(ν+t²)``). Large arrays are processed in blocks.
    """
    if y is None:
        y = 1.0 - x
    return _blockwise(_betainc_pair_kernel, a, b, x, y)


def _betainc_pair_kernel(a, b, x, y):
    I = np.full_like(a, np.nan)
    J = np.full_like(a, np.nan)
    valid = (a > 0) & (b > 0)  # False for NaN
    I[valid & (x == 0)], J[valid & (x == 0)] = 0.0, 1.0
    I[valid & (y == 0)], J[valid & (y == 0)] = 1.0, 0.0
    inside = valid & (x > 0) & (y > 0)  # x may round to 1 while y = 1 - x is still > 0
    direct = inside & (x * (a + b + 2.0) < a + 1.0)  # x < (a+1)/(a+b+2)
    swapped = inside & ~direct
    ad, bd, xd = a[direct], b[direct], x[direct]
    i = _beta_prefactor(ad, bd, xd, y[direct]) * _beta_continued_fraction(ad, bd, xd) / ad
    I[direct], J[direct] = i, 1.0 - i
    # I_x(a, b) = 1 - I_y(b, a) with y = 1 - x
    as_, bs, xs, ys = a[swapped], b[swapped], x[swapped], y[swapped]
    j = _beta_prefactor(bs, as_, ys, xs) * _beta_continued_fraction(bs, as_, ys) / bs
    I[swapped], J[swapped] = 1.0 - j, j
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
    when the bracket spans decades). Halley's error is cubic: once a step is below 1e-9
    relative the next would be far below rounding, so that step is the last.
    """
    out = np.empty_like(a)
    if a.size == 0:
        return out
    active = np.arange(a.size)
    lo, hi = np.zeros_like(a), np.full_like(a, upper)
    for _ in range(200):
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
            curv = np.minimum(1.0, u * ((a - 1.0) / x - (b - 1.0) / y))
            new = x - u / (1.0 - 0.5 * curv)
            # Far from the root (the tail value S off its target t by more than half),
            # Newton on log S against log x instead: exact for a power law S ∝ xᵃ, where
            # Halley's steps in x would crawl. d log S / d log x = ±x f'/S.
            S = np.where(p <= 0.5, I, J)
            sign = np.where(p <= 0.5, 1.0, -1.0)
            dlog = (np.log(S) - np.log(t)) * S * y / (sign * pref)
            far = np.abs(f) > 0.5 * t
            new = np.where(far, x * np.exp(-dlog), new)
            step = x - new
        converged = (f == 0) | (~far & (np.abs(step) <= 1e-9 * x))
        outside = ~((new > lo) & (new < hi)) & ~converged  # NaN steps land here too
        geometric = (lo > 0) & (hi > 4.0 * lo)
        bisect = np.where(geometric, np.sqrt(lo * hi), 0.5 * (lo + hi))
        # With lo = 0, squaring hi reaches any scale (1e-300) in a few steps.
        bisect = np.where(lo == 0, np.minimum(hi * hi, 0.25 * hi), bisect)
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
        f"betaincinv: Halley's iteration did not converge in 200 steps "
        f"(first case a={a[0]!r}, b={b[0]!r}, p={p[0]!r})"
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
    (a, b), _ = _prepare("betaln", a=a, b=b)
    _check_shape_params(a, b, "betaln")
    shape = a.shape
    return _finish(_betaln(np.ravel(a), np.ravel(b)).reshape(shape))


def betainc(a, b, x) -> np.ndarray:
    """The regularized incomplete beta function ``I_x(a, b)``.

    ``I_x(a, b) = 1/B(a, b) ∫₀ˣ t^(a-1) (1-t)^(b-1) dt``, the CDF of Beta(a, b) at x.
    Computed by its continued fraction (modified Lentz) where ``x < (a+1)/(a+b+2)``, and
    through ``I_x(a, b) = 1 - I_{1-x}(b, a)`` beyond, on whole arrays at once. For
    ``a, b >= 10`` the prefactor ``xᵃ (1-x)ᵇ / B(a, b)`` is computed from Stirling's
    series without cancelling terms of size ``a``; at ``a, b ~ 1e4`` the result is
    about 1e-13 relative. When ``a ≫ b`` and x is close to 1, the value is sensitive to
    the rounding of x itself (relative error ~ a·eps·b); when ``b`` is tiny (< 0.01) and
    the mass piles up at 1, a small ``I`` is accurate to ~5e-15 absolute only.

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
        If the continued fraction has not converged after 10 000 steps (only for
        ``a, b`` beyond about 10⁸).

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
    (a, b, x), _ = _prepare("betainc", a=a, b=b, x=x)
    _check_shape_params(a, b, "betainc")
    _check_domain((x < 0) | (x > 1), x, "betainc", "x", "a number in [0, 1]")
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
        If an entry has not converged in 200 steps (not observed in testing).

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
