"""The singular value decomposition ``A = U diag(S) Vᵀ`` and the best low-rank approximation.

Every m x n matrix maps an orthonormal basis ``v₁, …`` of its input space onto
orthogonal directions: ``A vᵢ = σᵢ uᵢ``. Computing this takes three steps,
each backward stable:

1. **Bidiagonalize** (Golub–Kahan). Reflections alternately from the left
   (zeroing a column below the diagonal) and the right (zeroing a row right of
   the superdiagonal) give ``Qᵀ A P = B``, upper bidiagonal with diagonal ``d``
   and superdiagonal ``e``. Orthogonal maps keep singular values, so ``B`` has
   those of ``A``. This O(mn²) part runs blocked, with matrix products.
2. **The SVD of B** through the Golub–Kahan matrix: the symmetric tridiagonal
   ``T_GK`` of size 2n with zero diagonal and off-diagonal
   ``(d₁, e₁, d₂, e₂, …, dₙ)`` has eigenvalues ``±σᵢ``, and the eigenvector of
   ``+σ`` interleaves the singular vectors: ``[v₁, u₁, v₂, u₂, …]/√2`` (row
   ``2i`` of ``T_GK z = σ z`` reads ``(Bᵀu)ᵢ = σ vᵢ``, row ``2i+1`` reads
   ``(B v)ᵢ = σ uᵢ``). Bisection and inverse iteration from ``_tridiagonal.py``
   find them (LAPACK's ``dbdsvdx`` works the same way).
3. **Back-transform**: ``A = Q B Pᵀ = (Q U_B) diag(S) (P V_B)ᵀ``.

Small singular values need care. For ``σ ≈ 0`` the eigenvalues ``+σ`` and
``-σ`` of ``T_GK`` nearly coincide and inverse iteration returns a mix of their
eigenvectors ``[v, u]`` and ``[v, -u]``; the halves are still ``v`` and ``u``
up to length, so each half is normalised on its own. Singular values that are
negligible (``σ <= 16 ε ‖B‖``, where bisection cannot tell ``+σ`` from ``-σ``)
get no vectors from ``T_GK`` at all: any orthonormal completion of the others
will do, since ``A`` maps them to almost nothing (``‖A v‖ <= σ``).

Sign convention: singular vectors come in pairs ``(uᵢ, vᵢ)`` unique up to a
common sign; ``svd`` makes the entry of largest magnitude of each row of ``Vt``
positive (the first such entry when magnitudes tie up to a relative 1e-10), and
each extra column of ``U`` or row of ``Vt`` of a full decomposition likewise.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .._validation import as_matrix, check_choice, check_positive_int
from ..errors import ConvergenceError, ParameterError
from ._eigh import (
    _apply_reflections,
    _largest_entry_positive,
)
from ._householder import householder_vector
from ._scaling import power_of_two_exponent, scale_down
from ._tridiagonal import (
    EPS,
    _clusters,
    bisect,
    complete_orthonormal,
    gershgorin_bounds,
    inverse_iteration,
    make_lanes,
    orthonormalize_columns,
    polish_orthonormality,
    split,
    split_tolerance,
)

__all__ = ["SVDResult", "svd", "low_rank_approximation"]

_BLOCK = 32  # columns per panel of the blocked bidiagonalization
_CLUSTER_GAP = 1e-3  # as in _tridiagonal: singular values this close are re-orthogonalised


class SVDResult(NamedTuple):
    """``svd``'s result: ``A = U @ diag(S) @ Vt``."""

    U: np.ndarray  # (m, m) or (m, k): orthonormal columns, the left singular vectors
    S: np.ndarray  # (k,), k = min(m, n): the singular values, descending
    Vt: np.ndarray  # (n, n) or (k, n): orthonormal rows, the right singular vectors


# --------------------------------------------------------------------------- plain algorithm


