"""rref: reduced row echelon form with its steps, against an exact Fraction reference and
numpy.linalg.matrix_rank."""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mathforml.linalg as la
from mathforml._steps import RowAdd, RowScale, RowSwap
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from tests.reference import EPS, assert_close, cond
from tests.strategies import (
    HARD_RECTANGULAR,
    HARD_SQUARE,
    RAGGED,
    SMALL_INTS,
    hilbert,
    matrices,
    well_conditioned_matrices,
    with_singular_values,
)

# --------------------------------------------------------------------------- references


def exact_rref(A) -> tuple[np.ndarray, tuple[int, ...]]:
    """Gauss–Jordan in exact rational arithmetic (any nonzero pivot will do: RREF is unique)."""
    M = [[Fraction(x) for x in row] for row in np.asarray(A).tolist()]
    m, n = np.shape(A)
    pivots, row = [], 0
    for col in range(n):
        p = next((i for i in range(row, m) if M[i][col] != 0), None)
        if p is None:
            continue
        M[row], M[p] = M[p], M[row]
        M[row] = [x / M[row][col] for x in M[row]]
        for i in range(m):
            if i != row and M[i][col] != 0:
                f = M[i][col]
                M[i] = [a - f * b for a, b in zip(M[i], M[row], strict=True)]
        pivots.append(col)
        row += 1
    return np.array([[float(x) for x in r] for r in M]).reshape(m, n), tuple(pivots)


def replay(A, steps) -> np.ndarray:
    """Apply the recorded row operations, in order, to a copy of A."""
    X = np.array(A, dtype=float)
    for s in steps:
        if isinstance(s, RowSwap):
            X[[s.i, s.j]] = X[[s.j, s.i]]
        elif isinstance(s, RowScale):
            X[s.i] *= s.factor
        else:
            assert isinstance(s, RowAdd)
            X[s.target] += s.factor * X[s.source]
    return X


def assert_is_rref(R, pivots):
    """Pivots are exactly 1 with exact zeros above and below, leading entries move right,
    zero rows come last."""
    m, n = R.shape
    assert all(isinstance(c, int) for c in pivots)
    assert list(pivots) == sorted(set(pivots)) and len(pivots) <= min(m, n)
    for k, c in enumerate(pivots):
        assert R[k, c] == 1.0
        assert np.count_nonzero(R[:, c]) == 1  # the rest of a pivot column is exactly 0
        assert not R[k, :c].any()  # nothing before the pivot: it is the leading entry
    assert not R[len(pivots) :].any()  # zero rows last


def assert_replay_reproduces(A, result, growth: float = 1.0):
    R = result.R
    # each operation adds rounding of order eps x (size of the rows it touches); the
    # replay keeps that noise where R holds exact zeros and ones, and elimination
    # amplifies it by up to the condition number (``growth``) of A
    scale = max(np.abs(A).max(initial=0.0), 1.0) * max(np.abs(R).max(initial=0.0), 1.0)
    atol = 1e3 * max(A.shape) * EPS * scale * growth
    assert_close(replay(A, result.steps), R, rtol=1e-9, atol=atol)
    if result.steps:
        # the last step shows the answer, but for entries dropped as zero after it
        tol = max(A.shape) * EPS * np.abs(A).sum(axis=1).max()  # rref's default
        last = result.steps[-1].matrix
        assert np.array_equal(last[R != 0], R[R != 0]) and np.all(np.abs(last[R == 0]) <= tol)


def rank_of(A) -> int:
    return int(np.linalg.matrix_rank(A)) if np.size(A) else 0


@st.composite
def integer_low_rank(draw):
    """Exactly rank-deficient integer matrices X Y (entries stay exact in float64)."""
    m, n, r = draw(st.integers(1, 6)), draw(st.integers(1, 6)), draw(st.integers(0, 4))
    X = draw(matrices(rows=m, cols=r, elements=SMALL_INTS)) if r else np.zeros((m, 0))
    Y = draw(matrices(rows=r, cols=n, elements=SMALL_INTS)) if r else np.zeros((0, n))
    return X @ Y


INTEGER_MATRICES = st.one_of(
    matrices(rows=st.integers(1, 6), cols=st.integers(1, 6), elements=SMALL_INTS),
    integer_low_rank(),
)


# --------------------------------------------------------------------------- against exact


