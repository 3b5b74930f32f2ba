"""Practice: the determinant of a 3x3 matrix by cofactor expansion.

det A = Σⱼ (−1)^(i+j) aᵢⱼ det Mᵢⱼ along any row i (or column), Mᵢⱼ being A without row i
and column j. The worked solution expands along the line with the most zeros, since each
zero entry removes a whole 2x2 determinant from the work.
"""

from __future__ import annotations

from .build import build_problem, seeded
from .problem import Problem
from .render import tex, tex_factor, tex_matrix

__all__ = ["generate"]

TOPIC = "determinant_3x3"


def _det2(M) -> int:
    return M[0][0] * M[1][1] - M[0][1] * M[1][0]


def _minor(A, i: int, j: int) -> list[list[int]]:
    return [[A[r][c] for c in range(3) if c != j] for r in range(3) if r != i]


def _det3(A) -> int:
    return sum((-1) ** j * A[0][j] * _det2(_minor(A, 0, j)) for j in range(3))


def generate(seed: int) -> Problem:
    """Entries in -3 … 3, about a quarter of them zero, but no row or column all zero
    (its determinant would be 0 at a glance)."""
    rng = seeded(TOPIC, seed)
    entries = (-3, -2, -1, 0, 0, 1, 2, 3)
    A = [[0] * 3 for _ in range(3)]
    while not (all(any(row) for row in A) and all(any(column) for column in zip(*A, strict=True))):
        A = [[rng.choice(entries) for _ in range(3)] for _ in range(3)]
    answer = _det3(A)
    # the line (row or column) with the most zeros; rows first on ties
    lines = [("row", i, [(i, j) for j in range(3)]) for i in range(3)]
    lines += [("column", j, [(i, j) for i in range(3)]) for j in range(3)]
    name, index, cells = max(lines, key=lambda line: sum(A[i][j] == 0 for i, j in line[2]))
    signs = "".join("+" if (i + j) % 2 == 0 else "-" for i, j in cells)
    solution = [
        rf"Expand along {name} {index + 1} (it has the most zeros). Cofactor signs "
        rf"$(-1)^{{i+j}}$ follow the checkerboard, here ${' '.join(signs)}$: "
        rf"$\det A = \sum (-1)^{{i+j}} a_{{ij}} \det M_{{ij}}$."
    ]
    terms = []
    unsigned = 0
    for i, j in cells:
        a = A[i][j]
        minor = _minor(A, i, j)
        sign = (-1) ** (i + j)
        unsigned += a * _det2(minor)
        if a == 0:
            solution.append(f"$a_{{{i + 1}{j + 1}}} = 0$: this term vanishes.")
            continue
        m = _det2(minor)
        solution.append(
            rf"$a_{{{i + 1}{j + 1}}} = {tex(a)}$, $\det M_{{{i + 1}{j + 1}}} = "
            rf"\det {tex_matrix(minor)} = {tex_factor(minor[0][0])} \cdot "
            rf"{tex_factor(minor[1][1])} - {tex_factor(minor[0][1])} \cdot "
            rf"{tex_factor(minor[1][0])} = {tex(m)}$; the term is "
            rf"${'+' if sign > 0 else '-'}\,{tex_factor(a)} \cdot {tex_factor(m)} = "
            rf"{tex(sign * a * m)}$."
        )
        terms.append(sign * a * m)
    if len(terms) > 1:
        total = " + ".join(tex_factor(t) for t in terms)
        solution.append(rf"$\det A = {total} = {tex(answer)}$.")
    else:
        solution.append(rf"$\det A = {tex(answer)}$.")
    mistakes = (
        ("no_checkerboard", unsigned,
         "the cofactor signs alternate: (−1)^(i+j), the checkerboard + − + / − + − / + − +"),
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
