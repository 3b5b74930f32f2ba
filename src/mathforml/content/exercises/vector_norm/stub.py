"""The length of a vector.

Write norm(x): the Euclidean length ‖x‖ = √(x₁² + … + xₙ²) of a vector (a NumPy
array of floats), returned as a single number.

Check your work with:   mathforml check vector_norm
"""


def norm(x):
    raise NotImplementedError("norm(x) is yours to write")
