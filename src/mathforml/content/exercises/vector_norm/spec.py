"""Grading ``norm``: against :func:`mathforml.linalg.norm` (the L2 norm)."""

import numpy as np

import mathforml.linalg as la
from mathforml.course.spec import ExerciseSpec, Misconception


def _inputs():
    from hypothesis import strategies as st

    from mathforml.course.inputs import vectors

    return st.tuples(vectors(max_n=6))


SPEC = ExerciseSpec(
    reference=la.norm,
    inputs=_inputs,
    forbidden=("numpy.linalg", "numpy.hypot", "math.hypot", "math.dist"),
    misconceptions=(
        Misconception(
            "squared length",
            "You returned the sum of squares x₁² + … + xₙ², the SQUARED length. Take its "
            "square root: ‖x‖ = √(x · x).",
            wrong=lambda x: np.sum(x * x),
        ),
        Misconception(
            "L1 norm",
            "You added the absolute values |x₁| + … + |xₙ| (or the roots √(xᵢ²), which are the "
            "same): that is the L1 norm, the taxicab distance. The Euclidean length squares, "
            "adds, and only then takes ONE square root.",
            wrong=lambda x: np.sum(np.abs(x)),
        ),
        Misconception(
            "plain sum",
            "You added the entries themselves. Negative entries then shorten the vector; a "
            "length squares each entry first, so that every direction counts.",
            wrong=lambda x: np.sum(x),
        ),
    ),
)
