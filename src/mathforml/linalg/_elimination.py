"""Row reduction: Gauss–Jordan elimination to reduced row echelon form, step by step.

Three row operations change a matrix without changing the solutions of the
equations its rows stand for (nor its row space):

    swap      R_i <-> R_j
    scale     R_i <- c R_i             (c ≠ 0)
    add       R_t <- R_t + c R_s

Gauss–Jordan elimination uses them column by column: choose a pivot in the
column, swap it up, scale it to 1, and subtract multiples of its row from every
other row so that the rest of the column becomes 0. The result is the reduced
row echelon form (RREF): every nonzero row starts with a 1 (its pivot), the
pivot columns are columns of the identity, pivots move right as you go down,
and zero rows come last. The pivot columns tell you the rank, a basis of the
column space, and which unknowns of A x = b are free.

``rref`` returns every operation it performed as data (the ``RowSwap``,
``RowScale`` and ``RowAdd`` steps of :mod:`mathforml._steps`), each with a copy of
the matrix after it, so that the working can be shown and replayed.

    >>> R, pivots, steps = rref([[1, 2, 3], [2, 4, 7]])
    >>> R
    array([[1., 2., 0.],
           [0., 0., 1.]])
    >>> pivots
    (0, 2)
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np

from .._steps import RowAdd, RowScale, RowSwap, Step
from .._validation import as_matrix
from ..errors import DTypeError, ParameterError

__all__ = ["RREFResult", "rref"]

_EPS = np.finfo(np.float64).eps


class RREFResult(NamedTuple):
    """Result of :func:`rref`."""

    R: np.ndarray
    """The reduced row echelon form, shape (m, n)."""
    pivots: tuple[int, ...]
    """The pivot columns, left to right; ``len(pivots)`` is the rank."""
    steps: list[Step]
    """The row operations in the order performed (empty if not recorded)."""


def _check_tol(tol, func: str) -> float | None:
    if tol is None:
        return None
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real):
        raise DTypeError(f"{func}: tol must be a real number >= 0 or None, got {tol!r}")
    t = float(tol)
    if not (t >= 0.0 and np.isfinite(t)):
        raise ParameterError(f"{func}: tol must be a finite number >= 0 or None, got {tol!r}")
    return t


def _steps_memory(m: int, n: int) -> int:
    """Bytes the recorded steps may need: up to r swaps, r scalings and m r additions
    (r = min(m, n) pivots), each with an m x n float64 copy."""
    r = min(m, n)
    return (m * r + 2 * r) * m * n * 8


# Record steps by default only while they fit in this much memory (about a 50 x 50 matrix).
_STEPS_MEMORY_LIMIT = 64 * 2**20


def rref(A, tol: float | None = None, *, record_steps: bool | None = None) -> RREFResult:
    """Reduced row echelon form of A by Gauss–Jordan elimination with partial pivoting.

    For each column, left to right, with ``row`` the first row not yet holding
    a pivot:

    1. pivot: the entry of largest magnitude in the column at or below ``row``;
       if it is at most ``tol`` the column has no pivot (its entries from
       ``row`` down count as zero and are set to exactly 0), go to the next column;
    2. swap its row up to ``row``;                        R_row <-> R_p
    3. scale the row so the pivot is 1;                   R_row <- R_row / pivot
    4. clear the rest of the column, above and below:     R_i <- R_i − R_i,col R_row
       (in the rows below, what cancels down to at most ``tol`` is set to 0)

    Why the largest entry (partial pivoting): the multipliers R_i,col / pivot
    below the pivot are then at most 1 in magnitude, so rounding errors are not
    amplified. A tiny pivot such as 1e-20 in [[1e-20, 1], [1, 1]] would need a
    multiplier of 1e20 and wipe out the digits of the other rows; any nonzero
    pivot is correct in exact arithmetic, but not in floating point.

    Why a tolerance: after rounding, an entry that is 0 in exact arithmetic
    comes out as noise of a few units of eps (≈ 2.2e-16) times the size of the
    rows that were combined to produce it, and treating that noise as a pivot
    would invent rank. Row operations add up whole rows, so the yardstick is
    the largest row sum ‖A‖_∞ = maxᵢ Σⱼ |A_ij|, the noise accumulates over up
    to max(m, n) operations, and subtracting c R_row from a row multiplies the
    noise already in c by the entries of the pivot row, which can exceed 1
    after scaling (the growth g = largest |entry| of the pivot rows so far, the
    growth factor of the textbook error analysis of elimination). So the
    default tolerance for the next pivot is

        tol = max(m, n) · eps · ‖A‖_∞ · max(1, g),

    MATLAB's ``rref`` default times the growth. Without g, the exactly singular
    [[-15, 20, -15], [-25, 34, -9], [10, -15, -30]] leaves noise 6e-14 where
    max(m, n) · eps · ‖A‖_∞ is 4.5e-14, and its rank would come out 3.

    Parameters
    ----------
    A : array_like, shape (m, n)
        Any real matrix (integers, floats, Fractions; converted to float64).
    tol : float, optional
        A candidate pivot with magnitude at most ``tol`` counts as zero.
        Default max(m, n) · eps · ‖A‖_∞ · max(1, g) as above (it grows with
        g during the elimination); ``tol=0`` treats only exact zeros as zero.
    record_steps : bool, optional
        Record each row operation with a copy of the matrix after it. That is
        up to m · rank copies of the matrix (a 300 x 300 matrix would need
        65 GB), so by default (``None``) the steps are recorded only when they
        fit in 64 MB (up to about 50 x 50); ``True`` always records them,
        ``False`` never does (``steps`` is then empty; R is the same).

    Returns
    -------
    RREFResult
        ``R`` (m, n) float64, the reduced row echelon form; ``pivots``, the
        pivot columns as a tuple of ints; ``steps``, a list of ``RowSwap``,
        ``RowScale`` and ``RowAdd``, each with the ``matrix`` right after it.
        Applying the steps' operations in order to A reproduces R up to
        rounding and up to the entries that count as zero, which R holds as
        exact zeros. (When a pivot is barely above ``tol``, an entry dropped
        as zero can matter in the replay: R is then the exact RREF of a matrix
        within ``tol`` of A, the honest answer for a nearly rank-deficient A.)

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D or is ragged.
    NotFiniteError
        If ``A`` holds NaN or infinity.
    ParameterError
        If ``tol`` is negative or not finite.

    See Also
    --------
    mathforml.linalg.lu : the same elimination, stored as P A = L U.
    mathforml.linalg.rank : the rank from singular values (more reliable for
        nearly rank-deficient matrices).

    Examples
    --------
    >>> result = rref([[0, 2], [1, 1]])
    >>> [step.kind for step in result.steps]
    ['swap', 'scale', 'add']
    >>> result.R
    array([[1., 0.],
           [0., 1.]])
    """
    # a new array (A is never modified); + 0.0 turns -0.0 into 0.0 and changes nothing else
    R = as_matrix(A, "A", "rref") + 0.0
    user_tol = _check_tol(tol, "rref")
    m, n = R.shape
    # max(m, n) eps ‖A‖_∞, with ‖A‖_∞ the largest absolute row sum; times the growth below
    base_tol = max(m, n) * _EPS * (float(np.abs(R).sum(axis=1).max()) if R.size else 0.0)
    growth = 1.0
    if record_steps is None:
        record_steps = _steps_memory(m, n) <= _STEPS_MEMORY_LIMIT

    steps: list[Step] = []
    pivots: list[int] = []
    row = 0
    for col in range(n):
        if row == m:
            break
        tol = base_tol * growth if user_tol is None else user_tol
        # 1. the largest candidate: every multiplier R_i,col / pivot below it is <= 1 in size
        p = row + int(np.argmax(np.abs(R[row:, col])))
        if abs(R[p, col]) <= tol:
            R[row:, col] = 0.0  # negligible entries count as zero: no pivot in this column
            continue
        # 2. R_row <-> R_p
        if p != row:
            R[[row, p]] = R[[p, row]]
            if record_steps:
                steps.append(RowSwap(i=row, j=p, matrix=R.copy()))
        # 3. R_row <- R_row / pivot (dividing rounds once; 49 x (1/49) would not give 1)
        pivot = R[row, col]
        if pivot != 1.0:
            R[row] = R[row] / pivot + 0.0  # + 0.0: a negative pivot would turn 0 into -0.0
            R[row, col] = 1.0
            if record_steps:
                steps.append(RowScale(i=row, factor=float(1.0 / pivot), matrix=R.copy()))
        # the pivot row's entries multiply the noise in the rows it is subtracted from
        growth = max(growth, float(np.abs(R[row]).max()))
        tol = base_tol * growth if user_tol is None else user_tol
        # 4. R_i <- R_i − R_i,col R_row clears column `col` in every other row
        if record_steps:
            for i in range(m):
                if i != row and R[i, col] != 0.0:
                    factor = float(-R[i, col])
                    R[i] += factor * R[row]
                    R[i, col] = 0.0
                    if i > row:  # a row not yet used as a pivot row: cancellation noise is 0
                        R[i, np.abs(R[i]) <= tol] = 0.0
                    steps.append(RowAdd(target=i, source=row, factor=factor, matrix=R.copy()))
        else:
            # the same operations on all rows at once: R − (column) ⊗ (pivot row)
            multipliers = R[:, col].copy()
            multipliers[row] = 0.0
            R -= np.outer(multipliers, R[row])
            R[:, col] = 0.0
            R[row, col] = 1.0
            below = R[row + 1 :]
            below[(multipliers[row + 1 :, None] != 0.0) & (np.abs(below) <= tol)] = 0.0
        pivots.append(col)
        row += 1
        growth = max(growth, float(np.abs(R[:row]).max()))  # rows above changed too
    return RREFResult(R, tuple(pivots), steps)
