"""Grading ``solve``: against :func:`mathforml.linalg.solve` on well-conditioned systems."""

import numpy as np

import mathforml.linalg as la
from mathforml.course.spec import ExerciseSpec, Misconception


def _well_conditioned(Ab) -> bool:
    A = Ab[0]
    # Inputs the learner can reason about: invertible, and far from singular, so that
    # any correct elimination agrees with the reference to many digits.
    return abs(la.det(A)) > 0.5 and np.linalg.cond(A) < 1e3


def _inputs():
    from hypothesis import strategies as st

    from mathforml.course.inputs import _array

    @st.composite
    def systems(draw):
        n = draw(st.integers(1, 4))
        return draw(_array((n, n), 5)), draw(_array((n,), 10))

    return systems().filter(_well_conditioned)


def _no_row_swaps(args, expected, actual):
    A = args[0]
    leading_minors = [la.det(A[:k, :k]) for k in range(1, len(A) + 1)]
    broken = not np.all(np.isfinite(np.asarray(actual, dtype=float)))
    return broken and any(abs(m) < 1e-12 for m in leading_minors)


def _eliminate_a_only(A, b):
    """Elimination with row swaps that forgets b, then back substitution with the old b."""
    U = A.astype(float).copy()
    n = len(b)
    for k in range(n):
        p = k + int(np.argmax(np.abs(U[k:, k])))
        U[[k, p]] = U[[p, k]]
        U[k + 1 :] -= np.outer(U[k + 1 :, k] / U[k, k], U[k])
    return la.solve(np.triu(U), b)


SPEC = ExerciseSpec(
    reference=la.solve,
    inputs=_inputs,
    rtol=1e-8,
    atol=1e-10,
    forbidden=("numpy.linalg", "scipy"),
    misconceptions=(
        Misconception(
            "no row swaps",
            "A pivot was zero and your code divided by it (nan or inf came out). Elimination "
            "needs row swaps: before clearing column k, swap in the row with the largest "
            "|A[i, k]| at or below row k (in A and in b).",
            matches=_no_row_swaps,
        ),
        Misconception(
            "transposed system",
            "You solved Aᵀ x = b: your elimination walks down columns where it should walk "
            "down rows (or indexes A[k, i] for A[i, k]).",
            wrong=lambda A, b: la.solve(A.T, b),
        ),
        Misconception(
            "b left behind",
            "Your row operations changed A but not b (or not in the same way). Every swap and "
            "every subtraction applies to the whole augmented row [A | b].",
            wrong=_eliminate_a_only,
        ),
    ),
)
