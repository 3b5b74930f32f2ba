"""rotation, reflection, shear, scaling and reflect_in_plane: orthogonality, determinants,
composition identities, SciPy's Rotation, and the course's Reflecting Bear."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.spatial.transform import Rotation

import mathforml.linalg as la
from mathforml.errors import (
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
    ZeroVectorError,
)
from tests.reference import EPS, assert_close, orthogonality_error
from tests.strategies import ELEMENTS, matrices, vectors

ANGLES = st.floats(-10, 10, allow_nan=False)
NONZERO_3 = vectors(3).filter(lambda v: np.abs(v).max() > 1e-3)


def _nonzero(x) -> bool:
    return bool(np.any(x != 0))


# --------------------------------------------------------------------------- rotation


@given(ANGLES)
def test_rotation_2d_is_orthogonal_with_det_one(theta):
    R = la.rotation(theta)
    assert R.shape == (2, 2) and R.dtype == np.float64
    assert orthogonality_error(R) <= 4 * EPS
    assert np.linalg.det(R) == pytest.approx(1.0, abs=4 * EPS)
    assert_close(R, Rotation.from_rotvec([0, 0, theta]).as_matrix()[:2, :2], rtol=0, atol=4 * EPS)


@given(ANGLES, ANGLES)
def test_rotations_compose_by_adding_angles(a, b):
    assert_close(la.rotation(a) @ la.rotation(b), la.rotation(a + b), rtol=0, atol=1e-14)
    assert_close(la.rotation(-a), la.rotation(a).T, rtol=0, atol=0)  # R(−θ) = R(θ)⁻¹ = R(θ)ᵀ


def test_rotation_2d_turns_counter_clockwise():
    assert_close(la.rotation(math.pi / 2) @ [1.0, 0.0], np.array([0.0, 1.0]), rtol=0, atol=EPS)
    assert_close(la.rotation(math.pi / 6) @ [1.0, 0.0], np.array([math.sqrt(3) / 2, 0.5]))


@given(ANGLES, st.sampled_from(["x", "y", "z"]))
def test_rotation_about_named_axes_matches_scipy(theta, axis):
    R = la.rotation(theta, axis)
    assert R.shape == (3, 3) and R.dtype == np.float64
    expected = Rotation.from_euler(axis, theta).as_matrix()
    assert_close(R, expected, rtol=0, atol=4 * EPS)
    e = np.eye(3)["xyz".index(axis)]
    assert_close(R @ e, e, rtol=0, atol=0)  # the axis stays put, exactly


@given(ANGLES, NONZERO_3)
def test_rotation_about_any_axis_matches_scipy(theta, axis):
    R = la.rotation(theta, axis)
    n = axis / np.linalg.norm(axis)
    expected = Rotation.from_rotvec(theta * n).as_matrix()
    assert_close(R, expected, rtol=0, atol=1e-14)
    assert orthogonality_error(R) <= 1e-14
    assert np.linalg.det(R) == pytest.approx(1.0, abs=1e-14)
    assert_close(R @ n, n, rtol=0, atol=1e-14)  # the axis is fixed
    assert_close(R, la.rotation(theta, 5.0 * axis), rtol=0, atol=1e-15)  # length does not matter


def test_rotation_about_axis_right_hand_rule():
    q = math.pi / 2
    assert_close(la.rotation(q, "z") @ [1, 0, 0], np.array([0.0, 1.0, 0.0]), rtol=0, atol=EPS)
    assert_close(la.rotation(q, "x") @ [0, 1, 0], np.array([0.0, 0.0, 1.0]), rtol=0, atol=EPS)
    assert_close(la.rotation(q, "y") @ [0, 0, 1], np.array([1.0, 0.0, 0.0]), rtol=0, atol=EPS)
    assert_close(la.rotation(q, [0, 0, 2]), la.rotation(q, "z"), rtol=0, atol=EPS)
    # tiny angles keep their accuracy (1 − cos θ computed as 2 sin²(θ/2))
    R = la.rotation(1e-9, [1, 1, 1])
    expected = Rotation.from_rotvec(1e-9 * np.ones(3) / math.sqrt(3)).as_matrix()
    assert_close(R - np.eye(3), expected - np.eye(3), rtol=1e-7, atol=1e-24)


def test_rotation_errors():
    with pytest.raises(ParameterError, match=r"rotation: axis must be one of 'x', 'y', 'z'"):
        la.rotation(1.0, "w")
    with pytest.raises(ShapeError, match=r"rotation: axis must have 3 entries .* shape \(2,\)"):
        la.rotation(1.0, [1.0, 0.0])
    with pytest.raises(ZeroVectorError, match=r"rotation: axis is the zero vector"):
        la.rotation(1.0, [0, 0, 0])
    with pytest.raises(NotFiniteError, match=r"rotation: theta must be a finite number"):
        la.rotation(np.nan)
    with pytest.raises(DTypeError, match=r"rotation: theta must be a real number, got '90'"):
        la.rotation("90")


# --------------------------------------------------------------------------- reflection


@given(vectors().filter(_nonzero))
def test_reflection_is_a_symmetric_orthogonal_involution(normal):
    H = la.reflection(normal)
    n = normal.size
    assert H.shape == (n, n) and H.dtype == np.float64
    assert_close(H, H.T, rtol=0, atol=0)
    assert orthogonality_error(H) <= 8 * n * EPS
    assert_close(H @ H, np.eye(n), rtol=0, atol=8 * n * EPS)  # reflecting twice: identity
    assert np.linalg.det(H) == pytest.approx(-1.0, abs=1e-13)
    u = normal / np.abs(normal).max()
    assert_close(H @ u, -u, rtol=0, atol=8 * n * EPS * np.abs(u).max())  # the normal flips


def test_reflection_keeps_the_mirror_and_extreme_normals():
    H = la.reflection([1.0, -1.0, 0.0])  # mirror: the plane x = y
    assert_close(H @ [1.0, 1.0, 5.0], np.array([1.0, 1.0, 5.0]), rtol=1e-15)
    assert_close(H @ [1.0, 0.0, 0.0], np.array([0.0, 1.0, 0.0]), rtol=0, atol=EPS)
    assert_close(la.reflection([1e200, 0.0]), np.diag([-1.0, 1.0]), rtol=0)  # nᵀn would overflow
    assert_close(la.reflection([1e-200, 0.0]), np.diag([-1.0, 1.0]), rtol=0)


def test_reflection_errors():
    with pytest.raises(ZeroVectorError, match=r"reflection: normal is the zero vector"):
        la.reflection([0.0, 0.0])
    with pytest.raises(ShapeError, match=r"reflection: normal must be a 1-D vector"):
        la.reflection(np.eye(2))


# --------------------------------------------------------------------------- shear, scaling


@given(st.floats(-100, 100), st.sampled_from([0, 1]))
def test_shear_keeps_area_and_moves_one_coordinate(k, axis):
    S = la.shear(k, axis)
    assert S.shape == (2, 2) and S.dtype == np.float64
    assert S[0, 0] * S[1, 1] - S[0, 1] * S[1, 0] == 1.0  # det = 1 exactly
    p = np.array([2.0, 3.0])
    moved = S @ p
    assert moved[1 - axis] == p[1 - axis]  # the other coordinate stays
    assert moved[axis] == p[axis] + k * p[1 - axis]
    assert_close(la.shear(k, axis) @ la.shear(-k, axis), np.eye(2), rtol=0)  # shears add up


def test_shear_examples_and_errors():
    assert_close(la.shear(2.0), np.array([[1.0, 2.0], [0.0, 1.0]]), rtol=0)
    assert_close(la.shear(2.0, axis=1), np.array([[1.0, 0.0], [2.0, 1.0]]), rtol=0)
    with pytest.raises(ParameterError, match=r"shear: axis must be one of 0, 1, got 2"):
        la.shear(1.0, axis=2)
    with pytest.raises(NotFiniteError, match=r"shear: k must be a finite number"):
        la.shear(np.inf)


@given(vectors(elements=ELEMENTS))
def test_scaling_is_diagonal_with_determinant_the_product(factors):
    S = la.scaling(factors)
    assert S.shape == (factors.size, factors.size) and S.dtype == np.float64
    assert_close(S, np.diag(factors), rtol=0)
    assert_close(S @ np.ones(factors.size), factors, rtol=0)


def test_scaling_examples_and_errors():
    assert la.scaling([]).shape == (0, 0)
    assert la.scaling([2, 3]).dtype == np.float64
    with pytest.raises(ShapeError, match=r"scaling: factors must be a 1-D vector"):
        la.scaling(2.0)


@given(ANGLES, st.floats(0.1, 10), st.floats(-5, 5))
def test_compositions_of_maps(theta, s, k):
    R = la.rotation(theta)
    # a rotation and a uniform scaling commute; a rotation conjugates a reflection into another
    assert_close(R @ la.scaling([s, s]), la.scaling([s, s]) @ R, rtol=0, atol=1e-14 * s)
    n = np.array([math.cos(theta), math.sin(theta)])
    assert_close(R @ la.reflection([1, 0]) @ R.T, la.reflection(n), rtol=0, atol=1e-14)
    # two reflections make a rotation by twice the angle between the mirrors
    assert_close(la.reflection(n) @ la.reflection([1, 0]), la.rotation(2 * theta), atol=1e-14)
    assert np.linalg.det(la.shear(k) @ la.scaling([s, 2.0])) == pytest.approx(2 * s, rel=1e-12)


# --------------------------------------------------------------------------- reflecting bear


def _reference_reflection(mirror) -> np.ndarray:
    """T = 2 Q Qᵀ − I with Q an orthonormal basis of the mirror, from LAPACK's QR."""
    Q, _ = np.linalg.qr(np.asarray(mirror, dtype=float))
    return 2 * Q @ Q.T - np.eye(Q.shape[0])


