"""LU factorization with partial pivoting, and what it buys: solve, det, inv.

Gaussian elimination, written down, is a factorization. Eliminating below the
pivot of column ``j`` subtracts ``l_ij`` times row ``j`` from row ``i``; the
multipliers ``l_ij`` fill a unit lower triangular ``L``, what is left is an
upper triangular ``U``, and the row swaps that bring the largest entry of each
column onto the diagonal (partial pivoting) form a permutation ``P``:

    P A = L U.

Pivoting keeps every multiplier at most 1 in size, which is what makes the
method stable in practice. Once ``A`` is factored:

- ``A x = b`` becomes ``L (U x) = P b``: a forward and a back substitution
  (``solve``);
- ``det A = det(P) det(L) det(U) = ±Π U_ii``, as ``det P = ±1`` (``det``);
- ``A⁻¹ = U⁻¹ L⁻¹ P`` (``inv``).

The factors are stored packed in one array, the way LAPACK's ``getrf`` does:
``U`` on and above the diagonal, the multipliers of ``L`` below it (its unit
diagonal is implied); the row order is a permutation vector ``perm`` with
``(P A)[i] = A[perm[i]]``.

The module reads top-down: helpers, the textbook elimination loop
(:func:`_lu_unblocked`), then the recursive version (:func:`_lu_recursive`)
that does most of its arithmetic in matrix products, and finally the public
functions. The recursive version is the one they use: on a 512 x 512 matrix
it is about 7 times faster than the loop, whose ``n`` rank-1 updates each
stream the whole remaining block through memory for little arithmetic.
"""

from __future__ import annotations

import math
import warnings
from typing import NamedTuple

import numpy as np

from .._validation import as_array, as_square_matrix
from ..errors import ShapeError, SingularMatrixError
from ._triangular import _invert_lower, _invert_upper, _solve_lower, _solve_upper

__all__ = ["LUResult", "lu", "solve", "det", "inv"]

# Panels at most this many columns wide are factored column by column (:func:`_lu_panel`).
_PANEL = 64


class LUResult(NamedTuple):
    """``P A = L U``: permutation ``P`` (m, m), unit lower ``L`` (m, k), upper ``U`` (k, n)."""

    P: np.ndarray
    L: np.ndarray
    U: np.ndarray


# --- helpers ---------------------------------------------------------------------------


def _permutation_matrix(perm: np.ndarray) -> np.ndarray:
    """The matrix ``P`` with ``P @ A == A[perm]``: row ``i`` of ``P`` is ``e_{perm[i]}``."""
    m = perm.size
    P = np.zeros((m, m))
    P[np.arange(m), perm] = 1.0
    return P


def _permutation_sign(perm: np.ndarray) -> int:
    """``det P = (-1)^(n - number of cycles)``: a cycle of length ``c`` is ``c - 1`` swaps."""
    order = perm.tolist()
    seen = [False] * len(order)
    sign = 1
    for start in range(len(order)):
        if seen[start]:
            continue
        j, length = start, 0
        while not seen[j]:
            seen[j] = True
            j = order[j]
            length += 1
        if length % 2 == 0:
            sign = -sign
    return sign


def _unpack(LU: np.ndarray, perm: np.ndarray) -> LUResult:
    """Split packed factors into ``P`` (m, m), unit lower ``L`` (m, k) and upper ``U`` (k, n)."""
    m, n = LU.shape
    k = min(m, n)
    L = np.tril(LU[:, :k], -1)
    L[np.arange(k), np.arange(k)] = 1.0
    U = np.triu(LU[:k, :])
    return LUResult(_permutation_matrix(perm), L, U)


def _product(values: np.ndarray) -> float:
    """``Π values`` without intermediate overflow or underflow.

    Each value is split as ``mantissa · 2^exponent`` with ``0.5 <= |mantissa| < 1``
    (``frexp``); mantissas multiply in chunks short enough that their product
    stays a normal number (``0.5^512 ≈ 1e-154``), exponents add as integers, and
    the result is scaled back once at the end. So the product of a thousand
    entries of size 1e-3 (which is 1e-3000, below float64) comes out 0.0 only
    because the answer is, not because a partial product underflowed first.
    """
    mantissas, exponents = np.frexp(values)
    mantissa, exponent = 1.0, int(exponents.sum())
    for start in range(0, values.size, 512):
        mantissa, shift = math.frexp(mantissa * float(np.prod(mantissas[start : start + 512])))
        exponent += shift
    try:
        return math.ldexp(mantissa, exponent)
    except OverflowError:
        warnings.warn(
            f"det: the determinant (about 2^{exponent}) overflows float64; returning "
            f"{'-' if mantissa < 0 else ''}inf",
            RuntimeWarning,
            stacklevel=3,
        )
        return math.copysign(math.inf, mantissa)


