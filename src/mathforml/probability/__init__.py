"""Probability: rules on tables, Bayes, distributions, and information theory.

Every distribution has the same methods (``pdf``/``pmf``, ``logpdf``/``logpmf``, ``cdf``,
``sf``, ``ppf``, ``mean``, ``var``, ``std``, ``entropy``, ``sample``, ``fit``), tested equal to
``scipy.stats``; their CDFs and quantiles come from :mod:`mathforml.special`.
"""

# rules on explicit tables and events
from ._rules import conditional, marginal, are_independent
from ._bayes import bayes

# continuous distributions
from ._normal import Normal
from ._uniform import Uniform
from ._beta import Beta
from ._student_t import StudentT
from ._chi_squared import ChiSquared
from ._multivariate_normal import MultivariateNormal

# discrete distributions
from ._bernoulli import Bernoulli
from ._binomial import Binomial
from ._poisson import Poisson
from ._categorical import Categorical
from ._multinomial import Multinomial

# information theory
from ._information import (
    entropy,
    cross_entropy,
    binary_cross_entropy,
    kl_divergence,
    mutual_information,
    information_gain,
)

__all__ = [
    "conditional",
    "marginal",
    "are_independent",
    "bayes",
    "Normal",
    "Uniform",
    "Beta",
    "StudentT",
    "ChiSquared",
    "MultivariateNormal",
    "Bernoulli",
    "Binomial",
    "Poisson",
    "Categorical",
    "Multinomial",
    "entropy",
    "cross_entropy",
    "binary_cross_entropy",
    "kl_divergence",
    "mutual_information",
    "information_gain",
]
