"""Student's t-tests: is a mean (or a difference of means) what H₀ says?

Every t-test has the same shape: an estimate, its standard error SE, and

    t = (estimate − value under H₀) / SE

which, when H₀ holds and the data are normal, follows Student's t
distribution with df degrees of freedom (heavier-tailed than N(0, 1) because
SE is itself estimated; the two agree as df → ∞). The p-value is the
probability of a t at least as extreme as the one observed:
``"two-sided"`` 2 P(T ≥ |t|), ``"less"`` P(T ≤ t), ``"greater"`` P(T ≥ t).

- one sample: estimate x̄, SE = s / √n, df = n − 1;
- two independent samples, equal variances (Student): estimate x̄₁ − x̄₂,
  SE = s_p √(1/n₁ + 1/n₂) with the pooled s_p² = ((n₁−1)s₁² + (n₂−1)s₂²) / (n₁+n₂−2),
  df = n₁ + n₂ − 2;
- unequal variances (Welch): SE = √(s₁²/n₁ + s₂²/n₂) and the Welch–Satterthwaite
  df = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁−1) + (s₂²/n₂)²/(n₂−1));
- paired samples: the one-sample test on the differences dᵢ = aᵢ − bᵢ.

Missing values (NaN) follow ``nan_policy``. Our default is ``"raise"`` (SciPy's
is ``"propagate"``): as everywhere in mathforml, a NaN in the input is an error
unless you say what it means. ``"omit"`` drops it (for paired data, the whole
pair); ``"propagate"`` returns NaN for the statistic, p-value and df, as SciPy.
Infinity is always an error.

Zero variance, as SciPy: when every observation is equal, SE = 0 and
t = ±inf (p = 0) if the estimate differs from H₀'s value, NaN if it equals it.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .._steps import Step
from .._validation import as_array
from ..errors import NotFiniteError, ParameterError, ShapeError
from ._common import (
    check_alternative,
    check_finite_scalar,
    check_nan_policy,
    check_size,
    sample,
)
from ._descriptive import _mean, _sum_of_squares
from ._explain import location_steps
from ._pvalues import t_pvalue

__all__ = ["ttest_1samp", "ttest_ind", "ttest_rel", "TtestResult"]


class TtestResult(NamedTuple):
    """Result of a t-test: t = (estimate − null_value) / standard_error, and its p-value."""

    statistic: float
    """t."""
    pvalue: float
    """The probability under H₀ of a t at least as extreme (per ``alternative``)."""
    df: float
    """Degrees of freedom of the null t distribution (not an integer for Welch's test)."""
    alternative: str
    """"two-sided", "less" or "greater"."""
    estimate: float
    """x̄ (one sample), x̄₁ − x̄₂ (two samples) or the mean difference d̄ (paired)."""
    null_value: float
    """The value of the estimated quantity under H₀ (``popmean``; 0 for differences)."""
    standard_error: float
    """SE, the estimated standard deviation of the estimate."""
    test: str
    """"one-sample", "student", "welch" or "paired"."""

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
            ``Hypotheses``, ``Statistic``, ``NullDistribution``, ``PValue``,
            ``Decision`` (from ``mathforml.stats._explain``).

        Examples
        --------
        >>> from mathforml.stats import ttest_1samp
        >>> steps = ttest_1samp([5.1, 4.9, 5.6, 5.8, 6.0], popmean=5).explain()
        >>> [s.kind for s in steps]
        ['hypotheses', 'statistic', 'null_distribution', 'pvalue', 'decision']
        >>> steps[0].null, steps[0].alternative, steps[-1].reject
        ('μ = μ₀', 'μ ≠ μ₀', False)
        """
        parameter, null, est, se_formula = _NOTATION[self.test]
        return location_steps(
            parameter=parameter,
            null=null,
            alternative=self.alternative,
            symbol="t",
            formula=f"({est} − {null}) / SE, SE = {se_formula}",
            values={est: self.estimate, null: self.null_value, "SE": self.standard_error},
            statistic=self.statistic,
            distribution="t",
            df=self.df,
            rv="T",
            pvalue=self.pvalue,
            alpha=alpha,
        )


# test -> (parameter, its value under H₀, the estimate, the standard error's formula)
_NOTATION = {
    "one-sample": ("μ", "μ₀", "x̄", "s / √n"),
    "student": ("μ₁ − μ₂", "0", "x̄₁ − x̄₂", "s_p √(1/n₁ + 1/n₂)"),
    "welch": ("μ₁ − μ₂", "0", "x̄₁ − x̄₂", "√(s₁²/n₁ + s₂²/n₂)"),
    "paired": ("μ_d", "0", "d̄", "s_d / √n"),
}


def _mean_std(x: np.ndarray) -> tuple[float, float]:
    """x̄ and the sample standard deviation s (ddof = 1), finite even for data near 1e300."""
    n = x.size
    ss, scale = _sum_of_squares(x, (0,), n)
    return float(_mean(x, (0,), n)), float(np.sqrt(ss / (n - 1)) * scale)


def _result(estimate, null_value, se, df, alternative, test) -> TtestResult:
    with np.errstate(divide="ignore", invalid="ignore"):  # SE = 0: t = ±inf or NaN, as SciPy
        t = float(np.float64(estimate - null_value) / np.float64(se))
    return TtestResult(t, t_pvalue(t, df, alternative), float(df), alternative,
                       float(estimate), float(null_value), float(se), test)


def _nan_result(null_value: float, alternative: str, test: str) -> TtestResult:
    nan = math.nan
    return TtestResult(nan, nan, nan, alternative, nan, float(null_value), nan, test)


def ttest_1samp(x, popmean: float = 0.0, alternative: str = "two-sided", *,
                nan_policy: str = "raise") -> TtestResult:
    """One-sample t-test: is the population mean μ equal to ``popmean``?

    t = (x̄ − μ₀) / (s / √n) with df = n − 1, where s is the sample standard
    deviation (ddof = 1). Assumes independent, roughly normal observations
    (or n large enough for the central limit theorem).

    Parameters
    ----------
    x : array_like, shape (n,)
        The sample, n >= 2.
    popmean : float, optional
        μ₀, the mean under H₀; default 0.
    alternative : {"two-sided", "less", "greater"}, optional
        H₁: μ ≠ μ₀ (default), μ < μ₀ or μ > μ₀.
    nan_policy : {"raise", "omit", "propagate"}, optional
        What a NaN in x means; default ``"raise"`` (SciPy's default is
        ``"propagate"``). See the module docstring.

    Returns
    -------
    TtestResult
        ``(statistic, pvalue, df, alternative, estimate, null_value,
        standard_error, test)``; ``.explain(alpha)`` gives the steps. Equal
        to ``scipy.stats.ttest_1samp``.

    Raises
    ------
    NotFiniteError
        If x holds infinity, or NaN under ``nan_policy="raise"``.
    ShapeError
        If x is not 1-D or has fewer than 2 observations (after omitting NaN).
    ParameterError
        If ``popmean`` is not finite or ``alternative``/``nan_policy`` is unknown.

    See Also
    --------
    z_test : the same with a known σ.
    confidence_interval : the interval of μ₀ values this test would not reject.

    Examples
    --------
    >>> r = ttest_1samp([5.1, 4.9, 5.6, 5.8, 6.0], popmean=5)
    >>> round(r.statistic, 4), round(r.pvalue, 4), r.df
    (2.3041, 0.0826, 4.0)
    """
    func = "ttest_1samp"
    check_alternative(alternative, func)
    check_nan_policy(nan_policy, func)
    popmean = check_finite_scalar(popmean, "popmean", func)
    x = sample(x, "x", func, nan_policy)
    if np.isnan(x).any():  # only under "propagate"
        return _nan_result(popmean, alternative, "one-sample")
    n = x.size
    m, s = _mean_std(x)
    return _result(m, popmean, s / math.sqrt(n), n - 1, alternative, "one-sample")


def ttest_ind(a, b, equal_var: bool = True, alternative: str = "two-sided", *,
              nan_policy: str = "raise") -> TtestResult:
    """Two-sample t-test for independent samples: are the two population means equal?

    t = (x̄₁ − x̄₂) / SE. With ``equal_var=True`` (Student's test) the two
    variances are assumed equal and pooled: SE = s_p √(1/n₁ + 1/n₂),
    df = n₁ + n₂ − 2. With ``equal_var=False`` (Welch's test, the safer
    default in practice) SE = √(s₁²/n₁ + s₂²/n₂) and df is the
    Welch–Satterthwaite approximation (see the module docstring), generally
    not an integer.

    Parameters
    ----------
    a, b : array_like, shapes (n₁,) and (n₂,)
        The two samples, each with at least 2 observations.
    equal_var : bool, optional
        True (default, as SciPy): Student's pooled test; False: Welch's test.
    alternative : {"two-sided", "less", "greater"}, optional
        H₁: μ₁ ≠ μ₂ (default), μ₁ < μ₂ or μ₁ > μ₂.
    nan_policy : {"raise", "omit", "propagate"}, optional
        Default ``"raise"``; ``"omit"`` drops NaN from each sample separately.

    Returns
    -------
    TtestResult
        Equal to ``scipy.stats.ttest_ind``. When both samples are constant,
        Welch's df is 0/0; it is then reported as 1, as SciPy does.

    Raises
    ------
    NotFiniteError
        If a sample holds infinity, or NaN under ``nan_policy="raise"``.
    ShapeError
        If a sample is not 1-D or has fewer than 2 observations.
    ParameterError
        If ``equal_var`` is not a bool or ``alternative``/``nan_policy`` is unknown.

    See Also
    --------
    ttest_rel : when the samples are paired (the same subjects twice).

    Examples
    --------
    >>> a, b = [20.1, 22.3, 19.8, 21.5, 20.9], [18.2, 19.1, 17.9, 18.8]
    >>> round(ttest_ind(a, b).pvalue, 5)
    0.00384
    >>> r = ttest_ind(a, b, equal_var=False)
    >>> round(r.df, 3)
    6.308
    """
    func = "ttest_ind"
    check_alternative(alternative, func)
    check_nan_policy(nan_policy, func)
    if not isinstance(equal_var, (bool, np.bool_)):
        raise ParameterError(f"{func}: equal_var must be True or False, got {equal_var!r}")
    test = "student" if equal_var else "welch"
    a = sample(a, "a", func, nan_policy)
    b = sample(b, "b", func, nan_policy)
    if np.isnan(a).any() or np.isnan(b).any():  # only under "propagate"
        return _nan_result(0.0, alternative, test)
    n1, n2 = a.size, b.size
    m1, s1 = _mean_std(a)
    m2, s2 = _mean_std(b)
    # Work with the standard deviations divided by c = max(s₁, s₂), so that squaring
    # them cannot overflow or underflow; SE comes out as c times a moderate number.
    c = max(s1, s2)
    r1, r2 = (s1 / c, s2 / c) if c > 0 else (0.0, 0.0)
    if equal_var:
        pooled = math.sqrt(((n1 - 1) * r1 * r1 + (n2 - 1) * r2 * r2) / (n1 + n2 - 2))
        se = c * pooled * math.sqrt(1 / n1 + 1 / n2)
        df = n1 + n2 - 2
    else:
        u1, u2 = r1 * r1 / n1, r2 * r2 / n2  # s²/n, in units of c²
        se = c * math.sqrt(u1 + u2)
        denom = u1 * u1 / (n1 - 1) + u2 * u2 / (n2 - 1)
        df = (u1 + u2) ** 2 / denom if denom > 0 else 1.0  # SciPy's convention for 0/0
    return _result(m1 - m2, 0.0, se, df, alternative, test)


def ttest_rel(a, b, alternative: str = "two-sided", *,
              nan_policy: str = "raise") -> TtestResult:
    """Paired t-test: is the mean of the differences aᵢ − bᵢ zero?

    For two measurements on the same subjects (before/after, left/right), the
    pairs are not independent, so the test runs on the differences:
    t = d̄ / (s_d / √n), df = n − 1. Pairing removes the between-subject
    variation, which is why it is more powerful than :func:`ttest_ind` on the
    same numbers.

    Parameters
    ----------
    a, b : array_like, shape (n,)
        Paired measurements, n >= 2 pairs.
    alternative : {"two-sided", "less", "greater"}, optional
        H₁: μ_d ≠ 0 (default), μ_d < 0 or μ_d > 0, with d = a − b.
    nan_policy : {"raise", "omit", "propagate"}, optional
        Default ``"raise"``; ``"omit"`` drops every pair with a NaN.

    Returns
    -------
    TtestResult
        Equal to ``scipy.stats.ttest_rel``.

    Raises
    ------
    NotFiniteError
        If a or b holds infinity, or NaN under ``nan_policy="raise"``.
    ShapeError
        If a and b are not 1-D of the same length, or fewer than 2 pairs remain.
    ParameterError
        If ``alternative`` or ``nan_policy`` is unknown.

    See Also
    --------
    ttest_1samp : what this computes on the differences.

    Examples
    --------
    >>> before, after = [72, 80, 68, 75, 77], [70, 76, 67, 72, 75]
    >>> r = ttest_rel(before, after)
    >>> r.estimate, round(r.statistic, 3)
    (2.4, 4.707)
    """
    func = "ttest_rel"
    check_alternative(alternative, func)
    check_nan_policy(nan_policy, func)
    a = sample(a, "a", func, "propagate", min_size=0)
    b = sample(b, "b", func, "propagate", min_size=0)
    if a.shape != b.shape:
        raise ShapeError(
            f"{func}: a has {a.size} observations and b has {b.size}; paired samples must "
            f"have one b for every a"
        )
    nan = np.isnan(a) | np.isnan(b)
    if nan.any():
        if nan_policy == "raise":
            name = "a" if np.isnan(a).any() else "b"
            raise NotFiniteError(
                f"{func}: {name} contains NaN (pair {int(np.argmax(nan))}); drop the pair, or "
                f"pass nan_policy='omit' to ignore incomplete pairs or "
                f"nan_policy='propagate' to get NaN back"
            )
        if nan_policy == "omit":
            a, b = a[~nan], b[~nan]
    check_size(a, "a", func, 2)
    if nan.any() and nan_policy == "propagate":
        return _nan_result(0.0, alternative, "paired")
    with np.errstate(over="ignore"):
        d = as_array(a - b, "a - b", func)  # a difference beyond 1.8e308 is reported here
    n = d.size
    m, s = _mean_std(d)
    return _result(m, 0.0, s / math.sqrt(n), n - 1, alternative, "paired")
