"""Eigenvalues and eigenvectors of a real symmetric matrix: ``A = V diag(w) Vᵀ``.

The spectral theorem promises real eigenvalues and an orthonormal basis of
eigenvectors. Computing them takes three steps, each backward stable:

1. **Tridiagonalize.** Householder reflections ``Q = H₀ H₁ … H_{n-3}`` give
   ``Qᵀ A Q = T`` tridiagonal: reflection k zeroes column k below the
   subdiagonal, and applying it on both sides keeps the matrix symmetric.
   This is the O(n³) part, so it runs blocked: 32 reflections are gathered and
   applied to the rest of the matrix with two matrix products.
2. **Solve the tridiagonal problem** ``T = Z diag(w) Zᵀ``: bisection on Sturm
   counts for ``w``, inverse iteration for ``Z`` (see ``_tridiagonal.py``).
3. **Back-transform.** ``A = Q T Qᵀ = (Q Z) diag(w) (Q Z)ᵀ``, so ``V = Q Z``,
   applied in blocks of reflections with matrix products.

Eigenvectors are unique only up to sign (and, for a repeated eigenvalue, up to
a rotation inside its eigenspace). ``eigh`` fixes the sign: the entry of
largest magnitude of each eigenvector is positive (the first such entry when
several have the same magnitude up to a relative 1e-10).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import as_square_matrix, check_symmetric
from ._householder import householder_vector, wy_factor
from ._scaling import power_of_two_exponent, scale_down
from ._tridiagonal import eigh_tridiagonal

__all__ = ["EighResult", "eigh"]

_BLOCK = 32  # reflections per block: enough for matrix products to dominate


class EighResult(NamedTuple):
    """``eigh``'s result: ``A = eigenvectors @ diag(eigenvalues) @ eigenvectors.T``."""

    eigenvalues: np.ndarray  # (n,), ascending
    eigenvectors: np.ndarray  # (n, n), orthonormal columns


# --------------------------------------------------------------------------- helpers


def _largest_entry_positive(X: np.ndarray) -> np.ndarray:
    """Signs (±1 per column) that make each column's largest-magnitude entry positive.

    Ties (magnitudes equal up to a relative 1e-10, e.g. ``[1, -1]/√2``) go to the
    first such entry, so the choice does not depend on rounding.
    """
    if X.shape[0] == 0:
        return np.ones(X.shape[1])
    top = np.maximum(X.max(axis=0), -X.min(axis=0))  # max |x| per column, without a |X| copy
    near = (1 - 1e-10) * top
    first = np.argmax((X >= near) | (X <= -near), axis=0)  # first entry that ties with the max
    signs = np.sign(X[first, np.arange(X.shape[1])])
    signs[signs == 0] = 1.0
    return signs


# --------------------------------------------------------------------------- plain algorithm


def _tridiagonalize_unblocked(A: np.ndarray):
    """Householder tridiagonalization ``Qᵀ A Q = T``, one reflection at a time.

    For k = 0, …, n-3 the reflection ``H = I - τ v vᵀ`` maps ``A[k+1:, k]`` onto
    ``β e₁``; applied on both sides it keeps ``A`` symmetric::

        H A₂₂ H = A₂₂ - v wᵀ - w vᵀ,   p = τ A₂₂ v,   w = p - (τ/2)(pᵀv) v

    (a symmetric rank-2 update, so one matrix-vector product per step).
    Overwrites ``A`` (scaled to ``max|A| ≈ 1``, as ``eigh`` does). Returns ``d``
    (n,), ``e`` (n-1,), the reflection vectors as the columns of ``Y`` (n, n-2;
    column k is zero above row k+1) and ``taus``.
    """
    n = A.shape[0]
    d, e = np.zeros(n), np.zeros(max(n - 1, 0))
    Y, taus = np.zeros((n, max(n - 2, 0))), np.zeros(max(n - 2, 0))
    for k in range(n - 2):
        v, tau, beta = householder_vector(A[k + 1 :, k])
        d[k], e[k] = A[k, k], beta
        Y[k + 1 :, k], taus[k] = v, tau
        A22 = A[k + 1 :, k + 1 :]
        p = tau * (A22 @ v)
        w = p - (0.5 * tau * (p @ v)) * v
        A22 -= np.outer(v, w) + np.outer(w, v)
    if n >= 2:
        e[n - 2] = A[n - 1, n - 2]
    d[max(n - 2, 0) :] = np.diag(A)[max(n - 2, 0) :]
    return d, e, Y, taus


# --------------------------------------------------------------------------- blocked algorithm


