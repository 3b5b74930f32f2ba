"""AdaGrad: a learning rate per coordinate, shrinking with its accumulated squared gradient."""

from __future__ import annotations

import numpy as np

from ._optimizer import Optimizer, check_flag, check_nonnegative, signed_decayed_grad

__all__ = ["AdaGrad"]


class AdaGrad(Optimizer):
    """AdaGrad, exactly ``torch.optim.Adagrad``.

    Each coordinate gets its own step size, divided by the root of the sum of
    all its past squared gradients: rarely-updated coordinates (rare features)
    keep large steps, frequently-updated ones slow down. At step t::

        g ← ∇f(w) + λ w                  (−∇f(w) + λ w with maximize)
        η_t ← η / (1 + (t − 1) · lr_decay)
        s ← s + g²                       (s starts at initial_accumulator_value)
        w ← w − η_t · g / (√s + ε)

    Because s only grows, the steps shrink forever; RMSProp and Adam replace
    the sum by a decaying average.

    Parameters
    ----------
    params : ndarray or list of ndarray (or of objects with ``.data`` and ``.grad``)
        Float arrays, updated in place.
    lr : float, default 1e-2
        Learning rate η > 0.
    lr_decay : float, default 0
        Learning-rate decay >= 0 (per step, as above).
    weight_decay : float, default 0
        L2 penalty λ >= 0.
    initial_accumulator_value : float, default 0
        Starting value >= 0 of every entry of s.
    eps : float, default 1e-10
        ε >= 0 added to √s, so a zero accumulator does not divide by zero.
    maximize : bool, default False
        Ascend the objective instead of descending it.

    Attributes
    ----------
    lr : float
        The learning rate η (a schedule may change it between steps).
    state : list of dict
        Per parameter: ``"step"`` and ``"sum"`` (the accumulator s).
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
    RMSProp : AdaGrad with a forgetting accumulator.

    Examples
    --------
    The first step has size η in every coordinate, whatever the gradient's scale:

    >>> w = np.array([1.0, 1.0])
    >>> AdaGrad([w], lr=0.1, eps=0).step([np.array([100.0, 0.01])]); w
    array([0.9, 0.9])
    """

    def __init__(
        self,
        params,
        lr: float = 1e-2,
        lr_decay: float = 0,
        weight_decay: float = 0,
        initial_accumulator_value: float = 0,
        eps: float = 1e-10,
        *,
        maximize: bool = False,
    ) -> None:
        super().__init__(params, lr)
        self.lr_decay = check_nonnegative(lr_decay, "lr_decay", "AdaGrad")
        self.weight_decay = check_nonnegative(weight_decay, "weight_decay", "AdaGrad")
        self.initial_accumulator_value = check_nonnegative(
            initial_accumulator_value, "initial_accumulator_value", "AdaGrad"
        )
        self.eps = check_nonnegative(eps, "eps", "AdaGrad")
        self.maximize = check_flag(maximize, "maximize", "AdaGrad")

    def _hyperparameters(self):
        return {"lr": self.lr, "lr_decay": self.lr_decay, "weight_decay": self.weight_decay,
                "initial_accumulator_value": self.initial_accumulator_value, "eps": self.eps,
                "maximize": self.maximize}  # fmt: skip

    def _update(self, p, g, state):
        if not state:
            state["step"] = 0
            state["sum"] = np.full_like(p, self.initial_accumulator_value)
        state["step"] += 1
        g = signed_decayed_grad(g, p, self.weight_decay, self.maximize)
        clr = self.lr / (1 + (state["step"] - 1) * self.lr_decay)
        s = state["sum"]
        s += g * g
        p -= clr * (g / (np.sqrt(s) + self.eps))
