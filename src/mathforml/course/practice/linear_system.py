"""Practice: a 2x2 or 3x3 linear system A x = b with an integer solution.

The worked solution is Gauss–Jordan elimination on the augmented matrix [A | b]: the row
operations ``mathforml.linalg.rref`` performs (partial pivoting included), shown in exact
fractions (:mod:`.elimination`). When the left block has become the identity, the last
column is the solution.
"""

from __future__ import annotations

from .build import build_problem, seeded
from .elimination import reduce_rows
from .problem import Problem
from .render import tex, tex_augmented, tex_vector

__all__ = ["generate"]

TOPIC = "linear_system"
_NAMES = ("x", "y", "z")


def _det(A) -> int:
    if len(A) == 2:
        return A[0][0] * A[1][1] - A[0][1] * A[1][0]
    return sum((-1) ** j * A[0][j] * _det([row[:j] + row[j + 1 :] for row in A[1:]])
               for j in range(3))  # fmt: skip


def _equation(row, rhs: int) -> str:
    """``2x - y + 3z &= 7``: coefficients 1 and -1 written as signs, zeros left out."""
    text = ""
    for coefficient, name in zip(row, _NAMES, strict=False):
        if coefficient == 0:
            continue
        size = "" if abs(coefficient) == 1 else str(abs(coefficient))
        if not text:
            text = f"{'-' if coefficient < 0 else ''}{size}{name}"
        else:
            text += f" {'-' if coefficient < 0 else '+'} {size}{name}"
    return f"{text} &= {tex(rhs)}"


def generate(seed: int) -> Problem:
    """A with entries in -4 … 4 and det A ≠ 0 (one solution), x in -5 … 5, b = A x."""
    rng = seeded(TOPIC, seed)
    n = rng.choice((2, 2, 3))
    while True:
        A = [[rng.randint(-4, 4) for _ in range(n)] for _ in range(n)]
        if _det(A) != 0:
            break
    x = [rng.randint(-5, 5) for _ in range(n)]
    b = [sum(a * xi for a, xi in zip(row, x, strict=True)) for row in A]
    augmented = [row + [bi] for row, bi in zip(A, b, strict=True)]
    reduction = reduce_rows(augmented)
    solution = [f"Write the augmented matrix $[A \\mid b] = {tex_augmented(augmented, n)}$ and "
                "row reduce it (Gauss–Jordan, the largest entry of each column as the pivot)."]
    for step in reduction.steps:
        solution.append(
            f"${step.operation}$ ({step.reason}): ${tex_augmented(step.matrix, n)}$."
        )
    answer = [row[n] for row in reduction.R]
    names = ", ".join(_NAMES[:n])
    values = ", ".join(f"{name} = {tex(value)}" for name, value in zip(_NAMES, answer,
                                                                          strict=False))
    solution.append(
        f"The left block is the identity, so the last column is the solution: ${values}$, "
        f"that is $({names}) = {tex_vector(answer)}$."
    )
    system = r" \\ ".join(_equation(row, rhs) for row, rhs in zip(A, b, strict=True))
    example = "[1, -2]" if n == 2 else "[1, -2, 0]"
    return build_problem(
        TOPIC,
        seed,
        prompt=f"Solve for ${names}$: $\\begin{{aligned}} {system} \\end{{aligned}}$",
        answer=answer,
        answer_format=f"the solution as a vector [{names}], e.g. {example}",
        solution=solution,
        kind="vector",
        data={"A": A, "b": b},
    )
