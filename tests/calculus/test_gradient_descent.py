"""gradient_descent (the seed's line fit) and fit_least_squares against NumPy and SciPy.

Tolerances:

* one step of the formula, recomputed here with np.sum where the library uses a dot
  product: the sums differ by rounding, n eps Σ|xᵢ rᵢ|, so rtol 1e-12 with that scale;
* convergence to np.polyfit's line: the iteration matrix I − lr H is symmetric with
  spectral radius ρ = max|1 − lr λ|, so ‖θ_N − θ*‖ <= ρᴺ ‖θ_0 − θ*‖ exactly; the test
  asserts that bound plus the rounding of polyfit and of the loop (1e-10 ‖θ*‖);
* non-linear fits stop when a step is below tol = 1e-12 relative; the error left is
  then about step / (1 − ρ) <= 1e-9 for these problems, and curve_fit (xtol = ftol =
  1e-14) is compared with rtol 1e-8.
"""

import math
import re

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import optimize, stats

import mathforml.calculus as calc
from mathforml.errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
)
from tests.reference import EPS, assert_close


def loss(x, y, w, b):
    return np.mean((y - (w * x + b)) ** 2)


def hessian(x):
    """H of the mean squared error: (2/n) [[Σx², Σx], [Σx, n]]."""
    n = x.size
    return 2 / n * np.array([[x @ x, x.sum()], [x.sum(), n]])


@st.composite
def line_data(draw):
    n = draw(st.integers(2, 20))
    x = draw(hnp.arrays(np.float64, n, elements=st.floats(-3, 3)))
    y = draw(hnp.arrays(np.float64, n, elements=st.floats(-10, 10)))
    assume(np.ptp(x) > 0.5)  # a line is determined, and H is not too ill-conditioned
    return x, y


# --------------------------------------------------------------------------- the seed's example


@given(line_data(), st.floats(-2, 2), st.floats(-2, 2))
def test_every_step_is_the_formula(data, w0, b0):
    x, y = data
    n = x.size
    lr = 0.5 / np.linalg.eigvalsh(hessian(x)).max()
    path = calc.gradient_descent(x, y, w0, b0, lr=lr, n_steps=30)
    for name in ("w", "b", "loss", "grad_w", "grad_b"):
        values = getattr(path, name)
        assert values.shape == (31,) and values.dtype == np.float64
    assert path.w[0] == w0 and path.b[0] == b0
    for k in range(31):
        w, b = path.w[k], path.b[k]
        r = y - (w * x + b)
        grad_w = -(2 / n) * np.sum(x * r)  # ∂L/∂w = −(2/n) Σ xᵢ (yᵢ − (w xᵢ + b))
        grad_b = -(2 / n) * np.sum(r)  # ∂L/∂b = −(2/n) Σ (yᵢ − (w xᵢ + b))
        scale_w = 2 / n * np.sum(np.abs(x * r)) + 1e-300
        scale_b = 2 / n * np.sum(np.abs(r)) + 1e-300
        assert_close(path.grad_w[k], grad_w, rtol=1e-12, scale=scale_w)
        assert_close(path.grad_b[k], grad_b, rtol=1e-12, scale=scale_b)
        assert_close(path.loss[k], loss(x, y, w, b), rtol=1e-12)
        if k < 30:  # w ← w − lr ∂L/∂w, b ← b − lr ∂L/∂b, exactly
            assert path.w[k + 1] == w - lr * path.grad_w[k]
            assert path.b[k + 1] == b - lr * path.grad_b[k]


@given(line_data())
def test_converges_to_the_least_squares_line(data):
    x, y = data
    eigenvalues = np.linalg.eigvalsh(hessian(x))
    lr = 1 / eigenvalues.max()
    rho = max(abs(1 - lr * eigenvalues))
    n_steps = min(5000, math.ceil(math.log(1e-12) / math.log(rho)))
    path = calc.gradient_descent(x, y, lr=lr, n_steps=n_steps)
    best = np.polyfit(x, y, 1)  # (slope, intercept)
    error = math.hypot(path.w[-1] - best[0], path.b[-1] - best[1])
    assert error <= rho**n_steps * np.linalg.norm(best) + 1e-10 * (np.linalg.norm(best) + 1)


