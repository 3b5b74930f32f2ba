"""The training loop vs the same loop written with torch (nn.functional.mse_loss, torch.optim),
and against the least-squares solution."""

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

import mathforml.optim as mo
from mathforml.errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
)
from tests.reference import assert_close


def regression_data(n=30, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 3))
    y = X @ np.array([1.5, -2.0, 0.5]) + 0.3 + 0.1 * rng.standard_normal(n)
    return X, y


def linear_loss_and_grad(params, X, y):
    """MSE of ŷ = X w + b, gradient by the chain rule from mse_grad."""
    w, b = params
    y_hat = X @ w + b
    r = mo.mse_grad(y_hat, y)
    return mo.mse(y_hat, y), [X.T @ r, r.sum(keepdims=True)]


def torch_loop(X, y, batch_size, epochs, order_seed, shuffle, make_optimizer):
    """The same loop in torch, visiting the batches in the same order as fit."""
    w = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = make_optimizer([w, b])
    Xt, yt = torch.tensor(X), torch.tensor(y)
    n = len(X)
    rng = np.random.default_rng(order_seed)
    losses = []
    for _ in range(epochs):
        order = rng.permutation(n) if shuffle and batch_size < n else np.arange(n)
        for start in range(0, n, batch_size):
            rows = torch.tensor(order[start : start + batch_size])
            opt.zero_grad()
            loss = F.mse_loss(Xt[rows] @ w + b, yt[rows])
            loss.backward()
            opt.step()
            losses.append(loss.item())
    return w.detach().numpy(), b.detach().numpy(), np.array(losses)


@pytest.mark.parametrize("batch_size", [None, 30, 100, 7, 1])  # batch, batch, batch, mini, SGD
@pytest.mark.parametrize("shuffle", [True, False])
@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_fit_matches_the_same_loop_in_torch(batch_size, shuffle, optimizer):
    X, y = regression_data()
    w, b = np.zeros(3), np.zeros(1)
    if optimizer == "sgd":
        ours_opt = mo.SGD([w, b], lr=0.05, momentum=0.9)
        make = lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9)  # noqa: E731
    else:
        ours_opt = mo.Adam([w, b], lr=0.05)
        make = lambda ps: torch.optim.Adam(ps, lr=0.05)  # noqa: E731
    result = mo.fit(linear_loss_and_grad, [w, b], X, y, ours_opt, epochs=8,
                    batch_size=batch_size, shuffle=shuffle, rng=42)
    size = min(batch_size or 30, 30)
    tw, tb, tlosses = torch_loop(X, y, size, 8, 42, shuffle, make)
    # Contracting runs of <= 240 steps: rounding differences (fused multiply-adds, summation
    # order in X.T @ r) stay within ~1e-12 relative.
    assert_close(w, tw, rtol=1e-11, scale=np.abs(tw).max())
    assert_close(b, tb, rtol=1e-11, scale=np.abs(tb).max())
    assert_close(result.losses, tlosses, rtol=1e-11)
    batches = -(-30 // size)
    assert result.losses.shape == (8 * batches,) and result.epoch_losses.shape == (8,)
    assert result.params[0] is w and result.params[1] is b


def test_epoch_loss_weights_each_batch_by_its_size():
    X, y = regression_data(n=10)
    w, b = np.zeros(3), np.zeros(1)
    result = mo.fit(linear_loss_and_grad, [w, b], X, y, mo.SGD([w, b], lr=0.01), epochs=3,
                    batch_size=4, rng=0)
    steps = result.losses.reshape(3, 3)  # batches of 4, 4, 2 rows
    assert_close(result.epoch_losses, steps @ np.array([0.4, 0.4, 0.2]), rtol=1e-15)


def test_batch_gradient_descent_reaches_the_least_squares_solution():
    X, y = regression_data(n=50)
    w, b = np.zeros(3), np.zeros(1)
    mo.fit(linear_loss_and_grad, [w, b], X, y, mo.GradientDescent([w, b], lr=0.3), epochs=500)
    A = np.column_stack([X, np.ones(len(X))])
    expected = np.linalg.lstsq(A, y, rcond=None)[0]
    # Gradient descent contracts the error by ≥ (1 − 0.3·λ_min·2) per step: at 500 steps,
    # far below 1e-10 for this well-conditioned design.
    assert_close(np.concatenate([w, b]), expected, rtol=1e-10)


def test_the_shuffle_is_reproducible_and_seeded():
    seen = []

    def recorder(params, X, y):
        seen.append(X[:, 0].astype(int).tolist())
        return 0.0, [np.zeros(1)]

    X, y = np.arange(10.0)[:, None], np.zeros(10)
    w = np.zeros(1)
    for rng in (7, 7, 8, np.random.default_rng(7)):
        mo.fit(recorder, [w], X, y, mo.SGD([w], lr=0.1), epochs=2, batch_size=3, rng=rng)
    runs = [seen[i : i + 8] for i in range(0, 32, 8)]
    assert runs[0] == runs[1] == runs[3] != runs[2]
    epoch1, epoch2 = sum(runs[0][:4], []), sum(runs[0][4:], [])
    assert sorted(epoch1) == sorted(epoch2) == list(range(10)) and epoch1 != epoch2
    seen.clear()
    mo.fit(recorder, [w], X, y, mo.SGD([w], lr=0.1), epochs=1, batch_size=3, shuffle=False)
    assert seen == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]


