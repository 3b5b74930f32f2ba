"""eig against numpy.linalg.eig (LAPACK's dgeev).

Eigenvalues of a non-normal matrix are sensitive: a backward-stable method
returns the exact eigenvalues of some ``A + E`` with ``‖E‖ ≈ n eps ‖A‖``, and
an eigenvalue then moves by about ``κ(λ) ‖E‖``, where ``κ(λ) = 1 / |yᴴ x|``
(unit left and right eigenvectors) is its condition number: 1 for a normal
matrix, huge near a Jordan block. So the tests check, in this order:

1. shape and dtype (real when all eigenvalues are real, as numpy decides);
2. the residual ``‖A V − V Λ‖ ≤ c n eps ‖A‖ ‖V‖``, true for any
   backward-stable answer however ill-conditioned the eigenvalues;
3. each computed eigenvalue ``μ`` is exact for a nearby matrix:
   ``σ_min(A − μ I) ≤ c n eps ‖A‖``;
4. the eigenvalue multiset matches numpy's (optimal matching), eigenvalue i
   within ``2 c n eps ‖A‖ κᵢ`` (both answers may be off by ``c n eps ‖A‖ κᵢ``),
   κᵢ from SciPy's left and right eigenvectors. First-order theory fails for
   a cluster of m (nearly) equal eigenvalues: a Jordan block splits like
   ``‖E‖^{1/m}``. So reference eigenvalues whose error disks overlap are
   grouped, and a group of m gets the radius ``4 ‖A‖ (2 c n eps)^{1/m}``
   (= ``4 (2 ‖E‖ ‖A‖^{m-1})^{1/m}``), the splitting of an m x m Jordan
   block of scale ‖A‖ under ``2 ‖E‖``.
"""

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

import mathforml.linalg as la
from mathforml.errors import (
    ConvergenceError,
    DTypeError,
    NotFiniteError,
    ParameterError,
    ShapeError,
)
from mathforml.linalg._eig import _qr_algorithm_unshifted
from tests.reference import EPS
from tests.strategies import (
    HARD_SQUARE,
    RAGGED,
    SMALL_INTS,
    diagonalizable_matrices,
    hilbert,
    random_orthogonal,
    square_matrices,
    symmetric_matrices,
    well_conditioned_matrices,
)

C = 16  # the constant in c · n · eps: LAPACK's own tests accept ratios up to about 30


def _condition_numbers(A):
    """Reference eigenvalues and κᵢ = 1 / |yᵢᴴ xᵢ|, from LAPACK's unit left/right vectors.

    ``A`` is scaled to max |aᵢⱼ| = 1 first: SciPy's bundled dgeev (1.17) returns
    6.7e-139 for the 1 x 1 matrix [[4.5e-147]] (it forgets to undo its internal
    scaling); numpy's and ours return 4.5e-147.
    """
    s = np.abs(A).max() or 1.0
    w, Y, X = scipy.linalg.eig(A / s, left=True, right=True)
    with np.errstate(divide="ignore", over="ignore"):  # yᴴx = 0 or tiny: a Jordan block
        kappa = 1.0 / np.abs(np.einsum("ij,ij->j", Y.conj(), X))
    # LAPACK's balancing occasionally returns a wrong eigenvector (e.g. x = e₀ with
    # ‖A e₀‖ = 7 for [[0, 4e-42, 0], [0, 4, 1/32], [7, 1, 0]], whose true κ is ~900).
    # Where its own vectors fail their residual, its κ means nothing: assume the worst.
    n = A.shape[0]
    residual = np.linalg.norm((A / s) @ X - X * w, axis=0)
    kappa[residual > C * n * EPS * max(np.linalg.norm(A / s), 1.0)] = np.inf
    return w * s, np.minimum(kappa, 1.0 / EPS)


def _cluster_bounds(wref, bound, rel, norm_a):
    """Error radii: ``bound`` for isolated eigenvalues, ``4 ‖A‖ rel^{1/m}`` for clusters of m."""
    n = wref.size
    label = np.arange(n)
    single = bound.copy()
    changed = True
    while changed:  # merge groups whose disks overlap until none do
        changed = False
        for i in range(n):
            for j in range(n):
                if label[i] != label[j] and abs(wref[i] - wref[j]) <= bound[i] + bound[j]:
                    label[label == label[j]] = label[i]
                    changed = True
        for group in np.unique(label):
            members = label == group
            m = members.sum()
            bound[members] = single[members] if m == 1 else 4 * norm_a * rel ** (1 / m)
    return bound


