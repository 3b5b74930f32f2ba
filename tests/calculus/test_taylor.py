"""taylor_polynomial against sympy.series, and its remainder bound against the true error.

Tolerances:

* exact polynomials must equal ``sympy.series(f, x, x0, n + 1).removeO()`` exactly
  (``simplify`` of the difference is 0); the float coefficients are those exact numbers
  rounded, so they match to 1 ulp (rtol 4 eps);
* the bound must hold: ``|f(x) − P(x)| ≤ bound`` up to the rounding of evaluating both
  sides, ``8 eps (|f(x)| + Σ|cₖ| |x − x₀|ᵏ)``;
* finite-difference coefficients: within their own ``coefficient_errors``, and within the
  accuracy the module docstring states for the k-th derivative (relative to
  ``max(1, |f⁽ᵏ⁾|)``), times 4;
* gradients and Hessians of Python functions: 1e-9 and 1e-6 relative to the largest
  entry (central differences ~1e-10, second differences ~1e-8; see _finite_differences).
"""

import math
import re

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mathforml.calculus as calc
from mathforml.errors import DTypeError, ExpressionError, NotFiniteError, ParameterError, ShapeError
from tests.reference import EPS, assert_close

X, Y, Z = sp.symbols("x y z", real=True)
# The stated accuracy of the k-th finite-difference derivative (module docstring), k = 0..7.
ACCURACY = [1e-15, 1e-13, 3e-11, 3e-9, 2e-7, 2e-6, 2e-5, 3e-4]


def check_bound(p, f, xs):
    """|f(x) − P(x)| <= bound(x) at every x, up to the rounding of both evaluations."""
    xs = np.asarray(xs, dtype=float)
    bounds = p.remainder_bound(xs)
    assert bounds.shape == xs.shape and bounds.dtype == np.float64
    for x, bound in zip(xs, bounds, strict=True):
        d = abs(x - p.x0)
        fx = f(x)
        rounding = 8 * EPS * (abs(fx) + sum(abs(c) * d**k for k, c in enumerate(p.coefficients)))
        assert abs(fx - p(x)) <= bound + rounding, (x, fx, p(x), bound)


# --------------------------------------------------------------------------- exact, one variable

EXACT_CASES = [
    ("exp(x)", 0, 5),
    ("exp(x)", 1, 3),
    ("sin(x)", "pi/4", 6),
    ("cos(x)", 0, 8),
    ("log(x)", 1, 4),
    ("sqrt(x)", 4, 3),
    ("1/(1 - x)", 0, 7),
    ("cos(x)^2", 0.5, 4),
    ("exp(-x^2/2)", 1, 5),
    ("x^3 - 2x", 2, 5),
    ("tan(x)", 0, 7),
    ("log(1 + exp(x))", 0, 4),
    ("x^x", 1, 3),
    ("sin(x)/x", "pi", 4),
    ("7", 3, 2),
    ("exp(x)", -2, 0),
]


@pytest.mark.parametrize(("text", "x0", "order"), EXACT_CASES)
def test_exact_polynomial_equals_sympy_series(text, x0, order):
    from mathforml._expressions import parse_expression

    f = parse_expression(text)
    center = parse_expression(x0, ()) if isinstance(x0, str) else sp.nsimplify(x0)
    series = sp.series(f, X, center, order + 1).removeO()
    p = calc.taylor_polynomial(text, x0, order)
    assert sp.simplify(p.expression - series) == 0
    assert p.order == order and p.x0 == float(center) and p.coefficient_errors is None
    expected = [float(sp.diff(f, X, k).subs(X, center) / sp.factorial(k)) for k in range(order + 1)]
    assert_close(p.coefficients, np.array(expected), rtol=4 * EPS)


def test_sympy_expression_and_its_own_symbol():
    t = sp.Symbol("t")
    p = calc.taylor_polynomial(sp.sin(t) * sp.exp(t), 0, 4)
    assert sp.expand(p.expression - sp.series(sp.sin(t) * sp.exp(t), t, 0, 5).removeO()) == 0
    q = calc.taylor_polynomial(sp.sin(t), sp.pi / 2, 2, variables=t)
    assert sp.simplify(q.expression - (1 - (t - sp.pi / 2) ** 2 / 2)) == 0


