"""qr (blocked Householder) and the plain _qr_unblocked against numpy.linalg.qr (LAPACK dgeqrf)."""

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mathforml.linalg as la
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from mathforml.linalg._qr import _qr_unblocked
from tests.reference import (
    EPS,
    assert_close,
    assert_same_shape_dtype,
    backward_error,
    cond,
    orthogonality_error,
)
from tests.strategies import HARD_RECTANGULAR, HARD_SQUARE, RAGGED, hilbert, matrices

MODES = ["reduced", "complete", "r"]
HARD = {**HARD_SQUARE, **HARD_RECTANGULAR}

# Both implementations take the same arguments (the private one trusts float64 input).
IMPLEMENTATIONS = pytest.mark.parametrize(
    "qr", [la.qr, _qr_unblocked], ids=["blocked", "unblocked"]
)


def check_against_numpy(qr, A, mode):
    """Shapes and dtype as numpy's; A = Q R, QᵀQ = I, R upper triangular; for full rank, same R.

    Backward error and orthogonality: Householder QR is backward stable, so both are a
    modest multiple of eps, growing at most like the dimension (bound: 20 · max(m, n) · eps).
    """
    m, n = A.shape
    expected = np.linalg.qr(A, mode=mode)
    result = qr(A, mode)
    bound = 20 * max(m, n, 1) * EPS
    if mode == "r":
        R, R_ref = result, expected
        assert isinstance(R, np.ndarray)
    else:
        assert isinstance(result, tuple) and type(result).__name__ == "QRResult"
        Q, R = result
        Q_ref, R_ref = expected
        assert result.Q is Q and result.R is R
        assert_same_shape_dtype(Q, Q_ref)
        assert orthogonality_error(Q) <= bound
        if mode == "complete":
            assert orthogonality_error(Q.T) <= bound  # square: Q Qᵀ = I too
        assert backward_error(A, Q @ R) <= bound
    assert_same_shape_dtype(R, R_ref)
    assert R.dtype == np.float64
    assert np.array_equal(R, np.triu(R))
    k = min(m, n)
    kappa = cond(A[:, :k])
    if k and kappa < 1e10:
        # R is unique up to the sign of each row when the leading k columns are independent;
        # its perturbation is ~eps · cond(A[:, :k]) · ‖A‖.
        signs = np.sign(np.diag(R[:k])) * np.sign(np.diag(R_ref[:k]))
        scale = np.abs(A).max() * max(m, n) * kappa
        assert_close(R[:k] * signs[:, None], R_ref[:k], rtol=0, atol=100 * EPS * scale)
        if mode != "r":
            assert_close(Q[:, :k] * signs, Q_ref[:, :k], rtol=0, atol=100 * EPS * max(m, n) * kappa)


# --- generated inputs -------------------------------------------------------------------


@IMPLEMENTATIONS
@pytest.mark.parametrize("mode", MODES)
@given(A=matrices())
def test_matches_numpy_on_generated_matrices(qr, mode, A):
    check_against_numpy(qr, A, mode)


@settings(max_examples=10)
@given(A=matrices(st.integers(30, 75), st.integers(30, 75)))
def test_blocked_matches_numpy_across_block_boundaries(A):
    # Sizes 30..75 straddle the 32-column panels: one, two or three blocks, ragged last block.
    for mode in MODES:
        check_against_numpy(la.qr, A, mode)