def _tridiagonalize(A: np.ndarray, block: int = _BLOCK):
    """Blocked Householder tridiagonalization (LAPACK's ``dsytrd``/``dlatrd``), same output.

    Within a panel of ``block`` columns the trailing matrix is not updated;
    instead ``Ã = A - V Wᵀ - W Vᵀ`` is kept implicitly, where the columns of
    ``V`` are the panel's reflection vectors and those of ``W`` the matching
    ``w`` vectors. Column ``c`` of ``Ã`` is formed when reached, and
    ``Ã v = A v - V (Wᵀ v) - W (Vᵀ v)``. After the panel one rank-2·block update
    ``A -= V Wᵀ + W Vᵀ`` (matrix products) brings the trailing matrix up to date.
    """
    n = A.shape[0]
    d, e = np.zeros(n), np.zeros(max(n - 1, 0))
    Y, taus = np.zeros((n, max(n - 2, 0))), np.zeros(max(n - 2, 0))
    k = 0
    while k < n - 2:
        nb = min(block, n - 2 - k)
        V = Y[:, k : k + nb]  # (n, nb) view: the panel's reflection vectors
        W = np.zeros((n, nb))
        for j in range(nb):
            c = k + j
            if j:  # column c of Ã = A - V Wᵀ - W Vᵀ (rows c:)
                A[c:, c] -= V[c:, :j] @ W[c, :j] + W[c:, :j] @ V[c, :j]
            v, tau, beta = householder_vector(A[c + 1 :, c])
            d[c], e[c] = A[c, c], beta
            V[c + 1 :, j], taus[c] = v, tau
            s = A[c + 1 :, c + 1 :] @ v  # Ã₂₂ v = A₂₂ v - V (Wᵀ v) - W (Vᵀ v)
            if j:
                Vp, Wp = V[c + 1 :, :j], W[c + 1 :, :j]
                s -= Vp @ (Wp.T @ v) + Wp @ (Vp.T @ v)
            p = tau * s
            W[c + 1 :, j] = p - (0.5 * tau * (p @ v)) * v
        r = k + nb  # trailing update: A₂₂ -= V Wᵀ + W Vᵀ as one product [V W] [W V]ᵀ
        A[r:, r:] -= np.hstack((V[r:], W[r:])) @ np.hstack((W[r:], V[r:])).T
        k = r
    if n >= 2:
        e[n - 2] = A[n - 1, n - 2]
    d[max(n - 2, 0) :] = np.diag(A)[max(n - 2, 0) :]
    return d, e, Y, taus


def _apply_reflections(
    Y: np.ndarray, taus: np.ndarray, Z: np.ndarray, offset: int = 1, block: int = _BLOCK
) -> np.ndarray:
    """``H₀ H₁ … H_{k-1} Z``, where reflection j acts on rows ``j + offset`` onward.

    In place when ``Z`` is C-ordered (else on a C-ordered copy); returns the result.

    ``Hⱼ = I - τⱼ yⱼ yⱼᵀ`` with ``yⱼ = Y[:, j]``. Blocks of reflections combine
    into ``I - Yb T Ybᵀ`` (``wy_factor``) and are applied last block first, with
    matrix products. (``offset`` is 1 for tridiagonalization, 0 for the left
    reflections of a bidiagonalization.)
    """
    k = taus.size
    Z = np.ascontiguousarray(Z)  # row blocks Z[r:] of a C-ordered array are contiguous
    for j0 in reversed(range(0, k, block)):
        j1 = min(j0 + block, k)
        r = j0 + offset  # rows r: hold all of this block's vectors
        Yb = Y[r:, j0:j1]
        T = wy_factor(Yb, taus[j0:j1])
        Z[r:] -= Yb @ (T @ (Yb.T @ Z[r:]))
    return Z


# --------------------------------------------------------------------------- public


def eigh(A) -> EighResult:
    """Eigenvalues and eigenvectors of a real symmetric matrix: ``A = V diag(w) Vᵀ``.

    ``A vᵢ = wᵢ vᵢ`` with ``w`` ascending and ``V`` orthogonal (``VᵀV = I``).
    Householder tridiagonalization, bisection and inverse iteration on the
    tridiagonal matrix, back-transformation (see the module docstring); no
    LAPACK. Eigenvalues are accurate to about ``n ε ‖A‖`` (absolute), like
    LAPACK's; eigenvectors to about ``n ε ‖A‖ / gap``, so those of (nearly)
    repeated eigenvalues are any orthonormal basis of their eigenspace; ``V`` is
    orthogonal to about ``n ε``.

    Sign convention: each eigenvector's entry of largest magnitude is positive
    (the first such entry when magnitudes tie up to a relative 1e-10).

    Parameters
    ----------
    A : array_like, shape (n, n)
        Real symmetric matrix (``|A - Aᵀ| <= 1e-10 max|A|``; the symmetric part
        ``(A + Aᵀ)/2`` is used). Integers and booleans are converted to float64.

    Returns
    -------
    EighResult
        ``eigenvalues`` (n,) ascending and ``eigenvectors`` (n, n), column ``i``
        belonging to ``eigenvalues[i]``. A 0 x 0 input gives empty arrays.

    Raises
    ------
    ShapeError
        If ``A`` is not a square 2-D matrix (or is a ragged nested list).
    ParameterError
        If ``A`` is not symmetric.
    NotFiniteError
        If ``A`` contains NaN or infinity.
    DTypeError
        If ``A`` is complex or not numeric.

    See Also
    --------
    svd : the singular value decomposition, for any rectangular matrix.
    numpy.linalg.eigh : the LAPACK reference.

    Examples
    --------
    >>> w, V = eigh([[2.0, 1.0], [1.0, 2.0]])
    >>> w
    array([1., 3.])
    >>> V
    array([[ 0.7071,  0.7071],
           [-0.7071,  0.7071]])
    """
    A = as_square_matrix(A, "A", "eigh")
    check_symmetric(A, "A", "eigh")
    n = A.shape[0]
    if not A.any():  # the empty or zero matrix: every vector is an eigenvector
        return EighResult(np.zeros(n), np.eye(n))
    k = power_of_two_exponent(A)
    S = scale_down(A, k)  # max|S| in [0.5, 1): no overflow or underflow below
    S = (S + S.T) / 2
    d, e, Y, taus = _tridiagonalize(S)
    w, Z = eigh_tridiagonal(d, e)
    V = _apply_reflections(Y, taus, Z)
    V *= _largest_entry_positive(V)
    return EighResult(np.ldexp(w, k), V)
