"""Losses and their gradients vs torch.nn.functional (float64 values, autograd gradients)."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.optim as mo
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from tests.reference import EPS, assert_close
from tests.strategies import ELEMENTS

REDUCTIONS = ["mean", "sum", "none"]
# Below the smallest normal number only absolute precision is left (subnormals), and two
# orders of the same operations, (½r)·r and ½(r·r), may differ there by a unit: hence this atol.
TINY = np.finfo(np.float64).tiny


def torch_value_and_grad(loss_fn, y_hat, y, reduction, **kw):
    """torch's loss and d(loss)/d(y_hat) by autograd ('none': the gradient of the sum)."""
    x = torch.tensor(np.asarray(y_hat, dtype=float), requires_grad=True)
    target = y if isinstance(y, torch.Tensor) else torch.tensor(np.asarray(y, dtype=float))
    out = loss_fn(x, target, reduction=reduction, **kw)
    (out.sum() if reduction == "none" else out).backward()
    return out.detach().numpy(), x.grad.numpy()


def torch_hinge(scores, labels, reduction):
    # multi_margin_loss over two classes with scores (0, s) is max(0, 1 − y s) / 2, so the
    # hinge loss is twice it (see the hinge docstring); it differentiates through the stack.
    classes = ((labels + 1) / 2).long().reshape(-1)
    two = torch.stack([torch.zeros_like(scores), scores], dim=-1).reshape(-1, 2)
    out = 2 * F.multi_margin_loss(two, classes, reduction=reduction)
    return out.reshape(scores.shape) if reduction == "none" else out


def check(ours, ours_grad, ref_fn, y_hat, y, reduction, *, rtol=1e-12, atol=TINY, **kw):
    """Value then gradient, shape and dtype first; reduced values come back as floats."""
    value = ours(y_hat, y, reduction=reduction, **kw)
    grad = ours_grad(y_hat, y, reduction=reduction, **kw)
    ref_value, ref_grad = torch_value_and_grad(ref_fn, y_hat, y, reduction, **kw)
    if reduction == "none":
        assert isinstance(value, np.ndarray)
    else:
        assert isinstance(value, float)
    assert_close(value, ref_value, rtol=rtol, atol=atol)
    assert_close(grad, ref_grad, rtol=rtol, atol=atol)


# --- strategies --------------------------------------------------------------------------------

shapes = hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=6)


@st.composite
def pairs(draw, target=ELEMENTS, prediction=ELEMENTS):
    shape = draw(shapes)
    return (draw(hnp.arrays(np.float64, shape, elements=prediction)),
            draw(hnp.arrays(np.float64, shape, elements=target)))


probabilities = st.floats(0, 1)
labels = st.sampled_from([-1.0, 1.0])


@st.composite
def logits_and_classes(draw, max_n=6, max_c=5):
    n, c = draw(st.integers(1, max_n)), draw(st.integers(1, max_c))
    z = draw(hnp.arrays(np.float64, (n, c), elements=ELEMENTS))
    t = draw(hnp.arrays(np.int64, n, elements=st.integers(0, c - 1)))
    return z, t


# --- each loss vs torch on Hypothesis inputs, every reduction ----------------------------------

reduction = st.sampled_from(REDUCTIONS)


@given(pairs(), reduction)
def test_mse_matches_torch(pair, reduction):
    # Elementwise ops are the same roundings; the reduction order differs (pairwise vs
    # torch's), a relative error below n·ε for a sum of positive terms.
    check(mo.mse, mo.mse_grad, F.mse_loss, *pair, reduction)


@given(pairs(), reduction)
def test_mae_matches_torch(pair, reduction):
    check(mo.mae, mo.mae_grad, F.l1_loss, *pair, reduction)


@given(pairs(), reduction, st.floats(0.01, 100))
def test_huber_matches_torch(pair, reduction, delta):
    check(mo.huber, mo.huber_grad, F.huber_loss, *pair, reduction, delta=delta)


@given(pairs(target=labels), reduction)
def test_hinge_matches_torch_multi_margin(pair, reduction):
    check(mo.hinge, mo.hinge_grad, torch_hinge, *pair, reduction)