def test_float_center_is_read_as_its_decimal():
    p = calc.taylor_polynomial("exp(x)", 0.1, 1)
    tenth = sp.Rational(1, 10)
    assert sp.simplify(p.expression - (sp.exp(tenth) + sp.exp(tenth) * (X - tenth))) == 0


def test_evaluation_is_the_polynomial():
    p = calc.taylor_polynomial("sin(x)", 1, 5)
    g = sp.lambdify(X, p.expression)
    xs = np.linspace(-1, 3, 9)
    assert_close(p(xs), g(xs), rtol=1e-13)
    assert isinstance(p(0.5), float) and p(xs).shape == (9,)
    assert_close(p([[0.5, 1.5]]), np.array([[g(0.5), g(1.5)]]), rtol=1e-13)


# --------------------------------------------------------------------------- the remainder bound

FUNCTIONS = {
    "exp(x)": math.exp,
    "sin(x)": math.sin,
    "cos(2x)": lambda x: math.cos(2 * x),
    "log(3 + x)": lambda x: math.log(3 + x),
    "1/(2 + x)": lambda x: 1 / (2 + x),
    "sqrt(4 + x)": lambda x: math.sqrt(4 + x),
    "exp(-x^2)": lambda x: math.exp(-x * x),
    "exp(-x^2/2)": lambda x: math.exp(-x * x / 2),
}
# The functions on which the module docstring's accuracy table was measured.
MEASURED = {"exp(x)", "sin(x)", "1/(2 + x)", "log(3 + x)", "exp(-x^2/2)"}


@settings(max_examples=60)
@given(
    st.sampled_from(sorted(FUNCTIONS)),
    st.integers(0, 8),
    st.floats(-1, 1),
    st.lists(st.floats(-0.9, 0.9), min_size=1, max_size=4),
)
def test_remainder_bound_holds_at_sampled_points(text, order, x0, offsets):
    p = calc.taylor_polynomial(text, round(x0, 3), order)
    check_bound(p, FUNCTIONS[text], [p.x0 + d for d in offsets])


@pytest.mark.parametrize("order", [0, 1, 4, 9])
def test_bound_of_exp_is_exactly_lagrange(order):
    # f^(n+1) = e^x is largest at the right end: the bound is e^x x^(n+1)/(n+1)! for x > 0,
    # and x^(n+1)/(n+1)! (e^0) for x < 0.
    p = calc.taylor_polynomial("exp(x)", 0, order)
    xs = np.array([-2.0, -0.5, 0.25, 1.0, 3.0])
    expected = np.maximum(np.exp(xs), 1.0) * np.abs(xs) ** (order + 1) / math.factorial(order + 1)
    assert_close(p.remainder_bound(xs), expected, rtol=1e-13)


def test_bound_finds_an_interior_maximum():
    # f = sin: f^(2) = −sin x has |.| largest at π/2, inside [0, 3]; the bound uses 1.
    p = calc.taylor_polynomial("sin(x)", 0, 1)
    assert_close(p.remainder_bound(3.0), 1.0 * 3.0**2 / 2, rtol=1e-14)
    # f = exp(-x^2/2): f''' = (3x − x³) e^(−x²/2), largest |.| at x = sqrt(3 − sqrt(6)).
    p = calc.taylor_polynomial("exp(-x^2/2)", 0, 2)
    xm = math.sqrt(3 - math.sqrt(6))
    m3 = (3 * xm - xm**3) * math.exp(-(xm**2) / 2)
    assert_close(p.remainder_bound(2.0), m3 * 2.0**3 / 6, rtol=1e-12)


