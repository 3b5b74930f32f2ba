"""minimize vs scipy.optimize.minimize (BFGS) and torch.optim, plus the landscapes.

"Same optimum to 1e-6": both runs stop at a gradient norm far below 1e-6 · λ_min of
the Hessian at the optimum, so both are within 1e-6 of the true minimizer and of
each other (‖x − x*‖ <= ‖∇f(x)‖ / λ_min for a convex quadratic, and to first order
near any strict minimum).
"""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy.optimize import minimize as scipy_minimize
from scipy.optimize import rosen, rosen_der, rosen_hess

import mathforml.optim as opt
from mathforml.errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
)
from tests.reference import EPS, assert_close, assert_same_shape_dtype, cond
from tests.strategies import spd_matrices, vectors

METHODS = ["gd", "momentum", "adam", "newton", "bfgs"]


def quadratic(Q, c):
    """f = ½ xᵀQx + cᵀx with its gradient and Hessian."""
    return (lambda x: 0.5 * x @ Q @ x + c @ x), (lambda x: Q @ x + c), (lambda x: Q)


@st.composite
def quadratic_problems(draw, max_n=6):
    Q = draw(spd_matrices(1, max_n))  # eigenvalues >= n >= 1
    c = draw(vectors(Q.shape[0]))
    return Q, c


def scipy_bfgs(f, x0, jac):
    return scipy_minimize(f, x0, jac=jac, method="BFGS", options={"gtol": 1e-10, "maxiter": 10**4})


# --------------------------------------------------------------------------- vs SciPy BFGS

@given(quadratic_problems())
def test_bfgs_on_quadratics_matches_scipy(problem):
    Q, c = problem
    f, grad, _ = quadratic(Q, c)
    x0 = np.zeros(c.size)
    ref = scipy_bfgs(f, x0, grad)
    assume(ref.success)
    # tol relative to the gradient's scale: below it rounding of Q x + c, ~eps·‖Q‖‖x‖ + ‖c‖,
    # makes the gradient norm noise.
    tol = 1e-9 * (1 + np.abs(c).max())
    res = opt.minimize(f, x0, jac=grad, tol=tol)
    assert res.success, res.message
    assert_same_shape_dtype(res.x, ref.x)
    exact = np.linalg.solve(Q, -c)
    # ‖x − x*‖ <= ‖∇f‖ / λ_min <= √n · tol / n (λ_min >= n), plus the solve's own rounding
    rounding = 10 * cond(Q) * EPS * np.abs(exact).max()
    assert_close(res.x, exact, rtol=0, atol=tol + rounding)
    assert_close(res.x, ref.x, rtol=0, atol=1e-6 * max(1.0, np.abs(exact).max()))
    assert res.fun == pytest.approx(f(res.x), rel=1e-15)


@pytest.mark.parametrize("x0", [[-1.2, 1.0], [2.0, 2.0], [0.0, 0.0], [-1.0, -1.0]])
def test_bfgs_on_rosenbrock_2d_matches_scipy(x0):
    x0 = np.array(x0)
    ref = scipy_bfgs(rosen, x0, rosen_der)
    res = opt.minimize(opt.rosenbrock, x0, jac=opt.rosenbrock.grad, tol=1e-9)
    assert res.success and ref.success
    # At (1, 1) λ_min of the Hessian is 0.4: tol 1e-9 puts x within 2.5e-9 of the minimum.
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)
    assert_close(res.x, np.ones(2), rtol=0, atol=1e-8)
    # and at comparable cost (the same algorithm, different line-search details)
    assert res.nfev <= 2 * ref.nfev


@pytest.mark.parametrize("start", ["zeros", "half", "ramp"])
def test_bfgs_on_rosenbrock_10d_matches_scipy(start):
    x0 = {"zeros": np.zeros(10), "half": np.full(10, 0.5), "ramp": np.linspace(-1, 1, 10)}[start]
    ref = scipy_bfgs(rosen, x0, rosen_der)
    res = opt.minimize(opt.rosenbrock, x0, jac=opt.rosenbrock.grad, tol=1e-9)
    assert res.success and ref.success
    # λ_min(∇²f(1, …, 1)) ≈ 0.0025 in 10-D: tol 1e-9 gives ‖x − 1‖ <= 4e-7
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)
    assert_close(res.x, np.ones(10), rtol=0, atol=1e-6)


