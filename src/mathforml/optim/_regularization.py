"""Regularization penalties: value, (sub)gradient and proximal operator.

A penalty R(w) is added to a loss to prefer small weights. Each comes in three
functions with one naming pattern:

- ``r(w, lam)``: the value R(w);
- ``r_grad(w, lam)``: its gradient (a subgradient where R has a kink);
- ``r_prox(w, lam, lr)``: its proximal operator with step ``lr``,

      prox(v) = argminₓ ½‖x − v‖² + lr · R(x),

  the exact minimizer that proximal gradient descent (ISTA) applies after each
  gradient step on the loss: w ← prox(w − lr ∇f(w)). For L1 it is soft
  thresholding, which sets weights to exactly zero; a plain subgradient step
  only makes them oscillate around zero.

The L2 penalty is ½λ‖w‖², whose gradient λw is exactly the ``weight_decay``
term ``grad += λ w`` of :class:`SGD` and :class:`Adam`. The elastic net mixes
the two the way scikit-learn does: λ(ρ‖w‖₁ + ½(1 − ρ)‖w‖²).
"""

from __future__ import annotations

import numpy as np

from .._validation import as_array, check_positive_float, check_probability
from ..errors import ParameterError

__all__ = [
    "l1", "l1_grad", "l1_prox", "l2", "l2_grad", "l2_prox",
    "elastic_net", "elastic_net_grad", "elastic_net_prox",
]  # fmt: skip


# --- helpers -------------------------------------------------------------------------------


def _check_lam(lam, func: str) -> float:
    """λ >= 0 (λ = 0 switches the penalty off)."""
    if isinstance(lam, bool) or not isinstance(lam, (int, float, np.integer, np.floating)):
        raise ParameterError(f"{func}: lam must be a real number >= 0, got {lam!r}")
    lam = float(lam)
    if not (np.isfinite(lam) and lam >= 0):
        raise ParameterError(f"{func}: lam must be a finite number >= 0, got {lam!r}")
    return lam


def _args(w, lam, func: str) -> tuple[np.ndarray, float]:
    return as_array(w, "w", func), _check_lam(lam, func)


def _squared_norm(w: np.ndarray) -> float:
    """‖w‖² = Σᵢ wᵢ² (NumPy's pairwise sum keeps the rounding error at O(log n) ε)."""
    return float((w * w).sum())


def _soft_threshold(v: np.ndarray, threshold: float) -> np.ndarray:
    """sign(v) · max(|v| − threshold, 0): exactly 0 wherever |v| <= threshold."""
    return np.sign(v) * np.maximum(np.abs(v) - threshold, 0.0)


# --- L1: lasso -----------------------------------------------------------------------------


def l1(w, lam: float) -> float:
    """L1 penalty (lasso): R(w) = λ Σᵢ |wᵢ|.

    Parameters
    ----------
    w : array_like, any shape
        Weights.
    lam : float
        Strength λ >= 0.

    Returns
    -------
    float
        λ‖w‖₁.

    Raises
    ------
    ParameterError
        If lam is negative or not finite.
    NotFiniteError, DTypeError
        For weights that are not finite and real.

    See Also
    --------
    l1_grad, l1_prox : its subgradient and its proximal operator (soft thresholding).

    Examples
    --------
    >>> l1([1.0, -2.0, 0.0], lam=0.5)
    1.5
    """
    w, lam = _args(w, lam, "l1")
    return lam * float(np.abs(w).sum())


def l1_grad(w, lam: float) -> np.ndarray:
    """Subgradient of the L1 penalty: λ sign(w), with 0 where wᵢ = 0.

    |w| has no derivative at 0; every value in [−λ, λ] is a subgradient, and 0
    (the one of smallest norm) is what PyTorch's ``abs`` backward returns.

    Parameters
    ----------
    w : array_like, any shape
        Weights.
    lam : float
        Strength λ >= 0.

    Returns
    -------
    ndarray
        λ sign(w), shaped like ``w``.

    Raises
    ------
    ParameterError, NotFiniteError, DTypeError
        As :func:`l1`.

    See Also
    --------
    l1_prox : the step that reaches exact zeros, which this subgradient cannot.

    Examples
    --------
    >>> l1_grad([1.0, -2.0, 0.0], lam=0.5)
    array([ 0.5, -0.5,  0. ])
    """
    w, lam = _args(w, lam, "l1_grad")
    return lam * np.sign(w)


