"""Solving a linear system by elimination.

Write solve(A, b): the solution x of A x = b for an invertible n x n matrix A
(a 2-D NumPy array) and a vector b (1-D, length n), by Gaussian elimination with
row swaps, then back substitution. Return x as a NumPy array of length n.

Check your work with:   mathforml check gaussian_elimination
"""

import numpy as np  # noqa: F401  (you will want it)


def solve(A, b):
    raise NotImplementedError("solve(A, b) is yours to write")