@given(pairs(target=probabilities, prediction=probabilities), reduction)
def test_binary_cross_entropy_matches_torch(pair, reduction):
    # torch computes log(1 − ŷ), we log1p(−ŷ): the rounding of 1 − ŷ gives torch an absolute
    # error up to ε in that log, which our (more accurate) value does not share; hence the atol.
    y_hat, y = pair
    check(mo.binary_cross_entropy, mo.binary_cross_entropy_grad, F.binary_cross_entropy,
          y_hat, y, reduction, atol=4 * EPS * max(1, y.size) + TINY)


@given(logits_and_classes(), reduction)
def test_cross_entropy_with_class_indices_matches_torch(pair, reduction):
    z, t = pair
    value, grad = mo.cross_entropy(z, t, reduction), mo.cross_entropy_grad(z, t, reduction)
    ref_value, ref_grad = torch_value_and_grad(F.cross_entropy, z, torch.tensor(t), reduction)
    # log-sum-exp of logits up to 100 in size: absolute rounding ~ ε·max|z|.
    atol = 8 * EPS * max(1.0, np.abs(z).max()) * (len(z) if reduction == "sum" else 1)
    assert_close(value, ref_value, rtol=1e-12, atol=atol)
    assert_close(grad, ref_grad, rtol=1e-12, atol=atol)


@given(logits_and_classes(), st.integers(0, 2**32 - 1), reduction)
def test_cross_entropy_with_class_probabilities_matches_torch(pair, seed, reduction):
    z, _ = pair
    p = np.random.default_rng(seed).dirichlet(np.ones(z.shape[1]), size=len(z))
    value, grad = mo.cross_entropy(z, p, reduction), mo.cross_entropy_grad(z, p, reduction)
    ref_value, ref_grad = torch_value_and_grad(F.cross_entropy, z, p, reduction)
    atol = 8 * EPS * max(1.0, np.abs(z).max()) * (len(z) if reduction == "sum" else 1)
    assert_close(value, ref_value, rtol=1e-12, atol=atol)
    assert_close(grad, ref_grad, rtol=1e-12, atol=atol)


# --- named hard cases --------------------------------------------------------------------------


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("loss, loss_grad, ref, y_hat, y", [
    # kinks: r = 0 for mae, margin exactly 1 for hinge, |r| = δ for huber (no kink there)
    (mo.mae, mo.mae_grad, F.l1_loss, [1.0, 2.0, -3.0], [1.0, 2.5, -3.0]),
    (mo.hinge, mo.hinge_grad, torch_hinge, [1.0, -1.0, 0.5, 2.0], [1.0, -1.0, 1.0, -1.0]),
    (mo.huber, mo.huber_grad, F.huber_loss, [1.0, -1.0, 0.5, 3.0], [0.0, 0.0, 0.0, 0.0]),
    # BCE at the ends of [0, 1]: log clamped at −100, gradient denominator floored at 1e-12
    (mo.binary_cross_entropy, mo.binary_cross_entropy_grad, F.binary_cross_entropy,
     [0.0, 0.0, 1.0, 1.0, 1e-300, 0.5], [0.0, 1.0, 0.0, 1.0, 1.0, 0.5]),
    # huge and tiny scales
    (mo.mse, mo.mse_grad, F.mse_loss, [1e150, -1e150], [0.0, 1e150]),
    (mo.mse, mo.mse_grad, F.mse_loss, [1e-160, 3e-160], [0.0, 0.0]),
    (mo.mae, mo.mae_grad, F.l1_loss, [1e300, -1e-300], [-1e300, 1e-300]),
    (mo.huber, mo.huber_grad, F.huber_loss, [1e200, 1e-200], [0.0, 0.0]),
    # one element, a 0-d scalar, integer input
    (mo.mse, mo.mse_grad, F.mse_loss, [2.0], [5.0]),
    (mo.huber, mo.huber_grad, F.huber_loss, 2.0, 5.0),
    (mo.hinge, mo.hinge_grad, torch_hinge, [[3, -1], [0, 2]], [[1, 1], [-1, -1]]),
])
def test_named_hard_cases_match_torch(loss, loss_grad, ref, y_hat, y, reduction):
    check(loss, loss_grad, ref, y_hat, y, reduction)