def l1_prox(w, lam: float, lr: float) -> np.ndarray:
    """Proximal operator of the L1 penalty: soft thresholding at lr·λ.

    argminₓ ½‖x − w‖² + lr·λ‖x‖₁ separates per coordinate, and each solution is
    ``sign(wᵢ) max(|wᵢ| − lr·λ, 0)``: coordinates with |wᵢ| <= lr·λ become
    exactly 0, the others move lr·λ towards 0.

    Parameters
    ----------
    w : array_like, any shape
        The point v to map (usually w − lr ∇f(w) after a gradient step).
    lam : float
        Strength λ >= 0.
    lr : float
        Step size > 0 of the proximal gradient step.

    Returns
    -------
    ndarray
        The soft-thresholded weights, shaped like ``w``.

    Raises
    ------
    ParameterError
        If lam is negative or lr is not > 0.
    NotFiniteError, DTypeError
        For weights that are not finite and real.

    See Also
    --------
    torch.nn.functional.softshrink : the same map, with threshold lr·λ.

    Examples
    --------
    >>> l1_prox([0.3, -0.05, 2.0], lam=1.0, lr=0.1)  # threshold 0.1
    array([ 0.2, -0. ,  1.9])
    """
    w, lam = _args(w, lam, "l1_prox")
    lr = check_positive_float(lr, "lr", "l1_prox")
    return _soft_threshold(w, lr * lam)


# --- L2: ridge, weight decay ---------------------------------------------------------------


def l2(w, lam: float) -> float:
    """L2 penalty (ridge): R(w) = ½ λ ‖w‖² = ½ λ Σᵢ wᵢ².

    The ½ makes the gradient λw, the ``weight_decay`` term of the optimizers.

    Parameters
    ----------
    w : array_like, any shape
        Weights.
    lam : float
        Strength λ >= 0.

    Returns
    -------
    float
        ½λ‖w‖².

    Raises
    ------
    ParameterError, NotFiniteError, DTypeError
        As :func:`l1`.

    See Also
    --------
    l2_grad, l2_prox : its gradient λw and its proximal operator (shrinkage).

    Examples
    --------
    >>> l2([3.0, 4.0], lam=0.1)  # ½ · 0.1 · 25
    1.25
    """
    w, lam = _args(w, lam, "l2")
    return 0.5 * lam * _squared_norm(w)


def l2_grad(w, lam: float) -> np.ndarray:
    """Gradient of the L2 penalty: λ w.

    Parameters
    ----------
    w : array_like, any shape
        Weights.
    lam : float
        Strength λ >= 0.

    Returns
    -------
    ndarray
        λw, shaped like ``w``.

    Raises
    ------
    ParameterError, NotFiniteError, DTypeError
        As :func:`l1`.

    See Also
    --------
    SGD : ``weight_decay=λ`` adds exactly this to every gradient.

    Examples
    --------
    >>> l2_grad([3.0, 4.0], lam=0.1)
    array([0.3, 0.4])
    """
    w, lam = _args(w, lam, "l2_grad")
    return lam * w


def l2_prox(w, lam: float, lr: float) -> np.ndarray:
    """Proximal operator of the L2 penalty: shrinkage w / (1 + lr·λ).

    Setting the gradient of ½‖x − w‖² + lr·½λ‖x‖² to zero gives
    x − w + lr·λ x = 0, so x = w / (1 + lr·λ): every weight shrinks by the same
    factor and none becomes exactly zero.

    Parameters
    ----------
    w : array_like, any shape
        The point to map.
    lam : float
        Strength λ >= 0.
    lr : float
        Step size > 0.

    Returns
    -------
    ndarray
        The shrunk weights, shaped like ``w``.

    Raises
    ------
    ParameterError, NotFiniteError, DTypeError
        As :func:`l1_prox`.

    See Also
    --------
    l1_prox : the L1 version, which does produce zeros.

    Examples
    --------
    >>> l2_prox([3.0, 4.0], lam=1.0, lr=1.0)  # halved
    array([1.5, 2. ])
    """
    w, lam = _args(w, lam, "l2_prox")
    lr = check_positive_float(lr, "lr", "l2_prox")
    return w / (1.0 + lr * lam)


# --- elastic net: both -----------------------------------------------------------------------


