"""Eigenvalues and eigenvectors of a general real square matrix: ``A V = V diag(w)``.

An eigenvalue is a root of ``det(λI − A)``, but no formula finds the roots of a
polynomial of degree five or more, and the roots are wildly sensitive to the
coefficients; every practical method is iterative and works on ``A`` itself.

The QR algorithm. Factor ``A₀ = A = Q₀ R₀`` and multiply back the other way:
``A₁ = R₀ Q₀ = Q₀ᵀ A₀ Q₀``. Each step is an orthogonal similarity, so the
eigenvalues never change, and the iterates tend to an upper (quasi-)triangular
matrix whose diagonal holds them: entry ``(k+1, k)`` shrinks like
``|λ_{k+1} / λ_k|ᵏ``. Three refinements turn this slow loop into the
algorithm of LAPACK's ``dgeev``:

1. Hessenberg form first. One reduction ``A = Q H Qᵀ`` (n − 2 Householder
   reflections, O(n³) once) makes ``H`` zero below its first subdiagonal. QR
   steps keep that shape, and a step on a Hessenberg matrix costs O(n²)
   instead of O(n³).
2. Shifts. Iterating on ``H − σI`` replaces the ratio by
   ``|λ_{k+1} − σ| / |λ_k − σ|``; with ``σ`` an eigenvalue estimate from the
   trailing 2 x 2 block the last subdiagonal entry vanishes quadratically, in
   two or three steps instead of hundreds. Francis' double shift uses both
   eigenvalues of that block at once (a complex pair too) in real arithmetic,
   chasing a small "bulge" down the matrix, and deflates: once a subdiagonal
   entry is negligible the problem splits in two.
3. Real Schur form. A real matrix may have complex eigenvalues, so the limit
   is ``A = Z T Zᵀ`` with ``T`` upper triangular except for 2 x 2 diagonal
   blocks, one per complex conjugate pair.

Eigenvectors come from ``T``: turn each 2 x 2 block into a triangle with a
complex unitary rotation (complex Schur form ``A = Z T Zᴴ``), solve the
triangular systems ``(T − λⱼ I) y = 0`` by back substitution, and map back
``v = Z y``.

Before all this, ``dgeev`` balances: a diagonal similarity ``D⁻¹ A D`` that
evens out row and column norms, so that the errors, about ``eps · ‖A‖``,
shrink with the norm (small eigenvalues of a badly scaled matrix survive).
It can also backfire, so :func:`eig` checks every residual against the
original ``A`` and redoes the work unbalanced when one is too large.

The module reads in order: the Hessenberg reduction, the plain QR algorithm
(:func:`_qr_algorithm_unshifted`, for reading), the stable 2 x 2 block, the
Francis double-shift iteration, eigenvectors, balancing (a diagonal
similarity that helps badly scaled matrices) and :func:`eig`.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .._validation import as_square_matrix, check_positive_int
from ..errors import ConvergenceError
from ._householder import apply_left, apply_right, householder_vector

__all__ = ["eig", "EigResult"]

_EPS = np.finfo(np.float64).eps  # LAPACK's ulp, dlamch('P')
_TINY = np.finfo(np.float64).tiny  # LAPACK's safmin, dlamch('S')
# dgeev rescales A when max |aᵢⱼ| leaves [_SMALL, _BIG], so that products of two
# entries (the bulge, the shifts) can neither overflow nor underflow.
_SMALL = math.sqrt(_TINY) / _EPS
_BIG = 1.0 / _SMALL
_GROWTH = 1e100  # eigenvector entries are kept below this during back substitution


class EigResult(NamedTuple):
    """Eigenvalues ``w`` (n,) and unit eigenvectors, the columns of ``V``: ``A V = V diag(w)``."""

    eigenvalues: np.ndarray
    eigenvectors: np.ndarray


# --- Hessenberg form ----------------------------------------------------------------------


def _hessenberg(A: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Upper Hessenberg ``H`` and orthogonal ``Q`` with ``A = Q H Qᵀ`` (LAPACK's ``dgehrd``).

    Reflection ``Hₖ`` zeroes column k below the subdiagonal. It acts on rows
    ``k+1:`` from the left and, to keep the similarity, on columns ``k+1:``
    from the right; column k itself is untouched by the right product, so the
    zeros stay. (Zeroing below the diagonal instead, as QR does, would be
    undone by the right product: that is why eigenvalues need iteration.)
    """
    H = np.array(A, dtype=np.float64)
    n = H.shape[0]
    Q = np.eye(n)
    for k in range(n - 2):
        v, tau, beta = householder_vector(H[k + 1 :, k])
        apply_left(H[k + 1 :, k + 1 :], v, tau)  # H <- Hₖ H (column k done below)
        apply_right(H[:, k + 1 :], v, tau)  # H <- H Hₖ
        apply_right(Q[:, k + 1 :], v, tau)  # Q = H₀ H₁ … H_{n-3}
        H[k + 1, k] = beta  # Hₖ x = beta e₁ exactly
        H[k + 2 :, k] = 0.0
    return H, Q