def test_standard_10d_start_may_reach_a_different_local_minimum():
    # From (−1.2, 1, −1.2, 1, …) the 10-D Rosenbrock function has a second local minimum
    # near x₀ = −1; whichever minimum a run reaches, its gradient vanishes there and it is a
    # minimum (positive definite Hessian), like SciPy's answer.
    x0 = np.tile([-1.2, 1.0], 5)
    for x in (opt.minimize(opt.rosenbrock, x0, jac=opt.rosenbrock.grad, tol=1e-9).x,
              scipy_bfgs(rosen, x0, rosen_der).x):
        assert np.abs(rosen_der(x)).max() <= 1e-8
        assert np.linalg.eigvalsh(rosen_hess(x)).min() > 0


def test_numerical_gradient_reaches_the_same_optimum():
    x0 = np.array([-1.2, 1.0])
    res = opt.minimize(opt.rosenbrock, x0, tol=1e-8)
    assert res.success and res.njev == 0
    # central differences have ~1e-8 truncation error at (1,1) (|f'''| = 2400, h = 6e-6),
    # which moves the computed minimum by ~1e-8 / λ_min = 2.5e-8
    assert_close(res.x, np.ones(2), rtol=0, atol=1e-6)
    # 2n calls of f per gradient, plus the line-search values
    assert res.nfev >= 4 * res.nit


def _logistic_problem(seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((40, 4))
    y = np.where(X @ np.array([1.0, -2.0, 0.5, 0.0]) + rng.standard_normal(40) > 0, 1.0, -1.0)

    def f(w):  # L2-regularized logistic loss: smooth, strictly convex, not quadratic
        return float(np.sum(np.logaddexp(0.0, -y * (X @ w))) + 0.5 * w @ w)

    def grad(w):
        s = -y * (X @ w)
        return X.T @ (-y * np.exp(s - np.logaddexp(0.0, s))) + w

    return f, grad


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("method", ["bfgs", "newton"])
def test_logistic_regression_matches_scipy(seed, method):
    f, grad = _logistic_problem(seed)
    x0 = np.zeros(4)
    ref = scipy_bfgs(f, x0, grad)
    res = opt.minimize(f, x0, method=method, jac=grad, tol=1e-9)
    assert res.success and ref.success
    # the Hessian is >= I (the ridge term): ‖x − x*‖ <= ‖∇f‖ <= 1e-9
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)


# --------------------------------------------------------------------------- every method

def _seeded_quadratic(seed, n):
    rng = np.random.default_rng(seed)
    B = rng.standard_normal((n, n))
    Q = B @ B.T / n + np.eye(n)  # eigenvalues in [1, ~5]
    return Q, rng.standard_normal(n)


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("method", METHODS)
def test_every_method_converges_on_a_convex_quadratic(method, seed):
    Q, c = _seeded_quadratic(seed, 5)
    f, grad, hess = quadratic(Q, c)
    lam_max = np.linalg.eigvalsh(Q).max()
    # gd converges for lr < 2/λ_max, the heavy ball for lr < 2(1 + β)/λ_max
    lr = {"gd": 1 / lam_max, "momentum": 1 / lam_max, "adam": 0.05}.get(method)
    res = opt.minimize(f, np.zeros(5), method=method, jac=grad,
                       hess=hess if method == "newton" else None, lr=lr, tol=1e-8)
    assert res.success, res.message
    # λ_min >= 1: the gradient bound is the distance bound
    assert_close(res.x, np.linalg.solve(Q, -c), rtol=0, atol=1e-8 * np.sqrt(5))


@given(quadratic_problems())
def test_newton_takes_one_step_on_a_quadratic(problem):
    Q, c = problem
    f, grad, hess = quadratic(Q, c)
    x0 = np.ones(c.size)
    tol = 1e-9 * (1 + np.abs(c).max() + np.abs(Q).max())
    assume(np.abs(grad(x0)).max() > tol)  # else x0 is already the answer, with no step
    res = opt.minimize(f, x0, method="newton", jac=grad, hess=hess, tol=tol)
    assert res.nit == 1 and res.success
    exact = np.linalg.solve(Q, -c)
    # one LU solve of H d = −g: error ~ cond(Q)·eps·‖x‖
    assert_close(res.x, exact, rtol=0, atol=10 * c.size * cond(Q) * EPS * (1 + np.abs(exact).max()))


