"""Grading ``dot``: against :func:`mathforml.linalg.dot` on pairs of small vectors."""

import numpy as np

import mathforml.linalg as la
from mathforml.course.spec import ExerciseSpec, Misconception


def _inputs():
    from mathforml.course.inputs import vector_pairs

    return vector_pairs(max_n=6)


SPEC = ExerciseSpec(
    reference=la.dot,
    inputs=_inputs,
    forbidden=("numpy.dot", "numpy.inner", "numpy.vdot", "numpy.matmul", "numpy.einsum"),
    misconceptions=(
        Misconception(
            "elementwise product",
            "You returned the vector of products uᵢ vᵢ. The dot product adds them up into "
            "one number: u · v = Σᵢ uᵢ vᵢ.",
            wrong=lambda u, v: u * v,
        ),
        Misconception(
            "product of sums",
            "You multiplied the sums (Σ uᵢ)(Σ vᵢ). That adds in cross terms uᵢ vⱼ with i ≠ j; "
            "the dot product pairs each entry only with its partner: Σᵢ uᵢ vᵢ.",
            wrong=lambda u, v: np.sum(u) * np.sum(v),
        ),
        Misconception(
            "sum of sums",
            "You added the entries, Σ uᵢ + Σ vᵢ. The dot product multiplies matching entries "
            "first, then adds: Σᵢ uᵢ vᵢ.",
            wrong=lambda u, v: np.sum(u) + np.sum(v),
        ),
    ),
)
