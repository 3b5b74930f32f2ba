"""Constrained optimization: Lagrange multipliers, the KKT conditions, the augmented Lagrangian.

The problem is ``min f(x)`` subject to equality constraints ``h(x) = 0``
(``p`` of them) and inequality constraints ``g(x) <= 0`` (``m`` of them).
At a solution (under a mild regularity condition: the gradients of the
equalities and of the active inequalities are linearly independent) there
are multipliers ``λ ∈ Rᵖ`` and ``μ ∈ Rᵐ`` with (Karush–Kuhn–Tucker)::

    ∇f(x) + Jₕ(x)ᵀ λ + J_g(x)ᵀ μ = 0     stationarity of L = f + λᵀh + μᵀg
    h(x) = 0,  g(x) <= 0                 primal feasibility
    μ >= 0                               dual feasibility
    μ_i g_i(x) = 0 for every i           complementary slackness

Stationarity says that ``−∇f`` is a combination of the constraints' normals:
no feasible direction decreases ``f`` to first order. ``λ_i`` is the price of
constraint ``i``: how fast the optimal value changes as it is relaxed.
Complementary slackness says an inactive inequality (``g_i < 0``) has price 0.

**How constraints are written** (simpler than SciPy's dicts; note the sign:
inequalities are ``g(x) <= 0``, SciPy's are ``>= 0``):

* a function ``c(x)`` returning a scalar or a vector (its Jacobian by central
  differences);
* a pair ``(c, jac)`` of functions, ``jac(x)`` of shape (k, n) (or (n,) for a
  scalar ``c``);
* a pair ``(A, b)`` of arrays: the linear constraint ``A x = b`` (equality) or
  ``A x <= b`` (inequality);
* a list of any of these.

``bounds`` (``[(low, high), ...]``, ``None`` or ``±inf`` for no bound) become
the linear inequalities ``low_j − x_j <= 0`` and ``x_j − high_j <= 0``,
appended after ``ineq`` (finite lower bounds first, then finite upper bounds).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .. import linalg as la
from .._validation import (
    as_array,
    as_matrix,
    as_vector,
    check_nonnegative_int,
    check_positive_float,
    check_positive_int,
    check_symmetric,
)
from ..calculus._finite_differences import _partials
from ..errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
    SingularMatrixError,
)
from ._minimize import _run
from ._objective import Objective, check_function

__all__ = [
    "kkt_conditions",
    "lagrange",
    "minimize_constrained",
    "KKTReport",
    "LagrangeResult",
    "ConstrainedResult",
]


# --------------------------------------------------------------------------- constraints


class _Part(NamedTuple):
    """One constraint block ``c(x)``: its function, its Jacobian (None: numerical), linear?"""

    fun: Callable
    jac: Callable | None
    linear: bool


class _Constraints:
    """A list of constraint blocks stacked into one vector ``c(x)`` and one Jacobian."""

    def __init__(self, parts: list[_Part], n: int, func: str, name: str) -> None:
        self.parts, self.n, self.func, self.name = parts, n, func, name
        self.sizes: list[int | None] = [None] * len(parts)
        self.linear = all(part.linear for part in parts)

    def values(self, x: np.ndarray) -> np.ndarray:
        blocks = []
        for k, part in enumerate(self.parts):
            c = as_array(part.fun(x), f"the value of {self.name}", self.func,
                         allow_nonfinite=True)
            if c.ndim > 1 or (self.sizes[k] is not None and c.size != self.sizes[k]):
                raise ShapeError(
                    f"{self.func}: {self._label(k)} must return a scalar or a 1-D vector of "
                    f"fixed length, got shape {c.shape}"
                )
            self.sizes[k] = c.size
            blocks.append(c.reshape(-1))
        return np.concatenate(blocks) if blocks else np.zeros(0)

    def jacobian(self, x: np.ndarray) -> np.ndarray:
        rows = []
        for k, part in enumerate(self.parts):
            if self.sizes[k] is None:
                self.values(x)
            size = self.sizes[k]
            if part.jac is None:
                J = _partials(part.fun, x, None, "central", self.func, scalar=False,
                              what=self._label(k))
            else:
                J = as_array(part.jac(x), f"the Jacobian of {self._label(k)}", self.func,
                             allow_nonfinite=True)
            if J.size != size * self.n or J.ndim > 2 or (J.ndim == 2 and J.shape[0] != size):
                raise ShapeError(
                    f"{self.func}: the Jacobian of {self._label(k)} must have shape "
                    f"({size}, {self.n}) (one row per constraint, one column per entry of x), "
                    f"got shape {J.shape}"
                )
            rows.append(J.reshape(size, self.n))
        return np.concatenate(rows) if rows else np.zeros((0, self.n))

    def _label(self, k: int) -> str:
        return self.name if len(self.parts) == 1 else f"{self.name}[{k}]"


def _linear_part(A, b, n: int, func: str, name: str) -> _Part:
    """``(A, b)`` as the constraint function ``A x − b`` with the constant Jacobian ``A``."""
    A = as_array(A, f"{name}'s A", func, ndim=(1, 2))
    A = A.reshape(1, -1) if A.ndim == 1 else A
    b = as_array(b, f"{name}'s b", func, ndim=(0, 1)).reshape(-1)
    if A.shape[1] != n or b.size != A.shape[0]:
        raise ShapeError(
            f"{func}: {name} = (A, b) needs A of shape (k, {n}) and b of shape (k,), got A "
            f"of shape {A.shape} and b of shape {b.shape}"
        )
    return _Part(lambda x: A @ x - b, lambda x: A, True)


def _parse(spec, n: int, func: str, name: str) -> _Constraints:
    """Read ``eq`` / ``ineq`` in any of the forms of the module docstring."""
    if spec is None:
        specs = []
    elif isinstance(spec, list):
        specs = spec
    else:
        specs = [spec]
    parts = []
    for item in specs:
        if callable(item):
            parts.append(_Part(item, None, False))
        elif isinstance(item, tuple) and len(item) == 2 and callable(item[0]):
            check_function(item[1], f"{name}'s Jacobian", func)
            parts.append(_Part(item[0], item[1], False))
        elif isinstance(item, tuple) and len(item) == 2:
            parts.append(_linear_part(item[0], item[1], n, func, name))
        else:
            raise DTypeError(
                f"{func}: {name} must be a function c(x), a pair (c, jac) of functions, a "
                f"pair (A, b) of arrays for a linear constraint, or a list of these; got "
                f"{type(item).__name__}"
            )
    return _Constraints(parts, n, func, name)


def _bounds_part(bounds, n: int, func: str) -> _Part | None:
    """``[(low, high), ...]`` as linear inequalities ``−x_j <= −low_j`` and ``x_j <= high_j``."""
    if bounds is None:
        return None
    try:
        pairs = [(-np.inf if lo is None else lo, np.inf if hi is None else hi)
                 for lo, hi in bounds]
    except (TypeError, ValueError):
        raise ShapeError(f"{func}: bounds must be a sequence of (low, high) pairs, one per "
                         f"entry of x, got {bounds!r}") from None
    box = as_matrix(pairs, "bounds", func, allow_nonfinite=True) if pairs else np.zeros((0, 2))
    if box.shape != (n, 2) or np.isnan(box).any():
        raise ShapeError(f"{func}: bounds must hold {n} (low, high) pairs (None or ±inf for "
                         f"no bound), got shape {box.shape}")
    low, high = box[:, 0], box[:, 1]
    if (low > high).any():
        j = int(np.argmax(low > high))
        raise ParameterError(f"{func}: bounds[{j}] = ({low[j]:g}, {high[j]:g}) has low > high; "
                             f"the feasible set is empty")
    I = np.eye(n)
    lower, upper = np.isfinite(low), np.isfinite(high)
    A = np.concatenate([-I[lower], I[upper]])
    b = np.concatenate([-low[lower], high[upper]])
    if A.shape[0] == 0:
        return None
    return _Part(lambda x: A @ x - b, lambda x: A, True)


def _inequalities(ineq, bounds, n: int, func: str) -> _Constraints:
    cons = _parse(ineq, n, func, "ineq")
    part = _bounds_part(bounds, n, func)
    if part is not None:
        cons = _Constraints([*cons.parts, part], n, func, "ineq")
    return cons


# --------------------------------------------------------------------------- KKT conditions


@dataclass(frozen=True, eq=False)
class KKTReport:
    """The residual of each KKT condition at a point; true exactly when all are within tol."""

    stationarity: float  # ‖∇f + Jₕᵀλ + J_gᵀμ‖∞
    primal_feasibility: float  # max(‖h‖∞, max_i g_i⁺)
    dual_feasibility: float  # max_i (−μ_i)⁺
    complementary_slackness: float  # max_i |μ_i g_i|
    satisfied: bool
    eq_multipliers: np.ndarray  # λ, (p,)
    ineq_multipliers: np.ndarray  # μ, (m,), bounds last
    tol: float

    def __bool__(self) -> bool:
        return self.satisfied


def _estimate_multipliers(grad, Jh, gval, Jg, lam, mu, tol):
    """Least-squares multipliers for the groups not given: ``min ‖∇f + Jₕᵀλ + J_gᵀμ‖``.

    Only the active inequalities (``g_i >= −tol``) get a multiplier; the
    others have ``μ_i = 0`` by complementary slackness.
    """
    residual = grad.copy()
    columns = []
    if lam is None:
        columns.append(Jh.T)
    else:
        residual += Jh.T @ lam
    active = gval >= -tol
    if mu is None:
        columns.append(Jg[active].T)
    else:
        residual += Jg.T @ mu
    M = np.concatenate(columns, axis=1) if columns else np.zeros((grad.size, 0))
    z = la.lstsq(M, -residual).x if M.shape[1] else np.zeros(0)
    if lam is None:
        lam, z = z[: Jh.shape[0]], z[Jh.shape[0]:]
    if mu is None:
        mu = np.zeros(gval.size)
        mu[active] = z
    return lam, mu


def _report(grad, hval, Jh, gval, Jg, lam, mu, tol) -> KKTReport:
    stationarity = grad + Jh.T @ lam + Jg.T @ mu

    def top(v):
        return float(np.max(v)) if v.size else 0.0

    residuals = (
        top(np.abs(stationarity)),
        max(top(np.abs(hval)), top(np.maximum(gval, 0.0))),
        top(np.maximum(-mu, 0.0)),
        top(np.abs(mu * gval)),
    )
    return KKTReport(*residuals, all(r <= tol for r in residuals), lam, mu, tol)


def _multipliers(value, size: int, name: str, func: str) -> np.ndarray | None:
    if value is None:
        return None
    v = as_array(value, name, func, ndim=(0, 1)).reshape(-1)
    if v.size != size:
        raise ShapeError(f"{func}: {name} must hold {size} numbers (one per constraint), got "
                         f"{v.size}")
    return v


def kkt_conditions(
    grad: Callable,
    x,
    *,
    eq=None,
    ineq=None,
    bounds=None,
    eq_multipliers=None,
    ineq_multipliers=None,
    tol: float = 1e-6,
) -> KKTReport:
    """Check the Karush–Kuhn–Tucker conditions at ``x`` and report each residual.

    For ``min f`` subject to ``h(x) = 0`` and ``g(x) <= 0``, with multipliers
    ``λ`` and ``μ`` (``L = f + λᵀh + μᵀg``), the four residuals are

    * stationarity ``‖∇f + Jₕᵀλ + J_gᵀμ‖∞``,
    * primal feasibility ``max(‖h‖∞, max g_i⁺)``,
    * dual feasibility ``max (−μ_i)⁺``,
    * complementary slackness ``max |μ_i g_i|``,

    and the report is satisfied when all are ``<= tol`` (absolute). Multipliers
    not given are estimated by least squares from stationarity (inequalities
    with ``g_i < −tol`` are inactive: ``μ_i = 0``); a negative estimate then
    shows up as a dual-feasibility residual.

    Parameters
    ----------
    grad : callable
        ``grad(x) -> array of shape (n,)``, the gradient of the objective.
    x : array_like, shape (n,)
    eq, ineq : constraints, optional, keyword-only
        ``h(x) = 0`` and ``g(x) <= 0``, in the forms of the module docstring: a
        function, a pair ``(c, jac)``, a pair ``(A, b)``, or a list.
    bounds : sequence of (low, high), optional, keyword-only
        Appended to ``ineq`` as ``low − x <= 0``, then ``x − high <= 0``.
    eq_multipliers, ineq_multipliers : array_like, optional, keyword-only
        ``λ`` (p,) and ``μ`` (m,); estimated when None.
    tol : float, default 1e-6, keyword-only

    Returns
    -------
    KKTReport
        The four residuals, ``satisfied``, the multipliers used and ``tol``;
        ``bool(report)`` is ``satisfied``.

    Raises
    ------
    ShapeError, DTypeError
        If ``x`` is not a vector, a constraint is malformed, or a multiplier
        vector has the wrong length.
    NotFiniteError
        If ``x``, the gradient or a constraint value is not finite.

    See Also
    --------
    lagrange : solves the equality-constrained case.
    minimize_constrained : returns this report at its answer.

    Examples
    --------
    >>> grad = lambda x: 2 * x  # f = ‖x‖², subject to x₀ + x₁ = 1
    >>> bool(kkt_conditions(grad, [0.5, 0.5], eq=([[1.0, 1.0]], [1.0])))
    True
    >>> kkt_conditions(grad, [0.7, 0.3], eq=([[1.0, 1.0]], [1.0])).stationarity
    0.4
    """
    func = "kkt_conditions"
    check_function(grad, "grad", func)
    tol = check_positive_float(tol, "tol", func)
    x = as_vector(x, "x", func)
    n = x.size
    eqc, ineqc = _parse(eq, n, func, "eq"), _inequalities(ineq, bounds, n, func)
    g = as_array(grad(x.copy()), "the value of grad", func)
    if g.shape != (n,):
        raise ShapeError(f"{func}: grad must return shape ({n},), got shape {g.shape}")
    hval, gval = eqc.values(x), ineqc.values(x)
    if not (np.isfinite(hval).all() and np.isfinite(gval).all()):
        raise NotFiniteError(f"{func}: a constraint value at x is not finite")
    Jh, Jg = eqc.jacobian(x), ineqc.jacobian(x)
    lam = _multipliers(eq_multipliers, hval.size, "eq_multipliers", func)
    mu = _multipliers(ineq_multipliers, gval.size, "ineq_multipliers", func)
    if lam is None or mu is None:
        lam, mu = _estimate_multipliers(g, Jh, gval, Jg, lam, mu, tol)
    return _report(g, hval, Jh, gval, Jg, lam, mu, tol)


# --------------------------------------------------------------------------- Lagrange


class LagrangeResult(NamedTuple):
    """``lagrange``'s result: a stationary point of the Lagrangian and its multipliers."""

    x: np.ndarray  # (n,)
    multipliers: np.ndarray  # λ, (p,): ∇f(x) + J(x)ᵀλ = 0
    fun: float  # f(x)
    nit: int  # Newton steps (0 for a quadratic solved directly)


