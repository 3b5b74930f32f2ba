"""A wrong dot product: the elementwise product, never summed."""


def dot(u, v):
    return u * v
