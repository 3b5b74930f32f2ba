"""Numerical derivatives vs analytic derivatives and SciPy (scipy.differentiate, approx_fprime).

Tolerances are the error bounds of each formula, times a safety factor of 4, with
h the step the library picks (see the module docstring of _finite_differences):

* central:  |error| <= h²/6 · M₃ + eps · M₀ / h     (h = eps^(1/3) · max(1, |x|))
* forward/backward: |error| <= h/2 · M₂ + 2 eps · M₀ / h   (h = √eps · max(1, |x|))
* second differences: |error| <= h²/12 · M₄ + 4 eps · M₀ / h²   (h = eps^(1/4) · max(1, |x|))

where M_k bounds |f^(k)| near x. Quadratics have M₃ = 0: only rounding remains.
"""

import math

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import differentiate as sd
from scipy.optimize import approx_fprime, rosen, rosen_der, rosen_hess
from scipy.special import expit, logsumexp, softmax

import mathforml.calculus as calc
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from tests.reference import EPS, assert_close, assert_same_shape_dtype
from tests.strategies import symmetric_matrices, vectors

SAFETY = 4.0
H_CENTRAL, H_FORWARD, H_SECOND = EPS ** (1 / 3), EPS**0.5, EPS**0.25


def central_bound(x, M0, M3):
    h = H_CENTRAL * max(1.0, abs(x))
    return SAFETY * (h * h / 6 * M3 + EPS * M0 / h)


def forward_bound(x, M0, M2):
    h = H_FORWARD * max(1.0, abs(x))
    return SAFETY * (h / 2 * M2 + 2 * EPS * M0 / h)


# --------------------------------------------------------------------------- scalar functions

def _sigmoid_derivatives(x):
    s = expit(x)
    d1 = s * (1 - s)
    return [s, d1, d1 * (1 - 2 * s), d1 * (1 - 6 * s + 6 * s * s)]


# name: (f, [f, f', f'', f'''] at x, domain). The bounds M_k use the largest |f^(k)| over
# [x - 1e-3·max(1,|x|), x + 1e-3·max(1,|x|)], which contains every point the formulas use.
SCALAR = {
    "cubic": (lambda x: x**3 - 2 * x, lambda x: [x**3 - 2 * x, 3 * x * x - 2, 6 * x, 6.0],
              (-100, 100)),
    "exp": (math.exp, lambda x: [math.exp(x)] * 4, (-20, 20)),
    "sin": (math.sin, lambda x: [math.sin(x), math.cos(x), -math.sin(x), -math.cos(x)],
            (-100, 100)),
    "log": (math.log, lambda x: [math.log(x), 1 / x, -1 / x**2, 2 / x**3], (0.1, 100)),
    "sigmoid": (lambda x: float(expit(x)), _sigmoid_derivatives, (-30, 30)),
}


def _bounds_near(derivs, x):
    """Largest |f^(k)| at a few points of x ± 1e-3·max(1, |x|), for k = 0..3."""
    r = 1e-3 * max(1.0, abs(x))
    values = np.abs([derivs(t) for t in np.linspace(x - r, x + r, 9)])
    return values.max(axis=0)


@st.composite
def scalar_cases(draw):
    name = draw(st.sampled_from(sorted(SCALAR)))
    low, high = SCALAR[name][2]
    return name, draw(st.floats(low, high))


@given(scalar_cases())
def test_central_difference_within_its_error_bound(case):
    name, x = case
    f, derivs, _ = SCALAR[name]
    M = _bounds_near(derivs, x)
    d = calc.finite_difference(f, x)
    assert isinstance(d, float)
    assert abs(d - derivs(x)[1]) <= central_bound(x, M[0], M[3])


@given(scalar_cases(), st.sampled_from(["forward", "backward"]))
def test_one_sided_differences_within_their_error_bound(case, method):
    name, x = case
    f, derivs, _ = SCALAR[name]
    M = _bounds_near(derivs, x)
    d = calc.finite_difference(f, x, method=method)
    assert abs(d - derivs(x)[1]) <= forward_bound(x, M[0], M[2])