# --- the plain algorithm ---------------------------------------------------------------


def _lu_unblocked(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The textbook LU with partial pivoting, one column at a time (the lesson's version).

    For each column ``j``: swap the row holding the largest ``|A_ij|`` (i >= j)
    up to row ``j``, divide the entries below the pivot by it (the multipliers
    ``l_ij``, all of size <= 1), and subtract ``l_ij`` times row ``j`` from each
    row ``i`` below: one rank-1 update ``A₂₂ -= l u_jᵀ`` of the remaining block.
    A column that is already zero from the diagonal down has nothing to
    eliminate and is skipped (``A`` is singular; LAPACK does the same).

    Returns the packed factors ``LU`` (``U`` on and above the diagonal, the
    multipliers of ``L`` below) and ``perm`` with ``A[perm] = L U``.

    >>> import numpy as np
    >>> LU, perm = _lu_unblocked(np.array([[1.0, 2.0], [3.0, 4.0]]))
    >>> LU, perm
    (array([[3.        , 4.        ],
           [0.33333333, 0.66666667]]), array([1, 0]))
    """
    LU = np.array(A, dtype=np.float64)
    m, n = LU.shape
    perm = np.arange(m)
    for j in range(min(m, n)):
        p = j + int(np.abs(LU[j:, j]).argmax())
        if p != j:
            LU[[j, p]] = LU[[p, j]]
            perm[[j, p]] = perm[[p, j]]
        pivot = LU[j, j]
        if pivot == 0.0:
            continue
        LU[j + 1 :, j] /= pivot
        # Schur complement: A₂₂ - l u_jᵀ, with l the multipliers and u_j the pivot row.
        LU[j + 1 :, j + 1 :] -= np.outer(LU[j + 1 :, j], LU[j, j + 1 :])
    return LU, perm


# --- the refined algorithm -------------------------------------------------------------


def _lu_panel(A: np.ndarray) -> np.ndarray:
    """LU of a narrow panel, in place: Crout's ordering of the same eliminations.

    :func:`_lu_unblocked` updates the whole remaining block after every pivot
    (right-looking). Crout's order delays each update until its column or row
    is needed, then applies all earlier eliminations at once as one
    matrix-vector product: the same factors, only the sums are added up in
    another order. For column ``j``:

        A[j:, j]   -= L[j:, :j] @ U[:j, j]      (column j of L, before scaling)
        swap the row with the largest |A_ij| (i >= j) into row j, divide by the pivot
        A[j, j+1:] -= L[j, :j] @ U[:j, j+1:]    (row j of U)

    It works on the transpose ``T = Aᵀ`` so that each column of ``A`` is a
    contiguous row of ``T`` in memory.
    """
    m, n = A.shape
    T = A.T.copy()  # (n, m): T[c, r] = A[r, c]
    perm = list(range(m))
    for j in range(min(m, n)):
        # Column j of L, not yet scaled: A[j:, j] -= L[j:, :j] @ U[:j, j].
        T[j, j:] -= T[j, :j] @ T[:j, j:]
        p = j + int(np.abs(T[j, j:]).argmax())
        if p != j:
            T[:, j], T[:, p] = T[:, p], T[:, j].copy()
            perm[j], perm[p] = perm[p], perm[j]
        pivot = T[j, j]
        if pivot != 0.0:  # else the column is zero from the diagonal down: nothing to eliminate
            T[j, j + 1 :] /= pivot
        # Row j of U: A[j, j+1:] -= L[j, :j] @ U[:j, j+1:].
        T[j + 1 :, j] -= T[j + 1 :, :j] @ T[:j, j]
    A[:] = T.T
    return np.array(perm, dtype=np.intp)


def _permute_rows(A: np.ndarray, perm: np.ndarray) -> None:
    """In place: ``A <- A[perm]``, touching only the rows that move (at most two per swap)."""
    moved = np.flatnonzero(perm != np.arange(perm.size))
    A[moved] = A[perm[moved]]


def _lu_recursive(A: np.ndarray) -> np.ndarray:
    """Recursive LU with partial pivoting (Toledo, 1997) on ``A`` (m, n), in place.

    Split the columns in two, ``A = [A₁ A₂]`` with ``h = min(m, n) / 2`` columns in
    ``A₁``, and:

    1. factor the tall left part recursively: ``P₁ A₁ = [L₁₁; L₂₁] U₁₁``;
    2. apply ``P₁`` to the right part, once: ``[A₁₂; A₂₂] = P₁ A₂``;
    3. ``U₁₂ = L₁₁⁻¹ A₁₂`` (a unit lower triangular solve);
    4. Schur complement ``S = A₂₂ - L₂₁ U₁₂``: one matrix product does most of the work;
    5. factor ``S`` recursively, ``P₂ S = L₂₂ U₂₂``, and apply ``P₂`` to ``L₂₁``.

    Panels at most ``_PANEL`` columns wide are factored column by column
    (:func:`_lu_panel`). Returns ``perm`` with ``A_original[perm] = L U``.
    """
    m, n = A.shape
    k = min(m, n)
    if k <= _PANEL:
        return _lu_panel(A)
    h = k // 2
    perm = _lu_recursive(A[:, :h])
    _permute_rows(A[:, h:], perm)
    A[:h, h:] = _solve_lower(A[:h, :h], A[:h, h:], unit_diagonal=True)
    A[h:, h:] -= A[h:, :h] @ A[:h, h:]
    perm2 = _lu_recursive(A[h:, h:])
    _permute_rows(A[h:, :h], perm2)
    # P = diag(I, P₂) P₁: row i of the result came from row perm[i] of the input.
    perm[h:] = perm[h:][perm2]
    return perm


def _lu_factor(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Packed LU factors and ``perm`` of a validated float64 matrix (``A`` is not modified)."""
    LU = A.copy()
    perm = _lu_recursive(LU)
    return LU, perm


def _check_nonsingular(LU: np.ndarray, func: str) -> None:
    """Raise :class:`SingularMatrixError` if a pivot ``U_jj`` is exactly zero."""
    zero = np.flatnonzero(np.diagonal(LU) == 0.0)
    if zero.size:
        j = int(zero[0])
        raise SingularMatrixError(
            f"{func}: A is singular: pivot U[{j}, {j}] of its LU factorization is exactly 0, "
            f"so column {j} of A is a linear combination of the columns before it; "
            f"a singular system has no unique solution (use lstsq for a least-squares one)"
        )


# --- public functions ------------------------------------------------------------------


def lu(A) -> LUResult:
    """LU factorization with partial pivoting: ``P A = L U``.

    Row swaps bring the largest remaining ``|entry|`` of each column onto the
    diagonal, so every entry of ``L`` has ``|L_ij| <= 1``. Works for any shape
    and for singular ``A`` (a column with no nonzero pivot is skipped, as in
    LAPACK, leaving a zero on ``U``'s diagonal).

    Note the convention: SciPy's ``scipy.linalg.lu`` returns ``A = P L U``, so
    our ``P`` is SciPy's ``P`` transposed (``P⁻¹ = Pᵀ`` for a permutation).

    Parameters
    ----------
    A : array_like, shape (m, n)

    Returns
    -------
    LUResult
        Named tuple ``(P, L, U)``: ``P`` (m, m) a permutation matrix, ``L`` (m, k)
        unit lower triangular, ``U`` (k, n) upper triangular, ``k = min(m, n)``.

    Raises
    ------
    ShapeError
        If ``A`` is not a 2-D matrix (or is a ragged nested list).
    DTypeError, NotFiniteError
        If ``A`` holds non-numbers, complex numbers, NaN or infinity.

    See Also
    --------
    solve, det, inv : what the factorization is for.
    cholesky : the symmetric positive definite special case, ``A = L Lᵀ``.

    Examples
    --------
    >>> P, L, U = lu([[1.0, 2.0], [3.0, 4.0]])  # row [3, 4] has the larger pivot: swapped up
    >>> U
    array([[3.        , 4.        ],
           [0.        , 0.66666667]])
    """
    A = as_array(A, "A", "lu", ndim=2)
    LU, perm = _lu_factor(A)
    return _unpack(LU, perm)


def solve(A, b) -> np.ndarray:
    """Solve the square linear system ``A x = b`` by LU with partial pivoting.

    ``P A = L U``, so ``A x = b`` becomes ``L (U x) = P b``. Eliminating on the
    augmented matrix ``[A | b]`` produces ``[U | y]`` with ``L y = P b``; back
    substitution then solves ``U x = y``.

    Parameters
    ----------
    A : array_like, shape (n, n)
    b : array_like, shape (n,) or (n, k)
        One right-hand side, or ``k`` of them as columns.

    Returns
    -------
    x : ndarray, shape of ``b``

    Raises
    ------
    SingularMatrixError
        If ``A`` is exactly singular (a zero pivot), like numpy's
        ``LinAlgError("Singular matrix")``; it names the pivot. A matrix that
        is singular only up to rounding usually gets tiny nonzero pivots
        instead, and a meaningless ``x``: check the condition number.
    ShapeError
        If ``A`` is not square, ``b`` is not 1-D or 2-D, or ``b`` has a
        different number of rows than ``A``.
    DTypeError, NotFiniteError
        If an input holds non-numbers, complex numbers, NaN or infinity.

    See Also
    --------
    lu : the factorization behind it.
    lstsq : least squares, for non-square or singular systems.

    Examples
    --------
    >>> solve([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0])
    array([0.8, 1.4])
    """
    A = as_square_matrix(A, "A", "solve")
    b = as_array(b, "b", "solve", ndim=(1, 2))
    n = A.shape[0]
    if b.shape[0] != n:
        raise ShapeError(
            f"solve: A has shape {A.shape} and b has shape {b.shape}; b must have {n} rows "
            f"(one per row of A)"
        )
    # Gaussian elimination on the augmented matrix: P [A | b] = L [U | y], so L y = P b
    # comes out of the factorization itself, and U x = y is left for back substitution.
    B = b[:, None] if b.ndim == 1 else b
    Ab = np.concatenate([A, B], axis=1)  # (n, n + k)
    _lu_recursive(Ab)
    U, y = Ab[:, :n], Ab[:, n:]
    _check_nonsingular(U, "solve")
    x = _solve_upper(U, y)
    return x[:, 0] if b.ndim == 1 else x


def det(A) -> float:
    """Determinant of a square matrix, from its LU factorization.

    ``P A = L U`` gives ``det A = det(P)⁻¹ det(L) det(U) = ±Π U_ii``: ``det L = 1``
    and ``det P = ±1`` is the sign of the permutation. The product is
    accumulated as mantissas and exponents, so it neither overflows nor
    underflows unless the determinant itself does.

    Parameters
    ----------
    A : array_like, shape (n, n)

    Returns
    -------
    float
        ``0.0`` for a singular matrix (a zero pivot); ``1.0`` for the 0 x 0
        matrix, like ``numpy.linalg.det``; ``±inf`` with a ``RuntimeWarning``
        if the determinant overflows float64.

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    DTypeError, NotFiniteError
        If ``A`` holds non-numbers, complex numbers, NaN or infinity.

    See Also
    --------
    lu : the factorization behind it.

    Examples
    --------
    >>> det([[1.0, 2.0], [3.0, 4.0]])
    -2.0
    """
    A = as_square_matrix(A, "A", "det")
    LU, perm = _lu_factor(A)
    pivots = np.diagonal(LU)
    if (pivots == 0.0).any():
        return 0.0
    return _permutation_sign(perm) * _product(pivots)


def inv(A) -> np.ndarray:
    """Inverse of a square matrix, from its LU factorization.

    ``P A = L U`` gives ``A = Pᵀ L U`` and so ``A⁻¹ = U⁻¹ L⁻¹ P``. The triangular
    inverses are computed blockwise, then multiplied once; multiplying by ``P``
    on the right only moves column ``i`` to column ``perm[i]``.

    Parameters
    ----------
    A : array_like, shape (n, n)

    Returns
    -------
    ndarray, shape (n, n)

    Raises
    ------
    SingularMatrixError
        If ``A`` is exactly singular (a zero pivot); it names the pivot.
    ShapeError
        If ``A`` is not a square matrix.
    DTypeError, NotFiniteError
        If ``A`` holds non-numbers, complex numbers, NaN or infinity.

    See Also
    --------
    solve : to solve ``A x = b``, never form ``A⁻¹``: solving is cheaper and more accurate.

    Examples
    --------
    >>> inv([[2.0, 1.0], [1.0, 1.0]])
    array([[ 1., -1.],
           [-1.,  2.]])
    """
    A = as_square_matrix(A, "A", "inv")
    LU, perm = _lu_factor(A)
    _check_nonsingular(LU, "inv")
    X = np.empty_like(LU)
    # A⁻¹ = U⁻¹ L⁻¹ P, and (M P)[:, perm[i]] = M[:, i].
    X[:, perm] = _invert_upper(LU) @ _invert_lower(LU, unit_diagonal=True)
    return X
