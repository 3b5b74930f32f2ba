"""What a practice generator makes and what an answer check returns: plain dataclasses.

No SymPy here: the dashboard imports this module (through the package) to list topics,
and it must start fast. The ``answer`` of a :class:`Problem` holds SymPy objects, made
by the generator when it runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Topic", "KnownMistake", "Problem", "AnswerCheck", "KINDS"]

KINDS = ("number", "vector", "matrix", "unordered", "expression")
"""What shape an answer has: one number; a vector (entries in order); a matrix (rows of
entries); several numbers in any order (eigenvalues); an expression in ``variables``."""


@dataclass(frozen=True)
class Topic:
    """A kind of practice problem: ``generate(topic.id, seed)`` makes one.

    ``concepts`` are ids of the curriculum's concept graph (what a right or wrong answer
    tells the review scheduler about); ``summary`` is one sentence for listings.
    """

    id: str
    title: str
    concepts: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class KnownMistake:
    """A wrong answer a generator can predict, with the message that explains it.

    ``value`` has the shape of the answer the mistake produces (which may differ from the
    right answer's: the scalar projection where the vector projection was asked), so the
    check recognises it before complaining about the shape. ``retry`` marks a slip of
    reading rather than of understanding (the angle in degrees where radians were asked):
    the check then lets the learner type again.
    """

    name: str
    value: Any
    message: str
    retry: bool = False


@dataclass(frozen=True)
class Problem:
    """One generated problem, deterministic in ``(topic, seed)``.

    Attributes
    ----------
    topic, seed
        What made it: ``generate(topic, seed)`` makes it again.
    prompt : str
        The question, Markdown with ``$…$`` LaTeX.
    answer
        The canonical answer: a SymPy number or expression, a list of them (a vector, or
        several values for ``kind == "unordered"``), or a list of rows (a matrix).
    answer_text : str
        The answer as plain text a learner could type, e.g. ``"[1/2, -3]"``; it is
        accepted by :func:`~mathforml.course.practice.check_answer`.
    answer_format : str
        What to type, e.g. ``"a vector, e.g. [1, 2]"``.
    solution : tuple of str
        The worked solution, one Markdown/LaTeX string per step; the last states the answer.
    kind : str
        One of :data:`KINDS`.
    variables : tuple of str
        The names an expression answer may use (empty for numbers, vectors, matrices).
    unit : str or None
        ``"degrees"`` or ``"radians"`` for angles (a trailing ``°``/``deg``/``rad`` that
        matches is accepted), else None.
    mistakes : tuple of KnownMistake
        Predicted wrong answers, checked in order, each with its explanation.
    data : dict
        The problem's numbers as plain Python (ints and ``fractions.Fraction``, in lists),
        for the web app's widgets and for tests that recompute the answer independently.
    answer_latex : str
        The answer in LaTeX, e.g. ``\\frac{\\sqrt{2}}{2}``.
    """

    topic: str
    seed: int
    prompt: str
    answer: Any
    answer_text: str
    answer_format: str
    solution: tuple[str, ...]
    kind: str = "number"
    variables: tuple[str, ...] = ()
    unit: str | None = None
    mistakes: tuple[KnownMistake, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)
    answer_latex: str = ""


@dataclass(frozen=True)
class AnswerCheck:
    """The verdict on one typed answer.

    ``correct`` is the verdict; ``message`` explains it to the learner without giving the
    answer away; ``parsed`` is the answer as it was understood, in canonical plain text
    (None when it could not be read); ``mistake`` names the :class:`KnownMistake`
    recognised, if any; ``retry`` is True when the answer was not really an attempt at
    this question: the text could not be read (the message says where), it has another
    shape (a number where a vector was asked), or another unit. An interface should let
    the learner type again then, without counting a wrong answer.
    """

    correct: bool
    message: str
    parsed: str | None
    mistake: str | None = None
    retry: bool = False
