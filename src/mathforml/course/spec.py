"""What an exercise's ``spec.py`` declares: the reference, the inputs, the comparison.

An exercise is four files in ``mathforml/content/exercises/<id>/``:

- ``exercise.toml``: id, title, lesson, concepts, the function's name, the statement and
  the hints (plain data, read without importing anything heavy);
- ``stub.py``: what the learner starts from, copied into their workspace;
- ``solution.py``: a model solution (the tests prove it passes its own grader);
- ``spec.py``: a module-level ``SPEC = ExerciseSpec(...)``, the part that needs code.

``spec.py`` is only imported when grading, because its input strategy needs Hypothesis.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Misconception", "ExerciseSpec"]


@dataclass(frozen=True)
class Misconception:
    """A known wrong idea, recognised from a failing result.

    Give either ``wrong``, a wrong implementation with the learner's signature (the
    misconception explains a failure when the learner's result equals ``wrong(*args)``
    within the exercise's tolerance), or ``matches``, a predicate
    ``matches(args, expected, actual) -> bool`` for ideas no single implementation
    captures (e.g. "the result is transposed"). ``message`` speaks to the learner: what
    they probably did, and the idea that fixes it.
    """

    name: str
    message: str
    wrong: Callable[..., Any] | None = None
    matches: Callable[[tuple, Any, Any], bool] | None = None

    def __post_init__(self):
        if (self.wrong is None) == (self.matches is None):
            raise ValueError(f"misconception {self.name!r}: give exactly one of wrong, matches")


@dataclass(frozen=True)
class ExerciseSpec:
    """How to grade one exercise.

    Parameters
    ----------
    reference : callable
        The library function (or a small wrapper around one) the learner's function must
        equal. It runs in the grader's own process, never in the sandbox.
    inputs : callable
        ``inputs()`` returns a Hypothesis strategy of argument tuples; a function, so that
        Hypothesis is imported only when grading.
    rtol, atol : float
        The comparison ``|actual - expected| <= atol + rtol * |expected|``, elementwise.
    misconceptions : tuple of Misconception
        Checked in order on the smallest failing input; the first that matches is reported.
    max_examples : int
        How many generated inputs a check tries (at least 100 for a real check).
    timeout : float
        Wall-clock seconds one call of the learner's function may take before the grader
        calls it an infinite loop.
    forbidden : tuple of str
        Dotted names the learner's code must not use, because using them skips the point
        of the exercise (``"numpy.dot"``, ``"numpy.linalg"``); ``mathforml`` itself is
        always forbidden. Checked on the source, before anything runs.
    """

    reference: Callable[..., Any]
    inputs: Callable[[], Any]
    rtol: float = 1e-9
    atol: float = 1e-12
    misconceptions: tuple[Misconception, ...] = field(default_factory=tuple)
    max_examples: int = 100
    timeout: float = 2.0
    forbidden: tuple[str, ...] = ()
