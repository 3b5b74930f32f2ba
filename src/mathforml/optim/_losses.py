"""Loss functions and their gradients with respect to the prediction.

Every loss takes the prediction first and the target second, like PyTorch:
``loss(y_hat, y, reduction="mean")``. Beside each loss ``f`` sits ``f_grad`` with
the same arguments, returning ∂L/∂ŷ, an array shaped like ``y_hat``:

- ``reduction="mean"``: L = (1/n) Σᵢ ℓᵢ, so every gradient entry carries the 1/n;
- ``reduction="sum"``: L = Σᵢ ℓᵢ;
- ``reduction="none"``: the loss is the array of ℓᵢ and the gradient is that of
  their sum, i.e. each ℓᵢ differentiated by its own prediction.

At the kinks of the non-smooth losses the gradient is the subgradient PyTorch's
autograd returns: 0 for ``mae`` at r = 0, 0 for ``hinge`` at margin exactly 1.
The module reads from the simplest loss (squared error) to the one that needs
care (cross-entropy through log-sum-exp).
"""

from __future__ import annotations

import numpy as np

from .._validation import as_array, check_choice, check_positive_float
from ..errors import DTypeError, NotFiniteError, ParameterError, ShapeError

__all__ = [
    "mse", "mse_grad", "mae", "mae_grad", "huber", "huber_grad", "hinge", "hinge_grad",
    "binary_cross_entropy", "binary_cross_entropy_grad", "cross_entropy", "cross_entropy_grad",
]  # fmt: skip

_REDUCTIONS = ("mean", "sum", "none")


# --- helpers: validation and reduction, shared by every loss -------------------------------


def _pair(y_hat, y, func: str) -> tuple[np.ndarray, np.ndarray]:
    """Both arrays as float64, of one shape (no broadcasting: a mismatch is a bug)."""
    y_hat = as_array(y_hat, "y_hat", func)
    y = as_array(y, "y", func)
    if y_hat.shape != y.shape:
        raise ShapeError(
            f"{func}: y_hat has shape {y_hat.shape} and y has shape {y.shape}; they must "
            f"have the same shape (one target per prediction)"
        )
    return y_hat, y


def _check_reduction(reduction, n: int, func: str) -> str:
    check_choice(reduction, "reduction", func, _REDUCTIONS)
    if reduction == "mean" and n == 0:
        raise ShapeError(
            f"{func}: the input is empty, and the mean over no samples is undefined "
            f"(PyTorch returns nan); use reduction='sum' to get 0"
        )
    return reduction


def _reduce(losses: np.ndarray, reduction: str):
    """The per-element losses ℓᵢ, their sum, or their mean."""
    if reduction == "none":
        return np.asarray(losses)  # an array even for 0-d input, where ufuncs give scalars
    total = float(losses.sum())
    return total / losses.size if reduction == "mean" else total


def _scale_grad(grad: np.ndarray, reduction: str, n: int) -> np.ndarray:
    """d(mean)/dℓᵢ = 1/n; d(sum)/dℓᵢ = 1 (and 'none' differentiates the sum)."""
    grad = np.asarray(grad)
    if reduction == "mean":
        grad /= n
    return grad


# --- squared and absolute error ------------------------------------------------------------


def mse(y_hat, y, reduction: str = "mean") -> float | np.ndarray:
    """Mean squared error: L = (1/n) Σᵢ (ŷᵢ − yᵢ)².

    Parameters
    ----------
    y_hat : array_like, any shape
        Predictions ŷ.
    y : array_like, same shape as ``y_hat``
        Targets.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average, add, or return the per-element losses (ŷᵢ − yᵢ)².

    Returns
    -------
    float or ndarray
        The loss (a float), or an array shaped like ``y_hat`` for ``"none"``.

    Raises
    ------
    ShapeError
        If the shapes differ, or the input is empty with ``reduction="mean"``.
    ParameterError
        For an unknown reduction.
    NotFiniteError, DTypeError
        For input that is not finite and real.

    See Also
    --------
    mse_grad : its gradient 2(ŷ − y)/n.
    torch.nn.functional.mse_loss : the reference.

    Examples
    --------
    >>> mse([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])  # (0 + 0 + 4) / 3
    1.3333333333333333
    """
    y_hat, y = _pair(y_hat, y, "mse")
    reduction = _check_reduction(reduction, y_hat.size, "mse")
    return _reduce((y_hat - y) ** 2, reduction)


