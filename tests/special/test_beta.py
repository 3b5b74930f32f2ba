"""betaln, betainc, betaincinv against SciPy and against exact binomial sums.

For integer a and b, ``I_x(a, b) = P(Binomial(a+b-1, x) >= a)``: a finite sum, exact in
fractions for a binary x. That is the reference in the tails and for large a, b, where
SciPy itself loses digits (its betaln errs by 5e-11 at a ≈ 1e4, b ≈ 0.2; its betainc by
1e-11 relative near 1e-200), so SciPy is compared only where it is accurate.
"""

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import scipy.special as sc
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.special as ms
import mathforml.special._beta as beta_module
from mathforml.errors import ConvergenceError, ParameterError, ShapeError
from tests.reference import EPS, assert_close


def log_uniform(lo_exp, hi_exp):
    return st.floats(lo_exp, hi_exp).map(lambda e: 10.0**e)


@st.composite
def parameters_and_points(draw, lo_exp=-1, hi_exp=2):
    """(a, b, x) arrays of one shape: a, b log-uniform, x in [0, 1]."""
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=5))
    a = draw(hnp.arrays(np.float64, shape, elements=log_uniform(lo_exp, hi_exp)))
    b = draw(hnp.arrays(np.float64, shape, elements=log_uniform(lo_exp, hi_exp)))
    # normal floats only: SciPy's betainc is off by 1% at x = 5e-324
    x = draw(hnp.arrays(np.float64, shape, elements=st.floats(0, 1, allow_subnormal=False)))
    return a, b, x


# -- log B -------------------------------------------------------------------------------


@given(parameters_and_points())
def test_betaln_matches_scipy_for_moderate_parameters(abx):
    a, b, _ = abx
    # Relative to max(1, |log B|): near B = 1 the result is a difference of O(1) terms.
    assert_close(ms.betaln(a, b), sc.betaln(a, b), rtol=1e-13, atol=1e-13)


@given(st.floats(1e3, 1e15), st.integers(1, 20))
def test_betaln_with_one_large_argument_matches_the_exact_product(a, n):
    # B(a, n) = (n-1)! / (a (a+1) ... (a+n-1)) for an integer n: no cancellation in the
    # reference, while log Γ(a) - log Γ(a+n) cancels terms of size a log a.
    expected = math.lgamma(n) - math.fsum(math.log(a + k) for k in range(n))
    assert math.isclose(float(ms.betaln(a, float(n))), expected, rel_tol=1e-14)
    assert math.isclose(float(ms.betaln(float(n), a)), expected, rel_tol=1e-14)


@given(log_uniform(1, 6), log_uniform(1, 6))
def test_betaln_is_symmetric_and_satisfies_the_recurrence(a, b):
    # B(a, b) = B(b, a) and B(a + 1, b) = B(a, b) · a / (a + b).
    lb = float(ms.betaln(a, b))
    assert float(ms.betaln(b, a)) == lb
    assert math.isclose(float(ms.betaln(a + 1, b)), lb + math.log(a / (a + b)),
                        rel_tol=1e-14, abs_tol=1e-14 * (1 + abs(lb)))


# -- I_x(a, b) ----------------------------------------------------------------------------


@given(parameters_and_points())
def test_betainc_matches_scipy_for_moderate_parameters(abx):
    # a, b in [0.1, 100]: measured agreement 8e-14 in the bulk and 1.4e-13 down to 1e-300
    # (both checked against 50-digit arithmetic while writing this test).
    a, b, x = abx
    assert_close(ms.betainc(a, b, x), sc.betainc(a, b, x), rtol=1e-12, atol=1e-300)


def _binomial_upper_tail(a: int, b: int, x: Fraction) -> Fraction:
    """I_x(a, b) = Σ_{j=a}^{n} C(n, j) x^j (1-x)^(n-j), n = a + b - 1, exactly.

    With x = k/D the terms are integers over Dⁿ: tⱼ = C(n, j) kʲ (D-k)^(n-j), and
    t_{j+1} = tⱼ (n-j) k / ((j+1)(D-k)) divides exactly. The shorter side is summed.
    """
    n = a + b - 1
    k, D = x.numerator, x.denominator
    upper = a > n / 2
    js = range(a, n + 1) if upper else range(a)
    t = math.comb(n, js[0]) * k ** js[0] * (D - k) ** (n - js[0])
    total = 0
    for j in js:
        total += t
        t = t * (n - j) * k // ((j + 1) * (D - k))
    tail = Fraction(total, D**n)
    return tail if upper else 1 - tail