# --- the plain QR algorithm ---------------------------------------------------------------


def _block_eigenvalues(T: np.ndarray, split: np.ndarray) -> np.ndarray:
    """Eigenvalues of a quasi-triangular ``T``; ``split[k]`` says ``T[k+1, k]`` is negligible."""
    n = T.shape[0]
    w = np.zeros(n, dtype=np.complex128)
    k = 0
    while k < n:
        if k == n - 1 or split[k]:
            w[k] = T[k, k]
            k += 1
        else:  # a 2 x 2 block: read its eigenvalues stably
            *_, rt1r, rt1i, rt2r, rt2i, _, _ = _schur_2x2(
                T[k, k], T[k, k + 1], T[k + 1, k], T[k + 1, k + 1]
            )
            w[k], w[k + 1] = complex(rt1r, rt1i), complex(rt2r, rt2i)
            k += 2
    return w.real.copy() if not w.imag.any() else w


def _qr_algorithm_unshifted(A: np.ndarray, tol: float = 1e-12, max_iter: int = 10_000):
    """Eigenvalues by the plain QR algorithm: ``Aₖ = Qₖ Rₖ``, ``Aₖ₊₁ = Rₖ Qₖ``.

    ``Aₖ₊₁ = Qₖᵀ Aₖ Qₖ`` has the same eigenvalues as ``A``. When the moduli
    ``|λ₁| > |λ₂| > … > |λₙ|`` are distinct, ``Aₖ`` tends to an upper
    triangle with the eigenvalues on its diagonal in that order, and
    subdiagonal entry ``(i+1, i)`` shrinks like ``|λᵢ₊₁ / λᵢ|ᵏ``: fast for
    well-separated moduli, hopeless for close ones. A complex pair ``a ± bi``
    has equal moduli and leaves a 2 x 2 block that never settles, but whose
    eigenvalues are right; so the loop stops when every subdiagonal entry
    above ``tol · max|A|`` is isolated and its 2 x 2 block has complex
    eigenvalues. Other equal moduli (``λ`` and ``−λ``, or a rotation of three
    axes) never separate, and the loop raises
    :class:`~mathforml.errors.ConvergenceError`.

    Each step is a full QR, O(n³); :func:`eig` first reduces to Hessenberg
    form (O(n²) per step) and shifts (two or three steps per eigenvalue).

    Returns the eigenvalues (real float64 when all are real, else complex128,
    in the order of the diagonal: decreasing modulus) and the final ``Aₖ``.
    """
    from ._qr import qr  # the Householder QR of the orthogonality lessons

    Ak = np.array(A, dtype=np.float64)
    n = Ak.shape[0]
    scale = np.abs(Ak).max() if n else 0.0
    for _ in range(max_iter + 1):
        d, sub, sup = np.diagonal(Ak), np.diagonal(Ak, -1), np.diagonal(Ak, 1)
        split = np.abs(sub) <= tol * scale
        isolated = np.r_[True, split[:-1]] & np.r_[split[1:], True]  # neighbours negligible
        complex_block = (d[:-1] - d[1:]) ** 2 + 4 * sub * sup < 0  # discriminant of the block
        if np.all(split | (isolated & complex_block)):
            return _block_eigenvalues(Ak, split), Ak
        Q, R = qr(Ak)
        Ak = R @ Q  # = Qᵀ Aₖ Q
    raise ConvergenceError(
        f"_qr_algorithm_unshifted: the subdiagonal did not fall below {tol:.3g} · max|A| "
        f"after {max_iter} QR steps; eigenvalues of equal or nearly equal modulus do not "
        f"separate without shifts (use eig)"
    )


# --- the 2 x 2 block ----------------------------------------------------------------------


