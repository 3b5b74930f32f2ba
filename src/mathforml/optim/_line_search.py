"""Line search: how far to go along a descent direction.

Given ``x`` and a direction ``d`` with ``∇f(x)·d < 0``, a line search picks a
step ``α > 0`` for ``x + α d`` by looking at ``φ(α) = f(x + α d)``, whose slope
is ``φ'(α) = ∇f(x + α d)·d``. Minimizing ``φ`` exactly is wasted effort; two
conditions are enough (Nocedal & Wright, *Numerical Optimization*, §3.1):

* **sufficient decrease** (Armijo): ``φ(α) <= φ(0) + c₁ α φ'(0)``, the value
  falls by at least a fraction ``c₁`` of what the tangent line promises;
* **curvature** (strong Wolfe): ``|φ'(α)| <= c₂ |φ'(0)|``, the slope has
  flattened, so the step is not needlessly short.

Backtracking (try ``α₀``, then ``ρα₀``, ``ρ²α₀``, …) enforces the first, and
suits Newton's method, whose step ``α = 1`` is usually right. Quasi-Newton
methods need the second too: it guarantees ``sᵀy > 0`` (``s`` the step, ``y``
the change in gradient), which keeps BFGS's Hessian approximation positive
definite. Typical constants: ``c₁ = 1e-4``; ``c₂ = 0.9`` for (quasi-)Newton.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from .._validation import as_vector, check_choice, check_positive_float, check_positive_int
from ..errors import ConvergenceError, NotFiniteError, ParameterError, ShapeError
from ._objective import Objective, check_function

__all__ = ["line_search", "LineSearchResult"]

CONDITIONS = ("wolfe", "armijo")


class LineSearchResult(NamedTuple):
    """``line_search``'s result: the step and what it costs to know the new point."""

    alpha: float  # the step length α
    x: np.ndarray  # (n,), the new point x + α d
    fun: float  # f(x + α d)
    jac: np.ndarray  # (n,), ∇f(x + α d)
    nfev: int  # calls of f
    njev: int  # calls of jac


class _Trial(NamedTuple):
    """One evaluated step: ``φ(α)``, ``φ'(α)`` (NaN if unknown) and what the caller keeps."""

    alpha: float
    phi: float
    dphi: float
    payload: object


# --------------------------------------------------------------------------- backtracking


def _backtracking(
    value: Callable[[float], float],
    phi0: float,
    dphi0: float,
    alpha0: float,
    c1: float,
    shrink: float,
    max_iter: int,
):
    """The first ``α`` in ``α₀, ρα₀, ρ²α₀, …`` with ``φ(α) <= φ(0) + c₁ α φ'(0)``.

    A non-finite ``φ(α)`` (an overflow far out) counts as too far. Returns
    ``(α, φ(α))``, or None after ``max_iter`` tries.
    """
    alpha = alpha0
    for _ in range(max_iter):
        phi = value(alpha)
        if phi <= phi0 + c1 * alpha * dphi0:  # False for NaN and +inf
            return alpha, phi
        alpha *= shrink
    return None


# --------------------------------------------------------------------------- strong Wolfe


def _cubic_minimizer(a: _Trial, b: _Trial) -> float:
    """The minimizer of the cubic through ``φ`` and ``φ'`` at two trials (N&W eq. 3.59).

    Safeguarded: if the cubic has no minimizer, or it falls within 10% of either
    end of ``[a, b]``, or a value is not finite, bisect instead.
    """
    lo, hi = min(a.alpha, b.alpha), max(a.alpha, b.alpha)
    mid = (lo + hi) / 2
    values = (a.phi, a.dphi, b.phi, b.dphi)
    if not all(math.isfinite(v) for v in values) or a.alpha == b.alpha:
        return mid
    d1 = a.dphi + b.dphi - 3 * (a.phi - b.phi) / (a.alpha - b.alpha)
    disc = d1 * d1 - a.dphi * b.dphi
    if not (math.isfinite(disc) and disc >= 0):
        return mid
    d2 = math.copysign(math.sqrt(disc), b.alpha - a.alpha)
    denom = b.dphi - a.dphi + 2 * d2
    if denom == 0:
        return mid
    t = b.alpha - (b.alpha - a.alpha) * (b.dphi + d2 - d1) / denom
    margin = 0.1 * (hi - lo)
    return t if lo + margin <= t <= hi - margin else mid


FLAT = 1e-6  # the relative change in f that Hager & Zhang's approximate condition tolerates


