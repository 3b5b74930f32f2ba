"""The dot product: a model solution."""


def dot(u, v):
    total = 0.0
    for ui, vi in zip(u, v, strict=True):  # u · v = Σᵢ uᵢ vᵢ
        total += ui * vi
    return total