@given(INTEGER_MATRICES)
def test_rref_of_integer_matrices_equals_exact_rref(A):
    R, pivots, steps = la.rref(A)
    R_exact, pivots_exact = exact_rref(A.astype(int))
    assert R.shape == A.shape and R.dtype == np.float64
    assert pivots == pivots_exact
    # entries of the exact RREF are ratios of minors (<= ~1e8 here): relative accuracy
    assert_close(R, R_exact, rtol=1e-10, scale=max(1.0, np.abs(R_exact).max()))
    assert_is_rref(R, pivots)
    assert len(pivots) == rank_of(A)
    assert rank_of(np.vstack([A, R])) == rank_of(A)  # same row space
    assert_replay_reproduces(A, la.rref(A))


@given(INTEGER_MATRICES)
def test_record_steps_false_gives_the_same_result(A):
    with_steps = la.rref(A)
    without = la.rref(A, record_steps=False)
    assert without.steps == []
    assert without.pivots == with_steps.pivots
    assert np.array_equal(without.R, with_steps.R)  # the same arithmetic, vectorized


def test_steps_are_recorded_by_default_only_while_they_fit_in_memory():
    rng = np.random.default_rng(1)
    small, big = rng.standard_normal((10, 10)), rng.standard_normal((60, 60))
    assert len(la.rref(small).steps) >= 10  # at least one scaling per pivot
    default = la.rref(big)  # 60 x 60 would keep ~3700 copies (100 MB): not by default
    assert default.steps == []
    assert np.array_equal(default.R, np.eye(60))
    assert len(la.rref(big[:5], record_steps=True).steps) >= 5
    assert la.rref(small, record_steps=False).steps == []


@given(matrices())
def test_rref_of_any_matrix_is_in_rref(A):
    result = la.rref(A)
    assert result.R.shape == A.shape and result.R.dtype == np.float64
    assert_is_rref(result.R, result.pivots)
    assert np.array_equal(la.rref(A, record_steps=False).R, result.R)
    for step in result.steps:
        assert step.matrix.shape == A.shape
        assert not np.shares_memory(step.matrix, result.R)  # snapshots, not views


@given(well_conditioned_matrices(max_n=7))
def test_rref_of_invertible_matrix_is_identity(A):
    result = la.rref(A)
    n = A.shape[0]
    assert result.pivots == tuple(range(n))
    assert np.array_equal(result.R, np.eye(n))  # pivots set to 1, the rest to exact 0
    assert_replay_reproduces(A, result)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("shape", [(3, 7), (7, 3), (5, 5), (1, 6), (6, 1)])
def test_rref_replay_on_gaussian_matrices(seed, shape):
    A = np.random.default_rng(seed).standard_normal(shape)
    result = la.rref(A)
    assert len(result.pivots) == rank_of(A)
    assert_replay_reproduces(A, result)
    assert rank_of(np.vstack([A, result.R])) == rank_of(A)


@pytest.mark.parametrize("rank", [0, 1, 2, 4])
def test_rref_finds_the_rank_of_well_separated_spectra(rank):
    # singular values 10, 5, 2, 1 (then exact zeros up to rounding): a clear gap
    s = np.r_[[10.0, 5.0, 2.0, 1.0][:rank], np.zeros(5 - rank)]
    A = with_singular_values(s, m=5, n=8, seed=rank)
    result = la.rref(A)
    assert len(result.pivots) == rank_of(A) == rank
    assert_is_rref(result.R, result.pivots)


# --------------------------------------------------------------------------- named cases


@pytest.mark.parametrize("name", sorted(HARD_SQUARE))
def test_rref_hard_square(name):
    A = HARD_SQUARE[name]
    result = la.rref(A)
    assert_is_rref(result.R, result.pivots)
    assert len(result.pivots) == rank_of(A)
    # Hilbert(10) is invertible but cond ≈ 1.6e13: the replay's forward error grows with it
    assert_replay_reproduces(A, result, growth=cond(A) if name == "hilbert10" else 1.0)


@pytest.mark.parametrize("name", sorted(HARD_RECTANGULAR))
def test_rref_hard_rectangular(name):
    A = HARD_RECTANGULAR[name]
    result = la.rref(A)
    assert_is_rref(result.R, result.pivots)
    assert len(result.pivots) == rank_of(A)
    assert_replay_reproduces(A, result)


