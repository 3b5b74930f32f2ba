"""Comparison helpers shared by the discrete-distribution tests (helper module, no tests)."""

from __future__ import annotations

import math

import mpmath
import numpy as np

from tests.reference import assert_same_shape_dtype

# Probabilities at least this large are "the bulk"; SciPy's own values below ~1e-270
# are unreliable (Boost's incomplete beta loses up to 30% there: checked with mpmath),
# so tails are compared down to 1e-250 only.
BULK = 1e-12
TAIL_FLOOR = 1e-250


def assert_probabilities(ours, ref, *, rtol: float = 1e-10, tail_rtol: float = 1e-10) -> None:
    """Shape and dtype, then exact zeros/ones where the reference has them, then values.

    ``rtol`` holds where ``ref >= 1e-12``; ``tail_rtol`` for ``1e-250 <= ref < 1e-12``.
    """
    assert_same_shape_dtype(ours, ref)
    ours, ref = np.asarray(ours, dtype=float), np.asarray(ref, dtype=float)
    assert np.all((ours >= 0) & (ours <= 1))
    bulk = ref >= BULK
    np.testing.assert_allclose(ours[bulk], ref[bulk], rtol=rtol, atol=0)
    tail = (ref >= TAIL_FLOOR) & ~bulk
    np.testing.assert_allclose(ours[tail], ref[tail], rtol=tail_rtol, atol=0)
    # Below the floor SciPy may be off by a factor 2 or underflow to 0 early (Binomial(274,
    # 0.9453125).cdf(17) = 7.8e-299 by mpmath and by us, 0.0 by SciPy): ours must only be
    # as negligible as the reference (deep tails are checked against mpmath elsewhere).
    assert np.all(ours[ref < TAIL_FLOOR] < 1e-240)


def assert_logs(ours, ref, *, atol: float, rtol: float = 1e-10) -> None:
    """Log-probabilities: -inf exactly where the reference has it, else close."""
    assert_same_shape_dtype(ours, ref)
    ours, ref = np.asarray(ours, dtype=float), np.asarray(ref, dtype=float)
    np.testing.assert_array_equal(np.isneginf(ours), np.isneginf(ref))
    finite = np.isfinite(ref)
    np.testing.assert_allclose(ours[finite], ref[finite], rtol=rtol, atol=atol)


def assert_sample_moments(draws, mean: float, var: float, n_se: float = 5.0) -> None:
    """Sample mean and variance within ``n_se`` standard errors of the true ones.

    SE(mean) = σ / sqrt(N); SE(variance) = sqrt((μ₄ - σ⁴) / N) with the fourth central
    moment μ₄ estimated from the sample itself.
    """
    x = np.asarray(draws, dtype=float).ravel()
    N = x.size
    m = x.mean()
    assert abs(m - mean) <= n_se * math.sqrt(var / N) + 1e-12, (m, mean)
    v = x.var()
    mu4 = np.mean((x - m) ** 4)
    assert abs(v - var) <= n_se * math.sqrt(max(mu4 - v * v, 0.0) / N) + 1e-12, (v, var)


mpmath.mp.dps = 50


def mp_binomial_logpmf(k: int, n: int, p: float) -> mpmath.mpf:
    """``log C(n, k) + k log p + (n - k) log(1 - p)`` in 50 digits, for the float ``p``."""
    k, n, p = mpmath.mpf(k), mpmath.mpf(n), mpmath.mpf(p)
    return (
        mpmath.loggamma(n + 1) - mpmath.loggamma(k + 1) - mpmath.loggamma(n - k + 1)
        + k * mpmath.log(p) + (n - k) * mpmath.log1p(-p)
    )  # fmt: skip


def mp_poisson_logpmf(k: int, lam: float) -> mpmath.mpf:
    """``k log λ - λ - log k!`` in 50 digits."""
    k, lam = mpmath.mpf(k), mpmath.mpf(lam)
    return k * mpmath.log(lam) - lam - mpmath.loggamma(k + 1)


def relative_error(ours: float, exact: mpmath.mpf) -> float:
    return float(abs((mpmath.mpf(float(ours)) - exact) / exact))
