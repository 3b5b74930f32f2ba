"""line_search: the Armijo and strong Wolfe conditions, vs scipy.optimize.line_search.

The two implementations interpolate differently, so their steps need not be equal;
what both promise, and what is asserted, is that the step satisfies the conditions.
Where the answer is unique (the exact minimizer of a quadratic, which cubic
interpolation finds in one zoom step) the steps agree.
"""

import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy.optimize import line_search as scipy_line_search
from scipy.optimize import rosen, rosen_der
from scipy.optimize._linesearch import LineSearchWarning  # not re-exported by scipy.optimize

import mathforml.optim as opt
from mathforml.errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
)
from tests.reference import EPS, assert_close, assert_same_shape_dtype
from tests.strategies import spd_matrices

C1, C2 = 1e-4, 0.9


def assert_strong_wolfe(f, jac, x, d, alpha, c1=C1, c2=C2):
    phi0, dphi0 = f(x), jac(x) @ d
    y = x + alpha * d
    # a few ulps of slack: φ is evaluated, not known exactly
    slack = 8 * EPS * (abs(phi0) + abs(f(y)))
    assert f(y) <= phi0 + c1 * alpha * dphi0 + slack
    assert abs(jac(y) @ d) <= c2 * abs(dphi0) * (1 + 1e-12)


@st.composite
def quadratic_steps(draw):
    Q = draw(spd_matrices(1, 5))
    n = Q.shape[0]
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    c, x = rng.standard_normal(n), rng.standard_normal(n)
    return Q, c, x


@given(quadratic_steps(), st.floats(1e-3, 1e3))
def test_strong_wolfe_on_quadratics(problem, alpha0):
    Q, c, x = problem

    def f(y):
        return 0.5 * y @ Q @ y + c @ y

    def jac(y):
        return Q @ y + c

    d = -jac(x)
    assume(np.abs(d).max() > 1e-6)
    res = opt.line_search(f, jac, x, d, alpha0=alpha0)
    assert_strong_wolfe(f, jac, x, d, res.alpha)
    assert_same_shape_dtype(res.x, x)
    assert (res.x == x + res.alpha * d).all()
    assert res.fun == f(res.x) and (res.jac == jac(res.x)).all()
    # The reference on the same problem: SciPy's zoom sometimes warns "did not converge"
    # and still returns a step (or None); when it returns one, it meets the same conditions.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LineSearchWarning)
        ref = scipy_line_search(f, jac, x, d, c1=C1, c2=C2, maxiter=100)
    if ref[0] is not None:
        assert_strong_wolfe(f, jac, x, d, ref[0])


@given(quadratic_steps())
def test_zoom_finds_the_exact_minimizer_of_a_quadratic(problem):
    # The cubic through φ and φ' at two points of a quadratic φ is that quadratic, so the
    # first interpolation lands on α* = −gᵀd / dᵀQd (to rounding).
    Q, c, x = problem
    g = Q @ x + c
    d = -g
    assume(np.abs(d).max() > 1e-6)
    exact = (g @ g) / (d @ Q @ d)
    res = opt.line_search(lambda y: 0.5 * y @ Q @ y + c @ y, lambda y: Q @ y + c, x, d,
                          alpha0=4 * exact, c2=0.1)  # overshoot: the bracket [0, 4α*]
    assert_close(res.alpha, exact, rtol=1e-8)


@given(st.lists(st.floats(-2, 2), min_size=2, max_size=6), st.floats(1e-3, 10))
def test_strong_wolfe_on_rosenbrock(x, alpha0):
    x = np.array(x)
    d = -rosen_der(x)
    assume(np.abs(d).max() > 1e-3)
    res = opt.line_search(opt.rosenbrock, opt.rosenbrock.grad, x, d, alpha0=alpha0)
    assert_strong_wolfe(rosen, rosen_der, x, d, res.alpha)


@given(quadratic_steps(), st.floats(1e-3, 1e3), st.floats(0.1, 0.9))
def test_armijo_takes_the_first_sufficient_step(problem, alpha0, shrink):
    Q, c, x = problem

    def f(y):
        return 0.5 * y @ Q @ y + c @ y

    g = Q @ x + c
    d = -g
    assume(np.abs(d).max() > 1e-6)
    # from α₀ = 1e3 down to ~1/λ_max >= 1e-4 takes up to log(1e7)/log(1/0.9) ≈ 150 trials
    res = opt.line_search(f, lambda y: Q @ y + c, x, d, conditions="armijo", alpha0=alpha0,
                          shrink=shrink, max_iter=200)
    # α = α₀ ρᵏ for the least k whose step decreases f enough
    k = round(np.log(res.alpha / alpha0) / np.log(shrink))
    assert_close(res.alpha, alpha0 * shrink**k, rtol=1e-12)
    assert f(x + res.alpha * d) <= f(x) + C1 * res.alpha * (g @ d)
    if k > 0:
        longer = res.alpha / shrink
        assert f(x + longer * d) > f(x) + C1 * longer * (g @ d)
    assert res.njev == 2  # the slope at x, the gradient at the new point


