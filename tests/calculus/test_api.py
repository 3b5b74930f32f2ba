"""The public surface of mathforml.calculus: the names the course promises, each documented."""

import inspect

import pytest

import mathforml.calculus as calc

# The numerical part of issue "Calculus, automatic differentiation and attention"; the
# symbolic part (derivative, taylor_polynomial, newton_raphson...) adds its names here.
PROMISED = {
    "finite_difference", "gradient", "jacobian", "hessian", "check_gradient",
    "derivative", "partial_derivative", "taylor_polynomial", "newton_raphson",
    "gradient_descent", "fit_least_squares",
}


def test_exactly_the_promised_names_are_public():
    assert set(calc.__all__) == PROMISED
    assert len(calc.__all__) == len(set(calc.__all__))
    assert {n for n in dir(calc) if not n.startswith("_")} == PROMISED


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_every_function_has_a_numpy_style_docstring_with_an_example(name):
    doc = inspect.getdoc(getattr(calc, name))
    assert doc, f"{name} has no docstring"
    summary = doc.splitlines()[0]
    assert summary.strip() and len(summary) <= 100, f"{name}: one-line summary expected"
    for section in ("Parameters", "Returns", "Raises", "See Also", "Examples"):
        assert f"{section}\n---" in doc, f"{name}: no {section} section"
    assert ">>> " in doc, f"{name}: the example must be a runnable doctest"


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_public_functions_have_type_hints_on_their_return(name):
    sig = inspect.signature(getattr(calc, name))
    assert sig.return_annotation is not inspect.Signature.empty, f"{name} lacks a return hint"


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'integrate'"):
        calc.integrate  # noqa: B018