@given(line_data(), st.integers(0, 5))
def test_gradient_passes_check_gradient(data, k):
    x, y = data
    path = calc.gradient_descent(x, y, 1.0, -1.0, lr=0.01, n_steps=5)
    theta = np.array([path.w[k], path.b[k]])
    g = np.array([path.grad_w[k], path.grad_b[k]])
    assume(np.linalg.norm(g) > 1e-3 * (1 + path.loss[k]))  # not at the minimum already
    check = calc.check_gradient(lambda t: loss(x, y, t[0], t[1]), g, theta)
    assert check.passed, check.relative_error


def test_seed_example_by_hand():
    # y = 2x + 1 exactly: the loss reaches 0, and the first step is the formula by hand.
    path = calc.gradient_descent([0, 1, 2], [1, 3, 5], lr=0.1, n_steps=3000)
    assert path.grad_w[0] == -(2 / 3) * (0 * 1 + 1 * 3 + 2 * 5)
    assert path.grad_b[0] == -(2 / 3) * (1 + 3 + 5)
    assert_close(np.array([path.w[-1], path.b[-1]]), np.array([2.0, 1.0]), rtol=1e-12)
    # the loss falls at every step, down to rounding level (~eps² y²)
    assert path.loss[-1] < 1e-24 and (np.diff(path.loss) <= 1e-28).all()


def test_zero_steps_and_one_point():
    path = calc.gradient_descent([1.0], [2.0], n_steps=0)
    assert path.w.tolist() == [0.0] and path.loss.tolist() == [4.0]
    path = calc.gradient_descent([1.0], [2.0], lr=0.1, n_steps=500)
    assert_close(path.w[-1] + path.b[-1], 2.0, rtol=1e-12)  # the line passes through (1, 2)


def test_learning_rate_limit_is_two_over_the_largest_eigenvalue():
    x = np.array([-1.0, 0.5, 2.0, 3.0])
    y = np.array([0.0, 1.0, 1.5, 4.0])
    limit = 2 / np.linalg.eigvalsh(hessian(x)).max()
    below = calc.gradient_descent(x, y, lr=0.99 * limit, n_steps=3000)
    above = calc.gradient_descent(x, y, lr=1.01 * limit, n_steps=3000)
    best = np.polyfit(x, y, 1)
    assert_close(np.array([below.w[-1], below.b[-1]]), best, rtol=1e-9)
    assert above.loss[-1] > 1e6 * above.loss[0]
    with pytest.raises(ConvergenceError, match=r"gradient_descent: the loss overflowed at step "
                       r"\d+: lr = .* is too large .* lr < 2/λ_max = ") as info:
        calc.gradient_descent(x, y, lr=10 * limit, n_steps=100_000)
    stated = float(re.search(r"2/λ_max = ([0-9.e+-]+)", str(info.value)).group(1))
    assert_close(stated, limit, rtol=1e-5)  # printed to 6 significant digits


def test_gradient_descent_bad_input():
    with pytest.raises(ShapeError, match=r"gradient_descent: x has shape \(3,\) and y has shape "
                       r"\(2,\)"):
        calc.gradient_descent([1, 2, 3], [1, 2])
    with pytest.raises(ShapeError, match="gradient_descent: x and y are empty"):
        calc.gradient_descent([], [])
    with pytest.raises(ShapeError, match="gradient_descent: x must be a 1-D vector"):
        calc.gradient_descent([[1, 2]], [1, 2])
    with pytest.raises(NotFiniteError, match="gradient_descent: y contains NaN"):
        calc.gradient_descent([1, 2], [1, np.nan])
    with pytest.raises(NotFiniteError, match="gradient_descent: w0 contains infinity"):
        calc.gradient_descent([1, 2], [1, 2], w0=np.inf)
    with pytest.raises(DTypeError, match="gradient_descent: b0 must hold numbers"):
        calc.gradient_descent([1, 2], [1, 2], b0="0")
    with pytest.raises(ParameterError, match="gradient_descent: lr must be a finite number > 0"):
        calc.gradient_descent([1, 2], [1, 2], lr=-0.1)
    with pytest.raises(ParameterError, match="gradient_descent: n_steps must be a non-negative "
                       "integer, got -1"):
        calc.gradient_descent([1, 2], [1, 2], n_steps=-1)


# --------------------------------------------------------------------------- non-linear fits


def gaussian(x, p):
    """A exp(−(x − μ)² / (2σ²)), p = (μ, σ, A)."""
    mu, sigma, A = p
    return A * np.exp(-((x - mu) ** 2) / (2 * sigma**2))


def gaussian_jacobian(x, p):
    """Columns ∂f/∂μ, ∂f/∂σ, ∂f/∂A."""
    mu, sigma, A = p
    e = np.exp(-((x - mu) ** 2) / (2 * sigma**2))
    return np.column_stack([A * e * (x - mu) / sigma**2, A * e * (x - mu) ** 2 / sigma**3, e])


