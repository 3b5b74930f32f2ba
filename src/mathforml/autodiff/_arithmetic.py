"""Arithmetic: ``+ - * / ** @`` and negation, each with its derivatives beside it.

Every method computes the forward value with NumPy and hands
``Tensor._from_op`` one function per input, ``g ↦ g · ∂out/∂input``, where
``g = ∂L/∂out``. Broadcasting is undone by the graph (``unbroadcast``), so the
functions here may return gradients of the broadcast shape.

The reflected forms (``2 - x``, ``array @ x``) turn the other operand into a
constant tensor and reuse the same code.
"""

from __future__ import annotations

import numbers

import numpy as np

from ..errors import ShapeError
from ._finite import checked

__all__ = ["ArithmeticOps"]


def _broadcast(ufunc, a, b, op: str) -> np.ndarray:
    """``ufunc(a.data, b.data)``, with a ShapeError naming both shapes if they do not broadcast."""
    try:
        return ufunc(a.data, b.data)
    except ValueError:
        raise ShapeError(
            f"{op}: a has shape {a.shape} and b has shape {b.shape}; they cannot be broadcast "
            f"together (aligned on the right, each pair of dimensions must be equal or one of "
            f"them 1)"
        ) from None


def _matmul_shape_error(a, b) -> ShapeError:
    if a.ndim == 0 or b.ndim == 0:
        which = "a" if a.ndim == 0 else "b"
        return ShapeError(
            f"matmul: a has shape {a.shape} and b has shape {b.shape}; {which} is a scalar, "
            f"and a matrix product needs at least 1-D operands (use * to scale)"
        )
    k_a = a.shape[-1]
    k_b = b.shape[-2] if b.ndim >= 2 else b.shape[0]
    if k_a != k_b:
        b_dim = "second-to-last dimension" if b.ndim >= 2 else "length"
        return ShapeError(
            f"matmul: a has shape {a.shape} and b has shape {b.shape}; a's last dimension "
            f"({k_a}) must equal b's {b_dim} ({k_b})"
        )
    return ShapeError(
        f"matmul: a has shape {a.shape} and b has shape {b.shape}; their batch dimensions "
        f"{a.shape[:-2]} and {b.shape[:-2]} cannot be broadcast together"
    )


def _mT(x: np.ndarray) -> np.ndarray:
    """The matrix transpose of the last two axes (a view)."""
    return np.swapaxes(x, -1, -2)