def _bidiagonalize_unblocked(A: np.ndarray):
    """Golub–Kahan bidiagonalization ``Qᵀ A P = B`` (m >= n), one reflection at a time.

    Step k: a left reflection maps ``A[k:, k]`` onto ``d_k e₁``, then a right one
    maps ``A[k, k+1:]`` onto ``e_k e₁``; each is applied to the rest of the
    matrix as a rank-1 update. Overwrites ``A`` (scaled to ``max|A| ≈ 1``, as
    ``svd`` does). Returns ``d`` (n,), ``e``
    (n-1,), the left reflection vectors ``YL`` (m, n; column k starts at row k)
    with ``tauq``, and the right ones ``YR`` (n, n; column k starts at row k+1)
    with ``taup``.
    """
    m, n = A.shape
    d, e = np.zeros(n), np.zeros(max(n - 1, 0))
    YL, tauq = np.zeros((m, n)), np.zeros(n)
    YR, taup = np.zeros((n, n)), np.zeros(n)
    for k in range(n):
        u, tau, d[k] = householder_vector(A[k:, k])
        YL[k:, k], tauq[k] = u, tau
        A[k:, k + 1 :] -= np.outer(tau * u, u @ A[k:, k + 1 :])  # (I - τ u uᵀ) A
        if k < n - 1:
            v, tau, e[k] = householder_vector(A[k, k + 1 :])
            YR[k + 1 :, k], taup[k] = v, tau
            A[k + 1 :, k + 1 :] -= np.outer(A[k + 1 :, k + 1 :] @ v, tau * v)  # A (I - τ v vᵀ)
    return d, e, YL, tauq, YR, taup


# --------------------------------------------------------------------------- blocked algorithm


def _bidiagonalize(A: np.ndarray, block: int = _BLOCK):
    """Blocked Golub–Kahan bidiagonalization (LAPACK's ``dgebrd``/``dlabrd``), same output.

    Within a panel the trailing matrix is kept implicitly as
    ``Ã = A - UL Yᵀ - X VRᵀ``: ``UL``/``VR`` hold the panel's left/right
    reflection vectors, and ``Y = τ Ãᵀ u``, ``X = τ Ã v`` the matching products,
    so that each reflection is the rank-1 update ``Ã - u (τ uᵀÃ)`` or
    ``Ã - (τ Ã v) vᵀ``. Only the current column and row of ``Ã`` are formed.
    After the panel, ``A -= UL Yᵀ + X VRᵀ`` (two matrix products) catches up.
    """
    m, n = A.shape
    d, e = np.zeros(n), np.zeros(max(n - 1, 0))
    YL, tauq = np.zeros((m, n)), np.zeros(n)
    YR, taup = np.zeros((n, n)), np.zeros(n)
    k = 0
    while k < n:
        nb = min(block, n - k)
        UL, VR = YL[:, k : k + nb], YR[:, k : k + nb]  # views: the panel's vectors
        X, Yp = np.zeros((m, nb)), np.zeros((n, nb))
        for i in range(nb):
            c = k + i
            if i:  # column c of Ã, rows c:
                A[c:, c] -= UL[c:, :i] @ Yp[c, :i] + X[c:, :i] @ VR[c, :i]
            u, tau, d[c] = householder_vector(A[c:, c])
            UL[c:, i], tauq[c] = u, tau
            if c == n - 1:
                break
            # Y[:, i] = τ Ãᵀu on columns c+1:
            y = A[c:, c + 1 :].T @ u
            y -= Yp[c + 1 :, :i] @ (UL[c:, :i].T @ u) + VR[c + 1 :, :i] @ (X[c:, :i].T @ u)
            Yp[c + 1 :, i] = tau * y
            # row c of Ã after the left reflection, columns c+1:
            A[c, c + 1 :] -= Yp[c + 1 :, : i + 1] @ UL[c, : i + 1] + VR[c + 1 :, :i] @ X[c, :i]
            v, tau, e[c] = householder_vector(A[c, c + 1 :])
            VR[c + 1 :, i], taup[c] = v, tau
            # X[:, i] = τ Ã v on rows c+1:
            x = A[c + 1 :, c + 1 :] @ v
            x -= UL[c + 1 :, : i + 1] @ (Yp[c + 1 :, : i + 1].T @ v)
            x -= X[c + 1 :, :i] @ (VR[c + 1 :, :i].T @ v)
            X[c + 1 :, i] = tau * x
        r = k + nb  # trailing update: A -= UL Yᵀ + X VRᵀ as one product
        if r < n:
            A[r:, r:] -= np.hstack((UL[r:], X[r:])) @ np.hstack((Yp[r:], VR[r:])).T
        k = r
    return d, e, YL, tauq, YR, taup


