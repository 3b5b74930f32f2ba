"""Normal, Uniform, Beta, StudentT, ChiSquared against scipy.stats' frozen distributions.

Each distribution is compared with the SciPy object of the same parameters on
Hypothesis-generated parameters and points: densities, CDFs and survival functions to
1e-10 relative in the bulk (points between the 1e-12 and 1 - 1e-12 quantiles), then
named tail cases with their own stated accuracy, quantiles, summaries, seeded sample
moments, maximum-likelihood fits, the edges of the support, and every error.
"""

import inspect
import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import scipy.special as sc
import scipy.stats as ss
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.probability._student_t as student_t_module
from mathforml.errors import ConvergenceError, DTypeError, NotFiniteError, ParameterError
from mathforml.probability import Beta, ChiSquared, Normal, StudentT, Uniform
from tests.reference import EPS, assert_close


def log_uniform(lo_exp, hi_exp):
    return st.floats(lo_exp, hi_exp).map(lambda e: 10.0**e)


# Each case: a strategy for our distribution, and its scipy.stats twin.
CASES = {
    "Normal": (st.builds(Normal, st.floats(-100, 100), log_uniform(-3, 3)),
               lambda d: ss.norm(d.mu, d.sigma)),
    "Uniform": (st.tuples(st.floats(-100, 100), log_uniform(-3, 3)).map(
                    lambda lw: Uniform(lw[0], lw[0] + lw[1])),
                lambda d: ss.uniform(d.low, d.high - d.low)),
    "Beta": (st.builds(Beta, log_uniform(-1, 2), log_uniform(-1, 2)),
             lambda d: ss.beta(d.alpha, d.beta)),
    "StudentT": (st.builds(StudentT, log_uniform(-1, 3)), lambda d: ss.t(d.df)),
    "ChiSquared": (st.builds(ChiSquared, log_uniform(-1, 3)), lambda d: ss.chi2(d.df)),
}  # fmt: skip
NAMES = sorted(CASES)


@st.composite
def dist_and_points(draw, name):
    """(ours, SciPy's, points in the bulk): points are quantiles of q in [1e-12, 1 - 1e-12]."""
    ours = draw(CASES[name][0])
    ref = CASES[name][1](ours)
    q = draw(hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=2, max_side=5),
                        elements=st.floats(1e-12, 1 - 1e-12)))
    return ours, ref, ref.ppf(q)


def _given_each(test):
    """Run ``test(ours, ref, x)`` for each distribution on Hypothesis-drawn cases."""
    @pytest.mark.parametrize("name", NAMES)
    def wrapper(name):
        given(dist_and_points(name))(lambda case: test(*case))()
    wrapper.__name__ = test.__name__
    wrapper.__doc__ = test.__doc__
    return wrapper


# -- values against SciPy, in the bulk ---------------------------------------------------


@_given_each
def test_pdf_and_logpdf_match_scipy(ours, ref, x):
    # Densities are smooth functions of x and the parameters; 1e-10 leaves room for the
    # conditioning of x itself (x carries its own rounding, relative 1e-16, times the
    # density's log-derivative, which reaches 1e4 for Beta(100, 100) near its ends).
    assert_close(ours.pdf(x), ref.pdf(x), rtol=1e-10)
    assert_close(ours.logpdf(x), ref.logpdf(x), rtol=1e-10, atol=1e-10)


@_given_each
def test_cdf_and_sf_match_scipy(ours, ref, x):
    # Both tails relative: sf is computed directly, never as 1 - cdf.
    assert_close(ours.cdf(x), ref.cdf(x), rtol=1e-10, atol=1e-300)
    if isinstance(ours, Uniform):
        # SciPy's uniform.sf is 1 - cdf, which cancels near high; ours is exact there.
        exact = np.vectorize(lambda v: float((Fraction(ours.high) - Fraction(v))
                                             / (Fraction(ours.high) - Fraction(ours.low))))
        assert_close(ours.sf(x), np.asarray(exact(x), dtype=float), rtol=4 * EPS)
    else:
        assert_close(ours.sf(x), ref.sf(x), rtol=1e-10, atol=1e-300)


