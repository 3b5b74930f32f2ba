"""Reductions: sum and mean over axes, then softmax, log_softmax and logsumexp.

A sum uses each input entry once, so its gradient copies ∂L/∂sum back to every
entry that was summed (a broadcast, the mirror image of broadcasting's sum).

The softmax family is written as fused operations with their own derivatives
rather than built from exp, sum and division: they need the max-shift for
stability (see ``softmax``), and their derivatives collapse to short formulas
that avoid the n × n Jacobian::

    y = softmax(x):      ∂L/∂x = y ⊙ (g − Σ g ⊙ y)
    y = log_softmax(x):  ∂L/∂x = g − softmax(x) Σ g
    y = logsumexp(x):    ∂L/∂x = g softmax(x)

(sums along the softmax axis, g = ∂L/∂y).
"""

from __future__ import annotations

import math

import numpy as np

from ..errors import ParameterError, ShapeError
from ._axes import normalize_axes, normalize_axis
from ._finite import checked

__all__ = ["ReductionOps"]

_SOFTMAX_HINT = "a row whose entries are all -inf, or an entry that is +inf"


def _check_keepdims(keepdims, op: str) -> bool:
    if not isinstance(keepdims, (bool, np.bool_)):
        raise ParameterError(f"{op}: keepdims must be True or False, got {keepdims!r}")
    return bool(keepdims)


def _spread(g: np.ndarray, axes: tuple[int, ...], keepdims: bool, shape) -> np.ndarray:
    """A reduction's gradient copied back over the reduced axes (a read-only broadcast view)."""
    if not keepdims:
        g = np.expand_dims(g, axes)
    return np.broadcast_to(g, shape)


def _check_not_empty(x: np.ndarray, axes: tuple[int, ...], op: str) -> None:
    if any(x.shape[a] == 0 for a in axes):
        raise ShapeError(
            f"{op}: the tensor has shape {x.shape}, so axis {axes if len(axes) > 1 else axes[0]} "
            f"has no entries; {op} over no entries is undefined (log 0)"
        )


class ReductionOps:
    """The reductions of :class:`Tensor` (a mixin: ``self`` is always a Tensor)."""

    __slots__ = ()

    # --- sum and mean ------------------------------------------------------------------------

    @checked("sum", "an overflow, or inf + (-inf)")
    def sum(self, axis=None, keepdims: bool = False):
        """Σ over ``axis`` (None: all axes; an int or a tuple of ints), like ``np.sum``."""
        axes = normalize_axes(axis, self.shape, "sum")
        keepdims = _check_keepdims(keepdims, "sum")
        shape = self.shape
        # ∂(Σⱼ xⱼ)/∂xᵢ = 1: every summed entry receives the sum's gradient
        return self._from_op(self.data.sum(axis=axes, keepdims=keepdims), "sum", (self,),
                             (lambda g: _spread(g, axes, keepdims, shape),))

    @checked("mean", "an overflow, or inf + (-inf)")
    def mean(self, axis=None, keepdims: bool = False):
        """The mean over ``axis`` (None: all axes; an int or a tuple of ints), like ``np.mean``."""
        axes = normalize_axes(axis, self.shape, "mean")
        keepdims = _check_keepdims(keepdims, "mean")
        shape = self.shape
        n = math.prod(shape[a] for a in axes)
        if n == 0:
            raise ShapeError(
                f"mean: the tensor has shape {shape}; the mean over axis {axis} would average "
                f"no entries (0/0)"
            )
        # ∂(Σⱼ xⱼ / n)/∂xᵢ = 1/n
        return self._from_op(self.data.mean(axis=axes, keepdims=keepdims), "mean", (self,),
                             (lambda g: _spread(g / n, axes, keepdims, shape),))

    # --- the softmax family ------------------------------------------------------------------

    @checked("softmax", _SOFTMAX_HINT)
    def softmax(self, axis: int = -1):
        """softmax(x)ᵢ = e^{xᵢ} / Σⱼ e^{xⱼ} along ``axis``: positive entries that sum to 1."""
        ax = normalize_axis(axis, self.shape, "axis", "softmax")
        x = self.data
        # softmax(x) = softmax(x − c) for every constant c. With c = max x every exponent is
        # <= 0, so exp cannot overflow, and the largest term is e⁰ = 1, so the sum is >= 1.
        e = np.exp(x - x.max(axis=ax, keepdims=True, initial=-np.inf))
        y = e / e.sum(axis=ax, keepdims=True)

        def grad(g):  # ∂yᵢ/∂xⱼ = yᵢ (δᵢⱼ − yⱼ)
            return y * (g - (g * y).sum(axis=ax, keepdims=True))

        return self._from_op(y, "softmax", (self,), (grad,))

    @checked("log_softmax", _SOFTMAX_HINT)
    def log_softmax(self, axis: int = -1):
        """log softmax(x) = x − logsumexp(x) along ``axis``, without forming softmax's log."""
        ax = normalize_axis(axis, self.shape, "axis", "log_softmax")
        x = self.data
        _check_not_empty(x, (ax,), "log_softmax")
        # the max-shift as in softmax; the shifted sum is >= 1, so its log is >= 0 and finite
        z = x - x.max(axis=ax, keepdims=True)
        y = z - np.log(np.exp(z).sum(axis=ax, keepdims=True))

        def grad(g):  # ∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ
            return g - np.exp(y) * g.sum(axis=ax, keepdims=True)

        return self._from_op(y, "log_softmax", (self,), (grad,))

    @checked("logsumexp", _SOFTMAX_HINT)
    def logsumexp(self, axis=-1, keepdims: bool = False):
        """log Σ eˣ over ``axis`` (an int, a tuple of ints, or None for all), without overflow."""
        axes = normalize_axes(axis, self.shape, "logsumexp")
        keepdims = _check_keepdims(keepdims, "logsumexp")
        x = self.data
        _check_not_empty(x, axes, "logsumexp")
        # log Σ eˣ = m + log Σ e^(x − m) with m = max x: the exponents are <= 0 (no overflow)
        # and the sum is >= 1 (no log of 0, even when every eˣ underflows)
        m = x.max(axis=axes, keepdims=True)
        lse = m + np.log(np.exp(x - m).sum(axis=axes, keepdims=True))
        out = lse if keepdims else np.squeeze(lse, axis=axes)

        def grad(g):  # ∂(log Σ eˣ)/∂xᵢ = e^{xᵢ} / Σ eˣ = softmax(x)ᵢ
            return (g if keepdims else np.expand_dims(g, axes)) * np.exp(x - lse)

        return self._from_op(out, "logsumexp", (self,), (grad,))