@pytest.mark.parametrize("scale", [1e-300, 1.0, 1e4, 1e300])
def test_cross_entropy_is_stable_for_huge_and_tiny_logits(scale):
    # A naive softmax overflows exp(1e4); log-sum-exp subtracts the max first.
    z = scale * np.array([[1.0, -1.0, 0.5], [0.0, 0.0, -2.0]])
    t = np.array([1, 2])
    for reduction in REDUCTIONS:
        ref_value, ref_grad = torch_value_and_grad(F.cross_entropy, z, torch.tensor(t), reduction)
        assert_close(mo.cross_entropy(z, t, reduction), ref_value, rtol=1e-12)
        assert_close(mo.cross_entropy_grad(z, t, reduction), ref_grad, rtol=1e-12, atol=1e-300)


def test_cross_entropy_on_one_sample_and_float_class_indices():
    z = np.array([2.0, -1.0, 0.5])
    ref_value, ref_grad = torch_value_and_grad(F.cross_entropy, z, torch.tensor(2), "mean")
    assert_close(mo.cross_entropy(z, 2), ref_value, rtol=1e-14)
    assert_close(mo.cross_entropy_grad(z, 2), ref_grad, rtol=1e-14)
    Z = np.vstack([z, -z])
    assert mo.cross_entropy(Z, [2.0, 0.0]) == mo.cross_entropy(Z, np.array([2, 0]))


def test_cross_entropy_of_two_classes_is_binary_cross_entropy_of_the_sigmoid():
    s = np.array([-3.0, 0.2, 4.0])
    y = np.array([0, 1, 1])
    z = np.column_stack([np.zeros(3), s])  # softmax(0, s)₁ = sigmoid(s)
    expected = mo.binary_cross_entropy(1 / (1 + np.exp(-s)), y)
    assert_close(mo.cross_entropy(z, y), expected, rtol=1e-14)


@pytest.mark.parametrize("loss", [mo.mse, mo.mae, mo.huber, mo.hinge, mo.binary_cross_entropy])
def test_empty_input_sums_to_zero_and_has_no_mean(loss):
    assert loss([], [], reduction="sum") == 0.0
    assert loss([], [], reduction="none").shape == (0,)
    with pytest.raises(ShapeError, match=rf"{loss.__name__}: the input is empty, and the mean "):
        loss([], [])


def test_empty_batch_of_logits():
    z, t = np.zeros((0, 3)), np.zeros(0, dtype=int)
    assert mo.cross_entropy(z, t, "sum") == 0.0
    assert mo.cross_entropy_grad(z, t, "sum").shape == (0, 3)
    with pytest.raises(ShapeError, match=r"cross_entropy_grad: the input is empty"):
        mo.cross_entropy_grad(z, t)


@given(pairs())
def test_gradients_are_the_derivative_of_the_loss(pair):
    # Independent of torch: the 'sum' gradient dotted with a direction is the directional
    # derivative, checked by a central difference of the smooth losses (mse, huber).
    y_hat, y = pair
    d = np.ones_like(y_hat)
    for loss, grad in ((mo.mse, mo.mse_grad), (mo.huber, mo.huber_grad)):
        h = 1e-4
        numeric = (loss(y_hat + h * d, y, "sum") - loss(y_hat - h * d, y, "sum")) / (2 * h)
        analytic = float((grad(y_hat, y, "sum") * d).sum())
        # The central difference is exact for quadratics; it errs by rounding, ~ε·|f|/h, and
        # by at most h/4 per element whose residual is within h of a huber knot |r| = δ.
        scale = 1 + abs(loss(y_hat, y, "sum"))
        assert abs(numeric - analytic) <= 8 * EPS * scale / h + h * y_hat.size


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fn", [mo.mse, mo.mse_grad, mo.mae_grad, mo.huber, mo.hinge_grad,
                                mo.binary_cross_entropy_grad])