@pytest.mark.parametrize("name", NAMES)
def test_ppf_matches_scipy_and_inverts_cdf(name):
    @given(CASES[name][0], hnp.arrays(np.float64, st.integers(0, 6),
                                      elements=st.floats(1e-12, 1 - 1e-12)))
    def check(ours, q):
        ref = CASES[name][1](ours)
        x = ours.ppf(q)
        expected = ref.ppf(q)
        # Relative to the spread of the distribution (quantiles near 0 are compared
        # absolutely) and to the conditioning q/(x f(x)) of the inverse.
        with np.errstate(divide="ignore", over="ignore"):
            cond = np.nan_to_num(np.minimum(q, 1 - q) / (np.abs(expected) * ref.pdf(expected)),
                                 posinf=0.0)
        scale = np.abs(expected) * (1 + cond) + ref.std() if np.isfinite(ref.std()) else (
            np.abs(expected) * (1 + cond) + 1.0)
        # SciPy's quantile is a reference where it inverts SciPy's own CDF (to 1e-12 and
        # the rounding of x): next to the median of a symmetric Beta, Boost's inverse is
        # off by 1e-10 (ppf(0.5 - 2⁻⁵⁴) = 0.5 + 1e-10 for Beta(2.2, 2.2); ours is 0.5).
        with np.errstate(invalid="ignore"):
            inverts = np.abs(ref.cdf(expected) - q) <= 1e-12 * np.minimum(q, 1 - q) + (
                4 * EPS * np.abs(expected) * ref.pdf(expected))
        inverts |= ~np.isfinite(expected)
        np.testing.assert_array_less(np.abs(x - expected)[inverts],
                                     (1e-10 * scale + 1e-300)[inverts])
        # Backward: cdf(ppf(q)) = q below the median, sf(ppf(q)) = 1 - q above, up to the
        # effect of rounding x itself (|x| eps f(x), relative to the tail probability; two
        # roundings for Uniform's low + q (high - low)).
        # (A root within rounding of a finite end of the support, Beta(1, 0.1) at q = 0.98:
        # x = 1 - 9e-19 = 1.0, is exact as a double but not invertible: skipped.)
        with np.errstate(divide="ignore", invalid="ignore"):
            slack = 2 * np.abs(x) * EPS * ref.pdf(x) / np.minimum(q, 1 - q)
        ok = np.isfinite(slack)
        lower, upper = ok & (q <= 0.5), ok & (q > 0.5)
        rtol = 1e-9 + slack[ok].max(initial=0)
        assert_close(ours.cdf(x[lower]), q[lower], rtol=rtol)
        assert_close(ours.sf(x[upper]), 1 - q[upper], rtol=rtol)

    check()


@pytest.mark.parametrize("name", NAMES)
def test_mean_var_std_entropy_match_scipy(name):
    @given(CASES[name][0])
    def check(ours):
        ref = CASES[name][1](ours)
        ref_mean = ref.mean()
        if isinstance(ours, StudentT) and ours.df <= 1:
            ref_mean = np.nan  # undefined; SciPy reports inf
        for ours_v, ref_v in ((ours.mean(), ref_mean), (ours.var(), ref.var()),
                              (ours.std(), ref.std())):
            assert_close(np.float64(ours_v), np.float64(ref_v), rtol=1e-12)
        # SciPy's t entropy switches to an asymptotic series at large df: 1e-12 between them.
        assert_close(np.float64(ours.entropy()), np.float64(ref.entropy()), rtol=1e-11,
                     atol=1e-12)

    check()


# -- named hard cases: the tails and extreme parameters ---------------------------------


def test_normal_tails_keep_relative_accuracy():
    d = Normal(0.0, 1.0)
    # sf(10) and cdf(-37): computed directly, no 1 - cdf; e^(-x²/2) from x itself. SciPy
    # rounds x²/2 (error x² eps relative); the C library's erfc is the sharper reference.
    for x in (10.0, 20.0, 37.0):
        expected = 0.5 * math.erfc(x / math.sqrt(2.0))
        assert math.isclose(float(d.sf(x)), expected, rel_tol=4 * EPS * x * x)
        assert math.isclose(float(d.cdf(-x)), expected, rel_tol=4 * EPS * x * x)
    assert_close(d.ppf([1e-300, 1 - 1e-16]), ss.norm.ppf([1e-300, 1 - 1e-16]), rtol=1e-14)


