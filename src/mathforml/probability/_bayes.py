"""Bayes' theorem over a whole table of hypotheses, with its working as steps.

For hypotheses H₁, ..., H_k that are exclusive and exhaustive, and observed data D:

    P(Hᵢ | D) = P(D | Hᵢ) P(Hᵢ) / P(D),    P(D) = Σⱼ P(D | Hⱼ) P(Hⱼ)

posterior = likelihood × prior / evidence. The numerator is the joint
P(Hᵢ, D) (the product rule); the evidence is its marginal over the hypotheses
(the sum rule); the division is a conditional. Three steps, recorded as data.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from .._steps import Step
from .._validation import as_vector
from ..errors import DTypeError, ParameterError, ShapeError
from ._rules import as_distribution

__all__ = ["bayes", "BayesResult", "PriorTimesLikelihood", "Evidence", "Posterior"]


@dataclass(frozen=True)
class PriorTimesLikelihood(Step):
    """The joint of one hypothesis and the data: P(H, D) = P(H) × P(D | H)."""

    hypothesis: object
    """The hypothesis: its index, or its key when the tables are dicts."""
    prior: float
    likelihood: float
    product: float
    kind: str = field(init=False, default="prior_times_likelihood")


@dataclass(frozen=True)
class Evidence(Step):
    """The evidence, the total probability of the data: P(D) = Σᵢ P(Hᵢ) P(D | Hᵢ)."""

    products: tuple[float, ...]
    evidence: float
    kind: str = field(init=False, default="evidence")


@dataclass(frozen=True)
class Posterior(Step):
    """The division: P(H | D) = P(H, D) / P(D)."""

    hypothesis: object
    product: float
    evidence: float
    posterior: float
    kind: str = field(init=False, default="posterior")


class BayesResult(NamedTuple):
    """Result of :func:`bayes`."""

    posterior: np.ndarray | dict
    """P(H | D) per hypothesis: an array, or a dict with the prior's keys."""
    evidence: float
    """P(D) = Σ P(H) P(D | H) (0 or inf only if it is beyond float64's range)."""
    steps: list[Step]
    """``PriorTimesLikelihood`` per hypothesis, one ``Evidence``, ``Posterior`` per hypothesis."""


# Record steps by default only for tables a person would read (a grid of 10⁶ hypotheses
# would otherwise build two million step objects).
_STEPS_LIMIT = 1000

_TINY = np.finfo(np.float64).tiny  # the smallest normal float64, 2.2e-308


def _tables(prior, likelihood) -> tuple[np.ndarray, np.ndarray, list | None]:
    """The prior and likelihood as aligned float vectors, and the keys if they were dicts."""
    func = "bayes"
    if isinstance(prior, Mapping) != isinstance(likelihood, Mapping):
        raise DTypeError(
            f"{func}: prior and likelihood must both be dicts (hypothesis -> value) or both "
            f"be arrays, got {type(prior).__name__} and {type(likelihood).__name__}"
        )
    keys = None
    if isinstance(prior, Mapping):
        keys = list(prior)
        missing = [k for k in keys if k not in likelihood]
        extra = [k for k in likelihood if k not in prior]
        if missing or extra:
            raise ParameterError(
                f"{func}: prior and likelihood must have the same hypotheses; likelihood "
                f"lacks {missing} and has extra {extra}"
            )
        prior = [prior[k] for k in keys]
        likelihood = [likelihood[k] for k in keys]
    p = as_distribution(as_vector(prior, "prior", func), "prior", func)
    lik = as_vector(likelihood, "likelihood", func)
    if lik.shape != p.shape:
        raise ShapeError(
            f"{func}: prior has {p.size} hypotheses and likelihood has {lik.size} values; "
            f"give one likelihood P(D | H) per hypothesis"
        )
    if (lik < 0).any():
        i = int(np.argmax(lik < 0))
        raise ParameterError(
            f"{func}: likelihood must be >= 0 (a probability or a density), got {lik[i]:g} "
            f"for hypothesis {keys[i] if keys else i!r}"
        )
    return p, lik, keys