# --------------------------------------------------------------------------- SVD of B


def _bidiagonal_svd(d: np.ndarray, e: np.ndarray, compute_uv: bool = True):
    """SVD ``B = U_B diag(s) V_Bᵀ`` of the upper bidiagonal ``B`` (diagonal d, superdiagonal e).

    ``s`` is descending. Via the Golub–Kahan matrix ``T_GK`` (module docstring):
    split ``T_GK`` where an entry is below ``√(2n) ε‖B‖``, bisection for the ⌊s/2⌋
    largest eigenvalues of each block (a block of odd size also holds one
    eigenvalue 0, and each two such zeros make one zero singular value), inverse
    iteration for the vectors of the non-negligible ones, then normalise each
    half, fix the pair's relative sign (``uᵀ B v = σ > 0``), re-orthogonalise
    the halves inside clusters, polish both bases with one Newton–Schulz step
    and complete them orthonormally.
    """
    n = d.size
    f = np.zeros(max(2 * n - 1, 0))
    f[0::2], f[1::2] = d, e  # T_GK's off-diagonal (d₁, e₁, d₂, …, dₙ)
    z = np.zeros(2 * n)
    norm = gershgorin_bounds(z, f)[1] if n else 0.0
    if norm == 0.0:
        return np.zeros(n), np.eye(n), np.eye(n)
    f, starts, stops = split(z, f, split_tolerance(2 * n, norm))
    lanes = make_lanes(starts, stops, positive_half=True)
    tol = 2 * EPS * norm
    sig = bisect(z, f, lanes, 0.0, norm + tol, tol)
    pair = lanes.stop - lanes.start == 2  # a 2 x 2 block [[0, f], [f, 0]] has σ = |f| exactly
    sig[pair] = np.abs(f[lanes.start[pair]])
    zeros = np.zeros(n - lanes.size)  # one per two odd-sized blocks
    if not compute_uv:
        return np.sort(np.concatenate((sig, zeros)))[::-1], None, None

    # Below 16 ε‖B‖ bisection cannot tell +σ from -σ: such σ get completed vectors.
    good = sig > 16 * EPS * norm
    glanes = make_lanes(starts, stops, positive_half=True, keep=good)
    Zg = inverse_iteration(z, f, sig[good], glanes, norm)  # (2n, k): [v₁, u₁, v₂, u₂, …]
    V, U = Zg[0::2], Zg[1::2]  # (n, k) each
    nv = np.sqrt(np.einsum("ij,ij->j", V, V))
    nu = np.sqrt(np.einsum("ij,ij->j", U, U))
    # A +σ eigenvector has ‖v‖ = ‖u‖. A lopsided one mixed +σ with -σ beyond repair,
    # which takes σ of order ε‖B‖ (the mix shrinks like (ε‖B‖/2σ)ᵏ): complete it too.
    lopsided = np.minimum(nv, nu) < 0.1 * np.maximum(nv, nu)
    if lopsided.any():
        good[np.flatnonzero(good)[lopsided]] = False
        glanes = make_lanes(starts, stops, positive_half=True, keep=good)
        V, U, nv, nu = V[:, ~lopsided], U[:, ~lopsided], nv[~lopsided], nu[~lopsided]
    V, U = V / nv, U / nu
    BV = d[:, None] * V  # B v = σ u: pick u's sign so that uᵀ B v > 0
    BV[:-1] += e[:, None] * V[1:]
    U *= np.where(np.einsum("ij,ij->j", U, BV) < 0, -1.0, 1.0)
    rng = np.random.default_rng(0)
    for g0, g1 in _clusters(sig[good], glanes, _CLUSTER_GAP * norm):
        for H in (V, U):  # halves of orthonormal T_GK vectors need not be orthonormal
            G = np.asfortranarray(H[:, g0:g1])
            orthonormalize_columns(G, rng)
            H[:, g0:g1] = G
    V, U = polish_orthonormality(V), polish_orthonormality(U)
    rest = n - V.shape[1]
    V = np.hstack((V, complete_orthonormal(V, rest, rng)))
    U = np.hstack((U, complete_orthonormal(U, rest, rng)))
    s = np.concatenate((sig[good], sig[~good], zeros))
    R = d[:, None] * V - U * s  # residuals B vᵢ - σᵢ uᵢ: a guard against a silent failure
    R[:-1] += e[:, None] * V[1:]
    if np.abs(R).max() > math.sqrt(EPS) * norm:
        raise ConvergenceError(
            f"svd: a computed singular triplet has residual ‖B v - σ u‖ = {np.abs(R).max():.3g}"
        )
    order = np.argsort(-s, kind="stable")
    return s[order], U[:, order], V[:, order]


