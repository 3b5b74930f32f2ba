"""newton_raphson against scipy.optimize.newton (one variable) and fsolve (systems).

Tolerances. Both methods stop near a simple root once the step is tiny, after which one
more Newton step moves x by less than the rounding of x itself: the roots agree to a
few ulps, 8 eps |root| (plus 8 eps for roots near 0). With the finite-difference
derivative (relative error ~1e-10) Newton still converges to the same root, and the
last step leaves an error of about 1e-10 × step, far below that. fsolve is run with
xtol = 1e-13, so its root is good to ~1e-13 relative: the comparison allows 1e-11.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import optimize

import mathforml.calculus as calc
from mathforml.errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
)
from tests.reference import EPS, assert_close


def close_roots(a, b):
    return abs(a - b) <= 8 * EPS * (abs(b) + 1)


# The course quiz's polynomial ("Newton-Raphson in one dimension"), with its derivative.
def quiz(x):
    return x**6 / 6 - 3 * x**4 - 2 * x**3 / 3 + 27 * x**2 / 2 + 18 * x - 30


def quiz_prime(x):
    return x**5 - 12 * x**3 - 2 * x**2 + 27 * x + 18


def check_path(f, fprime, result):
    """Every step is exactly x − f(x)/f'(x), and values holds f at each iterate."""
    path = result.path
    assert path.shape == (result.n_iter + 1,) and path.dtype == np.float64
    assert result.values.shape == path.shape
    for k in range(result.n_iter):
        assert path[k + 1] == path[k] - f(path[k]) / fprime(path[k])
    assert np.array_equal(result.values, [f(x) for x in path])
    assert result.x == path[-1] and isinstance(result.x, float)


# --------------------------------------------------------------------------- one variable


@st.composite
def cubics(draw):
    """(x − r)(x² + a x + b) with b > a²/4: one real root r; and a start near it."""
    r = draw(st.floats(-5, 5))
    a = draw(st.floats(-2, 2))
    b = a * a / 4 + draw(st.floats(0.5, 5))
    x0 = r + draw(st.floats(-2, 2))
    return r, a, b, x0


@given(cubics())
def test_one_variable_matches_scipy_newton(case):
    r, a, b, x0 = case

    def f(x):
        return (x - r) * (x * x + a * x + b)

    def fprime(x):
        return (x * x + a * x + b) + (x - r) * (2 * x + a)

    expected, info = optimize.newton(f, x0, fprime, tol=1e-14, maxiter=100, full_output=True,
                                     disp=False)
    assume(info.converged and abs(expected - r) < 1e-6)  # scipy found this root
    try:
        result = calc.newton_raphson(f, x0, fprime, max_iter=100)
    except ConvergenceError as error:  # only where the tangent is flat; scipy got lucky
        assert "derivative is 0" in str(error) or "cycle" in str(error)
        return
    assert close_roots(result.x, expected), (result.x, expected)
    check_path(f, fprime, result)


@given(cubics())
def test_numerical_derivative_finds_the_same_root(case):
    r, a, b, x0 = case

    def f(x):
        return (x - r) * (x * x + a * x + b)

    def fprime(x):
        return (x * x + a * x + b) + (x - r) * (2 * x + a)

    expected, info = optimize.newton(f, x0, fprime, tol=1e-14, maxiter=100, full_output=True,
                                     disp=False)
    # From some starts Newton wanders chaotically before it settles (64 steps for one
    # found here); a derivative that differs in its 10th digit then takes another path.
    # Compare only where the exact-derivative run converges promptly.
    assume(info.converged and abs(expected - r) < 1e-6 and info.iterations <= 30)
    try:
        result = calc.newton_raphson(f, x0, max_iter=100)
    except ConvergenceError as error:
        assert "derivative is 0" in str(error) or "cycle" in str(error)
        return
    assert abs(result.x - expected) <= 1e-12 * (abs(expected) + 1)


@pytest.mark.parametrize("x0", [-4.0, 0.0, 1.99, 3.1])
def test_the_course_quiz_polynomial(x0):
    expected = optimize.newton(quiz, x0, quiz_prime, tol=1e-14)
    result = calc.newton_raphson(quiz, x0, quiz_prime)
    assert close_roots(result.x, expected)
    assert abs(quiz(result.x)) < 1e-12
    check_path(quiz, quiz_prime, result)


def test_quadratic_convergence_doubles_the_digits():
    result = calc.newton_raphson(lambda x: x * x - 2, 1.0, lambda x: 2 * x)
    errors = np.abs(result.path - math.sqrt(2))
    # e_{k+1} = e_k² / (2 x_k): compare while the errors are above rounding
    for k in range(3):
        assert_close(errors[k + 1], errors[k] ** 2 / (2 * result.path[k]), rtol=1e-6)
    assert result.x == math.sqrt(2)


def test_root_at_the_start_takes_no_step():
    result = calc.newton_raphson(lambda x: x - 3, 3)
    assert result.n_iter == 0 and result.x == 3.0 and result.path.tolist() == [3.0]


