"""Orthogonal projection onto the column space of a matrix.

The projection of ``x`` onto ``col(A)`` is the point ``p = A λ`` of that space
closest to ``x``; the error ``x - p`` is orthogonal to every column of ``A``::

    Aᵀ (x - A λ) = 0   ⇒   λ = (AᵀA)⁻¹ Aᵀ x,   p = A (AᵀA)⁻¹ Aᵀ x = P x

That formula is the lesson but not the computation: forming ``AᵀA`` squares
the condition number, and it fails outright when the columns are dependent.
With an orthonormal basis ``Q`` of ``col(A)`` (from Gram–Schmidt),
``QᵀQ = I`` and the same formula collapses to ``P = Q Qᵀ``: no inverse, no
squaring, and dependent columns simply contribute no basis vector. The basis
is built with column pivoting (the column with the largest remainder goes
next), which makes the rank come out right even when some columns are
combinations of ill-conditioned others.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import as_array, as_matrix
from ..errors import ShapeError
from ._gram_schmidt import _gram_schmidt_twice
from ._qr import qr
from ._triangular import _solve_lower

__all__ = ["projection_matrix", "project_onto_subspace", "Projection"]


class Projection(NamedTuple):
    """The projection ``p = A λ`` of ``x`` onto ``col(A)`` and its coefficients ``λ``."""

    projection: np.ndarray
    coefficients: np.ndarray


def _basis(A: np.ndarray) -> np.ndarray:
    """Orthonormal basis of ``col(A)``, shape (m, rank): dependent columns dropped.

    Gram–Schmidt with column pivoting and gram_schmidt's default tolerance: the
    pivoting makes the rank decision reliable (see ``_gram_schmidt_twice``).
    """
    return _gram_schmidt_twice(A, pivoting=True)


def projection_matrix(A) -> np.ndarray:
    """Matrix of the orthogonal projection onto the column space of ``A``.

    ``P = A (AᵀA)⁻¹ Aᵀ`` when the columns of ``A`` are independent; computed
    as ``P = Q Qᵀ`` with ``Q`` an orthonormal basis of ``col(A)``
    (Gram–Schmidt with column pivoting, with :func:`gram_schmidt`'s default
    tolerance for dependent columns), which is the same matrix, stays accurate
    when ``AᵀA`` is ill-conditioned, and also works when the columns are
    dependent.
    ``P`` is symmetric (``Pᵀ = P``) and idempotent (``P P = P``).

    Parameters
    ----------
    A : array_like, shape (m, n)
        Its columns span the subspace.

    Returns
    -------
    P : ndarray, shape (m, m)
        ``P @ x`` is the projection of the vector ``x`` onto ``col(A)``. All zeros
        when ``A`` is zero or has no columns.

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D or is a ragged nested list.
    NotFiniteError
        If ``A`` contains NaN or infinity.
    DTypeError
        If ``A`` does not hold real numbers.

    See Also
    --------
    project_onto_subspace : Project points without forming the m x m matrix.
    gram_schmidt : An orthonormal basis of col(A), in the order of A's columns.

    Examples
    --------
    >>> projection_matrix([[1], [1]])  # onto the line y = x
    array([[0.5, 0.5],
           [0.5, 0.5]])
    """
    A = as_matrix(A, "A", "projection_matrix")
    Q = _basis(A)  # (m, r)
    return Q @ Q.T  # Σᵢ qᵢ qᵢᵀ: the projections onto the r orthogonal directions add up


def _min_norm_coefficients(S: np.ndarray, C: np.ndarray) -> np.ndarray:
    """The smallest ``λ`` with ``S λ = c``, for every column ``c`` of ``C``.

    ``S`` (r, n) has full row rank r. With ``Sᵀ = Q₂ R₂`` (reduced QR),
    ``S = R₂ᵀ Q₂ᵀ``; ``λ = Q₂ y`` with ``R₂ᵀ y = c`` solves ``S λ = c``, and lies
    in the row space of ``S``, which makes it the solution of least norm.
    """
    Q2, R2 = qr(S.T)  # (n, r), (r, r)
    Y = _solve_lower(R2.T, C)  # R₂ᵀ Y = C, (r, n_points)
    return Q2 @ Y  # (n, n_points)


def project_onto_subspace(x, A) -> Projection:
    """Orthogonal projection of a point (or of each row of ``x``) onto ``col(A)``.

    ``p = A λ`` with ``λ = (AᵀA)⁻¹ Aᵀ x`` when the columns of ``A`` are
    independent, so that ``x - p`` is orthogonal to every column of ``A``.
    Computed as ``p = Q (Qᵀ x)`` with ``Q`` an orthonormal basis of ``col(A)``.

    Parameters
    ----------
    x : array_like, shape (m,) or (n_points, m)
        One point, or several points as rows (rows are samples, as everywhere
        in mathforml).
    A : array_like, shape (m, n)
        Its columns span the subspace.

    Returns
    -------
    Projection(projection, coefficients) : NamedTuple of ndarrays
        ``projection`` has the shape of ``x``. ``coefficients`` (shape (n,) or
        (n_points, n)) are the coordinates ``λ`` of the projection in the
        columns of ``A``: ``projection = A @ coefficients`` for one point,
        ``coefficients @ A.T`` for rows. When the columns of ``A`` are dependent,
        many ``λ`` give the same point and the one of least norm is returned
        (``pinv(A) @ x``).

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D, ``x`` is not 1-D or 2-D, either is ragged, or the
        length of ``x`` (its rows) differs from the number of rows of ``A``.
    NotFiniteError
        If ``x`` or ``A`` contains NaN or infinity.
    DTypeError
        If ``x`` or ``A`` does not hold real numbers.

    See Also
    --------
    projection_matrix : The matrix ``P`` with ``p = P x``.

    Examples
    --------
    >>> p, coefficients = project_onto_subspace([2, 0], [[1], [1]])
    >>> p, coefficients
    (array([1., 1.]), array([1.]))
    """
    func = "project_onto_subspace"
    A = as_matrix(A, "A", func)
    X = as_array(x, "x", func, ndim=(1, 2))
    m, n = A.shape
    if X.shape[-1] != m:
        wanted = (
            f"x must have length {m} (one entry per row of A)"
            if X.ndim == 1
            else f"each row of x is a point and must have {m} entries (one per row of A)"
        )
        raise ShapeError(f"{func}: x has shape {X.shape} and A has shape {A.shape}; {wanted}")
    points = X[np.newaxis] if X.ndim == 1 else X  # (n_points, m), one point per row
    Q = _basis(A)  # (m, r)
    S = Q.T @ A  # (r, n): A = Q S, the columns of A in the basis Q
    C = points @ Q  # (n_points, r): the coordinates qᵢᵀ x of each projection in the basis Q
    projection = C @ Q.T  # (n_points, m): p = Q Qᵀ x, as rows
    coefficients = _min_norm_coefficients(S, C.T).T  # (n_points, n): A λ = Q S λ = Q c = p
    if X.ndim == 1:
        return Projection(projection[0], coefficients[0])
    return Projection(projection, coefficients)