@pytest.mark.parametrize("name", sorted(SCALAR))
def test_central_difference_matches_scipy_differentiate(name):
    f, derivs, (low, high) = SCALAR[name]
    xs = np.linspace(low, high, 7)
    vectorized = {"exp": np.exp, "sin": np.sin, "log": np.log, "sigmoid": expit}.get(name, f)
    # Adaptive high-order differences with an error estimate; a small first step keeps log's
    # evaluations inside its domain, and atol accepts sigmoid's ~1e-13 derivative at 20.
    ref = sd.derivative(vectorized, xs, initial_step=0.01, tolerances={"atol": 1e-12})
    assert ref.success.all()
    for x, df, err in zip(xs, ref.df, ref.error, strict=True):
        M = _bounds_near(derivs, x)
        assert_close(calc.finite_difference(f, x), df,
                     rtol=0, atol=central_bound(x, M[0], M[3]) + abs(err))


def test_central_is_more_accurate_than_forward_on_a_smooth_function():
    # The O(h²) vs O(h) of the lesson, on exp at 1 (errors ~1e-11 vs ~1e-8).
    exact = math.exp(1.0)
    central = abs(calc.finite_difference(math.exp, 1.0) - exact)
    forward = abs(calc.finite_difference(math.exp, 1.0, method="forward") - exact)
    assert central < 1e-9 < forward


def test_rounding_wins_when_h_is_too_small():
    # Below the optimal step the error grows like eps·|f|/h: the trade-off, measured.
    exact = math.cos(1.0)
    best = abs(calc.finite_difference(math.sin, 1.0) - exact)
    tiny = abs(calc.finite_difference(math.sin, 1.0, h=1e-13) - exact)
    assert tiny > 100 * best


def test_step_scales_with_x():
    # x² at 1e8: a step relative to |x| gives the exact 2x (a central difference of a
    # quadratic is exact); an absolute step of 1e-9 would vanish in x + h == x.
    assert calc.finite_difference(lambda x: x * x, 1e8) == pytest.approx(2e8, rel=1e-10)
    with pytest.raises(ParameterError, match=r"finite_difference: the step h = 1e-09 is below "
                                             r"the spacing .* x\[0\] = 100000000"):
        calc.finite_difference(lambda x: x * x, 1e8, h=1e-9)


def test_user_step_is_used():
    # (f(1 + h) - f(1 - h)) / 2h for x³ is 3 + h² exactly in exact arithmetic.
    assert calc.finite_difference(lambda x: x**3, 1.0, h=0.5) == pytest.approx(3.25, rel=1e-15)
    assert calc.finite_difference(lambda x: x**3, 1.0, h=0.5, method="forward") == (
        pytest.approx((1.5**3 - 1) / 0.5, rel=1e-15))


def test_integer_input_and_zero():
    assert calc.finite_difference(math.cos, 0) == pytest.approx(0.0, abs=1e-10)
    assert calc.finite_difference(lambda x: 3 * x, np.int64(2)) == pytest.approx(3.0, rel=1e-10)


@given(vectors(elements=st.floats(-10, 10)), st.integers(0, 2**16))
def test_directional_derivative_is_gradient_dot_direction(x, seed):
    v = np.random.default_rng(seed).standard_normal(x.size)

    def f(y):
        return float(np.sum(np.sin(y)) + 0.5 * y @ y)

    exact = (np.cos(x) + x) @ v
    d = calc.finite_difference(f, x, direction=v)
    # t ↦ f(x + t v) has |third derivative| <= Σ|v_i|³ and |f| <= n + ½‖x + v‖²; the step
    # in t is eps^(1/3)·max(1, max|x|)/max|v|.
    h = H_CENTRAL * max(1.0, np.abs(x).max()) / np.abs(v).max()
    M0 = x.size + 0.5 * (np.abs(x) + h * np.abs(v)) @ (np.abs(x) + h * np.abs(v))
    bound = h * h / 6 * np.sum(np.abs(v) ** 3) + x.size * EPS * M0 / h  # n-term sum rounding
    assert abs(d - exact) <= SAFETY * bound


def test_directional_derivative_along_zero_is_zero():
    assert calc.finite_difference(lambda y: float(y @ y), [1.0, 2.0], direction=[0, 0]) == 0.0


# --------------------------------------------------------------------------- gradients

@st.composite
def quadratic_forms(draw):
    A = draw(symmetric_matrices(1, 6))
    n = A.shape[0]
    b = draw(vectors(n))
    x = draw(vectors(n))
    return A, b, x