def _solve_kkt(W: np.ndarray, g: np.ndarray, J: np.ndarray, r: np.ndarray, func: str):
    """Solve the KKT system ``[[W, Jᵀ], [J, 0]] [d; λ] = [−g; r]`` with our LU solver.

    It is the stationarity of the quadratic model ``gᵀd + ½ dᵀWd`` subject to the
    linear constraints ``J d = r``: ``W d + Jᵀλ = −g`` and ``J d = r``.
    """
    n, p = W.shape[0], J.shape[0]
    K = np.block([[W, J.T], [J, np.zeros((p, p))]])  # (n + p, n + p), symmetric indefinite
    try:
        z = la.solve(K, np.concatenate([-g, r]))
    except SingularMatrixError:
        raise SingularMatrixError(
            f"{func}: the KKT matrix [[H, Aᵀ], [A, 0]] is singular: the constraint gradients "
            f"(rows of A) are linearly dependent, or the Hessian H is singular on the "
            f"directions the constraints allow, so there is no unique stationary point"
        ) from None
    return z[:n], z[n:]


def _quadratic(f, func: str):
    """``(Q, c)``, checked: the objective ``½ xᵀQx + cᵀx``."""
    Q = as_array(f[0], "Q", func, ndim=2)
    c = as_vector(f[1], "c", func)
    if Q.shape != (c.size, c.size):
        raise ShapeError(f"{func}: f = (Q, c) needs Q of shape (n, n) and c of shape (n,), got "
                         f"Q of shape {Q.shape} and c of shape {c.shape}")
    check_symmetric(Q, "Q", func)
    return Q, c


