"""Matrix multiplication, written out from its definition (for learning, not for speed).

Entry (i, j) of C = A B is the dot product of row i of A with column j of B:

    C_ij = Σ_k A_ik B_kj,     A: (m, p),  B: (p, n),  C: (m, n).

The inner sizes must agree (p), and the outer ones give the shape of C. A
matrix times a vector is the special case n = 1: each entry of A x is row i of
A dotted with x.

This module is the lesson; everywhere else the library multiplies with NumPy's
``@``, which runs the same sum in an optimised BLAS kernel (blocked for the
cache and vectorised), hundreds of times faster than these Python loops.

    >>> matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    array([[19., 22.],
           [43., 50.]])
"""

from __future__ import annotations

import numpy as np

from .._validation import as_array, as_matrix
from ..errors import ShapeError

__all__ = ["matmul"]


def matmul(A, B) -> np.ndarray:
    """Matrix product C = A B from the definition C_ij = Σ_k A_ik B_kj.

    Two Python loops visit every (i, j); the sum over k is one NumPy
    expression. Use it to see what ``A @ B`` computes, not to compute it.

    Parameters
    ----------
    A : array_like, shape (m, p)
        The left matrix.
    B : array_like, shape (p, n) or (p,)
        The right matrix, or a vector (then the result is the vector A B).

    Returns
    -------
    ndarray, shape (m, n) or (m,), float64
        The product (zeros when p = 0, an empty array when m or n is 0).

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D, ``B`` is not 1-D or 2-D, or A's column count is
        not B's row count.

    See Also
    --------
    mathforml.linalg.dot : one entry of the product.
    numpy.matmul : the same product, computed by BLAS.

    Examples
    --------
    >>> matmul([[1, 2, 3], [4, 5, 6]], [1, 0, -1])  # (2, 3) times (3,)
    array([-2., -2.])
    """
    A = as_matrix(A, "A", "matmul")
    B = as_array(B, "B", "matmul", ndim=(1, 2))
    m, p = A.shape
    if B.shape[0] != p:
        what = "row count" if B.ndim == 2 else "length"
        raise ShapeError(
            f"matmul: A has shape {A.shape} and B has shape {B.shape}; A's column count "
            f"({p}) must equal B's {what} ({B.shape[0]})"
        )
    B2 = B[:, None] if B.ndim == 1 else B  # a vector is a one-column matrix: (p,) -> (p, 1)
    n = B2.shape[1]
    C = np.zeros((m, n))
    for i in range(m):
        for j in range(n):
            # C_ij = Σ_k A_ik B_kj: row i of A times column j of B, entry by entry, summed
            C[i, j] = np.sum(A[i, :] * B2[:, j])
    return C.reshape(m) if B.ndim == 1 else C