def _quadratic_rounding_bound(A, b, x, h):
    # f = ½ xᵀAx + bᵀx is computed with error <= 2n·eps·(½|x|ᵀ|A||x| + |b|ᵀ|x|) near x,
    # and the central difference of a quadratic has no truncation error.
    z = np.abs(x) + h
    M0 = 0.5 * z @ np.abs(A) @ z + np.abs(b) @ z
    # (+ tiny/h: values below the normal range, ~1e-308, have an absolute error, not a relative one)
    return SAFETY * (2 * x.size * EPS * M0 + np.finfo(np.float64).tiny) / h


@given(quadratic_forms())
def test_gradient_of_quadratic_form(case):
    A, b, x = case
    g = calc.gradient(lambda y: 0.5 * y @ A @ y + b @ y, x)
    assert_same_shape_dtype(g, x)
    h = H_CENTRAL * np.maximum(1.0, np.abs(x))
    assert (np.abs(g - (A @ x + b)) <= _quadratic_rounding_bound(A, b, x, h)).all()


@given(quadratic_forms())
def test_forward_gradient_vs_scipy_approx_fprime(case):
    # Both are forward differences, here with the same steps √eps·max(1, |x_j|) (SciPy's
    # default step is an absolute √eps); each is held to the same bound around the exact
    # gradient (SciPy divides by h, we by the distance actually travelled).
    A, b, x = case

    def f(y):
        return 0.5 * y @ A @ y + b @ y

    exact = A @ x + b
    ours = calc.gradient(f, x, method="forward")
    ref = approx_fprime(x, f, np.sqrt(EPS) * np.maximum(1.0, np.abs(x)))
    assert_same_shape_dtype(ours, ref)
    h = H_FORWARD * np.maximum(1.0, np.abs(x))
    # truncation h/2·|A_jj| plus rounding; the same bound holds for SciPy with the same h.
    bound = SAFETY * h / 2 * np.abs(np.diagonal(A)) + _quadratic_rounding_bound(A, b, x, h)
    assert (np.abs(ours - exact) <= bound).all()
    assert (np.abs(ref - exact) <= bound).all()


@given(hnp.arrays(np.float64, st.integers(2, 6), elements=st.floats(-2, 2)))
def test_gradient_of_rosenbrock_vs_scipy(x):
    g = calc.gradient(rosen, x)
    ref = sd.jacobian(rosen, x)  # scipy.differentiate, error-estimated
    assert_close(rosen_der(x), ref.df, rtol=0, atol=1e-6 + 10 * np.abs(ref.error).max())
    # |∂³f| <= 2400·max(1,|x|) + 1200 near x (from 100 x⁴ and 400 x² y), |f| <= 3700 n.
    h = H_CENTRAL * 3  # max(1, |x| + step) <= 3
    bound = SAFETY * (h * h / 6 * (2400 * 3 + 1200) + EPS * 3700 * x.size / (H_CENTRAL))
    assert_close(g, rosen_der(x), rtol=0, atol=bound)


def test_gradient_hard_cases():
    # a single entry, integer input, an empty vector
    assert_close(calc.gradient(lambda y: y[0] ** 2, [3]), np.array([6.0]), rtol=1e-10)
    empty = calc.gradient(lambda y: 1.0, np.zeros(0))
    assert empty.shape == (0,) and empty.dtype == np.float64
    # huge and tiny scales: the step follows |x|
    # rounding eps·|f|/h is relative eps/eps^(1/3) = eps^(2/3) ≈ 4e-11 here
    assert_close(calc.gradient(lambda y: float(y @ y), [1e150, 3e150]),
                 np.array([2e150, 6e150]), rtol=SAFETY * EPS ** (2 / 3))
    assert_close(calc.gradient(lambda y: float(y @ y), [1e-150, 0.0]),
                 np.array([2e-150, 0.0]), rtol=0, atol=1e-20)


# --------------------------------------------------------------------------- Jacobians

@given(vectors(elements=st.floats(-10, 10)))
def test_jacobian_of_softmax(x):
    s = softmax(x)
    J = calc.jacobian(softmax, x)
    expected = np.diag(s) - np.outer(s, s)  # ∂s_i/∂x_j = s_i (δ_ij − s_j)
    assert_same_shape_dtype(J, expected)
    # every third derivative of softmax is at most 1 in size; |s| <= 1
    h_max = H_CENTRAL * max(1.0, np.abs(x).max())
    assert_close(J, expected, rtol=0, atol=SAFETY * (h_max**2 / 6 + EPS / H_CENTRAL))