@given(A=matrices(), e=st.integers(-150, 150))
def test_scaling_a_scales_r(A, e):
    # Q R = A  ⇒  Q (c R) = c A: Q is unchanged and R scales. Entries up to 1e152 and down
    # to 1e-150 must neither overflow nor underflow on the way (norms are rescaled).
    nonzero = np.abs(A[A != 0])
    assume(nonzero.size == 0 or nonzero.min() * 10.0**e > 1e-290)  # no subnormal entries
    m, n = A.shape
    k = min(m, n)
    kappa = cond(A[:, :k])
    assume(kappa < 1e10)  # otherwise Q and R are not determined by A to useful accuracy
    Q, R = la.qr(A)
    with np.errstate(over="raise"):
        Qc, Rc = la.qr(A * 10.0**e)
    # Rounding c · A is a relative perturbation eps; Q and R move by ~eps · cond(A[:, :k]),
    # except for signs: a column tail that is exactly 0 in one and rounding noise in the
    # other gets a reflection of the opposite sign (LAPACK's convention does the same).
    tol = 100 * max(m, n) * EPS * kappa
    signs = np.sign(np.diag(Rc)) * np.sign(np.diag(R))
    assert_close(Qc[:, :k] * signs, Q[:, :k], rtol=0, atol=tol)
    assert_close(Rc * signs[:, None] / 10.0**e, R, rtol=0, atol=tol * np.abs(A).max())


# --- seeded larger matrices (the blocked path with several panels) ---------------------------


@pytest.mark.parametrize(
    "shape", [(33, 33), (64, 64), (100, 70), (70, 100), (200, 40), (40, 200), (129, 129)]
)
@pytest.mark.parametrize("mode", MODES)
def test_blocked_and_unblocked_match_numpy_on_larger_matrices(shape, mode):
    A = np.random.default_rng(sum(shape)).standard_normal(shape)
    check_against_numpy(la.qr, A, mode)
    check_against_numpy(_qr_unblocked, A, mode)


def test_n512_error_bounds():
    # The acceptance bounds: ‖A - QR‖ <= 1e-12 · n · ‖A‖ and ‖QᵀQ - I‖ alike (seen: ~1e-15, 3e-14).
    n = 512
    A = np.random.default_rng(0).standard_normal((n, n)) / np.sqrt(n)
    Q, R = la.qr(A)
    assert backward_error(A, Q @ R) <= 1e-12 * n
    assert orthogonality_error(Q) <= 1e-12 * n
    assert_close(np.abs(R), np.abs(np.linalg.qr(A, mode="r")), rtol=0, atol=1e-12)


def test_rank_deficient_large_matrix():
    rng = np.random.default_rng(5)
    A = rng.standard_normal((120, 40)) @ rng.standard_normal((40, 90))  # rank 40
    for mode in MODES:
        check_against_numpy(la.qr, A, mode)
    R = la.qr(A, mode="r")
    # Exactly 40 directions: the rows of R below the 40th are rounding noise.
    assert np.abs(R[40:]).max() <= 1e-12 * np.abs(R).max()


# --- named hard cases ---------------------------------------------------------------------


@IMPLEMENTATIONS
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("A", list(HARD.values()), ids=list(HARD))
def test_named_cases(qr, mode, A):
    check_against_numpy(qr, A, mode)


def test_hilbert10():
    H = hilbert(10)  # cond ≈ 1.6e13: Householder stays backward stable regardless
    Q, R = la.qr(H)
    beta = backward_error(H, Q @ R)
    assert beta <= 20 * 10 * EPS
    assert orthogonality_error(Q) <= 20 * 10 * EPS
    R_ref = np.linalg.qr(H, mode="r")
    # R of a graded matrix like Hilbert's is far better conditioned than H itself
    # (Chang–Paige–Stewart): the absolute differences sit at rounding level of ‖H‖ ≈ 1.75.
    assert_close(np.abs(R), np.abs(R_ref), rtol=0, atol=1e-13)
    # ∏|rᵢᵢ| = |det H| ≈ 2.2e-53. A backward error β moves det by a relative n · cond · β
    # at most, for ours and for LAPACK's, so the two agree to about that.
    kappa = cond(H)
    np.testing.assert_allclose(
        np.prod(np.abs(np.diag(R))),
        np.prod(np.abs(np.diag(R_ref))),
        rtol=2 * 10 * kappa * (beta + EPS),
    )


@IMPLEMENTATIONS
def test_one_by_one(qr):
    Q, R = qr(np.array([[-3.0]]))
    Q_ref, R_ref = np.linalg.qr(np.array([[-3.0]]))
    assert_close(Q, Q_ref, rtol=0)
    assert_close(R, R_ref, rtol=0)


