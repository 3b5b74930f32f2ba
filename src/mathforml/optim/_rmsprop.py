"""RMSProp: divide each coordinate's step by a running root-mean-square of its gradients."""

from __future__ import annotations

import numpy as np

from ._optimizer import Optimizer, check_decay, check_flag, check_nonnegative, signed_decayed_grad

__all__ = ["RMSProp"]


class RMSProp(Optimizer):
    """RMSProp, exactly ``torch.optim.RMSprop``.

    AdaGrad's accumulated sum of squared gradients becomes an exponentially
    decaying average, so old gradients are forgotten and steps do not shrink
    forever. With smoothing α::

        g ← ∇f(w) + λ w                     (−∇f(w) + λ w with maximize)
        v ← α v + (1 − α) g²                mean square
        ḡ ← α ḡ + (1 − α) g                 mean (centered only)
        d ← √(v − ḡ²) + ε  (centered)   or   √v + ε
        b ← μ b + g / d;  w ← w − η b       (momentum μ > 0)
        w ← w − η g / d                     (otherwise)

    The centered variant divides by an estimate of the gradient's standard
    deviation rather than its root mean square. (v − ḡ² >= 0 in exact
    arithmetic; rounding can make it a tiny negative number where torch's
    square root returns NaN, so we clip it at 0.)

    Parameters
    ----------
    params : ndarray or list of ndarray (or of objects with ``.data`` and ``.grad``)
        Float arrays, updated in place.
    lr : float, default 1e-2
        Learning rate η > 0.
    alpha : float, default 0.99
        Smoothing constant α ∈ [0, 1).
    eps : float, default 1e-8
        ε >= 0 added to the denominator.
    weight_decay : float, default 0
        L2 penalty λ >= 0.
    momentum : float, default 0
        Momentum factor μ ∈ [0, 1).
    centered : bool, default False
        Normalise by the running variance instead of the running mean square.
    maximize : bool, default False
        Ascend the objective instead of descending it.

    Attributes
    ----------
    lr : float
        The learning rate (a schedule may change it between steps).
    state : list of dict
        Per parameter: ``"step"``, ``"square_avg"`` (v), and ``"momentum_buffer"`` (b)
        and ``"grad_avg"`` (ḡ) when used.
    n_steps : int
        Completed calls of :meth:`step`.

    Raises
    ------
    ParameterError
        For a hyperparameter out of range.
    DTypeError
        If a parameter is not a NumPy float array.

    See Also
    --------
    AdaGrad : the undecayed sum.
    Adam : RMSProp plus a bias-corrected momentum.

    Examples
    --------
    >>> w = np.array([1.0])
    >>> RMSProp([w], lr=0.01, alpha=0.99, eps=0).step([np.array([3.0])])
    >>> w  # v = 0.01·9, so the step is 0.01 · 3/0.3 = 0.1
    array([0.9])
    """

    def __init__(
        self,
        params,
        lr: float = 1e-2,
        alpha: float = 0.99,
        eps: float = 1e-8,
        weight_decay: float = 0,
        momentum: float = 0,
        centered: bool = False,
        *,
        maximize: bool = False,
    ) -> None:
        super().__init__(params, lr)
        self.alpha = check_decay(alpha, "alpha", "RMSProp")
        self.eps = check_nonnegative(eps, "eps", "RMSProp")
        self.weight_decay = check_nonnegative(weight_decay, "weight_decay", "RMSProp")
        self.momentum = check_decay(momentum, "momentum", "RMSProp")
        self.centered = check_flag(centered, "centered", "RMSProp")
        self.maximize = check_flag(maximize, "maximize", "RMSProp")

    def _hyperparameters(self):
        return {"lr": self.lr, "alpha": self.alpha, "eps": self.eps,
                "weight_decay": self.weight_decay, "momentum": self.momentum,
                "centered": self.centered, "maximize": self.maximize}  # fmt: skip

    def _update(self, p, g, state):
        if not state:
            state["step"] = 0
            state["square_avg"] = np.zeros_like(p)
            if self.momentum > 0:
                state["momentum_buffer"] = np.zeros_like(p)
            if self.centered:
                state["grad_avg"] = np.zeros_like(p)
        state["step"] += 1
        g = signed_decayed_grad(g, p, self.weight_decay, self.maximize)
        alpha, v = self.alpha, state["square_avg"]
        v *= alpha
        v += (1 - alpha) * g * g
        if self.centered:
            g_avg = state["grad_avg"]
            g_avg += (1 - alpha) * (g - g_avg)  # α ḡ + (1 − α) g, as torch's lerp computes it
            d = np.sqrt(np.maximum(v - g_avg * g_avg, 0.0))
        else:
            d = np.sqrt(v)
        d += self.eps
        if self.momentum > 0:
            buf = state["momentum_buffer"]
            buf *= self.momentum
            buf += g / d
            p -= self.lr * buf
        else:
            p -= self.lr * (g / d)
