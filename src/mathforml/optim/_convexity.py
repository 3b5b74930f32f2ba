"""Convexity, checked the way a twice-differentiable function allows: a PSD Hessian.

``f`` is convex when every chord lies above the graph,
``f(t x + (1 − t) y) <= t f(x) + (1 − t) f(y)``. For a twice-differentiable
``f`` on a convex set this holds exactly when the Hessian ``∇²f(x)`` is positive
semidefinite everywhere: every eigenvalue ``>= 0``, no direction curving down.
Convexity is what makes minimization easy: every local minimum is global, and
gradient descent with a small enough step finds it.

A computer can test the Hessian only at finitely many points, so the check is
one-sided: a negative eigenvalue at one point *proves* ``f`` is not convex (and
the eigenvector shows the direction along which it curves down), while "no
negative eigenvalue at the sampled points" is evidence, not proof.

Examples: ``½ xᵀQx + cᵀx`` (``Q`` PSD), norms, log-sum-exp and the logistic
loss are convex; Rosenbrock's function and the double well are not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .. import linalg as la
from .._validation import as_array, as_matrix, check_positive_float, check_positive_int
from ..errors import NotFiniteError, ParameterError, ShapeError
from ._objective import Objective, check_function

__all__ = ["is_convex", "ConvexityCheck"]

EPS = np.finfo(np.float64).eps


@dataclass(frozen=True, eq=False)
class ConvexityCheck:
    """``is_convex``'s verdict and its evidence; true exactly when no sample failed."""

    convex: bool  # no sampled Hessian had an eigenvalue below −tol · max(1, max|λ|)
    min_eigenvalue: float  # the smallest Hessian eigenvalue seen
    point: np.ndarray  # (n,), the sample where it was seen
    direction: np.ndarray  # (n,), its unit eigenvector: the direction of least curvature
    n_points: int  # how many points were checked

    def __bool__(self) -> bool:
        return self.convex


