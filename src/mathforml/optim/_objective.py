"""The function being minimized, behind one door: every call checked and counted.

``minimize``, ``line_search`` and ``minimize_constrained`` call ``f``, its
gradient and its Hessian only through an :class:`Objective`, which

* checks what comes back (one number from ``f``, shape (n,) from the gradient,
  (n, n) from the Hessian), so a wrong shape is reported by the public function
  the user called, not as a NumPy traceback from deep inside an update;
* fills in what the caller did not give: the gradient by central differences
  (``2n`` calls of ``f``), the Hessian by differencing the gradient (``2n``
  gradient calls) or, without a gradient, by second differences of ``f``;
* counts calls (``nfev``, ``njev``, ``nhev``, as SciPy reports them; the calls
  that numerical derivatives make are counted where they happen).

Values may be NaN or infinite: deciding what that means (a diverging run, a
line-search trial to reject) is the caller's job.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .._validation import as_array
from ..calculus._finite_differences import _partials, _second_differences
from ..errors import DTypeError, ShapeError

__all__ = ["Objective", "check_function"]


def check_function(f, name: str, func: str, *, optional: bool = False) -> None:
    """Require a callable (or None when ``optional``)."""
    if f is None and optional:
        return
    if not callable(f):
        raise DTypeError(f"{func}: {name} must be a function, got {type(f).__name__} ({f!r})")


class Objective:
    """``f: Rⁿ → R`` with its gradient ``jac`` and Hessian ``hess`` (None: numerical)."""

    def __init__(self, f: Callable, jac: Callable | None, hess: Callable | None, n: int,
                 func: str) -> None:
        self.f, self.jac, self.hess_fn = f, jac, hess
        self.n, self.func = n, func
        self.nfev = self.njev = self.nhev = 0

    def fun(self, x: np.ndarray) -> float:
        self.nfev += 1
        y = as_array(self.f(x), "the value of f", self.func, allow_nonfinite=True)
        if y.size != 1:
            raise ShapeError(
                f"{self.func}: f must return a scalar (one number), got an array of shape "
                f"{y.shape}; minimize a sum or a norm of it"
            )
        return float(y.reshape(()))

    def grad(self, x: np.ndarray) -> np.ndarray:
        if self.jac is None:
            # Central differences: 2n values of f, accurate to about eps^(2/3) ≈ 4e-11.
            return _partials(self.fun, x, None, "central", self.func, scalar=True)
        self.njev += 1
        g = as_array(self.jac(x), "the value of jac", self.func, allow_nonfinite=True)
        if g.shape != (self.n,):
            raise ShapeError(
                f"{self.func}: jac must return an array of shape ({self.n},) (one partial "
                f"derivative per entry of x), got shape {g.shape}"
            )
        return g

    def hess(self, x: np.ndarray) -> np.ndarray:
        if self.hess_fn is None:
            if self.jac is None:  # second differences of f: 2n² + 1 values
                return _second_differences(self.fun, x, None, self.func)
            J = _partials(self.grad, x, None, "central", self.func, scalar=False, what="jac")
            return (J + J.T) / 2
        self.nhev += 1
        H = as_array(self.hess_fn(x), "the value of hess", self.func, allow_nonfinite=True)
        if H.shape != (self.n, self.n):
            raise ShapeError(
                f"{self.func}: hess must return an array of shape ({self.n}, {self.n}), got "
                f"shape {H.shape}"
            )
        # The quadratic model gᵀd + ½ dᵀHd sees only the symmetric part of H.
        return (H + H.T) / 2
