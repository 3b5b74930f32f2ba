"""Modules and losses against torch.nn (float64, weights copied across), and a real training run."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.autodiff as ad
import mathforml.optim as mo
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from tests.autodiff.torch_compare import assert_matches, compare


def _copy_into_torch(ours: ad.Module, theirs: torch.nn.Module) -> None:
    """Our parameters into torch's, in order (same layouts, so same shapes)."""
    pairs = list(zip(ours.parameters(), theirs.parameters(), strict=True))
    with torch.no_grad():
        for p, q in pairs:
            assert p.shape == tuple(q.shape)
            q.copy_(torch.tensor(p.data))


def _torch_mlp(sizes, activation=torch.nn.ReLU):
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        layers += [torch.nn.Linear(n_in, n_out, dtype=torch.float64), activation()]
    return torch.nn.Sequential(*layers[:-1])


# --- Linear ----------------------------------------------------------------------------------


@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("batch_shape", [(), (5,), (2, 3)])
def test_linear_equals_torch_with_the_same_weights(bias, batch_shape):
    ours = ad.Linear(4, 3, bias=bias, rng=0)
    theirs = torch.nn.Linear(4, 3, bias=bias, dtype=torch.float64)
    _copy_into_torch(ours, theirs)
    x = np.random.default_rng(1).standard_normal((*batch_shape, 4))
    compare(ours, theirs, x)
    for p, q in zip(ours.parameters(), theirs.parameters(), strict=True):
        assert_matches(p.grad, q.grad)


def test_linear_initialization_is_torchs_kaiming_uniform():
    # U(−1/√fan_in, 1/√fan_in) for weight and bias: bounded, mean 0, variance bound²/3
    layer = ad.Linear(400, 500, rng=0)
    bound = 1 / np.sqrt(400)
    for p in (layer.weight.data, layer.bias.data):
        assert np.abs(p).max() <= bound
    w = layer.weight.data
    assert abs(w.mean()) < 4 * bound / np.sqrt(3 * w.size)  # 4 standard errors
    assert abs(w.var() / (bound ** 2 / 3) - 1) < 0.02
    assert layer.weight.shape == tuple(torch.nn.Linear(400, 500).weight.shape)


def test_linear_is_reproducible_from_a_seed_and_keeps_float32():
    a, b = ad.Linear(3, 2, rng=7), ad.Linear(3, 2, rng=np.random.default_rng(7))
    assert_matches(a.weight.data, b.weight.data)
    layer = ad.Linear(3, 2, rng=0, dtype="float32")
    y = layer(np.ones((4, 3)))  # a float64 array is converted to the layer's dtype
    assert layer.weight.dtype == np.float32 and y.dtype == np.float32
    assert repr(layer) == "Linear(in_features=3, out_features=2, bias=True)"


@pytest.mark.parametrize("make, error, message", [
    (lambda: ad.Linear(0, 2), ParameterError, "Linear: in_features must be a positive integer"),
    (lambda: ad.Linear(2, 1.5), ParameterError, "Linear: out_features must be a positive integer"),
    (lambda: ad.Linear(2, 2, bias="yes"), ParameterError, "Linear: bias must be True or False"),
    (lambda: ad.Linear(2, 2, rng="seed"), ParameterError, "Linear: rng must be None, a non-neg"),
    (lambda: ad.Linear(2, 2, dtype="int32"), DTypeError, "Linear: dtype must be float32 or"),
    (lambda: ad.Linear(3, 2)(np.ones((5, 4))), ShapeError,
     r"Linear: x has shape \(5, 4\) but this layer has in_features=3"),
    (lambda: ad.Linear(3, 2)(np.float64(1.0)), ShapeError, r"Linear: x has shape \(\)"),
])
def test_linear_errors(make, error, message):
    with pytest.raises(error, match=message):
        make()


# --- Module, Sequential, MLP, activations ----------------------------------------------------


class _Tied(ad.Module):
    """Parameters in a list, a dict, a nested module, and one weight used twice."""

    def __init__(self):
        self.shared = ad.Tensor([1.0], requires_grad=True)
        self.blocks = [ad.Linear(2, 2, rng=0), {"scale": self.shared}]
        self.inner = ad.Sequential(ad.Linear(2, 1, rng=1))
        self.constant = ad.Tensor([5.0])  # no requires_grad: not a parameter
        self.me = self  # a cycle must not loop forever

    def forward(self, x):
        return self.inner(self.blocks[0](x) * self.shared) * self.blocks[1]["scale"]


def test_parameters_are_found_in_attributes_lists_and_dicts_once_each():
    m = _Tied()
    names = [name for name, _ in m.named_parameters()]
    assert names == ["shared", "blocks.0.weight", "blocks.0.bias", "inner.layers.0.weight",
                     "inner.layers.0.bias"]
    m(np.ones((3, 2))).sum().backward()
    assert all(p.grad is not None for p in m.parameters())
    m.zero_grad()
    assert all(p.grad is None for p in m.parameters())