def lagrange(
    f,
    eq,
    x0=None,
    *,
    jac: Callable | None = None,
    hess: Callable | None = None,
    tol: float = 1e-10,
    max_iter: int = 50,
) -> LagrangeResult:
    """Lagrange multipliers: solve ``∇f(x) + J(x)ᵀλ = 0``, ``h(x) = 0`` for ``x`` and ``λ``.

    These are the stationarity conditions of the Lagrangian ``L = f + λᵀh``.

    * **Quadratic objective, linear constraints**, ``f = (Q, c)`` and
      ``eq = (A, b)``: ``min ½ xᵀQx + cᵀx`` subject to ``A x = b`` is solved
      exactly, in one linear solve of the KKT system
      ``[[Q, Aᵀ], [A, 0]] [x; λ] = [−c; b]`` (``mathforml.linalg.solve``).
    * **Smooth problems**: Newton's method on the KKT equations from ``x0``.
      Each step solves the same kind of system with ``Q`` replaced by the
      Hessian of the Lagrangian ``∇²f + Σ λ_i ∇²h_i`` and ``A`` by the
      constraint Jacobian: it minimizes the local quadratic model (sequential
      quadratic programming without a line search). Quadratic convergence
      near a solution; no guarantee from far away.

    The answer is a stationary point of ``L``: a constrained minimum when the
    Hessian of ``L`` is positive definite along the constraint surface (always
    for ``Q`` positive definite), otherwise possibly a maximum or a saddle.

    Parameters
    ----------
    f : callable or (Q, c)
        ``f(x) -> float``, or the quadratic ``½ xᵀQx + cᵀx`` (``Q`` symmetric).
    eq : constraints
        ``h(x) = 0``: a function, a pair ``(h, jac)``, a pair ``(A, b)`` for
        ``A x = b``, or a list of these (see the module docstring).
    x0 : array_like, shape (n,), optional
        The start of Newton's method; not needed for a quadratic with linear constraints.
    jac, hess : callable, optional, keyword-only
        The gradient and Hessian of ``f`` (numerical when None).
    tol : float, default 1e-10, keyword-only
        Stop when both KKT residuals are ``<= tol`` or a Newton step is
        shorter than ``tol · max(1, ‖x‖∞)``.
    max_iter : int, default 50, keyword-only

    Returns
    -------
    LagrangeResult
        ``x``, ``multipliers`` (``λ``), ``fun``, ``nit``.

    Raises
    ------
    SingularMatrixError
        If the KKT matrix is singular (dependent constraints, or no unique
        stationary point).
    ConvergenceError
        If Newton's method has not converged in ``max_iter`` steps or diverges.
    ParameterError
        If ``x0`` is missing for a smooth problem, ``Q`` is not symmetric, or a
        number is out of range.
    ShapeError, DTypeError, NotFiniteError
        For malformed or non-finite input, or functions returning the wrong shape.

    See Also
    --------
    kkt_conditions : check the answer.
    minimize_constrained : with inequality constraints too.

    Examples
    --------
    >>> res = lagrange(([[2.0, 0.0], [0.0, 2.0]], [0.0, 0.0]), ([[1.0, 1.0]], [1.0]))
    >>> res.x, res.multipliers  # min x₀² + x₁² subject to x₀ + x₁ = 1
    (array([0.5, 0.5]), array([-1.]))
    """
    func = "lagrange"
    tol = check_positive_float(tol, "tol", func)
    max_iter = check_nonnegative_int(max_iter, "max_iter", func)
    check_function(jac, "jac", func, optional=True)
    check_function(hess, "hess", func, optional=True)
    if isinstance(f, tuple):
        Q, c = _quadratic(f, func)
        n = c.size
        if jac is not None or hess is not None:
            raise ParameterError(f"{func}: jac and hess are known for f = (Q, c); drop them")
        eqc = _parse(eq, n, func, "eq")
        if eqc.linear:
            zero = np.zeros(n)
            # One KKT solve: with h(x) = A x − b, h(0) = −b and J = A, the system
            # [[Q, Aᵀ], [A, 0]] [x; λ] = [−c; b] is _solve_kkt(Q, c, A, −h(0)).
            x, lam = _solve_kkt(Q, c, eqc.jacobian(zero), -eqc.values(zero), func)
            return LagrangeResult(x, lam, float(0.5 * x @ Q @ x + c @ x), 0)
        obj = Objective(lambda x: 0.5 * x @ Q @ x + c @ x, lambda x: Q @ x + c,
                        lambda x: Q, n, func)
    else:
        check_function(f, "f", func)
        n = None
    if x0 is None:
        raise ParameterError(f"{func}: x0 is needed to start Newton's method (only f = (Q, c) "
                             f"with linear constraints eq = (A, b) is solved directly)")
    x0 = as_vector(x0, "x0", func)
    if n is None:
        n = x0.size
        eqc = _parse(eq, n, func, "eq")
        obj = Objective(f, jac, hess, n, func)
    elif x0.size != n:
        raise ShapeError(f"{func}: x0 has shape {x0.shape} but Q is {n} x {n}")

    x = x0.copy()
    g, hval, J = obj.grad(x), eqc.values(x), eqc.jacobian(x)
    _check_start(obj.fun(x), g, hval, func)
    lam, _ = _estimate_multipliers(g, J, np.zeros(0), np.zeros((0, n)), None, np.zeros(0), 0.0)
    for k in range(max_iter + 1):
        stationarity = np.abs(g + J.T @ lam).max()
        feasibility = np.abs(hval).max() if hval.size else 0.0
        if max(stationarity, feasibility) <= tol:
            return LagrangeResult(x, lam, obj.fun(x), k)
        if k == max_iter:
            break
        W = obj.hess(x)
        if not eqc.linear:  # Σ λ_i ∇²h_i: the Jacobian of x ↦ J(x)ᵀλ (zero for linear h)
            W = W + _partials(_transposed_times(eqc, lam), x, None, "central", func,
                              scalar=False, what="eq's Jacobian")
        dx, lam = _solve_kkt(W, g, J, -hval, func)
        x = x + dx
        g, hval, J = obj.grad(x), eqc.values(x), eqc.jacobian(x)
        if not (np.isfinite(g).all() and np.isfinite(hval).all() and np.isfinite(J).all()):
            raise ConvergenceError(f"{func}: Newton's method diverged at step {k + 1} (a "
                                   f"gradient or constraint value is not finite); start "
                                   f"closer to the solution, or use minimize_constrained")
        if np.abs(dx).max() <= tol * max(1.0, np.abs(x).max()):
            return LagrangeResult(x, lam, obj.fun(x), k + 1)
    raise ConvergenceError(
        f"{func}: Newton's method did not converge in max_iter = {max_iter} steps (KKT "
        f"residuals: stationarity {stationarity:.3g}, feasibility {feasibility:.3g}); start "
        f"closer to the solution, or use minimize_constrained, which globalizes"
    )


