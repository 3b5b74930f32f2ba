"""A wrong dot product: (Σ uᵢ)(Σ vᵢ)."""


def dot(u, v):
    return sum(u) * sum(v)
