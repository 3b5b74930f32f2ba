"""Binomial and Poisson probabilities to full precision: Loader's saddle-point method.

The textbook formula ``log pmf = log C(n, k) + k log p + (n - k) log(1 - p)`` adds and
subtracts numbers of size ``n log n``: with ``gammaln(n + 1) ≈ 2·10¹⁰`` for ``n = 10⁹``,
rounding alone leaves an absolute error near ``10⁻⁶`` in a log-probability of size ~10,
so the pmf loses six digits. Loader (2000, "Fast and accurate computation of binomial
probabilities"; the method behind R's ``dbinom`` and ``dpois``) rewrites it so that
every large term cancels *analytically* before any rounding happens. Two small
quantities carry everything:

* the Stirling remainder ``δ(k) = log k! - [(k + ½) log k - k + ½ log 2π]``, about
  ``1/(12k)``: a table for ``k <= 15``, the Stirling series beyond;
* the deviance term ``bd0(x, M) = x log(x / M) + M - x >= 0``, which vanishes when
  ``x = M`` and is computed without cancellation by a series near ``x = M``.

With them (``M = n p``, ``N = n q``, ``q = 1 - p``)::

    log Binomial pmf(k) = δ(n) - δ(k) - δ(n - k) - bd0(k, M) - bd0(n - k, N)
                          - ½ log(2π k (n - k) / n)
    log Poisson pmf(k)  = -δ(k) - bd0(k, λ) - ½ log(2π k)

Every term is at most of the size of the answer. One rounding is left: ``M = fl(n p)``
is off by up to ``n p ε/2``, i.e. by 1e-8 at ``n = 10⁹``, which is a real error in
``k - M`` (and so in the pmf, ~1e-11); :func:`two_product` keeps those digits, and the
relative error is then a few ulps whatever ``n`` or ``λ`` (tested against mpmath:
< 3e-14 for ``n`` up to ``2⁵³``, < 4e-15 for ``λ`` up to ``10¹⁵``).

The same two functions give the entropies without cancellation (see
:func:`expected_saddle_terms`), which is what lets the Multinomial entropy work for
``n = 10⁹`` where the textbook formula ``-log n! + Σ E[log X_i!] - ...`` loses
everything.

All functions here are internal: they take float arrays of valid integers and trust them.
"""

from __future__ import annotations

import math

import numpy as np

_LOG_2PI = math.log(2.0 * math.pi)

# δ(k) = log k! - (k + ½) log k + k - ½ log 2π for k = 0..15, from mpmath at 40 digits
# (δ(0) = 0 by convention: it is never used with the rest of the formula at k = 0).
_STIRLERR_TABLE = np.array([
    0.0,
    0.08106146679532725822,
    0.041340695955409294094,
    0.027677925684998339149,
    0.020790672103765093112,
    0.016644691189821192163,
    0.013876128823070747999,
    0.011896709945891770095,
    0.010411265261972096497,
    0.0092554621827127329177,
    0.0083305634333628712565,
    0.007573675487951840795,
    0.0069428401072095298657,
    0.0064089941880042070684,
    0.0059513701127588477356,
    0.005554733551962801371,
])  # fmt: skip

# The Stirling series δ(k) ~ Σ_j B_2j / (2j (2j - 1) k^(2j-1)) (B_2j the Bernoulli numbers)
#   = 1/(12k) - 1/(360k³) + 1/(1260k⁵) - 1/(1680k⁷) + 1/(1188k⁹) - 691/(360360k¹¹) + 1/(156k¹³)
# at k = 16 the first omitted term, 3617/(122400 k¹⁵), is 2.5e-20 (δ(16) = 0.0052).
_STIRLING_SERIES = (1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360, 1 / 12)


def stirlerr(k: np.ndarray) -> np.ndarray:
    """Stirling's remainder ``δ(k) = log k! - (k + ½) log k + k - ½ log 2π`` for integers.

    >>> float(stirlerr(np.array(1.0)))  # log 1 - (0 - 1 + ½ log 2π)
    0.0810614667953...
    """
    k = np.asarray(k, dtype=np.float64)
    # The series on every entry (clamped to k >= 16, where it is accurate), the table
    # where k <= 15: two cheap passes instead of gathering and scattering two subsets.
    kb = np.maximum(k, 16.0)
    r2 = 1.0 / (kb * kb)
    series = np.full(kb.shape, _STIRLING_SERIES[0])
    for c in _STIRLING_SERIES[1:]:  # Horner's rule in 1/k²
        series = series * r2 + c
    table = _STIRLERR_TABLE[np.minimum(k, 15.0).astype(np.intp)]
    return np.where(k <= 15, table, series / kb)


# Veltkamp's splitter 2²⁷ + 1 cuts a double into two halves of 26 bits each.
_SPLITTER = 134217729.0