@given(st.integers(1, 120), st.integers(1, 120), st.integers(1, 255))
def test_betainc_for_integers_matches_the_exact_binomial_sum(a, b, k):
    # x = k/256 exactly; the reference is exact, so this measures our own error: 1e-14
    # relative, plus 2 eps per unit of -log I: far in a tail the result is the
    # exponential of a sum of terms like a log x, each rounded (measured: 8e-14 at 1e-225,
    # where |log I| = 516).
    x = Fraction(k, 256)
    expected = _binomial_upper_tail(a, b, x)
    ours, ours_c = float(ms.betainc(float(a), float(b), k / 256)), float(
        ms.betainc(float(b), float(a), 1 - k / 256))
    for value, exact in ((ours, expected), (ours_c, 1 - expected)):  # I_{1-x}(b, a) = 1 - I
        if exact > Fraction(1, 10**300):
            rtol = 1e-14 + 2 * EPS * abs(math.log(exact))
            assert math.isclose(value, float(exact), rel_tol=rtol)


@pytest.mark.parametrize(("a", "b", "x"), [
    (10_000, 9_000, Fraction(1, 2)),   # far tail: about 1e-14
    (9_000, 10_000, Fraction(1, 2)),   # the complement, near 1
    (10_000, 10_000, Fraction(15, 32)),
    (12_000, 4_000, Fraction(3, 4)),  # the mean: I ≈ ½
    (3_000, 30_000, Fraction(1, 16)),
    (20_000, 20, Fraction(63, 64)),
])  # fmt: skip
def test_betainc_for_large_parameters_matches_the_exact_sum(a, b, x):
    # a, b ~ 1e4 (the brief's tail case): Stirling's prefactor keeps ~1e-13 relative.
    expected = float(_binomial_upper_tail(a, b, x))
    ours = float(ms.betainc(float(a), float(b), float(x)))
    assert math.isclose(ours, expected, rel_tol=2e-13)


@settings(max_examples=30)  # each exact sum has up to 10⁴ terms
@given(st.integers(1000, 5000), st.integers(1000, 5000), st.floats(-4, 4))
def test_betainc_in_temmes_domain_matches_the_exact_sum(a, b, s):
    # min(a, b) >= 1000 within 5.7 standard deviations of the mean: Temme's expansion.
    # Measured 3e-16 against the exact sums; 1e-14 leaves room.
    n = a + b
    x0, sd = a / n, math.sqrt(a * b / n**3)
    x = Fraction(round((x0 + s * sd) * 4096), 4096)
    expected = _binomial_upper_tail(a, b, x)
    for ours, exact in ((ms.betainc(float(a), float(b), float(x)), expected),
                        (ms.betainc(float(b), float(a), float(1 - x)), 1 - expected)):
        assert math.isclose(float(ours), float(exact), rel_tol=1e-14)


def _beta_quad(a: float, b: float, x: float, upper: bool):
    """I_x(a, b) (or 1 - I_x) by 40-digit quadrature of t^(a-1) (1-t)^(b-1) / B(a, b).

    The upper tail is integrated in u = 1 - t (exact near t = 1, where b < 1 makes the
    integrand singular). The interval is split around the peak (width sqrt(ab/(a+b)³))
    and at x; checked while writing this test: I + (1 - I) - 1 = 1e-30 at every point.
    """
    with mpmath.workdps(40):
        a, b, x = mpmath.mpf(a), mpmath.mpf(b), mpmath.mpf(x)
        lnb = mpmath.loggamma(a) + mpmath.loggamma(b) - mpmath.loggamma(a + b)
        r = a + b
        sd = mpmath.sqrt(a * b / r**3)
        if upper:  # ∫ over u in [0, 1 - x] of u^(b-1) (1-u)^(a-1) / B
            a, b, x = b, a, 1 - x
        def f(t):
            return mpmath.exp((a - 1) * mpmath.log(t) + (b - 1) * mpmath.log1p(-t) - lnb)

        centre = a / r
        points = sorted(p for p in {centre + k * sd for k in range(-12, 13)} if 0 < p < x)
        return mpmath.quad(f, [mpmath.mpf(0)] + points + [x])


