"""Unconstrained minimization: gradient descent, momentum, Adam, Newton's method and BFGS.

Every method repeats ``x_{k+1} = x_k + step``; they differ in how much they
know about ``f`` and how they choose the step (in order of increasing
knowledge):

* **gd**: ``x ← x − lr ∇f(x)``. Only the gradient, a fixed learning rate. On a
  quadratic with Hessian eigenvalues ``λ_min … λ_max`` it converges exactly when
  ``lr < 2/λ_max``, at a rate ``1 − lr λ_min`` per step: slow when the condition
  number ``λ_max/λ_min`` is large (Rosenbrock's valley).
* **momentum**: ``v ← β v + ∇f(x)``, ``x ← x − lr v`` (the heavy ball, β = 0.9,
  PyTorch's ``SGD(momentum=0.9)``): velocity accumulates along the valley floor
  and the zig-zag across it cancels.
* **adam**: per-coordinate steps from running averages of the gradient and its
  square (PyTorch's ``Adam`` with its defaults): insensitive to the gradient's
  scale; made for noisy stochastic gradients more than for exact minimization.
  (These three steps are taken by this package's ``GradientDescent``, ``SGD``
  and ``Adam``, which follow ``torch.optim`` exactly.)
* **newton**: minimize the quadratic model ``f + gᵀd + ½ dᵀHd``: ``H d = −g``.
  Quadratic convergence near a minimum and one step on a quadratic, but it
  needs the Hessian (``n²`` numbers, an ``n³`` solve) and, where ``H`` is not
  positive definite, the model has no minimum and the "Newton step" heads for
  a saddle or a maximum. So the Hessian is shifted, ``H + τI`` with the
  smallest ``τ >= 0`` (found by doubling) that makes it positive definite,
  and the step is cut back until ``f`` decreases enough (Armijo).
* **bfgs**: a quasi-Newton method. It learns an approximation ``B`` of the
  *inverse* Hessian from the gradients it has seen, one rank-two update per
  step that makes ``B y = s`` (the secant equation: the change in gradient
  ``y`` over the step ``s``), and moves along ``−B g`` with a strong-Wolfe
  line search. Superlinear convergence, ``n²`` work per step, no Hessian.

Stopping rules, checked after every step: the gradient, ``‖∇f‖∞ <= tol``
(success); optionally the step, ``‖Δx‖∞ <= xtol · max(1, ‖x‖∞)``, and the change
in value, ``|Δf| <= ftol · max(1, |f|)`` (success too: the method has stalled
there); ``max_iter`` steps (failure, reported in the result). A run whose value
or gradient becomes NaN or infinite raises ``ConvergenceError`` naming the step.
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Callable, Iterator
from typing import NamedTuple

import numpy as np

from .. import linalg as la
from .._validation import as_array, check_nonnegative_int, check_positive_float
from ..errors import (
    ConvergenceError,
    NotFiniteError,
    NotPositiveDefiniteError,
    ParameterError,
    ShapeError,
)
from ._adam import Adam
from ._line_search import _along, _backtracking, _strong_wolfe, _values_along
from ._objective import Objective, check_function
from ._sgd import SGD, GradientDescent

__all__ = ["minimize", "MinimizeResult"]

METHODS = ("gd", "momentum", "adam", "newton", "bfgs")
FIRST_ORDER = ("gd", "momentum", "adam")
DEFAULT_LR = {"gd": 1e-2, "momentum": 1e-2, "adam": 1e-3}
MOMENTUM = 0.9  # β of the heavy ball
C1, C2 = 1e-4, 0.9  # sufficient decrease and curvature constants (N&W §3.1)
LINE_SEARCH_TRIALS = 50


class MinimizeResult(NamedTuple):
    """``minimize``'s result, with the fields of ``scipy.optimize.OptimizeResult`` and the path."""

    x: np.ndarray  # (n,), the last iterate
    fun: float  # f(x)
    jac: np.ndarray  # (n,), ∇f(x)
    nit: int  # steps taken
    nfev: int  # calls of f (including those of numerical derivatives)
    njev: int  # calls of jac
    nhev: int  # calls of hess
    success: bool
    message: str
    path: np.ndarray  # (nit + 1, n), x_0 … x_nit, for plots
    path_fun: np.ndarray  # (nit + 1,), f(x_0) … f(x_nit)


