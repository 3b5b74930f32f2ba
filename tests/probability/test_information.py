"""Information theory against scipy.stats.entropy, scipy.special and scikit-learn's metrics."""

import math

import numpy as np
import pytest
import scipy.special
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from sklearn.metrics import log_loss, mutual_info_score

import mathforml.probability as pr
from mathforml.errors import DTypeError, NotFiniteError, ParameterError, ShapeError

# Entropies here are sums of at most ~64 terms of size <= 1/e: ours and the reference differ by
# a few ulps of the result, plus ~1e-16 absolute where the result cancels to nearly 0.
RTOL, ATOL = 1e-12, 1e-15
BASES = st.sampled_from([None, 2, 10, math.e, 1.5])


def _close(actual, expected, rtol=RTOL, atol=ATOL):
    assert isinstance(actual, float)
    if math.isinf(expected):
        assert actual == expected
    else:
        assert actual == pytest.approx(expected, rel=rtol, abs=atol)


# Weights are exact zeros or >= 1e-100: products of two probabilities then stay far from
# underflow, where the references (which multiply marginals) would return inf.
WEIGHTS = st.one_of(st.just(0.0), st.floats(1e-100, 1))


@st.composite
def distributions(draw, shape=None, zeros=True, max_k=10):
    if shape is None:
        shape = draw(st.integers(1, max_k))
    w = draw(hnp.arrays(np.float64, shape, elements=WEIGHTS if zeros else st.floats(0.01, 1)))
    w.flat[draw(st.integers(0, w.size - 1))] += 0.5
    return w / w.sum()


@st.composite
def distribution_pairs(draw, zeros=True):
    k = draw(st.integers(1, 10))
    return draw(distributions(k, zeros)), draw(distributions(k, zeros))


@st.composite
def joint_tables(draw):
    shape = (draw(st.integers(1, 6)), draw(st.integers(1, 6)))
    return draw(distributions(shape))


def _scipy_base(base):
    return None if base is None else base


# --- entropy, cross-entropy, KL -------------------------------------------------------------


@given(distributions(), BASES)
def test_entropy_matches_scipy(p, base):
    _close(pr.entropy(p, base=base), scipy.stats.entropy(p, base=_scipy_base(base)))


@given(joint_tables())
def test_entropy_of_a_table_is_the_joint_entropy(P):
    _close(pr.entropy(P), scipy.stats.entropy(P.ravel()))


@given(distribution_pairs(), BASES)
def test_kl_divergence_matches_scipy(pq, base):
    p, q = pq
    expected = scipy.stats.entropy(p, q, base=_scipy_base(base))
    _close(pr.kl_divergence(p, q, base=base), max(expected, 0.0))


@given(distribution_pairs(), BASES)
def test_cross_entropy_matches_xlogy_and_is_entropy_plus_kl(pq, base):
    p, q = pq
    div = 1.0 if base is None else math.log(base)
    with np.errstate(divide="ignore"):
        expected = -np.sum(scipy.special.xlogy(p, q)) / div
    _close(pr.cross_entropy(p, q, base=base), float(expected))
    H, D = pr.entropy(p, base=base), pr.kl_divergence(p, q, base=base)
    if math.isfinite(D):
        _close(pr.cross_entropy(p, q, base=base), H + D, atol=1e-13)


@given(st.integers(2, 8), st.data())
def test_cross_entropy_of_a_one_hot_label_is_sklearn_log_loss(k, data):
    q = data.draw(distributions(k, zeros=False))
    label = data.draw(st.integers(0, k - 1))
    p = np.eye(k)[label]
    expected = log_loss([label], [q], labels=list(range(k)))
    _close(pr.cross_entropy(p, q), expected)


def test_named_cases():
    assert pr.entropy([0.25] * 4, base=2) == 2.0
    assert pr.entropy([1.0]) == 0.0
    assert pr.entropy([0.0, 1.0, 0.0]) == 0.0
    assert pr.kl_divergence([0.3, 0.7], [0.3, 0.7]) == 0.0
    assert pr.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert pr.kl_divergence([1.0, 0.0], [0.5, 0.5], base=2) == 1.0  # p = 0 terms count 0
    assert pr.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert pr.cross_entropy([1.0, 0.0], [1.0, 0.0]) == 0.0
    # KL is not symmetric
    assert pr.kl_divergence([0.5, 0.5], [0.9, 0.1]) != pr.kl_divergence([0.9, 0.1], [0.5, 0.5])


