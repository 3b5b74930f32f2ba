"""Vectors: dot products, lengths, distances, angles, projections and bases.

Everything in this module is built on one operation, the inner product. The
standard one is the dot product ``u · v = Σ uᵢ vᵢ``; lengths, distances, angles
and projections all follow from it:

    ‖x‖ = √(x · x),   d(u, v) = ‖u − v‖,   cos θ = u · v / (‖u‖ ‖v‖),
    proj_u(v) = (v · u / u · u) u.

Any symmetric positive definite matrix ``M`` defines another inner product,
``⟨u, v⟩_M = uᵀ M v`` (the PCA course, week 2), and with it other lengths and
angles. So every function here whose answer depends on the geometry (``inner``,
``norm``, ``distance``, ``unit``, ``cosine_similarity``, ``angle``, ``project``)
takes the same keyword ``M=None``; ``None`` means the dot product.

    >>> import numpy as np
    >>> u, v = np.array([3.0, 4.0]), np.array([4.0, 3.0])
    >>> dot(u, v), norm(u), cosine_similarity(u, v)
    (24.0, 5.0, 0.96)
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._validation import as_array, as_matrix, as_vector, check_same_length, check_symmetric
from ..errors import (
    NotPositiveDefiniteError,
    ParameterError,
    ShapeError,
    SingularMatrixError,
    ZeroVectorError,
)

__all__ = [
    "dot",
    "inner",
    "norm",
    "unit",
    "distance",
    "cosine_similarity",
    "angle",
    "project",
    "is_linearly_independent",
    "change_of_basis",
]


# --------------------------------------------------------------------------- helpers


def _vector_pair(u, v, names: tuple[str, str], func: str) -> tuple[np.ndarray, np.ndarray]:
    """Two float64 vectors of the same length, or a clear error."""
    u = as_vector(u, names[0], func)
    v = as_vector(v, names[1], func)
    check_same_length(u, v, names, func)
    return u, v


def _inner_product_matrix(M, n: int, func: str) -> np.ndarray:
    """Check that ``M`` defines an inner product on Rⁿ: n x n, symmetric, positive definite.

    Symmetry makes ⟨u, v⟩ = ⟨v, u⟩; positive definiteness makes ⟨x, x⟩ > 0 for
    every x ≠ 0, so that every nonzero vector has a positive length.
    """
    M = as_matrix(M, "M", func)
    if M.shape != (n, n):
        raise ShapeError(
            f"{func}: M has shape {M.shape} but the vectors have length {n}; the matrix "
            f"of an inner product on R^{n} must have shape ({n}, {n})"
        )
    check_symmetric(M, "M", func)
    from ._cholesky import is_positive_definite  # Cholesky succeeds iff M is SPD

    if not is_positive_definite(M):
        raise NotPositiveDefiniteError(
            f"{func}: M must be positive definite (xᵀ M x > 0 for every x ≠ 0) to define an "
            f"inner product, but its Cholesky factorization fails, so some nonzero x has "
            f"xᵀ M x <= 0; use a matrix such as Bᵀ B + c I with c > 0"
        )
    return M


def _check_ord(ord, func: str) -> float:
    """``ord`` must be a real p >= 1 or infinity (``None`` means 2, as in NumPy)."""
    if ord is None:
        return 2.0
    if isinstance(ord, bool) or not isinstance(ord, numbers.Real):
        raise ParameterError(f"{func}: ord must be a real number p >= 1 or np.inf, got {ord!r}")
    p = float(ord)
    if not p >= 1.0:  # also rejects NaN
        raise ParameterError(
            f"{func}: ord must be >= 1 (or np.inf), got {ord!r}; for p < 1 the formula "
            f"(Σ|xᵢ|ᵖ)^(1/p) is not a norm (it breaks the triangle inequality)"
        )
    return p


def _p_norm(x: np.ndarray, p: float) -> float:
    """(Σ |xᵢ|ᵖ)^(1/p), max |xᵢ| for p = ∞, without overflow or underflow.

    Squaring 1e200 overflows to inf and squaring 1e-200 underflows to 0, so x is
    first scaled by s = max |xᵢ|: ‖x‖ₚ = s ‖x / s‖ₚ, where every |xᵢ| / s is at
    most 1 (no overflow, for any p) and the largest is exactly 1 (the sum is at
    least 1, so it cannot underflow to 0).
    """
    a = np.abs(x)
    if a.size == 0:
        return 0.0  # the empty sum; NumPy agrees
    if p == 1.0:
        return float(a.sum())
    if p == math.inf:
        return float(a.max())
    s = float(a.max())
    if s == 0.0:
        return 0.0
    y = a / s
    with np.errstate(under="ignore"):  # terms far below the largest may underflow: harmless
        total = float(y @ y) if p == 2.0 else float(np.sum(y**p))
    return s * (math.sqrt(total) if p == 2.0 else total ** (1.0 / p))


def _m_norm(x: np.ndarray, M: np.ndarray) -> float:
    """√(xᵀ M x), scaled like :func:`_p_norm` so that huge entries do not overflow."""
    s = float(np.abs(x).max()) if x.size else 0.0
    if s == 0.0:
        return 0.0
    y = x / s
    # yᵀ M y > 0 in exact arithmetic; rounding can push it a hair below 0 when M
    # is badly conditioned, and √ of that would be NaN.
    return s * math.sqrt(max(float(y @ M @ y), 0.0))


def _length(x: np.ndarray, M: np.ndarray | None) -> float:
    """‖x‖ in the chosen inner product (the 2-norm when M is None)."""
    return _p_norm(x, 2.0) if M is None else _m_norm(x, M)


def _unit(x: np.ndarray, M: np.ndarray | None, name: str, func: str) -> np.ndarray:
    length = _length(x, M)
    if length == 0.0:
        raise ZeroVectorError(
            f"{func}: {name} is the zero vector (shape {x.shape}); it has no direction, "
            f"so this is undefined; pass a vector with at least one nonzero entry"
        )
    return x / length


def _inner(u: np.ndarray, v: np.ndarray, M: np.ndarray | None) -> float:
    return float(u @ v) if M is None else float(u @ (M @ v))


# --------------------------------------------------------------------------- products


def dot(u, v) -> float:
    """Dot product of two vectors: u · v = Σᵢ uᵢ vᵢ.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Real vectors of the same length.

    Returns
    -------
    float
        The sum of the products of matching entries (0.0 for empty vectors).

    Raises
    ------
    ShapeError
        If ``u`` or ``v`` is not 1-D, or their lengths differ.

    See Also
    --------
    inner : the general inner product uᵀ M v.
    norm, cosine_similarity, angle : lengths and angles built from the dot product.

    Notes
    -----
    The dot product is the workhorse of machine learning: a linear model scores
    an input as w · x + b (linear and logistic regression, the SVM's decision
    function), word2vec rates how well two words go together by the dot product
    of their embeddings, and attention compares queries with keys the same way.
    u · v = ‖u‖ ‖v‖ cos θ links it to geometry.

    Examples
    --------
    >>> dot([1, 2, 3], [4, 5, 6])
    32.0
    """
    u, v = _vector_pair(u, v, ("u", "v"), "dot")
    return float(u @ v)


def inner(u, v, M=None) -> float:
    """General inner product ⟨u, v⟩_M = uᵀ M v, with M symmetric positive definite.

    With ``M=None`` it is the dot product (M = I). Any SPD matrix M gives a valid
    inner product: bilinear, symmetric (because M = Mᵀ) and positive definite
    (xᵀ M x > 0 for x ≠ 0), and with it new lengths ‖x‖_M = √⟨x, x⟩_M and angles.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Real vectors of the same length.
    M : array_like, shape (n, n), optional
        Symmetric positive definite matrix; default ``None`` (the dot product).

    Returns
    -------
    float

    Raises
    ------
    ShapeError
        If the shapes do not match (u, v of length n, M of shape (n, n)).
    ParameterError
        If ``M`` is not symmetric.
    NotPositiveDefiniteError
        If ``M`` is not positive definite (tested with a Cholesky factorization).

    See Also
    --------
    dot : the standard inner product.
    norm, angle : accept the same ``M`` to measure lengths and angles with it.

    Examples
    --------
    >>> inner([1, 0], [0, 1], M=[[2, 1], [1, 2]])  # orthogonal for ·, not for M
    1.0
    """
    u, v = _vector_pair(u, v, ("u", "v"), "inner")
    if M is not None:
        M = _inner_product_matrix(M, u.size, "inner")
    return _inner(u, v, M)


# --------------------------------------------------------------------------- lengths


def norm(x, ord=2, *, M=None) -> float:
    """Length of a vector: the p-norm ‖x‖ₚ = (Σ |xᵢ|ᵖ)^(1/p), or √(xᵀ M x).

    ``ord=1`` is the Manhattan length Σ|xᵢ|, ``ord=2`` the Euclidean length,
    ``ord=np.inf`` the largest |xᵢ|; any real p >= 1 is allowed (the same values
    as ``numpy.linalg.norm`` for these ords). The result does not overflow or
    underflow when x holds huge (1e200) or tiny (1e-200) entries: x is divided
    by max|xᵢ| first, and the result multiplied back.

    Parameters
    ----------
    x : array_like, shape (n,)
        A real vector.
    ord : {1, 2, np.inf} or float >= 1, default 2
        Which norm (``None`` means 2, as in NumPy).
    M : array_like, shape (n, n), optional
        Symmetric positive definite matrix: return the length √(xᵀ M x) that the
        inner product ⟨u, v⟩_M defines (then ``ord`` must be 2).

    Returns
    -------
    float
        The length (0.0 for the zero vector and for the empty vector).

    Raises
    ------
    ShapeError
        If ``x`` is not 1-D (or M does not match it).
    ParameterError
        If ``ord`` is below 1 or not a number, or ``ord != 2`` together with ``M``.
    NotPositiveDefiniteError
        If ``M`` is not positive definite.

    See Also
    --------
    unit, distance : built on the norm.
    inner : the inner product behind ``M``.

    Examples
    --------
    >>> norm([3, -4]), norm([3, -4], ord=1), norm([3, -4], ord=np.inf)
    (5.0, 7.0, 4.0)
    >>> norm([1e200, 1e200])  # x · x would overflow
    1.414213562373095e+200
    """
    x = as_vector(x, "x", "norm")
    p = _check_ord(ord, "norm")
    if M is not None:
        if p != 2.0:
            raise ParameterError(
                f"norm: ord must be 2 when M is given (M defines the length "
                f"√(xᵀ M x), a 2-norm), got ord={ord!r}"
            )
        return _m_norm(x, _inner_product_matrix(M, x.size, "norm"))
    return _p_norm(x, p)


def unit(v, *, M=None) -> np.ndarray:
    """The unit vector in the direction of v: v̂ = v / ‖v‖.

    Parameters
    ----------
    v : array_like, shape (n,)
        A nonzero real vector.
    M : array_like, shape (n, n), optional
        Measure the length with ‖v‖_M = √(vᵀ M v) instead (then ‖v̂‖_M = 1).

    Returns
    -------
    ndarray, shape (n,), float64

    Raises
    ------
    ZeroVectorError
        If ``v`` is the zero vector (it has no direction).

    See Also
    --------
    norm

    Examples
    --------
    >>> unit([3, 4])
    array([0.6, 0.8])
    """
    v = as_vector(v, "v", "unit")
    if M is not None:
        M = _inner_product_matrix(M, v.size, "unit")
    return _unit(v, M, "v", "unit")


def distance(u, v, ord=2, *, M=None) -> float:
    """Distance between two points: d(u, v) = ‖u − v‖.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Real vectors of the same length.
    ord : {1, 2, np.inf} or float >= 1, default 2
        Which norm measures the difference (see :func:`norm`).
    M : array_like, shape (n, n), optional
        Symmetric positive definite matrix: d(u, v) = √((u − v)ᵀ M (u − v)).

    Returns
    -------
    float

    Raises
    ------
    ShapeError, ParameterError, NotPositiveDefiniteError
        As for :func:`norm`.

    See Also
    --------
    norm

    Examples
    --------
    >>> distance([1, 1], [4, 5]), distance([1, 1], [4, 5], ord=1)
    (5.0, 7.0)
    """
    u, v = _vector_pair(u, v, ("u", "v"), "distance")
    p = _check_ord(ord, "distance")
    if M is not None:
        if p != 2.0:
            raise ParameterError(
                f"distance: ord must be 2 when M is given (M defines the length "
                f"√(xᵀ M x), a 2-norm), got ord={ord!r}"
            )
        M = _inner_product_matrix(M, u.size, "distance")
    if u.size == 0:
        return 0.0
    # u − v would overflow for u = 1e308, v = −1e308: subtract u/s − v/s (entries
    # at most 2 in size) with s = max |entry|, and scale back
    s = max(float(np.abs(u).max()), float(np.abs(v).max()))
    if s == 0.0:
        return 0.0
    diff = u / s - v / s
    return s * (_p_norm(diff, p) if M is None else _m_norm(diff, M))


# --------------------------------------------------------------------------- angles


def cosine_similarity(u, v, *, M=None) -> float:
    """Cosine of the angle between two vectors: cos θ = u · v / (‖u‖ ‖v‖).

    1 for vectors pointing the same way, 0 for orthogonal ones, −1 for opposite
    ones; unlike the dot product it ignores the lengths. Computed as û · v̂ with
    unit vectors, so huge entries do not overflow.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Nonzero real vectors of the same length.
    M : array_like, shape (n, n), optional
        Symmetric positive definite matrix: use ⟨u, v⟩_M / (‖u‖_M ‖v‖_M).

    Returns
    -------
    float, in [−1, 1]

    Raises
    ------
    ZeroVectorError
        If ``u`` or ``v`` is the zero vector (the angle is undefined).
    ShapeError, ParameterError, NotPositiveDefiniteError
        For mismatched shapes or a bad ``M``.

    See Also
    --------
    angle : the angle itself, computed accurately near 0 and π.
    dot

    Examples
    --------
    >>> cosine_similarity([1, 0], [1, 1])
    0.7071067811865475
    """
    u, v = _vector_pair(u, v, ("u", "v"), "cosine_similarity")
    if M is not None:
        M = _inner_product_matrix(M, u.size, "cosine_similarity")
    c = _inner(_unit(u, M, "u", "cosine_similarity"), _unit(v, M, "v", "cosine_similarity"), M)
    # |cos θ| <= 1 is the Cauchy–Schwarz inequality, but û · v̂ carries rounding
    # and can come out as 1.0000000000000002 for parallel vectors: clip, so the
    # result stays a valid cosine (and arccos of it is never NaN).
    return min(max(c, -1.0), 1.0)


def angle(u, v, *, degrees: bool = False, M=None) -> float:
    """Angle between two vectors, θ = arccos(u · v / (‖u‖ ‖v‖)), in [0, π].

    Computed with Kahan's formula θ = 2 atan2(‖û − v̂‖, ‖û + v̂‖) (û, v̂ unit
    vectors), which equals the arccos above but stays accurate for every angle.
    arccos is badly conditioned near 0 and π: its slope −1/√(1 − c²) blows up
    there, and cos θ ≈ 1 − θ²/2 rounds to exactly 1 for any θ below about 1e-8,
    so arccos would report 0 for two vectors 1e-10 radians apart. The half-angle
    form uses ‖û ∓ v̂‖ = 2 sin(θ/2), 2 cos(θ/2), which keep full relative accuracy.

    Parameters
    ----------
    u, v : array_like, shape (n,)
        Nonzero real vectors of the same length.
    degrees : bool, default False
        Return degrees instead of radians.
    M : array_like, shape (n, n), optional
        Symmetric positive definite matrix: the angle in the inner product
        ⟨u, v⟩_M (the formula above holds in any inner product space).

    Returns
    -------
    float

    Raises
    ------
    ZeroVectorError
        If ``u`` or ``v`` is the zero vector.
    ShapeError, ParameterError, NotPositiveDefiniteError
        For mismatched shapes or a bad ``M``.

    See Also
    --------
    cosine_similarity

    Examples
    --------
    >>> angle([1, 0], [1, 1], degrees=True)
    45.0
    >>> angle([1, 0], [1, 1e-10])  # arccos would say 0.0
    1e-10
    """
    u, v = _vector_pair(u, v, ("u", "v"), "angle")
    if M is not None:
        M = _inner_product_matrix(M, u.size, "angle")
    u_hat = _unit(u, M, "u", "angle")
    v_hat = _unit(v, M, "v", "angle")
    # ‖û − v̂‖² = 2 − 2 cos θ = 4 sin²(θ/2) and ‖û + v̂‖² = 4 cos²(θ/2)
    theta = 2.0 * math.atan2(_length(u_hat - v_hat, M), _length(u_hat + v_hat, M))
    return math.degrees(theta) if degrees else theta


# --------------------------------------------------------------------------- projection


def project(v, onto, *, M=None) -> np.ndarray:
    """Vector projection of v onto the line through ``onto``: (v · u / u · u) u.

    The result is the point of that line closest to v; v minus it is orthogonal
    to u. Computed as (v · û) û with û = u / ‖u‖ (the same vector, without
    forming u · u, which overflows for huge u).

    Parameters
    ----------
    v : array_like, shape (n,)
        The vector to project.
    onto : array_like, shape (n,)
        A nonzero vector u spanning the line.
    M : array_like, shape (n, n), optional
        Symmetric positive definite matrix: project orthogonally in the inner
        product ⟨u, v⟩_M, i.e. (⟨v, u⟩_M / ⟨u, u⟩_M) u.

    Returns
    -------
    ndarray, shape (n,), float64

    Raises
    ------
    ZeroVectorError
        If ``onto`` is the zero vector (it spans no line).
    ShapeError, ParameterError, NotPositiveDefiniteError
        For mismatched shapes or a bad ``M``.

    See Also
    --------
    mathforml.linalg.project_onto_subspace : projection onto a span of several vectors.

    Examples
    --------
    >>> project([2, 3], onto=[1, 0])
    array([2., 0.])
    """
    v, u = _vector_pair(v, onto, ("v", "onto"), "project")
    if M is not None:
        M = _inner_product_matrix(M, v.size, "project")
    u_hat = _unit(u, M, "onto", "project")
    return _inner(v, u_hat, M) * u_hat


# --------------------------------------------------------------------------- bases


def is_linearly_independent(vectors) -> bool:
    """Whether the given vectors are linearly independent.

    k vectors are independent when no one of them is a combination of the
    others, i.e. c₁v₁ + … + c_k v_k = 0 only for c = 0; equivalently the k x n
    matrix holding them as rows has rank k. Rank is decided numerically, with
    :func:`mathforml.linalg.rank`'s default tolerance (singular values below
    max(k, n) · eps · σ_max count as zero), so vectors that are dependent up to
    rounding count as dependent.

    Parameters
    ----------
    vectors : array_like, shape (k, n)
        A sequence of k vectors of length n: **each row is one vector**
        (``[v1, v2, v3]``). To test the columns of a matrix B, pass ``B.T``.

    Returns
    -------
    bool
        True iff rank == k. No vectors at all (k = 0) are independent; more
        vectors than dimensions (k > n) never are.

    Raises
    ------
    ShapeError
        If ``vectors`` is a single vector or a ragged list.

    See Also
    --------
    mathforml.linalg.rank, change_of_basis

    Examples
    --------
    >>> is_linearly_independent([[1, 0, 0], [0, 1, 0]])
    True
    >>> is_linearly_independent([[1, 2, 3], [2, 4, 6]])  # second = 2 x first
    False
    """
    func = "is_linearly_independent"
    V = as_array(vectors, "vectors", func, ndim=(1, 2))
    if V.ndim == 1:
        raise ShapeError(
            f"{func}: vectors must be a sequence of vectors (a 2-D array with one vector "
            f"per row), got a single vector of shape {V.shape}; wrap it as [v]"
        )
    k = V.shape[0]
    if k == 0:
        return True  # the empty set is independent (it spans {0})
    from ._rank import rank

    return bool(rank(V) == k)


def change_of_basis(v, basis) -> np.ndarray:
    """Coordinates of v in a new basis: the c that solves B c = v.

    The basis vectors b₁, …, bₙ are the **columns** of B, and v = c₁b₁ + … + cₙbₙ,
    so c = B⁻¹ v; it is found by solving B c = v with LU
    (:func:`mathforml.linalg.solve`), never by forming B⁻¹.

    When the basis is orthogonal (bᵢ · bⱼ = 0 for i ≠ j) each coordinate is a
    projection, cᵢ = v · bᵢ / (bᵢ · bᵢ), as in the course's "changing basis"
    quiz; this function does not take that shortcut (it would be wrong for a
    non-orthogonal basis), but you can check it against the result.

    Parameters
    ----------
    v : array_like, shape (n,)
        The vector, in standard coordinates.
    basis : array_like, shape (n, n)
        The new basis vectors as columns.

    Returns
    -------
    ndarray, shape (n,), float64
        The coordinates c, with ``basis @ c == v`` up to rounding.

    Raises
    ------
    ShapeError
        If ``basis`` is not square or does not match ``v``.
    SingularMatrixError
        If the columns are linearly dependent (they are not a basis).

    See Also
    --------
    mathforml.linalg.solve, is_linearly_independent

    Examples
    --------
    >>> change_of_basis([5, -1], basis=[[1, 1], [1, -1]])  # v = 2 b₁ + 3 b₂
    array([2., 3.])
    """
    func = "change_of_basis"
    v = as_vector(v, "v", func)
    B = as_matrix(basis, "basis", func)
    n = v.size
    if B.shape[0] != B.shape[1]:
        raise ShapeError(
            f"{func}: basis has shape {B.shape}; a basis of R^{B.shape[0]} needs exactly "
            f"{B.shape[0]} vectors of length {B.shape[0]}, one per column (a square matrix)"
        )
    if B.shape[0] != n:
        raise ShapeError(
            f"{func}: v has shape {v.shape} and basis has shape {B.shape}; the basis "
            f"vectors (columns) must have the same length as v ({n})"
        )
    if n == 0:
        return np.zeros(0)  # R⁰ = {0}: the empty basis, no coordinates
    from ._lu import solve

    try:
        return solve(B, v)
    except SingularMatrixError as exc:
        raise SingularMatrixError(
            f"{func}: the columns of basis are linearly dependent, so they are not a basis "
            f"of R^{n} (B c = v has no unique solution); replace the dependent columns"
        ) from exc