@pytest.mark.parametrize(("a", "b"), [
    (3e6, 1e6), (1e12, 1e12), (1e12, 1e6), (1e15, 1e4), (1e8, 50.0), (5e14, 0.5),
    (1e15, 2.0),
])  # fmt: skip
def test_betainc_for_huge_parameters_matches_40_digit_quadrature(a, b):
    # Near the mean Temme's expansion (both parameters >= 1000), elsewhere the continued
    # fraction, which needs < 80 steps there: no limit on a and b. λ = a(1-x) - bx in
    # twice the working precision keeps 1e-14 where it cancels (1e-9 without, at 1e12);
    # x = k/2⁵³, so that 1 - x is exact and both sides integrate the same function.
    r = a + b
    x0, sd = a / r, math.sqrt(a * b / r**3)
    points, exact = [], []
    for s in (-8.0, -2.0, 0.1, 1.0, 6.0):
        x = round((x0 + s * sd) * 2.0**53) / 2.0**53
        if not 0 < x < 1:
            continue
        exact_i = float(_beta_quad(a, b, x, upper=False))
        exact_j = float(_beta_quad(a, b, x, upper=True))
        for ours, value in ((ms.betainc(a, b, x), exact_i), (ms.betainc(b, a, 1 - x), exact_j)):
            assert math.isclose(float(ours), value, rel_tol=1e-14)
        points.append(x)
        exact.append(exact_i)
    # and the array version, whose entries near the mean take Temme's expansion together
    ours = ms.betainc(np.full(len(points), a), b, np.array(points))
    assert_close(ours, np.array(exact), rtol=1e-14)


def test_betainc_with_a_much_larger_than_b_near_one():
    # Student's t with ν = 1e8 at t = -3: I_x(ν/2, ½) with 1 - x = 9/(ν + 9). The plain
    # continued fraction computes 1 - (a+b) x/(a+1) and lost 9 digits here; the even
    # part sees x only through λ = a(1-x) - bx. SciPy (Boost) is exact here.
    for nu in (1e4, 1e8, 1e12, 1e15):
        y = 9.0 / (nu + 9.0)
        x = 1.0 - y
        y = 1.0 - x  # exact, so that both libraries see the same point
        assert math.isclose(float(ms.betainc(nu / 2, 0.5, x)), sc.betainc(nu / 2, 0.5, x),
                            rel_tol=1e-14)


def test_betainc_with_a_subnormal_power_is_accurate():
    # x^a = 1.9e-56^5.6 = 1e-314 is subnormal (digits lost), although I = 1e-299 is not:
    # the prefactor is then computed from logarithms.
    a, b = 10.0**0.75, 1000.0
    x = float(ms.betaincinv(a, b, 1e-299))
    with mpmath.workdps(40):
        exact = mpmath.betainc(a, b, 0, x, regularized=True)
    assert math.isclose(float(ms.betainc(a, b, x)), float(exact), rel_tol=1e-13)


def test_betainc_raises_convergence_error_at_its_iteration_cap(monkeypatch):
    # The cap (10 000 steps) is never reached: the fraction needs < 80 steps wherever
    # Temme's expansion does not take over. Lowered, it shows the error a caller would get.
    monkeypatch.setattr(beta_module, "_MAX_ITER", 2)
    with pytest.raises(ConvergenceError, match=r"betainc: the continued fraction did not "
                                               r"converge in 2 iterations \(first case "
                                               r"a=30.0, b=40.0, x=0.4\)"):
        ms.betainc(30.0, 40.0, 0.4)
    with pytest.raises(ConvergenceError, match=r"betainc: the continued fraction did not"):
        ms.betainc([30.0], [40.0], [0.4])


def test_betainc_special_values():
    a = np.array([2.0, 2.0, 0.5, np.nan, 1.0, 1.0])
    b = np.array([3.0, 3.0, 0.5, 1.0, 1.0, 1.0])
    x = np.array([0.0, 1.0, 0.5, 0.5, 0.3, np.nan])
    assert_close(ms.betainc(a, b, x), np.array([0.0, 1.0, 0.5, np.nan, 0.3, np.nan]),
                 rtol=4 * EPS)


def test_betainc_with_tiny_b_and_x_near_one():
    # When b is tiny the mass piles up at 1: I_x(a, b) is small even for x close to 1 and
    # is computed as 1 - I_{1-x}(b, a); the result is accurate to ~5e-15 absolute (not
    # relative: 4e-12 here). SciPy is exact here, so it is the reference.
    a = np.array([9.07264823650719, 30.470276665782336])
    b = np.array([0.0010414247924058144, 0.001398885675732481])
    x = np.array([0.9537899191196306, 0.9755742728393472])
    assert_close(ms.betainc(a, b, x), sc.betainc(a, b, x), rtol=0, atol=5e-15)


# -- the inverse ---------------------------------------------------------------------------


