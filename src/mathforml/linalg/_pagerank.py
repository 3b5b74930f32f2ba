"""PageRank: the eigenvector of eigenvalue 1 of the web's link matrix, by power iteration.

A random surfer on a web of n pages follows, from page j, one of j's links at
random. The link matrix L holds the probabilities: L[i, j] is the chance of
going from page j to page i, so column j sums to 1. If r[j] is the chance of
being on page j now, L r is the chance one click later, and the long-run
distribution (the ranks) is the r with

    L r = r,    Σ r = 1:    an eigenvector of L with eigenvalue 1.

Two fixes make that vector exist, be unique and be reachable:

* a page with no links (dangling) would leak probability; the surfer there
  jumps to any page at random, i.e. its column becomes 1/n everywhere;
* with probability 1 − d the surfer ignores the links and jumps to a random
  page (damping, d = 0.85 traditionally). The Google matrix

      M = d L + (1 − d)/n · 11ᵀ

  has all entries positive, so (Perron–Frobenius) eigenvalue 1 is simple and
  every other eigenvalue has modulus at most d.

Power iteration, r ← M r, then shrinks the error by a factor of at most d per
step. M is never formed: 11ᵀ r = (Σ r) 1 = 1 since the ranks sum to 1, so
M r = d L r + (1 − d)/n, one matrix-vector product per step.

    >>> import numpy as np
    >>> links = np.array([[0, 1, 1], [1, 0, 0], [0, 1, 0]])  # 0 → 1, 1 → 0 and 2, 2 → 0
    >>> pagerank(links).ranks.round(3)
    array([0.397, 0.388, 0.215])
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .._validation import (
    as_square_matrix,
    check_positive_float,
    check_positive_int,
    check_probability,
)
from ..errors import ConvergenceError, ParameterError, ShapeError

__all__ = ["PageRankResult", "pagerank"]


class PageRankResult(NamedTuple):
    """Result of :func:`pagerank`."""

    ranks: np.ndarray
    """The PageRank of each page, shape (n,), summing to 1."""
    n_iter: int
    """How many power-iteration steps were taken."""


def _link_matrix(links: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column-stochastic L (dangling columns left at 0) and the mask of dangling pages."""
    out_weight = links.sum(axis=0)  # column j: total weight of j's outgoing links
    dangling = out_weight == 0
    L = links / np.where(dangling, 1.0, out_weight)  # each column of a linking page sums to 1
    return L, dangling


def _not_converged(damping: float, tol: float, max_iter: int, change: float) -> ConvergenceError:
    head = (
        f"pagerank: power iteration did not converge in max_iter={max_iter} steps "
        f"(last change ‖r_new − r‖₁ = {change:.3g} > tol = {tol:.3g}). "
    )
    if damping == 1.0:
        why = (
            "With damping=1 there is no random jump, and the ranks never settle when the "
            "link graph is periodic: on a cycle A → B → C → D → A the link matrix has the "
            "eigenvalues 1, i, −1, −i, all of modulus 1, so the surfers just go round. "
            "Use damping < 1 (0.85 is the usual choice)."
        )
    elif damping == 0.0:
        why = "With damping=0 the ranks are uniform after one step; use max_iter >= 2."
    else:
        # the error shrinks by at least a factor d per step, from at most 2 (two distributions)
        needed = max(2, math.ceil(math.log(tol / 2) / math.log(damping)))
        why = (
            f"With damping={damping:g} the error shrinks by a factor of up to {damping:g} per "
            f"step, so up to about {needed} steps may be needed; raise max_iter, loosen tol, "
            f"or use a smaller damping."
        )
    return ConvergenceError(head + why)