def test_shape_mismatch_is_named(fn):
    with pytest.raises(ShapeError, match=rf"{fn.__name__}: y_hat has shape \(3,\) and y has "
                                         r"shape \(2,\); they must have the same shape"):
        fn([0.5, 0.5, 0.5], [1, 0])


@pytest.mark.parametrize("fn", [mo.mse, mo.cross_entropy_grad, mo.huber_grad])
def test_unknown_reduction(fn):
    y_hat, y = ([[0.5, 0.5]], [1]) if "cross" in fn.__name__ else ([0.5], [1.0])
    with pytest.raises(ParameterError, match=rf"{fn.__name__}: reduction must be one of 'mean', "
                                             r"'sum', 'none', got 'avg'"):
        fn(y_hat, y, reduction="avg")


def test_nonfinite_and_non_numeric_input():
    with pytest.raises(NotFiniteError, match=r"mse: y_hat contains NaN"):
        mo.mse([np.nan], [1.0])
    with pytest.raises(NotFiniteError, match=r"mae: y contains infinity"):
        mo.mae([1.0], [np.inf])
    with pytest.raises(DTypeError, match=r"hinge: y_hat must hold numbers"):
        mo.hinge(["a"], [1])


@pytest.mark.parametrize("fn", [mo.huber, mo.huber_grad])
@pytest.mark.parametrize("delta", [0, -1.0, np.inf])
def test_huber_delta_must_be_positive(fn, delta):
    with pytest.raises(ParameterError, match=rf"{fn.__name__}: delta must be a finite number > 0"):
        fn([1.0], [0.0], delta=delta)


@pytest.mark.parametrize("fn", [mo.hinge, mo.hinge_grad])
def test_hinge_labels_must_be_plus_or_minus_one(fn):
    with pytest.raises(ParameterError, match=rf"{fn.__name__}: y must hold labels -1 or \+1, got "
                                             r"0.0; for 0/1 labels pass 2 \* y - 1"):
        fn([0.5, 0.2], [1, 0])


@pytest.mark.parametrize("fn", [mo.binary_cross_entropy, mo.binary_cross_entropy_grad])
def test_binary_cross_entropy_needs_probabilities(fn):
    with pytest.raises(ParameterError, match=rf"{fn.__name__}: y_hat must hold probabilities in "
                                             r"\[0, 1\], got 1.5; for raw scores"):
        fn([0.5, 1.5], [1, 0])
    with pytest.raises(ParameterError, match=rf"{fn.__name__}: y must hold probabilities"):
        fn([0.5, 0.5], [1, -1])


@pytest.mark.parametrize("y_hat, y, error, message", [
    ([[1.0, 2.0]], [2], ParameterError, r"class indices in 0..1 \(y_hat has 2 columns\), got 2"),
    ([[1.0, 2.0]], [-1], ParameterError, r"class indices in 0..1"),
    ([[1.0, 2.0]], [0.5], DTypeError, r"must hold integer class indices, got 0.5"),
    ([[1.0, 2.0]], [np.nan], NotFiniteError, r"y contains NaN or infinity"),
    ([[1.0, 2.0]], [[0.5, 1.5]], ParameterError, r"class probabilities, which must lie in"),
    ([[1.0, 2.0]], [0, 1], ShapeError, r"y_hat has shape \(1, 2\) and y has shape \(2,\)"),
    ([[1.0, 2.0]], ["a"], DTypeError, r"y must hold numbers"),
    (np.zeros((2, 0)), [0, 0], ShapeError, r"it needs at least one class"),
    ([[[1.0]]], [0], ShapeError, r"y_hat must be a 1-D vector or a 2-D matrix"),
])
@pytest.mark.parametrize("fn", [mo.cross_entropy, mo.cross_entropy_grad])
def test_cross_entropy_bad_targets(fn, y_hat, y, error, message):
    with pytest.raises(error, match=rf"{fn.__name__}: .*{message}"):
        fn(y_hat, y)