@given(parameters_and_points())
def test_betaincinv_matches_scipy_within_the_conditioning(abx):
    a, b, p = abx
    x = ms.betaincinv(a, b, p)
    expected = sc.betaincinv(a, b, p)
    # dx = dI / I'(x): a rounding error of ~1e-16 · min(I, 1 - I) in I moves x by that over
    # the density. Allow 1e3 times it, and 1e-13 relative to min(x, 1 - x).
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        dens = np.exp((a - 1) * np.log(expected) + (b - 1) * np.log1p(-expected)
                      - sc.betaln(a, b))
        slack = np.nan_to_num(np.minimum(p, 1 - p) / dens, posinf=0.0)
    scale = np.minimum(expected, 1 - expected)
    np.testing.assert_array_less(np.abs(x - expected), 1e-13 * (scale + slack) + 1e-300)


@given(log_uniform(-1, 3), log_uniform(-1, 3), st.floats(-300, -1))
def test_betaincinv_inverts_betainc_in_both_tails(a, b, log10p):
    # Backward error in the lower tail I_x = p and the upper tail I_x = 1 - p.
    p = 10.0**log10p
    x = float(ms.betaincinv(a, b, p))
    if x > 1e-300:  # for small a and p the root is subnormal or underflows to 0
        assert math.isclose(float(ms.betainc(a, b, x)), p, rel_tol=1e-12 * (1 + a))
    x = float(ms.betaincinv(a, b, 1 - p))
    y = 1 - x
    if p > 1e-15 and 0 < y:
        # x near 1 is rounded to a multiple of 1.1e-16, so y = 1 - x carries a relative
        # error up to eps/y, and I_y(b, a) ∝ y^b moves by b times that.
        assert math.isclose(float(ms.betainc(b, a, y)), 1 - (1 - p),
                            rel_tol=1e-12 * (1 + b) + b * EPS / y)


def test_betaincinv_special_values_and_underflow():
    out = ms.betaincinv([2.0, 2.0, 1.0, np.nan, 1e-3], [3.0, 3.0, 1.0, 1.0, 200.0],
                        [0.0, 1.0, 0.3, 0.5, 0.1])
    # the last root is about 1e-700: below the smallest double, so 0
    assert_close(out, np.array([0.0, 1.0, 0.3, np.nan, 0.0]), rtol=4 * EPS)


# -- shapes and errors -----------------------------------------------------------------------


@pytest.mark.parametrize("f", [ms.betainc, ms.betaincinv])
def test_three_arguments_broadcast_like_numpy(f):
    out = f(np.array([[1.0], [2.0]]), np.array([1.0, 3.0, 5.0]), 0.5)
    assert out.shape == (2, 3)
    assert isinstance(f(2.0, 3.0, 0.5), np.float64)
    assert_close(out[1], f(np.full(3, 2.0), np.array([1.0, 3.0, 5.0]), np.full(3, 0.5)),
                 rtol=0)
    with pytest.raises(ShapeError, match=f"{f.__name__}: the arguments do not broadcast"):
        f(np.ones(2), np.ones(3), 0.5)


@pytest.mark.parametrize("f", [ms.betaln, ms.betainc, ms.betaincinv])
@pytest.mark.parametrize("bad", [0.0, -2.0, np.inf])
def test_shape_parameters_must_be_positive_and_finite(f, bad):
    args = (0.5,) if f is not ms.betaln else ()
    with pytest.raises(ParameterError, match=rf"{f.__name__}: a must be a finite number > 0"):
        f(bad, 1.0, *args)
    with pytest.raises(ParameterError, match=rf"{f.__name__}: b must be a finite number > 0"):
        f(1.0, [1.0, bad], *args)


@pytest.mark.parametrize(("f", "name", "what"), [
    (ms.betainc, "x", r"a number in \[0, 1\]"),
    (ms.betaincinv, "p", r"a probability in \[0, 1\]"),
])  # fmt: skip
def test_points_outside_zero_one_are_refused(f, name, what):
    with pytest.raises(ParameterError, match=rf"{f.__name__}: {name} must be {what}, got 1.5"):
        f(2.0, 3.0, [0.5, 1.5])


def test_betaincinv_raises_convergence_error_at_its_step_cap(monkeypatch):
    monkeypatch.setattr(beta_module, "_MAX_STEPS", 1)  # never reached otherwise
    with pytest.raises(ConvergenceError, match=r"betaincinv: Halley's iteration did not "
                                               r"converge in 1 steps \(first case a=2.0"):
        ms.betaincinv(2.0, 3.0, 0.3)