def test_a_module_without_forward_says_so():
    with pytest.raises(NotImplementedError, match="Module without a forward method"):
        ad.Module()(1)
    assert repr(ad.Module()) == "Module()"


@pytest.mark.parametrize("activation, theirs", [("relu", torch.nn.ReLU), ("tanh", torch.nn.Tanh),
                                                ("sigmoid", torch.nn.Sigmoid)])
def test_mlp_equals_torch_with_the_same_weights(activation, theirs):
    ours = ad.MLP([5, 7, 6, 3], activation=activation, rng=0)
    ref = _torch_mlp([5, 7, 6, 3], theirs)
    _copy_into_torch(ours, ref)
    compare(ours, ref, np.random.default_rng(2).standard_normal((4, 5)))
    for p, q in zip(ours.parameters(), ref.parameters(), strict=True):
        assert_matches(p.grad, q.grad)


def test_sequential_structure():
    model = ad.MLP([4, 8, 2], rng=0)
    assert len(model) == 3 and isinstance(model[1], ad.ReLU) and model.sizes == [4, 8, 2]
    assert [p.shape for p in model.parameters()] == [(8, 4), (8,), (2, 8), (2,)]
    assert repr(model).startswith("MLP(\n  (0): Linear(in_features=4, out_features=8")
    assert ad.MLP([3, 1], rng=0)[0].out_features == 1  # a single layer, no activation


@pytest.mark.parametrize("module, name", [(ad.ReLU(), "relu"), (ad.Tanh(), "tanh"),
                                          (ad.Sigmoid(), "sigmoid")])
def test_activation_modules_apply_their_function_to_arrays_and_tensors(module, name):
    x = np.array([-2.0, 0.0, 3.0])
    compare(module, getattr(torch, name), x)
    assert_matches(module(x).data, getattr(torch, name)(torch.tensor(x)))


@pytest.mark.parametrize("make, message", [
    (lambda: ad.Sequential(ad.Linear(2, 2), np.tanh), "Sequential: layer 1 must be a Module, got"),
    (lambda: ad.MLP([4]), "MLP: sizes must hold at least an input and an output size"),
    (lambda: ad.MLP(4), "MLP: sizes must be a list of layer sizes, got 4"),
    (lambda: ad.MLP([4, -1]), r"MLP: sizes\[1\] must be a positive integer"),
    (lambda: ad.MLP([4, 2], activation="gelu"), "MLP: activation must be one of 'relu', 'tanh'"),
])
def test_container_errors(make, message):
    with pytest.raises(ParameterError, match=message):
        make()


# --- losses ----------------------------------------------------------------------------------

REDUCTIONS = ["mean", "sum", "none"]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@given(pair=st.integers(1, 3).flatmap(lambda n: hnp.array_shapes(min_dims=0, max_dims=n)).flatmap(
    lambda s: st.tuples(hnp.arrays(np.float64, s, elements=st.floats(-10, 10)),
                        hnp.arrays(np.float64, s, elements=st.floats(-10, 10)))))
def test_mse_loss(reduction, pair):
    y_hat, y = pair
    compare(lambda a, b: ad.mse_loss(a, b, reduction), lambda a, b: F.mse_loss(a, b,
            reduction=reduction), y_hat, y)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@given(data=st.data())
def test_binary_cross_entropy_on_probabilities(reduction, data):
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=2))
    p = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(1e-6, 1 - 1e-6)))
    y = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(0, 1)))
    compare(lambda a, b: ad.binary_cross_entropy(a, b, reduction),
            lambda a, b: F.binary_cross_entropy(a, b, reduction=reduction), p, y)


def test_binary_cross_entropy_clamps_like_torch_at_0_and_1():
    # log 0 would be −inf: both libraries clamp each log at −100 and the derivative's
    # denominator at 1e-12, so a confident wrong answer costs 100, not infinity
    p = np.array([0.0, 1.0, 0.0, 1.0, 0.5])
    y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    compare(lambda a, b: ad.binary_cross_entropy(a, b, "none"),
            lambda a, b: F.binary_cross_entropy(a, b, reduction="none"), p, y, grad_of=[0])


@pytest.mark.parametrize("reduction", REDUCTIONS)
@given(data=st.data())
def test_binary_cross_entropy_with_logits(reduction, data):
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=2))
    x = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(-800, 800)))  # e^800 overflows
    y = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(0, 1)))
    compare(lambda a, b: ad.binary_cross_entropy_with_logits(a, b, reduction),
            lambda a, b: F.binary_cross_entropy_with_logits(a, b, reduction=reduction), x, y)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@given(data=st.data())
