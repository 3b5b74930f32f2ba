"""Matrices as transformations: rotations, reflections, shears, scalings.

A matrix A maps every point x to A x; its columns are where the basis vectors
go (A e₁ is the first column). Reading a transformation off its columns is the
lesson of this module:

* rotation by θ sends e₁ to (cos θ, sin θ) and e₂ to (−sin θ, cos θ);
* reflection in the hyperplane orthogonal to n flips n and keeps the mirror;
* shear slides one coordinate in proportion to the other;
* scaling stretches each axis by its own factor.

Rotations and reflections are orthogonal (Aᵀ A = I: they keep lengths and
angles), with det +1 and −1; a shear has det 1 (it keeps areas) but is not
orthogonal; a scaling multiplies areas by the product of its factors.

``reflect_in_plane`` is the course's "Reflecting Bear" assignment: build an
orthonormal basis from the mirror, reflect in that basis, where the matrix is
simply diag(1, …, 1, −1, …), and change back.

    >>> import numpy as np
    >>> rotation(np.pi / 2) @ [1, 0]  # e₁ turns a quarter turn counter-clockwise
    array([6.1e-17, 1.0e+00])
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._validation import as_array, as_vector, check_choice
from ..errors import DTypeError, NotFiniteError, ShapeError, ZeroVectorError
from ._householder import apply_left, apply_right, householder_vector
from ._vectors import _p_norm

__all__ = ["rotation", "reflection", "shear", "scaling", "reflect_in_plane"]


def _finite_scalar(value, name: str, func: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise DTypeError(f"{func}: {name} must be a real number, got {value!r}")
    x = float(value)
    if not math.isfinite(x):
        raise NotFiniteError(f"{func}: {name} must be a finite number, got {value!r}")
    return x


def _unit(v: np.ndarray, name: str, func: str) -> np.ndarray:
    length = _p_norm(v, 2.0)
    if length == 0.0:
        raise ZeroVectorError(
            f"{func}: {name} is the zero vector (shape {v.shape}); it has no direction, "
            f"so it defines no axis or mirror; pass a nonzero vector"
        )
    return v / length


# --------------------------------------------------------------------------- the basic maps

# For a rotation about a coordinate axis, the (i, j) plane it turns, ordered by
# the right-hand rule: about z, x turns towards y; about x, y towards z; about y, z towards x.
_AXIS_PLANES = {"x": (1, 2), "y": (2, 0), "z": (0, 1)}


def rotation(theta, axis=None) -> np.ndarray:
    """Rotation matrix: counter-clockwise by ``theta`` radians (2-D), or about an axis (3-D).

    In 2-D, R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]]: its columns are where e₁
    and e₂ land. In 3-D the rotation about the unit vector n follows the
    right-hand rule (thumb along n, fingers curl the way points move), by
    Rodrigues' formula

        R = I + sin θ K + (1 − cos θ) K² = cos θ I + sin θ K + (1 − cos θ) n nᵀ,

    where K x = n × x (the cross product), using K² = n nᵀ − I.

    Parameters
    ----------
    theta : float
        The angle in radians; positive is counter-clockwise (seen from the tip
        of the axis, looking back at the origin).
    axis : {None, "x", "y", "z"} or array_like of shape (3,), default None
        ``None`` gives the 2x2 rotation of the plane; a name or a nonzero
        3-vector (any length) gives the 3x3 rotation about that axis.

    Returns
    -------
    ndarray, shape (2, 2) or (3, 3), float64
        An orthogonal matrix with determinant 1.

    Raises
    ------
    DTypeError, NotFiniteError
        If ``theta`` is not a finite real number.
    ParameterError
        If ``axis`` is a string other than "x", "y", "z".
    ShapeError
        If ``axis`` is a vector without 3 entries.
    ZeroVectorError
        If ``axis`` is the zero vector.

    See Also
    --------
    reflection, transform_image

    Examples
    --------
    >>> rotation(np.pi / 2, axis="z").round(12) @ [1, 0, 0]  # x turns into y
    array([0., 1., 0.])
    """
    func = "rotation"
    theta = _finite_scalar(theta, "theta", func)
    c, s = math.cos(theta), math.sin(theta)
    if axis is None:
        return np.array([[c, -s], [s, c]])
    if isinstance(axis, str):
        i, j = _AXIS_PLANES[check_choice(axis, "axis", func, tuple(_AXIS_PLANES))]
        R = np.eye(3)  # the 2-D rotation, placed in the (i, j) plane; the axis stays put
        R[i, i], R[i, j] = c, -s
        R[j, i], R[j, j] = s, c
        return R
    n = as_vector(axis, "axis", func)
    if n.shape != (3,):
        raise ShapeError(
            f"{func}: axis must have 3 entries (a direction in 3-D space) or be 'x', 'y' "
            f"or 'z', got shape {n.shape}; for a 2-D rotation leave axis=None"
        )
    n = _unit(n, "axis", func)
    K = np.array([[0.0, -n[2], n[1]], [n[2], 0.0, -n[0]], [-n[1], n[0], 0.0]])  # K x = n × x
    one_minus_c = 2.0 * math.sin(theta / 2.0) ** 2  # = 1 − cos θ, without cancellation for small θ
    return c * np.eye(3) + s * K + one_minus_c * np.outer(n, n)


def reflection(normal) -> np.ndarray:
    """Reflection in the hyperplane orthogonal to ``normal``: H = I − 2 n nᵀ / (nᵀ n).

    The mirror is the set of x with n · x = 0 (a line in 2-D, a plane in 3-D).
    H keeps every vector of the mirror and reverses n: H n = −n. It is
    symmetric and orthogonal (H = Hᵀ = H⁻¹) with determinant −1 — the
    Householder reflection that QR factorization is built from.

    Parameters
    ----------
    normal : array_like, shape (n,)
        A nonzero vector orthogonal to the mirror (any length, any dimension).

    Returns
    -------
    ndarray, shape (n, n), float64

    Raises
    ------
    ZeroVectorError
        If ``normal`` is the zero vector.

    See Also
    --------
    reflect_in_plane : the mirror given by vectors that span it.

    Examples
    --------
    >>> reflection([0, 1])  # mirror: the x-axis
    array([[ 1.,  0.],
           [ 0., -1.]])
    """
    u = _unit(as_vector(normal, "normal", "reflection"), "normal", "reflection")
    # n nᵀ / (nᵀ n) = u uᵀ for the unit vector u: the projection onto the normal
    return np.eye(u.size) - 2.0 * np.outer(u, u)


def shear(k, axis: int = 0) -> np.ndarray:
    """2-D shear: one coordinate slides by k times the other.

    ``axis=0`` moves x: (x, y) → (x + k y, y), matrix [[1, k], [0, 1]]
    (horizontal lines stay put, a square leans into a parallelogram);
    ``axis=1`` moves y: (x, y) → (x, y + k x), matrix [[1, 0], [k, 1]].
    The determinant is 1, so areas are kept.

    Parameters
    ----------
    k : float
        The shear factor.
    axis : {0, 1}, default 0
        The coordinate that moves (0 = x, 1 = y).

    Returns
    -------
    ndarray, shape (2, 2), float64

    Raises
    ------
    DTypeError, NotFiniteError
        If ``k`` is not a finite real number.
    ParameterError
        If ``axis`` is not 0 or 1.

    Examples
    --------
    >>> shear(2.0) @ [1, 1]  # x moves by 2 y
    array([3., 1.])
    """
    k = _finite_scalar(k, "k", "shear")
    check_choice(axis, "axis", "shear", (0, 1))
    S = np.eye(2)
    S[axis, 1 - axis] = k
    return S


def scaling(factors) -> np.ndarray:
    """Scaling matrix diag(s₁, …, sₙ): axis i is stretched by sᵢ.

    A negative factor also flips the axis; a zero factor flattens it (the
    matrix is then singular). The determinant, the factor by which volumes
    change, is s₁ s₂ ⋯ sₙ.

    Parameters
    ----------
    factors : array_like, shape (n,)
        One factor per axis.

    Returns
    -------
    ndarray, shape (n, n), float64

    Examples
    --------
    >>> scaling([2, 3]) @ [1, 1]
    array([2., 3.])
    """
    return np.diag(as_vector(factors, "factors", "scaling"))


# --------------------------------------------------------------------------- reflecting bear


def _orthogonal_complement(E: np.ndarray) -> np.ndarray:
    """Orthonormal basis (n x (n − r)) of the vectors orthogonal to the columns of E (n x r).

    The Householder reflections H₁, …, H_r that triangularize E (the QR
    factorization E = H₁ ⋯ H_r [R; 0]) give an orthogonal Q = H₁ ⋯ H_r whose
    first r columns span the columns of E, so its last n − r columns span the
    rest of Rⁿ. Gram–Schmidt on the columns of I would also do, but can pick an
    eᵢ nearly inside span(E) and lose orthogonality; reflections cannot.
    """
    n, r = E.shape
    R = E.copy()
    Q = np.eye(n)
    for j in range(r):
        v, tau, _ = householder_vector(R[j:, j])
        apply_left(R[j:, j:], v, tau)  # H_j zeroes column j below the diagonal
        apply_right(Q[:, j:], v, tau)  # Q <- Q H_j
    return Q[:, r:]


def reflect_in_plane(points, mirror) -> np.ndarray:
    """Reflect points in the mirror (a line, plane, hyperplane) spanned by given vectors.

    The "Reflecting Bear" recipe, generalized to Rⁿ:

    1. E_m = an orthonormal basis of the mirror (Gram–Schmidt on its vectors);
    2. complete it to an orthonormal basis E = [E_m | E_⊥] of Rⁿ;
    3. in that basis the reflection keeps the mirror's coordinates and flips
       the others: T_E = diag(1, …, 1, −1, …, −1);
    4. change back: T = E T_E E⁻¹ = E T_E Eᵀ (E is orthogonal, so E⁻¹ = Eᵀ).

    The result equals 2 E_m E_mᵀ − I (twice the projection onto the mirror,
    minus the identity), and ``reflection(n)`` when the mirror is the
    hyperplane orthogonal to n.

    Parameters
    ----------
    points : array_like, shape (n_points, n) or (n,)
        The points, one per row, or a single point.
    mirror : array_like, shape (n, k) or (n,)
        Vectors spanning the mirror, one per **column** (as in the course's
        ``bearBasis``); they need not be orthonormal nor independent (k = n − 1
        for a hyperplane, but any k works; a 1-D array is one vector). The
        mirror always passes through the origin; with k = 0 (shape (n, 0)) it
        is just the origin, and every point goes to its negative.

    Returns
    -------
    ndarray, same shape as ``points``, float64
        The reflected points.

    Raises
    ------
    ShapeError
        If the points do not have n coordinates.
    ZeroVectorError
        If the mirror's vectors are all zero (most likely a mistake; pass an
        (n, 0) array to reflect in the origin).

    See Also
    --------
    reflection : the same map from the mirror's normal vector.
    mathforml.linalg.gram_schmidt : step 1.

    Examples
    --------
    >>> reflect_in_plane([2, 1], mirror=[1, 1])  # mirror: the line y = x
    array([1., 2.])
    """
    func = "reflect_in_plane"
    W = as_array(mirror, "mirror", func, ndim=(1, 2))
    if W.ndim == 1:
        W = W[:, None]  # one spanning vector: a line
    n = W.shape[0]
    X = as_array(points, "points", func, ndim=(1, 2))
    if X.shape[-1] != n:
        raise ShapeError(
            f"{func}: points has shape {X.shape} and mirror has shape {W.shape}; the mirror "
            f"lives in R^{n}, so each point (a row of points) needs {n} coordinates"
        )
    from ._gram_schmidt import gram_schmidt

    E_m = gram_schmidt(W)  # (n, r): orthonormal basis of the mirror, dependent vectors dropped
    r = E_m.shape[1]
    if r == 0 and W.shape[1] > 0:
        raise ZeroVectorError(
            f"{func}: the columns of mirror (shape {W.shape}) are all zero, so they span no "
            f"mirror; give at least one nonzero vector lying in the mirror"
        )
    E = np.hstack([E_m, _orthogonal_complement(E_m)])  # (n, n) orthonormal basis of Rⁿ
    T_E = np.diag(np.r_[np.ones(r), -np.ones(n - r)])  # keep mirror coordinates, flip the rest
    T = E @ T_E @ E.T  # change to E's coordinates (Eᵀ), reflect, change back (E)
    return X @ T.T  # each row x becomes (T x)ᵀ
