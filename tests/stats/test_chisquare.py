"""Chi-square tests against scipy.stats.chisquare and scipy.stats.chi2_contingency."""

import math

import numpy as np
import pytest
import scipy.stats
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.stats as ms
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from tests.reference import assert_close


def assert_chi2_close(r, ref, df):
    """Statistic to 1e-12 relative (a sum of <= 64 squares of differences of counts); p to
    1e-9 relative, widened by the tail's sensitivity to the statistic (≈ χ²/2 for the
    chi-square upper tail) times its rounding, with an absolute floor 1e-300."""
    assert isinstance(r.statistic, float) and isinstance(r.pvalue, float)
    assert r.statistic == pytest.approx(float(ref[0]), rel=1e-12, abs=1e-300)
    rtol = 1e-9 + 1e-15 * float(ref[0])
    assert r.pvalue == pytest.approx(float(ref[1]), rel=rtol, abs=1e-300)
    assert r.df == df


# --- goodness of fit --------------------------------------------------------------------------


@st.composite
def counts(draw, min_k=2, max_k=12, high=200):
    k = draw(st.integers(min_k, max_k))
    O = draw(hnp.arrays(np.int64, k, elements=st.integers(0, high)))
    assume(O.sum() > 0)
    return O


@given(counts(), st.integers(0, 2))
def test_chisquare_uniform_matches_scipy(O, ddof):
    assume(O.size - 1 - ddof >= 1)
    r = ms.chisquare(O, ddof=ddof)
    assert_chi2_close(r, scipy.stats.chisquare(O, ddof=ddof), O.size - 1 - ddof)
    assert_close(r.expected, np.full(O.size, O.sum() / O.size), rtol=1e-15)
    assert r.test == "goodness-of-fit"


@given(counts(), st.data())
def test_chisquare_with_expected_frequencies_matches_scipy(O, data):
    w = data.draw(hnp.arrays(np.float64, O.size, elements=st.floats(0.05, 1)))
    E = w / w.sum() * O.sum()
    r = ms.chisquare(O, E)
    assert_chi2_close(r, scipy.stats.chisquare(O, E), O.size - 1)


def test_chisquare_huge_counts_and_tiny_pvalues():
    O = np.array([2.5e12, 2.5e12 + 3e6, 2.5e12 - 1e6, 2.5e12 - 2e6])
    assert_chi2_close(ms.chisquare(O), scipy.stats.chisquare(O), 3)
    O = np.array([100, 10, 10, 10])  # p ≈ 1e-39: from the survival function, not 1 − cdf
    r = ms.chisquare(O)
    assert_chi2_close(r, scipy.stats.chisquare(O), 3)
    assert 0 < r.pvalue < 1e-30


def test_chisquare_accepts_zero_observed_counts():
    assert_chi2_close(ms.chisquare([0, 5, 10]), scipy.stats.chisquare([0, 5, 10]), 2)


def test_chisquare_errors():
    with pytest.raises(ParameterError, match="the expected count of category 1 is 0"):
        ms.chisquare([3, 0, 4], [3.5, 0.0, 3.5])
    with pytest.raises(ParameterError, match=r"f_obs sums to 7.0 and f_exp to 8.0; the totals"):
        ms.chisquare([3, 0, 4], [3.0, 1.0, 4.0])
    with pytest.raises(ParameterError, match=r"df = k − 1 − ddof >= 1, but k = 3 .* df = 0"):
        ms.chisquare([3, 1, 4], ddof=2)
    with pytest.raises(ParameterError, match="k = 1 categories"):
        ms.chisquare([3])
    with pytest.raises(ParameterError, match="f_obs must hold counts >= 0, got -1 at index 2"):
        ms.chisquare([3, 1, -1])
    with pytest.raises(ParameterError, match="f_exp must hold counts >= 0"):
        ms.chisquare([3, 1], [5.0, -1.0])
    with pytest.raises(ParameterError, match="f_obs is all zeros"):
        ms.chisquare([0, 0, 0])
    with pytest.raises(ShapeError, match="f_obs has shape \\(3,\\) and f_exp has shape \\(2,\\)"):
        ms.chisquare([3, 1, 2], [3.0, 3.0])
    with pytest.raises(ShapeError, match="chisquare: f_obs is empty"):
        ms.chisquare([])
    with pytest.raises(ShapeError, match="chisquare: f_obs must be a 1-D vector"):
        ms.chisquare([[1, 2], [3, 4]])
    with pytest.raises(NotFiniteError, match="chisquare: f_obs contains NaN"):
        ms.chisquare([1.0, np.nan])
    with pytest.raises(DTypeError, match="chisquare: f_obs must hold numbers"):
        ms.chisquare(["a", "b"])
    with pytest.raises(ParameterError, match="ddof must be a non-negative integer"):
        ms.chisquare([1, 2, 3], ddof=-1)