@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**16))
def test_jacobian_of_linear_map_is_the_matrix(m, n, seed):
    rng = np.random.default_rng(seed)
    M, c, x = rng.standard_normal((m, n)), rng.standard_normal(m), rng.standard_normal(n)
    J = calc.jacobian(lambda y: M @ y + c, x)
    # no truncation; rounding eps·|f|/h with |f| <= Σ|M||x| + |c| ~ 10
    h = H_CENTRAL * np.maximum(1.0, np.abs(x))
    scale = np.abs(M) @ (np.abs(x) + h) + np.abs(c)
    assert_close(J, M, rtol=0, atol=SAFETY * 2 * n * EPS * scale.max() / h.min())


def test_jacobian_matches_scipy_differentiate():
    def f(y):  # vectorized over trailing axes, as scipy.differentiate needs
        return np.stack([y[0] * y[1], np.sin(y[0]) + y[1] ** 2, np.exp(-y[2]) * y[0]])

    x = np.array([1.0, 2.0, -0.5])
    ref = sd.jacobian(f, x)
    J = calc.jacobian(f, x)
    assert_same_shape_dtype(J, ref.df)
    # third derivatives here are at most e^0.5·3 ≈ 5; values at most ~6
    assert_close(J, ref.df, rtol=0, atol=SAFETY * (H_CENTRAL**2 / 6 * 5 + EPS * 6 / H_CENTRAL)
                 + np.abs(ref.error).max())


def test_jacobian_of_scalar_function_has_the_gradient_shape():
    J = calc.jacobian(lambda y: float(y @ y), [1.0, 2.0])
    assert J.shape == (2,)
    assert_close(J, np.array([2.0, 4.0]), rtol=1e-10)


def test_jacobian_one_sided():
    J = calc.jacobian(lambda y: np.array([y[0] ** 2, y[0] * y[1]]), [1.0, 2.0], method="backward")
    # truncation h/2·|f''| <= h with h = √eps·2
    assert_close(J, np.array([[2.0, 0.0], [2.0, 1.0]]), rtol=0, atol=SAFETY * H_FORWARD * 2)


# --------------------------------------------------------------------------- Hessians

@given(hnp.arrays(np.float64, st.integers(2, 5), elements=st.floats(-2, 2)))
def test_hessian_of_rosenbrock_from_values(x):
    H = calc.hessian(rosen, x)
    expected = rosen_hess(x)
    assert_same_shape_dtype(H, expected)
    assert (H == H.T).all()
    # second differences: h <= eps^(1/4)·2.01, |f''''| <= 2400, |f| <= 3700 n near x
    h_max, h_min = H_SECOND * 2.01, H_SECOND
    bound = SAFETY * (h_max**2 / 12 * 2400 + 4 * EPS * 3700 * x.size / h_min**2)
    assert_close(H, expected, rtol=0, atol=bound)


@given(hnp.arrays(np.float64, st.integers(2, 5), elements=st.floats(-2, 2)))
def test_hessian_of_rosenbrock_from_gradient(x):
    H = calc.hessian(None, x, grad=rosen_der)
    assert (H == H.T).all()
    # central differences of the gradient: |∂³g| <= 2400, |g| <= 400·2·6 + 6 + 200·6 near x
    h = H_CENTRAL * 2.01
    bound = SAFETY * (h * h / 6 * 2400 + EPS * 6100 / H_CENTRAL)
    assert_close(H, rosen_hess(x), rtol=0, atol=bound)


def test_hessian_matches_scipy_differentiate():
    x = np.array([-1.2, 1.0, 0.3])
    ref = sd.hessian(rosen, x)
    # ref.error is rough where an entry is exactly 0 (success False there): compare with the
    # same second-difference bound as above, which dominates SciPy's own error elsewhere.
    bound = SAFETY * ((H_SECOND * 1.3) ** 2 / 12 * 2400 + 4 * EPS * 3700 * 3 / H_SECOND**2)
    assert_close(calc.hessian(rosen, x), ref.ddf, rtol=0, atol=bound)