def test_newton_needs_no_hessian_and_no_gradient():
    Q, c = _seeded_quadratic(3, 4)
    f, grad, _ = quadratic(Q, c)
    exact = np.linalg.solve(Q, -c)
    with_grad = opt.minimize(f, np.zeros(4), method="newton", jac=grad, tol=1e-9)
    values_only = opt.minimize(f, np.zeros(4), method="newton", tol=1e-7)
    # the Hessian from differenced gradients is exact to ~1e-10, from values to ~1e-7
    assert with_grad.nit <= 2 and with_grad.nhev == 0
    assert_close(with_grad.x, exact, rtol=0, atol=1e-9)
    assert_close(values_only.x, exact, rtol=0, atol=1e-6)


def test_newton_on_rosenbrock_matches_scipy_newton_cg():
    x0 = np.array([-1.2, 1.0])
    ref = scipy_minimize(rosen, x0, jac=rosen_der, hess=rosen_hess, method="Newton-CG",
                         options={"xtol": 1e-12})
    res = opt.minimize(opt.rosenbrock, x0, method="newton", jac=opt.rosenbrock.grad,
                       hess=opt.rosenbrock.hess, tol=1e-10)
    assert res.success and ref.success
    assert_close(res.x, ref.x, rtol=0, atol=1e-6)
    # quadratic convergence: far fewer steps than BFGS
    assert res.nit < opt.minimize(opt.rosenbrock, x0, jac=opt.rosenbrock.grad, tol=1e-10).nit


def test_newton_escapes_the_saddle_of_the_double_well():
    # At (0.1, 0.5) the Hessian diag(12·0.01 − 4, 2) is indefinite: a pure Newton step goes to
    # the saddle at the origin (x₀ → 0), the shifted Hessian descends to the minimum at +1.
    res = opt.minimize(opt.double_well, [0.1, 0.5], method="newton", jac=opt.double_well.grad,
                       hess=opt.double_well.hess, tol=1e-10)
    assert res.success
    assert_close(res.x, np.array([1.0, 0.0]), rtol=0, atol=1e-10)
    assert np.all(np.diff(res.path_fun) < 0)  # a descent method: f falls at every step


def test_the_start_picks_the_well():
    for x0, well in (([0.3, 1.0], 1.0), ([-0.3, 1.0], -1.0)):
        res = opt.minimize(opt.double_well, x0, jac=opt.double_well.grad)
        ref = scipy_bfgs(opt.double_well, np.array(x0), opt.double_well.grad)
        assert_close(res.x, np.array([well, 0.0]), rtol=0, atol=1e-6)
        assert_close(res.x, ref.x, rtol=0, atol=1e-6)


# --------------------------------------------------------------------------- vs torch.optim

@pytest.mark.parametrize("method", ["gd", "momentum", "adam"])
def test_first_order_paths_equal_torch_optim(method):
    import torch
    Q, c = _seeded_quadratic(4, 6)
    f, grad, _ = quadratic(Q, c)
    x0 = np.random.default_rng(5).standard_normal(6)
    lr = 0.05
    res = opt.minimize(f, x0, method=method, jac=grad, lr=lr, tol=1e-300, max_iter=200)
    p = torch.tensor(x0, requires_grad=True)
    optimizer = {"gd": lambda: torch.optim.SGD([p], lr=lr),
                 "momentum": lambda: torch.optim.SGD([p], lr=lr, momentum=0.9),
                 "adam": lambda: torch.optim.Adam([p], lr=lr)}[method]()
    path = [x0]
    for _ in range(200):
        p.grad = torch.from_numpy(grad(p.detach().numpy().copy()))
        optimizer.step()
        path.append(p.detach().numpy().copy())
    # the same float64 operations in the same order, up to rounding accumulated over 200 steps
    assert_close(res.path, np.array(path), rtol=1e-12, atol=1e-14)


# --------------------------------------------------------------------------- the result

