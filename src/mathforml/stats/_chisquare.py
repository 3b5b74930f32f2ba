"""Pearson's chi-square tests: do counts follow expected frequencies?

Both tests compare observed counts O with the counts E expected under H₀:

    χ² = Σ (O − E)² / E

Each term is a squared standardised deviation (a Poisson count has variance
≈ E), so under H₀, for large enough counts (E >= 5 is the usual rule),
χ² follows the chi-square distribution with df degrees of freedom. Large
χ² means poor agreement, so the p-value is the upper tail P(X >= χ²).

- goodness of fit (:func:`chisquare`): k categories with given expected
  frequencies (uniform by default); df = k − 1 − ddof, where ddof counts the
  parameters estimated from the data to build E;
- independence (:func:`chi2_contingency`): an r x c table of counts of two
  categorical variables; under independence Eᵢⱼ = (row total i)(column total
  j) / n, and df = (r − 1)(c − 1).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._steps import Step
from .._validation import as_array, check_nonnegative_int
from ..errors import ParameterError, ShapeError
from ._explain import Decision, Hypotheses, NullDistribution, PValue, Statistic, check_alpha
from ._pvalues import chi2_pvalue

__all__ = ["chisquare", "chi2_contingency", "ChisquareResult"]


class ChisquareResult(NamedTuple):
    """Result of a chi-square test."""

    statistic: float
    """χ² = Σ (O − E)² / E (with Yates' correction where it was applied)."""
    pvalue: float
    """P(X >= χ²) for X ~ χ²(df)."""
    df: int
    """Degrees of freedom."""
    observed: np.ndarray
    """The observed counts O."""
    expected: np.ndarray
    """The expected counts E under H₀ (same shape)."""
    test: str
    """"goodness-of-fit", "independence" or "independence-yates"."""

    def explain(self, alpha: float = 0.05) -> list[Step]:
        """The test's working as steps: hypotheses, statistic, null distribution, p, decision.

        Parameters
        ----------
        alpha : float, optional
            The significance level, in (0, 1); default 0.05. H₀ is rejected
            when p <= alpha.

        Returns
        -------
        list of Step
            ``Hypotheses``, ``Statistic`` (with O and E in ``values``),
            ``NullDistribution`` ("χ²", df), ``PValue``, ``Decision``.

        Examples
        --------
        >>> from mathforml.stats import chisquare
        >>> steps = chisquare([18, 22, 20, 40]).explain()
        >>> steps[0].null, steps[1].formula, steps[-1].reject
        ('pᵢ = Eᵢ / n for every category', 'Σ (O − E)² / E', True)
        """
        alpha = check_alpha(alpha)
        null, alt = _HYPOTHESES[self.test]
        formula = ("Σ (max(|O − E| − ½, 0))² / E" if self.test == "independence-yates"
                   else "Σ (O − E)² / E")
        return [
            Hypotheses(null, alt),
            Statistic("χ²", formula, {"O": self.observed, "E": self.expected}, self.statistic),
            NullDistribution("χ²", float(self.df)),
            PValue("P(X ≥ χ²)", self.pvalue),
            Decision(alpha, self.pvalue, bool(self.pvalue <= alpha)),
        ]


_HYPOTHESES = {
    "goodness-of-fit": ("pᵢ = Eᵢ / n for every category", "pᵢ ≠ Eᵢ / n for some category"),
    "independence": ("P(row, column) = P(row) P(column)",
                     "P(row, column) ≠ P(row) P(column) for some cell"),
}
_HYPOTHESES["independence-yates"] = _HYPOTHESES["independence"]


def _counts(x, name: str, func: str, ndim: int) -> np.ndarray:
    x = as_array(x, name, func, ndim=ndim)
    if x.size == 0:
        raise ShapeError(f"{func}: {name} is empty (shape {x.shape}); there is nothing to test")
    if (x < 0).any():
        where = tuple(int(i) for i in np.argwhere(x < 0)[0])
        raise ParameterError(
            f"{func}: {name} must hold counts >= 0, got {x[where]:g} at index "
            f"{where if ndim > 1 else where[0]}"
        )
    return x


def _statistic(O: np.ndarray, E: np.ndarray) -> float:
    return float(np.sum((O - E) ** 2 / E))


# Observed and expected totals must agree to this relative tolerance (SciPy's, √ε).
_TOTAL_RTOL = np.sqrt(np.finfo(np.float64).eps)


def chisquare(f_obs, f_exp=None, ddof: int = 0) -> ChisquareResult:
    """Chi-square goodness-of-fit test: do the counts follow the expected frequencies?

    χ² = Σᵢ (Oᵢ − Eᵢ)² / Eᵢ, compared with χ²(k − 1 − ddof). The expected
    counts must have the same total as the observed ones (within a relative
    1.5e-8, as SciPy): the test is about how the n observations are *spread*
    over the categories.

    Parameters
    ----------
    f_obs : array_like, shape (k,)
        Observed counts, >= 0.
    f_exp : array_like, shape (k,), optional
        Expected counts, > 0, with the same total. Default: all equal (a
        uniform distribution over the categories).
    ddof : int, optional
        Parameters estimated from the data to compute f_exp (e.g. 1 for a
        Poisson rate); default 0.

    Returns
    -------
    ChisquareResult
        ``(statistic, pvalue, df, observed, expected, test)``; equal to
        ``scipy.stats.chisquare``.

    Raises
    ------
    ParameterError
        If a count is negative, an expected count is 0 (the statistic would
        divide by it; merge that category with a neighbour), the totals
        differ, or df = k − 1 − ddof < 1.
    ShapeError
        If the arrays are not 1-D of equal length, or empty.
    NotFiniteError, DTypeError
        For NaN, infinity or non-numbers.

    See Also
    --------
    chi2_contingency : independence in a table of counts.

    Examples
    --------
    Is a die fair? 60 rolls:

    >>> r = chisquare([5, 8, 9, 8, 10, 20])
    >>> r.statistic, r.df, round(r.pvalue, 4)
    (13.4, 5, 0.0199)
    """
    func = "chisquare"
    O = _counts(f_obs, "f_obs", func, 1)
    k = O.size
    ddof = check_nonnegative_int(ddof, "ddof", func)
    df = k - 1 - ddof
    if df < 1:
        raise ParameterError(
            f"{func}: the test needs df = k − 1 − ddof >= 1, but k = {k} categories and "
            f"ddof = {ddof} give df = {df}"
        )
    if f_exp is None:
        E = np.full(k, O.sum() / k)
        if not E[0] > 0:
            raise ParameterError(
                f"{func}: f_obs is all zeros; with no observations the expected counts are "
                f"0 and there is nothing to test"
            )
    else:
        E = _counts(f_exp, "f_exp", func, 1)
        if E.shape != O.shape:
            raise ShapeError(
                f"{func}: f_obs has shape {O.shape} and f_exp has shape {E.shape}; give one "
                f"expected count per category"
            )
        if (E == 0).any():
            i = int(np.argmax(E == 0))
            raise ParameterError(
                f"{func}: the expected count of category {i} is 0, and (O − E)² / E divides "
                f"by it; merge that category with another or drop it"
            )
        total_o, total_e = float(O.sum()), float(E.sum())
        if abs(total_o - total_e) > _TOTAL_RTOL * max(total_o, total_e):
            raise ParameterError(
                f"{func}: f_obs sums to {total_o!r} and f_exp to {total_e!r}; the totals must "
                f"agree (within a relative {_TOTAL_RTOL:.2g}): rescale f_exp to f_obs's total"
            )
    x2 = _statistic(O, E)
    return ChisquareResult(x2, chi2_pvalue(x2, df), df, O, E, "goodness-of-fit")


def chi2_contingency(observed, correction: bool = True) -> ChisquareResult:
    """Chi-square test of independence for an r x c table of counts.

    Under independence P(row i, column j) = P(row i) P(column j), so the
    expected counts are Eᵢⱼ = (row total i)(column total j) / n, and
    χ² = Σ (Oᵢⱼ − Eᵢⱼ)² / Eᵢⱼ is compared with χ²((r − 1)(c − 1)).

    For a 2 x 2 table (df = 1) with ``correction=True``, Yates' continuity
    correction moves each O towards E by ½ (never past it), which makes the
    continuous chi-square approximation of the discrete counts conservative,
    as SciPy does. A table with a single row or column has df = 0: there is
    nothing to test, and like SciPy the result is χ² = 0, p = 1.

    Parameters
    ----------
    observed : array_like, shape (r, c)
        Counts, >= 0; every row and every column must have a non-zero total.
    correction : bool, optional
        Apply Yates' correction when df = 1 (default True, as SciPy).

    Returns
    -------
    ChisquareResult
        ``(statistic, pvalue, df, observed, expected, test)``; equal to
        ``scipy.stats.chi2_contingency``.

    Raises
    ------
    ParameterError
        If a count is negative, or a row or column total is 0 (its expected
        counts would be 0; the message names it), or ``correction`` is not a
        bool.
    ShapeError
        If ``observed`` is not a 2-D table, or empty.
    NotFiniteError, DTypeError
        For NaN, infinity or non-numbers.

    See Also
    --------
    chisquare : goodness of fit to given frequencies.
    two_proportion_z_test : the 2 x 2 case as a z-test, with one-sided options.
    mathforml.probability.mutual_information : how dependent, not just whether.

    Examples
    --------
    Does treatment change the outcome? (rows: treatment, placebo; columns:
    improved, not improved)

    >>> r = chi2_contingency([[30, 10], [18, 22]])
    >>> round(r.statistic, 4), r.df, round(r.pvalue, 4)
    (6.3021, 1, 0.0121)
    """
    func = "chi2_contingency"
    if not isinstance(correction, (bool, np.bool_)):
        raise ParameterError(f"{func}: correction must be True or False, got {correction!r}")
    O = _counts(observed, "observed", func, 2)
    rows, cols = O.sum(axis=1), O.sum(axis=0)
    for totals, what in ((rows, "row"), (cols, "column")):
        if (totals == 0).any():
            i = int(np.argmax(totals == 0))
            raise ParameterError(
                f"{func}: {what} {i} of observed has no counts, so its expected counts are 0 "
                f"and (O − E)² / E divides by them; drop the empty {what}"
            )
    n = O.sum()
    E = np.outer(rows, cols) / n  # Eᵢⱼ = rᵢ cⱼ / n
    df = (O.shape[0] - 1) * (O.shape[1] - 1)
    if df == 0:
        return ChisquareResult(0.0, 1.0, 0, O, E, "independence")
    test = "independence"
    O_used = O
    if df == 1 and correction:
        # Yates: shrink every |O − E| by ½, but not past zero (SciPy's rule).
        diff = E - O
        O_used = O + np.sign(diff) * np.minimum(0.5, np.abs(diff))
        test = "independence-yates"
    x2 = _statistic(O_used, E)
    return ChisquareResult(x2, chi2_pvalue(x2, df), df, O, E, test)