def mse_grad(y_hat, y, reduction: str = "mean") -> np.ndarray:
    """Gradient of :func:`mse` with respect to ŷ: ∂L/∂ŷᵢ = 2(ŷᵢ − yᵢ)/n.

    Parameters
    ----------
    y_hat : array_like, any shape
        Predictions ŷ.
    y : array_like, same shape as ``y_hat``
        Targets.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction of the loss being differentiated (the 1/n is only in "mean").

    Returns
    -------
    ndarray
        ∂L/∂ŷ, shaped like ``y_hat``.

    Raises
    ------
    ShapeError, ParameterError, NotFiniteError, DTypeError
        As :func:`mse`.

    See Also
    --------
    mse : the loss.

    Examples
    --------
    >>> mse_grad([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])
    array([ 0.        ,  0.        , -1.33333333])
    """
    y_hat, y = _pair(y_hat, y, "mse_grad")
    reduction = _check_reduction(reduction, y_hat.size, "mse_grad")
    return _scale_grad(2.0 * (y_hat - y), reduction, y_hat.size)


def mae(y_hat, y, reduction: str = "mean") -> float | np.ndarray:
    """Mean absolute error (L1 loss): L = (1/n) Σᵢ |ŷᵢ − yᵢ|.

    Parameters
    ----------
    y_hat : array_like, any shape
        Predictions ŷ.
    y : array_like, same shape as ``y_hat``
        Targets.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average, add, or return the per-element losses |ŷᵢ − yᵢ|.

    Returns
    -------
    float or ndarray
        The loss, or an array shaped like ``y_hat`` for ``"none"``.

    Raises
    ------
    ShapeError, ParameterError, NotFiniteError, DTypeError
        As :func:`mse`.

    See Also
    --------
    mae_grad : its (sub)gradient sign(ŷ − y)/n.
    torch.nn.functional.l1_loss : the reference.

    Examples
    --------
    >>> mae([1.0, 2.0, 3.0], [1.0, 2.0, 5.0])  # (0 + 0 + 2) / 3
    0.6666666666666666
    """
    y_hat, y = _pair(y_hat, y, "mae")
    reduction = _check_reduction(reduction, y_hat.size, "mae")
    return _reduce(np.abs(y_hat - y), reduction)


def mae_grad(y_hat, y, reduction: str = "mean") -> np.ndarray:
    """Subgradient of :func:`mae` with respect to ŷ: sign(ŷᵢ − yᵢ)/n.

    |r| has no derivative at r = 0; any value in [−1, 1] is a subgradient there.
    We return 0, the choice of PyTorch's ``l1_loss`` (and of ``np.sign``).

    Parameters
    ----------
    y_hat : array_like, any shape
        Predictions ŷ.
    y : array_like, same shape as ``y_hat``
        Targets.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction of the loss being differentiated.

    Returns
    -------
    ndarray
        A subgradient ∂L/∂ŷ, shaped like ``y_hat``.

    Raises
    ------
    ShapeError, ParameterError, NotFiniteError, DTypeError
        As :func:`mse`.

    See Also
    --------
    mae : the loss.

    Examples
    --------
    >>> mae_grad([1.0, 2.0, 3.0], [1.0, 1.0, 5.0], reduction="sum")
    array([ 0.,  1., -1.])
    """
    y_hat, y = _pair(y_hat, y, "mae_grad")
    reduction = _check_reduction(reduction, y_hat.size, "mae_grad")
    return _scale_grad(np.sign(y_hat - y), reduction, y_hat.size)


# --- Huber: squared near zero, absolute far away -------------------------------------------


