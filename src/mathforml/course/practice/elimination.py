"""Worked row reduction: ``mathforml.linalg.rref``'s steps, replayed in exact fractions.

``rref`` works in floating point and records each row operation (swap, scale, add) with
the matrix after it. A learner should see ``1/3``, not ``0.3333333333333333``, so this
module replays the same operations, in the same order, on ``fractions.Fraction``
entries: the multipliers are recomputed exactly from the exact matrix (a scaling divides
a row by its pivot; an addition clears the entry above or below a pivot), and every
exact matrix is checked against the one ``rref`` recorded. The operations are the
library's; only the arithmetic is exact.

    >>> reduction = reduce_rows([[0, 2, 4], [1, 1, 3]])
    >>> for step in reduction.steps:
    ...     print(step.operation)
    R_{1} \\leftrightarrow R_{2}
    R_{2} \\leftarrow \\frac{1}{2} R_{2}
    R_{1} \\leftarrow R_{1} - R_{2}
    >>> [[str(x) for x in row] for row in reduction.R], reduction.pivots
    ([['1', '0', '1'], ['0', '1', '2']], (0, 1))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ...errors import ContentError
from ...linalg import rref
from .render import tex

__all__ = ["ExactStep", "Reduction", "reduce_rows"]


@dataclass(frozen=True)
class ExactStep:
    """One row operation: its kind (``swap``, ``scale``, ``add``), the operation in
    LaTeX (``R_2 \\leftarrow R_2 - 3 R_1``), why, and the exact matrix after it."""

    kind: str
    operation: str
    reason: str
    matrix: list[list[Fraction]]


@dataclass(frozen=True)
class Reduction:
    """The exact reduced row echelon form ``R``, its pivot columns and the steps."""

    R: list[list[Fraction]]
    pivots: tuple[int, ...]
    steps: list[ExactStep]


def _leading(row: list[Fraction]) -> int:
    """Column of the first nonzero entry (the pivot, at the moment rref scales or uses it)."""
    return next(j for j, x in enumerate(row) if x != 0)


def _coefficient(factor: Fraction) -> str:
    """``factor`` in front of a row: nothing for 1, ``-`` for -1, else the number."""
    if factor == 1:
        return ""
    if factor == -1:
        return "-"
    return tex(factor) + " "


def reduce_rows(M) -> Reduction:
    """Gauss–Jordan elimination of a small integer or fraction matrix, exactly, with steps.

    Parameters
    ----------
    M : list of lists of int or Fraction
        The matrix (for a system, the augmented matrix [A | b]).

    Returns
    -------
    Reduction
        ``R`` and ``pivots`` as ``mathforml.linalg.rref`` finds them, in exact fractions,
        and one :class:`ExactStep` per row operation ``rref`` performed.

    Raises
    ------
    ContentError
        If the exact replay disagrees with ``rref`` (a matrix too ill-conditioned for the
        float pivoting decisions to be exact: never the case for generated problems).
    """
    exact = [[Fraction(x) for x in row] for row in M]
    result = rref(np.array([[float(x) for x in row] for row in exact]), record_steps=True)
    steps: list[ExactStep] = []
    for step in result.steps:
        if step.kind == "swap":
            i, j = step.i, step.j
            exact[i], exact[j] = exact[j], exact[i]
            operation = rf"R_{{{i + 1}}} \leftrightarrow R_{{{j + 1}}}"
            reason = "bring the largest entry of the column up as the pivot"
        elif step.kind == "scale":
            i = step.i
            pivot = exact[i][_leading(exact[i])]
            exact[i] = [x / pivot for x in exact[i]]
            operation = rf"R_{{{i + 1}}} \leftarrow {_coefficient(1 / pivot)}R_{{{i + 1}}}"
            reason = "make the pivot 1"
        else:
            t, s = step.target, step.source
            column = _leading(exact[s])
            factor = -exact[t][column]
            exact[t] = [a + factor * b for a, b in zip(exact[t], exact[s], strict=True)]
            sign = "+" if factor > 0 else "-"
            operation = (
                rf"R_{{{t + 1}}} \leftarrow R_{{{t + 1}}} {sign} "
                rf"{_coefficient(abs(factor))}R_{{{s + 1}}}"
            )
            reason = f"clear column {column + 1} outside the pivot"
        if not np.allclose(np.array(exact, dtype=float), step.matrix, rtol=1e-9, atol=1e-9):
            raise ContentError(f"reduce_rows: the exact replay of rref disagrees at {operation}")
        steps.append(ExactStep(step.kind, operation, reason, [row[:] for row in exact]))
    if not np.allclose(np.array(exact, dtype=float), result.R, rtol=1e-9, atol=1e-9):
        raise ContentError("reduce_rows: the exact replay of rref ends elsewhere")
    return Reduction(exact, result.pivots, steps)
