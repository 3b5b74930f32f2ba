"""The public surface of mathforml.probability: exactly the promised names, each documented."""

import inspect

import pytest

import mathforml.probability as mp

FUNCTIONS = {
    "conditional", "marginal", "are_independent", "bayes",
    "entropy", "cross_entropy", "binary_cross_entropy", "kl_divergence",
    "mutual_information", "information_gain",
}  # fmt: skip
DISTRIBUTIONS = {
    "Normal", "Uniform", "Beta", "StudentT", "ChiSquared", "MultivariateNormal",
    "Bernoulli", "Binomial", "Poisson", "Categorical", "Multinomial",
}  # fmt: skip
# The issue's methods; a distribution may lack the ones its docstring explains it cannot have.
METHODS = {"pdf", "logpdf", "pmf", "logpmf", "cdf", "sf", "ppf", "mean", "var", "std",
           "entropy", "sample", "fit"}
EXPLAINED_ABSENCES = {
    "StudentT": {"fit"}, "ChiSquared": {"fit"},
    "MultivariateNormal": {"cdf", "sf", "ppf"}, "Multinomial": {"cdf", "sf", "ppf"},
}  # fmt: skip


def test_exactly_the_promised_names_are_public():
    assert set(mp.__all__) == FUNCTIONS | DISTRIBUTIONS
    assert len(mp.__all__) == len(set(mp.__all__))
    assert {n for n in dir(mp) if not n.startswith("_")} == FUNCTIONS | DISTRIBUTIONS


@pytest.mark.parametrize("name", sorted(FUNCTIONS | DISTRIBUTIONS))
def test_every_name_has_a_docstring_with_a_runnable_example(name):
    doc = inspect.getdoc(getattr(mp, name))
    assert doc and doc.splitlines()[0].strip(), f"{name} has no one-line summary"
    assert ">>> " in doc, f"{name}: the docstring needs a runnable example"


@pytest.mark.parametrize("name", sorted(DISTRIBUTIONS))
def test_each_distribution_has_the_methods_of_the_contract(name):
    cls = getattr(mp, name)
    density = {"pdf", "logpdf"} if hasattr(cls, "pdf") else {"pmf", "logpmf"}
    wanted = METHODS - {"pdf", "logpdf", "pmf", "logpmf"} | density
    missing = {m for m in wanted if not callable(getattr(cls, m, None))}
    assert missing == EXPLAINED_ABSENCES.get(name, set())
    docs = inspect.getdoc(cls) + (inspect.getmodule(cls).__doc__ or "")
    for absent in missing:  # the docstrings say why (sf and ppf go with the cdf)
        assert ("cdf" if absent in {"sf", "ppf"} else absent) in docs, (name, absent)
