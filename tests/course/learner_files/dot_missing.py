def dott(u, v):
    return sum(a * b for a, b in zip(u, v, strict=True))