def curve_fit(model, x, y, p0):
    popt, _ = optimize.curve_fit(lambda x, *p: model(x, p), x, y, p0=p0, xtol=1e-14, ftol=1e-14)
    return popt


@given(
    st.floats(-1, 1), st.floats(0.7, 1.5), st.floats(0.5, 3), st.integers(0, 2**32 - 1)
)
def test_gaussian_fit_matches_curve_fit(mu, sigma, A, seed):
    rng = np.random.default_rng(seed)
    x = np.linspace(-4, 4, 33)
    y = gaussian(x, (mu, sigma, A)) + 0.02 * rng.standard_normal(x.size)
    p0 = np.array([mu + 0.3, sigma * 1.2, A * 0.8])
    lr = 0.2 / np.linalg.norm(gaussian_jacobian(x, p0), 2) ** 2  # below 2/λ_max(2 JᵀJ)
    fit = calc.fit_least_squares(gaussian, gaussian_jacobian, x, y, p0, lr,
                                 max_iter=100_000, tol=1e-12)
    assert fit.converged
    assert fit.params.shape == (3,) and fit.path.shape == (fit.n_iter + 1, 3)
    assert fit.chi2.shape == (fit.n_iter + 1,)
    # Both stop near the minimum p*, each at its own accuracy (curve_fit's ftol on χ² leaves
    # ~1e-9 in p): ‖p − p*‖ <= ‖∇χ²(p)‖ / λ_min(H), with H ≈ 2 JᵀJ (Gauss–Newton; the
    # small residuals make the rest negligible), doubled for safety.
    def distance_to_minimum(p):
        J = gaussian_jacobian(x, p)
        gradient = -2 * J.T @ (y - gaussian(x, p))
        return 2 * np.linalg.norm(gradient) / np.linalg.eigvalsh(2 * J.T @ J).min()

    expected = curve_fit(gaussian, x, y, p0)
    allowed = distance_to_minimum(fit.params) + distance_to_minimum(expected)
    assert distance_to_minimum(fit.params) <= 1e-9
    assert np.linalg.norm(fit.params - expected) <= allowed + 4 * EPS * np.linalg.norm(expected)


def test_recovers_the_parameters_of_noise_free_data():
    x = np.linspace(-3, 5, 41)
    truth = np.array([1.0, 1.2, 2.0])
    y = gaussian(x, truth)
    fit = calc.fit_least_squares(gaussian, gaussian_jacobian, x, y, [0.5, 1.5, 1.5], 0.02,
                                 tol=1e-12)
    assert fit.converged and fit.chi2[-1] < 1e-20
    assert_close(fit.params, truth, rtol=1e-9)
    numerical = calc.fit_least_squares(gaussian, None, x, y, [0.5, 1.5, 1.5], 0.02, tol=1e-12)
    assert_close(numerical.params, truth, rtol=1e-9)


def test_each_step_is_steepest_descent_on_chi2():
    x = np.linspace(-3, 5, 41)
    y = gaussian(x, (1.0, 1.2, 2.0)) + 0.05 * np.sin(7 * x)
    lr = 0.01
    fit = calc.fit_least_squares(gaussian, gaussian_jacobian, x, y, [0.5, 1.5, 1.5], lr,
                                 max_iter=20)
    assert not fit.converged and fit.n_iter == 20
    for k in range(20):
        p = fit.path[k]
        r = y - gaussian(x, p)
        assert_close(fit.chi2[k], np.sum(r**2), rtol=1e-13)
        gradient = -2 * gaussian_jacobian(x, p).T @ r  # ∇χ² = −2 Jᵀ r
        assert_close(fit.path[k + 1], p - lr * gradient, rtol=1e-13)
        chi2 = lambda q: np.sum((y - gaussian(x, q)) ** 2)  # noqa: E731
        assert calc.check_gradient(chi2, gradient, p).passed