# --- independence --------------------------------------------------------------------------------


@st.composite
def tables(draw, max_side=5, high=100):
    shape = (draw(st.integers(1, max_side)), draw(st.integers(1, max_side)))
    O = draw(hnp.arrays(np.int64, shape, elements=st.integers(0, high)))
    assume((O.sum(axis=0) > 0).all() and (O.sum(axis=1) > 0).all())
    return O


@given(tables(), st.booleans())
def test_chi2_contingency_matches_scipy(O, correction):
    r = ms.chi2_contingency(O, correction=correction)
    ref = scipy.stats.chi2_contingency(O, correction=correction)
    assert_chi2_close(r, ref, ref.dof)
    assert_close(r.expected, ref.expected_freq, rtol=1e-14)
    assert_close(r.observed, O.astype(float), rtol=0)


def test_yates_correction_never_crosses_the_expected_count():
    # |O − E| = 0.25 < ½ in every cell: SciPy's rule moves O onto E, so χ² = 0, p = 1.
    O = np.array([[10.25, 9.75], [9.75, 10.25]])
    r = ms.chi2_contingency(O)
    ref = scipy.stats.chi2_contingency(O)
    assert_chi2_close(r, ref, 1)
    assert r.statistic == 0.0 and r.test == "independence-yates"
    assert ms.chi2_contingency(O, correction=False).test == "independence"


def test_single_row_or_column_has_nothing_to_test_like_scipy():
    for O in ([[3, 4, 5]], [[3], [4]]):
        r = ms.chi2_contingency(O)
        ref = scipy.stats.chi2_contingency(O)
        assert (r.statistic, r.pvalue, r.df) == (ref.statistic, ref.pvalue, ref.dof) == (0, 1, 0)


def test_chi2_contingency_huge_counts():
    O = np.array([[4e11, 6e11 + 5e6], [2e12, 3e12 - 1e7]])
    ref = scipy.stats.chi2_contingency(O)
    assert_chi2_close(ms.chi2_contingency(O), ref, 1)


def test_two_by_two_without_correction_is_the_two_proportion_z_test():
    r = ms.chi2_contingency([[45, 455], [30, 470]], correction=False)
    z = ms.two_proportion_z_test(45, 500, 30, 500)
    assert r.statistic == pytest.approx(z.statistic**2, rel=1e-13)
    assert r.pvalue == pytest.approx(z.pvalue, rel=1e-12)


def test_chi2_contingency_errors():
    with pytest.raises(ParameterError, match="row 1 of observed has no counts, so its expected"):
        ms.chi2_contingency([[3, 4], [0, 0]])
    with pytest.raises(ParameterError, match="column 0 of observed has no counts"):
        ms.chi2_contingency([[0, 4], [0, 5]])
    with pytest.raises(ParameterError, match="observed must hold counts >= 0, got -2 at index "
                                             "\\(0, 1\\)"):
        ms.chi2_contingency([[3, -2], [1, 5]])
    with pytest.raises(ShapeError, match="chi2_contingency: observed must be a 2-D matrix"):
        ms.chi2_contingency([3, 4, 5])
    with pytest.raises(ShapeError, match="chi2_contingency: observed is empty"):
        ms.chi2_contingency(np.zeros((0, 3)))
    with pytest.raises(ParameterError, match="correction must be True or False, got 'no'"):
        ms.chi2_contingency([[1, 2], [3, 4]], correction="no")
    with pytest.raises(NotFiniteError, match="chi2_contingency: observed contains infinity"):
        ms.chi2_contingency([[1, np.inf], [3, 4]])


def test_chi_square_explanations():
    r = ms.chi2_contingency([[30, 10], [18, 22]])
    hyp, stat, dist, p, decision = r.explain(alpha=0.01)
    assert hyp.null == "P(row, column) = P(row) P(column)"
    assert stat.symbol == "χ²" and stat.formula.startswith("Σ (max(|O − E| − ½, 0))²")
    assert_close(stat.values["E"], r.expected) and stat.value == r.statistic
    assert (dist.name, dist.df) == ("χ²", 1.0)
    assert p.formula == "P(X ≥ χ²)" and p.value == r.pvalue
    assert decision.reject == (r.pvalue <= 0.01)
    assert ms.chi2_contingency([[30, 10], [18, 22]], False).explain()[1].formula == \
        "Σ (O − E)² / E"
    with pytest.raises(ParameterError, match="explain: alpha"):
        r.explain(alpha=1.5)
    assert math.isclose(ms.chisquare([10, 10]).explain()[3].value, 1.0)