def test_normal_with_tiny_and_huge_sigma():
    tiny = Normal(0.0, 1e-300)
    assert_close(tiny.cdf([-1e-300, 0.0, 1e-300]), ss.norm.cdf([-1.0, 0.0, 1.0]), rtol=1e-15)
    assert math.isclose(float(tiny.pdf(0.0)), 1 / math.sqrt(2 * math.pi) * 1e300,
                        rel_tol=1e-15)
    assert math.isclose(float(tiny.logpdf(0.0)), -0.5 * math.log(2 * math.pi) + 300 * math.log(10),
                        rel_tol=1e-15)
    assert tiny.pdf(1.0) == 0.0 and tiny.logpdf(1.0) == -np.inf
    assert tiny.cdf(1.0) == 1.0 and tiny.sf(1.0) == 0.0
    huge = Normal(0.0, 1e300)
    assert_close(huge.logpdf([0.0, 1e300]), ss.norm(0, 1e300).logpdf([0.0, 1e300]), rtol=1e-14)


@pytest.mark.parametrize(("df", "t"), [(3.0, 1e3), (1.0, 1e10), (30.0, 40.0), (0.5, 1e6)])
def test_student_t_upper_tail(df, t):
    # P(T > t) = ½ I_{ν/(ν+t²)}(ν/2, ½) with x = ν/(ν+t²) formed directly: full relative
    # accuracy in the far tail (SciPy's boost-based t.sf agrees to 1e-13).
    d = StudentT(df)
    assert_close(d.sf(t), ss.t(df).sf(t), rtol=1e-12)
    assert_close(d.cdf(-t), ss.t(df).cdf(-t), rtol=1e-12)


def test_student_t_near_zero_and_huge_df():
    # Near t = 0, cdf = ½ + small: the small part comes from I_{t²/(ν+t²)}(½, ν/2) computed
    # directly (not 1 - I_x with x near 1).
    d = StudentT(5.0)
    t = np.array([1e-12, 1e-6, 1e-3])
    assert_close(d.cdf(t) - 0.5, ss.t(5.0).cdf(t) - 0.5, rtol=1e-6)
    assert_close(d.ppf(0.5 + 1e-9), ss.t(5.0).ppf(0.5 + 1e-9), rtol=1e-6)
    # For huge ν the incomplete beta I_x(ν/2, ½) sees x near 1 only through 1 - x =
    # t²/(ν + t²), given exactly (its continued fraction in x lost up to 9 digits at
    # ν = 1e8). SciPy (Boost) is accurate here: measured 3e-15 between them for |t| <= 8.
    t = np.array([-8.0, -3.0, -0.1, 1.0, 8.0])
    for df in (1e4, 1e5, 1e6, 1e8, 1e12, 1e15):
        d, ref = StudentT(df), ss.t(df)
        assert_close(d.cdf(t), ref.cdf(t), rtol=1e-14)
        assert_close(d.sf(t), ref.sf(t), rtol=1e-14)
        assert math.isclose(float(d.cdf(-3.0)), ref.cdf(-3.0), rel_tol=1e-14)  # one float
        # Far in the tail (1e-190 at ν = 1e4) against 40-digit arithmetic: eps per unit of
        # -log P, the exponent's rounding (SciPy is off by 1e-13 there).
        with mpmath.workdps(40):
            exact = mpmath.betainc(df / 2, 0.5, 0, df / (df + mpmath.mpf(900)),
                                   regularized=True) / 2
        assert math.isclose(float(d.cdf(-30.0)), float(exact),
                            rel_tol=1e-14 + EPS * abs(float(mpmath.log(exact))))
        # The quantile, Halley's iteration from Hill's approximation (exact to 1e-15
        # here). SciPy's is off by 2.5e-13 at ν = 1e12 next to the centre (ours by 2e-16,
        # checked with mpmath); backward, cdf(ppf(q)) = q up to the rounding of x.
        q = np.array([1e-300, 1e-10, 0.01, 0.3, 0.5 + 1e-9, 0.99])
        x = d.ppf(q)
        assert_close(x, ref.ppf(q), rtol=1e-12)
        slack = 2 * EPS * np.abs(x) * ref.pdf(x) / np.minimum(q, 1 - q)
        assert_close(np.where(q < 0.5, d.cdf(x), d.sf(x)), np.minimum(q, 1 - q),
                     rtol=1e-14 + slack.max())
    assert_close(StudentT(1e8).cdf(t[1:]), ss.norm.cdf(t[1:]), rtol=1e-6)  # nearly normal
    # The entropy tends to the normal's ½ log(2πe) without losing digits.
    assert math.isclose(StudentT(1e12).entropy(), 0.5 * math.log(2 * math.pi * math.e),
                        rel_tol=1e-12)


