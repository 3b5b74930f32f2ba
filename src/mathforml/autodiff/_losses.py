"""Losses: mean squared error and the cross-entropies, as PyTorch computes them.

``mse_loss`` and ``cross_entropy`` are built from tensor operations (the
stability of cross-entropy comes from ``log_softmax``). The two binary
cross-entropies are fused operations with their own derivatives: on
probabilities the logs must be clamped (log 0 = −inf at a confident wrong
answer), and on logits the stable form below has a one-line derivative.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_choice
from ..errors import DTypeError, ParameterError, ShapeError
from ._finite import checked
from ._nn import as_tensor
from ._tensor import Tensor

__all__ = ["mse_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits",
           "cross_entropy"]

_REDUCTIONS = ("mean", "sum", "none")
# PyTorch clamps p (1 − p) at its constant EPSILON = 1e-12, a float32: 9.99999996e-13.
_BCE_EPSILON = float(np.float32(1e-12))


def _pair(input, target, func: str) -> tuple[Tensor, Tensor]:
    """The prediction and the target as tensors of one shape (no broadcasting between them)."""
    input = as_tensor(input, None, "input", func)
    target = as_tensor(target, input.dtype, "target", func)
    if input.shape != target.shape:
        raise ShapeError(
            f"{func}: input has shape {input.shape} and target has shape {target.shape}; they "
            f"must have the same shape (broadcasting would compare every prediction with "
            f"every target)"
        )
    return input, target


def _reduce(loss: Tensor, reduction: str) -> Tensor:
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


# --- regression ------------------------------------------------------------------------------


def mse_loss(input, target, reduction: str = "mean") -> Tensor:
    """Mean squared error (1/n) Σ (inputᵢ − targetᵢ)², as ``torch.nn.functional.mse_loss``.

    Parameters
    ----------
    input : Tensor or array_like
        Predictions ŷ.
    target : Tensor or array_like
        Targets y, of the same shape.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average the squared errors, add them, or return them entry by entry.

    Returns
    -------
    Tensor
        A scalar, or the squared errors for ``reduction="none"``.

    Raises
    ------
    ShapeError
        If input and target differ in shape.
    ParameterError
        For an unknown reduction.

    See Also
    --------
    mathforml.optim.mse : the NumPy version, with its gradient.

    Examples
    --------
    >>> y_hat = Tensor([1.0, 2.0], requires_grad=True)
    >>> loss = mse_loss(y_hat, [0.0, 0.0]); loss.backward()
    >>> loss.item(), y_hat.grad          # ∂/∂ŷ = 2 (ŷ − y) / n
    (2.5, array([1., 2.]))
    """
    reduction = check_choice(reduction, "reduction", "mse_loss", _REDUCTIONS)
    input, target = _pair(input, target, "mse_loss")
    diff = input - target
    return _reduce(diff * diff, reduction)


# --- binary classification -------------------------------------------------------------------


@checked("binary_cross_entropy", "the clamped logs keep the loss finite, so an overflow")
def binary_cross_entropy(input, target, reduction: str = "mean") -> Tensor:
    """Binary cross-entropy −[y log p + (1 − y) log(1 − p)] of probabilities p, as PyTorch.

    As in PyTorch, each log is clamped at −100, so a confident wrong answer
    (p = 0 for y = 1) costs 100 instead of infinity, and the derivative
    (p − y) / (p (1 − p)) has its denominator clamped at 1e-12 (as a float32).

    Parameters
    ----------
    input : Tensor or array_like
        Probabilities p in [0, 1] (e.g. a sigmoid's output).
    target : Tensor or array_like
        Targets y in [0, 1] (labels 0/1, or soft labels), of the same shape.
    reduction : {"mean", "sum", "none"}, default "mean"

    Returns
    -------
    Tensor
        A scalar, or the losses entry by entry for ``reduction="none"``.

    Raises
    ------
    ParameterError
        If an entry of input is outside [0, 1] (or NaN), or for an unknown reduction.
    ShapeError
        If input and target differ in shape.

    See Also
    --------
    binary_cross_entropy_with_logits : the same loss from logits, more stable.

    Examples
    --------
    >>> p = Tensor([0.9, 0.2], requires_grad=True)
    >>> loss = binary_cross_entropy(p, [1.0, 0.0]); loss.backward()
    >>> round(loss.item(), 4), p.grad      # (p − y) / (p (1 − p)) / n
    (0.1643, array([-0.5556,  0.625 ]))
    """
    reduction = check_choice(reduction, "reduction", "binary_cross_entropy", _REDUCTIONS)
    input, target = _pair(input, target, "binary_cross_entropy")
    p, y = input.data, target.data
    outside = ~((p >= 0) & (p <= 1))  # NaN is outside too
    if outside.any():
        i = tuple(int(j) for j in np.unravel_index(np.argmax(outside), p.shape))
        raise ParameterError(
            f"binary_cross_entropy: input must hold probabilities in [0, 1], got {float(p[i])} "
            f"at index {i} ({int(outside.sum())} of {p.size} entries outside); for scores that "
            f"are not probabilities use binary_cross_entropy_with_logits"
        )
    with np.errstate(divide="ignore"):  # log 0 = −inf is expected here, and clamped next
        log_p = np.maximum(np.log(p), -100)
        log_1mp = np.maximum(np.log1p(-p), -100)
    loss = -(y * log_p + (1 - y) * log_1mp)

    def grad_input(g):  # ∂/∂p = (p − y) / (p (1 − p))
        return g * (p - y) / np.maximum(p * (1 - p), _BCE_EPSILON)

    def grad_target(g):  # ∂/∂y = log(1 − p) − log p = −logit(p)
        return g * (np.log1p(-p) - np.log(p))

    return _reduce(input._from_op(loss, "binary_cross_entropy", (input, target),
                                  (grad_input, grad_target)), reduction)


@checked("binary_cross_entropy_with_logits", "an overflow")
def binary_cross_entropy_with_logits(input, target, reduction: str = "mean") -> Tensor:
    """Binary cross-entropy of σ(x) for logits x, computed without forming σ(x).

    With p = σ(x), the loss −[y log p + (1 − y) log(1 − p)] simplifies to::

        max(x, 0) − x y + log(1 + e^(−|x|))

    which never overflows (e^(−|x|) <= 1) and keeps full precision where p is
    within rounding of 0 or 1; its derivative is σ(x) − y.

    Parameters
    ----------
    input : Tensor or array_like
        Logits x (any real numbers).
    target : Tensor or array_like
        Targets y in [0, 1], of the same shape.
    reduction : {"mean", "sum", "none"}, default "mean"

    Returns
    -------
    Tensor
        A scalar, or the losses entry by entry for ``reduction="none"``.

    Raises
    ------
    ShapeError
        If input and target differ in shape.
    ParameterError
        For an unknown reduction.

    See Also
    --------
    binary_cross_entropy : the same loss on probabilities.

    Examples
    --------
    >>> x = Tensor([0.0, 100.0], requires_grad=True)
    >>> loss = binary_cross_entropy_with_logits(x, [1.0, 1.0], reduction="sum")
    >>> loss.backward(); round(loss.item(), 6), x.grad    # log 2, and σ(x) − y
    (0.693147, array([-0.5,  0. ]))
    """
    reduction = check_choice(reduction, "reduction", "binary_cross_entropy_with_logits",
                             _REDUCTIONS)
    input, target = _pair(input, target, "binary_cross_entropy_with_logits")
    x, y = input.data, target.data
    e = np.exp(-np.abs(x))
    loss = np.maximum(x, 0) - x * y + np.log1p(e)

    def grad_input(g):  # ∂/∂x = σ(x) − y, with σ(x) from e = e^(−|x|) as in Tensor.sigmoid
        return g * (np.where(x >= 0, 1, e) / (1 + e) - y)

    def grad_target(g):  # ∂/∂y = −x
        return -g * x

    return _reduce(input._from_op(loss, "binary_cross_entropy_with_logits", (input, target),
                                  (grad_input, grad_target)), reduction)


# --- multi-class classification --------------------------------------------------------------


def _class_targets(target, logits: Tensor, func: str) -> np.ndarray:
    if isinstance(target, Tensor):
        target = target.data
    t = np.asarray(target)
    if t.dtype.kind not in "iu":
        raise DTypeError(
            f"{func}: target must hold integer class indices, got dtype {t.dtype}; pass e.g. "
            f"np.array([2, 0, 1]) (the class of each sample)"
        )
    # (C,) -> (); (N, C, d1, ...) -> (N, d1, ...)
    expected = () if logits.ndim == 1 else logits.shape[:1] + logits.shape[2:]
    if t.shape != expected:
        raise ShapeError(
            f"{func}: input has shape {logits.shape} and target has shape {t.shape}; for "
            f"input of shape (C,) or (N, C, ...), target must have shape () or (N, ...): here "
            f"{expected}"
        )
    n_classes = logits.shape[1] if logits.ndim > 1 else logits.shape[0]
    bad = (t < 0) | (t >= n_classes)
    if bad.any():
        raise ParameterError(
            f"{func}: target holds {t[bad][0]}, but class indices must lie in "
            f"[0, {n_classes}) for input with {n_classes} classes"
        )
    return t


def cross_entropy(input, target, reduction: str = "mean") -> Tensor:
    """Cross-entropy −log softmax(x)[y] of logits and class indices, as ``F.cross_entropy``.

    For one sample with logits x (one per class) and true class y::

        loss = −log( e^{x_y} / Σ_c e^{x_c} ) = logsumexp(x) − x_y

    computed through :meth:`Tensor.log_softmax`, whose max-shift keeps it
    finite for any logits. Its gradient is softmax(x) − onehot(y).

    Parameters
    ----------
    input : Tensor or array_like, shape (N, C), (C,) or (N, C, d1, ...)
        Logits: N samples, C classes (class axis 1, as in PyTorch).
    target : array_like of int, shape (N,), () or (N, d1, ...)
        The class of each sample, in [0, C).
    reduction : {"mean", "sum", "none"}, default "mean"

    Returns
    -------
    Tensor
        A scalar, or the losses sample by sample for ``reduction="none"``.

    Raises
    ------
    DTypeError
        If target does not hold integers.
    ShapeError
        If target's shape does not match input's.
    ParameterError
        If a class index is out of range, or for an unknown reduction.

    See Also
    --------
    Tensor.log_softmax : the stable part.
    binary_cross_entropy_with_logits : two classes, one logit.

    Examples
    --------
    >>> logits = Tensor([[2.0, 0.0], [0.0, 0.0]], requires_grad=True)
    >>> loss = cross_entropy(logits, [0, 1]); loss.backward()
    >>> round(loss.item(), 4), logits.grad.round(4)   # (softmax − onehot) / N
    (0.4100, array([[-0.0596,  0.0596],
                    [ 0.25  , -0.25  ]]))
    """
    reduction = check_choice(reduction, "reduction", "cross_entropy", _REDUCTIONS)
    logits = as_tensor(input, None, "input", "cross_entropy")
    if logits.ndim == 0:
        raise ShapeError("cross_entropy: input is a scalar; it must hold one logit per class")
    t = _class_targets(target, logits, "cross_entropy")
    class_axis = 1 if logits.ndim > 1 else 0
    log_p = logits.log_softmax(axis=class_axis)
    if logits.ndim == 1:
        picked = log_p[t]
    else:
        # log_p[n, t[n, ...], ...]: an index grid over every axis but the class axis
        grid = np.indices(t.shape, sparse=True)
        picked = log_p[(grid[0], t, *grid[1:])]
    return _reduce(-picked, reduction)