def test_counts_and_first_step_accepted():
    calls = {"f": 0, "jac": 0}

    def f(y):
        calls["f"] += 1
        return float(y @ y)

    def jac(y):
        calls["jac"] += 1
        return 2 * y

    res = opt.line_search(f, jac, [1.0, 1.0], [-1.0, -1.0])
    assert res.alpha == 1.0 and (res.nfev, res.njev) == (calls["f"], calls["jac"]) == (2, 2)
    assert (res.x == 0).all() and res.fun == 0.0


def test_non_finite_trials_are_too_far():
    # f is infinite beyond |y| = 10: the first trial (α = 100) must be cut back.
    def f(y):
        return float(y @ y) if np.abs(y).max() < 10 else np.inf

    for conditions in ("wolfe", "armijo"):
        res = opt.line_search(f, lambda y: 2 * y, [1.0], [-1.0], alpha0=100.0,
                              conditions=conditions)
        assert np.isfinite(res.fun) and res.fun < 1.0


def test_scipy_rosenbrock_standard_step():
    x, d = np.array([-1.2, 1.0]), -rosen_der(np.array([-1.2, 1.0]))
    res = opt.line_search(rosen, rosen_der, x, d, alpha0=1.0 / np.linalg.norm(d))
    ref = scipy_line_search(rosen, rosen_der, x, d, c1=C1, c2=C2)
    assert_strong_wolfe(rosen, rosen_der, x, d, res.alpha)
    assert_strong_wolfe(rosen, rosen_der, x, d, ref[0])
    assert res.fun < rosen(x)


# --------------------------------------------------------------------------- failures

def test_not_a_descent_direction():
    with pytest.raises(ParameterError, match=r"line_search: d is not a descent direction: "
                                             r"∇f\(x\)·d = 2 must be < 0"):
        opt.line_search(lambda y: float(y @ y), lambda y: 2 * y, [1.0, 0.0], [1.0, 0.0])


def test_unbounded_below_raises():
    with pytest.raises(ConvergenceError, match=r"line_search: no step satisfying the wolfe "
                                               r"conditions in max_iter = 30 trials"):
        opt.line_search(lambda y: float(y[0]), lambda y: np.ones(1), [0.0], [-1.0])


def test_wrong_gradient_is_caught():
    # jac has the wrong sign: d = −jac is uphill for f, so no step decreases f.
    with pytest.raises(ConvergenceError, match=r"no step satisfying the armijo conditions .*"
                                               r"check_gradient"):
        opt.line_search(lambda y: float(y @ y), lambda y: -2 * y, [1.0], [2.0],
                        conditions="armijo")


@pytest.mark.parametrize("kwargs, message", [
    ({"c1": 0.5, "c2": 0.4}, r"line_search: the constants must satisfy 0 < c1 < c2 < 1"),
    ({"c2": 1.0}, r"0 < c1 < c2 < 1, got c1 = 0.0001 and c2 = 1.0"),
    ({"c1": -0.1}, r"line_search: c1 must be a finite number > 0"),
    ({"shrink": 1.5}, r"line_search: shrink must lie in \(0, 1\), got 1.5"),
    ({"alpha0": 0.0}, r"line_search: alpha0 must be a finite number > 0"),
    ({"max_iter": 0}, r"line_search: max_iter must be a positive integer, got 0"),
    ({"conditions": "goldstein"}, r"line_search: conditions must be one of 'wolfe', 'armijo', "
                                  r"got 'goldstein'"),
])
def test_bad_parameters(kwargs, message):
    with pytest.raises(ParameterError, match=message):
        opt.line_search(lambda y: float(y @ y), lambda y: 2 * y, [1.0], [-1.0], **kwargs)


def test_bad_input():
    f, jac = (lambda y: float(y @ y)), (lambda y: 2 * y)
    with pytest.raises(ShapeError, match=r"line_search: x has shape \(2,\) and d has shape "
                                         r"\(1,\)"):
        opt.line_search(f, jac, [1.0, 1.0], [-1.0])
    with pytest.raises(NotFiniteError, match=r"line_search: d contains NaN"):
        opt.line_search(f, jac, [1.0], [np.nan])
    with pytest.raises(NotFiniteError, match=r"line_search: f or its gradient is not finite at x"):
        opt.line_search(lambda y: np.inf, jac, [1.0], [-1.0])
    with pytest.raises(ShapeError, match=r"line_search: jac must return an array of shape \(1,\)"):
        opt.line_search(f, lambda y: np.ones(2), [1.0], [-1.0])
    with pytest.raises(DTypeError, match=r"line_search: jac must be a function, got NoneType"):
        opt.line_search(f, None, [1.0], [-1.0])