def check_eig(A, *, same_dtype=True):
    """All four checks of the module docstring; returns ours."""
    A = np.asarray(A, dtype=float)
    n = A.shape[0]
    w, V = la.eig(A)
    wn, _ = np.linalg.eig(A)
    assert w.shape == (n,) and V.shape == (n, n)
    assert V.dtype == w.dtype and w.dtype in (np.float64, np.complex128)
    if same_dtype:
        assert w.dtype == wn.dtype, f"dtype {w.dtype} != numpy's {wn.dtype}"
    if n == 0:
        return w, V
    np.testing.assert_allclose(np.linalg.norm(V, axis=0), 1.0, rtol=1e-12)  # unit columns

    # The checks are scale invariant; divide by a power of two near max|A| (exact) so
    # that the reference computations neither overflow nor underflow.
    s = 2.0 ** np.frexp(np.abs(A).max())[1] if A.any() else 1.0
    A, w_s = A / s, w / s
    tol = C * n * EPS * np.linalg.norm(A)

    # 2. residual: ‖A V − V Λ‖_F ≤ tol · ‖V‖_F, with ‖V‖_F = √n
    assert np.linalg.norm(A @ V - V * w_s) <= tol * np.sqrt(n)

    # 3. each eigenvalue exact for a nearby matrix
    for mu in w_s:
        assert np.linalg.svd(A - mu * np.eye(n), compute_uv=False)[-1] <= tol

    # 4. same multiset as numpy, within the condition-aware tolerance; the matching
    # minimizes distances measured in units of each reference eigenvalue's tolerance
    wref, kappa = _condition_numbers(A)
    bound = _cluster_bounds(wref, 2 * tol * kappa, 2 * C * n * EPS, np.linalg.norm(A))
    bound = np.maximum(bound, np.finfo(float).tiny)  # tol = 0 for the zero matrix
    dist = np.abs(wref[:, None] - w_s[None, :])
    rows, cols = linear_sum_assignment(dist / bound[:, None])
    assert np.all(dist[rows, cols] <= bound[rows]), (wref, w_s)

    # complex pairs: adjacent, positive imaginary part first, exact conjugates
    if np.iscomplexobj(w):
        j = 0
        while j < n:
            if w[j].imag == 0:
                j += 1
                continue
            assert w[j].imag > 0 and w[j + 1] == w[j].conjugate()
            assert np.array_equal(V[:, j + 1], V[:, j].conj())
            # a largest entry (up to rounding ties) is real and positive
            top = np.abs(V[:, j]) >= np.abs(V[:, j]).max() * (1 - 1e-12)
            assert np.any((V[top, j].imag == 0) & (V[top, j].real > 0))
            j += 2
    return w, V


# --- random inputs --------------------------------------------------------------------------


@given(square_matrices(max_n=6))
def test_eig_matches_numpy(A):
    # The dtype may differ from numpy's here: a nearly defective real double eigenvalue can
    # come out as a pair a ± bi with b of order √(eps ‖A‖) (or the other way round). The
    # matching in check_eig bounds |b| by the cluster radius, so that is all it may do.
    check_eig(A, same_dtype=False)


@given(square_matrices(max_n=6, elements=SMALL_INTS))
def test_eig_matches_numpy_on_small_integer_matrices(A):
    # Small integers make repeated, zero and defective eigenvalues common.
    check_eig(A, same_dtype=False)


@given(well_conditioned_matrices(max_n=7))
def test_eig_matches_numpy_on_well_conditioned_matrices(A):
    check_eig(A, same_dtype=False)


@given(symmetric_matrices(max_n=6))
def test_symmetric_matrices_have_real_eigenvalues(A):
    w, _ = check_eig(A, same_dtype=False)
    # A symmetric matrix is normal (κ = 1): any imaginary part is rounding, within n eps ‖A‖
    # (compared after dividing by s = max|aᵢⱼ|: numpy's norm squares 1e-200 to zero).
    s = np.abs(A).max() or 1.0
    assert np.abs(np.imag(w)).max() / s <= 2 * C * A.shape[0] * EPS * np.linalg.norm(A / s)