def _schur_2x2(a: float, b: float, c: float, d: float):
    """Standardized real Schur form of ``[[a, b], [c, d]]`` (LAPACK's ``dlanv2``).

    Finds a rotation ``R = [[cs, -sn], [sn, cs]]`` with ``Rᵀ [[a, b], [c, d]] R``
    either upper triangular (two real eigenvalues on the diagonal) or of the
    form ``[[a', b'], [c', a']]`` with ``b' c' < 0``, whose eigenvalues are
    ``a' ± i √|b'| √|c'|``. The textbook ``(tr ± √(tr² − 4 det)) / 2`` cancels
    catastrophically when the eigenvalues are close or the discriminant is
    tiny; here the discriminant is formed from ``(a − d)/2`` and ``b c``
    scaled, and the real root is taken as ``d + z`` with ``z`` of one sign.

    Returns ``a, b, c, d`` (the new block), the eigenvalues
    ``rt1r, rt1i, rt2r, rt2i`` (positive imaginary part first) and ``cs, sn``.
    """
    a, b, c, d = float(a), float(b), float(c), float(d)
    if c == 0.0:  # already triangular
        cs, sn = 1.0, 0.0
    elif b == 0.0:  # lower triangular: swap rows and columns
        cs, sn = 0.0, 1.0
        a, d = d, a
        b, c = -c, 0.0
    elif a == d and math.copysign(1.0, b) != math.copysign(1.0, c):  # already standard
        cs, sn = 1.0, 0.0
    else:
        temp = a - d
        p = 0.5 * temp
        bcmax = max(abs(b), abs(c))
        bcmis = min(abs(b), abs(c)) * math.copysign(1.0, b) * math.copysign(1.0, c)
        scale = max(abs(p), bcmax)
        z = (p / scale) * p + (bcmax / scale) * bcmis  # (p² + b c) / scale: the discriminant
        if z >= 4.0 * _EPS:
            # Real eigenvalues: d + z and d − b c / z, z = p ± √(p² + b c) without cancellation.
            z = p + math.copysign(math.sqrt(scale) * math.sqrt(z), p)
            a = d + z
            d = d - (bcmax / z) * bcmis
            tau = math.hypot(c, z)
            cs, sn = z / tau, c / tau
            b, c = b - c, 0.0
        else:
            # Complex or nearly equal eigenvalues: rotate to make the diagonal entries equal.
            sigma = b + c
            tau = math.hypot(sigma, temp)
            cs = math.sqrt(0.5 * (1.0 + abs(sigma) / tau))
            sn = -(p / (tau * cs)) * math.copysign(1.0, sigma)
            # [[aa, bb], [cc, dd]] = [[a, b], [c, d]] R, then Rᵀ times that
            aa, bb = a * cs + b * sn, -a * sn + b * cs
            cc, dd = c * cs + d * sn, -c * sn + d * cs
            a, b = aa * cs + cc * sn, bb * cs + dd * sn
            c, d = -aa * sn + cc * cs, -bb * sn + dd * cs
            temp = 0.5 * (a + d)
            a = d = temp
            if c != 0.0:
                if b == 0.0:
                    b, c = -c, 0.0
                    cs, sn = -sn, cs
                elif math.copysign(1.0, b) == math.copysign(1.0, c):
                    # b c > 0: real after all, temp ± √(b c); one more rotation triangularizes.
                    sab, sac = math.sqrt(abs(b)), math.sqrt(abs(c))
                    p = math.copysign(sab * sac, c)
                    tau = 1.0 / math.sqrt(abs(b + c))
                    a, d = temp + p, temp - p
                    b, c = b - c, 0.0
                    cs1, sn1 = sab * tau, sac * tau
                    cs, sn = cs * cs1 - sn * sn1, cs * sn1 + sn * cs1
    if c == 0.0:
        rt1i = rt2i = 0.0
    else:
        rt1i = math.sqrt(abs(b)) * math.sqrt(abs(c))
        rt2i = -rt1i
    return a, b, c, d, a, rt1i, d, rt2i, cs, sn


def _rotate_block(W: np.ndarray, i: int, cs: float, sn: float) -> None:
    """Rotate ``W = [T | Zᵀ]`` to match a standardized 2 x 2 block at rows/columns ``i-1, i``.

    ``T <- Rᵀ T R`` and ``Z <- Z R`` with ``R = [[cs, -sn], [sn, cs]]``; the
    block itself was set by :func:`_schur_2x2`.
    """
    Rt = np.array([[cs, sn], [-sn, cs]])
    rows = W[i - 1 : i + 1, i + 1 :]  # Rᵀ on rows i-1, i: T right of the block, and all of Zᵀ
    rows[:] = Rt @ rows
    cols = W[: i - 1, i - 1 : i + 1]  # R on columns i-1, i of T, above the block
    cols[:] = cols @ Rt.T


