"""Learning-rate schedules: set an optimizer's ``lr`` once per epoch, like torch's ``lr_scheduler``.

A schedule wraps an optimizer and, at each call of ``step()`` (after the
epoch's optimizer steps), sets ``optimizer.lr`` to the next value. Like
PyTorch's schedulers the updates are multiplicative ("chainable"): each new
rate is computed from the optimizer's current one, so they reproduce torch's
values to the last bit; each docstring also gives the closed form.
"""

from __future__ import annotations

import math

from .._validation import check_positive_float, check_positive_int
from ..errors import ParameterError
from ._optimizer import Optimizer, check_nonnegative

__all__ = ["StepLR", "ExponentialLR", "CosineAnnealingLR"]


class _Schedule:
    """The shared part: the optimizer, its starting rate, the epoch counter."""

    def __init__(self, optimizer) -> None:
        if not isinstance(optimizer, Optimizer):
            raise ParameterError(
                f"{type(self).__name__}: optimizer must be a mathforml.optim optimizer "
                f"(SGD, Adam, ...), got {type(optimizer).__name__}"
            )
        self.optimizer = optimizer
        self.base_lr = optimizer.lr
        self.last_epoch = 0

    def __repr__(self) -> str:
        return f"{type(self).__name__}(last_epoch={self.last_epoch}, lr={self.optimizer.lr!r})"

    def step(self) -> float:
        """End an epoch: advance ``last_epoch``, set and return the optimizer's next rate.

        (PyTorch's ``step`` returns None; returning the rate makes the schedule easy to see.)
        """
        self.last_epoch += 1
        self.optimizer.lr = self._next_lr(self.optimizer.lr)
        return self.optimizer.lr

    def get_last_lr(self) -> float:
        """The learning rate the optimizer now uses."""
        return self.optimizer.lr


class StepLR(_Schedule):
    """Multiply the learning rate by γ every ``step_size`` epochs: η_t = η₀ γ^⌊t / step_size⌋.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer whose ``lr`` this schedule sets (η₀ is its ``lr`` now).
    step_size : int
        Epochs between decays, >= 1.
    gamma : float, default 0.1
        Factor γ > 0.

    Attributes
    ----------
    last_epoch : int
        Calls of :meth:`step` so far (epoch t).
    base_lr : float
        η₀.

    Raises
    ------
    ParameterError
        If optimizer is not an optimizer, step_size is not a positive integer, or gamma is
        not > 0.

    See Also
    --------
    torch.optim.lr_scheduler.StepLR : the reference.

    Examples
    --------
    >>> import numpy as np
    >>> from mathforml.optim import SGD
    >>> schedule = StepLR(SGD([np.zeros(1)], lr=1.0), step_size=2, gamma=0.5)
    >>> [schedule.step() for epoch in range(5)]  # the rate after each epoch
    [1.0, 0.5, 0.5, 0.25, 0.25]
    """

    def __init__(self, optimizer, step_size: int, gamma: float = 0.1) -> None:
        super().__init__(optimizer)
        self.step_size = check_positive_int(step_size, "step_size", "StepLR")
        self.gamma = check_positive_float(gamma, "gamma", "StepLR")

    def _next_lr(self, lr: float) -> float:
        return lr * self.gamma if self.last_epoch % self.step_size == 0 else lr


class ExponentialLR(_Schedule):
    """Multiply the learning rate by γ every epoch: η_t = η₀ γᵗ.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer whose ``lr`` this schedule sets.
    gamma : float
        Factor γ > 0 (below 1 to decay).

    Attributes
    ----------
    last_epoch : int
        Calls of :meth:`step` so far (epoch t).
    base_lr : float
        η₀.

    Raises
    ------
    ParameterError
        If optimizer is not an optimizer or gamma is not > 0.

    See Also
    --------
    torch.optim.lr_scheduler.ExponentialLR : the reference.

    Examples
    --------
    >>> import numpy as np
    >>> from mathforml.optim import SGD
    >>> schedule = ExponentialLR(SGD([np.zeros(1)], lr=1.0), gamma=0.5)
    >>> [schedule.step() for epoch in range(3)]
    [0.5, 0.25, 0.125]
    """

    def __init__(self, optimizer, gamma: float) -> None:
        super().__init__(optimizer)
        self.gamma = check_positive_float(gamma, "gamma", "ExponentialLR")

    def _next_lr(self, lr: float) -> float:
        return lr * self.gamma


class CosineAnnealingLR(_Schedule):
    """Anneal the learning rate from η₀ to η_min along half a cosine over ``T_max`` epochs.

    Closed form::

        η_t = η_min + ½ (η₀ − η_min) (1 + cos(π t / T_max))

    which reaches η_min at t = T_max and then climbs back (a period of 2·T_max).
    Like PyTorch we apply it as a ratio of consecutive terms,

        η_t − η_min = (η_{t−1} − η_min) · (1 + cos(π t/T)) / (1 + cos(π (t−1)/T)),

    with the additive form η_t = η_{t−1} + ½(η₀ − η_min)(1 − cos(π/T)) at the
    bottom of each period, where that ratio would divide by zero. The recursive
    form gives torch's values exactly; it drifts from the closed form by
    rounding only, at most 40 ε·η₀ over five periods in the tests.

    Parameters
    ----------
    optimizer : Optimizer
        The optimizer whose ``lr`` this schedule sets (η₀ is its ``lr`` now).
    T_max : int
        Epochs of the half period, >= 1.
    eta_min : float, default 0
        The lowest rate η_min >= 0.

    Attributes
    ----------
    last_epoch : int
        Calls of :meth:`step` so far (epoch t).
    base_lr : float
        η₀.

    Raises
    ------
    ParameterError
        If optimizer is not an optimizer, T_max is not a positive integer, or eta_min is
        negative.

    See Also
    --------
    torch.optim.lr_scheduler.CosineAnnealingLR : the reference.

    Examples
    --------
    >>> import numpy as np
    >>> from mathforml.optim import SGD
    >>> schedule = CosineAnnealingLR(SGD([np.zeros(1)], lr=1.0), T_max=4)
    >>> [round(schedule.step(), 4) for epoch in range(6)]  # down to 0 at T_max, then back up
    [0.8536, 0.5, 0.1464, 0.0, 0.1464, 0.5]
    """

    def __init__(self, optimizer, T_max: int, eta_min: float = 0.0) -> None:
        super().__init__(optimizer)
        self.T_max = check_positive_int(T_max, "T_max", "CosineAnnealingLR")
        self.eta_min = check_nonnegative(eta_min, "eta_min", "CosineAnnealingLR")

    def _next_lr(self, lr: float) -> float:
        t, T, eta_min = self.last_epoch, self.T_max, self.eta_min
        if (t - 1 - T) % (2 * T) == 0:
            # t − 1 is a bottom of the cosine: 1 + cos(π (t−1)/T) = 0
            return lr + (self.base_lr - eta_min) * (1 - math.cos(math.pi / T)) / 2
        return (
            (1 + math.cos(math.pi * t / T)) / (1 + math.cos(math.pi * (t - 1) / T))
            * (lr - eta_min)
            + eta_min
        )