def test_bound_is_zero_at_the_center_and_infinite_across_a_singularity():
    p = calc.taylor_polynomial("log(x)", 1, 3)
    assert p.remainder_bound(1.0) == 0.0
    assert p.remainder_bound(-0.5) == math.inf  # log is not real on [-0.5, 1]
    q = calc.taylor_polynomial("1/(1 - x)", 0, 2)
    assert q.remainder_bound(2.0) == math.inf  # the pole at 1
    r = calc.taylor_polynomial("abs(x)", 1, 1)  # |x| has a kink at 0: |x|'' = 2 DiracDelta(x)
    assert r.remainder_bound(-1.0) == r.remainder_bound(0.0) == math.inf
    assert r.remainder_bound(0.5) == 0.0
    s = calc.taylor_polynomial("1/(x^2 - 0.6x + 0.09)", 1, 1)  # a double pole at 0.3
    assert s.remainder_bound(0.0) == math.inf and math.isfinite(s.remainder_bound(0.5))
    t = calc.taylor_polynomial("tan(x)", 0, 3)
    assert t.remainder_bound(1.5) < math.inf and t.remainder_bound(1.6) == math.inf


def test_polynomial_of_high_enough_order_is_exact():
    p = calc.taylor_polynomial("x^3 - 2x", 2, 3)
    assert p.remainder_bound(10.0) == 0.0
    assert sp.expand(p.expression) == X**3 - 2 * X


# --------------------------------------------------------------------------- Python functions


@settings(max_examples=40)
@given(st.sampled_from(sorted(FUNCTIONS)), st.integers(0, 6), st.floats(-1, 1))
def test_finite_difference_coefficients_match_the_exact_ones(text, order, x0):
    x0 = round(x0, 3)
    exact = calc.taylor_polynomial(text, x0, order)
    numerical = calc.taylor_polynomial(FUNCTIONS[text], x0, order)
    assert numerical.expression is None and numerical.coefficients.shape == (order + 1,)
    error = np.abs(numerical.coefficients - exact.coefficients)
    # the exact side is at the decimal x0, the function at the nearest float: 1e-14 covers
    # the difference for these functions (condition number |x f'(x)/f(x)| <= 50 here)
    allowed = numerical.coefficient_errors + 1e-14 * np.maximum(1, np.abs(exact.coefficients))
    assert (error <= allowed).all()
    if text in MEASURED:  # faster-varying functions (e^(−x²)) lose more: see their estimates
        factorials = np.array([math.factorial(k) for k in range(order + 1)], dtype=float)
        stated = 4 * np.array(ACCURACY[: order + 1]) * np.maximum(
            1, np.abs(exact.coefficients) * factorials)
        assert (error * factorials <= stated).all(), (error * factorials, stated)


@pytest.mark.parametrize("text", ["exp(x)", "log(3 + x)", "1/(2 + x)"])
def test_numerical_remainder_estimate_is_close_to_the_bound(text):
    # f^(n+1) is monotone on these intervals: both find M at an end.
    for order in (1, 3):
        exact = calc.taylor_polynomial(text, 0.0, order)
        numerical = calc.taylor_polynomial(FUNCTIONS[text], 0.0, order)
        xs = np.array([-0.8, 0.5, 0.9])
        assert_close(numerical.remainder_bound(xs), exact.remainder_bound(xs),
                     rtol=10 * ACCURACY[order + 1])


def test_numerical_bound_is_infinite_where_f_fails():
    p = calc.taylor_polynomial(lambda x: math.log(1 + x), 0.0, 2)
    assert p.remainder_bound(-1.5) == math.inf


# --------------------------------------------------------------------------- several variables


def test_multivariate_exact_matches_sympy_gradient_and_hessian():
    f = sp.exp(X) * sp.sin(Y) + X**2 * Y**3
    x0 = np.array([0.5, 1.25])
    at = {X: sp.Rational(1, 2), Y: sp.Rational(5, 4)}
    m = calc.taylor_polynomial("exp(x) sin(y) + x^2*y^3", x0, 2)
    grad = np.array([float(sp.diff(f, v).subs(at)) for v in (X, Y)])
    hess = np.array(sp.hessian(f, (X, Y)).subs(at), dtype=float)
    assert_close(m.gradient, grad, rtol=4 * EPS)
    assert_close(m.hessian, hess, rtol=4 * EPS)
    assert m.value == float(f.subs(at))
    d = sp.Matrix([X - at[X], Y - at[Y]])
    quadratic = (f.subs(at) + (sp.Matrix(1, 2, [sp.diff(f, v).subs(at) for v in (X, Y)]) * d)[0]
                 + (d.T * sp.hessian(f, (X, Y)).subs(at) * d)[0] / 2)
    assert sp.simplify(m.expression - quadratic) == 0
    points = np.array([[0.6, 1.1], [0.0, 2.0], [0.5, 1.25]])
    g = sp.lambdify((X, Y), m.expression)
    assert_close(m(points), g(points[:, 0], points[:, 1]), rtol=1e-13)
    assert isinstance(m([0.6, 1.1]), float)


