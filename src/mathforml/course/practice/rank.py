"""Practice: the rank of a 3x3 or 3x4 matrix, the number of pivots after row reduction.

The generator picks the rank r first: r independent integer rows, and the others integer
combinations of them (shuffled in). The worked solution is ``mathforml.linalg.rref``'s
row operations, in exact fractions (:mod:`.elimination`), and a count of the pivots.
"""

from __future__ import annotations

from .build import build_problem, seeded
from .elimination import reduce_rows
from .problem import Problem
from .render import tex_matrix

__all__ = ["generate"]

TOPIC = "rank"


def generate(seed: int) -> Problem:
    """3 rows, 3 or 4 columns, rank 1, 2 or 3; independent rows with entries in -3 … 3,
    dependent rows a·row + b·row with a, b in -2 … 2 (entries stay within ±12)."""
    rng = seeded(TOPIC, seed)
    n = rng.choice((3, 4))
    r = rng.choice((1, 2, 2, 3))
    while True:
        basis = [[rng.randint(-3, 3) for _ in range(n)] for _ in range(r)]
        rows = [row[:] for row in basis]
        for _ in range(3 - r):
            while True:
                weights = [rng.randint(-2, 2) for _ in range(r)]
                if any(weights):
                    break
            rows.append([sum(w * row[j] for w, row in zip(weights, basis, strict=True))
                         for j in range(n)])  # fmt: skip
        distinct = len({tuple(row) for row in rows}) == 3
        if distinct and all(any(row) for row in rows) and len(reduce_rows(basis).pivots) == r:
            break
    rng.shuffle(rows)
    reduction = reduce_rows(rows)
    rank = len(reduction.pivots)
    solution = [f"Row reduce $A = {tex_matrix(rows)}$; the rank is the number of pivots."]
    for step in reduction.steps:
        solution.append(f"${step.operation}$ ({step.reason}): ${tex_matrix(step.matrix)}$.")
    columns = ", ".join(str(p + 1) for p in reduction.pivots)
    plural = "s" if rank > 1 else ""
    rest = "the other rows became zero" if rank < 3 else "every row has one"
    solution.append(
        f"The reduced form has {rank} pivot{plural} (in column{plural} {columns}); {rest}, "
        f"so $\\operatorname{{rank}} A = {rank}$."
    )
    mistakes = (
        ("counted_rows", 3,
         "row reduce first: a row that is a combination of the others becomes zero, and "
         "only pivots count"),
        ("counted_columns", n,
         "the rank is at most the number of rows (3): it counts pivots, one per nonzero row "
         "of the reduced form"),
    )  # fmt: skip
    return build_problem(
        TOPIC,
        seed,
        prompt=f"Find the rank of $A = {tex_matrix(rows)}$.",
        answer=rank,
        answer_format="a whole number, e.g. 2",
        solution=solution,
        mistakes=mistakes,
        data={"A": rows},
    )
