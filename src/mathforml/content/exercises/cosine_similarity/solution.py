"""Cosine similarity: a model solution."""

import math


def cosine_similarity(u, v):
    dot = sum(a * b for a, b in zip(u, v, strict=True))
    length_u = math.sqrt(sum(a * a for a in u))
    length_v = math.sqrt(sum(b * b for b in v))
    return dot / (length_u * length_v)  # cos θ = u · v / (‖u‖ ‖v‖)
