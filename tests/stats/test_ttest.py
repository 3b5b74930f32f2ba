"""t-tests and z-tests against scipy.stats, with their explanations."""

import math
import warnings

import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.stats as ms
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from tests.reference import EPS

ALTERNATIVES = st.sampled_from(["two-sided", "less", "greater"])
# No magnitudes in (0, 1e-60): there SciPy's squares underflow into subnormals and its statistics
# turn to noise; extreme scales are tested by name against rescaled references.
DATA = st.one_of(st.just(0.0), st.floats(1e-60, 100), st.floats(-100, -1e-60))


def quietly(f, *args, **kwargs):
    """Call SciPy where it warns on degenerate input (precision loss, division by zero)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return f(*args, **kwargs)


def assert_statistic_close(actual, expected, rtol=1e-12):
    """Statistics of well-conditioned samples (spread >= 1e-6 of the size): a few ulps
    of rounding in x̄ and s, amplified by at most |x̄|/s <= 1e6, stays below 1e-9."""
    assert isinstance(actual, float)
    expected = float(expected)
    if math.isnan(expected) or math.isinf(expected):
        assert actual == expected or (math.isnan(actual) and math.isnan(expected))
    else:
        assert actual == pytest.approx(expected, rel=rtol, abs=1e-300)


def assert_pvalue_close(actual, expected, statistic):
    """p-values to 1e-9 relative. A tail probability's relative sensitivity to its
    statistic grows like statistic², so the ~1e-15 relative rounding of the statistic
    widens the band by 1e-15·statistic²; below 1e-300 (underflow) only the absolute
    difference is checked."""
    assert isinstance(actual, float)
    expected = float(expected)
    if math.isnan(expected):
        assert math.isnan(actual)
        return
    rtol = 1e-9 + 1e-15 * min(float(statistic) ** 2, 1e12)
    assert actual == pytest.approx(expected, rel=rtol, abs=1e-300)


@st.composite
def samples(draw, min_n=2, max_n=30):
    """A sample whose spread is not below rounding level (see assert_statistic_close)."""
    x = draw(hnp.arrays(np.float64, st.integers(min_n, max_n), elements=DATA))
    spread = np.std(x)
    assume(spread > 1e-6 * max(np.abs(x).max(), 1e-300))
    return x


def check_t(result, reference):
    assert_statistic_close(result.statistic, reference.statistic)
    assert_pvalue_close(result.pvalue, reference.pvalue, reference.statistic)
    assert result.df == pytest.approx(float(reference.df), rel=1e-12)


# --- one sample ------------------------------------------------------------------------------


@given(samples(), st.floats(-100, 100), ALTERNATIVES)
def test_ttest_1samp_matches_scipy(x, popmean, alternative):
    r = ms.ttest_1samp(x, popmean, alternative)
    check_t(r, scipy.stats.ttest_1samp(x, popmean, alternative=alternative))
    # t = (estimate − null_value) / standard_error, fields that explain() uses
    assert r.statistic == pytest.approx((r.estimate - r.null_value) / r.standard_error,
                                        rel=1e-15)
    assert r.alternative == alternative and r.test == "one-sample"


def test_ttest_1samp_on_a_large_sample():
    x = np.random.default_rng(0).normal(0.01, 1.0, 10**5)
    for alternative in ("two-sided", "less", "greater"):
        check_t(ms.ttest_1samp(x, 0.0, alternative),
                scipy.stats.ttest_1samp(x, 0.0, alternative=alternative))


def test_ttest_1samp_tiny_pvalues():
    # t ≈ 60 with 19 df: p ≈ 1e-23, still to 1e-9 relative (no 1 − cdf cancellation).
    x = np.linspace(9.9, 10.1, 20)
    check_t(ms.ttest_1samp(x, 9.0), scipy.stats.ttest_1samp(x, 9.0))
    assert 0 < ms.ttest_1samp(x, 9.0).pvalue < 1e-20


@pytest.mark.parametrize("x, popmean", [
    ([2.0, 2.0, 2.0], 1.0),   # zero variance, mean differs: t = inf, p = 0
    ([2.0, 2.0, 2.0], 3.0),   # t = -inf
    ([2.0, 2.0, 2.0], 2.0),   # 0 / 0: NaN
    ([5, 7], 6),              # integers, n = 2
])  # fmt: skip
@pytest.mark.parametrize("alternative", ["two-sided", "less", "greater"])
def test_ttest_1samp_degenerate_cases_match_scipy(x, popmean, alternative):
    check_t(ms.ttest_1samp(x, popmean, alternative),
            quietly(scipy.stats.ttest_1samp, x, popmean, alternative=alternative))


@pytest.mark.parametrize("scale", [1e200, 1e-200])
def test_t_statistics_are_scale_invariant_at_extreme_scales(scale):
    # SciPy's squares overflow or underflow here; t is unchanged by scaling the data.
    x, y = np.array([1.0, 2.5, 3.0, 4.5]), np.array([0.5, 1.0, 2.0, 0.0, 1.5])
    ref1 = scipy.stats.ttest_1samp(x, 1.0)
    check_t(ms.ttest_1samp(x * scale, 1.0 * scale), ref1)
    for equal_var in (True, False):
        check_t(ms.ttest_ind(x * scale, y * scale, equal_var),
                scipy.stats.ttest_ind(x, y, equal_var=equal_var))


# --- two independent samples -----------------------------------------------------------------


@given(samples(), samples(), st.booleans(), ALTERNATIVES)
def test_ttest_ind_matches_scipy_student_and_welch(a, b, equal_var, alternative):
    r = ms.ttest_ind(a, b, equal_var, alternative)
    check_t(r, scipy.stats.ttest_ind(a, b, equal_var=equal_var, alternative=alternative))
    assert r.test == ("student" if equal_var else "welch")
    assert r.estimate == pytest.approx(np.mean(a) - np.mean(b), rel=1e-12, abs=1e-12)


def test_welch_degrees_of_freedom_formula():
    a, b = np.array([1.0, 2.0, 4.0, 7.0]), np.array([2.0, 2.5, 3.0])
    v1, v2 = np.var(a, ddof=1) / 4, np.var(b, ddof=1) / 3
    df = (v1 + v2) ** 2 / (v1**2 / 3 + v2**2 / 2)  # Welch–Satterthwaite
    assert ms.ttest_ind(a, b, equal_var=False).df == pytest.approx(df, rel=1e-14)
    assert ms.ttest_ind(a, b).df == 5.0


@pytest.mark.parametrize("equal_var", [True, False])
def test_ttest_ind_on_large_samples(equal_var):
    rng = np.random.default_rng(1)
    a, b = rng.normal(0, 1, 10**5), rng.normal(0.01, 2, 10**5 + 7)
    check_t(ms.ttest_ind(a, b, equal_var), scipy.stats.ttest_ind(a, b, equal_var=equal_var))


@pytest.mark.parametrize("equal_var", [True, False])
@pytest.mark.parametrize("a, b", [
    ([1.0, 1.0, 1.0], [2.0, 2.0, 2.0]),   # both constant: t = -inf; Welch df = 0/0 -> 1
    ([1.0, 1.0], [1.0, 1.0, 1.0]),        # identical constants: NaN
    ([1.0, 1.0, 1.0], [0.0, 2.0, 4.0]),   # one constant sample
])  # fmt: skip
def test_ttest_ind_degenerate_cases_match_scipy(a, b, equal_var):
    check_t(ms.ttest_ind(a, b, equal_var), quietly(scipy.stats.ttest_ind, a, b,
                                                     equal_var=equal_var))


# --- paired samples ---------------------------------------------------------------------------


@st.composite
def pairs(draw):
    n = draw(st.integers(2, 30))
    a = draw(hnp.arrays(np.float64, n, elements=DATA))
    b = draw(hnp.arrays(np.float64, n, elements=DATA))
    d = a - b
    assume(np.std(d) > 1e-6 * max(np.abs(d).max(), np.abs(a).max(), np.abs(b).max(), 1e-300))
    return a, b


@given(pairs(), ALTERNATIVES)
def test_ttest_rel_matches_scipy(ab, alternative):
    a, b = ab
    r = ms.ttest_rel(a, b, alternative)
    check_t(r, scipy.stats.ttest_rel(a, b, alternative=alternative))
    # the paired test is the one-sample test on the differences
    one = ms.ttest_1samp(a - b, 0.0, alternative)
    assert (r.statistic, r.pvalue, r.df) == (one.statistic, one.pvalue, one.df)


# --- NaN policy ---------------------------------------------------------------------------------


def test_nan_policy_omit_matches_scipy():
    x = np.array([1.0, np.nan, 3.0, 4.0, 2.5])
    y = np.array([2.0, 5.0, np.nan, 6.0, 1.0, 0.5])
    check_t(ms.ttest_1samp(x, 2.0, nan_policy="omit"),
            scipy.stats.ttest_1samp(x, 2.0, nan_policy="omit"))
    for equal_var in (True, False):
        check_t(ms.ttest_ind(x, y, equal_var, nan_policy="omit"),
                scipy.stats.ttest_ind(x, y, equal_var=equal_var, nan_policy="omit"))
    check_t(ms.ttest_rel(x, y[:5], nan_policy="omit"),
            scipy.stats.ttest_rel(x, y[:5], nan_policy="omit"))


def test_nan_policy_propagate_returns_nan_like_scipy():
    x = [1.0, np.nan, 3.0, 4.0]
    for r, ref in [
        (ms.ttest_1samp(x, 2.0, nan_policy="propagate"),
         scipy.stats.ttest_1samp(x, 2.0, nan_policy="propagate")),
        (ms.ttest_ind(x, [2.0, 5.0, 6.0], nan_policy="propagate"),
         scipy.stats.ttest_ind(x, [2.0, 5.0, 6.0], nan_policy="propagate")),
        (ms.ttest_rel(x, [2.0, 5.0, 6.0, 7.0], nan_policy="propagate"),
         scipy.stats.ttest_rel(x, [2.0, 5.0, 6.0, 7.0], nan_policy="propagate")),
    ]:
        assert np.isnan(ref.statistic) and np.isnan(ref.pvalue) and np.isnan(ref.df)
        assert math.isnan(r.statistic) and math.isnan(r.pvalue) and math.isnan(r.df)


def test_nan_policy_raise_is_the_default():
    with pytest.raises(NotFiniteError, match=r"ttest_1samp: x contains NaN \(at index 1\); "
                                             r"drop the missing values, or pass nan_policy"):
        ms.ttest_1samp([1.0, np.nan, 3.0], 0.0)
    with pytest.raises(NotFiniteError, match="ttest_ind: b contains NaN"):
        ms.ttest_ind([1.0, 2.0], [np.nan, 3.0, 4.0])
    with pytest.raises(NotFiniteError, match=r"ttest_rel: b contains NaN \(pair 0\)"):
        ms.ttest_rel([1.0, 2.0, 3.0], [np.nan, 3.0, 4.0])
    with pytest.raises(ShapeError, match="ttest_1samp: x has only 1 observation"):
        ms.ttest_1samp([1.0, np.nan], 0.0, nan_policy="omit")
    with pytest.raises(ShapeError, match="ttest_rel: a has only 1 observation"):
        ms.ttest_rel([1.0, np.nan, 3.0], [1.0, 2.0, np.nan], nan_policy="omit")


# --- errors ------------------------------------------------------------------------------------


def test_ttest_errors():
    with pytest.raises(ShapeError, match="ttest_1samp: x is empty; this test needs at least 2"):
        ms.ttest_1samp([], 0.0)
    with pytest.raises(ShapeError, match="ttest_1samp: x has only 1 observation"):
        ms.ttest_1samp([3.0], 0.0)
    with pytest.raises(ShapeError, match="ttest_1samp: x must be a 1-D vector"):
        ms.ttest_1samp([[1.0, 2.0], [3.0, 4.0]], 0.0)
    with pytest.raises(NotFiniteError, match="ttest_1samp: x contains infinity"):
        ms.ttest_1samp([1.0, np.inf], 0.0, nan_policy="omit")
    with pytest.raises(DTypeError, match="ttest_ind: a must hold numbers"):
        ms.ttest_ind(["a", "b"], [1.0, 2.0])
    with pytest.raises(ShapeError, match="ttest_ind: b has only 1 observation"):
        ms.ttest_ind([1.0, 2.0], [3.0])
    with pytest.raises(ParameterError, match="ttest_1samp: popmean must be a finite real"):
        ms.ttest_1samp([1.0, 2.0], np.nan)
    with pytest.raises(ParameterError, match="alternative must be one of 'two-sided', 'less', "
                                             "'greater', got 'bigger'"):
        ms.ttest_rel([1.0, 2.0], [2.0, 1.0], alternative="bigger")
    with pytest.raises(ParameterError, match="ttest_ind: nan_policy must be one of 'raise'"):
        ms.ttest_ind([1.0, 2.0], [2.0, 1.0], nan_policy="ignore")
    with pytest.raises(ParameterError, match="ttest_ind: equal_var must be True or False"):
        ms.ttest_ind([1.0, 2.0], [2.0, 1.0], equal_var="yes")
    with pytest.raises(ShapeError, match="ttest_rel: a has 3 observations and b has 2"):
        ms.ttest_rel([1.0, 2.0, 3.0], [2.0, 1.0])
    big = np.finfo(np.float64).max
    with pytest.raises(NotFiniteError, match="ttest_rel: a - b contains infinity"):
        ms.ttest_rel([big, 0.0, 1.0], [-big, 1.0, 2.0])


# --- explanations ------------------------------------------------------------------------------


@pytest.mark.parametrize("alternative, relation, formula", [
    ("two-sided", "≠", "2 P(T ≥ |t|)"),
    ("less", "<", "P(T ≤ t)"),
    ("greater", ">", "P(T ≥ t)"),
])  # fmt: skip
def test_explain_gives_the_five_steps(alternative, relation, formula):
    r = ms.ttest_1samp([5.1, 4.9, 5.6, 5.8, 6.0], 5.0, alternative)
    hyp, stat, dist, p, decision = r.explain(alpha=0.1)
    assert (hyp.kind, hyp.null, hyp.alternative) == ("hypotheses", "μ = μ₀", f"μ {relation} μ₀")
    assert stat.symbol == "t" and stat.value == r.statistic
    assert stat.values == {"x̄": r.estimate, "μ₀": 5.0, "SE": r.standard_error}
    assert (dist.name, dist.df) == ("t", 4.0)
    assert (p.formula, p.value) == (formula, r.pvalue)
    assert decision.alpha == 0.1 and decision.reject == (r.pvalue <= 0.1)


def test_explain_for_each_test_names_its_parameter():
    a, b = [1.0, 2.0, 3.0, 5.0], [2.0, 4.0, 4.5, 6.0]
    assert ms.ttest_ind(a, b).explain()[0].null == "μ₁ − μ₂ = 0"
    assert "s_p" in ms.ttest_ind(a, b).explain()[1].formula
    assert "s₁²/n₁" in ms.ttest_ind(a, b, equal_var=False).explain()[1].formula
    assert ms.ttest_rel(a, b).explain()[0].alternative == "μ_d ≠ 0"
    z = ms.z_test(a, 2.0, sigma=1.0, alternative="greater").explain()
    assert z[0].alternative == "μ > μ₀" and z[2].name == "N(0, 1)" and z[2].df is None
    zp = ms.two_proportion_z_test(10, 50, 20, 50).explain()
    assert zp[0].null == "p₁ − p₂ = 0" and zp[1].values["p̂₁ − p̂₂"] == pytest.approx(-0.2)


def test_decision_boundary_and_alpha_errors():
    r = ms.ttest_1samp([5.1, 4.9, 5.6, 5.8, 6.0], 5.0)
    assert r.explain(alpha=r.pvalue)[-1].reject  # p <= alpha rejects
    assert not r.explain(alpha=r.pvalue * 0.999)[-1].reject
    for alpha in (0, 1, -0.5, "0.05", True):
        with pytest.raises(ParameterError, match="explain: alpha \\(the significance level\\) "
                                                 "must lie strictly between 0 and 1"):
            r.explain(alpha=alpha)


# --- z-tests -------------------------------------------------------------------------------------


@given(hnp.arrays(np.float64, st.integers(1, 30), elements=DATA), st.floats(-100, 100),
       st.floats(0.01, 100), ALTERNATIVES)
def test_z_test_matches_the_normal_distribution(x, popmean, sigma, alternative):
    r = ms.z_test(x, popmean, sigma=sigma, alternative=alternative)
    se = sigma / math.sqrt(x.size)
    z = (np.mean(x) - popmean) / se
    # x̄ to n ε max|x|, divided by se: absolute error in z of n ε max|x| / se.
    assert r.statistic == pytest.approx(z, rel=1e-12, abs=x.size * EPS * np.abs(x).max() / se)
    norm = scipy.stats.norm
    expected = {"two-sided": 2 * norm.sf(abs(r.statistic)), "less": norm.cdf(r.statistic),
                "greater": norm.sf(r.statistic)}[alternative]
    assert_pvalue_close(r.pvalue, expected, r.statistic)


def test_z_test_is_the_t_test_with_infinite_degrees_of_freedom():
    x = np.random.default_rng(3).normal(0.0, 1.0, 2000)
    x = x - x.mean() + 0.02  # t ≈ 0.9: the bulk of the distribution
    s = np.std(x, ddof=1)
    z, t = ms.z_test(x, 0.0, sigma=s), ms.ttest_1samp(x, 0.0)
    assert z.statistic == pytest.approx(t.statistic, rel=1e-13)
    assert z.pvalue == pytest.approx(t.pvalue, rel=2e-3)  # t(1999) is nearly N(0, 1)


@given(st.integers(1, 200), st.integers(1, 200), st.data())
def test_two_proportion_z_squared_is_pearsons_chi_square(n1, n2, data):
    k1, k2 = data.draw(st.integers(0, n1)), data.draw(st.integers(0, n2))
    assume(0 < k1 + k2 < n1 + n2)
    r = ms.two_proportion_z_test(k1, n1, k2, n2)
    ref = scipy.stats.chi2_contingency([[k1, n1 - k1], [k2, n2 - k2]], correction=False)
    assert r.statistic**2 == pytest.approx(ref.statistic, rel=1e-12, abs=1e-24)
    assert_pvalue_close(r.pvalue, ref.pvalue, r.statistic)
    less = ms.two_proportion_z_test(k1, n1, k2, n2, "less")
    assert_pvalue_close(less.pvalue, scipy.stats.norm.cdf(r.statistic), r.statistic)


def test_two_proportion_z_test_with_huge_counts_and_degenerate_pools():
    r = ms.two_proportion_z_test(500_000_100_000, 10**12, 500_000_000_000, 10**12)
    ref = scipy.stats.chi2_contingency([[500_000_100_000, 10**12 - 500_000_100_000],
                                        [500_000_000_000, 500_000_000_000]], correction=False)
    assert r.statistic**2 == pytest.approx(ref.statistic, rel=1e-9)
    assert_pvalue_close(r.pvalue, ref.pvalue, r.statistic)
    assert math.isnan(ms.two_proportion_z_test(0, 10, 0, 20).statistic)  # p̂ = 0: 0/0


def test_z_test_errors():
    with pytest.raises(ParameterError, match="z_test: sigma must be a finite number > 0, got 0"):
        ms.z_test([1.0, 2.0], sigma=0)
    with pytest.raises(TypeError):
        ms.z_test([1.0, 2.0])  # sigma is required
    with pytest.raises(ShapeError, match="z_test: x is empty"):
        ms.z_test([], sigma=1.0)
    with pytest.raises(NotFiniteError, match="z_test: x contains NaN"):
        ms.z_test([np.nan], sigma=1.0)
    with pytest.raises(ParameterError, match="k1 \\(11\\) successes cannot exceed n1 \\(10\\)"):
        ms.two_proportion_z_test(11, 10, 1, 10)
    with pytest.raises(ParameterError, match="n2 must be a positive integer, got 0"):
        ms.two_proportion_z_test(1, 10, 0, 0)
    with pytest.raises(ParameterError, match="k2 must be a non-negative integer, got 1.5"):
        ms.two_proportion_z_test(1, 10, 1.5, 10)