def _decreases(trial: _Trial, best: float, phi0: float, dphi0: float, c1: float) -> bool:
    """Sufficient decrease, and no higher than the best value ``best`` seen so far.

    Near a minimum, ``c₁ α φ'(0)`` falls below the rounding error of ``f`` and
    the comparison of values becomes noise. Then the approximate condition of
    Hager & Zhang (2005) decides from the slope: on a quadratic
    ``φ(α) − φ(0) = α (φ'(0) + φ'(α)) / 2``, so sufficient decrease is exactly
    ``φ'(α) <= (2c₁ − 1) φ'(0)``, provided ``f`` has not risen by more than
    ``1e-6 · |f|``.
    """
    if trial.phi <= phi0 + c1 * trial.alpha * dphi0 and trial.phi <= best:  # False for NaN
        return True
    return trial.phi <= phi0 + FLAT * abs(phi0) and trial.dphi <= (2 * c1 - 1) * dphi0


def _zoom(evaluate, lo: _Trial, hi: _Trial, phi0, dphi0, c1, c2, budget):
    """Shrink a bracket to a strong-Wolfe step (N&W Algorithm 3.6).

    Invariants: ``lo`` satisfies sufficient decrease with the lowest ``φ`` seen,
    and ``φ'(lo) (hi − lo) < 0``, so a strong-Wolfe step lies between them.
    """
    for _ in range(budget):
        if abs(hi.alpha - lo.alpha) <= 1e-15 * max(lo.alpha, hi.alpha):
            return None  # the bracket has shrunk to rounding level
        alpha = _cubic_minimizer(lo, hi)
        trial = _Trial(alpha, *evaluate(alpha))
        if not _decreases(trial, lo.phi, phi0, dphi0, c1):
            hi = trial
        else:
            if abs(trial.dphi) <= -c2 * dphi0:
                return trial
            if trial.dphi * (hi.alpha - lo.alpha) >= 0:
                hi = lo
            lo = trial
    return None


def _strong_wolfe(evaluate, phi0: float, dphi0: float, alpha0: float, c1: float, c2: float,
                  max_iter: int):
    """A step satisfying the strong Wolfe conditions (N&W Algorithm 3.5), or None.

    ``evaluate(α) -> (φ(α), φ'(α), payload)``. Grow ``α`` (doubling) until the
    interval from the previous trial brackets an acceptable step, then zoom.
    At most ``max_iter`` evaluations in all.
    """
    prev = _Trial(0.0, phi0, dphi0, None)
    alpha = alpha0
    for i in range(max_iter):
        trial = _Trial(alpha, *evaluate(alpha))
        if not _decreases(trial, prev.phi if i > 0 else math.inf, phi0, dphi0, c1):
            return _zoom(evaluate, prev, trial, phi0, dphi0, c1, c2, max_iter - i - 1)
        if abs(trial.dphi) <= -c2 * dphi0:
            return trial
        if trial.dphi >= 0:
            return _zoom(evaluate, trial, prev, phi0, dphi0, c1, c2, max_iter - i - 1)
        prev, alpha = trial, 2 * alpha
    return None


def _values_along(obj: Objective, x: np.ndarray, d: np.ndarray) -> Callable[[float], float]:
    """``φ(α) = f(x + α d)``, for backtracking."""
    return lambda alpha: obj.fun(x + alpha * d)


def _along(obj: Objective, x: np.ndarray, d: np.ndarray):
    """``evaluate(α)`` for the strong-Wolfe search: ``φ``, ``φ'`` and ``(x + αd, ∇f)``.

    The gradient is skipped where ``f`` is not finite: that trial is rejected anyway.
    """

    def evaluate(alpha: float):
        y = x + alpha * d
        fy = obj.fun(y)
        if not math.isfinite(fy):
            return math.inf, math.nan, None
        gy = obj.grad(y)
        if not np.isfinite(gy).all():
            return math.inf, math.nan, None
        return fy, float(gy @ d), (y, gy)

    return evaluate


# --------------------------------------------------------------------------- public