def test_student_t_ppf_raises_convergence_error_at_its_step_cap(monkeypatch):
    # Never reached (a step leaving the bracket is replaced by bisection); lowered to one
    # step, from Hill's guess (1e-5 off at ν = 2.5), it shows the error a caller would get.
    monkeypatch.setattr(student_t_module, "_MAX_STEPS", 1)
    with pytest.raises(ConvergenceError, match=r"StudentT.ppf: Halley's iteration did not "
                                               r"converge in 1 steps \(df=2.5, tail "
                                               r"probability 0.1\)"):
        StudentT(2.5).ppf(0.1)
    with pytest.raises(ConvergenceError, match=r"StudentT.ppf: .* \(df=2.5, tail probab"):
        StudentT(2.5).ppf([0.1, 0.9])


@pytest.mark.parametrize("df", [1e5, 1e8, 1e12, 1e15])
def test_chi_squared_with_huge_df(df):
    # P(k/2, x/2) by Temme's expansion for x within [0.5 k, 1.7 k]: no iteration, so no
    # limit on k (the series needed ~9 sqrt(k) terms: 7 ms a call at k = 1e5). SciPy uses
    # the same expansion within 4.5 standard deviations, where both agree to 1e-15;
    # beyond, SciPy's series loses digits in the lower tail (all of them at k = 1e12).
    d, ref = ChiSquared(df), ss.chi2(df)
    x = df + math.sqrt(2 * df) * np.array([-4.0, -1.0, 0.0, 0.5, 2.0, 4.0])
    assert_close(d.cdf(x), ref.cdf(x), rtol=1e-13)
    assert_close(d.sf(x), ref.sf(x), rtol=1e-13)
    assert math.isclose(float(d.sf(float(x[4]))), ref.sf(x[4]), rel_tol=1e-13)  # one float
    q = np.array([1e-5, 0.05, 0.5, 0.95, 1 - 1e-5])
    x = d.ppf(q)
    assert_close(x, ref.ppf(q), rtol=1e-14)
    # backward, up to the rounding of x itself: |x| eps f(x) relative to q
    assert_close(d.cdf(x[:3]), q[:3], rtol=1e-14 + 2 * EPS * np.max(x * ref.pdf(x) / q))
    assert math.isclose(float(d.ppf(0.05)), x[1], rel_tol=1e-15)


@pytest.mark.parametrize(("df", "x"), [(10.0, 1e3), (1e3, 2e3), (1.0, 1e-300), (1e4, 9e3)])
def test_chi_squared_tails(df, x):
    # Q(k/2, x/2) directly in the upper tail; P in the lower tail (SciPy agrees to 1e-12
    # at these points).
    d = ChiSquared(df)
    assert_close(d.sf(x), ss.chi2(df).sf(x), rtol=1e-11)
    assert_close(d.cdf(x), ss.chi2(df).cdf(x), rtol=1e-11)
    assert_close(d.pdf(x), ss.chi2(df).pdf(x), rtol=1e-11)


@pytest.mark.parametrize(("a", "b"), [(1e4, 1e4), (0.01, 0.01), (1e3, 0.5), (0.5, 1e3)])
def test_beta_extreme_parameters(a, b):
    d, ref = Beta(a, b), ss.beta(a, b)
    q = np.array([1e-10, 0.3, 0.5, 0.9, 1 - 1e-10])
    x = ref.ppf(q)
    assert_close(d.cdf(x), ref.cdf(x), rtol=1e-9)
    assert_close(d.sf(x), ref.sf(x), rtol=1e-9)
    assert_close(d.pdf(x), ref.pdf(x), rtol=1e-9)
    # SciPy clamps a quantile that underflows (1e-970 for Beta(0.01, 0.01) at 1e-10) to
    # the smallest normal double; ours returns 0.
    normal = x > np.finfo(np.float64).tiny
    assert_close(d.ppf(q)[normal], x[normal], rtol=1e-9)
    assert (d.ppf(q)[~normal] == 0).all()