@pytest.mark.parametrize("order", [0, 1, 2])
def test_multivariate_bound_holds(order):
    f = lambda v: math.exp(v[0]) * math.sin(v[1]) + v[0] ** 2 * v[1] ** 3  # noqa: E731
    m = calc.taylor_polynomial("exp(x) sin(y) + x^2*y^3", [0.5, 1.25], order)
    rng = np.random.default_rng(0)
    points = m.x0 + rng.uniform(-0.6, 0.6, size=(6, 2))
    bounds = m.remainder_bound(points)
    assert bounds.shape == (6,)
    for point, bound in zip(points, bounds, strict=True):
        assert abs(f(point) - m(point)) <= bound + 1e-13
    assert m.remainder_bound(m.x0) == 0.0
    assert (m.gradient is None) == (order == 0) and (m.hessian is None) == (order < 2)


def test_multivariate_bound_is_exact_for_a_cubic():
    # f = x³ + y³: φ'''(t) = 6 (d_x³ + d_y³), constant, so the bound is the error itself.
    m = calc.taylor_polynomial("x^3 + y^3", [1.0, -1.0], 2)
    x = np.array([1.5, -0.25])
    error = (x**3).sum() - m(x)
    assert_close(m.remainder_bound(x), abs(error), rtol=1e-12)


def test_multivariate_python_function_matches_exact():
    def f(v):
        return np.exp(v[0]) * np.sin(v[1]) + v[2] * v[0] ** 2

    exact = calc.taylor_polynomial("exp(x) sin(y) + z*x^2", [0.3, -0.7, 2.0], 2)
    numerical = calc.taylor_polynomial(f, [0.3, -0.7, 2.0], 2)
    assert numerical.expression is None
    assert_close(numerical.gradient, exact.gradient, rtol=1e-9, scale=np.abs(exact.gradient).max())
    assert_close(numerical.hessian, exact.hessian, rtol=1e-6, scale=np.abs(exact.hessian).max())
    x = np.array([0.4, -0.5, 2.2])
    assert_close(numerical.remainder_bound(x), exact.remainder_bound(x), rtol=1e-3)


def test_multivariate_with_named_variables_and_symbols():
    a, b = sp.symbols("a b")
    m = calc.taylor_polynomial(a * b**2, [1, 2], 1, variables=(a, b))
    assert sp.expand(m.expression - (4 + 4 * (a - 1) + 4 * (b - 2))) == 0
    m = calc.taylor_polynomial("u*v", [1, 2], 2, variables=("u", "v"))
    assert_close(m.hessian, np.array([[0.0, 1.0], [1.0, 0.0]]))


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("f", "x0", "order", "match"),
    [
        ("exp(x)", 0, -1, "order must be a non-negative integer, got -1"),
        ("exp(x)", 0, 1.5, "order must be a non-negative integer, got 1.5"),
        ("exp(x)", 0, 21, "order must be at most 20 for exact derivatives, got 21"),
        (math.exp, 0, 7, "order must be at most 6 for a Python function"),
        ("x*y", [0, 0], 3, "order must be at most 2 for several variables"),
        ("exp(x) + a", 0, 1, r"cannot read f 'exp\(x\) \+ a'"),
        ("exp(x)", "2y", 1, r"cannot read x0 '2y'"),
    ],
)
def test_bad_order_and_text(f, x0, order, match):
    with pytest.raises((ParameterError, ExpressionError), match="taylor_polynomial: " + match):
        calc.taylor_polynomial(f, x0, order)