def test_reflecting_bear_matches_the_course_and_qr():
    bear_basis = np.array([[1.0, -1.0], [1.5, 2.0]])  # columns; the mirror is the first
    E, _ = np.linalg.qr(bear_basis)  # the course: E = gsBasis(bearBasis)
    T_course = E @ np.diag([1.0, -1.0]) @ np.linalg.inv(E)  # T = E T_E E⁻¹
    T = la.reflect_in_plane(np.eye(2), bear_basis[:, :1])  # rows T eᵢ = columns of T (T = Tᵀ)
    assert T.shape == (2, 2) and T.dtype == np.float64
    assert_close(T, T_course, rtol=0, atol=4 * EPS)
    bear = np.random.default_rng(0).uniform(-2, 2, size=(50, 2))  # points, one per row
    assert_close(la.reflect_in_plane(bear, bear_basis[:, 0]), bear @ T_course.T, atol=1e-14)


@st.composite
def mirrors(draw):
    """An n x k mirror basis (k <= n) with well-separated singular values, and points."""
    n = draw(st.integers(1, 6))
    k = draw(st.integers(1, n))
    W = draw(matrices(rows=n, cols=k, elements=st.floats(-10, 10)))
    s = np.linalg.svd(W, compute_uv=False)
    if not (s[-1] > 1e-3 * s[0] and s[0] > 1e-3):
        W = np.eye(n)[:, :k] + 0.1 * W / max(np.abs(W).max(), 1.0)  # well-posed instead
    points = draw(matrices(rows=st.integers(1, 5), cols=n))
    return W, points


