"""Gradient descent: the seed's line fit, then steepest descent for a non-linear model.

The seed's example fits a line ``ŷ = w x + b`` by descending the mean squared error::

    L(w, b) = (1/n) Σ (yᵢ − (w xᵢ + b))²
    ∂L/∂w   = −(2/n) Σ xᵢ (yᵢ − (w xᵢ + b))
    ∂L/∂b   = −(2/n) Σ (yᵢ − (w xᵢ + b))
    w ← w − lr ∂L/∂w,   b ← b − lr ∂L/∂b

``L`` is a quadratic bowl with the constant Hessian ``H = (2/n) [[Σxᵢ², Σxᵢ], [Σxᵢ, n]]``,
so each step multiplies the error along an eigenvector of ``H`` (eigenvalue ``λ``) by
``1 − lr λ``: the descent converges, to the least-squares line, exactly when
``lr < 2 / λ_max``, and slowly when ``λ_min ≪ λ_max`` (x far from 0 makes ``H``
ill-conditioned, which is why features are centred).

The course's last assignment ("fitting the distribution of heights data") descends the
same way on a model that is not linear in its parameters ``p``::

    χ²(p) = Σ (yᵢ − f(xᵢ; p))² = ‖r‖²,   r = y − f(x; p)
    ∇χ²   = −2 Jᵀ r,   J[i, j] = ∂f(xᵢ; p)/∂pⱼ   (the Jacobian of the model; −J is r's)
    p ← p − lr ∇χ²                                 (the course calls lr the "aggression")

Steepest descent with a fixed step is the simplest method and a slow one; Gauss–Newton
(solve ``JᵀJ Δ = Jᵀ r``) or Levenberg–Marquardt (SciPy's ``curve_fit``) converge in a few
steps. It is here to be watched.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .._validation import (
    as_array,
    as_vector,
    check_nonnegative_int,
    check_positive_float,
    check_positive_int,
    check_same_length,
)
from ..errors import ConvergenceError, DTypeError, NotFiniteError, ShapeError
from ._finite_differences import jacobian as numerical_jacobian

__all__ = ["gradient_descent", "fit_least_squares", "GradientDescentPath", "LeastSquaresFit"]


class GradientDescentPath(NamedTuple):
    """Every iterate of :func:`gradient_descent`: arrays of length ``n_steps + 1``, step 0 first."""

    w: np.ndarray
    b: np.ndarray
    loss: np.ndarray
    """``L(w_k, b_k)``, the mean squared error."""
    grad_w: np.ndarray
    """``∂L/∂w`` at ``(w_k, b_k)``."""
    grad_b: np.ndarray
    """``∂L/∂b`` at ``(w_k, b_k)``."""


class LeastSquaresFit(NamedTuple):
    """What :func:`fit_least_squares` returns."""

    params: np.ndarray
    """The parameters at the last step, shape (k,)."""
    path: np.ndarray
    """Every iterate, ``p0`` first: shape (n_iter + 1, k)."""
    chi2: np.ndarray
    """``χ²`` at each iterate, shape (n_iter + 1,)."""
    n_iter: int
    """The number of steps taken."""
    converged: bool
    """Whether the last step was at most ``tol · max(1, max|p|)`` (else max_iter ran out)."""


# --------------------------------------------------------------------------- helpers


def _stable_rate(x: np.ndarray) -> float:
    """``2 / λ_max`` of the Hessian ``(2/n) [[Σx², Σx], [Σx, n]]``: the largest stable lr."""
    n = x.size
    a, c, d = 2 * (x @ x) / n, 2 * x.sum() / n, 2.0  # H = [[a, c], [c, d]]
    largest = (a + d) / 2 + math.hypot((a - d) / 2, c)  # eigenvalues of a symmetric 2 × 2
    return 2 / largest


def _real_number(value, name: str, func: str) -> float:
    return float(as_array(value, name, func, ndim=0))


def _check_callable(f, name: str, func: str) -> None:
    if not callable(f):
        raise DTypeError(f"{func}: {name} must be a function, got {type(f).__name__} ({f!r})")


# --------------------------------------------------------------------------- the seed's example


def gradient_descent(
    x, y, w0: float = 0.0, b0: float = 0.0, lr: float = 0.01, n_steps: int = 1000
) -> GradientDescentPath:
    """Fit ``ŷ = w x + b`` by gradient descent on the mean squared error, every step recorded.

    ``L(w, b) = (1/n) Σ (yᵢ − (w xᵢ + b))²``, with
    ``∂L/∂w = −(2/n) Σ xᵢ (yᵢ − (w xᵢ + b))`` and ``∂L/∂b = −(2/n) Σ (yᵢ − (w xᵢ + b))``;
    each step is ``w ← w − lr ∂L/∂w``, ``b ← b − lr ∂L/∂b``. It approaches the
    least-squares line when ``lr < 2/λ_max`` of the Hessian
    ``(2/n) [[Σxᵢ², Σxᵢ], [Σxᵢ, n]]`` (see the module docstring).

    Parameters
    ----------
    x, y : array_like, shape (n,)
        The data, n >= 1.
    w0, b0 : float, default 0
        The starting slope and intercept.
    lr : float, default 0.01
        The learning rate (step size).
    n_steps : int, default 1000
        The number of updates; 0 only evaluates the start.

    Returns
    -------
    GradientDescentPath
        ``w``, ``b``, ``loss``, ``grad_w``, ``grad_b``: arrays of length
        ``n_steps + 1``, the start first.

    Raises
    ------
    ConvergenceError
        If the loss overflows (``lr`` too large: the message gives ``2/λ_max``).
    ShapeError
        If ``x`` and ``y`` are not vectors of the same, non-zero length.
    NotFiniteError, DTypeError
        If the data or the start are not finite real numbers.
    ParameterError
        If ``lr`` is not a positive number or ``n_steps`` not an integer >= 0.

    See Also
    --------
    fit_least_squares : the same descent for a model that is not linear.
    mathforml.linalg.lstsq : the least-squares line in one step.

    Examples
    --------
    >>> path = gradient_descent([0, 1, 2], [1, 3, 5], lr=0.1, n_steps=2000)
    >>> print(round(path.w[-1], 6), round(path.b[-1], 6))  # y = 2x + 1
    2.0 1.0
    >>> path.loss[:3]  # L(0, 0) = (1 + 9 + 25) / 3
    array([11.66666667,  3.20740741,  0.89544033])
    """
    func = "gradient_descent"
    x = as_vector(x, "x", func)
    y = as_vector(y, "y", func)
    check_same_length(x, y, ("x", "y"), func)
    if x.size == 0:
        raise ShapeError(f"{func}: x and y are empty; a line needs at least one point")
    w = _real_number(w0, "w0", func)
    b = _real_number(b0, "b0", func)
    lr = check_positive_float(lr, "lr", func)
    n_steps = check_nonnegative_int(n_steps, "n_steps", func)
    n = x.size
    path = np.empty((5, n_steps + 1))  # rows: w, b, loss, ∂L/∂w, ∂L/∂b
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(n_steps + 1):
            r = y - (w * x + b)  # residuals yᵢ − (w xᵢ + b)
            loss = (r @ r) / n
            grad_w = -2 / n * (x @ r)
            grad_b = -2 / n * r.sum()
            if not np.isfinite([loss, grad_w, grad_b]).all():
                raise ConvergenceError(
                    f"{func}: the loss overflowed at step {k}: lr = {lr} is too large for this "
                    f"data; gradient descent on this loss converges only for lr < "
                    f"2/λ_max = {_stable_rate(x):.6g}"
                )
            path[:, k] = w, b, loss, grad_w, grad_b
            w, b = w - lr * grad_w, b - lr * grad_b
    return GradientDescentPath(*path)


# --------------------------------------------------------------------------- non-linear models


def fit_least_squares(
    model: Callable,
    jacobian: Callable | None,
    x,
    y,
    p0,
    lr: float,
    *,
    max_iter: int = 10_000,
    tol: float = 1e-10,
) -> LeastSquaresFit:
    """Fit a non-linear model by steepest descent on χ², the course's heights assignment.

    ``χ²(p) = Σ (yᵢ − f(xᵢ; p))²``, ``∇χ² = −2 Jᵀ (y − f(x; p))`` with the model's
    Jacobian ``J[i, j] = ∂f(xᵢ; p)/∂pⱼ``, and the step ``p ← p − lr ∇χ²``. It stops
    when a step is at most ``tol · max(1, max|p|)``, or after ``max_iter`` steps with
    ``converged=False`` (the path is the point: 50 steps of the course's descent).

    Parameters
    ----------
    model : callable
        ``model(x, p) -> array of shape (m,)``, the prediction for each data point.
    jacobian : callable or None
        ``jacobian(x, p) -> array of shape (m, k)``, ``∂f(xᵢ; p)/∂pⱼ``. None: by
        central differences in ``p`` (:func:`jacobian`).
    x : array_like
        The inputs, passed to ``model`` as a float array (e.g. shape (m,)).
    y : array_like, shape (m,)
        The data to fit.
    p0 : array_like, shape (k,)
        The starting parameters.
    lr : float
        The step size ("aggression"); it must suit the scale of χ² and of ``p``.
    max_iter : int, default 10000, keyword-only
    tol : float, default 1e-10, keyword-only

    Returns
    -------
    LeastSquaresFit
        ``params``, ``path`` (every iterate), ``chi2`` (at each), ``n_iter`` and
        ``converged``.

    Raises
    ------
    ConvergenceError
        If χ² or the parameters stop being finite (``lr`` too large).
    ShapeError
        If ``model`` does not return shape (m,), or ``jacobian`` not (m, k).
    NotFiniteError
        If the data, ``p0``, or the model at ``p0`` are not finite.
    DTypeError
        If ``model`` or ``jacobian`` is not a function.
    ParameterError
        If ``lr`` or ``tol`` is not a positive number, or ``max_iter`` not a positive
        integer.

    See Also
    --------
    gradient_descent : the linear case, from the seed.
    check_gradient : verify a hand-written Jacobian's gradient.

    Examples
    --------
    >>> x = np.array([0.0, 1.0, 2.0, 3.0])
    >>> y = 2.0 * np.exp(-0.5 * x)
    >>> model = lambda x, p: p[0] * np.exp(-p[1] * x)
    >>> fit = fit_least_squares(model, None, x, y, [1.0, 1.0], lr=0.05)
    >>> np.round(fit.params, 8), fit.converged
    (array([2. , 0.5]), True)
    """
    func = "fit_least_squares"
    _check_callable(model, "model", func)
    if jacobian is not None:
        _check_callable(jacobian, "jacobian", func)
    x = as_array(x, "x", func)
    y = as_vector(y, "y", func)
    p = as_vector(p0, "p0", func, copy=True)
    lr = check_positive_float(lr, "lr", func)
    max_iter = check_positive_int(max_iter, "max_iter", func)
    tol = check_positive_float(tol, "tol", func)
    m, k = y.size, p.size

    def residuals(p: np.ndarray) -> np.ndarray:
        f = as_array(model(x, p.copy()), "model(x, p)", func, allow_nonfinite=True)
        if f.shape != (m,):
            raise ShapeError(
                f"{func}: model(x, p) must return one prediction per data point, shape ({m},) "
                f"like y, got shape {f.shape}"
            )
        return y - f

    def model_jacobian(p: np.ndarray) -> np.ndarray:
        if jacobian is None:
            try:
                return numerical_jacobian(lambda q: model(x, q), p)
            except NotFiniteError as exc:
                raise NotFiniteError(
                    f"{func}: the numerical Jacobian at p = {p} needs the model finite around "
                    f"p ({exc})"
                ) from None
        J = as_array(jacobian(x, p.copy()), "jacobian(x, p)", func, allow_nonfinite=True)
        if J.shape != (m, k):
            raise ShapeError(
                f"{func}: jacobian(x, p) must have shape ({m}, {k}) (one row per data point, "
                f"one column per parameter), got shape {J.shape}"
            )
        return J

    # an overflow or a division by zero in the model shows as a non-finite χ², reported below
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        r = residuals(p)
        if not np.isfinite(r).all():
            raise NotFiniteError(f"{func}: the model is not finite at p0 = {p}")
        path, chi2 = [p], [float(r @ r)]
        converged = False
        for step_number in range(1, max_iter + 1):
            J = model_jacobian(p)
            step = lr * (-2 * (J.T @ r))  # lr ∇χ², with ∇χ² = −2 Jᵀ r
            p = p - step
            r = residuals(p) if np.isfinite(p).all() else np.full(m, np.nan)
            value = float(r @ r)
            if not math.isfinite(value):
                raise ConvergenceError(
                    f"{func}: diverged at step {step_number}: χ² is {value} at p = {p}; lr = "
                    f"{lr} is too large for this problem (χ² was {chi2[-1]:.6g} one step "
                    f"before)"
                )
            path.append(p)
            chi2.append(value)
            if np.abs(step).max() <= tol * max(1.0, np.abs(p).max()):
                converged = True
                break
    return LeastSquaresFit(p, np.array(path), np.array(chi2), len(path) - 1, converged)