def _rescaled(p: np.ndarray, lik: np.ndarray) -> tuple[np.ndarray, float]:
    """Posterior and evidence when the products P(H) P(D | H) under- or overflow.

    Only the ratios of the likelihoods matter, so divide them by the largest
    first; if the products still underflow (tiny priors times tiny ratios), take
    logs: log P(H, D) − max, exponentiated, cannot underflow (the log-sum-exp
    trick). Only the evidence itself may then be beyond float64's range.
    """
    top = lik.max()
    ratios = lik / top
    with np.errstate(under="ignore"):
        joint = p * ratios
    total = joint.sum()
    if total < _TINY:
        keep = (p > 0) & (lik > 0)
        log_joint = np.log(p[keep]) + np.log(ratios[keep])
        shift = log_joint.max()
        w = np.exp(log_joint - shift)
        joint = np.zeros_like(p)
        joint[keep] = w
        total = w.sum()
        top = top * np.exp(shift)  # may underflow to 0: the evidence is below float64's range
    with np.errstate(over="ignore", under="ignore"):
        return joint / total, float(total * top)


def bayes(prior, likelihood, *, record_steps: bool | None = None) -> BayesResult:
    """Posterior over a table of hypotheses: P(H | D) = P(D | H) P(H) / P(D).

    Each hypothesis's prior is multiplied by the likelihood of the data under
    it; the evidence P(D) is the sum of these products; each product divided by
    the evidence is the posterior. The posterior therefore sums to 1, and
    multiplying every likelihood by the same constant changes nothing: only
    their ratios matter.

    Parameters
    ----------
    prior : array_like of shape (k,) or dict
        P(H) for each hypothesis: >= 0, summing to 1 (within 1e-8). A dict maps
        hypothesis names to probabilities.
    likelihood : array_like of shape (k,) or dict
        P(D | H) for each hypothesis (>= 0; a density is fine), in the same
        order, or a dict with the same keys.
    record_steps : bool, optional
        Record the working. By default (``None``) only for tables of at most
        1000 hypotheses; ``steps`` is empty otherwise.

    Returns
    -------
    BayesResult
        ``(posterior, evidence, steps)``; ``posterior`` is a dict when the
        inputs were dicts, else an array.

    Raises
    ------
    ParameterError
        If the prior is not a distribution, a likelihood is negative, the dicts
        have different keys, or the evidence is 0 (the data are impossible
        under every hypothesis with prior > 0). Products that merely underflow
        (many tiny likelihoods) are no error: they are redone in log space.
    ShapeError
        If the vectors have different lengths or are empty.
    DTypeError
        If one table is a dict and the other is not.

    See Also
    --------
    conditional : the same division on a joint table.

    Examples
    --------
    A test with 95 % sensitivity and 90 % specificity, for a disease with 1 %
    prevalence, comes back positive:

    >>> r = bayes({"ill": 0.01, "healthy": 0.99}, {"ill": 0.95, "healthy": 0.10})
    >>> r.posterior["ill"], r.evidence   # P(ill | +) is under 9 %
    (0.0875576..., 0.1085)
    """
    p, lik, keys = _tables(prior, likelihood)
    if record_steps is None:
        record_steps = p.size <= _STEPS_LIMIT
    if not ((p > 0) & (lik > 0)).any():
        raise ParameterError(
            "bayes: the evidence P(D) = Σ prior × likelihood is 0: the data are impossible "
            "under every hypothesis with a non-zero prior, so no posterior exists"
        )
    with np.errstate(over="ignore", under="ignore"):
        joint = p * lik  # P(H, D) = P(H) P(D | H)
        evidence = float(joint.sum())  # P(D) = Σ P(H, D)
    if _TINY <= evidence < math.inf:
        posterior = joint / evidence
    else:
        posterior, evidence = _rescaled(p, lik)
    names = keys if keys is not None else list(range(p.size))
    steps: list[Step] = []
    if record_steps:
        steps += [
            PriorTimesLikelihood(h, float(a), float(b), float(c))
            for h, a, b, c in zip(names, p, lik, joint, strict=True)
        ]
        steps.append(Evidence(tuple(float(c) for c in joint), evidence))
        steps += [
            Posterior(h, float(c), evidence, float(q))
            for h, c, q in zip(names, joint, posterior, strict=True)
        ]
    if keys is not None:
        return BayesResult({k: float(q) for k, q in zip(keys, posterior, strict=True)},
                           evidence, steps)
    return BayesResult(posterior, evidence, steps)
