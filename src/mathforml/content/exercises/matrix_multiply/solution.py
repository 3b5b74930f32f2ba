"""Matrix multiplication: a model solution."""

import numpy as np


def matmul(A, B):
    m, k = A.shape
    n = B.shape[1]
    C = np.zeros((m, n))
    for i in range(m):
        for j in range(n):
            C[i, j] = sum(A[i, p] * B[p, j] for p in range(k))  # row i of A · column j of B
    return C