@given(diagonalizable_matrices())
def test_eig_finds_known_real_spectra(case):
    A, d = case
    w, V = check_eig(A)
    assert w.dtype == np.float64  # well separated real eigenvalues stay real
    np.testing.assert_allclose(np.sort(w), np.sort(d), atol=1e-10 * (1 + np.abs(d).max()))


def test_larger_random_matrices():
    rng = np.random.default_rng(7)
    for n in (20, 45):
        check_eig(rng.standard_normal((n, n)))


# --- named hard cases -----------------------------------------------------------------------


def _companion(coefficients):
    """Companion matrix of λⁿ + a₁ λⁿ⁻¹ + … + aₙ: first row −a, ones below the diagonal."""
    n = len(coefficients)
    A = np.eye(n, k=-1)
    A[0] = -np.asarray(coefficients, dtype=float)
    return A


def _subnormal_next_to_one():
    A = np.full((3, 3), 5e-324)  # the smallest subnormal number
    A[1, 1] = 1.0
    return A


EXTRA_SQUARE = {
    "one_real_one_complex_pair": np.array([[1.0, -2.0, 0.0], [2.0, 1.0, 0.0], [0.0, 0.0, 3.0]]),
    "mixed_blocks": random_orthogonal(3, 3)
    @ np.array([[1.0, -2.0, 5.0], [2.0, 1.0, 4.0], [0, 0, 3]])
    @ random_orthogonal(3, 3).T,
    "companion": _companion([-10.0, 35.0, -50.0, 24.0]),  # (λ−1)(λ−2)(λ−3)(λ−4)
    "upper_triangular": np.triu(np.arange(1.0, 26.0).reshape(5, 5)),
    "lower_triangular": np.tril(np.arange(1.0, 26.0).reshape(5, 5)),
    "cyclic_permutation": np.roll(np.eye(5), 1, axis=0),  # stalls the standard shifts
    "swap": np.array([[0.0, 1.0], [1.0, 0.0]]),
    "zero": np.zeros((3, 3)),
    "diag_2_2_5": np.diag([2.0, 2.0, 5.0]),
    "rotated_diag_2_2_5": random_orthogonal(3, 1)
    @ np.diag([2.0, 2.0, 5.0])
    @ random_orthogonal(3, 1).T,
    "nilpotent_jordan_6": np.eye(6, k=1),
    "jordan_3": 3 * np.eye(3) + np.eye(3, k=1),
    "frank_8": np.triu(
        np.minimum.outer(np.arange(8, 0, -1), np.arange(8, 0, -1)).astype(float), -1
    ),
    "symmetric_distinct": random_orthogonal(5, 4)
    @ np.diag([-3.0, -1, 0.5, 2, 7])
    @ random_orthogonal(5, 4).T,
    "balancing_trap": np.array([[3.5e-106, 1e-300], [1.0, 1.0]]),  # numpy's eigenvector is wrong
    "badly_scaled": np.array(
        [[1e-147, 1e-147, 1e-147], [1.0, 1e-147, 1e-147], [1e-147, 1e-147, 1e-147]]
    ),
    "subnormal_next_to_one": _subnormal_next_to_one(),  # reflections from subnormal columns
    "huge_entries": 1e300 * np.array([[1.0, -2.0], [3.0, 0.5]]),
    "tiny_entries": 1e-300 * np.array([[1.0, -2.0], [3.0, 0.5]]),
}


@pytest.mark.parametrize("name", sorted(HARD_SQUARE) + sorted(EXTRA_SQUARE))
def test_eig_hard_cases(name):
    A = HARD_SQUARE.get(name, EXTRA_SQUARE.get(name))
    check_eig(A)


def test_subnormal_entries():
    # Entries near 1e-320 carry only ~10 significant bits, and so do the eigenvalues once
    # they are stored: compare them in units of the subnormal spacing 2⁻¹⁰⁷⁴.
    A = 5e-320 * np.array([[1.0, 2.0], [3.0, 4.0]])
    w, V = la.eig(A)
    wn, Vn = np.linalg.eig(A)
    order, order_n = np.argsort(w), np.argsort(wn)
    np.testing.assert_allclose(w[order], wn[order_n], rtol=0, atol=4 * 2.0**-1074)
    overlap = np.abs(np.sum(V[:, order] * Vn[:, order_n], axis=0))  # |cos angle| per pair
    np.testing.assert_allclose(overlap, 1.0, rtol=1e-12)