def test_multiple_root_converges_linearly():
    result = calc.newton_raphson(lambda x: (x - 1) ** 2, 3.0, lambda x: 2 * (x - 1))
    # each step halves the error: x_k − 1 = 2 / 2^k exactly
    assert_close(result.path[:10] - 1, 2.0 / 2.0 ** np.arange(10), rtol=1e-15)
    assert abs(result.x - 1) <= 1e-10


def test_array_returning_function_of_one_entry():
    result = calc.newton_raphson(lambda x: np.array([x**3 - 8]), 3, lambda x: [3 * x**2])
    assert close_roots(result.x, 2.0)


# --------------------------------------------------------------------------- systems


@st.composite
def systems(draw):
    """A x + 0.5 sin(x) = b with A diagonally dominant (|a_ii| > Σ|a_ij| + 0.5): one root."""
    n = draw(st.integers(1, 5))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    A = rng.uniform(-1, 1, (n, n))
    A += np.diag(np.sign(np.diag(A)) * (np.abs(A).sum(axis=1) + 1.0) + (np.diag(A) == 0))
    b = rng.uniform(-3, 3, n)
    x0 = rng.uniform(-2, 2, n)
    return A, b, x0


@given(systems())
def test_systems_match_fsolve(case):
    A, b, x0 = case

    def f(x):
        return A @ x + 0.5 * np.sin(x) - b

    def J(x):
        return A + np.diag(0.5 * np.cos(x))

    # full_output: fsolve reports (rather than warns) when xtol = 1e-13 is out of its reach
    expected, _, ier, _ = optimize.fsolve(f, x0, fprime=J, xtol=1e-13, full_output=True)
    result = calc.newton_raphson(f, x0, J)
    numerical = calc.newton_raphson(f, x0)  # the Jacobian by central differences
    assert result.x.shape == x0.shape and result.x.dtype == np.float64
    if ier == 1:
        assert_close(result.x, expected, rtol=1e-11, scale=np.abs(expected).max() + 1)
        assert_close(numerical.x, expected, rtol=1e-11, scale=np.abs(expected).max() + 1)
    else:  # fsolve stalled short of 1e-13: ours must be as good a root, up to rounding of f
        rounding = 8 * EPS * (np.abs(A).sum(axis=1).max() * np.abs(result.x).max() + 3)
        assert np.abs(f(result.x)).max() <= np.abs(f(expected)).max() + rounding
    assert result.path.shape == (result.n_iter + 1, x0.size)
    assert result.values.shape == result.path.shape
    for k in range(result.n_iter):  # each step solves J Δ = −f
        # Δ recovered as x_{k+1} − x_k carries the rounding of x: eps |x| per entry
        x, x_next = result.path[k], result.path[k + 1]
        rounding = 4 * EPS * np.abs(J(x)).sum(axis=1).max() * max(np.abs(x).max(), 1e-300)
        assert_close(J(x) @ (x_next - x), -f(x), rtol=1e-12, atol=rounding)


def test_circle_meets_line():
    def f(v):
        x, y = v
        return np.array([x * x + y * y - 4, y - x + 1])

    result = calc.newton_raphson(f, [2.0, 1.0], lambda v: [[2 * v[0], 2 * v[1]], [-1, 1]])
    expected = optimize.fsolve(f, [2.0, 1.0], xtol=1e-13)
    assert_close(result.x, expected, rtol=1e-11)
    assert_close(result.x, np.array([(1 + math.sqrt(7)) / 2, (math.sqrt(7) - 1) / 2]),
                 rtol=1e-14)


# --------------------------------------------------------------------------- failures


def test_zero_derivative():
    with pytest.raises(ConvergenceError, match=r"newton_raphson: the derivative is 0.0 at step "
                       r"0 \(x = 0.0, f\(x\) = -1\): the tangent is horizontal") as info:
        calc.newton_raphson(lambda x: x * x - 1, 0.0, lambda x: 2 * x)
    assert info.value.path.tolist() == [0.0]


def test_infinite_derivative():
    with pytest.raises(ConvergenceError, match="the derivative is inf .* the tangent is "
                       "vertical"):
        calc.newton_raphson(lambda x: x - 1, 0.0, lambda x: math.inf)


def test_cycle():
    with pytest.raises(ConvergenceError, match=r"the iterates cycle: step 2 returned to x = "
                       r"0.0, the iterate of step 0") as info:
        calc.newton_raphson(lambda x: x**3 - 2 * x + 2, 0.0, lambda x: 3 * x**2 - 2)
    assert info.value.path.tolist() == [0.0, 1.0, 0.0]


def test_divergence_to_infinity_is_reported():
    # log x from 3: the tangent lands at 3 − 3 ln 3 < 0, where log is not real.
    with pytest.raises(ConvergenceError, match=r"diverged at step 1: x = -0.29.*f\(x\) = nan is "
                       r"not finite"):
        calc.newton_raphson(np.log, 3.0, lambda x: 1 / x)
    with pytest.raises(ConvergenceError, match="diverged at step 1"):
        calc.newton_raphson(lambda v: np.exp(v) - 1, [-50.0], lambda v: np.diag(np.exp(v)))