# --------------------------------------------------------------------------- public


def svd(A, full_matrices: bool = True, compute_uv: bool = True) -> SVDResult:
    """Singular value decomposition ``A = U diag(S) Vt``.

    ``A vᵢ = σᵢ uᵢ``: the orthonormal right singular vectors ``vᵢ`` (rows of
    ``Vt``) are mapped onto the orthogonal directions ``σᵢ uᵢ`` (columns of
    ``U``), ``σ₁ >= σ₂ >= … >= 0``. Golub–Kahan bidiagonalization, then the
    Golub–Kahan tridiagonal eigenproblem, then back-transformation (see the
    module docstring); no LAPACK. Singular values are accurate to about
    ``n ε ‖A‖`` (absolute), like LAPACK's; singular vectors to about
    ``n ε ‖A‖ / gap``.

    Sign convention: the entry of largest magnitude of each row of ``Vt`` is
    positive (``uᵢ`` flips with ``vᵢ``); extra columns of ``U`` or rows of
    ``Vt`` (``full_matrices=True``) follow the same rule on their own.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Real matrix; integers and booleans are converted to float64.
    full_matrices : bool, default True
        If True, ``U`` is (m, m) and ``Vt`` is (n, n); if False, the thin
        decomposition with ``U`` (m, k) and ``Vt`` (k, n), ``k = min(m, n)``.
    compute_uv : bool, default True
        If False, return only ``S`` (as numpy does).

    Returns
    -------
    SVDResult or ndarray
        ``U``, ``S`` (k,) descending and ``Vt``; only ``S`` when
        ``compute_uv=False``. Empty inputs give empty results shaped like
        numpy's (with identity ``U``/``Vt`` where ``full_matrices`` asks for them).

    Raises
    ------
    ShapeError
        If ``A`` is not a 2-D matrix (or is a ragged nested list).
    NotFiniteError
        If ``A`` contains NaN or infinity.
    DTypeError
        If ``A`` is complex or not numeric.
    ParameterError
        If ``full_matrices`` or ``compute_uv`` is not a bool.

    See Also
    --------
    low_rank_approximation : the best rank-k approximation, from the SVD.
    eigh : the symmetric eigendecomposition (``AᵀA = V diag(S²) Vᵀ``).
    numpy.linalg.svd : the LAPACK reference.

    Examples
    --------
    >>> U, S, Vt = svd([[3.0, 0.0], [4.0, 5.0]])
    >>> S ** 2  # the eigenvalues of AᵀA = [[25, 20], [20, 25]]
    array([45.,  5.])
    >>> np.allclose(U @ np.diag(S) @ Vt, [[3, 0], [4, 5]])
    True
    """
    A = as_matrix(A, "A", "svd")
    check_choice(full_matrices, "full_matrices", "svd", (True, False))
    check_choice(compute_uv, "compute_uv", "svd", (True, False))
    m, n = A.shape
    if m < n:  # Aᵀ = U S Vᵀ  <=>  A = V S Uᵀ: work on the tall transpose
        result = svd(A.T, full_matrices, compute_uv)
        if not compute_uv:
            return result
        return _signed(result.Vt.T, result.S, result.U.T)
    k = power_of_two_exponent(A)
    if not compute_uv:
        if n == 0:
            return np.zeros(0)
        d, e, *_ = _bidiagonalize(np.array(scale_down(A, k), order="C"))
        return np.ldexp(_bidiagonal_svd(d, e, compute_uv=False)[0], k)
    Asc = np.array(scale_down(A, k), order="C")  # max|A| in [0.5, 1): no overflow below
    d, e, YL, tauq, YR, taup = _bidiagonalize(Asc)
    s, UB, VB = _bidiagonal_svd(d, e)
    U = np.zeros((m, m if full_matrices else n))
    U[:n, :n] = UB
    if full_matrices:
        np.fill_diagonal(U[n:, n:], 1.0)  # Q [[U_B, 0], [0, I]]: the rest of Q completes U
    U = _apply_reflections(YL, tauq, U, offset=0)
    V = _apply_reflections(YR, taup, VB, offset=1)
    return _signed(U, np.ldexp(s, k), V.T)


