"""QR decomposition by Householder reflections: ``A = Q R``.

``Q`` has orthonormal columns and ``R`` is upper triangular. Reflect the first
column of ``A`` onto the first axis with a Householder reflection ``H₀``; the
first column of ``H₀ A`` is then ``(r₀₀, 0, …, 0)``. Do the same to the
lower-right block, and so on: after k = min(m, n) reflections ::

    H_{k-1} … H₁ H₀ A = R,     so     A = (H₀ H₁ … H_{k-1}) R = Q R

because each ``H`` is symmetric and orthogonal (``H⁻¹ = Hᵀ = H``). Only
orthogonal matrices ever touch ``A``, so rounding errors are never amplified:
the computed factors are the exact QR of ``A + E`` with ``‖E‖ ≈ eps · ‖A‖``
(backward stable), and ``Q`` is orthogonal to rounding whatever cond(A) is.
Gram–Schmidt builds the same Q (up to signs) by subtraction, and loses
orthogonality when columns are nearly dependent.

The module reads in order: the plain column-by-column algorithm
(:func:`_qr_unblocked`), then the blocked one behind :func:`qr`, which groups
``nb`` reflections into one ``I - Y T Yᵀ`` (compact WY form) so that most of the
work becomes matrix products.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import as_matrix, check_choice
from ._householder import apply_left, householder_vector, wy_factor

__all__ = ["qr", "QRResult"]

_MODES = ("reduced", "complete", "r")
_BLOCK = 32  # reflections per block; measured fastest at n = 512 among 16, 32, 64, 128


class QRResult(NamedTuple):
    """``Q`` with orthonormal columns and upper-triangular ``R`` such that ``A = Q R``."""

    Q: np.ndarray
    R: np.ndarray


# --- the plain algorithm: one reflection at a time -------------------------------------


def _factor_unblocked(R: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Householder triangularization, in place: ``R <- H_{k-1} … H₀ R``.

    Returns the reflection vectors ``Y`` as columns (shape (m, k); column ``j``
    is zero above row ``j`` and 1 on it) and their factors ``taus`` (shape (k,)),
    with ``Hⱼ = I - tauⱼ yⱼ yⱼᵀ``. ``R`` may be a view (a panel of a larger
    matrix); it is left upper triangular with exact zeros below the diagonal.
    """
    m, n = R.shape
    k = min(m, n)
    Y = np.zeros((m, k))
    taus = np.zeros(k)
    for j in range(k):
        v, tau, beta = householder_vector(R[j:, j])
        apply_left(R[j:, j + 1 :], v, tau)  # the columns to the right get the same reflection
        R[j, j] = beta  # Hⱼ x = beta e₁: store the exact result rather than the rounded one
        R[j + 1 :, j] = 0.0
        Y[j:, j] = v
        taus[j] = tau
    return Y, taus


def _form_q_unblocked(Y: np.ndarray, taus: np.ndarray, ncols: int) -> np.ndarray:
    """``Q = H₀ H₁ … H_{k-1} I[:, :ncols]``, applying the reflections last to first.

    Going backwards, ``H_{j+1} … H_{k-1} I`` is still the identity in its first
    j + 1 rows and columns, and ``Hⱼ`` touches only rows ``j:``, so each
    reflection needs only the block ``Q[j:, j:]``.
    """
    m, k = Y.shape
    Q = np.eye(m, ncols)
    for j in reversed(range(k)):
        apply_left(Q[j:, j:], Y[j:, j], taus[j])
    return Q


def _assemble(R: np.ndarray, form_q, mode: str):
    """Cut ``Q`` and ``R`` to the shapes numpy.linalg.qr returns for ``mode``."""
    m, n = R.shape
    k = min(m, n)
    if mode == "r":
        return np.triu(R[:k])  # (k, n)
    if mode == "reduced":
        return QRResult(form_q(k), np.triu(R[:k]))  # (m, k), (k, n)
    return QRResult(form_q(m), np.triu(R))  # complete: (m, m), (m, n)


def _qr_unblocked(A: np.ndarray, mode: str = "reduced"):
    """Householder QR, the textbook loop: reflect one column at a time.

    Same modes and results as :func:`qr`, written as the lesson states it:
    for each column, find the reflection that zeroes it below the diagonal and
    apply it to the columns on its right (two matrix-vector products per
    column, so the whole matrix streams through memory k times). Trusts its
    input: a float64 2-D array and a valid ``mode``.
    """
    R = np.array(A, dtype=np.float64)  # a copy, triangularized in place
    Y, taus = _factor_unblocked(R)
    return _assemble(R, lambda ncols: _form_q_unblocked(Y, taus, ncols), mode)