# -- the support's edges, infinities, empty and integer input ------------------------------


@pytest.mark.parametrize(("dist", "ref"), [
    (Uniform(-1.0, 3.0), ss.uniform(-1.0, 4.0)),
    (Beta(0.5, 2.0), ss.beta(0.5, 2.0)),
    (Beta(1.0, 2.0), ss.beta(1.0, 2.0)),
    (Beta(3.0, 1.0), ss.beta(3.0, 1.0)),
    (ChiSquared(1.0), ss.chi2(1.0)),
    (ChiSquared(2.0), ss.chi2(2.0)),
    (ChiSquared(5.0), ss.chi2(5.0)),
])  # fmt: skip
def test_support_ends_and_points_outside(dist, ref):
    # At the ends the density is 0, a finite value or inf, as SciPy; outside it is 0.
    lo, hi = ref.support()
    x = np.array([-np.inf, lo - 1.0, lo, hi, hi + 1.0])
    x = x[np.isfinite(x) | (x < lo)]  # +inf is checked below: SciPy's pdf gives NaN there
    with np.errstate(divide="ignore", invalid="ignore"):
        for method in ("pdf", "logpdf", "cdf", "sf"):
            assert_close(getattr(dist, method)(x), getattr(ref, method)(x), rtol=1e-13,
                         atol=1e-300)
    assert_close(dist.ppf([0.0, 1.0]), np.array([lo, hi]), rtol=0)
    assert dist.pdf(np.inf) == 0 and dist.logpdf(np.inf) == -np.inf
    assert dist.cdf(np.inf) == 1 and dist.sf(np.inf) == 0


@pytest.mark.parametrize("dist", [Normal(1.0, 2.0), StudentT(2.5), StudentT(0.3)])
def test_infinite_points_on_the_real_line(dist):
    # ±inf: density 0 (SciPy's t.pdf gives NaN at inf), cdf 0 and 1; ppf(0), ppf(1) = ∓inf.
    x = np.array([-np.inf, np.inf])
    assert_close(dist.pdf(x), np.zeros(2), rtol=0)
    assert_close(dist.logpdf(x), np.full(2, -np.inf), rtol=0)
    assert_close(dist.cdf(x), np.array([0.0, 1.0]), rtol=0)
    assert_close(dist.sf(x), np.array([1.0, 0.0]), rtol=0)
    assert_close(dist.ppf([0.0, 1.0]), x, rtol=0)


@pytest.mark.parametrize("name", NAMES)
def test_shapes_scalars_empty_and_integer_input(name):
    d = {"Normal": Normal(), "Uniform": Uniform(), "Beta": Beta(2.0, 3.0),
         "StudentT": StudentT(4.0), "ChiSquared": ChiSquared(3.0)}[name]
    for method in ("pdf", "logpdf", "cdf", "sf"):
        f = getattr(d, method)
        out = f(0.5)
        assert isinstance(out, np.float64)  # a scalar gives a NumPy scalar, as SciPy
        assert isinstance(f(np.float64(0.5)), np.float64)
        assert f(np.zeros((2, 0))).shape == (2, 0)
        # A scalar takes the float version of the algorithm, with the C library's exp and
        # log, an array NumPy's: they may differ in the last bit.
        assert_close(f(np.full((2, 3), 0.5)), np.full((2, 3), float(out)), rtol=4 * EPS)
        assert f(1) == f(1.0)  # integers are fine
        assert_close(f([1, 0]), np.array([f(1.0), f(0.0)]), rtol=4 * EPS)
    assert isinstance(d.ppf(0.5), np.float64)
    assert d.ppf(np.ones((0, 3))).shape == (0, 3)


