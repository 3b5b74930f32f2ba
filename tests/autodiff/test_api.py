"""The public surface of mathforml.autodiff: the names issue 4 promises, each documented."""

import inspect

import pytest

import mathforml.autodiff as ad

PROMISED_FUNCTIONS = {
    "is_grad_enabled", "mse_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits",
    "cross_entropy", "scaled_dot_product_attention",
}  # fmt: skip
PROMISED_CLASSES = {
    "Tensor", "no_grad", "Module", "Linear", "Sequential", "MLP", "ReLU", "Tanh", "Sigmoid",
    "MultiHeadAttention", "LayerNorm",
}  # fmt: skip
PROMISED = PROMISED_FUNCTIONS | PROMISED_CLASSES

# The Tensor operations issue 4 lists, as methods and operators.
TENSOR_METHODS = [
    "__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__", "__truediv__",
    "__rtruediv__", "__matmul__", "__rmatmul__", "__pow__", "__rpow__", "__neg__", "__getitem__",
    "sum", "mean", "reshape", "transpose", "permute", "exp", "log", "tanh", "sigmoid", "relu",
    "softmax", "log_softmax", "logsumexp", "backward", "detach", "item", "numpy",
]  # fmt: skip
TENSOR_PROPERTIES = ["T", "shape", "dtype", "ndim"]


def test_exactly_the_promised_names_are_public():
    assert set(ad.__all__) == PROMISED
    assert len(ad.__all__) == len(set(ad.__all__))
    assert all(inspect.isclass(getattr(ad, name)) for name in PROMISED_CLASSES)
    assert all(inspect.isfunction(getattr(ad, name)) for name in PROMISED_FUNCTIONS)


@pytest.mark.parametrize("name", sorted(PROMISED))
def test_every_public_name_has_a_numpy_style_docstring_with_an_example(name):
    doc = inspect.getdoc(getattr(ad, name))
    assert doc, f"{name} has no docstring"
    summary = doc.splitlines()[0]
    assert summary.strip() and len(summary) <= 100, f"{name}: one-line summary expected"
    sections = ["See Also", "Examples"]
    if inspect.signature(getattr(ad, name)).parameters:
        sections.append("Parameters")
    if name in PROMISED_FUNCTIONS:
        sections.append("Returns")
    for section in sections:
        assert f"{section}\n---" in doc, f"{name}: no {section} section"
    assert ">>> " in doc, f"{name}: the example must be a runnable doctest"


@pytest.mark.parametrize("name", sorted(PROMISED_FUNCTIONS))
def test_public_functions_have_type_hints_on_their_return(name):
    sig = inspect.signature(getattr(ad, name))
    assert sig.return_annotation is not inspect.Signature.empty, f"{name} lacks a return hint"


@pytest.mark.parametrize("name", TENSOR_METHODS + TENSOR_PROPERTIES)
def test_tensor_operations_exist_and_are_documented(name):
    member = inspect.getattr_static(ad.Tensor, name)
    assert member is not None
    if not name.startswith("__") or name in ("__getitem__",):
        assert inspect.getdoc(getattr(ad.Tensor, name)), f"Tensor.{name} has no docstring"


def test_tensor_works_with_mathforml_optim():
    # mathforml.optim recognizes parameters by their .data array and .grad attribute
    t = ad.Tensor([1.0], requires_grad=True)
    assert hasattr(t, "grad") and hasattr(t, "data")
