"""Practice: the vector projection of v onto u, proj_u v = (u·v / u·u) u."""

from __future__ import annotations

from fractions import Fraction

from .build import build_problem, seeded
from .problem import Problem
from .render import tex, tex_factor, tex_vector

__all__ = ["generate"]

TOPIC = "projection"


def _dot(u, v) -> int:
    return sum(a * b for a, b in zip(u, v, strict=True))


def generate(seed: int) -> Problem:
    """u with entries in -3 … 3 (so u·u ≤ 27 and the fractions stay simple), v in -5 … 5,
    u·v ≠ 0 and v not along u (the projection is then neither 0 nor v itself)."""
    import sympy

    rng = seeded(TOPIC, seed)
    n = rng.choice((2, 2, 3))
    while True:
        u = [rng.randint(-3, 3) for _ in range(n)]
        v = [rng.randint(-5, 5) for _ in range(n)]
        uu, uv, vv = _dot(u, u), _dot(u, v), _dot(v, v)
        if uu and vv and uv and uv * uv != uu * vv:  # Cauchy–Schwarz equality: parallel
            break
    c = Fraction(uv, uu)
    answer = [c * x for x in u]
    solution = [
        rf"$u \cdot v = {tex(uv)}$ and $u \cdot u = {tex(uu)}$.",
        rf"The coefficient is $\dfrac{{u \cdot v}}{{u \cdot u}} = \dfrac{{{tex(uv)}}}{{{uu}}}"
        rf"{'' if c.denominator == uu and c.numerator == uv else ' = ' + tex(c)}$.",
        rf"$\operatorname{{proj}}_u v = {'' if c == 1 else tex_factor(c)} {tex_vector(u)} = "
        rf"{tex_vector(answer)}$.",
    ]
    mistakes = (
        ("scalar_projection", sympy.Integer(uv) / sympy.sqrt(uu),
         "this is the scalar projection u·v/‖u‖ (a length); the question asks for the "
         "vector (u·v / u·u) u"),
        ("projected_u_onto_v", [Fraction(uv, vv) * x for x in v],
         "this is the projection of u onto v; project v onto u: (u·v / u·u) u"),
        ("divided_by_length", [sympy.Integer(uv) / sympy.sqrt(uu) * x for x in u],
         "divide by u·u = ‖u‖², not by ‖u‖"),
        ("forgot_to_divide", [uv * x for x in u],
         "divide by u·u: the projection is (u·v / u·u) u, and u is not a unit vector"),
    )  # fmt: skip
    return build_problem(
        TOPIC,
        seed,
        prompt=rf"Find the projection $\operatorname{{proj}}_u v$ of $v = {tex_vector(v)}$ onto "
        rf"$u = {tex_vector(u)}$.",
        answer=answer,
        answer_format="a vector, e.g. [1/2, -3]",
        solution=solution,
        kind="vector",
        mistakes=mistakes,
        data={"u": u, "v": v},
    )
