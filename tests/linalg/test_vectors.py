"""Vectors: dot, norm, unit, distance, cosine_similarity, angle, inner, project,
is_linearly_independent and change_of_basis against NumPy."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.linalg as la
from mathforml.errors import (
    DTypeError,
    NotFiniteError,
    NotPositiveDefiniteError,
    ParameterError,
    ShapeError,
    SingularMatrixError,
    ZeroVectorError,
)
from tests.reference import EPS, assert_close, cond
from tests.strategies import (
    HARD_RECTANGULAR,
    RAGGED,
    SMALL_INTS,
    hilbert,
    matrices,
    random_orthogonal,
    spd_matrices,
    vector_pairs,
    vectors,
    well_conditioned_matrices,
)

ORDS = st.sampled_from([1, 2, np.inf, 3, 1.5, 7.25, None])


def _scale(x) -> float:
    """max |x|, or 1 for the zero vector: divide by it so NumPy's references neither
    overflow nor underflow (they square the entries)."""
    m = float(np.abs(x).max()) if np.size(x) else 0.0
    return m or 1.0


def _nonzero(x) -> bool:
    return bool(np.any(x != 0))


@st.composite
def vectors_with_spd(draw, min_n=1, max_n=6):
    M = draw(spd_matrices(min_n, max_n))
    n = M.shape[0]
    return draw(vectors(n)), draw(vectors(n)), M


# --------------------------------------------------------------------------- dot and inner


@given(vector_pairs())
def test_dot_matches_numpy(uv):
    u, v = uv
    result = la.dot(u, v)
    assert isinstance(result, float)
    # the same sum as NumPy, possibly in another order: error <= n eps Σ|uᵢ vᵢ|
    assert abs(result - np.dot(u, v)) <= u.size * EPS * float(np.abs(u) @ np.abs(v))


def test_dot_of_lists_and_integers_and_empty():
    assert la.dot([1, 2, 3], [4, 5, 6]) == 32.0
    assert la.dot([], []) == np.dot(np.zeros(0), np.zeros(0)) == 0.0


def test_dot_rejects_mismatched_lengths():
    with pytest.raises(ShapeError, match=r"dot: u has shape \(3,\) and v has shape \(2,\)"):
        la.dot([1, 2, 3], [1, 2])


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (([[1, 2]], [1, 2]), ShapeError, r"dot: u must be a 1-D vector, got shape \(1, 2\)"),
        (([1, np.nan], [1, 2]), NotFiniteError, r"dot: u contains NaN"),
        (([1, 2], [1, np.inf]), NotFiniteError, r"dot: v contains infinity"),
        ((["a", "b"], [1, 2]), DTypeError, r"dot: u must hold numbers"),
        (([1j, 2], [1, 2]), DTypeError, r"dot: u holds complex numbers"),
        ((RAGGED, [1, 2]), ShapeError, r"dot: u is a ragged nested sequence"),
    ],
)
def test_bad_vectors_are_rejected(args, error, message):
    with pytest.raises(error, match=message):
        la.dot(*args)


@given(vectors_with_spd())
def test_inner_matches_u_M_v(case):
    u, v, M = case
    result = la.inner(u, v, M)
    assert isinstance(result, float)
    # rounding of a sum of n² products, each at most |uᵢ| |Mᵢⱼ| |vⱼ|
    # (plus the spacing of subnormal numbers, for products that underflow)
    bound = 4 * u.size**2 * EPS * float(np.abs(u) @ np.abs(M) @ np.abs(v)) + 1e-320
    assert abs(result - u @ M @ v) <= bound
    assert la.inner(u, v) == la.dot(u, v)
    assert abs(result - la.inner(v, u, M)) <= bound  # symmetric


def test_inner_with_identity_is_dot():
    u, v = np.array([1.0, -2.0, 3.0]), np.array([4.0, 0.5, -1.0])
    assert la.inner(u, v, np.eye(3)) == pytest.approx(la.dot(u, v), rel=1e-15)


def test_inner_rejects_bad_M():
    u = [1.0, 2.0]
    with pytest.raises(ShapeError, match=r"inner: M has shape \(3, 3\) but the vectors have"):
        la.inner(u, u, np.eye(3))
    with pytest.raises(ShapeError, match=r"inner: M must be a 2-D matrix"):
        la.inner(u, u, [1.0, 2.0])
    with pytest.raises(ParameterError, match=r"inner: M must be symmetric"):
        la.inner(u, u, [[2.0, 1.0], [0.0, 2.0]])
    with pytest.raises(NotPositiveDefiniteError, match=r"inner: M must be positive definite"):
        la.inner(u, u, [[1.0, 2.0], [2.0, 1.0]])  # eigenvalues 3 and -1
    with pytest.raises(NotPositiveDefiniteError, match=r"inner: M must be positive definite"):
        la.inner(u, u, np.zeros((2, 2)))  # semidefinite is not enough


# --------------------------------------------------------------------------- norms


@given(vectors(), ORDS)
def test_norm_matches_numpy(x, ord):
    result = la.norm(x, ord)
    assert isinstance(result, float)
    s = _scale(x)  # NumPy's p-norm under/overflows for tiny entries; ours does not
    expected = s * np.linalg.norm(x / s, ord)
    assert_close(result, expected, rtol=8 * x.size * EPS)


@pytest.mark.parametrize("ord", [1, 2, np.inf, 3, 1.5])
@pytest.mark.parametrize("scale", [1e200, 1e-200, 1e300, 1e-300])
def test_norm_of_huge_and_tiny_vectors(ord, scale):
    base = np.array([3.0, -4.0, 12.0])
    # ‖c x‖ = |c| ‖x‖ (homogeneity), even where squaring the entries over/underflows
    assert la.norm(scale * base, ord) == pytest.approx(scale * np.linalg.norm(base, ord), rel=1e-14)


def test_norm_special_cases():
    assert la.norm(np.zeros(4)) == 0.0
    for ord in (1, 2, np.inf, 3):
        # The empty sum is 0 (NumPy >= 2.3 agrees; older NumPy raises on the empty max).
        assert la.norm([], ord) == 0.0
    assert la.norm([7], 5) == 7.0
    assert la.norm([1.0, 1.0], 1e6) == pytest.approx(1.0, rel=1e-5)  # p -> ∞ tends to max
    assert la.norm([3, 4], None) == 5.0


@pytest.mark.parametrize("ord", [0, 0.5, -1, -np.inf, np.nan])
def test_norm_rejects_ord_below_one(ord):
    with pytest.raises(ParameterError, match=r"norm: ord must be >= 1 \(or np.inf\)"):
        la.norm([1.0, 2.0], ord)


@pytest.mark.parametrize("ord", ["fro", True, [2]])
def test_norm_rejects_non_numeric_ord(ord):
    with pytest.raises(ParameterError, match=r"norm: ord must be a real number p >= 1"):
        la.norm([1.0, 2.0], ord)


def test_norm_rejects_matrices():
    with pytest.raises(ShapeError, match=r"norm: x must be a 1-D vector, got shape \(2, 2\)"):
        la.norm(np.eye(2))


@given(vectors_with_spd())
def test_norm_with_M_is_sqrt_xMx(case):
    x, _, M = case
    s = _scale(x)
    y = x / s
    assert_close(la.norm(x, M=M), s * math.sqrt(y @ M @ y), rtol=4 * x.size**2 * EPS)


def test_norm_with_M_rejects_other_ords_and_bad_M():
    with pytest.raises(ParameterError, match=r"norm: ord must be 2 when M is given"):
        la.norm([1.0, 2.0], 1, M=np.eye(2))
    with pytest.raises(NotPositiveDefiniteError, match=r"norm: M must be positive definite"):
        la.norm([1.0, 2.0], M=-np.eye(2))


def test_norm_with_M_of_huge_vector():
    M = np.array([[2.0, 1.0], [1.0, 2.0]])
    x = np.array([1.0, 2.0])
    assert la.norm(1e200 * x, M=M) == pytest.approx(1e200 * math.sqrt(x @ M @ x), rel=1e-14)
    assert la.norm(np.zeros(2), M=M) == 0.0


@given(vectors().filter(_nonzero))
def test_unit_has_length_one_and_same_direction(v):
    u = la.unit(v)
    assert u.shape == v.shape and u.dtype == np.float64
    s = _scale(v)
    assert_close(u, (v / s) / np.linalg.norm(v / s), rtol=4 * v.size * EPS, atol=4 * EPS)
    assert la.norm(u) == pytest.approx(1.0, abs=4 * v.size * EPS)


@given(vectors_with_spd())
def test_unit_with_M_has_M_length_one(case):
    v, _, M = case
    if not _nonzero(v):
        return
    u = la.unit(v, M=M)
    assert u @ M @ u == pytest.approx(1.0, rel=1e-12)
    assert_close(u * la.norm(v, M=M), v, rtol=1e-12, scale=_scale(v))


def test_unit_of_zero_vector_raises():
    with pytest.raises(ZeroVectorError, match=r"unit: v is the zero vector \(shape \(3,\)\)"):
        la.unit([0, 0, 0])
    with pytest.raises(ZeroVectorError, match=r"unit: v is the zero vector \(shape \(0,\)\)"):
        la.unit([])


@given(vector_pairs(), ORDS)
def test_distance_matches_numpy(uv, ord):
    u, v = uv
    result = la.distance(u, v, ord)
    assert isinstance(result, float)
    d = u - v  # entries <= 200: no overflow; scale so the reference does not underflow
    s = _scale(d)
    assert_close(result, s * np.linalg.norm(d / s, ord), rtol=16 * u.size * EPS)
    assert result == la.distance(v, u, ord)  # symmetric


def test_distance_special_cases():
    assert la.distance([1, 1], [1, 1]) == 0.0
    assert la.distance([], []) == 0.0
    assert la.distance([1e300, 0.0], [-1e300, 0.0]) == pytest.approx(2e300, rel=1e-15)
    with np.errstate(over="ignore"):
        assert la.distance([1e308], [-1e308]) == np.inf  # 2e308 is beyond float64


@given(vectors_with_spd())
def test_distance_with_M(case):
    u, v, M = case
    d = u - v
    s = _scale(d)  # (u − v)ᵀ M (u − v) underflows for tiny differences; scale first
    expected = s * math.sqrt(max((d / s) @ M @ (d / s), 0.0))
    assert_close(la.distance(u, v, M=M), expected, rtol=1e-10, atol=1e-10 * s)


def test_distance_errors():
    with pytest.raises(ShapeError, match=r"distance: u has shape \(2,\) and v has shape \(3,\)"):
        la.distance([1, 2], [1, 2, 3])
    with pytest.raises(ParameterError, match=r"distance: ord must be 2 when M is given"):
        la.distance([1, 2], [3, 4], np.inf, M=np.eye(2))
    with pytest.raises(ParameterError, match=r"distance: ord must be >= 1"):
        la.distance([1, 2], [3, 4], 0.5)
    with pytest.raises(ShapeError, match=r"distance: M has shape \(3, 3\)"):
        la.distance([1, 2], [3, 4], M=np.eye(3))


# --------------------------------------------------------------------------- angles


def _reference_cosine(u, v):
    u, v = u / _scale(u), v / _scale(v)
    return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))


@given(vector_pairs().filter(lambda uv: _nonzero(uv[0]) and _nonzero(uv[1])))
def test_cosine_similarity_matches_numpy(uv):
    u, v = uv
    c = la.cosine_similarity(u, v)
    assert isinstance(c, float)
    assert -1.0 <= c <= 1.0
    assert c == pytest.approx(_reference_cosine(u, v), abs=8 * u.size * EPS)


@given(vectors().filter(_nonzero))
def test_cosine_of_a_vector_with_itself_is_exactly_at_most_one(v):
    # û · û rounds above 1 for about one vector in six; the clip keeps it a cosine
    c = la.cosine_similarity(v, v)
    assert 1.0 - 4 * v.size * EPS <= c <= 1.0
    assert -1.0 <= la.cosine_similarity(v, -v) <= -1.0 + 4 * v.size * EPS


def test_cosine_is_clipped_where_rounding_exceeds_one():
    u = np.array([-0.03906728300956642, 0.4372634037822871])
    u_hat = u / np.linalg.norm(u)
    assert u_hat @ u_hat > 1.0  # the unclipped value
    assert la.cosine_similarity(u, u) == 1.0


@given(vectors_with_spd())
def test_cosine_similarity_with_M(case):
    u, v, M = case
    if not (_nonzero(u) and _nonzero(v)):
        return
    u, v = u / _scale(u), v / _scale(v)
    expected = (u @ M @ v) / math.sqrt((u @ M @ u) * (v @ M @ v))
    assert la.cosine_similarity(u, v, M=M) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("func", [la.cosine_similarity, la.angle])
def test_angles_with_a_zero_vector_raise(func):
    name = func.__name__
    with pytest.raises(ZeroVectorError, match=rf"{name}: u is the zero vector"):
        func([0, 0], [1, 2])
    with pytest.raises(ZeroVectorError, match=rf"{name}: v is the zero vector"):
        func([1, 2], [0, 0])


@given(vector_pairs(min_n=3, max_n=3).filter(lambda uv: _nonzero(uv[0]) and _nonzero(uv[1])))
def test_angle_matches_cross_product_formula(uv):
    u, v = uv
    u, v = u / _scale(u), v / _scale(v)
    # θ = atan2(‖u × v‖, u · v): accurate everywhere in 3-D, an independent reference
    expected = math.atan2(np.linalg.norm(np.cross(u, v)), u @ v)
    theta = la.angle(u, v)
    assert isinstance(theta, float)
    assert theta == pytest.approx(expected, abs=1e-14)
    assert la.angle(u, v, degrees=True) == pytest.approx(np.degrees(expected), abs=1e-12)


@given(vector_pairs().filter(lambda uv: _nonzero(uv[0]) and _nonzero(uv[1])))
def test_angle_matches_arccos_in_any_dimension(uv):
    u, v = uv
    # arccos loses up to √eps ≈ 1.5e-8 near 0 and π, so the reference is only that good there
    expected = np.arccos(np.clip(_reference_cosine(u, v), -1.0, 1.0))
    assert la.angle(u, v) == pytest.approx(expected, abs=5e-8)
    assert 0.0 <= la.angle(u, v) <= math.pi


@pytest.mark.parametrize("t", [1e-5, 1e-10, 1e-15, 1e-300])
def test_angle_is_accurate_near_zero_and_pi(t):
    # the angle between (1, 0) and (1, t) is atan(t) ≈ t; cos of it rounds to exactly 1
    assert la.angle([1.0, 0.0], [1.0, t]) == pytest.approx(math.atan(t), rel=1e-14)
    assert la.angle([1.0, 0.0], [-1.0, t]) == pytest.approx(math.pi - math.atan(t), rel=1e-15)


@pytest.mark.parametrize("t", [1e-10, 1e-15])
def test_arccos_of_the_cosine_would_lose_tiny_angles(t):
    # why angle() does not use arccos: cos θ = 1 − θ²/2 rounds to 1 for θ < ~1e-8
    assert np.arccos(la.cosine_similarity([1.0, 0.0], [1.0, t])) == 0.0
    assert la.angle([1.0, 0.0], [1.0, t]) > 0.0


def test_angle_known_values():
    assert la.angle([1, 0], [0, 1]) == pytest.approx(math.pi / 2, rel=1e-15)
    assert la.angle([1, 0], [0, 1], degrees=True) == pytest.approx(90.0, rel=1e-15)
    assert la.angle([1, 1], [-2, -2]) == pytest.approx(math.pi, rel=1e-15)
    assert la.angle([2, 0], [3, 0]) == 0.0


@given(vectors_with_spd())
def test_angle_with_M_is_the_angle_after_cholesky(case):
    u, v, M = case
    if not (_nonzero(u) and _nonzero(v)):
        return
    # M = L Lᵀ gives ⟨u, v⟩_M = (Lᵀ u) · (Lᵀ v): the M-angle is the ordinary angle of Lᵀu, Lᵀv
    L = np.linalg.cholesky(M)
    expected = la.angle(L.T @ u, L.T @ v)
    assert la.angle(u, v, M=M) == pytest.approx(expected, abs=1e-13 * cond(M))


def test_angle_with_M_course_example():
    # PCA course, week 2: with ⟨x, y⟩ = xᵀ [[2, −1], [−1, 4]] y, e₁ and e₂ are not orthogonal
    M = np.array([[2.0, -1.0], [-1.0, 4.0]])
    expected = math.acos(-1.0 / math.sqrt(2.0 * 4.0))
    assert la.angle([1, 0], [0, 1], M=M) == pytest.approx(expected, rel=1e-14)


# --------------------------------------------------------------------------- projection


@given(vector_pairs().filter(lambda uv: _nonzero(uv[1])))
def test_project_matches_formula_and_leaves_orthogonal_residual(vu):
    v, u = vu
    p = la.project(v, u)
    assert p.shape == v.shape and p.dtype == np.float64
    s = _scale(u)
    us = u / s
    expected = (v @ us) / (us @ us) * us
    scale = _scale(v)
    assert_close(p, expected, rtol=1e-12, scale=scale)
    assert abs((v - p) @ us) <= 1e-12 * scale * np.linalg.norm(us)  # v − p ⟂ u
    assert_close(la.project(p, u), p, rtol=1e-12, scale=scale)  # projecting twice changes nothing


@given(vectors_with_spd())
def test_project_with_M_leaves_M_orthogonal_residual(case):
    v, u, M = case
    if not _nonzero(u):
        return
    p = la.project(v, u, M=M)
    us = u / _scale(u)
    expected = (v @ M @ us) / (us @ M @ us) * us
    assert_close(p, expected, rtol=1e-10, scale=_scale(v) * cond(M))
    assert abs((v - p) @ M @ us) <= 1e-10 * _scale(v) * np.abs(M).max() * v.size


def test_project_errors():
    with pytest.raises(ZeroVectorError, match=r"project: onto is the zero vector"):
        la.project([1, 2], onto=[0, 0])
    with pytest.raises(ShapeError, match=r"project: v has shape \(2,\) and onto has shape \(3,\)"):
        la.project([1, 2], onto=[1, 2, 3])
    with pytest.raises(ParameterError, match=r"project: M must be symmetric"):
        la.project([1, 2], onto=[1, 0], M=[[1, 1], [0, 1]])


def test_project_huge_vectors():
    p = la.project([3e200, 1e200], onto=[1e200, 0.0])
    assert_close(p, np.array([3e200, 0.0]), rtol=1e-15)


# --------------------------------------------------------------------------- independence


@given(matrices(rows=st.integers(1, 5), cols=st.integers(1, 5), elements=SMALL_INTS))
def test_is_linearly_independent_matches_numpy_rank(V):
    assert la.is_linearly_independent(V) is bool(np.linalg.matrix_rank(V) == V.shape[0])


@pytest.mark.parametrize("name", sorted(HARD_RECTANGULAR))
def test_is_linearly_independent_hard_cases(name):
    V = HARD_RECTANGULAR[name]
    assert la.is_linearly_independent(V) is bool(np.linalg.matrix_rank(V) == V.shape[0])
    assert la.is_linearly_independent(V.T) is bool(np.linalg.matrix_rank(V) == V.shape[1])


def test_is_linearly_independent_examples():
    assert la.is_linearly_independent([[1, 0, 0], [0, 1, 0], [0, 0, 1]])
    assert not la.is_linearly_independent([[1, 2], [3, 4], [5, 6]])  # 3 vectors in R²
    assert not la.is_linearly_independent([[1, 2, 3], [0, 0, 0]])  # contains 0
    assert la.is_linearly_independent(np.zeros((0, 3)))  # no vectors
    assert la.is_linearly_independent(hilbert(10))  # ill-conditioned but of full rank
    # the third vector is 2 x the first − the second
    assert not la.is_linearly_independent([[1, 2, -1], [3, -4, 5], [-1, 8, -7]])
    assert la.is_linearly_independent([[1, 2, -1], [3, -4, 5], [-1, 8, -6]])


def test_is_linearly_independent_errors():
    with pytest.raises(ShapeError, match=r"is_linearly_independent: vectors must be a sequence"):
        la.is_linearly_independent([1, 2, 3])
    with pytest.raises(ShapeError, match=r"is_linearly_independent: vectors is a ragged"):
        la.is_linearly_independent(RAGGED)
    with pytest.raises(NotFiniteError, match=r"is_linearly_independent: vectors contains NaN"):
        la.is_linearly_independent([[1, np.nan]])


# --------------------------------------------------------------------------- change of basis


@given(well_conditioned_matrices(max_n=6), st.integers(0, 2**32 - 1))
def test_change_of_basis_solves_B_c_equals_v(B, seed):
    v = np.random.default_rng(seed).standard_normal(B.shape[0])
    c = la.change_of_basis(v, B)
    expected = np.linalg.solve(B, v)
    assert c.shape == expected.shape and c.dtype == np.float64
    # forward error <= cond(B) x backward error; cond <= 1e3 here
    assert_close(c, expected, rtol=1e-9, scale=np.abs(expected).max())
    assert_close(B @ c, v, rtol=1e-12, scale=np.abs(B).max() * np.abs(c).max() * B.shape[0])


def test_change_of_basis_orthogonal_shortcut():
    # an orthogonal (not orthonormal) basis: cᵢ = v · bᵢ / (bᵢ · bᵢ), the course quiz's shortcut
    B = random_orthogonal(4, seed=3) * np.array([1.0, 2.0, 0.5, 3.0])
    v = np.array([1.0, -2.0, 3.0, 0.5])
    shortcut = np.array([v @ b / (b @ b) for b in B.T])
    assert_close(la.change_of_basis(v, B), shortcut, rtol=1e-13, scale=1.0)


def test_change_of_basis_course_example_and_hilbert():
    # v = (5, −1) in the basis b₁ = (1, 1), b₂ = (1, −1)
    assert_close(la.change_of_basis([5, -1], [[1, 1], [1, -1]]), np.array([2.0, 3.0]))
    H = hilbert(10)
    v = H @ np.ones(10)
    c = la.change_of_basis(v, H)
    # cond(H₁₀) ≈ 1.6e13: only the backward error is small
    assert np.linalg.norm(H @ c - v) <= 1e-13 * np.linalg.norm(H) * np.linalg.norm(c)
    assert la.change_of_basis([], np.zeros((0, 0))).shape == (0,)


def test_change_of_basis_errors():
    with pytest.raises(SingularMatrixError, match=r"change_of_basis: the columns of basis are "):
        la.change_of_basis([1, 2, 3], [[1, 4, 7], [2, 5, 8], [3, 6, 9]])  # column 3 = 2 c₂ − c₁
    with pytest.raises(ShapeError, match=r"change_of_basis: basis has shape \(3, 2\); a basis"):
        la.change_of_basis([1, 2, 3], [[1, 0], [0, 1], [0, 0]])
    with pytest.raises(ShapeError, match=r"change_of_basis: v has shape \(3,\) and basis has"):
        la.change_of_basis([1, 2, 3], np.eye(2))
    with pytest.raises(NotFiniteError, match=r"change_of_basis: basis contains NaN"):
        la.change_of_basis([1, 2], [[1, np.nan], [0, 1]])


@given(hnp.arrays(np.float64, 2, elements=SMALL_INTS.map(float)))
def test_change_of_basis_integer_basis_roundtrip(v):
    B = np.array([[2, 1], [1, 3]])  # integer input converts to float64
    c = la.change_of_basis(v.astype(int), B)
    assert_close(B @ c, v, rtol=1e-14, scale=_scale(v) * 4)