def two_product(a, b):
    """``a · b = hi + lo`` exactly, with ``hi = fl(a · b)`` (Dekker's error-free product).

    Each factor is split into halves whose products are exact in double precision, and
    ``lo`` collects the rounding error of ``hi``. ``n p`` then keeps the digits that
    rounding drops, which matter in ``k - n p`` when ``n`` is huge.

    >>> hi, lo = two_product(1e9, 0.3)  # 0.3 is 0.29999999999999998889... in binary
    >>> hi, lo
    (300000000.0, -1.1102230246251566e-08)
    """

    def split(x):
        c = _SPLITTER * x
        high = c - (c - x)
        return high, x - high

    hi = a * b
    a1, a2 = split(a)
    b1, b2 = split(b)
    lo = ((a1 * b1 - hi) + a1 * b2 + a2 * b1) + a2 * b2
    return hi, lo


def bd0(x: np.ndarray, M: np.ndarray, d: np.ndarray | None = None) -> np.ndarray:
    """The deviance term ``x log(x / M) + M - x`` (>= 0), accurate even when ``x ≈ M``.

    ``x >= 0`` and ``M >= 0``. Near ``x = M`` both parts are large and cancel, so with
    ``v = (x - M) / (x + M)`` (so ``x / M = (1 + v) / (1 - v)``) use the series

        bd0 = (x - M) v + 2x (v³/3 + v⁵/5 + v⁷/7 + ...)

    from ``log((1 + v)/(1 - v)) = 2 (v + v³/3 + v⁵/5 + ...)``. It is used where
    ``|x - M| < 0.1 (x + M)``, so ``v² < 0.01`` and nine terms reach double precision.
    There everything hangs on the difference ``d = x - M``: pass it if you know it
    better than ``x - fl(M)`` (see :func:`two_product`).

    >>> float(bd0(np.array(3.0), np.array(3.0)))
    0.0
    """
    x, M = np.broadcast_arrays(np.asarray(x, dtype=np.float64), np.asarray(M, dtype=np.float64))
    d = x - M if d is None else np.broadcast_to(d, x.shape)
    # Both formulas on every entry, then the right one chosen: cheaper in NumPy than
    # gathering the near and far subsets (each is finite on the other's entries).
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        v = d / (x + M)  # |v| <= 1; 0/0 = NaN at x = M = 0, discarded below
        v2 = v * v
        tail = np.full(v.shape, 1.0 / 19.0)  # Σ_{j=1..9} v^(2j-2) / (2j+1), by Horner
        for j in range(8, 0, -1):
            tail = tail * v2 + 1.0 / (2 * j + 1)
        near = d * v + 2.0 * x * v * v2 * tail
        ratio = x / M
        far = x * np.log(ratio) + M - x
    huge = np.isinf(ratio) & (x > 0)
    if huge.any():
        # M below x · (smallest double) overflows x / M: take the logs apart there.
        with np.errstate(divide="ignore", invalid="ignore"):
            split = x * (np.log(x) - np.log(M)) + M - x
        far = np.where(huge, split, far)
    far = np.where(x == 0, M, far)  # bd0(0, M) = M: 0 · log 0 = 0
    return np.where(np.abs(d) < 0.1 * (x + M), near, far)


def log_factorial_remainder(k: np.ndarray) -> np.ndarray:
    """``r(k) = log k! - (k log k - k) = ½ log(2π k) + δ(k)``, with ``r(0) = 0``.

    >>> float(log_factorial_remainder(np.array(0.0)))
    0.0
    """
    k = np.asarray(k, dtype=np.float64)
    out = np.zeros(k.shape)
    pos = k > 0
    out[pos] = 0.5 * (_LOG_2PI + np.log(k[pos])) + stirlerr(k[pos])
    return out


def binomial_logpmf(k: np.ndarray, n: float, p: float) -> np.ndarray:
    """``log P(X = k)`` for ``X ~ Binomial(n, p)``, integers ``0 <= k <= n`` (float array).

    >>> float(np.exp(binomial_logpmf(np.array(1.0), 2.0, 0.5)))
    0.5
    """
    k = np.asarray(k, dtype=np.float64)
    if p == 0.0:
        return np.where(k == 0, 0.0, -np.inf)
    if p == 1.0:
        return np.where(k == n, 0.0, -np.inf)
    first, last = k == 0, k == n
    # The general formula needs 0 < k < n: evaluate it at k clamped into [1, n - 1]
    # (n >= 2 whenever such a k exists) and keep it only there.
    km = np.clip(k, 1.0, max(n - 1.0, 1.0))
    # Expected counts M = n p and N = n q = n - M, and the deviation d = k - M carried
    # with the digits that rounding n p drops: n - k - N = -d exactly.
    M, M_err = two_product(n, p)
    N = (n - M) - M_err
    d = (km - M) - M_err
    with np.errstate(divide="ignore", invalid="ignore"):  # only at n = 1 (discarded)
        general = (
            stirlerr(np.float64(n)) - stirlerr(km) - stirlerr(n - km)
            - bd0(km, M, d) - bd0(n - km, N, -d)
            - 0.5 * (_LOG_2PI + np.log(km) + np.log1p(-km / n))  # ½ log(2π k (n - k) / n)
        )  # fmt: skip
    # log qⁿ at k = 0 and log pⁿ at k = n (for n = 0 both: 0).
    return np.where(first, n * math.log1p(-p), np.where(last, n * math.log(p), general))


