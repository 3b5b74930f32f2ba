"""Projecting one vector onto another.

Write project(v, u): the vector projection of v onto the non-zero vector u,
proj_u(v) = (v · u / u · u) u, returned as a NumPy array shaped like u.

Check your work with:   mathforml check projection
"""

import numpy as np  # noqa: F401  (you will want it)


def project(v, u):
    raise NotImplementedError("project(v, u) is yours to write")