def test_cross_entropy_with_class_indices(reduction, data):
    shape = data.draw(st.sampled_from([(5,), (1, 3), (4, 2), (3, 4, 2), (2, 3, 1, 2)]))
    logits = data.draw(hnp.arrays(np.float64, shape, elements=st.floats(-500, 500)))
    n_classes = shape[1] if len(shape) > 1 else shape[0]
    target_shape = () if len(shape) == 1 else shape[:1] + shape[2:]
    target = data.draw(hnp.arrays(np.int64, target_shape, elements=st.integers(0, n_classes - 1)))
    compare(lambda a: ad.cross_entropy(a, target, reduction),
            lambda a: F.cross_entropy(a, torch.tensor(target), reduction=reduction), logits)


def test_cross_entropy_gradient_is_softmax_minus_onehot():
    logits = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    t = ad.Tensor(logits, requires_grad=True)
    ad.cross_entropy(t, [2, 0], reduction="sum").backward()
    expected = ad.Tensor(logits).softmax(1).data - np.eye(3)[[2, 0]]
    np.testing.assert_allclose(t.grad, expected, rtol=1e-14, atol=1e-16)


@pytest.mark.parametrize("call, error, message", [
    (lambda: ad.mse_loss([1.0, 2.0], [[1.0], [2.0]]), ShapeError,
     r"mse_loss: input has shape \(2,\) and target has shape \(2, 1\); they must have the same"),
    (lambda: ad.mse_loss([1.0], [1.0], "average"), ParameterError,
     "mse_loss: reduction must be one of 'mean', 'sum', 'none'"),
    (lambda: ad.binary_cross_entropy([0.5, 1.5], [1.0, 0.0]), ParameterError,
     r"binary_cross_entropy: input must hold probabilities in \[0, 1\], got 1.5 at index \(1,\)"),
    (lambda: ad.binary_cross_entropy([np.nan], [1.0]), ParameterError, "got nan"),
    (lambda: ad.binary_cross_entropy_with_logits([1.0], [1.0, 0.0]), ShapeError,
     "binary_cross_entropy_with_logits: input has shape"),
    (lambda: ad.cross_entropy(np.ones((2, 3)), np.array([0.0, 1.0])), DTypeError,
     "cross_entropy: target must hold integer class indices, got dtype float64"),
    (lambda: ad.cross_entropy(np.ones((2, 3)), [0, 1, 2]), ShapeError,
     r"cross_entropy: input has shape \(2, 3\) and target has shape \(3,\)"),
    (lambda: ad.cross_entropy(np.ones((2, 3)), [0, 3]), ParameterError,
     r"cross_entropy: target holds 3, but class indices must lie in \[0, 3\)"),
    (lambda: ad.cross_entropy(np.float64(1.0), 0), ShapeError, "cross_entropy: input is a scalar"),
])
def test_loss_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_binary_cross_entropy_target_gradient_at_a_certain_prediction_is_infinite():
    p = ad.Tensor([0.0, 0.5])
    y = ad.Tensor([1.0, 1.0], requires_grad=True)  # ∂/∂y = −logit(p): infinite at p = 0
    with pytest.raises(NotFiniteError, match=r"backward of binary_cross_entropy \(its input 1\)"):
        ad.binary_cross_entropy(p, y).backward()


# --- training on real data -------------------------------------------------------------------


def test_mlp_learns_the_digits_and_matches_torch_step_by_step():
    from sklearn.datasets import load_digits

    X, y = load_digits(return_X_y=True)  # 1,797 images of 8x8 pixels, values 0..16
    X = X / 16
    rng = np.random.default_rng(0)
    order = rng.permutation(len(y))
    train, test = order[:1347], order[1347:]  # a seeded 75/25 split

    ours = ad.MLP([64, 64, 10], rng=0)
    theirs = _torch_mlp([64, 64, 10])
    _copy_into_torch(ours, theirs)
    opt = mo.Adam(ours.parameters(), lr=1e-2)
    ref_opt = torch.optim.Adam(theirs.parameters(), lr=1e-2)

    losses, ref_losses = [], []
    for _ in range(5):
        batches = rng.permutation(train)
        for i in range(0, len(batches), 32):
            b = batches[i:i + 32]
            loss = ad.cross_entropy(ours(X[b]), y[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
            ref = F.cross_entropy(theirs(torch.tensor(X[b])), torch.tensor(y[b]))
            ref_opt.zero_grad()
            ref.backward()
            ref_opt.step()
            losses.append(loss.item())
            ref_losses.append(ref.item())

    # 215 steps from the same weights on the same batches: the runs stay within rounding
    # (measured ~4e-15), far inside the 1e-8
    np.testing.assert_allclose(losses, ref_losses, rtol=1e-8)
    with ad.no_grad():
        accuracy = (ours(X[test]).data.argmax(axis=1) == y[test]).mean()
    assert accuracy >= 0.95, accuracy