def elastic_net(w, lam: float, l1_ratio: float = 0.5) -> float:
    """Elastic-net penalty: R(w) = λ (ρ‖w‖₁ + ½(1 − ρ)‖w‖²), ρ = ``l1_ratio``.

    scikit-learn's parametrisation (``alpha`` = λ): ρ = 1 is :func:`l1`, ρ = 0
    is :func:`l2`. The L1 part selects features; the L2 part keeps correlated
    features together and makes the problem strongly convex.

    Parameters
    ----------
    w : array_like, any shape
        Weights.
    lam : float
        Overall strength λ >= 0.
    l1_ratio : float, default 0.5
        The L1 share ρ ∈ [0, 1].

    Returns
    -------
    float
        The penalty.

    Raises
    ------
    ParameterError
        If lam is negative or l1_ratio is outside [0, 1].
    NotFiniteError, DTypeError
        For weights that are not finite and real.

    See Also
    --------
    elastic_net_grad, elastic_net_prox : its subgradient and proximal operator.

    Examples
    --------
    >>> elastic_net([1.0, -2.0], lam=1.0, l1_ratio=0.5)  # 0.5 · 3 + 0.25 · 5
    2.75
    """
    w, lam = _args(w, lam, "elastic_net")
    rho = check_probability(l1_ratio, "l1_ratio", "elastic_net")
    return lam * (rho * float(np.abs(w).sum()) + 0.5 * (1.0 - rho) * _squared_norm(w))


def elastic_net_grad(w, lam: float, l1_ratio: float = 0.5) -> np.ndarray:
    """Subgradient of the elastic net: λ (ρ sign(w) + (1 − ρ) w), 0 for the L1 part at wᵢ = 0.

    Parameters
    ----------
    w : array_like, any shape
        Weights.
    lam : float
        Overall strength λ >= 0.
    l1_ratio : float, default 0.5
        The L1 share ρ ∈ [0, 1].

    Returns
    -------
    ndarray
        A subgradient, shaped like ``w``.

    Raises
    ------
    ParameterError, NotFiniteError, DTypeError
        As :func:`elastic_net`.

    See Also
    --------
    l1_grad, l2_grad : its two parts.

    Examples
    --------
    >>> elastic_net_grad([1.0, -2.0, 0.0], lam=1.0, l1_ratio=0.5)
    array([ 1. , -1.5,  0. ])
    """
    w, lam = _args(w, lam, "elastic_net_grad")
    rho = check_probability(l1_ratio, "l1_ratio", "elastic_net_grad")
    return lam * (rho * np.sign(w) + (1.0 - rho) * w)


def elastic_net_prox(w, lam: float, lr: float, l1_ratio: float = 0.5) -> np.ndarray:
    """Proximal operator of the elastic net: soft-threshold at lr·λρ, divide by 1 + lr·λ(1 − ρ).

    The objective ½‖x − w‖² + lr·λρ‖x‖₁ + ½ lr·λ(1 − ρ)‖x‖² separates per
    coordinate; for x ≠ 0 its stationarity condition is
    (1 + lr·λ(1 − ρ)) x = w − lr·λρ sign(x), solved by soft thresholding then
    dividing. Exact zeros where |wᵢ| <= lr·λρ.

    Parameters
    ----------
    w : array_like, any shape
        The point to map.
    lam : float
        Overall strength λ >= 0.
    lr : float
        Step size > 0.
    l1_ratio : float, default 0.5
        The L1 share ρ ∈ [0, 1].

    Returns
    -------
    ndarray
        The mapped weights, shaped like ``w``.

    Raises
    ------
    ParameterError
        If lam is negative, lr is not > 0, or l1_ratio is outside [0, 1].
    NotFiniteError, DTypeError
        For weights that are not finite and real.

    See Also
    --------
    l1_prox, l2_prox : the two maps composed here.

    Examples
    --------
    >>> elastic_net_prox([0.05, 2.1], lam=1.0, lr=0.2, l1_ratio=0.5)  # threshold 0.1, / 1.1
    array([0.  , 1.818...])
    """
    w, lam = _args(w, lam, "elastic_net_prox")
    lr = check_positive_float(lr, "lr", "elastic_net_prox")
    rho = check_probability(l1_ratio, "l1_ratio", "elastic_net_prox")
    return _soft_threshold(w, lr * lam * rho) / (1.0 + lr * lam * (1.0 - rho))