def _signed(U: np.ndarray, S: np.ndarray, Vt: np.ndarray) -> SVDResult:
    """Apply the sign convention (in place): largest-magnitude entry of each row of ``Vt`` > 0."""
    k = S.size
    signs = _largest_entry_positive(Vt[:k].T)
    U[:, :k] *= signs
    Vt[:k] *= signs[:, None]
    U[:, k:] *= _largest_entry_positive(U[:, k:])
    Vt[k:] *= _largest_entry_positive(Vt[k:].T)[:, None]
    return SVDResult(U, S, Vt)


def low_rank_approximation(A, k: int) -> np.ndarray:
    """The best rank-k approximation of ``A``: ``A_k = U_k diag(S_k) V_kᵀ`` (Eckart–Young).

    Keep the ``k`` largest singular values and their vectors. No matrix of rank
    at most ``k`` is closer to ``A``, in the 2-norm or the Frobenius norm, and
    the errors are exactly what is dropped::

        ‖A - A_k‖₂ = σ_{k+1},    ‖A - A_k‖_F = √(σ_{k+1}² + … + σ_r²)

    This is why the SVD compresses: an image or data matrix whose singular
    values decay fast is stored as ``k (m + n + 1)`` numbers instead of ``m n``;
    and why it recommends: a ratings matrix (users x items) is modelled as
    low rank, users and items as ``k`` latent factors, and ``A_k`` predicts the
    missing ratings.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Real matrix; integers and booleans are converted to float64.
    k : int
        Target rank, ``1 <= k <= min(m, n)``. ``k = min(m, n)`` gives ``A`` back
        (up to rounding).

    Returns
    -------
    ndarray, shape (m, n)
        ``A_k``, of rank at most ``k``.

    Raises
    ------
    ParameterError
        If ``k`` is not an integer between 1 and ``min(m, n)``.
    ShapeError, NotFiniteError, DTypeError
        If ``A`` is not a finite real 2-D matrix.

    See Also
    --------
    svd : the decomposition behind it.

    Examples
    --------
    >>> A = np.array([[3.0, 0.0], [0.0, 1.0]])
    >>> low_rank_approximation(A, 1)  # error ‖A - A₁‖₂ = σ₂ = 1
    array([[3., 0.],
           [0., 0.]])
    """
    A = as_matrix(A, "A", "low_rank_approximation")
    k = check_positive_int(k, "k", "low_rank_approximation")
    m, n = A.shape
    if k > min(m, n):
        raise ParameterError(
            f"low_rank_approximation: k must be at most min(m, n) = {min(m, n)} for A of "
            f"shape {A.shape}, got {k}"
        )
    U, S, Vt = svd(A, full_matrices=False)
    return (U[:, :k] * S[:k]) @ Vt[:k]
