"""Confidence intervals for a mean and for a proportion.

A confidence interval at level c (say 95 %) is built by a recipe that, over
many repeated samples, covers the true parameter c of the time. Every one here
has the shape estimate ± critical value × standard error:

- mean, σ known ("z"):    x̄ ± z_{(1+c)/2} σ / √n;
- mean, σ unknown ("t"):  x̄ ± t_{(1+c)/2, n−1} s / √n, wider than z for small n;
- proportion ("wald"):    p̂ ± z √(p̂ (1 − p̂) / n), the textbook formula, which
  undercovers for small n or p̂ near 0 or 1 (it is even empty when p̂ = 0) and
  can reach below 0 or above 1;
- proportion ("wilson"):  the p values the z-test would not reject, solved
  exactly: centre (p̂ + z²/2n) / (1 + z²/n), half-width
  z √(p̂ (1 − p̂)/n + z²/4n²) / (1 + z²/n). It stays inside [0, 1] and covers
  close to c everywhere: the one to use.

The t interval is the set of μ₀ that :func:`ttest_1samp` does not reject at
level 1 − c (and likewise z with :func:`z_test`).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .._validation import as_vector, check_choice, check_positive_float
from ..errors import ParameterError
from ._common import check_confidence, check_size
from ._descriptive import _mean
from ._pvalues import t_quantile, z_quantile
from ._ttest import _mean_std

__all__ = ["confidence_interval", "ConfidenceInterval"]


class ConfidenceInterval(NamedTuple):
    """Result of :func:`confidence_interval`."""

    low: float
    high: float
    estimate: float
    """x̄ or p̂."""
    margin: float
    """Half the width, (high − low) / 2 (for Wilson the centre is not p̂, it is pulled to ½)."""
    confidence: float
    method: str
    """"t", "z", "wald" or "wilson"."""


_METHODS = ("t", "z", "wald", "wilson")


def confidence_interval(x, confidence: float = 0.95, *, sigma: float | None = None,
                        method: str | None = None) -> ConfidenceInterval:
    """Confidence interval for a mean (σ known or not) or for a proportion.

    See the module docstring for the four formulas. For a mean pass the
    sample; with ``sigma`` (the known population σ) the interval uses the
    normal quantile, without it Student's t. For a proportion pass the
    outcomes as 0/1 (or booleans) and ``method="wilson"`` or ``"wald"``.

    Parameters
    ----------
    x : array_like, shape (n,)
        The sample (or the 0/1 outcomes for a proportion).
    confidence : float, optional
        The level c, strictly between 0 and 1; default 0.95.
    sigma : float, optional
        Known population standard deviation (> 0); implies ``method="z"``.
    method : {"t", "z", "wald", "wilson"}, optional
        Default: ``"z"`` if ``sigma`` is given, else ``"t"``.

    Returns
    -------
    ConfidenceInterval
        ``(low, high, estimate, margin, confidence, method)``. The t interval
        equals ``scipy.stats.t.interval(c, n − 1, x̄, s / √n)``, Wilson equals
        ``scipy.stats.binomtest(k, n).proportion_ci(c, "wilson")``.

    Raises
    ------
    ParameterError
        If ``confidence`` is not in (0, 1), ``method`` is unknown or does not
        fit ``sigma`` (``"z"`` needs it, the others refuse it), ``sigma`` is
        not positive, or proportion data are not all 0 or 1.
    ShapeError
        If x is not 1-D, or too short (t needs 2 observations, the others 1).
    NotFiniteError, DTypeError
        For NaN, infinity or non-numbers.

    See Also
    --------
    ttest_1samp, z_test : the tests these intervals invert.

    Examples
    --------
    >>> ci = confidence_interval([5.1, 4.9, 5.6, 5.8, 6.0])
    >>> round(ci.low, 3), round(ci.high, 3)
    (4.902, 6.058)
    >>> ci = confidence_interval([1] * 7 + [0] * 13, method="wilson")   # 7 of 20
    >>> round(ci.low, 4), round(ci.high, 4)
    (0.1812, 0.5671)
    """
    func = "confidence_interval"
    c = check_confidence(confidence, func)
    if method is None:
        method = "t" if sigma is None else "z"
    check_choice(method, "method", func, _METHODS)
    if method == "z" and sigma is None:
        raise ParameterError(
            f"{func}: method 'z' needs the known population standard deviation sigma; "
            f"without it use method 't'"
        )
    if sigma is not None and method != "z":
        raise ParameterError(
            f"{func}: sigma is only used by method 'z' (a mean with known σ), not by "
            f"{method!r}"
        )
    x = as_vector(x, "x", func)
    check_size(x, "x", func, 2 if method == "t" else 1)
    n = x.size
    level = (1 + c) / 2  # the two tails share 1 − c

    if method in ("t", "z"):
        if method == "t":
            m, s = _mean_std(x)
            margin = t_quantile(level, n - 1) * s / math.sqrt(n)
        else:
            sigma = check_positive_float(sigma, "sigma", func)
            m = float(_mean(x, (0,), n))
            margin = z_quantile(level) * sigma / math.sqrt(n)
        return ConfidenceInterval(m - margin, m + margin, m, margin, c, method)

    if not np.isin(x, (0.0, 1.0)).all():
        bad = x[~np.isin(x, (0.0, 1.0))][0]
        raise ParameterError(
            f"{func}: method {method!r} is for a proportion: x must hold 0/1 outcomes, "
            f"got {bad:g}"
        )
    p = float(x.sum()) / n
    z = z_quantile(level)
    if method == "wald":
        margin = z * math.sqrt(p * (1 - p) / n)
        return ConfidenceInterval(p - margin, p + margin, p, margin, c, method)
    # Wilson: the p with |p̂ − p| = z √(p (1 − p) / n), the roots of the quadratic
    # (1 + z²/n) p² − (2p̂ + z²/n) p + p̂² = 0. The larger root has no cancellation; the
    # smaller one, centre − half, cancels when p̂ ≈ 0 (it must come out exactly 0 at p̂ = 0),
    # so take it from Vieta's product of the roots, p̂² / (1 + z²/n), as the stable
    # quadratic formula does. For p̂ > ½ mirror the interval of 1 − p̂.
    denom = 1 + z * z / n

    def ends(p: float) -> tuple[float, float]:  # for p <= 1/2
        upper = (p + z * z / (2 * n) + z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)))
        upper /= denom
        return p * p / (denom * upper), upper

    low, high = ends(p) if p <= 0.5 else tuple(1 - e for e in reversed(ends(1 - p)))
    return ConfidenceInterval(low, high, p, (high - low) / 2, c, method)