def huber(y_hat, y, reduction: str = "mean", delta: float = 1.0) -> float | np.ndarray:
    """Huber loss: quadratic for small residuals, linear for large ones.

    With r = ŷ − y::

        ℓ(r) = ½ r²              if |r| < δ
               δ (|r| − ½ δ)      otherwise

    The two pieces meet with equal value and slope at |r| = δ, so ℓ is
    differentiable everywhere; outliers pull on the fit linearly, not
    quadratically, as in :func:`mse`.

    Parameters
    ----------
    y_hat : array_like, any shape
        Predictions ŷ.
    y : array_like, same shape as ``y_hat``
        Targets.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average, add, or return the per-element losses.
    delta : float, default 1.0
        The residual size δ > 0 where the loss turns from quadratic to linear.

    Returns
    -------
    float or ndarray
        The loss, or an array shaped like ``y_hat`` for ``"none"``.

    Raises
    ------
    ParameterError
        If delta is not a finite number > 0, or for an unknown reduction.
    ShapeError, NotFiniteError, DTypeError
        As :func:`mse`.

    See Also
    --------
    huber_grad : its gradient clip(ŷ − y, −δ, δ)/n.
    torch.nn.functional.huber_loss : the reference.

    Examples
    --------
    >>> huber([0.5, 3.0], [0.0, 0.0], reduction="none")  # ½·0.25 and 1·(3 − ½)
    array([0.125, 2.5  ])
    """
    y_hat, y = _pair(y_hat, y, "huber")
    reduction = _check_reduction(reduction, y_hat.size, "huber")
    delta = check_positive_float(delta, "delta", "huber")
    r = np.abs(y_hat - y)
    # np.where evaluates both pieces everywhere: square min(r, δ), not r, so a huge residual
    # (which takes the linear piece) cannot overflow in the unused quadratic one.
    losses = np.where(r < delta, 0.5 * np.minimum(r, delta) ** 2, delta * (r - 0.5 * delta))
    return _reduce(losses, reduction)


def huber_grad(y_hat, y, reduction: str = "mean", delta: float = 1.0) -> np.ndarray:
    """Gradient of :func:`huber` with respect to ŷ: clip(ŷᵢ − yᵢ, −δ, δ)/n.

    The derivative r (inside) and δ·sign(r) (outside) agree at |r| = δ, so
    there is no kink and no convention to choose.

    Parameters
    ----------
    y_hat : array_like, any shape
        Predictions ŷ.
    y : array_like, same shape as ``y_hat``
        Targets.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction of the loss being differentiated.
    delta : float, default 1.0
        The threshold δ > 0.

    Returns
    -------
    ndarray
        ∂L/∂ŷ, shaped like ``y_hat``.

    Raises
    ------
    ParameterError, ShapeError, NotFiniteError, DTypeError
        As :func:`huber`.

    See Also
    --------
    huber : the loss.

    Examples
    --------
    >>> huber_grad([0.5, 3.0, -2.0], [0.0, 0.0, 0.0], reduction="sum")
    array([ 0.5,  1. , -1. ])
    """
    y_hat, y = _pair(y_hat, y, "huber_grad")
    reduction = _check_reduction(reduction, y_hat.size, "huber_grad")
    delta = check_positive_float(delta, "delta", "huber_grad")
    return _scale_grad(np.clip(y_hat - y, -delta, delta), reduction, y_hat.size)


# --- hinge: the support vector machine's loss ----------------------------------------------


def _labels_pm1(y: np.ndarray, func: str) -> np.ndarray:
    if not np.isin(y, (-1.0, 1.0)).all():
        bad = float(y[~np.isin(y, (-1.0, 1.0))].flat[0])
        raise ParameterError(
            f"{func}: y must hold labels -1 or +1, got {bad!r}; for 0/1 labels pass 2 * y - 1"
        )
    return y


def hinge(y_hat, y, reduction: str = "mean") -> float | np.ndarray:
    """Hinge loss for labels ±1: L = (1/n) Σᵢ max(0, 1 − yᵢ ŷᵢ).

    ŷ is a real score (not a probability) and y·ŷ the margin: a point
    classified correctly with margin at least 1 costs nothing, every other
    point pays linearly.

    Parameters
    ----------
    y_hat : array_like, any shape
        Scores ŷ.
    y : array_like, same shape as ``y_hat``
        Labels, each −1 or +1.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average, add, or return the per-element losses.

    Returns
    -------
    float or ndarray
        The loss, or an array shaped like ``y_hat`` for ``"none"``.

    Raises
    ------
    ParameterError
        If a label is not −1 or +1, or for an unknown reduction.
    ShapeError, NotFiniteError, DTypeError
        As :func:`mse`.

    See Also
    --------
    hinge_grad : its subgradient.
    torch.nn.functional.multi_margin_loss : the reference (with two classes it
        is half this loss, for the scores (0, ŷ)).

    Examples
    --------
    >>> hinge([2.0, 0.5, -1.0], [1, 1, 1], reduction="none")  # margins 2, 0.5, -1
    array([0. , 0.5, 2. ])
    """
    y_hat, y = _pair(y_hat, y, "hinge")
    reduction = _check_reduction(reduction, y_hat.size, "hinge")
    y = _labels_pm1(y, "hinge")
    return _reduce(np.maximum(0.0, 1.0 - y * y_hat), reduction)


