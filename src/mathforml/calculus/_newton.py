"""Newton–Raphson: a root of f by following the tangent line down to zero.

Near a guess ``x_k`` the first-order Taylor polynomial ``f(x) ≈ f(x_k) + f'(x_k)(x − x_k)``
is a line; where it crosses zero is the next guess::

    x_{k+1} = x_k − f(x_k) / f'(x_k).

For ``f: Rⁿ → Rⁿ`` the tangent line becomes the tangent plane ``f(x_k) + J(x_k)(x − x_k)``,
with the Jacobian ``J[i, j] = ∂f_i/∂x_j``; setting it to zero is a linear system,
``J(x_k) Δ = −f(x_k)``, solved here by LU (:func:`mathforml.linalg.solve`), and
``x_{k+1} = x_k + Δ``.

Near a simple root the error squares at each step (the number of correct digits doubles);
at a multiple root (``f'`` = 0 there too) it only halves. Far from a root, anything can
happen, and the course's quiz "Checking Newton–Raphson" shows it:

* a horizontal tangent, ``f'(x_k) = 0``, has no zero crossing (``x² − 1`` from 0);
* the iterates can cycle: ``x³ − 2x + 2`` from 0 gives 0, 1, 0, 1, …;
* or run away: for ``∛x`` each step doubles ``|x|``.

Each of these raises :class:`~mathforml.errors.ConvergenceError` naming the reason; the
error's ``path`` attribute holds the iterates up to then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .._validation import as_array, check_positive_float, check_positive_int
from ..errors import ConvergenceError, DTypeError, NotFiniteError, ShapeError, SingularMatrixError
from ..linalg import solve
from ._finite_differences import finite_difference, jacobian

__all__ = ["newton_raphson", "NewtonResult"]


class NewtonResult(NamedTuple):
    """What :func:`newton_raphson` returns."""

    x: float | np.ndarray
    """The root: a float, or shape (n,) for a system."""
    path: np.ndarray
    """The iterates ``x_0, x_1, …, x_k``: shape (k + 1,), or (k + 1, n)."""
    values: np.ndarray
    """``f`` at each iterate: shape (k + 1,), or (k + 1, n)."""
    n_iter: int
    """The number of Newton steps taken, k."""


# --------------------------------------------------------------------------- helpers


def _failure(message: str, path: list) -> ConvergenceError:
    """A ConvergenceError carrying the iterates so far as its ``path`` attribute."""
    error = ConvergenceError(message)
    error.path = np.array(path)
    return error


def _scalar(value, what: str, func: str) -> float:
    """One number from ``f`` or ``fprime`` (a scalar or an array of one entry)."""
    value = as_array(value, what, func, allow_nonfinite=True)
    if value.size != 1:
        raise ShapeError(
            f"{func}: {what} must be one number for a scalar x0, got an array of shape "
            f"{value.shape}; for a system of equations give x0 as a vector"
        )
    return float(value.reshape(()))


def _vector(value, n: int, what: str, func: str) -> np.ndarray:
    value = as_array(value, what, func, allow_nonfinite=True)
    if value.shape != (n,):
        raise ShapeError(
            f"{func}: {what} must have shape ({n},) like x0 (as many equations as unknowns), "
            f"got shape {value.shape}"
        )
    return value


def _matrix(value, n: int, func: str) -> np.ndarray:
    value = as_array(value, "fprime(x)", func, allow_nonfinite=True)
    if value.shape != (n, n):
        raise ShapeError(
            f"{func}: fprime(x) must be the ({n}, {n}) Jacobian J[i, j] = ∂f_i/∂x_j, got "
            f"shape {value.shape}"
        )
    return value


def _check_callable(f, name: str, func: str) -> None:
    if not callable(f):
        raise DTypeError(f"{func}: {name} must be a function, got {type(f).__name__} ({f!r})")


def _numerical(derivative: Callable, f: Callable, x, k: int, path: list, func: str):
    """A finite-difference derivative (Jacobian), its failures reported as Newton's."""
    try:
        return derivative(f, x)
    except NotFiniteError as exc:
        raise _failure(
            f"{func}: the numerical derivative at step {k} (x = {x}) needs f finite around x: "
            f"{exc}", path
        ) from None