def _transposed_times(cons: _Constraints, lam: np.ndarray) -> Callable:
    """``x ↦ J(x)ᵀλ``, whose Jacobian is ``Σ λ_i ∇²c_i(x)``."""
    return lambda x: cons.jacobian(x).T @ lam


def _check_start(fx: float, g: np.ndarray, cvals: np.ndarray, func: str) -> None:
    if not (math.isfinite(fx) and np.isfinite(g).all() and np.isfinite(cvals).all()):
        raise NotFiniteError(f"{func}: f, its gradient or a constraint is not finite at x0; "
                             f"start from a point where all are finite")


# --------------------------------------------------------------------------- augmented Lagrangian


class ConstrainedResult(NamedTuple):
    """``minimize_constrained``'s result, with the KKT report at the answer."""

    x: np.ndarray  # (n,)
    fun: float  # f(x)
    eq_multipliers: np.ndarray  # λ, (p,)
    ineq_multipliers: np.ndarray  # μ >= 0, (m,), bounds last
    kkt: KKTReport  # the residuals at x with these multipliers
    nit: int  # outer (multiplier) iterations
    nfev: int  # calls of f (including those of numerical derivatives)
    njev: int  # calls of jac
    success: bool
    message: str


RHO0, RHO_MAX = 10.0, 1e12  # the first and the largest penalty parameter