@IMPLEMENTATIONS
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape", [(0, 0), (0, 3), (3, 0)])
def test_empty_shapes_match_numpy(qr, mode, shape):
    A = np.zeros(shape)
    expected = np.linalg.qr(A, mode=mode)
    result = qr(A, mode)
    if mode == "r":
        assert_same_shape_dtype(result, expected)
    else:
        assert_same_shape_dtype(result.Q, expected.Q)
        assert_same_shape_dtype(result.R, expected.R)
        assert_close(result.Q, expected.Q, rtol=0)  # complete (3, 0): Q is the identity


def test_zero_matrix_gives_identity_q():
    Q, R = la.qr(np.zeros((4, 3)), mode="complete")
    assert_close(Q, np.eye(4), rtol=0)
    assert_close(R, np.zeros((4, 3)), rtol=0)


@pytest.mark.parametrize("scale", [1e-200, 1e-150, 1e150, 1e200])
def test_huge_and_tiny_scales(scale):
    A = HARD_RECTANGULAR["tall"]
    with np.errstate(all="raise"):  # no overflow or underflow on the way
        Q, R = la.qr(A * scale)
    Q1, R1 = la.qr(A)
    assert_close(Q, Q1, rtol=1e-14, scale=1.0)
    assert_close(R / scale, R1, rtol=1e-14, scale=np.abs(R1).max())


@pytest.mark.parametrize("mode", ["reduced", "complete"])
def test_near_underflow_q_stays_orthogonal(mode):
    # Entries at the smallest normal number (2.2e-308): the rounding residues of the
    # reflections are subnormal, with too few bits to build an orthogonal reflection
    # from unless the column is rescaled first (as LAPACK's dlarfg does).
    tiny = np.finfo(float).tiny
    ints = np.random.default_rng(0).integers(-3, 4, (5, 4))
    for A in (np.full((3, 2), tiny), np.full((6, 4), tiny), tiny * ints):
        Q, R = la.qr(A, mode)
        assert orthogonality_error(Q) <= 20 * 5 * EPS
        assert backward_error(A / tiny, Q @ (R / tiny)) <= 20 * 5 * EPS


def test_integer_and_nested_list_input():
    A = [[3, 1], [4, 2], [0, 5]]
    Q, R = la.qr(A)
    Qf, Rf = la.qr(np.array(A, dtype=float))
    assert Q.dtype == R.dtype == np.float64
    assert_close(Q, Qf, rtol=0)
    assert_close(R, Rf, rtol=0)


def test_unpacks_and_does_not_modify_input():
    A = np.random.default_rng(1).standard_normal((5, 4))
    A_before = A.copy()
    result = la.qr(A)
    Q, R = result
    assert result._fields == ("Q", "R")
    assert np.array_equal(A, A_before)


# --- errors -------------------------------------------------------------------------------


def test_errors_name_function_and_argument():
    with pytest.raises(NotFiniteError, match=r"qr: A contains NaN"):
        la.qr([[1.0, np.nan], [0.0, 1.0]])
    with pytest.raises(NotFiniteError, match=r"qr: A contains infinity"):
        la.qr([[1.0, -np.inf], [0.0, 1.0]])
    with pytest.raises(ShapeError, match=r"qr: A is a ragged nested sequence"):
        la.qr(RAGGED)
    with pytest.raises(ShapeError, match=r"qr: A must be a 2-D matrix, got shape \(2, 2, 2\)"):
        la.qr(np.zeros((2, 2, 2)))
    with pytest.raises(DTypeError, match=r"qr: A must hold numbers"):
        la.qr([["x"]])
    with pytest.raises(DTypeError, match=r"qr: A holds complex numbers"):
        la.qr([[1 + 2j]])
    with pytest.raises(
        ParameterError, match=r"qr: mode must be one of 'reduced', 'complete', 'r', got 'full'"
    ):
        la.qr(np.eye(2), mode="full")