def _give_up(func: str, max_iter: int, x, residual: float, step: float, first: float,
             path: list) -> ConvergenceError:
    """The cap was reached: say where it ended and whether it was getting anywhere."""
    hint = (
        f"; the residual grew from {first:.3g} at x0, so the iterates are moving away from "
        f"a root: start closer to one"
        if residual > first
        else "; increase max_iter, or loosen tol if the residual is at rounding level "
        "(a multiple root converges slowly)"
    )
    return _failure(
        f"{func}: did not converge in max_iter = {max_iter} steps: at x = {x} the residual "
        f"|f(x)| is {residual:.3g} and the last step was {step:.3g}{hint}",
        path,
    )


# --------------------------------------------------------------------------- one variable


def _newton_1d(f, x0, fprime, tol, max_iter, func) -> NewtonResult:
    x = float(as_array(x0, "x0", func, ndim=0))
    fx = _scalar(f(x), "f(x)", func)
    if not np.isfinite(fx):
        raise NotFiniteError(f"{func}: f(x0) = {fx} at x0 = {x}; start where f is finite")
    path, values = [x], [fx]
    first = abs(fx)
    for k in range(max_iter):
        if fx == 0:
            break
        if fprime is None:
            slope = _numerical(finite_difference, f, x, k, path, func)
        else:
            slope = _scalar(fprime(x), "fprime(x)", func)
        if slope == 0 or not np.isfinite(slope):
            why = "the tangent is horizontal: it never crosses zero" if slope == 0 else (
                "the tangent is vertical")
            raise _failure(
                f"{func}: the derivative is {slope} at step {k} (x = {x}, f(x) = {fx:.6g}): "
                f"{why}; start somewhere else",
                path,
            )
        step = fx / slope  # the tangent f(x) + f'(x)(t − x) is zero at t = x − f(x)/f'(x)
        x_new = x - step
        fx_new = _scalar(f(x_new), "f(x)", func) if np.isfinite(x_new) else np.nan
        if not (np.isfinite(x_new) and np.isfinite(fx_new)):
            raise _failure(
                f"{func}: diverged at step {k + 1}: x = {x_new}, f(x) = {fx_new} is not "
                f"finite (the tangent at x = {x} sent the iterate outside the domain of f)",
                path,
            )
        path.append(x_new)
        values.append(fx_new)
        if abs(x_new - x) <= tol * max(1.0, abs(x_new)):
            x, fx = x_new, fx_new
            break
        if x_new in path[:-2]:
            j = path.index(x_new)
            raise _failure(
                f"{func}: the iterates cycle: step {k + 1} returned to x = {x_new}, the "
                f"iterate of step {j}; start somewhere else",
                path,
            )
        x, fx = x_new, fx_new
    else:
        raise _give_up(func, max_iter, x, abs(fx), abs(path[-1] - path[-2]), first, path)
    return NewtonResult(x, np.array(path), np.array(values), len(path) - 1)


# --------------------------------------------------------------------------- systems


def _newton_nd(f, x0, fprime, tol, max_iter, func) -> NewtonResult:
    x = as_array(x0, "x0", func, ndim=1, copy=True)
    n = x.size
    fx = _vector(f(x.copy()), n, "f(x)", func)
    if not np.isfinite(fx).all():
        raise NotFiniteError(f"{func}: f(x0) = {fx} at x0 = {x}; start where f is finite")
    path, values = [x], [fx]
    first = float(np.sqrt(fx @ fx))
    for k in range(max_iter):
        if not fx.any():
            break
        if fprime is None:
            J = _numerical(jacobian, f, x, k, path, func)
        else:
            J = _matrix(fprime(x.copy()), n, func)
        if not np.isfinite(J).all():
            raise _failure(f"{func}: the Jacobian is not finite at step {k} (x = {x})", path)
        try:
            step = solve(J, -fx)  # J Δ = −f: the tangent plane is zero at x + Δ
        except SingularMatrixError:
            raise _failure(
                f"{func}: the Jacobian is singular at step {k} (x = {x}): the tangent planes "
                f"do not meet in one point; start somewhere else",
                path,
            ) from None
        x_new = x + step
        fx_new = _vector(f(x_new.copy()), n, "f(x)", func) if np.isfinite(x_new).all() else None
        if fx_new is None or not np.isfinite(fx_new).all():
            raise _failure(
                f"{func}: diverged at step {k + 1}: x = {x_new} or f(x) is not finite",
                path,
            )
        path.append(x_new)
        values.append(fx_new)
        if np.abs(step).max() <= tol * max(1.0, np.abs(x_new).max()):
            x, fx = x_new, fx_new
            break
        for j, earlier in enumerate(path[:-2]):
            if np.array_equal(earlier, x_new):
                raise _failure(
                    f"{func}: the iterates cycle: step {k + 1} returned to x = {x_new}, the "
                    f"iterate of step {j}; start somewhere else",
                    path,
                )
        x, fx = x_new, fx_new
    else:
        raise _give_up(func, max_iter, x, float(np.sqrt(fx @ fx)),
                       float(np.abs(path[-1] - path[-2]).max()), first, path)
    return NewtonResult(x, np.array(path), np.array(values), len(path) - 1)