@pytest.mark.parametrize("name", NAMES)
def test_nan_points_and_bad_probabilities_are_refused(name):
    d = {"Normal": Normal(), "Uniform": Uniform(), "Beta": Beta(2.0, 3.0),
         "StudentT": StudentT(4.0), "ChiSquared": ChiSquared(3.0)}[name]
    for method in ("pdf", "logpdf", "cdf", "sf"):
        with pytest.raises(NotFiniteError, match=rf"{name}\.{method}: x contains NaN"):
            getattr(d, method)([0.5, np.nan])
    with pytest.raises(ParameterError,
                       match=rf"{name}\.ppf: q must hold probabilities in \[0, 1\], got 1.5"):
        d.ppf([0.5, 1.5])
    with pytest.raises(NotFiniteError, match=rf"{name}\.ppf: q contains NaN"):
        d.ppf(np.nan)
    with pytest.raises(DTypeError, match=rf"{name}\.cdf: x must hold numbers"):
        d.cdf("0.5")


# -- sampling ------------------------------------------------------------------------------


@pytest.mark.parametrize(("dist", "ref"), [
    (Normal(2.0, 3.0), ss.norm(2.0, 3.0)),
    (Uniform(-1.0, 5.0), ss.uniform(-1.0, 6.0)),
    (Beta(2.0, 5.0), ss.beta(2.0, 5.0)),
    (StudentT(10.0), ss.t(10.0)),
    (ChiSquared(4.0), ss.chi2(4.0)),
])  # fmt: skip
def test_sample_moments_of_a_million_draws_are_within_five_standard_errors(dist, ref):
    n = 10**6
    x = dist.sample(n, rng=12345)
    assert x.shape == (n,) and x.dtype == np.float64
    mean, var, kurt = (float(v) for v in ref.stats(moments="mvk"))
    # SE of the mean: sqrt(σ²/n); of the variance: sqrt((μ₄ - σ⁴)/n), μ₄ = (kurt + 3) σ⁴.
    assert abs(x.mean() - mean) <= 5 * math.sqrt(var / n)
    assert abs(x.var() - var) <= 5 * math.sqrt((kurt + 2) * var**2 / n)
    lo, hi = ref.support()
    assert (x >= lo).all() and (x <= hi).all()


def test_sample_size_and_rng_handling():
    d = Normal(1.0, 2.0)
    one = d.sample(rng=0)
    assert isinstance(one, np.float64)
    assert d.sample(size=(2, 3), rng=0).shape == (2, 3)
    assert d.sample(size=0, rng=0).shape == (0,)
    # An int seed, and a Generator with that seed, give the same draws as NumPy's normal.
    expected = np.random.default_rng(7).normal(1.0, 2.0, 4)
    assert_close(d.sample(4, rng=7), expected, rtol=0)
    assert_close(d.sample(4, rng=np.random.default_rng(7)), expected, rtol=0)
    # A Generator is used as given: two calls continue its stream.
    g = np.random.default_rng(7)
    assert_close(np.concatenate([d.sample(2, rng=g), d.sample(2, rng=g)]), expected, rtol=0)
    assert d.sample(3).shape == (3,)  # fresh entropy


@pytest.mark.parametrize("size", [-1, 2.5, (2, -1), "3", True])
def test_bad_sizes_are_refused(size):
    with pytest.raises(ParameterError, match="Normal.sample: size must be None, a non-negative"):
        Normal().sample(size)


@pytest.mark.parametrize("rng", [-1, "seed", 1.5, np.random.RandomState(0)])
def test_bad_rngs_are_refused(rng):
    with pytest.raises(ParameterError, match="Beta.sample: rng must be None, a non-negative"):
        Beta(1.0, 1.0).sample(3, rng=rng)


# -- maximum-likelihood fits -------------------------------------------------------------

SAMPLES = hnp.arrays(np.float64, st.integers(2, 30),
                     elements=st.floats(-1e3, 1e3, allow_subnormal=False))