class _Stalled(Exception):
    """A method cannot make progress (its line search failed); the message says why."""


# --------------------------------------------------------------------------- first order


def _evaluate(obj: Objective, x: np.ndarray, fx: float | None = None):
    """``f(x)`` (unless known) and ``∇f(x)``; NaN for the gradient where ``f`` is not finite."""
    if fx is None:
        fx = obj.fun(x)
    if not math.isfinite(fx):
        return fx, np.full(x.shape, np.nan)
    return fx, obj.grad(x)


def _first_order(obj: Objective, x, fx, g, optimizer) -> Iterator:
    """Steps of an optimizer from ``torch.optim``'s family, which updates ``x`` in place.

    ``optimizer`` is :class:`GradientDescent` (``x ← x − lr g``), :class:`SGD`
    with momentum 0.9 (``v ← 0.9 v + g``, ``x ← x − lr v``) or :class:`Adam`
    (PyTorch's defaults); their modules derive the updates.
    """
    x = x.copy()  # the optimizer's parameter, moved in place
    opt = optimizer(x)
    while True:
        opt.step([g])
        fx, g = _evaluate(obj, x)
        yield x.copy(), fx, g


# --------------------------------------------------------------------------- Newton


def _shifted_newton_direction(H: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Solve ``(H + τI) d = −g`` with ``τ >= 0`` just large enough for ``H + τI`` to be SPD.

    N&W Algorithm 3.3 ("Cholesky with added multiple of the identity"): start
    from ``τ = 0`` if the diagonal is positive, else from ``−min H_ii + β``, and
    double ``τ`` until a Cholesky factorization succeeds. Positive definite
    means ``gᵀd = −gᵀ(H + τI)⁻¹g < 0``: a descent direction. A large ``τ``
    turns the step into a short gradient step, ``d ≈ −g/τ``.
    """
    n = g.size
    norm = math.sqrt(float(np.sum(H * H)))  # ‖H‖_F: the shift's unit, so that it scales with f
    beta = 1e-3 * (norm if norm > 0 else 1.0)
    min_diag = float(np.min(np.diagonal(H)))
    tau = 0.0 if min_diag > 0 else beta - min_diag
    for _ in range(200):
        B = H + tau * np.eye(n)
        try:
            la.cholesky(B)  # the cheapest test of positive definiteness
        except NotPositiveDefiniteError:
            tau = max(2 * tau, beta)
            continue
        return la.solve(B, -g)
    raise _Stalled("the Hessian could not be made positive definite (is hess the Hessian?)")


def _newton(obj: Objective, x, fx, g) -> Iterator:
    """Newton's method with a shifted Hessian and Armijo backtracking from ``α = 1``."""
    while True:
        d = _shifted_newton_direction(obj.hess(x), g)
        step = _backtracking(_values_along(obj, x, d), fx, float(g @ d), 1.0, C1, 0.5,
                             LINE_SEARCH_TRIALS)
        if step is None:
            raise _Stalled(
                "the backtracking line search found no decrease along the Newton direction "
                "(the gradient may be inaccurate, or f is flat to rounding level here)"
            )
        alpha, fx = step
        x = x + alpha * d  # the point where the line search evaluated f
        fx, g = _evaluate(obj, x, fx)
        yield x, fx, g


# --------------------------------------------------------------------------- BFGS


def _bfgs_update(B: np.ndarray, s: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The BFGS update of the inverse Hessian approximation, in O(n²).

    ``B⁺ = (I − ρ s yᵀ) B (I − ρ y sᵀ) + ρ s sᵀ`` with ``ρ = 1/(yᵀs)`` (N&W eq.
    6.17) is the matrix nearest ``B`` that satisfies ``B⁺ y = s``. Multiplied
    out, with ``B`` symmetric, it is
    ``B − ρ (s (By)ᵀ + (By) sᵀ) + (ρ² yᵀBy + ρ) s sᵀ``.
    """
    rho = 1.0 / float(y @ s)
    By = B @ y
    ss = np.outer(s, s)
    return B - rho * (np.outer(s, By) + np.outer(By, s)) + (rho * rho * (y @ By) + rho) * ss


def _bfgs(obj: Objective, x, fx, g) -> Iterator:
    """BFGS with a strong-Wolfe line search (N&W Algorithm 6.1)."""
    n = x.size
    B = np.eye(n)
    first = True
    while True:
        d = -B @ g
        if not g @ d < 0:  # rounding has spoilt B's positive definiteness: start over
            B, d = np.eye(n), -g
        # The first step has no curvature information: make it of length about 1 (as SciPy).
        alpha0 = min(1.0, 1.0 / math.sqrt(float(g @ g))) if first else 1.0
        trial = _strong_wolfe(_along(obj, x, d), fx, float(g @ d), alpha0, C1, C2,
                              LINE_SEARCH_TRIALS)
        if trial is None:
            raise _Stalled(
                "the line search found no step satisfying the strong Wolfe conditions (at "
                "rounding level the gradient no longer predicts f: tol may be too small for "
                "the accuracy of f and jac)"
            )
        x_new, g_new = trial.payload
        s, y = x_new - x, g_new - g
        sy = float(s @ y)
        if sy > 0:  # always, with the strong Wolfe conditions and an exact gradient
            if first:  # N&W eq. 6.20: scale B₀ to the curvature yᵀs/yᵀy just measured
                B = (sy / float(y @ y)) * np.eye(n)
            B = _bfgs_update(B, s, y)
        first = False
        x, fx, g = x_new, trial.phi, g_new
        yield x, fx, g


# --------------------------------------------------------------------------- driver


def _check_nonnegative_float(value, name: str, func: str) -> float:
    """Require a finite real number >= 0 (0 switches a stopping rule off)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not (
        math.isfinite(value) and value >= 0
    ):
        raise ParameterError(f"{func}: {name} must be a finite number >= 0 (0 switches the "
                             f"rule off), got {value!r}")
    return float(value)


def _check_method(method) -> str:
    if isinstance(method, str) and method.lower() in METHODS:
        return method.lower()
    listed = ", ".join(repr(m) for m in METHODS)
    close = difflib.get_close_matches(str(method).lower(), METHODS, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise ParameterError(f"minimize: method must be one of {listed}, got {method!r}{hint}")


def _diverged(func: str, method: str, k: int, fx: float, x: np.ndarray, lr) -> ConvergenceError:
    where = f"f(x) = {fx}" if not math.isfinite(fx) else "the gradient is not finite"
    if method in FIRST_ORDER:
        hint = (
            f"the learning rate lr = {lr} is too large for this function (gradient descent "
            f"on a quadratic needs lr < 2/λ_max of its Hessian): lower lr, or f is "
            f"unbounded below"
        )
    else:
        hint = "f is probably unbounded below along the path, or f or jac overflowed"
    with np.errstate(all="ignore"):
        size = float(np.max(np.abs(x))) if x.size else 0.0
    return ConvergenceError(
        f"{func}: the {method} run diverged at step {k}: {where} (max |x| = {size:.3g}); "
        f"{hint}"
    )


def minimize(
    f: Callable,
    x0,
    method: str = "bfgs",
    *,
    jac: Callable | None = None,
    hess: Callable | None = None,
    lr: float | None = None,
    tol: float = 1e-6,
    xtol: float = 0.0,
    ftol: float = 0.0,
    max_iter: int | None = None,
    callback: Callable | None = None,
) -> MinimizeResult:
    """Minimize ``f: Rⁿ → R`` from ``x0`` by gradient descent, momentum, Adam, Newton or BFGS.

    Each step is ``x_{k+1} = x_k + α_k d_k``; the methods, from the module's lesson:

    ============  ===========================================  ======================
    method        step                                         needs
    ============  ===========================================  ======================
    ``gd``        ``−lr ∇f``                                   ``lr < 2/λ_max``
    ``momentum``  ``−lr v``, ``v ← 0.9 v + ∇f``                ``lr``
    ``adam``      ``−lr m̂/(√v̂ + ε)``, PyTorch's defaults       ``lr``
    ``newton``    ``−α (H + τI)⁻¹ ∇f``, Armijo backtracking    the Hessian
    ``bfgs``      ``−α B ∇f``, strong-Wolfe line search        gradients only
    ============  ===========================================  ======================

    Without ``jac``, the gradient comes from central differences: ``2n`` calls
    of ``f`` per gradient (counted in ``nfev``), accurate to about ``1e-10``
    relative. Newton without ``hess`` differences the gradient (``2n``
    gradient calls), or ``f`` itself (``2n²`` calls) when there is no ``jac``.

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for ``x`` of shape (n,).
    x0 : array_like, shape (n,)
        The start; a scalar is treated as shape (1,).
    method : {"bfgs", "newton", "gd", "momentum", "adam"}, default "bfgs"
        Case-insensitive.
    jac : callable, optional, keyword-only
        ``jac(x) -> array of shape (n,)``, the gradient of ``f``.
    hess : callable, optional, keyword-only
        ``hess(x) -> array of shape (n, n)`` ("newton" only); its symmetric
        part is used.
    lr : float, optional, keyword-only
        Learning rate of "gd" and "momentum" (default 0.01) and "adam" (default
        0.001). Newton and BFGS choose their steps by line search.
    tol : float, default 1e-6, keyword-only
        Success when ``‖∇f(x)‖∞ <= tol``.
    xtol, ftol : float, default 0 (off), keyword-only
        Also stop (with success) when ``‖Δx‖∞ <= xtol · max(1, ‖x‖∞)`` or
        ``|Δf| <= ftol · max(1, |f|)``.
    max_iter : int, optional, keyword-only
        The most steps: default 10,000 for the first-order methods, 200 for
        Newton, ``200 n`` for BFGS (as SciPy).
    callback : callable, optional, keyword-only
        ``callback(x)`` after every step; returning True stops the run.

    Returns
    -------
    MinimizeResult
        ``x``, ``fun``, ``jac``, ``nit``, ``nfev``, ``njev``, ``nhev``,
        ``success``, ``message``, and for plots ``path`` (the iterates, shape
        (nit + 1, n)) and ``path_fun`` (their values). ``success`` is False
        when ``max_iter`` runs out, a line search fails, or the callback stops.

    Raises
    ------
    ConvergenceError
        If ``f`` or its gradient becomes NaN or infinite during the run (a
        learning rate too large, ``f`` unbounded below); the message names the
        step. BFGS never steps to such a point: its line search fails instead,
        and the result says so.
    ParameterError
        If ``method`` is unknown (the message suggests the closest), ``lr`` is
        given to Newton or BFGS, ``hess`` to a method other than Newton, or a
        tolerance or count is out of range.
    ShapeError, DTypeError
        If ``x0`` is not a non-empty vector, or ``f``, ``jac``, ``hess`` return
        the wrong shape or not numbers.
    NotFiniteError
        If ``x0``, ``f(x0)`` or ``∇f(x0)`` is not finite.

    See Also
    --------
    line_search : the step-length rules used by Newton and BFGS.
    rosenbrock : the classic test function, with its derivatives.
    minimize_constrained : with equality and inequality constraints.

    Examples
    --------
    >>> from mathforml.optim import rosenbrock
    >>> res = minimize(rosenbrock, [-1.2, 1.0], jac=rosenbrock.grad)
    >>> res.success, res.x.round(6)
    (True, array([1., 1.]))
    >>> minimize(lambda x: float(x @ x), [3.0, 4.0], method="newton").nit
    1
    """
    func = "minimize"
    check_function(f, "f", func)
    check_function(jac, "jac", func, optional=True)
    check_function(hess, "hess", func, optional=True)
    check_function(callback, "callback", func, optional=True)
    method = _check_method(method)
    if lr is not None and method not in FIRST_ORDER:
        raise ParameterError(
            f"{func}: lr is used by 'gd', 'momentum' and 'adam' only; {method!r} chooses its "
            f"steps by line search (drop lr, or pick a first-order method)"
        )
    if hess is not None and method != "newton":
        raise ParameterError(f"{func}: hess is used by method='newton' only, got "
                             f"method={method!r}")
    lr = DEFAULT_LR.get(method) if lr is None else check_positive_float(lr, "lr", func)
    tol = check_positive_float(tol, "tol", func)
    xtol = _check_nonnegative_float(xtol, "xtol", func)
    ftol = _check_nonnegative_float(ftol, "ftol", func)
    x = as_array(x0, "x0", func, ndim=(0, 1)).reshape(-1)  # a scalar becomes shape (1,)
    n = x.size
    if n == 0:
        raise ShapeError(f"{func}: x0 must have at least one entry, got shape (0,)")
    default_iter = {"newton": 200, "bfgs": 200 * n}.get(method, 10_000)
    max_iter = default_iter if max_iter is None else check_nonnegative_int(
        max_iter, "max_iter", func)

    return _run(Objective(f, jac, hess, n, func), x, method, lr, tol, xtol, ftol, max_iter,
                callback)


def _run(obj: Objective, x: np.ndarray, method: str, lr, tol: float, xtol: float, ftol: float,
         max_iter: int, callback) -> MinimizeResult:
    """The loop every method shares: stopping rules, the path, divergence, the callback."""
    func = obj.func
    fx = obj.fun(x.copy())
    if not math.isfinite(fx):
        raise NotFiniteError(f"{func}: f(x0) = {fx}; start from a point where f is finite")
    g = obj.grad(x.copy())
    if not np.isfinite(g).all():
        raise NotFiniteError(f"{func}: the gradient at x0 is not finite ({g}); start from a "
                             f"point where f is differentiable")

    if method == "gd":
        steps = _first_order(obj, x, fx, g, lambda p: GradientDescent([p], lr=lr))
    elif method == "momentum":
        steps = _first_order(obj, x, fx, g, lambda p: SGD([p], lr=lr, momentum=MOMENTUM))
    elif method == "adam":
        steps = _first_order(obj, x, fx, g, lambda p: Adam([p], lr=lr))
    elif method == "newton":
        steps = _newton(obj, x, fx, g)
    else:
        steps = _bfgs(obj, x, fx, g)

    path, path_fun = [x.copy()], [fx]
    nit, success, message = 0, False, ""
    while True:
        gnorm = float(np.max(np.abs(g)))
        if gnorm <= tol:
            success, message = True, f"converged: ‖∇f‖∞ = {gnorm:.3g} <= tol = {tol:.3g}"
            break
        if nit >= max_iter:
            message = (f"max_iter = {max_iter} steps reached with ‖∇f‖∞ = {gnorm:.3g} > "
                       f"tol = {tol:.3g}")
            break
        try:
            x_new, f_new, g_new = next(steps)
        except _Stalled as stop:
            message = f"stopped at step {nit}: {stop}; ‖∇f‖∞ = {gnorm:.3g}"
            break
        nit += 1
        if not (math.isfinite(f_new) and np.isfinite(g_new).all()):
            raise _diverged(func, method, nit, f_new, x_new, lr)
        dx = float(np.max(np.abs(x_new - x)))
        df = abs(fx - f_new)
        x, fx, g = x_new, f_new, g_new
        path.append(x.copy())
        path_fun.append(fx)
        if callback is not None and callback(x.copy()):
            message = f"stopped by the callback at step {nit}"
            break
        if xtol > 0 and dx <= xtol * max(1.0, float(np.max(np.abs(x)))):
            success, message = True, f"converged: the step ‖Δx‖∞ = {dx:.3g} is below xtol"
            break
        if ftol > 0 and df <= ftol * max(1.0, abs(fx)):
            success, message = True, f"converged: the change |Δf| = {df:.3g} is below ftol"
            break
    return MinimizeResult(
        x, fx, g, nit, obj.nfev, obj.njev, obj.nhev, success, message,
        np.array(path), np.array(path_fun),
    )