def _augmented(obj: Objective, eqc: _Constraints, ineqc: _Constraints, lam, mu, rho: float):
    """The augmented Lagrangian for fixed ``λ``, ``μ``, ``ρ``, and its gradient.

    ``L_A(x) = f + λᵀh + (ρ/2) ‖h‖² + (1/2ρ) Σ_i (max(0, μ_i + ρ g_i)² − μ_i²)``

    The inequality term is the equality one applied to ``g_i`` where the
    constraint is "on" (``μ_i + ρ g_i > 0``) and a constant where it is off;
    it is once (not twice) differentiable, which BFGS tolerates. Its gradient,
    ``∇f + Jₕᵀ(λ + ρh) + J_gᵀ max(0, μ + ρg)``, shows the multiplier updates.
    """
    cache: dict = {}

    def constraints(x):  # the line search asks for the value, then the gradient, at one x
        key = x.tobytes()
        if cache.get("key") != key:
            cache.update(key=key, h=eqc.values(x), g=ineqc.values(x))
        return cache["h"], cache["g"]

    def value(x):
        h, g = constraints(x)
        on = np.maximum(0.0, mu + rho * g)
        return obj.fun(x) + lam @ h + 0.5 * rho * (h @ h) + (on @ on - mu @ mu) / (2 * rho)

    def gradient(x):
        h, g = constraints(x)
        on = np.maximum(0.0, mu + rho * g)
        return obj.grad(x) + eqc.jacobian(x).T @ (lam + rho * h) + ineqc.jacobian(x).T @ on

    return value, gradient


