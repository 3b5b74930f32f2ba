"""Practice: the determinant of a 2x2 matrix, det [[a, b], [c, d]] = ad − bc."""

from __future__ import annotations

from .build import build_problem, seeded
from .problem import Problem
from .render import tex, tex_factor, tex_matrix

__all__ = ["generate"]

TOPIC = "determinant_2x2"


def generate(seed: int) -> Problem:
    """Integer entries in -9 … 9."""
    rng = seeded(TOPIC, seed)
    a, b, c, d = (rng.randint(-9, 9) for _ in range(4))
    A = [[a, b], [c, d]]
    answer = a * d - b * c
    solution = [
        r"For $A = \begin{bmatrix} a & b \\ c & d \end{bmatrix}$, "
        r"$\det A = ad - bc$: the main diagonal's product minus the other diagonal's.",
        rf"$\det A = {tex_factor(a)} \cdot {tex_factor(d)} - {tex_factor(b)} \cdot "
        rf"{tex_factor(c)} = {tex(a * d)} - {tex_factor(b * c)}$.",
        rf"$\det A = {tex(answer)}$.",
    ]
    mistakes = (
        ("plus_sign", a * d + b * c, "the determinant subtracts: ad − bc, not ad + bc"),
        ("reversed", b * c - a * d,
         "the order is main diagonal first: ad − bc (you have bc − ad)"),
        ("rows_not_diagonals", a * b - c * d,
         "multiply along the diagonals (a·d and b·c), not along the rows"),
        ("columns_not_diagonals", a * c - b * d,
         "multiply along the diagonals (a·d and b·c), not down the columns"),
    )
    return build_problem(
        TOPIC,
        seed,
        prompt=rf"Compute $\det A$ for $A = {tex_matrix(A)}$.",
        answer=answer,
        answer_format="a number, e.g. -14",
        solution=solution,
        mistakes=mistakes,
        data={"A": A},
    )
