"""The public surface of the discrete distributions in mathforml.probability."""

import inspect

import pytest

import mathforml.probability as pr

# The discrete distributions issue 5 asks for, exactly (the package also exports the
# continuous ones, the rules and information theory, tested by their own files).
DISCRETE = {"Bernoulli", "Binomial", "Poisson", "Categorical", "Multinomial"}

# The contract of _distribution.py, for a distribution on the integers.
METHODS = {"pmf", "logpmf", "cdf", "sf", "ppf", "mean", "var", "std", "entropy", "sample", "fit"}
# A Multinomial takes count vectors: no cdf or ppf (its docstring says why), plus cov.
MULTINOMIAL_METHODS = (METHODS - {"cdf", "sf", "ppf"}) | {"cov"}


def test_the_discrete_distributions_are_public():
    assert DISCRETE <= set(pr.__all__)
    for name in DISCRETE:
        assert getattr(pr, name).__module__ == f"mathforml.probability._{name.lower()}"


@pytest.mark.parametrize("name", sorted(DISCRETE))
def test_every_class_has_a_numpy_style_docstring_with_an_example(name):
    doc = inspect.getdoc(getattr(pr, name))
    assert doc, f"{name} has no docstring"
    summary = doc.splitlines()[0]
    assert summary.strip() and len(summary) <= 100, f"{name}: one-line summary expected"
    for section in ("Parameters", "Raises", "See Also", "Examples"):
        assert f"{section}\n---" in doc, f"{name}: no {section} section"
    assert ">>> " in doc, f"{name}: the example must be a runnable doctest"


@pytest.mark.parametrize("name", sorted(DISCRETE))
def test_every_class_offers_the_contract_methods(name):
    cls = getattr(pr, name)
    expected = MULTINOMIAL_METHODS if name == "Multinomial" else METHODS
    for method in expected:
        assert callable(getattr(cls, method, None)), f"{name}.{method} is missing"
        assert inspect.getdoc(getattr(cls, method)), f"{name}.{method} has no docstring"
    if name == "Multinomial":
        assert not hasattr(cls, "cdf") and not hasattr(cls, "ppf")


@pytest.mark.parametrize("name", sorted(DISCRETE))
def test_fit_is_a_documented_classmethod_with_the_mle_closed_form(name):
    cls = getattr(pr, name)
    assert isinstance(inspect.getattr_static(cls, "fit"), classmethod)
    doc = inspect.getdoc(cls.fit)
    for section in ("Parameters", "Returns", "Raises", "Examples"):
        assert f"{section}\n---" in doc, f"{name}.fit: no {section} section"
    assert inspect.signature(cls.fit).return_annotation is not inspect.Signature.empty