def hinge_grad(y_hat, y, reduction: str = "mean") -> np.ndarray:
    """Subgradient of :func:`hinge` with respect to ŷ: −yᵢ/n where the margin yᵢŷᵢ < 1, else 0.

    At margin exactly 1 the loss has a kink; we return 0 there, as PyTorch's
    ``multi_margin_loss`` and ``relu`` do.

    Parameters
    ----------
    y_hat : array_like, any shape
        Scores ŷ.
    y : array_like, same shape as ``y_hat``
        Labels, each −1 or +1.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction of the loss being differentiated.

    Returns
    -------
    ndarray
        A subgradient ∂L/∂ŷ, shaped like ``y_hat``.

    Raises
    ------
    ParameterError, ShapeError, NotFiniteError, DTypeError
        As :func:`hinge`.

    See Also
    --------
    hinge : the loss.

    Examples
    --------
    >>> hinge_grad([2.0, 1.0, 0.5, -1.0], [1, 1, 1, -1], reduction="sum")
    array([ 0.,  0., -1.,  1.])
    """
    y_hat, y = _pair(y_hat, y, "hinge_grad")
    reduction = _check_reduction(reduction, y_hat.size, "hinge_grad")
    y = _labels_pm1(y, "hinge_grad")
    # d/dŷ max(0, 1 − y ŷ) = −y where 1 − y ŷ > 0
    return _scale_grad(np.where(y * y_hat < 1.0, -y, 0.0), reduction, y_hat.size)


# --- binary cross-entropy on probabilities -------------------------------------------------

# PyTorch clamps each log at −100 so that log(0) = −inf never reaches the sum (0 · −inf is
# NaN), and floors the denominator ŷ(1 − ŷ) of the gradient at 1e-12, a float32 constant in
# its kernel: 9.99999996e-13, which we copy so ŷ = 0 or 1 gives torch's gradient exactly.
_LOG_FLOOR = -100.0
_GRAD_EPS = float(np.float32(1e-12))


def _probabilities(y_hat, y, func: str) -> tuple[np.ndarray, np.ndarray]:
    y_hat, y = _pair(y_hat, y, func)
    for name, arr in (("y_hat", y_hat), ("y", y)):
        outside = (arr < 0) | (arr > 1)
        if outside.any():
            raise ParameterError(
                f"{func}: {name} must hold probabilities in [0, 1], got "
                f"{float(arr[outside][0])!r}; for raw scores (logits) apply a sigmoid first"
            )
    return y_hat, y


def binary_cross_entropy(y_hat, y, reduction: str = "mean") -> float | np.ndarray:
    """Binary cross-entropy of probabilities: L = −(1/n) Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)].

    The negative log-likelihood of Bernoulli labels y under predicted
    probabilities ŷ. Each logarithm is clamped at −100, as PyTorch does, so a
    confident wrong prediction (ŷ = 0 with y = 1) costs 100 instead of inf.

    Parameters
    ----------
    y_hat : array_like, any shape
        Predicted probabilities ŷ ∈ [0, 1].
    y : array_like, same shape as ``y_hat``
        Targets in [0, 1] (0/1 labels, or soft labels).
    reduction : {"mean", "sum", "none"}, default "mean"
        Average, add, or return the per-element losses.

    Returns
    -------
    float or ndarray
        The loss, or an array shaped like ``y_hat`` for ``"none"``.

    Raises
    ------
    ParameterError
        If ŷ or y leaves [0, 1], or for an unknown reduction.
    ShapeError, NotFiniteError, DTypeError
        As :func:`mse`.

    See Also
    --------
    binary_cross_entropy_grad : its gradient.
    cross_entropy : the multi-class loss, on logits.
    torch.nn.functional.binary_cross_entropy : the reference.

    Examples
    --------
    >>> binary_cross_entropy([0.9, 0.2], [1, 0])  # −(log 0.9 + log 0.8) / 2
    0.164252033486018
    """
    y_hat, y = _probabilities(y_hat, y, "binary_cross_entropy")
    reduction = _check_reduction(reduction, y_hat.size, "binary_cross_entropy")
    with np.errstate(divide="ignore"):  # log(0) = −inf, clamped on the next line
        log_p = np.maximum(np.log(y_hat), _LOG_FLOOR)
        log_q = np.maximum(np.log1p(-y_hat), _LOG_FLOOR)
    return _reduce(-(y * log_p + (1.0 - y) * log_q), reduction)


