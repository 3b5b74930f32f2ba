"""Practice: the dot product of two integer vectors, u · v = Σ uᵢ vᵢ."""

from __future__ import annotations

from .build import build_problem, seeded
from .problem import Problem
from .render import tex, tex_factor, tex_vector

__all__ = ["generate"]

TOPIC = "dot_product"


def generate(seed: int) -> Problem:
    """Two vectors of length 2 to 4 with entries in -6 … 6 (neither all zero).

    >>> generate(3).answer == generate(3).answer
    True
    """
    rng = seeded(TOPIC, seed)
    n = rng.choice((2, 3, 3, 4))
    u = v = [0] * n
    while not any(u) or not any(v):
        u = [rng.randint(-6, 6) for _ in range(n)]
        v = [rng.randint(-6, 6) for _ in range(n)]
    products = [a * b for a, b in zip(u, v, strict=True)]
    answer = sum(products)
    terms = " + ".join(rf"{tex_factor(a)} \cdot {tex_factor(b)}" for a, b in zip(u, v,
                                                                                 strict=True))
    solution = [
        rf"Multiply matching entries and add: $u \cdot v = \sum_i u_i v_i = {terms}$.",
        "The products are $" + ", ".join(tex(p) for p in products) + "$.",
        rf"Their sum: $u \cdot v = {tex(answer)}$.",
    ]
    mistakes = (
        ("elementwise_product", products,
         "this is the elementwise product of u and v; the dot product adds those products "
         "up into one number"),
        ("dropped_signs", sum(abs(p) for p in products),
         "check the signs: a negative entry times a positive one gives a negative product"),
    )  # fmt: skip
    return build_problem(
        TOPIC,
        seed,
        prompt=rf"Compute the dot product $u \cdot v$ of $u = {tex_vector(u)}$ and "
        rf"$v = {tex_vector(v)}$.",
        answer=answer,
        answer_format="a number, e.g. -7",
        solution=solution,
        mistakes=mistakes,
        data={"u": u, "v": v},
    )
