"""What every generator does the same way: a seeded random source, and the Problem itself.

``build_problem`` turns a generator's exact answer (ints and Fractions) into SymPy, writes
its plain text and LaTeX, and drops predicted mistakes that coincide with the answer or
with an earlier mistake (for some numbers "forgot the sign" gives the right answer).
"""

from __future__ import annotations

import random
from typing import Any

from .answers import same_value
from .problem import KnownMistake, Problem
from .render import plain, tex, tex_value, to_sympy

__all__ = ["seeded", "build_problem"]


def seeded(topic: str, seed: int) -> random.Random:
    """The random source of ``(topic, seed)``: string seeding hashes with SHA-512, so the
    sequence is the same in every process and on every platform."""
    return random.Random(f"mathforml.practice:{topic}:{seed}")


def build_problem(
    topic: str,
    seed: int,
    *,
    prompt: str,
    answer: Any,
    answer_format: str,
    solution: list[str],
    kind: str = "number",
    unit: str | None = None,
    mistakes: tuple[tuple[str, Any, str], ...] = (),
    data: dict[str, Any] | None = None,
    variables: tuple[str, ...] = (),
) -> Problem:
    """A :class:`Problem` from exact values; ``mistakes`` are (name, value, message) or
    (name, value, message, retry) tuples."""
    answer = to_sympy(answer)
    unordered = kind == "unordered"
    kept: list[KnownMistake] = []
    for name, value, message, *retry in mistakes:
        value = to_sympy(value)
        if same_value(value, answer, unordered, variables) or any(
            same_value(value, earlier.value, unordered, variables) for earlier in kept
        ):
            continue
        kept.append(KnownMistake(name, value, message, *retry))
    text, latex = plain(answer), tex_value(answer)
    if unordered:  # "1, 3": several values, not a vector
        text, latex = text[1:-1], ", ".join(tex(value) for value in answer)
    return Problem(
        topic=topic,
        seed=seed,
        prompt=prompt,
        answer=answer,
        answer_text=text,
        answer_format=answer_format,
        solution=tuple(solution),
        kind=kind,
        variables=variables,
        unit=unit,
        mistakes=tuple(kept),
        data=dict(data or {}),
        answer_latex=latex,
    )