def test_balancing_makes_small_eigenvalues_of_badly_scaled_matrices_accurate():
    # Eigenvalues ±3.2e-74 and ~1e-147, far below eps · ‖A‖ = 2e-16: the QR algorithm alone
    # would return ±3e-9. Balancing (as numpy does) shrinks ‖D⁻¹ A D‖ and keeps them.
    w = np.sort(la.eig(EXTRA_SQUARE["badly_scaled"]).eigenvalues)
    wn = np.sort(np.linalg.eigvals(EXTRA_SQUARE["badly_scaled"]))
    np.testing.assert_allclose(w[[0, 2]], wn[[0, 2]], rtol=1e-10)
    assert abs(w[1]) < 1e-140


def test_balancing_never_spoils_an_eigenvector():
    # Balancing scales the 1 down to ~1e-150, the QR algorithm then treats it as zero, and
    # scaling back turns that tiny error into a wrong eigenvector (numpy's is [1, 0]).
    A = EXTRA_SQUARE["balancing_trap"]
    w, V = check_eig(A)
    j = np.argmin(np.abs(w))
    np.testing.assert_allclose(np.abs(V[:, j]), [np.sqrt(0.5), np.sqrt(0.5)], rtol=1e-12)
    # Found by Hypothesis: numpy's eigenvector for 1.75 has residual 0.7 here.
    B = np.full((5, 5), 3.2354571e-63)
    B[2, 2], B[3, 4] = 1.75, 1.0
    w, V = check_eig(B, same_dtype=False)
    assert np.abs(B @ V - V * w).sum(axis=0).max() < 1e-14


def test_rotation_has_eigenvalues_plus_minus_i():
    w, V = la.eig(np.array([[0.0, -1.0], [1.0, 0.0]]))
    assert w.dtype == np.complex128
    np.testing.assert_array_equal(w, [1j, -1j])  # +i first, as LAPACK orders a pair
    np.testing.assert_allclose(V[:, 0], np.array([1, -1j]) / np.sqrt(2), atol=1e-15)


def test_one_real_eigenvalue_and_a_complex_pair():
    w, _ = check_eig(EXTRA_SQUARE["one_real_one_complex_pair"])
    assert w.dtype == np.complex128
    np.testing.assert_allclose(sorted(w, key=lambda z: (z.real, z.imag)), [1 - 2j, 1 + 2j, 3])


def test_companion_matrix_eigenvalues_are_the_polynomial_roots():
    w, _ = check_eig(EXTRA_SQUARE["companion"])
    np.testing.assert_allclose(np.sort(w), [1.0, 2.0, 3.0, 4.0], rtol=1e-12)


def test_triangular_eigenvalues_are_the_diagonal():
    for A in (EXTRA_SQUARE["upper_triangular"], EXTRA_SQUARE["lower_triangular"]):
        w, _ = la.eig(A)
        np.testing.assert_allclose(np.sort(w), np.sort(np.diag(A)), rtol=1e-12)


def test_jordan_block_gives_nearly_parallel_eigenvectors_like_numpy():
    A = HARD_SQUARE["jordan_block"]  # [[2, 1], [0, 2]]: one eigenvector only
    w, V = la.eig(A)
    _, Vn = np.linalg.eig(A)
    np.testing.assert_array_equal(w, [2.0, 2.0])
    for M in (V, Vn):
        assert abs(M[:, 0] @ M[:, 1]) > 1 - 1e-12  # the same direction, to rounding
        assert abs(M[0, 0]) == 1.0 and M[1, 0] == 0.0  # e₁, the true eigenvector


@pytest.mark.parametrize(
    "name", ["identity", "repeated_eigenvalues", "diag_2_2_5", "rotated_diag_2_2_5"]
)
def test_repeated_diagonalizable_eigenvalues_give_independent_eigenvectors(name):
    A = HARD_SQUARE.get(name, EXTRA_SQUARE.get(name))
    w, V = check_eig(A)
    assert np.linalg.cond(V) < 1e3  # a basis of eigenvectors, not parallel copies