def test_the_course_heights_assignment():
    # Heights in 2.5 cm bins, densities of N(178, 7.5²) as the course's data roughly is; the
    # model is the normalized Gaussian in (μ, σ), the start μ = 155, σ = 6 and the
    # "aggression" 2000, as in the notebook's test harness (50 steps).
    def density(x, p):
        mu, sigma = p
        return np.exp(-((x - mu) ** 2) / (2 * sigma**2)) / (sigma * np.sqrt(2 * np.pi))

    def density_jacobian(x, p):
        mu, sigma = p
        f = density(x, p)
        return np.column_stack([f * (x - mu) / sigma**2,
                                f * ((x - mu) ** 2 / sigma**3 - 1 / sigma)])

    x = np.arange(150, 210, 2.5) + 1.25
    y = stats.norm.pdf(x, 178, 7.5)
    walk = calc.fit_least_squares(density, density_jacobian, x, y, [155, 6], 2000, max_iter=50)
    assert walk.n_iter == 50 and not walk.converged
    assert walk.chi2[-1] < 1e-3 * walk.chi2[0]
    fit = calc.fit_least_squares(density, density_jacobian, x, y, [155, 6], 2000, tol=1e-12)
    assert fit.converged
    assert_close(fit.params, np.array([178.0, 7.5]), rtol=1e-8)
    assert_close(fit.params, curve_fit(density, x, y, [155, 6]), rtol=1e-8)


def test_fit_diverges_with_too_large_a_step():
    # a line: χ² is quadratic, and lr above 2/λ_max(2 JᵀJ) makes each step overshoot more
    x = np.linspace(-3, 5, 41)
    y = 2 * x + 1
    with pytest.raises(ConvergenceError, match=r"fit_least_squares: diverged at step \d+: χ² is "
                       r"(nan|inf) .* lr = 1.0 is too large"):
        calc.fit_least_squares(lambda x, p: p[0] * x + p[1], None, x, y, [0.0, 0.0], 1.0)


def test_fit_bad_input():
    x = np.linspace(0, 1, 5)
    y = np.ones(5)

    def line(x, p):
        return p[0] + p[1] * x

    with pytest.raises(DTypeError, match="fit_least_squares: model must be a function"):
        calc.fit_least_squares(None, None, x, y, [0, 0], 0.1)
    with pytest.raises(DTypeError, match="fit_least_squares: jacobian must be a function"):
        calc.fit_least_squares(line, "J", x, y, [0, 0], 0.1)
    with pytest.raises(ShapeError, match=r"fit_least_squares: model\(x, p\) must return one "
                       r"prediction per data point, shape \(5,\) like y, got shape \(\)"):
        calc.fit_least_squares(lambda x, p: p[0], None, x, y, [0, 0], 0.1)
    with pytest.raises(ShapeError, match=r"jacobian\(x, p\) must have shape \(5, 2\)"):
        calc.fit_least_squares(line, lambda x, p: np.ones((2, 5)), x, y, [0, 0], 0.1)
    with pytest.raises(NotFiniteError, match=r"fit_least_squares: the model is not finite at p0"):
        calc.fit_least_squares(lambda x, p: p[0] / x, None, x, y, [1, 0], 0.1)
    with pytest.raises(NotFiniteError, match="fit_least_squares: the numerical Jacobian at p = "):
        calc.fit_least_squares(lambda x, p: np.sqrt(p[0]) + x, None, x, y, [0.0, 0], 0.1)
    with pytest.raises(NotFiniteError, match="fit_least_squares: y contains NaN"):
        calc.fit_least_squares(line, None, x, np.full(5, np.nan), [0, 0], 0.1)
    with pytest.raises(ShapeError, match="fit_least_squares: p0 must be a 1-D vector"):
        calc.fit_least_squares(line, None, x, y, [[0, 0]], 0.1)
    with pytest.raises(ParameterError, match="fit_least_squares: lr must be a finite number > 0"):
        calc.fit_least_squares(line, None, x, y, [0, 0], 0)
    with pytest.raises(ParameterError, match="fit_least_squares: tol must be a finite number > 0"):
        calc.fit_least_squares(line, None, x, y, [0, 0], 0.1, tol=-1)
    with pytest.raises(ParameterError, match="fit_least_squares: max_iter must be a positive"):
        calc.fit_least_squares(line, None, x, y, [0, 0], 0.1, max_iter=0)


def test_a_linear_model_fit_is_the_least_squares_line():
    x = np.array([0.0, 1.0, 2.0, 4.0])
    y = np.array([1.0, 2.5, 2.0, 5.0])
    fit = calc.fit_least_squares(lambda x, p: p[0] * x + p[1], None, x, y, [0.0, 0.0], 0.01,
                                 tol=1e-13)
    assert_close(fit.params, np.polyfit(x, y, 1), rtol=1e-10)
    assert fit.chi2[-1] <= fit.chi2[0] and (np.diff(fit.chi2) <= 4 * EPS * fit.chi2[0]).all()
