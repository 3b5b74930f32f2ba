"""The characteristic polynomial ``p(λ) = det(λI − A)``, whose roots are the eigenvalues.

``p`` has degree n and leading coefficient 1; its other coefficients are, up
to sign, sums of principal minors: ``−tr A`` for ``λⁿ⁻¹`` and ``(−1)ⁿ det A``
for the constant term. Expanding the determinant symbolically costs n!, so
the module gives two algorithms a learner can follow:

- Faddeev–LeVerrier (:func:`_faddeev_leverrier`): n matrix products and
  traces, O(n⁴). It divides by k at step k and subtracts traces of growing
  matrices, so in floating point the rounding errors grow quickly with n
  (for Hilbert(8) the constant term, det H ≈ 2.7e-33, comes out as
  −1.6e-16); in exact rational arithmetic it is exact, which is how
  ``exact=True`` uses it.
- Hessenberg recurrence (:func:`_hessenberg_recurrence`, the default): reduce
  ``A = Q H Qᵀ`` with Householder reflections (orthogonal, so backward stable
  and determinant-preserving), then expand ``det(λI − H)`` along the last
  column, which for a Hessenberg matrix gives a recurrence over its leading
  blocks: O(n³) and far less sensitive to rounding.

Either way, computing eigenvalues as roots of ``p`` is a bad idea numerically
(Wilkinson's polynomial: tiny changes to the coefficients move the roots a
lot); :func:`~mathforml.linalg.eig` works on the matrix instead.
"""

from __future__ import annotations

import numbers
from fractions import Fraction

import numpy as np

from .._validation import as_square_matrix
from ._eig import _hessenberg

__all__ = ["characteristic_polynomial"]


def _to_fraction(x) -> Fraction:
    """The exact rational value of a real number (a float is a binary fraction)."""
    return Fraction(x) if isinstance(x, numbers.Rational) else Fraction(float(x))


def _faddeev_leverrier(A: np.ndarray) -> np.ndarray:
    """Coefficients of ``det(λI − A)``, highest degree first, by Faddeev–LeVerrier.

    With ``c₀ = 1`` and ``M₀ = 0``, for k = 1 … n::

        Mₖ = A Mₖ₋₁ + cₖ₋₁ I,        cₖ = −tr(A Mₖ) / k

    and ``p(λ) = c₀ λⁿ + c₁ λⁿ⁻¹ + … + cₙ``. (The identity behind it is
    Newton's: the power sums ``tr Aᵏ = Σ λᵢᵏ`` determine the coefficients;
    ``Mₖ`` carries the partial sums ``Aᵏ⁻¹ + c₁ Aᵏ⁻² + … + cₖ₋₁ I``, and at the
    end ``A Mₙ + cₙ I = p(A) = 0``, Cayley–Hamilton.) Works for float arrays
    and, unchanged, for object arrays of ``fractions.Fraction`` (exact).
    """
    n = A.shape[0]
    c = np.empty(n + 1, dtype=A.dtype)
    c[0] = 1
    identity = np.eye(n, dtype=int).astype(A.dtype)
    M = np.zeros_like(A)
    for k in range(1, n + 1):
        M = A @ M + c[k - 1] * identity
        c[k] = -np.trace(A @ M) / k
    return c


def _hessenberg_recurrence(H: np.ndarray) -> np.ndarray:
    """Coefficients of ``det(λI − H)`` for upper Hessenberg ``H``, highest degree first.

    Let ``pₘ`` be the characteristic polynomial of the leading m x m block
    (``p₀ = 1``). Expanding ``det(λI − H)`` of the block of size m + 1 along
    its last column (0-based index m)::

        pₘ₊₁(λ) = (λ − hₘₘ) pₘ(λ) − Σᵣ₌₀ᵐ⁻¹ hᵣₘ βᵣₘ pᵣ(λ),   βᵣₘ = hᵣ₊₁,ᵣ hᵣ₊₂,ᵣ₊₁ … hₘ,ₘ₋₁

    because deleting row r and column m leaves a block-triangular matrix
    whose determinant is ``pᵣ`` times the product of the subdiagonal entries
    below it. Each step is one vector-matrix product on the coefficient table.
    """
    n = H.shape[0]
    P = np.zeros((n + 1, n + 1))  # row m: coefficients of pₘ, lowest degree first
    P[0, 0] = 1.0
    sub = np.r_[0.0, np.diagonal(H, -1)]  # sub[j] = h_{j, j-1}
    for m in range(n):
        beta = np.cumprod(sub[m:0:-1])[::-1]  # βᵣₘ for r = 0 … m-1
        P[m + 1, 1:] = P[m, :-1]  # λ pₘ
        P[m + 1] -= H[m, m] * P[m]
        P[m + 1] -= (H[:m, m] * beta) @ P[:m]
    return P[n, ::-1].copy()


def characteristic_polynomial(A, *, exact: bool = False) -> np.ndarray:
    """Coefficients of the characteristic polynomial ``det(λI − A)``, highest degree first.

    ``p(λ) = λⁿ + c₁ λⁿ⁻¹ + … + cₙ`` with ``c₁ = −tr A`` and
    ``cₙ = (−1)ⁿ det A``; its roots are the eigenvalues of ``A`` and
    ``p(A) = 0`` (Cayley–Hamilton). Like ``np.poly(A)`` for a square matrix.
    By default, a Householder reduction to Hessenberg form followed by the
    recurrence on its leading blocks (O(n³)); with ``exact=True``,
    Faddeev–LeVerrier in rational arithmetic (O(n⁴) operations on growing
    fractions: meant for small matrices of integers or fractions).

    Parameters
    ----------
    A : array_like, shape (n, n)
        Real square matrix. A 0 x 0 matrix gives ``[1.0]`` (the empty
        determinant is 1), where ``np.poly`` raises; a 1-D input is refused
        (``np.poly`` would read it as a list of roots).
    exact : bool, default False, keyword-only
        Compute with ``fractions.Fraction`` from the exact values of the
        entries (integers, fractions, or the binary value of each float).

    Returns
    -------
    ndarray, shape (n + 1,)
        float64 coefficients, the first one 1.0; with ``exact=True`` an object
        array of ``Fraction``.

    Raises
    ------
    ShapeError
        If ``A`` is not a square 2-D matrix or is ragged.
    DTypeError
        If ``A`` holds non-numbers or complex numbers.
    NotFiniteError
        If ``A`` holds NaN or infinity.

    See Also
    --------
    eig : the eigenvalues directly, stably (the roots of this polynomial).
    numpy.poly : the reference (computed from the eigenvalues).

    Examples
    --------
    >>> import mathforml.linalg as la
    >>> la.characteristic_polynomial([[2, 1], [1, 2]])  # λ² − 4λ + 3 = (λ − 1)(λ − 3)
    array([ 1., -4.,  3.])
    >>> [int(c) for c in la.characteristic_polynomial([[1, 2], [3, 4]], exact=True)]
    [1, -5, -2]
    """
    A_float = as_square_matrix(A, "A", "characteristic_polynomial")
    if exact:
        entries = np.asarray(A, dtype=object) if A_float.size else np.empty((0, 0), dtype=object)
        F = np.array([[_to_fraction(x) for x in row] for row in entries], dtype=object)
        c = _faddeev_leverrier(F.reshape(A_float.shape))
        c[0] = Fraction(1)
        return c
    H, _ = _hessenberg(A_float)  # det(λI − A) = det(Q (λI − H) Qᵀ) = det(λI − H)
    return _hessenberg_recurrence(H)