def test_symmetric_matrix_with_distinct_eigenvalues_is_real_and_orthogonal():
    w, V = check_eig(EXTRA_SQUARE["symmetric_distinct"])
    assert w.dtype == np.float64
    np.testing.assert_allclose(np.sort(w), [-3.0, -1.0, 0.5, 2.0, 7.0], atol=1e-13)
    np.testing.assert_allclose(V.T @ V, np.eye(5), atol=1e-12)


def test_hilbert10_eigenvalues_are_positive_and_accurate():
    # Symmetric positive definite: real eigenvalues, absolute error about eps · ‖H‖.
    w, _ = check_eig(hilbert(10))
    ref = np.linalg.eigvalsh(hilbert(10))
    np.testing.assert_allclose(np.sort(w), ref, rtol=0, atol=C * 10 * EPS * ref[-1])


def test_scaling_by_powers_of_ten_scales_the_eigenvalues():
    A = np.array([[1.0, -2.0, 0.5], [3.0, 0.5, 1.0], [0.0, 1.0, 2.0]])
    w1 = np.sort_complex(la.eig(A).eigenvalues)
    for scale in (1e-300, 1e-150, 1e150, 1e300):
        np.testing.assert_allclose(
            np.sort_complex(la.eig(scale * A).eigenvalues), scale * w1, rtol=1e-13
        )


def test_one_by_one_and_empty_match_numpy():
    w, V = la.eig([[-4.0]])
    np.testing.assert_array_equal(w, [-4.0])
    np.testing.assert_array_equal(V, [[1.0]])
    w, V = la.eig(np.zeros((0, 0)))
    wn, Vn = np.linalg.eig(np.zeros((0, 0)))
    assert w.shape == wn.shape == (0,) and V.shape == Vn.shape == (0, 0)
    assert w.dtype == wn.dtype and V.dtype == Vn.dtype


def test_integer_boolean_and_list_input():
    for A in (
        [[2, 1], [1, 2]],
        np.array([[2, 1], [1, 2]], dtype=np.int32),
        [[True, True], [False, True]],
    ):
        check_eig(A)


def test_input_is_left_unchanged():
    A = np.random.default_rng(3).standard_normal((6, 6))
    before = A.copy()
    la.eig(A)
    la.eig(np.broadcast_to(A, A.shape))  # a read-only view works too
    np.testing.assert_array_equal(A, before)


def test_result_unpacks_like_numpy():
    result = la.eig([[1.0, 2.0], [3.0, 4.0]])
    w, V = result
    assert result.eigenvalues is w and result.eigenvectors is V
    assert result._fields == np.linalg.eig(np.eye(2))._fields


# --- errors ---------------------------------------------------------------------------------


def test_non_square_raises_shape_error():
    with pytest.raises(ShapeError, match=r"eig: A must be a square matrix, got shape \(2, 3\)"):
        la.eig(np.ones((2, 3)))
    with pytest.raises(ShapeError, match=r"eig: A must be a 2-D matrix, got shape \(3,\)"):
        la.eig(np.ones(3))


def test_ragged_raises_shape_error():
    with pytest.raises(ShapeError, match="eig: A is a ragged nested sequence"):
        la.eig(RAGGED)


@pytest.mark.parametrize("bad, word", [(np.nan, "NaN"), (np.inf, "infinity")])
def test_nan_and_inf_raise(bad, word):
    with pytest.raises(NotFiniteError, match=f"eig: A contains {word}"):
        la.eig([[1.0, bad], [0.0, 1.0]])


def test_complex_and_string_input_raise_dtype_error():
    with pytest.raises(DTypeError, match="eig: A holds complex numbers"):
        la.eig([[1j, 0], [0, 1]])
    with pytest.raises(DTypeError, match="eig: A must hold numbers"):
        la.eig([["a", "b"], ["c", "d"]])


@pytest.mark.parametrize("bad", [0, -3, 2.5, True])
def test_bad_max_iter_raises_parameter_error(bad):
    with pytest.raises(ParameterError, match="eig: max_iter must be a positive integer"):
        la.eig(np.eye(3), max_iter=bad)


