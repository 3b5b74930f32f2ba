"""The rank of a matrix: how many of its columns (or rows) are linearly independent."""

from __future__ import annotations

import numpy as np

from .._validation import as_array
from ._svd import svd

__all__ = ["rank"]

_EPS = np.finfo(np.float64).eps


def rank(A, tol: float | None = None) -> int:
    """Rank of ``A``: the number of singular values above a tolerance.

    In exact arithmetic the rank is the number of pivots in the row echelon
    form (see :func:`rref`). With rounding, a matrix that "should" be singular
    has tiny non-zero pivots, so we count the singular values that stand clear
    of the rounding noise instead, like ``numpy.linalg.matrix_rank``:

        rank(A) = #{ i : σᵢ > tol },   tol = σ_max · max(m, n) · ε

    where ε ≈ 2.2e-16 is the float64 machine epsilon: σ_max · ε is the size of
    the error rounding alone puts into each singular value, and the factor
    max(m, n) allows for it accumulating over the matrix.

    Parameters
    ----------
    A : array_like, shape (m, n) or (n,)
        The matrix. A vector has rank 1 unless it is zero.
    tol : float, optional
        Singular values at or below ``tol`` count as zero. Default as above.

    Returns
    -------
    int
        The rank, between 0 and min(m, n).

    Raises
    ------
    ShapeError
        If ``A`` is not 1-D or 2-D, or is ragged.
    NotFiniteError
        If ``A`` contains NaN or infinity.
    ParameterError
        If ``tol`` is negative.

    See Also
    --------
    svd : the singular values counted here.
    is_linearly_independent : rank equal to the number of vectors.

    Notes
    -----
    Rank is "feature independence": a data matrix X whose rank is below its
    number of columns has redundant features, and XᵀX is then singular, so the
    normal equation of linear regression has no unique solution.

    Examples
    --------
    >>> rank([[1, 2], [2, 4]])
    1
    >>> rank([[1, 2], [3, 4]])
    2
    """
    A = as_array(A, "A", "rank", ndim=(1, 2))
    if A.ndim == 1:
        return int(bool(np.any(A != 0)))
    if A.size == 0:
        return 0
    S = svd(A, compute_uv=False)
    if tol is None:
        tol = S[0] * max(A.shape) * _EPS
    elif not tol >= 0:
        from ..errors import ParameterError

        raise ParameterError(f"rank: tol must be a number >= 0, got {tol!r}")
    return int(np.count_nonzero(S > tol))
