"""Triangular systems: forward and back substitution, and triangular inverses.

A triangular system is the easy case of ``A x = b``. When ``L`` is lower
triangular, row ``i`` of ``L x = b`` involves only ``x₀ … xᵢ``::

    x_i = (b_i - Σ_{j<i} L_ij x_j) / L_ii            (forward substitution)

so the unknowns fall out one after another, top to bottom; an upper triangular
``U x = b`` is solved the same way from the bottom up (back substitution). Both
cost ``n²`` multiply-adds, and LU, Cholesky, ``solve``, ``inv`` and ``det`` all
end in them.

The plain loops below are the textbook algorithms. The blocked versions split
the matrix in halves, ``L = [[L₁₁, 0], [L₂₁, L₂₂]]``, and solve

    L₁₁ x₁ = b₁,   then   L₂₂ x₂ = b₂ - L₂₁ x₁,

recursively, so that most of the arithmetic happens in the matrix product
``L₂₁ x₁``: one call to the BLAS kernel instead of many small Python steps.

Every function reads only the triangle it is told about (plus the diagonal
unless ``unit_diagonal``), so one packed LU array can serve as both ``L`` and
``U``, the way LAPACK stores it.

    >>> import numpy as np
    >>> L = np.array([[2.0, 0.0], [1.0, 1.0]])
    >>> _forward_substitution(L, np.array([4.0, 5.0]))
    array([2., 3.])
"""

from __future__ import annotations

import numpy as np

__all__: list[str] = []

# Below this size a block is solved by the plain loop: the per-call overhead of
# another recursion level would cost more than the loop's Python steps save.
_BLOCK = 32


def _forward_substitution(L: np.ndarray, b: np.ndarray, unit_diagonal: bool = False) -> np.ndarray:
    """Solve ``L x = b`` for lower triangular ``L``, one row at a time, top to bottom.

    ``x_i = (b_i - Σ_{j<i} L_ij x_j) / L_ii``. Reads only the lower triangle of
    ``L``; with ``unit_diagonal`` the diagonal is taken to be 1 and not read
    (the ``L`` of an LU factorization).

    Parameters
    ----------
    L : ndarray, shape (n, n)
    b : ndarray, shape (n,) or (n, k)
    unit_diagonal : bool, default False

    Returns
    -------
    x : ndarray, the shape of ``b``
    """
    x = np.empty_like(b, dtype=np.float64)
    for i in range(L.shape[0]):
        s = b[i] - L[i, :i] @ x[:i]
        x[i] = s if unit_diagonal else s / L[i, i]
    return x


def _back_substitution(U: np.ndarray, b: np.ndarray, unit_diagonal: bool = False) -> np.ndarray:
    """Solve ``U x = b`` for upper triangular ``U``, one row at a time, bottom to top.

    ``x_i = (b_i - Σ_{j>i} U_ij x_j) / U_ii``. Reads only the upper triangle of
    ``U`` (without the diagonal when ``unit_diagonal``).

    Parameters
    ----------
    U : ndarray, shape (n, n)
    b : ndarray, shape (n,) or (n, k)
    unit_diagonal : bool, default False

    Returns
    -------
    x : ndarray, the shape of ``b``
    """
    x = np.empty_like(b, dtype=np.float64)
    for i in reversed(range(U.shape[0])):
        s = b[i] - U[i, i + 1 :] @ x[i + 1 :]
        x[i] = s if unit_diagonal else s / U[i, i]
    return x


def _solve_lower(L: np.ndarray, b: np.ndarray, unit_diagonal: bool = False) -> np.ndarray:
    """Blocked forward substitution: :func:`_forward_substitution` with the work in matmul.

    With ``L = [[L₁₁, 0], [L₂₁, L₂₂]]`` split in halves, ``L x = b`` reads
    ``L₁₁ x₁ = b₁`` and ``L₂₁ x₁ + L₂₂ x₂ = b₂``; both halves are solved the same
    way, and small blocks by the plain loop.
    """
    n = L.shape[0]
    if n <= _BLOCK:
        return _forward_substitution(L, b, unit_diagonal)
    h = n // 2
    x = np.empty_like(b, dtype=np.float64)
    x[:h] = _solve_lower(L[:h, :h], b[:h], unit_diagonal)
    x[h:] = _solve_lower(L[h:, h:], b[h:] - L[h:, :h] @ x[:h], unit_diagonal)
    return x


def _solve_upper(U: np.ndarray, b: np.ndarray, unit_diagonal: bool = False) -> np.ndarray:
    """Blocked back substitution: :func:`_back_substitution` with the work in matmul.

    With ``U = [[U₁₁, U₁₂], [0, U₂₂]]``: first ``U₂₂ x₂ = b₂``, then
    ``U₁₁ x₁ = b₁ - U₁₂ x₂``.
    """
    n = U.shape[0]
    if n <= _BLOCK:
        return _back_substitution(U, b, unit_diagonal)
    h = n // 2
    x = np.empty_like(b, dtype=np.float64)
    x[h:] = _solve_upper(U[h:, h:], b[h:], unit_diagonal)
    x[:h] = _solve_upper(U[:h, :h], b[:h] - U[:h, h:] @ x[h:], unit_diagonal)
    return x


def _invert_upper(U: np.ndarray, unit_diagonal: bool = False) -> np.ndarray:
    """Inverse of an upper triangular matrix, blocked (the result is upper triangular too).

    With ``U = [[U₁₁, U₁₂], [0, U₂₂]]`` one checks by multiplying out that

        U⁻¹ = [[U₁₁⁻¹, -U₁₁⁻¹ U₁₂ U₂₂⁻¹],
               [0,      U₂₂⁻¹          ]]

    so two half-size inverses and two matrix products give the whole inverse.
    Small blocks are inverted by back substitution on the identity's columns.
    Reads only the upper triangle of ``U``; the caller guarantees a nonzero
    diagonal.
    """
    n = U.shape[0]
    if n <= _BLOCK:
        return _back_substitution(U, np.eye(n), unit_diagonal)
    h = n // 2
    X = np.zeros((n, n))
    X[:h, :h] = _invert_upper(U[:h, :h], unit_diagonal)
    X[h:, h:] = _invert_upper(U[h:, h:], unit_diagonal)
    X[:h, h:] = -X[:h, :h] @ (U[:h, h:] @ X[h:, h:])
    return X


def _invert_lower(L: np.ndarray, unit_diagonal: bool = False) -> np.ndarray:
    """Inverse of a lower triangular matrix: ``L⁻¹ = ((Lᵀ)⁻¹)ᵀ``, and ``Lᵀ`` is upper triangular.

    Reads only the lower triangle of ``L``.
    """
    return _invert_upper(L.T, unit_diagonal).T
