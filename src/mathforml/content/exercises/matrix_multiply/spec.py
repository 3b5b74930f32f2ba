"""Grading ``matmul``: against :func:`mathforml.linalg.matmul` on compatible pairs."""

import numpy as np

import mathforml.linalg as la
from mathforml.course.spec import ExerciseSpec, Misconception


def _inputs():
    from mathforml.course.inputs import matrix_pairs

    return matrix_pairs(max_dim=4)


def _transposed(args, expected, actual):
    actual = np.asarray(actual, dtype=float)
    return (expected.shape != expected.T.shape or not np.allclose(expected, expected.T)) and (
        actual.shape == expected.T.shape and np.allclose(actual, expected.T)
    )


def _rows_with_rows(args, expected, actual):
    A, B = args
    shape = (A.shape[0], B.shape[0])  # one entry per (row of A, row of B)
    if np.shape(actual) != shape:
        return False
    if A.shape[1] == B.shape[1]:  # rows of equal length: the learner computed A Bᵀ
        return bool(np.allclose(actual, A @ B.T))
    return shape != expected.shape  # rows of different lengths: the shape is the signature


SPEC = ExerciseSpec(
    reference=la.matmul,
    inputs=_inputs,
    forbidden=("numpy.dot", "numpy.matmul", "numpy.einsum", "numpy.inner", "numpy.tensordot",
               "numpy.linalg", "numpy.vdot"),
    misconceptions=(
        Misconception(
            "transposed result",
            "Your result is the transpose of A B: you filled C[j, i] where C[i, j] belongs "
            "(or computed Bᵀ Aᵀ). Row i of A with column j of B goes into row i, column j.",
            matches=_transposed,
        ),
        Misconception(
            "rows with rows",
            "You combined rows of A with rows of B. Entry (i, j) pairs ROW i of A with "
            "COLUMN j of B: Σ_p A[i, p] B[p, j].",
            matches=_rows_with_rows,
        ),
        Misconception(
            "one term only",
            "Each entry holds only one product A[i, p] B[p, j]. The entry is the SUM over p "
            "of all of them: initialise it to 0 and add inside the innermost loop.",
            matches=lambda args, expected, actual: np.shape(actual) == expected.shape
            and args[0].shape[1] > 1
            and any(np.allclose(actual, np.outer(args[0][:, p], args[1][p]))
                    for p in range(args[0].shape[1])),
        ),
    ),
)
