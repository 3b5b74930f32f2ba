"""Grading ``project``: against :func:`mathforml.linalg.project` (``project(v, onto=u)``)."""

import numpy as np

import mathforml.linalg as la
from mathforml.course.spec import ExerciseSpec, Misconception


def _inputs():
    from mathforml.course.inputs import vector_pairs

    return vector_pairs(max_n=5).filter(lambda vu: np.any(vu[1]))


def _onto_v(args, expected, actual):
    v, u = args
    with np.errstate(all="ignore"):  # v = 0 makes this 0/0: the learner's nan then matches
        onto_v = np.sum(v * u) / np.sum(v * v) * v
    actual = np.asarray(actual, dtype=float)
    return actual.shape == v.shape and np.allclose(actual, onto_v, equal_nan=True)


SPEC = ExerciseSpec(
    reference=lambda v, u: la.project(v, u),
    inputs=_inputs,
    forbidden=("numpy.linalg",),
    misconceptions=(
        Misconception(
            "scalar projection",
            "You returned a number, the scalar projection (v · u)/‖u‖. The vector projection "
            "is a vector along u: ((v · u)/(u · u)) u.",
            wrong=lambda v, u: np.sum(v * u) / np.sqrt(np.sum(u * u)),
        ),
        Misconception(
            "divided by the length",
            "You divided by ‖u‖ instead of u · u = ‖u‖². With ‖u‖ the result is only right "
            "when u has length 1; the formula is ((v · u)/(u · u)) u.",
            wrong=lambda v, u: np.sum(v * u) / np.sqrt(np.sum(u * u)) * u,
        ),
        Misconception(
            "projected the wrong way",
            "You projected u onto v. proj_u(v) is v's shadow on the line through u, so the "
            "result points along u: ((v · u)/(u · u)) u.",
            matches=_onto_v,
        ),
        Misconception(
            "not divided",
            "You returned (v · u) u without dividing by u · u, so the result grows with u's "
            "length. Divide by u · u.",
            wrong=lambda v, u: np.sum(v * u) * u,
        ),
    ),
)
