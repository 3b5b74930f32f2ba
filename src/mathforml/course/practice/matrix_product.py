"""Practice: the matrix product AB, (AB)ᵢⱼ = row i of A · column j of B."""

from __future__ import annotations

from .build import build_problem, seeded
from .problem import Problem
from .render import tex, tex_factor, tex_matrix

__all__ = ["generate"]

TOPIC = "matrix_product"


def _product(A, B) -> list[list[int]]:
    columns = list(zip(*B, strict=True))
    return [[sum(a * b for a, b in zip(row, column, strict=True)) for column in columns]
            for row in A]  # fmt: skip


def generate(seed: int) -> Problem:
    """A 2x2 times a 2x2, or a 2x3 times a 3x2, with entries in -4 … 4."""
    rng = seeded(TOPIC, seed)
    m, k = rng.choice(((2, 2), (2, 3)))
    A = [[rng.randint(-4, 4) for _ in range(k)] for _ in range(m)]
    B = [[rng.randint(-4, 4) for _ in range(m)] for _ in range(k)]
    AB = _product(A, B)
    solution = [
        r"Each entry is a row of $A$ times a column of $B$: "
        r"$(AB)_{ij} = \sum_k A_{ik} B_{kj}$."
    ]
    for i, row in enumerate(A):
        parts = []
        for j, column in enumerate(zip(*B, strict=True)):
            terms = " + ".join(rf"{tex_factor(a)} \cdot {tex_factor(b)}"
                               for a, b in zip(row, column, strict=True))
            parts.append(f"(AB)_{{{i + 1}{j + 1}}} = {terms} = {tex(AB[i][j])}")
        solution.append(f"Row {i + 1}: $" + r"$, $".join(parts) + "$.")
    solution.append(f"$AB = {tex_matrix(AB)}$.")
    mistakes = [
        ("BA", _product(B, A),
         "this is BA; AB takes the rows of A with the columns of B"),
        ("transposed", [list(c) for c in zip(*AB, strict=True)],
         "this is the transpose of AB: entry (i, j) is row i of A times column j of B"),
    ]
    if m == k:
        mistakes += [
            ("entrywise", [[a * b for a, b in zip(r, s, strict=True)] for r, s in zip(A, B,
                                                                                   strict=True)],
             "this is the entrywise product; each entry of AB is a row of A times a column "
             "of B, a dot product"),
            ("rows_times_rows", [[sum(a * b for a, b in zip(r, s, strict=True)) for s in B]
                                 for r in A],
             "this pairs rows of A with rows of B (that is A Bᵀ); use the columns of B"),
        ]  # fmt: skip
    return build_problem(
        TOPIC,
        seed,
        prompt=rf"Compute the product $AB$ of $A = {tex_matrix(A)}$ and $B = {tex_matrix(B)}$.",
        answer=AB,
        answer_format="a matrix, e.g. [[1, 2], [3, 4]]",
        solution=solution,
        kind="matrix",
        mistakes=tuple(mistakes),
        data={"A": A, "B": B},
    )