@settings(max_examples=25)
@given(n=st.integers(1, 12), batch_size=st.integers(1, 15), epochs=st.integers(1, 3),
       seed=st.integers(0, 2**32 - 1))
def test_every_sample_is_seen_once_per_epoch(n, batch_size, epochs, seed):
    counts = np.zeros(n, dtype=int)

    def counter(params, X, y):
        counts[X[:, 0].astype(int)] += 1
        return 1.0, [np.zeros(1)]

    X = np.arange(float(n))[:, None]
    w = np.zeros(1)
    result = mo.fit(counter, [w], X, np.zeros(n), mo.SGD([w]), epochs=epochs,
                    batch_size=batch_size, rng=seed)
    assert (counts == epochs).all()
    assert len(result.losses) == epochs * -(-n // min(batch_size, n))
    assert_close(result.epoch_losses, np.ones(epochs), rtol=1e-15)


def test_a_scheduler_is_stepped_once_per_epoch():
    X, y = regression_data(n=12)
    w, b = np.zeros(3), np.zeros(1)
    opt = mo.SGD([w, b], lr=0.08)
    mo.fit(linear_loss_and_grad, [w, b], X, y, opt, epochs=3, batch_size=5,
           scheduler=mo.StepLR(opt, step_size=1, gamma=0.5))
    assert opt.lr == 0.01


# --- divergence -------------------------------------------------------------------------------


def square_loss(params, X, y):
    (w,) = params
    with np.errstate(over="ignore"):  # w² overflows to inf on purpose
        return float(w[0] ** 2), [2 * w]


def test_a_diverging_run_names_the_epoch_and_step():
    # w ← w − 1.5·2w = −2w: the loss w² = 4ᵏ after k steps overflows once 2k >= 1024, i.e.
    # on step 513, the 3rd batch of epoch 52 with 10 one-row batches per epoch.
    w = np.array([1.0])
    with pytest.raises(ConvergenceError, match=r"fit: the loss became inf at epoch 52, step 513 "
                                               r"\(batch 3 of the epoch\); the run diverged. The "
                                               r"last finite loss was .*e\+307; try a smaller lr "
                                               r"\(now 1.5\)") as info:
        mo.fit(square_loss, [w], np.zeros((10, 1)), np.zeros(10), mo.GradientDescent([w], lr=1.5),
               epochs=100, batch_size=1)
    result = info.value.result
    assert len(result.losses) == 512 and np.isfinite(result.losses).all()
    assert_close(result.losses[:4], np.array([1.0, 4.0, 16.0, 64.0]))
    assert len(result.epoch_losses) == 51


def test_a_nonfinite_gradient_is_a_divergence_too():
    def nan_at_step_3(params, X, y):
        nan_at_step_3.calls += 1
        return 1.0, [np.array([np.nan if nan_at_step_3.calls == 3 else 0.0])]

    nan_at_step_3.calls = 0
    w = np.zeros(1)
    with pytest.raises(ConvergenceError, match=r"fit: a gradient became NaN or infinite at "
                                               r"epoch 2, step 3 \(batch 1 of the epoch\)") as info:
        mo.fit(nan_at_step_3, [w], np.zeros((4, 1)), np.zeros(4), mo.SGD([w]), epochs=3,
               batch_size=2)
    assert isinstance(info.value.__cause__, NotFiniteError)
    assert len(info.value.result.losses) == 2


# --- bad input --------------------------------------------------------------------------------


def test_bad_arguments_are_named():
    X, y = regression_data(n=6)
    w, b = np.zeros(3), np.zeros(1)
    opt = mo.SGD([w, b])
    f = linear_loss_and_grad
    cases = [
        (ParameterError, r"fit: loss_and_grad must be a function", ("not callable", [w, b], X, y,
                                                                    opt), {}),
        (ParameterError, r"fit: optimizer must be a mathforml.optim optimizer .* got SGD",
         (f, [w, b], X, y, torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)), {}),
        (ParameterError, r"fit: the optimizer was built on other parameters",
         (f, [w.copy(), b], X, y, opt), {}),
        (ParameterError, r"fit: the optimizer was built on other parameters", (f, [w], X, y, opt),
         {}),
        (ParameterError, r"fit: params must be a list of the parameter arrays, got int",
         (f, 3, X, y, opt), {}),
        (ParameterError, r"fit: scheduler must be a schedule \(StepLR, ...\) built on this "
                         r"optimizer",
         (f, [w, b], X, y, opt), {"scheduler": mo.StepLR(mo.SGD([np.zeros(1)]), step_size=1)}),
        (ShapeError, r"fit: X has shape \(6, 3\) and y has shape \(5,\); they must have the "
                     r"same number of rows", (f, [w, b], X, y[:5], opt), {}),
        (ShapeError, r"fit: X has shape \(\) and y has shape \(6,\)", (f, [w, b], 1.0, y, opt),
         {}),
        (ShapeError, r"fit: X and y have no rows", (f, [w, b], X[:0], y[:0], opt), {}),
        (ParameterError, r"fit: epochs must be a positive integer, got 0",
         (f, [w, b], X, y, opt), {"epochs": 0}),
        (ParameterError, r"fit: batch_size must be a positive integer, got 0",
         (f, [w, b], X, y, opt), {"batch_size": 0}),
        (ParameterError, r"fit: shuffle must be True or False, got 'no'",
         (f, [w, b], X, y, opt), {"shuffle": "no"}),
        (ParameterError, r"fit: rng must be None, a non-negative integer or a "
                         r"numpy.random.Generator, got -1", (f, [w, b], X, y, opt), {"rng": -1}),
        (NotFiniteError, r"fit: X contains NaN", (f, [w, b], X * np.nan, y, opt), {}),
        (DTypeError, r"fit: loss_and_grad must return \(loss, grads\) with a real number as "
                     r"loss, got 'big' at epoch 1, step 1",
         (lambda p, X, y: ("big", [np.zeros(3), np.zeros(1)]), [w, b], X, y, opt), {}),
        (DTypeError, r"fit: loss_and_grad must return a pair \(loss, grads\), got float at "
                     r"epoch 1, step 1", (lambda p, X, y: 1.0, [w, b], X, y, opt), {}),
    ]
    for error, message, args, kw in cases:
        kw.setdefault("epochs", 1)
        with pytest.raises(error, match=message):
            mo.fit(*args, **kw)


def test_a_loss_returned_as_a_one_element_array_is_accepted():
    w = np.zeros(1)
    result = mo.fit(lambda p, X, y: (np.array([2.0]), [np.zeros(1)]), w, np.zeros((2, 1)),
                    np.zeros(2), mo.SGD(w), epochs=2)
    assert_close(result.losses, np.array([2.0, 2.0]))
