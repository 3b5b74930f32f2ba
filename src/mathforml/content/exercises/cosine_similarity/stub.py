"""Cosine similarity.

Write cosine_similarity(u, v): cos θ = u · v / (‖u‖ ‖v‖) for two non-zero vectors
of the same length (NumPy arrays of floats). The result lies between −1 and 1.

Check your work with:   mathforml check cosine_similarity
"""


def cosine_similarity(u, v):
    raise NotImplementedError("cosine_similarity(u, v) is yours to write")