def test_kl_divergence_with_a_subnormal_q_stays_finite():
    # p / q overflows (1 / 1e-320); log p − log q does not. scipy's rel_entr overflows to inf.
    q = np.array([1e-320, 1.0 - 1e-320])
    p = np.array([0.5, 0.5])
    expected = 0.5 * (math.log(0.5) - math.log(1e-320)) + 0.5 * math.log(0.5)
    _close(pr.kl_divergence(p, q), expected)


def test_information_measures_on_many_outcomes():
    rng = np.random.default_rng(0)
    p = rng.random(10**5)
    p /= p.sum()
    q = rng.random(10**5)
    q /= q.sum()
    # Sums of 1e5 terms: pairwise summation keeps the error near log2(1e5) ulps.
    _close(pr.entropy(p), scipy.stats.entropy(p), rtol=1e-11)
    _close(pr.kl_divergence(p, q), scipy.stats.entropy(p, q), rtol=1e-9)


# --- binary cross-entropy -------------------------------------------------------------------


@st.composite
def labelled_predictions(draw, lo=0.0, hi=1.0):
    n = draw(st.integers(1, 30))
    y = draw(hnp.arrays(np.float64, n, elements=st.sampled_from([0.0, 1.0])))
    p = draw(hnp.arrays(np.float64, n, elements=st.floats(lo, hi)))
    return y, p


@given(labelled_predictions())
def test_binary_cross_entropy_matches_sklearn_log_loss_with_its_clipping(yp):
    y, p = yp
    eps = np.finfo(np.float64).eps  # sklearn clips at machine epsilon
    expected = log_loss(y, p, labels=[0.0, 1.0])
    _close(pr.binary_cross_entropy(y, p, eps=eps), expected, rtol=1e-12, atol=1e-14)


@given(labelled_predictions(lo=1e-6, hi=1 - 1e-6), BASES)
def test_binary_cross_entropy_is_the_seed_formula(yp, base):
    y, p = yp
    div = 1.0 if base is None else math.log(base)
    expected = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) / div
    _close(pr.binary_cross_entropy(y, p, base=base), float(expected))


@given(st.floats(0, 1), st.floats(1e-9, 1 - 1e-9))
def test_binary_cross_entropy_with_soft_labels_is_a_two_outcome_cross_entropy(y, p):
    _close(pr.binary_cross_entropy([y], [p]), pr.cross_entropy([y, 1 - y], [p, 1 - p]),
           rtol=1e-12, atol=1e-14)


def test_binary_cross_entropy_clipping():
    # A confident mistake costs −log eps, not inf; eps = 0 gives the honest inf.
    assert pr.binary_cross_entropy([1], [0.0]) == pytest.approx(-math.log(1e-12), rel=1e-14)
    assert pr.binary_cross_entropy([1, 0], [0.0, 1.0], eps=0) == math.inf
    # Perfect predictions: clipping leaves a loss of −log(1 − eps) ≈ eps.
    assert pr.binary_cross_entropy([1, 0], [1.0, 0.0]) == pytest.approx(1e-12, rel=1e-3)
    assert pr.binary_cross_entropy([1, 0], [1.0, 0.0], eps=0) == 0.0
    assert pr.binary_cross_entropy([True, False], [0.5, 0.5], base=2) == 1.0


def test_binary_cross_entropy_errors():
    with pytest.raises(ParameterError, match="y must lie in \\[0, 1\\], got 2 at index 1"):
        pr.binary_cross_entropy([0, 2], [0.5, 0.5])
    with pytest.raises(ParameterError, match="p_hat must lie in \\[0, 1\\], got -0.1"):
        pr.binary_cross_entropy([0, 1], [-0.1, 0.5])
    with pytest.raises(ParameterError, match="eps must be a number in \\[0, 0.5\\), got 0.5"):
        pr.binary_cross_entropy([0, 1], [0.5, 0.5], eps=0.5)
    with pytest.raises(ShapeError, match="y has shape \\(2,\\) and p_hat has shape \\(3,\\)"):
        pr.binary_cross_entropy([0, 1], [0.5, 0.5, 0.5])
    with pytest.raises(ShapeError, match="y and p_hat are empty"):
        pr.binary_cross_entropy([], [])
    with pytest.raises(NotFiniteError, match="p_hat contains NaN"):
        pr.binary_cross_entropy([0, 1], [np.nan, 0.5])


