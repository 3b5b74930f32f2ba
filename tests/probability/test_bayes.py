"""Bayes' theorem over hypothesis tables, against exact arithmetic and NumPy."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.probability as pr
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from mathforml.probability._bayes import Evidence, Posterior, PriorTimesLikelihood
from tests.reference import assert_close


@st.composite
def hypothesis_tables(draw, max_k=12):
    """(prior, likelihood): a normalised prior and non-negative likelihoods (densities too)."""
    k = draw(st.integers(1, max_k))
    # weights and likelihoods are 0 or >= 1e-100: no subnormal posteriors (which keep only a
    # few digits) and no products that underflow (tested by name below)
    w = draw(hnp.arrays(np.float64, k, elements=st.one_of(st.just(0.0), st.floats(1e-100, 1))))
    w[draw(st.integers(0, k - 1))] += 0.5
    lik = draw(hnp.arrays(np.float64, k, elements=st.one_of(st.just(0.0), st.floats(1e-100, 50))))
    lik[draw(st.integers(0, k - 1))] += 1.0
    prior = w / w.sum()
    if not (prior * lik).sum() > 0:
        lik = lik + 1.0
    return prior, lik


@given(hypothesis_tables())
def test_posterior_is_prior_times_likelihood_over_evidence(tables):
    prior, lik = tables
    r = pr.bayes(prior, lik)
    evidence = np.sum(prior * lik)
    # A product, a sum of <= 12 terms and a division: a few ulps.
    assert_close(r.posterior, prior * lik / evidence, rtol=1e-14)
    assert r.evidence == pytest.approx(evidence, rel=1e-14)
    assert r.posterior.sum() == pytest.approx(1.0, abs=1e-13)


@given(hypothesis_tables(), st.floats(1e-3, 1e3))
def test_only_the_ratios_of_the_likelihoods_matter(tables, c):
    prior, lik = tables
    assert_close(pr.bayes(prior, c * lik).posterior, pr.bayes(prior, lik).posterior, rtol=1e-13)


@given(hypothesis_tables(), st.data())
def test_two_updates_in_turn_equal_one_update_with_both_data(tables, data):
    prior, lik1 = tables
    lik2 = data.draw(hnp.arrays(np.float64, prior.size, elements=st.floats(0.01, 1)))
    once = pr.bayes(prior, lik1 * lik2).posterior
    twice = pr.bayes(pr.bayes(prior, lik1).posterior, lik2).posterior
    assert_close(twice, once, rtol=1e-12, atol=1e-15)


def test_diagnostic_test_against_exact_fractions():
    prior = {"ill": Fraction(1, 100), "healthy": Fraction(99, 100)}
    lik = {"ill": Fraction(95, 100), "healthy": Fraction(10, 100)}
    evidence = sum(prior[h] * lik[h] for h in prior)
    r = pr.bayes({h: float(v) for h, v in prior.items()}, {h: float(v) for h, v in lik.items()})
    assert list(r.posterior) == ["ill", "healthy"]
    for h in prior:
        assert r.posterior[h] == pytest.approx(float(prior[h] * lik[h] / evidence), rel=1e-15)
    assert r.evidence == pytest.approx(float(evidence), rel=1e-15)


def test_steps_record_the_working():
    r = pr.bayes([0.25, 0.75], [0.8, 0.4])
    kinds = [s.kind for s in r.steps]
    assert kinds == ["prior_times_likelihood"] * 2 + ["evidence"] + ["posterior"] * 2
    first = r.steps[0]
    assert isinstance(first, PriorTimesLikelihood)
    assert (first.hypothesis, first.prior, first.likelihood, first.product) == (0, 0.25, 0.8, 0.2)
    ev = r.steps[2]
    assert isinstance(ev, Evidence) and ev.products == (0.2, 0.30000000000000004)
    assert ev.evidence == r.evidence == pytest.approx(0.5)
    last = r.steps[-1]
    assert isinstance(last, Posterior) and last.hypothesis == 1
    assert last.posterior == pytest.approx(0.6) and last.posterior == r.posterior[1]


def test_steps_use_the_dict_keys_and_are_frozen():
    r = pr.bayes({"a": 0.5, "b": 0.5}, {"b": 1.0, "a": 3.0})
    assert [s.hypothesis for s in r.steps if s.kind == "posterior"] == ["a", "b"]
    assert r.posterior == pytest.approx({"a": 0.75, "b": 0.25})
    with pytest.raises(AttributeError):
        r.steps[0].prior = 1.0


def test_large_tables_skip_the_steps_unless_asked():
    grid = np.linspace(0, 1, 2001)  # a coin's bias on a grid, 7 heads in 10 tosses
    prior = np.full(grid.size, 1 / grid.size)
    lik = grid**7 * (1 - grid) ** 3
    r = pr.bayes(prior, lik)
    assert r.steps == []
    assert grid[np.argmax(r.posterior)] == pytest.approx(0.7)
    assert len(pr.bayes(prior, lik, record_steps=True).steps) == 2 * grid.size + 1
    assert pr.bayes([1.0], [0.5], record_steps=False).steps == []


def test_impossible_hypotheses_keep_probability_zero():
    r = pr.bayes([0.0, 0.5, 0.5], [1.0, 0.0, 0.2])
    assert_close(r.posterior, np.array([0.0, 0.0, 1.0]))


def test_products_that_underflow_or_overflow_are_redone_in_log_space():
    # prior × likelihood ~1e-350: every product underflows to 0, the posterior must not.
    r = pr.bayes([1e-150, 0.5, 0.5 - 1e-150], [1e-200, 0.0, 3e-200])
    # exact: posterior ∝ (1e-350, 0, 1.5e-200): the first is negligible
    assert_close(r.posterior, np.array([0.0, 0.0, 1.0]), rtol=0, atol=1e-149)
    r = pr.bayes([0.25, 0.75], [1e-300 * 1e-20, 2e-300 * 1e-20])  # subnormal likelihoods
    assert_close(r.posterior, np.array([1.0, 6.0]) / 7.0, rtol=1e-3)  # 1e-320 has ~4 digits
    r = pr.bayes([0.25, 0.75], [1e-300, 2e-300])  # products near 1e-300 are exact
    assert_close(r.posterior, np.array([1.0, 6.0]) / 7.0, rtol=1e-14)
    # Σ P(H) P(D|H) <= max P(D|H) for a normalised prior: only the 1e-8 slack can overflow.
    big = np.finfo(np.float64).max
    r = pr.bayes([0.5, 0.5 + 5e-9], [big, big])
    assert_close(r.posterior, np.array([0.5, 0.5 + 5e-9]) / (1 + 5e-9), rtol=1e-14)
    assert r.evidence == np.inf


def test_errors():
    with pytest.raises(ParameterError, match="evidence P\\(D\\) = Σ prior × likelihood is 0"):
        pr.bayes([0.5, 0.5, 0.0], [0.0, 0.0, 1.0])
    with pytest.raises(ParameterError, match="prior must sum to 1, but its entries sum to 1.5"):
        pr.bayes([1.0, 0.5], [0.1, 0.2])
    with pytest.raises(ParameterError, match="likelihood must be >= 0 .*got -0.1 for hypothesis 1"):
        pr.bayes([0.5, 0.5], [0.1, -0.1])
    with pytest.raises(ParameterError, match="got -1 for hypothesis 'b'"):
        pr.bayes({"a": 0.5, "b": 0.5}, {"a": 1, "b": -1})
    with pytest.raises(ShapeError, match="prior has 2 hypotheses and likelihood has 3 values"):
        pr.bayes([0.5, 0.5], [0.1, 0.2, 0.3])
    with pytest.raises(ShapeError, match="prior must be a 1-D vector"):
        pr.bayes([[0.5, 0.5]], [0.1, 0.2])
    with pytest.raises(ShapeError, match="prior is empty"):
        pr.bayes([], [])
    with pytest.raises(ParameterError, match=r"likelihood lacks \['b'\] and has extra \['c'\]"):
        pr.bayes({"a": 0.5, "b": 0.5}, {"a": 0.1, "c": 0.2})
    with pytest.raises(DTypeError, match="must both be dicts .* got dict and list"):
        pr.bayes({"a": 1.0}, [1.0])
    with pytest.raises(NotFiniteError, match="likelihood contains NaN"):
        pr.bayes([0.5, 0.5], [np.nan, 0.2])
