"""Test landscapes for optimizers: Rosenbrock's banana valley and a double well.

A landscape is a plain function ``f(x) -> float`` that carries its derivatives
as attributes, ``f.grad(x)`` and ``f.hess(x)``, so that it can be handed to
:func:`~mathforml.optim.minimize` with or without them::

    minimize(rosenbrock, x0, method="newton", jac=rosenbrock.grad, hess=rosenbrock.hess)

* **Rosenbrock** (1960), ``Σ_i 100 (x_{i+1} − x_i²)² + (1 − x_i)²``: one global
  minimum at ``(1, …, 1)`` at the bottom of a long, curved, flat valley. Easy to
  find the valley, hard to follow it: the classic test of a method's steps.
  It is not convex (its Hessian is indefinite where ``x_{i+1} > x_i² + 1/200``).
* **Double well**, ``(x_0² − 1)² + Σ_{i≥1} x_i²``: two global minima at
  ``x_0 = ±1`` separated by a saddle at the origin. Which minimum a descent
  method finds depends on where it starts: the picture of non-convexity.
"""

from __future__ import annotations

import numpy as np

from .._validation import as_vector
from ..errors import ShapeError

__all__ = ["rosenbrock", "double_well"]


def _rosenbrock_x(x, func: str) -> np.ndarray:
    x = as_vector(x, "x", func)
    if x.size < 2:
        raise ShapeError(f"{func}: x must have at least 2 entries, got shape {x.shape}")
    return x


# --------------------------------------------------------------------------- Rosenbrock


def rosenbrock(x) -> float:
    """The n-dimensional Rosenbrock function: ``f(x) = Σ_i 100 (x_{i+1} − x_i²)² + (1 − x_i)²``.

    The sum runs over ``i = 0 … n−2``; the minimum is ``f(1, …, 1) = 0`` and
    the standard start is ``(−1.2, 1, −1.2, 1, …)``. Its derivatives are
    attributes: ``rosenbrock.grad(x)`` (shape (n,)) and ``rosenbrock.hess(x)``
    (shape (n, n), tridiagonal). The same function as ``scipy.optimize.rosen``.

    Parameters
    ----------
    x : array_like, shape (n,), n >= 2

    Returns
    -------
    float

    Raises
    ------
    ShapeError
        If ``x`` is not a vector of at least 2 entries.
    NotFiniteError
        If ``x`` holds NaN or infinity.

    See Also
    --------
    double_well : a landscape with two minima.
    minimize : try every method on it.

    Examples
    --------
    >>> rosenbrock([1.0, 1.0, 1.0])
    0.0
    >>> rosenbrock([-1.2, 1.0])
    24.2
    >>> rosenbrock.grad([-1.2, 1.0])
    array([-215.6,  -88. ])
    """
    x = _rosenbrock_x(x, "rosenbrock")
    return float(np.sum(100.0 * (x[1:] - x[:-1] ** 2) ** 2 + (1.0 - x[:-1]) ** 2))


def _rosenbrock_grad(x) -> np.ndarray:
    """∇f: ``∂f/∂x_i = −400 x_i (x_{i+1} − x_i²) − 2 (1 − x_i) + 200 (x_i − x_{i−1}²)``.

    The first term exists for ``i < n−1``, the last for ``i > 0``.
    """
    x = _rosenbrock_x(x, "rosenbrock.grad")
    valley = x[1:] - x[:-1] ** 2  # x_{i+1} − x_i², (n−1,)
    g = np.zeros_like(x)
    g[:-1] = -400.0 * x[:-1] * valley - 2.0 * (1.0 - x[:-1])
    g[1:] += 200.0 * valley
    return g


def _rosenbrock_hess(x) -> np.ndarray:
    """∇²f, tridiagonal: ``H_ii = 1200 x_i² − 400 x_{i+1} + 2 (+ 200)``, ``H_{i,i+1} = −400 x_i``.

    On the diagonal, ``1200 x_i² − 400 x_{i+1} + 2`` comes from term ``i``
    (for ``i < n−1``) and ``200`` from term ``i−1`` (for ``i > 0``).
    """
    x = _rosenbrock_x(x, "rosenbrock.hess")
    n = x.size
    H = np.zeros((n, n))
    diag = np.zeros(n)
    diag[:-1] = 1200.0 * x[:-1] ** 2 - 400.0 * x[1:] + 2.0
    diag[1:] += 200.0
    off = -400.0 * x[:-1]
    idx = np.arange(n)
    H[idx, idx] = diag
    H[idx[:-1], idx[1:]] = off
    H[idx[1:], idx[:-1]] = off
    return H


rosenbrock.grad = _rosenbrock_grad
rosenbrock.hess = _rosenbrock_hess


# --------------------------------------------------------------------------- double well


def _double_well_x(x, func: str) -> np.ndarray:
    x = as_vector(x, "x", func)
    if x.size < 1:
        raise ShapeError(f"{func}: x must have at least 1 entry, got shape {x.shape}")
    return x


def double_well(x) -> float:
    """A double well: ``f(x) = (x_0² − 1)² + Σ_{i≥1} x_i²``, two minima at ``x_0 = ±1``.

    Both minima ``(±1, 0, …, 0)`` have ``f = 0``; the origin is a saddle
    (a maximum along ``x_0``). The Hessian's first entry, ``12 x_0² − 4``, is
    negative for ``|x_0| < 1/√3``: the landscape is not convex there. The
    derivatives are attributes: ``double_well.grad(x)`` and ``double_well.hess(x)``.

    Parameters
    ----------
    x : array_like, shape (n,), n >= 1

    Returns
    -------
    float

    Raises
    ------
    ShapeError
        If ``x`` is not a non-empty vector.
    NotFiniteError
        If ``x`` holds NaN or infinity.

    See Also
    --------
    rosenbrock : a landscape with one minimum in a curved valley.
    is_convex : finds where this landscape fails to be convex.

    Examples
    --------
    >>> double_well([1.0, 0.0]), double_well([0.0, 0.0])
    (0.0, 1.0)
    >>> double_well.hess([0.0, 0.0])
    array([[-4.,  0.],
           [ 0.,  2.]])
    """
    x = _double_well_x(x, "double_well")
    return float((x[0] ** 2 - 1.0) ** 2 + x[1:] @ x[1:])


def _double_well_grad(x) -> np.ndarray:
    """∇f = ``(4 x_0 (x_0² − 1), 2 x_1, …, 2 x_{n−1})``."""
    x = _double_well_x(x, "double_well.grad")
    g = 2.0 * x
    g[0] = 4.0 * x[0] * (x[0] ** 2 - 1.0)
    return g


def _double_well_hess(x) -> np.ndarray:
    """∇²f = ``diag(12 x_0² − 4, 2, …, 2)``."""
    x = _double_well_x(x, "double_well.hess")
    d = np.full(x.size, 2.0)
    d[0] = 12.0 * x[0] ** 2 - 4.0
    return np.diag(d)


double_well.grad = _double_well_grad
double_well.hess = _double_well_hess
