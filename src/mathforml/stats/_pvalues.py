"""Tail probabilities of the null distributions, from mathforml's own distributions.

The t, normal and chi-square CDFs come from :mod:`mathforml.probability` (which
computes them with the regularised incomplete beta and gamma functions of
:mod:`mathforml.special`), never from SciPy. Each survival function ``sf = 1 − cdf``
is computed directly, so tiny p-values keep their digits instead of rounding to 0
as ``1 − cdf`` would.
"""

from __future__ import annotations

import math

from ..probability import ChiSquared, Normal, StudentT


def _tail(statistic: float, alternative: str, cdf, sf) -> float:
    """p-value of a statistic whose null distribution is symmetric about 0."""
    if math.isnan(statistic):
        return math.nan
    if alternative == "less":
        return float(cdf(statistic))
    if alternative == "greater":
        return float(sf(statistic))
    return float(min(1.0, 2.0 * sf(abs(statistic))))  # two-sided: both tails


def t_pvalue(t: float, df: float, alternative: str) -> float:
    """p-value of t under the Student t distribution with df degrees of freedom."""
    if math.isnan(df):
        return math.nan
    dist = StudentT(df)
    return _tail(t, alternative, dist.cdf, dist.sf)


def z_pvalue(z: float, alternative: str) -> float:
    """p-value of z under the standard normal N(0, 1)."""
    dist = Normal(0.0, 1.0)
    return _tail(z, alternative, dist.cdf, dist.sf)


def chi2_pvalue(x2: float, df: float) -> float:
    """Upper-tail p-value P(X² >= x2) of the chi-square distribution with df degrees."""
    if math.isnan(x2):
        return math.nan
    return float(ChiSquared(df).sf(x2))


def t_quantile(p: float, df: float) -> float:
    return float(StudentT(df).ppf(p))


def z_quantile(p: float) -> float:
    return float(Normal(0.0, 1.0).ppf(p))
