"""The Tensor itself: construction, the graph, backward's bookkeeping, no_grad, and its errors."""

import sys
import threading

import numpy as np
import pytest
import torch

import mathforml.autodiff as ad
import mathforml.optim as mo
from mathforml.errors import DTypeError, ParameterError, ShapeError
from tests.autodiff.torch_compare import assert_matches, compare

# --- construction and dtypes -----------------------------------------------------------------


@pytest.mark.parametrize("data, dtype", [
    (1.5, np.float64), (3, np.float64), ([1, 2], np.float64), ([[True, False]], np.float64),
    (np.arange(3), np.float64), (np.float16([1.0]), np.float64), (np.float32([1.0]), np.float32),
    (np.float32(2.0), np.float32), (np.ones(2), np.float64),
])
def test_dtype_is_float64_unless_float32_is_given(data, dtype):
    t = ad.Tensor(data)
    assert isinstance(t.data, np.ndarray) and t.dtype == dtype
    assert t.shape == np.shape(data) and t.ndim == np.ndim(data)
    assert t.grad is None and not t.requires_grad


@pytest.mark.parametrize("dtype", ["float32", np.float32, "float64", np.float64])
def test_dtype_argument_converts(dtype):
    t = ad.Tensor([1, 2], dtype=dtype)
    assert t.dtype == np.dtype(dtype)
    assert ad.Tensor(np.ones(2, np.float32), dtype=dtype).dtype == np.dtype(dtype)


def test_float_arrays_are_shared_not_copied_like_torch_from_numpy():
    a = np.ones(3)
    t = ad.Tensor(a)
    a[0] = 5
    assert t.data[0] == 5
    assert ad.Tensor(t).data is a  # a Tensor of a Tensor shares it too


def test_infinity_and_nan_are_allowed_in_data():
    t = ad.Tensor([-np.inf, np.nan])
    assert np.isneginf(t.data[0]) and np.isnan(t.data[1])


@pytest.mark.parametrize("data, dtype, error, message", [
    (["a", "b"], None, DTypeError, "Tensor: data must hold numbers"),
    ([1 + 2j], None, DTypeError, "Tensor: data holds complex numbers"),
    ([[1.0, 2.0], [3.0]], None, ShapeError, "Tensor: data is a ragged nested sequence"),
    ([1.0], "int64", DTypeError, "Tensor: dtype must be float32 or float64, got 'int64'"),
    ([1.0], "nonsense", DTypeError, "Tensor: dtype must be float32 or float64"),
])
def test_bad_data_and_dtype(data, dtype, error, message):
    with pytest.raises(error, match=message):
        ad.Tensor(data, dtype=dtype)


def test_requires_grad_must_be_a_bool():
    with pytest.raises(ParameterError, match="Tensor: requires_grad must be True or False, got 1"):
        ad.Tensor([1.0], requires_grad=1)


def test_small_conveniences():
    t = ad.Tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    assert len(t) == 2 and [row.data.tolist() for row in t] == [[1, 2], [3, 4]]
    assert t.numpy() is t.data
    assert t.sum().item() == 10.0 and float(t.sum()) == 10.0
    assert repr(ad.Tensor([1.0, 2.0])) == "Tensor([1., 2.])"
    assert repr(t[0]) == "Tensor([1., 2.], requires_grad=True)"
    assert repr(ad.Tensor([1.0], dtype="float32")) == "Tensor([1.], dtype=float32)"
    with pytest.raises(TypeError, match="len\\(\\) of a 0-d tensor"):
        len(ad.Tensor(1.0))
    with pytest.raises(ShapeError, match=r"item: only a tensor with one entry .* shape \(2, 2\)"):
        t.item()


# --- the graph and backward ------------------------------------------------------------------


def test_gradients_accumulate_over_backward_calls_like_torch():
    x = np.array([1.0, -2.0, 3.0])
    t, r = ad.Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    for k in range(1, 4):
        (t ** k).sum().backward()
        (r ** k).sum().backward()
    assert_matches(t.grad, r.grad)


def test_a_tensor_used_several_times_gets_the_sum_of_its_gradients():
    # a diamond: y = a·b with a = x², b = exp(x); and x also used directly
    def f(x):
        a, b = x * x, x.exp()
        return a * b + a / (b + 1) + x

    compare(f, f, np.array([0.5, -1.0, 2.0]))


def test_non_leaf_tensors_keep_no_gradient_and_leaves_keep_their_dtype():
    x = ad.Tensor(np.ones(2, np.float32), requires_grad=True)
    h = x * 3
    h.sum().backward()
    assert h.grad is None and x.grad.dtype == np.float32
    assert x.grad.flags.writeable  # a private copy, even when it came from a broadcast view


def test_gradients_of_two_leaves_are_independent_arrays():
    a, b = ad.Tensor([1.0], requires_grad=True), ad.Tensor([2.0], requires_grad=True)
    (a + b).sum().backward()
    a.grad *= 10  # gradient clipping by hand must not change b's gradient
    assert b.grad[0] == 1.0


