"""The Moore–Penrose pseudo-inverse."""

from __future__ import annotations

import numpy as np

from .._validation import as_matrix
from ..errors import ParameterError
from ._svd import svd

__all__ = ["pinv"]

_EPS = np.finfo(np.float64).eps


def _cutoff(S: np.ndarray, shape: tuple[int, int], rcond: float | None, func: str) -> float:
    """Singular values at or below this are treated as zero (shared with lstsq)."""
    if rcond is None:
        rcond = max(shape) * _EPS
    elif not rcond >= 0:
        raise ParameterError(f"{func}: rcond must be a number >= 0, got {rcond!r}")
    return rcond * (S[0] if S.size else 0.0)


def pinv(A, rcond: float | None = None) -> np.ndarray:
    """Moore–Penrose pseudo-inverse of ``A``, from its SVD.

    With A = U Σ Vᵀ, the pseudo-inverse inverts every singular value that is
    not (numerically) zero and leaves the zeros alone:

        A⁺ = V Σ⁺ Uᵀ,   Σ⁺ = diag(1/σᵢ if σᵢ > rcond · σ_max else 0)

    ``A⁺ b`` is the least-squares solution of A x = b with the smallest norm,
    so ``pinv`` solves linear regression even when features are redundant. For
    an invertible square A it equals ``inv(A)``.

    Parameters
    ----------
    A : array_like, shape (m, n)
    rcond : float, optional
        Relative cut-off for small singular values. Default ``max(m, n) · ε``,
        as in NumPy.

    Returns
    -------
    ndarray, shape (n, m)

    Raises
    ------
    ShapeError, NotFiniteError, DTypeError
        For input that is not a finite real matrix.
    ParameterError
        If ``rcond`` is negative.

    See Also
    --------
    lstsq : the least-squares solution without forming A⁺.
    svd : the factorization used here.

    Examples
    --------
    >>> pinv([[1, 2], [2, 4]])  # singular: inv would fail
    array([[0.04, 0.08],
           [0.08, 0.16]])
    """
    A = as_matrix(A, "A", "pinv")
    m, n = A.shape
    if A.size == 0:
        return np.zeros((n, m))
    U, S, Vt = svd(A, full_matrices=False)
    keep = S > _cutoff(S, A.shape, rcond, "pinv")
    # V Σ⁺ Uᵀ, using only the kept singular triplets.
    return (Vt[keep].T / S[keep]) @ U[:, keep].T
