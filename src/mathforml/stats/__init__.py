"""Statistics: describing data, testing hypotheses, estimating parameters.

Rows are samples. The tests return named tuples that can explain themselves in steps
(``result.explain(alpha)``): hypotheses, statistic, null distribution, p-value, decision.
"""

# descriptive
from ._descriptive import (
    mean,
    median,
    mode,
    var,
    std,
    percentile,
    iqr,
    covariance,
    correlation,
    describe,
)

# inference
from ._ttest import ttest_1samp, ttest_ind, ttest_rel
from ._ztest import z_test, two_proportion_z_test
from ._chisquare import chisquare, chi2_contingency
from ._intervals import confidence_interval

# estimation
from ._estimation import mle, map_estimate, map_linear_regression

__all__ = [
    "mean",
    "median",
    "mode",
    "var",
    "std",
    "percentile",
    "iqr",
    "covariance",
    "correlation",
    "describe",
    "ttest_1samp",
    "ttest_ind",
    "ttest_rel",
    "z_test",
    "two_proportion_z_test",
    "chisquare",
    "chi2_contingency",
    "confidence_interval",
    "mle",
    "map_estimate",
    "map_linear_regression",
]
