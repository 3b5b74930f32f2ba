"""Gradient descent, then stochastic gradient descent with momentum, as in ``torch.optim.SGD``."""

from __future__ import annotations

import numpy as np

from ..errors import ParameterError
from ._optimizer import (
    Optimizer,
    check_decay,
    check_flag,
    check_nonnegative,
    signed_decayed_grad,
)

__all__ = ["GradientDescent", "SGD"]


class GradientDescent(Optimizer):
    """Plain gradient descent: w ← w − η ∇f(w).

    The first optimizer of every course: step against the gradient, by a
    fixed learning rate η. It equals ``torch.optim.SGD(params, lr)`` with every
    option off, and :class:`SGD` with its defaults.

    Parameters
    ----------
    params : ndarray or list of ndarray (or of objects with ``.data`` and ``.grad``)
        Float arrays, updated in place.
    lr : float
        Learning rate η > 0.

    Attributes
    ----------
    lr : float
        The learning rate (a schedule may change it between steps).
    n_steps : int
        Completed calls of :meth:`step`.

    Raises
    ------
    ParameterError
        If lr is not > 0, or params is empty or read-only.
    DTypeError
        If a parameter is not a NumPy float array.

    See Also
    --------
    SGD : with momentum, Nesterov and weight decay.

    Examples
    --------
    Minimise f(w) = ‖w‖² (gradient 2w):

    >>> w = np.array([1.0, -2.0])
    >>> opt = GradientDescent([w], lr=0.25)
    >>> opt.step([2 * w]); w
    array([ 0.5, -1. ])
    """

    def _update(self, p, g, state):
        p -= self.lr * g


class SGD(Optimizer):
    """Stochastic gradient descent with momentum, exactly ``torch.optim.SGD``.

    With learning rate η, momentum μ, dampening τ and weight decay λ, each
    step does::

        g ← ∇f(w) + λ w                 (−∇f(w) + λ w with maximize)
        b ← g                            on the first step
        b ← μ b + (1 − τ) g              afterwards   (only if μ ≠ 0)
        g ← g + μ b  (Nesterov)   or   g ← b
        w ← w − η g

    The momentum buffer b is a running sum of past gradients, so steps along
    a consistent direction grow (up to 1/(1 − μ) times) while oscillating
    components cancel. Nesterov's variant looks one step ahead along b.

    Parameters
    ----------
    params : ndarray or list of ndarray (or of objects with ``.data`` and ``.grad``)
        Float arrays, updated in place.
    lr : float, default 1e-3
        Learning rate η > 0.
    momentum : float, default 0
        Momentum factor μ ∈ [0, 1).
    dampening : float, default 0
        Dampening τ ∈ [0, 1] of the gradient added to the buffer.
    weight_decay : float, default 0
        L2 penalty λ >= 0 (adds λw to the gradient: see :func:`l2_grad`).
    nesterov : bool, default False
        Nesterov momentum (needs μ > 0 and τ = 0).
    maximize : bool, default False
        Ascend the objective instead of descending it.

    Attributes
    ----------
    lr : float
        The learning rate (a schedule may change it between steps).
    state : list of dict
        Per parameter, ``"momentum_buffer"`` once momentum is on.
    n_steps : int
        Completed calls of :meth:`step`.

    Raises
    ------
    ParameterError
        For a hyperparameter out of range, or Nesterov without momentum or with dampening.
    DTypeError
        If a parameter is not a NumPy float array.

    See Also
    --------
    GradientDescent : the plain method.
    Adam : adaptive step sizes per coordinate.

    Examples
    --------
    >>> w = np.array([1.0])
    >>> opt = SGD([w], lr=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     opt.step([2 * w])   # f(w) = w², buffer 2.0 then 0.9·2 + 1.6
    >>> w
    array([0.46])
    """

    def __init__(
        self,
        params,
        lr: float = 1e-3,
        momentum: float = 0,
        dampening: float = 0,
        weight_decay: float = 0,
        nesterov: bool = False,
        *,
        maximize: bool = False,
    ) -> None:
        super().__init__(params, lr)
        self.momentum = check_decay(momentum, "momentum", "SGD")
        self.dampening = check_nonnegative(dampening, "dampening", "SGD")
        if self.dampening > 1:
            raise ParameterError(f"SGD: dampening must lie in [0, 1], got {dampening!r}")
        self.weight_decay = check_nonnegative(weight_decay, "weight_decay", "SGD")
        self.nesterov = check_flag(nesterov, "nesterov", "SGD")
        self.maximize = check_flag(maximize, "maximize", "SGD")
        if self.nesterov and (self.momentum == 0 or self.dampening != 0):
            raise ParameterError(
                f"SGD: Nesterov momentum needs momentum > 0 and dampening = 0, got "
                f"momentum={momentum!r}, dampening={dampening!r}"
            )

    def _hyperparameters(self):
        return {"lr": self.lr, "momentum": self.momentum, "dampening": self.dampening,
                "weight_decay": self.weight_decay, "nesterov": self.nesterov,
                "maximize": self.maximize}  # fmt: skip

    def _update(self, p, g, state):
        g = signed_decayed_grad(g, p, self.weight_decay, self.maximize)
        if self.momentum != 0:
            buf = state.get("momentum_buffer")
            if buf is None:
                # The first buffer is the gradient itself, not (1 − τ) g: torch's choice.
                buf = state["momentum_buffer"] = np.array(g, dtype=p.dtype)
            else:
                buf *= self.momentum
                buf += (1 - self.dampening) * g
            g = g + self.momentum * buf if self.nesterov else buf
        p -= self.lr * g