def binary_cross_entropy_grad(y_hat, y, reduction: str = "mean") -> np.ndarray:
    """Gradient of :func:`binary_cross_entropy`: ∂L/∂ŷᵢ = (ŷᵢ − yᵢ) / (ŷᵢ(1 − ŷᵢ)) / n.

    −y/ŷ + (1 − y)/(1 − ŷ) over a common denominator. The denominator is
    floored at 1e-12, as in PyTorch, so ŷ = 0 or 1 gives about ±1e12, not inf.

    Parameters
    ----------
    y_hat : array_like, any shape
        Predicted probabilities ŷ ∈ [0, 1].
    y : array_like, same shape as ``y_hat``
        Targets in [0, 1].
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction of the loss being differentiated.

    Returns
    -------
    ndarray
        ∂L/∂ŷ, shaped like ``y_hat``.

    Raises
    ------
    ParameterError, ShapeError, NotFiniteError, DTypeError
        As :func:`binary_cross_entropy`.

    See Also
    --------
    binary_cross_entropy : the loss.

    Examples
    --------
    >>> binary_cross_entropy_grad([0.5, 0.8], [1, 1], reduction="sum")  # −1/ŷ
    array([-2.  , -1.25])
    """
    y_hat, y = _probabilities(y_hat, y, "binary_cross_entropy_grad")
    reduction = _check_reduction(reduction, y_hat.size, "binary_cross_entropy_grad")
    grad = (y_hat - y) / np.maximum(y_hat * (1.0 - y_hat), _GRAD_EPS)
    return _scale_grad(grad, reduction, y_hat.size)


# --- cross-entropy on logits, through log-sum-exp ------------------------------------------


def _logits_and_target(logits, target, func: str) -> tuple[np.ndarray, np.ndarray, bool]:
    """Logits (n, C) or (C,), and either class indices or class probabilities.

    Returns (z, t, is_index): ``t`` holds integer indices of shape z.shape[:-1]
    or probabilities of shape z.shape.
    """
    z = as_array(logits, "y_hat", func, ndim=(1, 2))
    if z.shape[-1] == 0:
        raise ShapeError(f"{func}: y_hat has shape {z.shape}; it needs at least one class")
    t = np.asarray(target)
    if t.dtype.kind not in "biuf":
        raise DTypeError(f"{func}: y must hold numbers, got an array of dtype {t.dtype}")
    n_classes = z.shape[-1]
    if t.shape == z.shape:
        t = as_array(t, "y", func)
        outside = (t < 0) | (t > 1)
        if outside.any():
            raise ParameterError(
                f"{func}: y has the shape of y_hat, so it holds class probabilities, which "
                f"must lie in [0, 1]; got {float(t[outside][0])!r}"
            )
        return z, t, False
    if t.shape != z.shape[:-1]:
        raise ShapeError(
            f"{func}: y_hat has shape {z.shape} and y has shape {t.shape}; y must hold one "
            f"class index per row (shape {z.shape[:-1]}) or class probabilities "
            f"(shape {z.shape})"
        )
    if t.dtype.kind == "f":
        if not np.isfinite(t).all():
            raise NotFiniteError(f"{func}: y contains NaN or infinity; it must hold class indices")
        if not (t == np.round(t)).all():
            raise DTypeError(
                f"{func}: y must hold integer class indices, got "
                f"{float(t[t != np.round(t)].flat[0])!r}"
            )
    t = t.astype(np.intp)
    outside = (t < 0) | (t >= n_classes)
    if outside.any():
        raise ParameterError(
            f"{func}: y must hold class indices in 0..{n_classes - 1} (y_hat has "
            f"{n_classes} columns), got {t[outside].flat[0]}"
        )
    return z, t, True