def test_error_classes():
    with pytest.raises(DTypeError, match="taylor_polynomial: f must be text such as 'exp"):
        calc.taylor_polynomial(3.0, 0, 1)
    with pytest.raises(DTypeError, match="taylor_polynomial: f must be a string .* or a SymPy"):
        calc.taylor_polynomial(sp.Eq(X, 1), 0, 1)
    with pytest.raises(DTypeError, match="taylor_polynomial: x0 holds complex numbers"):
        calc.taylor_polynomial("x", 1j, 1)
    with pytest.raises(NotFiniteError, match="taylor_polynomial: x0 contains NaN"):
        calc.taylor_polynomial("x", math.nan, 1)
    with pytest.raises(ParameterError, match=r"taylor_polynomial: x0 must be a finite real "
                       r"number, got I"):
        calc.taylor_polynomial("x", sp.I, 1)
    with pytest.raises(NotFiniteError, match="taylor_polynomial: f contains infinity"):
        calc.taylor_polynomial(X + sp.oo, 0, 1)


@pytest.mark.parametrize(
    ("f", "x0", "message"),
    [
        ("log(x)", 0, "the derivative of order 0 of log(x) at x0 = 0 is zoo"),
        ("sqrt(x)", 0, "the derivative of order 1 of sqrt(x) at x0 = 0 is zoo"),
        ("sqrt(x)", -1, "the derivative of order 0 of sqrt(x) at x0 = -1 is 1.0*I, not a "
                        "finite real number"),
    ],
)
def test_not_smooth_at_the_center(f, x0, message):
    with pytest.raises(NotFiniteError, match="taylor_polynomial: " + re.escape(message)):
        calc.taylor_polynomial(f, x0, 2)


def test_python_function_not_finite_at_the_center():
    with pytest.raises(NotFiniteError, match="taylor_polynomial: the finite-difference "
                       "derivative of order 0 at x0 = 0.0 is not finite"):
        calc.taylor_polynomial(lambda x: np.inf, 0.0, 2)
    with pytest.raises(NotFiniteError, match="taylor_polynomial: f\\(x0\\) is not finite"):
        calc.taylor_polynomial(lambda v: np.nan, [0.0, 1.0], 2)
    with pytest.raises(ShapeError, match="taylor_polynomial: f must return one number, got an "
                       r"array of shape \(2,\)"):
        calc.taylor_polynomial(lambda v: v, [0.0, 1.0], 1)


def test_multivariate_not_smooth_at_the_center():
    with pytest.raises(NotFiniteError, match=re.escape(
            "taylor_polynomial: the value of y + log(x) at x0 = [0.0, 1.0] is zoo, not a finite "
            "real number")):
        calc.taylor_polynomial("log(x) + y", [0, 1], 2)
    with pytest.raises(NotFiniteError, match="taylor_polynomial: a first derivative of "):
        calc.taylor_polynomial("sqrt(x) + y", [0, 1], 1)


def test_several_variables_errors():
    with pytest.raises(ParameterError, match=r"taylor_polynomial: f has symbols \['a'\] besides "
                       r"the variables \('x',\)"):
        calc.taylor_polynomial(sp.Symbol("a") * X, 0, 1)
    with pytest.raises(ParameterError, match="x0 has 4 entries; name the variables of f"):
        calc.taylor_polynomial("x", [0, 0, 0, 0], 1)
    with pytest.raises(ShapeError, match=r"x0 has 2 entries but variables names 3"):
        calc.taylor_polynomial("x", [0, 0], 1, variables=("x", "y", "z"))
    with pytest.raises(DTypeError, match="taylor_polynomial: variables must be a sequence"):
        calc.taylor_polynomial("x", [0, 0], 1, variables=5)
    m = calc.taylor_polynomial("x*y", [0, 0], 2)
    with pytest.raises(ShapeError, match=r"MultivariateTaylor: x must have 2 entries .* got "
                       r"shape \(3,\)"):
        m([1.0, 2.0, 3.0])


def test_derivative_with_no_numerical_form():
    # A function NumPy cannot evaluate is refused by name.
    p = calc.taylor_polynomial(sp.besselj(0, X), 1, 0)  # J₀' = −J₁: NumPy has no Bessel J
    with pytest.raises(ParameterError, match="taylor_polynomial: cannot evaluate"):
        p.remainder_bound(1.5)
