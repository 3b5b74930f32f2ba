"""Sum rule, product rule and independence on explicit tables, against plain NumPy sums."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.probability as pr
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from tests.reference import assert_close


@st.composite
def joint_tables(draw, min_ndim=1, max_ndim=4, max_side=4, zeros=True):
    """Normalised non-negative tables; with ``zeros`` some cells are exactly 0."""
    ndim = draw(st.integers(min_ndim, max_ndim))
    shape = tuple(draw(st.lists(st.integers(1, max_side), min_size=ndim, max_size=ndim)))
    elements = st.floats(0, 1) if zeros else st.floats(0.01, 1)
    W = draw(hnp.arrays(np.float64, shape, elements=elements))
    W.flat[draw(st.integers(0, W.size - 1))] += 0.5  # the sum is never 0
    return W / W.sum()


@st.composite
def independent_tables(draw, max_ndim=4):
    """Outer products of random marginals: independent by construction."""
    ndim = draw(st.integers(2, max_ndim))
    P = np.ones(())
    for _ in range(ndim):
        m = draw(joint_tables(min_ndim=1, max_ndim=1, zeros=True))
        P = np.multiply.outer(P, m)
    return P


# --- marginal --------------------------------------------------------------------------------


@given(joint_tables(), st.data())
def test_marginal_sums_out_the_other_axes(P, data):
    keep = data.draw(st.lists(st.integers(0, P.ndim - 1), min_size=1, unique=True))
    others = tuple(a for a in range(P.ndim) if a not in keep)
    expected = np.transpose(P.sum(axis=others), np.argsort(np.argsort(keep)))
    M = pr.marginal(P, keep)
    # Sums of at most 64 numbers in [0, 1]: rounding differs by a few ulps of the total.
    assert_close(M, expected, rtol=0, atol=1e-15)
    assert M.shape == tuple(P.shape[a] for a in keep)
    assert abs(M.sum() - 1) < 1e-12


def test_marginal_keeps_the_requested_axis_order_and_names():
    P = np.arange(24.0).reshape(2, 3, 4)
    P /= P.sum()
    assert_close(pr.marginal(P, (2, 0)), P.sum(axis=1).T)
    by_name = pr.marginal(P, ["c", "a"], names=["a", "b", "c"])
    assert_close(by_name, P.sum(axis=1).T)
    assert_close(pr.marginal(P, -1), P.sum(axis=(0, 1)))


def test_marginal_of_a_one_variable_table_is_the_table():
    p = np.array([0.2, 0.3, 0.5])
    assert_close(pr.marginal(p, 0), p)


def test_marginal_accepts_integer_tables_and_tolerates_rounding_in_the_sum():
    assert_close(pr.marginal([[0, 1], [0, 0]], 1), np.array([0.0, 1.0]))
    thirds = np.full(3, 1 / 3)
    assert_close(pr.marginal(thirds, 0), thirds)


# --- conditional -----------------------------------------------------------------------------


@given(joint_tables(min_ndim=2, zeros=False), st.data())
def test_conditional_all_values_divides_by_the_marginal(P, data):
    given_axes = data.draw(
        st.lists(st.integers(0, P.ndim - 1), min_size=1, max_size=P.ndim - 1, unique=True)
    )
    rest = tuple(a for a in range(P.ndim) if a not in given_axes)
    C = pr.conditional(P, given_axes)
    expected = P / P.sum(axis=rest, keepdims=True)
    # One division per cell after a sum of <= 64 terms: a few ulps.
    assert_close(C, expected, rtol=1e-14)
    assert_close(C.sum(axis=rest), np.ones([P.shape[a] for a in sorted(given_axes)]),
                 rtol=1e-13)


@given(joint_tables(min_ndim=2, zeros=False), st.data())
def test_conditional_on_a_value_is_the_normalised_slice(P, data):
    g = data.draw(st.integers(0, P.ndim - 1))
    v = data.draw(st.integers(0, P.shape[g] - 1))
    slice_ = np.take(P, v, axis=g)
    C = pr.conditional(P, g, value=v)
    assert_close(C, slice_ / slice_.sum(), rtol=1e-14)


@given(joint_tables(min_ndim=2, max_ndim=2, zeros=False))
def test_product_rule_recovers_the_joint(P):
    # P(X, Y) = P(Y | X) P(X)
    rebuilt = pr.conditional(P, 0) * pr.marginal(P, 0)[:, None]
    assert_close(rebuilt, P, rtol=1e-13)


def test_conditional_with_several_given_variables_and_names():
    P = np.arange(1.0, 25.0).reshape(2, 3, 4)
    P /= P.sum()
    C = pr.conditional(P, ("x", "z"), value=(1, 2), names=("x", "y", "z"))
    expected = P[1, :, 2] / P[1, :, 2].sum()
    assert_close(C, expected, rtol=1e-14)
    assert_close(pr.conditional(P, (0, 2), value=(1, 2)), expected, rtol=1e-14)


def test_conditional_on_a_zero_probability_event_names_it():
    P = np.array([[0.5, 0.5], [0.0, 0.0]])
    with pytest.raises(ParameterError, match=r"event \(axis 0 = 1\) has probability 0"):
        pr.conditional(P, 0, value=1)
    with pytest.raises(ParameterError, match=r"event \(rain = 1\) has probability 0"):
        pr.conditional(P, "rain", names=["rain", "traffic"])
    # the possible event still works
    assert_close(pr.conditional(P, 0, value=0), np.array([0.5, 0.5]))


def test_conditional_errors():
    P = np.full((2, 2), 0.25)
    with pytest.raises(ShapeError, match="conditional: joint must be a table with 2"):
        pr.conditional([0.5, 0.5], 0)
    with pytest.raises(ShapeError, match="given names every axis"):
        pr.conditional(P, (0, 1))
    with pytest.raises(ParameterError, match="value 2 is out of range for axis 1"):
        pr.conditional(P, 1, value=2)
    with pytest.raises(ParameterError, match="one integer index per given variable"):
        pr.conditional(P, 1, value=(0, 1))
    with pytest.raises(ParameterError, match="one integer index per given variable"):
        pr.conditional(P, 1, value=0.5)


# --- independence ----------------------------------------------------------------------------


@given(independent_tables())
def test_outer_products_of_marginals_are_independent(P):
    assert pr.are_independent(P) is True


@given(joint_tables(min_ndim=2, max_ndim=3, zeros=False))
def test_are_independent_agrees_with_the_largest_deviation(P):
    product = np.ones(())
    for k in range(P.ndim):
        product = np.multiply.outer(product, P.sum(axis=tuple(a for a in range(P.ndim) if a != k)))
    deviation = np.abs(P - product).max()
    # Both are computed to ~1e-16; only decide cases clearly away from the threshold.
    if deviation > 1e-9 or deviation < 1e-11:
        assert pr.are_independent(P) == (deviation <= 1e-10)


def test_are_independent_named_cases():
    assert not pr.are_independent([[0.5, 0.0], [0.0, 0.5]])  # Y = X
    assert pr.are_independent([[1.0, 0.0], [0.0, 0.0]])  # a certain outcome is independent
    P = np.outer([0.3, 0.7], [0.4, 0.6])
    P[0, 0] += 1e-6
    P[1, 1] -= 1e-6
    assert not pr.are_independent(P)
    assert pr.are_independent(P, tol=1e-5)


def test_are_independent_errors():
    with pytest.raises(ShapeError, match="are_independent: joint must be a table with 2"):
        pr.are_independent([1.0])
    with pytest.raises(ParameterError, match="tol must be a finite number > 0"):
        pr.are_independent(np.full((2, 2), 0.25), tol=0)


# --- validation of the table (shared by the three) -------------------------------------------


@pytest.mark.parametrize("func", [
    lambda P: pr.marginal(P, 0),
    lambda P: pr.conditional(P, 0),
    lambda P: pr.are_independent(P),
])  # fmt: skip
def test_a_table_must_be_a_distribution(func):
    with pytest.raises(ParameterError, match=r"must sum to 1, but its entries sum to 2\.0"):
        func([[1.0, 0.5], [0.25, 0.25]])
    with pytest.raises(ParameterError, match="must hold probabilities >= 0, got -0.1"):
        func([[0.6, -0.1], [0.25, 0.25]])
    with pytest.raises(ShapeError, match="is empty"):
        func(np.zeros((0, 2)))
    with pytest.raises(NotFiniteError, match="contains NaN"):
        func([[np.nan, 0.5], [0.25, 0.25]])
    with pytest.raises(DTypeError, match="must hold numbers"):
        func([["a", "b"], ["c", "d"]])


def test_a_scalar_is_not_a_table():
    with pytest.raises(ShapeError, match="marginal: joint must be a 1-D vector or a table"):
        pr.marginal(1.0, 0)


def test_axis_and_name_errors():
    P = np.full((2, 2), 0.25)
    with pytest.raises(ShapeError, match="keep axis 2 is out of bounds for a table with 2 axes"):
        pr.marginal(P, 2)
    with pytest.raises(ParameterError, match="unknown axis 'z'; no names were given"):
        pr.marginal(P, "z")
    with pytest.raises(ParameterError, match=r"unknown axis 'z'; names are \('x', 'y'\)"):
        pr.marginal(P, "z", names=["x", "y"])
    with pytest.raises(ParameterError, match="names the same axis twice"):
        pr.marginal(P, (0, -2))
    with pytest.raises(ParameterError, match="must name at least one axis"):
        pr.marginal(P, ())
    with pytest.raises(ParameterError, match="must hold axis numbers or names, got 0.5"):
        pr.marginal(P, [0.5])
    with pytest.raises(ParameterError, match="keep must be an axis number"):
        pr.marginal(P, None)
    with pytest.raises(ParameterError, match="names must hold 2 strings"):
        pr.marginal(P, 0, names=["x"])
    with pytest.raises(ParameterError, match="names must be a sequence of strings"):
        pr.marginal(P, 0, names="xy")
    with pytest.raises(ParameterError, match="names must be distinct"):
        pr.marginal(P, 0, names=["x", "x"])
