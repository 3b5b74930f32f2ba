"""Training loops: batch, mini-batch and stochastic gradient descent over a data set."""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .._validation import as_array, check_positive_int
from ..errors import ConvergenceError, DTypeError, NotFiniteError, ParameterError, ShapeError
from ._optimizer import Optimizer, check_flag
from ._schedules import _Schedule

__all__ = ["fit", "FitResult"]


class FitResult(NamedTuple):
    """Result of :func:`fit`: the loss path, for plots."""

    losses: np.ndarray
    """Loss of each step's batch, before that step's update, shape (epochs · batches,)."""
    epoch_losses: np.ndarray
    """Per epoch, the batch losses averaged with weights |batch| / n, shape (epochs,)."""
    params: list
    """The trained parameters (the same arrays, updated in place)."""


# --- helpers -------------------------------------------------------------------------------


def _generator(rng) -> np.random.Generator:
    try:
        return np.random.default_rng(rng)
    except (TypeError, ValueError) as exc:
        raise ParameterError(
            f"fit: rng must be None, a non-negative integer or a numpy.random.Generator, "
            f"got {rng!r}"
        ) from exc


def _batches(n: int, batch_size: int, order: np.ndarray | None):
    """Index arrays (or slices, unshuffled) covering 0..n−1; the last batch may be smaller."""
    for start in range(0, n, batch_size):
        stop = min(start + batch_size, n)
        yield slice(start, stop) if order is None else order[start:stop]


def _loss_and_grads(returned, where: str) -> tuple[float, list]:
    """Check what ``loss_and_grad`` returned: a pair (real number, gradients)."""
    if not (isinstance(returned, (tuple, list)) and len(returned) == 2):
        raise DTypeError(
            f"fit: loss_and_grad must return a pair (loss, grads), got {type(returned).__name__} "
            f"{where}"
        )
    loss, grads = returned
    if isinstance(loss, np.ndarray) and loss.size == 1:
        loss = loss.reshape(())[()]
    if isinstance(loss, bool) or not isinstance(loss, (numbers.Real, np.floating)):
        raise DTypeError(
            f"fit: loss_and_grad must return (loss, grads) with a real number as loss, got "
            f"{loss!r} {where}"
        )
    return float(loss), grads


def _diverged(message: str, losses: list, epoch_losses: list, params: list) -> ConvergenceError:
    """The error, carrying the path up to the divergence in ``.result`` (for plotting it)."""
    error = ConvergenceError(message)
    error.result = FitResult(np.array(losses), np.array(epoch_losses), params)
    return error


# --- the loop ------------------------------------------------------------------------------