def _log_softmax(z: np.ndarray) -> np.ndarray:
    """log softmax(z) = z − logsumexp(z) along the last axis.

    logsumexp(z) = m + log Σ exp(z − m) with m = max z: every exponent is <= 0,
    so nothing overflows, and the largest term is exp(0) = 1, so the log is safe.
    """
    m = z.max(axis=-1, keepdims=True)
    shifted = z - m
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _pick(a: np.ndarray, t: np.ndarray) -> np.ndarray:
    """a[..., t]: the entry of each row at its class index."""
    return np.take_along_axis(a, t[..., None], axis=-1)[..., 0]


def cross_entropy(y_hat, y, reduction: str = "mean") -> float | np.ndarray:
    """Cross-entropy of logits: L = (1/n) Σᵢ [logsumexp(zᵢ) − zᵢ,yᵢ].

    The negative log-likelihood of the classes y under p = softmax(z), with
    the softmax folded into a log-sum-exp so it never overflows. With class
    probabilities as targets, ℓᵢ = −Σ_c yᵢc log softmax(zᵢ)_c.

    Parameters
    ----------
    y_hat : array_like, shape (n, C) or (C,)
        Logits z: one row of unnormalised class scores per sample.
    y : array_like, shape (n,) or (), or the shape of ``y_hat``
        Class indices in 0..C−1 (integers), or class probabilities per row.
    reduction : {"mean", "sum", "none"}, default "mean"
        Average over the n samples, add, or return the n per-sample losses.

    Returns
    -------
    float or ndarray
        The loss, or an array of shape (n,) for ``"none"``.

    Raises
    ------
    ShapeError
        If y fits neither shape, y_hat has no class column, or the batch is empty with "mean".
    ParameterError
        For a class index outside 0..C−1, a probability outside [0, 1], an unknown reduction.
    DTypeError, NotFiniteError
        For non-integer class indices, or input that is not finite and real.

    See Also
    --------
    cross_entropy_grad : its gradient softmax(z) − onehot(y).
    binary_cross_entropy : the two-class loss, on probabilities.
    torch.nn.functional.cross_entropy : the reference.

    Examples
    --------
    >>> cross_entropy([[2.0, 0.0], [0.0, 0.0]], [0, 1])  # log(1 + e⁻²) and log 2, averaged
    0.4100...
    """
    z, t, is_index = _logits_and_target(y_hat, y, "cross_entropy")
    n = z.size // z.shape[-1]
    reduction = _check_reduction(reduction, n, "cross_entropy")
    log_p = _log_softmax(z)
    losses = -_pick(log_p, t) if is_index else -(t * log_p).sum(axis=-1)
    return _reduce(losses, reduction)


def cross_entropy_grad(y_hat, y, reduction: str = "mean") -> np.ndarray:
    """Gradient of :func:`cross_entropy` with respect to the logits: (softmax(z) − onehot(y))/n.

    ∂/∂z_k [logsumexp(z) − z_y] = softmax(z)_k − [k = y]. For probability
    targets, ∂/∂z_k [−Σ_c y_c log softmax(z)_c] = softmax(z)_k Σ_c y_c − y_k.

    Parameters
    ----------
    y_hat : array_like, shape (n, C) or (C,)
        Logits z.
    y : array_like, shape (n,) or (), or the shape of ``y_hat``
        Class indices, or class probabilities per row.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction of the loss being differentiated (the mean is over n samples).

    Returns
    -------
    ndarray
        ∂L/∂z, shaped like ``y_hat``.

    Raises
    ------
    ShapeError, ParameterError, DTypeError, NotFiniteError
        As :func:`cross_entropy`.

    See Also
    --------
    cross_entropy : the loss.

    Examples
    --------
    >>> cross_entropy_grad([[0.0, 0.0]], [1])  # softmax (½, ½) minus onehot (0, 1)
    array([[ 0.5, -0.5]])
    """
    z, t, is_index = _logits_and_target(y_hat, y, "cross_entropy_grad")
    n = z.size // z.shape[-1]
    reduction = _check_reduction(reduction, n, "cross_entropy_grad")
    p = np.exp(_log_softmax(z))
    if is_index:
        np.put_along_axis(p, t[..., None], _pick(p, t)[..., None] - 1.0, axis=-1)
        grad = p
    else:
        grad = p * t.sum(axis=-1, keepdims=True) - t
    return _scale_grad(grad, reduction, n)