# --- the Francis double-shift QR algorithm -------------------------------------------------


def _deflation_point(T: np.ndarray, lo: int, hi: int, smlnum: float) -> int:
    """Largest ``k`` in ``lo+1 … hi`` with ``T[k, k-1]`` negligible, else ``lo``.

    Negligible means below ``eps · (|T[k-1,k-1]| + |T[k,k]|)`` and, more
    strictly (Ahues and Tisseur, as in LAPACK's ``dlahqr``), small enough that
    setting it to zero moves the eigenvalues of the 2 x 2 block around it by
    only ``eps`` relative to their size: this keeps tiny eigenvalues accurate.
    """
    k = np.arange(lo + 1, hi + 1)
    sub = np.abs(T[k, k - 1])
    diag = np.abs(np.diagonal(T))
    tst = diag[k - 1] + diag[k]
    # Both diagonal entries zero: judge against the neighbouring subdiagonal entries.
    zero = tst == 0.0
    if zero.any():
        left = np.where(k - 2 >= lo, np.abs(T[k - 1, np.maximum(k - 2, 0)]), 0.0)
        right = np.where(k + 1 <= hi, np.abs(T[np.minimum(k + 1, hi), k]), 0.0)
        tst = np.where(zero, left + right, tst)
    sup = np.abs(T[k - 1, k])
    ab, ba = np.maximum(sub, sup), np.minimum(sub, sup)
    gap = np.abs(T[k - 1, k - 1] - T[k, k])
    aa, bb = np.maximum(diag[k], gap), np.minimum(diag[k], gap)
    s = aa + ab
    s[s == 0.0] = 1.0  # only where sub = 0, which the first test already accepts
    small = (sub <= smlnum) | (
        (sub <= _EPS * tst) & (ba * (ab / s) <= np.maximum(smlnum, _EPS * (bb * (aa / s))))
    )
    hits = np.flatnonzero(small)
    return int(k[hits[-1]]) if hits.size else lo


def _shifts(T: np.ndarray, lo: int, hi: int, its: int) -> tuple[float, float, float, float]:
    """The two shifts for one Francis step: eigenvalues of a 2 x 2 matrix (``dlahqr``).

    Normally the trailing block ``T[hi-1:hi+1, hi-1:hi+1]``. If its two
    eigenvalues are real, both shifts are the one closer to ``T[hi, hi]``
    (a double Wilkinson shift). Every 10 steps without deflation an
    "exceptional" ad hoc block (Wilkinson's) replaces it, to break the cycles
    in which the standard shift can get stuck, e.g. for a permutation matrix.
    """
    if its % 20 == 0:
        s = abs(T[hi, hi - 1]) + abs(T[hi - 1, hi - 2])
        h11 = 0.75 * s + T[hi, hi]
        h12, h21, h22 = -0.4375 * s, s, h11
    elif its % 10 == 0:
        s = abs(T[lo + 1, lo]) + abs(T[lo + 2, lo + 1])
        h11 = 0.75 * s + T[lo, lo]
        h12, h21, h22 = -0.4375 * s, s, h11
    else:
        h11, h12 = T[hi - 1, hi - 1], T[hi - 1, hi]
        h21, h22 = T[hi, hi - 1], T[hi, hi]
    s = abs(h11) + abs(h12) + abs(h21) + abs(h22)
    if s == 0.0:
        return 0.0, 0.0, 0.0, 0.0
    h11, h12, h21, h22 = h11 / s, h12 / s, h21 / s, h22 / s
    tr = 0.5 * (h11 + h22)
    det = (h11 - tr) * (h22 - tr) - h12 * h21  # = −(discriminant / 4)
    rtdisc = math.sqrt(abs(det))
    if det >= 0.0:  # complex conjugate shifts tr ± i rtdisc
        return tr * s, rtdisc * s, tr * s, -rtdisc * s
    near = tr + rtdisc if abs(tr + rtdisc - h22) <= abs(tr - rtdisc - h22) else tr - rtdisc
    return near * s, 0.0, near * s, 0.0