@given(SAMPLES)
def test_normal_fit_is_the_mean_and_the_biased_standard_deviation(x):
    if np.ptp(x) == 0:
        return
    d = Normal.fit(x)
    assert_close(np.float64(d.mu), np.float64(np.mean(x)), rtol=0)
    # np.std squares the deviations, which underflow for data near 1e-170: scale first.
    s = np.abs(x).max()
    assert_close(np.float64(d.sigma), np.float64(s * np.std(x / s)), rtol=1e-14)
    loc, scale = ss.norm.fit(x)
    assert_close(np.float64(d.mu), np.float64(loc), rtol=0)
    if np.std(x) > 1e-150:
        assert_close(np.float64(d.sigma), np.float64(scale), rtol=1e-14)


@given(SAMPLES)
def test_uniform_fit_is_the_sample_range(x):
    if np.ptp(x) == 0:
        return
    d = Uniform.fit(x)
    assert (d.low, d.high) == (x.min(), x.max())
    loc, scale = ss.uniform.fit(x)
    assert_close(np.array([d.low, d.high]), np.array([loc, loc + scale]), rtol=1e-12,
                 atol=1e-12 * np.abs(x).max())


@given(st.builds(Beta, log_uniform(-0.5, 1.5), log_uniform(-0.5, 1.5)),
       st.integers(0, 2**32 - 1))
def test_beta_fit_solves_the_likelihood_equations_and_matches_scipy(true, seed):
    x = true.sample(200, rng=seed)
    x = x[(x > 0) & (x < 1)]  # draws can round to 0 or 1 for small alpha or beta
    d = Beta.fit(x)
    # At the MLE the gradient vanishes: ψ(α) - ψ(α+β) = mean log x, ψ(β) - ψ(α+β) =
    # mean log(1-x); Newton converged to 1e-12 relative in (α, β), so the equations hold
    # to about 1e-12 times their Jacobian.
    g1, g2 = np.mean(np.log(x)), np.mean(np.log1p(-x))
    psi_ab = sc.digamma(d.alpha + d.beta)
    tol = 1e-10 * (1 + sc.polygamma(1, min(d.alpha, d.beta)) * max(d.alpha, d.beta))
    assert abs(sc.digamma(d.alpha) - psi_ab - g1) <= tol
    assert abs(sc.digamma(d.beta) - psi_ab - g2) <= tol
    # SciPy maximizes numerically (Nelder–Mead, then its own solver): agree to 1e-5.
    a, b, _, _ = ss.beta.fit(x, floc=0, fscale=1)
    assert_close(np.array([d.alpha, d.beta]), np.array([a, b]), rtol=1e-5)


def test_beta_fit_iteration_cap_gives_a_convergence_error():
    with pytest.raises(ConvergenceError, match="Beta.fit: Newton's method did not converge in 1"):
        Beta.fit([0.2, 0.4, 0.5, 0.7], max_iter=1)


@pytest.mark.parametrize(("cls", "data", "error", "match"), [
    (Normal, [], ParameterError, r"Normal.fit: data is empty"),
    (Normal, [2.0, 2.0], ParameterError, r"Normal.fit: all 2 data values are equal \(2.0\)"),
    (Normal, [1.0, np.nan], NotFiniteError, r"Normal.fit: data contains NaN"),
    (Normal, [5e-324, 0.0, 0.0, 0.0], ParameterError, r"Normal.fit: the maximum-likelihood sig"),
    (Normal, [[1.0, 2.0]], Exception, r"Normal.fit: data must be a 1-D vector"),
    (Uniform, [3.0], ParameterError, r"Uniform.fit: all 1 data values are equal \(3.0\)"),
    (Uniform, [], ParameterError, r"Uniform.fit: data is empty"),
    (Beta, [0.2, 1.0], ParameterError, r"Beta.fit: data must lie strictly between 0 and 1"),
    (Beta, [0.0, 0.5], ParameterError, r"Beta.fit: data must lie strictly between 0 and 1"),
    (Beta, [0.3, 0.3], ParameterError, r"Beta.fit: all 2 data values are equal"),
    (Beta, [0.3, np.inf], NotFiniteError, r"Beta.fit: data contains infinity"),
])  # fmt: skip
def test_bad_fit_data_is_refused(cls, data, error, match):
    with pytest.raises(error, match=match):
        cls.fit(data)


def test_student_t_and_chi_squared_have_no_fit():
    # The tests need these distributions, not estimates of their degrees of freedom.
    assert not hasattr(StudentT, "fit") and not hasattr(ChiSquared, "fit")


