"""The working of a hypothesis test as data: hypotheses, statistic, distribution, p-value, decision.

Every test result has an ``explain(alpha=0.05)`` method returning these five
steps (frozen dataclasses, like :mod:`mathforml._steps`); the CLI and the web
app render them. Formulas are short symbolic strings ("(x̄ − μ₀) / SE"); the
numbers that go into them travel separately, unformatted, in ``values``.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field

from .._steps import Step
from ..errors import ParameterError

__all__ = ["Hypotheses", "Statistic", "NullDistribution", "PValue", "Decision"]


@dataclass(frozen=True)
class Hypotheses(Step):
    """The null hypothesis H₀ and the alternative H₁, as formulas ("μ = μ₀", "μ ≠ μ₀")."""

    null: str
    alternative: str
    kind: str = field(init=False, default="hypotheses")


@dataclass(frozen=True)
class Statistic(Step):
    """The test statistic: its symbol, its formula, the numbers that go in, and its value."""

    symbol: str
    formula: str
    values: dict = field(hash=False)
    value: float
    kind: str = field(init=False, default="statistic")


@dataclass(frozen=True)
class NullDistribution(Step):
    """The statistic's distribution when H₀ holds: ``name`` ("t", "χ²", "N(0, 1)") and df."""

    name: str
    df: float | None
    kind: str = field(init=False, default="null_distribution")


@dataclass(frozen=True)
class PValue(Step):
    """The p-value: the probability, under H₀, of a statistic at least as extreme."""

    formula: str
    value: float
    kind: str = field(init=False, default="pvalue")


@dataclass(frozen=True)
class Decision(Step):
    """Reject H₀ at level alpha when p <= alpha; otherwise the data do not contradict H₀."""

    alpha: float
    pvalue: float
    reject: bool
    kind: str = field(init=False, default="decision")


_RELATION = {"two-sided": "≠", "less": "<", "greater": ">"}


def check_alpha(alpha) -> float:
    if isinstance(alpha, bool) or not isinstance(alpha, numbers.Real) or not 0 < alpha < 1:
        raise ParameterError(
            f"explain: alpha (the significance level) must lie strictly between 0 and 1, "
            f"got {alpha!r}"
        )
    return float(alpha)


def pvalue_formula(alternative: str, rv: str, symbol: str) -> str:
    """"2 P(T ≥ |t|)", "P(T ≤ t)" or "P(T ≥ t)"."""
    if alternative == "two-sided":
        return f"2 P({rv} ≥ |{symbol}|)"
    if alternative == "less":
        return f"P({rv} ≤ {symbol})"
    return f"P({rv} ≥ {symbol})"


def location_steps(
    *,
    parameter: str,
    null: str,
    alternative: str,
    symbol: str,
    formula: str,
    values: dict,
    statistic: float,
    distribution: str,
    df: float | None,
    rv: str,
    pvalue: float,
    alpha,
) -> list[Step]:
    """The five steps of a test about one parameter (a mean, a difference, a proportion)."""
    alpha = check_alpha(alpha)
    return [
        Hypotheses(f"{parameter} = {null}", f"{parameter} {_RELATION[alternative]} {null}"),
        Statistic(symbol, formula, dict(values), float(statistic)),
        NullDistribution(distribution, df),
        PValue(pvalue_formula(alternative, rv, symbol), float(pvalue)),
        Decision(alpha, float(pvalue), bool(pvalue <= alpha)),
    ]
