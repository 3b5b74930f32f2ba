"""is_convex: the Hessian's eigenvalues at sampled points vs numpy.linalg.eigvalsh (LAPACK).

Convex functions (PSD quadratics, log-sum-exp, the logistic loss, a norm squared)
must pass; Rosenbrock, the double well and concave functions must fail, with the
reported point and eigenvalue equal to what LAPACK finds on the exact Hessian.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy.optimize import rosen_hess
from scipy.special import logsumexp

import mathforml.optim as opt
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from tests.reference import assert_close

# Few samples keep the numerical Hessians (2n² + 2 values each) cheap; each sample also
# costs an eigendecomposition, so the sampling tests draw fewer Hypothesis examples.
N = 10
FEWER = settings(max_examples=25)


@st.composite
def psd_quadratics(draw):
    """½ xᵀQx + cᵀx with Q = B Bᵀ, PSD and often singular (B may have fewer columns)."""
    n = draw(st.integers(1, 5))
    k = draw(st.integers(1, n))
    B = draw(hnp.arrays(np.float64, (n, k), elements=st.floats(-3, 3)))
    c = draw(hnp.arrays(np.float64, n, elements=st.floats(-3, 3)))
    return B @ B.T, c


@FEWER
@given(psd_quadratics(), st.integers(0, 2**16))
def test_psd_quadratics_are_convex(problem, seed):
    Q, c = problem
    n = c.size
    check = opt.is_convex(lambda x: 0.5 * x @ Q @ x + c @ x, [(-2, 2)] * n, n_samples=N,
                          random_state=seed)
    # A zero eigenvalue comes out as ±(rounding of second differences), ~1e-8·|f| <= 1e-6·‖Q‖:
    # inside the tolerance, so the verdict is True.
    assert check.convex and bool(check)
    assert check.n_points == N and check.point.shape == (n,)
    exact_min = np.linalg.eigvalsh(Q).min()
    assert check.min_eigenvalue == pytest.approx(exact_min, abs=1e-6 * max(1, np.abs(Q).max()))


def _log_sum_exp(x):
    # max-shifted, as scipy.special.logsumexp (checked equal below) but without its overhead
    m = x.max()
    return float(m + np.log(np.sum(np.exp(x - m))))


@FEWER
@given(st.integers(1, 5), st.integers(0, 2**16))
def test_log_sum_exp_is_convex(n, seed):
    # ∇² logsumexp = diag(p) − ppᵀ: PSD with the eigenvalue 0 along (1, …, 1).
    check = opt.is_convex(_log_sum_exp, [(-5, 5)] * n, n_samples=N, random_state=seed)
    assert _log_sum_exp(check.point) == pytest.approx(logsumexp(check.point), rel=1e-15)
    assert check
    assert abs(check.min_eigenvalue) <= 1e-6
    if n > 1:  # the direction of zero curvature is ±(1, …, 1)/√n
        assert_close(np.abs(check.direction), np.full(n, 1 / np.sqrt(n)), rtol=1e-3)


def test_logistic_loss_and_norms_are_convex():
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((20, 3)), rng.choice([-1.0, 1.0], 20)
    assert opt.is_convex(lambda w: float(np.sum(np.logaddexp(0, -y * (X @ w)))), [(-3, 3)] * 3,
                         n_samples=N)
    assert opt.is_convex(lambda w: float(w @ w), [(-1e3, 1e3)] * 2, n_samples=N)
    # a linear function: the Hessian is zero, and numerical noise must not condemn it
    assert opt.is_convex(lambda w: float(w.sum() + 1e6), [(-10, 10)] * 3, n_samples=N)


@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(2, 4)),
                  elements=st.floats(-2, 2)))
def test_rosenbrock_min_eigenvalue_matches_lapack(points):
    check = opt.is_convex(opt.rosenbrock, points=points, hess=opt.rosenbrock.hess)
    eigs = np.array([np.linalg.eigvalsh(rosen_hess(p)).min() for p in points])
    k = int(np.argmin(eigs))
    # our eigh vs LAPACK, on matrices with entries up to ~5000: backward stable, 1e-12 relative
    assert check.min_eigenvalue == pytest.approx(eigs[k], abs=1e-11 * 5e3)
    assert check.n_points == points.shape[0]
    # the eigenvector: H v = λ v
    H = rosen_hess(check.point)
    assert_close(H @ check.direction, check.min_eigenvalue * check.direction, rtol=0,
                 atol=1e-10 * 5e3)
    fails = eigs < -1e-6 * np.maximum(1, [np.abs(np.linalg.eigvalsh(rosen_hess(p))).max()
                                          for p in points])
    assert check.convex == (not fails.any())


def test_rosenbrock_is_not_convex():
    check = opt.is_convex(opt.rosenbrock, [(-2, 2), (-2, 2)], n_samples=N)
    assert not check and not check.convex
    # the point reported really has a negative curvature direction
    assert np.linalg.eigvalsh(rosen_hess(check.point)).min() < 0
    assert check.min_eigenvalue == pytest.approx(np.linalg.eigvalsh(rosen_hess(check.point)).min(),
                                                 rel=1e-5)  # numerical Hessian: ~1e-8 · |f|


def test_double_well_fails_near_the_saddle():
    check = opt.is_convex(opt.double_well, [(-2, 2), (-1, 1)], n_samples=50)
    assert not check
    # ∂²f/∂x₀² = 12 x₀² − 4 < 0 exactly when |x₀| < 1/√3, along e₀
    x0 = check.point[0]
    assert abs(x0) < 1 / np.sqrt(3)
    assert check.min_eigenvalue == pytest.approx(12 * x0**2 - 4, abs=1e-5)
    assert_close(np.abs(check.direction), np.array([1.0, 0.0]), rtol=0, atol=1e-6)
    # and it is convex on a box away from the saddle
    assert opt.is_convex(opt.double_well, [(0.6, 2), (-1, 1)], hess=opt.double_well.hess)


def test_concave_function_fails_everywhere():
    check = opt.is_convex(lambda x: -float(x @ x), [(-1, 1)] * 3, n_samples=5)
    assert not check and check.min_eigenvalue == pytest.approx(-2.0, rel=1e-6)


def test_tiny_negative_curvature_is_within_tolerance():
    # f = x₀² − 1e-9 x₁²: the negative eigenvalue −2e-9 is below tol · max(1, |λ|) = 2e-6
    f = lambda x: x[0] ** 2 - 1e-9 * x[1] ** 2  # noqa: E731
    hess = lambda x: np.diag([2.0, -2e-9])  # noqa: E731
    assert opt.is_convex(f, points=[[0.0, 0.0]], hess=hess)
    assert not opt.is_convex(f, points=[[0.0, 0.0]], hess=hess, tol=1e-10)


def test_sampling_is_reproducible_and_inside_the_box():
    seen = []

    def f(x):
        seen.append(x.copy())
        return float(x @ x)

    a = opt.is_convex(f, [(0, 1), (5, 6)], hess=lambda x: 2 * np.eye(2), n_samples=7)
    b = opt.is_convex(f, [(0, 1), (5, 6)], hess=lambda x: 2 * np.eye(2), n_samples=7,
                      random_state=0)
    c = opt.is_convex(f, [(0, 1), (5, 6)], hess=lambda x: 2 * np.eye(2), n_samples=7,
                      random_state=np.random.default_rng(0))
    assert (a.point == b.point).all() and (a.point == c.point).all()  # None means seed 0
    expected = np.array([0, 5]) + np.random.default_rng(0).random((7, 2))
    assert any((a.point == p).all() for p in expected)
    assert not seen  # with hess given, f itself is never called


def test_a_single_point():
    check = opt.is_convex(opt.double_well, points=[0.0, 0.0])
    assert not check and check.n_points == 1
    assert check.min_eigenvalue == pytest.approx(-4.0, abs=1e-6)


# --------------------------------------------------------------------------- bad input

def test_domain_arguments():
    f = lambda x: float(x @ x)  # noqa: E731
    with pytest.raises(ParameterError, match=r"is_convex: give exactly one of bounds .* and "
                                             r"points"):
        opt.is_convex(f)
    with pytest.raises(ParameterError, match=r"is_convex: give exactly one of bounds"):
        opt.is_convex(f, [(0, 1)], points=[[0.5]])
    with pytest.raises(ShapeError, match=r"is_convex: bounds must have shape \(n, 2\), one "
                                         r"\(low, high\) pair per coordinate, got shape \(1, 3\)"):
        opt.is_convex(f, [(0, 1, 2)])
    with pytest.raises(ParameterError, match=r"is_convex: bounds\[1\] = \(3, 2\) has low > high"):
        opt.is_convex(f, [(0, 1), (3, 2)])
    with pytest.raises(NotFiniteError, match=r"is_convex: bounds contains infinity"):
        opt.is_convex(f, [(0, np.inf)])
    with pytest.raises(ShapeError, match=r"is_convex: points must hold at least one point"):
        opt.is_convex(f, points=np.zeros((0, 2)))
    with pytest.raises(ShapeError, match=r"is_convex: points must be a 1-D vector or a 2-D "
                                         r"matrix, got shape \(1, 1, 1\)"):
        opt.is_convex(f, points=np.zeros((1, 1, 1)))


@pytest.mark.parametrize("kwargs, error, message", [
    ({"n_samples": 0}, ParameterError, r"is_convex: n_samples must be a positive integer, got 0"),
    ({"tol": -1.0}, ParameterError, r"is_convex: tol must be a finite number > 0"),
    ({"random_state": -3}, ParameterError, r"is_convex: random_state must be None, a "
                                           r"non-negative integer or a numpy.random.Generator"),
    ({"random_state": 1.5}, ParameterError, r"random_state must be None"),
    ({"hess": "H"}, DTypeError, r"is_convex: hess must be a function, got str"),
])
def test_bad_parameters(kwargs, error, message):
    with pytest.raises(error, match=message):
        opt.is_convex(lambda x: float(x @ x), [(0, 1)], **kwargs)


def test_bad_functions():
    with pytest.raises(ShapeError, match=r"is_convex: hess must return an array of shape "
                                         r"\(2, 2\), got shape \(2,\)"):
        opt.is_convex(lambda x: 0.0, [(0, 1)] * 2, hess=lambda x: np.ones(2))
    with pytest.raises(NotFiniteError, match=r"is_convex: the Hessian at x = .* is not finite"):
        opt.is_convex(lambda x: 0.0, [(0, 1)], hess=lambda x: np.array([[np.nan]]))
    with pytest.raises(NotFiniteError, match=r"is_convex: f returned NaN at x − h·e_0"):
        with np.errstate(invalid="ignore"):
            opt.is_convex(lambda x: float(np.sqrt(x[0])), points=[[0.0]])
    with pytest.raises(DTypeError, match=r"is_convex: f must be a function"):
        opt.is_convex(None, [(0, 1)])


def test_eigenvalue_scale_for_large_hessians():
    # λ = (1e6, −1): relative to max|λ| the −1 is −1e-6, at the tolerance's edge; a
    # negative eigenvalue only counts beyond tol · max(1, max|λ|)
    hess = lambda x: np.diag([1e6, -1.0])  # noqa: E731
    assert opt.is_convex(lambda x: 0.0, points=[[0.0, 0.0]], hess=hess, tol=2e-6)
    assert not opt.is_convex(lambda x: 0.0, points=[[0.0, 0.0]], hess=hess, tol=5e-7)