# -- construction, repr, equality, immutability -------------------------------------------


@pytest.mark.parametrize(("make", "match"), [
    (lambda: Normal(0.0, 0.0), r"Normal: sigma must be a finite number > 0, got 0.0"),
    (lambda: Normal(0.0, -1.0), r"Normal: sigma must be a finite number > 0, got -1.0"),
    (lambda: Normal(np.inf, 1.0), r"Normal: mu must be a finite number, got inf"),
    (lambda: Normal(np.nan, 1.0), r"Normal: mu must be a finite number, got nan"),
    (lambda: Uniform(1.0, 1.0), r"Uniform: high must be greater than low, got low=1.0"),
    (lambda: Uniform(-1e308, 1e308), r"Uniform: the width high - low overflows"),
    (lambda: Beta(0.0, 1.0), r"Beta: alpha must be a finite number > 0, got 0.0"),
    (lambda: Beta(1.0, np.inf), r"Beta: beta must be a finite number > 0, got inf"),
    (lambda: StudentT(0), r"StudentT: df must be a finite number > 0, got 0"),
    (lambda: ChiSquared(-2.0), r"ChiSquared: df must be a finite number > 0, got -2.0"),
])  # fmt: skip
def test_bad_parameters_are_refused(make, match):
    with pytest.raises(ParameterError, match=match):
        make()


@pytest.mark.parametrize("make", [lambda: Normal("0", 1.0), lambda: Beta(True, 1.0),
                                  lambda: StudentT([3.0]), lambda: Uniform(0.0, None)])
def test_non_numeric_parameters_are_refused(make):
    with pytest.raises(DTypeError, match="must be a real number"):
        make()


def test_repr_equality_hash_and_immutability():
    d = Normal(mu=1.0, sigma=2.0)
    assert repr(d) == "Normal(mu=1.0, sigma=2.0)"
    assert repr(Beta(2, 3)) == "Beta(alpha=2.0, beta=3.0)"
    assert repr(StudentT(5)) == "StudentT(df=5.0)"
    assert d == Normal(1, 2) and d != Normal(1.0, 3.0) and d != Uniform(1.0, 2.0)
    assert hash(d) == hash(Normal(1.0, 2.0)) and len({d, Normal(1.0, 2.0)}) == 1
    assert d.__eq__("Normal(mu=1.0, sigma=2.0)") is NotImplemented
    with pytest.raises(AttributeError, match="Normal is immutable"):
        d.mu = 3.0
    with pytest.raises(AttributeError, match="Normal is immutable"):
        del d.sigma
    assert d.mu == 1.0  # unchanged


def test_student_t_summaries_for_small_df_follow_scipy():
    assert math.isnan(StudentT(1.0).mean()) and math.isnan(StudentT(0.5).var())
    assert StudentT(1.5).var() == math.inf and StudentT(1.5).mean() == 0.0
    assert math.isnan(StudentT(1.0).std()) and StudentT(2.0).std() == math.inf


# -- the documented public surface -----------------------------------------------------------


@pytest.mark.parametrize("cls", [Normal, Uniform, Beta, StudentT, ChiSquared])
def test_every_class_and_method_is_documented_with_an_example(cls):
    doc = inspect.getdoc(cls)
    for section in ("Parameters", "Raises", "See Also", "Examples"):
        assert f"{section}\n---" in doc, f"{cls.__name__}: no {section} section"
    for method in ("pdf", "logpdf", "cdf", "sf", "ppf", "mean", "var", "entropy"):
        mdoc = inspect.getdoc(getattr(cls, method))
        assert mdoc and mdoc.splitlines()[0].strip(), f"{cls.__name__}.{method} undocumented"
    for method in ("pdf", "logpdf", "cdf", "sf", "ppf"):
        assert ">>> " in inspect.getdoc(getattr(cls, method)), f"{cls.__name__}.{method}"
    if hasattr(cls, "fit"):
        fdoc = inspect.getdoc(cls.fit)
        for section in ("Parameters", "Returns", "Raises", "Examples"):
            assert f"{section}\n---" in fdoc, f"{cls.__name__}.fit: no {section} section"