def fit(
    loss_and_grad: Callable,
    params: list,
    X,
    y,
    optimizer: Optimizer,
    *,
    epochs: int,
    batch_size: int | None = None,
    shuffle: bool = True,
    rng=None,
    scheduler=None,
) -> FitResult:
    """Train ``params`` by gradient descent on batches of (X, y), recording the loss.

    Each epoch visits the n samples once, in batches of ``batch_size`` rows::

        for each epoch:
            shuffle the rows (a new permutation from rng)
            for each batch B:
                loss, grads = loss_and_grad(params, X[B], y[B])
                optimizer.step(grads)
            scheduler.step()                 (if given)

    ``batch_size=None`` (or n) is batch gradient descent, one step per epoch on
    the exact gradient; 1 is stochastic gradient descent, one step per sample;
    anything between is mini-batch gradient descent.

    Parameters
    ----------
    loss_and_grad : callable
        ``loss_and_grad(params, X_batch, y_batch) -> (loss, grads)``: the loss on
        the batch (a real number) and one gradient per parameter.
    params : list of ndarray
        The parameters, the same arrays (in the same order) as the optimizer's.
    X : array_like, shape (n_samples, ...)
        Inputs, one row per sample.
    y : array_like, shape (n_samples, ...)
        Targets, one row per sample.
    optimizer : Optimizer
        Any optimizer of this package, built on ``params``.
    epochs : int
        Passes over the data, >= 1.
    batch_size : int or None, default None
        Rows per step (None: all; larger than n: all). The last batch may be smaller.
    shuffle : bool, default True
        Visit the rows in a new random order each epoch (a full batch is never shuffled:
        its gradient does not depend on the order).
    rng : None, int or numpy.random.Generator, default None
        Source of the permutations: an int makes the run reproducible.
    scheduler : StepLR, ExponentialLR or CosineAnnealingLR, optional
        A schedule on ``optimizer``, stepped at the end of every epoch.

    Returns
    -------
    FitResult
        ``(losses, epoch_losses, params)``: the loss at every step and per epoch.

    Raises
    ------
    ConvergenceError
        If the run diverges: the loss (or a gradient) becomes NaN or infinite. The
        message names the epoch and the step; the error's ``result`` attribute holds the
        path up to there.
    ShapeError
        If X and y have different numbers of rows, or there are none.
    ParameterError
        For a bad epochs, batch_size, rng, or an optimizer/scheduler not on these params.
    DTypeError, NotFiniteError
        For data that is not finite and real, or a loss that is not a number.

    See Also
    --------
    SGD, Adam : optimizers to train with.
    StepLR : a learning-rate schedule.

    Examples
    --------
    Linear regression y ≈ X w + b by mini-batch SGD, the gradient by the chain rule:

    >>> from mathforml.optim import SGD, mse, mse_grad
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 2)); y = X @ [2.0, -1.0] + 0.5
    >>> w, b = np.zeros(2), np.zeros(1)
    >>> def loss_and_grad(params, X, y):
    ...     w, b = params
    ...     r = mse_grad(X @ w + b, y)  # ∂L/∂ŷ, then ŷ = X w + b gives X^T r and Σ r
    ...     return mse(X @ w + b, y), [X.T @ r, r.sum(keepdims=True)]
    >>> result = fit(loss_and_grad, [w, b], X, y, SGD([w, b], lr=0.1), epochs=30,
    ...              batch_size=20, rng=0)
    >>> w.round(6), b.round(6), bool(result.epoch_losses[-1] < 1e-12)
    (array([ 2., -1.]), array([0.5]), True)
    """
    if not callable(loss_and_grad):
        raise ParameterError(
            f"fit: loss_and_grad must be a function (params, X, y) -> (loss, grads), got "
            f"{type(loss_and_grad).__name__}"
        )
    if not isinstance(optimizer, Optimizer):
        raise ParameterError(
            f"fit: optimizer must be a mathforml.optim optimizer (SGD, Adam, ...), got "
            f"{type(optimizer).__name__}"
        )
    params = [params] if isinstance(params, np.ndarray) else params
    if not isinstance(params, (list, tuple)):
        raise ParameterError(
            f"fit: params must be a list of the parameter arrays, got {type(params).__name__}"
        )
    params = list(params)
    if len(params) != len(optimizer.params) or any(
        p is not q for p, q in zip(params, optimizer.params, strict=False)
    ):
        raise ParameterError(
            "fit: the optimizer was built on other parameters; pass it the same arrays as "
            "params, e.g. fit(f, [w, b], X, y, SGD([w, b], lr=0.1), ...)"
        )
    if scheduler is not None and not (
        isinstance(scheduler, _Schedule) and scheduler.optimizer is optimizer
    ):
        raise ParameterError(
            "fit: scheduler must be a schedule (StepLR, ...) built on this optimizer"
        )
    X = as_array(X, "X", "fit")
    y = as_array(y, "y", "fit")
    if X.ndim == 0 or y.ndim == 0 or X.shape[0] != y.shape[0]:
        raise ShapeError(
            f"fit: X has shape {X.shape} and y has shape {y.shape}; they must have the same "
            f"number of rows (one per sample)"
        )
    n = X.shape[0]
    if n == 0:
        raise ShapeError("fit: X and y have no rows; there is nothing to train on")
    epochs = check_positive_int(epochs, "epochs", "fit")
    if batch_size is None:
        batch_size = n
    batch_size = min(check_positive_int(batch_size, "batch_size", "fit"), n)
    shuffle = check_flag(shuffle, "shuffle", "fit")
    generator = _generator(rng)

    losses: list[float] = []
    epoch_losses: list[float] = []
    for epoch in range(1, epochs + 1):
        order = generator.permutation(n) if shuffle and batch_size < n else None
        epoch_total = 0.0
        for batch_number, rows in enumerate(_batches(n, batch_size, order), start=1):
            step = len(losses) + 1
            where = f"at epoch {epoch}, step {step} (batch {batch_number} of the epoch)"
            X_batch, y_batch = X[rows], y[rows]
            loss, grads = _loss_and_grads(loss_and_grad(params, X_batch, y_batch), where)
            if not np.isfinite(loss):
                raise _diverged(
                    f"fit: the loss became {loss} {where}; the run diverged. The last finite "
                    f"loss was {losses[-1] if losses else 'none'}; try a smaller lr "
                    f"(now {optimizer.lr})",
                    losses, epoch_losses, params,
                )
            try:
                optimizer.step(grads)
            except NotFiniteError as exc:
                raise _diverged(
                    f"fit: a gradient became NaN or infinite {where}, with loss {loss}; the "
                    f"run diverged (try a smaller lr, now {optimizer.lr})",
                    losses, epoch_losses, params,
                ) from exc
            losses.append(loss)
            epoch_total += loss * (len(X_batch) / n)
        epoch_losses.append(epoch_total)
        if scheduler is not None:
            scheduler.step()
    return FitResult(np.array(losses), np.array(epoch_losses), params)
