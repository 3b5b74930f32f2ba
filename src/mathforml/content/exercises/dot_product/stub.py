"""The dot product.

Write dot(u, v): the dot product u · v = Σᵢ uᵢ vᵢ of two vectors of the same
length (NumPy arrays of floats), returned as a single number.

Check your work with:   mathforml check dot_product
"""


def dot(u, v):
    raise NotImplementedError("dot(u, v) is yours to write")