def test_iteration_cap_raises_convergence_error():
    A = np.random.default_rng(0).standard_normal((8, 8))
    with pytest.raises(
        ConvergenceError, match=r"eig: the QR algorithm did not converge.*max_iter = 1"
    ):
        la.eig(A, max_iter=1)
    check_eig(A)  # the default cap is ample


# --- the plain QR algorithm (teaching variant) ------------------------------------------------


@st.composite
def separated_moduli(draw):
    """V diag(d) V⁻¹ with |d| = 2⁴, 2³, …: every ratio |λᵢ₊₁/λᵢ| = 1/2, so plain QR converges."""
    n = draw(st.integers(1, 6))
    signs = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=n, max_size=n)))
    d = signs * 2.0 ** np.arange(4, 4 - n, -1)
    seed = draw(st.integers(0, 2**32 - 1))
    V = random_orthogonal(n, seed) + 0.3 * np.eye(n)
    return (V * d) @ np.linalg.inv(V), d


@given(separated_moduli())
def test_unshifted_qr_converges_to_the_eigenvalues_in_decreasing_modulus(case):
    A, d = case
    w, Ak = _qr_algorithm_unshifted(A)
    assert w.dtype == np.float64
    np.testing.assert_allclose(w, d, atol=1e-9 * 16)  # the diagonal, in order |λ₁| > |λ₂| > …
    np.testing.assert_allclose(np.tril(Ak, -1), 0, atol=1e-10 * 16)  # Aₖ is (nearly) triangular


def test_unshifted_qr_leaves_complex_pairs_as_2x2_blocks():
    # Eigenvalues 6, 1 ± 2i (modulus √5) and 0.5: the pair's block never settles, its
    # eigenvalues do.
    B = np.array([[6.0, 1, 2, 3], [0, 1, -2, 1], [0, 2, 1, 1], [0, 0, 0, 0.5]])
    Q = random_orthogonal(4, 5)
    w, _ = _qr_algorithm_unshifted(Q @ B @ Q.T)
    assert w.dtype == np.complex128
    np.testing.assert_allclose(w, [6, 1 + 2j, 1 - 2j, 0.5], atol=1e-10)


def test_unshifted_qr_cannot_separate_equal_moduli():
    # A rotation of three axes: eigenvalues 1, e^{±2πi/3}, all of modulus 1, and Aₖ = A forever.
    with pytest.raises(ConvergenceError, match="_qr_algorithm_unshifted: the subdiagonal did not"):
        _qr_algorithm_unshifted(np.roll(np.eye(3), 1, axis=0), max_iter=50)
    check_eig(np.roll(np.eye(3), 1, axis=0))  # the shifted algorithm handles it


def test_eigenvalue_next_to_a_tiny_coupling_is_backward_stable():
    # Found by a 1000-example stress run. LAPACK's balanced eigenvector for λ ≈ 0 is
    # wrong here (residual 7), so ours falls back to the unbalanced computation, whose
    # eigenvalue error must stay within ε ‖A‖ κ with the true condition number κ ≈ 900.
    A = np.array([[0.0, 4.09163667e-42, 0.0], [0.0, 4.0, 3.125e-02], [7.0, 1.0, 0.0]])
    w, V = check_eig(A, same_dtype=False)
    # det(λI − A) = λ³ − 4λ² − λ/32 − det(A): the small root is ≈ −32 det(A) ≈ −2.9e-41.
    exact_small = -32 * (A[0, 1] * A[1, 2] * A[2, 0])  # det(A), expanded along row 0
    kappa = np.linalg.norm([1.0, -7.0, 896.0])  # ‖x‖ / |x₀| for x ∝ (1, −7, 896), y = e₀
    assert np.min(np.abs(w - exact_small)) <= 4 * EPS * np.linalg.norm(A) * kappa


def test_balancing_keeps_its_scale_factors_finite():
    # Found by a stress run: a nilpotent chain with a 1e-162 entry made the balancing
    # scale factors grow every sweep until they overflowed.
    A = np.zeros((4, 4))
    A[0, 0], A[0, 1], A[1, 2] = 8.57093968e-162, 1.0, 1.0
    check_eig(A, same_dtype=False)
