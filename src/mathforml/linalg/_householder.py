"""Householder reflections: the building block of QR, tridiagonalization,
bidiagonalization and Hessenberg reduction.

A Householder reflection ``H = I - tau v vᵀ`` mirrors space in the hyperplane
orthogonal to ``v``. Chosen well, it sends a whole vector onto the first axis:
``H x = beta e₁`` with ``|beta| = ‖x‖``. Applying such reflections column after
column zeroes everything below a diagonal, and because each ``H`` is orthogonal
the result is exact up to rounding (backward stable), unlike Gram–Schmidt.

Many reflections ``H₁ H₂ … H_k`` combine into one block ``I - Y T Yᵀ`` (the
compact WY form) so that they can be applied with two matrix products, which is
how the blocked algorithms reach BLAS speed.

    >>> import numpy as np
    >>> x = np.array([3.0, 4.0])
    >>> v, tau, beta = householder_vector(x)
    >>> beta
    -5.0
    >>> x - tau * v * (v @ x)  # H x = beta e₁
    array([-5.,  0.])
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["householder_vector", "apply_left", "apply_right", "wy_factor"]

_SAFE_MIN = np.finfo(np.float64).tiny / np.finfo(np.float64).eps


def _norm2(x: np.ndarray) -> float:
    """Euclidean norm that neither overflows nor underflows (rescales only when needed)."""
    with np.errstate(over="ignore", under="ignore"):
        s = float(x @ x)
    if _SAFE_MIN < s < np.inf:
        return math.sqrt(s)
    scale = float(np.abs(x).max()) if x.size else 0.0
    if scale == 0.0:
        return 0.0
    y = x / scale
    return scale * math.sqrt(float(y @ y))


def householder_vector(x: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Reflection that maps ``x`` onto a multiple of the first axis.

    Returns ``v`` (with ``v[0] = 1``), ``tau`` and ``beta`` such that
    ``(I - tau v vᵀ) x = beta e₁`` and ``|beta| = ‖x‖``. ``beta`` takes the sign
    opposite to ``x[0]`` so that ``x[0] - beta`` adds two numbers of the same
    sign: subtracting nearly equal numbers would cancel and lose digits
    (LAPACK's ``dlarfg`` makes the same choice).

    When ``x[1:]`` is already zero nothing needs doing: ``tau = 0`` and ``H = I``.
    """
    x = np.asarray(x, dtype=np.float64)
    if x.size == 0:
        return np.zeros_like(x), 0.0, 0.0
    top = float(np.abs(x).max())
    if 0.0 < top < _SAFE_MIN:
        # Entries near the underflow threshold carry few significant bits and the
        # reflection built from them is not even orthogonal. v and tau depend only
        # on the direction of x, so scale x up by a power of two (exact) first.
        e = math.frexp(top)[1]
        v, tau, beta = householder_vector(np.ldexp(x, -e))
        return v, tau, math.ldexp(beta, e)
    v = np.zeros_like(x)
    v[0] = 1.0
    alpha = float(x[0])
    tail_norm = _norm2(x[1:])
    if tail_norm == 0.0:
        return v, 0.0, alpha
    beta = -math.copysign(math.hypot(alpha, tail_norm), alpha)
    tau = (beta - alpha) / beta
    v[1:] = x[1:] / (alpha - beta)
    return v, tau, beta


def apply_left(A: np.ndarray, v: np.ndarray, tau: float) -> None:
    """In place: ``A <- (I - tau v vᵀ) A`` = ``A - tau v (vᵀ A)``, never forming ``H``."""
    if tau != 0.0:
        A -= np.outer(tau * v, v @ A)


def apply_right(A: np.ndarray, v: np.ndarray, tau: float) -> None:
    """In place: ``A <- A (I - tau v vᵀ)`` = ``A - tau (A v) vᵀ``."""
    if tau != 0.0:
        A -= np.outer(A @ v, tau * v)


def wy_factor(Y: np.ndarray, taus: np.ndarray) -> np.ndarray:
    """Upper-triangular ``T`` with ``H₁ H₂ … H_k = I - Y T Yᵀ`` (LAPACK's ``dlarft``).

    ``Y`` holds the reflection vectors as columns (shape (m, k)), ``taus`` their
    factors. Built column by column from the identity
    ``(I - Y T Yᵀ)(I - tau y yᵀ) = I - [Y y] [[T, -tau T Yᵀ y], [0, tau]] [Y y]ᵀ``.
    """
    k = Y.shape[1]
    T = np.zeros((k, k))
    YtY = Y.T @ Y  # all the inner products yᵢᵀ yⱼ at once
    for j in range(k):
        T[j, j] = taus[j]
        if j:
            T[:j, j] = -taus[j] * (T[:j, :j] @ YtY[:j, j])
    return T
