"""Numerical derivatives by finite differences, and the gradient check that debugs backprop.

The derivative is a limit, ``f'(x) = lim_{h→0} (f(x + h) − f(x)) / h``, and a
computer can only take ``h`` small, not to zero. Two errors pull ``h`` in
opposite directions:

* **truncation**: Taylor's theorem, ``f(x + h) = f(x) + h f'(x) + h²/2 f''(ξ)``,
  leaves an error ``h/2 · |f''|`` in the forward difference. The central
  difference ``(f(x + h) − f(x − h)) / 2h`` cancels the ``h²`` terms, leaving
  ``h²/6 · |f'''|``.
* **rounding**: each ``f`` value carries a relative error of about
  ``eps = 2.2e-16``, and the subtraction divides it by ``h``: ``eps · |f| / h``.

Minimizing the sum gives the step sizes used here (``|x|`` scales them, since
the spacing of floating-point numbers grows with ``|x|``):

==========  ==========================  ============  ======================
method      default h                   truncation    best total error
==========  ==========================  ============  ======================
forward     ``√eps · max(1, |x|)``      ``O(h)``      ``~ √eps ≈ 1e-8``
backward    ``√eps · max(1, |x|)``      ``O(h)``      ``~ √eps ≈ 1e-8``
central     ``eps^(1/3) · max(1, |x|)`` ``O(h²)``     ``~ eps^(2/3) ≈ 4e-11``
==========  ==========================  ============  ======================

Second derivatives divide by ``h²``, so the rounding term is ``eps · |f| / h²``
and the best step is ``eps^(1/4) · max(1, |x|)`` (error ``~ √eps``); differencing
an exact gradient instead keeps the first-derivative accuracy.

One more detail from *Numerical Recipes* (§5.7): ``x + h`` is rounded, so the
step actually taken is ``(x + h) − x``, not ``h``. Every quotient here divides
by the distance between the points where ``f`` was evaluated, which is exact.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .._validation import as_array, as_vector, check_choice, check_positive_float
from ..errors import DTypeError, NotFiniteError, ParameterError, ShapeError

__all__ = [
    "finite_difference",
    "gradient",
    "jacobian",
    "hessian",
    "check_gradient",
    "GradientCheck",
]

EPS = np.finfo(np.float64).eps
METHODS = ("central", "forward", "backward")
# The optimal step for each method, in units of max(1, |x|): the h that balances the
# truncation error against the rounding error eps·|f|/h (or eps·|f|/h² for 2nd derivatives).
_STEP = {"central": EPS ** (1 / 3), "forward": EPS**0.5, "backward": EPS**0.5}
_STEP_SECOND = EPS**0.25


# --------------------------------------------------------------------------- helpers


def _evaluate(f: Callable, x, func: str, what: str, where: str, shape, scalar: bool):
    """One checked call of ``f``: numbers, a scalar or 1-D output of a fixed shape, finite.

    ``shape`` is the output shape seen at the first point (None before it).
    """
    y = as_array(f(x), f"the value of {what}", func, allow_nonfinite=True)
    if scalar:
        if y.size != 1:
            raise ShapeError(
                f"{func}: {what} must return a scalar (one number), got an array of shape "
                f"{y.shape}; for a vector-valued function use jacobian"
            )
        y = y.reshape(())
    elif shape is None and y.ndim > 1:
        raise ShapeError(
            f"{func}: {what} must return a scalar or a 1-D vector, got shape {y.shape}"
        )
    if shape is not None and y.shape != shape:
        raise ShapeError(
            f"{func}: {what} returned shape {y.shape} at {where} but {shape} at the first "
            f"point; its output shape must not depend on x"
        )
    if not np.isfinite(y).all():
        bad = "NaN" if np.isnan(y).any() else "infinity"
        raise NotFiniteError(
            f"{func}: {what} returned {bad} at {where}; a finite difference needs finite "
            f"values on both sides of x (is x at the edge of the domain?)"
        )
    return y


def _moved(x: np.ndarray, j: int, value: float) -> np.ndarray:
    """``x`` with coordinate ``j`` replaced: the point ``x ± h e_j``."""
    y = x.copy()
    y[j] = value
    return y


def _step_too_small(func: str, h: float, j: int, xj: float) -> ParameterError:
    return ParameterError(
        f"{func}: the step h = {h:.3g} is below the spacing of floating-point numbers at "
        f"x[{j}] = {xj:.17g} (x + h == x); leave h=None for a step scaled to |x|"
    )


def _steps(x: np.ndarray, h: float | None, scale: float) -> np.ndarray:
    """Per-coordinate steps: ``h`` if given, else ``scale · max(1, |x_j|)``."""
    if h is not None:
        return np.full(x.shape, h)
    return scale * np.maximum(1.0, np.abs(x))


def _partials(
    f: Callable,
    x: np.ndarray,
    h: float | None,
    method: str,
    func: str,
    *,
    scalar: bool,
    what: str = "f",
    f0: np.ndarray | None = None,
) -> np.ndarray:
    """Difference quotients along every coordinate: shape ``f(x).shape + (n,)``.

    Column ``j`` is ``(f(x + h_j e_j) − f(x − h_j e_j)) / (2 h_j)`` for the
    central method; forward and backward replace one side by ``x`` itself
    (``f0``, when the caller already knows ``f(x)``).
    """
    steps = _steps(x, h, _STEP[method])
    hi = x + steps if method != "backward" else x
    lo = x - steps if method != "forward" else x
    if (hi == lo).any():
        j = int(np.argmax(hi == lo))
        raise _step_too_small(func, steps[j], j, x[j])
    shape = None if f0 is None else f0.shape
    if f0 is None and (method != "central" or x.size == 0):
        f0 = _evaluate(f, x.copy(), func, what, "x", None, scalar)
        shape = f0.shape
    columns = []
    for j in range(x.size):
        if method == "backward":
            f_hi = f0
        else:
            f_hi = _evaluate(f, _moved(x, j, hi[j]), func, what, f"x + h·e_{j}", shape, scalar)
            shape = f_hi.shape
        if method == "forward":
            f_lo = f0
        else:
            f_lo = _evaluate(f, _moved(x, j, lo[j]), func, what, f"x − h·e_{j}", shape, scalar)
        # Divide by the distance between the two points, not by h: x_j + h is rounded.
        columns.append((f_hi - f_lo) / (hi[j] - lo[j]))
    if not columns:
        return np.empty(shape + (0,))
    return np.stack(columns, axis=-1)


def _check_method(method, func: str) -> str:
    return check_choice(method, "method", func, METHODS)


def _check_h(h, func: str) -> float | None:
    return None if h is None else check_positive_float(h, "h", func)


def _check_callable(f, name: str, func: str) -> None:
    if not callable(f):
        raise DTypeError(f"{func}: {name} must be a function, got {type(f).__name__} ({f!r})")


# --------------------------------------------------------------------------- derivatives


def finite_difference(
    f: Callable, x, h: float | None = None, method: str = "central", *, direction=None
) -> float:
    """Derivative of a function of one variable by a central, forward or backward difference.

    The three quotients and their errors (the module docstring derives the steps):

    * central  ``(f(x + h) − f(x − h)) / 2h``, error ``h²/6 · |f'''|``,
      default ``h = eps^(1/3) · max(1, |x|) ≈ 6e-6 · max(1, |x|)``;
    * forward  ``(f(x + h) − f(x)) / h``, error ``h/2 · |f''|``,
      default ``h = √eps · max(1, |x|) ≈ 1.5e-8 · max(1, |x|)``;
    * backward ``(f(x) − f(x − h)) / h``, same error and step as forward.

    A smaller ``h`` is not better: below the default, rounding (``eps·|f|/h``)
    grows faster than truncation shrinks.

    With ``direction=v`` it is the directional derivative
    ``d/dt f(x + t v) at t = 0 = ∇f(x) · v`` of a function of a vector.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``; with ``direction``, ``f`` takes a vector of shape (n,).
    x : float, or array_like of shape (n,) when ``direction`` is given
    h : float, optional
        The step (in ``t`` for a direction). Default: the optimal step above;
        with a direction it is divided by ``max|v|`` so that each coordinate
        moves by about the usual step.
    method : {"central", "forward", "backward"}, default "central"
    direction : array_like, shape (n,), optional
        Not normalized: the result scales with ``v``.

    Returns
    -------
    float

    Raises
    ------
    ParameterError
        If ``method`` is unknown or ``h`` is not a finite number > 0.
    ShapeError
        If ``x`` is not a scalar (without a direction), ``x`` and ``direction``
        differ in shape, or ``f`` does not return one number.
    NotFiniteError
        If ``x`` is not finite or ``f`` is not finite at a point it is evaluated.

    See Also
    --------
    gradient : all partial derivatives of ``f: Rⁿ → R``.

    Examples
    --------
    >>> import math
    >>> round(finite_difference(math.sin, 0.0), 10)  # cos(0)
    1.0
    >>> round(finite_difference(lambda x: x[0] * x[1], [2.0, 3.0], direction=[1.0, 1.0]), 8)
    5.0
    """
    func = "finite_difference"
    _check_callable(f, "f", func)
    method = _check_method(method, func)
    h = _check_h(h, func)
    if direction is None:
        x = as_array(x, "x", func, ndim=0)

        def phi(t):
            return f(float(t[0]))

        t = x.reshape(1)
    else:
        x = as_vector(x, "x", func)
        v = as_vector(direction, "direction", func)
        if x.shape != v.shape:
            raise ShapeError(
                f"{func}: x has shape {x.shape} and direction has shape {v.shape}; they "
                f"must have the same length"
            )
        if h is None:  # move each coordinate by about the usual step: h·|v_j| <= h₀·max(1, |x|)
            vmax = np.abs(v).max() if v.size else 0.0
            xmax = np.abs(x).max() if x.size else 0.0
            h = _STEP[method] * max(1.0, xmax) / (vmax if vmax > 0 else 1.0)

        def phi(t):
            return f(x + t[0] * v)

        t = np.zeros(1)
    return float(_partials(phi, t, h, method, func, scalar=True)[0])


def gradient(f: Callable, x, h: float | None = None, method: str = "central") -> np.ndarray:
    """Gradient of ``f: Rⁿ → R`` by finite differences, one coordinate at a time.

    ``∂f/∂x_j ≈ (f(x + h_j e_j) − f(x − h_j e_j)) / 2h_j`` (central), with
    ``h_j = eps^(1/3) · max(1, |x_j|)``: accurate to about ``1e-10`` relative,
    for ``2n`` evaluations of ``f`` (``n + 1`` for forward/backward, accurate
    to about ``1e-8``). See :func:`finite_difference` for the step choice.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for ``x`` of shape (n,).
    x : array_like, shape (n,)
    h : float, optional
        One step for every coordinate; default per coordinate as above.
    method : {"central", "forward", "backward"}, default "central"

    Returns
    -------
    ndarray, shape (n,)

    Raises
    ------
    ParameterError
        If ``method`` is unknown or ``h`` is not a finite number > 0.
    ShapeError
        If ``x`` is not a 1-D vector or ``f`` does not return one number.
    NotFiniteError
        If ``x`` is not finite or ``f`` is not finite where it is evaluated.

    See Also
    --------
    jacobian : the same for vector-valued functions.
    check_gradient : compare an analytic gradient with this one.

    Examples
    --------
    >>> gradient(lambda x: x[0] ** 2 + 3 * x[1], [1.0, 2.0])  # [2 x₀, 3]
    array([2., 3.])
    """
    func = "gradient"
    _check_callable(f, "f", func)
    method = _check_method(method, func)
    h = _check_h(h, func)
    x = as_vector(x, "x", func)
    return _partials(f, x, h, method, func, scalar=True)


def jacobian(f: Callable, x, h: float | None = None, method: str = "central") -> np.ndarray:
    """Jacobian of ``f: Rⁿ → Rᵐ`` by finite differences: ``J[i, j] = ∂f_i/∂x_j``, shape (m, n).

    Column ``j`` is ``(f(x + h_j e_j) − f(x − h_j e_j)) / 2h_j`` (central), so
    the whole matrix costs ``2n`` evaluations of ``f`` whatever ``m`` is; the
    steps are those of :func:`gradient`. Row ``i`` is the gradient of ``f_i``.

    Parameters
    ----------
    f : callable
        ``f(x) -> array of shape (m,)`` (or a scalar) for ``x`` of shape (n,).
    x : array_like, shape (n,)
    h : float, optional
    method : {"central", "forward", "backward"}, default "central"

    Returns
    -------
    ndarray, shape (m, n)
        Shape (n,) when ``f`` returns a scalar (like ``torch.autograd``: the
        output's shape followed by the input's).

    Raises
    ------
    ParameterError
        If ``method`` is unknown or ``h`` is not a finite number > 0.
    ShapeError
        If ``x`` is not a 1-D vector, or ``f`` returns a 2-D array or outputs of
        different shapes at different points.
    NotFiniteError
        If ``x`` is not finite or ``f`` is not finite where it is evaluated.

    See Also
    --------
    gradient : the Jacobian of a scalar function.
    hessian : the Jacobian of the gradient.

    Examples
    --------
    >>> jacobian(lambda x: [x[0] * x[1], x[0] + x[1]], [2.0, 3.0])  # [[x₁, x₀], [1, 1]]
    array([[3., 2.],
           [1., 1.]])
    """
    func = "jacobian"
    _check_callable(f, "f", func)
    method = _check_method(method, func)
    h = _check_h(h, func)
    x = as_vector(x, "x", func)
    return _partials(f, x, h, method, func, scalar=False)


def _second_differences(f: Callable, x: np.ndarray, h: float | None, func: str) -> np.ndarray:
    """The Hessian from values of ``f`` alone: second differences, ``2n² + 1`` evaluations.

    With ``a_i`` and ``b_i`` the steps forward and back along ``e_i``
    (equal up to the rounding of ``x_i ± h_i``)::

        H_ii ≈ 2 [(f(x + a_i e_i) − f(x)) / a_i − (f(x) − f(x − b_i e_i)) / b_i] / (a_i + b_i)
        H_ij ≈ [f(+a_i, +a_j) − f(+a_i, −b_j) − f(−b_i, +a_j) + f(−b_i, −b_j)]
               / ((a_i + b_i)(a_j + b_j))

    both with truncation error ``O(h²)``; ``h ~ eps^(1/4)`` balances it against
    the rounding error ``eps · |f| / h²``.
    """
    n = x.size
    steps = _steps(x, h, _STEP_SECOND)
    hi, lo = x + steps, x - steps
    if (hi == x).any() or (lo == x).any():
        j = int(np.argmax((hi == x) | (lo == x)))
        raise _step_too_small(func, steps[j], j, x[j])
    a, b = hi - x, x - lo

    def at(i, xi, j=None, xj=None, where=""):
        y = _moved(x, i, xi)
        if j is not None:
            y[j] = xj
        return _evaluate(f, y, func, "f", where, (), True)

    f0 = _evaluate(f, x.copy(), func, "f", "x", None, True)
    H = np.empty((n, n))
    for i in range(n):
        fp = at(i, hi[i], where=f"x + h·e_{i}")
        fm = at(i, lo[i], where=f"x − h·e_{i}")
        H[i, i] = 2 * ((fp - f0) / a[i] - (f0 - fm) / b[i]) / (a[i] + b[i])
        for j in range(i):
            where = f"x ± h·e_{i} ± h·e_{j}"
            fpp = at(i, hi[i], j, hi[j], where)
            fpm = at(i, hi[i], j, lo[j], where)
            fmp = at(i, lo[i], j, hi[j], where)
            fmm = at(i, lo[i], j, lo[j], where)
            H[i, j] = H[j, i] = (fpp - fpm - fmp + fmm) / ((hi[i] - lo[i]) * (hi[j] - lo[j]))
    return H


def hessian(f: Callable, x, h: float | None = None, *, grad: Callable | None = None) -> np.ndarray:
    """Hessian of ``f: Rⁿ → R`` by finite differences: ``H[i, j] = ∂²f/∂x_i∂x_j``, symmetric.

    Two ways, by what is known:

    * from ``f`` alone, second differences (``2n² + 1`` evaluations) with
      ``h_i = eps^(1/4) · max(1, |x_i|) ≈ 1.2e-4 · max(1, |x_i|)``: accurate to
      about ``√eps ≈ 1e-8`` times the scale of ``f``;
    * from an exact gradient ``grad``, the Jacobian of the gradient by central
      differences (``2n`` gradient evaluations), symmetrized as ``(J + Jᵀ)/2``:
      accurate to about ``1e-10``.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for ``x`` of shape (n,); not called when ``grad`` is given.
    x : array_like, shape (n,)
    h : float, optional
        One step for every coordinate; default as above.
    grad : callable, optional, keyword-only
        ``grad(x) -> array of shape (n,)``, the gradient of ``f``.

    Returns
    -------
    ndarray, shape (n, n)
        Exactly symmetric.

    Raises
    ------
    ParameterError
        If ``h`` is not a finite number > 0.
    ShapeError
        If ``x`` is not a 1-D vector, ``f`` does not return one number, or
        ``grad`` does not return shape (n,).
    NotFiniteError
        If ``x`` is not finite or ``f`` (``grad``) is not finite where it is evaluated.

    See Also
    --------
    jacobian : the Hessian is the Jacobian of the gradient.
    mathforml.optim.is_convex : convexity is a positive semidefinite Hessian.

    Examples
    --------
    >>> H = hessian(lambda x: x[0] ** 2 * x[1], [1.0, 2.0])  # [[2 x₁, 2 x₀], [2 x₀, 0]]
    >>> np.round(H, 6)
    array([[4., 2.],
           [2., 0.]])
    """
    func = "hessian"
    h = _check_h(h, func)
    x = as_vector(x, "x", func)
    if grad is None:
        _check_callable(f, "f", func)
        return _second_differences(f, x, h, func)
    _check_callable(grad, "grad", func)
    J = _partials(grad, x, h, "central", func, scalar=False, what="grad")
    if J.shape != (x.size, x.size):
        raise ShapeError(
            f"{func}: grad must return a vector of shape {x.shape} (one partial derivative "
            f"per entry of x), got shape {J.shape[:-1]}"
        )
    return (J + J.T) / 2


# --------------------------------------------------------------------------- gradient check


@dataclass(frozen=True, eq=False)
class GradientCheck:
    """``check_gradient``'s verdict; true exactly when the check passed."""

    relative_error: float  # ‖g − g_num‖ / max(‖g‖, ‖g_num‖, tiny)
    passed: bool  # relative_error <= tol
    gradient: np.ndarray  # (n,), the gradient under test
    numerical_gradient: np.ndarray  # (n,), central differences
    worst_index: int | None  # the coordinate with the largest |g − g_num| (None if n = 0)
    tol: float

    def __bool__(self) -> bool:
        return self.passed


def check_gradient(
    f: Callable, grad, x, *, h: float | None = None, tol: float = 1e-6
) -> GradientCheck:
    """Compare a gradient with central differences, as used to debug backpropagation.

    ``relative_error = ‖g − g_num‖ / max(‖g‖, ‖g_num‖, tiny)`` (2-norms), with
    ``g_num`` from :func:`gradient`. A correct gradient gives about ``1e-10``
    on smooth functions; a wrong one (a missing factor, a transposed term)
    gives ``1e-2`` or more. The relative error is scale-free, but near a
    minimum ``‖g‖`` is small while the rounding error of ``g_num`` is about
    ``eps^(2/3) · |f|``: check at a generic point, not at the optimum.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for ``x`` of shape (n,).
    grad : callable or array_like
        The gradient under test: ``grad(x) -> array of shape (n,)``, or its
        value at ``x`` (e.g. what your backward pass computed).
    x : array_like, shape (n,)
    h : float, optional, keyword-only
        The finite-difference step (default as in :func:`gradient`).
    tol : float, default 1e-6, keyword-only

    Returns
    -------
    GradientCheck
        ``relative_error``, ``passed``, ``gradient``, ``numerical_gradient``,
        ``worst_index`` and ``tol``; ``bool(result)`` is ``passed``.

    Raises
    ------
    ParameterError
        If ``h`` or ``tol`` is not a finite number > 0.
    ShapeError
        If ``x`` is not a 1-D vector, ``f`` does not return one number, or the
        gradient does not have the shape of ``x``.
    NotFiniteError
        If ``x``, the gradient or ``f`` near ``x`` is not finite.

    See Also
    --------
    gradient : the numerical gradient itself.

    Examples
    --------
    >>> f = lambda x: (x ** 3).sum()
    >>> bool(check_gradient(f, lambda x: 3 * x ** 2, [1.0, 2.0]))
    True
    >>> bool(check_gradient(f, lambda x: 2 * x ** 2, [1.0, 2.0]))  # a wrong factor
    False
    """
    func = "check_gradient"
    _check_callable(f, "f", func)
    h = _check_h(h, func)
    tol = check_positive_float(tol, "tol", func)
    x = as_vector(x, "x", func)
    g = grad(x.copy()) if callable(grad) else grad
    g = as_array(g, "the gradient", func)
    if g.shape != x.shape:
        raise ShapeError(
            f"{func}: the gradient has shape {g.shape} but x has shape {x.shape}; it must "
            f"hold one partial derivative per entry of x"
        )
    g_num = _partials(f, x, h, "central", func, scalar=True)
    diff = g - g_num
    scale = max(np.sqrt(g @ g), np.sqrt(g_num @ g_num), np.finfo(np.float64).tiny)
    error = float(np.sqrt(diff @ diff) / scale)
    worst = int(np.argmax(np.abs(diff))) if diff.size else None
    return GradientCheck(error, error <= tol, g, g_num, worst, tol)