def _rng(random_state, func: str) -> np.random.Generator:
    """``np.random.default_rng(random_state)``, seed 0 for None (reproducible by default)."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is None:
        return np.random.default_rng(0)
    if isinstance(random_state, (int, np.integer)) and not isinstance(random_state, bool) and (
        random_state >= 0
    ):
        return np.random.default_rng(int(random_state))
    raise ParameterError(
        f"{func}: random_state must be None, a non-negative integer or a "
        f"numpy.random.Generator, got {random_state!r}"
    )


def _sample_points(bounds, points, n_samples: int, random_state, func: str) -> np.ndarray:
    """The points to check, shape (k, n): given, or uniform in the box ``bounds``."""
    if (bounds is None) == (points is None):
        raise ParameterError(
            f"{func}: give exactly one of bounds (a box to sample, [(low, high), ...] per "
            f"coordinate) and points (an array of shape (k, n))"
        )
    if points is not None:
        P = as_array(points, "points", func, ndim=(1, 2))
        P = P.reshape(1, -1) if P.ndim == 1 else P
        if P.shape[0] == 0 or P.shape[1] == 0:
            raise ShapeError(f"{func}: points must hold at least one point of dimension >= 1, "
                             f"got shape {P.shape}")
        return P
    box = as_matrix(bounds, "bounds", func)
    if box.shape[1] != 2 or box.shape[0] == 0:
        raise ShapeError(f"{func}: bounds must have shape (n, 2), one (low, high) pair per "
                         f"coordinate, got shape {box.shape}")
    low, high = box[:, 0], box[:, 1]
    if (low > high).any():
        j = int(np.argmax(low > high))
        raise ParameterError(f"{func}: bounds[{j}] = ({low[j]:g}, {high[j]:g}) has low > high")
    rng = _rng(random_state, func)
    return low + (high - low) * rng.random((n_samples, low.size))


def _second_difference_noise(fx: float, x: np.ndarray) -> float:
    """How far rounding can move an eigenvalue of the second-difference Hessian.

    Each entry carries up to ``4 eps |f| / h²`` of rounding error, with
    ``h >= eps^(1/4) · max(1, min|x_i|)``; an eigenvalue moves by at most ``n``
    times that (``‖E‖₂ <= n max|E_ij|``), and a factor 2 covers ``f``'s own error.
    """
    h = EPS**0.25 * max(1.0, float(np.abs(x).min()))
    return 8 * x.size * EPS * abs(fx) / (h * h)


def is_convex(
    f: Callable,
    bounds=None,
    *,
    points=None,
    hess: Callable | None = None,
    n_samples: int = 100,
    random_state=None,
    tol: float = 1e-6,
) -> ConvexityCheck:
    """Check convexity: is the Hessian positive semidefinite at sampled points?

    At each point the eigenvalues of ``∇²f(x)`` come from :func:`mathforml.linalg.eigh`;
    one below ``−tol · max(1, max|λ|)`` proves ``f`` is not convex there. The
    result is falsy then, and reports the point and the most negative
    eigenvalue with its eigenvector. A truthy result means no sample failed,
    which is evidence, not proof. Without ``hess``, eigenvalues within the
    rounding error of second differences, about ``8n · √eps · |f(x)| /
    max(1, min|x_i|)²``, also count as zero: curvature that small is invisible
    to values of ``f`` (pass ``hess`` for a sharper test).

    Parameters
    ----------
    f : callable
        ``f(x) -> float`` for ``x`` of shape (n,).
    bounds : array_like, shape (n, 2), optional
        A box ``[(low, high), ...]`` to sample ``n_samples`` points from, uniformly.
    points : array_like, shape (k, n) or (n,), optional, keyword-only
        The points to check instead of a box.
    hess : callable, optional, keyword-only
        ``hess(x) -> array of shape (n, n)``. Default: second differences of
        ``f`` (``2n² + 2`` calls per point, accurate to about ``1e-8 · |f|``).
    n_samples : int, default 100, keyword-only
    random_state : None, int or numpy.random.Generator, keyword-only
        Seeds the sampling; None means seed 0 (the same points every call).
    tol : float, default 1e-6, keyword-only

    Returns
    -------
    ConvexityCheck
        ``convex``, ``min_eigenvalue``, ``point``, ``direction``, ``n_points``;
        ``bool(result)`` is ``convex``.

    Raises
    ------
    ParameterError
        If both or neither of ``bounds`` and ``points`` are given, a box has
        ``low > high``, or a number is out of range.
    ShapeError
        If ``bounds`` is not (n, 2), ``points`` not (k, n), or ``f`` / ``hess``
        return the wrong shape.
    NotFiniteError
        If the bounds or points are not finite, or ``f`` or the Hessian is not
        finite at a point.

    See Also
    --------
    mathforml.calculus.hessian : the numerical Hessian.
    mathforml.linalg.is_positive_definite : the strict test for one matrix.
    double_well : a landscape this check rejects, near the origin.

    Examples
    --------
    >>> from mathforml.optim import double_well
    >>> bool(is_convex(lambda x: float(x @ x), [(-1, 1), (-1, 1)]))
    True
    >>> check = is_convex(double_well, points=[[1.0, 0.0], [0.0, 0.0]], hess=double_well.hess)
    >>> bool(check), check.min_eigenvalue, check.point  # ∂²f/∂x₀² = 12 x₀² − 4
    (False, -4.0, array([0., 0.]))
    """
    func = "is_convex"
    check_function(f, "f", func)
    check_function(hess, "hess", func, optional=True)
    n_samples = check_positive_int(n_samples, "n_samples", func)
    tol = check_positive_float(tol, "tol", func)
    P = _sample_points(bounds, points, n_samples, random_state, func)
    obj = Objective(f, None, hess, P.shape[1], func)
    # The evidence to report: the most negative eigenvalue among the failing points,
    # or the smallest eigenvalue seen if none fails. Keys sort failures first.
    worst_key, worst = (True, np.inf), None
    for x in P:
        H = obj.hess(x.copy())
        if not np.isfinite(H).all():
            raise NotFiniteError(f"{func}: the Hessian at x = {x} is not finite; check f's "
                                 f"domain against the bounds")
        w, V = la.eigh(H)  # ascending eigenvalues, orthonormal eigenvectors
        fails = w[0] < -tol * max(1.0, float(np.abs(w).max())) - (
            0.0 if hess is not None else _second_difference_noise(obj.fun(x.copy()), x)
        )
        key = (not fails, float(w[0]))
        if key < worst_key:
            worst_key, worst = key, (float(w[0]), x.copy(), V[:, 0].copy())
    convex = worst_key[0]
    return ConvexityCheck(convex, worst[0], worst[1], worst[2], P.shape[0])
