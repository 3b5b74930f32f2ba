"""The public surface of mathforml.optim: the names the course promises, each documented."""

import importlib
import inspect

import pytest

import mathforml.optim as mo

# The names issue "Optimization" asks for, with a gradient beside every loss and penalty and a
# proximal operator beside every penalty.
LOSSES = {"mse", "mae", "binary_cross_entropy", "cross_entropy", "hinge", "huber"}
PENALTIES = {"l1", "l2", "elastic_net"}
OPTIMIZERS = {"GradientDescent", "SGD", "AdaGrad", "RMSProp", "Adam", "AdamW"}
SCHEDULES = {"StepLR", "ExponentialLR", "CosineAnnealingLR"}
PROMISED = (
    LOSSES | {f"{name}_grad" for name in LOSSES}
    | PENALTIES | {f"{name}_{part}" for name in PENALTIES for part in ("grad", "prox")}
    | OPTIMIZERS | SCHEDULES
    | {"fit", "minimize", "line_search", "is_convex", "rosenbrock", "double_well",
       "lagrange", "kkt_conditions", "minimize_constrained"}
)
CLASSES = OPTIMIZERS | SCHEDULES
FUNCTIONS = PROMISED - CLASSES


def test_exactly_the_promised_names_are_public():
    assert set(mo.__all__) == PROMISED
    assert len(mo.__all__) == len(set(mo.__all__))
    assert {n for n in dir(mo) if not n.startswith("_")} == PROMISED


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_each_name_lives_in_a_private_module_that_exports_it(name):
    obj = getattr(mo, name)
    module = importlib.import_module(obj.__module__)
    assert module.__name__.startswith("mathforml.optim._")
    assert name in module.__all__


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'adam'"):
        mo.adam  # noqa: B018


def _numpy_docstring(obj, name, sections):
    doc = inspect.getdoc(obj)
    assert doc, f"{name} has no docstring"
    summary = doc.splitlines()[0]
    assert summary.strip() and len(summary) <= 100, f"{name}: one-line summary expected"
    for section in sections:
        assert f"{section}\n---" in doc, f"{name}: no {section} section"
    assert ">>> " in doc, f"{name}: the example must be a runnable doctest"


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_every_function_has_a_numpy_style_docstring_with_an_example(name):
    _numpy_docstring(getattr(mo, name), name, ("Parameters", "Returns", "Examples"))


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_every_class_has_a_numpy_style_docstring_with_an_example(name):
    _numpy_docstring(getattr(mo, name), name, ("Parameters", "Attributes", "Examples"))


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_public_functions_have_type_hints_on_their_return(name):
    sig = inspect.signature(getattr(mo, name))
    assert sig.return_annotation is not inspect.Signature.empty, f"{name} lacks a return hint"


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_classes_document_and_type_their_methods(name):
    cls = getattr(mo, name)
    methods = ("step", "zero_grad") if name in OPTIMIZERS else ("step", "get_last_lr")
    for method in methods:
        fn = getattr(cls, method)
        assert inspect.getdoc(fn), f"{name}.{method} has no docstring"
        assert inspect.signature(fn).return_annotation is not inspect.Signature.empty


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_each_loss_and_its_gradient_share_one_signature(name):
    loss = inspect.signature(getattr(mo, name))
    grad = inspect.signature(getattr(mo, f"{name}_grad"))
    assert list(loss.parameters)[:3] == ["y_hat", "y", "reduction"]
    assert loss.parameters == grad.parameters