def poisson_logpmf(k: np.ndarray, lam: float) -> np.ndarray:
    """``log P(X = k)`` for ``X ~ Poisson(lam)``, integers ``k >= 0`` (float array).

    >>> float(np.exp(poisson_logpmf(np.array(0.0), 2.0)))  # e^-2
    0.1353352832366...
    """
    k = np.asarray(k, dtype=np.float64)
    if lam == 0.0:
        return np.where(k == 0, 0.0, -np.inf)
    kp = np.maximum(k, 1.0)  # the general formula needs k >= 1; k = 0 gives log e^-λ
    general = -stirlerr(kp) - bd0(kp, lam) - 0.5 * (_LOG_2PI + np.log(kp))
    return np.where(k == 0, -lam, general)


# -- entropies --------------------------------------------------------------------------
#
# Beyond this variance, entropies come from their asymptotic series instead of a sum over
# the support: the window sum would need ~80σ > 2.5·10⁵ terms, and the series' first
# omitted term, O(1/σ⁴), is below 10⁻¹⁴ · (a coefficient of order one).
ASYMPTOTIC_VARIANCE = 1e7

# Probabilities beyond 40 standard deviations (plus 40, for small variances where the
# tails are Poisson-like rather than Gaussian) are below e⁻⁷⁰⁰: they cannot change a sum.
_WINDOW_SDS = 40.0


def support_window(mean: float, variance: float, low: float, high: float) -> np.ndarray:
    """The integers within ``mean ± (40σ + 40)``, clipped to ``[low, high]``, as floats.

    Every probability outside the window underflows, so sums over the support
    (entropies) can stop there.

    >>> support_window(1.0, 0.5, 0, 3)
    array([0., 1., 2., 3.])
    """
    reach = _WINDOW_SDS * (math.sqrt(variance) + 1.0)
    first = max(low, math.floor(mean - reach))
    last = min(high, math.ceil(mean + reach))
    return np.arange(first, last + 1, dtype=np.float64)


def entropy_from_logpmf(logpmf: np.ndarray) -> float:
    """``H = -Σ pmf log pmf`` over a window of the support; every term is >= 0 (pmf <= 1).

    >>> round(entropy_from_logpmf(np.log([0.5, 0.5])), 12)  # log 2
    0.693147180560
    """
    pmf = np.exp(logpmf)
    terms = np.where(pmf > 0, -pmf * logpmf, 0.0)  # 0 · log 0 = 0
    return float(terms.sum())


def expected_saddle_terms(n: float, p: float) -> float:
    """``E[bd0(X, μ) + r(X)]`` for ``X ~ Binomial(n, p)``, ``μ = n p``.

    This is the piece of an entropy that is left once its large terms cancel
    analytically. For a Multinomial(n, p), write ``log x! = x log x - x + r(x)`` and
    ``E[X log X] = E[bd0(X, μ)] + μ log μ`` (since ``E[X] = μ``); with ``Σ μ_i = n`` the
    terms of size ``n log n`` cancel exactly and

        H = -E[log pmf(X)] = -r(n) + Σ_i E[bd0(X_i, n p_i) + r(X_i)]

    where each marginal is ``X_i ~ Binomial(n, p_i)``. Each expectation is
    ``½ log(2π μ) + O(1)``: no cancellation. It is summed over the window of the
    support, or, when ``σ² = μ q > 10⁷``, taken from its expansion (Taylor around ``μ``,
    with the binomial's central moments)

        E[bd0(X, μ) + r(X)] = ½ log(2π μ) + q/2 + (1 - q - q²) / (12 μ) + O(μ⁻²)

    (``q = 1 - p``; with ``q = 1`` it is the Poisson's ``½ log(2πeλ) - 1/(12λ)``).

    Bernoulli(½) as a Multinomial(1, [½, ½]): ``-r(1) + 2 E[...] = log 2`` (``r(1) = 1``):

    >>> round(-1 + 2 * expected_saddle_terms(1.0, 0.5), 12)
    0.693147180560
    """
    mu = n * p
    if mu == 0.0:
        return 0.0  # X = 0 always: bd0(0, 0) = r(0) = 0
    q = 1.0 - p
    variance = mu * q
    if variance > ASYMPTOTIC_VARIANCE:
        return 0.5 * math.log(2.0 * math.pi * mu) + q / 2 + (1.0 - q - q * q) / (12.0 * mu)
    k = support_window(mu, variance, 0, n)
    pmf = np.exp(binomial_logpmf(k, n, p))
    # Divided by the total (1 up to rounding) so that an error common to every pmf value
    # is not multiplied by the size of the terms (~ ½ log 2πμ).
    return float(pmf @ (bd0(k, mu) + log_factorial_remainder(k)) / pmf.sum())
