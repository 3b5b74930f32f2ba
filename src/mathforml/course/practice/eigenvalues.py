"""Practice: the eigenvalues of a symmetric 2x2 matrix, the roots of λ² − (tr A) λ + det A.

For A = [[a, b], [b, d]] the discriminant (a + d)² − 4(ad − b²) = (a − d)² + 4b² is never
negative (symmetric matrices have real eigenvalues); the generator keeps the matrices
for which it is a perfect square of the right parity, so both eigenvalues are integers.
The characteristic polynomial comes from ``mathforml.linalg.characteristic_polynomial``
(exact, Faddeev–LeVerrier in fractions).
"""

from __future__ import annotations

import math

from ...linalg import characteristic_polynomial
from .build import build_problem, seeded
from .problem import Problem
from .render import tex, tex_factor, tex_matrix

__all__ = ["generate"]

TOPIC = "eigenvalues"


def _polynomial(trace: int, det: int) -> str:
    """λ² − t λ + d with the signs and unit coefficients written the usual way."""
    text = r"\lambda^2"
    if trace:
        size = "" if abs(trace) == 1 else str(abs(trace))
        text += rf" {'-' if trace > 0 else '+'} {size}\lambda"
    if det:
        text += f" {'+' if det > 0 else '-'} {abs(det)}"
    return text


def _factor(root: int) -> str:
    """The factor (λ − root) of the polynomial, written λ for a zero root."""
    if root == 0:
        return r"\lambda"
    return rf"(\lambda {'-' if root > 0 else '+'} {abs(root)})"


def generate(seed: int) -> Problem:
    """a, d in -6 … 6, b in ±1 … ±6, kept when (a − d)² + 4b² is a square s² with
    a + d + s even: the eigenvalues (a + d ± s)/2 are then distinct integers."""
    rng = seeded(TOPIC, seed)
    while True:
        a, d = rng.randint(-6, 6), rng.randint(-6, 6)
        b = rng.choice((-1, 1)) * rng.randint(1, 6)
        discriminant = (a - d) ** 2 + 4 * b * b
        s = math.isqrt(discriminant)
        if s * s == discriminant and (a + d + s) % 2 == 0:
            break
    A = [[a, b], [b, d]]
    _, minus_trace, det = (int(c) for c in characteristic_polynomial(A, exact=True))
    trace = -minus_trace
    low, high = (trace - s) // 2, (trace + s) // 2
    solution = [
        r"The eigenvalues are the roots of the characteristic polynomial "
        r"$\det(\lambda I - A) = \lambda^2 - (\operatorname{tr} A)\,\lambda + \det A$.",
        rf"$\operatorname{{tr}} A = {tex_factor(a)} + {tex_factor(d)} = {tex(trace)}$ and "
        rf"$\det A = {tex_factor(a)} \cdot {tex_factor(d)} - {tex_factor(b)}^2 = {tex(det)}$, "
        rf"so $p(\lambda) = {_polynomial(trace, det)}$.",
        rf"Its discriminant is $({tex(trace)})^2 - 4 \cdot {tex_factor(det)} = "
        rf"{discriminant} = {s}^2$, so $\lambda = \dfrac{{{tex(trace)} \pm {s}}}{{2}}$.",
        rf"$p(\lambda) = {_factor(low)}{_factor(high)}$: the eigenvalues are "
        rf"${tex(low)}, {tex(high)}$.",
    ]
    mistakes = (
        ("diagonal", [a, d],
         "the diagonal entries are the eigenvalues only of a triangular matrix; here b ≠ 0"),
        ("negated", [-low, -high],
         "check the signs: the eigenvalues add up to the trace and multiply to the determinant"),
        ("trace_and_determinant", [trace, det],
         "those are the trace and the determinant; the eigenvalues are the roots of "
         "λ² − (tr A) λ + det A"),
    )  # fmt: skip
    return build_problem(
        TOPIC,
        seed,
        prompt=rf"Find the eigenvalues of the symmetric matrix $A = {tex_matrix(A)}$ "
        "(both of them, in any order).",
        answer=[low, high],
        answer_format="the two eigenvalues, in any order, e.g. 1, 3",
        solution=solution,
        kind="unordered",
        mistakes=mistakes,
        data={"A": A},
    )