def _francis_step(W: np.ndarray, lo: int, hi: int, shifts) -> None:
    """One implicit double-shift QR step on the active block ``T[lo:hi+1, lo:hi+1]``, in place.

    With shifts σ₁, σ₂ the explicit step would factor
    ``M = (T − σ₁I)(T − σ₂I) = Q R`` and form ``Qᵀ T Q``: real even for a
    complex pair, since ``M = T² − (σ₁ + σ₂) T + σ₁σ₂ I``. The implicit Q
    theorem says ``Q`` is fixed by its first column, ``M e₁``, which has only
    three nonzeros. So: reflect ``M e₁`` onto ``e₁`` (this creates a "bulge"
    below the subdiagonal), then restore Hessenberg form with 3 x 3
    reflections that chase the bulge down and out of the block. Each
    reflection touches three rows and three columns: O(n) work, O(n²) a step.
    The whole ``T`` is updated (not just the block) and every reflection is
    accumulated into ``Z``, because eigenvectors need the full Schur form.
    Both live in ``W = [T | Zᵀ]`` (shape (n, 2n)): ``Z <- Z Pₖ`` is
    ``Zᵀ <- Pₖ Zᵀ`` (``Pₖ`` is symmetric), so the rows of ``T`` and of ``Zᵀ``
    that ``Pₖ`` mixes are the same and one update does both.
    """
    T = W[:, : W.shape[0]]  # a view: updating T updates W
    rt1r, rt1i, rt2r, rt2i = shifts
    m = lo
    # M e₁ = (T − σ₁I)(T − σ₂I) e₁, scaled by s to avoid overflow
    h21s = T[m + 1, m]
    s = abs(T[m, m] - rt2r) + abs(rt2i) + abs(h21s)
    h21s = T[m + 1, m] / s
    x = np.array(
        [
            h21s * T[m, m + 1] + (T[m, m] - rt1r) * ((T[m, m] - rt2r) / s) - rt1i * (rt2i / s),
            h21s * (T[m, m] + T[m + 1, m + 1] - rt1r - rt2r),
            h21s * T[m + 2, m + 1],
        ]
    )
    for k in range(m, hi):
        nr = min(3, hi - k + 1)  # the last reflection is 2 x 2
        if k > m:
            x = T[k : k + nr, k - 1]  # the bulge to push down
        v, tau, beta = householder_vector(x)
        if k > m:
            T[k, k - 1] = beta
            T[k + 1 : k + nr, k - 1] = 0.0
        apply_left(W[k : k + nr, k:], v, tau)  # T <- Pₖ T and Zᵀ <- Pₖ Zᵀ
        apply_right(T[: min(k + 3, hi) + 1, k : k + nr], v, tau)  # T <- T Pₖ


def _real_schur(W: np.ndarray, max_iter: int) -> tuple[np.ndarray, np.ndarray]:
    """Francis' double-shift QR algorithm: Hessenberg ``T`` to real Schur form, in place.

    Works on the active block ``lo … hi``: look for a negligible subdiagonal
    entry (deflation point); if the bottom 1 x 1 or 2 x 2 block has split off,
    record its eigenvalues and move ``hi`` up; otherwise take a Francis step.
    ``W = [T | Zᵀ]`` holds the Hessenberg matrix and the orthogonal matrix that
    accumulates the transformations, so ``Z T Zᵀ`` keeps its value.

    Returns the real and imaginary parts of the eigenvalues, in the order of
    the diagonal (complex pairs with the positive imaginary part first).
    Raises ConvergenceError if some eigenvalue needs more than ``max_iter``
    steps.
    """
    n = W.shape[0]
    T = W[:, :n]  # a view
    wr, wi = np.zeros(n), np.zeros(n)
    smlnum = _TINY * (n / _EPS)
    hi = n - 1
    while hi >= 0:
        lo = 0
        for its in range(max_iter + 1):
            lo = _deflation_point(T, lo, hi, smlnum)
            if lo > 0:
                T[lo, lo - 1] = 0.0  # the problem splits: work on lo … hi only
            if lo >= hi - 1:
                break
            if its == max_iter:
                raise ConvergenceError(
                    f"eig: the QR algorithm did not converge: eigenvalue {hi + 1} of {n} "
                    f"was not isolated after max_iter = {max_iter} double-shift steps; "
                    f"raise max_iter (the default is 30 · max(10, n))"
                )
            _francis_step(W, lo, hi, _shifts(T, lo, hi, its + 1))
        if lo == hi:  # a 1 x 1 block: a real eigenvalue
            wr[hi] = T[hi, hi]
        else:  # a 2 x 2 block: standardize it, then rotate the rest of T and Z to match
            a, b, c, d, wr[hi - 1], wi[hi - 1], wr[hi], wi[hi], cs, sn = _schur_2x2(
                T[hi - 1, hi - 1], T[hi - 1, hi], T[hi, hi - 1], T[hi, hi]
            )
            T[hi - 1 : hi + 1, hi - 1 : hi + 1] = [[a, b], [c, d]]
            _rotate_block(W, hi, cs, sn)
        hi = lo - 1
    return wr, wi