# --- mutual information and information gain -----------------------------------------------


@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_mutual_information_matches_sklearn_on_a_contingency_table(kx, ky, data):
    counts = data.draw(hnp.arrays(np.int64, (kx, ky), elements=st.integers(0, 50)))
    counts[0, 0] += 1
    expected = mutual_info_score(None, None, contingency=counts)
    _close(pr.mutual_information(counts / counts.sum()), expected, atol=1e-14)


@given(joint_tables(), BASES)
def test_mutual_information_is_the_kl_from_the_product_of_marginals(P, base):
    product = np.outer(P.sum(axis=1), P.sum(axis=0))
    expected = scipy.stats.entropy(P.ravel(), product.ravel(), base=_scipy_base(base))
    _close(pr.mutual_information(P, base=base), max(float(expected), 0.0), atol=1e-14)
    # I(X; Y) = H(X) + H(Y) − H(X, Y)
    hx, hy = pr.entropy(P.sum(axis=1), base), pr.entropy(P.sum(axis=0), base)
    _close(pr.mutual_information(P, base=base), max(hx + hy - pr.entropy(P, base), 0.0),
           atol=1e-13)


def test_mutual_information_named_cases():
    assert pr.mutual_information(np.eye(4) / 4, base=2) == pytest.approx(2.0, rel=1e-15)
    assert pr.mutual_information(np.outer([0.2, 0.8], [0.5, 0.25, 0.25])) == pytest.approx(
        0.0, abs=1e-16)
    with pytest.raises(ShapeError, match="mutual_information: joint must be a 2-D matrix"):
        pr.mutual_information([0.5, 0.5])


@st.composite
def labels_and_splits(draw):
    n = draw(st.integers(1, 40))
    labels = draw(hnp.arrays(np.int64, n, elements=st.integers(0, 3)))
    split = draw(st.one_of(
        hnp.arrays(np.bool_, n),
        hnp.arrays(np.int64, n, elements=st.integers(-2, 2)),
    ))
    return labels, split


@given(labels_and_splits(), BASES)
def test_information_gain_is_the_mutual_information_of_label_and_group(ls, base):
    labels, split = ls
    div = 1.0 if base is None else math.log(base)
    expected = mutual_info_score(labels, split) / div
    _close(pr.information_gain(labels, split, base=base), max(float(expected), 0.0), atol=1e-14)


@given(labels_and_splits())
def test_information_gain_is_parent_minus_weighted_children_entropy(ls):
    labels, split = ls
    parent = scipy.stats.entropy(np.bincount(labels))
    children = sum(
        np.mean(split == g) * scipy.stats.entropy(np.bincount(labels[split == g]))
        for g in np.unique(split)
    )
    _close(pr.information_gain(labels, split), max(float(parent - children), 0.0), atol=1e-14)


def test_information_gain_on_the_play_tennis_outlook_split():
    # Quinlan's 14-day data set: the gain of "outlook" is 0.2467 bits (ID3's first split).
    play = ["no", "no", "yes", "yes", "yes", "no", "yes", "no", "yes", "yes", "yes", "yes",
            "yes", "no"]
    outlook = ["sunny", "sunny", "overcast", "rain", "rain", "rain", "overcast", "sunny",
               "sunny", "rain", "sunny", "overcast", "overcast", "rain"]
    h = lambda *c: scipy.stats.entropy(c, base=2)  # noqa: E731
    expected = h(9, 5) - (5 / 14 * h(2, 3) + 4 / 14 * h(4, 0) + 5 / 14 * h(3, 2))
    _close(pr.information_gain(play, outlook, base=2), expected)
    assert round(pr.information_gain(play, outlook, base=2), 4) == 0.2467