def line_search(
    f: Callable,
    jac: Callable,
    x,
    d,
    *,
    conditions: str = "wolfe",
    alpha0: float = 1.0,
    c1: float = 1e-4,
    c2: float = 0.9,
    shrink: float = 0.5,
    max_iter: int = 30,
) -> LineSearchResult:
    """A step ``α`` along a descent direction ``d``: Armijo backtracking or strong Wolfe.

    With ``φ(α) = f(x + α d)``:

    * ``conditions="armijo"``: the first of ``α₀, ρα₀, ρ²α₀, …`` (``ρ = shrink``)
      with sufficient decrease ``φ(α) <= φ(0) + c₁ α φ'(0)``;
    * ``conditions="wolfe"``: a step that also satisfies the strong curvature
      condition ``|φ'(α)| <= c₂ |φ'(0)|``, found by bracketing and cubic
      interpolation (Nocedal & Wright, Algorithms 3.5 and 3.6), as in
      ``scipy.optimize.line_search``. Where ``f`` is flat to rounding level,
      sufficient decrease is judged from the slope instead (Hager & Zhang's
      approximate Wolfe condition ``φ'(α) <= (2c₁ − 1) φ'(0)``, allowing ``f``
      to rise by at most ``1e-6 · |f|``), so BFGS can reach gradients far
      below ``√eps``.

    Parameters
    ----------
    f : callable
        ``f(x) -> float``.
    jac : callable
        ``jac(x) -> array of shape (n,)``, the gradient of ``f``.
    x : array_like, shape (n,)
    d : array_like, shape (n,)
        A descent direction: ``∇f(x)·d < 0``.
    conditions : {"wolfe", "armijo"}, default "wolfe", keyword-only
    alpha0 : float, default 1.0, keyword-only
        The first step tried.
    c1, c2 : float, default 1e-4 and 0.9, keyword-only
        ``0 < c1 < c2 < 1`` (``c2`` is used by "wolfe" only).
    shrink : float, default 0.5, keyword-only
        The backtracking factor ``ρ`` in (0, 1) ("armijo" only).
    max_iter : int, default 30, keyword-only
        The most trial steps (each costs one ``f``, and for "wolfe" one ``jac``).

    Returns
    -------
    LineSearchResult
        ``alpha``, ``x`` (the new point), ``fun``, ``jac`` (at the new point),
        ``nfev``, ``njev``.

    Raises
    ------
    ParameterError
        If ``d`` is not a descent direction, or a constant is out of range.
    ConvergenceError
        If no acceptable step is found in ``max_iter`` trials (``f`` unbounded
        below along ``d``, or an inaccurate gradient).
    ShapeError, NotFiniteError
        If ``x`` and ``d`` are not finite vectors of the same length, or ``f``,
        ``jac`` return the wrong shape or are not finite at ``x``.

    See Also
    --------
    minimize : Newton's method uses "armijo", BFGS uses "wolfe".

    Examples
    --------
    >>> f = lambda x: float(x @ x)
    >>> res = line_search(f, lambda x: 2 * x, [1.0, 1.0], [-1.0, -1.0])
    >>> res.alpha, res.x
    (1.0, array([0., 0.]))
    """
    func = "line_search"
    check_function(f, "f", func)
    check_function(jac, "jac", func)
    conditions = check_choice(conditions, "conditions", func, CONDITIONS)
    alpha0 = check_positive_float(alpha0, "alpha0", func)
    c1 = check_positive_float(c1, "c1", func)
    c2 = check_positive_float(c2, "c2", func)
    shrink = check_positive_float(shrink, "shrink", func)
    max_iter = check_positive_int(max_iter, "max_iter", func)
    if not c1 < c2 < 1:
        raise ParameterError(f"{func}: the constants must satisfy 0 < c1 < c2 < 1, got "
                             f"c1 = {c1!r} and c2 = {c2!r}")
    if not shrink < 1:
        raise ParameterError(f"{func}: shrink must lie in (0, 1), got {shrink!r}")
    x = as_vector(x, "x", func)
    d = as_vector(d, "d", func)
    if x.shape != d.shape:
        raise ShapeError(f"{func}: x has shape {x.shape} and d has shape {d.shape}; they "
                         f"must have the same length")
    obj = Objective(f, jac, None, x.size, func)
    fx, gx = obj.fun(x), obj.grad(x)
    if not (math.isfinite(fx) and np.isfinite(gx).all()):
        raise NotFiniteError(f"{func}: f or its gradient is not finite at x (f(x) = {fx}); "
                             f"start from a point where both are finite")
    slope = float(gx @ d)
    if not slope < 0:
        raise ParameterError(
            f"{func}: d is not a descent direction: ∇f(x)·d = {slope:.6g} must be < 0; "
            f"use d = −∇f(x) (steepest descent) or a Newton direction"
        )
    if conditions == "armijo":
        step = _backtracking(_values_along(obj, x, d), fx, slope, alpha0, c1, shrink, max_iter)
        if step is not None:
            alpha, fy = step
            y = x + alpha * d
            return LineSearchResult(alpha, y, fy, obj.grad(y), obj.nfev, obj.njev)
    else:
        trial = _strong_wolfe(_along(obj, x, d), fx, slope, alpha0, c1, c2, max_iter)
        if trial is not None:
            y, gy = trial.payload
            return LineSearchResult(trial.alpha, y, trial.phi, gy, obj.nfev, obj.njev)
    raise ConvergenceError(
        f"{func}: no step satisfying the {conditions} conditions in max_iter = {max_iter} "
        f"trials (slope ∇f(x)·d = {slope:.6g}); f may be unbounded below along d, or jac "
        f"may not be the gradient of f (check it with mathforml.calculus.check_gradient)"
    )