# --- the blocked algorithm: nb reflections per matrix product ----------------------------


def _factor_blocked(R: np.ndarray, nb: int = _BLOCK) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_factor_unblocked` by panels of ``nb`` columns (LAPACK's ``dgeqrf``).

    Each panel is triangularized column by column (cheap: it is only nb wide);
    its reflections combine into ``H_{j0} … H_{j1-1} = I - Y T Yᵀ`` and reach
    the trailing columns as one update ``C <- (I - Y T Yᵀ)ᵀ C``.
    """
    m, n = R.shape
    k = min(m, n)
    Y = np.zeros((m, k))
    taus = np.zeros(k)
    for j0 in range(0, k, nb):
        j1 = min(j0 + nb, k)
        Yp, tp = _factor_unblocked(R[j0:, j0:j1])  # the panel, (m - j0, j1 - j0)
        Y[j0:, j0:j1] = Yp
        taus[j0:j1] = tp
        if j1 < n:
            T = wy_factor(Yp, tp)
            C = R[j0:, j1:]  # the trailing columns, rows j0: only (the reflections fix rows :j0)
            # H_{j1-1} … H_{j0} C = (H_{j0} … H_{j1-1})ᵀ C = (I - Y Tᵀ Yᵀ) C; the
            # product is taken right to left so every step is a thin matrix product.
            C -= Yp @ (T.T @ (Yp.T @ C))
    return Y, taus


def _form_q_blocked(Y: np.ndarray, taus: np.ndarray, ncols: int, nb: int = _BLOCK) -> np.ndarray:
    """:func:`_form_q_unblocked` by blocks: ``Q[j0:, j0:] <- (I - Y T Yᵀ) Q[j0:, j0:]``."""
    m, k = Y.shape
    Q = np.eye(m, ncols)
    for j0 in reversed(range(0, k, nb)):
        j1 = min(j0 + nb, k)
        Yb = Y[j0:, j0:j1]
        T = wy_factor(Yb, taus[j0:j1])
        B = Q[j0:, j0:]
        B -= Yb @ (T @ (Yb.T @ B))
    return Q


def qr(A, mode: str = "reduced") -> QRResult | np.ndarray:
    """QR decomposition ``A = Q R`` by Householder reflections.

    ``Hₖ₋₁ … H₁ H₀ A = R`` with each ``Hⱼ = I - tauⱼ yⱼ yⱼᵀ`` zeroing column
    ``j`` below the diagonal, so ``Q = H₀ H₁ … Hₖ₋₁`` (k = min(m, n)),
    ``QᵀQ = I`` and ``R`` is upper triangular. Same conventions as
    numpy.linalg.qr (LAPACK ``dgeqrf``), including the signs of ``R``'s diagonal.

    Parameters
    ----------
    A : array_like, shape (m, n)
        The matrix to factor.
    mode : {"reduced", "complete", "r"}, default "reduced"
        "reduced": Q (m, k) and R (k, n). "complete": Q (m, m) and R (m, n).
        "r": R (k, n) only, without forming Q.

    Returns
    -------
    QRResult(Q, R) : NamedTuple of ndarrays
        For "reduced" and "complete"; unpacks as ``Q, R = qr(A)``.
    R : ndarray
        For "r".

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D or is a ragged nested list.
    NotFiniteError
        If ``A`` contains NaN or infinity.
    DTypeError
        If ``A`` does not hold real numbers.
    ParameterError
        If ``mode`` is not one of the three modes.

    See Also
    --------
    gram_schmidt : The same Q (up to signs) by orthogonalizing columns directly.

    Examples
    --------
    >>> Q, R = qr([[3, 1], [4, 2]])
    >>> R
    array([[-5. , -2.2],
           [ 0. ,  0.4]])
    >>> bool(np.allclose(Q @ R, [[3, 1], [4, 2]]))
    True
    """
    func = "qr"
    mode = check_choice(mode, "mode", func, _MODES)
    R = as_matrix(A, "A", func, copy=True)  # triangularized in place
    Y, taus = _factor_blocked(R)
    return _assemble(R, lambda ncols: _form_q_blocked(Y, taus, ncols), mode)