def _counting(fn, counter, key):
    def wrapped(x):
        counter[key] += 1
        return fn(x)
    return wrapped


@pytest.mark.parametrize("method", METHODS)
def test_result_fields_path_and_counts(method):
    calls = {"f": 0, "jac": 0, "hess": 0}
    f = _counting(opt.rosenbrock, calls, "f")
    jac = _counting(opt.rosenbrock.grad, calls, "jac")
    hess = _counting(opt.rosenbrock.hess, calls, "hess") if method == "newton" else None
    x0 = np.array([-1.2, 1.0])
    lr = {"gd": 1e-3, "momentum": 1e-4, "adam": 1e-2}.get(method)
    res = opt.minimize(f, x0, method=method, jac=jac, hess=hess, lr=lr, max_iter=30)
    assert (res.nfev, res.njev, res.nhev) == (calls["f"], calls["jac"], calls["hess"])
    assert res.path.shape == (res.nit + 1, 2) and res.path_fun.shape == (res.nit + 1,)
    assert_close(res.path[0], x0, rtol=0)
    assert (res.path[-1] == res.x).all()
    assert (res.path_fun == np.array([opt.rosenbrock(x) for x in res.path])).all()
    assert res.fun == res.path_fun[-1]
    assert (res.jac == opt.rosenbrock.grad(res.x)).all()
    assert res.x.dtype == np.float64 and res.x.shape == (2,)
    assert isinstance(res.success, bool) and isinstance(res.message, str)


def test_max_iter_is_reported_not_raised():
    res = opt.minimize(opt.rosenbrock, [-1.2, 1.0], method="gd", lr=1e-4, max_iter=3)
    assert not res.success and res.nit == 3
    assert res.message.startswith("max_iter = 3 steps reached with ‖∇f‖∞ = ")
    zero = opt.minimize(opt.rosenbrock, [-1.2, 1.0], max_iter=0)
    assert zero.nit == 0 and zero.path.shape == (1, 2) and not zero.success


def test_step_and_value_stopping_rules():
    f, grad, _ = quadratic(np.eye(2), np.zeros(2))
    by_step = opt.minimize(f, [1.0, 1.0], method="gd", jac=grad, lr=0.01, xtol=1e-3)
    # step k has length 0.01 · 0.99ᵏ⁻¹: the first one <= 1e-3 is k = 1 + ⌈ln 0.1 / ln 0.99⌉ = 231
    assert by_step.success and by_step.message.startswith("converged: the step")
    assert by_step.nit == 1 + int(np.ceil(np.log(0.1) / np.log(0.99)))
    by_value = opt.minimize(f, [1.0, 1.0], method="gd", jac=grad, lr=0.01, ftol=1e-6)
    assert by_value.success and "below ftol" in by_value.message
    assert abs(by_value.path_fun[-2] - by_value.path_fun[-1]) <= 1e-6


def test_callback_sees_every_iterate_and_can_stop():
    seen = []
    res = opt.minimize(opt.rosenbrock, [-1.2, 1.0], jac=opt.rosenbrock.grad,
                       callback=lambda x: seen.append(x) or len(seen) == 5)
    assert res.nit == 5 and not res.success
    assert res.message == "stopped by the callback at step 5"
    assert_close(np.array(seen), res.path[1:], rtol=0)


def test_line_search_failure_is_reported():
    # f = x₀ is unbounded below: no step satisfies the strong Wolfe conditions.
    res = opt.minimize(lambda x: x[0], [0.0], jac=lambda x: np.ones(1))
    assert not res.success
    assert "the line search found no step satisfying the strong Wolfe" in res.message


def test_scalar_and_integer_starts():
    res = opt.minimize(lambda x: (x[0] - 3) ** 2, 0)
    assert res.x.shape == (1,)
    assert_close(res.x, np.array([3.0]), rtol=0, atol=1e-6)
    res = opt.minimize(lambda x: float((x - 3) @ (x - 3)), [0, 0], method="newton")
    assert res.x.dtype == np.float64 and res.nit == 1


def test_method_names_are_case_insensitive():
    a = opt.minimize(opt.rosenbrock, [-1.2, 1.0], method="BFGS", jac=opt.rosenbrock.grad)
    b = opt.minimize(opt.rosenbrock, [-1.2, 1.0], method="bfgs", jac=opt.rosenbrock.grad)
    assert (a.x == b.x).all()


