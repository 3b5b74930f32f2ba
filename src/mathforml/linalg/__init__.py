"""Linear algebra from scratch on NumPy arrays.

Every routine here is written out in NumPy (no ``numpy.linalg``, no
``scipy.linalg``) and tested equal to LAPACK through ``numpy.linalg`` and SciPy.

The table below says where each function lives; a name is imported the first
time it is used.
"""

from importlib import import_module

# name -> private module that defines it
_EXPORTS = {
    # vectors
    "dot": "_vectors",
    "norm": "_vectors",
    "unit": "_vectors",
    "distance": "_vectors",
    "cosine_similarity": "_vectors",
    "angle": "_vectors",
    "inner": "_vectors",
    "project": "_vectors",
    "is_linearly_independent": "_vectors",
    "change_of_basis": "_vectors",
    # matrices
    "matmul": "_matmul",
    "rref": "_elimination",
    "lu": "_lu",
    "solve": "_lu",
    "det": "_lu",
    "inv": "_lu",
    "cholesky": "_cholesky",
    "is_positive_definite": "_cholesky",
    # orthogonality
    "gram_schmidt": "_gram_schmidt",
    "qr": "_qr",
    "projection_matrix": "_projection",
    "project_onto_subspace": "_projection",
    # eigenvalues
    "power_iteration": "_power_iteration",
    "characteristic_polynomial": "_charpoly",
    "eigh": "_eigh",
    "eig": "_eig",
    # singular values
    "svd": "_svd",
    "rank": "_rank",
    "pinv": "_pinv",
    "lstsq": "_lstsq",
    "low_rank_approximation": "_svd",
    # applications
    "pagerank": "_pagerank",
    "rotation": "_transforms",
    "reflection": "_transforms",
    "shear": "_transforms",
    "scaling": "_transforms",
    "transform_image": "_image",
    "reflect_in_plane": "_transforms",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return __all__
