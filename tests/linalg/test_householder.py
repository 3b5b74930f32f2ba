import numpy as np
from hypothesis import given

from mathforml.linalg._householder import apply_left, apply_right, householder_vector, wy_factor
from tests.strategies import matrices, vectors


@given(vectors())
def test_reflection_maps_onto_first_axis(x):
    v, tau, beta = householder_vector(x)
    H = np.eye(x.size) - tau * np.outer(v, v)
    e1 = np.r_[beta, np.zeros(x.size - 1)]
    np.testing.assert_allclose(H @ x, e1, atol=1e-12 * (1 + np.abs(x).max()))
    scale = np.abs(x).max() or 1.0  # numpy's norm underflows for tiny x; rescale the reference
    np.testing.assert_allclose(abs(beta), scale * np.linalg.norm(x / scale), rtol=1e-13)
    np.testing.assert_allclose(H @ H.T, np.eye(x.size), atol=1e-13)  # H is orthogonal
    assert v[0] == 1.0


def test_extreme_scales_do_not_overflow():
    for x in (np.array([1e200, 1e200]), np.array([1e-200, 1e-200]), np.array([0.0, 3e-170])):
        v, tau, beta = householder_vector(x)
        np.testing.assert_allclose(abs(beta), np.hypot(*x), rtol=1e-14)
        assert np.isfinite(v).all() and np.isfinite(tau)


def test_already_on_axis_is_identity():
    v, tau, beta = householder_vector(np.array([-2.0, 0.0, 0.0]))
    assert tau == 0.0 and beta == -2.0


@given(matrices())
def test_apply_left_and_right_match_explicit_reflection(A):
    v, tau, _ = householder_vector(A[:, 0])
    H = np.eye(A.shape[0]) - tau * np.outer(v, v)
    B = A.copy()
    apply_left(B, v, tau)
    np.testing.assert_allclose(B, H @ A, atol=1e-12 * (1 + np.abs(A).max()))
    w, sigma, _ = householder_vector(A[0])
    G = np.eye(A.shape[1]) - sigma * np.outer(w, w)
    C = A.copy()
    apply_right(C, w, sigma)
    np.testing.assert_allclose(C, A @ G, atol=1e-12 * (1 + np.abs(A).max()))


@given(matrices(rows=6, cols=4))
def test_wy_factor_reproduces_product_of_reflections(A):
    m, k = A.shape
    Y, taus, P = np.zeros((m, k)), np.zeros(k), np.eye(m)
    R = A.copy()
    for j in range(k):
        v, tau, _ = householder_vector(R[j:, j])
        Y[j:, j], taus[j] = v, tau
        apply_left(R[j:, j:], v, tau)
        P = P @ (np.eye(m) - tau * np.outer(Y[:, j], Y[:, j]))
    T = wy_factor(Y, taus)
    np.testing.assert_allclose(np.eye(m) - Y @ T @ Y.T, P, atol=1e-12)
    assert np.allclose(np.tril(T, -1), 0)


def test_subnormal_input_still_gives_an_orthogonal_reflection():
    # Subnormals carry few significant bits; built from them directly, H was not orthogonal.
    for x in (np.array([5e-324, 5e-324]), np.array([1e-310, -3e-310, 2e-311])):
        v, tau, beta = householder_vector(x)
        H = np.eye(x.size) - tau * np.outer(v, v)
        np.testing.assert_allclose(H @ H.T, np.eye(x.size), atol=1e-15)
        scale = np.abs(x).max()
        exact = scale * np.linalg.norm(x / scale)
        # beta itself is subnormal: it is as exact as the spacing of subnormals (5e-324) allows.
        assert abs(abs(beta) - exact) <= max(1e-15 * exact, 5e-324)