# --------------------------------------------------------------------------- public API


def newton_raphson(
    f: Callable, x0, fprime: Callable | None = None, tol: float = 1e-10, max_iter: int = 50
) -> NewtonResult:
    """A root of ``f`` by Newton–Raphson: ``x_{k+1} = x_k − f(x_k) / f'(x_k)``, path recorded.

    For a system ``f: Rⁿ → Rⁿ`` (``x0`` a vector) each step solves
    ``J(x_k) Δ = −f(x_k)`` with :func:`mathforml.linalg.solve` and sets
    ``x_{k+1} = x_k + Δ``. It stops when a step is at most
    ``tol · max(1, |x|)`` (largest entry for a vector) or ``f(x)`` is exactly 0.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for a float ``x``; or ``f(x) -> array of shape (n,)`` for
        ``x`` of shape (n,).
    x0 : float or array_like of shape (n,)
        The starting guess.
    fprime : callable, optional
        ``f'(x) -> float``, or the Jacobian ``J(x) -> array of shape (n, n)`` with
        ``J[i, j] = ∂f_i/∂x_j``. Default: central differences
        (:func:`finite_difference`, :func:`jacobian`), accurate to about 1e-10, which
        keeps the convergence fast.
    tol : float, default 1e-10
        Relative size of the last step; near a simple root the error is then about
        ``tol²``.
    max_iter : int, default 50

    Returns
    -------
    NewtonResult
        ``x`` (the root), ``path`` (every iterate, ``x0`` first), ``values`` (``f`` at
        each) and ``n_iter`` (steps taken).

    Raises
    ------
    ConvergenceError
        With the reason: a zero (or infinite) derivative, a singular Jacobian, an
        iterate where ``f`` is not finite (divergence), iterates that cycle, or
        ``max_iter`` reached (with the last residual). Its ``path`` attribute holds
        the iterates so far.
    NotFiniteError
        If ``x0`` or ``f(x0)`` is not finite.
    ShapeError
        If ``x0`` is not a scalar or a vector, or ``f`` (``fprime``) returns the wrong
        shape.
    ParameterError
        If ``tol`` is not a positive number or ``max_iter`` not a positive integer.
    DTypeError
        If ``f`` or ``fprime`` is not a function.

    See Also
    --------
    taylor_polynomial : the tangent line is the first-order Taylor polynomial.
    mathforml.optim.minimize : Newton's method on the gradient finds minima.

    Examples
    --------
    >>> result = newton_raphson(lambda x: x**2 - 2, 1.0, lambda x: 2 * x)
    >>> result.x, result.n_iter  # √2
    (1.4142135623730951, 5)
    >>> newton_raphson(lambda v: [v[0] + v[1] - 3, v[0] * v[1] - 2], [0.0, 1.5]).x
    array([1., 2.])
    """
    func = "newton_raphson"
    _check_callable(f, "f", func)
    if fprime is not None:
        _check_callable(fprime, "fprime", func)
    tol = check_positive_float(tol, "tol", func)
    max_iter = check_positive_int(max_iter, "max_iter", func)
    dims = np.ndim(x0)
    if dims not in (0, 1):
        raise ShapeError(
            f"{func}: x0 must be a number or a 1-D vector, got an array of shape "
            f"{np.shape(x0)}"
        )
    newton = _newton_1d if dims == 0 else _newton_nd
    # an overflow inside f shows as a non-finite value, which is reported with its reason
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return newton(f, x0, fprime, tol, max_iter, func)