def test_cap_reached_with_the_last_residual():
    # ∛x: x_{k+1} = x_k − 3 x_k = −2 x_k, so |x| doubles each step.
    with pytest.raises(ConvergenceError, match=r"did not converge in max_iter = 20 steps: at x = "
                       r"1048576.0 the residual \|f\(x\)\| is 102 .*the residual grew from 1 at "
                       r"x0") as info:
        calc.newton_raphson(np.cbrt, 1.0, lambda x: np.cbrt(x) / (3 * x), max_iter=20)
    assert info.value.path.shape == (21,)
    with pytest.raises(ConvergenceError, match=r"did not converge in max_iter = 3 steps.*increase "
                       r"max_iter"):
        calc.newton_raphson(lambda x: (x - 1) ** 2, 3.0, lambda x: 2 * (x - 1), max_iter=3)


def test_system_failures():
    with pytest.raises(ConvergenceError, match=r"newton_raphson: the Jacobian is singular at step "
                       r"0 \(x = \[0. 1.\]\)"):
        calc.newton_raphson(lambda v: [v[0] ** 2, v[1]], [0.0, 1.0])
    with pytest.raises(ConvergenceError, match="the Jacobian is not finite at step 0"):
        calc.newton_raphson(lambda v: v, [1.0], lambda v: [[np.nan]])
    with pytest.raises(ConvergenceError, match=r"did not converge in max_iter = 5 steps"):
        calc.newton_raphson(lambda v: np.cbrt(v), [1.0, 2.0], max_iter=5)
    with pytest.raises(ConvergenceError, match="the iterates cycle"):
        calc.newton_raphson(lambda v: v**3 - 2 * v + 2, [0.0],
                            lambda v: np.diag(3 * v**2 - 2))


def test_numerical_derivative_needs_f_finite_around_x():
    with pytest.raises(ConvergenceError, match=r"newton_raphson: the numerical derivative at step "
                       r"0 \(x = 0.0\) needs f finite around x"):
        calc.newton_raphson(lambda x: np.sqrt(x) - 1, 0.0)
    with pytest.raises(ConvergenceError, match="the numerical derivative at step 0"):
        calc.newton_raphson(lambda v: np.sqrt(v) - 1, [0.0])


# --------------------------------------------------------------------------- bad input


def test_bad_input():
    with pytest.raises(DTypeError, match="newton_raphson: f must be a function, got int"):
        calc.newton_raphson(3, 1.0)
    with pytest.raises(DTypeError, match="newton_raphson: fprime must be a function"):
        calc.newton_raphson(np.sin, 1.0, 2.0)
    with pytest.raises(ParameterError, match="newton_raphson: tol must be a finite number > 0"):
        calc.newton_raphson(np.sin, 1.0, tol=0)
    with pytest.raises(ParameterError, match="newton_raphson: max_iter must be a positive "
                       "integer, got 0"):
        calc.newton_raphson(np.sin, 1.0, max_iter=0)
    with pytest.raises(ShapeError, match=r"newton_raphson: x0 must be a number or a 1-D vector, "
                       r"got an array of shape \(1, 1\)"):
        calc.newton_raphson(np.sin, [[1.0]])
    with pytest.raises(NotFiniteError, match="newton_raphson: x0 contains NaN"):
        calc.newton_raphson(np.sin, math.nan)
    with pytest.raises(NotFiniteError, match=r"newton_raphson: f\(x0\) = nan at x0 = -1.0"):
        calc.newton_raphson(np.log, -1.0)
    with pytest.raises(NotFiniteError, match=r"newton_raphson: f\(x0\) = \[inf\]"):
        calc.newton_raphson(lambda v: v / 0, [1.0])
    with pytest.raises(DTypeError, match="newton_raphson: x0 must hold numbers"):
        calc.newton_raphson(np.sin, "1")


def test_wrong_shapes_from_f_and_fprime():
    with pytest.raises(ShapeError, match=r"newton_raphson: f\(x\) must be one number for a "
                       r"scalar x0, got an array of shape \(2,\)"):
        calc.newton_raphson(lambda x: [x, x], 1.0)
    with pytest.raises(ShapeError, match=r"fprime\(x\) must be one number"):
        calc.newton_raphson(lambda x: x, 1.0, lambda x: [1.0, 2.0])
    with pytest.raises(ShapeError, match=r"newton_raphson: f\(x\) must have shape \(2,\) like x0 "
                       r"\(as many equations as unknowns\), got shape \(3,\)"):
        calc.newton_raphson(lambda v: [1.0, 2.0, 3.0], [0.0, 0.0])
    with pytest.raises(ShapeError, match=r"fprime\(x\) must be the \(2, 2\) Jacobian"):
        calc.newton_raphson(lambda v: v - 1, [0.0, 0.0], lambda v: np.eye(3))