@given(mirrors())
def test_reflect_in_plane_matches_qr_and_is_an_involution(case):
    W, points = case
    n = W.shape[0]
    result = la.reflect_in_plane(points, W)
    assert result.shape == points.shape and result.dtype == np.float64
    scale = max(np.abs(points).max(), 1.0)
    T = _reference_reflection(W)
    assert_close(result, points @ T.T, rtol=0, atol=1e-12 * scale * n)
    assert_close(la.reflect_in_plane(result, W), points, rtol=0, atol=1e-12 * scale * n)
    # points on the mirror stay
    on_mirror = (W @ np.ones(W.shape[1])).reshape(1, n)
    assert_close(la.reflect_in_plane(on_mirror, W), on_mirror, atol=1e-12 * np.abs(W).sum())


@given(vectors(elements=st.floats(-10, 10)).filter(lambda v: np.abs(v).max() > 1e-2))
def test_reflect_in_hyperplane_equals_reflection_of_its_normal(normal):
    n = normal.size
    # a basis of the hyperplane normal · x = 0: complete the normal with QR, drop it
    Q, _ = np.linalg.qr(np.column_stack([normal, np.eye(n)]))
    hyperplane = Q[:, 1:n] @ np.triu(np.ones((n - 1, n - 1)))  # not orthonormal on purpose
    result = la.reflect_in_plane(np.eye(n), hyperplane)
    assert_close(result, la.reflection(normal), rtol=0, atol=1e-12)
    assert_close(la.reflect_in_plane(normal, hyperplane), -normal, atol=1e-12 * 10)


def test_reflect_in_plane_dependent_spanning_vectors():
    # the plane z = 0 given by three vectors, one of them a combination of the others
    mirror = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    assert_close(la.reflect_in_plane([1.0, 2.0, 3.0], mirror), np.array([1.0, 2.0, -3.0]))
    # a mirror that is the whole space reflects nothing; a line in 3-D turns by π about it
    assert_close(la.reflect_in_plane([1.0, 2.0, 3.0], np.eye(3)), np.array([1.0, 2.0, 3.0]))
    line = la.reflect_in_plane([1.0, 2.0, 3.0], [0.0, 0.0, 1.0])
    assert_close(line, la.rotation(math.pi, "z") @ [1.0, 2.0, 3.0], rtol=0, atol=1e-15)


def test_reflect_in_plane_errors():
    with pytest.raises(ZeroVectorError, match=r"reflect_in_plane: the columns of mirror .* zero"):
        la.reflect_in_plane([1.0, 2.0], np.zeros((2, 1)))
    # an empty mirror (k = 0) is the origin: a point reflection, not an error
    assert_close(la.reflect_in_plane([1.0, 2.0], np.zeros((2, 0))), np.array([-1.0, -2.0]))
    with pytest.raises(
        ShapeError, match=r"reflect_in_plane: points has shape \(4, 3\) and mirror has shape"
    ):
        la.reflect_in_plane(np.ones((4, 3)), [[1.0], [0.0]])
    with pytest.raises(ShapeError, match=r"reflect_in_plane: mirror must be a 1-D vector or"):
        la.reflect_in_plane([1.0, 2.0], np.ones((2, 1, 1)))
    with pytest.raises(NotFiniteError, match=r"reflect_in_plane: points contains NaN"):
        la.reflect_in_plane([1.0, np.nan], [1.0, 0.0])
