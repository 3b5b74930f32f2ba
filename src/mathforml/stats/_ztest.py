"""z-tests: the t-test's simpler sibling, for when the standard error is known.

If the population standard deviation σ is known, the standard error of x̄ is
σ / √n exactly, and

    z = (x̄ − μ₀) / (σ / √n)

follows the standard normal N(0, 1) under H₀: no degrees of freedom, the
t distribution's limit as df → ∞.

The same idea compares two proportions, where under H₀ (p₁ = p₂) the standard
error follows from the pooled proportion p̂ = (k₁ + k₂) / (n₁ + n₂):

    z = (p̂₁ − p̂₂) / √(p̂ (1 − p̂) (1/n₁ + 1/n₂))

(the normal approximation to two binomials; for counts of about 5 or more in
every cell). Its square is exactly Pearson's chi-square statistic for the 2 x 2
table of successes and failures, without Yates' correction, and its two-sided
p-value is the same.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .._steps import Step
from .._validation import as_vector, check_nonnegative_int, check_positive_float, check_positive_int
from ..errors import ParameterError
from ._common import check_alternative, check_finite_scalar, check_size
from ._descriptive import _mean
from ._explain import location_steps
from ._pvalues import z_pvalue

__all__ = ["z_test", "two_proportion_z_test", "ZtestResult"]


class ZtestResult(NamedTuple):
    """Result of a z-test: z = (estimate − null_value) / standard_error, and its p-value."""

    statistic: float
    """z."""
    pvalue: float
    """The probability under H₀ of a z at least as extreme (per ``alternative``)."""
    alternative: str
    """"two-sided", "less" or "greater"."""
    estimate: float
    """x̄ (one sample) or p̂₁ − p̂₂ (two proportions)."""
    null_value: float
    """The value under H₀: ``popmean``, or 0 for the difference of proportions."""
    standard_error: float
    """σ / √n, or √(p̂ (1 − p̂) (1/n₁ + 1/n₂)) with the pooled p̂."""
    test: str
    """"one-sample" or "two-proportion"."""

    def explain(self, alpha: float = 0.05) -> list[Step]:
        """The test's working as steps: hypotheses, statistic, null distribution, p, decision.

        Parameters
        ----------
        alpha : float, optional
            The significance level, in (0, 1); default 0.05. H₀ is rejected
            when p <= alpha.

        Returns
        -------
        list of Step
            ``Hypotheses``, ``Statistic``, ``NullDistribution`` ("N(0, 1)"),
            ``PValue``, ``Decision``.

        Examples
        --------
        >>> from mathforml.stats import z_test
        >>> steps = z_test([101, 104, 98, 107], popmean=100, sigma=2).explain()
        >>> steps[1].formula, steps[-1].reject
        ('(x̄ − μ₀) / SE, SE = σ / √n', True)
        """
        parameter, null, est, se_formula = _NOTATION[self.test]
        return location_steps(
            parameter=parameter,
            null=null,
            alternative=self.alternative,
            symbol="z",
            formula=f"({est} − {null}) / SE, SE = {se_formula}",
            values={est: self.estimate, null: self.null_value, "SE": self.standard_error},
            statistic=self.statistic,
            distribution="N(0, 1)",
            df=None,
            rv="Z",
            pvalue=self.pvalue,
            alpha=alpha,
        )


_NOTATION = {
    "one-sample": ("μ", "μ₀", "x̄", "σ / √n"),
    "two-proportion": ("p₁ − p₂", "0", "p̂₁ − p̂₂", "√(p̂ (1 − p̂) (1/n₁ + 1/n₂))"),
}


def _result(estimate, null_value, se, alternative, test) -> ZtestResult:
    with np.errstate(divide="ignore", invalid="ignore"):  # SE = 0: z = ±inf or NaN
        z = float(np.float64(estimate - null_value) / np.float64(se))
    return ZtestResult(z, z_pvalue(z, alternative), alternative, float(estimate),
                       float(null_value), float(se), test)


def z_test(x, popmean: float = 0.0, *, sigma: float,
           alternative: str = "two-sided") -> ZtestResult:
    """One-sample z-test of a mean when the population σ is known.

    z = (x̄ − μ₀) / (σ / √n), standard normal under H₀. With σ estimated
    from the data instead, use :func:`ttest_1samp`.

    Parameters
    ----------
    x : array_like, shape (n,)
        The sample, n >= 1, finite.
    popmean : float, optional
        μ₀, the mean under H₀; default 0.
    sigma : float
        The known population standard deviation, > 0 (keyword only).
    alternative : {"two-sided", "less", "greater"}, optional
        H₁: μ ≠ μ₀ (default), μ < μ₀ or μ > μ₀.

    Returns
    -------
    ZtestResult
        ``(statistic, pvalue, alternative, estimate, null_value,
        standard_error, test)``; ``.explain(alpha)`` gives the steps.

    Raises
    ------
    ParameterError
        If ``sigma`` is not a positive number, ``popmean`` is not finite or
        ``alternative`` is unknown.
    ShapeError
        If x is not 1-D or is empty.
    NotFiniteError, DTypeError
        If x holds NaN, infinity or non-numbers.

    See Also
    --------
    ttest_1samp : σ unknown.
    two_proportion_z_test : two proportions.

    Examples
    --------
    >>> r = z_test([101, 104, 98, 107], popmean=100, sigma=2)
    >>> r.statistic, round(r.pvalue, 5)
    (2.5, 0.01242)
    """
    func = "z_test"
    check_alternative(alternative, func)
    popmean = check_finite_scalar(popmean, "popmean", func)
    sigma = check_positive_float(sigma, "sigma", func)
    x = as_vector(x, "x", func)
    check_size(x, "x", func, 1)
    n = x.size
    return _result(float(_mean(x, (0,), n)), popmean, sigma / math.sqrt(n), alternative,
                   "one-sample")


def two_proportion_z_test(k1: int, n1: int, k2: int, n2: int,
                          alternative: str = "two-sided") -> ZtestResult:
    """z-test of two proportions: do two groups have the same success rate?

    With p̂₁ = k₁/n₁, p̂₂ = k₂/n₂ and, under H₀: p₁ = p₂, the pooled
    p̂ = (k₁ + k₂)/(n₁ + n₂):

        z = (p̂₁ − p̂₂) / √(p̂ (1 − p̂) (1/n₁ + 1/n₂))

    z² equals :func:`chi2_contingency` on the table [[k₁, n₁ − k₁],
    [k₂, n₂ − k₂]] with ``correction=False``, with the same two-sided p-value;
    this function adds the one-sided alternatives. When every trial succeeded
    or every trial failed, p̂ (1 − p̂) = 0 and z is NaN (0/0).

    Parameters
    ----------
    k1, n1 : int
        Successes and trials in group 1 (0 <= k1 <= n1, n1 >= 1).
    k2, n2 : int
        Successes and trials in group 2.
    alternative : {"two-sided", "less", "greater"}, optional
        H₁: p₁ ≠ p₂ (default), p₁ < p₂ or p₁ > p₂.

    Returns
    -------
    ZtestResult
        With ``estimate`` p̂₁ − p̂₂ and ``test`` "two-proportion".

    Raises
    ------
    ParameterError
        If a count is not a non-negative int, a group has no trials, a group
        has more successes than trials, or ``alternative`` is unknown.

    See Also
    --------
    chi2_contingency : the same test for tables of any size.

    Examples
    --------
    Conversion of two web-page variants, 45 of 500 and 30 of 500:

    >>> r = two_proportion_z_test(45, 500, 30, 500)
    >>> round(r.statistic, 4), round(r.pvalue, 4)
    (1.8009, 0.0717)
    """
    func = "two_proportion_z_test"
    check_alternative(alternative, func)
    k1 = check_nonnegative_int(k1, "k1", func)
    k2 = check_nonnegative_int(k2, "k2", func)
    n1 = check_positive_int(n1, "n1", func)
    n2 = check_positive_int(n2, "n2", func)
    for k, n, i in ((k1, n1, 1), (k2, n2, 2)):
        if k > n:
            raise ParameterError(
                f"{func}: k{i} ({k}) successes cannot exceed n{i} ({n}) trials"
            )
    # Exact integer arithmetic, one rounding at the end: p̂₁ − p̂₂ = (k₁n₂ − k₂n₁) / (n₁n₂)
    # and p̂ (1 − p̂) (1/n₁ + 1/n₂) = K (N − K) / (N n₁ n₂) with K = k₁ + k₂, N = n₁ + n₂.
    # With counts near 1e12, k₁/n₁ − k₂/n₂ in floats would cancel most of the digits.
    diff = (k1 * n2 - k2 * n1) / (n1 * n2)
    K, N = k1 + k2, n1 + n2
    se = math.sqrt(K * (N - K) / (N * n1 * n2))
    return _result(diff, 0.0, se, alternative, "two-proportion")
