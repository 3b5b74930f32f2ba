"""Cholesky factorization ``A = L Lᵀ`` of a symmetric positive definite matrix.

A symmetric positive definite (SPD) matrix, ``xᵀ A x > 0`` for every ``x ≠ 0``,
is what covariance matrices, Gram matrices ``XᵀX`` and Hessians at a minimum
are. Such a matrix factors as ``A = L Lᵀ`` with ``L`` lower triangular and a
positive diagonal: LU without pivoting, with ``U = Lᵀ``, at half the cost.

Comparing entries of ``A = L Lᵀ`` column by column gives the algorithm::

    L_jj = sqrt(A_jj - Σ_{k<j} L_jk²)
    L_ij = (A_ij - Σ_{k<j} L_ik L_jk) / L_jj        for i > j

The number under the square root is the ``j``-th pivot, and it is positive for
every ``j`` exactly when ``A`` is positive definite: the product of the first
``j + 1`` pivots is the leading ``(j + 1) x (j + 1)`` minor of ``A``. So the
factorization is also the cheapest test of positive definiteness, and no
pivoting is needed: ``L_ij² <= A_ii``, nothing can grow.

Only the lower triangle of ``A`` is read, as in LAPACK's ``potrf`` (after
checking that ``A`` is symmetric).
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import as_square_matrix, check_symmetric
from ..errors import NotPositiveDefiniteError, ParameterError
from ._triangular import _solve_lower

__all__ = ["cholesky", "is_positive_definite"]

# Blocks at most this size are factored by the plain loop.
_BLOCK = 64


def _not_positive(j: int, pivot: float, func: str) -> NotPositiveDefiniteError:
    return NotPositiveDefiniteError(
        f"{func}: A is not positive definite: pivot {j} of its Cholesky factorization is "
        f"{pivot:.6g} (it must be > 0), so the leading {j + 1} x {j + 1} block "
        f"A[:{j + 1}, :{j + 1}] is not positive definite"
    )


def _cholesky_unblocked(A: np.ndarray, func: str = "cholesky", offset: int = 0) -> np.ndarray:
    """The textbook Cholesky loop, one column of ``L`` at a time (the lesson's version).

    ``offset`` is the position of ``A``'s first row inside a larger matrix, so
    that an error names the pivot where the whole factorization failed.

    >>> import numpy as np
    >>> _cholesky_unblocked(np.array([[4.0, 2.0], [2.0, 5.0]]))
    array([[2., 0.],
           [1., 2.]])
    """
    n = A.shape[0]
    L = np.zeros((n, n))
    for j in range(n):
        pivot = A[j, j] - L[j, :j] @ L[j, :j]  # A_jj - Σ_k L_jk²
        if not pivot > 0.0:
            raise _not_positive(offset + j, float(pivot), func)
        L[j, j] = math.sqrt(pivot)
        # L_ij = (A_ij - Σ_k L_ik L_jk) / L_jj for every i below j at once.
        L[j + 1 :, j] = (A[j + 1 :, j] - L[j + 1 :, :j] @ L[j, :j]) / L[j, j]
    return L


def _cholesky_recursive(A: np.ndarray, func: str = "cholesky", offset: int = 0) -> np.ndarray:
    """Recursive Cholesky: the same ``L``, with most of the work in matrix products.

    In blocks, ``A = L Lᵀ`` reads

        [[A₁₁, ·  ],   [[L₁₁ L₁₁ᵀ, ·                  ],
         [A₂₁, A₂₂]] =  [L₂₁ L₁₁ᵀ, L₂₁ L₂₁ᵀ + L₂₂ L₂₂ᵀ]]

    so ``L₁₁ = chol(A₁₁)``, then ``L₂₁ᵀ = L₁₁⁻¹ A₂₁ᵀ`` (a triangular solve), then
    ``L₂₂ = chol(A₂₂ - L₂₁ L₂₁ᵀ)``: the Schur complement, one matrix product, is
    again SPD when ``A`` is.
    """
    n = A.shape[0]
    if n <= _BLOCK:
        return _cholesky_unblocked(A, func, offset)
    h = n // 2
    L = np.zeros((n, n))
    L[:h, :h] = _cholesky_recursive(A[:h, :h], func, offset)
    L[h:, :h] = _solve_lower(L[:h, :h], A[h:, :h].T).T
    L[h:, h:] = _cholesky_recursive(A[h:, h:] - L[h:, :h] @ L[h:, :h].T, func, offset + h)
    return L


def cholesky(A) -> np.ndarray:
    """Cholesky factor of a symmetric positive definite matrix: ``A = L Lᵀ``.

    ``L`` is lower triangular with a positive diagonal. Like
    ``numpy.linalg.cholesky`` only the lower triangle is used, but ``A`` must
    first be symmetric to within ``1e-10 · max|A|``, so that an upper-triangle
    mistake cannot pass unnoticed.

    Parameters
    ----------
    A : array_like, shape (n, n)
        Symmetric positive definite.

    Returns
    -------
    L : ndarray, shape (n, n)
        Lower triangular, ``L @ L.T == A`` up to rounding; shape (0, 0) for an
        empty ``A``, like NumPy.

    Raises
    ------
    NotPositiveDefiniteError
        If ``A`` is not symmetric, or a pivot is not positive; the message
        names the pivot, its value and the leading block that is not
        positive definite.
    ShapeError
        If ``A`` is not a square matrix.
    DTypeError, NotFiniteError
        If ``A`` holds non-numbers, complex numbers, NaN or infinity.

    See Also
    --------
    is_positive_definite : the same test, answering True or False.
    lu : the factorization for general square matrices.

    Examples
    --------
    >>> cholesky([[4.0, 2.0], [2.0, 5.0]])
    array([[2., 0.],
           [1., 2.]])
    """
    A = as_square_matrix(A, "A", "cholesky")
    try:
        check_symmetric(A, "A", "cholesky")
    except ParameterError as exc:
        # Not symmetric means not symmetric positive definite: same error family as NumPy's.
        raise NotPositiveDefiniteError(str(exc)) from None
    # For an SPD matrix L_ij² <= A_ii, so L cannot overflow; if Σ L_jk² does overflow it
    # exceeds any finite A_jj, the pivot comes out -inf (or NaN), and the check rejects it.
    with np.errstate(over="ignore", invalid="ignore"):
        return _cholesky_recursive(A)


def is_positive_definite(A) -> bool:
    """Whether ``A`` is symmetric positive definite, by attempting its Cholesky factorization.

    ``xᵀ A x > 0`` for all ``x ≠ 0`` holds exactly when every Cholesky pivot is
    positive; the attempt costs ``n³/3`` multiply-adds, far less than computing
    eigenvalues. A matrix that is not symmetric (within ``1e-10 · max|A|``)
    gives False. Borderline cases (a smallest eigenvalue near rounding level)
    may go either way, as with ``numpy.linalg.cholesky``.

    Parameters
    ----------
    A : array_like, shape (n, n)

    Returns
    -------
    bool
        True for the empty 0 x 0 matrix (there is no ``x ≠ 0`` to test).

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    DTypeError, NotFiniteError
        If ``A`` holds non-numbers, complex numbers, NaN or infinity.

    See Also
    --------
    cholesky : the factorization itself.

    Examples
    --------
    >>> is_positive_definite([[2.0, 1.0], [1.0, 2.0]])
    True
    >>> is_positive_definite([[1.0, 2.0], [2.0, 1.0]])  # eigenvalues 3 and -1
    False
    """
    A = as_square_matrix(A, "A", "is_positive_definite")
    try:
        check_symmetric(A, "A", "is_positive_definite")
        with np.errstate(over="ignore", invalid="ignore"):  # as in cholesky
            _cholesky_recursive(A, "is_positive_definite")
    except (ParameterError, NotPositiveDefiniteError):
        return False
    return True
