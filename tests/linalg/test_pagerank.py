"""pagerank against the eigenvector of the Google matrix from numpy.linalg.eig."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import mathforml.linalg as la
from mathforml.errors import ConvergenceError, NotFiniteError, ParameterError, ShapeError
from tests.reference import assert_close
from tests.strategies import RAGGED

# The course's micro-internet: links[i, j] = 1 when site j links to site i.
SITES = ["Avocado", "Bullseye", "CatBabel", "Dromeda", "eTings", "FaceSpace"]
OUTGOING = {
    "Avocado": ["Bullseye", "CatBabel", "Dromeda"],
    "Bullseye": ["Avocado", "CatBabel"],
    "CatBabel": ["Avocado", "Dromeda", "FaceSpace"],
    "Dromeda": ["CatBabel"],
    "eTings": ["Bullseye", "Dromeda"],
    "FaceSpace": ["CatBabel", "Dromeda"],
}


def micro_internet() -> np.ndarray:
    links = np.zeros((6, 6), dtype=int)
    for source, targets in OUTGOING.items():
        for target in targets:
            links[SITES.index(target), SITES.index(source)] = 1
    return links


def google_matrix(links, d) -> np.ndarray:
    """M = d L + (1 − d)/n 11ᵀ, formed explicitly, dangling columns replaced by 1/n."""
    links = np.asarray(links, dtype=float)
    n = links.shape[0]
    sums = links.sum(axis=0)
    L = np.where(sums > 0, links / np.where(sums > 0, sums, 1.0), 1.0 / n)
    return d * L + (1 - d) / n * np.ones((n, n))


def eig_ranks(links, d) -> np.ndarray:
    """The eigenvector of M for the eigenvalue closest to 1, scaled to sum to 1."""
    w, V = np.linalg.eig(google_matrix(links, d))
    v = V[:, np.argmin(np.abs(w - 1))].real
    return v / v.sum()


@st.composite
def link_matrices(draw, max_n=8):
    n = draw(st.integers(1, max_n))
    # mostly zeros (sparse webs, dangling pages), some weights
    weights = st.one_of(st.just(0.0), st.just(0.0), st.just(1.0), st.floats(0.01, 10))
    return draw(hnp.arrays(np.float64, (n, n), elements=weights))


def _check_ranks(ranks, n):
    assert ranks.shape == (n,) and ranks.dtype == np.float64
    assert np.all(ranks >= 0)
    assert ranks.sum() == pytest.approx(1.0, abs=1e-14)


@given(link_matrices(), st.floats(0.0, 0.95))
def test_pagerank_is_the_eigenvector_of_the_google_matrix(links, d):
    result = la.pagerank(links, d)
    n = links.shape[0]
    _check_ranks(result.ranks, n)
    assert 1 <= result.n_iter <= 1000
    # stopping at ‖r_new − r‖₁ <= tol leaves an error <= tol d / (1 − d) <= 2e-9 for d <= 0.95
    assert_close(result.ranks, eig_ranks(links, d), rtol=0, atol=1e-8)
    # the fixed point: M r = r
    assert_close(google_matrix(links, d) @ result.ranks, result.ranks, rtol=0, atol=1e-8)


def test_micro_internet_with_and_without_damping():
    links = micro_internet()
    undamped = la.pagerank(links, damping=1.0).ranks
    _check_ranks(undamped, 6)
    assert_close(undamped, eig_ranks(links, 1.0), rtol=0, atol=1e-9)
    # nobody links to eTings; CatBabel, linked from four sites, comes first
    assert undamped[SITES.index("eTings")] == pytest.approx(0.0, abs=1e-12)
    order = [SITES[i] for i in np.argsort(-undamped)]
    assert order == ["CatBabel", "Dromeda", "Avocado", "FaceSpace", "Bullseye", "eTings"]
    damped = la.pagerank(links).ranks
    assert_close(damped, eig_ranks(links, 0.85), rtol=0, atol=1e-9)
    # without links in, a site only gets the random jumps: (1 − d)/n
    assert damped[SITES.index("eTings")] == pytest.approx(0.15 / 6, rel=1e-9)


def test_geoff_takes_all_the_traffic_without_damping():
    # the course's seventh site: linked from FaceSpace, links only to itself
    links = np.zeros((7, 7))
    links[:6, :6] = micro_internet()
    links[6, SITES.index("FaceSpace")] = 1
    links[6, 6] = 1
    undamped = la.pagerank(links, damping=1.0).ranks
    assert undamped[6] == pytest.approx(1.0, abs=1e-8)  # a trap: every surfer ends there
    damped = la.pagerank(links, damping=0.5).ranks
    assert_close(damped, eig_ranks(links, 0.5), rtol=0, atol=1e-9)
    assert damped[6] < 0.25


def test_dangling_page_links_everywhere():
    # page 2 has no links: it behaves exactly like a page linking to all pages
    links = np.array([[0, 1, 0], [1, 0, 0], [1, 1, 0]], dtype=float)
    explicit = links.copy()
    explicit[:, 2] = 1.0
    for d in (0.5, 0.85, 1.0):
        ranks = la.pagerank(links, d).ranks
        assert_close(ranks, la.pagerank(explicit, d).ranks, rtol=0, atol=1e-12)
        assert_close(ranks, eig_ranks(links, d), rtol=0, atol=1e-9)


def test_all_dangling_and_single_page():
    assert_close(la.pagerank(np.zeros((4, 4))).ranks, np.full(4, 0.25), rtol=1e-15)
    result = la.pagerank([[0]])
    assert result.ranks.tolist() == [1.0] and result.n_iter == 1


def test_damping_zero_gives_uniform_ranks():
    links = micro_internet()
    result = la.pagerank(links, damping=0.0)
    assert_close(result.ranks, np.full(6, 1 / 6), rtol=1e-15)
    assert result.n_iter == 2  # uniform after one step, confirmed by the second


def test_weights_are_normalised_per_column():
    links = micro_internet().astype(float)
    scaled = links * np.array([1.0, 2.0, 5.0, 0.5, 3.0, 7.0])  # rescale each column
    assert_close(la.pagerank(scaled).ranks, la.pagerank(links).ranks, rtol=0, atol=1e-15)


def test_larger_random_web():
    rng = np.random.default_rng(0)
    links = (rng.random((200, 200)) < 0.03).astype(float)
    result = la.pagerank(links)
    _check_ranks(result.ranks, 200)
    assert_close(result.ranks, eig_ranks(links, 0.85), rtol=0, atol=1e-10)


def test_undamped_four_cycle_does_not_converge():
    cycle = np.roll(np.eye(4), 1, axis=0)  # page j links to page j + 1 (mod 4)
    assert np.allclose(np.abs(np.linalg.eigvals(cycle)), 1.0)  # 1, i, −1, −i
    with pytest.raises(
        ConvergenceError,
        match=r"pagerank: power iteration did not converge in max_iter=1000 steps .*periodic",
    ):
        la.pagerank(cycle, damping=1.0)
    # with damping it converges, to the uniform ranks the symmetry demands
    assert_close(la.pagerank(cycle).ranks, np.full(4, 0.25), rtol=0, atol=1e-10)


def test_iteration_cap_explains_slow_convergence():
    with pytest.raises(ConvergenceError, match=r"damping=0.99 .* up to about 2361 steps"):
        la.pagerank(micro_internet(), damping=0.99, max_iter=5)
    with pytest.raises(ConvergenceError, match=r"With damping=0 the ranks are uniform"):
        la.pagerank(micro_internet(), damping=0.0, max_iter=1)


def test_pagerank_rejects_bad_links():
    with pytest.raises(
        ParameterError, match=r"pagerank: links must be non-negative .*\[0, 1\] = -1"
    ):
        la.pagerank([[0, -1], [1, 0]])
    with pytest.raises(NotFiniteError, match=r"pagerank: links contains NaN"):
        la.pagerank([[0, np.nan], [1, 0]])
    with pytest.raises(ShapeError, match=r"pagerank: links must be a square matrix"):
        la.pagerank(np.ones((2, 3)))
    with pytest.raises(ShapeError, match=r"pagerank: links has shape \(0, 0\)"):
        la.pagerank(np.zeros((0, 0)))
    with pytest.raises(ShapeError, match=r"pagerank: links is a ragged nested sequence"):
        la.pagerank(RAGGED)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"damping": 1.5}, r"pagerank: damping must lie in \[0, 1\], got 1.5"),
        ({"damping": -0.1}, r"pagerank: damping must lie in \[0, 1\]"),
        ({"tol": 0.0}, r"pagerank: tol must be a finite number > 0"),
        ({"max_iter": 0}, r"pagerank: max_iter must be a positive integer"),
    ],
)
def test_pagerank_rejects_bad_parameters(kwargs, message):
    with pytest.raises(ParameterError, match=message):
        la.pagerank(np.eye(2), **kwargs)