class ArithmeticOps:
    """The arithmetic operators of :class:`Tensor` (a mixin: ``self`` is always a Tensor)."""

    __slots__ = ()

    # --- sums and differences ----------------------------------------------------------------

    @checked("add", "an overflow, or inf + (-inf)")
    def __add__(self, other):
        a, b = self, self._lift(other, "add")
        # ∂(a + b)/∂a = ∂(a + b)/∂b = 1: the gradient passes through to both
        return self._from_op(_broadcast(np.add, a, b, "add"), "add", (a, b),
                             (lambda g: g, lambda g: g))

    def __radd__(self, other):
        return self._lift(other, "add") + self

    @checked("sub", "an overflow, or inf - inf")
    def __sub__(self, other):
        a, b = self, self._lift(other, "sub")
        # ∂(a - b)/∂a = 1, ∂(a - b)/∂b = -1
        return self._from_op(_broadcast(np.subtract, a, b, "sub"), "sub", (a, b),
                             (lambda g: g, np.negative))

    def __rsub__(self, other):
        return self._lift(other, "sub") - self

    def __neg__(self):
        # ∂(-a)/∂a = -1
        return self._from_op(np.negative(self.data), "neg", (self,), (np.negative,))

    # --- products and quotients --------------------------------------------------------------

    @checked("mul", "an overflow, or 0 * inf")
    def __mul__(self, other):
        a, b = self, self._lift(other, "mul")
        A, B = a.data, b.data
        # ∂(ab)/∂a = b, ∂(ab)/∂b = a
        return self._from_op(_broadcast(np.multiply, a, b, "mul"), "mul", (a, b),
                             (lambda g: g * B, lambda g: g * A))

    def __rmul__(self, other):
        return self._lift(other, "mul") * self

    @checked("div", "division by zero, 0/0, inf/inf or an overflow")
    def __truediv__(self, other):
        a, b = self, self._lift(other, "div")
        A, B = a.data, b.data
        # ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = -a/b², as (a/b)/b: b² alone may overflow
        return self._from_op(_broadcast(np.divide, a, b, "div"), "div", (a, b),
                             (lambda g: g / B, lambda g: -g * (A / B / B)))

    def __rtruediv__(self, other):
        return self._lift(other, "div") / self

    # --- powers ------------------------------------------------------------------------------

    @checked("pow", "a negative base to a non-integer power, 0 to a negative power, or an "
                    "overflow")
    def __pow__(self, exponent):
        a, A = self, self.data
        if isinstance(exponent, numbers.Real) and not isinstance(exponent, bool):
            # a constant exponent: the power rule. A NumPy scalar becomes a Python number,
            # which does not promote float32 to float64.
            p = exponent.item() if isinstance(exponent, np.generic) else exponent

            def grad_base(g):
                if p == 0:  # x⁰ = 1 everywhere, even at 0 (where p x^(p-1) would be 0 · inf)
                    return np.zeros_like(g)
                return g * (p * A ** (p - 1))  # ∂(xᵖ)/∂x = p xᵖ⁻¹

            return self._from_op(np.power(A, p), "pow", (a,), (grad_base,))

        b = self._lift(exponent, "pow")
        B = b.data
        out = _broadcast(np.power, a, b, "pow")

        def grad_tensor_base(g):
            # ∂(aᵇ)/∂a = b aᵇ⁻¹, taken as 0 where b = 0 (PyTorch's convention), computed
            # only where b ≠ 0 so that 0⁻¹ is never formed
            d = np.zeros(out.shape, dtype=out.dtype)
            np.power(A, B - 1, out=d, where=B != 0)
            return g * (B * d)

        def grad_exponent(g):
            # ∂(aᵇ)/∂b = aᵇ ln a, taken as 0 where a = 0 and b >= 0 (the limit from a > 0)
            ln_a = np.zeros(out.shape, dtype=out.dtype)
            np.log(A, out=ln_a, where=(A != 0) | (B < 0))
            return g * (out * ln_a)

        return self._from_op(out, "pow", (a, b), (grad_tensor_base, grad_exponent))

    def __rpow__(self, other):
        return self._lift(other, "pow") ** self

    # --- the matrix product ------------------------------------------------------------------

    @checked("matmul", "an overflow")
    def __matmul__(self, other):
        a, b = self, self._lift(other, "matmul")
        try:
            out = np.matmul(a.data, b.data)
        except ValueError:
            raise _matmul_shape_error(a, b) from None
        A, B = a.data, b.data

        def grad_a(g):  # C = A B  ⇒  ∂L/∂A = ∂L/∂C Bᵀ
            if A.ndim == 1 and B.ndim == 1:  # a dot product: ∂(a·b)/∂a = b
                return g * B
            if B.ndim == 1:  # C = A b, (…, n): ∂L/∂A = outer(∂L/∂C, b)
                return g[..., None] * B
            if A.ndim == 1:  # C = a B, (…, m): a acts as a row (1, k)
                g = g[..., None, :]
            return g @ _mT(B)  # (…, n, k), or (…, 1, k), summed back to (k,) by unbroadcast

        def grad_b(g):  # C = A B  ⇒  ∂L/∂B = Aᵀ ∂L/∂C
            if A.ndim == 1 and B.ndim == 1:
                return g * A
            if A.ndim == 1:  # C = a B: ∂L/∂B = outer(a, ∂L/∂C)
                return A[:, None] * g[..., None, :]
            if B.ndim == 1:  # C = A b: b acts as a column (k, 1)
                return (_mT(A) @ g[..., None])[..., 0]
            return _mT(A) @ g

        return self._from_op(out, "matmul", (a, b), (grad_a, grad_b))

    def __rmatmul__(self, other):
        return self._lift(other, "matmul") @ self