def minimize_constrained(
    f: Callable,
    x0,
    *,
    jac: Callable | None = None,
    eq=None,
    ineq=None,
    bounds=None,
    tol: float = 1e-8,
    max_iter: int = 50,
) -> ConstrainedResult:
    """Minimize ``f`` subject to ``h(x) = 0``, ``g(x) <= 0`` and bounds: the augmented Lagrangian.

    The method of multipliers (Hestenes, Powell, Rockafellar; Nocedal & Wright
    §17.3–17.4): repeat

    1. minimize the augmented Lagrangian ``L_A(x) = f + λᵀh + (ρ/2)‖h‖² +
       (1/2ρ) Σ (max(0, μ_i + ρ g_i)² − μ_i²)`` over ``x`` by BFGS, from the
       previous ``x``;
    2. update the multipliers, ``λ ← λ + ρ h(x)``, ``μ ← max(0, μ + ρ g(x))``;
    3. multiply ``ρ`` by 10 if the constraint violation did not fall by 4x,

    until every KKT residual is ``<= tol``. Unlike a pure penalty method,
    ``ρ`` need not grow to infinity: the multiplier estimates absorb the
    constraint forces, so the subproblems stay well conditioned. Bounds are
    handled as linear inequalities (no projection).

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    x0 : array_like, shape (n,)
        The start; it need not be feasible.
    jac : callable, optional, keyword-only
        The gradient of ``f`` (central differences when None).
    eq, ineq : constraints, optional, keyword-only
        ``h(x) = 0`` and ``g(x) <= 0`` (note: SciPy's inequalities are ``>= 0``),
        each a function, a pair ``(c, jac)``, a pair ``(A, b)`` for ``A x = b``
        / ``A x <= b``, or a list of these.
    bounds : sequence of (low, high), optional, keyword-only
        ``None`` or ``±inf`` for no bound; appended to ``ineq``.
    tol : float, default 1e-8, keyword-only
        The largest KKT residual accepted (absolute).
    max_iter : int, default 50, keyword-only
        The most multiplier updates.

    Returns
    -------
    ConstrainedResult
        ``x``, ``fun``, ``eq_multipliers``, ``ineq_multipliers`` (bounds last),
        ``kkt`` (a :class:`KKTReport`), ``nit``, ``nfev``, ``njev``, ``success``,
        ``message``. ``success`` is False when ``max_iter`` runs out (the
        message then quotes the last subproblem's, e.g. a failed line search
        when ``f`` is unbounded below) or ``ρ`` exceeds 1e12 (the constraints
        are probably infeasible).

    Raises
    ------
    ParameterError
        If a bound has ``low > high`` or a number is out of range.
    ShapeError, DTypeError, NotFiniteError
        For malformed or non-finite input, or functions returning the wrong shape.

    See Also
    --------
    lagrange : equality constraints only, by Newton's method.
    kkt_conditions : the report returned here.
    minimize : the unconstrained BFGS that solves each subproblem.

    Examples
    --------
    >>> f = lambda x: (x[0] - 2) ** 2 + (x[1] - 1) ** 2
    >>> res = minimize_constrained(f, [0.0, 0.0], ineq=lambda x: x[0] + x[1] - 1)
    >>> res.x.round(6), res.ineq_multipliers.round(6)  # the nearest point of x₀ + x₁ <= 1
    (array([1., 0.]), array([2.]))
    """
    func = "minimize_constrained"
    check_function(f, "f", func)
    check_function(jac, "jac", func, optional=True)
    tol = check_positive_float(tol, "tol", func)
    max_iter = check_positive_int(max_iter, "max_iter", func)
    x = as_vector(x0, "x0", func).copy()
    n = x.size
    if n == 0:
        raise ShapeError(f"{func}: x0 must have at least one entry, got shape (0,)")
    eqc, ineqc = _parse(eq, n, func, "eq"), _inequalities(ineq, bounds, n, func)
    obj = Objective(f, jac, None, n, func)
    _check_start(obj.fun(x), obj.grad(x), np.concatenate([eqc.values(x), ineqc.values(x)]),
                 func)
    lam, mu = np.zeros(eqc.values(x).size), np.zeros(ineqc.values(x).size)
    rho, violation = RHO0, math.inf
    success, message = False, f"max_iter = {max_iter} multiplier updates reached"
    nit = 0
    while nit < max_iter:
        nit += 1
        value, gradient = _augmented(obj, eqc, ineqc, lam, mu, rho)
        inner = Objective(value, gradient, None, n, func)
        sub = _run(inner, x, "bfgs", None, tol, 0.0, 0.0, 200 * n, None)
        x = sub.x
        h, g = eqc.values(x), ineqc.values(x)
        # The violation, counting an inequality as satisfied once its multiplier is 0.
        new_violation = max(_top(np.abs(h)), _top(np.abs(np.minimum(-g, mu / rho))))
        lam, mu = lam + rho * h, np.maximum(0.0, mu + rho * g)
        report = _report(obj.grad(x), h, eqc.jacobian(x), g, ineqc.jacobian(x), lam, mu, tol)
        if report.satisfied:
            success, message = True, f"converged: every KKT residual is <= tol = {tol:.3g}"
            break
        if new_violation > 0.25 * violation:
            rho *= 10.0
            if rho > RHO_MAX:
                message = (f"the penalty ρ exceeded {RHO_MAX:.0e} with the constraints still "
                           f"violated by {new_violation:.3g}: they are probably infeasible")
                break
        violation = new_violation
    if not success and not sub.success and nit == max_iter:
        message += f"; the last subproblem {sub.message}"
    return ConstrainedResult(x, obj.fun(x), lam, mu, report, nit, obj.nfev, obj.njev, success,
                             message)


def _top(v: np.ndarray) -> float:
    return float(np.max(v)) if v.size else 0.0