# --- eigenvectors --------------------------------------------------------------------------


def _to_complex_schur(T: np.ndarray, Z: np.ndarray, w: np.ndarray, pairs: np.ndarray):
    """Real Schur ``A = Z T Zᵀ`` to complex Schur ``A = Z T Zᴴ`` with ``T`` triangular.

    Each standardized block ``B = [[a, b], [c, a]]`` (``b c < 0``) at rows
    ``p, p+1`` has the unit eigenvector ``x = (α, iβ)`` for ``λ = a + i√|bc|``,
    with ``α = √(|b| / (|b|+|c|))`` and ``β = sign(b) √(|c| / (|b|+|c|))``.
    ``U = [x, x⊥] = [[α, iβ], [iβ, α]]`` is unitary and ``Uᴴ B U`` is upper
    triangular with ``λ`` then ``λ̄`` on its diagonal (MATLAB's ``rsf2csf``
    does the same with a complex Givens rotation). Blocks do not overlap, so
    their order does not matter.
    """
    T = T.astype(np.complex128)
    Z = Z.astype(np.complex128)
    for p in pairs:
        b, c = T[p, p + 1].real, T[p + 1, p].real
        alpha = math.sqrt(abs(b) / (abs(b) + abs(c)))
        beta = math.copysign(math.sqrt(abs(c) / (abs(b) + abs(c))), b)
        U = np.array([[alpha, 1j * beta], [1j * beta, alpha]])
        T[p : p + 2, p:] = U.conj().T @ T[p : p + 2, p:]
        T[: p + 2, p : p + 2] = T[: p + 2, p : p + 2] @ U
        Z[:, p : p + 2] = Z[:, p : p + 2] @ U
        T[p + 1, p] = 0.0
        T[p, p], T[p + 1, p + 1] = w[p], w[p + 1]  # the exact eigenvalues, not rounded ones
    return T, Z


