"""Grading ``cosine_similarity``: against the library's, on pairs of non-zero vectors."""

import numpy as np

import mathforml.linalg as la
from mathforml.course.spec import ExerciseSpec, Misconception


def _inputs():
    from mathforml.course.inputs import vector_pairs

    return vector_pairs(max_n=5).filter(lambda uv: np.any(uv[0]) and np.any(uv[1]))


def _length(x):
    return np.sqrt(np.sum(x * x))


SPEC = ExerciseSpec(
    reference=la.cosine_similarity,
    inputs=_inputs,
    rtol=1e-9,
    atol=1e-12,
    forbidden=("numpy.linalg", "numpy.dot", "numpy.inner", "numpy.vdot", "numpy.matmul"),
    misconceptions=(
        Misconception(
            "not normalized",
            "You returned the dot product u · v without dividing by the lengths. Cosine "
            "similarity ignores length: divide by ‖u‖ ‖v‖.",
            wrong=lambda u, v: np.sum(u * v),
        ),
        Misconception(
            "one length only",
            "You divided by only one of the lengths. Divide by both: u · v / (‖u‖ ‖v‖).",
            matches=lambda args, expected, actual: any(
                np.isclose(actual, np.sum(args[0] * args[1]) / _length(x), rtol=1e-9)
                for x in args
            ),
        ),
        Misconception(
            "squared lengths",
            "You divided by the squared lengths (u · u)(v · v). Take their square roots: "
            "‖u‖ = √(u · u).",
            wrong=lambda u, v: np.sum(u * v) / (np.sum(u * u) * np.sum(v * v)),
        ),
        Misconception(
            "the angle",
            "You returned the angle θ itself (in radians). The exercise asks for cos θ, which "
            "needs no arccos at all.",
            wrong=lambda u, v: la.angle(u, v),
        ),
    ),
)
