"""Practice: the angle between two vectors, cos θ = u·v / (‖u‖ ‖v‖).

The vectors are chosen so that θ is one of 30°, 45°, 60°, 90°, 120°, 135°, 150°, and the
question asks for degrees or for radians (the seed decides; the prompt says which).
"""

from __future__ import annotations

from fractions import Fraction

from .build import build_problem, seeded
from .problem import Problem
from .render import tex, tex_vector

__all__ = ["generate"]

TOPIC = "angle"

# angle in degrees -> (cos² θ, sign of cos θ)
_ANGLES = {
    30: (Fraction(3, 4), 1), 45: (Fraction(1, 2), 1), 60: (Fraction(1, 4), 1), 90: (0, 0),
    120: (Fraction(1, 4), -1), 135: (Fraction(1, 2), -1), 150: (Fraction(3, 4), -1),
}  # fmt: skip


def _dot(u, v) -> int:
    return sum(a * b for a, b in zip(u, v, strict=True))


def _pair(rng, degrees: int) -> tuple[list[int], list[int]]:
    """Random small integer vectors with exactly this angle (rejection sampling).

    In the plane, integer vectors make only angles with a rational tangent, so 30°, 60°,
    120° and 150° need three dimensions; 45°, 90° and 135° come in two.
    """
    target, sign = _ANGLES[degrees]
    n = 2 if degrees in (45, 90, 135) and rng.random() < 0.6 else 3
    while True:
        u = [rng.randint(-3, 3) for _ in range(n)]
        v = [rng.randint(-3, 3) for _ in range(n)]
        uu, vv, d = _dot(u, u), _dot(v, v), _dot(u, v)
        if uu == 0 or vv == 0:
            continue
        if Fraction(d * d, uu * vv) == target and (d > 0) - (d < 0) == sign:
            return u, v


def generate(seed: int) -> Problem:
    import sympy

    rng = seeded(TOPIC, seed)
    degrees = rng.choice(sorted(_ANGLES))
    unit = rng.choice(("degrees", "radians"))
    u, v = _pair(rng, degrees)
    d, uu, vv = _dot(u, v), _dot(u, u), _dot(v, v)
    cosine = sympy.Integer(d) / sympy.sqrt(uu * vv)
    radians = sympy.pi * sympy.Rational(degrees, 180)
    in_degrees = rf"{degrees}^\circ"
    answer = sympy.Integer(degrees) if unit == "degrees" else radians
    if unit == "degrees":
        result = f"${in_degrees}$"
    else:
        result = f"${sympy.latex(radians)}$ (that is, ${in_degrees}$)"
    solution = [
        rf"$u \cdot v = {tex(d)}$, $\lVert u \rVert = \sqrt{{{uu}}}$, "
        rf"$\lVert v \rVert = \sqrt{{{vv}}}$.",
        rf"$\cos\theta = \dfrac{{u \cdot v}}{{\lVert u \rVert \lVert v \rVert}} = "
        rf"\dfrac{{{tex(d)}}}{{\sqrt{{{uu}}}\sqrt{{{vv}}}}} = {sympy.latex(cosine)}$.",
        rf"$\theta = \arccos\left({sympy.latex(cosine)}\right) =$ {result}.",
    ]
    other_unit = (
        ("radians", radians,
         "this is the angle in radians; the question asks for degrees (multiply by 180/pi)",
         True)
        if unit == "degrees" else
        ("degrees", sympy.Integer(degrees),
         "this is the angle in degrees; the question asks for radians (multiply by pi/180)",
         True)
    )  # fmt: skip
    supplement = 180 - degrees
    mistakes = (
        other_unit,
        ("cosine", cosine, "this is cos θ; the angle is its arccos"),
        ("lost_sign",
         sympy.Integer(supplement) if unit == "degrees" else sympy.pi * sympy.Rational(
             supplement, 180),
         "check the sign of u·v: a negative dot product means an angle above 90°, a "
         "positive one below"),
    )  # fmt: skip
    example = "60" if unit == "degrees" else "pi/3"
    return build_problem(
        TOPIC,
        seed,
        prompt=rf"Find the angle $\theta$ between $u = {tex_vector(u)}$ and "
        rf"$v = {tex_vector(v)}$, in **{unit}**.",
        answer=answer,
        answer_format=f"an angle in {unit}, e.g. {example}",
        solution=solution,
        unit=unit,
        mistakes=mistakes,
        data={"u": u, "v": v, "degrees": degrees},
    )