def _triangular_eigenvectors(T: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Upper-triangular ``Y`` with ``T Y = Y diag(w)`` for upper-triangular ``T`` (``w = diag T``).

    Column j solves ``(T − wⱼ I) y = 0`` with ``yⱼ = 1`` and zeros below:
    back substitution ``yᵢ = −(Σₖ₌ᵢ₊₁ʲ Tᵢₖ yₖ) / (Tᵢᵢ − wⱼ)`` for i = j−1 … 0.
    All columns advance together, one row at a time (one vector-matrix
    product per row). When ``Tᵢᵢ`` equals ``wⱼ`` (a repeated eigenvalue)
    the divisor is replaced by ``eps · |wⱼ|``, at least ``n · tiny / eps``
    (LAPACK's ``trevc``): for a
    Jordan block this yields a nearly parallel vector, as LAPACK's does; when
    the numerator is zero too (a diagonalizable repeat) it yields the
    independent ``eⱼ``. Columns are rescaled whenever an entry would exceed
    ``1e100`` (a column's scale is arbitrary), so nothing overflows.
    """
    n = w.shape[0]
    Y = np.eye(n, dtype=T.dtype)
    smin = np.maximum(_EPS * (np.abs(w.real) + np.abs(w.imag)), _TINY * (n / _EPS))
    for i in range(n - 2, -1, -1):
        cols = slice(i + 1, n)
        num = -(T[i, cols] @ Y[cols, cols])  # −Σₖ Tᵢₖ yₖ for every column j > i
        d = T[i, i] - w[cols]
        d = np.where(np.abs(d.real) + np.abs(d.imag) < smin[cols], smin[cols], d)
        big = np.abs(num) > _GROWTH * np.abs(d)
        if big.any():  # scale those columns so that |yᵢ| = 1e100 exactly
            factor = np.where(big, _GROWTH * np.abs(d) / np.where(big, np.abs(num), 1.0), 1.0)
            Y[:, cols] *= factor
            num = num * factor
        Y[i, cols] = num / d
    return Y


def _normalize_columns(V: np.ndarray) -> np.ndarray:
    """Unit 2-norm columns; complex columns rotated so their largest entry is real and > 0."""
    big = np.abs(V).max(axis=0)
    big[big == 0.0] = 1.0
    V = V / big  # first to max |entry| = 1, so the squares below cannot overflow
    V /= np.sqrt((np.abs(V) ** 2).sum(axis=0))
    if np.iscomplexobj(V):
        k, j = np.abs(V).argmax(axis=0), np.arange(V.shape[1])
        top = V[k, j]
        V *= top.conj() / np.abs(top)  # the phase of an eigenvector is free; fix it
        V[k, j] = np.abs(top)  # exactly real, not real up to rounding
    return V


# --- balancing -----------------------------------------------------------------------------


def _balance(A: np.ndarray, max_sweeps: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """``B = D⁻¹ A D`` with ``D = diag(d)`` (powers of two) equalizing row and column norms.

    The QR algorithm's errors are about ``eps · ‖A‖``, which swamps the small
    eigenvalues of a badly scaled matrix (entries 1e8 next to 1e-8). A
    diagonal similarity keeps the eigenvalues and can shrink the norm a lot:
    scaling row i by ``1/f`` and column i by ``f`` changes their norms to
    ``r / f`` and ``c f``, and ``f ≈ √(r / c)`` makes them equal. Powers of
    two make the scaling exact. This is the scaling half of LAPACK's
    ``dgebal``, which numpy's ``eig`` applies too. Each accepted change must
    cut ``c + r`` by 5 %, so the sweeps end quickly; stopping early would
    still leave a valid similarity.
    """
    B = A.copy()
    n = B.shape[0]
    d = np.ones(n)
    for _ in range(max_sweeps):
        changed = False
        for i in range(n):
            c = math.sqrt(float(B[:, i] @ B[:, i]))
            r = math.sqrt(float(B[i] @ B[i]))
            if c == 0.0 or r == 0.0:
                continue
            f = math.ldexp(1.0, round(0.5 * math.log2(r / c)))  # c f ≈ r / f
            if c * f + r / f >= 0.95 * (c + r):
                continue  # not worth it
            if np.abs(B[:, i]).max() * f > _BIG or np.abs(B[i]).max() / f > _BIG:
                continue  # would leave the safe range
            if not _SMALL <= d[i] * f <= _BIG:
                continue  # D itself must stay representable (dgebal bounds it too)
            B[i] /= f
            B[:, i] *= f
            d[i] *= f
            changed = True
        if not changed:
            break
    return B, d


def _eigenpairs(B: np.ndarray, d: np.ndarray, max_iter: int) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues of ``B`` and unit eigenvectors of ``A = D B D⁻¹`` (``D = diag(d)``).

    Hessenberg form, real Schur form, complex Schur form if there are complex
    pairs, back substitution, then ``v = D Z y``: ``B Z y = Z y λ`` gives
    ``A (D Z y) = (D Z y) λ``.
    """
    n = B.shape[0]
    H, Q = _hessenberg(B)  # B = Q H Qᵀ, H Hessenberg
    W = np.hstack([H, Q.T])  # [T | Zᵀ], starting from T = H, Z = Q
    wr, wi = _real_schur(W, max_iter)  # B = Z T Zᵀ, T quasi-triangular
    T, Z = W[:, :n], W[:, n:].T
    pairs = np.flatnonzero(wi > 0.0)  # each complex block starts with its +imaginary eigenvalue
    if pairs.size:
        w = wr + 1j * wi
        T, Z = _to_complex_schur(T, Z, w, pairs)  # B = Z T Zᴴ, T triangular
    else:
        w = wr
    T = np.triu(T)  # the real 2 x 2 blocks were triangularized, the complex ones rotated
    V = _normalize_columns(d[:, None] * (Z @ _triangular_eigenvectors(T, w)))
    V[:, pairs + 1] = V[:, pairs].conj()  # exact conjugate pairs, as LAPACK returns them
    return w, V


def _residuals(A: np.ndarray, w: np.ndarray, V: np.ndarray) -> np.ndarray:
    """``‖A vⱼ − λⱼ vⱼ‖`` for every column: (λⱼ, vⱼ) is exact for A plus a matrix that small."""
    return np.sqrt((np.abs(A @ V - V * w) ** 2).sum(axis=0))


# --- the public function -------------------------------------------------------------------


def eig(A, *, max_iter: int | None = None) -> EigResult:
    """Eigenvalues and right eigenvectors of a real square matrix: ``A V = V diag(w)``.

    Balances ``A`` by a diagonal similarity ``D⁻¹ A D``, reduces it to upper
    Hessenberg form ``Q H Qᵀ`` with Householder reflections, runs the Francis
    double-shift QR algorithm to the real Schur form ``Z T Zᵀ`` (``T``
    quasi-triangular, its 1 x 1 and 2 x 2 diagonal blocks holding the
    eigenvalues), then solves ``(T − λI) y = 0`` by back substitution and
    maps back ``v = D Z y`` (see the module docstring for the reasons behind
    each step), as LAPACK's ``dgeev`` does. If balancing leaves some pair with
    ``‖A v − λ v‖ > 8 n eps ‖A‖_F``, the work is redone without it, which is
    backward stable; so each (λ, v) is exact for a matrix within a small
    multiple of ``n eps ‖A‖`` of ``A``. An eigenvalue moves under such a
    perturbation by up to ``κ(λ)`` times it (``κ(λ) = 1 / |yᴴ x|`` for unit
    left and right eigenvectors; large near a repeated, defective eigenvalue).

    Parameters
    ----------
    A : array_like, shape (n, n)
        Real square matrix (integers and booleans are converted to float64).
    max_iter : int, optional, keyword-only
        Cap on QR steps spent on any one eigenvalue (or pair); default
        ``30 · max(10, n)``, LAPACK's. Two or three usually suffice.

    Returns
    -------
    EigResult
        ``eigenvalues`` : shape (n,), float64 when all are real, else
        complex128 with conjugate pairs adjacent, the one with positive
        imaginary part first. ``eigenvectors`` : shape (n, n), column ``j``
        has unit 2-norm and belongs to ``eigenvalues[j]`` (real or complex,
        like the eigenvalues; a complex column has its largest entry real).
        The order of the eigenvalues is the Schur form's, not sorted, and may
        differ from numpy's.

    Raises
    ------
    ShapeError
        If ``A`` is not a square 2-D matrix or is ragged.
    DTypeError
        If ``A`` holds non-numbers or complex numbers.
    NotFiniteError
        If ``A`` holds NaN or infinity.
    ParameterError
        If ``max_iter`` is not a positive integer.
    ConvergenceError
        If the QR algorithm needs more than ``max_iter`` steps for an eigenvalue.

    See Also
    --------
    eigh : symmetric matrices (real eigenvalues, orthonormal eigenvectors, faster).
    power_iteration : only the dominant eigenpair, by repeated multiplication.
    characteristic_polynomial : the polynomial whose roots are the eigenvalues.
    numpy.linalg.eig : the LAPACK reference these results are tested against.

    Examples
    --------
    >>> import mathforml.linalg as la
    >>> la.eig([[2.0, 0.0], [0.0, 3.0]]).eigenvalues
    array([2., 3.])
    >>> la.eig([[0.0, -1.0], [1.0, 0.0]]).eigenvalues  # a rotation by 90°
    array([0.+1.j, 0.-1.j])
    """
    A = as_square_matrix(A, "A", "eig")
    n = A.shape[0]
    if max_iter is None:
        max_iter = 30 * max(10, n)
    max_iter = check_positive_int(max_iter, "max_iter", "eig")
    if n == 0:
        return EigResult(np.zeros(0), np.zeros((0, 0)))

    # Scale by a power of two (exact) when max|A| is extreme; eigenvectors do not change.
    anrm = np.abs(A).max()
    shift = 0
    if 0.0 < anrm < _SMALL:
        shift = math.frexp(_SMALL)[1] - math.frexp(anrm)[1]
    elif anrm > _BIG:
        shift = math.frexp(_BIG)[1] - math.frexp(anrm)[1]
    if shift:
        A = np.ldexp(A, shift)

    # Balance first, as LAPACK does. Balancing can also hurt: the QR algorithm's errors,
    # small next to D⁻¹ A D, are multiplied by D and D⁻¹ on the way back (numpy returns
    # a wrong eigenvector for [[3.5e-106, 1e-300], [1, 1]]). So check the residual of
    # every pair against A itself and start again without balancing if one is too big.
    B, d = _balance(A)
    w, V = _eigenpairs(B, d, max_iter)
    if np.any(_residuals(A, w, V) > 8 * n * _EPS * math.sqrt(float((A * A).sum()))):
        w, V = _eigenpairs(A, np.ones(n), max_iter)
    if shift:
        w = np.ldexp(w, -shift) if np.isrealobj(w) else w * 2.0**-shift
    return EigResult(w, V)