def pagerank(
    links, damping: float = 0.85, *, tol: float = 1e-10, max_iter: int = 1000
) -> PageRankResult:
    """PageRank of every page of a web, by power iteration on the Google matrix.

    Iterates r ← M r with M = d L + (1 − d)/n · 11ᵀ until ‖r_new − r‖₁ <= tol,
    where L is ``links`` with each column scaled to sum to 1 and each all-zero
    column (a dangling page, without links) replaced by 1/n. M is applied
    without being formed: M r = d L r + d (Σ_dangling rⱼ)/n + (1 − d)/n.

    The iteration starts from r ∝ (1, 2, …, n), not from the uniform vector:
    for d < 1 the answer does not depend on the start, but on a symmetric
    periodic web (a cycle) with d = 1 the uniform vector is already a fixed
    point and would hide that the iteration circles from every other start.

    Parameters
    ----------
    links : array_like, shape (n, n)
        Non-negative link weights: ``links[i, j] > 0`` means page j links to
        page i (column j lists j's outgoing links, the course's convention
        L[i, j] = probability of following a link from j to i). Any weights
        work (0/1 or counts); columns are normalised. Self-links are allowed.
    damping : float in [0, 1], default 0.85
        The probability d of following a link rather than jumping at random.
        d = 0 gives uniform ranks; d = 1 is the undamped link matrix.
    tol : float > 0, default 1e-10
        Stop when the 1-norm of the change in r is at most ``tol``.
    max_iter : int >= 1, default 1000
        Iteration cap.

    Returns
    -------
    PageRankResult
        ``ranks`` (n,) float64, non-negative, summing to 1; ``n_iter``, the
        number of steps taken.

    Raises
    ------
    ShapeError
        If ``links`` is not a square matrix, or is empty.
    NotFiniteError
        If ``links`` holds NaN or infinity.
    ParameterError
        If ``links`` has a negative entry, or ``damping``, ``tol``, ``max_iter``
        are out of range.
    ConvergenceError
        If ``max_iter`` steps are not enough; the message explains why (a
        periodic web with d = 1, or d close to 1).

    See Also
    --------
    mathforml.linalg.power_iteration : the general method.
    mathforml.linalg.eig : the same vector as an eigenvector of M.

    Notes
    -----
    With d = 1 the ranks are unique only when every page can reach every
    other; if the web splits into groups with no links out of them (like the
    course's page "Geoff", which links only to itself), eigenvalue 1 is
    repeated and the iteration returns one of many stationary vectors.

    Examples
    --------
    >>> cycle = [[0, 0, 1], [1, 0, 0], [0, 1, 0]]  # 0 → 1 → 2 → 0
    >>> pagerank(cycle, damping=0.5).ranks
    array([0.333..., 0.333..., 0.333...])
    """
    func = "pagerank"
    A = as_square_matrix(links, "links", func)
    d = check_probability(damping, "damping", func)
    tol = check_positive_float(tol, "tol", func)
    max_iter = check_positive_int(max_iter, "max_iter", func)
    n = A.shape[0]
    if n == 0:
        raise ShapeError(f"{func}: links has shape (0, 0); a web needs at least one page")
    if (A < 0).any():
        i, j = np.argwhere(A < 0)[0]
        raise ParameterError(
            f"{func}: links must be non-negative (a link weight or 0), but "
            f"links[{i}, {j}] = {A[i, j]:g}"
        )

    L, dangling = _link_matrix(A)
    r = np.arange(1.0, n + 1.0)
    r /= r.sum()
    change = math.inf
    for k in range(1, max_iter + 1):
        # M r = d (L r + (Σ_dangling rⱼ)/n · 1) + (1 − d)/n · (Σ r) 1, and Σ r = 1
        r_new = d * (L @ r + r[dangling].sum() / n) + (1.0 - d) / n
        r_new /= r_new.sum()  # Σ r_new = 1 exactly in exact arithmetic; stop rounding drift
        change = float(np.abs(r_new - r).sum())
        r = r_new
        if change <= tol:
            return PageRankResult(r, k)
    raise _not_converged(d, tol, max_iter, change)
