"""The public surface of mathforml.special: the names the brief promises, each documented."""

import inspect

import pytest

import mathforml.special as ms

PROMISED = {
    "gammaln", "digamma", "gammainc", "gammaincc", "gammaincinv",
    "betaln", "betainc", "betaincinv",
    "erf", "erfc", "ndtr", "ndtri",
}  # fmt: skip


def test_exactly_the_promised_names_are_public():
    assert set(ms.__all__) == PROMISED
    assert len(ms.__all__) == len(set(ms.__all__))
    assert {n for n in dir(ms) if not n.startswith("_")} == PROMISED


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_every_function_has_a_numpy_style_docstring_with_an_example(name):
    doc = inspect.getdoc(getattr(ms, name))
    assert doc, f"{name} has no docstring"
    summary = doc.splitlines()[0]
    assert summary.strip() and len(summary) <= 100, f"{name}: one-line summary expected"
    for section in ("Parameters", "Returns", "Raises", "See Also", "Examples"):
        assert f"{section}\n---" in doc, f"{name}: no {section} section"
    assert ">>> " in doc, f"{name}: the example must be a runnable doctest"


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_public_functions_have_type_hints_on_their_return(name):
    sig = inspect.signature(getattr(ms, name))
    assert sig.return_annotation is not inspect.Signature.empty, f"{name} lacks a return hint"


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'gamma'"):
        ms.gamma  # noqa: B018
