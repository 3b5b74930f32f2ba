"""Least squares: the best solution of an over- or under-determined linear system."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import as_array, as_matrix
from ..errors import ShapeError
from ._pinv import _cutoff
from ._svd import svd

__all__ = ["lstsq", "LstsqResult"]


class LstsqResult(NamedTuple):
    """Result of :func:`lstsq`, in NumPy's order."""

    x: np.ndarray
    """The minimum-norm least-squares solution, shape (n,) or (n, k)."""
    residuals: np.ndarray
    """Squared residual norms ‖A x − b‖² per column of b; empty unless A is tall with full rank."""
    rank: int
    """Numerical rank of A (singular values above the cut-off)."""
    singular_values: np.ndarray
    """Singular values of A, descending."""


def lstsq(A, b, rcond: float | None = None) -> LstsqResult:
    """Least-squares solution of A x ≈ b: minimise ‖A x − b‖₂, then ‖x‖₂.

    This is linear regression: rows of A are samples, columns are features,
    b holds the targets. Three ways to compute it, in increasing robustness:

    - the normal equation AᵀA x = Aᵀb (what a textbook shows; it squares the
      condition number, so it loses twice as many digits);
    - QR: A = Q R, then R x = Qᵀb (stable for full column rank);
    - the SVD, used here: A = U Σ Vᵀ gives x = V Σ⁺ Uᵀ b, which also handles
      rank-deficient A (redundant features) by returning the solution of
      smallest norm, exactly what ``numpy.linalg.lstsq`` returns.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Coefficient (design) matrix.
    b : array_like, shape (m,) or (m, k)
        Right-hand side(s).
    rcond : float, optional
        Singular values at or below ``rcond · σ_max`` count as zero. Default
        ``max(m, n) · ε``, as in NumPy.

    Returns
    -------
    LstsqResult
        ``(x, residuals, rank, singular_values)``, as ``numpy.linalg.lstsq``.

    Raises
    ------
    ShapeError
        If b does not have one row per row of A.
    NotFiniteError, DTypeError
        For input that is not finite and real.

    See Also
    --------
    pinv : x = A⁺ b.
    solve : the square, invertible case.

    Examples
    --------
    Fit a line y = w x + c through three points:

    >>> x, y = [0, 1, 2], [1, 3, 4]
    >>> A = [[xi, 1] for xi in x]
    >>> lstsq(A, y).x  # slope 1.5, intercept 7/6
    array([1.5       , 1.16666667])
    """
    A = as_matrix(A, "A", "lstsq")
    b = as_array(b, "b", "lstsq", ndim=(1, 2))
    m, n = A.shape
    if b.shape[0] != m:
        raise ShapeError(
            f"lstsq: A has shape {A.shape} and b has shape {b.shape}; b must have {m} rows "
            f"(one per row of A)"
        )
    if A.size == 0:
        x = np.zeros((n,) + b.shape[1:])
        # With no columns, x is empty and every residual is b itself (NumPy reports it).
        residuals = np.atleast_1d((b**2).sum(axis=0)) if m > 0 else np.empty((0,))
        return LstsqResult(x, residuals, 0, np.empty((0,)))

    U, S, Vt = svd(A, full_matrices=False)
    keep = S > _cutoff(S, A.shape, rcond, "lstsq")
    r = int(np.count_nonzero(keep))
    # x = V Σ⁺ Uᵀ b over the kept singular triplets.
    Utb = U[:, keep].T @ b
    coeffs = Utb / (S[keep] if b.ndim == 1 else S[keep][:, None])
    x = Vt[keep].T @ coeffs

    if r == n and m > n:
        residual = A @ x - b
        residuals = np.atleast_1d((residual**2).sum(axis=0))
    else:
        residuals = np.empty((0,))
    return LstsqResult(x, residuals, r, S)
