"""Matrix multiplication.

Write matmul(A, B): the product C = A B of an m x k matrix A and a k x n matrix B
(2-D NumPy arrays of floats), where C[i, j] = Σ_p A[i, p] B[p, j]. Return an
m x n NumPy array.

Check your work with:   mathforml check matrix_multiply
"""

import numpy as np  # noqa: F401  (you will want it)


def matmul(A, B):
    raise NotImplementedError("matmul(A, B) is yours to write")