# --------------------------------------------------------------------------- divergence

def test_gd_divergence_names_the_step():
    # f = x², lr = 1.5: x ← x − 3x = −2x, so f = 4ᵏ overflows when 4ᵏ > 1.8e308, at k = 512.
    with np.errstate(over="ignore"):
        with pytest.raises(ConvergenceError, match=r"minimize: the gd run diverged at step 512: "
                                                   r"f\(x\) = inf .* lr = 1.5 is too large"):
            opt.minimize(lambda x: x[0] ** 2, [1.0], method="gd", jac=lambda x: 2 * x, lr=1.5)


def test_nan_gradient_during_the_run_is_divergence():
    def jac(x):
        return np.array([np.nan]) if x[0] < 0.5 else 2 * x

    with pytest.raises(ConvergenceError, match=r"minimize: the momentum run diverged at step 1: "
                                               r"the gradient is not finite"):
        opt.minimize(lambda x: x[0] ** 2, [1.0], method="momentum", jac=jac, lr=0.3)


def test_newton_divergence_when_f_is_unbounded_below():
    with np.errstate(over="ignore"):
        with pytest.raises(ConvergenceError, match=r"minimize: the newton run diverged at step "
                                                   r"\d+: .*unbounded below"):
            opt.minimize(lambda x: -np.exp(x[0]), [0.0], method="newton",
                         jac=lambda x: -np.exp(x), hess=lambda x: -np.exp(x)[:, None])


# --------------------------------------------------------------------------- bad input

def test_unknown_method_suggests_the_closest():
    with pytest.raises(ParameterError, match=r"minimize: method must be one of 'gd', 'momentum', "
                                             r"'adam', 'newton', 'bfgs', got 'bgfs'; did you "
                                             r"mean 'bfgs'\?"):
        opt.minimize(opt.rosenbrock, [0.0, 0.0], method="bgfs")
    with pytest.raises(ParameterError, match=r"got 'nelder-mead'$"):
        opt.minimize(opt.rosenbrock, [0.0, 0.0], method="nelder-mead")


def test_options_that_the_method_does_not_use():
    with pytest.raises(ParameterError, match=r"minimize: lr is used by 'gd', 'momentum' and "
                                             r"'adam' only; 'bfgs' chooses its steps"):
        opt.minimize(opt.rosenbrock, [0.0, 0.0], lr=0.1)
    with pytest.raises(ParameterError, match=r"minimize: hess is used by method='newton' only"):
        opt.minimize(opt.rosenbrock, [0.0, 0.0], method="gd", hess=opt.rosenbrock.hess)


@pytest.mark.parametrize("kwargs, message", [
    ({"lr": -0.1, "method": "adam"}, r"minimize: lr must be a finite number > 0, got -0.1"),
    ({"tol": 0}, r"minimize: tol must be a finite number > 0"),
    ({"xtol": -1.0}, r"minimize: xtol must be a finite number >= 0 \(0 switches the rule off\)"),
    ({"ftol": np.nan}, r"minimize: ftol must be a finite number >= 0"),
    ({"max_iter": -1}, r"minimize: max_iter must be a non-negative integer, got -1"),
])
def test_out_of_range_parameters(kwargs, message):
    with pytest.raises(ParameterError, match=message):
        opt.minimize(opt.rosenbrock, [0.0, 0.0], **kwargs)


def test_bad_start():
    with pytest.raises(NotFiniteError, match=r"minimize: x0 contains NaN"):
        opt.minimize(opt.rosenbrock, [np.nan, 0.0])
    with pytest.raises(NotFiniteError, match=r"minimize: x0 contains infinity"):
        opt.minimize(opt.rosenbrock, [np.inf, 0.0])
    with pytest.raises(ShapeError, match=r"minimize: x0 must be a scalar or a 1-D vector, got "
                                         r"shape \(2, 2\)"):
        opt.minimize(opt.rosenbrock, np.eye(2))
    with pytest.raises(ShapeError, match=r"minimize: x0 must have at least one entry"):
        opt.minimize(opt.rosenbrock, [])
    with pytest.raises(NotFiniteError, match=r"minimize: f\(x0\) = nan; start from a point"):
        with np.errstate(invalid="ignore"):
            opt.minimize(lambda x: float(np.log(x[0])), [-1.0])
    with pytest.raises(NotFiniteError, match=r"minimize: the gradient at x0 is not finite"):
        opt.minimize(lambda x: x[0], [1.0], jac=lambda x: np.array([np.inf]))


