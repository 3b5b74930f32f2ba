"""Practice: the length (2-norm) of an integer vector, ‖v‖ = √(Σ vᵢ²)."""

from __future__ import annotations

import math

from .build import build_problem, seeded
from .problem import Problem
from .render import tex, tex_factor, tex_vector

__all__ = ["generate"]

TOPIC = "norm"

# Integer vectors whose length is an integer: a² + b² (+ c² …) = n².
_WHOLE = (
    (3, 4), (5, 12), (8, 15), (7, 24), (6, 8), (20, 21),
    (1, 2, 2), (2, 3, 6), (1, 4, 8), (4, 4, 7), (2, 6, 9), (6, 6, 7), (3, 4, 12), (2, 10, 11),
    (1, 1, 1, 1), (1, 1, 3, 5), (2, 4, 5, 6),
)  # fmt: skip


def _square_part(n: int) -> tuple[int, int]:
    """n = k² m with m square-free: returns (k, m)."""
    k = 1
    for d in range(int(math.isqrt(n)), 1, -1):
        if n % (d * d) == 0:
            k = d
            break
    return k, n // (k * k)


def generate(seed: int) -> Problem:
    """Half the time a Pythagorean vector (the length is an integer), half the time a
    vector whose length is a root like 2√3 (simplified: the square factor comes out)."""
    import sympy

    rng = seeded(TOPIC, seed)
    if rng.random() < 0.5:
        v = list(rng.choice(_WHOLE))
        rng.shuffle(v)
        v = [x * rng.choice((-1, 1)) for x in v]
    else:
        n = rng.choice((2, 3, 3))
        v = [0] * n
        while math.isqrt(sum(x * x for x in v)) ** 2 == sum(x * x for x in v):
            v = [rng.randint(-5, 5) for _ in range(n)]
    squares = [x * x for x in v]
    total = sum(squares)
    answer = sympy.sqrt(total)
    k, m = _square_part(total)
    terms = " + ".join(f"{tex_factor(x)}^2" for x in v)
    solution = [
        rf"The length is the square root of the sum of squares: $\lVert v \rVert = "
        rf"\sqrt{{{terms}}}$.",
        rf"$= \sqrt{{{' + '.join(tex(s) for s in squares)}}} = \sqrt{{{total}}}$.",
    ]
    if m == 1:
        solution.append(rf"${total} = {k}^2$, so $\lVert v \rVert = {k}$.")
    elif k == 1:
        solution.append(
            rf"${total}$ has no square factor, so $\lVert v \rVert = {sympy.latex(answer)}$."
        )
    else:
        solution.append(
            rf"Take the square factor out: $\sqrt{{{total}}} = \sqrt{{{k * k} \cdot {m}}} = "
            rf"{sympy.latex(answer)}$, so $\lVert v \rVert = {sympy.latex(answer)}$."
        )
    mistakes = (
        ("squared_norm", total,
         "this is the squared length v·v (the sum of the squares); the length is its "
         "square root"),
        ("one_norm", sum(abs(x) for x in v),
         "this is the 1-norm, the sum of |vᵢ|; the length (2-norm) is the square root of "
         "the sum of the squares"),
        ("square_of_sum", sympy.Abs(sum(v)),
         "square each entry before adding (not the sum of the entries)"),
    )  # fmt: skip
    return build_problem(
        TOPIC,
        seed,
        prompt=rf"Find the length $\lVert v \rVert$ of $v = {tex_vector(v)}$. Give the exact "
        "value (a whole number or a simplified square root).",
        answer=answer,
        answer_format="a number, e.g. 5 or 2*sqrt(3)",
        solution=solution,
        mistakes=mistakes,
        data={"v": v},
    )
