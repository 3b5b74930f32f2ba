"""A correct dot product that returns a NumPy scalar, with a print the grader keeps."""
import numpy as np


def dot(u, v):
    print("called with", len(u), "entries")
    return np.sum([a * b for a, b in zip(u, v, strict=True)])
