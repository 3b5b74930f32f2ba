"""The public surface of mathforml.stats: the names issue 5 promises, each documented."""

import inspect

import pytest

import mathforml.stats as ms

# Issue 5's names, plus two_proportion_z_test (the two-proportion z-test, kept apart from the
# one-sample z_test) and map_linear_regression (MAP with a Gaussian prior = ridge).
PROMISED = {
    "mean", "median", "mode", "var", "std", "percentile", "iqr", "covariance", "correlation",
    "describe",
    "ttest_1samp", "ttest_ind", "ttest_rel", "z_test", "two_proportion_z_test", "chisquare",
    "chi2_contingency", "confidence_interval",
    "mle", "map_estimate", "map_linear_regression",
}  # fmt: skip


def test_exactly_the_promised_names_are_public():
    assert set(ms.__all__) == PROMISED
    assert len(ms.__all__) == len(set(ms.__all__))
    assert {n for n in dir(ms) if not n.startswith("_")} == PROMISED


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'ttest'"):
        ms.ttest  # noqa: B018


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


@pytest.mark.parametrize("name", ["ttest_1samp", "z_test", "chisquare"])
def test_results_explain_themselves_with_a_documented_method(name):
    result_type = inspect.signature(getattr(ms, name)).return_annotation
    doc = inspect.getdoc(getattr(ms, name)(*{
        "ttest_1samp": ([1.0, 2.0, 4.0],),
        "z_test": ([1.0, 2.0],),
        "chisquare": ([3, 5, 4],),
    }[name], **({"sigma": 1.0} if name == "z_test" else {})).explain)
    assert result_type and "Examples\n---" in doc and ">>> " in doc
