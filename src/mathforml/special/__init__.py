"""Special functions: gamma, beta, the error function and their incomplete forms.

Written from scratch on NumPy (no SciPy) and tested equal to ``scipy.special``; the
probability distributions and the statistical tests get their CDFs and quantiles from
here. The imports below double as a map: each function lives in the module named beside it.
"""

# gamma function
from ._gamma import gammaln, digamma, gammainc, gammaincc, gammaincinv

# beta function
from ._beta import betaln, betainc, betaincinv

# error function and the standard normal
from ._erf import erf, erfc, ndtr, ndtri

__all__ = [
    "gammaln",
    "digamma",
    "gammainc",
    "gammaincc",
    "gammaincinv",
    "betaln",
    "betainc",
    "betaincinv",
    "erf",
    "erfc",
    "ndtr",
    "ndtri",
]