@given(vectors(elements=st.floats(-5, 5)))
def test_hessian_of_log_sum_exp(x):
    p = softmax(x)
    expected = np.diag(p) - np.outer(p, p)  # ∇² logsumexp = diag(p) − ppᵀ (PSD)
    H = calc.hessian(lambda y: float(logsumexp(y)), x)
    # fourth derivatives of logsumexp are at most 1 (the mixed formula's truncation is
    # (h_i² f_iiij + h_j² f_ijjj)/6 <= h²/3); |f| <= 5 + log n <= 8
    h_max = H_SECOND * max(1.0, np.abs(x).max())
    assert_close(H, expected, rtol=0,
                 atol=SAFETY * (h_max**2 / 3 + 4 * EPS * 8 / H_SECOND**2))


def test_hessian_of_single_variable_and_empty():
    assert_close(calc.hessian(lambda y: y[0] ** 3, [2]), np.array([[12.0]]), rtol=1e-7)
    assert calc.hessian(lambda y: 1.0, np.zeros(0)).shape == (0, 0)


# --------------------------------------------------------------------------- gradient check

@given(hnp.arrays(np.float64, st.integers(2, 6), elements=st.floats(-2, 2)))
def test_check_gradient_passes_for_the_right_gradient(x):
    # relative error = ‖g − g_num‖ / ‖g‖: the absolute error of central differences here
    # (~1e-7, test_gradient_of_rosenbrock_vs_scipy) over ‖g‖, so keep away from the minimum.
    assume(np.linalg.norm(rosen_der(x)) >= 1.0)
    result = calc.check_gradient(rosen, rosen_der, x)
    assert result.passed and bool(result)
    assert result.relative_error <= 1e-6
    assert_close(result.gradient, rosen_der(x), rtol=0)
    assert result.numerical_gradient.shape == x.shape


def test_check_gradient_is_meaningless_at_a_minimum():
    # The documented caveat: at (1, 1) the exact gradient is 0 while central differences
    # leave ~1e-8 of truncation error, so the relative error is 1 for a correct gradient.
    result = calc.check_gradient(rosen, rosen_der, [1.0, 1.0])
    assert not result and result.relative_error == 1.0
    assert np.abs(result.numerical_gradient).max() < 1e-7


def _cross_entropy(z, y):
    return float(logsumexp(z) - z[y])


@given(hnp.arrays(np.float64, st.integers(2, 8), elements=st.floats(-3, 3)), st.data())
def test_check_gradient_catches_backprop_mistakes(z, data):
    # |z_i| <= 3 and n >= 2 keep ‖∇f‖ >= 1 − p_y >= 2e-3, far above the ~1e-10 error of
    # central differences, so a correct gradient passes at 1e-6.
    y = data.draw(st.integers(0, z.size - 1))
    p = softmax(z)
    right = p - np.eye(z.size)[y]  # ∂/∂z of softmax cross-entropy
    ok = calc.check_gradient(lambda t: _cross_entropy(t, y), right, z)
    assert ok and ok.relative_error < 1e-6
    wrong_sign = calc.check_gradient(lambda t: _cross_entropy(t, y), -right, z)
    missing_term = calc.check_gradient(lambda t: _cross_entropy(t, y), p, z)  # forgot − onehot
    assert not wrong_sign and wrong_sign.relative_error > 0.5
    assert not missing_term and missing_term.relative_error > 0.1
    assert missing_term.worst_index == y


def test_check_gradient_of_sigmoid_with_a_wrong_factor():
    f = lambda x: float(np.sum(expit(x)))  # noqa: E731
    x = np.array([-1.0, 0.5, 2.0])
    s = expit(x)
    assert calc.check_gradient(f, lambda t: expit(t) * (1 - expit(t)), x)
    bad = calc.check_gradient(f, s * (1 - s) * np.array([1, 2, 1]), x)  # one entry doubled
    assert not bad and bad.worst_index == 1


def test_check_gradient_edge_cases():
    zero = calc.check_gradient(lambda t: 5.0, np.zeros(3), [1.0, 2.0, 3.0])
    assert zero.relative_error == 0.0 and zero.passed  # 0 / tiny, not NaN
    empty = calc.check_gradient(lambda t: 0.0, np.zeros(0), np.zeros(0))
    assert empty.passed and empty.worst_index is None
    assert not calc.check_gradient(lambda t: t @ t, lambda t: 2 * t + 1e-5, [1.0, 1.0], tol=1e-8)


# --------------------------------------------------------------------------- bad input

def test_unknown_method():
    with pytest.raises(ParameterError, match=r"gradient: method must be one of 'central', "
                                             r"'forward', 'backward', got 'centre'"):
        calc.gradient(lambda y: 0.0, [1.0], method="centre")


