"""Linear algebra from scratch on NumPy arrays.

Every routine here is written out in NumPy (no ``numpy.linalg``, no
``scipy.linalg``) and tested equal to LAPACK through ``numpy.linalg`` and SciPy.
The imports below double as a map: each function lives in the module named
beside it, which reads top-down like its lesson.
"""

# vectors
from ._vectors import (
    angle,
    change_of_basis,
    cosine_similarity,
    distance,
    dot,
    inner,
    is_linearly_independent,
    norm,
    project,
    unit,
)

# matrices: products, elimination, LU and Cholesky
from ._matmul import matmul
from ._elimination import rref
from ._lu import det, inv, lu, solve
from ._cholesky import cholesky, is_positive_definite

# orthogonality
from ._gram_schmidt import gram_schmidt
from ._qr import qr
from ._projection import project_onto_subspace, projection_matrix

# eigenvalues
from ._power_iteration import power_iteration
from ._charpoly import characteristic_polynomial
from ._eigh import eigh
from ._eig import eig

# singular values and what they give
from ._svd import low_rank_approximation, svd
from ._rank import rank
from ._pinv import pinv
from ._lstsq import lstsq

# the course's applications
from ._pagerank import pagerank
from ._transforms import reflect_in_plane, reflection, rotation, scaling, shear
from ._image import transform_image

__all__ = [
    # vectors
    "dot", "norm", "unit", "distance", "cosine_similarity", "angle", "inner", "project",
    "is_linearly_independent", "change_of_basis",
    # matrices
    "matmul", "rref", "rank", "lu", "solve", "det", "inv", "lstsq",
    # orthogonality
    "gram_schmidt", "qr", "projection_matrix", "project_onto_subspace",
    # eigenvalues
    "power_iteration", "eigh", "eig", "characteristic_polynomial",
    # factorizations
    "svd", "pinv", "low_rank_approximation", "cholesky", "is_positive_definite",
    # applications
    "pagerank", "rotation", "reflection", "shear", "scaling", "transform_image",
    "reflect_in_plane",
]  # fmt: skip
