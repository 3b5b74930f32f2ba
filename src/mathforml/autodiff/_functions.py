"""Elementwise functions: exp, log, and the activations tanh, sigmoid, relu.

Each derivative is written in terms of whichever of input and output makes it
cheapest: (eˣ)' = eˣ, tanh' = 1 − tanh², σ' = σ(1 − σ) reuse the output,
so nothing is computed twice.
"""

from __future__ import annotations

import numpy as np

from ._finite import checked

__all__ = ["FunctionOps"]


class FunctionOps:
    """The elementwise functions of :class:`Tensor` (a mixin: ``self`` is always a Tensor)."""

    __slots__ = ()

    @checked("exp", "overflow: eˣ exceeds the largest float for x > 709 in float64, "
                    "x > 88 in float32")
    def exp(self):
        """eˣ, elementwise."""
        y = np.exp(self.data)
        # d(eˣ)/dx = eˣ
        return self._from_op(y, "exp", (self,), (lambda g: g * y,))

    @checked("log", "log of a negative or zero input")
    def log(self):
        """The natural logarithm, elementwise (inputs must be > 0)."""
        x = self.data
        # d(ln x)/dx = 1/x
        return self._from_op(np.log(x), "log", (self,), (lambda g: g / x,))

    def tanh(self):
        """The hyperbolic tangent, elementwise."""
        y = np.tanh(self.data)
        # d(tanh x)/dx = 1 − tanh² x
        return self._from_op(y, "tanh", (self,), (lambda g: g * (1 - y * y),))

    def sigmoid(self):
        """The logistic function σ(x) = 1/(1 + e⁻ˣ), elementwise, without overflow."""
        x = self.data
        # e^(-|x|) <= 1 never overflows. For x >= 0, σ(x) = 1/(1 + e⁻ˣ); for x < 0 the
        # same value is eˣ/(1 + eˣ), which keeps full relative precision where σ is tiny.
        e = np.exp(-np.abs(x))
        y = np.where(x >= 0, 1, e) / (1 + e)
        # dσ/dx = σ (1 − σ)
        return self._from_op(y, "sigmoid", (self,), (lambda g: g * (1 - y) * y,))

    def relu(self):
        """max(x, 0), elementwise."""
        x = self.data
        # d relu/dx = 1 for x > 0, 0 for x < 0; at 0, 0 (as PyTorch)
        return self._from_op(np.maximum(x, 0), "relu", (self,), (lambda g: g * (x > 0),))
