"""What every optimizer shares: its parameters, gradient checks, ``step`` and ``zero_grad``.

An optimizer holds a list of parameters and changes them IN PLACE, as
``torch.optim`` does. A parameter is either

- a NumPy float array: pass the gradients to ``step(grads)``, one per parameter,
  in the same order; or
- an object with a ``.data`` array and a ``.grad`` attribute (the
  ``mathforml.autodiff`` tensor): ``step()`` reads each ``p.grad`` and
  ``zero_grad()`` sets it back to ``None``.

A gradient of ``None`` skips its parameter for that step (its state, including
Adam's step count, does not advance), as in PyTorch. Everything is validated
before any parameter moves, so a bad gradient leaves the parameters untouched.
Subclasses implement ``_update(p, g, state)`` for one parameter array.
"""

from __future__ import annotations

import numbers
from abc import ABC, abstractmethod

import numpy as np

from ..errors import DTypeError, NotFiniteError, ParameterError, ShapeError

__all__ = ["Optimizer"]


# --- hyperparameter checks (each names the optimizer and the argument) ---------------------


def _real(value, name: str, func: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ParameterError(f"{func}: {name} must be a real number, got {value!r}")
    value = float(value)
    if not np.isfinite(value):
        raise ParameterError(f"{func}: {name} must be a finite number, got {value!r}")
    return value


def check_lr(value, func: str) -> float:
    lr = _real(value, "lr", func)
    if lr <= 0:
        raise ParameterError(f"{func}: lr must be a positive number, got {value!r}")
    return lr


def check_nonnegative(value, name: str, func: str) -> float:
    x = _real(value, name, func)
    if x < 0:
        raise ParameterError(f"{func}: {name} must be a number >= 0, got {value!r}")
    return x


def check_decay(value, name: str, func: str) -> float:
    """A forgetting factor in [0, 1): at 1 the running average would never move."""
    x = _real(value, name, func)
    if not 0 <= x < 1:
        raise ParameterError(f"{func}: {name} must lie in [0, 1), got {value!r}")
    return x


def check_flag(value, name: str, func: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ParameterError(f"{func}: {name} must be True or False, got {value!r}")
    return bool(value)


# --- parameters and gradients --------------------------------------------------------------


def _array_of(p) -> np.ndarray:
    """The array that holds a parameter's values: itself, or its ``.data``."""
    return p if isinstance(p, np.ndarray) else p.data


def _check_params(params, func: str) -> list:
    if isinstance(params, np.ndarray) or _is_tensor_like(params):
        params = [params]
    try:
        params = list(params)
    except TypeError:
        raise ParameterError(
            f"{func}: params must be a list of NumPy float arrays (or of objects with .data "
            f"and .grad), got {type(params).__name__}"
        ) from None
    if not params:
        raise ParameterError(f"{func}: params is empty; give at least one parameter array")
    seen = set()
    for i, p in enumerate(params):
        if not (isinstance(p, np.ndarray) or _is_tensor_like(p)):
            raise DTypeError(
                f"{func}: params[{i}] must be a NumPy float array, which the optimizer "
                f"updates in place, got {type(p).__name__}; convert it once with "
                f"w = np.array(..., dtype=float) and keep using w"
            )
        a = _array_of(p)
        if a.dtype.kind != "f":
            raise DTypeError(
                f"{func}: params[{i}] has dtype {a.dtype}; the optimizer updates it in place, "
                f"so it must be a float array (use w.astype(float))"
            )
        if not a.flags.writeable:
            raise ParameterError(f"{func}: params[{i}] is read-only; it must be writeable")
        if a.size and not (np.isfinite(a.min()) and np.isfinite(a.max())):
            raise NotFiniteError(f"{func}: params[{i}] contains NaN or infinity")
        if id(p) in seen:
            raise ParameterError(f"{func}: params[{i}] appears twice in params")
        seen.add(id(p))
    return params


def _is_tensor_like(p) -> bool:
    return (
        not isinstance(p, np.ndarray)
        and hasattr(p, "grad")
        and isinstance(getattr(p, "data", None), np.ndarray)
    )


def _has_nonfinite(g: np.ndarray) -> bool:
    # min and max propagate NaN and expose ±inf, and unlike np.isfinite(g).all()
    # they allocate nothing: the check costs two reads of g per step.
    return g.size > 0 and not (np.isfinite(g.min()) and np.isfinite(g.max()))


# --- the base class ------------------------------------------------------------------------


class Optimizer(ABC):
    """Base class: holds the parameters and their state, checks gradients, steps.

    ``state[i]`` is a dict with the running quantities of parameter i, named as
    in ``torch.optim`` (``"step"``, ``"momentum_buffer"``, ``"exp_avg"``...),
    filled on the first step that has a gradient for it.
    """

    def __init__(self, params, lr: float) -> None:
        name = type(self).__name__
        self.params = _check_params(params, name)
        self.lr = check_lr(lr, name)
        self.state: list[dict] = [{} for _ in self.params]
        self.n_steps = 0  # completed calls of step()

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._hyperparameters().items())
        return f"{type(self).__name__}({args})"

    def _hyperparameters(self) -> dict:
        return {"lr": self.lr}

    def step(self, grads=None) -> None:
        """Update every parameter in place from its gradient.

        Parameters
        ----------
        grads : list of array_like or None, optional
            One gradient per parameter, each of its parameter's shape (``None``
            entries skip their parameter). Omit it when the parameters carry
            their gradients in ``.grad``.

        Raises
        ------
        ShapeError
            If the number of gradients or a gradient's shape does not match.
        NotFiniteError
            If a gradient holds NaN or infinity (naming its index and the step).
        DTypeError
            If a gradient is not numeric.
        ParameterError
            If ``grads`` is omitted but a parameter is a plain array.
        """
        grads = self._gather_grads(grads)
        for i, (p, g) in enumerate(zip(self.params, grads, strict=True)):
            if g is not None:
                self._update(_array_of(p), g, self.state[i])
        self.n_steps += 1

    def zero_grad(self) -> None:
        """Set ``p.grad = None`` on every parameter object (plain arrays hold no gradient)."""
        for p in self.params:
            if not isinstance(p, np.ndarray):
                p.grad = None

    def _gather_grads(self, grads) -> list:
        name, step = type(self).__name__, self.n_steps + 1
        if grads is None:
            plain = [i for i, p in enumerate(self.params) if isinstance(p, np.ndarray)]
            if plain:
                raise ParameterError(
                    f"{name}: step() was called without grads, but params[{plain[0]}] is a "
                    f"plain array with no .grad; pass the gradients: step(grads)"
                )
            grads = [p.grad for p in self.params]
        elif isinstance(grads, np.ndarray) and len(self.params) == 1:
            grads = [grads]
        else:
            try:
                grads = list(grads)
            except TypeError:
                raise ShapeError(
                    f"{name}: grads must be a list of arrays, one per parameter, got "
                    f"{type(grads).__name__}"
                ) from None
        if len(grads) != len(self.params):
            raise ShapeError(
                f"{name}: got {len(grads)} gradients for {len(self.params)} parameters; "
                f"pass one gradient per parameter, in the same order"
            )
        checked = []
        for i, (p, g) in enumerate(zip(self.params, grads, strict=True)):
            if g is None:
                checked.append(None)
                continue
            try:
                g = np.asarray(g.data if _is_tensor_like(g) else g)
            except ValueError:  # NumPy refuses ragged nested lists
                raise ShapeError(f"{name}: grads[{i}] is a ragged nested list") from None
            if g.dtype.kind not in "biuf":
                raise DTypeError(f"{name}: grads[{i}] must hold real numbers, got dtype {g.dtype}")
            shape = _array_of(p).shape
            if g.shape != shape:
                raise ShapeError(
                    f"{name}: grads[{i}] has shape {g.shape} but params[{i}] has shape "
                    f"{shape}; each gradient must have its parameter's shape"
                )
            if _has_nonfinite(g):
                bad = "NaN" if np.isnan(g).any() else "infinity"
                raise NotFiniteError(
                    f"{name}: grads[{i}] contains {bad} at step {step}; the loss has probably "
                    f"diverged (try a smaller lr) or its gradient is undefined there"
                )
            checked.append(g)
        return checked

    @abstractmethod
    def _update(self, p: np.ndarray, g: np.ndarray, state: dict) -> None:
        """Move one parameter array ``p`` in place, given its checked gradient ``g``."""


def signed_decayed_grad(g, p, weight_decay: float, maximize: bool, out=None) -> np.ndarray:
    """±g + weight_decay·p: the gradient every torch optimizer starts from.

    ``maximize`` flips the sign (ascend instead of descend); weight decay adds
    the gradient λp of the penalty ½λ‖p‖². When either applies the result goes
    to ``out`` (a new array like p if None); otherwise g itself is returned (read,
    never written).
    """
    if not maximize and weight_decay == 0:
        return g
    if out is None:
        out = np.empty_like(p)  # an array even for 0-d p (where ufuncs return scalars)
    if weight_decay == 0:
        return np.negative(g, out=out)
    np.multiply(p, weight_decay, out=out)
    return np.subtract(out, g, out=out) if maximize else np.add(out, g, out=out)
