"""Information theory: entropy, cross-entropy, KL divergence, mutual information, gain.

The information (surprise) of an outcome of probability p is −log p: certain
events carry none, rare ones a lot. Everything here is an average of it:

- entropy H(p) = −Σ p log p: the average surprise of p's own outcomes;
- cross-entropy H(p, q) = −Σ p log q: the average surprise when outcomes come
  from p but we predicted q (the loss of a classifier predicting q);
- KL divergence D(p ‖ q) = Σ p log(p / q) = H(p, q) − H(p) >= 0: the extra
  surprise paid for predicting q instead of p;
- mutual information I(X; Y) = D(P(X, Y) ‖ P(X) P(Y)): how far a joint is
  from independence, the information one variable gives about the other;
- information gain: the entropy of labels minus the weighted entropy of the
  groups a split makes, the criterion a decision tree maximises.

Units: natural logarithms (nats) by default, ``base=2`` for bits (any base > 1). Terms with
p = 0 count as 0 (0 log 0 = lim p log p = 0); −log 0 = +inf is kept where it
is the honest answer (predicting probability 0 for something that happens).
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from .._validation import as_array, check_same_length
from ..errors import DTypeError, NotFiniteError, ParameterError, ShapeError
from ._rules import as_distribution

__all__ = [
    "entropy",
    "cross_entropy",
    "binary_cross_entropy",
    "kl_divergence",
    "mutual_information",
    "information_gain",
]


def _log_base(base, func: str) -> float:
    """ln(base), the divisor that turns nats into the requested unit (1 for nats)."""
    if base is None:
        return 1.0
    if isinstance(base, bool) or not isinstance(base, numbers.Real) or not (
        np.isfinite(base) and base > 1
    ):
        # A base below 1 would make every amount of information negative.
        raise ParameterError(
            f"{func}: base must be None (nats) or a finite number > 1 (2 for bits), "
            f"got {base!r}"
        )
    return math.log(base)


def _pair(p, q, func: str) -> tuple[np.ndarray, np.ndarray]:
    p = as_distribution(p, "p", func)
    q = as_distribution(q, "q", func)
    if p.shape != q.shape:
        raise ShapeError(
            f"{func}: p has shape {p.shape} and q has shape {q.shape}; they must be "
            f"distributions over the same outcomes"
        )
    return p, q


def _plogp(p: np.ndarray) -> np.ndarray:
    """p log p elementwise, with 0 log 0 = 0."""
    out = np.zeros_like(p)
    pos = p > 0
    out[pos] = p[pos] * np.log(p[pos])
    return out


def _log_ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """log(a / b) for a, b > 0.

    log of the ratio is accurate when a ≈ b (no cancellation, unlike log a − log b);
    where the ratio overflows or underflows (subnormal operands), log a − log b is used.
    """
    with np.errstate(over="ignore", under="ignore"):
        ratio = a / b
    ok = np.isfinite(ratio) & (ratio > np.finfo(np.float64).tiny)
    return np.where(ok, np.log(np.where(ok, ratio, 1.0)), np.log(a) - np.log(b))


def entropy(p, base: float | None = None) -> float:
    """Shannon entropy: H(p) = −Σᵢ pᵢ log pᵢ.

    The average surprise of an outcome drawn from p; the fewest bits per
    outcome (with ``base=2``) any code can average. It is 0 for a certain
    outcome and largest, log k, for k equally likely ones. A table with
    several axes gives the joint entropy H(X, Y, ...).

    Parameters
    ----------
    p : array_like, any shape
        A distribution: entries >= 0 summing to 1 (within 1e-8).
    base : float, optional
        Logarithm base: ``None`` (default) gives nats, ``2`` bits.

    Returns
    -------
    float
        ``scipy.stats.entropy(p.ravel(), base=base)``.

    Raises
    ------
    ParameterError
        If ``p`` is not a distribution or ``base`` is not valid.
    ShapeError
        If ``p`` is empty.

    See Also
    --------
    cross_entropy, kl_divergence

    Examples
    --------
    >>> entropy([0.5, 0.5], base=2)   # a fair coin: one bit
    1.0
    >>> entropy([1.0, 0.0])           # a certain outcome: no surprise
    0.0
    """
    div = _log_base(base, "entropy")
    p = as_distribution(p, "p", "entropy")
    return float(max(0.0, -np.sum(_plogp(p))) / div)


def cross_entropy(p, q, base: float | None = None) -> float:
    """Cross-entropy: H(p, q) = −Σᵢ pᵢ log qᵢ.

    The average surprise of outcomes drawn from p, measured with the
    probabilities q of a model. With p the one-hot true label and q a
    classifier's predicted probabilities, it is −log q_true: the log loss of
    that prediction. H(p, q) = H(p) + D(p ‖ q) >= H(p), with equality only
    for q = p.

    Parameters
    ----------
    p : array_like, any shape
        The true distribution: >= 0, summing to 1.
    q : array_like, same shape as p
        The predicted distribution: >= 0, summing to 1.
    base : float, optional
        Logarithm base: ``None`` (default) gives nats, ``2`` bits.

    Returns
    -------
    float
        +inf when some qᵢ = 0 where pᵢ > 0 (an outcome predicted impossible
        happened); terms with pᵢ = 0 count 0.

    Raises
    ------
    ParameterError
        If p or q is not a distribution or ``base`` is not valid.
    ShapeError
        If p and q have different shapes or are empty.

    See Also
    --------
    binary_cross_entropy : the two-class loss averaged over samples.
    kl_divergence : cross-entropy minus entropy.

    Examples
    --------
    >>> cross_entropy([0, 1, 0], [0.2, 0.7, 0.1])   # −log 0.7
    0.35667494393873245
    """
    div = _log_base(base, "cross_entropy")
    p, q = _pair(p, q, "cross_entropy")
    pos = p > 0
    if (q[pos] == 0).any():
        return math.inf
    return float(-np.sum(p[pos] * np.log(q[pos])) / div)


def kl_divergence(p, q, base: float | None = None) -> float:
    """Kullback–Leibler divergence: D(p ‖ q) = Σᵢ pᵢ log(pᵢ / qᵢ).

    The extra surprise, on average, of using q when outcomes follow p:
    D(p ‖ q) = H(p, q) − H(p). It is >= 0 (Gibbs' inequality), 0 only when
    p = q, and not symmetric: D(p ‖ q) ≠ D(q ‖ p) in general, so it is not a
    distance.

    Parameters
    ----------
    p : array_like, any shape
        A distribution: >= 0, summing to 1.
    q : array_like, same shape as p
        A distribution: >= 0, summing to 1.
    base : float, optional
        Logarithm base: ``None`` (default) gives nats, ``2`` bits.

    Returns
    -------
    float
        ``scipy.stats.entropy(p, q, base)``; +inf when some qᵢ = 0 where
        pᵢ > 0; terms with pᵢ = 0 count 0. Rounding noise below 0 is clamped
        to 0.

    Raises
    ------
    ParameterError
        If p or q is not a distribution or ``base`` is not valid.
    ShapeError
        If p and q have different shapes or are empty.

    See Also
    --------
    entropy, cross_entropy, mutual_information

    Examples
    --------
    >>> kl_divergence([0.5, 0.5], [0.9, 0.1], base=2)
    0.7369655941662062
    >>> kl_divergence([0.5, 0.5], [1.0, 0.0])
    inf
    """
    div = _log_base(base, "kl_divergence")
    p, q = _pair(p, q, "kl_divergence")
    pos = p > 0
    pp, qq = p[pos], q[pos]
    if (qq == 0).any():
        return math.inf
    return float(max(0.0, np.sum(pp * _log_ratio(pp, qq))) / div)


def binary_cross_entropy(y, p_hat, eps: float = 1e-12, base: float | None = None) -> float:
    """Binary cross-entropy (log loss): L = −(1/n) Σᵢ [yᵢ log ŷᵢ + (1 − yᵢ) log(1 − ŷᵢ)].

    The loss of logistic regression and of a network with a sigmoid output:
    the average cross-entropy between the label distribution (y, 1 − y) and
    the predicted one (ŷ, 1 − ŷ). A confident wrong prediction (ŷ = 0 for
    y = 1) costs −log 0 = +inf, so the predictions are first clipped to
    [eps, 1 − eps]: the loss of such a prediction becomes the large but finite
    −log eps (27.6 nats for the default 1e-12), and its gradient stays
    finite. ``eps=0`` turns clipping off (and returns inf for such
    predictions). Terms with weight 0 count 0 (0 log 0 = 0).

    Parameters
    ----------
    y : array_like, shape (n,)
        True labels in {0, 1} (soft labels in [0, 1] are accepted).
    p_hat : array_like, shape (n,)
        Predicted probabilities P(y = 1), in [0, 1].
    eps : float, optional
        Clipping bound, in [0, 0.5); default 1e-12. ``sklearn.metrics.log_loss``
        clips at machine epsilon, 2.2e-16.
    base : float, optional
        Logarithm base: ``None`` (default) gives nats, ``2`` bits.

    Returns
    -------
    float
        The mean loss over the n samples.

    Raises
    ------
    ParameterError
        If a label or prediction lies outside [0, 1], or ``eps`` or ``base`` is
        not valid.
    ShapeError
        If y and p_hat have different lengths or are empty.
    NotFiniteError, DTypeError
        For NaN, infinity or non-numbers.

    See Also
    --------
    cross_entropy : the same for one distribution over any number of classes.

    Examples
    --------
    >>> binary_cross_entropy([1, 0, 1], [0.9, 0.2, 0.6])
    0.2797765635793422
    """
    func = "binary_cross_entropy"
    div = _log_base(base, func)
    if isinstance(eps, bool) or not isinstance(eps, numbers.Real) or not 0 <= eps < 0.5:
        raise ParameterError(f"{func}: eps must be a number in [0, 0.5), got {eps!r}")
    y = as_array(y, "y", func, ndim=1)
    p_hat = as_array(p_hat, "p_hat", func, ndim=1)
    check_same_length(y, p_hat, ("y", "p_hat"), func)
    if y.size == 0:
        raise ShapeError(f"{func}: y and p_hat are empty; the mean loss of no samples is "
                         f"undefined")
    for name, v in (("y", y), ("p_hat", p_hat)):
        bad = (v < 0) | (v > 1)
        if bad.any():
            raise ParameterError(
                f"{func}: {name} must lie in [0, 1], got {v[bad][0]:g} at index "
                f"{int(np.argmax(bad))}"
            )
    p = np.clip(p_hat, eps, 1 - eps)
    with np.errstate(divide="ignore"):  # log 0 = −inf only when eps = 0: the honest answer
        pos = np.where(y > 0, y * np.log(np.where(y > 0, p, 1.0)), 0.0)
        # log1p(−ŷ) = log(1 − ŷ) without losing the digits of a small ŷ
        neg = np.where(y < 1, (1 - y) * np.log1p(-np.where(y < 1, p, 0.0)), 0.0)
    return float(-np.mean(pos + neg) / div)


def mutual_information(joint, base: float | None = None) -> float:
    """Mutual information of two variables: I(X; Y) = Σ P(x, y) log(P(x, y) / (P(x) P(y))).

    The KL divergence from the joint to the product of its marginals: 0
    exactly when X and Y are independent, and otherwise the information (in
    nats or bits) that observing one gives about the other. Equivalently
    I(X; Y) = H(X) + H(Y) − H(X, Y) = H(Y) − H(Y | X).

    Parameters
    ----------
    joint : array_like, shape (k_x, k_y)
        The joint distribution P(X = i, Y = j): >= 0, summing to 1. (A table of
        counts: divide it by its sum.)
    base : float, optional
        Logarithm base: ``None`` (default) gives nats, ``2`` bits.

    Returns
    -------
    float
        >= 0; ``sklearn.metrics.mutual_info_score`` of the same table of counts.

    Raises
    ------
    ParameterError
        If ``joint`` is not a distribution or ``base`` is not valid.
    ShapeError
        If ``joint`` is not a 2-D table or is empty.

    See Also
    --------
    kl_divergence, are_independent, information_gain

    Examples
    --------
    >>> mutual_information([[0.5, 0.0], [0.0, 0.5]], base=2)   # Y = X: one bit
    1.0
    >>> mutual_information([[0.25, 0.25], [0.25, 0.25]])      # independent
    0.0
    """
    func = "mutual_information"
    div = _log_base(base, func)
    P = as_array(joint, "joint", func, ndim=2)
    P = as_distribution(P, "joint", func)
    px = P.sum(axis=1)
    py = P.sum(axis=0)
    pos = P > 0
    i, j = np.nonzero(pos)
    # Where P(x, y) > 0 both marginals are > 0; P(x, y) / P(x) = P(y | x) lies in (0, 1].
    terms = P[pos] * _log_ratio(P[pos] / px[i], py[j])
    return float(max(0.0, np.sum(terms)) / div)


def _labels(values, name: str, func: str) -> np.ndarray:
    """Integer codes 0..k−1 for a 1-D array of labels (numbers, strings or booleans)."""
    try:
        arr = np.asarray(values)
    except ValueError as exc:
        raise ShapeError(f"{func}: {name} is a ragged nested sequence") from exc
    if arr.ndim != 1:
        raise ShapeError(f"{func}: {name} must be a 1-D array of labels, got shape {arr.shape}")
    if arr.size == 0:
        raise ShapeError(f"{func}: {name} is empty; there is nothing to split")
    if arr.dtype.kind == "c":
        raise DTypeError(f"{func}: {name} holds complex numbers; labels must be real or text")
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise NotFiniteError(f"{func}: {name} contains NaN or infinity; every label must be "
                             f"a finite number or a string")
    try:
        _, codes = np.unique(arr, return_inverse=True)
    except TypeError as exc:
        raise DTypeError(
            f"{func}: {name} mixes values that cannot be compared (e.g. numbers and "
            f"strings); use labels of one type"
        ) from exc
    return codes.ravel()


def _entropy_of_counts(counts: np.ndarray) -> np.ndarray:
    """Entropy (nats) of each row of a table of counts; rows with no samples give 0."""
    n = counts.sum(axis=-1, keepdims=True)
    p = counts / np.where(n > 0, n, 1)
    return -np.sum(_plogp(p), axis=-1)


def information_gain(labels, split, base: float | None = None) -> float:
    """Information gain of a split: H(labels) − Σ_g (n_g / n) H(labels in group g).

    How much a split reduces the uncertainty about the label: the entropy of
    the parent node minus the entropies of the child nodes, each weighted by
    its share of the samples. A decision tree (ID3, C4.5, scikit-learn's
    ``criterion="entropy"``) chooses the split with the largest gain. The gain
    equals the mutual information between the label and the group.

    Parameters
    ----------
    labels : array_like, shape (n,)
        Class labels: numbers, strings or booleans.
    split : array_like, shape (n,)
        The group of each sample: a boolean mask (two children: True/False) or
        any labels naming the groups.
    base : float, optional
        Logarithm base: ``None`` (default) gives nats, ``2`` bits.

    Returns
    -------
    float
        >= 0 (rounding noise is clamped); 0 when every group has the parent's
        label proportions; H(labels) when every group is pure.

    Raises
    ------
    ShapeError
        If the arrays are not 1-D, are empty or differ in length.
    NotFiniteError, DTypeError
        For NaN, complex numbers or labels that cannot be compared.
    ParameterError
        If ``base`` is not valid.

    See Also
    --------
    entropy, mutual_information

    Examples
    --------
    >>> y = ["yes", "yes", "no", "no"]
    >>> information_gain(y, [True, True, False, False], base=2)   # a perfect split
    1.0
    >>> information_gain(y, [True, False, True, False], base=2)   # a useless one
    0.0
    """
    func = "information_gain"
    div = _log_base(base, func)
    y = _labels(labels, "labels", func)
    g = _labels(split, "split", func)
    if y.shape != g.shape:
        raise ShapeError(
            f"{func}: labels has {y.size} entries and split has {g.size}; give one group "
            f"per sample"
        )
    k, m, n = int(y.max()) + 1, int(g.max()) + 1, y.size
    counts = np.bincount(g * k + y, minlength=m * k).reshape(m, k).astype(np.float64)
    parent = _entropy_of_counts(counts.sum(axis=0))
    weights = counts.sum(axis=1) / n  # n_g / n
    children = np.sum(weights * _entropy_of_counts(counts))
    return float(max(0.0, parent - children) / div)
