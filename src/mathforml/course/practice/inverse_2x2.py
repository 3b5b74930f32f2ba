"""Practice: the inverse of a 2x2 matrix, A⁻¹ = (1/det A) [[d, −b], [−c, a]]."""

from __future__ import annotations

from fractions import Fraction

from .build import build_problem, seeded
from .problem import Problem
from .render import tex, tex_factor, tex_matrix

__all__ = ["generate"]

TOPIC = "inverse_2x2"


def generate(seed: int) -> Problem:
    """Integer entries in -6 … 6 and a determinant in ±1 … ±5, so the inverse has
    integers or fractions with a denominator of at most 5."""
    rng = seeded(TOPIC, seed)
    target = rng.choice((1, -1, 1, -1, 2, -2, 3, -3, 4, 5))
    while True:
        a, b, c, d = (rng.randint(-6, 6) for _ in range(4))
        if a * d - b * c == target:
            break
    A = [[a, b], [c, d]]
    det = target
    adjugate = [[d, -b], [-c, a]]
    answer = [[Fraction(x, det) for x in row] for row in adjugate]
    solution = [
        rf"$\det A = ad - bc = {tex_factor(a)} \cdot {tex_factor(d)} - {tex_factor(b)} \cdot "
        rf"{tex_factor(c)} = {tex(det)}$, not zero, so $A$ is invertible.",
        r"Swap the diagonal entries and negate the other two: "
        rf"$\begin{{bmatrix}} d & -b \\ -c & a \end{{bmatrix}} = {tex_matrix(adjugate)}$.",
        rf"Divide by $\det A = {tex(det)}$: $A^{{-1}} = {tex_matrix(answer)}$.",
    ]
    mistakes = [
        ("forgot_determinant", adjugate,
         "divide by det A: the inverse is (1/det A) [[d, −b], [−c, a]]"),
        ("forgot_negation", [[Fraction(x, det) for x in row] for row in [[d, b], [c, a]]],
         "negate b and c, the off-diagonal entries: (1/det A) [[d, −b], [−c, a]]"),
        ("negated_diagonal", [[Fraction(x, det) for x in row] for row in [[-d, b], [c, -a]]],
         "swap a and d and negate b and c (not the other way round)"),
        ("not_swapped", [[Fraction(x, det) for x in row] for row in [[a, -b], [-c, d]]],
         "swap a and d: (1/det A) [[d, −b], [−c, a]]"),
    ]
    if all((a, b, c, d)):
        mistakes.append(
            ("entrywise_reciprocal", [[Fraction(1, x) for x in row] for row in A],
             "the inverse is not the matrix of reciprocals 1/aᵢⱼ; A A⁻¹ must be I")
        )
    return build_problem(
        TOPIC,
        seed,
        prompt=rf"Find the inverse $A^{{-1}}$ of $A = {tex_matrix(A)}$.",
        answer=answer,
        answer_format="a matrix, e.g. [[1, -1/2], [0, 1/2]]",
        solution=solution,
        kind="matrix",
        mistakes=tuple(mistakes),
        data={"A": A},
    )