def test_wrong_shapes_from_f_jac_hess():
    with pytest.raises(ShapeError, match=r"minimize: f must return a scalar \(one number\), got "
                                         r"an array of shape \(2,\)"):
        opt.minimize(lambda x: x, [1.0, 2.0])
    with pytest.raises(ShapeError, match=r"minimize: jac must return an array of shape \(2,\) "
                                         r"\(one partial derivative per entry of x\), got shape "
                                         r"\(3,\)"):
        opt.minimize(opt.rosenbrock, [1.0, 2.0], jac=lambda x: np.ones(3))
    with pytest.raises(ShapeError, match=r"minimize: hess must return an array of shape \(2, 2\),"
                                         r" got shape \(2,\)"):
        opt.minimize(opt.rosenbrock, [0.0, 2.0], method="newton", hess=lambda x: np.ones(2))
    with pytest.raises(DTypeError, match=r"minimize: the value of f must hold numbers"):
        opt.minimize(lambda x: "low", [1.0])
    with pytest.raises(DTypeError, match=r"minimize: f must be a function, got str"):
        opt.minimize("rosenbrock", [1.0])
    with pytest.raises(DTypeError, match=r"minimize: callback must be a function, got int"):
        opt.minimize(opt.rosenbrock, [1.0, 2.0], callback=1)


# --------------------------------------------------------------------------- landscapes

@given(vectors(elements=st.floats(-3, 3)).filter(lambda x: x.size >= 2))
def test_rosenbrock_and_its_derivatives_equal_scipy(x):
    # The value is the same sum of the same terms. The derivatives add the same terms in
    # another order: they agree to rounding of the terms, which reach 400·3·12 ≈ 1.5e4 (grad)
    # and 1200·9 + 400·3 + 202 ≈ 1.2e4 (Hessian) for |x| <= 3.
    assert opt.rosenbrock(x) == rosen(x)
    assert_close(opt.rosenbrock.grad(x), rosen_der(x), rtol=0, atol=10 * EPS * 2e4)
    assert_close(opt.rosenbrock.hess(x), rosen_hess(x), rtol=0, atol=10 * EPS * 1.3e4)


@given(vectors(elements=st.floats(-3, 3)))
def test_double_well_derivatives(x):
    from mathforml.calculus import gradient, hessian

    g = opt.double_well.grad(x)
    # vs central differences (|f'''| <= 24·3.01, |f| <= 100 + 9n near x; see test_finite_...)
    h = EPS ** (1 / 3) * 3.01
    assert_close(g, gradient(opt.double_well, x), rtol=0,
                 atol=4 * (h * h / 6 * 73 + x.size * EPS * (100 + 9 * x.size) / EPS ** (1 / 3)))
    # differencing the gradient: |∂³g| <= 24, |g| <= 100 · n, error ~1e-8 at most
    assert_close(opt.double_well.hess(x), hessian(None, x, grad=opt.double_well.grad),
                 rtol=0, atol=1e-6)
    assert opt.double_well(x) >= 0


def test_landscape_minima_and_errors():
    assert opt.rosenbrock(np.ones(7)) == 0.0
    assert opt.double_well([-1.0]) == opt.double_well([1.0, 0.0, 0.0]) == 0.0
    with pytest.raises(ShapeError, match=r"rosenbrock: x must have at least 2 entries"):
        opt.rosenbrock([1.0])
    with pytest.raises(ShapeError, match=r"rosenbrock.hess: x must have at least 2 entries"):
        opt.rosenbrock.hess([1.0])
    with pytest.raises(ShapeError, match=r"double_well.grad: x must have at least 1 entry"):
        opt.double_well.grad([])
    with pytest.raises(NotFiniteError, match=r"double_well: x contains NaN"):
        opt.double_well([np.nan])