@pytest.mark.parametrize("h", [0.0, -1e-3, float("nan"), float("inf")])
def test_bad_step(h):
    with pytest.raises(ParameterError, match=r"finite_difference: h must be a finite number > 0"):
        calc.finite_difference(math.sin, 1.0, h=h)


def test_function_returning_a_vector_where_a_scalar_is_needed():
    with pytest.raises(ShapeError, match=r"gradient: f must return a scalar \(one number\), got "
                                         r"an array of shape \(2,\); for a vector-valued"):
        calc.gradient(lambda y: y, [1.0, 2.0])
    with pytest.raises(ShapeError, match=r"hessian: f must return a scalar"):
        calc.hessian(lambda y: y, [1.0, 2.0])


def test_function_returning_non_numbers():
    with pytest.raises(DTypeError, match=r"finite_difference: the value of f must hold numbers"):
        calc.finite_difference(lambda x: "one", 1.0)
    with pytest.raises(DTypeError, match=r"jacobian: the value of f holds complex numbers"):
        calc.jacobian(lambda y: y * 1j, [1.0])


def test_not_a_function():
    with pytest.raises(DTypeError, match=r"gradient: f must be a function, got list"):
        calc.gradient([1.0], [1.0])
    with pytest.raises(DTypeError, match=r"hessian: grad must be a function, got int"):
        calc.hessian(None, [1.0], grad=3)


def test_non_finite_values_near_x_name_the_point():
    with pytest.raises(NotFiniteError, match=r"gradient: f returned NaN at x − h·e_1; a finite "
                                             r"difference needs finite values on both sides"):
        with np.errstate(invalid="ignore"):  # log of a negative number: NaN
            calc.gradient(lambda y: float(np.sum(np.log(y))), [1.0, 1e-7])
    with pytest.raises(NotFiniteError, match=r"finite_difference: f returned infinity at x"):
        calc.finite_difference(lambda x: math.inf, 1.0, method="forward")
    with pytest.raises(NotFiniteError, match=r"check_gradient: the gradient contains NaN"):
        calc.check_gradient(lambda t: 0.0, [np.nan], [1.0])


def test_bad_x():
    with pytest.raises(ShapeError, match=r"finite_difference: x must be a scalar, got shape"):
        calc.finite_difference(math.sin, [1.0, 2.0])
    with pytest.raises(ShapeError, match=r"gradient: x must be a 1-D vector, got shape \(2, 2\)"):
        calc.gradient(lambda y: 0.0, np.eye(2))
    with pytest.raises(ShapeError, match=r"jacobian: x is a ragged nested sequence"):
        calc.jacobian(lambda y: y, [[1.0], [1.0, 2.0]])
    with pytest.raises(NotFiniteError, match=r"hessian: x contains NaN"):
        calc.hessian(lambda y: 0.0, [np.nan])
    with pytest.raises(ShapeError, match=r"finite_difference: x has shape \(2,\) and direction "
                                         r"has shape \(3,\)"):
        calc.finite_difference(lambda y: 0.0, [1.0, 2.0], direction=[1.0, 0.0, 0.0])


def test_output_shape_must_not_change():
    with pytest.raises(ShapeError, match=r"jacobian: f returned shape \(3,\) at x − h·e_0 but "
                                         r"\(2,\) at the first point"):
        calc.jacobian(lambda y: np.ones(2) if y[0] > 1 else np.ones(3), [1.0])
    with pytest.raises(ShapeError, match=r"jacobian: f must return a scalar or a 1-D vector, "
                                         r"got shape \(2, 2\)"):
        calc.jacobian(lambda y: np.eye(2), [1.0])


def test_gradient_of_wrong_shape():
    with pytest.raises(ShapeError, match=r"hessian: grad must return a vector of shape \(2,\)"):
        calc.hessian(None, [1.0, 2.0], grad=lambda y: np.ones(3))
    with pytest.raises(ShapeError, match=r"check_gradient: the gradient has shape \(3,\) but x "
                                         r"has shape \(2,\)"):
        calc.check_gradient(lambda y: 0.0, np.ones(3), [1.0, 2.0])
    with pytest.raises(ParameterError, match=r"check_gradient: tol must be a finite number > 0"):
        calc.check_gradient(lambda y: 0.0, np.ones(2), [1.0, 2.0], tol=0)
