"""The length of a vector: a model solution."""

import math


def norm(x):
    return math.sqrt(sum(xi * xi for xi in x))  # ‖x‖ = √(x · x)