def test_a_deep_graph_does_not_hit_the_recursion_limit():
    x = ad.Tensor([1.0], requires_grad=True)
    y = x
    for _ in range(sys.getrecursionlimit() + 500):
        y = y * 1.0001
    y.sum().backward()
    np.testing.assert_allclose(x.grad, 1.0001 ** (sys.getrecursionlimit() + 500), rtol=1e-12)


def test_constants_get_no_gradient_and_are_not_differentiated():
    x = ad.Tensor([2.0], requires_grad=True)
    c = ad.Tensor([3.0])
    (x * c).sum().backward()
    assert c.grad is None and x.grad[0] == 3.0


def test_backward_with_an_explicit_gradient_is_a_vector_jacobian_product():
    x = ad.Tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    g = np.array([[1.0, 0.0], [0.5, -1.0]])
    (x * x).backward(g)
    assert_matches(x.grad, 2 * x.data * g)
    x.grad = None
    (x * x).backward(ad.Tensor(g))  # a Tensor works as the gradient too
    assert_matches(x.grad, 2 * x.data * g)


def test_backward_on_a_leaf_and_on_one_entry_tensors_of_any_shape():
    x = ad.Tensor([[2.0]], requires_grad=True)
    x.backward()  # one entry: the implicit gradient is 1, as in torch
    assert_matches(x.grad, np.array([[1.0]]))


def test_backward_on_a_non_scalar_without_grad_explains():
    y = ad.Tensor(np.ones((2, 3)), requires_grad=True) * 2
    with pytest.raises(ShapeError, match=r"^backward: this tensor has shape \(2, 3\) "
                                         r"\(6 entries\); a starting gradient can be created "
                                         r"implicitly only for a scalar output"):
        y.backward()


def test_backward_gradient_must_have_the_output_shape():
    y = ad.Tensor(np.ones((2, 3)), requires_grad=True) * 2
    with pytest.raises(ShapeError, match=r"backward: grad has shape \(3,\) but this tensor has "
                                         r"shape \(2, 3\)"):
        y.backward(np.ones(3))


def test_backward_needs_a_tensor_that_requires_grad():
    with pytest.raises(ParameterError, match="backward: this tensor does not require a gradient"):
        (ad.Tensor([1.0]) * 2).sum().backward()


# --- no_grad and detach ----------------------------------------------------------------------


def test_no_grad_records_nothing_and_restores_the_setting():
    x = ad.Tensor([1.0], requires_grad=True)
    assert ad.is_grad_enabled()
    with ad.no_grad():
        assert not ad.is_grad_enabled()
        y = x * 2
        with ad.no_grad():  # nested
            pass
        assert not ad.is_grad_enabled()
        leaf = ad.Tensor([1.0], requires_grad=True)  # a new leaf keeps what it is given
    assert ad.is_grad_enabled() and leaf.requires_grad
    assert not y.requires_grad
    with pytest.raises(ParameterError, match="or it was computed inside no_grad"):
        y.sum().backward()


def test_no_grad_restores_after_an_exception_and_works_as_a_decorator():
    with pytest.raises(ZeroDivisionError), ad.no_grad():
        1 / 0  # noqa: B018
    assert ad.is_grad_enabled()

    @ad.no_grad()
    def predict(t):
        return t * 2

    assert not predict(ad.Tensor([1.0], requires_grad=True)).requires_grad
    assert ad.is_grad_enabled()


def test_no_grad_is_per_thread():
    seen = []
    with ad.no_grad():
        worker = threading.Thread(target=lambda: seen.append(ad.is_grad_enabled()))
        worker.start()
        worker.join()
    assert seen == [True]


def test_detach_cuts_the_graph_and_shares_the_data():
    x = ad.Tensor([3.0], requires_grad=True)
    y = x * x
    z = y.detach()
    assert not z.requires_grad and z.data is y.data
    (x * z).sum().backward()  # z is a constant: ∂(x z)/∂x = z = 9
    assert x.grad[0] == 9.0


# --- with mathforml.optim --------------------------------------------------------------------


def test_optimizers_update_tensors_in_place_and_zero_their_gradients():
    w = ad.Tensor([1.0, -2.0], requires_grad=True)
    opt = mo.SGD([w], lr=0.1)
    for _ in range(2):
        opt.zero_grad()
        (w * w).sum().backward()  # gradient 2w
        opt.step()
    assert_matches(w.data, np.array([1.0, -2.0]) * 0.8 ** 2)
    opt.zero_grad()
    assert w.grad is None


def test_ndarray_on_the_left_defers_to_the_tensor():
    x = ad.Tensor([1.0, 2.0], requires_grad=True)
    y = np.array([3.0, 4.0]) * x  # NumPy must not treat x as an array (__array_ufunc__ = None)
    assert isinstance(y, ad.Tensor)
    y.sum().backward()
    assert_matches(x.grad, np.array([3.0, 4.0]))