def test_rref_known_examples():
    R, pivots, _ = la.rref([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
    assert_close(R, np.array([[1.0, 0.0, -1.0], [0.0, 1.0, 2.0], [0.0, 0.0, 0.0]]), rtol=1e-14)
    assert pivots == (0, 1)
    assert np.array_equal(la.rref(hilbert(10)).R, np.eye(10))  # cond 1.6e13, still full rank


def test_partial_pivoting_swaps_the_tiny_pivot_away():
    # [[1e-20, 1], [1, 1]]: using 1e-20 as the pivot would give x₂ = 1, x₁ = 0 for b = (1, 2)
    A = np.array([[1e-20, 1.0, 1.0], [1.0, 1.0, 2.0]])
    result = la.rref(A)
    assert isinstance(result.steps[0], RowSwap) and (result.steps[0].i, result.steps[0].j) == (0, 1)
    assert_close(result.R[:, 2], np.array([1.0, 1.0]), rtol=1e-15)  # the solution x = (1, 1)


def test_steps_record_kinds_factors_and_matrices():
    result = la.rref([[0, 2], [1, 1]])
    assert [s.kind for s in result.steps] == ["swap", "scale", "add"]
    swap, scale, add = result.steps
    assert (swap.i, swap.j) == (0, 1)
    assert_close(swap.matrix, np.array([[1.0, 1.0], [0.0, 2.0]]), rtol=0)
    assert (scale.i, scale.factor) == (1, 0.5)
    assert (add.target, add.source, add.factor) == (0, 1, -1.0)
    assert_close(add.matrix, np.eye(2), rtol=0)


def test_no_negative_zeros_in_the_result():
    R = la.rref([[1, 2, 3], [2, 4, 7]]).R
    assert not np.signbit(R[R == 0]).any()


def test_tol_decides_what_counts_as_zero():
    A = np.array([[1.0, 1.0], [1.0, 1.0 + 1e-10]])
    assert la.rref(A).pivots == (0, 1)  # 1e-10 is far above the default tol ≈ 9e-16
    assert la.rref(A, tol=1e-8).pivots == (0,)
    assert la.rref(A, tol=0).pivots == (0, 1)
    assert la.rref([[1e-300, 0.0], [0.0, 0.0]], tol=0).pivots == (0,)  # only exact zeros


@pytest.mark.parametrize("shape", [(0, 0), (0, 3), (3, 0)])
def test_rref_of_empty_matrices(shape):
    R, pivots, steps = la.rref(np.zeros(shape))
    assert R.shape == shape and R.dtype == np.float64
    assert pivots == () and steps == []


def test_rref_of_zero_and_one_by_one():
    R, pivots, steps = la.rref(np.zeros((2, 3)))
    assert np.array_equal(R, np.zeros((2, 3))) and pivots == () and steps == []
    R, pivots, _ = la.rref([[-4.0]])
    assert R.tolist() == [[1.0]] and pivots == (0,)


def test_rref_accepts_fractions():
    F = np.array([[Fraction(1, 3), Fraction(2, 3)], [Fraction(1, 2), Fraction(1, 1)]], dtype=object)
    R, pivots, _ = la.rref(F)
    assert pivots == (0,)  # the rows are proportional
    assert_close(R, np.array([[1.0, 2.0], [0.0, 0.0]]), rtol=1e-15)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("tol", [-1.0, np.nan, np.inf])
def test_rref_rejects_bad_tol(tol):
    with pytest.raises(ParameterError, match=r"rref: tol must be a finite number >= 0 or None"):
        la.rref(np.eye(2), tol=tol)


def test_rref_rejects_non_numeric_tol():
    with pytest.raises(DTypeError, match=r"rref: tol must be a real number >= 0 or None"):
        la.rref(np.eye(2), tol="small")


def test_rref_rejects_bad_matrices():
    with pytest.raises(ShapeError, match=r"rref: A must be a 2-D matrix, got shape \(3,\)"):
        la.rref([1, 2, 3])
    with pytest.raises(ShapeError, match=r"rref: A is a ragged nested sequence"):
        la.rref(RAGGED)
    with pytest.raises(NotFiniteError, match=r"rref: A contains infinity"):
        la.rref([[1, np.inf]])
