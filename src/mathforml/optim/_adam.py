"""Adam and AdamW: momentum plus RMSProp, with bias correction, as in ``torch.optim``.

The update is written with in-place NumPy ufuncs (``out=``) into arrays kept
between steps, so a step allocates no memory however large the parameters
are: on 10⁶ parameters that is what makes it as fast as PyTorch's (see
``benchmarks/optim.py``). Each block of ufunc calls is one line of the
algorithm, quoted in the comment above it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..errors import ParameterError
from ._optimizer import (
    Optimizer,
    check_decay,
    check_flag,
    check_nonnegative,
    signed_decayed_grad,
)

__all__ = ["Adam", "AdamW"]


def _check_betas(betas, func: str) -> tuple[float, float]:
    if not (isinstance(betas, Sequence) and len(betas) == 2):
        raise ParameterError(f"{func}: betas must be a pair (beta1, beta2), got {betas!r}")
    return check_decay(betas[0], "betas[0]", func), check_decay(betas[1], "betas[1]", func)


class Adam(Optimizer):
    """Adam, exactly ``torch.optim.Adam``.

    A momentum average m of the gradients, divided coordinate-wise by the root
    of an average v of their squares (RMSProp), both corrected for starting at
    zero. At step t::

        g ← ∇f(w) + λ w                      (−∇f(w) + λ w with maximize)
        m ← β₁ m + (1 − β₁) g                first moment
        v ← β₂ v + (1 − β₂) g²               second moment
        v̂ ← max(v̂, v)  (amsgrad)   or   v̂ ← v
        w ← w − η/(1 − β₁ᵗ) · m / (√v̂ / √(1 − β₂ᵗ) + ε)

    m and v start at 0, so early on they underestimate the gradient's moments
    by the factors 1 − β₁ᵗ and 1 − β₂ᵗ; dividing them out is the bias
    correction. ε sits outside the square root, added to the corrected √v̂.

    Parameters
    ----------
    params : ndarray or list of ndarray (or of objects with ``.data`` and ``.grad``)
        Float arrays, updated in place.
    lr : float, default 1e-3
        Learning rate η > 0.
    betas : (float, float), default (0.9, 0.999)
        Decay rates β₁, β₂ ∈ [0, 1) of the two moment averages.
    eps : float, default 1e-8
        ε >= 0 added to the denominator.
    weight_decay : float, default 0
        L2 penalty λ >= 0, added to the gradient (so it is rescaled by v like
        the gradient; :class:`AdamW` decouples it).
    amsgrad : bool, default False
        Divide by the running maximum of v (AMSGrad), so steps never grow back.
    maximize : bool, default False
        Ascend the objective instead of descending it.

    Attributes
    ----------
    lr : float
        The learning rate (a schedule may change it between steps).
    state : list of dict
        Per parameter: ``"step"``, ``"exp_avg"`` (m), ``"exp_avg_sq"`` (v) and,
        with amsgrad, ``"max_exp_avg_sq"``; keys starting with ``_`` are scratch space.
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
    AdamW : decoupled weight decay.
    RMSProp, SGD : its two ingredients.

    Examples
    --------
    The first step moves every coordinate by η, whatever its gradient's scale:

    >>> w = np.array([1.0, 1.0])
    >>> Adam([w], lr=0.1).step([np.array([1e3, 1e-3])]); w  # the step is η g/(|g| + ε)
    array([0.9     , 0.900001])
    """

    _decoupled = False  # AdamW sets it: weight decay shrinks w directly

    def __init__(
        self,
        params,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 0,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
    ) -> None:
        name = type(self).__name__
        super().__init__(params, lr)
        self.betas = _check_betas(betas, name)
        self.eps = check_nonnegative(eps, "eps", name)
        self.weight_decay = check_nonnegative(weight_decay, "weight_decay", name)
        self.amsgrad = check_flag(amsgrad, "amsgrad", name)
        self.maximize = check_flag(maximize, "maximize", name)

    def _hyperparameters(self):
        return {"lr": self.lr, "betas": self.betas, "eps": self.eps,
                "weight_decay": self.weight_decay, "amsgrad": self.amsgrad,
                "maximize": self.maximize}  # fmt: skip

    def _update(self, p, g, state):
        beta1, beta2 = self.betas
        lr, wd = self.lr, self.weight_decay
        if not state:
            state["step"] = 0
            state["exp_avg"] = np.zeros_like(p)
            state["exp_avg_sq"] = np.zeros_like(p)
            if self.amsgrad:
                state["max_exp_avg_sq"] = np.zeros_like(p)
            state["_work"] = np.empty_like(p)
            if self.maximize or (wd != 0 and not self._decoupled):
                state["_grad"] = np.empty_like(p)
        state["step"] += 1
        t, m, v, work = state["step"], state["exp_avg"], state["exp_avg_sq"], state["_work"]

        if self._decoupled:
            # AdamW: w ← w − η λ w, outside the adaptive scaling
            g = signed_decayed_grad(g, p, 0.0, self.maximize, out=state.get("_grad"))
            if wd != 0:
                p *= 1 - lr * wd
        else:
            g = signed_decayed_grad(g, p, wd, self.maximize, out=state.get("_grad"))

        # m ← β₁ m + (1 − β₁) g, computed as torch's lerp: m + (1 − β₁)(g − m)
        np.subtract(g, m, out=work)
        work *= 1 - beta1
        m += work
        # v ← β₂ v + (1 − β₂) g²
        v *= beta2
        np.multiply(g, g, out=work)
        work *= 1 - beta2
        v += work

        bias_correction1 = 1 - beta1**t
        # ** 0.5 rather than math.sqrt: the same rounding as torch
        bias_correction2_sqrt = (1 - beta2**t) ** 0.5
        step_size = lr / bias_correction1
        if self.amsgrad:
            # v̂ ← max(v̂, v): the denominator never shrinks, so steps never grow back
            v = np.maximum(state["max_exp_avg_sq"], v, out=state["max_exp_avg_sq"])

        # denominator √v̂ / √(1 − β₂ᵗ) + ε
        np.sqrt(v, out=work)
        work /= bias_correction2_sqrt
        work += self.eps
        # w ← w − step_size · m / denominator
        np.divide(m, work, out=work)
        work *= -step_size
        p += work


class AdamW(Adam):
    """AdamW, exactly ``torch.optim.AdamW``: Adam with decoupled weight decay.

    In :class:`Adam`, weight decay λw joins the gradient and is then divided by
    √v̂ like it, so heavily-updated weights are barely decayed. AdamW instead
    shrinks the weights directly, before the Adam step::

        w ← w − η λ w
        (then Adam's update, without λ in the gradient)

    Parameters
    ----------
    params : ndarray or list of ndarray (or of objects with ``.data`` and ``.grad``)
        Float arrays, updated in place.
    lr : float, default 1e-3
        Learning rate η > 0.
    betas : (float, float), default (0.9, 0.999)
        Decay rates β₁, β₂ ∈ [0, 1).
    eps : float, default 1e-8
        ε >= 0 added to the denominator.
    weight_decay : float, default 1e-2
        Decoupled decay rate λ >= 0 (note the non-zero default, as in torch).
    amsgrad : bool, default False
        Use the running maximum of v (AMSGrad).
    maximize : bool, default False
        Ascend the objective instead of descending it.

    Attributes
    ----------
    lr : float
        The learning rate (a schedule may change it between steps).
    state : list of dict
        As :class:`Adam`.
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
    Adam : coupled (L2) weight decay.

    Examples
    --------
    With a zero gradient only the decay acts: w ← (1 − ηλ) w.

    >>> w = np.array([2.0])
    >>> AdamW([w], lr=0.1, weight_decay=0.5).step([np.array([0.0])]); w
    array([1.9])
    """

    _decoupled = True

    def __init__(
        self,
        params,
        lr: float = 1e-3,
        betas: tuple[float, float] = (0.9, 0.999),
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        amsgrad: bool = False,
        *,
        maximize: bool = False,
    ) -> None:
        super().__init__(params, lr, betas, eps, weight_decay, amsgrad, maximize=maximize)