def test_information_gain_edge_cases():
    assert pr.information_gain([1], [True]) == 0.0
    assert pr.information_gain([0, 0, 0], [0, 1, 2]) == 0.0  # pure parent: nothing to gain
    assert pr.information_gain([0, 1, 2, 3], [0, 1, 2, 3], base=2) == 2.0  # all pure children


def test_information_gain_errors():
    with pytest.raises(ShapeError, match="labels has 3 entries and split has 2"):
        pr.information_gain([0, 1, 1], [True, False])
    with pytest.raises(ShapeError, match="labels is empty"):
        pr.information_gain([], [])
    with pytest.raises(ShapeError, match="split must be a 1-D array of labels, got shape"):
        pr.information_gain([0, 1], [[True], [False]])
    with pytest.raises(NotFiniteError, match="labels contains NaN"):
        pr.information_gain([0.0, np.nan], [True, False])
    with pytest.raises(DTypeError, match="split holds complex numbers"):
        pr.information_gain([0, 1], [1j, 2j])
    with pytest.raises(DTypeError, match="labels mixes values that cannot be compared"):
        pr.information_gain(np.array([1, "a"], dtype=object), [True, False])
    with pytest.raises(ShapeError, match="labels is a ragged nested sequence"):
        pr.information_gain([[1, 2], [3]], [True, False])


# --- shared validation -----------------------------------------------------------------------


@pytest.mark.parametrize("call", [
    lambda **kw: pr.entropy([0.5, 0.5], **kw),
    lambda **kw: pr.cross_entropy([0.5, 0.5], [0.5, 0.5], **kw),
    lambda **kw: pr.kl_divergence([0.5, 0.5], [0.5, 0.5], **kw),
    lambda **kw: pr.binary_cross_entropy([1], [0.5], **kw),
    lambda **kw: pr.mutual_information([[0.5, 0.0], [0.0, 0.5]], **kw),
    lambda **kw: pr.information_gain([0, 1], [0, 1], **kw),
])  # fmt: skip
@pytest.mark.parametrize("base", [1, 0.5, 0, -2, math.inf, "2", True])
def test_invalid_bases_are_rejected(call, base):
    with pytest.raises(ParameterError, match="base must be None \\(nats\\) or a finite number > 1"):
        call(base=base)


def test_distributions_are_validated():
    with pytest.raises(ParameterError, match="entropy: p must sum to 1, but its entries sum to 2"):
        pr.entropy([1.0, 1.0])
    with pytest.raises(ParameterError, match="kl_divergence: q must hold probabilities >= 0"):
        pr.kl_divergence([0.5, 0.5], [1.5, -0.5])
    with pytest.raises(ShapeError, match="p has shape \\(2,\\) and q has shape \\(3,\\)"):
        pr.cross_entropy([0.5, 0.5], [0.2, 0.3, 0.5])
    with pytest.raises(ShapeError, match="entropy: p is empty"):
        pr.entropy([])


# --- the public surface of this helper's part of mathforml.probability --------------------------

MINE = ["marginal", "conditional", "are_independent", "bayes", "entropy", "cross_entropy",
        "binary_cross_entropy", "kl_divergence", "mutual_information", "information_gain"]


@pytest.mark.parametrize("name", MINE)
def test_rules_bayes_and_information_are_public_and_documented(name):
    import inspect

    assert name in pr.__all__
    f = getattr(pr, name)
    doc = inspect.getdoc(f)
    for section in ("Parameters", "Returns", "Raises", "See Also", "Examples"):
        assert f"{section}\n---" in doc, f"{name}: no {section} section"
    assert ">>> " in doc and len(doc.splitlines()[0]) <= 100
    assert inspect.signature(f).return_annotation is not inspect.Signature.empty


def test_mutual_information_with_tiny_cells_stays_finite():
    # P(x) P(y) underflows (1e-358) for the tiny cells; log P − log P(x) − log P(y) does not.
    t = 4e-179
    P = np.array([[1 - 3 * t, t], [t, t]])
    px, py = P.sum(axis=1), P.sum(axis=0)
    expected = float(np.sum(P * (np.log(P) - np.log(px)[:, None] - np.log(py)[None, :])))
    _close(pr.mutual_information(P), max(expected, 0.0), atol=1e-300)
    assert math.isfinite(pr.mutual_information(P))
